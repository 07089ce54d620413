package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pybridge/pybridge/bridge/bridgetest/cases"
	"github.com/pybridge/pybridge/bridge/check"
)

// copyTree copies a folder into a temporary folder, writable.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	require.NoError(t, os.CopyFS(dst, os.DirFS(src)))
	require.NoError(t, filepath.WalkDir(dst, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.Chmod(p, 0o755)
		}
		return os.Chmod(p, 0o644)
	}))
	return dst
}

func TestTestCommandPasses(t *testing.T) {
	dir := tdPath("bridgetest", "pass")
	code, out, errOut := verb(t, nil, "test", dir)
	assert.Equal(t, 0, code, out+errOut)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, 5, out)
	for i, name := range []string{"closure_jsonl", "closure_py312", "map_pickle", "text_py312"} {
		assert.True(t, strings.HasPrefix(lines[i], "ok      "+filepath.Join(dir, name)+" "), lines[i])
	}
	assert.Contains(t, lines[2], "13 records -> 13 lines")
	assert.Equal(t, "4 passed, 0 failed", lines[4])

	code, out, _ = verb(t, nil, "test", "-v", filepath.Join(dir, "map_pickle"))
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "matches "+filepath.Join(dir, "map_pickle", "want.txt")+"\n")
	assert.Contains(t, out, "matches "+filepath.Join(dir, "map_pickle", "check.json")+"\n")
	assert.Contains(t, out, "matches "+filepath.Join(dir, "map_pickle", "dis.json")+"\n")
}

func TestTestCommandFailures(t *testing.T) {
	root := tdPath("bridgetest")
	code, out, _ := verb(t, nil, "test", root)
	assert.Equal(t, 1, code)
	assert.True(t, strings.HasSuffix(out, "\n4 passed, 6 failed\n"), out)
	for _, name := range []string{"check_drift", "dis_drift", "mismatch", "noinput_raises", "raises", "refused"} {
		assert.Contains(t, out, "FAIL    "+filepath.Join(root, "fail", name)+" ", name)
	}
	for _, s := range []string{
		// a unified diff with record numbers
		"        -[ 2] 7\n        +[ 2] 6\n",
		// the traceback, with the input record
		"        record 2: 'three'\n        Traceback (most recent call last):\n",
		// the checker's report
		"        refused by the checker:\n",
		// the stored check report and fingerprint
		"        -  \"python\": \"3.8-3.10\",\n        +  \"python\": \"3.11-3.12\",\n",
		"        what the payload ships differs from " + filepath.Join(root, "fail", "dis_drift", "dis.json"),
	} {
		assert.Contains(t, out, s)
	}
}

func TestTestCommandJSON(t *testing.T) {
	code, out, _ := verb(t, nil, "test", "--format", "json", tdPath("bridgetest", "fail"), tdPath("bridgetest", "pass", "map_pickle"))
	assert.Equal(t, 1, code)
	var rep struct {
		Cases []struct {
			Name, Dir, Status string
			Records, Outputs  int
			Failures          []struct {
				Kind, File, Message, Diff string
				Record                    *int
			}
		}
		Passed, Failed, Updated int
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.Equal(t, 1, rep.Passed)
	assert.Equal(t, 6, rep.Failed)
	require.Len(t, rep.Cases, 7)
	kinds := map[string]string{}
	for _, c := range rep.Cases {
		if c.Status == "fail" {
			require.Len(t, c.Failures, 1, c.Name)
			kinds[filepath.Base(c.Name)] = c.Failures[0].Kind
		}
	}
	assert.Equal(t, map[string]string{
		"check_drift": "check", "dis_drift": "dis", "mismatch": "output",
		"noinput_raises": "run", "raises": "run", "refused": "run",
	}, kinds)
	raises := rep.Cases[4]
	assert.Equal(t, "fail", raises.Status)
	require.NotNil(t, raises.Failures[0].Record)
	assert.Equal(t, 2, *raises.Failures[0].Record)
	assert.Equal(t, 4, raises.Records)
	assert.Equal(t, 2, raises.Outputs)
	assert.Equal(t, "pass", rep.Cases[6].Status)
}

func TestTestCommandUpdate(t *testing.T) {
	dir := copyTree(t, tdPath("bridgetest", "fail"))
	for _, name := range []string{"noinput_raises", "raises", "refused"} {
		require.NoError(t, os.RemoveAll(filepath.Join(dir, name)))
	}
	code, out, _ := verb(t, nil, "test", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "0 passed, 3 failed")

	code, out, _ = verb(t, nil, "test", "--update", dir)
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "updated "+filepath.Join(dir, "mismatch"))
	assert.Contains(t, out, "        wrote "+filepath.Join(dir, "mismatch", "want.txt")+"\n")
	assert.Contains(t, out, "        wrote "+filepath.Join(dir, "check_drift", "check.json")+"\n")
	assert.Contains(t, out, "        wrote "+filepath.Join(dir, "dis_drift", "dis.json")+"\n")
	assert.Contains(t, out, "3 passed (3 updated), 0 failed")
	code, out, _ = verb(t, nil, "test", dir)
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "3 passed, 0 failed")
	assert.NoFileExists(t, filepath.Join(dir, "mismatch", "check.json"), "no fingerprint without --fingerprints")

	// A new case: payload and input only; --update creates want.jsonl as
	// asked, --fingerprints the stored check report and disassembly.
	c := filepath.Join(dir, "new")
	require.NoError(t, os.MkdirAll(c, 0o755))
	copyFile(t, tdPath("bridgetest", "pass", "closure_jsonl", "payload.pkl"), filepath.Join(c, "payload.pkl"))
	require.NoError(t, os.WriteFile(filepath.Join(c, "input.jsonl"), []byte("1\n2\n"), 0o644))
	code, out, _ = verb(t, nil, "test", c)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "want.txt does not exist (run with -update to create it)")
	code, _, _ = verb(t, nil, "test", "--update", "--fingerprints", "--golden-format", "json", c)
	assert.Equal(t, 0, code)
	got, err := os.ReadFile(filepath.Join(c, "want.jsonl"))
	require.NoError(t, err)
	assert.Equal(t, "16\n17\n", string(got))
	assert.FileExists(t, filepath.Join(c, "check.json"))
	assert.FileExists(t, filepath.Join(c, "dis.json"))
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(dst, data, 0o644))
}

