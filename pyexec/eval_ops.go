package pyexec

import (
	"errors"
	"math"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec/bytecode"
)

// loadGlobal implements LOAD_GLOBAL with a per-instruction cache keyed by the
// globals' and builtins' versions.
func (t *Thread) loadGlobal(f *frame, pc int, arg int32) (py.Object, error) {
	g, b := f.fn.Globals, f.fn.Builtins
	slot := &f.code.caches[pc]
	if e := slot.Load(); e != nil && e.globals == g && e.builtins == b && e.gver == g.version && (b == nil || e.bver == b.version) {
		return e.value, nil
	}
	name := f.code.names[arg]
	v, ok, err := g.Get(t, name)
	if err != nil {
		return nil, err
	}
	if !ok && b != nil {
		if v, ok, err = b.Get(t, name); err != nil {
			return nil, err
		}
	}
	if !ok {
		return nil, Errorf(NameErrorType, "name '%s' is not defined", name)
	}
	e := &inlineCache{globals: g, builtins: b, gver: g.version, value: v}
	if b != nil {
		e.bver = b.version
	}
	slot.Store(e)
	return v, nil
}

// loadMethod implements the method form of LOAD_ATTR: bound is true when m is
// an unbound method to be called with obj prepended.
func (t *Thread) loadMethod(code *Code, pc int, obj py.Object, name string) (m py.Object, bound bool, err error) {
	if x, ok := obj.(*Instance); ok {
		if m, bound, ok := t.loadMethodInstance(code, pc, x, name); ok {
			return m, bound, nil
		}
	}
	typ := TypeOf(obj)
	// The cache only ever holds built-in types, which are never the type
	// of a user value (isUserVal: its type is a user class): a hit needs
	// no isUserVal.
	slot := &code.caches[pc]
	if e := slot.Load(); e != nil && e.typ == typ {
		return e.method, true, nil
	}
	if isUserVal(obj) {
		return loadMethodUser(t, obj, typ, name)
	}
	if meth := lookupMethod(typ, name); meth != nil {
		if classOf(typ) == nil {
			slot.Store(&inlineCache{typ: typ, method: meth})
		}
		return meth, true, nil
	}
	v, err := GetAttr(t, obj, name)
	return v, false, err
}

// errRangeIter is opCall's signal that it also did the GET_ITER after a
// call of range.
var errRangeIter = errors.New("pyexec: range iterator pushed")

// opCall implements CALL under the one-call-shape rule.
//
// pc is the index of the next instruction. When it is GET_ITER, a call of
// the builtin range pushes the range's iterator straight away (from the
// thread's pool, see iter_pool.go) and returns errRangeIter, so that the
// loop skips that GET_ITER: the range object could not be observed.
func (t *Thread) opCall(f *frame, in *bytecode.Instr, stack []py.Object, sp, pc int) (int, error) {
	var kwnames py.Tuple
	if in.Arg2 >= 0 {
		kwnames, _ = f.code.Consts[in.Arg2].(py.Tuple)
	} else if in.Flags&bytecode.FlagKwNamesOnStack != 0 {
		sp--
		kwnames, _ = stack[sp].(py.Tuple)
		stack[sp] = nil
	}
	argc := int(in.Arg)
	if len(kwnames) > argc {
		return sp, Errorf(SystemErrorType, "CALL: more keyword names than arguments")
	}
	callable, args, base := callTarget(stack, sp, argc, in.Flags&bytecode.FlagNoSelfSlot != 0)
	if callable == nil {
		return sp, Errorf(SystemErrorType, "CALL: NULL callable")
	}
	if callable == RangeType && len(kwnames) == 0 {
		if instrs := f.code.prog.Instrs; pc < len(instrs) && instrs[pc].Op == bytecode.GetIter {
			r, err := rangeOf(args)
			clearObjs(stack[base:sp])
			if err != nil {
				return base, err
			}
			stack[base] = t.getRangeIter(&r, f)
			return base + 1, errRangeIter
		}
	}
	res, err := call(t, callable, args, kwnames)
	clearObjs(stack[base:sp])
	if err != nil {
		return base, err
	}
	stack[base] = res
	return base + 1, nil
}

