package jsonmod

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

type decoder struct {
	t                                   *pyexec.Thread
	s                                   []rune
	objectHook, pairsHook               py.Object
	parseFloat, parseInt, parseConstant py.Object
	strict                              bool
	// depth is the nesting of arrays and objects being decoded.
	depth int
}

// maxDepth bounds the nesting json.loads and json.dumps follow, as
// CPython's recursion limit does (its C scanner and encoder count each
// level as a call), so deeply nested input raises RecursionError rather
// than overflowing the Go stack.
const maxDepth = pyexec.DefaultRecursionLimit

// enter counts one more level of nesting; the caller must call d.depth--
// when it returns.
func (d *decoder) enter(what string) error {
	d.depth++
	if d.depth > maxDepth {
		return pyexec.Errorf(pyexec.RecursionErrorType, "maximum recursion depth exceeded while decoding a JSON %s from a unicode string", what)
	}
	return nil
}

// stop is the StopIteration of CPython's scanner: no value at pos.
type stop struct{ pos int }

func (stop) Error() string { return "stop" }

func (d *decoder) errAt(msg string, pos int) error {
	lineno := 1
	last := -1
	for i := 0; i < pos && i < len(d.s); i++ {
		if d.s[i] == '\n' {
			lineno++
			last = i
		}
	}
	colno := pos - last
	return pyexec.NewException(JSONDecodeErrorType, py.String(msg+": line "+strconv.Itoa(lineno)+" column "+strconv.Itoa(colno)+" (char "+strconv.Itoa(pos)+")"))
}

func isWS(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

func (d *decoder) ws(i int) int {
	for i < len(d.s) && isWS(d.s[i]) {
		i++
	}
	return i
}

func (d *decoder) at(i int) rune {
	if i < len(d.s) && i >= 0 {
		return d.s[i]
	}
	return 0
}

var loadsParams = []string{"s", "$cls", "$object_hook", "$parse_float", "$parse_int", "$parse_constant", "$object_pairs_hook", "$strict"}

func loads(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("loads", args, kw, loadsParams, 1)
	if err != nil {
		return nil, err
	}
	var s string
	switch x := a[0].(type) {
	case py.String:
		s = string(x)
		if strings.HasPrefix(s, "\ufeff") {
			d := &decoder{s: []rune(s)}
			return nil, d.errAt("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0)
		}
	case py.Bytes:
		s = strings.TrimPrefix(string(x), "\ufeff")
	default:
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "the JSON object must be str, bytes or bytearray, not %s", pyexec.TypeName(a[0]))
	}
	opt := func(o py.Object) py.Object {
		if o == nil || pyexec.IsNone(o) {
			return nil
		}
		return o
	}
	if opt(a[1]) != nil {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "json.loads(cls=...) is not supported by pybridge")
	}
	d := &decoder{t: t, s: []rune(s), objectHook: opt(a[2]), parseFloat: opt(a[3]), parseInt: opt(a[4]),
		parseConstant: opt(a[5]), pairsHook: opt(a[6]), strict: true}
	if a[7] != nil {
		if d.strict, err = pyexec.Truth(t, a[7]); err != nil {
			return nil, err
		}
	}
	v, end, err := d.scan(d.ws(0))
	if err != nil {
		if st, ok := err.(stop); ok {
			return nil, d.errAt("Expecting value", st.pos)
		}
		return nil, err
	}
	end = d.ws(end)
	if end != len(d.s) {
		return nil, d.errAt("Extra data", end)
	}
	return v, nil
}

func (d *decoder) hasPrefix(i int, lit string) bool {
	r := []rune(lit)
	if i+len(r) > len(d.s) {
		return false
	}
	for k, c := range r {
		if d.s[i+k] != c {
			return false
		}
	}
	return true
}

func (d *decoder) constant(name string) (py.Object, error) {
	if d.parseConstant != nil {
		return pyexec.Call(d.t, d.parseConstant, []py.Object{py.String(name)}, nil)
	}
	switch name {
	case "NaN":
		return py.Float(math.NaN()), nil
	case "Infinity":
		return py.Float(math.Inf(1)), nil
	}
	return py.Float(math.Inf(-1)), nil
}

