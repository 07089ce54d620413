package pyexec

import (
	"errors"
	"math"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec/bytecode"
)

// frame is the state of one executing code object.
type frame struct {
	code   *Code
	fn     *Function
	locals []py.Object // fast locals ("localsplus"), cells included
	stack  []py.Object // value stack; sp is its height
	sp     int
	pc     int // next instruction index
	lasti  int // instruction being executed (for tracebacks and handlers)
	// blocks is the 3.8–3.10 block stack (eval_legacy.go).
	blocks []legacyBlock
	// throw, when set, is raised in the frame at lasti by the next run
	// (generator throw/close, eval_gen.go).
	throw *Exception
	// yielded is the value a delegating op (YIELD_FROM) yields.
	yielded py.Object
	// ns is the locals dict of a class body (LOAD_NAME/STORE_NAME), else nil.
	ns *Dict
	// parent is the calling frame when this one was entered by the loop
	// itself (a CALL of a Python function, see pushFrame): returning
	// resumes the parent in the same loop. Nil for a frame entered by run.
	parent *frame
	// initSelf, for a frame pushed to run __init__ of a new instance
	// (pushInit), is that instance: the CALL's result, once __init__ has
	// returned None.
	initSelf py.Object
}

// errYield is returned by loop when a generator frame yields.
var errYield = errors.New("pyexec: yield")

// errCall and errReturn are returned by loop, with the frame to run next,
// when it has entered a Python function (pushFrame) or returned from one
// to its caller (popFrame). Switching frames by leaving the loop keeps
// the loop's own state (code, stack, sp...) loop-invariant, which the Go
// compiler keeps in registers far better.
var (
	errCall   = &loopSignal{"call"}
	errReturn = &loopSignal{"return"}
)

// loopSignal is the type of errCall and errReturn: a type assertion tells
// them from real errors more cheaply than comparing error interfaces.
type loopSignal struct{ what string }

func (s *loopSignal) Error() string { return "pyexec: " + s.what }

// run executes f until it returns, yields or raises, routing exceptions to
// the handlers of f's exception table. Python functions that f calls run
// in the same loop (pushFrame): an exception that leaves one of them
// continues in its caller, up to f.
func (t *Thread) run(f *frame) (py.Object, error) {
	cur := f
	count := true
	for {
		var res py.Object
		var err error
		if cur.throw != nil {
			err, cur.throw = cur.throw, nil
		} else {
			res, cur, err = t.loop(cur, count)
			if sig, ok := err.(*loopSignal); ok {
				// Resuming the caller is not a step of its own.
				count = sig != errReturn
				continue
			}
			count = true
		}
		if err == errYield && cur != f {
			err = Errorf(SystemErrorType, "yield in %s, which is not a generator", cur.code.Name)
		}
		if err == errYield && res == nil {
			res, f.yielded = f.yielded, nil
		}
		if err == nil || err == errYield {
			return res, err
		}
		exc := asException(err)
		for {
			caught, e := t.except(cur, exc)
			if caught {
				break
			}
			if exc.abort || cur == f {
				for cur != f {
					cur = t.popFrame(cur)
				}
				if e != nil {
					return nil, e
				}
				return nil, exc
			}
			if e != nil {
				exc = asException(e)
			}
			cur = t.popFrame(cur)
		}
	}
}

// except routes exc, raised in f at f.lasti: it records f in the
// traceback and, when f has a handler for it, sets f up to run the
// handler and reports true. Otherwise f's value stack is emptied; e, when
// set, is an error to raise in exc's stead (bad handler depth).
func (t *Thread) except(f *frame, exc *Exception) (caught bool, e error) {
	if exc.reraised {
		exc.reraised = false
	} else {
		c := f.code
		exc.Frames = append(exc.Frames, TracebackEntry{Filename: c.Filename, Line: c.lineAt(f.lasti), Name: c.Name})
	}
	if exc.Context == nil && t.handled != nil && t.handled != exc {
		exc.Context = t.handled
	}
	if exc.abort {
		clear(f.stack[:f.sp])
		return false, nil
	}
	if f.code.prog.BlockStack {
		if t.legacyUnwind(f, exc) {
			return true, nil
		}
		clear(f.stack[:f.sp])
		f.sp = 0
		return false, nil
	}
	h := f.code.prog.HandlerFor(f.lasti)
	if h == nil {
		clear(f.stack[:f.sp])
		f.sp = 0
		return false, nil
	}
	d := int(h.Depth)
	if d > f.sp {
		return false, Errorf(SystemErrorType, "exception handler depth %d above stack height %d", d, f.sp)
	}
	clear(f.stack[d:f.sp])
	f.sp = d
	if h.Lasti {
		f.stack[f.sp] = MakeInt(int64(f.lasti))
		f.sp++
	}
	f.stack[f.sp] = exc
	f.sp++
	f.pc = int(h.Target)
	return true, nil
}

