// Package remod implements CPython's re module for pyexec on top of
// github.com/dlclark/regexp2: patterns are translated from Python's syntax
// (named groups, \Z, inline and global flags, ASCII classes) and matched
// with CPython's group numbering and empty-match rules.
package remod

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/dlclark/regexp2"
	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/stdlib/typesmod"
)

// ErrorType is re.error.
var ErrorType = pyexec.NewNativeType("re", "error", pyexec.ExceptionType)

// PatternType is re.Pattern.
var PatternType = pyexec.NewNativeType("re", "Pattern", nil)

// MatchType is re.Match.
var MatchType = pyexec.NewNativeType("re", "Match", nil)

var iterType = pyexec.NewNativeType("builtins", "callable_iterator", nil)

func init() {
	pyexec.RegisterModule("re", newModule)
	pyexec.SetTypeCtor(PatternType, func(*pyexec.Thread, []py.Object, py.Tuple) (py.Object, error) {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "cannot create 're.Pattern' instances")
	})
	pyexec.SetTypeCtor(MatchType, func(*pyexec.Thread, []py.Object, py.Tuple) (py.Object, error) {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "cannot create 're.Match' instances")
	})
	pm := map[string]pyexec.MethodFunc{}
	for _, name := range []string{"match", "fullmatch", "search"} {
		pm[name] = patternMatcher(name)
	}
	pm["findall"] = patFindall
	pm["finditer"] = patFinditer
	pm["sub"] = func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		return patSub(t, self, args, kw, false)
	}
	pm["subn"] = func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		return patSub(t, self, args, kw, true)
	}
	pm["split"] = patSplit
	pyexec.AddMethods(PatternType, pm)
	pyexec.AddMethods(MatchType, map[string]pyexec.MethodFunc{
		"group": mGroup, "groups": mGroups, "groupdict": mGroupdict,
		"span": mSpan("span"), "start": mSpan("start"), "end": mSpan("end"), "expand": mExpand,
		"__getitem__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("__getitem__", args, kw, 1, 1); err != nil {
				return nil, err
			}
			return self.(*Match).PyGetItem(t, args[0])
		},
	})
}

var flagNames = []struct {
	name string
	v    int
}{{"TEMPLATE", flagTemplate}, {"IGNORECASE", flagIgnoreCase}, {"LOCALE", flagLocale}, {"MULTILINE", flagMultiline},
	{"DOTALL", flagDotAll}, {"UNICODE", flagUnicode}, {"VERBOSE", flagVerbose}, {"DEBUG", flagDebug}, {"ASCII", flagASCII}}

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "re")
	consts := map[string]int{"A": flagASCII, "ASCII": flagASCII, "I": flagIgnoreCase, "IGNORECASE": flagIgnoreCase,
		"L": flagLocale, "LOCALE": flagLocale, "M": flagMultiline, "MULTILINE": flagMultiline, "S": flagDotAll,
		"DOTALL": flagDotAll, "U": flagUnicode, "UNICODE": flagUnicode, "X": flagVerbose, "VERBOSE": flagVerbose,
		"DEBUG": flagDebug, "NOFLAG": 0}
	if t.Version().Minor < 13 {
		consts["T"], consts["TEMPLATE"] = flagTemplate, flagTemplate
	}
	for n, v := range consts {
		m.Set(t, n, pyexec.MakeInt(int64(v)))
	}
	m.Set(t, "error", ErrorType)
	m.Set(t, "Pattern", PatternType)
	m.Set(t, "Match", MatchType)
	fns := map[string]pyexec.BuiltinFunc{"compile": reCompile, "escape": reEscape, "purge": rePurge}
	for _, name := range []string{"match", "fullmatch", "search", "findall", "finditer", "sub", "subn", "split"} {
		fns[name] = moduleFunc(name)
	}
	m.AddFuncs(t, fns)
	return m, nil
}

// Pattern is a compiled regular expression (re.Pattern).
type Pattern struct {
	src     py.Object // the pattern as given (str or bytes)
	isBytes bool
	tr      *translated
	once    sync.Mutex
	search  *regexp2.Regexp
	anchor  *regexp2.Regexp
	full    *regexp2.Regexp
}

// Type returns re.Pattern.
func (p *Pattern) Type() *py.Type { return PatternType }

type cacheKey struct {
	src     string
	isBytes bool
	flags   int
}