func (d *decoder) scan(i int) (py.Object, int, error) {
	if i >= len(d.s) {
		return nil, 0, stop{i}
	}
	switch d.s[i] {
	case '"':
		s, end, err := d.str(i + 1)
		return py.String(s), end, err
	case '{':
		return d.object(i + 1)
	case '[':
		return d.array(i + 1)
	case 'n':
		if d.hasPrefix(i, "null") {
			return py.None, i + 4, nil
		}
	case 't':
		if d.hasPrefix(i, "true") {
			return py.True, i + 4, nil
		}
	case 'f':
		if d.hasPrefix(i, "false") {
			return py.False, i + 5, nil
		}
	case 'N':
		if d.hasPrefix(i, "NaN") {
			v, err := d.constant("NaN")
			return v, i + 3, err
		}
	case 'I':
		if d.hasPrefix(i, "Infinity") {
			v, err := d.constant("Infinity")
			return v, i + 8, err
		}
	case '-':
		if d.hasPrefix(i, "-Infinity") {
			v, err := d.constant("-Infinity")
			return v, i + 9, err
		}
	}
	return d.number(i)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func (d *decoder) number(start int) (py.Object, int, error) {
	i := start
	n := len(d.s)
	if i < n && d.s[i] == '-' {
		i++
		if i >= n {
			return nil, 0, stop{start}
		}
	}
	switch {
	case i < n && d.s[i] >= '1' && d.s[i] <= '9':
		i++
		for i < n && isDigit(d.s[i]) {
			i++
		}
	case i < n && d.s[i] == '0':
		i++
	default:
		return nil, 0, stop{start}
	}
	isFloat := false
	if i < n-1 && d.s[i] == '.' && isDigit(d.s[i+1]) {
		isFloat = true
		i += 2
		for i < n && isDigit(d.s[i]) {
			i++
		}
	}
	if i < n-1 && (d.s[i] == 'e' || d.s[i] == 'E') {
		e := i
		i++
		if i < n-1 && (d.s[i] == '-' || d.s[i] == '+') {
			i++
		}
		j := i
		for i < n && isDigit(d.s[i]) {
			i++
		}
		if i > j {
			isFloat = true
		} else {
			i = e
		}
	}
	text := string(d.s[start:i])
	if isFloat {
		if d.parseFloat != nil {
			v, err := pyexec.Call(d.t, d.parseFloat, []py.Object{py.String(text)}, nil)
			return v, i, err
		}
		f, _ := strconv.ParseFloat(text, 64)
		return py.Float(f), i, nil
	}
	if d.parseInt != nil {
		v, err := pyexec.Call(d.t, d.parseInt, []py.Object{py.String(text)}, nil)
		return v, i, err
	}
	if v, err := strconv.ParseInt(text, 10, 64); err == nil {
		return pyexec.MakeInt(v), i, nil
	}
	b, _ := new(big.Int).SetString(text, 10)
	return pyexec.IntFromBig(b), i, nil
}

func hexVal(rs []rune) (rune, bool) {
	var v rune
	for _, r := range rs {
		v <<= 4
		switch {
		case r >= '0' && r <= '9':
			v |= r - '0'
		case r >= 'a' && r <= 'f':
			v |= r - 'a' + 10
		case r >= 'A' && r <= 'F':
			v |= r - 'A' + 10
		default:
			return 0, false
		}
	}
	return v, true
}

// str scans a string body starting after the opening quote (CPython's
// scanstring_unicode).
func (d *decoder) str(end int) (string, int, error) {
	begin := end - 1
	n := len(d.s)
	var b strings.Builder
	for {
		next := end
		var c rune
		for ; next < n; next++ {
			c = d.s[next]
			if c == '"' || c == '\\' {
				break
			}
			if c <= 0x1f && d.strict {
				return "", 0, d.errAt("Invalid control character at", next)
			}
		}
		if next >= n {
			return "", 0, d.errAt("Unterminated string starting at", begin)
		}
		b.WriteString(string(d.s[end:next]))
		next++
		if c == '"' {
			return b.String(), next, nil
		}
		if next == n {
			return "", 0, d.errAt("Unterminated string starting at", begin)
		}
		c = d.s[next]
		if c != 'u' {
			end = next + 1
			switch c {
			case '"', '\\', '/':
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			default:
				return "", 0, d.errAt("Invalid \\escape", end-2)
			}
			b.WriteRune(c)
			continue
		}
		next++
		end = next + 4
		if end > n {
			return "", 0, d.errAt("Invalid \\uXXXX escape", next-1)
		}
		v, ok := hexVal(d.s[next:end])
		if !ok {
			return "", 0, d.errAt("Invalid \\uXXXX escape", end-5)
		}
		if v >= 0xd800 && v <= 0xdbff && end+6 <= n && d.s[end] == '\\' && d.s[end+1] == 'u' {
			v2, ok := hexVal(d.s[end+2 : end+6])
			if !ok {
				return "", 0, d.errAt("Invalid \\uXXXX escape", end+1)
			}
			if v2 >= 0xdc00 && v2 <= 0xdfff {
				v = 0x10000 + ((v - 0xd800) << 10) + (v2 - 0xdc00)
				end += 6
			}
		}
		b.WriteRune(v)
	}
}

func (d *decoder) object(end int) (py.Object, int, error) {
	defer func() { d.depth-- }()
	if err := d.enter("object"); err != nil {
		return nil, 0, err
	}
	var pairs []py.Tuple
	next := d.at(end)
	if next != '"' {
		if isWS(next) {
			end = d.ws(end)
			next = d.at(end)
		}
		if next == '}' {
			v, err := d.finishObject(pairs)
			return v, end + 1, err
		}
		if next != '"' {
			return nil, 0, d.errAt("Expecting property name enclosed in double quotes", end)
		}
	}
	end++
	for {
		key, e, err := d.str(end)
		if err != nil {
			return nil, 0, err
		}
		end = e
		if d.at(end) != ':' {
			end = d.ws(end)
			if d.at(end) != ':' {
				return nil, 0, d.errAt("Expecting ':' delimiter", end)
			}
		}
		end = d.ws(end + 1)
		v, e, err := d.scan(end)
		if err != nil {
			if st, ok := err.(stop); ok {
				return nil, 0, d.errAt("Expecting value", st.pos)
			}
			return nil, 0, err
		}
		end = e
		pairs = append(pairs, py.Tuple{py.String(key), v})
		end = d.ws(end)
		next = d.at(end)
		end++
		if next == '}' {
			break
		}
		if next != ',' {
			return nil, 0, d.errAt("Expecting ',' delimiter", end-1)
		}
		end = d.ws(end)
		next = d.at(end)
		end++
		if next != '"' {
			return nil, 0, d.errAt("Expecting property name enclosed in double quotes", end-1)
		}
	}
	v, err := d.finishObject(pairs)
	return v, end, err
}

func (d *decoder) finishObject(pairs []py.Tuple) (py.Object, error) {
	if d.pairsHook != nil {
		items := make([]py.Object, len(pairs))
		for i, p := range pairs {
			items[i] = p
		}
		return pyexec.Call(d.t, d.pairsHook, []py.Object{&py.List{Items: items}}, nil)
	}
	dict := pyexec.NewDict(len(pairs))
	for _, p := range pairs {
		if err := dict.SetItem(d.t, p[0], p[1]); err != nil {
			return nil, err
		}
	}
	if d.objectHook != nil {
		return pyexec.Call(d.t, d.objectHook, []py.Object{dict}, nil)
	}
	return dict, nil
}

func (d *decoder) array(end int) (py.Object, int, error) {
	defer func() { d.depth-- }()
	if err := d.enter("array"); err != nil {
		return nil, 0, err
	}
	var items []py.Object
	end = d.ws(end)
	if d.at(end) == ']' {
		return &py.List{Items: items}, end + 1, nil
	}
	for {
		v, e, err := d.scan(end)
		if err != nil {
			if st, ok := err.(stop); ok {
				return nil, 0, d.errAt("Expecting value", st.pos)
			}
			return nil, 0, err
		}
		items = append(items, v)
		end = d.ws(e)
		next := d.at(end)
		end++
		if next == ']' {
			break
		}
		if next != ',' {
			return nil, 0, d.errAt("Expecting ',' delimiter", end-1)
		}
		end = d.ws(end)
	}
	return &py.List{Items: items}, end, nil
}