// opCallEx implements CALL_FUNCTION_EX.
func (t *Thread) opCallEx(in *bytecode.Instr, stack []py.Object, sp int) (int, error) {
	var kwargs py.Object
	if in.Arg&1 != 0 {
		sp--
		kwargs = stack[sp]
	}
	sp--
	posObj := stack[sp]
	base := sp - 1
	var callable py.Object
	if in.Flags&bytecode.FlagNoSelfSlot != 0 {
		callable = stack[base]
	} else {
		base--
		lo, hi := stack[base], stack[base+1]
		switch {
		case lo == nil:
			callable = hi
		case hi == nil:
			callable = lo
		default:
			callable = lo
			posObj = py.Tuple(append([]py.Object{hi}, mustTuple(posObj)...))
		}
	}
	end := sp + 1
	if kwargs != nil {
		end++
	}
	var args []py.Object
	if tup, ok := posObj.(py.Tuple); ok {
		args = append([]py.Object(nil), tup...)
	} else {
		var err error
		if args, err = collect(t, posObj); err != nil {
			clearObjs(stack[base:end])
			return base, err
		}
	}
	var kwnames py.Tuple
	if kwargs != nil {
		d, ok := kwargs.(*Dict)
		if !ok {
			clearObjs(stack[base:end])
			return base, typeErrorf("argument after ** must be a mapping, not %s", TypeName(kwargs))
		}
		d.Items(func(k, v py.Object) bool {
			kwnames = append(kwnames, k)
			args = append(args, v)
			return true
		})
	}
	res, err := call(t, callable, args, kwnames)
	clearObjs(stack[base:end])
	if err != nil {
		return base, err
	}
	stack[base] = res
	return base + 1, nil
}

func mustTuple(o py.Object) py.Tuple {
	if t, ok := o.(py.Tuple); ok {
		return t
	}
	if l, ok := o.(*py.List); ok {
		return py.Tuple(l.Items)
	}
	return nil
}

// containerUpdate implements LIST_EXTEND, SET_UPDATE, DICT_UPDATE, DICT_MERGE.
func (t *Thread) containerUpdate(op bytecode.Op, target, src py.Object, stack []py.Object, sp, arg int) error {
	switch op {
	case bytecode.ListExtend:
		l, ok := target.(*py.List)
		if !ok {
			return Errorf(SystemErrorType, "LIST_EXTEND on a non-list")
		}
		items, err := collect(t, src)
		if err != nil {
			if e, ok := err.(*Exception); ok && e.typ == TypeErrorType {
				return typeErrorf("Value after * must be an iterable, not %s", TypeName(src))
			}
			return err
		}
		l.Items = append(l.Items, items...)
	case bytecode.SetUpdate:
		s, ok := target.(*Set)
		if !ok {
			return Errorf(SystemErrorType, "SET_UPDATE on a non-set")
		}
		items, err := collect(t, src)
		if err != nil {
			return err
		}
		for _, x := range items {
			if err := s.Add(t, x); err != nil {
				return err
			}
		}
	default:
		d, ok := target.(*Dict)
		if !ok {
			return Errorf(SystemErrorType, "DICT_UPDATE on a non-dict")
		}
		o, ok := src.(*Dict)
		if !ok {
			o, ok = backingDict(src)
		}
		if !ok {
			if op == bytecode.DictMerge {
				fn := "function"
				if i := sp - arg - 2; i >= 0 {
					if f, ok := stack[i].(*Function); ok {
						fn = funcName(t, f) + "()"
					}
				}
				return typeErrorf("%s argument after ** must be a mapping, not %s", fn, TypeName(src))
			}
			return typeErrorf("'%s' object is not a mapping", TypeName(src))
		}
		var err error
		o.Items(func(k, v py.Object) bool {
			if op == bytecode.DictMerge {
				if _, dup, e := d.Get(t, k); e != nil || dup {
					if e == nil {
						ks, _ := Str(t, k)
						e = typeErrorf("got multiple values for keyword argument '%s'", ks)
					}
					err = e
					return false
				}
			}
			err = d.SetItem(t, k, v)
			return err == nil
		})
		return err
	}
	return nil
}

// unpack implements UNPACK_SEQUENCE (after < 0) and UNPACK_EX.
func (t *Thread) unpack(seq py.Object, before, after int) ([]py.Object, error) {
	var items []py.Object
	switch s := seq.(type) {
	case py.Tuple:
		items = s
	case *py.List:
		items = s.Items
	default:
		if _, err := Iterate(t, seq); err != nil {
			return nil, typeErrorf("cannot unpack non-iterable %s object", TypeName(seq))
		}
		var err error
		if items, err = collect(t, seq); err != nil {
			return nil, err
		}
	}
	n := len(items)
	if after < 0 {
		if n < before {
			return nil, valueErrorf("not enough values to unpack (expected %d, got %d)", before, n)
		}
		if n > before {
			if t.minor() >= 13 {
				switch seq.(type) {
				case py.Tuple, *py.List, *Dict:
					return nil, valueErrorf("too many values to unpack (expected %d, got %d)", before, n)
				}
			}
			return nil, valueErrorf("too many values to unpack (expected %d)", before)
		}
		return items, nil
	}
	if n < before+after {
		return nil, valueErrorf("not enough values to unpack (expected at least %d, got %d)", before+after, n)
	}
	out := make([]py.Object, 0, before+after+1)
	out = append(out, items[:before]...)
	out = append(out, &py.List{Items: append([]py.Object(nil), items[before:n-after]...)})
	out = append(out, items[n-after:]...)
	return out, nil
}

