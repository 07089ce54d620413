// Package argx holds argument-conversion helpers shared by pybridge's
// standard-library modules.
package argx

import (
	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

// Buffer returns the bytes of a bytes-like argument, raising CPython's
// "a bytes-like object is required, not 'T'" TypeError otherwise.
func Buffer(o py.Object) ([]byte, error) {
	if b, ok := o.(py.Bytes); ok {
		return []byte(b), nil
	}
	return nil, pyexec.Errorf(pyexec.TypeErrorType, "a bytes-like object is required, not '%s'", pyexec.TypeName(o))
}

// ASCII returns the bytes of a bytes-like object or ASCII str (binascii's
// "ascii_buffer" converter).
func ASCII(o py.Object) ([]byte, error) {
	switch x := o.(type) {
	case py.Bytes:
		return []byte(x), nil
	case py.String:
		for i := 0; i < len(x); i++ {
			if x[i] >= 0x80 {
				return nil, pyexec.Errorf(pyexec.ValueErrorType, "string argument should contain only ASCII characters")
			}
		}
		return []byte(x), nil
	}
	return nil, pyexec.Errorf(pyexec.TypeErrorType, "argument should be bytes, buffer or ASCII string, not '%s'", pyexec.TypeName(o))
}

// Int returns an int argument as int64 (TypeError naming fname otherwise).
func Int(o py.Object, what string) (int64, error) {
	v, ok, err := pyexec.AsIndex(o)
	if err != nil {
		return 0, err
	}
	if !ok {
		if _, isF := o.(py.Float); isF {
			return 0, pyexec.Errorf(pyexec.TypeErrorType, "'float' object cannot be interpreted as an integer")
		}
		return 0, pyexec.Errorf(pyexec.TypeErrorType, "%s must be int, not %s", what, pyexec.TypeName(o))
	}
	return v, nil
}

// Truth is pyexec.Truth for optional arguments (nil is false).
func Truth(t *pyexec.Thread, o py.Object) (bool, error) {
	if o == nil {
		return false, nil
	}
	return pyexec.Truth(t, o)
}

// Str returns a str argument (TypeError "what must be str, not T").
func Str(o py.Object, what string) (string, error) {
	if s, ok := o.(py.String); ok {
		return string(s), nil
	}
	return "", pyexec.Errorf(pyexec.TypeErrorType, "%s must be str, not %s", what, pyexec.TypeName(o))
}
