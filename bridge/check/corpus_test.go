package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/pybridge/pybridge/internal/golden"
)

// corpusFiles lists the real cloudpickle and PySpark-shaped payloads
// copied from the shared corpus.
func corpusFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	root := golden.Path("corpus")
	err := filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".pkl") {
			files = append(files, p)
		}
		return err
	})
	require.NoError(t, err)
	require.NotEmpty(t, files)
	return files
}

// TestCorpusNoErrors checks every benign corpus payload: no finding may be
// an error, and every warning is listed in the golden summary.
func TestCorpusNoErrors(t *testing.T) {
	var summary strings.Builder
	root := golden.Path("corpus")
	for _, f := range corpusFiles(t) {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		r := Bytes(data, DefaultOptions())
		rel, _ := filepath.Rel(root, f)
		for _, fd := range r.Findings {
			if fd.Severity >= Error {
				t.Errorf("%s: unexpected error finding: %s", rel, fd.Message)
			}
			if fd.Severity >= Warning {
				summary.WriteString(rel + ": " + fd.Severity.String() + ": " + fd.Rule + ": " + fd.Message + "\n")
			}
		}
		require.Equal(t, 0, r.ExitCode(), "%s", rel)
	}
	golden.CheckString(t, golden.Path("check", "corpus_warnings.txt"), summary.String())
}