var (
	cacheMu sync.Mutex
	cache   = map[cacheKey]*Pattern{}
)

func newReError(e *reError, pattern []rune) *pyexec.Exception {
	msg := e.msg
	if e.pos == valueErr {
		return pyexec.Errorf(pyexec.ValueErrorType, "%s", msg)
	}
	if e.pos >= 0 {
		pos := e.pos
		if pos > len(pattern) {
			pos = len(pattern)
		}
		nl := -1
		line := 1
		for i, r := range pattern[:pos] {
			if r == '\n' {
				nl = i
				line++
			}
		}
		if strings.ContainsRune(string(pattern), '\n') {
			msg = fmt.Sprintf("%s at position %d (line %d, column %d)", msg, e.pos, line, pos-nl)
		} else {
			msg = fmt.Sprintf("%s at position %d", msg, e.pos)
		}
	}
	return pyexec.Errorf(ErrorType, "%s", msg)
}

func runesOf(o py.Object) ([]rune, bool, bool) {
	switch x := o.(type) {
	case py.String:
		return []rune(string(x)), false, true
	case py.Bytes:
		rs := make([]rune, len(x))
		for i, b := range x {
			rs[i] = rune(b)
		}
		return rs, true, true
	}
	if in, ok := o.(*pyexec.Instance); ok && in.Value() != nil {
		return runesOf(in.Value())
	}
	return nil, false, false
}

func compile(t *pyexec.Thread, pat py.Object, flags int) (*Pattern, error) {
	if p, ok := pat.(*Pattern); ok {
		if flags != 0 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "cannot process flags argument with a compiled pattern")
		}
		return p, nil
	}
	rs, isBytes, ok := runesOf(pat)
	if !ok {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "first argument must be string or compiled pattern")
	}
	key := cacheKey{string(rs), isBytes, flags}
	cacheMu.Lock()
	p := cache[key]
	cacheMu.Unlock()
	if p != nil {
		return p, nil
	}
	tr, err := translate(rs, flags, isBytes)
	if err != nil {
		return nil, newReError(err.(*reError), rs)
	}
	p = &Pattern{src: pat, isBytes: isBytes, tr: tr}
	if p.search, err = p.build(tr.expr); err != nil {
		return nil, err
	}
	cacheMu.Lock()
	if len(cache) >= 512 {
		cache = map[cacheKey]*Pattern{}
	}
	cache[key] = p
	cacheMu.Unlock()
	return p, nil
}

func (p *Pattern) build(expr string) (*regexp2.Regexp, error) {
	opt := regexp2.RegexOptions(regexp2.None)
	if p.tr.flags&flagIgnoreCase != 0 {
		opt |= regexp2.IgnoreCase
	}
	if p.tr.flags&flagMultiline != 0 {
		opt |= regexp2.Multiline
	}
	if p.tr.flags&flagDotAll != 0 {
		opt |= regexp2.Singleline
	}
	re, err := regexp2.Compile(expr, opt)
	if err != nil {
		msg := err.Error()
		if i := strings.Index(msg, " - "); i >= 0 && strings.HasPrefix(msg, "error parsing regexp: ") {
			msg = msg[len("error parsing regexp: "):i]
		}
		return nil, pyexec.Errorf(ErrorType, "%s", msg)
	}
	return re, nil
}

func (p *Pattern) matcher(kind string) (*regexp2.Regexp, error) {
	p.once.Lock()
	defer p.once.Unlock()
	var err error
	switch kind {
	case "match":
		if p.anchor == nil {
			p.anchor, err = p.build(`\G(?:` + p.tr.expr + `)`)
		}
		return p.anchor, err
	case "fullmatch":
		if p.full == nil {
			p.full, err = p.build(`\G(?:` + p.tr.expr + `)\z`)
		}
		return p.full, err
	}
	return p.search, nil
}

// subject is a string being matched.
type subject struct {
	obj     py.Object
	rs      []rune
	isBytes bool
}

func (p *Pattern) subject(o py.Object) (*subject, error) {
	rs, isBytes, ok := runesOf(o)
	if !ok {
		switch o.(type) {
		case *py.List, py.Tuple, *pyexec.Dict, py.Int, py.Float, py.NoneType:
		}
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "expected string or bytes-like object, got '%s'", pyexec.TypeName(o))
	}
	if isBytes != p.isBytes {
		if p.isBytes {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "cannot use a bytes pattern on a string-like object")
		}
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "cannot use a string pattern on a bytes-like object")
	}
	return &subject{obj: o, rs: rs, isBytes: isBytes}, nil
}

