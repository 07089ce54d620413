// Package iomod implements the in-memory part of CPython's io module for
// pyexec: StringIO and BytesIO (read, readline, readlines, write,
// writelines, getvalue, seek, tell, truncate, iteration, close, the
// context-manager protocol) and the SEEK_* constants. File and stream
// classes that touch the host (open, FileIO, TextIOWrapper over files) are
// not provided.
package iomod

import (
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

// StringIOType is io.StringIO (_io.StringIO).
var StringIOType = pyexec.NewNativeType("_io", "StringIO", nil)

// BytesIOType is io.BytesIO (_io.BytesIO).
var BytesIOType = pyexec.NewNativeType("_io", "BytesIO", nil)

// UnsupportedOperationType is io.UnsupportedOperation (an OSError; CPython
// also derives it from ValueError).
var UnsupportedOperationType = pyexec.NewNativeType("io", "UnsupportedOperation", pyexec.OSErrorType)

// StringIO is an in-memory text stream; positions count code points.
type StringIO struct {
	buf       []rune
	pos       int
	closed    bool
	translate bool // newline=None: \r\n and \r become \n on write
}

// Type returns _io.StringIO.
func (s *StringIO) Type() *py.Type { return StringIOType }

// Repr returns <_io.StringIO object at 0x…>.
func (s *StringIO) Repr(*pyexec.Thread) (string, error) {
	return "<_io.StringIO object at " + pyexec.FormatAddr(pyexec.FakeAddr(s)) + ">", nil
}

// GetAttr exposes closed, line_buffering and newlines.
func (s *StringIO) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	switch name {
	case "closed":
		return py.NewBool(s.closed), true, nil
	case "line_buffering":
		if err := s.check(); err != nil {
			return nil, false, err
		}
		return py.False, true, nil
	case "newlines":
		return py.None, true, nil
	}
	return nil, false, nil
}

// Next returns the next line (iteration).
func (s *StringIO) Next(t *pyexec.Thread) (py.Object, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	l := s.readline(-1)
	if l == "" {
		return nil, nil
	}
	return py.String(l), nil
}

// Value returns the whole buffer as a string.
func (s *StringIO) Value() string { return string(s.buf) }

func (s *StringIO) check() error {
	if s.closed {
		return pyexec.Errorf(pyexec.ValueErrorType, "I/O operation on closed file")
	}
	return nil
}

func closedErr() error {
	return pyexec.Errorf(pyexec.ValueErrorType, "I/O operation on closed file.")
}

func (s *StringIO) readline(limit int) string {
	if s.pos >= len(s.buf) {
		return ""
	}
	end := len(s.buf)
	if limit >= 0 && s.pos+limit < end {
		end = s.pos + limit
	}
	i := s.pos
	for i < end {
		if s.buf[i] == '\n' {
			i++
			break
		}
		i++
	}
	r := string(s.buf[s.pos:i])
	s.pos = i
	return r
}

func (s *StringIO) write(str string) int {
	if s.translate {
		str = strings.ReplaceAll(strings.ReplaceAll(str, "\r\n", "\n"), "\r", "\n")
	}
	rs := []rune(str)
	if len(rs) == 0 {
		return 0
	}
	for len(s.buf) < s.pos {
		s.buf = append(s.buf, 0)
	}
	end := s.pos + len(rs)
	if end > len(s.buf) {
		s.buf = append(s.buf[:s.pos], rs...)
	} else {
		copy(s.buf[s.pos:], rs)
	}
	s.pos = end
	return len(rs)
}

// BytesIO is an in-memory binary stream.
type BytesIO struct {
	buf    []byte
	pos    int
	closed bool
}

// Type returns _io.BytesIO.
func (b *BytesIO) Type() *py.Type { return BytesIOType }

// Repr returns <_io.BytesIO object at 0x…>.
func (b *BytesIO) Repr(*pyexec.Thread) (string, error) {
	return "<_io.BytesIO object at " + pyexec.FormatAddr(pyexec.FakeAddr(b)) + ">", nil
}

// GetAttr exposes closed.
func (b *BytesIO) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	if name == "closed" {
		return py.NewBool(b.closed), true, nil
	}
	return nil, false, nil
}

