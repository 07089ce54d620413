// Package binasciimod implements CPython's binascii module for pyexec
// (hexlify/unhexlify, b2a_/a2b_ base64 and hex, crc32, crc_hqx).
package binasciimod

import (
	"encoding/hex"
	"hash/crc32"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/stdlib/internal/argx"
)

// ErrorType is binascii.Error (a ValueError).
var ErrorType = pyexec.NewNativeType("binascii", "Error", pyexec.ValueErrorType)

// IncompleteType is binascii.Incomplete.
var IncompleteType = pyexec.NewNativeType("binascii", "Incomplete", pyexec.ExceptionType)

func init() {
	pyexec.RegisterModule("binascii", func(t *pyexec.Thread) (*pyexec.Module, error) {
		m := pyexec.NewModule(t, "binascii")
		m.AddFuncs(t, map[string]pyexec.BuiltinFunc{
			"hexlify": hexlify("hexlify"), "b2a_hex": hexlify("b2a_hex"),
			"unhexlify": unhexlify, "a2b_hex": unhexlify,
			"b2a_base64": b2aBase64, "a2b_base64": a2bBase64,
			"crc32": crc32Fn, "crc_hqx": crcHqx,
		})
		m.Set(t, "Error", ErrorType)
		m.Set(t, "Incomplete", IncompleteType)
		return m, nil
	})
}

func errorf(format string, a ...any) error { return pyexec.Errorf(ErrorType, format, a...) }

func hexlify(name string) pyexec.BuiltinFunc {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs(name, args, kw, []string{"data", "sep", "bytes_per_sep"}, 1)
		if err != nil {
			return nil, err
		}
		b, err := argx.Buffer(a[0])
		if err != nil {
			return nil, err
		}
		h := hex.EncodeToString(b)
		if a[1] == nil {
			return py.Bytes(h), nil
		}
		var sep []byte
		switch s := a[1].(type) {
		case py.String:
			sep = []byte(s)
		case py.Bytes:
			sep = []byte(s)
		default:
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "sep must be str or bytes.")
		}
		if len(sep) != 1 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "sep must be length 1.")
		}
		n := int64(1)
		if a[2] != nil {
			if n, err = argx.Int(a[2], "bytes_per_sep"); err != nil {
				return nil, err
			}
		}
		return py.Bytes(SepHex(h, sep[0], n)), nil
	}
}

// SepHex inserts sep between groups of n bytes (2n hex digits) of h,
// counting from the right when n > 0 and from the left when n < 0.
func SepHex(h string, sep byte, n int64) string {
	if n == 0 || len(h) == 0 {
		return h
	}
	left := n < 0
	if left {
		n = -n
	}
	w := int(n) * 2
	var groups []string
	if left {
		for i := 0; i < len(h); i += w {
			groups = append(groups, h[i:min(i+w, len(h))])
		}
	} else {
		for i := len(h); i > 0; i -= w {
			groups = append([]string{h[max(0, i-w):i]}, groups...)
		}
	}
	out := groups[0]
	for _, g := range groups[1:] {
		out += string(sep) + g
	}
	return out
}

func unhexlify(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("unhexlify", args, kw, []string{"hexstr"}, 1)
	if err != nil {
		return nil, err
	}
	b, err := argx.ASCII(a[0])
	if err != nil {
		return nil, err
	}
	if len(b)%2 != 0 {
		return nil, errorf("Odd-length string")
	}
	out := make([]byte, len(b)/2)
	if _, err := hex.Decode(out, b); err != nil {
		return nil, errorf("Non-hexadecimal digit found")
	}
	return py.Bytes(out), nil
}

const b64alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// EncodeBase64 is binascii.b2a_base64 without the newline.
func EncodeBase64(b []byte) []byte {
	out := make([]byte, 0, (len(b)+2)/3*4)
	for i := 0; i < len(b); i += 3 {
		var v uint32
		n := min(3, len(b)-i)
		for j := 0; j < 3; j++ {
			v <<= 8
			if j < n {
				v |= uint32(b[i+j])
			}
		}
		for j := 0; j < 4; j++ {
			if j <= n {
				out = append(out, b64alpha[(v>>(18-6*j))&63])
			} else {
				out = append(out, '=')
			}
		}
	}
	return out
}

