package remod

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Python's re flag values.
const (
	flagTemplate   = 1
	flagIgnoreCase = 2
	flagLocale     = 4
	flagMultiline  = 8
	flagDotAll     = 16
	flagUnicode    = 32
	flagVerbose    = 64
	flagDebug      = 128
	flagASCII      = 256
)

// reError is a pattern error with CPython's message and position (-1: none).
type reError struct {
	msg string
	pos int
}

func (e *reError) Error() string { return e.msg }

// valueErr marks a flag conflict, reported as ValueError.
const valueErr = -2

// translated is a Python pattern rewritten into regexp2 (.NET) syntax.
type translated struct {
	expr      string
	flags     int // the pattern's flags, inline global flags included
	groups    int
	names     map[string]int
	nameOrder []string
	closeAt   []int // per group number (1-based): position of its ')'
}

const asciiWord = `a-zA-Z0-9_`

type translator struct {
	src     []rune
	i       int
	out     strings.Builder
	isBytes bool
	flags   int
	tr      *translated
	verbose []bool // VERBOSE state per open group
	open    []int  // group number (0: non-capturing) per open paren
	openPos []int
	canRep  bool // the last item can take a quantifier
	lastRep bool // the last item is a quantifier
}

func (p *translator) errf(pos int, format string, a ...any) error {
	return &reError{msg: fmt.Sprintf(format, a...), pos: pos}
}

func (p *translator) ascii() bool { return p.isBytes || p.flags&flagASCII != 0 }

func (p *translator) isVerbose() bool { return p.verbose[len(p.verbose)-1] }

var flagLetters = map[rune]int{'a': flagASCII, 'i': flagIgnoreCase, 'L': flagLocale, 'm': flagMultiline, 's': flagDotAll, 'u': flagUnicode, 'x': flagVerbose}

// translate rewrites pattern src (with the given flags) for regexp2.
func translate(src []rune, flags int, isBytes bool) (*translated, error) {
	p := &translator{src: src, isBytes: isBytes, flags: flags, tr: &translated{names: map[string]int{}, closeAt: []int{0}}}
	// Global inline flags at the start fix the flags of the whole pattern.
	for p.i+1 < len(src) && src[p.i] == '(' && src[p.i+1] == '?' {
		j := p.i + 2
		add := 0
		for j < len(src) && flagLetters[src[j]] != 0 {
			add |= flagLetters[src[j]]
			j++
		}
		if j < len(src) && src[j] == ')' && j > p.i+2 {
			p.flags |= add
			p.i = j + 1
			continue
		}
		break
	}
	if err := p.checkFlags(p.flags, 0); err != nil {
		return nil, err
	}
	p.verbose = []bool{p.flags&flagVerbose != 0}
	if err := p.parse(); err != nil {
		return nil, err
	}
	p.tr.expr = p.out.String()
	p.tr.flags = p.flags
	if !isBytes && p.flags&flagASCII == 0 {
		p.tr.flags |= flagUnicode
	}
	return p.tr, nil
}

func (p *translator) checkFlags(f, pos int) error {
	if p.isBytes && f&flagUnicode != 0 {
		return p.errf(valueErr, "cannot use UNICODE flag with a bytes pattern")
	}
	if !p.isBytes && f&flagLocale != 0 {
		return p.errf(valueErr, "cannot use LOCALE flag with a str pattern")
	}
	if f&flagASCII != 0 && f&flagUnicode != 0 {
		return p.errf(valueErr, "ASCII and UNICODE flags are incompatible")
	}
	return nil
}

func (p *translator) skipVerbose() {
	for p.i < len(p.src) && p.isVerbose() {
		c := p.src[p.i]
		if c == '#' {
			for p.i < len(p.src) && p.src[p.i] != '\n' {
				p.i++
			}
			continue
		}
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
			p.i++
			continue
		}
		break
	}
}

