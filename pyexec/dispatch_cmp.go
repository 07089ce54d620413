package pyexec

import (
	"math"
	"math/big"
	"reflect"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec/pyhash"
)

// Comparison operators (COMPARE_OP's cmp_op index).
const (
	CmpLT = iota
	CmpLE
	CmpEQ
	CmpNE
	CmpGT
	CmpGE
)

var cmpSymbols = [...]string{"<", "<=", "==", "!=", ">", ">="}

// Identical implements Python's "is".
func Identical(a, b py.Object) bool {
	switch x := a.(type) {
	case py.Tuple:
		y, ok := b.(py.Tuple)
		if !ok || len(x) != len(y) {
			return false
		}
		return len(x) == 0 || &x[0] == &y[0]
	case py.Bytes:
		y, ok := b.(py.Bytes)
		if !ok || len(x) != len(y) {
			return false
		}
		return len(x) == 0 || &x[0] == &y[0]
	case py.StringDict:
		y, ok := b.(py.StringDict)
		return ok && reflect.ValueOf(x).Pointer() == reflect.ValueOf(y).Pointer()
	}
	switch b.(type) {
	case py.Tuple, py.Bytes, py.StringDict:
		return false
	}
	return a == b
}

// Hash returns hash(o) as CPython computes it for t's version.
func Hash(t *Thread, o py.Object) (int64, error) {
	return hashWith(t, t.hasher(), o)
}

// hashWith is Hash with str and bytes (also inside tuples) hashed by h;
// user __hash__ methods run on t.
func hashWith(t *Thread, h *pyhash.Hasher, o py.Object) (int64, error) {
	if h, ok, err := hashHook(t, o); ok {
		return h, err
	}
	if h, ok, err := NativeHashHook(t, o); ok {
		return h, err
	}
	switch x := o.(type) {
	case py.String:
		return t.strHash(h, string(x)), nil
	case py.Int:
		return pyhash.Int(int64(x)), nil
	case py.Bool:
		return h.Bool(bool(x)), nil
	case *py.BigInt:
		return pyhash.BigInt((*big.Int)(x)), nil
	case py.Float:
		return h.Float(float64(x), 0), nil
	case py.Bytes:
		return h.Bytes(x), nil
	case py.NoneType:
		return h.None(0), nil
	case py.Tuple:
		t = orScratch(t)
		if err := t.EnterNative(""); err != nil {
			return 0, err
		}
		defer t.LeaveNative()
		st := pyhash.TupleStart()
		for _, it := range x {
			ih, err := hashWith(t, h, it)
			if err != nil {
				return 0, err
			}
			st.Add(ih)
		}
		return st.Sum(), nil
	case *Set:
		if x.Frozen {
			return pyhash.FrozenSet(x.tab.Hashes()), nil
		}
	case *MemoryView:
		return x.hash(h)
	case *py.List, *Dict, *ByteArray:
	default:
		if a := FakeAddr(o); a != 0 {
			return pyhash.Pointer(uintptr(a)), nil
		}
	}
	return 0, typeErrorf("unhashable type: '%s'", TypeName(o))
}

// Equal reports whether a == b.
func Equal(t *Thread, a, b py.Object) (bool, error) {
	if r, ok, err := equalHook(t, a, b); ok {
		return r, err
	}
	switch x := a.(type) {
	case py.String:
		y, ok := b.(py.String)
		return ok && x == y, nil
	case py.Int:
		if y, ok := b.(py.Int); ok {
			return x == y, nil
		}
	case py.Bytes:
		y, ok := bytesLike(b)
		return ok && string(x) == string(y), nil
	}
	if c, ok, err := numCompare(a, b); ok {
		return c == 0, err
	}
	t = orScratch(t)
	if err := t.EnterNative(" in comparison"); err != nil {
		return false, err
	}
	r, err := equalNested(t, a, b)
	t.LeaveNative()
	return r, err
}

// equalNested is Equal for values that may contain others (containers and
// native types with their own ==), one level of native recursion deeper.
func equalNested(t *Thread, a, b py.Object) (bool, error) {
	switch x := a.(type) {
	case py.Tuple:
		y, ok := b.(py.Tuple)
		if !ok {
			return false, nil
		}
		return seqEqual(t, x, y)
	case *py.List:
		y, ok := b.(*py.List)
		if !ok {
			return false, nil
		}
		return seqEqual(t, x.Items, y.Items)
	case *py.Slice:
		y, ok := b.(*py.Slice)
		if !ok {
			return false, nil
		}
		return seqEqual(t, []py.Object{orNone(x.Start), orNone(x.Stop), orNone(x.Step)}, []py.Object{orNone(y.Start), orNone(y.Stop), orNone(y.Step)})
	case *Dict:
		y, ok := b.(*Dict)
		if !ok {
			if _, isDictBacked := b.(DictBacked); isDictBacked {
				break // the dict subclass's own == decides
			}
			return false, nil
		}
		return dictEqual(t, x, y)
	case *Set:
		y, ok := b.(*Set)
		if !ok || x.Len() != y.Len() {
			return false, nil
		}
		for _, e := range x.Elems() {
			if ok, err := y.Contains(t, e); err != nil || !ok {
				return false, err
			}
		}
		return true, nil
	}
	if e, ok := a.(Equaler); ok {
		if eq, ok, err := e.PyEqual(t, b); ok || err != nil {
			return eq, err
		}
	}
	if e, ok := b.(Equaler); ok {
		if eq, ok, err := e.PyEqual(t, a); ok || err != nil {
			return eq, err
		}
	}
	return Identical(a, b), nil
}

