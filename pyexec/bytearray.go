package pyexec

import (
	"bytes"
	"slices"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/internal/pyrepr"
)

// bytearray: a mutable sequence of bytes. It shares bytes' methods (each
// runs on the current contents and returns bytearrays where bytes returns
// bytes) and adds the list-like mutators. Its values compare equal to bytes
// and memoryviews with the same contents; it is unhashable.

// ByteArrayType is the type of bytearray objects.
var ByteArrayType = newType("bytearray", py.ObjectType)

// byteArrayIterType is the type of bytearray iterators.
var byteArrayIterType = newType("bytearray_iterator", py.ObjectType)

// ByteArray is a Python bytearray. B holds its contents; Go code may read
// and modify it as the bytearray's methods do.
type ByteArray struct {
	B []byte
}

// NewByteArray returns a bytearray holding a copy of b.
func NewByteArray(b []byte) *ByteArray { return &ByteArray{B: bytes.Clone(b)} }

// Type returns bytearray.
func (a *ByteArray) Type() *py.Type { return ByteArrayType }

// Repr returns bytearray(b'...').
func (a *ByteArray) Repr(*Thread) (string, error) {
	return "bytearray(" + pyrepr.Bytes(a.B) + ")", nil
}

// PyLen returns len(a).
func (a *ByteArray) PyLen(*Thread) (int, error) { return len(a.B), nil }

// Iter returns an iterator over a's bytes that sees later changes.
func (a *ByteArray) Iter(*Thread) (Iterator, error) {
	i := 0
	return NewIterator(byteArrayIterType, func(*Thread) (py.Object, error) {
		if i >= len(a.B) {
			return nil, nil
		}
		i++
		return MakeInt(int64(a.B[i-1])), nil
	}), nil
}

// PyContains implements `item in a`.
func (a *ByteArray) PyContains(t *Thread, item py.Object) (bool, error) {
	return bytesContains(a.B, item)
}

// PyEqual compares a with bytes, bytearrays and memoryviews by contents.
func (a *ByteArray) PyEqual(t *Thread, other py.Object) (bool, bool, error) {
	b, ok := bytesLike(other)
	if !ok {
		return false, false, nil
	}
	return bytes.Equal(a.B, b), true, nil
}

// PyCompare orders a against bytes and bytearrays.
func (a *ByteArray) PyCompare(t *Thread, op int, other py.Object) (bool, bool, error) {
	b, ok := bytesOrArray(other)
	if !ok {
		return false, false, nil
	}
	return cmpResult(op, bytes.Compare(a.B, b)), true, nil
}

// PyGetItem returns a[i] (an int) or a[i:j:k] (a new bytearray).
func (a *ByteArray) PyGetItem(t *Thread, key py.Object) (py.Object, error) {
	if sl, ok := key.(*py.Slice); ok {
		start, _, step, n, err := sliceIndices(sl, len(a.B))
		if err != nil {
			return nil, err
		}
		out := make([]byte, n)
		for i := range out {
			out[i] = a.B[start+i*step]
		}
		return &ByteArray{B: out}, nil
	}
	i, err := a.index(key)
	if err != nil {
		return nil, err
	}
	return MakeInt(int64(a.B[i])), nil
}

// index resolves an item index of a.
func (a *ByteArray) index(key py.Object) (int, error) {
	i, ok, err := normIndex(key, len(a.B))
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, typeErrorf("bytearray indices must be integers or slices, not %s", TypeName(key))
	}
	if i < 0 {
		return 0, Errorf(IndexErrorType, "bytearray index out of range")
	}
	return i, nil
}

// PySetItem implements a[key] = v and, for v nil, del a[key].
func (a *ByteArray) PySetItem(t *Thread, key, v py.Object) error {
	sl, isSlice := key.(*py.Slice)
	if !isSlice {
		i, err := a.index(key)
		if err != nil {
			return err
		}
		if v == nil {
			a.B = slices.Delete(a.B, i, i+1)
			return nil
		}
		c, err := byteValue(v)
		if err != nil {
			return err
		}
		a.B[i] = c
		return nil
	}
	start, stop, step, n, err := sliceIndices(sl, len(a.B))
	if err != nil {
		return err
	}
	var src []byte
	if v != nil {
		if src, err = assignedBytes(t, v); err != nil {
			return err
		}
	}
	if step == 1 {
		stop = max(stop, start)
		if err := t.checkBytes(int64(len(a.B) - (stop - start) + len(src))); err != nil {
			return err
		}
		a.B = slices.Replace(a.B, start, stop, src...)
		return nil
	}
	if v == nil {
		keep := a.B[:0:0]
		for i, c := range a.B {
			if j := i - start; !(j%step == 0 && j/step >= 0 && j/step < n) {
				keep = append(keep, c)
			}
		}
		a.B = keep
		return nil
	}
	if len(src) != n {
		return valueErrorf("attempt to assign bytes of size %d to extended slice of size %d", len(src), n)
	}
	for i := 0; i < n; i++ {
		a.B[start+i*step] = src[i]
	}
	return nil
}

