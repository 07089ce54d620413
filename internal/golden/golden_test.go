package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder is a testing.TB that keeps failures instead of failing the test.
type recorder struct {
	testing.TB
	errs []string
	logs []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recorder) Logf(format string, args ...any) {
	r.logs = append(r.logs, fmt.Sprintf(format, args...))
}

func (r *recorder) FailNow() { r.TB.Fatalf("unexpected FailNow; errors: %q", r.errs) }

func withUpdate(t *testing.T, on bool) {
	old := *update
	*update = on
	t.Cleanup(func() { *update = old })
}

func TestCheckMatch(t *testing.T) {
	withUpdate(t, false)
	path := filepath.Join(t.TempDir(), "x.txt")
	require.NoError(t, os.WriteFile(path, []byte("hello\n"), 0o644))
	r := &recorder{TB: t}
	assert.True(t, Check(r, path, []byte("hello\n")))
	assert.Empty(t, r.errs)
}

func TestCheckMismatchShowsDiff(t *testing.T) {
	withUpdate(t, false)
	path := filepath.Join(t.TempDir(), "x.txt")
	require.NoError(t, os.WriteFile(path, []byte("one\ntwo\n"), 0o644))
	r := &recorder{TB: t}
	assert.False(t, CheckString(r, path, "one\n2\n"))
	require.Len(t, r.errs, 1)
	assert.Contains(t, r.errs[0], "output differs from golden file "+path)
	assert.Contains(t, r.errs[0], "--- "+path+" (golden)\n+++ got\n@@ -1,2 +1,2 @@\n one\n-two\n+2\n")
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "one\ntwo\n", string(b), "a failed Check must not touch the file")
}

func TestCheckMissingFile(t *testing.T) {
	withUpdate(t, false)
	path := filepath.Join(t.TempDir(), "nope.txt")
	r := &recorder{TB: t}
	assert.False(t, Check(r, path, []byte("x")))
	require.Len(t, r.errs, 1)
	assert.Contains(t, r.errs[0], "does not exist")
	assert.Contains(t, r.errs[0], "-update")
}

func TestCheckUpdateWritesFile(t *testing.T) {
	withUpdate(t, true)
	assert.True(t, Update())
	path := filepath.Join(t.TempDir(), "sub", "dir", "g.bin")
	r := &recorder{TB: t}
	assert.True(t, Check(r, path, []byte{1, 2, 3}))
	assert.Empty(t, r.errs)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, []byte{1, 2, 3}, b)

	// Overwrites a stale golden file.
	assert.True(t, CheckString(r, path, "new\n"))
	assert.Equal(t, "new\n", string(Read(t, path)))
	assert.Len(t, r.logs, 2)

	// And the rewritten file then matches without -update.
	*update = false
	assert.True(t, CheckString(r, path, "new\n"))
	assert.Empty(t, r.errs)
}

func TestPathUnderRepositoryTestdata(t *testing.T) {
	root, err := Root()
	require.NoError(t, err)
	assert.FileExists(t, filepath.Join(root, "go.mod"))
	p := Path("codec", "expected.json")
	assert.Equal(t, filepath.Join(root, "testdata", "codec", "expected.json"), p)
	assert.FileExists(t, p)
}
