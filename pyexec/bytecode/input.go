package bytecode

// Input is what Decode needs from a code object: the raw byte strings and the
// sizes of the tuples that instruction arguments index into.
type Input struct {
	Code           []byte // co_code
	ExceptionTable []byte // co_exceptiontable (3.11+; ignored before)
	LineTable      []byte // co_lnotab (3.8/3.9) or co_linetable (3.10+); may be nil
	FirstLineNo    int    // co_firstlineno

	NConsts   int // len(co_consts)
	NNames    int // len(co_names)
	NVarnames int // len(co_varnames)
	NCellvars int // len(co_cellvars)
	NFreevars int // len(co_freevars)
	// NLocalsPlus is the size of the 3.11+ fast-locals array (see LocalsPlusCount).
	// When zero, NVarnames+NCellvars+NFreevars is used as an upper bound.
	NLocalsPlus int
	// StackSize is co_stacksize; when positive, exception handler depths are
	// checked against it.
	StackSize int
}

// LocalsPlusCount returns the number of fast-locals slots of a 3.11+ code object:
// the varnames, then each cellvar not already a varname, then the freevars.
func LocalsPlusCount(varnames, cellvars, freevars []string) int {
	n := len(varnames) + len(freevars)
	for _, c := range cellvars {
		shared := false
		for _, v := range varnames {
			if v == c {
				shared = true
				break
			}
		}
		if !shared {
			n++
		}
	}
	return n
}

// MaxCodeBytes bounds len(co_code) accepted by Decode.
const MaxCodeBytes = 1 << 24

func (in *Input) localsPlus(v Version) int {
	if v.Less(Py311) {
		return in.NVarnames
	}
	if in.NLocalsPlus > 0 {
		return in.NLocalsPlus
	}
	return in.NVarnames + in.NCellvars + in.NFreevars
}
