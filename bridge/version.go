package bridge

import (
	"fmt"
	"strings"

	"github.com/pybridge/pybridge/bridge/cloudpickle"
	"github.com/pybridge/pybridge/pickle"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/bytecode"
)

// DefaultDataVersion is the CPython version assumed for a payload that holds
// no code object and for which no version was given. It only decides how str
// and bytes are hashed (and so the iteration order of sets rebuilt from the
// payload): 3.11 and later hash alike.
var DefaultDataVersion = bytecode.Py312

// runnable lists the CPython versions whose bytecode pyexec's evaluation loop
// is tested against (pyexec.SupportedVersions). Payloads of other versions
// are refused unless MaterializeOptions.AllowUntested is set.
var runnable = pyexec.SupportedVersions()

// RunnableVersions returns the CPython versions whose bytecode the evaluator
// runs, oldest first.
func RunnableVersions() []bytecode.Version {
	return append([]bytecode.Version(nil), runnable...)
}

func isRunnable(v bytecode.Version) bool {
	for _, r := range runnable {
		if r == v {
			return true
		}
	}
	return false
}

func versionList(vs []bytecode.Version) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = v.String()
	}
	return strings.Join(s, ", ")
}

// codeCall is a code-object constructor found in a graph.
type codeCall struct {
	call *pickle.Call
	args []pickle.Value
}

// VersionInfo is what InferVersion found out about a payload.
type VersionInfo struct {
	// Version is the CPython version chosen for the payload.
	Version bytecode.Version
	// Candidates lists, newest first, every version whose bytecode decoder
	// accepted all of the payload's code objects.
	Candidates []bytecode.Version
	// CodeObjects is the number of code objects in the payload; when 0 the
	// version is the one asked for, or DefaultDataVersion.
	CodeObjects int
	// Arity is the CodeType argument count of the payload's code objects
	// (16 or 18), or 0 when it has none.
	Arity int
}

// collectCodeCalls walks everything the stream created and returns the
// code-object constructor calls, in no particular order.
func collectCodeCalls(g *pickle.Graph) []codeCall {
	var out []codeCall
	seen := map[pickle.Value]bool{}
	var stack []pickle.Value
	push := func(v pickle.Value) {
		switch v.(type) {
		case nil, *pickle.None, *pickle.Bool, *pickle.Int, *pickle.BigInt, *pickle.Float, *pickle.Str, *pickle.Bytes:
			// Leaves: no children and no call. Skipping them keeps the
			// seen set small on data (an input partition is mostly leaves).
			return
		}
		if !seen[v] {
			seen[v] = true
			stack = append(stack, v)
		}
	}
	push(g.Root)
	for _, v := range g.Popped {
		push(v)
	}
	for _, v := range g.Leftover {
		push(v)
	}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c, ok := v.(*pickle.Call); ok && cloudpickle.IsCodeCall(c) {
			if t, ok := c.Args.(*pickle.Tuple); ok {
				out = append(out, codeCall{call: c, args: t.Items})
			}
		}
		pickle.Children(v, func(e pickle.Edge) bool {
			push(e.Child)
			return true
		})
	}
	return out
}

// bytecodeInput builds the decoder input of a code-object argument list for
// version v, or returns nil when the arguments do not have the shape of v's
// CodeType.
func bytecodeInput(v bytecode.Version, args []pickle.Value) *bytecode.Input {
	var k codeLayout
	if !k.init(v, len(args)) {
		return nil
	}
	code, ok1 := args[k.code].(*pickle.Bytes)
	first, ok2 := args[k.firstLine].(*pickle.Int)
	if !ok1 || !ok2 {
		return nil
	}
	in := &bytecode.Input{Code: code.Value, FirstLineNo: int(first.Value),
		NConsts: tupleLen(args[k.consts]), NNames: tupleLen(args[k.names]),
		NVarnames: tupleLen(args[k.varnames]), NFreevars: tupleLen(args[k.freevars]),
		NCellvars: tupleLen(args[k.cellvars])}
	if s, ok := args[k.stackSize].(*pickle.Int); ok {
		in.StackSize = int(s.Value)
	}
	if lt, ok := args[k.lineTable].(*pickle.Bytes); ok {
		in.LineTable = lt.Value
	}
	if k.excTable >= 0 {
		et, ok := args[k.excTable].(*pickle.Bytes)
		if !ok {
			return nil
		}
		in.ExceptionTable = et.Value
		in.NLocalsPlus = bytecode.LocalsPlusCount(strItems(args[k.varnames]), strItems(args[k.cellvars]), strItems(args[k.freevars]))
	}
	if in.NConsts < 0 || in.NNames < 0 || in.NVarnames < 0 || in.NFreevars < 0 || in.NCellvars < 0 {
		return nil
	}
	return in
}

func tupleLen(v pickle.Value) int {
	if t, ok := v.(*pickle.Tuple); ok {
		return len(t.Items)
	}
	return -1
}

func strItems(v pickle.Value) []string {
	t, ok := v.(*pickle.Tuple)
	if !ok {
		return nil
	}
	out := make([]string, 0, len(t.Items))
	for _, it := range t.Items {
		if s, ok := it.(*pickle.Str); ok {
			out = append(out, s.Value)
		} else {
			out = append(out, "")
		}
	}
	return out
}

