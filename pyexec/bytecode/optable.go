package bytecode

//go:generate sh gen/generate.sh

// opStatus says whether a CPython opcode byte may appear as an instruction in co_code.
type opStatus uint8

const (
	statusUnknown     opStatus = iota // no opcode with this number
	statusReal                        // a real opcode the compiler emits
	statusCache                       // CACHE: only valid as an inline cache word
	statusSpecialized                 // adaptive specialisation; never in co_code as Python sees it
	statusRuntimeOnly                 // INSTRUMENTED_*, ENTER_EXECUTOR, INTERPRETER_EXIT, RESERVED
)

// jumpKind is how an opcode's argument encodes a jump target.
type jumpKind uint8

const (
	jumpNone     jumpKind = iota
	jumpAbsolute          // hasjabs: target = arg (3.8/3.9 bytes; 3.10 code units)
	jumpForward           // hasjrel, forward
	jumpBackward          // hasjrel, backward (3.11+)
)

// argFlags mirror the has* lists of CPython's opcode module.
type argFlags uint8

const (
	argUsed    argFlags = 1 << iota // opcode uses its argument (>= HAVE_ARGUMENT or hasarg)
	argConst                        // hasconst
	argName                         // hasname
	argLocal                        // haslocal
	argFree                         // hasfree
	argCompare                      // hascompare
)

// opInfo describes one opcode number of one CPython version.
type opInfo struct {
	name   string
	status opStatus
	cache  int
	jump   jumpKind
	flags  argFlags
}

// opTable holds the generated facts of one CPython version's opcode module.
type opTable struct {
	version      Version
	magic        int
	haveArgument int
	extendedArg  int
	cmpOp        []string
	nbOps        []string
	intrinsic1   []string
	intrinsic2   []string
	pseudo       []string
	ops          [256]opInfo
}

// tables lists every supported version, oldest first.
var tables = []*opTable{py38Table, py39Table, py310Table, py311Table, py312Table, py313Table}

func tableFor(v Version) *opTable {
	for _, t := range tables {
		if t.version == v {
			return t
		}
	}
	return nil
}

// OpcodeName returns CPython's name for opcode number op in version v, or "" when
// the number is unassigned (or v unsupported).
func OpcodeName(v Version, op byte) string {
	if t := tableFor(v); t != nil {
		return t.ops[op].name
	}
	return ""
}
