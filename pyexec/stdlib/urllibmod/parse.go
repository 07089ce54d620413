// Package urllibmod implements the urllib package's parse module for
// pyexec (urlparse, urlsplit, urlunparse, urlunsplit, urljoin, urldefrag,
// parse_qs, parse_qsl, urlencode, quote, quote_plus, unquote,
// unquote_plus), for str arguments.
package urllibmod

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/stdlib/collectionsmod"
)

func init() {
	pyexec.RegisterModule("urllib", func(t *pyexec.Thread) (*pyexec.Module, error) {
		return pyexec.NewModule(t, "urllib"), nil
	})
	pyexec.RegisterModule("urllib.parse", newModule)
}

var (
	usesRelative = set("", "ftp", "http", "gopher", "nntp", "imap", "wais", "file", "https", "shttp", "mms", "prospero", "rtsp", "rtsps", "rtspu", "sftp", "svn", "svn+ssh", "ws", "wss")
	usesNetloc   = set("", "ftp", "http", "gopher", "nntp", "telnet", "imap", "wais", "file", "mms", "https", "shttp", "snews", "prospero", "rtsp", "rtsps", "rtspu", "rsync", "svn", "svn+ssh", "sftp", "nfs", "git", "git+ssh", "ws", "wss", "itms-services")
	usesParams   = set("", "ftp", "hdl", "prospero", "http", "imap", "https", "shttp", "rtsp", "rtsps", "rtspu", "sip", "sips", "mms", "sftp", "tel")
)

func set(xs ...string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

type state struct {
	parseResult, splitResult, defragResult *py.Type
}

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "urllib.parse")
	st := &state{}
	var err error
	if st.parseResult, err = collectionsmod.NewNamedTuple(t, "ParseResult", []string{"scheme", "netloc", "path", "params", "query", "fragment"}, "urllib.parse"); err != nil {
		return nil, err
	}
	if st.splitResult, err = collectionsmod.NewNamedTuple(t, "SplitResult", []string{"scheme", "netloc", "path", "query", "fragment"}, "urllib.parse"); err != nil {
		return nil, err
	}
	if st.defragResult, err = collectionsmod.NewNamedTuple(t, "DefragResult", []string{"url", "fragment"}, "urllib.parse"); err != nil {
		return nil, err
	}
	for _, cls := range []*py.Type{st.parseResult, st.splitResult} {
		if err := addNetlocProps(t, cls, cls == st.parseResult); err != nil {
			return nil, err
		}
	}
	m.Set(t, "ParseResult", st.parseResult)
	m.Set(t, "SplitResult", st.splitResult)
	m.Set(t, "DefragResult", st.defragResult)
	m.AddFuncs(t, map[string]pyexec.BuiltinFunc{
		"urlparse": st.urlparse, "urlsplit": st.urlsplit, "urlunparse": urlunparse, "urlunsplit": urlunsplitFn,
		"urljoin": urljoin, "urldefrag": st.urldefrag, "quote": quote, "quote_plus": quotePlus, "unquote": unquote,
		"unquote_plus": unquotePlus, "parse_qs": parseQS, "parse_qsl": parseQSL, "urlencode": urlencode,
	})
	return m, nil
}

func strArg(fname string, o py.Object) (string, error) {
	switch x := o.(type) {
	case py.String:
		return string(x), nil
	case *pyexec.Instance:
		if s, ok := x.Value().(py.String); ok {
			return string(s), nil
		}
	}
	return "", pyexec.Errorf(pyexec.TypeErrorType, "%s() argument must be str, not %s", fname, pyexec.TypeName(o))
}

func optStr(fname string, o py.Object, def string) (string, error) {
	if o == nil {
		return def, nil
	}
	return strArg(fname, o)
}

func truth(t *pyexec.Thread, o py.Object, def bool) (bool, error) {
	if o == nil {
		return def, nil
	}
	return pyexec.Truth(t, o)
}

const schemeChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-."

func splitNetloc(url string, start int) (string, string) {
	delim := len(url)
	for _, c := range "/?#" {
		if w := strings.IndexRune(url[start:], c); w >= 0 && start+w < delim {
			delim = start + w
		}
	}
	return url[start:delim], url[delim:]
}

type parts struct{ scheme, netloc, path, params, query, fragment string }

