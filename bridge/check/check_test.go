package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pybridge/pybridge/internal/golden"
	"github.com/pybridge/pybridge/pickle"
)

// goldenCases are the payloads testdata/gen/gen_check.py writes, with the
// rule each must report at error severity ("" when it must pass).
var goldenCases = map[string]string{
	"resource_write_file":       RuleResource,
	"resource_lock_in_dict":     RuleResource,
	"resource_socket_global":    RuleResource,
	"resource_sqlite_global":    RuleResource,
	"resource_spark_context":    RuleResource,
	"resource_stdin":            RuleResource,
	"resource_generator":        RuleResource,
	"resource_rfile_snapshot":   "",
	"call_os_system":            RuleDangerousCall,
	"call_subprocess":           RuleDangerousCall,
	"call_nested_pickle":        RuleDangerousCall,
	"call_marshal_function":     RuleDangerousCall,
	"call_getattr_chain":        RuleDangerousCall,
	"call_dotted_pathlib":       RuleDangerousCall,
	"call_py2_builtin_eval":     RuleDangerousCall,
	"call_py2_commands":         RuleDangerousCall,
	"call_inst_obj":             RuleDangerousCall,
	"call_build_smuggle":        RuleDangerousCall,
	"call_setitems_sys_modules": RuleDangerousCall,
	"call_then_bad_memo":        RuleDangerousCall,
	"call_concatenated":         RuleDangerousCall,
	"code_eval_lambda":          RuleDangerousCode,
	"code_import_os_system":     RuleDangerousCode,
	"code_global_os_system":     RuleDangerousCode,
	"code_open_write":           "",
	"code_vendored_namespace":   RuleDangerousCode,
	"unknown_global":            "",
	"malformed_truncated":       RuleMalformed,
}

func TestGolden(t *testing.T) {
	for name, rule := range goldenCases {
		t.Run(name, func(t *testing.T) {
			path := golden.Path("check", name+".pkl")
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			r := Bytes(data, DefaultOptions())
			r.File = name + ".pkl"
			if rule == "" {
				assert.Equal(t, 0, r.ExitCode(), r.String())
			} else {
				found := false
				for _, f := range r.Findings {
					found = found || (f.Rule == rule && f.Severity == Error)
				}
				assert.True(t, found, "want an error finding of rule %s:\n%s", rule, r.String())
			}
			var text, js bytes.Buffer
			require.NoError(t, r.WriteText(&text))
			require.NoError(t, r.WriteJSON(&js))
			require.True(t, json.Valid(js.Bytes()))
			golden.Check(t, golden.Path("check", name+".txt"), text.Bytes())
			golden.Check(t, golden.Path("check", name+".json"), js.Bytes())
		})
	}
}

// TestGoldenCoversGenerator makes sure every generated payload has a case.
func TestGoldenCoversGenerator(t *testing.T) {
	files, err := filepath.Glob(golden.Path("check", "*.pkl"))
	require.NoError(t, err)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".pkl")
		_, ok := goldenCases[name]
		assert.True(t, ok, "payload %s has no golden case", name)
	}
}

func TestExitCodes(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile(golden.Path("check", name+".pkl"))
		require.NoError(t, err)
		return b
	}
	assert.Equal(t, 1, Bytes(read("call_os_system"), DefaultOptions()).ExitCode())
	bad := Bytes(read("call_then_bad_memo"), DefaultOptions())
	assert.Equal(t, 1, bad.ExitCode(), "a finding wins over a parse error")
	assert.NotNil(t, bad.Malformed)
	assert.Equal(t, 2, Bytes(read("malformed_truncated"), DefaultOptions()).ExitCode())
	assert.Equal(t, 2, Bytes(nil, DefaultOptions()).ExitCode(), "empty input is malformed")
	assert.Equal(t, 0, Bytes(read("unknown_global"), DefaultOptions()).ExitCode())
	strict := DefaultOptions()
	strict.Strict = true
	assert.Equal(t, 1, Bytes(read("unknown_global"), strict).ExitCode(), "--strict denies unknown globals")
	allow := DefaultOptions()
	allow.Strict, allow.Allow = true, []string{"mycompany.*"}
	assert.Equal(t, 0, Bytes(read("unknown_global"), allow).ExitCode())
	warn := DefaultOptions()
	warn.Threshold = Warning
	assert.Equal(t, 1, Bytes(read("resource_rfile_snapshot"), warn).ExitCode())
}

