package bridge

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/internal/golden"
	"github.com/pybridge/pybridge/pickle"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/bytecode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLoadCodec materialises every plain-data golden pickle and compares
// repr() with CPython's.
func TestLoadCodec(t *testing.T) {
	data, err := os.ReadFile(golden.Path("codec", "expected.json"))
	require.NoError(t, err)
	var cases []struct {
		File, Type, Repr string
	}
	require.NoError(t, json.Unmarshal(data, &cases))
	pass := 0
	for _, c := range cases {
		raw, err := os.ReadFile(golden.Path("codec", c.File))
		require.NoError(t, err)
		l, err := LoadBytes(raw, MaterializeOptions{Version: bytecode.Py311})
		if !assert.NoError(t, err, c.File) {
			continue
		}
		got, err := pyexec.Repr(l.Thread, l.Value)
		require.NoError(t, err, c.File)
		if assert.Equal(t, c.Repr, got, c.File) {
			pass++
		}
	}
	assert.Equal(t, len(cases), pass, "codec pickles whose repr matches CPython's")
	t.Logf("codec: %d/%d reprs match CPython", pass, len(cases))
}

func TestUnknownGlobal(t *testing.T) {
	raw, err := os.ReadFile(golden.Path("check", "call_os_system.pkl"))
	require.NoError(t, err)
	_, err = LoadBytes(raw, MaterializeOptions{})
	require.Error(t, err)
	assert.Regexp(t, regexp.MustCompile(`^pybridge: unknown global (os|posix)\.system at offset 0x[0-9a-f]+$`), err.Error())
	var le *LoadError
	require.True(t, errors.As(err, &le))
	assert.NotZero(t, le.Offset)
}

func TestDisallowedBuiltin(t *testing.T) {
	b, err := pickle.Marshal(&pickle.Call{Callable: &pickle.Global{Module: "builtins", Name: "eval"},
		Args: &pickle.Tuple{Items: []pickle.Value{&pickle.Str{Value: "1"}}}})
	require.NoError(t, err)
	_, err = LoadBytes(b, MaterializeOptions{})
	require.Error(t, err)
	assert.Regexp(t, `^pybridge: disallowed global builtins.eval at offset 0x[0-9a-f]+$`, err.Error())
}

func TestCallNotAllowed(t *testing.T) {
	// REDUCE of builtins.len at load time is refused: only types,
	// reconstructors and a guarded getattr are called.
	b, err := pickle.Marshal(&pickle.Call{Callable: &pickle.Global{Module: "builtins", Name: "len"},
		Args: &pickle.Tuple{Items: []pickle.Value{&pickle.Str{Value: "ab"}}}})
	require.NoError(t, err)
	_, err = LoadBytes(b, MaterializeOptions{})
	require.ErrorContains(t, err, "calling <built-in function len> is not allowed at load")

	// getattr on a private attribute is refused.
	b, err = pickle.Marshal(&pickle.Call{Callable: &pickle.Global{Module: "builtins", Name: "getattr"},
		Args: &pickle.Tuple{Items: []pickle.Value{&pickle.Global{Module: "builtins", Name: "str"}, &pickle.Str{Value: "_x"}}}})
	require.NoError(t, err)
	_, err = LoadBytes(b, MaterializeOptions{})
	require.ErrorContains(t, err, `getattr(<class 'str'>, "_x")`)

	// getattr on a public method of a built-in type works.
	b, err = pickle.Marshal(&pickle.Call{Callable: &pickle.Global{Module: "builtins", Name: "getattr"},
		Args: &pickle.Tuple{Items: []pickle.Value{&pickle.Global{Module: "builtins", Name: "str"}, &pickle.Str{Value: "upper"}}}})
	require.NoError(t, err)
	l, err := LoadBytes(b, MaterializeOptions{})
	require.NoError(t, err)
	s, _ := pyexec.Repr(l.Thread, l.Value)
	assert.Equal(t, "<method 'upper' of 'str' objects>", s)
}

func TestCycles(t *testing.T) {
	// A tuple inside a list that contains the tuple: the list item is
	// patched once the tuple exists.
	lst := &pickle.List{}
	tup := &pickle.Tuple{Items: []pickle.Value{lst, &pickle.Int{Value: 1}}}
	lst.Items = []pickle.Value{tup}
	l, err := Load(&pickle.Graph{Root: tup}, MaterializeOptions{})
	require.NoError(t, err)
	s, err := pyexec.Repr(l.Thread, l.Value)
	require.NoError(t, err)
	assert.Equal(t, "([(...)], 1)", s[:0]+reprTupleCycle(l.Value))

	// A dict whose value is a tuple holding the dict.
	d := &pickle.Dict{}
	tv := &pickle.Tuple{Items: []pickle.Value{d}}
	d.Entries = []pickle.DictEntry{{Key: &pickle.Str{Value: "k"}, Value: tv}}
	l, err = Load(&pickle.Graph{Root: tv}, MaterializeOptions{})
	require.NoError(t, err)
	inner := l.Value.(py.Tuple)[0].(*pyexec.Dict)
	v, ok := inner.GetStr(l.Thread, "k")
	require.True(t, ok)
	assert.True(t, pyexec.Identical(v, l.Value))

	// A tuple that contains itself cannot exist.
	self := &pickle.Tuple{}
	self.Items = []pickle.Value{self}
	_, err = Load(&pickle.Graph{Root: self}, MaterializeOptions{})
	require.ErrorContains(t, err, "cycle")
}

