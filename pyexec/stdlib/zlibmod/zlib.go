// Package zlibmod implements the checksum and decompression parts of
// CPython's zlib module for pyexec (crc32, adler32, decompress). compress is
// not provided: Go's deflate does not produce zlib's exact bytes.
package zlibmod

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"hash/crc32"
	"io"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/stdlib/binasciimod"
	"github.com/pybridge/pybridge/pyexec/stdlib/internal/argx"
)

// ErrorType is zlib.error.
var ErrorType = pyexec.NewNativeType("zlib", "error", pyexec.ExceptionType)

func init() {
	pyexec.RegisterModule("zlib", func(t *pyexec.Thread) (*pyexec.Module, error) {
		m := pyexec.NewModule(t, "zlib")
		m.AddFuncs(t, map[string]pyexec.BuiltinFunc{"crc32": crc32Fn, "adler32": adler32Fn, "decompress": decompress})
		m.Set(t, "error", ErrorType)
		for k, v := range map[string]int64{"MAX_WBITS": 15, "DEFLATED": 8, "DEF_MEM_LEVEL": 8, "DEF_BUF_SIZE": 16384,
			"Z_BEST_COMPRESSION": 9, "Z_BEST_SPEED": 1, "Z_DEFAULT_COMPRESSION": -1, "Z_NO_COMPRESSION": 0} {
			m.Set(t, k, pyexec.MakeInt(v))
		}
		return m, nil
	})
}

func crc32Fn(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("crc32", args, kw, 1, 2); err != nil {
		return nil, err
	}
	b, err := argx.Buffer(args[0])
	if err != nil {
		return nil, err
	}
	v, err := binasciimod.UnsignedArg(args, 1, 0)
	if err != nil {
		return nil, err
	}
	return pyexec.MakeInt(int64(crc32.Update(v, crc32.IEEETable, b))), nil
}

func adler32Fn(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("adler32", args, kw, 1, 2); err != nil {
		return nil, err
	}
	b, err := argx.Buffer(args[0])
	if err != nil {
		return nil, err
	}
	v, err := binasciimod.UnsignedArg(args, 1, 1)
	if err != nil {
		return nil, err
	}
	s1, s2 := v&0xffff, v>>16
	for len(b) > 0 {
		n := min(len(b), 5552)
		for _, c := range b[:n] {
			s1 += uint32(c)
			s2 += s1
		}
		s1 %= 65521
		s2 %= 65521
		b = b[n:]
	}
	return pyexec.MakeInt(int64(s2<<16 | s1)), nil
}

func decompress(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("decompress", args, kw, []string{"data", "wbits", "bufsize"}, 1)
	if err != nil {
		return nil, err
	}
	b, err := argx.Buffer(a[0])
	if err != nil {
		return nil, err
	}
	wbits := int64(15)
	if a[1] != nil {
		if wbits, err = argx.Int(a[1], "wbits"); err != nil {
			return nil, err
		}
	}
	var r io.Reader
	switch {
	case wbits >= 8 && wbits <= 15:
		if len(b) < 2 || (uint16(b[0])<<8|uint16(b[1]))%31 != 0 || b[0]&0x0f != 8 {
			if len(b) < 2 {
				return nil, pyexec.Errorf(ErrorType, "Error -5 while decompressing data: incomplete or truncated stream")
			}
			return nil, pyexec.Errorf(ErrorType, "Error -3 while decompressing data: incorrect header check")
		}
		zr, err := zlib.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, pyexec.Errorf(ErrorType, "Error -3 while decompressing data: incorrect header check")
		}
		r = zr
	case wbits >= -15 && wbits <= -8:
		r = flate.NewReader(bytes.NewReader(b))
	default:
		return nil, pyexec.Errorf(ErrorType, "Error -2 while preparing to decompress data: inconsistent stream state")
	}
	out, err := io.ReadAll(r)
	if err != nil {
		if err == io.ErrUnexpectedEOF {
			return nil, pyexec.Errorf(ErrorType, "Error -5 while decompressing data: incomplete or truncated stream")
		}
		return nil, pyexec.Errorf(ErrorType, "Error -3 while decompressing data: invalid stored block lengths")
	}
	return py.Bytes(out), nil
}
