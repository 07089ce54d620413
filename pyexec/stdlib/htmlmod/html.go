// Package htmlmod implements CPython's html module for pyexec (escape and
// unescape with the full HTML5 entity table).
package htmlmod

//go:generate python gen_entities.py

import (
	"strconv"
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

func init() { pyexec.RegisterModule("html", newModule) }

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "html")
	m.AddFuncs(t, map[string]pyexec.BuiltinFunc{"escape": escape, "unescape": unescape})
	return m, nil
}

func strArg(fname string, o py.Object) (string, error) {
	if s, ok := o.(py.String); ok {
		return string(s), nil
	}
	if in, ok := o.(*pyexec.Instance); ok {
		if s, ok := in.Value().(py.String); ok {
			return string(s), nil
		}
	}
	return "", pyexec.Errorf(pyexec.AttributeErrorType, "'%s' object has no attribute '%s'", pyexec.TypeName(o), fname)
}

func escape(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("escape", args, kw, []string{"s", "quote"}, 1)
	if err != nil {
		return nil, err
	}
	s, err := strArg("replace", a[0])
	if err != nil {
		return nil, err
	}
	quote := true
	if a[1] != nil {
		if quote, err = pyexec.Truth(t, a[1]); err != nil {
			return nil, err
		}
	}
	s = strings.ReplaceAll(s, "&", "&amp;")
	s = strings.ReplaceAll(s, "<", "&lt;")
	s = strings.ReplaceAll(s, ">", "&gt;")
	if quote {
		s = strings.ReplaceAll(s, "\"", "&quot;")
		s = strings.ReplaceAll(s, "'", "&#x27;")
	}
	return py.String(s), nil
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unescape(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("unescape", args, kw, []string{"s"}, 1)
	if err != nil {
		return nil, err
	}
	s, err := strArg("__contains__", a[0])
	if err != nil {
		if _, ok := a[0].(py.Bytes); ok {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "a bytes-like object is required, not 'str'")
		}
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "argument of type '%s' is not iterable", pyexec.TypeName(a[0]))
	}
	if !strings.Contains(s, "&") {
		return py.String(s), nil
	}
	var b strings.Builder
	i := 0
	for i < len(s) {
		if s[i] != '&' {
			b.WriteByte(s[i])
			i++
			continue
		}
		rep, n := charref(s[i+1:])
		if n == 0 {
			b.WriteByte('&')
			i++
			continue
		}
		b.WriteString(rep)
		i += 1 + n
	}
	return py.String(b.String()), nil
}

// charref matches CPython's _charref at s (just after '&') and returns the
// replacement and the length consumed (0: no match).
func charref(s string) (string, int) {
	if strings.HasPrefix(s, "#") {
		j := 1
		base := 10
		if j < len(s) && (s[j] == 'x' || s[j] == 'X') {
			base = 16
			j++
		}
		k := j
		for k < len(s) && ((base == 10 && s[k] >= '0' && s[k] <= '9') || (base == 16 && isHex(s[k]))) {
			k++
		}
		if k == j {
			return "", 0
		}
		digits := strings.TrimLeft(s[j:k], "0")
		end := k
		if end < len(s) && s[end] == ';' {
			end++
		}
		num := 0x110000
		if len(digits) <= 8 {
			v, _ := strconv.ParseUint("0"+digits, base, 64)
			if v < 0x110000 {
				num = int(v)
			}
		}
		if r, ok := invalidCharrefs[num]; ok {
			return r, end
		}
		if (num >= 0xD800 && num <= 0xDFFF) || num > 0x10FFFF {
			return "\uFFFD", end
		}
		if invalidCodepoints[num] {
			return "", end
		}
		return string(rune(num)), end
	}
	// Named: [^\t\n\f <&#;]{1,32};?
	k, runes := 0, 0
	for k < len(s) && runes < 32 && !strings.ContainsRune("\t\n\f <&#;", rune(s[k])) {
		k++
		runes++
		for k < len(s) && s[k]&0xC0 == 0x80 {
			k++
		}
	}
	if k == 0 {
		return "", 0
	}
	name := s[:k]
	if k < len(s) && s[k] == ';' {
		name = s[:k+1]
	}
	if r, ok := html5[name]; ok {
		return r, len(name)
	}
	for x := len(name) - 1; x > 1; x-- {
		if r, ok := html5[name[:x]]; ok {
			return r + name[x:], len(name)
		}
	}
	return "&" + name, len(name)
}
