package pyexec

import (
	"bytes"
	"io"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/internal/pyfmt"
	"github.com/pybridge/pybridge/pyexec/bytecode"
)

var (
	builtinsMu    sync.Mutex
	builtinsDicts = map[int]*Dict{}
)

// Builtins returns the shared, read-only builtins dict for CPython 3.12.
func Builtins() *Dict { return BuiltinsFor(bytecode.Py312) }

// BuiltinsFor returns the shared, read-only builtins dict whose keys are
// hashed as CPython v hashes str with PYTHONHASHSEED=0 (SipHash-2-4 before
// 3.11, SipHash-1-3 from 3.11).
func BuiltinsFor(v bytecode.Version) *Dict {
	builtinsMu.Lock()
	defer builtinsMu.Unlock()
	if d := builtinsDicts[v.Minor]; d != nil {
		return d
	}
	{
		th := NewThread(v)
		d := NewDict(64)
		add := func(name string, v py.Object) { _ = d.SetItem(th, py.String(name), v) }
		for name, fn := range builtinFuncs {
			add(name, &Builtin{Name: name, Fn: fn})
		}
		for name, typ := range builtinTypes {
			add(name, typ)
		}
		for _, e := range exceptionTypes {
			add(e.Name, e)
		}
		for name, v := range objectModelBuiltins {
			add(name, v)
		}
		add("None", py.None)
		add("True", py.True)
		add("False", py.False)
		d.Freeze()
		builtinsDicts[v.Minor] = d
		return d
	}
}

var builtinTypes = map[string]*py.Type{
	"int": py.IntType, "float": py.FloatType, "str": py.StringType, "bool": py.BoolType,
	"list": py.ListType, "tuple": py.TupleType, "dict": DictType, "set": SetType,
	"frozenset": FrozenSetType, "bytes": py.BytesType, "object": py.ObjectType, "type": py.TypeType,
	"range": RangeType,
}

var builtinFuncs map[string]BuiltinFunc

func init() {
	builtinFuncs = map[string]BuiltinFunc{
		"len": bLen, "repr": bRepr, "ascii": bASCII, "abs": bAbs, "hash": bHash, "iter": bIter, "next": bNext,
		"ord": bOrd, "chr": bChr, "isinstance": bIsinstance, "print": bPrint, "round": bRound,
		"any": bAny, "all": bAll, "sum": bSum, "min": bMin, "max": bMax, "sorted": bSorted,
		"enumerate": bEnumerate, "zip": bZip, "map": bMap, "filter": bFilter, "reversed": bReversed,
		"divmod": bDivmod, "pow": bPow, "hasattr": bHasattr, "getattr": bGetattr, "callable": bCallable,
		"format": bFormat,
	}
	typeCtors[py.IntType] = bInt
	typeCtors[py.FloatType] = bFloat
	typeCtors[py.StringType] = bStr
	typeCtors[py.BoolType] = bBool
	typeCtors[py.ListType] = bList
	typeCtors[py.TupleType] = bTuple
	typeCtors[DictType] = bDict
	typeCtors[SetType] = bSet
	typeCtors[FrozenSetType] = bFrozenSet
	typeCtors[RangeType] = bRange
	typeCtors[py.TypeType] = bType
	typeCtors[py.BytesType] = bBytes
}

func bLen(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("len", args, kw, 1, 1); err != nil {
		return nil, err
	}
	n, err := Len(t, args[0])
	return MakeInt(int64(n)), err
}

func bRepr(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("repr", args, kw, 1, 1); err != nil {
		return nil, err
	}
	s, err := Repr(t, args[0])
	return py.String(s), err
}

func bASCII(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("ascii", args, kw, 1, 1); err != nil {
		return nil, err
	}
	s, err := ASCII(t, args[0])
	return py.String(s), err
}

func bFormat(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("format", args, kw, 1, 2); err != nil {
		return nil, err
	}
	spec := ""
	if len(args) == 2 {
		s, ok := args[1].(py.String)
		if !ok {
			return nil, typeErrorf("format() argument 2 must be str, not %s", TypeName(args[1]))
		}
		spec = string(s)
	}
	s, err := Format(t, args[0], spec)
	return py.String(s), err
}

func bAbs(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("abs", args, kw, 1, 1); err != nil {
		return nil, err
	}
	if r, ok, err := absHook(t, args[0]); ok {
		return r, err
	}
	if r, ok, err := NativeDunder(t, args[0], "__abs__"); ok {
		return r, err
	}
	switch x := args[0].(type) {
	case py.Float:
		return py.Float(math.Abs(float64(x))), nil
	case py.Int, py.Bool, *py.BigInt:
		b := bigOf(x)
		return normBig(new(big.Int).Abs(b)), nil
	}
	return nil, typeErrorf("bad operand type for abs(): '%s'", TypeName(args[0]))
}

