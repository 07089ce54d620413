package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const text = `It was the best of times, it was the worst of times,
it was the age of wisdom, it was the age of foolishness,
it was the epoch of belief, it was the epoch of incredulity,
`

func TestWordCount(t *testing.T) {
	for _, py := range []string{"3.11", "3.12"} {
		for _, parts := range []int{1, 3} {
			counts, err := wordCount(context.Background(), []byte(text), Options{Partitions: parts, Workers: 2, Payloads: "payloads", Python: py})
			require.NoError(t, err)
			want := map[string]int64{}
			for _, w := range strings.Fields(strings.ToLower(text)) {
				want[w]++
			}
			got := map[string]int64{}
			for _, c := range counts {
				got[c.Word] = c.Count
			}
			assert.Equal(t, want, got, "python %s, %d partitions", py, parts)
			assert.Equal(t, WordCount{"it", 6}, counts[0])
		}
	}
}

func TestRunCommand(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in.txt")
	require.NoError(t, os.WriteFile(in, []byte(text), 0o644))
	var out, errb bytes.Buffer
	code := run([]string{"--payloads", "payloads", "--top", "3", in}, &out, &errb)
	require.Equal(t, 0, code, errb.String())
	assert.Equal(t, "      6 it\n      6 of\n      6 the\n", out.String())
	code = run([]string{"--payloads", "payloads", "/nonexistent.txt"}, &out, &errb)
	assert.Equal(t, 2, code)
}
