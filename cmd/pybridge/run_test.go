package main

import (
	"bytes"
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pybridge/pybridge/pickle"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func caseFile(c, f string) string { return tdPath("cloudpickle", c, f) }

func TestRunRepr(t *testing.T) {
	code, out, stderr := verb(t, nil, "run", "--input", caseFile("closure_int", "input.pkl"), caseFile("closure_int", "py3.11.pkl"))
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "10\n15\n0\n1180591620717411303434\n10.5\n", out)

	code, out, _ = verb(t, nil, "run", "--python", "3.12", "--input", caseFile("word_count", "input.pkl"), caseFile("word_count", "py3.12.pkl"))
	require.Equal(t, 0, code)
	assert.Equal(t, "{'the': 1, 'quick': 1, 'brown': 1, 'fox': 1}\n", strings.SplitAfter(out, "\n")[0])
}

func TestRunJSONAndPickle(t *testing.T) {
	code, out, stderr := verb(t, nil, "run", "--format", "json", "--input", caseFile("nested_comprehension", "input.pkl"), caseFile("nested_comprehension", "py3.12.pkl"))
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, `[[[], {}], [[], {}], [[[0], [0, 3, 6], [0, 5, 10, 15, 20]], {"0": 1, "1": 3, "2": 5}]]`+"\n", out)
	assert.True(t, json.Valid([]byte(out)))

	code, out, stderr = verb(t, nil, "run", "--format", "pickle", "--input", caseFile("closure_int", "input.pkl"), caseFile("closure_int", "py3.11.pkl"))
	require.Equal(t, 0, code, stderr)
	g, err := pickle.Decode([]byte(out))
	require.NoError(t, err)
	l, ok := g.Root.(*pickle.List)
	require.True(t, ok)
	require.Len(t, l.Items, 5)
	assert.Equal(t, int64(15), l.Items[1].(*pickle.Int).Value)
	assert.Equal(t, 10.5, l.Items[4].(*pickle.Float).Value)
	// Byte-identical to CPython's pickle.dumps([10, 15, 0, 2**70+10, 10.5], protocol=5).
	want, err := pickle.Marshal([]any{10, 15, 0, bigInt("1180591620717411303434"), 10.5})
	require.NoError(t, err)
	assert.Equal(t, want, []byte(out))
}

func TestRunException(t *testing.T) {
	code, out, stderr := verb(t, nil, "run", "--input", caseFile("uncaught_zerodiv", "input.pkl"), caseFile("uncaught_zerodiv", "py3.12.pkl"))
	assert.Equal(t, 1, code)
	assert.Equal(t, "25.0\n", out, "results before the failing record are printed")
	assert.True(t, strings.HasPrefix(stderr, "Traceback (most recent call last):\n"), stderr)
	assert.True(t, strings.HasSuffix(stderr, "\nZeroDivisionError: division by zero\n"), stderr)

	// Frames of the golden traceback case, as CPython printed them.
	code, _, stderr = verb(t, nil, "run", "--input", tdPath("run", "exception_traceback", "input.pkl"), tdPath("run", "exception_traceback", "py3.11.pkl"))
	assert.Equal(t, 1, code)
	assert.Equal(t, "Traceback (most recent call last):\n"+
		"  File \"<pybridge-case:exception_traceback>\", line 12, in func\n"+
		"  File \"<pybridge-case:exception_traceback>\", line 8, in check\n"+
		"ValueError: negative value: -1\n", stderr)
}

func TestRunExitCodes(t *testing.T) {
	code, _, _ := verb(t, nil, "run")
	assert.Equal(t, 2, code)
	code, _, _ = verb(t, nil, "run", "--format", "xml", caseFile("closure_int", "py3.11.pkl"))
	assert.Equal(t, 2, code)
	code, _, stderr := verb(t, nil, "run", tdPath("check", "call_os_system.pkl"))
	assert.Equal(t, 3, code, stderr)
	code, _, _ = verb(t, nil, "run", tdPath("check", "malformed_truncated.pkl"))
	assert.Equal(t, 2, code)
	// The payload was made by CPython 3.12; asking for 3.10 names both.
	code, _, stderr = verb(t, nil, "run", "--python", "3.10", caseFile("try_except_zerodiv", "py3.12.pkl"))
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "Python 3.10 was asked for, but the payload's bytecode is CPython 3.12")
	// Every version pyexec.SupportedVersions lists (3.8-3.13) runs by default.
	code, _, stderr = verb(t, nil, "run", "--input", caseFile("try_except_zerodiv", "input.pkl"), caseFile("try_except_zerodiv", "py3.9.pkl"))
	assert.Equal(t, 0, code, stderr)
	// No --input: the function is called once with no argument.
	code, out, stderr := verb(t, nil, "run", caseFile("closure_int", "py3.11.pkl"))
	assert.Equal(t, 1, code)
	assert.Empty(t, out)
	assert.Contains(t, stderr, "TypeError: make_adder.<locals>.add() missing 1 required positional argument: 'x'")
	// Input that is not a list of records.
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pkl")
	b, err := pickle.Marshal(map[string]any{"a": 1})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(in, b, 0o644))
	code, _, stderr = verb(t, nil, "run", "--input", in, caseFile("closure_int", "py3.11.pkl"))
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "want a list or tuple of records")
}

func TestRunStdin(t *testing.T) {
	payload, err := os.ReadFile(caseFile("lambda_arith", "py3.11.pkl"))
	require.NoError(t, err)
	var buf bytes.Buffer
	buf.Write(payload)
	code, out, stderr := verb(t, buf.Bytes(), "run", "--input", caseFile("closure_int", "input.pkl"), "-")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "1\n11\n-19\n2361183241434822606849\n2.0\n", out)
}

func bigInt(s string) *big.Int {
	b, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic(s)
	}
	return b
}