// assignedBytes converts the value of a slice assignment: a bytes-like
// object or an iterable of ints in range(0, 256).
func assignedBytes(t *Thread, v py.Object) ([]byte, error) {
	if b, ok := bytesLike(v); ok {
		return bytes.Clone(b), nil
	}
	switch v.(type) {
	case py.String, py.Int, *py.BigInt, py.Bool:
		return nil, typeErrorf("can assign only bytes, buffers, or iterables of ints in range(0, 256)")
	}
	if _, err := Iterate(t, v); err != nil {
		return nil, typeErrorf("can assign only bytes, buffers, or iterables of ints in range(0, 256)")
	}
	return bytesFromInts(t, v)
}

// byteValue converts an int in range(0, 256) to a byte.
func byteValue(v py.Object) (byte, error) {
	i, ok, err := asIndex(v)
	if !ok {
		return 0, typeErrorf("'%s' object cannot be interpreted as an integer", TypeName(v))
	}
	if err != nil || i < 0 || i > 255 {
		return 0, valueErrorf("byte must be in range(0, 256)")
	}
	return byte(i), nil
}

// bytesFromInts collects an iterable of ints in range(0, 256).
func bytesFromInts(t *Thread, o py.Object) ([]byte, error) {
	items, err := collect(t, o)
	if err != nil {
		return nil, err
	}
	out := make([]byte, len(items))
	for i, it := range items {
		if out[i], err = byteValue(it); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// bytesLike returns the contents of a bytes, bytearray or (unreleased)
// memoryview. The result may alias a mutable buffer: callers only read it
// before running any Python code.
func bytesLike(o py.Object) ([]byte, bool) {
	switch x := o.(type) {
	case py.Bytes:
		return x, true
	case *ByteArray:
		return x.B, true
	case *MemoryView:
		if x.released {
			return nil, false
		}
		return x.bytes(), true
	}
	return nil, false
}

// bytesOrArray returns the contents of a bytes or bytearray (the operands
// bytes ordering accepts).
func bytesOrArray(o py.Object) ([]byte, bool) {
	switch x := o.(type) {
	case py.Bytes:
		return x, true
	case *ByteArray:
		return x.B, true
	}
	return nil, false
}

// bytesContains implements `item in b` for bytes and bytearray.
func bytesContains(b []byte, item py.Object) (bool, error) {
	if y, ok := bytesLike(item); ok {
		return bytes.Contains(b, y), nil
	}
	if i, ok, _ := asIndex(item); ok {
		if i < 0 || i > 255 {
			return false, valueErrorf("byte must be in range(0, 256)")
		}
		return bytes.IndexByte(b, byte(i)) >= 0, nil
	}
	return false, typeErrorf("a bytes-like object is required, not '%s'", TypeName(item))
}

// byteArrayBinary applies + and * (and their in-place forms) when a is a
// bytearray; ok is false for other operators.
func byteArrayBinary(t *Thread, op int, inplace bool, a *ByteArray, b py.Object) (py.Object, bool, error) {
	switch op {
	case opAdd:
		y, ok := bytesLike(b)
		if !ok {
			return nil, true, typeErrorf("can't concat %s to bytearray", TypeName(b))
		}
		if err := t.checkBytes(int64(len(a.B) + len(y))); err != nil {
			return nil, true, err
		}
		if inplace {
			a.B = append(a.B, y...)
			return a, true, nil
		}
		return &ByteArray{B: append(slices.Clip(bytes.Clone(a.B)), y...)}, true, nil
	case opMul:
		r, err := seqRepeat(t, py.Bytes(a.B), b)
		if err != nil {
			return nil, true, err
		}
		if inplace {
			a.B = []byte(r.(py.Bytes))
			return a, true, nil
		}
		return &ByteArray{B: []byte(r.(py.Bytes))}, true, nil
	}
	return nil, false, nil
}

// bytesAdd is bytes + b for a bytes-like b.
func bytesAdd(x py.Bytes, b py.Object) (py.Object, error) {
	y, ok := bytesLike(b)
	if !ok {
		return nil, typeErrorf("can't concat %s to bytes", TypeName(b))
	}
	r := make(py.Bytes, 0, len(x)+len(y))
	return append(append(r, x...), y...), nil
}

// bByteArray is bytearray(source=None, encoding=None, errors=None).
func bByteArray(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := bindBuiltin("bytearray", args, kw, []string{"source", "encoding", "errors"}, 0)
	if err != nil {
		return nil, err
	}
	src, enc, errs := a[0], a[1], a[2]
	if s, ok := src.(py.String); ok {
		if enc == nil {
			return nil, typeErrorf("string argument without an encoding")
		}
		cargs := []py.Object{enc}
		if errs != nil {
			cargs = append(cargs, errs)
		}
		r, err := strEncode(t, s, cargs, nil)
		if err != nil {
			return nil, err
		}
		return &ByteArray{B: []byte(r.(py.Bytes))}, nil
	}
	switch {
	case enc != nil:
		return nil, typeErrorf("encoding without a string argument")
	case errs != nil:
		return nil, typeErrorf("errors without a string argument")
	case src == nil:
		return &ByteArray{}, nil
	}
	if b, ok := bytesLike(src); ok {
		if err := t.checkBytes(int64(len(b))); err != nil {
			return nil, err
		}
		return NewByteArray(b), nil
	}
	if n, ok, err := asIndex(src); ok {
		if err != nil {
			return nil, Errorf(OverflowErrorType, "cannot fit 'int' into an index-sized integer")
		}
		if n < 0 {
			return nil, valueErrorf("negative count")
		}
		if err := t.checkBytes(n); err != nil {
			return nil, err
		}
		return &ByteArray{B: make([]byte, n)}, nil
	}
	if _, err := Iterate(t, src); err != nil {
		return nil, typeErrorf("cannot convert '%s' object to bytearray", TypeName(src))
	}
	b, err := bytesFromInts(t, src)
	if err != nil {
		return nil, err
	}
	return &ByteArray{B: b}, nil
}

// arraySelf returns the bytearray a method runs on.
func arraySelf(self py.Object) *ByteArray { return self.(*ByteArray) }

// sharedBytesMethods are the bytes methods bytearray shares.
var sharedBytesMethods = []string{
	"count", "decode", "endswith", "find", "hex", "index", "join", "lower", "lstrip",
	"replace", "rstrip", "split", "startswith", "strip", "upper",
}

// sharedBytesMethod runs bytes method name on a bytearray's contents and
// turns the bytes it returns (alone or in a list or tuple) into bytearrays.
func sharedBytesMethod(name string) MethodFunc {
	return func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		r, err := lookupMethod(py.BytesType, name).Fn(t, py.Bytes(arraySelf(self).B), args, kw)
		if err != nil {
			return nil, err
		}
		return asArrays(r), nil
	}
}

// asArrays converts bytes results to bytearrays.
func asArrays(r py.Object) py.Object {
	switch x := r.(type) {
	case py.Bytes:
		return NewByteArray(x)
	case *py.List:
		for i, it := range x.Items {
			x.Items[i] = asArrays(it)
		}
	case py.Tuple:
		out := make(py.Tuple, len(x))
		for i, it := range x {
			out[i] = asArrays(it)
		}
		return out
	}
	return r
}

func init() {
	builtinTypes["bytearray"] = ByteArrayType
	typeCtors[ByteArrayType] = bByteArray
	shared := map[string]MethodFunc{}
	for _, name := range sharedBytesMethods {
		shared[name] = sharedBytesMethod(name)
	}
	addMethods(ByteArrayType, shared)
	addMethods(ByteArrayType, map[string]MethodFunc{
		"append":  byteArrayAppend,
		"extend":  byteArrayExtend,
		"insert":  byteArrayInsert,
		"pop":     byteArrayPop,
		"remove":  byteArrayRemove,
		"clear":   byteArrayNoArgs("clear", func(a *ByteArray) py.Object { a.B = a.B[:0]; return py.None }),
		"reverse": byteArrayNoArgs("reverse", func(a *ByteArray) py.Object { slices.Reverse(a.B); return py.None }),
		"copy":    byteArrayNoArgs("copy", func(a *ByteArray) py.Object { return NewByteArray(a.B) }),
	})
	SetTypeAttr(ByteArrayType, "fromhex", &Builtin{Name: "fromhex", Fn: func(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if len(args) == 2 && args[0] == py.Object(ByteArrayType) {
			args = args[1:]
		}
		r, err := bytesFromhex(t, args, kw)
		if err != nil {
			return nil, err
		}
		return &ByteArray{B: []byte(r.(py.Bytes))}, nil
	}})
}

func byteArrayNoArgs(name string, fn func(a *ByteArray) py.Object) MethodFunc {
	return func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := posArgs(name, args, kw, 0, 0); err != nil {
			return nil, err
		}
		return fn(arraySelf(self)), nil
	}
}