func bHash(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("hash", args, kw, 1, 1); err != nil {
		return nil, err
	}
	h, err := Hash(t, args[0])
	return MakeInt(h), err
}

func bIter(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("iter", args, kw, 1, 1); err != nil {
		return nil, err
	}
	return Iterate(t, args[0])
}

func bNext(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("next", args, kw, 1, 2); err != nil {
		return nil, err
	}
	it, ok := args[0].(Iterator)
	if !ok {
		return nil, typeErrorf("'%s' object is not an iterator", TypeName(args[0]))
	}
	v, err := it.Next(t)
	if err != nil {
		return nil, err
	}
	if v == nil {
		if len(args) == 2 {
			return args[1], nil
		}
		return nil, exhausted(it)
	}
	return v, nil
}

func bOrd(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("ord", args, kw, 1, 1); err != nil {
		return nil, err
	}
	switch x := args[0].(type) {
	case py.String:
		if n := utf8.RuneCountInString(string(x)); n != 1 {
			return nil, typeErrorf("ord() expected a character, but string of length %d found", n)
		}
		r, _ := utf8.DecodeRuneInString(string(x))
		return MakeInt(int64(r)), nil
	case py.Bytes:
		if len(x) != 1 {
			return nil, typeErrorf("ord() expected a character, but string of length %d found", len(x))
		}
		return MakeInt(int64(x[0])), nil
	}
	return nil, typeErrorf("ord() expected string of length 1, but %s found", TypeName(args[0]))
}

func bChr(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("chr", args, kw, 1, 1); err != nil {
		return nil, err
	}
	i, ok, err := asIndex(args[0])
	if !ok {
		return nil, typeErrorf("'%s' object cannot be interpreted as an integer", TypeName(args[0]))
	}
	if err != nil || i < 0 || i > 0x10ffff {
		return nil, valueErrorf("chr() arg not in range(0x110000)")
	}
	return py.String(string(rune(i))), nil
}

func bIsinstance(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("isinstance", args, kw, 2, 2); err != nil {
		return nil, err
	}
	if ok, handled, err := instanceCheckHook(t, args[0], args[1]); handled {
		return py.NewBool(ok), err
	}
	ok, err := isinstance(t, args[0], args[1])
	return py.NewBool(ok), err
}

func isinstance(t *Thread, o, cls py.Object) (bool, error) {
	switch c := cls.(type) {
	case *py.Type:
		return IsInstance(o, c), nil
	case py.Tuple:
		if err := t.EnterNative(" in __instancecheck__"); err != nil {
			return false, err
		}
		defer t.LeaveNative()
		for _, x := range c {
			if ok, err := isinstance(t, o, x); err != nil || ok {
				return ok, err
			}
		}
		return false, nil
	}
	return false, typeErrorf("isinstance() arg 2 must be a type, a tuple of types, or a union")
}

func bPrint(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	npos := len(args) - len(kw)
	opts, err := bindBuiltin("print", args[npos:], kw, []string{"$sep", "$end", "$file", "$flush"}, 0)
	if err != nil {
		return nil, err
	}
	sep, end := " ", "\n"
	if !isNone(opts[0]) {
		s, ok := opts[0].(py.String)
		if !ok {
			return nil, typeErrorf("sep must be None or a string, not %s", TypeName(opts[0]))
		}
		sep = string(s)
	}
	if !isNone(opts[1]) {
		s, ok := opts[1].(py.String)
		if !ok {
			return nil, typeErrorf("end must be None or a string, not %s", TypeName(opts[1]))
		}
		end = string(s)
	}
	var b strings.Builder
	for i, a := range args[:npos] {
		if i > 0 {
			b.WriteString(sep)
		}
		s, err := Str(t, a)
		if err != nil {
			return nil, err
		}
		b.WriteString(s)
	}
	b.WriteString(end)
	if t.Stdout != nil {
		if _, err := io.WriteString(t.Stdout, b.String()); err != nil {
			return nil, Errorf(SystemErrorType, "print: %v", err)
		}
	}
	return py.None, nil
}