func split(url, scheme string, allowFragments bool) (parts, error) {
	const c0 = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "
	url = strings.TrimLeft(url, c0)
	scheme = strings.Trim(scheme, c0)
	for _, b := range []string{"\t", "\r", "\n"} {
		url = strings.ReplaceAll(url, b, "")
		scheme = strings.ReplaceAll(scheme, b, "")
	}
	var p parts
	p.scheme = scheme
	if i := strings.IndexByte(url, ':'); i > 0 && url[0] < 128 && (url[0]|0x20) >= 'a' && (url[0]|0x20) <= 'z' {
		ok := true
		for _, c := range url[:i] {
			if !strings.ContainsRune(schemeChars, c) {
				ok = false
				break
			}
		}
		if ok {
			p.scheme, url = strings.ToLower(url[:i]), url[i+1:]
		}
	}
	if strings.HasPrefix(url, "//") {
		p.netloc, url = splitNetloc(url, 2)
		lb, rb := strings.Contains(p.netloc, "["), strings.Contains(p.netloc, "]")
		if lb != rb {
			return p, pyexec.Errorf(pyexec.ValueErrorType, "Invalid IPv6 URL")
		}
	}
	if allowFragments {
		if i := strings.IndexByte(url, '#'); i >= 0 {
			url, p.fragment = url[:i], url[i+1:]
		}
	}
	if i := strings.IndexByte(url, '?'); i >= 0 {
		url, p.query = url[:i], url[i+1:]
	}
	p.path = url
	return p, nil
}

func parse(url, scheme string, allowFragments bool) (parts, error) {
	p, err := split(url, scheme, allowFragments)
	if err != nil {
		return p, err
	}
	if usesParams[p.scheme] && strings.Contains(p.path, ";") {
		u := p.path
		var i int
		if strings.Contains(u, "/") {
			i = strings.IndexByte(u[strings.LastIndexByte(u, '/'):], ';')
			if i >= 0 {
				i += strings.LastIndexByte(u, '/')
			}
		} else {
			i = strings.IndexByte(u, ';')
		}
		if i >= 0 {
			p.path, p.params = u[:i], u[i+1:]
		}
	}
	return p, nil
}

func tupleOfStrings(xs ...string) py.Tuple {
	out := make(py.Tuple, len(xs))
	for i, x := range xs {
		out[i] = py.String(x)
	}
	return out
}

func (st *state) urlsplit(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("urlsplit", args, kw, []string{"url", "scheme", "allow_fragments"}, 1)
	if err != nil {
		return nil, err
	}
	url, err := strArg("urlsplit", a[0])
	if err != nil {
		return nil, err
	}
	scheme, err := optStr("urlsplit", a[1], "")
	if err != nil {
		return nil, err
	}
	af, err := truth(t, a[2], true)
	if err != nil {
		return nil, err
	}
	p, err := split(url, scheme, af)
	if err != nil {
		return nil, err
	}
	return collectionsmod.NewNamedTupleValue(t, st.splitResult, tupleOfStrings(p.scheme, p.netloc, p.path, p.query, p.fragment))
}

func (st *state) urlparse(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("urlparse", args, kw, []string{"url", "scheme", "allow_fragments"}, 1)
	if err != nil {
		return nil, err
	}
	url, err := strArg("urlparse", a[0])
	if err != nil {
		return nil, err
	}
	scheme, err := optStr("urlparse", a[1], "")
	if err != nil {
		return nil, err
	}
	af, err := truth(t, a[2], true)
	if err != nil {
		return nil, err
	}
	p, err := parse(url, scheme, af)
	if err != nil {
		return nil, err
	}
	return collectionsmod.NewNamedTupleValue(t, st.parseResult, tupleOfStrings(p.scheme, p.netloc, p.path, p.params, p.query, p.fragment))
}

func (st *state) urldefrag(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("urldefrag", args, kw, []string{"url"}, 1)
	if err != nil {
		return nil, err
	}
	url, err := strArg("urldefrag", a[0])
	if err != nil {
		return nil, err
	}
	frag := ""
	if strings.Contains(url, "#") {
		p, err := parse(url, "", true)
		if err != nil {
			return nil, err
		}
		frag = p.fragment
		p.fragment = ""
		url = unparse(p)
	}
	return collectionsmod.NewNamedTupleValue(t, st.defragResult, tupleOfStrings(url, frag))
}

func unsplit(scheme, netloc, url, query, fragment string) string {
	if netloc != "" || (scheme != "" && usesNetloc[scheme] && !strings.HasPrefix(url, "//")) {
		if url != "" && !strings.HasPrefix(url, "/") {
			url = "/" + url
		}
		url = "//" + netloc + url
	}
	if scheme != "" {
		url = scheme + ":" + url
	}
	if query != "" {
		url += "?" + query
	}
	if fragment != "" {
		url += "#" + fragment
	}
	return url
}