func byteArrayAppend(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("append", args, kw, 1, 1); err != nil {
		return nil, err
	}
	c, err := byteValue(args[0])
	if err != nil {
		return nil, err
	}
	a := arraySelf(self)
	if err := t.checkBytes(int64(len(a.B) + 1)); err != nil {
		return nil, err
	}
	a.B = append(a.B, c)
	return py.None, nil
}

func byteArrayExtend(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("extend", args, kw, 1, 1); err != nil {
		return nil, err
	}
	a := arraySelf(self)
	var add []byte
	if b, ok := bytesLike(args[0]); ok {
		add = b
	} else {
		if _, isStr := args[0].(py.String); isStr && t.minor() >= 13 {
			return nil, typeErrorf("expected iterable of integers; got: 'str'")
		}
		if _, err := Iterate(t, args[0]); err != nil {
			return nil, typeErrorf("can't extend bytearray with %s", TypeName(args[0]))
		}
		var err error
		if add, err = bytesFromInts(t, args[0]); err != nil {
			return nil, err
		}
	}
	if err := t.checkBytes(int64(len(a.B) + len(add))); err != nil {
		return nil, err
	}
	a.B = append(a.B, add...)
	return py.None, nil
}

func byteArrayInsert(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("insert", args, kw, 2, 2); err != nil {
		return nil, err
	}
	i, ok, err := asIndex(args[0])
	if !ok {
		return nil, typeErrorf("'%s' object cannot be interpreted as an integer", TypeName(args[0]))
	}
	if err != nil {
		return nil, Errorf(OverflowErrorType, "Python int too large to convert to C ssize_t")
	}
	c, err := byteValue(args[1])
	if err != nil {
		return nil, err
	}
	a := arraySelf(self)
	n := int64(len(a.B))
	if i < 0 {
		i = max(i+n, 0)
	}
	i = min(i, n)
	if err := t.checkBytes(n + 1); err != nil {
		return nil, err
	}
	a.B = slices.Insert(a.B, int(i), c)
	return py.None, nil
}

func byteArrayPop(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("pop", args, kw, 0, 1); err != nil {
		return nil, err
	}
	a := arraySelf(self)
	if len(a.B) == 0 {
		return nil, Errorf(IndexErrorType, "pop from empty bytearray")
	}
	i := len(a.B) - 1
	if len(args) == 1 {
		j, ok, err := normIndex(args[0], len(a.B))
		if !ok {
			return nil, typeErrorf("'%s' object cannot be interpreted as an integer", TypeName(args[0]))
		}
		if err != nil || j < 0 {
			return nil, Errorf(IndexErrorType, "pop index out of range")
		}
		i = j
	}
	c := a.B[i]
	a.B = slices.Delete(a.B, i, i+1)
	return MakeInt(int64(c)), nil
}

func byteArrayRemove(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := posArgs("remove", args, kw, 1, 1); err != nil {
		return nil, err
	}
	c, err := byteValue(args[0])
	if err != nil {
		return nil, err
	}
	a := arraySelf(self)
	i := bytes.IndexByte(a.B, c)
	if i < 0 {
		return nil, valueErrorf("value not found in bytearray")
	}
	a.B = slices.Delete(a.B, i, i+1)
	return py.None, nil
}