func bRound(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	var argBuf [4]py.Object
	a, err := bindBuiltinBuf(argBuf[:0], "round", args, kw, []string{"number", "ndigits"}, 1)
	if err != nil {
		return nil, err
	}
	x := a[0]
	if r, ok, err := roundHook(t, x, a[1]); ok {
		return r, err
	}
	if isNone(a[1]) {
		switch v := x.(type) {
		case py.Float:
			r, err := pyfmt.RoundToInt(float64(v))
			if err != nil {
				return nil, fmtError(err)
			}
			return normBig(r), nil
		case py.Int, *py.BigInt:
			return v, nil
		case py.Bool:
			return UnaryOp(t, '+', v)
		}
		return nil, typeErrorf("type %s doesn't define __round__ method", TypeName(x))
	}
	nd, ok, err := asIndex(a[1])
	if !ok || err != nil {
		return nil, typeErrorf("'%s' object cannot be interpreted as an integer", TypeName(a[1]))
	}
	switch v := x.(type) {
	case py.Float:
		if nd > math.MaxInt32 {
			nd = math.MaxInt32
		} else if nd < math.MinInt32 {
			nd = math.MinInt32
		}
		r, err := pyfmt.Round(float64(v), int(nd))
		if err != nil {
			return nil, fmtError(err)
		}
		return py.Float(r), nil
	case py.Int, *py.BigInt, py.Bool:
		if nd >= 0 {
			return UnaryOp(t, '+', v)
		}
		// Round half to even at 10**-nd.
		b := bigOf(v)
		p := new(big.Int).Exp(big.NewInt(10), big.NewInt(-nd), nil)
		q, m := new(big.Int).DivMod(b, p, new(big.Int))
		twice := new(big.Int).Mul(m, big.NewInt(2))
		if c := twice.Cmp(p); c > 0 || c == 0 && q.Bit(0) == 1 {
			q.Add(q, big.NewInt(1))
		}
		return normBig(q.Mul(q, p)), nil
	}
	return nil, typeErrorf("type %s doesn't define __round__ method", TypeName(x))
}

func bAny(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	return anyAll(t, "any", args, kw, true)
}

func bAll(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	return anyAll(t, "all", args, kw, false)
}

func anyAll(t *Thread, name string, args []py.Object, kw py.Tuple, want bool) (py.Object, error) {
	if err := posArgs(name, args, kw, 1, 1); err != nil {
		return nil, err
	}
	it, err := Iterate(t, args[0])
	if err != nil {
		return nil, err
	}
	for {
		v, err := it.Next(t)
		if err != nil {
			return nil, err
		}
		if v == nil {
			return py.NewBool(!want), nil
		}
		if err := t.charge(1); err != nil {
			return nil, err
		}
		b, err := Truth(t, v)
		if err != nil {
			return nil, err
		}
		if b == want {
			return py.NewBool(want), nil
		}
	}
}

func bSum(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	var argBuf [4]py.Object
	a, err := bindBuiltinBuf(argBuf[:0], "sum", args, kw, []string{"iterable", "start"}, 1)
	if err != nil {
		return nil, err
	}
	var acc py.Object = MakeInt(0)
	if a[1] != nil {
		switch a[1].(type) {
		case py.String:
			return nil, typeErrorf("sum() can't sum strings [use ''.join(seq) instead]")
		case py.Bytes:
			return nil, typeErrorf("sum() can't sum bytes [use b''.join(seq) instead]")
		}
		acc = a[1]
	}
	it, err := Iterate(t, a[0])
	if err != nil {
		return nil, err
	}
	floatPath := true
	for {
		var v py.Object
		if f, ok := acc.(py.Float); ok && floatPath {
			// CPython's float fast path (compensated from 3.12); it
			// hands back the first item it cannot add.
			floatPath = false
			if acc, v, err = floatSum(t, float64(f), it); err != nil {
				return nil, err
			}
			if v == nil {
				return acc, nil
			}
		} else {
			if v, err = it.Next(t); err != nil {
				return nil, err
			}
			if v == nil {
				return acc, nil
			}
			if err := t.charge(1); err != nil {
				return nil, err
			}
		}
		if acc, err = BinaryOp(t, opAdd, acc, v); err != nil {
			return nil, err
		}
	}
}

func bMin(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	return minMax(t, "min", args, kw, true)
}

func bMax(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	return minMax(t, "max", args, kw, false)
}