// raise implements RAISE_VARARGS.
func (t *Thread) raise(stack []py.Object, sp *int, n int) error {
	var exc, cause py.Object
	switch n {
	case 0:
		if t.handled == nil {
			return Errorf(RuntimeErrorType, "No active exception to reraise")
		}
		t.handled.reraised = true
		return t.handled
	case 2:
		*sp--
		cause = stack[*sp]
		stack[*sp] = nil
		fallthrough
	case 1:
		*sp--
		exc = stack[*sp]
		stack[*sp] = nil
	}
	e, err := makeException(t, exc)
	if err != nil {
		return err
	}
	if n == 2 {
		e.SuppressContext = true
		e.Cause = nil
		if _, none := cause.(py.NoneType); !none {
			c, err := makeException(t, cause)
			if err != nil {
				return typeErrorf("exception causes must derive from BaseException")
			}
			e.Cause = c
		}
	}
	return e
}

func makeException(t *Thread, o py.Object) (*Exception, error) {
	switch x := o.(type) {
	case *Exception:
		return x, nil
	case *py.Type:
		if IsSubtype(x, BaseExceptionType) {
			v, err := call(t, x, nil, nil)
			if err != nil {
				return nil, err
			}
			if e, ok := v.(*Exception); ok {
				return e, nil
			}
		}
	}
	return nil, typeErrorf("exceptions must derive from BaseException")
}

func setFunctionAttribute(t *Thread, fn *Function, flag int32, v py.Object) error {
	switch flag {
	case 1:
		d, ok := v.(py.Tuple)
		if !ok {
			return Errorf(SystemErrorType, "defaults must be a tuple")
		}
		fn.Defaults = d
	case 2:
		d, ok := v.(*Dict)
		if !ok {
			return Errorf(SystemErrorType, "kwdefaults must be a dict")
		}
		fn.KwDefaults = d
	case 4:
		switch a := v.(type) {
		case *Dict:
			fn.Annotations = a
		case py.Tuple:
			d := NewDict(len(a) / 2)
			for i := 0; i+1 < len(a); i += 2 {
				if err := d.SetItem(t, a[i], a[i+1]); err != nil {
					return err
				}
			}
			fn.Annotations = d
		}
	case 8:
		c, ok := v.(py.Tuple)
		if !ok {
			return Errorf(SystemErrorType, "closure must be a tuple")
		}
		for _, x := range c {
			if _, ok := x.(*Cell); !ok {
				return Errorf(SystemErrorType, "closure items must be cells")
			}
		}
		fn.Closure = c
	}
	return nil
}

// intArith is BINARY_OP's fast path for two ints that fit int64: ok is
// false when the result needs the general path (overflow, division by
// zero, shifts out of range, **, @), which then computes it exactly.
func (t *Thread) intArith(op int32, x, y int64) (py.Object, bool) {
	if op >= opInplace {
		op -= opInplace
	}
	switch op {
	case opAdd:
		r := x + y
		if (x >= 0) != (y >= 0) || (r >= 0) == (x >= 0) {
			return t.boxInt(r), true
		}
	case opSub:
		r := x - y
		if (x >= 0) == (y >= 0) || (r >= 0) == (x >= 0) {
			return t.boxInt(r), true
		}
	case opMul:
		if x > -1<<31 && x < 1<<31 && y > -1<<31 && y < 1<<31 {
			return t.boxInt(x * y), true
		}
		// Larger factors: the product is exact when dividing it back
		// gives the other factor (-1 * MinInt64 wraps to itself).
		if r := x * y; x != 0 && r/x == y && !(x == -1 && y == math.MinInt64) {
			return t.boxInt(r), true
		}
	case opFloorDiv:
		if y > 0 || y < -1 {
			return t.boxInt(floorDivInt(x, y)), true
		}
	case opMod:
		if y > 0 || y < -1 {
			return t.boxInt(modInt(x, y)), true
		}
	case opTrueDiv:
		if y != 0 && x >= -1<<53 && x <= 1<<53 && y >= -1<<53 && y <= 1<<53 {
			return py.Float(float64(x) / float64(y)), true
		}
	case opAnd:
		return t.boxInt(x & y), true
	case opOr:
		return t.boxInt(x | y), true
	case opXor:
		return t.boxInt(x ^ y), true
	case opRShift:
		if y >= 0 && y < 64 {
			return t.boxInt(x >> uint(y)), true
		}
	}
	return nil, false
}

