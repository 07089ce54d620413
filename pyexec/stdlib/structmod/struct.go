// Package structmod implements CPython's struct module for pyexec (pack,
// unpack, unpack_from, iter_unpack, calcsize and the Struct type) with
// native ('@') alignment as on x86-64 Linux.
package structmod

import (
	"encoding/binary"
	"math"
	"math/big"
	"strconv"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/bytecode"
	"github.com/pybridge/pybridge/pyexec/stdlib/internal/argx"
)

// ErrorType is struct.error.
var ErrorType = pyexec.NewNativeType("struct", "error", pyexec.ExceptionType)

// StructType is struct.Struct.
var StructType = pyexec.NewNativeType("_struct", "Struct", nil)

// UnpackIterType is the type of iter_unpack's iterator.
var UnpackIterType = pyexec.NewNativeType("_struct", "unpack_iterator", nil)

func errorf(format string, a ...any) error { return pyexec.Errorf(ErrorType, format, a...) }

type item struct {
	code   byte
	count  int // repeat count (for s/p: the byte length)
	size   int // size of one element
	offset int
}

// Struct is a compiled struct format.
type Struct struct {
	format string
	order  byte // '@', '=', '<', '>', '!'
	items  []item
	size   int
	nargs  int
}

// Type returns struct.Struct.
func (s *Struct) Type() *py.Type { return StructType }

// Repr returns Struct('fmt') (3.12 form).
func (s *Struct) Repr(t *pyexec.Thread) (string, error) {
	r, _ := pyexec.Repr(t, py.String(s.format))
	return "Struct(" + r + ")", nil
}

// GetAttr exposes format and size.
func (s *Struct) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	switch name {
	case "format":
		return py.String(s.format), true, nil
	case "size":
		return pyexec.MakeInt(int64(s.size)), true, nil
	}
	return nil, false, nil
}

var nativeSize = map[byte]int{'x': 1, 'c': 1, 'b': 1, 'B': 1, '?': 1, 'h': 2, 'H': 2, 'i': 4, 'I': 4, 'l': 8, 'L': 8,
	'q': 8, 'Q': 8, 'n': 8, 'N': 8, 'e': 2, 'f': 4, 'd': 8, 's': 1, 'p': 1, 'P': 8}
var stdSize = map[byte]int{'x': 1, 'c': 1, 'b': 1, 'B': 1, '?': 1, 'h': 2, 'H': 2, 'i': 4, 'I': 4, 'l': 4, 'L': 4,
	'q': 8, 'Q': 8, 'e': 2, 'f': 4, 'd': 8, 's': 1, 'p': 1}

// Compile parses a struct format.
func Compile(format string) (*Struct, error) {
	s := &Struct{format: format, order: '@'}
	f := format
	if len(f) > 0 {
		switch f[0] {
		case '@', '=', '<', '>', '!':
			s.order = f[0]
			f = f[1:]
		}
	}
	sizes := stdSize
	if s.order == '@' {
		sizes = nativeSize
	}
	off := 0
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
			continue
		}
		num := 1
		if c >= '0' && c <= '9' {
			j := i
			for j < len(f) && f[j] >= '0' && f[j] <= '9' {
				j++
			}
			n, err := strconv.Atoi(f[i:j])
			if err != nil || n > math.MaxInt32 {
				return nil, errorf("total struct size too long")
			}
			num = n
			if j >= len(f) {
				return nil, errorf("repeat count given without format specifier")
			}
			i = j
			c = f[i]
		}
		sz, ok := sizes[c]
		if !ok {
			return nil, errorf("bad char in struct format")
		}
		if s.order == '@' && sz > 1 && c != 's' && c != 'p' && c != 'x' {
			off = (off + sz - 1) / sz * sz
		}
		switch c {
		case 's', 'p':
			s.items = append(s.items, item{code: c, count: num, size: 1, offset: off})
			off += num
			s.nargs++
		case 'x':
			off += num
		default:
			for k := 0; k < num; k++ {
				s.items = append(s.items, item{code: c, count: 1, size: sz, offset: off})
				off += sz
				s.nargs++
			}
		}
	}
	s.size = off
	return s, nil
}

func (s *Struct) order64() binary.ByteOrder {
	if s.order == '>' || s.order == '!' {
		return binary.BigEndian
	}
	return binary.LittleEndian
}

func (s *Struct) putUint(b []byte, v uint64, size int) {
	bo := s.order64()
	switch size {
	case 1:
		b[0] = byte(v)
	case 2:
		bo.PutUint16(b, uint16(v))
	case 4:
		bo.PutUint32(b, uint32(v))
	case 8:
		bo.PutUint64(b, v)
	}
}