// pushFrame enters fn, called by frame f with args (Code.plainArgs, exactly
// ArgCount of them), in the next frame record; the loop then runs it in
// place of f until it returns (popFrame). The caller has checked the
// recursion limit.
func (t *Thread) pushFrame(f *frame, fn *Function, args []py.Object) *frame {
	co := fn.Code
	mem := t.alloc(co.nlocalsplus + co.StackSize)
	copy(mem, args)
	return t.enterFrame(f, fn, mem, nil)
}

// pushInit is pushFrame for the __init__ of a new instance self of a
// class with a construction plan (ctorCache): self is the first argument,
// and the instance is the call's result once __init__ returns None.
func (t *Thread) pushInit(f *frame, fn *Function, self py.Object, args []py.Object) *frame {
	co := fn.Code
	mem := t.alloc(co.nlocalsplus + co.StackSize)
	mem[0] = self
	copy(mem[1:], args)
	return t.enterFrame(f, fn, mem, self)
}

// enterFrame sets up the next frame record to run fn over mem (its locals,
// arguments already in place, then its value stack), called from f.
func (t *Thread) enterFrame(f *frame, fn *Function, mem []py.Object, initSelf py.Object) *frame {
	nf := t.frameAt(t.depth)
	nf.start(fn, mem, f, initSelf)
	t.depth++
	return nf
}

// start readies a reused frame record to run fn over mem (fast locals,
// then value stack), called from parent (nil: from Go), as the __init__
// of initSelf when that is not nil. Only the fields a call uses are set:
// records of the thread's pool never hold a generator's state for long,
// and a class body's namespace is cleared when its run ends.
func (f *frame) start(fn *Function, mem []py.Object, parent *frame, initSelf py.Object) {
	co := fn.Code
	f.code, f.fn = co, fn
	f.locals, f.stack = mem[:co.nlocalsplus], mem[co.nlocalsplus:]
	f.sp, f.pc, f.lasti = 0, 0, 0
	f.blocks = f.blocks[:0]
	if f.ns != nil || f.throw != nil || f.yielded != nil {
		f.ns, f.throw, f.yielded = nil, nil, nil
	}
	f.parent, f.initSelf = parent, initSelf
}

// popFrame leaves frame f, entered by pushFrame, and returns its caller.
func (t *Thread) popFrame(f *frame) *frame {
	p := f.parent
	mem := f.locals[:cap(f.locals)]
	t.depth--
	f.fn, f.locals, f.stack, f.parent, f.initSelf = nil, nil, nil, nil, nil
	t.release(mem)
	return p
}

func unboundLocal(t *Thread, name string) error {
	if t.minor() >= 11 {
		return Errorf(UnboundLocalErrorType, "cannot access local variable '%s' where it is not associated with a value", name)
	}
	return Errorf(UnboundLocalErrorType, "local variable '%s' referenced before assignment", name)
}

func unboundDeref(t *Thread, c *Code, i int) error {
	if i < c.nlocalsplus-c.nfree {
		return unboundLocal(t, c.localNames[i])
	}
	if t.minor() >= 11 {
		return Errorf(NameErrorType, "cannot access free variable '%s' where it is not associated with a value in enclosing scope", c.localNames[i])
	}
	return Errorf(NameErrorType, "free variable '%s' referenced before assignment in enclosing scope", c.localNames[i])
}

