package bytecode

// resolveTargets turns raw jump targets into instruction indexes.
func (n *normalizer) resolveTargets() error {
	// first[r] for raw instructions that emitted nothing: the next one that did.
	next := int32(len(n.out))
	for r := len(n.first) - 1; r >= 0; r-- {
		if n.first[r] < 0 {
			n.first[r] = next
		} else {
			next = n.first[r]
		}
	}
	for i := range n.out {
		in := &n.out[i]
		if !in.Op.IsJump() {
			continue
		}
		src := &n.raw[n.srcIndex(i)]
		rt := n.rawTarget[i]
		if rt == NoTarget {
			return n.fail(src, "jump without a target")
		}
		rt, err := n.adjustLoopExit(src, in.Op, rt)
		if err != nil {
			return err
		}
		t, err := n.index(src, rt)
		if err != nil {
			return err
		}
		in.Target = t
	}
	return nil
}

// srcIndex finds the raw instruction out[i] came from (by offset).
func (n *normalizer) srcIndex(i int) int {
	off := n.out[i].Offset
	lo, hi := 0, len(n.raw)
	for lo < hi {
		m := (lo + hi) / 2
		if n.raw[m].Offset < off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// index maps a raw target to an instruction index.
func (n *normalizer) index(src *RawInstr, rt int32) (int32, error) {
	if rt < 0 || int(rt) >= len(n.raw) {
		return 0, n.fail(src, "jump target past the end of the code")
	}
	if n.interior[rt] {
		return 0, n.fail(src, "jump target %d is inside a fused instruction", n.raw[rt].Start)
	}
	t := n.first[rt]
	if int(t) >= len(n.out) {
		return 0, n.fail(src, "jump target %d has no instruction after it", n.raw[rt].Start)
	}
	return t, nil
}

// adjustLoopExit gives FOR_ITER and SEND one meaning on every version: on
// exhaustion / return, continue at Target with the iterator (receiver) popped.
// On 3.12+ CPython jumps to an END_FOR (3.13: END_FOR, POP_TOP) or END_SEND and
// skips it, so the normalised target is the instruction after.
func (n *normalizer) adjustLoopExit(src *RawInstr, op Op, rt int32) (int32, error) {
	if n.v.Less(Py312) || (op != ForIter && op != Send) {
		return rt, nil
	}
	want := []string{"END_SEND"}
	if op == ForIter {
		want = []string{"END_FOR"}
		if n.v.AtLeast(Py313) {
			want = []string{"END_FOR", "POP_TOP"}
		}
	}
	for k, name := range want {
		j := int(rt) + k
		if j >= len(n.raw) || n.t.ops[n.raw[j].Opcode].name != name || n.raw[j].Start != n.raw[j].Offset {
			return 0, n.fail(src, "%s target is not followed by %s", n.t.ops[src.Opcode].name, name)
		}
	}
	return rt + int32(len(want)), nil
}

// handlers converts validated raw exception ranges (raw indexes) to Handlers.
func (n *normalizer) handlers(rh []RawHandler, ranges [][3]int32) ([]Handler, error) {
	out := make([]Handler, 0, len(ranges))
	end := func(r int32) int32 {
		if int(r) >= len(n.first) {
			return int32(len(n.out))
		}
		return n.first[r]
	}
	for i, rg := range ranges {
		s, e := end(rg[0]), end(rg[1])
		if s >= e {
			continue
		}
		t, err := n.index(&n.raw[rg[2]], rg[2])
		if err != nil {
			return nil, err
		}
		out = append(out, Handler{Start: s, End: e, Target: t, Depth: rh[i].Depth, Lasti: rh[i].Lasti})
	}
	return out, nil
}