func (s *subject) slice(a, b int) py.Object {
	if s.isBytes {
		out := make(py.Bytes, b-a)
		for i, r := range s.rs[a:b] {
			out[i] = byte(r)
		}
		return out
	}
	return py.String(string(s.rs[a:b]))
}

func (s *subject) empty() py.Object {
	if s.isBytes {
		return py.Bytes{}
	}
	return py.String("")
}

// Match is a match result (re.Match).
type Match struct {
	re          *Pattern
	s           *subject
	pos, endpos int
	spans       []int // start, end per group; -1 when the group did not match
}

// Type returns re.Match.
func (m *Match) Type() *py.Type { return MatchType }

func (p *Pattern) newMatch(s *subject, pos, endpos int, rm *regexp2.Match) *Match {
	m := &Match{re: p, s: s, pos: pos, endpos: endpos, spans: make([]int, 2*(p.tr.groups+1))}
	for g := 0; g <= p.tr.groups; g++ {
		grp := rm.GroupByNumber(g)
		if grp == nil || len(grp.Captures) == 0 {
			m.spans[2*g], m.spans[2*g+1] = -1, -1
			continue
		}
		m.spans[2*g], m.spans[2*g+1] = grp.Index, grp.Index+grp.Length
	}
	return m
}

// find returns the first match of kind at or after pos (nil: none).
func (p *Pattern) find(t *pyexec.Thread, kind string, s *subject, pos, endpos int) (*Match, error) {
	re, err := p.matcher(kind)
	if err != nil {
		return nil, err
	}
	if pos > endpos {
		return nil, nil
	}
	rm, err := re.FindRunesMatchStartingAt(s.rs[:endpos], pos)
	if err != nil {
		return nil, pyexec.Errorf(pyexec.RuntimeErrorType, "%s", err.Error())
	}
	if rm == nil {
		return nil, nil
	}
	return p.newMatch(s, pos, endpos, rm), nil
}

// each calls fn for every match as finditer produces them (at most max
// matches when max > 0).
func (p *Pattern) each(t *pyexec.Thread, s *subject, pos, endpos, max int, fn func(m *Match) error) error {
	n := 0
	prevEmpty := -1
	for pos <= endpos {
		m, err := p.find(t, "search", s, pos, endpos)
		if err != nil || m == nil {
			return err
		}
		st, en := m.spans[0], m.spans[1]
		if st == en && st == prevEmpty {
			// An empty match may not follow an empty match at the same place.
			if st >= endpos {
				return nil
			}
			if m, err = p.find(t, "search", s, st+1, endpos); err != nil || m == nil {
				return err
			}
			m.pos = pos
			st, en = m.spans[0], m.spans[1]
		}
		if err := fn(m); err != nil {
			return err
		}
		n++
		if max > 0 && n >= max {
			return nil
		}
		if st == en {
			prevEmpty = en
		} else {
			prevEmpty = -1
		}
		pos = en
		if t != nil {
			if err := stepCheck(t); err != nil {
				return err
			}
		}
	}
	return nil
}

func stepCheck(*pyexec.Thread) error { return nil }

// posArgs reads the pos and endpos arguments.
func posRange(a []py.Object, n int) (int, int, error) {
	pos, endpos := 0, n
	if a[0] != nil {
		v, ok, err := pyexec.AsIndex(a[0])
		if err != nil {
			return 0, 0, err
		}
		if !ok {
			return 0, 0, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(a[0]))
		}
		pos = clamp(v, n)
	}
	if a[1] != nil {
		v, ok, err := pyexec.AsIndex(a[1])
		if err != nil {
			v, ok, err = math.MaxInt64, true, nil
		}
		if !ok {
			return 0, 0, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(a[1]))
		}
		endpos = clamp(v, n)
	}
	return pos, endpos, nil
}

func clamp(v int64, n int) int {
	if v < 0 {
		return 0
	}
	if v > int64(n) {
		return n
	}
	return int(v)
}