func unparse(p parts) string {
	url := p.path
	if p.params != "" {
		url += ";" + p.params
	}
	return unsplit(p.scheme, p.netloc, url, p.query, p.fragment)
}

func components(t *pyexec.Thread, fname string, o py.Object, n int) ([]string, error) {
	items, err := pyexec.Collect(t, o)
	if err != nil {
		return nil, err
	}
	if len(items) != n {
		if len(items) > n {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "too many values to unpack (expected %d)", n)
		}
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "not enough values to unpack (expected %d, got %d)", n, len(items))
	}
	out := make([]string, n)
	for i, it := range items {
		if pyexec.IsNone(it) {
			continue
		}
		s, err := strArg(fname, it)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

func urlunparse(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("urlunparse", args, kw, []string{"components"}, 1)
	if err != nil {
		return nil, err
	}
	c, err := components(t, "urlunparse", a[0], 6)
	if err != nil {
		return nil, err
	}
	return py.String(unparse(parts{c[0], c[1], c[2], c[3], c[4], c[5]})), nil
}

func urlunsplitFn(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("urlunsplit", args, kw, []string{"components"}, 1)
	if err != nil {
		return nil, err
	}
	c, err := components(t, "urlunsplit", a[0], 5)
	if err != nil {
		return nil, err
	}
	return py.String(unsplit(c[0], c[1], c[2], c[3], c[4])), nil
}

func urljoin(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("urljoin", args, kw, []string{"base", "url", "allow_fragments"}, 2)
	if err != nil {
		return nil, err
	}
	base, err := strArg("urljoin", a[0])
	if err != nil {
		return nil, err
	}
	url, err := strArg("urljoin", a[1])
	if err != nil {
		return nil, err
	}
	af, err := truth(t, a[2], true)
	if err != nil {
		return nil, err
	}
	if base == "" {
		return py.String(url), nil
	}
	if url == "" {
		return py.String(base), nil
	}
	b, err := parse(base, "", af)
	if err != nil {
		return nil, err
	}
	u, err := parse(url, b.scheme, af)
	if err != nil {
		return nil, err
	}
	if u.scheme != b.scheme || !usesRelative[u.scheme] {
		return py.String(url), nil
	}
	if usesNetloc[u.scheme] {
		if u.netloc != "" {
			return py.String(unparse(u)), nil
		}
		u.netloc = b.netloc
	}
	if u.path == "" && u.params == "" {
		u.path, u.params = b.path, b.params
		if u.query == "" {
			u.query = b.query
		}
		return py.String(unparse(u)), nil
	}
	baseParts := strings.Split(b.path, "/")
	if baseParts[len(baseParts)-1] != "" {
		baseParts = baseParts[:len(baseParts)-1]
	}
	var segments []string
	if strings.HasPrefix(u.path, "/") {
		segments = strings.Split(u.path, "/")
	} else {
		segments = append(append([]string{}, baseParts...), strings.Split(u.path, "/")...)
		if len(segments) > 2 {
			mid := []string{}
			for _, s := range segments[1 : len(segments)-1] {
				if s != "" {
					mid = append(mid, s)
				}
			}
			segments = append(append([]string{segments[0]}, mid...), segments[len(segments)-1])
		}
	}
	var resolved []string
	for _, seg := range segments {
		switch seg {
		case "..":
			if len(resolved) > 0 {
				resolved = resolved[:len(resolved)-1]
			}
		case ".":
		default:
			resolved = append(resolved, seg)
		}
	}
	if last := segments[len(segments)-1]; last == "." || last == ".." {
		resolved = append(resolved, "")
	}
	u.path = strings.Join(resolved, "/")
	if u.path == "" {
		u.path = "/"
	}
	return py.String(unparse(u)), nil
}

// --- quoting ---

const alwaysSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~"

func toBytes(t *pyexec.Thread, o py.Object, fname string) ([]byte, error) {
	switch x := o.(type) {
	case py.String:
		return []byte(string(x)), nil
	case py.Bytes:
		return []byte(x), nil
	case *pyexec.Instance:
		if s, ok := x.Value().(py.String); ok {
			return []byte(string(s)), nil
		}
	}
	return nil, pyexec.Errorf(pyexec.TypeErrorType, "quote_from_bytes() expected bytes")
}

func quoteBytes(b []byte, safe string) string {
	var sb strings.Builder
	for _, c := range b {
		if c < 128 && (strings.IndexByte(alwaysSafe, c) >= 0 || strings.IndexByte(safe, c) >= 0) {
			sb.WriteByte(c)
		} else {
			fmt.Fprintf(&sb, "%%%02X", c)
		}
	}
	return sb.String()
}

func quoteArgs(t *pyexec.Thread, fname string, args []py.Object, kw py.Tuple, defSafe string) ([]byte, string, error) {
	a, err := pyexec.BindArgs(fname, args, kw, []string{"string", "safe", "encoding", "errors"}, 1)
	if err != nil {
		return nil, "", err
	}
	b, err := toBytes(t, a[0], "quote")
	if err != nil {
		return nil, "", err
	}
	safe := defSafe
	if a[1] != nil {
		sb, err := toBytes(t, a[1], "quote")
		if err != nil {
			return nil, "", err
		}
		safe = string(sb)
	}
	return b, safe, nil
}

func quote(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	b, safe, err := quoteArgs(t, "quote", args, kw, "/")
	if err != nil {
		return nil, err
	}
	return py.String(quoteBytes(b, safe)), nil
}

func quotePlus(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	b, safe, err := quoteArgs(t, "quote_plus", args, kw, "")
	if err != nil {
		return nil, err
	}
	if !strings.Contains(string(b), " ") {
		return py.String(quoteBytes(b, safe)), nil
	}
	return py.String(strings.ReplaceAll(quoteBytes(b, safe+" "), " ", "+")), nil
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func unquoteStr(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var out strings.Builder
	var pend []byte
	flush := func() {
		if len(pend) > 0 {
			out.WriteString(decodeReplaceEach(pend))
			pend = nil
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			h, ok1 := unhex(s[i+1])
			l, ok2 := unhex(s[i+2])
			if ok1 && ok2 {
				pend = append(pend, h<<4|l)
				i += 2
				continue
			}
		}
		if s[i] < 128 {
			pend = append(pend, s[i])
			continue
		}
		flush()
		_, n := utf8.DecodeRuneInString(s[i:])
		out.WriteString(s[i : i+n])
		i += n - 1
	}
	flush()
	return out.String()
}

// decodeReplaceEach decodes bytes with one U+FFFD per invalid byte, as
// CPython's UTF-8 decoder with errors='replace' does for maximal subparts.
func decodeReplaceEach(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			sb.WriteRune('\uFFFD')
			// Skip the maximal invalid prefix of a multi-byte sequence.
			n = invalidPrefix(b)
		} else {
			sb.WriteRune(r)
		}
		b = b[n:]
	}
	return sb.String()
}