func (s *Struct) getUint(b []byte, size int) uint64 {
	bo := s.order64()
	switch size {
	case 1:
		return uint64(b[0])
	case 2:
		return uint64(bo.Uint16(b))
	case 4:
		return uint64(bo.Uint32(b))
	}
	return bo.Uint64(b)
}

func isUnsigned(c byte) bool {
	switch c {
	case 'B', 'H', 'I', 'L', 'Q', 'N', 'P':
		return true
	}
	return false
}

func (s *Struct) rangeError(t *pyexec.Thread, it item, n *big.Int) error {
	native := s.order == '@'
	if t.Version().Less(bytecode.Py312) {
		if isUnsigned(it.code) && (n.Sign() < 0 || n.BitLen() > 64) && !(native && (it.code == 'B' || it.code == 'H')) {
			return errorf("argument out of range")
		}
		if !isUnsigned(it.code) && !n.IsInt64() && !(native && (it.code == 'b' || it.code == 'h')) {
			return errorf("argument out of range")
		}
	} else {
		native = false
	}
	switch {
	case it.code == 'b' && native:
		return errorf("byte format requires -128 <= number <= 127")
	case it.code == 'B' && native:
		return errorf("ubyte format requires 0 <= number <= 255")
	case it.code == 'h' && native:
		return errorf("short format requires -32768 <= number <= 32767")
	case it.code == 'H' && native:
		return errorf("ushort format requires 0 <= number <= 65535")
	}
	bitsz := uint(it.size * 8)
	if isUnsigned(it.code) {
		max := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), bitsz), big.NewInt(1))
		return errorf("'%c' format requires 0 <= number <= %s", it.code, max)
	}
	max := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), bitsz-1), big.NewInt(1))
	min := new(big.Int).Neg(new(big.Int).Add(max, big.NewInt(1)))
	return errorf("'%c' format requires %s <= number <= %s", it.code, min, max)
}

func (s *Struct) packInto(t *pyexec.Thread, buf []byte, args []py.Object) error {
	if len(args) != s.nargs {
		return errorf("pack expected %d items for packing (got %d)", s.nargs, len(args))
	}
	for i, it := range s.items {
		v := args[i]
		b := buf[it.offset:]
		switch it.code {
		case 's', 'p':
			x, ok := v.(py.Bytes)
			if !ok {
				return errorf("argument for '%c' must be a bytes object", it.code)
			}
			n := it.count
			if it.code == 'p' && n > 0 {
				m := min(len(x), n-1, 255)
				b[0] = byte(m)
				copy(b[1:n], x[:m])
			} else {
				copy(b[:n], x)
			}
		case 'c':
			x, ok := v.(py.Bytes)
			if !ok || len(x) != 1 {
				return errorf("char format requires a bytes object of length 1")
			}
			b[0] = x[0]
		case '?':
			tr, err := pyexec.Truth(t, v)
			if err != nil {
				return err
			}
			b[0] = 0
			if tr {
				b[0] = 1
			}
		case 'e', 'f', 'd':
			var f float64
			switch x := v.(type) {
			case py.Float:
				f = float64(x)
			default:
				if !pyexec.IsInt(v) {
					return errorf("required argument is not a float")
				}
				var err error
				if f, err = pyexec.IntToFloat(v); err != nil {
					return err
				}
			}
			switch it.code {
			case 'd':
				s.putUint(b, math.Float64bits(f), 8)
			case 'f':
				f32 := float32(f)
				if math.IsInf(float64(f32), 0) && !math.IsInf(f, 0) {
					return pyexec.Errorf(pyexec.OverflowErrorType, "float too large to pack with f format")
				}
				s.putUint(b, uint64(math.Float32bits(f32)), 4)
			case 'e':
				h, err := toHalf(f)
				if err != nil {
					return err
				}
				s.putUint(b, uint64(h), 2)
			}
		default:
			n := pyexec.BigOf(v)
			if n == nil {
				return errorf("required argument is not an integer")
			}
			bitsz := uint(it.size * 8)
			if isUnsigned(it.code) {
				if n.Sign() < 0 || n.BitLen() > int(bitsz) {
					return s.rangeError(t, it, n)
				}
				s.putUint(b, n.Uint64(), it.size)
			} else {
				lim := new(big.Int).Lsh(big.NewInt(1), bitsz-1)
				if n.Cmp(lim) >= 0 || n.Cmp(new(big.Int).Neg(lim)) < 0 {
					return s.rangeError(t, it, n)
				}
				s.putUint(b, uint64(n.Int64()), it.size)
			}
		}
	}
	return nil
}