func patternMatcher(name string) pyexec.MethodFunc {
	return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs(name, args, kw, []string{"string", "pos", "endpos"}, 1)
		if err != nil {
			return nil, err
		}
		p := self.(*Pattern)
		s, err := p.subject(a[0])
		if err != nil {
			return nil, err
		}
		pos, endpos, err := posRange(a[1:], len(s.rs))
		if err != nil {
			return nil, err
		}
		m, err := p.find(t, name, s, pos, endpos)
		if err != nil || m == nil {
			return py.None, err
		}
		m.pos = pos
		return m, nil
	}
}

func (m *Match) groupValue(g int, def py.Object) py.Object {
	if m.spans[2*g] < 0 {
		return def
	}
	return m.s.slice(m.spans[2*g], m.spans[2*g+1])
}

func findallItem(m *Match) py.Object {
	n := m.re.tr.groups
	switch n {
	case 0:
		return m.groupValue(0, nil)
	case 1:
		return m.groupValue(1, m.s.empty())
	}
	tup := make(py.Tuple, n)
	for g := 1; g <= n; g++ {
		tup[g-1] = m.groupValue(g, m.s.empty())
	}
	return tup
}

func patFindall(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("findall", args, kw, []string{"string", "pos", "endpos"}, 1)
	if err != nil {
		return nil, err
	}
	p := self.(*Pattern)
	s, err := p.subject(a[0])
	if err != nil {
		return nil, err
	}
	pos, endpos, err := posRange(a[1:], len(s.rs))
	if err != nil {
		return nil, err
	}
	out := &py.List{Items: []py.Object{}}
	err = p.each(t, s, pos, endpos, 0, func(m *Match) error {
		out.Items = append(out.Items, findallItem(m))
		return nil
	})
	return out, err
}

func patFinditer(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("finditer", args, kw, []string{"string", "pos", "endpos"}, 1)
	if err != nil {
		return nil, err
	}
	p := self.(*Pattern)
	s, err := p.subject(a[0])
	if err != nil {
		return nil, err
	}
	pos, endpos, err := posRange(a[1:], len(s.rs))
	if err != nil {
		return nil, err
	}
	var ms []*Match
	err = p.each(t, s, pos, endpos, 0, func(m *Match) error {
		m.pos, m.endpos = pos, endpos
		ms = append(ms, m)
		return nil
	})
	if err != nil {
		return nil, err
	}
	i := 0
	return pyexec.NewIterator(iterType, func(*pyexec.Thread) (py.Object, error) {
		if i >= len(ms) {
			return nil, nil
		}
		i++
		return ms[i-1], nil
	}), nil
}

func patSplit(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("split", args, kw, []string{"string", "maxsplit"}, 1)
	if err != nil {
		return nil, err
	}
	return split(t, self.(*Pattern), a[0], a[1])
}

func split(t *pyexec.Thread, p *Pattern, str, maxObj py.Object) (py.Object, error) {
	s, err := p.subject(str)
	if err != nil {
		return nil, err
	}
	max, err := intArg(maxObj)
	if err != nil {
		return nil, err
	}
	out := &py.List{Items: []py.Object{}}
	if max < 0 {
		return &py.List{Items: []py.Object{str}}, nil
	}
	last := 0
	err = p.each(t, s, 0, len(s.rs), int(max), func(m *Match) error {
		out.Items = append(out.Items, s.slice(last, m.spans[0]))
		for g := 1; g <= p.tr.groups; g++ {
			out.Items = append(out.Items, m.groupValue(g, py.None))
		}
		last = m.spans[1]
		return nil
	})
	out.Items = append(out.Items, s.slice(last, len(s.rs)))
	return out, err
}

func intArg(o py.Object) (int64, error) {
	if o == nil {
		return 0, nil
	}
	v, ok, err := pyexec.AsIndex(o)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(o))
	}
	return v, nil
}

func patSub(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple, n bool) (py.Object, error) {
	name := "sub"
	if n {
		name = "subn"
	}
	a, err := pyexec.BindArgs(name, args, kw, []string{"repl", "string", "count"}, 2)
	if err != nil {
		return nil, err
	}
	return sub(t, self.(*Pattern), a[0], a[1], a[2], n)
}