// loop is the evaluation loop: one switch over normalised instructions.
// It returns with the frame it stopped in: f, or on an error a frame that
// f's calls pushed (pushFrame).
func (t *Thread) loop(f *frame, count bool) (result py.Object, _ *frame, err error) {
	code := f.code
	instrs := code.prog.Instrs
	consts := code.Consts
	locals := f.locals
	stack := f.stack
	sp := f.sp
	pc := f.pc
	lasti := pc
	// Steps are counted where control can come back: here (a call, a
	// generator resume, a handler entered after an exception) and at
	// backward jumps, which charge the instructions they jump over (see
	// Thread.StepBudget). Between two such points pc only increases, so
	// at most len(instrs) instructions run uncounted.
	if count {
		t.steps++
		if t.steps >= t.limit {
			if err = t.checkInterrupt(); err != nil {
				f.sp, f.pc, f.lasti = sp, pc, pc
				return nil, f, err
			}
		}
	}
	for {
		if pc >= len(instrs) {
			err = Errorf(SystemErrorType, "execution ran past the end of %s", code.Name)
			break
		}
		in := &instrs[pc]
		lasti = pc
		pc++
		switch in.Op {
		case bytecode.LoadFast:
			v := locals[in.Arg]
			if v == nil {
				err = unboundLocal(t, code.localNames[in.Arg])
				break
			}
			stack[sp] = v
			sp++
		case bytecode.LoadConst:
			stack[sp] = consts[in.Arg]
			sp++
		case bytecode.StoreFast:
			sp--
			locals[in.Arg] = stack[sp]
			stack[sp] = nil
		case bytecode.LoadFastAndClear:
			stack[sp] = locals[in.Arg]
			sp++
			locals[in.Arg] = nil
		case bytecode.PopTop:
			sp--
			stack[sp] = nil
		case bytecode.PushNull:
			stack[sp] = nil
			sp++
		case bytecode.Copy:
			stack[sp] = stack[sp-int(in.Arg)]
			sp++
		case bytecode.Swap:
			n := sp - int(in.Arg)
			stack[sp-1], stack[n] = stack[n], stack[sp-1]
		case bytecode.ReturnValue, bytecode.ReturnConst:
			if in.Op == bytecode.ReturnValue {
				sp--
				result = stack[sp]
				stack[sp] = nil
			} else {
				result = consts[in.Arg]
			}
			f.sp, f.pc, f.lasti = sp, pc, lasti
			if f.parent == nil {
				return result, f, nil
			}
			// Back to the caller (run resumes it).
			self := f.initSelf
			p := t.popFrame(f)
			if self != nil {
				if !isNone(result) {
					return nil, p, typeErrorf("__init__() should return None, not '%s'", TypeName(result))
				}
				result = self
			}
			p.stack[p.sp] = result
			p.sp++
			return nil, p, errReturn
		case bytecode.LoadDeref:
			c, ok := locals[in.Arg].(*Cell)
			if !ok {
				err = Errorf(SystemErrorType, "no cell in slot %d", in.Arg)
				break
			}
			if c.V == nil {
				err = unboundDeref(t, code, int(in.Arg))
				break
			}
			stack[sp] = c.V
			sp++
		case bytecode.StoreDeref:
			c, ok := locals[in.Arg].(*Cell)
			if !ok {
				err = Errorf(SystemErrorType, "no cell in slot %d", in.Arg)
				break
			}
			sp--
			c.V = stack[sp]
			stack[sp] = nil
		case bytecode.LoadGlobal:
			var v py.Object
			v, err = t.loadGlobal(f, lasti, in.Arg)
			if err != nil {
				break
			}
			if in.Flags&bytecode.FlagMethod != 0 {
				if in.Flags&bytecode.FlagNullAbove != 0 {
					stack[sp], stack[sp+1] = v, nil
				} else {
					stack[sp], stack[sp+1] = nil, v
				}
				sp += 2
			} else {
				stack[sp] = v
				sp++
			}
		case bytecode.LoadAttr:
			obj := stack[sp-1]
			name := code.names[in.Arg]
			if in.Flags&bytecode.FlagMethod != 0 {
				m, bound, e := t.loadMethod(code, lasti, obj, string(name))
				if e != nil {
					err = e
					break
				}
				if bound {
					stack[sp-1], stack[sp] = m, obj
				} else if in.Flags&bytecode.FlagNullAbove != 0 {
					stack[sp-1], stack[sp] = m, nil
				} else {
					stack[sp-1], stack[sp] = nil, m
				}
				sp++
				break
			}
			if x, ok := obj.(*Instance); ok {
				v, ok, e := t.loadAttrInstance(code, lasti, x, string(name))
				if ok {
					if err = e; err == nil {
						stack[sp-1] = v
					}
					break
				}
			}
			var v py.Object
			if v, err = GetAttr(t, obj, string(name)); err == nil {
				stack[sp-1] = v
			}
		case bytecode.StoreAttr:
			done := false
			if x, ok := stack[sp-1].(*Instance); ok {
				done, err = t.storeAttrInstance(code, lasti, x, in.Arg, stack[sp-2])
			}
			if !done {
				err = SetAttr(t, stack[sp-1], string(code.names[in.Arg]), stack[sp-2])
			}
			sp -= 2
			stack[sp], stack[sp+1] = nil, nil
		case bytecode.UnaryNegative, bytecode.UnaryPositive, bytecode.UnaryInvert, bytecode.UnaryNot:
			// Fast paths: -int, -float and not bool, which no hook can
			// intercept.
			switch x := stack[sp-1].(type) {
			case py.Int:
				if in.Op == bytecode.UnaryNegative && x != math.MinInt64 {
					stack[sp-1] = t.boxInt(-int64(x))
					continue
				}
			case py.Float:
				if in.Op == bytecode.UnaryNegative {
					stack[sp-1] = -x
					continue
				}
			case py.Bool:
				if in.Op == bytecode.UnaryNot {
					stack[sp-1] = py.NewBool(!bool(x))
					continue
				}
			}
			var v py.Object
			if v, err = UnaryOp(t, unaryOps[in.Op], stack[sp-1]); err == nil {
				stack[sp-1] = v
			}
		case bytecode.ToBool:
			var b bool
			if b, err = Truth(t, stack[sp-1]); err == nil {
				stack[sp-1] = py.NewBool(b)
			}
		case bytecode.BinaryOp:
			sp--
			if v, ok := t.binaryFast(in.Arg, stack[sp-1], stack[sp]); ok {
				stack[sp-1], stack[sp] = v, nil
				continue
			}
			if x, ok := stack[sp-1].(py.String); ok && (in.Arg == opAdd || in.Arg == opAdd+opInplace) {
				// str + str + ...: one allocation for the chain.
				if y, ok := stack[sp].(py.String); ok {
					var n int
					stack[sp-1], n = concatChain(x, y, instrs, pc, locals, consts)
					stack[sp] = nil
					pc += n
					continue
				}
			}
			var v py.Object
			v, err = BinaryOp(t, int(in.Arg), stack[sp-1], stack[sp])
			stack[sp] = nil
			if err == nil {
				stack[sp-1] = v
			}
		case bytecode.CompareOp:
			sp--
			if r, ok := compareFast(in.Arg, stack[sp-1], stack[sp]); ok {
				stack[sp-1], stack[sp] = py.NewBool(r), nil
				continue
			}
			var v py.Object
			v, err = RichCompare(t, int(in.Arg), stack[sp-1], stack[sp])
			if err == nil && in.Flags&bytecode.FlagToBool != 0 {
				if _, isBool := v.(py.Bool); !isBool {
					var b bool
					b, err = Truth(t, v)
					v = py.NewBool(b)
				}
			}
			stack[sp-1], stack[sp] = v, nil
		case bytecode.IsOp:
			sp--
			r := Identical(stack[sp-1], stack[sp]) != (in.Arg == 1)
			stack[sp-1], stack[sp] = py.NewBool(r), nil
		case bytecode.ContainsOp:
			sp--
			var b bool
			b, err = Contains(t, stack[sp], stack[sp-1])
			stack[sp-1], stack[sp] = py.NewBool(b != (in.Arg == 1)), nil
		case bytecode.BinarySubscr:
			sp--
			// Fast path: list[i] and tuple[i] with i in range.
			if k, ok := stack[sp].(py.Int); ok && k >= 0 {
				switch c := stack[sp-1].(type) {
				case *py.List:
					if int64(k) < int64(len(c.Items)) {
						stack[sp-1], stack[sp] = c.Items[k], nil
						continue
					}
				case py.Tuple:
					if int64(k) < int64(len(c)) {
						stack[sp-1], stack[sp] = c[k], nil
						continue
					}
				}
			}
			var v py.Object
			v, err = GetItem(t, stack[sp-1], stack[sp])
			stack[sp-1], stack[sp] = v, nil
		case bytecode.StoreSubscr:
			err = SetItem(t, stack[sp-2], stack[sp-1], stack[sp-3])
			sp -= 3
			clearObjs(stack[sp : sp+3])
		case bytecode.BuildSlice:
			// x[i:j] before 3.12 (BUILD_SLICE 2, BINARY_SUBSCR): the fast
			// path of BINARY_SLICE, skipping the BINARY_SUBSCR.
			if in.Arg == 2 && pc < len(instrs) && instrs[pc].Op == bytecode.BinarySubscr {
				if v, ok := sliceFast(stack[sp-3], stack[sp-2], stack[sp-1]); ok {
					sp -= 2
					stack[sp-1], stack[sp], stack[sp+1] = v, nil, nil
					pc++
					continue
				}
			}
			var sl *py.Slice
			if in.Arg == 3 {
				sl = &py.Slice{Start: stack[sp-3], Stop: stack[sp-2], Step: stack[sp-1]}
			} else {
				sl = &py.Slice{Start: stack[sp-2], Stop: stack[sp-1], Step: py.None}
			}
			sp -= int(in.Arg)
			clearObjs(stack[sp : sp+int(in.Arg)])
			stack[sp] = sl
			sp++
		case bytecode.BuildTuple:
			n := int(in.Arg)
			obj, tup := newTuple(n)
			copy(tup, stack[sp-n:sp])
			clearObjs(stack[sp-n : sp])
			sp -= n
			stack[sp] = obj
			sp++
		case bytecode.BuildList:
			n := int(in.Arg)
			if n == 0 {
				// [] is mostly appended to next (a comprehension, a
				// loop): room for its first items comes with it.
				stack[sp] = newListRoom()
				sp++
				continue
			}
			items := make([]py.Object, n)
			copy(items, stack[sp-n:sp])
			clearObjs(stack[sp-n : sp])
			sp -= n
			stack[sp] = &py.List{Items: items}
			sp++
		case bytecode.BuildMap:
			n := int(in.Arg)
			// A literal dict is mostly filled (an empty one by the code
			// that follows), so even {} gets room for four entries.
			d := newDictRoom()
			if n > 4 {
				d = NewDict(n)
			}
			for i := sp - 2*n; i < sp && err == nil; i += 2 {
				err = d.SetItem(t, stack[i], stack[i+1])
			}
			clearObjs(stack[sp-2*n : sp])
			sp -= 2 * n
			stack[sp] = d
			sp++
		case bytecode.BuildString:
			n := int(in.Arg)
			size := 0
			for _, x := range stack[sp-n : sp] {
				s, _ := x.(py.String)
				size += len(s)
			}
			obj, b := newStr(size)
			b = b[:0]
			for _, x := range stack[sp-n : sp] {
				s, _ := x.(py.String)
				b = append(b, s...)
			}
			clearObjs(stack[sp-n : sp])
			sp -= n
			stack[sp] = obj
			sp++
		case bytecode.ListAppend:
			sp--
			l, ok := stack[sp-int(in.Arg)].(*py.List)
			if !ok {
				err = Errorf(SystemErrorType, "LIST_APPEND on a non-list")
				break
			}
			l.Items = appendItem(l.Items, stack[sp])
			stack[sp] = nil
		case bytecode.MapAdd:
			sp -= 2
			d, ok := stack[sp-int(in.Arg)].(*Dict)
			if !ok {
				err = Errorf(SystemErrorType, "MAP_ADD on a non-dict")
				break
			}
			err = d.SetItem(t, stack[sp], stack[sp+1])
			stack[sp], stack[sp+1] = nil, nil
		case bytecode.UnpackSequence:
			sp--
			seq := stack[sp]
			stack[sp] = nil
			n := int(in.Arg)
			var items []py.Object
			if items, err = t.unpack(seq, n, -1); err != nil {
				break
			}
			for i := n - 1; i >= 0; i-- {
				stack[sp] = items[i]
				sp++
			}
		case bytecode.FormatSimple:
			if _, ok := stack[sp-1].(py.String); !ok {
				var s string
				if s, err = Format(t, stack[sp-1], ""); err == nil {
					stack[sp-1] = py.String(s)
				}
			}
		case bytecode.FormatWithSpec:
			sp--
			spec, _ := stack[sp].(py.String)
			var s string
			s, err = Format(t, stack[sp-1], string(spec))
			stack[sp-1], stack[sp] = py.String(s), nil
		case bytecode.Call:
			// A Python function taking exactly the positional arguments
			// given runs in this loop (pushFrame).
			if in.Arg2 < 0 && in.Flags&bytecode.FlagKwNamesOnStack == 0 {
				callable, args, base := callTarget(stack, sp, int(in.Arg), in.Flags&bytecode.FlagNoSelfSlot != 0)
				var nf *frame
				switch c := callable.(type) {
				case *Function:
					if c.Code.plainArgs && len(args) == c.Code.ArgCount && t.depth+t.sharedDepth < t.recursionLimit() {
						nf = t.pushFrame(f, c, args)
					}
				case *py.Type:
					// A plain user class whose __init__ is a Python function:
					// the instance is made here and __init__ runs in this loop.
					if cc := t.ctorFor(c); cc != nil && cc.init != nil && cc.init.Code.plainArgs &&
						len(args)+1 == cc.init.Code.ArgCount && t.depth+t.sharedDepth < t.recursionLimit() {
						nf = t.pushInit(f, cc.init, cc.newInstance(), args)
					}
				}
				if nf != nil {
					clearObjs(stack[base:sp])
					f.sp, f.pc, f.lasti = base, pc, lasti
					return nil, nf, errCall
				}
				// Built-in functions and methods: called straight away
				// (what call does for them).
				var res py.Object
				switch c := callable.(type) {
				case *Builtin:
					res, err = c.Fn(t, args, nil)
				case *Method:
					if len(args) == 0 || !IsInstance(args[0], c.Owner) {
						goto general
					}
					res, err = c.Fn(t, payloadFor(args[0], c.Owner), args[1:], nil)
				default:
					goto general
				}
				clearObjs(stack[base:sp])
				sp = base
				if err != nil {
					break
				}
				stack[sp] = res
				sp++
				continue
			}
		general:
			if sp, err = t.opCall(f, in, stack, sp, pc); err == errRangeIter {
				err = nil
				pc++ // opCall did the GET_ITER that follows
			}
		case bytecode.MakeFunction:
			sp--
			var qual py.Object
			if in.Flags&bytecode.FlagQualname != 0 {
				qual = stack[sp]
				sp--
				stack[sp+1] = nil
			}
			c, ok := stack[sp].(*Code)
			if !ok {
				err = Errorf(SystemErrorType, "MAKE_FUNCTION needs a code object")
				break
			}
			fn := newFunction(t, c, f.fn.Globals)
			fn.Builtins = f.fn.Builtins
			if q, ok := qual.(py.String); ok {
				fn.QualName = string(q)
			}
			stack[sp] = fn
			sp++
		case bytecode.Jump:
			pc = int(in.Target)
			if pc <= lasti {
				err = t.backEdge(lasti - pc + 1)
			}
		case bytecode.PopJumpIfFalse, bytecode.PopJumpIfTrue:
			sp--
			v := stack[sp]
			stack[sp] = nil
			var b bool
			if bv, ok := v.(py.Bool); ok {
				b = bool(bv)
			} else if b, err = Truth(t, v); err != nil {
				break
			}
			if b == (in.Op == bytecode.PopJumpIfTrue) {
				if pc = int(in.Target); pc <= lasti {
					err = t.backEdge(lasti - pc + 1)
				}
			}
		case bytecode.PopJumpIfNone, bytecode.PopJumpIfNotNone:
			sp--
			_, isNone := stack[sp].(py.NoneType)
			stack[sp] = nil
			if isNone == (in.Op == bytecode.PopJumpIfNone) {
				if pc = int(in.Target); pc <= lasti {
					err = t.backEdge(lasti - pc + 1)
				}
			}
		case bytecode.JumpIfFalseOrPop, bytecode.JumpIfTrueOrPop:
			var b bool
			if b, err = Truth(t, stack[sp-1]); err != nil {
				break
			}
			if b == (in.Op == bytecode.JumpIfTrueOrPop) {
				if pc = int(in.Target); pc <= lasti {
					err = t.backEdge(lasti - pc + 1)
				}
			} else {
				sp--
				stack[sp] = nil
			}
		case bytecode.GetIter:
			// Fast paths: pooled iterators for loops (iter_pool.go).
			switch x := stack[sp-1].(type) {
			case *py.List:
				stack[sp-1] = t.getListIter(x, f)
				continue
			case py.Tuple:
				stack[sp-1] = t.getSliceIter(x, f)
				continue
			case *Range:
				stack[sp-1] = t.getRangeIter(x, f)
				continue
			}
			var it Iterator
			if it, err = Iterate(t, stack[sp-1]); err == nil {
				stack[sp-1] = it
			}
		case bytecode.ForIter:
			// Fast paths: list, tuple and range iterators; an exhausted
			// pooled one goes back to the thread (iter_pool.go).
			recycled := false
			switch it := stack[sp-1].(type) {
			case *listIter:
				if it.i < len(it.l.Items) {
					stack[sp] = it.l.Items[it.i]
					it.i++
					sp++
					continue
				}
				if it.owner == f {
					t.putListIter(it)
					recycled = true
				}
			case *sliceIter:
				if it.i < len(it.items) {
					stack[sp] = it.items[it.i]
					it.i++
					sp++
					continue
				}
				if it.owner == f {
					t.putSliceIter(it)
					recycled = true
				}
			case *rangeIter:
				if it.left > 0 {
					stack[sp] = t.boxInt(it.next)
					it.next += it.step
					it.left--
					sp++
					continue
				}
				if it.owner == f {
					t.putRangeIter(it)
					recycled = true
				}
			}
			var v py.Object
			if !recycled {
				it, ok := stack[sp-1].(Iterator)
				if !ok {
					err = typeErrorf("'%s' object is not an iterator", TypeName(stack[sp-1]))
					break
				}
				if pc < len(instrs) && instrs[pc].Op == bytecode.UnpackSequence && instrs[pc].Arg == 2 {
					// for a, b in enumerate(...) / d.items(): the pair is
					// unpacked at once, without building its tuple.
					var a, b py.Object
					if a, b, ok, err = nextPair(t, it); err != nil {
						break
					}
					if ok {
						if a != nil {
							stack[sp], stack[sp+1] = b, a
							sp += 2
							pc++ // the UNPACK_SEQUENCE
							continue
						}
						goto exhausted
					}
				}
				if v, err = it.Next(t); err != nil {
					break
				}
			}
		exhausted:
			if v == nil {
				sp--
				stack[sp] = nil
				if pc = int(in.Target); pc <= lasti {
					err = t.backEdge(lasti - pc + 1)
				}
				break
			}
			stack[sp] = v
			sp++
		case bytecode.YieldValue:
			sp--
			result = stack[sp]
			stack[sp] = nil
			f.sp, f.pc, f.lasti = sp, pc, lasti
			return result, f, errYield
		default:
			// Rarer ops, then block-stack, generator-delegation and match
			// ops (eval_ext.go).
			sp, pc, err = t.coldOp(f, in, sp, pc, lasti)
			if err == nil && pc <= lasti {
				err = t.backEdge(lasti - pc + 1)
			}
		}
		if err != nil {
			break
		}
	}
	f.sp, f.pc, f.lasti = sp, pc, lasti
	return nil, f, err
}