func seqEqual(t *Thread, x, y []py.Object) (bool, error) {
	if len(x) != len(y) {
		return false, nil
	}
	for i := range x {
		if Identical(x[i], y[i]) {
			continue
		}
		eq, err := Equal(t, x[i], y[i])
		if err != nil || !eq {
			return false, err
		}
	}
	return true, nil
}

func dictEqual(t *Thread, x, y *Dict) (bool, error) {
	if x.Len() != y.Len() {
		return false, nil
	}
	for _, e := range x.entries {
		if e.key == nil {
			continue
		}
		var v py.Object
		var ok bool
		var err error
		if x.hasher == nil || y.hasher == nil || sameHasher(x.hasher, y.hasher) {
			v, ok, err = y.getHashed(t, e.hash, e.key)
		} else {
			v, ok, err = y.Get(t, e.key)
		}
		if err != nil || !ok {
			return false, err
		}
		if !Identical(v, e.value) {
			if eq, err := Equal(t, e.value, v); err != nil || !eq {
				return false, err
			}
		}
	}
	return true, nil
}

// numCompare compares two numbers exactly (int, bool, float); ok is false when
// either is not a number. NaN compares unordered: c is 2.
func numCompare(a, b py.Object) (int, bool, error) {
	if !isNumberLike(a) || !isNumberLike(b) {
		return 0, false, nil
	}
	af, aF := a.(py.Float)
	bf, bF := b.(py.Float)
	switch {
	case !aF && !bF:
		x, xb, _ := intValue(a)
		y, yb, _ := intValue(b)
		if xb == nil && yb == nil {
			return cmp3(x < y, x == y), true, nil
		}
		return bigOrSmall(x, xb).Cmp(bigOrSmall(y, yb)), true, nil
	case aF && bF:
		return floatCmp(float64(af), float64(bf)), true, nil
	case aF:
		return floatIntCmp(float64(af), b), true, nil
	default:
		return -floatIntCmp(float64(bf), a), true, nil
	}
}

func cmp3(lt, eq bool) int {
	switch {
	case lt:
		return -1
	case eq:
		return 0
	}
	return 1
}

func bigOrSmall(x int64, b *big.Int) *big.Int {
	if b != nil {
		return b
	}
	return big.NewInt(x)
}

func floatCmp(x, y float64) int {
	if math.IsNaN(x) || math.IsNaN(y) {
		return 2
	}
	return cmp3(x < y, x == y)
}

// floatIntCmp compares float f with int i exactly.
func floatIntCmp(f float64, i py.Object) int {
	if math.IsNaN(f) {
		return 2
	}
	if math.IsInf(f, 0) {
		if f > 0 {
			return 1
		}
		return -1
	}
	x, xb, _ := intValue(i)
	if xb == nil && x >= -(1<<53) && x <= 1<<53 {
		return floatCmp(f, float64(x))
	}
	bf := new(big.Float).SetFloat64(f)
	return bf.Cmp(new(big.Float).SetInt(bigOrSmall(x, xb)))
}

// Compare applies comparison op (CmpLT … CmpGE) and returns a bool.
func Compare(t *Thread, op int, a, b py.Object) (bool, error) {
	if r, ok, err := compareHook(t, op, a, b); ok {
		return r, err
	}
	switch op {
	case CmpEQ:
		return Equal(t, a, b)
	case CmpNE:
		eq, err := Equal(t, a, b)
		return !eq, err
	}
	c, err := order(t, op, a, b)
	if err != nil {
		return false, err
	}
	return cmpResult(op, c), nil
}

func cmpResult(op, c int) bool {
	if c == 2 {
		return false
	}
	switch op {
	case CmpLT:
		return c < 0
	case CmpLE:
		return c <= 0
	case CmpGT:
		return c > 0
	case CmpGE:
		return c >= 0
	case CmpEQ:
		return c == 0
	}
	return c != 0
}

// order returns the three-way order of a and b for an ordering comparison, or
// the TypeError CPython raises when the types are not ordered.
func order(t *Thread, op int, a, b py.Object) (int, error) {
	if c, ok, err := numCompare(a, b); ok {
		return c, err
	}
	switch x := a.(type) {
	case py.String:
		if y, ok := b.(py.String); ok {
			return cmp3(x < y, x == y), nil
		}
	case py.Bytes:
		if y, ok := bytesOrArray(b); ok {
			return cmp3(string(x) < string(y), string(x) == string(y)), nil
		}
	}
	t = orScratch(t)
	if err := t.EnterNative(" in comparison"); err != nil {
		return 0, err
	}
	c, ok, err := orderNested(t, op, a, b)
	t.LeaveNative()
	if ok || err != nil {
		return c, err
	}
	return 0, typeErrorf("'%s' not supported between instances of '%s' and '%s'", cmpSymbols[op], NativeTypeName(a), NativeTypeName(b))
}