func sub(t *pyexec.Thread, p *Pattern, repl, str, countObj py.Object, withCount bool) (py.Object, error) {
	s, err := p.subject(str)
	if err != nil {
		return nil, err
	}
	count, err := intArg(countObj)
	if err != nil {
		return nil, err
	}
	var tmpl []tmplItem
	callable := false
	if _, _, ok := runesOf(repl); ok {
		rr, isBytes, _ := runesOf(repl)
		if isBytes != p.isBytes {
			if p.isBytes {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "expected a bytes-like object, %s found", pyexec.TypeName(repl))
			}
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "expected str instance, %s found", pyexec.TypeName(repl))
		}
		if tmpl, err = parseTemplate(p, rr); err != nil {
			return nil, err
		}
	} else if pyexec.IsCallable(repl) {
		callable = true
	} else {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "expected str instance, %s found", pyexec.TypeName(repl))
	}
	var out []rune
	last, n, pieces := 0, 0, 0
	if count < 0 {
		count = -1
	}
	if count >= 0 {
		err = p.each(t, s, 0, len(s.rs), int(count), func(m *Match) error {
			if last < m.spans[0] {
				pieces++
			}
			out = append(out, s.rs[last:m.spans[0]]...)
			if callable {
				r, err := pyexec.Call(t, repl, []py.Object{m}, nil)
				if err != nil {
					return err
				}
				if !pyexec.IsNone(r) {
					rr, isBytes, ok := runesOf(r)
					if !ok || isBytes != p.isBytes {
						if p.isBytes {
							return pyexec.Errorf(pyexec.TypeErrorType, "sequence item %d: expected a bytes-like object, %s found", pieces, pyexec.TypeName(r))
						}
						return pyexec.Errorf(pyexec.TypeErrorType, "sequence item %d: expected str instance, %s found", pieces, pyexec.TypeName(r))
					}
					out = append(out, rr...)
					pieces++
				}
			} else {
				out = append(out, expand(m, tmpl)...)
			}
			last = m.spans[1]
			n++
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	out = append(out, s.rs[last:]...)
	res := (&subject{rs: out, isBytes: p.isBytes}).slice(0, len(out))
	if withCount {
		return py.Tuple{res, pyexec.MakeInt(int64(n))}, nil
	}
	return res, nil
}

type tmplItem struct {
	lit   []rune
	group int // -1: literal
}

// parseTemplate parses a replacement template (\1, \g<name>, escapes).
func parseTemplate(p *Pattern, rs []rune) ([]tmplItem, error) {
	var items []tmplItem
	var lit []rune
	flush := func() {
		if len(lit) > 0 {
			items = append(items, tmplItem{lit: lit, group: -1})
			lit = nil
		}
	}
	errAt := func(pos int, format string, a ...any) error {
		return newReError(&reError{msg: fmt.Sprintf(format, a...), pos: pos}, rs)
	}
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		if c != '\\' {
			lit = append(lit, c)
			continue
		}
		pos := i
		i++
		if i >= len(rs) {
			return nil, errAt(pos, "bad escape (end of pattern)")
		}
		c = rs[i]
		switch {
		case c == 'g':
			if i+1 >= len(rs) || rs[i+1] != '<' {
				return nil, errAt(i+1, "missing <")
			}
			j := i + 2
			for j < len(rs) && rs[j] != '>' {
				j++
			}
			if j >= len(rs) {
				return nil, errAt(i+2, "missing >, unterminated name")
			}
			name := string(rs[i+2 : j])
			if name == "" {
				return nil, errAt(i+2, "missing group name")
			}
			var g int
			if isDigits(name) {
				fmt.Sscanf(name, "%d", &g)
				if g > p.tr.groups {
					return nil, errAt(i+2, "invalid group reference %d", g)
				}
			} else if v, ok := p.tr.names[name]; ok {
				g = v
			} else if isIdent(name) {
				return nil, pyexec.Errorf(pyexec.IndexErrorType, "unknown group name '%s'", name)
			} else {
				return nil, errAt(i+2, "bad character in group name '%s'", name)
			}
			flush()
			items = append(items, tmplItem{group: g})
			i = j
		case c == '0':
			j := i + 1
			for j < len(rs) && j < i+3 && isOct(rs[j]) {
				j++
			}
			var v int
			fmt.Sscanf(string(rs[i:j]), "%o", &v)
			lit = append(lit, rune(v))
			i = j - 1
		case c >= '1' && c <= '9':
			if i+2 < len(rs) && isOct(c) && isOct(rs[i+1]) && isOct(rs[i+2]) {
				var v int
				fmt.Sscanf(string(rs[i:i+3]), "%o", &v)
				if v > 0o377 {
					return nil, errAt(pos, "octal escape value \\%s outside of range 0-0o377", string(rs[i:i+3]))
				}
				lit = append(lit, rune(v))
				i += 2
				continue
			}
			j := i + 1
			if j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
				j++
			}
			var g int
			fmt.Sscanf(string(rs[i:j]), "%d", &g)
			if g > p.tr.groups {
				return nil, errAt(pos+1, "invalid group reference %d", g)
			}
			flush()
			items = append(items, tmplItem{group: g})
			i = j - 1
		default:
			simple := map[rune]rune{'a': 7, 'b': 8, 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t', 'v': '\v', '\\': '\\'}
			if r, ok := simple[c]; ok {
				lit = append(lit, r)
			} else if c < 128 && (('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')) {
				return nil, errAt(pos, "bad escape \\%c", c)
			} else {
				lit = append(lit, '\\', c)
			}
		}
	}
	flush()
	return items, nil
}

func expand(m *Match, tmpl []tmplItem) []rune {
	var out []rune
	for _, it := range tmpl {
		if it.group < 0 {
			out = append(out, it.lit...)
		} else if m.spans[2*it.group] >= 0 {
			out = append(out, m.s.rs[m.spans[2*it.group]:m.spans[2*it.group+1]]...)
		}
	}
	return out
}

// --- module-level functions ---

func moduleFunc(name string) pyexec.BuiltinFunc {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		var params []string
		switch name {
		case "sub", "subn":
			params = []string{"pattern", "repl", "string", "count", "flags"}
		case "split":
			params = []string{"pattern", "string", "maxsplit", "flags"}
		default:
			params = []string{"pattern", "string", "flags"}
		}
		req := 2
		if name == "sub" || name == "subn" {
			req = 3
		}
		a, err := pyexec.BindArgs(name, args, kw, params, req)
		if err != nil {
			return nil, err
		}
		flags, err := flagsArg(a[len(a)-1])
		if err != nil {
			return nil, err
		}
		p, err := compile(t, a[0], flags)
		if err != nil {
			return nil, err
		}
		switch name {
		case "sub", "subn":
			return sub(t, p, a[1], a[2], a[3], name == "subn")
		case "split":
			return split(t, p, a[1], a[2])
		case "findall":
			return patFindall(t, p, []py.Object{a[1]}, nil)
		case "finditer":
			return patFinditer(t, p, []py.Object{a[1]}, nil)
		}
		return patternMatcher(name)(t, p, []py.Object{a[1]}, nil)
	}
}