func minMax(t *Thread, name string, args []py.Object, kw py.Tuple, isMin bool) (py.Object, error) {
	npos := len(args) - len(kw)
	var optBuf [2]py.Object
	opts, err := bindBuiltinBuf(optBuf[:0], name, args[npos:], kw, []string{"$key", "$default"}, 0)
	if err != nil {
		return nil, err
	}
	key := opts[0]
	if isNone(key) {
		key = nil
	}
	var items []py.Object // the arguments, when more than one
	var it Iterator       // else an iterator over the one argument
	var di dictIter       // or, for d.keys() and d.values(), this one
	var dit *dictIter
	switch {
	case npos == 0:
		return nil, typeErrorf("%s expected at least 1 argument, got 0", name)
	case npos == 1:
		// Iterate lazily, as CPython does: key calls interleave with the
		// iteration, and nothing is copied.
		if v, ok := args[0].(*dictView); ok && v.kind != viewItems {
			// What Iterate returns, without allocating it.
			di = dictIter{d: v.d, n: v.d.Len(), kind: v.kind}
			dit = &di
		} else if it, err = Iterate(t, args[0]); err != nil {
			return nil, err
		}
	default:
		if opts[1] != nil {
			return nil, typeErrorf("Cannot specify a default for %s() with multiple positional arguments", name)
		}
		items = args[:npos]
		if err := t.charge(int64(len(items))); err != nil {
			return nil, err
		}
	}
	// A Python function copies its arguments into its frame, so one
	// argument slice serves every key call.
	var arg *[1]py.Object // allocated once, on the first key call
	if _, ok := key.(*Function); ok {
		arg = new([1]py.Object)
	}
	var best, bestKey py.Object
	for i := 0; ; i++ {
		var v py.Object
		if it != nil || dit != nil {
			if dit != nil {
				v, err = dit.Next(t)
			} else {
				v, err = it.Next(t)
			}
			if err != nil {
				return nil, err
			}
			if v == nil {
				break
			}
			if err := t.charge(1); err != nil {
				return nil, err
			}
		} else {
			if i == len(items) {
				break
			}
			v = items[i]
		}
		k := v
		if key != nil {
			var kargs []py.Object
			if arg != nil {
				arg[0] = v
				kargs = arg[:]
			} else {
				kargs = []py.Object{v}
			}
			if k, err = call(t, key, kargs, nil); err != nil {
				return nil, err
			}
		}
		if i == 0 {
			best, bestKey = v, k
			continue
		}
		var better bool
		if isMin {
			better, err = lessThan(t, k, bestKey)
		} else {
			better, err = greaterThan(t, k, bestKey)
		}
		if err != nil {
			return nil, err
		}
		if better {
			best, bestKey = v, k
		}
	}
	if best == nil {
		if opts[1] != nil {
			return opts[1], nil
		}
		if t.minor() >= 12 {
			return nil, valueErrorf("%s() iterable argument is empty", name)
		}
		return nil, valueErrorf("%s() arg is an empty sequence", name)
	}
	return best, nil
}

func bSorted(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	npos := len(args) - len(kw)
	if npos != 1 {
		return nil, typeErrorf("sorted expected 1 argument, got %d", npos)
	}
	items, err := collect(t, args[0])
	if err != nil {
		return nil, err
	}
	l := &py.List{Items: items}
	if _, err := listSort(t, l, args[1:], kw); err != nil {
		return nil, err
	}
	return l, nil
}

// sortItems sorts items stably with an optional key and reverse flag, as
// list.sort does (reverse keeps stability by reversing before and after).
func sortItems(t *Thread, items []py.Object, key py.Object, reverse bool) error {
	// Charge n*log2(n) comparisons up front.
	if n := int64(len(items)); n > 1 {
		if err := t.charge(n * int64(bits.Len64(uint64(n)))); err != nil {
			return err
		}
	}
	keys := items
	if key != nil {
		keys = make([]py.Object, len(items))
		// A Python function copies its arguments into its frame, so one
		// argument slice serves every call; other callables may keep it.
		_, reuse := key.(*Function)
		var arg [1]py.Object
		for i, v := range items {
			var args []py.Object
			if reuse {
				arg[0] = v
				args = arg[:]
			} else {
				args = []py.Object{v}
			}
			k, err := call(t, key, args, nil)
			if err != nil {
				return err
			}
			keys[i] = k
		}
	}
	var vals []py.Object
	if key != nil {
		vals = items
	}
	// CPython reverses before and after sorting, which keeps equal keys in
	// their original order; on an error the list keeps the partly sorted
	// permutation (reversed back), as CPython's does.
	if reverse {
		reverseKV(keys, vals)
	}
	err := timsort(t, keys, vals)
	if reverse {
		reverseKV(keys, vals)
	}
	return err
}

// reverseKV reverses keys and, when not nil, vals.
func reverseKV(keys, vals []py.Object) {
	slices.Reverse(keys)
	if vals != nil {
		slices.Reverse(vals)
	}
}

func bEnumerate(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	var argBuf [4]py.Object
	a, err := bindBuiltinBuf(argBuf[:0], "enumerate", args, kw, []string{"iterable", "start"}, 1)
	if err != nil {
		return nil, err
	}
	var e *enumIter
	if l, ok := a[0].(*py.List); ok {
		// enumerate(list): the list iterator comes in the same allocation.
		e = &enumIter{li: listIter{l: l}}
		e.it = &e.li
	} else {
		it, err := Iterate(t, a[0])
		if err != nil {
			return nil, err
		}
		e = &enumIter{it: it}
	}
	if a[1] != nil {
		switch n := a[1].(type) {
		case py.Int:
			e.n = int64(n)
		case py.Bool:
			// PyNumber_Index(True) is the int 1.
			if n {
				e.n = 1
			}
		default:
			if !isInt(a[1]) {
				return nil, typeErrorf("'%s' object cannot be interpreted as an integer", TypeName(a[1]))
			}
			e.big = a[1]
		}
	}
	return e, nil
}

// enumIter is enumerate's iterator: the count is an int64 until it would
// overflow (or starts out as a big int), then a Python int in big.
type enumIter struct {
	it   Iterator
	li   listIter // it, for enumerate(list)
	n    int64
	big  py.Object
	done bool
}

