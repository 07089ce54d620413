// Package base64mod implements CPython's base64 module for pyexec (Base64,
// URL-safe Base64, Base32, Base32hex and Base16).
package base64mod

import (
	"bytes"
	"encoding/hex"
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/stdlib/binasciimod"
	"github.com/pybridge/pybridge/pyexec/stdlib/internal/argx"
)

func init() {
	pyexec.RegisterModule("base64", func(t *pyexec.Thread) (*pyexec.Module, error) {
		m := pyexec.NewModule(t, "base64")
		m.AddFuncs(t, map[string]pyexec.BuiltinFunc{
			"b64encode": b64encode, "b64decode": b64decode,
			"standard_b64encode": fixedEnc("standard_b64encode", "+/"), "standard_b64decode": fixedDec("standard_b64decode", nil),
			"urlsafe_b64encode": fixedEnc("urlsafe_b64encode", "-_"), "urlsafe_b64decode": fixedDec("urlsafe_b64decode", []byte("-_")),
			"encodebytes": encodebytes, "decodebytes": decodebytes,
			"b32encode": b32enc("b32encode", b32alpha), "b32decode": b32dec("b32decode", b32alpha, true),
			"b32hexencode": b32enc("b32hexencode", b32hex), "b32hexdecode": b32dec("b32hexdecode", b32hex, false),
			"b16encode": b16encode, "b16decode": b16decode,
		})
		return m, nil
	})
}

const (
	b32alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	b32hex   = "0123456789ABCDEFGHIJKLMNOPQRSTUV"
)

// decodeData is base64._bytes_from_decode_data.
func decodeData(o py.Object) ([]byte, error) {
	switch x := o.(type) {
	case py.String:
		for i := 0; i < len(x); i++ {
			if x[i] >= 0x80 {
				return nil, pyexec.Errorf(pyexec.ValueErrorType, "string argument should contain only ASCII characters")
			}
		}
		return []byte(x), nil
	case py.Bytes:
		return []byte(x), nil
	}
	return nil, pyexec.Errorf(pyexec.TypeErrorType, "argument should be a bytes-like object or ASCII string, not '%s'", pyexec.TypeName(o))
}

func translate(b []byte, from, to string) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if j := strings.IndexByte(from, c); j >= 0 {
			c = to[j]
		}
		out[i] = c
	}
	return out
}

func altAssert(o py.Object) ([]byte, error) {
	b, err := argx.Buffer(o)
	if err != nil {
		if s, ok := o.(py.String); ok {
			b = []byte(s)
		} else {
			return nil, err
		}
	}
	if len(b) != 2 {
		r, _ := pyexec.Repr(nil, o)
		return nil, pyexec.Errorf(pyexec.AssertionErrorType, "%s", r)
	}
	return b, nil
}

func encode(o py.Object, alt []byte) (py.Object, error) {
	b, err := argx.Buffer(o)
	if err != nil {
		return nil, err
	}
	out := binasciimod.EncodeBase64(b)
	if alt != nil {
		out = translate(out, "+/", string(alt))
	}
	return py.Bytes(out), nil
}

func decode(t *pyexec.Thread, o py.Object, alt []byte, validate bool) (py.Object, error) {
	b, err := decodeData(o)
	if err != nil {
		return nil, err
	}
	if alt != nil {
		b = translate(b, string(alt), "+/")
	}
	out, err := binasciimod.DecodeBase64(b, validate)
	if err != nil {
		return nil, err
	}
	return py.Bytes(out), nil
}

func b64encode(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("b64encode", args, kw, []string{"s", "altchars"}, 1)
	if err != nil {
		return nil, err
	}
	var alt []byte
	if !pyexec.IsNone(a[1]) {
		if alt, err = altAssert(a[1]); err != nil {
			return nil, err
		}
	}
	return encode(a[0], alt)
}

func b64decode(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("b64decode", args, kw, []string{"s", "altchars", "validate"}, 1)
	if err != nil {
		return nil, err
	}
	b, err := decodeData(a[0])
	if err != nil {
		return nil, err
	}
	var alt []byte
	if !pyexec.IsNone(a[1]) {
		if alt, err = decodeData(a[1]); err != nil {
			return nil, err
		}
		if len(alt) != 2 {
			r, _ := pyexec.Repr(t, py.Bytes(alt))
			return nil, pyexec.Errorf(pyexec.AssertionErrorType, "%s", r)
		}
	}
	validate, err := argx.Truth(t, a[2])
	if err != nil {
		return nil, err
	}
	return decode(t, py.Bytes(b), alt, validate)
}

func fixedEnc(name, alt string) pyexec.BuiltinFunc {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs(name, args, kw, []string{"s"}, 1)
		if err != nil {
			return nil, err
		}
		if alt == "+/" {
			return encode(a[0], nil)
		}
		return encode(a[0], []byte(alt))
	}
}

func fixedDec(name string, alt []byte) pyexec.BuiltinFunc {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs(name, args, kw, []string{"s"}, 1)
		if err != nil {
			return nil, err
		}
		return decode(t, a[0], alt, false)
	}
}

