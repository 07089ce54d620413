package bridgetest_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pybridge/pybridge/bridge/bridgetest"
)

func td(elem ...string) string {
	return filepath.Join(append([]string{"..", "..", "testdata", "bridgetest"}, elem...)...)
}

// fakeTB records what a helper reports instead of failing the test.
type fakeTB struct {
	testing.TB
	errs, logs []string
}

func (f *fakeTB) Helper()                        {}
func (f *fakeTB) Error(args ...any)              { f.errs = append(f.errs, fmt.Sprint(args...)) }
func (f *fakeTB) Errorf(format string, a ...any) { f.errs = append(f.errs, fmt.Sprintf(format, a...)) }
func (f *fakeTB) Logf(format string, a ...any)   { f.logs = append(f.logs, fmt.Sprintf(format, a...)) }

// withUpdate runs fn with the -update flag set to on, then restores it.
func withUpdate(t *testing.T, on bool, fn func()) {
	t.Helper()
	f := flag.Lookup("update")
	require.NotNil(t, f, "internal/golden registers -update")
	old := f.Value.String()
	require.NoError(t, flag.Set("update", fmt.Sprint(on)))
	defer func() { _ = flag.Set("update", old) }()
	require.Equal(t, on, bridgetest.Update())
	fn()
}

func copyDir(t *testing.T, src string) string {
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

// TestRunDir is the table-driven use: every case folder is a subtest.
func TestRunDir(t *testing.T) {
	bridgetest.RunDir(t, td("pass"), bridgetest.Options{})
}

func TestRunCase(t *testing.T) {
	assert.True(t, bridgetest.RunCase(t, td("pass", "map_pickle"), bridgetest.Options{}))
}

func TestFiles(t *testing.T) {
	dir := td("pass", "closure_jsonl")
	assert.True(t, bridgetest.Files(t, filepath.Join(dir, "payload.pkl"), filepath.Join(dir, "input.jsonl"), filepath.Join(dir, "want.jsonl"), bridgetest.Options{}))
}

func TestGolden(t *testing.T) {
	payload, err := os.ReadFile(td("pass", "map_pickle", "payload.pkl"))
	require.NoError(t, err)
	in := bridgetest.Input{Kind: bridgetest.TextInput, Data: []byte("a\nb\n")}
	golden := filepath.Join(t.TempDir(), "upper.txt")
	require.NoError(t, os.WriteFile(golden, []byte("'aa'\n'bb'\n"), 0o644))
	assert.True(t, bridgetest.Golden(t, payload, in, golden, bridgetest.Options{}))

	ft := &fakeTB{}
	require.NoError(t, os.WriteFile(golden, []byte("'aa'\n'BB'\n"), 0o644))
	withUpdate(t, false, func() {
		assert.False(t, bridgetest.Golden(ft, payload, in, golden, bridgetest.Options{}))
	})
	require.Len(t, ft.errs, 1)
	assert.Contains(t, ft.errs[0], "output differs from "+golden+" (records numbered from 0; run with -update to accept it):\n")
	assert.Contains(t, ft.errs[0], "-[1] 'BB'\n+[1] 'bb'")

	withUpdate(t, true, func() {
		ft := &fakeTB{}
		assert.True(t, bridgetest.Golden(ft, payload, in, golden, bridgetest.Options{}))
		assert.Empty(t, ft.errs)
		assert.Equal(t, []string{"bridgetest: updated " + golden}, ft.logs)
	})
	got, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, "'aa'\n'bb'\n", string(got))

	// JSON by option.
	require.NoError(t, os.WriteFile(golden, []byte("\"aa\"\n\"bb\"\n"), 0o644))
	assert.True(t, bridgetest.Golden(t, payload, in, golden, bridgetest.Options{Format: bridgetest.JSON}))
}

// TestFailuresReported runs the failing cases through the helper and
// checks what each reports (never updating them, even under -update).
func TestFailuresReported(t *testing.T) {
	withUpdate(t, false, func() { testFailuresReported(t) })
}

func testFailuresReported(t *testing.T) {
	want := map[string][]string{
		"check_drift":    {"the checker's report differs from", "-  \"python\": \"3.8-3.10\","},
		"dis_drift":      {"what the payload ships differs from", "+                        \"value\": \"<lambda>\""},
		"mismatch":       {"-[ 2] 7\n+[ 2] 6\n"},
		"noinput_raises": {"the payload raised an exception:\nTraceback (most recent call last):\n", "NameError"},
		"raises":         {"record 2: 'three'\nTraceback (most recent call last):\n", "TypeError: can only concatenate str"},
		"refused":        {"refused by the checker:\n", "error: unpicklable-resource"},
	}
	for name, parts := range want {
		ft := &fakeTB{}
		assert.False(t, bridgetest.RunCase(ft, td("fail", name), bridgetest.Options{}), name)
		require.Len(t, ft.errs, 1, name)
		for _, p := range parts {
			assert.Contains(t, ft.errs[0], p, name)
		}
	}

	// RunDir with a testing.TB that is not a *testing.T runs the cases in turn.
	ft := &fakeTB{}
	bridgetest.RunDir(ft, td("fail"), bridgetest.Options{})
	assert.Len(t, ft.errs, len(want))
	assert.Len(t, ft.logs, len(want))

	ft = &fakeTB{}
	bridgetest.RunDir(ft, t.TempDir(), bridgetest.Options{})
	require.Len(t, ft.errs, 1)
	assert.Contains(t, ft.errs[0], "no case folders")

	ft = &fakeTB{}
	bridgetest.RunCase(ft, t.TempDir(), bridgetest.Options{})
	require.Len(t, ft.errs, 1)
	assert.Contains(t, ft.errs[0], "not a case folder")
}

// TestUpdateFlag: -update rewrites drifted golden files and fingerprints
// of every case under a folder; afterwards they pass.
func TestUpdateFlag(t *testing.T) {
	dir := copyDir(t, td("fail"))
	for _, name := range []string{"noinput_raises", "raises", "refused"} {
		require.NoError(t, os.RemoveAll(filepath.Join(dir, name)), "cases that cannot pass")
	}
	withUpdate(t, true, func() {
		ft := &fakeTB{}
		bridgetest.RunDir(ft, dir, bridgetest.Options{})
		assert.Empty(t, ft.errs)
		assert.Len(t, ft.logs, 3)
		for _, l := range ft.logs {
			assert.True(t, strings.HasPrefix(l, "bridgetest: updated "), l)
		}
	})
	withUpdate(t, false, func() { bridgetest.RunDir(t, dir, bridgetest.Options{}) })
}