// floatArith is BINARY_OP's fast path for float op float (and the mixed
// int/float forms whose int converts exactly); ok is false where the
// general path must decide (division by zero, %, //, **).
func floatArith(op int32, x, y float64) (py.Object, bool) {
	if op >= opInplace {
		op -= opInplace
	}
	switch op {
	case opAdd:
		return py.Float(x + y), true
	case opSub:
		return py.Float(x - y), true
	case opMul:
		return py.Float(x * y), true
	case opTrueDiv:
		if y != 0 {
			return py.Float(x / y), true
		}
	}
	return nil, false
}

// binaryFast tries the int and float fast paths of BINARY_OP.
func (t *Thread) binaryFast(op int32, a, b py.Object) (py.Object, bool) {
	switch x := a.(type) {
	case py.Int:
		switch y := b.(type) {
		case py.Int:
			return t.intArith(op, int64(x), int64(y))
		case py.Float:
			if x >= -1<<53 && x <= 1<<53 {
				return floatArith(op, float64(x), float64(y))
			}
		}
	case py.Float:
		switch y := b.(type) {
		case py.Float:
			return floatArith(op, float64(x), float64(y))
		case py.Int:
			if y >= -1<<53 && y <= 1<<53 {
				return floatArith(op, float64(x), float64(y))
			}
		}
	}
	return nil, false
}

// compareFast is COMPARE_OP's fast path for int/int, float/float and
// str ==/!= str; ok is false for everything else.
func compareFast(op int32, a, b py.Object) (bool, bool) {
	switch x := a.(type) {
	case py.Int:
		if y, ok := b.(py.Int); ok {
			switch op {
			case CmpLT:
				return x < y, true
			case CmpLE:
				return x <= y, true
			case CmpEQ:
				return x == y, true
			case CmpNE:
				return x != y, true
			case CmpGT:
				return x > y, true
			case CmpGE:
				return x >= y, true
			}
		}
	case py.Float:
		if y, ok := b.(py.Float); ok {
			switch op {
			case CmpLT:
				return x < y, true
			case CmpLE:
				return x <= y, true
			case CmpEQ:
				return x == y, true
			case CmpNE:
				return x != y, true
			case CmpGT:
				return x > y, true
			case CmpGE:
				return x >= y, true
			}
		}
	case py.String:
		if y, ok := b.(py.String); ok {
			switch op {
			case CmpEQ:
				return x == y, true
			case CmpNE:
				return x != y, true
			}
		}
	}
	return false, false
}

// sliceFast is o[lo:hi] for a list or an ASCII str and int or None
// bounds; ok is false for anything else (the general GetItem decides).
func sliceFast(o, lo, hi py.Object) (py.Object, bool) {
	var n int
	switch x := o.(type) {
	case *py.List:
		n = len(x.Items)
	case py.String:
		if !isASCII(string(x)) {
			return nil, false
		}
		n = len(x)
	default:
		return nil, false
	}
	i, ok := sliceBound(lo, n, 0)
	if !ok {
		return nil, false
	}
	j, ok := sliceBound(hi, n, n)
	if !ok {
		return nil, false
	}
	if j < i {
		j = i
	}
	switch x := o.(type) {
	case *py.List:
		out := make([]py.Object, j-i)
		copy(out, x.Items[i:j])
		return &py.List{Items: out}, true
	case py.String:
		return x[i:j], true
	}
	return nil, false
}

// sliceBound clamps a slice bound (step 1) to [0, n]; def is None's value.
func sliceBound(v py.Object, n, def int) (int, bool) {
	switch x := v.(type) {
	case py.NoneType:
		return def, true
	case py.Int:
		i := int64(x)
		if i < 0 {
			i += int64(n)
			if i < 0 {
				i = 0
			}
		} else if i > int64(n) {
			i = int64(n)
		}
		return int(i), true
	}
	return 0, false
}

// callTarget decodes CALL's operands: the argc arguments on top of the
// stack below sp, under them the callable, and (unless noSelf) the extra
// slot that is either NULL or a method's self (which then becomes the
// first argument). base is the stack index of the lowest of them.
func callTarget(stack []py.Object, sp, argc int, noSelf bool) (callable py.Object, args []py.Object, base int) {
	args = stack[sp-argc : sp]
	base = sp - argc - 1
	if noSelf {
		return stack[base], args, base
	}
	base--
	switch lo, hi := stack[base], stack[base+1]; {
	case lo == nil:
		return hi, args, base
	case hi == nil:
		return lo, args, base
	}
	return stack[base], stack[base+1 : sp], base
}