func encodebytes(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("encodebytes", args, kw, []string{"s"}, 1)
	if err != nil {
		return nil, err
	}
	b, ok := a[0].(py.Bytes)
	if !ok {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "expected bytes-like object, not %s", pyexec.TypeName(a[0]))
	}
	var out []byte
	for i := 0; i < len(b); i += 57 {
		out = append(out, binasciimod.EncodeBase64(b[i:min(i+57, len(b))])...)
		out = append(out, '\n')
	}
	return py.Bytes(out), nil
}

func decodebytes(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("decodebytes", args, kw, []string{"s"}, 1)
	if err != nil {
		return nil, err
	}
	b, ok := a[0].(py.Bytes)
	if !ok {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "expected bytes-like object, not %s", pyexec.TypeName(a[0]))
	}
	out, err := binasciimod.DecodeBase64(b, false)
	if err != nil {
		return nil, err
	}
	return py.Bytes(out), nil
}

func b32enc(name, alpha string) pyexec.BuiltinFunc {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs(name, args, kw, []string{"s"}, 1)
		if err != nil {
			return nil, err
		}
		b, err := argx.Buffer(a[0])
		if err != nil {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "memoryview: a bytes-like object is required, not '%s'", pyexec.TypeName(a[0]))
		}
		left := len(b) % 5
		if left != 0 {
			b = append(append([]byte{}, b...), make([]byte, 5-left)...)
		}
		var out []byte
		for i := 0; i < len(b); i += 5 {
			var c uint64
			for _, x := range b[i : i+5] {
				c = c<<8 | uint64(x)
			}
			for j := 7; j >= 0; j-- {
				out = append(out, alpha[(c>>(5*uint(j)))&31])
			}
		}
		pad := map[int]int{1: 6, 2: 4, 3: 3, 4: 1}[left]
		for i := 0; i < pad; i++ {
			out[len(out)-1-i] = '='
		}
		return py.Bytes(out), nil
	}
}

func b32dec(name, alpha string, hasMap01 bool) pyexec.BuiltinFunc {
	params := []string{"s", "casefold"}
	if hasMap01 {
		params = append(params, "map01")
	}
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs(name, args, kw, params, 1)
		if err != nil {
			return nil, err
		}
		s, err := decodeData(a[0])
		if err != nil {
			return nil, err
		}
		if len(s)%8 != 0 {
			return nil, pyexec.Errorf(binasciimod.ErrorType, "Incorrect padding")
		}
		if hasMap01 && !pyexec.IsNone(a[2]) {
			m, err := decodeData(a[2])
			if err != nil {
				return nil, err
			}
			if len(m) != 1 {
				r, _ := pyexec.Repr(t, py.Bytes(m))
				return nil, pyexec.Errorf(pyexec.AssertionErrorType, "%s", r)
			}
			s = translate(s, "01", "O"+string(m))
		}
		if cf, err := argx.Truth(t, a[1]); err != nil {
			return nil, err
		} else if cf {
			s = bytes.ToUpper(s)
		}
		l := len(s)
		s = bytes.TrimRight(s, "=")
		pad := l - len(s)
		var out []byte
		var acc uint64
		for i := 0; i < len(s); i += 8 {
			acc = 0
			for _, c := range s[i:min(i+8, len(s))] {
				j := strings.IndexByte(alpha, c)
				if j < 0 {
					return nil, pyexec.Errorf(binasciimod.ErrorType, "Non-base32 digit found")
				}
				acc = acc<<5 + uint64(j)
			}
			for j := 4; j >= 0; j-- {
				out = append(out, byte(acc>>(8*uint(j))))
			}
		}
		if pad != 0 && pad != 1 && pad != 3 && pad != 4 && pad != 6 {
			return nil, pyexec.Errorf(binasciimod.ErrorType, "Incorrect padding")
		}
		if pad != 0 && len(out) > 0 {
			acc <<= 5 * uint(pad)
			var last [5]byte
			for j := 0; j < 5; j++ {
				last[j] = byte(acc >> (8 * uint(4-j)))
			}
			keep := (43 - 5*pad) / 8
			out = append(out[:len(out)-5], last[:keep]...)
		}
		return py.Bytes(out), nil
	}
}

func b16encode(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("b16encode", args, kw, []string{"s"}, 1)
	if err != nil {
		return nil, err
	}
	b, err := argx.Buffer(a[0])
	if err != nil {
		return nil, err
	}
	return py.Bytes(strings.ToUpper(hex.EncodeToString(b))), nil
}

func b16decode(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("b16decode", args, kw, []string{"s", "casefold"}, 1)
	if err != nil {
		return nil, err
	}
	s, err := decodeData(a[0])
	if err != nil {
		return nil, err
	}
	if cf, err := argx.Truth(t, a[1]); err != nil {
		return nil, err
	} else if cf {
		s = bytes.ToUpper(s)
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'F') {
			return nil, pyexec.Errorf(binasciimod.ErrorType, "Non-base16 digit found")
		}
	}
	if len(s)%2 != 0 {
		return nil, pyexec.Errorf(binasciimod.ErrorType, "Odd-length string")
	}
	out := make([]byte, len(s)/2)
	_, _ = hex.Decode(out, s)
	return py.Bytes(out), nil
}