func (p *translator) literal(r rune) {
	if strings.ContainsRune(`\.^$|?*+()[]{}#`, r) || r == ' ' {
		p.out.WriteByte('\\')
		p.out.WriteRune(r)
		return
	}
	switch r {
	case '\n':
		p.out.WriteString(`\n`)
	case '\t':
		p.out.WriteString(`\t`)
	case '\r':
		p.out.WriteString(`\r`)
	case '\f':
		p.out.WriteString(`\f`)
	case '\v':
		p.out.WriteString(`\v`)
	default:
		if r < 0x20 || r == 0x7f {
			fmt.Fprintf(&p.out, `\x%02x`, r)
		} else {
			p.out.WriteRune(r)
		}
	}
}

func (p *translator) parse() error {
	for {
		p.skipVerbose()
		if p.i >= len(p.src) {
			break
		}
		pos := p.i
		c := p.src[p.i]
		switch c {
		case '|':
			p.i++
			p.out.WriteByte('|')
			p.canRep, p.lastRep = false, false
		case '(':
			if err := p.group(); err != nil {
				return err
			}
		case ')':
			if len(p.open) == 0 {
				return p.errf(pos, "unbalanced parenthesis")
			}
			p.i++
			g := p.open[len(p.open)-1]
			p.open = p.open[:len(p.open)-1]
			p.openPos = p.openPos[:len(p.openPos)-1]
			p.verbose = p.verbose[:len(p.verbose)-1]
			if g > 0 {
				p.tr.closeAt[g] = pos
			}
			p.out.WriteByte(')')
			p.canRep, p.lastRep = true, false
		case '*', '+', '?', '{':
			if c == '{' && !p.isQuant() {
				p.i++
				p.out.WriteString(`\{`)
				p.canRep, p.lastRep = true, false
				break
			}
			if err := p.quant(); err != nil {
				return err
			}
		case '[':
			if err := p.class(); err != nil {
				return err
			}
			p.canRep, p.lastRep = true, false
		case '\\':
			if err := p.escape(false); err != nil {
				return err
			}
		case '.':
			p.i++
			p.out.WriteByte('.')
			p.canRep, p.lastRep = true, false
		case '^', '$':
			p.i++
			p.out.WriteRune(c)
			p.canRep, p.lastRep = false, false
		default:
			p.i++
			p.literal(c)
			p.canRep, p.lastRep = true, false
		}
	}
	if len(p.open) > 0 {
		return p.errf(p.openPos[len(p.openPos)-1], "missing ), unterminated subpattern")
	}
	return nil
}

// isQuant reports whether the '{' at p.i starts a {m,n} repeat.
func (p *translator) isQuant() bool {
	j := p.i + 1
	digits := func() int {
		k := j
		for j < len(p.src) && p.src[j] >= '0' && p.src[j] <= '9' {
			j++
		}
		return j - k
	}
	digits()
	if j < len(p.src) && p.src[j] == ',' {
		j++
		digits()
	}
	return j < len(p.src) && p.src[j] == '}'
}

func (p *translator) quant() error {
	pos := p.i
	c := p.src[p.i]
	if p.lastRep {
		return p.errf(pos, "multiple repeat")
	}
	if !p.canRep {
		return p.errf(pos, "nothing to repeat")
	}
	p.i++
	if c == '{' {
		j := p.i
		for p.src[p.i] != '}' {
			p.i++
		}
		body := string(p.src[j:p.i])
		p.i++
		lo, hi, comma := body, body, false
		if k := strings.IndexByte(body, ','); k >= 0 {
			lo, hi, comma = body[:k], body[k+1:], true
		}
		if lo == "" {
			lo = "0"
		}
		lv, err1 := strconv.Atoi(lo)
		if err1 != nil || lv > 4294967294 {
			return p.errf(j, "the repetition number is too large")
		}
		if hi != "" {
			hv, err := strconv.Atoi(hi)
			if err != nil || hv > 4294967294 {
				return p.errf(j, "the repetition number is too large")
			}
			if hv < lv {
				return p.errf(j, "min repeat greater than max repeat")
			}
		}
		if comma {
			fmt.Fprintf(&p.out, "{%s,%s}", lo, hi)
		} else {
			fmt.Fprintf(&p.out, "{%s}", lo)
		}
	} else {
		p.out.WriteRune(c)
	}
	if p.i < len(p.src) && p.src[p.i] == '?' {
		p.i++
		p.out.WriteByte('?')
	} else if p.i < len(p.src) && p.src[p.i] == '+' {
		return p.errf(p.i, "possessive quantifiers are not supported by pybridge")
	}
	p.canRep, p.lastRep = false, true
	return nil
}

