package pyexec

import (
	"strconv"
	"strings"

	"github.com/go-python/gpython/py"
)

func itoa(i int) string { return strconv.Itoa(i) }

// bindBuiltin binds a builtin's arguments to params; a name starting with
// '$' is keyword-only. Missing optional parameters are nil.
func bindBuiltin(fname string, args []py.Object, kwnames py.Tuple, params []string, required int) ([]py.Object, error) {
	return bindBuiltinBuf(nil, fname, args, kwnames, params, required)
}

// bindBuiltinBuf is bindBuiltin binding into buf's backing array when it has
// room for params: hot builtins pass a small array of their own frame, so
// that binding allocates nothing.
func bindBuiltinBuf(buf []py.Object, fname string, args []py.Object, kwnames py.Tuple, params []string, required int) ([]py.Object, error) {
	npos := len(args) - len(kwnames)
	var out []py.Object
	if cap(buf) >= len(params) {
		out = buf[:len(params)]
		clear(out)
	} else {
		out = make([]py.Object, len(params))
	}
	maxPos := 0
	for maxPos < len(params) && !strings.HasPrefix(params[maxPos], "$") {
		maxPos++
	}
	if npos > maxPos {
		if maxPos == required {
			if maxPos == 1 {
				return nil, typeErrorf("%s() takes exactly one argument (%d given)", fname, npos)
			}
			return nil, typeErrorf("%s expected %d arguments, got %d", fname, maxPos, npos)
		}
		return nil, typeErrorf("%s expected at most %d arguments, got %d", fname, maxPos, npos)
	}
	copy(out, args[:npos])
	for i, kn := range kwnames {
		name := string(kn.(py.String))
		j := -1
		for k, p := range params {
			if strings.TrimPrefix(p, "$") == name {
				j = k
			}
		}
		if j < 0 {
			return nil, typeErrorf("%s() got an unexpected keyword argument '%s'", fname, name)
		}
		if out[j] != nil {
			return nil, typeErrorf("argument for %s() given by name ('%s') and position (%d)", fname, name, j+1)
		}
		out[j] = args[npos+i]
	}
	for i := 0; i < required; i++ {
		if out[i] == nil {
			if required == 1 && len(params) == 1 {
				return nil, typeErrorf("%s() takes exactly one argument (0 given)", fname)
			}
			return nil, typeErrorf("%s() missing required argument '%s' (pos %d)", fname, params[i], i+1)
		}
	}
	return out, nil
}

// noKw rejects keyword arguments for builtins that take none.
func noKw(fname string, kwnames py.Tuple) error {
	if len(kwnames) > 0 {
		return typeErrorf("%s() takes no keyword arguments", fname)
	}
	return nil
}

// posArgs checks a positional-only builtin's argument count.
func posArgs(fname string, args []py.Object, kwnames py.Tuple, min, max int) error {
	if err := noKw(fname, kwnames); err != nil {
		return err
	}
	n := len(args)
	switch {
	case min == max && n != min:
		if min == 1 {
			return typeErrorf("%s() takes exactly one argument (%d given)", fname, n)
		}
		return typeErrorf("%s expected %d arguments, got %d", fname, min, n)
	case n < min:
		return typeErrorf("%s expected at least %d argument%s, got %d", fname, min, plural(min), n)
	case max >= 0 && n > max:
		return typeErrorf("%s expected at most %d argument%s, got %d", fname, max, plural(max), n)
	}
	return nil
}

func isNone(o py.Object) bool {
	_, ok := o.(py.NoneType)
	return o == nil || ok
}