func flagsArg(o py.Object) (int, error) {
	if o == nil {
		return 0, nil
	}
	v, ok, err := pyexec.AsIndex(o)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, pyexec.Errorf(pyexec.TypeErrorType, "unsupported operand type(s) for &: '%s' and 'int'", pyexec.TypeName(o))
	}
	return int(v), nil
}

func reCompile(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("compile", args, kw, []string{"pattern", "flags"}, 1)
	if err != nil {
		return nil, err
	}
	flags, err := flagsArg(a[1])
	if err != nil {
		return nil, err
	}
	return compile(t, a[0], flags)
}

func rePurge(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("purge", args, kw, 0, 0); err != nil {
		return nil, err
	}
	cacheMu.Lock()
	cache = map[cacheKey]*Pattern{}
	cacheMu.Unlock()
	return py.None, nil
}

const specialChars = "()[]{}?*+-|^$\\.&~# \t\n\r\v\f"

func reEscape(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("escape", args, kw, []string{"pattern"}, 1)
	if err != nil {
		return nil, err
	}
	switch x := a[0].(type) {
	case py.String:
		var b strings.Builder
		for _, r := range string(x) {
			if r < 128 && strings.ContainsRune(specialChars, r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		return py.String(b.String()), nil
	case py.Bytes:
		out := make(py.Bytes, 0, len(x))
		for _, c := range x {
			if c < 128 && strings.IndexByte(specialChars, c) >= 0 {
				out = append(out, '\\')
			}
			out = append(out, c)
		}
		return out, nil
	}
	return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object is not iterable", pyexec.TypeName(a[0]))
}

// --- Pattern attributes ---

// GetAttr exposes pattern, flags, groups and groupindex.
func (p *Pattern) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	switch name {
	case "pattern":
		return p.src, true, nil
	case "flags":
		return pyexec.MakeInt(int64(p.tr.flags)), true, nil
	case "groups":
		return pyexec.MakeInt(int64(p.tr.groups)), true, nil
	case "groupindex":
		d := pyexec.NewDict(len(p.tr.nameOrder))
		for _, n := range p.tr.nameOrder {
			_ = d.SetItem(t, py.String(n), pyexec.MakeInt(int64(p.tr.names[n])))
		}
		return &typesmod.MappingProxy{D: d}, true, nil
	}
	return nil, false, nil
}

// Repr returns re.compile('...', flags).
func (p *Pattern) Repr(t *pyexec.Thread) (string, error) {
	src := p.src
	if rs, isBytes, _ := runesOf(src); len(rs) > 200 {
		src = (&subject{rs: rs[:200], isBytes: isBytes}).slice(0, 200)
	}
	s, err := pyexec.Repr(t, src)
	if err != nil {
		return "", err
	}
	flags := p.tr.flags
	if !p.isBytes && flags&(flagUnicode|flagLocale|flagASCII) == flagUnicode {
		flags &^= flagUnicode
	}
	if flags == 0 {
		return "re.compile(" + s + ")", nil
	}
	var parts []string
	for _, f := range flagNames {
		if flags&f.v != 0 {
			parts = append(parts, "re."+f.name)
			flags &^= f.v
		}
	}
	if flags != 0 {
		parts = append(parts, fmt.Sprintf("0x%x", flags))
	}
	return "re.compile(" + s + ", " + strings.Join(parts, "|") + ")", nil
}

// PyEqual compares patterns by source and flags.
func (p *Pattern) PyEqual(t *pyexec.Thread, other py.Object) (bool, bool, error) {
	o, ok := other.(*Pattern)
	if !ok {
		return false, false, nil
	}
	if o == p {
		return true, true, nil
	}
	eq, err := pyexec.Equal(t, p.src, o.src)
	return eq && p.tr.flags == o.tr.flags && p.isBytes == o.isBytes, true, err
}

// --- Match methods ---

func (m *Match) groupIndex(t *pyexec.Thread, g py.Object) (int, error) {
	if v, ok, _ := pyexec.AsIndex(g); ok {
		if v >= 0 && v <= int64(m.re.tr.groups) {
			return int(v), nil
		}
	} else if s, ok := g.(py.String); ok {
		if v, ok := m.re.tr.names[string(s)]; ok {
			return v, nil
		}
	}
	return 0, pyexec.Errorf(pyexec.IndexErrorType, "no such group")
}

func mGroup(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	if len(kw) > 0 {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "Match.group() takes no keyword arguments")
	}
	m := self.(*Match)
	if len(args) == 0 {
		return m.groupValue(0, py.None), nil
	}
	out := make(py.Tuple, len(args))
	for i, a := range args {
		g, err := m.groupIndex(t, a)
		if err != nil {
			return nil, err
		}
		out[i] = m.groupValue(g, py.None)
	}
	if len(args) == 1 {
		return out[0], nil
	}
	return out, nil
}

