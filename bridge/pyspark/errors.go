package pyspark

import (
	"sort"
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/bridge"
	"github.com/pybridge/pybridge/pyexec"
)

// PySparkExceptionType is pyspark.errors.exceptions.base.PySparkException.
var PySparkExceptionType = pyexec.NewNativeType("pyspark.errors.exceptions.base", "PySparkException", pyexec.ExceptionType)

// The PySpark exception classes PySpark's own wrappers raise on workers.
var (
	PySparkValueErrorType = pyexec.NewNativeType("pyspark.errors.exceptions.base", "PySparkValueError", pyexec.ValueErrorType)
	PySparkTypeErrorType  = pyexec.NewNativeType("pyspark.errors.exceptions.base", "PySparkTypeError", pyexec.TypeErrorType)
)

// errorTemplates are the messages of the error classes PySpark raises on
// workers (python/pyspark/errors/error-conditions.json).
var errorTemplates = map[string]string{
	"STOP_ITERATION_OCCURRED":  "Caught StopIteration thrown from user's code; failing the task: <exc>",
	"PYTHON_HASH_SEED_NOT_SET": "Randomness of hash of string should be disabled via PYTHONHASHSEED.",
}

// pysparkExcCtor is PySparkException(message=None, errorClass=None,
// messageParameters=None): the message is "[CLASS] template" with the
// parameters substituted.
func pysparkExcCtor(typ *py.Type) pyexec.BuiltinFunc {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs(typ.Name, args, kw, []string{"message", "errorClass", "messageParameters"}, 0)
		if err != nil {
			return nil, err
		}
		if a[0] != nil && !pyexec.IsNone(a[0]) {
			return pyexec.NewException(typ, a[0]), nil
		}
		class := ""
		if s, ok := a[1].(py.String); ok {
			class = string(s)
		}
		msg, ok := errorTemplates[class]
		if !ok {
			msg = "<unknown error class>"
		}
		if d, ok := a[2].(*pyexec.Dict); ok {
			var keys []string
			vals := map[string]string{}
			d.Items(func(k, v py.Object) bool {
				ks, _ := pyexec.Str(t, k)
				vs, _ := pyexec.Str(t, v)
				keys = append(keys, ks)
				vals[ks] = vs
				return true
			})
			sort.Strings(keys)
			for _, k := range keys {
				msg = strings.ReplaceAll(msg, "<"+k+">", vals[k])
			}
		}
		return pyexec.NewException(typ, py.String("["+class+"] "+msg)), nil
	}
}

func newErrorsModule(name string) bridge.ModuleBuilder {
	return func(t *pyexec.Thread) (*pyexec.Module, error) {
		m := pyexec.NewModule(t, name)
		for _, typ := range []*py.Type{PySparkExceptionType, PySparkRuntimeErrorType, PySparkValueErrorType, PySparkTypeErrorType} {
			m.Set(t, typ.Name, typ)
		}
		return m, nil
	}
}

func init() {
	for _, typ := range []*py.Type{PySparkExceptionType, PySparkRuntimeErrorType, PySparkValueErrorType, PySparkTypeErrorType} {
		pyexec.SetTypeCtor(typ, pysparkExcCtor(typ))
	}
	for _, name := range []string{"pyspark.errors", "pyspark.errors.exceptions.base"} {
		bridge.MustRegister(bridge.RegisterModule(name, newErrorsModule(name)))
	}
}