func TestReportIsError(t *testing.T) {
	data, err := os.ReadFile(golden.Path("check", "resource_lock_in_dict.pkl"))
	require.NoError(t, err)
	g, err := pickle.Decode(data)
	require.NoError(t, err)
	r := Payload(g, DefaultOptions())
	err = r.Err()
	require.Error(t, err)
	var rep *Report
	require.True(t, errors.As(err, &rep))
	assert.Contains(t, rep.Error(), "cannot pickle '_thread.lock' object")
	assert.Nil(t, Payload(nil, DefaultOptions()).Err())

	trunc := Bytes(data[:len(data)/2], DefaultOptions())
	var se *pickle.SyntaxError
	assert.True(t, errors.As(trunc.Err(), &se), "a malformed report unwraps to the SyntaxError")
}

func TestPathSteps(t *testing.T) {
	data, err := os.ReadFile(golden.Path("check", "resource_write_file.pkl"))
	require.NoError(t, err)
	r := Bytes(data, DefaultOptions())
	var f *Finding
	for i := range r.Findings {
		if r.Findings[i].Rule == RuleResource {
			f = &r.Findings[i]
		}
	}
	require.NotNil(t, f)
	kinds := make([]StepKind, len(f.Path))
	for i, s := range f.Path {
		kinds[i] = s.Kind
	}
	assert.Equal(t, []StepKind{StepTask, StepMethodSelf, StepField, StepCulprit}, kinds)
	assert.Equal(t, "Cannot pickle files that are not opened for reading: w", f.Message)
	assert.Equal(t, "PicklingError", f.Exception)
	assert.Equal(t, "logger", f.Path[2].Name)
	assert.Equal(t, "__main__.Processor", f.Path[2].Class)
}

// expDAG builds "push memo i twice, TUPLE2, memoise" n levels deep: a few
// hundred bytes that expand to 2^n nodes as a tree.
func expDAG(n int) []byte {
	b := []byte{0x80, 4, 'N', 0x94} // PROTO 4, NONE, MEMOIZE (0)
	for i := 0; i < n; i++ {
		b = append(b, 'h', byte(i), 'h', byte(i), 0x86, 0x94) // BINGET i, BINGET i, TUPLE2, MEMOIZE
	}
	return append(b, '.')
}

func TestExponentialDAG(t *testing.T) {
	data := expDAG(40)
	assert.Less(t, len(data), 300)
	start := time.Now()
	r := Bytes(data, DefaultOptions())
	assert.Less(t, time.Since(start), time.Second)
	assert.Empty(t, r.Findings)
}

func TestDeepNesting(t *testing.T) {
	// 200k nested lists with os.system at the bottom: the path is elided,
	// not recursed.
	var b []byte
	b = append(b, 0x80, 4)
	const depth = 200000
	for i := 0; i < depth; i++ {
		b = append(b, ']') // EMPTY_LIST
	}
	b = append(b, "\x8c\x05posix\x8c\x06system\x93\x8c\x02id\x85R"...)
	for i := 0; i < depth; i++ {
		b = append(b, 'a') // APPEND
	}
	b = append(b, '.')
	r := Bytes(b, DefaultOptions())
	require.Equal(t, 1, r.ExitCode(), r.Error())
	f := r.Findings[0]
	assert.LessOrEqual(t, len(f.Path), maxPath+2)
	assert.Equal(t, StepElided, f.Path[8].Kind)
}