func invalidPrefix(b []byte) int {
	c := b[0]
	var need int
	switch {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c >= 0xE0 && c <= 0xEF:
		need = 2
	case c >= 0xF0 && c <= 0xF4:
		need = 3
	default:
		return 1
	}
	i := 1
	for i <= need && i < len(b) && b[i]&0xC0 == 0x80 {
		if i == 1 && ((c == 0xE0 && b[1] < 0xA0) || (c == 0xED && b[1] > 0x9F) || (c == 0xF0 && b[1] < 0x90) || (c == 0xF4 && b[1] > 0x8F)) {
			break
		}
		i++
	}
	return i
}

func unquote(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("unquote", args, kw, []string{"string", "encoding", "errors"}, 1)
	if err != nil {
		return nil, err
	}
	if b, ok := a[0].(py.Bytes); ok {
		return py.String(unquoteStr(string(b))), nil
	}
	s, ok := a[0].(py.String)
	if !ok {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "a bytes-like object is required, not '%s'", pyexec.TypeName(a[0]))
	}
	return py.String(unquoteStr(string(s))), nil
}

func unquotePlus(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("unquote_plus", args, kw, []string{"string", "encoding", "errors"}, 1)
	if err != nil {
		return nil, err
	}
	s, ok := a[0].(py.String)
	if !ok {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "a bytes-like object is required, not '%s'", pyexec.TypeName(a[0]))
	}
	return py.String(unquoteStr(strings.ReplaceAll(string(s), "+", " "))), nil
}

// --- query strings ---