var unaryOps = [bytecode.NumOps]byte{
	bytecode.UnaryNegative: '-', bytecode.UnaryPositive: '+', bytecode.UnaryInvert: '~', bytecode.UnaryNot: '!',
}

// coldOp runs the instructions that the loop leaves out of its own switch
// (rarer ones: a smaller loop keeps more of its state in registers), then
// the extension ops (extOp). It returns the new stack height and pc.
func (t *Thread) coldOp(f *frame, in *bytecode.Instr, sp, pc, lasti int) (_ int, _ int, err error) {
	code := f.code
	consts := code.Consts
	locals := f.locals
	stack := f.stack
	_, _ = consts, locals
	switch in.Op {
	case bytecode.DeleteFast:
		if locals[in.Arg] == nil {
			err = unboundLocal(t, code.localNames[in.Arg])
			break
		}
		locals[in.Arg] = nil
	case bytecode.Rot:
		n := int(in.Arg)
		top := stack[sp-1]
		copy(stack[sp-n+1:sp], stack[sp-n:sp-1])
		stack[sp-n] = top
	case bytecode.MakeCell:
		if _, ok := locals[in.Arg].(*Cell); !ok || code.Version.Less(bytecode.Py311) {
			locals[in.Arg] = &Cell{V: locals[in.Arg]}
		}
	case bytecode.CopyFreeVars:
		n := int(in.Arg)
		cl := f.fn.Closure
		if len(cl) < n {
			err = Errorf(SystemErrorType, "%s: closure has %d cells, code needs %d", code.Name, len(cl), n)
			break
		}
		copy(locals[code.nlocalsplus-n:], cl[:n])
	case bytecode.DeleteDeref:
		c, ok := locals[in.Arg].(*Cell)
		if !ok || c.V == nil {
			err = unboundDeref(t, code, int(in.Arg))
			break
		}
		c.V = nil
	case bytecode.StoreGlobal:
		sp--
		err = f.fn.Globals.SetItem(t, code.nameObjs[in.Arg], stack[sp])
		stack[sp] = nil
	case bytecode.DeleteGlobal:
		var ok bool
		_, ok, err = f.fn.Globals.Delete(t, code.names[in.Arg])
		if err == nil && !ok {
			err = Errorf(NameErrorType, "name '%s' is not defined", code.names[in.Arg])
		}
	case bytecode.LoadAssertionError:
		stack[sp] = AssertionErrorType
		sp++
	case bytecode.DeleteSubscr:
		err = DelItem(t, stack[sp-2], stack[sp-1])
		sp -= 2
		clearObjs(stack[sp : sp+2])
	case bytecode.BinarySlice:
		// Fast path: list[i:j] and ASCII str[i:j] with int or None
		// bounds, without a slice object.
		if v, ok := sliceFast(stack[sp-3], stack[sp-2], stack[sp-1]); ok {
			sp -= 2
			stack[sp-1], stack[sp], stack[sp+1] = v, nil, nil
			return sp, pc, nil
		}
		sl := &py.Slice{Start: stack[sp-2], Stop: stack[sp-1], Step: py.None}
		sp -= 2
		var v py.Object
		v, err = GetItem(t, stack[sp-1], sl)
		stack[sp-1], stack[sp], stack[sp+1] = v, nil, nil
	case bytecode.StoreSlice:
		sl := &py.Slice{Start: stack[sp-2], Stop: stack[sp-1], Step: py.None}
		err = SetItem(t, stack[sp-3], sl, stack[sp-4])
		sp -= 4
		clearObjs(stack[sp : sp+4])
	case bytecode.BuildSet:
		n := int(in.Arg)
		s := NewSet(t)
		for _, x := range stack[sp-n : sp] {
			if err = s.Add(t, x); err != nil {
				break
			}
		}
		clearObjs(stack[sp-n : sp])
		sp -= n
		stack[sp] = s
		sp++
	case bytecode.BuildConstKeyMap:
		n := int(in.Arg)
		keys, ok := stack[sp-1].(py.Tuple)
		if !ok || len(keys) != n {
			err = Errorf(SystemErrorType, "bad BUILD_CONST_KEY_MAP keys")
			break
		}
		d := NewDict(n)
		vals := stack[sp-1-n : sp-1]
		for i, k := range keys {
			if err = d.SetItem(t, k, vals[i]); err != nil {
				break
			}
		}
		clearObjs(stack[sp-1-n : sp])
		sp -= n + 1
		stack[sp] = d
		sp++
	case bytecode.SetAdd:
		sp--
		s, ok := stack[sp-int(in.Arg)].(*Set)
		if !ok {
			err = Errorf(SystemErrorType, "SET_ADD on a non-set")
			break
		}
		err = s.Add(t, stack[sp])
		stack[sp] = nil
	case bytecode.ListExtend, bytecode.SetUpdate, bytecode.DictUpdate, bytecode.DictMerge:
		sp--
		err = t.containerUpdate(in.Op, stack[sp-int(in.Arg)], stack[sp], stack, sp, int(in.Arg))
		stack[sp] = nil
	case bytecode.ListToTuple:
		l, ok := stack[sp-1].(*py.List)
		if !ok {
			err = Errorf(SystemErrorType, "LIST_TO_TUPLE on a non-list")
			break
		}
		stack[sp-1] = append(py.Tuple(nil), l.Items...)
	case bytecode.UnpackEx:
		sp--
		seq := stack[sp]
		stack[sp] = nil
		before, after := int(in.Arg&0xff), int(in.Arg>>8)
		var items []py.Object
		if items, err = t.unpack(seq, before, after); err != nil {
			break
		}
		for i := len(items) - 1; i >= 0; i-- {
			stack[sp] = items[i]
			sp++
		}
	case bytecode.ConvertValue:
		var s string
		switch in.Arg {
		case 1:
			s, err = Str(t, stack[sp-1])
		case 2:
			s, err = Repr(t, stack[sp-1])
		default:
			s, err = ASCII(t, stack[sp-1])
		}
		if err == nil {
			stack[sp-1] = py.String(s)
		}
	case bytecode.CallFunctionEx:
		sp, err = t.opCallEx(in, stack, sp)
	case bytecode.SetFunctionAttribute:
		sp--
		fn, ok := stack[sp].(*Function)
		if !ok {
			err = Errorf(SystemErrorType, "SET_FUNCTION_ATTRIBUTE needs a function")
			break
		}
		err = setFunctionAttribute(t, fn, in.Arg, stack[sp-1])
		stack[sp-1], stack[sp] = fn, nil
	case bytecode.PushExcInfo:
		exc := stack[sp-1]
		if t.handled == nil {
			stack[sp-1] = py.None
		} else {
			stack[sp-1] = t.handled
		}
		stack[sp] = exc
		sp++
		t.handled, _ = exc.(*Exception)
	case bytecode.PopExcept:
		sp--
		t.handled, _ = stack[sp].(*Exception)
		stack[sp] = nil
	case bytecode.CheckExcMatch:
		exc, ok := stack[sp-2].(*Exception)
		if !ok {
			err = Errorf(SystemErrorType, "CHECK_EXC_MATCH without an exception")
			break
		}
		var b bool
		b, err = excMatches(exc, stack[sp-1])
		stack[sp-1] = py.NewBool(b)
	case bytecode.Reraise:
		sp--
		exc, ok := stack[sp].(*Exception)
		stack[sp] = nil
		if !ok {
			err = Errorf(SystemErrorType, "RERAISE without an exception")
			break
		}
		exc.reraised = true
		err = exc
	case bytecode.RaiseVarargs:
		err = t.raise(stack, &sp, int(in.Arg))
	case bytecode.StopiterationError:
		if exc, ok := stack[sp-1].(*Exception); ok && IsSubtype(exc.typ, StopIterationType) {
			r := Errorf(RuntimeErrorType, "generator raised StopIteration")
			r.Cause, r.Context = exc, exc
			stack[sp-1] = r
		}
	case bytecode.ImportName:
		var m py.Object
		m, err = t.importName(string(code.names[in.Arg]), stack[sp-1], stack[sp-2])
		sp--
		stack[sp] = nil
		stack[sp-1] = m
	case bytecode.ImportFrom:
		var v py.Object
		if v, err = t.importFrom(stack[sp-1], string(code.names[in.Arg])); err == nil {
			stack[sp] = v
			sp++
		}
	case bytecode.ImportStar:
		err = t.importStar(stack[sp-1], f.fn.Globals)
		if code.Version.Minor >= 12 {
			stack[sp-1] = py.None
		} else {
			sp--
			stack[sp] = nil
		}
	case bytecode.LoadName, bytecode.StoreName, bytecode.DeleteName, bytecode.LoadLocals,
		bytecode.LoadClassderef, bytecode.LoadFromDictOrDeref, bytecode.LoadFromDictOrGlobals,
		bytecode.LoadBuildClass, bytecode.SetupAnnotations, bytecode.DeleteAttr, bytecode.LoadSuperAttr,
		bytecode.BeforeWith, bytecode.WithExceptStart:
		// Object model ops (eval_class.go).
		sp, err = t.classOp(f, in, sp)
	case bytecode.CallIntrinsic1, bytecode.CallIntrinsic2:
		err = Errorf(SystemErrorType, "unsupported intrinsic %d", in.Arg)
	default:
		return t.extOp(f, in, sp, pc, lasti)
	}
	return sp, pc, err
}