func toHalf(f float64) (uint16, error) {
	bits := math.Float64bits(f)
	sign := uint16(bits>>48) & 0x8000
	if math.IsNaN(f) {
		return sign | 0x7e00, nil
	}
	a := math.Abs(f)
	if math.IsInf(f, 0) {
		return sign | 0x7c00, nil
	}
	if a >= 65520 {
		return 0, pyexec.Errorf(pyexec.OverflowErrorType, "float too large to pack with e format")
	}
	if a == 0 {
		return sign, nil
	}
	// round to nearest even at 2**-24 granularity for subnormals, else 11-bit mantissa
	frac, exp := math.Frexp(a) // a = frac * 2**exp, frac in [0.5, 1)
	e := exp - 1               // a = (2*frac) * 2**e
	if e < -14 {
		m := math.RoundToEven(a * (1 << 24))
		return sign | uint16(m), nil
	}
	m := math.RoundToEven((2*frac - 1) * 1024)
	if m == 1024 {
		m = 0
		e++
	}
	if e > 15 {
		return 0, pyexec.Errorf(pyexec.OverflowErrorType, "float too large to pack with e format")
	}
	return sign | uint16(e+15)<<10 | uint16(m), nil
}

func fromHalf(h uint16) float64 {
	sign := 1.0
	if h&0x8000 != 0 {
		sign = -1
	}
	e := int(h>>10) & 0x1f
	m := float64(h & 0x3ff)
	switch e {
	case 0:
		return sign * math.Ldexp(m, -24)
	case 31:
		if m == 0 {
			return sign * math.Inf(1)
		}
		return math.NaN()
	}
	return sign * math.Ldexp(1+m/1024, e-15)
}

func (s *Struct) unpack(b []byte) py.Tuple {
	out := make(py.Tuple, 0, len(s.items))
	for _, it := range s.items {
		p := b[it.offset:]
		switch it.code {
		case 's':
			out = append(out, py.Bytes(append([]byte{}, p[:it.count]...)))
		case 'p':
			if it.count == 0 {
				out = append(out, py.Bytes{})
				continue
			}
			n := min(int(p[0]), it.count-1)
			out = append(out, py.Bytes(append([]byte{}, p[1:1+n]...)))
		case 'c':
			out = append(out, py.Bytes{p[0]})
		case '?':
			out = append(out, py.NewBool(p[0] != 0))
		case 'd':
			out = append(out, py.Float(math.Float64frombits(s.getUint(p, 8))))
		case 'f':
			out = append(out, py.Float(math.Float32frombits(uint32(s.getUint(p, 4)))))
		case 'e':
			out = append(out, py.Float(fromHalf(uint16(s.getUint(p, 2)))))
		default:
			u := s.getUint(p, it.size)
			if isUnsigned(it.code) {
				out = append(out, pyexec.IntFromBig(new(big.Int).SetUint64(u)))
			} else {
				sh := uint(64 - it.size*8)
				out = append(out, pyexec.MakeInt(int64(u<<sh)>>sh))
			}
		}
	}
	return out
}

func formatArg(o py.Object) (*Struct, error) {
	switch x := o.(type) {
	case *Struct:
		return x, nil
	case py.String:
		return Compile(string(x))
	case py.Bytes:
		return Compile(string(x))
	}
	return nil, pyexec.Errorf(pyexec.TypeErrorType, "Struct() argument 1 must be a str or bytes object, not %s", pyexec.TypeName(o))
}

func (s *Struct) pack(t *pyexec.Thread, args []py.Object) (py.Object, error) {
	buf := make([]byte, s.size)
	if err := s.packInto(t, buf, args); err != nil {
		return nil, err
	}
	return py.Bytes(buf), nil
}

func (s *Struct) unpackArg(o py.Object) (py.Object, error) {
	b, err := argx.Buffer(o)
	if err != nil {
		return nil, err
	}
	if len(b) != s.size {
		return nil, errorf("unpack requires a buffer of %d bytes", s.size)
	}
	return s.unpack(b), nil
}