// PyGetItem is m[g].
func (m *Match) PyGetItem(t *pyexec.Thread, key py.Object) (py.Object, error) {
	g, err := m.groupIndex(t, key)
	if err != nil {
		return nil, err
	}
	return m.groupValue(g, py.None), nil
}

func mGroups(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("groups", args, kw, []string{"default"}, 0)
	if err != nil {
		return nil, err
	}
	def := a[0]
	if def == nil {
		def = py.None
	}
	m := self.(*Match)
	out := make(py.Tuple, m.re.tr.groups)
	for g := 1; g <= m.re.tr.groups; g++ {
		out[g-1] = m.groupValue(g, def)
	}
	return out, nil
}

func mGroupdict(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("groupdict", args, kw, []string{"default"}, 0)
	if err != nil {
		return nil, err
	}
	def := a[0]
	if def == nil {
		def = py.None
	}
	m := self.(*Match)
	d := pyexec.NewDict(len(m.re.tr.nameOrder))
	for _, n := range m.re.tr.nameOrder {
		if err := d.SetItem(t, py.String(n), m.groupValue(m.re.tr.names[n], def)); err != nil {
			return nil, err
		}
	}
	return d, nil
}

func mSpan(name string) pyexec.MethodFunc {
	return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs(name, args, kw, 0, 1); err != nil {
			return nil, err
		}
		m := self.(*Match)
		g := 0
		if len(args) == 1 {
			var err error
			if g, err = m.groupIndex(t, args[0]); err != nil {
				return nil, err
			}
		}
		st, en := pyexec.MakeInt(int64(m.spans[2*g])), pyexec.MakeInt(int64(m.spans[2*g+1]))
		switch name {
		case "start":
			return st, nil
		case "end":
			return en, nil
		}
		return py.Tuple{st, en}, nil
	}
}