// TestTestCommandStoredFingerprints: a case's check.json is the document
// `check --golden --update` writes and its dis.json what `dis --format json
// --no-offsets` prints; `pybridge test` compares both, and notices when the
// payload the driver ships changes.
func TestTestCommandStoredFingerprints(t *testing.T) {
	dir := copyTree(t, tdPath("bridgetest", "pass", "map_pickle"))
	require.NoError(t, os.Remove(filepath.Join(dir, "check.json")))
	require.NoError(t, os.Remove(filepath.Join(dir, "dis.json")))
	payload := filepath.Join(dir, "payload.pkl")

	code, _, _ := verb(t, nil, "check", "--golden", filepath.Join(dir, "check.json"), "--update", payload)
	require.Equal(t, 0, code)
	code, disOut, _ := verb(t, nil, "dis", "--format", "json", "--no-offsets", payload)
	require.Equal(t, 0, code)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "dis.json"), []byte(disOut), 0o644))

	// The library writes the same bytes as the CLI commands.
	data, err := os.ReadFile(payload)
	require.NoError(t, err)
	stored, err := os.ReadFile(filepath.Join(dir, "check.json"))
	require.NoError(t, err)
	got, err := cases.CheckJSON(data, check.DefaultOptions())
	require.NoError(t, err)
	assert.Equal(t, string(stored), string(got))
	got, err = cases.DisJSON(data, payload)
	require.NoError(t, err)
	assert.Equal(t, disOut, string(got))

	code, out, _ := verb(t, nil, "test", "-v", dir)
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "matches "+filepath.Join(dir, "check.json"))
	assert.Contains(t, out, "matches "+filepath.Join(dir, "dis.json"))

	// The driver now ships another function with the same outputs on this
	// input... (here: the closure, with its outputs accepted) — the stored
	// disassembly notices.
	copyFile(t, tdPath("bridgetest", "pass", "closure_jsonl", "payload.pkl"), payload)
	require.NoError(t, os.Remove(filepath.Join(dir, "input.pkl")))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "input.jsonl"), []byte("1\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "want.txt"), []byte("16\n"), 0o644))
	code, out, _ = verb(t, nil, "test", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "what the payload ships differs from "+filepath.Join(dir, "dis.json"))
	assert.Contains(t, out, "-                        \"value\": \"<lambda>\"\n")
	assert.NotContains(t, out, "check.json", "same (empty) findings")

	// A payload that starts capturing a resource changes check.json too.
	copyFile(t, "../../examples/payloads/file_handle.pkl", payload)
	code, out, _ = verb(t, nil, "test", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "refused by the checker:")
	assert.Contains(t, out, "the checker's report differs from "+filepath.Join(dir, "check.json"))
	assert.Contains(t, out, "+      \"rule\": \"unpicklable-resource\",\n")
}

// TestTestCommandMode: --mode applies every payload as the rdd method of
// that name; the outputs of lambda x: x * 2 as a filter are its kept inputs.
func TestTestCommandMode(t *testing.T) {
	dir := copyTree(t, tdPath("bridgetest", "pass", "text_py312"))
	code, out, _ := verb(t, nil, "test", "--mode", "filter", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "        +[0] 'spark'\n        +[1] 'café ☕'\n        +[2] 'tab\\there'\n")
	code, _, _ = verb(t, nil, "test", "--mode", "map", dir)
	assert.Equal(t, 0, code)
}

func TestTestCommandUsage(t *testing.T) {
	code, _, errOut := verb(t, nil, "test")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "usage: pybridge test")
	code, _, errOut = verb(t, nil, "test", t.TempDir())
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "no case folders (holding payload.pkl) under")
	code, _, _ = verb(t, nil, "test", filepath.Join(t.TempDir(), "nope"))
	assert.Equal(t, 2, code)
	code, _, _ = verb(t, nil, "test", "--format", "xml", tdPath("bridgetest", "pass"))
	assert.Equal(t, 2, code)
	code, _, _ = verb(t, nil, "test", "--golden-format", "xml", tdPath("bridgetest", "pass"))
	assert.Equal(t, 2, code)
	code, _, _ = verb(t, nil, "test", "--python", "2.7", tdPath("bridgetest", "pass"))
	assert.Equal(t, 2, code)
	code, _, _ = verb(t, nil, "test", "--mode", "sideways", tdPath("bridgetest", "pass"))
	assert.Equal(t, 2, code)
	code, _, _ = verb(t, nil, "test", "-h")
	assert.Equal(t, 0, code)
}

// TestTestCommandExample runs the example project's committed cases, as
// examples/golden/README.md shows.
func TestTestCommandExample(t *testing.T) {
	code, out, errOut := verb(t, nil, "test", "../../examples/golden/testdata")
	assert.Equal(t, 0, code, out+errOut)
	assert.Regexp(t, `\n\d+ passed, 0 failed\n$`, out)
}