// Next returns the next line (iteration).
func (b *BytesIO) Next(t *pyexec.Thread) (py.Object, error) {
	if b.closed {
		return nil, closedErr()
	}
	l := b.readline(-1)
	if len(l) == 0 {
		return nil, nil
	}
	return py.Bytes(l), nil
}

func (b *BytesIO) readline(limit int) []byte {
	if b.pos >= len(b.buf) {
		return nil
	}
	end := len(b.buf)
	if limit >= 0 && b.pos+limit < end {
		end = b.pos + limit
	}
	i := b.pos
	for i < end {
		i++
		if b.buf[i-1] == '\n' {
			break
		}
	}
	r := append([]byte(nil), b.buf[b.pos:i]...)
	b.pos = i
	return r
}

func (b *BytesIO) write(p []byte) int {
	if len(p) == 0 {
		return 0
	}
	for len(b.buf) < b.pos {
		b.buf = append(b.buf, 0)
	}
	end := b.pos + len(p)
	if end > len(b.buf) {
		b.buf = append(b.buf[:b.pos], p...)
	} else {
		copy(b.buf[b.pos:], p)
	}
	b.pos = end
	return len(p)
}

// sizeArg converts an optional size argument (None or absent: -1).
func sizeArg(o py.Object) (int, error) {
	if o == nil || pyexec.IsNone(o) {
		return -1, nil
	}
	v, ok, err := pyexec.AsIndex(o)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, pyexec.Errorf(pyexec.TypeErrorType, "argument should be integer or None, not '%s'", pyexec.TypeName(o))
	}
	return int(v), nil
}

func intArg(o py.Object) (int, error) {
	v, ok, err := pyexec.AsIndex(o)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(o))
	}
	return int(v), nil
}

type method = pyexec.MethodFunc

func sio(fn func(t *pyexec.Thread, s *StringIO, args []py.Object, kw py.Tuple) (py.Object, error)) method {
	return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		s := self.(*StringIO)
		if s.closed {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "I/O operation on closed file")
		}
		return fn(t, s, args, kw)
	}
}

func bio(fn func(t *pyexec.Thread, b *BytesIO, args []py.Object, kw py.Tuple) (py.Object, error)) method {
	return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		b := self.(*BytesIO)
		if b.closed {
			return nil, closedErr()
		}
		return fn(t, b, args, kw)
	}
}

func optArg(name string, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs(name, args, kw, 0, 1); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return nil, nil
	}
	return args[0], nil
}

func constTrue(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	switch x := self.(type) {
	case *StringIO:
		if err := x.check(); err != nil {
			return nil, err
		}
	case *BytesIO:
		if x.closed {
			return nil, closedErr()
		}
	}
	return py.True, nil
}

func seekArgs(args []py.Object, kw py.Tuple) (int, int, error) {
	if err := pyexec.CheckArgs("seek", args, kw, 1, 2); err != nil {
		return 0, 0, err
	}
	pos, err := intArg(args[0])
	if err != nil {
		return 0, 0, err
	}
	whence := 0
	if len(args) > 1 {
		if whence, err = intArg(args[1]); err != nil {
			return 0, 0, err
		}
	}
	return pos, whence, nil
}

func readLines(t *pyexec.Thread, hint py.Object, next func() py.Object, size func(py.Object) int) (py.Object, error) {
	h, err := sizeArg(hint)
	if err != nil {
		return nil, err
	}
	var out []py.Object
	total := 0
	for {
		l := next()
		if l == nil {
			break
		}
		out = append(out, l)
		total += size(l)
		if h > 0 && total > h {
			break
		}
	}
	return py.NewListFromItems(out), nil
}