func b2aBase64(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("b2a_base64", args, kw, []string{"data", "$newline"}, 1)
	if err != nil {
		return nil, err
	}
	b, err := argx.Buffer(a[0])
	if err != nil {
		return nil, err
	}
	out := EncodeBase64(b)
	nl := true
	if a[1] != nil {
		if nl, err = pyexec.Truth(t, a[1]); err != nil {
			return nil, err
		}
	}
	if nl {
		out = append(out, '\n')
	}
	return py.Bytes(out), nil
}

var b64table [256]byte

func init() {
	for i := range b64table {
		b64table[i] = 0xff
	}
	for i := 0; i < 64; i++ {
		b64table[b64alpha[i]] = byte(i)
	}
}

// DecodeBase64 is binascii.a2b_base64(data, strict_mode=strict).
func DecodeBase64(data []byte, strict bool) ([]byte, error) {
	if strict && len(data) > 0 && data[0] == '=' {
		return nil, errorf("Leading padding not allowed")
	}
	var out []byte
	quad, pads := 0, 0
	var left byte
	padStarted := false
	for i, c := range data {
		if c == '=' {
			padStarted = true
			pads++
			if quad >= 2 && quad+pads >= 4 {
				if strict && i+1 < len(data) {
					return nil, errorf("Excess data after padding")
				}
				return out, nil
			}
			continue
		}
		v := b64table[c]
		if v == 0xff {
			if strict {
				return nil, errorf("Only base64 data is allowed")
			}
			continue
		}
		if strict && padStarted {
			return nil, errorf("Discontinuous padding not allowed")
		}
		pads = 0
		switch quad {
		case 0:
			quad, left = 1, v
		case 1:
			quad = 2
			out = append(out, left<<2|v>>4)
			left = v & 0x0f
		case 2:
			quad = 3
			out = append(out, left<<4|v>>2)
			left = v & 3
		case 3:
			quad = 0
			out = append(out, left<<6|v)
			left = 0
		}
	}
	if quad != 0 {
		if quad == 1 {
			return nil, errorf("Invalid base64-encoded string: number of data characters (%d) cannot be 1 more than a multiple of 4", len(out)/3*4+1)
		}
		return nil, errorf("Incorrect padding")
	}
	return out, nil
}

func a2bBase64(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("a2b_base64", args, kw, []string{"data", "$strict_mode"}, 1)
	if err != nil {
		return nil, err
	}
	b, err := argx.ASCII(a[0])
	if err != nil {
		return nil, err
	}
	strict, err := argx.Truth(t, a[1])
	if err != nil {
		return nil, err
	}
	out, err := DecodeBase64(b, strict)
	if err != nil {
		return nil, err
	}
	return py.Bytes(out), nil
}

func crc32Fn(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("crc32", args, kw, 1, 2); err != nil {
		return nil, err
	}
	b, err := argx.Buffer(args[0])
	if err != nil {
		return nil, err
	}
	start, err := UnsignedArg(args, 1, 0)
	if err != nil {
		return nil, err
	}
	return pyexec.MakeInt(int64(crc32.Update(start, crc32.IEEETable, b))), nil
}

// UnsignedArg returns args[i] reduced modulo 2**32 (def when absent), as
// CPython's "unsigned int" bitwise converter does.
func UnsignedArg(args []py.Object, i int, def uint32) (uint32, error) {
	if len(args) <= i {
		return def, nil
	}
	b := pyexec.BigOf(args[i])
	if b == nil {
		if _, ok := args[i].(py.Float); ok {
			return 0, pyexec.Errorf(pyexec.TypeErrorType, "'float' object cannot be interpreted as an integer")
		}
		return 0, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(args[i]))
	}
	w := b.Bits()
	var lo uint64
	if len(w) > 0 {
		lo = uint64(w[0])
	}
	v := uint32(lo)
	if b.Sign() < 0 {
		v = -v
	}
	return v, nil
}

func crcHqx(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("crc_hqx", args, kw, 2, 2); err != nil {
		return nil, err
	}
	b, err := argx.Buffer(args[0])
	if err != nil {
		return nil, err
	}
	c, err := UnsignedArg(args, 1, 0)
	if err != nil {
		return nil, err
	}
	crc := uint16(c)
	for _, x := range b {
		crc ^= uint16(x) << 8
		for i := 0; i < 8; i++ {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return pyexec.MakeInt(int64(crc)), nil
}