func (s *Struct) unpackFrom(t *pyexec.Thread, fname string, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs(fname, args, kw, []string{"buffer", "offset"}, 1)
	if err != nil {
		return nil, err
	}
	b, err := argx.Buffer(a[0])
	if err != nil {
		return nil, err
	}
	off := int64(0)
	if a[1] != nil {
		if off, err = argx.Int(a[1], "offset"); err != nil {
			return nil, err
		}
	}
	if off < 0 {
		if off+int64(len(b)) < 0 {
			return nil, errorf("offset %d out of range for %d-byte buffer", off, len(b))
		}
		off += int64(len(b))
	}
	if int64(len(b))-off < int64(s.size) {
		if off > int64(len(b)) {
			return nil, errorf("offset %d out of range for %d-byte buffer", off, len(b))
		}
		return nil, errorf("unpack_from requires a buffer of at least %d bytes for unpacking %d bytes at offset %d (actual buffer size is %d)", int64(s.size)+off, s.size, off, len(b))
	}
	return s.unpack(b[off:]), nil
}

func (s *Struct) iterUnpack(o py.Object) (py.Object, error) {
	b, err := argx.Buffer(o)
	if err != nil {
		return nil, err
	}
	if s.size == 0 {
		return nil, errorf("cannot iteratively unpack with a struct of length 0")
	}
	if len(b)%s.size != 0 {
		return nil, errorf("iterative unpacking requires a buffer of a multiple of %d bytes", s.size)
	}
	pos := 0
	return pyexec.NewIterator(UnpackIterType, func(t *pyexec.Thread) (py.Object, error) {
		if pos >= len(b) {
			return nil, nil
		}
		r := s.unpack(b[pos:])
		pos += s.size
		return r, nil
	}), nil
}

func init() {
	pyexec.SetTypeCtor(StructType, func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("Struct", args, kw, []string{"format"}, 1)
		if err != nil {
			return nil, err
		}
		return formatArg(a[0])
	})
	pyexec.AddMethods(StructType, map[string]pyexec.MethodFunc{
		"pack": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return self.(*Struct).pack(t, args)
		},
		"unpack": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("unpack", args, kw, 1, 1); err != nil {
				return nil, err
			}
			return self.(*Struct).unpackArg(args[0])
		},
		"unpack_from": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return self.(*Struct).unpackFrom(t, "unpack_from", args, kw)
		},
		"iter_unpack": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("iter_unpack", args, kw, 1, 1); err != nil {
				return nil, err
			}
			return self.(*Struct).iterUnpack(args[0])
		},
	})
	pyexec.RegisterModule("struct", func(t *pyexec.Thread) (*pyexec.Module, error) {
		m := pyexec.NewModule(t, "struct")
		withFmt := func(name string, min int, fn func(t *pyexec.Thread, s *Struct, rest []py.Object, kw py.Tuple) (py.Object, error)) pyexec.BuiltinFunc {
			return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
				if len(args)-len(kw) < 1 {
					return nil, pyexec.Errorf(pyexec.TypeErrorType, "%s expected %d arguments, got %d", name, min, len(args))
				}
				s, err := formatArg(args[0])
				if err != nil {
					return nil, err
				}
				return fn(t, s, args[1:], kw)
			}
		}
		m.AddFuncs(t, map[string]pyexec.BuiltinFunc{
			"pack": withFmt("pack", 1, func(t *pyexec.Thread, s *Struct, rest []py.Object, kw py.Tuple) (py.Object, error) {
				return s.pack(t, rest)
			}),
			"unpack": withFmt("unpack", 2, func(t *pyexec.Thread, s *Struct, rest []py.Object, kw py.Tuple) (py.Object, error) {
				if len(rest) != 1 {
					return nil, pyexec.Errorf(pyexec.TypeErrorType, "unpack expected 2 arguments, got %d", len(rest)+1)
				}
				return s.unpackArg(rest[0])
			}),
			"unpack_from": withFmt("unpack_from", 2, func(t *pyexec.Thread, s *Struct, rest []py.Object, kw py.Tuple) (py.Object, error) {
				return s.unpackFrom(t, "unpack_from", rest, kw)
			}),
			"iter_unpack": withFmt("iter_unpack", 2, func(t *pyexec.Thread, s *Struct, rest []py.Object, kw py.Tuple) (py.Object, error) {
				if len(rest) != 1 {
					return nil, pyexec.Errorf(pyexec.TypeErrorType, "iter_unpack expected 2 arguments, got %d", len(rest)+1)
				}
				return s.iterUnpack(rest[0])
			}),
			"calcsize": withFmt("calcsize", 1, func(t *pyexec.Thread, s *Struct, rest []py.Object, kw py.Tuple) (py.Object, error) {
				return pyexec.MakeInt(int64(s.size)), nil
			}),
		})
		m.Set(t, "error", ErrorType)
		m.Set(t, "Struct", StructType)
		return m, nil
	})
}
