package bytecode

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

type corpusInstr struct {
	Offset int     `json:"offset"`
	Opname string  `json:"opname"`
	Opcode int     `json:"opcode"`
	Arg    int64   `json:"arg"`
	Argval *string `json:"argval"`
	Target int     `json:"target"`
	Line   int     `json:"line"`
}

type corpusExc struct {
	Start, End, Target, Depth int
	Lasti                     bool
}

type corpusCode struct {
	Name           string        `json:"name"`
	Qualname       string        `json:"qualname"`
	FirstLineNo    int           `json:"firstlineno"`
	Code           string        `json:"code"`
	ExceptionTable string        `json:"exceptiontable"`
	LineTable      string        `json:"linetable"`
	NConsts        int           `json:"nconsts"`
	Names          []string      `json:"names"`
	Varnames       []string      `json:"varnames"`
	Cellvars       []string      `json:"cellvars"`
	Freevars       []string      `json:"freevars"`
	StackSize      int           `json:"stacksize"`
	Instructions   []corpusInstr `json:"instructions"`
	Exceptions     []corpusExc   `json:"exceptions"`
}

type corpusFile struct {
	Version string       `json:"version"`
	Codes   []corpusCode `json:"codes"`
}

func mustHex(t testing.TB, s string) []byte {
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

func (c *corpusCode) input(t testing.TB) *Input {
	return &Input{
		Code: mustHex(t, c.Code), ExceptionTable: mustHex(t, c.ExceptionTable),
		LineTable: mustHex(t, c.LineTable), FirstLineNo: c.FirstLineNo,
		NConsts: c.NConsts, NNames: len(c.Names), NVarnames: len(c.Varnames),
		NCellvars: len(c.Cellvars), NFreevars: len(c.Freevars),
		NLocalsPlus: LocalsPlusCount(c.Varnames, c.Cellvars, c.Freevars), StackSize: c.StackSize,
	}
}

func loadCorpus(t testing.TB) map[Version]*corpusFile {
	files, err := filepath.Glob("testdata/py3.*.json")
	require.NoError(t, err)
	require.Len(t, files, 6)
	out := map[Version]*corpusFile{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		var cf corpusFile
		require.NoError(t, json.Unmarshal(data, &cf))
		v, err := ParseVersion(cf.Version)
		require.NoError(t, err)
		out[v] = &cf
	}
	return out
}

// realTarget maps a dis jump-target offset to the offset of the instruction it
// denotes: dis points at the first EXTENDED_ARG prefix.
func realTarget(ins []corpusInstr, off int) int {
	for i, x := range ins {
		if x.Offset == off {
			for i < len(ins) && ins[i].Opname == "EXTENDED_ARG" {
				i++
			}
			return ins[i].Offset
		}
	}
	return -2
}

func TestCorpusRaw(t *testing.T) {
	for v, cf := range loadCorpus(t) {
		t.Run(v.String(), func(t *testing.T) {
			nInstr, nExc := 0, 0
			for _, c := range cf.Codes {
				p, err := Decode(v, c.input(t))
				require.NoError(t, err, "%s", c.Qualname)
				var want []corpusInstr
				for _, x := range c.Instructions {
					if x.Opname != "EXTENDED_ARG" {
						want = append(want, x)
					}
				}
				require.Len(t, p.Raw, len(want), c.Qualname)
				for i, w := range want {
					r := &p.Raw[i]
					require.Equal(t, w.Offset, int(r.Offset), "%s #%d", c.Qualname, i)
					require.Equal(t, w.Opname, p.RawName(r), "%s @%d", c.Qualname, w.Offset)
					if w.Arg >= 0 {
						require.Equal(t, w.Arg, int64(r.Arg), "%s @%d %s", c.Qualname, w.Offset, w.Opname)
					}
					if w.Target >= 0 {
						require.NotEqual(t, NoTarget, r.Target, "%s @%d", c.Qualname, w.Offset)
						require.Equal(t, realTarget(c.Instructions, w.Target), int(p.Raw[r.Target].Offset),
							"%s @%d %s", c.Qualname, w.Offset, w.Opname)
					} else {
						require.Equal(t, int32(NoTarget), r.Target)
					}
					require.Equal(t, w.Line, int(r.Line), "%s @%d %s line", c.Qualname, w.Offset, w.Opname)
					nInstr++
				}
				require.Len(t, p.RawHandlers, len(c.Exceptions), c.Qualname)
				for i, e := range c.Exceptions {
					h := p.RawHandlers[i]
					require.Equal(t, corpusExc{e.Start, e.End, e.Target, e.Depth, e.Lasti},
						corpusExc{int(h.Start), int(h.End), int(h.Target), int(h.Depth), h.Lasti}, c.Qualname)
					nExc++
				}
			}
			t.Logf("%s: %d code objects, %d instructions, %d exception entries", v, len(cf.Codes), nInstr, nExc)
		})
	}
}
