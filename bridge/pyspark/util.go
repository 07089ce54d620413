package pyspark

import (
	"errors"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/bridge"
	"github.com/pybridge/pybridge/pyexec"
)

// failOnStopIteration is pyspark.util.fail_on_stopiteration.
var failOnStopIteration = &pyexec.Builtin{Name: "fail_on_stopiteration", Fn: func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("fail_on_stopiteration", args, kw, 1, 1); err != nil {
		return nil, err
	}
	return &stopIterWrapper{f: args[0]}, nil
}}

// wrapperType is the type of fail_on_stopiteration's wrapper (a function
// named wrapper in PySpark).
var wrapperType = pyexec.NewNativeType("pyspark.util", "function", nil)

type stopIterWrapper struct{ f py.Object }

func (w *stopIterWrapper) Type() *py.Type { return wrapperType }

// Repr reads as the wrapper function PySpark returns.
func (w *stopIterWrapper) Repr(*pyexec.Thread) (string, error) {
	return "<function fail_on_stopiteration.<locals>.wrapper>", nil
}

// Call calls f; a StopIteration escaping it becomes PySparkRuntimeError.
func (w *stopIterWrapper) Call(t *pyexec.Thread, args []py.Object, kwnames py.Tuple) (py.Object, error) {
	var kws []pyexec.KV
	if n := len(kwnames); n > 0 {
		pos := len(args) - n
		kws = make([]pyexec.KV, n)
		for i, k := range kwnames {
			kws[i] = pyexec.KV{Name: string(k.(py.String)), Value: args[pos+i]}
		}
		args = args[:pos]
	}
	v, err := pyexec.Call(t, w.f, args, kws)
	if err != nil {
		var e *pyexec.Exception
		if errors.As(err, &e) && pyexec.IsSubtype(e.Type(), pyexec.StopIterationType) {
			msg, _ := pyexec.Str(t, e)
			ne := pyexec.Errorf(PySparkRuntimeErrorType, "[STOP_ITERATION_OCCURRED] Caught StopIteration thrown from user's code; failing the task: %s", msg)
			ne.Context = e
			return nil, ne
		}
		return nil, err
	}
	return v, nil
}

// portableHash is pyspark.rdd.portable_hash.
var portableHash = &pyexec.Builtin{Name: "portable_hash", Fn: func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("portable_hash", args, kw, 1, 1); err != nil {
		return nil, err
	}
	if _, ok := bridge.TaskEnvOf(t).Getenv("PYTHONHASHSEED"); !ok {
		return nil, pyexec.Errorf(PySparkRuntimeErrorType, "[PYTHON_HASH_SEED_NOT_SET] Randomness of hash of string should be disabled via PYTHONHASHSEED.")
	}
	h, err := PortableHash(t, args[0])
	if err != nil {
		return nil, err
	}
	return pyexec.MakeInt(h), nil
}}

// PortableHash computes pyspark.rdd.portable_hash(x) with thread t's hash
// (its CPython version and hash seed): 0 for None, PySpark's tuple mix for
// tuples, hash(x) otherwise.
func PortableHash(t *pyexec.Thread, x py.Object) (int64, error) {
	switch v := x.(type) {
	case py.NoneType:
		return 0, nil
	case py.Tuple:
		h := uint64(0x345678)
		for _, it := range v {
			e, err := PortableHash(t, it)
			if err != nil {
				return 0, err
			}
			h ^= uint64(e)
			h *= 1000003
			h &= 1<<63 - 1 // sys.maxsize
		}
		h ^= uint64(len(v))
		return int64(h), nil
	}
	return pyexec.Hash(t, x)
}
