// Package textwrapmod implements CPython's textwrap module for pyexec:
// wrap, fill, shorten (TextWrapper's algorithm, chunks split by CPython's
// wordsep_re), dedent and indent.
package textwrapmod

import (
	"strings"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/stdlib/remod"
)

func init() { pyexec.RegisterModule("textwrap", newModule) }

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "textwrap")
	m.AddFuncs(t, map[string]pyexec.BuiltinFunc{"wrap": wrapFn, "fill": fillFn, "shorten": shortenFn, "dedent": dedent, "indent": indent})
	return m, nil
}

const whitespace = "\t\n\x0b\x0c\r "

// wordsep is TextWrapper.wordsep_re.
var wordsep = func() string {
	wp := `[\w!"'&.,?]`
	lt := `[^\d\W]`
	ws := `[\t\n\x0b\x0c\r ]`
	nws := `[^\t\n\x0b\x0c\r ]`
	return `(` + ws + `+|(?<=` + wp + `)-{2,}(?=\w)|` + nws + `+?(?:-(?:(?<=` + lt + `{2}-)|(?<=` + lt + `-` + lt + `-))(?=` + lt + `-?` + lt + `)|(?=` + ws + `|\Z)|(?<=` + wp + `)(?=-{2,}\w)))`
}()

type wrapper struct {
	width                                              int
	initialIndent, subsequentIndent, placeholder       string
	expandTabs, replaceWhitespace, breakLongWords      bool
	dropWhitespace, breakOnHyphens, fixSentenceEndings bool
	tabsize, maxLines                                  int
}

var params = []string{"width", "initial_indent", "subsequent_indent", "expand_tabs", "replace_whitespace",
	"fix_sentence_endings", "break_long_words", "drop_whitespace", "break_on_hyphens", "tabsize", "max_lines", "placeholder"}

func newWrapper(t *pyexec.Thread, vals []py.Object) (*wrapper, error) {
	w := &wrapper{width: 70, expandTabs: true, replaceWhitespace: true, breakLongWords: true, dropWhitespace: true,
		breakOnHyphens: true, tabsize: 8, maxLines: -1, placeholder: " [...]"}
	for i, v := range vals {
		if v == nil {
			continue
		}
		var err error
		switch params[i] {
		case "width", "tabsize", "max_lines":
			if params[i] == "max_lines" && pyexec.IsNone(v) {
				continue
			}
			n, ok, e := pyexec.AsIndex(v)
			if e != nil || !ok {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(v))
			}
			switch params[i] {
			case "width":
				w.width = int(n)
			case "tabsize":
				w.tabsize = int(n)
			default:
				w.maxLines = int(n)
			}
		case "initial_indent", "subsequent_indent", "placeholder":
			s, ok := v.(py.String)
			if !ok {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "can only concatenate str (not \"%s\") to str", pyexec.TypeName(v))
			}
			switch params[i] {
			case "initial_indent":
				w.initialIndent = string(s)
			case "subsequent_indent":
				w.subsequentIndent = string(s)
			default:
				w.placeholder = string(s)
			}
		default:
			b, e := pyexec.Truth(t, v)
			err = e
			switch params[i] {
			case "expand_tabs":
				w.expandTabs = b
			case "replace_whitespace":
				w.replaceWhitespace = b
			case "fix_sentence_endings":
				w.fixSentenceEndings = b
			case "break_long_words":
				w.breakLongWords = b
			case "drop_whitespace":
				w.dropWhitespace = b
			case "break_on_hyphens":
				w.breakOnHyphens = b
			}
		}
		if err != nil {
			return nil, err
		}
	}
	return w, nil
}

func rlen(s string) int { return utf8.RuneCountInString(s) }

