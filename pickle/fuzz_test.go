package pickle

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// addSeeds adds every payload in testdata and CPython's conformance
// pickles to a fuzz corpus.
func addSeeds(f *testing.F) {
	for _, pattern := range []string{
		"../testdata/corpus/*/*/*.pkl",
		"../testdata/cloudpickle/*/*.pkl",
		"../testdata/codec/*.pkl",
	} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	raw, err := os.ReadFile("../testdata/conformance/py3.12.json")
	if err != nil {
		return
	}
	var cases []conformanceCase
	if json.Unmarshal(raw, &cases) != nil {
		return
	}
	for _, c := range cases {
		if data, err := hex.DecodeString(c.DataHex); err == nil && len(data) < 4096 {
			f.Add(data)
		}
	}
}

// FuzzDecode checks that no input makes Decode, Repr, Tree, TreeJSON or
// Ops panic, that every error is a *SyntaxError inside the input, and that
// a small node limit holds.
func FuzzDecode(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := DecodeOptions{Limits: Limits{MaxNodes: 10000}}
		g, err := opts.Decode(data)
		if _, oerr := Ops(data); oerr != nil {
			var se *SyntaxError
			if !errors.As(oerr, &se) {
				t.Fatalf("Ops error %T: %v", oerr, oerr)
			}
		}
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %T is not *SyntaxError: %v", err, err)
			}
			if se.Offset < 0 || se.Offset > int64(len(data)) {
				t.Fatalf("offset %d outside input of %d bytes", se.Offset, len(data))
			}
			return
		}
		if g.Nodes > 10000 {
			t.Fatalf("%d nodes over the limit", g.Nodes)
		}
		_ = Repr(g.Root)
		if err := Tree(discard{}, g, TreeOptions{}); err != nil {
			t.Fatal(err)
		}
		if _, err := TreeJSON(g, TreeOptions{}); err != nil {
			t.Fatal(err)
		}
	})
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
