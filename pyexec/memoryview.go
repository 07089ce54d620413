package pyexec

import (
	"bytes"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec/pyhash"
)

// memoryview, minimal: one-dimensional views (format 'B') of a bytes or a
// bytearray with len, indexing, slicing, item and slice assignment on
// writable views, ==, hash of read-only views, iteration, tobytes, tolist,
// hex, release, the with statement and the attributes obj, readonly,
// nbytes, itemsize, format, ndim, shape, strides and *contiguous.
//
// Unlike CPython, a view does not lock its bytearray's size (CPython raises
// BufferError when an exported bytearray is resized): pyexec cannot tell
// when an unreleased view is freed, so it does not lock at all. A view whose
// bytearray shrank under it raises IndexError for the bytes it lost.

// MemoryViewType is the type of memoryview objects.
var MemoryViewType = newType("memoryview", py.ObjectType)

// memoryIterType is the type of memoryview iterators from 3.10 (before, the
// iterator is the sequence protocol's "iterator").
var memoryIterType = newType("memory_iterator", py.ObjectType)

// MemoryView is a Python memoryview of a bytes or bytearray: the bytes
// start, start+step, … (n of them) of obj.
type MemoryView struct {
	obj            py.Object // py.Bytes or *ByteArray
	start, step, n int
	released       bool
}

// NewMemoryView returns memoryview(obj) for a bytes, bytearray or
// memoryview.
func NewMemoryView(obj py.Object) (*MemoryView, error) {
	switch x := obj.(type) {
	case py.Bytes:
		return &MemoryView{obj: x, step: 1, n: len(x)}, nil
	case *ByteArray:
		return &MemoryView{obj: x, step: 1, n: len(x.B)}, nil
	case *MemoryView:
		if err := x.check(); err != nil {
			return nil, err
		}
		v := *x
		return &v, nil
	}
	return nil, typeErrorf("memoryview: a bytes-like object is required, not '%s'", TypeName(obj))
}

// Type returns memoryview.
func (m *MemoryView) Type() *py.Type { return MemoryViewType }

// Repr returns <memory at 0x…> (<released memory at 0x…> once released).
func (m *MemoryView) Repr(*Thread) (string, error) {
	if m.released {
		return "<released memory at " + addr(m) + ">", nil
	}
	return "<memory at " + addr(m) + ">", nil
}

// base returns the underlying buffer as it is now.
func (m *MemoryView) base() []byte {
	if a, ok := m.obj.(*ByteArray); ok {
		return a.B
	}
	return m.obj.(py.Bytes)
}

func (m *MemoryView) check() error {
	if m.released {
		return valueErrorf("operation forbidden on released memoryview object")
	}
	return nil
}

// at returns the buffer offset of item i (0 <= i < n).
func (m *MemoryView) at(i int) (int, error) {
	j := m.start + i*m.step
	if j >= len(m.base()) {
		return 0, Errorf(IndexErrorType, "index out of bounds on dimension 1")
	}
	return j, nil
}

// bytes returns a copy of the viewed bytes (those still in the buffer).
func (m *MemoryView) bytes() []byte {
	b := m.base()
	out := make([]byte, 0, m.n)
	for i := 0; i < m.n; i++ {
		if j := m.start + i*m.step; j < len(b) {
			out = append(out, b[j])
		}
	}
	return out
}

func (m *MemoryView) readonly() bool {
	_, ro := m.obj.(py.Bytes)
	return ro
}

// PyLen returns len(m).
func (m *MemoryView) PyLen(*Thread) (int, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	return m.n, nil
}

// Iter iterates over the viewed bytes as ints.
func (m *MemoryView) Iter(t *Thread) (Iterator, error) {
	if err := m.check(); err != nil {
		return nil, err
	}
	typ := memoryIterType
	if t.minor() < 10 {
		typ = IteratorType
	}
	i := 0
	return NewIterator(typ, func(*Thread) (py.Object, error) {
		if i >= m.n {
			return nil, nil
		}
		if err := m.check(); err != nil {
			return nil, err
		}
		j, err := m.at(i)
		if err != nil {
			return nil, err
		}
		i++
		return MakeInt(int64(m.base()[j])), nil
	}), nil
}

// index resolves an item index of m.
func (m *MemoryView) index(key py.Object) (int, error) {
	i, ok, err := normIndex(key, m.n)
	if !ok {
		return 0, typeErrorf("memoryview: invalid slice key")
	}
	if err != nil || i < 0 {
		return 0, Errorf(IndexErrorType, "index out of bounds on dimension 1")
	}
	return m.at(i)
}

// PyGetItem returns m[i] (an int) or m[i:j:k] (a view of the same buffer).
func (m *MemoryView) PyGetItem(t *Thread, key py.Object) (py.Object, error) {
	if err := m.check(); err != nil {
		return nil, err
	}
	if sl, ok := key.(*py.Slice); ok {
		start, _, step, n, err := sliceIndices(sl, m.n)
		if err != nil {
			return nil, err
		}
		return &MemoryView{obj: m.obj, start: m.start + start*m.step, step: m.step * step, n: n}, nil
	}
	j, err := m.index(key)
	if err != nil {
		return nil, err
	}
	return MakeInt(int64(m.base()[j])), nil
}