// reprTupleCycle checks the shape of ([t], 1) where t is the tuple itself.
func reprTupleCycle(v py.Object) string {
	t, ok := v.(py.Tuple)
	if !ok || len(t) != 2 {
		return "bad"
	}
	l, ok := t[0].(*py.List)
	if !ok || len(l.Items) != 1 || !pyexec.Identical(l.Items[0], v) {
		return "bad"
	}
	return "([(...)], 1)"
}

// TestDeepNesting materialises a list nested far deeper than any Go
// recursion would allow comfortably.
func TestDeepNesting(t *testing.T) {
	var root pickle.Value = &pickle.Int{Value: 7}
	for i := 0; i < 200000; i++ {
		root = &pickle.List{Items: []pickle.Value{root}}
	}
	l, err := Load(&pickle.Graph{Root: root}, MaterializeOptions{})
	require.NoError(t, err)
	v := l.Value
	for i := 0; i < 200000; i++ {
		v = v.(*py.List).Items[0]
	}
	assert.Equal(t, pyexec.MakeInt(7), v)
}

func TestVersionInference(t *testing.T) {
	for _, c := range []struct {
		file string
		want string
	}{
		{"closure_int/py3.11.pkl", "3.12"}, // 3.11 and 3.12 bytecode are identical here: newest wins
		{"closure_int/py3.13.pkl", "3.13"},
		{"try_except_zerodiv/py3.11.pkl", "3.11"},
		{"try_except_zerodiv/py3.12.pkl", "3.12"},
	} {
		raw, err := os.ReadFile(golden.Path("cloudpickle", filepath.FromSlash(c.file)))
		require.NoError(t, err)
		g, err := pickle.Decode(raw)
		require.NoError(t, err)
		info, err := InferVersion(g, bytecode.Version{})
		require.NoError(t, err, c.file)
		assert.Equal(t, c.want, info.Version.String(), "%s (candidates %v)", c.file, info.Candidates)
	}
	// Asking for a version the bytecode is not.
	raw, err := os.ReadFile(golden.Path("cloudpickle", "try_except_zerodiv", "py3.12.pkl"))
	require.NoError(t, err)
	_, err = LoadBytes(raw, MaterializeOptions{Version: bytecode.Py310})
	require.ErrorContains(t, err, "Python 3.10 was asked for, but the payload's bytecode is CPython 3.12")
	// 3.11 and 3.12 share most opcode numbers. A payload run as the other
	// version is refused (the zero inline caches of pickled 3.11+ code
	// tell them apart) or, where its bytecode reads the same in both, gives
	// CPython's results.
	refused := 0
	for _, v := range []string{"3.11", "3.12"} {
		other := map[string]bytecode.Version{"3.11": bytecode.Py312, "3.12": bytecode.Py311}[v]
		dirs, _ := filepath.Glob(golden.Path("cloudpickle", "*"))
		require.NotEmpty(t, dirs)
		for _, dir := range dirs {
			got, _, err := runCaseAs(dir, "py"+v+".pkl", other)
			if err != nil {
				require.ErrorContains(t, err, "was asked for, but the payload's bytecode is CPython "+v, dir)
				refused++
				continue
			}
			want := readWant(t, dir)
			require.Len(t, got, len(want.Outputs), dir)
			for i, w := range want.Outputs {
				assert.Equal(t, w.String(), got[i], "%s record %d as %s", dir, i, other)
			}
		}
	}
	assert.Greater(t, refused, 10)
	// Every version of pyexec.SupportedVersions loads without AllowUntested.
	raw, err = os.ReadFile(golden.Path("cloudpickle", "try_except_zerodiv", "py3.9.pkl"))
	require.NoError(t, err)
	_, err = LoadBytes(raw, MaterializeOptions{})
	require.NoError(t, err)
}

// TestCorpusLegacyProducers: cloudpickle < 2.1 on CPython >= 3.11 makes
// payloads CPython cannot load; pybridge says why.
func TestCorpusLegacyProducers(t *testing.T) {
	raw, err := os.ReadFile(golden.Path("corpus", "cloudpickle-matrix", "py3.11_cpv1.6.0", "lambda.pkl"))
	if os.IsNotExist(err) {
		t.Skip("no such corpus payload")
	}
	require.NoError(t, err)
	_, err = LoadBytes(raw, MaterializeOptions{})
	require.ErrorContains(t, err, "cloudpickle < 2.1 on CPython >= 3.11")
}