func qsl(t *pyexec.Thread, fname string, args []py.Object, kw py.Tuple) ([][2]string, error) {
	a, err := pyexec.BindArgs(fname, args, kw, []string{"qs", "keep_blank_values", "strict_parsing", "encoding", "errors", "max_num_fields", "separator"}, 1)
	if err != nil {
		return nil, err
	}
	if a[0] == nil || pyexec.IsNone(a[0]) {
		return nil, nil
	}
	var qs string
	switch x := a[0].(type) {
	case py.String:
		qs = string(x)
	case py.Bytes:
		qs = string(x)
	default:
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "a bytes-like object is required, not '%s'", pyexec.TypeName(a[0]))
	}
	keep, err := truth(t, a[1], false)
	if err != nil {
		return nil, err
	}
	strict, err := truth(t, a[2], false)
	if err != nil {
		return nil, err
	}
	sep := "&"
	if a[6] != nil {
		s, ok := a[6].(py.String)
		if !ok || s == "" {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "Separator must be of type string or bytes.")
		}
		sep = string(s)
	}
	if a[5] != nil && !pyexec.IsNone(a[5]) {
		n, _, _ := pyexec.AsIndex(a[5])
		if int64(strings.Count(qs, sep)+1) > n {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "Max number of fields exceeded")
		}
	}
	var out [][2]string
	for _, nv := range strings.Split(qs, sep) {
		if nv == "" && !strict {
			continue
		}
		name, value, found := strings.Cut(nv, "=")
		if !found {
			if strict {
				r, _ := pyexec.Repr(t, py.String(nv))
				return nil, pyexec.Errorf(pyexec.ValueErrorType, "bad query field: %s", r)
			}
			if !keep {
				continue
			}
		}
		if value != "" || keep {
			out = append(out, [2]string{unquoteStr(strings.ReplaceAll(name, "+", " ")), unquoteStr(strings.ReplaceAll(value, "+", " "))})
		}
	}
	return out, nil
}

func parseQSL(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	pairs, err := qsl(t, "parse_qsl", args, kw)
	if err != nil {
		return nil, err
	}
	out := &py.List{Items: []py.Object{}}
	for _, p := range pairs {
		out.Items = append(out.Items, py.Tuple{py.String(p[0]), py.String(p[1])})
	}
	return out, nil
}

func parseQS(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	pairs, err := qsl(t, "parse_qs", args, kw)
	if err != nil {
		return nil, err
	}
	d := pyexec.NewDict(len(pairs))
	for _, p := range pairs {
		v, ok, _ := d.Get(t, py.String(p[0]))
		if ok {
			l := v.(*py.List)
			l.Items = append(l.Items, py.String(p[1]))
			continue
		}
		_ = d.SetItem(t, py.String(p[0]), &py.List{Items: []py.Object{py.String(p[1])}})
	}
	return d, nil
}

func urlencode(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("urlencode", args, kw, []string{"query", "doseq", "safe", "encoding", "errors", "quote_via"}, 1)
	if err != nil {
		return nil, err
	}
	doseq, err := truth(t, a[1], false)
	if err != nil {
		return nil, err
	}
	var quoteVia py.Object = &pyexec.Builtin{Name: "quote_plus", Fn: quotePlus}
	if a[5] != nil {
		quoteVia = a[5]
	}
	safe := a[2]
	if safe == nil {
		safe = py.String("")
	}
	q := func(o py.Object) (string, error) {
		if _, isBytes := o.(py.Bytes); !isBytes {
			if _, isStr := o.(py.String); !isStr {
				s, err := pyexec.Str(t, o)
				if err != nil {
					return "", err
				}
				o = py.String(s)
			}
		}
		r, err := pyexec.Call(t, quoteVia, []py.Object{o, safe}, nil)
		if err != nil {
			return "", err
		}
		return pyexec.Str(t, r)
	}
	var items []py.Object
	if d, ok := a[0].(*pyexec.Dict); ok {
		d.Items(func(k, v py.Object) bool {
			items = append(items, py.Tuple{k, v})
			return true
		})
	} else if f, err := pyexec.GetAttr(t, a[0], "items"); err == nil {
		r, err := pyexec.Call(t, f, nil, nil)
		if err != nil {
			return nil, err
		}
		if items, err = pyexec.Collect(t, r); err != nil {
			return nil, err
		}
	} else {
		n, lerr := pyexec.Len(t, a[0])
		if lerr == nil && n > 0 {
			first, _ := pyexec.GetItem(t, a[0], pyexec.MakeInt(0))
			if _, isTuple := first.(py.Tuple); !isTuple {
				lerr = fmt.Errorf("bad")
			}
		}
		if lerr != nil {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "not a valid non-string sequence or mapping object")
		}
		if items, err = pyexec.Collect(t, a[0]); err != nil {
			return nil, err
		}
	}
	var out []string
	for _, it := range items {
		kv, err := pyexec.Collect(t, it)
		if err != nil {
			return nil, err
		}
		if len(kv) != 2 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "too many values to unpack (expected 2)")
		}
		k, err := q(kv[0])
		if err != nil {
			return nil, err
		}
		v := kv[1]
		_, isStr := v.(py.String)
		_, isBytes := v.(py.Bytes)
		if !doseq || isStr || isBytes {
			vs, err := q(v)
			if err != nil {
				return nil, err
			}
			out = append(out, k+"="+vs)
			continue
		}
		if _, err := pyexec.Len(t, v); err != nil {
			vs, err := q(v)
			if err != nil {
				return nil, err
			}
			out = append(out, k+"="+vs)
			continue
		}
		elts, err := pyexec.Collect(t, v)
		if err != nil {
			return nil, err
		}
		for _, e := range elts {
			vs, err := q(e)
			if err != nil {
				return nil, err
			}
			out = append(out, k+"="+vs)
		}
	}
	return py.String(strings.Join(out, "&")), nil
}