func (e *enumIter) Type() *py.Type { return EnumerateType }

func (e *enumIter) Next(t *Thread) (py.Object, error) {
	idx, v, err := e.next2(t)
	if idx == nil {
		return nil, err
	}
	return tuple2Of(idx, v), nil
}

// next2 returns the next index and item (nil, nil when exhausted).
func (e *enumIter) next2(t *Thread) (py.Object, py.Object, error) {
	if e.done {
		return nil, nil, nil
	}
	if err := t.EnterNative(""); err != nil {
		return nil, nil, err
	}
	v, err := e.it.Next(t)
	t.LeaveNative()
	if v == nil || err != nil {
		e.done = true
		return nil, nil, err
	}
	var idx py.Object
	if e.big == nil {
		idx = t.boxInt(e.n)
		if e.n == math.MaxInt64 {
			e.big = normBig(new(big.Int).Add(big.NewInt(e.n), big.NewInt(1)))
		} else {
			e.n++
		}
	} else {
		idx = e.big
		if e.big, err = BinaryOp(t, opAdd, e.big, MakeInt(1)); err != nil {
			e.done = true
			return nil, nil, err
		}
	}
	return idx, v, nil
}

func bZip(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	npos := len(args) - len(kw)
	opts, err := bindBuiltin("zip", args[npos:], kw, []string{"$strict"}, 0)
	if err != nil {
		return nil, err
	}
	strict := false
	if opts[0] != nil {
		strict, _ = Truth(t, opts[0])
	}
	its := make([]Iterator, npos)
	for i, a := range args[:npos] {
		if its[i], err = Iterate(t, a); err != nil {
			return nil, typeErrorf("'%s' object is not iterable", TypeName(a))
		}
	}
	return &funcIter{typ: ZipType, next: func(t *Thread) (py.Object, error) {
		if len(its) == 0 {
			return nil, nil
		}
		out := make(py.Tuple, len(its))
		for i, it := range its {
			v, err := it.Next(t)
			if err != nil {
				return nil, err
			}
			if v == nil {
				if strict && i > 0 {
					return nil, valueErrorf("zip() argument %d is shorter than argument 1", i+1)
				}
				return nil, nil
			}
			out[i] = v
		}
		return out, nil
	}}, nil
}

func bMap(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := noKw("map", kw); err != nil {
		return nil, err
	}
	if len(args) < 2 {
		return nil, typeErrorf("map() must have at least two arguments.")
	}
	fn := args[0]
	its := make([]Iterator, len(args)-1)
	for i, a := range args[1:] {
		var err error
		if its[i], err = Iterate(t, a); err != nil {
			return nil, err
		}
	}
	return &funcIter{typ: MapType, next: func(t *Thread) (py.Object, error) {
		vals := make([]py.Object, len(its))
		for i, it := range its {
			v, err := it.Next(t)
			if v == nil || err != nil {
				return nil, err
			}
			vals[i] = v
		}
		return call(t, fn, vals, nil)
	}}, nil
}

func bFilter(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("filter", args, kw, 2, 2); err != nil {
		return nil, err
	}
	fn := args[0]
	it, err := Iterate(t, args[1])
	if err != nil {
		return nil, err
	}
	return &funcIter{typ: FilterType, next: func(t *Thread) (py.Object, error) {
		for {
			v, err := it.Next(t)
			if v == nil || err != nil {
				return nil, err
			}
			test := v
			if !isNone(fn) {
				if test, err = call(t, fn, []py.Object{v}, nil); err != nil {
					return nil, err
				}
			}
			ok, err := Truth(t, test)
			if err != nil {
				return nil, err
			}
			if ok {
				return v, nil
			}
		}
	}}, nil
}

func bReversed(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("reversed", args, kw, 1, 1); err != nil {
		return nil, err
	}
	var items []py.Object
	switch x := args[0].(type) {
	case *py.List, py.Tuple, py.String, *Range, py.Bytes, *ByteArray, *MemoryView:
		var err error
		if items, err = collect(t, x); err != nil {
			return nil, err
		}
	case *Dict:
		items = x.Keys()
	default:
		if r, ok, err := nativeReversed(t, x); ok {
			return r, err
		}
		if ut := userTypeOf(x); ut != nil {
			if f := lookupUser(ut, "__reversed__"); f != nil {
				if isNone(f) {
					return nil, typeErrorf("'%s' object is not reversible", TypeName(x))
				}
				return callDescr(t, f, x)
			}
			if lookupUser(ut, "__len__") != nil && lookupUser(ut, "__getitem__") != nil {
				n, err := Len(t, x)
				if err != nil {
					return nil, err
				}
				i := n
				return &funcIter{typ: ReversedType, next: func(t *Thread) (py.Object, error) {
					if i <= 0 {
						return nil, nil
					}
					i--
					return GetItem(t, x, MakeInt(int64(i)))
				}}, nil
			}
		}
		return nil, typeErrorf("'%s' object is not reversible", TypeName(x))
	}
	i := len(items)
	return &funcIter{typ: ReversedType, next: func(*Thread) (py.Object, error) {
		if i == 0 {
			return nil, nil
		}
		i--
		return items[i], nil
	}}, nil
}

