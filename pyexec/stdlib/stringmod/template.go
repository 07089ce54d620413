package stringmod

import (
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

// TemplateType is string.Template (with the default '$' delimiter and
// identifier pattern).
var TemplateType = pyexec.NewNativeType("string", "Template", nil)

// Template is a string.Template.
type Template struct{ tmpl py.Object }

// Type returns string.Template.
func (t *Template) Type() *py.Type { return TemplateType }

// GetAttr exposes template and the class attributes.
func (tp *Template) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	switch name {
	case "template":
		return tp.tmpl, true, nil
	case "delimiter":
		return py.String("$"), true, nil
	case "idpattern":
		return py.String("(?a:[_a-z][_a-z0-9]*)"), true, nil
	case "braceidpattern":
		return py.None, true, nil
	}
	return nil, false, nil
}

func init() {
	pyexec.SetTypeCtor(TemplateType, func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("Template", args, kw, []string{"template"}, 1)
		if err != nil {
			return nil, err
		}
		return &Template{tmpl: a[0]}, nil
	})
	pyexec.AddMethods(TemplateType, map[string]pyexec.MethodFunc{
		"substitute": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return self.(*Template).substitute(t, args, kw, false)
		},
		"safe_substitute": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return self.(*Template).substitute(t, args, kw, true)
		},
		"get_identifiers": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			out := &py.List{Items: []py.Object{}}
			seen := map[string]bool{}
			err := self.(*Template).scan(func(kind, name string, pos int) error {
				if (kind == "named" || kind == "braced") && !seen[name] {
					seen[name] = true
					out.Items = append(out.Items, py.String(name))
				}
				if kind == "invalid" {
					return self.(*Template).invalid(pos)
				}
				return nil
			}, func(string) {})
			return out, err
		},
		"is_valid": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			ok := true
			_ = self.(*Template).scan(func(kind, name string, pos int) error {
				if kind == "invalid" {
					ok = false
				}
				return nil
			}, func(string) {})
			return py.NewBool(ok), nil
		},
	})
}

func isIDStart(c byte) bool { return c == '_' || (c|0x20) >= 'a' && (c|0x20) <= 'z' }
func isIDChar(c byte) bool  { return isIDStart(c) || c >= '0' && c <= '9' }

// scan walks the template: lit receives literal text and ph each
// placeholder (kind escaped, named, braced or invalid; pos its offset in
// characters).
func (tp *Template) scan(ph func(kind, name string, pos int) error, lit func(string)) error {
	s, _ := tp.tmpl.(py.String)
	src := string(s)
	i := 0
	for {
		j := strings.IndexByte(src[i:], '$')
		if j < 0 {
			lit(src[i:])
			return nil
		}
		lit(src[i : i+j])
		i += j
		pos := len([]rune(src[:i]))
		rest := src[i+1:]
		switch {
		case strings.HasPrefix(rest, "$"):
			if err := ph("escaped", "$", pos); err != nil {
				return err
			}
			i += 2
		case len(rest) > 0 && isIDStart(rest[0]):
			k := 1
			for k < len(rest) && isIDChar(rest[k]) {
				k++
			}
			if err := ph("named", rest[:k], pos); err != nil {
				return err
			}
			i += 1 + k
		case len(rest) > 1 && rest[0] == '{' && isIDStart(rest[1]):
			k := 2
			for k < len(rest) && isIDChar(rest[k]) {
				k++
			}
			if k < len(rest) && rest[k] == '}' {
				if err := ph("braced", rest[1:k], pos); err != nil {
					return err
				}
				i += 2 + k
				continue
			}
			fallthrough
		default:
			if err := ph("invalid", "", pos); err != nil {
				return err
			}
			i++
		}
	}
}

func (tp *Template) invalid(pos int) error {
	s, _ := tp.tmpl.(py.String)
	pre := []rune(string(s))[:pos]
	line, start := 1, 0
	for i, r := range pre {
		if r == '\n' {
			line++
			start = i + 1
		}
	}
	return pyexec.Errorf(pyexec.ValueErrorType, "Invalid placeholder in string: line %d, col %d", line, pos+1-start)
}

func (tp *Template) substitute(t *pyexec.Thread, args []py.Object, kw py.Tuple, safe bool) (py.Object, error) {
	name := "substitute"
	if safe {
		name = "safe_substitute"
	}
	npos := len(args) - len(kw)
	if npos > 1 {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "Template.%s() takes from 1 to 2 positional arguments but %d were given", name, npos+1)
	}
	if _, ok := tp.tmpl.(py.String); !ok {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "expected string or bytes-like object, got '%s'", pyexec.TypeName(tp.tmpl))
	}
	var mapping py.Object
	if npos == 1 {
		mapping = args[0]
	}
	var kwd *pyexec.Dict
	if len(kw) > 0 {
		kwd = pyexec.NewDict(len(kw))
		for i, k := range kw {
			_ = kwd.SetItem(t, k, args[npos+i])
		}
	}
	lookup := func(key string) (py.Object, error) {
		if kwd != nil {
			if v, ok, err := kwd.Get(t, py.String(key)); err != nil || ok {
				return v, err
			}
		}
		if mapping == nil {
			return nil, pyexec.NewException(pyexec.KeyErrorType, py.String(key))
		}
		return pyexec.GetItem(t, mapping, py.String(key))
	}
	var b strings.Builder
	err := tp.scan(func(kind, n string, pos int) error {
		switch kind {
		case "escaped":
			b.WriteByte('$')
		case "named", "braced":
			v, err := lookup(n)
			if err != nil {
				if e, ok := err.(*pyexec.Exception); safe && ok && pyexec.IsSubtype(e.Type(), pyexec.KeyErrorType) {
					if kind == "named" {
						b.WriteString("$" + n)
					} else {
						b.WriteString("${" + n + "}")
					}
					return nil
				}
				return err
			}
			s, err := pyexec.Str(t, v)
			if err != nil {
				return err
			}
			b.WriteString(s)
		default:
			if !safe {
				return tp.invalid(pos)
			}
			b.WriteByte('$')
		}
		return nil
	}, func(s string) { b.WriteString(s) })
	if err != nil {
		return nil, err
	}
	return py.String(b.String()), nil
}