// --- netloc properties of ParseResult and SplitResult ---

func netlocOf(self py.Object) string {
	if in, ok := self.(*pyexec.Instance); ok {
		if tup, ok := in.Value().(py.Tuple); ok && len(tup) > 1 {
			s, _ := tup[1].(py.String)
			return string(s)
		}
	}
	return ""
}

func userinfo(netloc string) (user, pass py.Object) {
	user, pass = py.None, py.None
	at := strings.LastIndexByte(netloc, '@')
	if at < 0 {
		return
	}
	info := netloc[:at]
	if u, p, ok := strings.Cut(info, ":"); ok {
		return py.String(u), py.String(p)
	}
	return py.String(info), py.None
}

func hostinfo(netloc string) (host, port string, hasPort bool) {
	if at := strings.LastIndexByte(netloc, '@'); at >= 0 {
		netloc = netloc[at+1:]
	}
	if strings.HasPrefix(netloc, "[") {
		end := strings.IndexByte(netloc, ']')
		if end < 0 {
			return netloc, "", false
		}
		host = netloc[1:end]
		rest := netloc[end+1:]
		if strings.HasPrefix(rest, ":") {
			return host, rest[1:], true
		}
		return host, "", false
	}
	h, p, ok := strings.Cut(netloc, ":")
	return h, p, ok
}

func addNetlocProps(t *pyexec.Thread, cls *py.Type, isParse bool) error {
	d, ok := pyexec.ClassDict(cls)
	if !ok {
		return nil
	}
	prop := func(name string, fn func(netloc string) (py.Object, error)) {
		_ = d.SetItem(t, py.String(name), &pyexec.Property{Name: name, Get: &pyexec.Builtin{Name: name, Fn: func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			return fn(netlocOf(args[0]))
		}}})
	}
	prop("username", func(n string) (py.Object, error) { u, _ := userinfo(n); return u, nil })
	prop("password", func(n string) (py.Object, error) { _, p := userinfo(n); return p, nil })
	prop("hostname", func(n string) (py.Object, error) {
		h, _, _ := hostinfo(n)
		if h == "" {
			return py.None, nil
		}
		if i := strings.IndexByte(h, '%'); i >= 0 {
			return py.String(strings.ToLower(h[:i]) + h[i:]), nil
		}
		return py.String(strings.ToLower(h)), nil
	})
	prop("port", func(n string) (py.Object, error) {
		_, p, ok := hostinfo(n)
		if !ok || p == "" {
			return py.None, nil
		}
		v, err := strconv.Atoi(p)
		if err != nil || !isDigits(p) {
			r, _ := pyexec.Repr(nil, py.String(p))
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "Port could not be cast to integer value as %s", r)
		}
		if v < 0 || v > 65535 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "Port out of range 0-65535")
		}
		return pyexec.MakeInt(int64(v)), nil
	})
	_ = d.SetItem(t, py.String("geturl"), &pyexec.Method{Name: "geturl", Owner: py.ObjectType, Fn: func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		tup := self.(*pyexec.Instance).Value().(py.Tuple)
		s := make([]string, len(tup))
		for i, x := range tup {
			xs, _ := x.(py.String)
			s[i] = string(xs)
		}
		if isParse {
			return py.String(unparse(parts{s[0], s[1], s[2], s[3], s[4], s[5]})), nil
		}
		return py.String(unsplit(s[0], s[1], s[2], s[3], s[4])), nil
	}})
	return nil
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}
