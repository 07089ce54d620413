// Package osmod implements the host-independent part of CPython's os
// module for pyexec: os.path's pure functions (posixpath), the path
// constants, and an empty os.environ / os.getenv that return defaults.
// Every other os attribute raises AttributeError naming the host
// capability it would need.
package osmod

import (
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

func init() {
	pyexec.RegisterModule("os", newOS)
	pyexec.RegisterModule("os.path", newPath)
	pyexec.RegisterModule("posixpath", newPosixpath)
}

func newOS(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "os")
	for name, v := range map[string]py.Object{
		"name": py.String("posix"), "sep": py.String("/"), "altsep": py.None, "extsep": py.String("."),
		"pathsep": py.String(":"), "linesep": py.String("\n"), "curdir": py.String("."),
		"pardir": py.String(".."), "devnull": py.String("/dev/null"), "defpath": py.String("/bin:/usr/bin"),
		"environ": pyexec.NewDict(0),
	} {
		m.Set(t, name, v)
	}
	m.AddFuncs(t, map[string]pyexec.BuiltinFunc{"getenv": getenv, "fspath": fspath})
	m.Missing = func(name string) error {
		return pyexec.Errorf(pyexec.AttributeErrorType, "module 'os' has no attribute '%s' (pybridge: os.%s needs a host capability that is not granted)", name, name)
	}
	return m, nil
}

func newPath(t *pyexec.Thread) (*pyexec.Module, error) {
	p, err := t.Import("posixpath")
	if err != nil {
		return nil, err
	}
	return p, nil
}

func newPosixpath(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "posixpath")
	for name, v := range map[string]py.Object{
		"sep": py.String("/"), "altsep": py.None, "extsep": py.String("."), "pathsep": py.String(":"),
		"curdir": py.String("."), "pardir": py.String(".."), "devnull": py.String("/dev/null"),
	} {
		m.Set(t, name, v)
	}
	m.AddFuncs(t, map[string]pyexec.BuiltinFunc{
		"join": join, "basename": str1("basename", basename), "dirname": str1("dirname", dirname),
		"isabs":    func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) { return isabs(args, kw) },
		"normpath": str1("normpath", normpath), "normcase": str1("normcase", func(s string) string { return s }),
		"split": pair("split", split), "splitext": pair("splitext", splitext),
		"splitdrive":   pair("splitdrive", func(s string) (string, string) { return "", s }),
		"commonprefix": commonprefix,
	})
	return m, nil
}

func getenv(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("getenv", args, kw, []string{"key", "default"}, 1)
	if err != nil {
		return nil, err
	}
	if a[1] == nil {
		return py.None, nil
	}
	return a[1], nil
}

func pathArg(fname string, o py.Object) (string, error) {
	switch x := o.(type) {
	case py.String:
		return string(x), nil
	}
	return "", pyexec.Errorf(pyexec.TypeErrorType, "expected str, bytes or os.PathLike object, not %s", pyexec.TypeName(o))
}

func fspath(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("fspath", args, kw, []string{"path"}, 1)
	if err != nil {
		return nil, err
	}
	switch a[0].(type) {
	case py.String, py.Bytes:
		return a[0], nil
	}
	return nil, pyexec.Errorf(pyexec.TypeErrorType, "expected str, bytes or os.PathLike object, not %s", pyexec.TypeName(a[0]))
}

func str1(name string, f func(string) string) pyexec.BuiltinFunc {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs(name, args, kw, []string{"p"}, 1)
		if err != nil {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "%s() takes 1 positional argument but %d were given", name, len(args))
		}
		s, err := pathArg(name, a[0])
		if err != nil {
			return nil, err
		}
		return py.String(f(s)), nil
	}
}

func pair(name string, f func(string) (string, string)) pyexec.BuiltinFunc {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs(name, args, kw, []string{"p"}, 1)
		if err != nil {
			return nil, err
		}
		s, err := pathArg(name, a[0])
		if err != nil {
			return nil, err
		}
		x, y := f(s)
		return py.Tuple{py.String(x), py.String(y)}, nil
	}
}

func isabs(args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("isabs", args, kw, []string{"s"}, 1)
	if err != nil {
		return nil, err
	}
	s, err := pathArg("isabs", a[0])
	if err != nil {
		return nil, err
	}
	return py.NewBool(strings.HasPrefix(s, "/")), nil
}

func join(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if len(kw) > 0 {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "join() got an unexpected keyword argument '%s'", string(kw[0].(py.String)))
	}
	if len(args) == 0 {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "join() missing 1 required positional argument: 'a'")
	}
	path, err := pathArg("join", args[0])
	if err != nil {
		return nil, err
	}
	for _, o := range args[1:] {
		b, err := pathArg("join", o)
		if err != nil {
			return nil, err
		}
		switch {
		case strings.HasPrefix(b, "/"):
			path = b
		case path == "" || strings.HasSuffix(path, "/"):
			path += b
		default:
			path += "/" + b
		}
	}
	return py.String(path), nil
}

func split(p string) (string, string) {
	i := strings.LastIndexByte(p, '/') + 1
	head, tail := p[:i], p[i:]
	if head != "" && head != strings.Repeat("/", len(head)) {
		head = strings.TrimRight(head, "/")
	}
	return head, tail
}

func basename(p string) string { return p[strings.LastIndexByte(p, '/')+1:] }

func dirname(p string) string {
	h, _ := split(p)
	return h
}

func splitext(p string) (string, string) {
	sepIndex := strings.LastIndexByte(p, '/')
	dotIndex := strings.LastIndexByte(p, '.')
	if dotIndex > sepIndex {
		for i := sepIndex + 1; i < dotIndex; i++ {
			if p[i] != '.' {
				return p[:dotIndex], p[dotIndex:]
			}
		}
	}
	return p, ""
}

func normpath(path string) string {
	if path == "" {
		return "."
	}
	initial := 0
	if strings.HasPrefix(path, "/") {
		initial = 1
		if strings.HasPrefix(path, "//") && !strings.HasPrefix(path, "///") {
			initial = 2
		}
	}
	var comps []string
	for _, c := range strings.Split(path, "/") {
		if c == "" || c == "." {
			continue
		}
		if c != ".." || (initial == 0 && len(comps) == 0) || (len(comps) > 0 && comps[len(comps)-1] == "..") {
			comps = append(comps, c)
		} else if len(comps) > 0 {
			comps = comps[:len(comps)-1]
		}
	}
	out := strings.Repeat("/", initial) + strings.Join(comps, "/")
	if out == "" {
		return "."
	}
	return out
}

func commonprefix(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("commonprefix", args, kw, []string{"m"}, 1)
	if err != nil {
		return nil, err
	}
	items, err := pyexec.Collect(t, a[0])
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return py.String(""), nil
	}
	min, max := items[0], items[0]
	for _, it := range items[1:] {
		if lt, err := pyexec.Compare(t, pyexec.CmpLT, it, min); err != nil {
			return nil, err
		} else if lt {
			min = it
		}
		if gt, err := pyexec.Compare(t, pyexec.CmpGT, it, max); err != nil {
			return nil, err
		} else if gt {
			max = it
		}
	}
	s1, ok1 := min.(py.String)
	s2, ok2 := max.(py.String)
	if !ok1 || !ok2 {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "expected str, bytes or os.PathLike object, not %s", pyexec.TypeName(min))
	}
	r1, r2 := []rune(string(s1)), []rune(string(s2))
	for i := range r1 {
		if i >= len(r2) || r1[i] != r2[i] {
			return py.String(string(r1[:i])), nil
		}
	}
	return s1, nil
}
