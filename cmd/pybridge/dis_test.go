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

// runCLI runs pybridge with args and returns its exit status and output.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(&cmdEnv{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut}, args)
	return code, out.String(), errOut.String()
}

func corpusPayloads(t *testing.T) []string {
	files, err := filepath.Glob("../../testdata/corpus/*/*/*.pkl")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	return files
}

func TestDisEveryCorpusPayload(t *testing.T) {
	for _, f := range corpusPayloads(t) {
		code, out, errOut := runCLI(t, "", "dis", f)
		assert.Equal(t, 0, code, "%s: %s", f, errOut)
		assert.Contains(t, out, "\ngraph:\nroot: ", f)
		assert.Contains(t, out, "STOP", f)

		code, out, errOut = runCLI(t, "", "dis", "--format", "json", f)
		require.Equal(t, 0, code, "%s: %s", f, errOut)
		var doc disJSON
		require.NoError(t, json.Unmarshal([]byte(out), &doc), f)
		assert.NotEmpty(t, doc.Graph, f)
		assert.Empty(t, doc.Error, f)
	}
}

func TestDisCodeTypeFields(t *testing.T) {
	code, out, _ := runCLI(t, "", "dis", "../../testdata/corpus/cloudpickle-matrix/py3.11_cpv3.1.2/closure.pkl")
	require.Equal(t, 0, code)
	for _, want := range []string{"REDUCE (CodeType)", "qualname: str 'make_closure.<locals>.inner'",
		"exceptiontable: bytes b''", "freevars: tuple len=1", "popped[0]: REDUCE cloudpickle.cloudpickle._function_setstate",
		"func: *1", "MEMOIZE            (as 0)"} {
		assert.Contains(t, out, want)
	}
	code, out, _ = runCLI(t, "", "dis", "../../testdata/corpus/cloudpickle-matrix/py3.8_cpv1.6.0/closure.pkl")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "lnotab: bytes")
	assert.NotContains(t, out, "qualname:")
}

func TestDisJSONStableAcrossRuns(t *testing.T) {
	// The same class pickled by two driver runs differs only in
	// cloudpickle's random class-tracker id; the JSON graph must not.
	data, err := os.ReadFile("../../testdata/corpus/cloudpickle-matrix/py3.12_cpv3.1.2/class.pkl")
	require.NoError(t, err)
	_, first, _ := runCLI(t, string(data), "dis", "--format", "json", "-")
	assert.Contains(t, first, "<class-tracker-id>")
	// Rewrite the 32-hex tracker id to another one of the same length.
	var id []byte
	for i := 0; i+32 <= len(data); i++ {
		if isHex32(data[i : i+32]) {
			id = data[i : i+32]
			break
		}
	}
	require.NotNil(t, id, "no tracker id in the payload")
	other := bytes.ReplaceAll(data, id, []byte(strings.Repeat("0", 32)))
	require.NotEqual(t, data, other)
	_, second, _ := runCLI(t, string(other), "dis", "--format", "json", "-")
	assert.True(t, first == second, "JSON differs after changing only the tracker id")
}

func isHex32(b []byte) bool {
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

func TestDisDecodeError(t *testing.T) {
	code, out, errOut := runCLI(t, "\x80\x05\x8d\x00\x00\x00\x00\x00\x00\x00\x10", "dis", "-")
	assert.Equal(t, 2, code)
	assert.Contains(t, out, "PROTO")
	assert.Contains(t, errOut, "pybridge: -: offset 0x2 (BINUNICODE8): length of 1152921504606846976 bytes exceeds the 0 bytes remaining")

	code, _, errOut = runCLI(t, "", "dis", "no/such/file.pkl")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "no such file")

	code, _, _ = runCLI(t, "", "dis")
	assert.Equal(t, 2, code)
}

func TestUnknownCommand(t *testing.T) {
	code, _, errOut := runCLI(t, "", "frobnicate")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, `unknown command "frobnicate"`)
	code, out, _ := runCLI(t, "", "help")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "dis")
}
