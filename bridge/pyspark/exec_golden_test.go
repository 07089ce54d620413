package pyspark_test

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pybridge/pybridge/bridge"
	_ "github.com/pybridge/pybridge/bridge/pyspark"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type golden struct {
	Split   int      `json:"split"`
	Records []string `json:"records"`
	Stream  string   `json:"stream"`
	Error   string   `json:"error"`
}

// TestExecGoldens runs the PySpark-shaped commands of testdata/exec (made
// by testdata/gen/gen_exec.py) over their input streams and compares the
// records and the output stream byte for byte with CPython's.
func TestExecGoldens(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "exec")
	pkls, err := filepath.Glob(filepath.Join(root, "*", "py3.*.pkl"))
	require.NoError(t, err)
	require.NotEmpty(t, pkls)
	sort.Strings(pkls)
	for _, pkl := range pkls {
		dir := filepath.Dir(pkl)
		ver := strings.TrimSuffix(filepath.Base(pkl), ".pkl")
		name := filepath.Base(dir) + "/" + ver
		t.Run(name, func(t *testing.T) {
			var want golden
			b, err := os.ReadFile(filepath.Join(dir, ver+".json"))
			require.NoError(t, err)
			require.NoError(t, json.Unmarshal(b, &want))
			payload, err := os.ReadFile(pkl)
			require.NoError(t, err)
			input, err := os.ReadFile(filepath.Join(dir, "input.bin"))
			require.NoError(t, err)
			parts := make([]bridge.Partition, want.Split+1)
			parts[want.Split] = bridge.Partition{Stream: input}
			for _, out := range []bridge.Format{bridge.FormatPython, bridge.FormatStream} {
				ex, err := bridge.NewExecutor(bridge.ExecutorOptions{Workers: 2, Output: out})
				require.NoError(t, err)
				prog, err := ex.Load(payload)
				require.NoError(t, err)
				require.True(t, prog.Command)
				assert.Equal(t, bridge.ModePipeline, prog.Mode())
				res, err := prog.Run(context.Background(), parts)
				if want.Error != "" {
					var te *bridge.TaskError
					require.ErrorAs(t, err, &te)
					assert.Equal(t, want.Split, te.Partition)
					lines := strings.Split(strings.TrimRight(te.Traceback, "\n"), "\n")
					last := lines[len(lines)-1]
					// pyexec names non-builtin exception classes without their module.
					assert.Equal(t, want.Error[strings.LastIndex(want.Error[:strings.Index(want.Error, ":")], ".")+1:], last, te.Traceback)
					return
				}
				require.NoError(t, err)
				r := res[want.Split]
				if out == bridge.FormatStream {
					assert.Equal(t, want.Stream, hex.EncodeToString(r.Data))
					continue
				}
				got := make([]string, len(r.Values))
				for i, v := range r.Values {
					got[i], err = pyexec.Repr(r.Thread, v)
					require.NoError(t, err)
				}
				if want.Records == nil {
					want.Records = []string{}
				}
				assert.Equal(t, want.Records, got)
			}
		})
	}
}