func bDivmod(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("divmod", args, kw, 2, 2); err != nil {
		return nil, err
	}
	q, err := BinaryOp(t, opFloorDiv, args[0], args[1])
	if err != nil {
		if e, ok := err.(*Exception); ok && e.typ == TypeErrorType {
			return nil, typeErrorf("unsupported operand type(s) for divmod(): '%s' and '%s'", TypeName(args[0]), TypeName(args[1]))
		}
		return nil, err
	}
	m, err := BinaryOp(t, opMod, args[0], args[1])
	if err != nil {
		return nil, err
	}
	return py.Tuple{q, m}, nil
}

func bPow(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := bindBuiltin("pow", args, kw, []string{"base", "exp", "mod"}, 2)
	if err != nil {
		return nil, err
	}
	if isNone(a[2]) {
		return BinaryOp(t, opPow, a[0], a[1])
	}
	if !isInt(a[0]) || !isInt(a[1]) || !isInt(a[2]) {
		return nil, typeErrorf("pow() 3rd argument not allowed unless all arguments are integers")
	}
	m := bigOf(a[2])
	if m.Sign() == 0 {
		return nil, valueErrorf("pow() 3rd argument cannot be 0")
	}
	e := bigOf(a[1])
	b := bigOf(a[0])
	if e.Sign() < 0 {
		inv := new(big.Int).ModInverse(new(big.Int).Mod(b, new(big.Int).Abs(m)), new(big.Int).Abs(m))
		if inv == nil {
			return nil, valueErrorf("base is not invertible for the given modulus")
		}
		b, e = inv, new(big.Int).Neg(e)
	}
	r := new(big.Int).Exp(b, e, new(big.Int).Abs(m))
	if m.Sign() < 0 && r.Sign() != 0 {
		r.Add(r, m)
	}
	return normBig(r), nil
}

func bHasattr(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("hasattr", args, kw, 2, 2); err != nil {
		return nil, err
	}
	name, ok := args[1].(py.String)
	if !ok {
		return nil, typeErrorf("attribute name must be string, not '%s'", TypeName(args[1]))
	}
	_, err := GetAttr(t, args[0], string(name))
	if err != nil {
		if e, ok := err.(*Exception); ok && IsSubtype(e.typ, AttributeErrorType) {
			return py.False, nil
		}
		return nil, err
	}
	return py.True, nil
}

func bGetattr(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("getattr", args, kw, 2, 3); err != nil {
		return nil, err
	}
	name, ok := args[1].(py.String)
	if !ok {
		return nil, typeErrorf("attribute name must be string, not '%s'", TypeName(args[1]))
	}
	v, err := GetAttr(t, args[0], string(name))
	if err != nil && len(args) == 3 {
		if e, ok := err.(*Exception); ok && IsSubtype(e.typ, AttributeErrorType) {
			return args[2], nil
		}
	}
	return v, err
}

func bCallable(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("callable", args, kw, 1, 1); err != nil {
		return nil, err
	}
	return py.NewBool(isCallable(args[0])), nil
}

// --- type constructors ---

func bInt(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	var argBuf [4]py.Object
	a, err := bindBuiltinBuf(argBuf[:0], "int", args, kw, []string{"x", "base"}, 0)
	if err != nil {
		return nil, err
	}
	if a[0] == nil {
		return MakeInt(0), nil
	}
	if r, ok, err := numberHook(t, a[0], false); ok && a[1] == nil {
		return r, err
	}
	if r, ok, err := nativeNumberHook(t, a[0], false); ok && a[1] == nil {
		return r, err
	}
	if a[1] != nil {
		s, ok := a[0].(py.String)
		if !ok {
			return nil, typeErrorf("int() can't convert non-string with explicit base")
		}
		base, ok, _ := asIndex(a[1])
		if !ok || base != 0 && (base < 2 || base > 36) {
			return nil, valueErrorf("int() base must be >= 2 and <= 36, or 0")
		}
		return parseIntMinor(t.minor(), string(s), int(base))
	}
	switch x := a[0].(type) {
	case py.Int, *py.BigInt:
		return x, nil
	case py.Bool:
		return UnaryOp(t, '+', x)
	case py.Float:
		f := float64(x)
		if math.IsInf(f, 0) {
			return nil, Errorf(OverflowErrorType, "cannot convert float infinity to integer")
		}
		if math.IsNaN(f) {
			return nil, valueErrorf("cannot convert float NaN to integer")
		}
		b, _ := new(big.Float).SetFloat64(math.Trunc(f)).Int(nil)
		return normBig(b), nil
	case py.String:
		return parseIntMinor(t.minor(), string(x), 10)
	case py.Bytes:
		return parseIntMinor(t.minor(), string(x), 10)
	}
	return nil, typeErrorf("int() argument must be a string, a bytes-like object or a real number, not '%s'", TypeName(a[0]))
}