func expandTabs(s string, tabsize int) string {
	var b strings.Builder
	col := 0
	for _, r := range s {
		switch r {
		case '\t':
			if tabsize > 0 {
				n := tabsize - col%tabsize
				b.WriteString(strings.Repeat(" ", n))
				col += n
			}
		case '\n', '\r':
			b.WriteRune(r)
			col = 0
		default:
			b.WriteRune(r)
			col++
		}
	}
	return b.String()
}

func (w *wrapper) chunks(t *pyexec.Thread, text string) ([]string, error) {
	if w.expandTabs {
		text = expandTabs(text, w.tabsize)
	}
	if w.replaceWhitespace {
		text = strings.Map(func(r rune) rune {
			if strings.ContainsRune(whitespace, r) {
				return ' '
			}
			return r
		}, text)
	}
	pat := `([\t\n\x0b\x0c\r ]+)`
	if w.breakOnHyphens {
		pat = wordsep
	}
	parts, err := remod.Split(t, pat, 0, text)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	if w.fixSentenceEndings {
		for i := 0; i+1 < len(out); i++ {
			c := out[i]
			if out[i+1] == " " && len(c) > 0 && endsSentence(c) {
				out[i+1] = "  "
				i++
			}
		}
	}
	return out, nil
}

// endsSentence is TextWrapper.sentence_end_re: [a-z][.!?]["']?\Z.
func endsSentence(c string) bool {
	rs := []rune(c)
	n := len(rs)
	if n >= 1 && (rs[n-1] == '"' || rs[n-1] == '\'') {
		n--
	}
	return n >= 2 && strings.ContainsRune(".!?", rs[n-1]) && rs[n-2] >= 'a' && rs[n-2] <= 'z'
}

func isBlank(s string) bool { return strings.Trim(s, " \t\n\r\x0b\x0c") == "" }

func (w *wrapper) handleLongWord(chunks *[]string, cur *[]string, curLen, width int) {
	spaceLeft := width - curLen
	if width < 1 {
		spaceLeft = 1
	}
	rc := *chunks
	if w.breakLongWords {
		chunk := []rune(rc[len(rc)-1])
		end := spaceLeft
		if w.breakOnHyphens && len(chunk) > spaceLeft {
			hyphen := -1
			for i := spaceLeft - 1; i >= 0; i-- {
				if i < len(chunk) && chunk[i] == '-' {
					hyphen = i
					break
				}
			}
			if hyphen > 0 && strings.Trim(string(chunk[:hyphen]), "-") != "" {
				end = hyphen + 1
			}
		}
		if end > len(chunk) {
			end = len(chunk)
		}
		*cur = append(*cur, string(chunk[:end]))
		rc[len(rc)-1] = string(chunk[end:])
	} else if len(*cur) == 0 {
		*cur = append(*cur, rc[len(rc)-1])
		*chunks = rc[:len(rc)-1]
	}
}