func (p *translator) name(end rune, what string) (string, int, error) {
	pos := p.i
	j := p.i
	for j < len(p.src) && p.src[j] != end {
		j++
	}
	if j >= len(p.src) {
		if what == "" {
			return "", pos, p.errf(pos, "missing %c, unterminated name", end)
		}
		return "", pos, p.errf(pos, "missing %c, unterminated name", end)
	}
	n := string(p.src[p.i:j])
	if n == "" {
		return "", pos, p.errf(pos, "missing group name")
	}
	p.i = j + 1
	return n, pos, nil
}

func isIdent(s string) bool {
	for i, r := range s {
		if !(r == '_' || unicode.IsLetter(r) || (i > 0 && (unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)))) {
			return false
		}
	}
	return s != ""
}

func (p *translator) openGroup(num, pos int, verbose bool) {
	p.open = append(p.open, num)
	p.openPos = append(p.openPos, pos)
	p.verbose = append(p.verbose, verbose)
	p.canRep, p.lastRep = false, false
}

func (p *translator) newGroup() int {
	p.tr.groups++
	p.tr.closeAt = append(p.tr.closeAt, 0)
	return p.tr.groups
}

func (p *translator) group() error {
	pos := p.i
	p.i++
	if p.i >= len(p.src) || p.src[p.i] != '?' {
		g := p.newGroup()
		p.out.WriteByte('(')
		p.openGroup(g, pos, p.isVerbose())
		return nil
	}
	p.i++
	if p.i >= len(p.src) {
		return p.errf(p.i, "unexpected end of pattern")
	}
	c := p.src[p.i]
	switch c {
	case ':', '=', '!', '>':
		p.i++
		p.out.WriteString("(?" + string(c))
		p.openGroup(0, pos, p.isVerbose())
		return nil
	case '<':
		p.i++
		if p.i < len(p.src) && (p.src[p.i] == '=' || p.src[p.i] == '!') {
			p.out.WriteString("(?<" + string(p.src[p.i]))
			p.i++
			p.openGroup(0, pos, p.isVerbose())
			return nil
		}
		if p.i >= len(p.src) {
			return p.errf(p.i, "unexpected end of pattern")
		}
		return p.errf(pos+1, "unknown extension ?<%c", p.src[p.i])
	case '#':
		for p.i < len(p.src) && p.src[p.i] != ')' {
			p.i++
		}
		if p.i >= len(p.src) {
			return p.errf(pos, "missing ), unterminated comment")
		}
		p.i++
		return nil
	case 'P':
		p.i++
		if p.i >= len(p.src) {
			return p.errf(p.i, "unexpected end of pattern")
		}
		switch p.src[p.i] {
		case '<':
			p.i++
			n, npos, err := p.name('>', "")
			if err != nil {
				return err
			}
			if !isIdent(n) {
				return p.errf(npos, "bad character in group name '%s'", n)
			}
			if old, dup := p.tr.names[n]; dup {
				return p.errf(npos, "redefinition of group name '%s' as group %d; was group %d", n, p.tr.groups+1, old)
			}
			g := p.newGroup()
			p.tr.names[n] = g
			p.tr.nameOrder = append(p.tr.nameOrder, n)
			p.out.WriteByte('(')
			p.openGroup(g, pos, p.isVerbose())
			return nil
		case '=':
			p.i++
			n, npos, err := p.name(')', "")
			if err != nil {
				return err
			}
			if !isIdent(n) {
				return p.errf(npos, "bad character in group name '%s'", n)
			}
			g, ok := p.tr.names[n]
			if !ok {
				return p.errf(npos, "unknown group name '%s'", n)
			}
			if p.isOpen(g) {
				return p.errf(npos, "cannot refer to an open group")
			}
			fmt.Fprintf(&p.out, `\k<%d>`, g)
			p.canRep, p.lastRep = true, false
			return nil
		}
		return p.errf(pos+1, "unknown extension ?P%c", p.src[p.i])
	case '(':
		p.i++
		n, npos, err := p.name(')', "")
		if err != nil {
			return err
		}
		g, ok := p.tr.names[n]
		if !ok {
			v, err := strconv.Atoi(n)
			if err != nil || !isDigits(n) {
				if isIdent(n) {
					return p.errf(npos, "unknown group name '%s'", n)
				}
				return p.errf(npos, "bad character in group name '%s'", n)
			}
			if v == 0 {
				return p.errf(npos, "bad group number")
			}
			g = v
		}
		fmt.Fprintf(&p.out, "(?(%d)", g)
		p.openGroup(0, pos, p.isVerbose())
		return nil
	}
	// Inline flags: (?flags) or (?flags-flags:...).
	add, sub := 0, 0
	for p.i < len(p.src) && flagLetters[p.src[p.i]] != 0 {
		add |= flagLetters[p.src[p.i]]
		p.i++
	}
	if p.i < len(p.src) && p.src[p.i] == '-' {
		p.i++
		for p.i < len(p.src) && flagLetters[p.src[p.i]] != 0 {
			f := flagLetters[p.src[p.i]]
			if f == flagASCII || f == flagUnicode || f == flagLocale {
				return p.errf(p.i, "bad inline flags: cannot turn off flags 'a', 'u' and 'L'")
			}
			sub |= f
			p.i++
		}
	}
	if p.i >= len(p.src) {
		return p.errf(p.i, "missing -, : or )")
	}
	switch p.src[p.i] {
	case ')':
		if add == 0 && sub == 0 {
			return p.errf(pos+1, "unknown extension ?%c", p.src[p.i])
		}
		return p.errf(pos, "global flags not at the start of the expression")
	case ':':
		if add == 0 && sub == 0 {
			return p.errf(pos+1, "unknown extension ?%c", p.src[p.i])
		}
		p.i++
		if err := p.checkFlags(add, pos); err != nil {
			return err
		}
		on, off := netFlags(add), netFlags(sub)
		if off != "" {
			off = "-" + off
		}
		p.out.WriteString("(?" + on + off + ":")
		v := p.isVerbose()
		if add&flagVerbose != 0 {
			v = true
		}
		if sub&flagVerbose != 0 {
			v = false
		}
		p.openGroup(0, pos, v)
		return nil
	}
	if add == 0 && sub == 0 {
		return p.errf(pos+1, "unknown extension ?%c", p.src[p.i])
	}
	return p.errf(p.i, "missing -, : or )")
}

