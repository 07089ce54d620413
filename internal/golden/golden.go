// Package golden compares test output with golden files under the
// repository's testdata/ folder and rewrites them on request.
//
// A test calls [Check] with the bytes it produced; when they differ from the
// golden file the test fails with a unified-style line diff (a hex dump diff
// for binary content). Running the tests with the -update flag, e.g.
//
//	go test ./pickle/ -update
//
// writes the produced bytes into the golden files instead of comparing.
// Golden files that a Python generator writes (see testdata/README.md) should
// be regenerated with that generator, not with -update.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/pybridge/pybridge/internal/textdiff"
)

// update is the -update flag; it is registered once, here, so every test
// binary that imports this package accepts it.
var update = flag.Bool("update", false, "rewrite golden files with the output of the tests instead of comparing")

// Update reports whether the tests run with -update, i.e. whether [Check]
// rewrites golden files instead of comparing with them.
func Update() bool { return *update }

var (
	rootOnce sync.Once
	rootDir  string
	rootErr  error
)

// Root returns the repository root: the closest directory at or above the
// working directory of the test that holds a go.mod file.
func Root() (string, error) {
	rootOnce.Do(func() {
		dir, err := os.Getwd()
		if err != nil {
			rootErr = err
			return
		}
		for {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				rootDir = dir
				return
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				rootErr = fmt.Errorf("golden: no go.mod at or above the working directory")
				return
			}
			dir = parent
		}
	})
	return rootDir, rootErr
}

// Path returns the path of a file under the repository's top-level testdata/
// folder, e.g. Path("codec", "expected.json"). It panics if the repository
// root cannot be found, which only happens outside a module.
func Path(elem ...string) string {
	root, err := Root()
	if err != nil {
		panic(err)
	}
	return filepath.Join(append([]string{root, "testdata"}, elem...)...)
}

// Read returns the contents of a golden file and fails the test now if it
// cannot be read.
func Read(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err, "golden: read %s", path)
	return data
}

// Check compares got with the golden file at path. With -update it writes got
// to path (creating parent folders) and passes. Otherwise a missing file or a
// difference fails the test (without stopping it) and the failure message
// holds a unified-style diff from the golden file to got. Check reports
// whether got matched (or was written).
func Check(t testing.TB, path string, got []byte) bool {
	t.Helper()
	if *update {
		return write(t, path, got)
	}
	want, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Errorf("golden file %s does not exist; run the test with -update to create it", path)
		return false
	}
	require.NoError(t, err, "golden: read %s", path)
	if bytes.Equal(want, got) {
		return true
	}
	t.Errorf("output differs from golden file %s (run with -update to accept it):\n%s",
		path, Diff(path+" (golden)", "got", want, got))
	return false
}

// CheckString is [Check] for a string result.
func CheckString(t testing.TB, path, got string) bool {
	t.Helper()
	return Check(t, path, []byte(got))
}

func write(t testing.TB, path string, got []byte) bool {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755), "golden: create folder for %s", path)
	require.NoError(t, os.WriteFile(path, got, 0o644), "golden: write %s", path)
	t.Logf("golden: updated %s (%d bytes)", path, len(got))
	return true
}

// Diff returns a unified-style diff that turns want into got, labelled
// wantName and gotName, or "" when they are equal (see textdiff.Unified).
func Diff(wantName, gotName string, want, got []byte) string {
	return textdiff.Unified(wantName, gotName, want, got)
}