// parseInt implements int(str, base) as CPython 3.12 does.
func parseInt(s string, base int) (py.Object, error) { return parseIntMinor(12, s, base) }

// parseIntMinor implements int(str, base) as CPython 3.minor does.
func parseIntMinor(minor int, s string, base int) (py.Object, error) {
	bad := func() error {
		r, _ := Repr(nil, py.String(s))
		return valueErrorf("invalid literal for int() with base %d: %s", base, r)
	}
	x := strings.TrimSpace(s)
	neg := false
	if x != "" && (x[0] == '+' || x[0] == '-') {
		neg = x[0] == '-'
		x = x[1:]
	}
	lower := strings.ToLower(x)
	pb := base
	if len(lower) > 1 && lower[0] == '0' && (base == 0 || base == 16 || base == 8 || base == 2) {
		switch lower[1] {
		case 'x':
			if base == 0 || base == 16 {
				pb, x = 16, x[2:]
			}
		case 'o':
			if base == 0 || base == 8 {
				pb, x = 8, x[2:]
			}
		case 'b':
			if base == 0 || base == 2 {
				pb, x = 2, x[2:]
			}
		}
		if pb != base || base != 0 {
			x = strings.TrimPrefix(x, "_")
		}
	}
	if pb == 0 {
		pb = 10
		if len(x) > 1 && strings.Trim(x, "0_") == "" {
			x = "0"
		} else if len(x) > 1 && x[0] == '0' {
			return nil, bad()
		}
	}
	if x == "" || x[0] == '_' || x[len(x)-1] == '_' || strings.Contains(x, "__") {
		return nil, bad()
	}
	x = strings.ReplaceAll(x, "_", "")
	if pb&(pb-1) != 0 && len(x) > maxStrDigits {
		return nil, intStrLimit(minor, len(x))
	}
	if v, err := strconv.ParseInt(x, pb, 64); err == nil {
		if neg {
			v = -v
		}
		return MakeInt(v), nil
	}
	for _, r := range x {
		if r > 127 {
			return nil, bad()
		}
	}
	b, ok := new(big.Int).SetString(x, pb)
	if !ok {
		return nil, bad()
	}
	if neg {
		b.Neg(b)
	}
	return normBig(b), nil
}

func bFloat(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("float", args, kw, 0, 1); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return py.Float(0), nil
	}
	if r, ok, err := numberHook(t, args[0], true); ok {
		return r, err
	}
	if r, ok, err := nativeNumberHook(t, args[0], true); ok {
		return r, err
	}
	switch x := args[0].(type) {
	case py.Float:
		return x, nil
	case py.Int, *py.BigInt, py.Bool:
		f, err := intToFloat(x)
		return py.Float(f), err
	case py.String:
		s := strings.TrimSpace(string(x))
		switch strings.ToLower(strings.TrimLeft(s, "+-")) {
		case "inf", "infinity":
			if strings.HasPrefix(s, "-") {
				return py.Float(math.Inf(-1)), nil
			}
			return py.Float(math.Inf(1)), nil
		case "nan":
			return py.Float(math.NaN()), nil
		}
		ok := s != "" && !strings.ContainsAny(s, "xXpP") && !strings.HasPrefix(s, "_") && !strings.HasSuffix(s, "_") && !strings.Contains(s, "__")
		if ok {
			if f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64); err == nil || strings.Contains(err.Error(), "range") {
				return py.Float(f), nil
			}
		}
		r, _ := Repr(t, x)
		return nil, valueErrorf("could not convert string to float: %s", r)
	}
	return nil, typeErrorf("float() argument must be a string or a real number, not '%s'", TypeName(args[0]))
}

// smallIntStrs holds str(i) for 0 <= i < 256, boxed once: str() of a loop
// index or a small count allocates nothing.
var smallIntStrs = func() (a [256]py.Object) {
	for i := range a {
		a[i] = py.String(strconv.Itoa(i))
	}
	return a
}()

func bStr(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("str", args, kw, 0, 1); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return py.String(""), nil
	}
	switch x := args[0].(type) {
	case py.String:
		return x, nil
	case py.Int:
		if x >= 0 && x < py.Int(len(smallIntStrs)) {
			return smallIntStrs[x], nil
		}
		// Digits and box in one allocation.
		var buf [20]byte
		d := strconv.AppendInt(buf[:0], int64(x), 10)
		o, b := newStr(len(d))
		copy(b, d)
		return o, nil
	}
	s, err := Str(t, args[0])
	return py.String(s), err
}

func bBool(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("bool", args, kw, 0, 1); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return py.False, nil
	}
	b, err := Truth(t, args[0])
	return py.NewBool(b), err
}

