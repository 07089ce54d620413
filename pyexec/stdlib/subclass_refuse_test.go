package stdlib_test

import (
	"strings"
	"testing"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/bytecode"
)

// TestSubclassRefused checks that deriving a class from a native type
// that CPython allows as a base but pybridge cannot lay out raises a
// TypeError naming the type (never a SystemError, a panic or a class whose
// instances misbehave), and that the supported ones still derive.
func TestSubclassRefused(t *testing.T) {
	th := pyexec.NewThread(bytecode.Py312)
	attr := func(mod, path string) py.Object {
		t.Helper()
		m, err := th.Import(mod)
		if err != nil {
			t.Fatal(err)
		}
		var o py.Object = m
		for _, p := range strings.Split(path, ".") {
			if o, err = pyexec.GetAttr(th, o, p); err != nil {
				t.Fatalf("%s.%s: %v", mod, path, err)
			}
		}
		return o
	}
	derive := func(base py.Object) error {
		_, err := pyexec.NewClass(th, nil, "S", py.Tuple{base}, pyexec.NewDict(0))
		return err
	}
	for _, c := range []struct{ mod, path, name string }{
		{"datetime", "date", "datetime.date"},
		{"datetime", "datetime", "datetime.datetime"},
		{"datetime", "time", "datetime.time"},
		{"datetime", "timedelta", "datetime.timedelta"},
		{"itertools", "chain", "itertools.chain"},
		{"itertools", "count", "itertools.count"},
		{"functools", "partial", "functools.partial"},
		{"random", "Random", "random.Random"},
		{"io", "StringIO", "_io.StringIO"},
		{"string", "Template", "string.Template"},
		{"types", "SimpleNamespace", "types.SimpleNamespace"},
		{"uuid", "UUID", "uuid.UUID"},
		{"struct", "Struct", "_struct.Struct"},
		{"_thread", "RLock", "_thread.RLock"},
		{"decimal", "Context", "decimal.Context"},
	} {
		err := derive(attr(c.mod, c.path))
		want := "TypeError: type '" + c.name + "' cannot be subclassed in pybridge"
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("class S(%s.%s): got %v, want %s...", c.mod, c.path, err, want)
		}
	}
	for _, name := range []string{"map", "filter", "zip", "enumerate", "reversed"} {
		b, ok := pyexec.BuiltinsFor(bytecode.Py312).GetStr(th, name)
		if !ok {
			t.Fatalf("no builtin %s", name)
		}
		err := derive(b)
		want := "TypeError: type '" + name + "' cannot be subclassed in pybridge"
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("class S(%s): got %v, want %s...", name, err, want)
		}
	}
	if err := derive(pyexec.ByteArrayType); err == nil || !strings.HasPrefix(err.Error(), "TypeError: type 'bytearray' cannot be subclassed in pybridge") {
		t.Errorf("class S(bytearray): got %v", err)
	}
	// CPython's own refusals keep CPython's message.
	if err := derive(attr("_thread", "LockType")); err == nil || err.Error() != "TypeError: type '_thread.lock' is not an acceptable base type" {
		t.Errorf("class S(_thread.LockType): got %v", err)
	}
	// Supported bases derive, and instances carry the base's value.
	for _, c := range [][2]string{{"collections", "deque"}, {"collections", "OrderedDict"}, {"collections", "defaultdict"},
		{"collections", "Counter"}, {"collections", "ChainMap"}, {"decimal", "Decimal"}, {"datetime", "tzinfo"}} {
		base := attr(c[0], c[1])
		cls, err := pyexec.NewClass(th, nil, "S", py.Tuple{base}, pyexec.NewDict(0))
		if err != nil {
			t.Errorf("class S(%s.%s): %v", c[0], c[1], err)
			continue
		}
		in, err := pyexec.Call(th, cls, nil, nil)
		if err != nil {
			t.Errorf("S() for %s.%s: %v", c[0], c[1], err)
			continue
		}
		if !pyexec.IsInstance(in, base.(*py.Type)) {
			t.Errorf("S() is not an instance of %s.%s", c[0], c[1])
		}
	}
}