func init() {
	pyexec.SetTypeCtor(StringIOType, func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("StringIO", args, kw, []string{"initial_value", "newline"}, 0)
		if err != nil {
			return nil, err
		}
		s := &StringIO{}
		if a[1] != nil && !pyexec.IsNone(a[1]) {
			nl, ok := a[1].(py.String)
			if !ok {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "newline must be str or None, not %s", pyexec.TypeName(a[1]))
			}
			switch nl {
			case "", "\n", "\r", "\r\n":
			default:
				return nil, pyexec.Errorf(pyexec.ValueErrorType, "illegal newline value: %s", mustRepr(t, nl))
			}
		} else if a[1] != nil {
			s.translate = true
		}
		if a[0] != nil && !pyexec.IsNone(a[0]) {
			v, ok := a[0].(py.String)
			if !ok {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "initial_value must be str or None, not %s", pyexec.TypeName(a[0]))
			}
			s.write(string(v))
			s.pos = 0
		}
		return s, nil
	})
	pyexec.AddMethods(StringIOType, map[string]pyexec.MethodFunc{
		"getvalue": sio(func(t *pyexec.Thread, s *StringIO, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("getvalue", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return py.String(string(s.buf)), nil
		}),
		"read": sio(func(t *pyexec.Thread, s *StringIO, args []py.Object, kw py.Tuple) (py.Object, error) {
			o, err := optArg("read", args, kw)
			if err != nil {
				return nil, err
			}
			n, err := sizeArg(o)
			if err != nil {
				return nil, err
			}
			if s.pos >= len(s.buf) {
				return py.String(""), nil
			}
			end := len(s.buf)
			if n >= 0 && s.pos+n < end {
				end = s.pos + n
			}
			r := string(s.buf[s.pos:end])
			s.pos = end
			return py.String(r), nil
		}),
		"readline": sio(func(t *pyexec.Thread, s *StringIO, args []py.Object, kw py.Tuple) (py.Object, error) {
			o, err := optArg("readline", args, kw)
			if err != nil {
				return nil, err
			}
			n, err := sizeArg(o)
			if err != nil {
				return nil, err
			}
			return py.String(s.readline(n)), nil
		}),
		"readlines": sio(func(t *pyexec.Thread, s *StringIO, args []py.Object, kw py.Tuple) (py.Object, error) {
			o, err := optArg("readlines", args, kw)
			if err != nil {
				return nil, err
			}
			return readLines(t, o, func() py.Object {
				if l := s.readline(-1); l != "" {
					return py.String(l)
				}
				return nil
			}, func(o py.Object) int { return len([]rune(string(o.(py.String)))) })
		}),
		"write": sio(func(t *pyexec.Thread, s *StringIO, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("write", args, kw, 1, 1); err != nil {
				return nil, err
			}
			v, ok := args[0].(py.String)
			if !ok {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "string argument expected, got '%s'", pyexec.TypeName(args[0]))
			}
			return pyexec.MakeInt(int64(s.write(string(v)))), nil
		}),
		"writelines": sio(func(t *pyexec.Thread, s *StringIO, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("writelines", args, kw, 1, 1); err != nil {
				return nil, err
			}
			items, err := pyexec.Collect(t, args[0])
			if err != nil {
				return nil, err
			}
			for _, it := range items {
				v, ok := it.(py.String)
				if !ok {
					return nil, pyexec.Errorf(pyexec.TypeErrorType, "string argument expected, got '%s'", pyexec.TypeName(it))
				}
				s.write(string(v))
			}
			return py.None, nil
		}),
		"tell": sio(func(t *pyexec.Thread, s *StringIO, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("tell", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return pyexec.MakeInt(int64(s.pos)), nil
		}),
		"seek": sio(func(t *pyexec.Thread, s *StringIO, args []py.Object, kw py.Tuple) (py.Object, error) {
			pos, whence, err := seekArgs(args, kw)
			if err != nil {
				return nil, err
			}
			switch whence {
			case 0:
				if pos < 0 {
					return nil, pyexec.Errorf(pyexec.ValueErrorType, "Negative seek position %d", pos)
				}
				s.pos = pos
			case 1:
				if pos != 0 {
					return nil, pyexec.Errorf(pyexec.OSErrorType, "Can't do nonzero cur-relative seeks")
				}
			case 2:
				if pos != 0 {
					return nil, pyexec.Errorf(pyexec.OSErrorType, "Can't do nonzero cur-relative seeks")
				}
				s.pos = len(s.buf)
			default:
				return nil, pyexec.Errorf(pyexec.ValueErrorType, "Invalid whence (%d, should be 0, 1 or 2)", whence)
			}
			return pyexec.MakeInt(int64(s.pos)), nil
		}),
		"truncate": sio(func(t *pyexec.Thread, s *StringIO, args []py.Object, kw py.Tuple) (py.Object, error) {
			o, err := optArg("truncate", args, kw)
			if err != nil {
				return nil, err
			}
			n := s.pos
			if o != nil && !pyexec.IsNone(o) {
				if n, err = intArg(o); err != nil {
					return nil, err
				}
			}
			if n < 0 {
				return nil, pyexec.Errorf(pyexec.ValueErrorType, "Negative size value %d", n)
			}
			if n < len(s.buf) {
				s.buf = s.buf[:n]
			}
			return pyexec.MakeInt(int64(n)), nil
		}),
		"readable": constTrue, "writable": constTrue, "seekable": constTrue,
		"isatty": sio(func(t *pyexec.Thread, s *StringIO, args []py.Object, kw py.Tuple) (py.Object, error) {
			return py.False, nil
		}),
		"flush": sio(func(t *pyexec.Thread, s *StringIO, args []py.Object, kw py.Tuple) (py.Object, error) {
			return py.None, nil
		}),
		"close": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			self.(*StringIO).closed = true
			return py.None, nil
		},
		"__enter__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if self.(*StringIO).closed {
				return nil, closedErr()
			}
			return self, nil
		},
		"__exit__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			self.(*StringIO).closed = true
			return py.None, nil
		},
		"__iter__": sio(func(t *pyexec.Thread, s *StringIO, args []py.Object, kw py.Tuple) (py.Object, error) { return s, nil }),
		"__next__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			r, err := self.(*StringIO).Next(t)
			if err == nil && r == nil {
				return nil, pyexec.NewException(pyexec.StopIterationType)
			}
			return r, err
		},
	})

	pyexec.SetTypeCtor(BytesIOType, func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("BytesIO", args, kw, []string{"initial_bytes"}, 0)
		if err != nil {
			return nil, err
		}
		b := &BytesIO{}
		if a[0] != nil && !pyexec.IsNone(a[0]) {
			p, err := bytesArg(a[0])
			if err != nil {
				return nil, err
			}
			b.buf = append([]byte(nil), p...)
		}
		return b, nil
	})
	pyexec.AddMethods(BytesIOType, map[string]pyexec.MethodFunc{
		"getvalue": bio(func(t *pyexec.Thread, b *BytesIO, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("getvalue", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return py.Bytes(append([]byte(nil), b.buf...)), nil
		}),
		"read":  bio(bytesRead("read")),
		"read1": bio(bytesRead("read1")),
		"readline": bio(func(t *pyexec.Thread, b *BytesIO, args []py.Object, kw py.Tuple) (py.Object, error) {
			o, err := optArg("readline", args, kw)
			if err != nil {
				return nil, err
			}
			n, err := sizeArg(o)
			if err != nil {
				return nil, err
			}
			return py.Bytes(b.readline(n)), nil
		}),
		"readlines": bio(func(t *pyexec.Thread, b *BytesIO, args []py.Object, kw py.Tuple) (py.Object, error) {
			o, err := optArg("readlines", args, kw)
			if err != nil {
				return nil, err
			}
			return readLines(t, o, func() py.Object {
				if l := b.readline(-1); len(l) > 0 {
					return py.Bytes(l)
				}
				return nil
			}, func(o py.Object) int { return len(o.(py.Bytes)) })
		}),
		"write": bio(func(t *pyexec.Thread, b *BytesIO, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("write", args, kw, 1, 1); err != nil {
				return nil, err
			}
			p, err := bytesArg(args[0])
			if err != nil {
				return nil, err
			}
			return pyexec.MakeInt(int64(b.write(p))), nil
		}),
		"writelines": bio(func(t *pyexec.Thread, b *BytesIO, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("writelines", args, kw, 1, 1); err != nil {
				return nil, err
			}
			items, err := pyexec.Collect(t, args[0])
			if err != nil {
				return nil, err
			}
			for _, it := range items {
				p, err := bytesArg(it)
				if err != nil {
					return nil, err
				}
				b.write(p)
			}
			return py.None, nil
		}),
		"tell": bio(func(t *pyexec.Thread, b *BytesIO, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("tell", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return pyexec.MakeInt(int64(b.pos)), nil
		}),
		"seek": bio(func(t *pyexec.Thread, b *BytesIO, args []py.Object, kw py.Tuple) (py.Object, error) {
			pos, whence, err := seekArgs(args, kw)
			if err != nil {
				return nil, err
			}
			switch whence {
			case 0:
				if pos < 0 {
					return nil, pyexec.Errorf(pyexec.ValueErrorType, "negative seek value %d", pos)
				}
			case 1:
				pos += b.pos
			case 2:
				pos += len(b.buf)
			default:
				return nil, pyexec.Errorf(pyexec.ValueErrorType, "invalid whence (%d, should be 0, 1 or 2)", whence)
			}
			if pos < 0 {
				pos = 0
			}
			b.pos = pos
			return pyexec.MakeInt(int64(pos)), nil
		}),
		"truncate": bio(func(t *pyexec.Thread, b *BytesIO, args []py.Object, kw py.Tuple) (py.Object, error) {
			o, err := optArg("truncate", args, kw)
			if err != nil {
				return nil, err
			}
			n := b.pos
			if o != nil && !pyexec.IsNone(o) {
				if n, err = intArg(o); err != nil {
					return nil, err
				}
			}
			if n < 0 {
				return nil, pyexec.Errorf(pyexec.ValueErrorType, "negative size value %d", n)
			}
			if n < len(b.buf) {
				b.buf = b.buf[:n]
			}
			return pyexec.MakeInt(int64(n)), nil
		}),
		"readable": constTrue, "writable": constTrue, "seekable": constTrue,
		"isatty": bio(func(t *pyexec.Thread, b *BytesIO, args []py.Object, kw py.Tuple) (py.Object, error) {
			return py.False, nil
		}),
		"flush": bio(func(t *pyexec.Thread, b *BytesIO, args []py.Object, kw py.Tuple) (py.Object, error) {
			return py.None, nil
		}),
		"close": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			self.(*BytesIO).closed = true
			return py.None, nil
		},
		"__enter__": bio(func(t *pyexec.Thread, b *BytesIO, args []py.Object, kw py.Tuple) (py.Object, error) { return b, nil }),
		"__exit__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			self.(*BytesIO).closed = true
			return py.None, nil
		},
		"__iter__": bio(func(t *pyexec.Thread, b *BytesIO, args []py.Object, kw py.Tuple) (py.Object, error) { return b, nil }),
		"__next__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			r, err := self.(*BytesIO).Next(t)
			if err == nil && r == nil {
				return nil, pyexec.NewException(pyexec.StopIterationType)
			}
			return r, err
		},
	})
	pyexec.RegisterModule("io", func(t *pyexec.Thread) (*pyexec.Module, error) {
		m := pyexec.NewModule(t, "io")
		m.Set(t, "StringIO", StringIOType)
		m.Set(t, "BytesIO", BytesIOType)
		m.Set(t, "UnsupportedOperation", UnsupportedOperationType)
		m.Set(t, "SEEK_SET", pyexec.MakeInt(0))
		m.Set(t, "SEEK_CUR", pyexec.MakeInt(1))
		m.Set(t, "SEEK_END", pyexec.MakeInt(2))
		m.Set(t, "DEFAULT_BUFFER_SIZE", pyexec.MakeInt(8192))
		return m, nil
	})
}

func bytesRead(name string) func(t *pyexec.Thread, b *BytesIO, args []py.Object, kw py.Tuple) (py.Object, error) {
	return func(t *pyexec.Thread, b *BytesIO, args []py.Object, kw py.Tuple) (py.Object, error) {
		o, err := optArg(name, args, kw)
		if err != nil {
			return nil, err
		}
		n, err := sizeArg(o)
		if err != nil {
			return nil, err
		}
		if b.pos >= len(b.buf) {
			return py.Bytes(nil), nil
		}
		end := len(b.buf)
		if n >= 0 && b.pos+n < end {
			end = b.pos + n
		}
		r := append([]byte(nil), b.buf[b.pos:end]...)
		b.pos = end
		return py.Bytes(r), nil
	}
}

func bytesArg(o py.Object) ([]byte, error) {
	if b, ok := o.(py.Bytes); ok {
		return []byte(b), nil
	}
	return nil, pyexec.Errorf(pyexec.TypeErrorType, "a bytes-like object is required, not '%s'", pyexec.TypeName(o))
}

func mustRepr(t *pyexec.Thread, o py.Object) string {
	s, err := pyexec.Repr(t, o)
	if err != nil {
		return "?"
	}
	return s
}
