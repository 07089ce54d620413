package bytecode

import (
	"testing"
)

// FuzzDecode checks that Decode never panics and that every successful decode
// has all jump and handler targets in range.
func FuzzDecode(f *testing.F) {
	corpus := loadCorpus(f)
	vs := SupportedVersions()
	for vi, v := range vs {
		cf := corpus[v]
		for i, c := range cf.Codes {
			if i%4 != 0 {
				continue
			}
			in := c.input(f)
			f.Add(uint8(vi), in.Code, in.ExceptionTable, in.LineTable, uint8(in.NConsts), uint8(in.NNames), uint8(in.NLocalsPlus))
		}
	}
	f.Fuzz(func(t *testing.T, vi uint8, code, exc, lines []byte, nc, nn, nl uint8) {
		v := vs[int(vi)%len(vs)]
		in := &Input{Code: code, ExceptionTable: exc, LineTable: lines, FirstLineNo: 1,
			NConsts: int(nc), NNames: int(nn), NVarnames: int(nl), NCellvars: 1, NFreevars: 1,
			NLocalsPlus: int(nl) + 2}
		p, err := Decode(v, in)
		if err != nil {
			if _, ok := err.(*DecodeError); !ok {
				t.Fatalf("error is %T, not *DecodeError: %v", err, err)
			}
			return
		}
		n := int32(len(p.Instrs))
		for i, ins := range p.Instrs {
			if ins.Op == Invalid || int(ins.Op) >= NumOps {
				t.Fatalf("instr %d: invalid op %d", i, ins.Op)
			}
			if ins.Op.IsJump() != (ins.Target != NoTarget) || ins.Target >= n || ins.Target < NoTarget {
				t.Fatalf("instr %d %s: bad target %d of %d", i, ins.Op, ins.Target, n)
			}
		}
		for _, h := range p.Handlers {
			if h.Start < 0 || h.Start >= h.End || h.End > n || h.Target < 0 || h.Target >= n {
				t.Fatalf("bad handler %+v of %d", h, n)
			}
		}
		_ = p.String()
	})
}
