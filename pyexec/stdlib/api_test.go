package stdlib_test

import (
	"strings"
	"testing"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/bytecode"
)

func TestImportAPI(t *testing.T) {
	th := pyexec.NewThread(bytecode.Py312)
	m, err := th.Import("math")
	if err != nil {
		t.Fatal(err)
	}
	m2, _ := th.Import("math")
	if m != m2 {
		t.Fatal("Import does not cache per thread")
	}
	if s, _ := pyexec.Repr(th, m); s != "<module 'math' (built-in)>" {
		t.Fatalf("repr %q", s)
	}
	other := pyexec.NewThread(bytecode.Py312)
	if m3, _ := other.Import("math"); m3 == m {
		t.Fatal("module shared between threads")
	}
	p, err := th.Import("os.path")
	if err != nil {
		t.Fatal(err)
	}
	osm, _ := th.Import("os")
	if v, err := pyexec.GetAttr(th, osm, "path"); err != nil || v != p {
		t.Fatalf("os.path not set on os: %v %v", v, err)
	}
	for name, want := range map[string]string{
		"nosuch":         "ModuleNotFoundError: No module named 'nosuch'",
		"nosuch.sub":     "ModuleNotFoundError: No module named 'nosuch'",
		"subprocess":     "ModuleNotFoundError: No module named 'subprocess' (pybridge: module needs host capability 'process', not granted)",
		"socket":         "capability 'network'",
		"urllib.request": "capability 'network'",
		"shutil":         "capability 'filesystem'",
	} {
		_, err := th.Import(name)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Import(%q) = %v, want %q", name, err, want)
		}
		if e, ok := err.(*pyexec.Exception); !ok || !pyexec.IsSubtype(e.Type(), pyexec.ImportErrorType) {
			t.Errorf("Import(%q): not an ImportError: %v", name, err)
		}
	}
	if _, err := pyexec.GetAttr(th, osm, "system"); err == nil || !strings.Contains(err.Error(), "host capability") {
		t.Errorf("os.system: %v", err)
	}
	names := pyexec.ModuleNames()
	for _, want := range []string{"math", "operator", "functools", "itertools", "string", "os", "os.path", "copyreg", "types"} {
		found := false
		for _, n := range names {
			found = found || n == want
		}
		if !found {
			t.Errorf("ModuleNames lacks %s: %v", want, names)
		}
	}
	rc, err := th.Import("copyreg")
	if err != nil {
		t.Fatal(err)
	}
	if v, err := pyexec.GetAttr(th, rc, "_reconstructor"); err != nil || !pyexec.IsCallable(v) {
		t.Fatalf("copyreg._reconstructor: %v", err)
	}
	if _, ok := rc.Dict.GetStr(th, "__name__"); !ok {
		t.Fatal("module without __name__")
	}
	_ = py.None
}

func TestRegisterDuplicatePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("duplicate registration did not panic")
		}
	}()
	pyexec.RegisterModule("math", nil)
}