func (w *wrapper) wrapChunks(chunks []string) ([]string, error) {
	if w.width <= 0 {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "invalid width %d (must be > 0)", w.width)
	}
	if w.maxLines >= 0 {
		indent := w.initialIndent
		if w.maxLines > 1 {
			indent = w.subsequentIndent
		}
		if rlen(indent)+rlen(strings.TrimLeft(w.placeholder, " \t\n\r\x0b\x0c")) > w.width {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "placeholder too large for max width")
		}
	}
	// Reverse so that the next chunk is last.
	for i, j := 0, len(chunks)-1; i < j; i, j = i+1, j-1 {
		chunks[i], chunks[j] = chunks[j], chunks[i]
	}
	lines := []string{}
	for len(chunks) > 0 {
		var cur []string
		curLen := 0
		indent := w.initialIndent
		if len(lines) > 0 {
			indent = w.subsequentIndent
		}
		width := w.width - rlen(indent)
		if w.dropWhitespace && isBlank(chunks[len(chunks)-1]) && len(lines) > 0 {
			chunks = chunks[:len(chunks)-1]
		}
		for len(chunks) > 0 {
			l := rlen(chunks[len(chunks)-1])
			if curLen+l > width {
				break
			}
			cur = append(cur, chunks[len(chunks)-1])
			chunks = chunks[:len(chunks)-1]
			curLen += l
		}
		if len(chunks) > 0 && rlen(chunks[len(chunks)-1]) > width {
			w.handleLongWord(&chunks, &cur, curLen, width)
			curLen = 0
			for _, c := range cur {
				curLen += rlen(c)
			}
		}
		if w.dropWhitespace && len(cur) > 0 && isBlank(cur[len(cur)-1]) {
			curLen -= rlen(cur[len(cur)-1])
			cur = cur[:len(cur)-1]
		}
		if len(cur) == 0 {
			continue
		}
		if w.maxLines < 0 || len(lines)+1 < w.maxLines ||
			((len(chunks) == 0 || (w.dropWhitespace && len(chunks) == 1 && isBlank(chunks[0]))) && curLen <= width) {
			lines = append(lines, indent+strings.Join(cur, ""))
			continue
		}
		done := false
		for len(cur) > 0 {
			if !isBlank(cur[len(cur)-1]) && curLen+rlen(w.placeholder) <= width {
				cur = append(cur, w.placeholder)
				lines = append(lines, indent+strings.Join(cur, ""))
				done = true
				break
			}
			curLen -= rlen(cur[len(cur)-1])
			cur = cur[:len(cur)-1]
		}
		if !done {
			if len(lines) > 0 {
				prev := strings.TrimRight(lines[len(lines)-1], " \t\n\r\x0b\x0c")
				if rlen(prev)+rlen(w.placeholder) <= w.width {
					lines[len(lines)-1] = prev + w.placeholder
					break
				}
			}
			lines = append(lines, indent+strings.TrimLeft(w.placeholder, " \t\n\r\x0b\x0c"))
		}
		break
	}
	return lines, nil
}

func wrapArgs(t *pyexec.Thread, fname string, args []py.Object, kw py.Tuple) (string, *wrapper, error) {
	npos := len(args) - len(kw)
	if npos < 1 {
		return "", nil, pyexec.Errorf(pyexec.TypeErrorType, "%s() missing 1 required positional argument: 'text'", fname)
	}
	if npos > 2 {
		return "", nil, pyexec.Errorf(pyexec.TypeErrorType, "%s() takes from 1 to 2 positional arguments but %d were given", fname, npos)
	}
	vals := make([]py.Object, len(params))
	if npos == 2 {
		vals[0] = args[1]
	}
	for i, k := range kw {
		name := string(k.(py.String))
		found := false
		for j, p := range params {
			if p == name {
				vals[j] = args[npos+i]
				found = true
			}
		}
		if !found {
			return "", nil, pyexec.Errorf(pyexec.TypeErrorType, "TextWrapper.__init__() got an unexpected keyword argument '%s'", name)
		}
	}
	s, ok := args[0].(py.String)
	if !ok {
		return "", nil, pyexec.Errorf(pyexec.AttributeErrorType, "'%s' object has no attribute 'expandtabs'", pyexec.TypeName(args[0]))
	}
	w, err := newWrapper(t, vals)
	return string(s), w, err
}

func (w *wrapper) wrap(t *pyexec.Thread, text string) ([]string, error) {
	chunks, err := w.chunks(t, text)
	if err != nil {
		return nil, err
	}
	return w.wrapChunks(chunks)
}

func strList(xs []string) *py.List {
	out := &py.List{Items: make([]py.Object, len(xs))}
	for i, x := range xs {
		out.Items[i] = py.String(x)
	}
	return out
}

func wrapFn(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	text, w, err := wrapArgs(t, "wrap", args, kw)
	if err != nil {
		return nil, err
	}
	lines, err := w.wrap(t, text)
	if err != nil {
		return nil, err
	}
	return strList(lines), nil
}

