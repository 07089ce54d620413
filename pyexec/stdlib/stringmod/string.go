// Package stringmod implements CPython's string module for pyexec
// (constants and capwords).
package stringmod

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

func init() { pyexec.RegisterModule("string", newModule) }

const (
	lower       = "abcdefghijklmnopqrstuvwxyz"
	upper       = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	digits      = "0123456789"
	punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
	whitespace  = " \t\n\r\x0b\x0c"
)

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "string")
	for name, v := range map[string]string{
		"ascii_lowercase": lower, "ascii_uppercase": upper, "ascii_letters": lower + upper,
		"digits": digits, "hexdigits": digits + "abcdefABCDEF", "octdigits": "01234567",
		"punctuation": punctuation, "whitespace": whitespace,
		"printable": digits + lower + upper + punctuation + whitespace,
	} {
		m.Set(t, name, py.String(v))
	}
	m.AddFuncs(t, map[string]pyexec.BuiltinFunc{"capwords": capwords})
	m.Set(t, "Template", TemplateType)
	return m, nil
}

// capwords is (sep or ' ').join(map(str.capitalize, s.split(sep))).
func capwords(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("capwords", args, kw, []string{"s", "sep"}, 1)
	if err != nil {
		return nil, err
	}
	s, ok := a[0].(py.String)
	if !ok {
		return nil, pyexec.Errorf(pyexec.AttributeErrorType, "'%s' object has no attribute 'split'", pyexec.TypeName(a[0]))
	}
	var words []string
	joiner := " "
	if a[1] == nil || pyexec.IsNone(a[1]) {
		words = strings.Fields(string(s))
	} else {
		sep, ok := a[1].(py.String)
		if !ok {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "must be str or None, not %s", pyexec.TypeName(a[1]))
		}
		if sep == "" {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "empty separator")
		}
		words = strings.Split(string(s), string(sep))
		joiner = string(sep)
	}
	for i, w := range words {
		words[i] = capitalize(w)
	}
	return py.String(strings.Join(words, joiner)), nil
}

// capitalize is str.capitalize: the first character in title case, the
// rest in lower case.
func capitalize(w string) string {
	for i, r := range w {
		if i == 0 {
			return string(unicode.ToTitle(r)) + strings.ToLower(w[utf8.RuneLen(r):])
		}
	}
	return w
}