func mExpand(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("expand", args, kw, []string{"template"}, 1)
	if err != nil {
		return nil, err
	}
	m := self.(*Match)
	rs, isBytes, ok := runesOf(a[0])
	if !ok || isBytes != m.re.isBytes {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "expected str instance, %s found", pyexec.TypeName(a[0]))
	}
	tmpl, err := parseTemplate(m.re, rs)
	if err != nil {
		return nil, err
	}
	out := expand(m, tmpl)
	return (&subject{rs: out, isBytes: isBytes}).slice(0, len(out)), nil
}

func (m *Match) lastIndex() int {
	best := -1
	for g := 1; g <= m.re.tr.groups; g++ {
		if m.spans[2*g] < 0 {
			continue
		}
		if best < 0 || m.spans[2*g+1] > m.spans[2*best+1] ||
			(m.spans[2*g+1] == m.spans[2*best+1] && m.re.tr.closeAt[g] > m.re.tr.closeAt[best]) {
			best = g
		}
	}
	return best
}

// GetAttr exposes the match's attributes.
func (m *Match) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	switch name {
	case "string":
		return m.s.obj, true, nil
	case "re":
		return m.re, true, nil
	case "pos":
		return pyexec.MakeInt(int64(m.pos)), true, nil
	case "endpos":
		return pyexec.MakeInt(int64(m.endpos)), true, nil
	case "lastindex":
		if g := m.lastIndex(); g > 0 {
			return pyexec.MakeInt(int64(g)), true, nil
		}
		return py.None, true, nil
	case "lastgroup":
		if g := m.lastIndex(); g > 0 {
			for n, v := range m.re.tr.names {
				if v == g {
					return py.String(n), true, nil
				}
			}
		}
		return py.None, true, nil
	case "regs":
		out := make(py.Tuple, m.re.tr.groups+1)
		for g := range out {
			out[g] = py.Tuple{pyexec.MakeInt(int64(m.spans[2*g])), pyexec.MakeInt(int64(m.spans[2*g+1]))}
		}
		return out, true, nil
	}
	return nil, false, nil
}

// Repr returns <re.Match object; span=(s, e), match='...'>.
func (m *Match) Repr(t *pyexec.Thread) (string, error) {
	s, err := pyexec.Repr(t, m.groupValue(0, py.None))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("<re.Match object; span=(%d, %d), match=%s>", m.spans[0], m.spans[1], s), nil
}

// Split is re.split(pattern, s) with flags for Go callers (other standard
// library modules); captured groups are included, unmatched ones as "".
func Split(t *pyexec.Thread, pattern string, flags int, s string) ([]string, error) {
	p, err := compile(t, py.String(pattern), flags)
	if err != nil {
		return nil, err
	}
	r, err := split(t, p, py.String(s), nil)
	if err != nil {
		return nil, err
	}
	items := r.(*py.List).Items
	out := make([]string, len(items))
	for i, it := range items {
		if x, ok := it.(py.String); ok {
			out[i] = string(x)
		}
	}
	return out, nil
}

// Sub is re.sub(pattern, repl, s) with flags for Go callers.
func Sub(t *pyexec.Thread, pattern string, flags int, repl, s string) (string, error) {
	p, err := compile(t, py.String(pattern), flags)
	if err != nil {
		return "", err
	}
	r, err := sub(t, p, py.String(repl), py.String(s), nil, false)
	if err != nil {
		return "", err
	}
	return string(r.(py.String)), nil
}

// FindAll is re.findall(pattern, s) for a pattern with at most one group.
func FindAll(t *pyexec.Thread, pattern string, flags int, s string) ([]string, error) {
	p, err := compile(t, py.String(pattern), flags)
	if err != nil {
		return nil, err
	}
	r, err := patFindall(t, p, []py.Object{py.String(s)}, nil)
	if err != nil {
		return nil, err
	}
	items := r.(*py.List).Items
	out := make([]string, len(items))
	for i, it := range items {
		if x, ok := it.(py.String); ok {
			out[i] = string(x)
		}
	}
	return out, nil
}
