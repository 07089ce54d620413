package bytecode

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Symbols optionally names the tuples instruction arguments index, so the
// disassembly can show them. Any field may be nil.
type Symbols struct {
	Consts     []string // repr of each co_consts entry
	Names      []string // co_names
	LocalsPlus []string // fast-locals slots (varnames, cells, frees; see LocalsPlusCount)
}

func (s *Symbols) pick(list []string, i int32) string {
	if s == nil || i < 0 || int(i) >= len(list) {
		return ""
	}
	return list[i]
}

// argRepr describes an instruction's argument in words, like dis's argrepr.
func (p *Program) argRepr(in *Instr, sym *Symbols) string {
	var parts []string
	add := func(s string) {
		if s != "" {
			parts = append(parts, s)
		}
	}
	switch {
	case in.Op == LoadConst || in.Op == ReturnConst:
		add(sym.pick(symConsts(sym), in.Arg))
	case nameOps[in.Op]:
		add(sym.pick(symNames(sym), in.Arg))
	case localOps[in.Op]:
		add(sym.pick(symLocals(sym), in.Arg))
	case in.Op == CompareOp && int(in.Arg) < len(p.table.cmpOp):
		add(p.table.cmpOp[in.Arg])
	case in.Op == BinaryOp && int(in.Arg) < len(binaryOpSymbols):
		add(binaryOpSymbols[in.Arg])
	case in.Op == Call && in.Arg2 >= 0:
		add("kwnames=" + orNum(sym.pick(symConsts(sym), in.Arg2), in.Arg2))
	}
	if in.Target != NoTarget {
		add(fmt.Sprintf("to %d", in.Target))
	}
	for f, name := range flagNames {
		if in.Flags&(1<<f) != 0 {
			add(name)
		}
	}
	return strings.Join(parts, ", ")
}

var flagNames = []string{"method", "null-above", "two-arg", "to-bool", "kw-on-stack", "no-self-slot", "qualname", "synthetic"}

// binaryOpSymbols are the operators of BINARY_OP's argument (CPython's _nb_ops order).
var binaryOpSymbols = []string{"+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^",
	"+=", "&=", "//=", "<<=", "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^="}

func symConsts(s *Symbols) []string {
	if s == nil {
		return nil
	}
	return s.Consts
}

func symNames(s *Symbols) []string {
	if s == nil {
		return nil
	}
	return s.Names
}

func symLocals(s *Symbols) []string {
	if s == nil {
		return nil
	}
	return s.LocalsPlus
}

func orNum(s string, n int32) string {
	if s == "" {
		return fmt.Sprint(n)
	}
	return s
}

// Disassemble writes the normalised program in a dis-like layout: line, jump
// marker, instruction index, CPython byte offset, op, argument and its meaning,
// followed by the exception handler table. sym may be nil.
func (p *Program) Disassemble(w io.Writer, sym *Symbols) error {
	bw := bufio.NewWriter(w)
	targets := make(map[int32]bool)
	for _, in := range p.Instrs {
		if in.Target != NoTarget {
			targets[in.Target] = true
		}
	}
	for _, h := range p.Handlers {
		targets[h.Target] = true
	}
	lastLine := int32(-2)
	for i := range p.Instrs {
		in := &p.Instrs[i]
		line := ""
		if in.Line != lastLine && in.Line >= 0 {
			line = fmt.Sprint(in.Line)
		}
		lastLine = in.Line
		mark := "  "
		if targets[int32(i)] {
			mark = ">>"
		}
		fmt.Fprintf(bw, "%6s %s %5d @%-5d %-26s %5d", line, mark, i, in.Offset, in.Op, in.Arg)
		if r := p.argRepr(in, sym); r != "" {
			fmt.Fprintf(bw, " (%s)", r)
		}
		bw.WriteByte('\n')
	}
	if len(p.Handlers) > 0 {
		fmt.Fprintln(bw, "ExceptionTable:")
		for _, h := range p.Handlers {
			lasti := ""
			if h.Lasti {
				lasti = " lasti"
			}
			fmt.Fprintf(bw, "  %d to %d -> %d [%d]%s\n", h.Start, h.End, h.Target, h.Depth, lasti)
		}
	}
	return bw.Flush()
}

// DisassembleRaw writes the CPython-level instructions as CPython's dis shows
// them (EXTENDED_ARG folded, caches hidden), with byte-offset jump targets.
func (p *Program) DisassembleRaw(w io.Writer) error {
	bw := bufio.NewWriter(w)
	lastLine := int32(-2)
	for i := range p.Raw {
		r := &p.Raw[i]
		line := ""
		if r.Line != lastLine && r.Line >= 0 {
			line = fmt.Sprint(r.Line)
		}
		lastLine = r.Line
		fmt.Fprintf(bw, "%6s %6d %-28s %d", line, r.Offset, p.RawName(r), r.Arg)
		if r.Target != NoTarget {
			fmt.Fprintf(bw, " (to %d)", p.Raw[r.Target].Start)
		}
		bw.WriteByte('\n')
	}
	if len(p.RawHandlers) > 0 {
		fmt.Fprintln(bw, "ExceptionTable:")
		for _, h := range p.RawHandlers {
			lasti := ""
			if h.Lasti {
				lasti = " lasti"
			}
			fmt.Fprintf(bw, "  %d to %d -> %d [%d]%s\n", h.Start, h.End, h.Target, h.Depth, lasti)
		}
	}
	return bw.Flush()
}

// String returns the normalised disassembly without symbols.
func (p *Program) String() string {
	var sb strings.Builder
	_ = p.Disassemble(&sb, nil)
	return sb.String()
}

// nameOps take a co_names index as their argument.
var nameOps = map[Op]bool{LoadGlobal: true, LoadAttr: true, StoreAttr: true, DeleteAttr: true, LoadName: true,
	StoreName: true, DeleteName: true, StoreGlobal: true, DeleteGlobal: true, ImportName: true, ImportFrom: true,
	LoadSuperAttr: true, LoadFromDictOrGlobals: true}

// localOps take a fast-locals (localsplus) index as their argument.
var localOps = map[Op]bool{LoadFast: true, StoreFast: true, DeleteFast: true, LoadFastAndClear: true,
	LoadDeref: true, StoreDeref: true, DeleteDeref: true, MakeCell: true, LoadClassderef: true, LoadFromDictOrDeref: true}