// candidatesFor returns the versions, newest first, that have a CodeType of
// n arguments.
func candidatesFor(n int) []bytecode.Version {
	switch n {
	case 16:
		return []bytecode.Version{bytecode.Py310, bytecode.Py39, bytecode.Py38}
	case 18:
		return []bytecode.Version{bytecode.Py313, bytecode.Py312, bytecode.Py311}
	}
	return nil
}

// has311Prologue reports whether code starts as CPython 3.11+ function code
// does: RESUME, possibly after MAKE_CELL/COPY_FREE_VARS or
// RETURN_GENERATOR+POP_TOP.
func has311Prologue(code []byte) bool {
	for _, p := range []struct {
		resume byte
		skip   []byte
	}{{151, []byte{135, 149, 75, 1}}, {149, []byte{94, 62, 35, 32}}} {
		for i := 0; i+1 < len(code); i += 2 {
			op := code[i]
			if op == p.resume {
				return true
			}
			found := false
			for _, s := range p.skip {
				if op == s {
					found = true
				}
			}
			if !found {
				break
			}
		}
	}
	return false
}

// cachesZero checks that every inline CACHE word is zero, as in the code
// objects CPython 3.11+ pickles (co_code is the de-optimised form). Reading
// one version's bytecode with another's table puts real instructions where
// the table expects caches, so this tells 3.11, 3.12 and 3.13 apart where
// their opcode numbers agree.
func cachesZero(p *bytecode.Program, code []byte) error {
	for i := range p.Raw {
		r := &p.Raw[i]
		for off := r.Offset + 2; off < r.End() && int(off)+1 < len(code); off += 2 {
			if code[off] != 0 || code[off+1] != 0 {
				return fmt.Errorf("non-zero inline cache at byte %d after %s", off, p.RawName(r))
			}
		}
	}
	return nil
}

// InferVersion works out which CPython produced the payload from its code
// objects: the CodeType arity (16: 3.8–3.10, 18: 3.11–3.13), then a trial
// decode of every code object with each candidate version's opcode table,
// requiring zero inline caches; the newest version that accepts them all
// wins. want, when not zero, is
// the version asked for: it must be compatible with the payload, or the
// error names both versions.
func InferVersion(g *pickle.Graph, want bytecode.Version) (VersionInfo, error) {
	calls := collectCodeCalls(g)
	info := VersionInfo{CodeObjects: len(calls)}
	if len(calls) == 0 {
		info.Version = want
		if want == (bytecode.Version{}) {
			info.Version = DefaultDataVersion
		}
		return info, nil
	}
	n := len(calls[0].args)
	for _, c := range calls {
		if len(c.args) != n {
			return info, &LoadError{Offset: c.call.Offset(), Msg: fmt.Sprintf(
				"code objects with %d and %d arguments in one payload (mixed CPython versions)", n, len(c.args))}
		}
	}
	info.Arity = n
	cands := candidatesFor(n)
	if cands == nil {
		what := "no supported CPython"
		switch n {
		case 15:
			what = "CPython 3.7 or older"
		case 20:
			what = "the nogil 3.9 fork"
		}
		return info, &LoadError{Offset: calls[0].call.Offset(), Msg: fmt.Sprintf(
			"code object with %d arguments: produced by %s; pybridge runs CPython 3.8-3.13 payloads", n, what)}
	}
	var firstErr error
	for _, v := range cands {
		ok := true
		for _, c := range calls {
			in := bytecodeInput(v, c.args)
			if in == nil {
				ok = false
				if firstErr == nil {
					firstErr = &LoadError{Offset: c.call.Offset(), Msg: "malformed code object arguments"}
				}
				break
			}
			prog, err := bytecode.Decode(v, in)
			if err == nil {
				err = cachesZero(prog, in.Code)
			}
			if err != nil {
				ok = false
				if firstErr == nil {
					firstErr = &LoadError{Offset: c.call.Offset(), Msg: fmt.Sprintf("code object does not decode as CPython %s bytecode: %v", v, err)}
				}
				break
			}
		}
		if ok {
			info.Candidates = append(info.Candidates, v)
		}
	}
	if len(info.Candidates) == 0 {
		if n == 16 {
			if code, ok := calls[0].args[6].(*pickle.Bytes); ok && has311Prologue(code.Value) {
				return info, &LoadError{Offset: calls[0].call.Offset(), Msg: "16-argument code object carrying CPython 3.11+ bytecode: " +
					"the payload was made by cloudpickle < 2.1 on CPython >= 3.11 (Spark 3.1-3.3 on Python 3.11+), " +
					"which CPython itself cannot load; upgrade to cloudpickle >= 2.1 (Spark >= 3.4)"}
			}
		}
		return info, firstErr
	}
	if want != (bytecode.Version{}) {
		for _, c := range info.Candidates {
			if c == want {
				info.Version = want
				return info, nil
			}
		}
		return info, &LoadError{Offset: calls[0].call.Offset(), Msg: fmt.Sprintf(
			"Python %s was asked for, but the payload's bytecode is CPython %s (it decodes as: %s)",
			want, info.Candidates[0], versionList(info.Candidates))}
	}
	info.Version = info.Candidates[0]
	return info, nil
}
