package bytecode

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// localsPlusNames rebuilds the fast-locals layout the normalised local/cell
// indexes refer to.
func localsPlusNames(v Version, c *corpusCode) []string {
	out := append([]string{}, c.Varnames...)
	for _, cv := range c.Cellvars {
		shared := false
		for _, vn := range c.Varnames {
			shared = shared || (vn == cv && v.AtLeast(Py311))
		}
		if !shared {
			out = append(out, cv)
		}
	}
	return append(out, c.Freevars...)
}

// firstAtOrAfter returns the first non-synthetic-prologue instruction whose
// offset is >= off.
func firstAtOrAfter(p *Program, off int32) int32 {
	for i := range p.Instrs {
		in := &p.Instrs[i]
		if in.Flags&FlagSynthetic != 0 && (in.Op == MakeCell || in.Op == CopyFreeVars) {
			continue
		}
		if in.Offset >= off {
			return int32(i)
		}
	}
	return int32(len(p.Instrs))
}

func TestCorpusNormalized(t *testing.T) {
	for v, cf := range loadCorpus(t) {
		t.Run(v.String(), func(t *testing.T) {
			checked := 0
			for ci := range cf.Codes {
				c := &cf.Codes[ci]
				p, err := Decode(v, c.input(t))
				require.NoError(t, err)
				byOff := map[int32]*corpusInstr{}
				for i := range c.Instructions {
					byOff[int32(c.Instructions[i].Offset)] = &c.Instructions[i]
				}
				rawByOff := map[int32]*RawInstr{}
				for i := range p.Raw {
					rawByOff[p.Raw[i].Offset] = &p.Raw[i]
				}
				lp := localsPlusNames(v, c)
				for i, in := range p.Instrs {
					require.NotEqual(t, Invalid, in.Op)
					require.Less(t, int(in.Op), NumOps)
					if in.Op.IsJump() {
						require.True(t, in.Target >= 0 && int(in.Target) < len(p.Instrs), "%s #%d", c.Qualname, i)
						r := rawByOff[in.Offset]
						rt := r.Target
						if v.AtLeast(Py312) && (in.Op == ForIter || in.Op == Send) {
							rt++
							if in.Op == ForIter && v.AtLeast(Py313) {
								rt++
							}
						}
						require.Equal(t, firstAtOrAfter(p, p.Raw[rt].Offset), in.Target, "%s #%d %s", c.Qualname, i, in.Op)
					} else {
						require.Equal(t, int32(NoTarget), in.Target)
					}
					w := byOff[in.Offset]
					if in.Flags&FlagSynthetic != 0 || w == nil || w.Argval == nil {
						continue
					}
					want, err := strconv.Unquote(*w.Argval)
					if err != nil {
						continue
					}
					switch {
					case nameOps[in.Op]:
						require.Equal(t, want, c.Names[in.Arg], "%s @%d %s", c.Qualname, in.Offset, in.Op)
						checked++
					case localOps[in.Op] && w.Opname != "LOAD_FAST_LOAD_FAST" && w.Opname != "STORE_FAST_STORE_FAST" && w.Opname != "STORE_FAST_LOAD_FAST":
						require.Equal(t, want, lp[in.Arg], "%s @%d %s", c.Qualname, in.Offset, in.Op)
						checked++
					case in.Op == CompareOp:
						require.Equal(t, want, p.table.cmpOp[in.Arg], "%s @%d", c.Qualname, in.Offset)
						checked++
					}
				}
				for i, h := range p.Handlers {
					require.Less(t, h.Start, h.End)
					require.LessOrEqual(t, int(h.End), len(p.Instrs))
					require.Less(t, int(h.Target), len(p.Instrs))
					if i > 0 {
						require.LessOrEqual(t, p.Handlers[i-1].End, h.Start)
					}
				}
				// Every raw range maps to instruction indexes by offset.
				j := 0
				for _, rh := range p.RawHandlers {
					s, e := firstAtOrAfter(p, rh.Start), firstAtOrAfter(p, rh.End)
					if s >= e {
						continue
					}
					h := p.Handlers[j]
					j++
					require.Equal(t, [3]int32{s, e, firstAtOrAfter(p, rh.Target)}, [3]int32{h.Start, h.End, h.Target}, c.Qualname)
				}
				require.Equal(t, j, len(p.Handlers))
			}
			t.Logf("%s: %d name/local/compare arguments checked against dis", v, checked)
		})
	}
}