func bList(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("list", args, kw, 0, 1); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return &py.List{Items: []py.Object{}}, nil
	}
	items, err := collect(t, args[0])
	if items == nil {
		items = []py.Object{}
	}
	return &py.List{Items: items}, err
}

func bTuple(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("tuple", args, kw, 0, 1); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return py.Tuple{}, nil
	}
	if tup, ok := args[0].(py.Tuple); ok {
		return tup, nil
	}
	items, err := collect(t, args[0])
	if items == nil {
		items = []py.Object{}
	}
	return py.Tuple(items), err
}

func bDict(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	npos := len(args) - len(kw)
	if npos > 1 {
		return nil, typeErrorf("dict expected at most 1 argument, got %d", npos)
	}
	d := NewDict(0)
	if npos == 1 {
		if err := dictUpdateFrom(t, d, args[0]); err != nil {
			return nil, err
		}
	}
	for i, k := range kw {
		if err := d.SetItem(t, k, args[npos+i]); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// dictUpdateFrom merges a mapping or an iterable of pairs into d.
func dictUpdateFrom(t *Thread, d *Dict, src py.Object) error {
	if o, ok := src.(*Dict); ok {
		return d.Update(t, o)
	}
	if o, ok := backingDict(src); ok {
		return d.Update(t, o)
	}
	it, err := Iterate(t, src)
	if err != nil {
		return err
	}
	for i := 0; ; i++ {
		v, err := it.Next(t)
		if err != nil || v == nil {
			return err
		}
		pair, err := collect(t, v)
		if err != nil {
			return typeErrorf("cannot convert dictionary update sequence element #%d to a sequence", i)
		}
		if len(pair) != 2 {
			return valueErrorf("dictionary update sequence element #%d has length %d; 2 is required", i, len(pair))
		}
		if err := d.SetItem(t, pair[0], pair[1]); err != nil {
			return err
		}
	}
}

func bSet(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("set", args, kw, 0, 1); err != nil {
		return nil, err
	}
	s := NewSet(t)
	if len(args) == 1 {
		items, err := collect(t, args[0])
		if err != nil {
			return nil, err
		}
		for _, x := range items {
			if err := s.Add(t, x); err != nil {
				return nil, err
			}
		}
	}
	return s, nil
}

func bFrozenSet(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	s, err := bSet(t, args, kw)
	if err != nil {
		return nil, err
	}
	s.(*Set).Frozen = true
	return s, nil
}

func bRange(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := noKw("range", kw); err != nil {
		return nil, err
	}
	r, err := rangeOf(args)
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// rangeOf is range(*args) without keywords.
func rangeOf(args []py.Object) (Range, error) {
	if len(args) < 1 || len(args) > 3 {
		if len(args) == 0 {
			return Range{}, typeErrorf("range expected at least 1 argument, got 0")
		}
		return Range{}, typeErrorf("range expected at most 3 arguments, got %d", len(args))
	}
	var v [3]int64
	v[2] = 1
	for i, a := range args {
		x, ok, err := asIndex(a)
		if !ok {
			return Range{}, typeErrorf("'%s' object cannot be interpreted as an integer", TypeName(a))
		}
		if err != nil {
			return Range{}, Errorf(OverflowErrorType, "Python int too large to convert to C ssize_t")
		}
		v[i] = x
	}
	if len(args) == 1 {
		v[0], v[1] = 0, v[0]
	}
	if v[2] == 0 {
		return Range{}, valueErrorf("range() arg 3 must not be zero")
	}
	return Range{start: v[0], stop: v[1], step: v[2]}, nil
}

func bType(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if len(args) != 1 || len(kw) != 0 {
		return nil, typeErrorf("type() takes 1 argument here")
	}
	return TypeOf(args[0]), nil
}

func bBytes(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("bytes", args, kw, 0, 1); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return py.Bytes{}, nil
	}
	switch x := args[0].(type) {
	case py.Bytes:
		return x, nil
	case py.Int:
		if x < 0 {
			return nil, valueErrorf("negative count")
		}
		if err := t.checkBytes(int64(x)); err != nil {
			return nil, err
		}
		return make(py.Bytes, x), nil
	case py.String:
		return nil, typeErrorf("string argument without an encoding")
	case *ByteArray, *MemoryView:
		if b, ok := bytesLike(x); ok {
			return py.Bytes(bytes.Clone(b)), nil
		}
	}
	items, err := collect(t, args[0])
	if err != nil {
		return nil, err
	}
	out := make(py.Bytes, len(items))
	for i, it := range items {
		v, ok, _ := asIndex(it)
		if !ok {
			return nil, typeErrorf("'%s' object cannot be interpreted as an integer", TypeName(it))
		}
		if v < 0 || v > 255 {
			return nil, valueErrorf("bytes must be in range(0, 256)")
		}
		out[i] = byte(v)
	}
	return out, nil
}