// largeBenign builds n small dicts in a list, about 36 bytes each.
func largeBenign(n int) []byte {
	b := []byte{0x80, 4, ']', '('}
	for i := 0; i < n; i++ {
		b = append(b, '}', '(', 0x8c, 1, 'a', 'K', byte(i), 0x8c, 1, 'b', 0x8c, 12)
		b = append(b, "value-string"...)
		b = append(b, 0x8c, 1, 'c', 'J', byte(i), byte(i>>8), byte(i>>16), 0, 'u')
		if i%1000 == 999 {
			b = append(b, 'e', '(')
		}
	}
	return append(b, 'e', '.')
}

func TestLargeBenign(t *testing.T) {
	data := largeBenign(300000)
	r := Bytes(data, DefaultOptions())
	assert.Empty(t, r.Findings)
}

func TestJSONShape(t *testing.T) {
	data, err := os.ReadFile(golden.Path("check", "call_nested_pickle.pkl"))
	require.NoError(t, err)
	r := Bytes(data, DefaultOptions())
	r.File = "x.pkl"
	b, err := json.Marshal(r)
	require.NoError(t, err)
	var doc struct {
		File     string `json:"file"`
		Python   string `json:"python"`
		Findings []struct {
			Rule, Severity, Message, Global, Fix string
			Offset                               int64
			Path                                 []map[string]any
		} `json:"findings"`
	}
	require.NoError(t, json.Unmarshal(b, &doc))
	assert.Equal(t, "x.pkl", doc.File)
	require.Len(t, doc.Findings, 2)
	inner := doc.Findings[1]
	assert.Equal(t, "posix.system", inner.Global)
	assert.Equal(t, "error", inner.Severity)
	var kinds []string
	for _, s := range inner.Path {
		kinds = append(kinds, s["kind"].(string))
	}
	assert.Equal(t, []string{"root", "nested-pickle", "root", "culprit"}, kinds)

	var sarif bytes.Buffer
	require.NoError(t, WriteSARIF(&sarif, r))
	var log map[string]any
	require.NoError(t, json.Unmarshal(sarif.Bytes(), &log))
	assert.Equal(t, "2.1.0", log["version"])
}

func FuzzCheck(f *testing.F) {
	root := golden.Path("check")
	_ = filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".pkl") {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
		return nil
	})
	f.Add(expDAG(30))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := Bytes(data, DefaultOptions())
		b, err := json.Marshal(r)
		if err != nil || !json.Valid(b) {
			t.Fatalf("invalid JSON: %v", err)
		}
		var text, sarif bytes.Buffer
		if err := r.WriteText(&text); err != nil {
			t.Fatal(err)
		}
		if err := WriteSARIF(&sarif, r); err != nil || !json.Valid(sarif.Bytes()) {
			t.Fatalf("invalid SARIF: %v", err)
		}
		if r.Malformed != nil && r.ExitCode() == 0 {
			t.Fatal("exit 0 on a parse error")
		}
	})
}

func BenchmarkCheckLarge(b *testing.B) {
	data := largeBenign(300000)
	g, err := pickle.Decode(data)
	require.NoError(b, err)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Payload(g, DefaultOptions())
	}
}

func BenchmarkBytesLarge(b *testing.B) {
	data := largeBenign(300000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Bytes(data, DefaultOptions())
	}
}

func BenchmarkExponentialDAG(b *testing.B) {
	data := expDAG(40)
	for i := 0; i < b.N; i++ {
		Bytes(data, DefaultOptions())
	}
}

func BenchmarkCorpus(b *testing.B) {
	var payloads [][]byte
	for _, f := range corpusFiles(b) {
		d, err := os.ReadFile(f)
		require.NoError(b, err)
		payloads = append(payloads, d)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range payloads {
			Bytes(d, DefaultOptions())
		}
	}
}
