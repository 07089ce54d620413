package pyexec

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/go-python/gpython/py"
	"github.com/stretchr/testify/require"
)

// TestTimsortTrace checks that timsort asks CPython's questions in CPython's
// order: testdata/sort_trace.json (gen_sort_trace.py) holds, per input and
// CPython version, the number of "<" calls list.sort made and a hash of the
// sequence of compared pairs.
func TestTimsortTrace(t *testing.T) {
	raw, err := os.ReadFile("testdata/sort_trace.json")
	require.NoError(t, err)
	var data struct {
		Cases []struct {
			In      []int64                       `json:"in"`
			CPython map[string][2]json.RawMessage `json:"cpython"`
		} `json:"cases"`
	}
	require.NoError(t, json.Unmarshal(raw, &data))
	require.Len(t, data.Cases, 140)
	for ci, c := range data.Cases {
		for ver, want := range c.CPython {
			var minor int
			_, err := fmt.Sscanf(ver, "3.%d", &minor)
			require.NoError(t, err)
			var ncmp int
			var sha string
			require.NoError(t, json.Unmarshal(want[0], &ncmp))
			require.NoError(t, json.Unmarshal(want[1], &sha))
			// Keys are the indexes; vals carry them along to check the order.
			keys := make([]py.Object, len(c.In))
			vals := make([]py.Object, len(c.In))
			for i := range keys {
				keys[i], vals[i] = py.Int(i), py.Int(i)
			}
			var log []string
			less := func(a, b py.Object) (bool, error) {
				i, j := a.(py.Int), b.(py.Int)
				log = append(log, fmt.Sprintf("%d<%d", i, j))
				return c.In[i] < c.In[j], nil
			}
			require.NoError(t, timsortMinor(nil, keys, vals, minor, less))
			sum := sha256.Sum256([]byte(strings.Join(log, ",")))
			require.Equal(t, ncmp, len(log), "case %d (n=%d) on %s", ci, len(c.In), ver)
			require.Equal(t, sha, hex.EncodeToString(sum[:8]), "case %d (n=%d) on %s", ci, len(c.In), ver)
			order := make([]int, len(c.In))
			for i := range order {
				order[i] = i
			}
			slices.SortStableFunc(order, func(a, b int) int {
				switch {
				case c.In[a] < c.In[b]:
					return -1
				case c.In[a] > c.In[b]:
					return 1
				}
				return 0
			})
			for i, o := range order {
				require.Equal(t, py.Int(o), keys[i])
				require.Equal(t, py.Int(o), vals[i])
			}
		}
	}
}