// PySetItem implements m[key] = v on a writable view (items cannot be
// deleted).
func (m *MemoryView) PySetItem(t *Thread, key, v py.Object) error {
	if err := m.check(); err != nil {
		return err
	}
	if v == nil {
		return typeErrorf("cannot delete memory")
	}
	if m.readonly() {
		return typeErrorf("cannot modify read-only memory")
	}
	b := m.base()
	if sl, ok := key.(*py.Slice); ok {
		start, _, step, n, err := sliceIndices(sl, m.n)
		if err != nil {
			return err
		}
		src, ok := bytesLike(v)
		if !ok {
			return typeErrorf("a bytes-like object is required, not '%s'", TypeName(v))
		}
		if len(src) != n {
			return valueErrorf("memoryview assignment: lvalue and rvalue have different structures")
		}
		src = bytes.Clone(src)
		for i := 0; i < n; i++ {
			j, err := m.at(start + i*step)
			if err != nil {
				return err
			}
			b[j] = src[i]
		}
		return nil
	}
	j, err := m.index(key)
	if err != nil {
		return err
	}
	i, ok, err := asIndex(v)
	if !ok {
		return typeErrorf("memoryview: invalid type for format 'B'")
	}
	if err != nil || i < 0 || i > 255 {
		return valueErrorf("memoryview: invalid value for format 'B'")
	}
	b[j] = byte(i)
	return nil
}

// PyEqual compares the viewed bytes with a bytes-like object; a released
// view equals only itself.
func (m *MemoryView) PyEqual(t *Thread, other py.Object) (bool, bool, error) {
	if m.released {
		return other == py.Object(m), true, nil
	}
	b, ok := bytesLike(other)
	if !ok {
		return false, false, nil
	}
	return bytes.Equal(m.bytes(), b), true, nil
}

// hash is hash(m): that of the viewed bytes for a read-only view.
func (m *MemoryView) hash(h *pyhash.Hasher) (int64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if !m.readonly() {
		return 0, valueErrorf("cannot hash writable memoryview object")
	}
	return h.Bytes(m.bytes()), nil
}

// GetAttr returns the view's attributes (its methods are in the method
// table).
func (m *MemoryView) GetAttr(t *Thread, name string) (py.Object, bool, error) {
	switch name {
	case "obj", "readonly", "nbytes", "itemsize", "format", "ndim", "shape", "strides",
		"c_contiguous", "f_contiguous", "contiguous":
		if err := m.check(); err != nil {
			return nil, true, err
		}
	default:
		return nil, false, nil
	}
	contiguous := m.step == 1 || m.n <= 1
	switch name {
	case "obj":
		return m.obj, true, nil
	case "readonly":
		return py.NewBool(m.readonly()), true, nil
	case "nbytes":
		return MakeInt(int64(m.n)), true, nil
	case "itemsize", "ndim":
		return MakeInt(1), true, nil
	case "format":
		return py.String("B"), true, nil
	case "shape":
		return py.Tuple{MakeInt(int64(m.n))}, true, nil
	case "strides":
		return py.Tuple{MakeInt(int64(m.step))}, true, nil
	}
	return py.NewBool(contiguous), true, nil
}

func mvSelf(self py.Object) *MemoryView { return self.(*MemoryView) }

// mvMethod checks a method's arguments and that the view is not released.
func mvMethod(name string, maxArgs int, fn func(t *Thread, m *MemoryView, args []py.Object) (py.Object, error)) MethodFunc {
	return func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := posArgs(name, args, kw, 0, maxArgs); err != nil {
			return nil, err
		}
		m := mvSelf(self)
		if name != "release" && name != "__exit__" {
			if err := m.check(); err != nil {
				return nil, err
			}
		}
		return fn(t, m, args)
	}
}

func bMemoryView(t *Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := bindBuiltin("memoryview", args, kw, []string{"object"}, 1)
	if err != nil {
		return nil, err
	}
	return NewMemoryView(a[0])
}

func init() {
	builtinTypes["memoryview"] = MemoryViewType
	typeCtors[MemoryViewType] = bMemoryView
	addMethods(MemoryViewType, map[string]MethodFunc{
		"tobytes": mvMethod("tobytes", 1, func(t *Thread, m *MemoryView, args []py.Object) (py.Object, error) {
			return py.Bytes(m.bytes()), nil
		}),
		"tolist": mvMethod("tolist", 0, func(t *Thread, m *MemoryView, args []py.Object) (py.Object, error) {
			b := m.bytes()
			out := make([]py.Object, len(b))
			for i, c := range b {
				out[i] = MakeInt(int64(c))
			}
			return &py.List{Items: out}, nil
		}),
		"hex": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			m := mvSelf(self)
			if err := m.check(); err != nil {
				return nil, err
			}
			return bytesHex(t, py.Bytes(m.bytes()), args, kw)
		},
		"release": mvMethod("release", 0, func(t *Thread, m *MemoryView, args []py.Object) (py.Object, error) {
			m.released = true
			return py.None, nil
		}),
		"__enter__": mvMethod("__enter__", 0, func(t *Thread, m *MemoryView, args []py.Object) (py.Object, error) {
			return m, nil
		}),
		"__exit__": mvMethod("__exit__", -1, func(t *Thread, m *MemoryView, args []py.Object) (py.Object, error) {
			m.released = true
			return py.None, nil
		}),
	})
}