func fillFn(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	text, w, err := wrapArgs(t, "fill", args, kw)
	if err != nil {
		return nil, err
	}
	lines, err := w.wrap(t, text)
	if err != nil {
		return nil, err
	}
	return py.String(strings.Join(lines, "\n")), nil
}

func shortenFn(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	npos := len(args) - len(kw)
	if npos != 2 && !(npos == 1 && len(kw) > 0) {
		if npos < 2 {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "shorten() missing 1 required positional argument: 'width'")
		}
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "shorten() takes 2 positional arguments but %d were given", npos)
	}
	all := append([]py.Object{}, args...)
	names := append(py.Tuple{}, kw...)
	all = append(all, pyexec.MakeInt(1))
	names = append(names, py.String("max_lines"))
	text, w, err := wrapArgs(t, "shorten", all, names)
	if err != nil {
		return nil, err
	}
	text = strings.Join(strings.Fields(text), " ")
	lines, err := w.wrap(t, text)
	if err != nil {
		return nil, err
	}
	return py.String(strings.Join(lines, "\n")), nil
}

func dedent(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("dedent", args, kw, []string{"text"}, 1)
	if err != nil {
		return nil, err
	}
	s, ok := a[0].(py.String)
	if !ok {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "expected string or bytes-like object, got '%s'", pyexec.TypeName(a[0]))
	}
	text, err := remod.Sub(t, `^[ \t]+$`, 8, "", string(s))
	if err != nil {
		return nil, err
	}
	indents, err := remod.FindAll(t, `(^[ \t]*)(?:[^ \t\n])`, 8, text)
	if err != nil {
		return nil, err
	}
	margin, have := "", false
	for _, ind := range indents {
		switch {
		case !have:
			margin, have = ind, true
		case strings.HasPrefix(ind, margin):
		case strings.HasPrefix(margin, ind):
			margin = ind
		default:
			i := 0
			for i < len(margin) && i < len(ind) && margin[i] == ind[i] {
				i++
			}
			margin = margin[:i]
		}
	}
	if margin != "" {
		lines := strings.SplitAfter(text, "\n")
		for i, l := range lines {
			lines[i] = strings.TrimPrefix(l, margin)
		}
		text = strings.Join(lines, "")
	}
	return py.String(text), nil
}

// splitLinesKeep is str.splitlines(keepends=True).
func splitLinesKeep(s string) []string {
	var out []string
	rs := []rune(s)
	start := 0
	for i := 0; i < len(rs); i++ {
		switch rs[i] {
		case '\n', '\x0b', '\x0c', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029':
		case '\r':
			if i+1 < len(rs) && rs[i+1] == '\n' {
				i++
			}
		default:
			continue
		}
		out = append(out, string(rs[start:i+1]))
		start = i + 1
	}
	if start < len(rs) {
		out = append(out, string(rs[start:]))
	}
	return out
}

func indent(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("indent", args, kw, []string{"text", "prefix", "predicate"}, 2)
	if err != nil {
		return nil, err
	}
	s, ok := a[0].(py.String)
	if !ok {
		return nil, pyexec.Errorf(pyexec.AttributeErrorType, "'%s' object has no attribute 'splitlines'", pyexec.TypeName(a[0]))
	}
	prefix, ok := a[1].(py.String)
	if !ok {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "unsupported operand type(s) for +: '%s' and 'str'", pyexec.TypeName(a[1]))
	}
	var b strings.Builder
	for _, line := range splitLinesKeep(string(s)) {
		use := strings.TrimSpace(line) != ""
		if a[2] != nil && !pyexec.IsNone(a[2]) {
			r, err := pyexec.Call(t, a[2], []py.Object{py.String(line)}, nil)
			if err != nil {
				return nil, err
			}
			if use, err = pyexec.Truth(t, r); err != nil {
				return nil, err
			}
		}
		if use {
			b.WriteString(string(prefix))
		}
		b.WriteString(line)
	}
	return py.String(b.String()), nil
}
