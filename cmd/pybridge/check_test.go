package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func checkRun(t *testing.T, stdin []byte, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &cmdEnv{stdin: bytes.NewReader(stdin), stdout: &out, stderr: &errb}
	code := run(env, append([]string{"check"}, args...))
	return code, out.String(), errb.String()
}

func td(name string) string { return filepath.Join("..", "..", "testdata", "check", name) }

func TestCheckCLI(t *testing.T) {
	code, out, _ := checkRun(t, nil, td("resource_write_file.pkl"))
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "PicklingError: Cannot pickle files that are not opened for reading: w\nSerialization stack:\n")
	assert.Contains(t, out, "    - field (class: __main__.Processor, name: logger)\n")

	code, out, _ = checkRun(t, nil, "--format", "json", td("call_os_system.pkl"), td("unknown_global.pkl"))
	assert.Equal(t, 1, code)
	var docs []map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &docs))
	assert.Len(t, docs, 2)

	code, out, _ = checkRun(t, nil, "--format", "json", td("unknown_global.pkl"))
	assert.Equal(t, 0, code)
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.Contains(t, doc, "findings")

	code, _, _ = checkRun(t, nil, "--strict", td("unknown_global.pkl"))
	assert.Equal(t, 1, code)

	code, out, _ = checkRun(t, nil, "--format", "sarif", td("code_eval_lambda.pkl"))
	assert.Equal(t, 1, code)
	assert.True(t, json.Valid([]byte(out)))
	assert.Contains(t, out, `"version": "2.1.0"`)

	code, _, _ = checkRun(t, nil, td("malformed_truncated.pkl"))
	assert.Equal(t, 2, code)
	code, _, _ = checkRun(t, nil, td("call_then_bad_memo.pkl"))
	assert.Equal(t, 1, code, "findings outrank the parse error")
	code, _, stderr := checkRun(t, nil, td("does-not-exist.pkl"))
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "does-not-exist.pkl")

	data, err := os.ReadFile(td("call_py2_commands.pkl"))
	require.NoError(t, err)
	code, out, _ = checkRun(t, data, "-")
	assert.Equal(t, 1, code)
	assert.True(t, strings.HasPrefix(out, "<stdin>: error: dangerous-call"))

	code, _, _ = checkRun(t, nil, "--format", "xml", td("call_os_system.pkl"))
	assert.Equal(t, 3, code)
	code, _, _ = checkRun(t, nil)
	assert.Equal(t, 3, code)
}

func TestCheckGolden(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "report.json")
	payload := td("resource_write_file.pkl")

	code, _, errOut := checkRun(t, nil, "--golden", report, payload)
	assert.Equal(t, 2, code, "missing golden file")
	assert.Contains(t, errOut, "--update")

	code, out, _ := checkRun(t, nil, "--golden", report, "--update", payload)
	require.Equal(t, 0, code)
	assert.Contains(t, out, "wrote")
	stored, err := os.ReadFile(report)
	require.NoError(t, err)
	assert.Contains(t, string(stored), `"rule": "unpicklable-resource"`)
	assert.NotContains(t, string(stored), "resource_write_file.pkl")

	code, out, _ = checkRun(t, nil, "--golden", report, payload)
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "findings match")

	// A payload that captures something else no longer matches.
	code, out, _ = checkRun(t, nil, "--golden", report, td("resource_lock_in_dict.pkl"))
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "findings differ")
	assert.Contains(t, out, "+++ "+td("resource_lock_in_dict.pkl"))
	assert.Contains(t, out, "_thread.lock")

	code, _, _ = checkRun(t, nil, "--golden", report, payload, payload)
	assert.Equal(t, 3, code)
}