// orderNested is order for containers and native types with their own
// ordering, one level of native recursion deeper; ok is false when a and b
// are not ordered.
func orderNested(t *Thread, op int, a, b py.Object) (c int, ok bool, err error) {
	switch x := a.(type) {
	case py.Tuple:
		if y, ok := b.(py.Tuple); ok {
			c, err := seqOrder(t, op, x, y)
			return c, true, err
		}
	case *py.List:
		if y, ok := b.(*py.List); ok {
			c, err := seqOrder(t, op, x.Items, y.Items)
			return c, true, err
		}
	case *Set:
		if y, ok := b.(*Set); ok {
			c, err := setOrder(t, op, x, y)
			return c, true, err
		}
	case Orderer:
		if r, ok, err := x.PyCompare(t, op, b); ok || err != nil {
			return boolToOrder(op, r), true, err
		}
	}
	if y, ok := b.(Orderer); ok && TypeOf(a) != TypeOf(b) {
		// The reflected comparison (1 < x tries x > 1).
		if r, ok, err := y.PyCompare(t, swappedCmp[op], a); ok || err != nil {
			return boolToOrder(op, r), true, err
		}
	}
	return 0, false, nil
}

// seqOrder compares sequences lexicographically; for the first differing
// item it applies op itself (which matters for NaN), returning -1/1 for the
// truth of op, as CPython's list_richcompare does.
func seqOrder(t *Thread, op int, x, y []py.Object) (int, error) {
	for i := 0; i < len(x) && i < len(y); i++ {
		if Identical(x[i], y[i]) {
			continue
		}
		eq, err := Equal(t, x[i], y[i])
		if err != nil {
			return 0, err
		}
		if !eq {
			r, err := Compare(t, op, x[i], y[i])
			if err != nil {
				return 0, err
			}
			// Encode the result so cmpResult(op, c) == r.
			return boolToOrder(op, r), nil
		}
	}
	return cmp3(len(x) < len(y), len(x) == len(y)), nil
}

func boolToOrder(op int, r bool) int {
	switch op {
	case CmpLT, CmpLE:
		if r {
			return -1
		}
		return 1
	default:
		if r {
			return 1
		}
		return -1
	}
}

func setOrder(t *Thread, op int, x, y *Set) (int, error) {
	sub := func(a, b *Set) (bool, error) {
		for _, e := range a.Elems() {
			if ok, err := b.Contains(t, e); err != nil || !ok {
				return false, err
			}
		}
		return true, nil
	}
	switch op {
	case CmpLE, CmpLT:
		ok, err := sub(x, y)
		if err != nil {
			return 0, err
		}
		if op == CmpLT && x.Len() == y.Len() {
			ok = false
		}
		return boolToOrder(op, ok), nil
	default:
		ok, err := sub(y, x)
		if err != nil {
			return 0, err
		}
		if op == CmpGT && x.Len() == y.Len() {
			ok = false
		}
		return boolToOrder(op, ok), nil
	}
}

// greaterThan is a > b (max's comparison) with lessThan's fast paths for
// int and str, which no hook can intercept.
func greaterThan(t *Thread, a, b py.Object) (bool, error) {
	if x, ok := a.(py.Int); ok {
		if y, ok := b.(py.Int); ok {
			return x > y, nil
		}
	}
	if x, ok := a.(py.String); ok {
		if y, ok := b.(py.String); ok {
			return x > y, nil
		}
	}
	return Compare(t, CmpGT, a, b)
}

// lessThan is the "<" used by sorted, min and max.
func lessThan(t *Thread, a, b py.Object) (bool, error) {
	if x, ok := a.(py.Int); ok {
		if y, ok := b.(py.Int); ok {
			return x < y, nil
		}
	}
	if x, ok := a.(py.String); ok {
		if y, ok := b.(py.String); ok {
			return x < y, nil
		}
	}
	if x, ok := a.(py.Tuple); ok {
		if y, ok := b.(py.Tuple); ok {
			if r, ok := tupleLessFast(x, y); ok {
				return r, nil
			}
		}
	}
	return Compare(t, CmpLT, a, b)
}

// tupleLessFast decides x < y for tuples (sort keys such as (-score,
// name)) whose items up to the first difference are pairs of ints or pairs
// of strs: the item comparisons CPython's tuple_richcompare would make (==
// on each pair, then < on the first unequal one) have no side effects for
// them. ok is false, before anything observable, for any other item types.
func tupleLessFast(x, y py.Tuple) (lt, ok bool) {
	n := min(len(x), len(y))
	for i := 0; i < n; i++ {
		switch a := x[i].(type) {
		case py.Int:
			b, ok := y[i].(py.Int)
			if !ok {
				return false, false
			}
			if a != b {
				return a < b, true
			}
		case py.String:
			b, ok := y[i].(py.String)
			if !ok {
				return false, false
			}
			if a != b {
				return a < b, true
			}
		default:
			return false, false
		}
	}
	return len(x) < len(y), true
}
