package main

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pybridge/pybridge/pickle"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func execCase(elem ...string) string { return tdPath(append([]string{"exec"}, elem...)...) }

func TestRunPartitionsAndModes(t *testing.T) {
	in := caseFile("closure_int", "input.pkl")
	pl := caseFile("closure_int", "py3.11.pkl")
	// Same output with several partitions and workers, in partition order.
	code, out, stderr := verb(t, nil, "run", "--partitions", "3", "--workers", "2", "--stats", "--input", in, pl)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "10\n15\n0\n1180591620717411303434\n10.5\n", out)
	assert.Equal(t, 3, strings.Count(stderr, "pybridge: task "), stderr)
	assert.Contains(t, stderr, "records in")

	dir := t.TempDir()
	text := filepath.Join(dir, "in.txt")
	require.NoError(t, os.WriteFile(text, []byte("an apple\nb\r\n\nant and axe\n"), 0o644))
	code, out, stderr = verb(t, nil, "run", "--input-format", "text", "--partitions", "2", "--format", "json",
		"--input", text, execCase("bench", "split_count", "py3.12.pkl"))
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "[[2, 2], [1, 0], [0, 0], [3, 3]]\n", out)

	jl := filepath.Join(dir, "in.jsonl")
	require.NoError(t, os.WriteFile(jl, []byte("1\n2\n3\n4\n"), 0o644))
	code, out, stderr = verb(t, nil, "run", "--input-format", "jsonl", "--mode", "reduce", "--partitions", "3",
		"--input", jl, execCase("plain", "add", "py3.11.pkl"))
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "10\n", out)

	outFile := filepath.Join(dir, "out.pkl")
	code, out, stderr = verb(t, nil, "run", "--format", "pickle", "--output", outFile, "--partitions", "2", "--input", in, pl)
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, out)
	b, err := os.ReadFile(outFile)
	require.NoError(t, err)
	want, err := pickle.Marshal([]any{10, 15, 0, bigInt("1180591620717411303434"), 10.5})
	require.NoError(t, err)
	assert.Equal(t, want, b)

	code, _, stderr = verb(t, nil, "run", "--mode", "zip", "--input", in, pl)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "unknown mode")
	code, _, _ = verb(t, nil, "run", "--input-format", "csv", "--input", in, pl)
	assert.Equal(t, 2, code)
	code, _, _ = verb(t, nil, "run", "--partitions", "0", "--input", in, pl)
	assert.Equal(t, 2, code)
}

// A PySpark command over its input stream: the output stream is
// byte-identical to what CPython's worker writes.
func TestRunPySparkCommand(t *testing.T) {
	var want struct {
		Records []string
		Stream  string
	}
	b, err := os.ReadFile(execCase("word_count_map_side", "py3.12.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &want))
	// The case's split index is 1: a second partition; an empty first one.
	code, out, stderr := verb(t, nil, "run", "--input-format", "pyspark-stream", "--format", "pyspark-stream",
		"--input", execCase("word_count_map_side", "input.bin"), execCase("word_count_map_side", "py3.12.pkl"))
	require.Equal(t, 0, code, stderr)
	assert.NotEmpty(t, out)
	code, out, stderr = verb(t, nil, "run", "--input-format", "pyspark-stream", "--format", "pyspark-stream", "--partitions", "1",
		"--input", execCase("map_filter_flatmap", "input.bin"), execCase("map_filter_flatmap", "py3.11.pkl"))
	require.Equal(t, 0, code, stderr)
	b, err = os.ReadFile(execCase("map_filter_flatmap", "py3.11.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &want))
	assert.Equal(t, want.Stream, hex.EncodeToString([]byte(out)))
	code, _, stderr = verb(t, nil, "run", "--mode", "map", "--input-format", "pyspark-stream",
		"--input", execCase("map_filter_flatmap", "input.bin"), execCase("map_filter_flatmap", "py3.11.pkl"))
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "PySpark command, which runs as a pipeline")

	// Text input through the command's UTF8Deserializer.
	dir := t.TempDir()
	text := filepath.Join(dir, "in.txt")
	require.NoError(t, os.WriteFile(text, []byte("hello wörld\n"), 0o644))
	code, out, stderr = verb(t, nil, "run", "--input-format", "text", "--input", text, execCase("text_bytes", "py3.12.pkl"))
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "(12, b'he')\n", out)
}

func TestRunFailures(t *testing.T) {
	// A missing input: a clear error before anything runs.
	code, out, stderr := verb(t, nil, "run", "--input", "/nonexistent/in.pkl", caseFile("closure_int", "py3.11.pkl"))
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
	assert.Contains(t, stderr, "/nonexistent/in.pkl")
	assert.Contains(t, stderr, "no such file")
	// A Python exception in the second partition: partition, attempt and traceback.
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pkl")
	b, err := pickle.Marshal([]any{1, 2, 3, -4})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(in, b, 0o644))
	code, _, stderr = verb(t, nil, "run", "--partitions", "2", "--input", in, execCase("plain", "raise_on_negative", "py3.12.pkl"))
	assert.Equal(t, 1, code)
	assert.Equal(t, "pybridge: "+execCase("plain", "raise_on_negative", "py3.12.pkl")+": partition 1, attempt 1 failed:\n"+
		"Traceback (most recent call last):\n  File \"<pybridge-bench:raise_on_negative>\", line 3, in func\nValueError: negative: -4\n", stderr)
	assert.Equal(t, 1, strings.Count(stderr, "ValueError"), "reported once")
	// Timeouts and step budgets.
	code, _, stderr = verb(t, nil, "run", "--task-timeout", "50ms", "--input", in, execCase("plain", "spin", "py3.12.pkl"))
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "timeout: context deadline exceeded")
	code, _, stderr = verb(t, nil, "run", "--max-steps", "5000", "--input", in, execCase("plain", "spin", "py3.12.pkl"))
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "step budget of 5000 instructions exhausted")
	// A payload of another Python version than asked for names both.
	code, _, stderr = verb(t, nil, "run", "--python", "3.10", "--task-timeout", "5s", "--input", in, execCase("plain", "spin", "py3.12.pkl"))
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "Python 3.10 was asked for, but the payload's bytecode is CPython 3.12")
}
