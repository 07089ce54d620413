package bytecode

// Flags qualify a normalised instruction; which flags an Op may carry is documented
// in the package documentation.
type Flags uint16

const (
	// FlagMethod: LOAD_GLOBAL also pushes a NULL slot; LOAD_ATTR / LOAD_SUPER_ATTR do a
	// method load (push meth, self — or attr plus a NULL slot).
	FlagMethod Flags = 1 << iota
	// FlagNullAbove: the NULL slot pushed under FlagMethod goes above the value
	// (3.13); without it the NULL goes below (3.8–3.12).
	FlagNullAbove
	// FlagTwoArgSuper: LOAD_SUPER_ATTR for two-argument super(cls, self).
	FlagTwoArgSuper
	// FlagToBool: COMPARE_OP's result is converted to an exact bool (3.13).
	FlagToBool
	// FlagKwNamesOnStack: CALL has its keyword-names tuple on top of the stack,
	// above the arguments (3.8–3.10 CALL_FUNCTION_KW, 3.13 CALL_KW).
	FlagKwNamesOnStack
	// FlagNoSelfSlot: CALL / CALL_FUNCTION_EX has only the callable below its
	// arguments, no NULL-or-self slot (3.8–3.10 CALL_FUNCTION[_KW|_EX]).
	FlagNoSelfSlot
	// FlagQualname: MAKE_FUNCTION pops a qualified-name string above the code
	// object (3.8–3.10).
	FlagQualname
	// FlagSynthetic: the instruction was added by normalisation and has no
	// CPython counterpart of its own (its Offset is the source instruction's).
	FlagSynthetic
)

// NoTarget is the Target of an instruction that does not jump.
const NoTarget = -1

// Instr is one normalised instruction.
type Instr struct {
	Op    Op
	Flags Flags
	// Arg is the normalised argument: a const/name/local index, a count, an
	// operator number (BINARY_OP: CPython's _nb_ops index; COMPARE_OP: cmp_op
	// index), … — see the package documentation per Op. Zero when unused.
	Arg int32
	// Arg2 is CALL's keyword-names constant index (-1 when none or when the names
	// are on the stack); -1 for every other op.
	Arg2 int32
	// Target is the instruction index a jump goes to, or NoTarget.
	Target int32
	// Offset is the byte offset in co_code of the CPython instruction this one came
	// from (the real instruction, after any EXTENDED_ARG prefixes).
	Offset int32
	// Line is the source line of that instruction, or -1 when it has none.
	Line int32
}

// Handler is one exception-handler range in instruction indexes: an exception
// raised by an instruction i with Start <= i < End trims the value stack to Depth
// items, pushes the index of the raising instruction when Lasti is set, pushes the
// exception and continues at Target.
type Handler struct {
	Start, End int32
	Target     int32
	Depth      int32
	Lasti      bool
}

// RawInstr is one CPython instruction as found in co_code, before normalisation:
// EXTENDED_ARG prefixes folded into Arg, CACHE words counted but not listed.
type RawInstr struct {
	Start  int32  // byte offset of the first EXTENDED_ARG prefix (== Offset if none)
	Offset int32  // byte offset of the opcode itself
	Opcode byte   // CPython opcode number
	Arg    uint32 // full argument, EXTENDED_ARG prefixes folded in
	Cache  int32  // inline CACHE words after the instruction
	Target int32  // raw index of the jump target, or NoTarget
	Line   int32  // source line, or -1
}

// End returns the byte offset just past the instruction and its caches.
func (r *RawInstr) End() int32 { return r.Offset + 2 + 2*r.Cache }

// RawHandler is one exception table entry in byte offsets (3.11+), End exclusive.
type RawHandler struct {
	Start, End, Target int32
	Depth              int32
	Lasti              bool
}

// Program is a decoded, validated code object body.
type Program struct {
	Version Version
	// Instrs is the normalised instruction stream the evaluator runs.
	Instrs []Instr
	// Handlers are the exception-handler ranges in instruction indexes, sorted
	// by Start and non-overlapping (3.11+; empty for 3.8–3.10, see BlockStack).
	Handlers []Handler
	// BlockStack is true for 3.8–3.10 code: exceptions are routed by the
	// SETUP_FINALLY / SETUP_WITH / POP_BLOCK ops and the LEGACY_* ops.
	BlockStack bool
	// Raw is the CPython-level instruction list (for disassembly and tracebacks).
	Raw []RawInstr
	// RawHandlers is the exception table in byte offsets (3.11+).
	RawHandlers []RawHandler
	// FirstLine is co_firstlineno.
	FirstLine int32

	table *opTable
}

// HandlerFor returns the handler covering instruction index pc, or nil.
func (p *Program) HandlerFor(pc int) *Handler {
	lo, hi := 0, len(p.Handlers)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		h := &p.Handlers[m]
		switch {
		case int32(pc) < h.Start:
			hi = m
		case int32(pc) >= h.End:
			lo = m + 1
		default:
			return h
		}
	}
	return nil
}

// RawName returns CPython's opcode name of a raw instruction.
func (p *Program) RawName(r *RawInstr) string { return p.table.ops[r.Opcode].name }