func netFlags(f int) string {
	s := ""
	if f&flagIgnoreCase != 0 {
		s += "i"
	}
	if f&flagMultiline != 0 {
		s += "m"
	}
	if f&flagDotAll != 0 {
		s += "s"
	}
	return s
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func (p *translator) isOpen(g int) bool {
	for _, o := range p.open {
		if o == g {
			return true
		}
	}
	return false
}

func isOct(r rune) bool { return r >= '0' && r <= '7' }

func hexVal(rs []rune) (rune, bool) {
	v, err := strconv.ParseUint(string(rs), 16, 32)
	return rune(v), err == nil
}

// escapeRune parses a character escape (after the backslash at p.i-1)
// that stands for one character; ok is false for other escapes.
func (p *translator) escapeRune(pos int, inClass bool) (rune, bool, error) {
	c := p.src[p.i]
	simple := map[rune]rune{'a': 7, 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t', 'v': '\v', '\\': '\\'}
	if r, ok := simple[c]; ok {
		p.i++
		return r, true, nil
	}
	if c == 'b' && inClass {
		p.i++
		return 8, true, nil
	}
	hexN := map[rune]int{'x': 2, 'u': 4, 'U': 8}
	if n, ok := hexN[c]; ok && (c == 'x' || !p.isBytes) {
		if p.i+1+n > len(p.src) {
			return 0, false, p.errf(pos, "incomplete escape \\%c%s", c, string(p.src[p.i+1:]))
		}
		v, good := hexVal(p.src[p.i+1 : p.i+1+n])
		if !good {
			k := p.i + 1
			for k < p.i+1+n && strings.ContainsRune("0123456789abcdefABCDEF", p.src[k]) {
				k++
			}
			return 0, false, p.errf(pos, "incomplete escape \\%s", string(p.src[p.i:k]))
		}
		if v > unicode.MaxRune {
			return 0, false, p.errf(pos, "bad escape \\%s", string(p.src[p.i:p.i+1+n]))
		}
		p.i += 1 + n
		return v, true, nil
	}
	if c == '0' {
		j := p.i + 1
		for j < len(p.src) && j < p.i+3 && isOct(p.src[j]) {
			j++
		}
		v, _ := strconv.ParseUint(string(p.src[p.i:j]), 8, 32)
		p.i = j
		return rune(v), true, nil
	}
	if c >= '1' && c <= '9' {
		if p.i+2 < len(p.src) && isOct(c) && isOct(p.src[p.i+1]) && isOct(p.src[p.i+2]) {
			v, _ := strconv.ParseUint(string(p.src[p.i:p.i+3]), 8, 32)
			if v > 0o377 {
				return 0, false, p.errf(pos, "octal escape value \\%s outside of range 0-0o377", string(p.src[p.i:p.i+3]))
			}
			p.i += 3
			return rune(v), true, nil
		}
		if inClass && isOct(c) {
			j := p.i + 1
			for j < len(p.src) && j < p.i+3 && isOct(p.src[j]) {
				j++
			}
			v, _ := strconv.ParseUint(string(p.src[p.i:j]), 8, 32)
			p.i = j
			return rune(v), true, nil
		}
		if inClass {
			return 0, false, p.errf(pos, "bad escape \\%c", c)
		}
		return 0, false, nil
	}
	if c < 128 && (unicode.IsLetter(c) || unicode.IsDigit(c)) {
		return 0, false, nil
	}
	p.i++
	return c, true, nil
}

// escape translates the escape at p.i (a backslash) outside a class.
func (p *translator) escape(inClass bool) error {
	pos := p.i
	p.i++
	if p.i >= len(p.src) {
		return p.errf(pos, "bad escape (end of pattern)")
	}
	c := p.src[p.i]
	switch c {
	case 'd', 'D', 'w', 'W', 's', 'S':
		p.i++
		p.classEscape(c, inClass)
		if !inClass {
			p.canRep, p.lastRep = true, false
		}
		return nil
	case 'A', 'b', 'B', 'Z':
		if inClass {
			if c == 'b' {
				break
			}
			return p.errf(pos, "bad escape \\%c", c)
		}
		p.i++
		switch {
		case c == 'Z':
			p.out.WriteString(`\z`)
		case (c == 'b' || c == 'B') && p.ascii():
			w := `[` + asciiWord + `]`
			if c == 'b' {
				p.out.WriteString(`(?:(?<=` + w + `)(?!` + w + `)|(?<!` + w + `)(?=` + w + `))`)
			} else {
				p.out.WriteString(`(?:(?<=` + w + `)(?=` + w + `)|(?<!` + w + `)(?!` + w + `))`)
			}
		default:
			p.out.WriteString(`\` + string(c))
		}
		p.canRep, p.lastRep = false, false
		return nil
	}
	if !inClass && c >= '1' && c <= '9' {
		if !(p.i+2 < len(p.src) && isOct(c) && isOct(p.src[p.i+1]) && isOct(p.src[p.i+2])) {
			j := p.i + 1
			if j < len(p.src) && p.src[j] >= '0' && p.src[j] <= '9' {
				j++
			}
			g, _ := strconv.Atoi(string(p.src[p.i:j]))
			if g > p.tr.groups || g >= 100 {
				return p.errf(pos+1, "invalid group reference %d", g)
			}
			if p.isOpen(g) {
				return p.errf(pos, "cannot refer to an open group")
			}
			p.i = j
			fmt.Fprintf(&p.out, `\k<%d>`, g)
			p.canRep, p.lastRep = true, false
			return nil
		}
	}
	r, ok, err := p.escapeRune(pos, inClass)
	if err != nil {
		return err
	}
	if !ok {
		return p.errf(pos, "bad escape \\%c", c)
	}
	if inClass {
		p.classLiteral(r)
	} else {
		p.literal(r)
		p.canRep, p.lastRep = true, false
	}
	return nil
}

func (p *translator) classEscape(c rune, inClass bool) {
	if !p.ascii() {
		p.out.WriteString(`\` + string(c))
		return
	}
	var set string
	switch c {
	case 'd', 'D':
		set = `0-9`
	case 'w', 'W':
		set = asciiWord
	case 's', 'S':
		set = `\x20\t\n\r\f\v`
	}
	neg := c == 'D' || c == 'W' || c == 'S'
	switch {
	case inClass && !neg:
		p.out.WriteString(set)
	case inClass:
		p.out.WriteString(`\` + string(c))
	case neg:
		p.out.WriteString(`[^` + set + `]`)
	default:
		p.out.WriteString(`[` + set + `]`)
	}
}

func (p *translator) classLiteral(r rune) {
	if strings.ContainsRune(`\[]^-`, r) {
		p.out.WriteByte('\\')
		p.out.WriteRune(r)
		return
	}
	if r < 0x20 || r == 0x7f {
		fmt.Fprintf(&p.out, `\x%02x`, r)
		return
	}
	p.out.WriteRune(r)
}

// class translates a character set [...].
func (p *translator) class() error {
	pos := p.i
	p.i++
	p.out.WriteByte('[')
	if p.i < len(p.src) && p.src[p.i] == '^' {
		p.i++
		p.out.WriteByte('^')
	}
	first := true
	for {
		if p.i >= len(p.src) {
			return p.errf(pos, "unterminated character set")
		}
		c := p.src[p.i]
		if c == ']' && !first {
			p.i++
			break
		}
		first = false
		// One item: a literal (possibly the start of a range) or a class escape.
		itemPos := p.i
		var lo rune
		isChar := true
		if c == '\\' {
			if p.i+1 < len(p.src) && strings.ContainsRune("dDwWsS", p.src[p.i+1]) {
				p.i += 2
				p.classEscape(p.src[p.i-1], true)
				isChar = false
			} else {
				p.i++
				if p.i >= len(p.src) {
					return p.errf(itemPos, "bad escape (end of pattern)")
				}
				r, ok, err := p.escapeRune(itemPos, true)
				if err != nil {
					return err
				}
				if !ok {
					return p.errf(itemPos, "bad escape \\%c", p.src[p.i])
				}
				lo = r
			}
		} else {
			p.i++
			lo = c
		}
		if isChar && p.i+1 < len(p.src) && p.src[p.i] == '-' && p.src[p.i+1] != ']' {
			p.i++
			hiPos := p.i
			var hi rune
			if p.src[p.i] == '\\' {
				p.i++
				if p.i >= len(p.src) {
					return p.errf(hiPos, "bad escape (end of pattern)")
				}
				if strings.ContainsRune("dDwWsS", p.src[p.i]) {
					return p.errf(itemPos, "bad character range %s", string(p.src[itemPos:p.i+1]))
				}
				r, ok, err := p.escapeRune(hiPos, true)
				if err != nil {
					return err
				}
				if !ok {
					return p.errf(hiPos, "bad escape \\%c", p.src[p.i])
				}
				hi = r
			} else {
				hi = p.src[p.i]
				p.i++
			}
			if hi < lo {
				return p.errf(itemPos, "bad character range %s", string(p.src[itemPos:p.i]))
			}
			p.classLiteral(lo)
			p.out.WriteByte('-')
			p.classLiteral(hi)
			continue
		}
		if isChar {
			p.classLiteral(lo)
		}
	}
	p.out.WriteByte(']')
	return nil
}
