// Package csvmod implements CPython's csv module for pyexec: reader,
// writer, DictReader, DictWriter, dialects (excel, excel-tab, unix, user
// Dialect subclasses, register_dialect / get_dialect / list_dialects) and
// the QUOTE_* constants, with the parser and writer of Modules/_csv.c.
package csvmod

import (
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/stdlib/internal/pyclass"
)

// Quoting styles.
const (
	QuoteMinimal = iota
	QuoteAll
	QuoteNonNumeric
	QuoteNone
	QuoteStrings
	QuoteNotNull
)

const notSet = -1

// ErrorType is csv.Error.
var ErrorType = pyexec.NewNativeType("_csv", "Error", pyexec.ExceptionType)

// DialectType is _csv.Dialect, the validated dialect get_dialect returns.
var DialectType = pyexec.NewNativeType("_csv", "Dialect", nil)

// ReaderType and WriterType are _csv.reader and _csv.writer.
var (
	ReaderType = pyexec.NewNativeType("_csv", "reader", nil)
	WriterType = pyexec.NewNativeType("_csv", "writer", nil)
)

// DictReaderType and DictWriterType are csv.DictReader and csv.DictWriter.
var (
	DictReaderType = pyexec.NewNativeType("csv", "DictReader", nil)
	DictWriterType = pyexec.NewNativeType("csv", "DictWriter", nil)
)

// Dialect holds validated formatting parameters.
type Dialect struct {
	Delimiter, QuoteChar, EscapeChar rune // notSet when None
	DoubleQuote, SkipInitialSpace    bool
	Strict                           bool
	LineTerminator                   string
	Quoting                          int
}

// Type returns _csv.Dialect.
func (d *Dialect) Type() *py.Type { return DialectType }

func charObj(c rune) py.Object {
	if c == notSet {
		return py.None
	}
	return py.String(string(c))
}

// GetAttr exposes the dialect's parameters.
func (d *Dialect) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	switch name {
	case "delimiter":
		return charObj(d.Delimiter), true, nil
	case "quotechar":
		return charObj(d.QuoteChar), true, nil
	case "escapechar":
		return charObj(d.EscapeChar), true, nil
	case "doublequote":
		return py.NewBool(d.DoubleQuote), true, nil
	case "skipinitialspace":
		return py.NewBool(d.SkipInitialSpace), true, nil
	case "strict":
		return py.NewBool(d.Strict), true, nil
	case "lineterminator":
		return py.String(d.LineTerminator), true, nil
	case "quoting":
		return pyexec.MakeInt(int64(d.Quoting)), true, nil
	}
	return nil, false, nil
}

var dialectParams = []string{"delimiter", "doublequote", "escapechar", "lineterminator", "quotechar", "quoting", "skipinitialspace", "strict"}

type state struct {
	registry *pyexec.Dict
	dialectC *py.Type
}

func charParam(t *pyexec.Thread, name string, v py.Object, dflt rune, allowNone bool) (rune, error) {
	if v == nil {
		return dflt, nil
	}
	if pyexec.IsNone(v) && allowNone {
		return notSet, nil
	}
	s, ok := v.(py.String)
	if !ok {
		if allowNone {
			return 0, pyexec.Errorf(pyexec.TypeErrorType, "\"%s\" must be string or None, not %s", name, pyexec.TypeName(v))
		}
		return 0, pyexec.Errorf(pyexec.TypeErrorType, "\"%s\" must be string, not %s", name, pyexec.TypeName(v))
	}
	rs := []rune(string(s))
	if len(rs) != 1 {
		return 0, pyexec.Errorf(pyexec.TypeErrorType, "\"%s\" must be a 1-character string", name)
	}
	return rs[0], nil
}

// makeDialect builds a Dialect from a dialect argument (name, Dialect,
// class or object with the attributes) and keyword overrides.
func (st *state) makeDialect(t *pyexec.Thread, dialect py.Object, kw map[string]py.Object) (*Dialect, error) {
	if s, ok := dialect.(py.String); ok {
		v, found, err := st.registry.Get(t, s)
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, pyexec.Errorf(ErrorType, "unknown dialect")
		}
		dialect = v
	}
	if d, ok := dialect.(*Dialect); ok && len(kw) == 0 {
		return d, nil
	}
	vals := map[string]py.Object{}
	if dialect != nil && !pyexec.IsNone(dialect) {
		for _, p := range dialectParams {
			v, err := pyexec.GetAttr(t, dialect, p)
			if err == nil {
				vals[p] = v
			}
		}
	}
	for k, v := range kw {
		vals[k] = v
	}
	d := &Dialect{Delimiter: ',', QuoteChar: '"', EscapeChar: notSet, DoubleQuote: true, LineTerminator: "\r\n"}
	var err error
	if d.Delimiter, err = charParam(t, "delimiter", vals["delimiter"], ',', false); err != nil {
		return nil, err
	}
	if d.EscapeChar, err = charParam(t, "escapechar", vals["escapechar"], notSet, true); err != nil {
		return nil, err
	}
	if d.QuoteChar, err = charParam(t, "quotechar", vals["quotechar"], '"', true); err != nil {
		return nil, err
	}
	for _, b := range []struct {
		name string
		p    *bool
	}{{"doublequote", &d.DoubleQuote}, {"skipinitialspace", &d.SkipInitialSpace}, {"strict", &d.Strict}} {
		if v := vals[b.name]; v != nil {
			if *b.p, err = pyexec.Truth(t, v); err != nil {
				return nil, err
			}
		}
	}
	if v := vals["lineterminator"]; v != nil {
		s, ok := v.(py.String)
		if !ok {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "\"lineterminator\" must be a string")
		}
		d.LineTerminator = string(s)
	}
	if v := vals["quoting"]; v != nil {
		q, ok, _ := pyexec.AsIndex(v)
		if !ok {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "\"quoting\" must be an integer")
		}
		maxQ := int64(QuoteNone)
		if t.Version().Minor >= 12 {
			maxQ = QuoteNotNull
		}
		if q < 0 || q > maxQ {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "bad \"quoting\" value")
		}
		d.Quoting = int(q)
	} else if q, given := vals["quotechar"]; given && pyexec.IsNone(q) {
		d.Quoting = QuoteNone
	}
	if d.Delimiter == ' ' && d.SkipInitialSpace && t.Version().Minor >= 13 {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "bad delimiter value")
	}
	if d.QuoteChar == notSet && d.Quoting != QuoteNone {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "quotechar must be set if quoting enabled")
	}
	return d, nil
}

func splitKw(args []py.Object, kw py.Tuple) ([]py.Object, map[string]py.Object, error) {
	npos := len(args) - len(kw)
	m := map[string]py.Object{}
	for i, k := range kw {
		m[string(k.(py.String))] = args[npos+i]
	}
	return args[:npos], m, nil
}

func (st *state) dialectFrom(t *pyexec.Thread, fname string, pos []py.Object, kw map[string]py.Object) (*Dialect, error) {
	var dialect py.Object
	if len(pos) > 1 {
		dialect = pos[1]
	}
	if v, ok := kw["dialect"]; ok {
		dialect = v
		delete(kw, "dialect")
	}
	for k := range kw {
		ok := false
		for _, p := range dialectParams {
			ok = ok || p == k
		}
		if !ok {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' is an invalid keyword argument for this function", k)
		}
	}
	return st.makeDialect(t, dialect, kw)
}

// ---------------------------------------------------------------- reader

const (
	startRecord = iota
	startField
	escapedChar
	inField
	inQuotedField
	escapeInQuotedField
	quoteInQuotedField
	eatCRNL
	afterEscapedCRNL
)

const eol = -2

// Reader is a _csv.reader.
type Reader struct {
	d        *Dialect
	input    pyexec.Iterator
	lineNum  int
	state    int
	fields   []py.Object
	field    []rune
	numeric  bool
	unquoted bool
	minor    int
}

// Type returns _csv.reader.
func (r *Reader) Type() *py.Type { return ReaderType }

// GetAttr exposes dialect and line_num.
func (r *Reader) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	switch name {
	case "dialect":
		return r.d, true, nil
	case "line_num":
		return pyexec.MakeInt(int64(r.lineNum)), true, nil
	}
	return nil, false, nil
}

func (r *Reader) saveField(t *pyexec.Thread) error {
	var f py.Object = py.String(string(r.field))
	if r.minor >= 13 && r.unquoted && len(r.field) == 0 && (r.d.Quoting == QuoteNotNull || r.d.Quoting == QuoteStrings) {
		f = py.None
	} else if r.numeric {
		v, err := pyexec.Call(t, py.FloatType, []py.Object{f}, nil)
		if err != nil {
			return err
		}
		f = v
	}
	r.numeric = false
	r.field = r.field[:0]
	r.fields = append(r.fields, f)
	return nil
}

func isNL(c rune) bool { return c == '\n' || c == '\r' }

func (r *Reader) process(t *pyexec.Thread, c rune) error {
	d := r.d
	switch r.state {
	case startRecord:
		if c == eol {
			return nil
		}
		if isNL(c) {
			r.state = eatCRNL
			return nil
		}
		r.state = startField
		fallthrough
	case startField:
		r.unquoted = true
		switch {
		case isNL(c) || c == eol:
			if err := r.saveField(t); err != nil {
				return err
			}
			if c == eol {
				r.state = startRecord
			} else {
				r.state = eatCRNL
			}
		case c == d.QuoteChar && d.Quoting != QuoteNone:
			r.unquoted = false
			r.state = inQuotedField
		case c == d.EscapeChar:
			r.state = escapedChar
		case c == ' ' && d.SkipInitialSpace:
		case c == d.Delimiter:
			if err := r.saveField(t); err != nil {
				return err
			}
		default:
			if d.Quoting == QuoteNonNumeric || (r.minor >= 13 && d.Quoting == QuoteStrings) {
				r.numeric = true
			}
			r.field = append(r.field, c)
			r.state = inField
		}
	case escapedChar:
		if isNL(c) {
			r.field = append(r.field, c)
			r.state = afterEscapedCRNL
			return nil
		}
		if c == eol {
			c = '\n'
		}
		r.field = append(r.field, c)
		r.state = inField
	case afterEscapedCRNL, inField:
		if r.state == afterEscapedCRNL && c == eol {
			return nil
		}
		switch {
		case isNL(c) || c == eol:
			if err := r.saveField(t); err != nil {
				return err
			}
			if c == eol {
				r.state = startRecord
			} else {
				r.state = eatCRNL
			}
		case c == d.EscapeChar:
			r.state = escapedChar
		case c == d.Delimiter:
			if err := r.saveField(t); err != nil {
				return err
			}
			r.state = startField
		default:
			r.field = append(r.field, c)
			r.state = inField
		}
	case inQuotedField:
		switch {
		case c == eol:
		case c == d.EscapeChar:
			r.state = escapeInQuotedField
		case c == d.QuoteChar && d.Quoting != QuoteNone:
			if d.DoubleQuote {
				r.state = quoteInQuotedField
			} else {
				r.state = inField
			}
		default:
			r.field = append(r.field, c)
		}
	case escapeInQuotedField:
		if c == eol {
			c = '\n'
		}
		r.field = append(r.field, c)
		r.state = inQuotedField
	case quoteInQuotedField:
		switch {
		case d.Quoting != QuoteNone && c == d.QuoteChar:
			r.field = append(r.field, c)
			r.state = inQuotedField
		case c == d.Delimiter:
			if err := r.saveField(t); err != nil {
				return err
			}
			r.state = startField
		case isNL(c) || c == eol:
			if err := r.saveField(t); err != nil {
				return err
			}
			if c == eol {
				r.state = startRecord
			} else {
				r.state = eatCRNL
			}
		case !d.Strict:
			r.field = append(r.field, c)
			r.state = inField
		default:
			return pyexec.Errorf(ErrorType, "'%c' expected after '%c'", d.Delimiter, d.QuoteChar)
		}
	case eatCRNL:
		switch {
		case isNL(c):
		case c == eol:
			r.state = startRecord
		default:
			return pyexec.Errorf(ErrorType, "new-line character seen in unquoted field - do you need to open the file in universal-newline mode?")
		}
	}
	return nil
}

// Next parses the next record.
func (r *Reader) Next(t *pyexec.Thread) (py.Object, error) {
	r.fields = nil
	r.field = r.field[:0]
	r.state = startRecord
	r.numeric = false
	for {
		line, err := r.input.Next(t)
		if err != nil {
			return nil, err
		}
		if line == nil {
			if len(r.field) != 0 || r.state == inQuotedField {
				if r.d.Strict {
					return nil, pyexec.Errorf(ErrorType, "unexpected end of data")
				}
				if err := r.saveField(t); err != nil {
					return nil, err
				}
				break
			}
			return nil, nil
		}
		s, ok := line.(py.String)
		if !ok {
			return nil, pyexec.Errorf(ErrorType, "iterator should return strings, not %s (the file should be opened in text mode)", pyexec.TypeName(line))
		}
		r.lineNum++
		for _, c := range string(s) {
			if err := r.process(t, c); err != nil {
				return nil, err
			}
		}
		if err := r.process(t, eol); err != nil {
			return nil, err
		}
		if r.state == startRecord {
			break
		}
	}
	out := r.fields
	r.fields = nil
	return py.NewListFromItems(out), nil
}

// ---------------------------------------------------------------- writer

// Writer is a _csv.writer.
type Writer struct {
	d     *Dialect
	write py.Object
}

// Type returns _csv.writer.
func (w *Writer) Type() *py.Type { return WriterType }

// GetAttr exposes dialect.
func (w *Writer) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	if name == "dialect" {
		return w.d, true, nil
	}
	return nil, false, nil
}

func isNumber(o py.Object) bool {
	switch o.(type) {
	case py.Int, *py.BigInt, py.Float, py.Bool, py.Complex:
		return true
	}
	if pyexec.IsInt(o) {
		return true
	}
	for _, n := range []string{"__float__", "__index__", "__int__"} {
		if _, err := pyexec.GetAttr(nil, pyexec.TypeOf(o), n); err == nil {
			return true
		}
	}
	return false
}

func (w *Writer) appendField(sb *strings.Builder, field string, quoted bool, first bool) error {
	d := w.d
	// First pass: decide quoting.
	for _, c := range field {
		if c == d.Delimiter || c == d.EscapeChar || c == d.QuoteChar || strings.ContainsRune(d.LineTerminator, c) || isNL(c) {
			if d.Quoting == QuoteNone {
				continue
			}
			if c == d.QuoteChar && !d.DoubleQuote {
				continue
			}
			if c == d.EscapeChar && c != d.QuoteChar {
				continue
			}
			quoted = true
		}
	}
	if !first {
		sb.WriteRune(d.Delimiter)
	}
	if quoted {
		sb.WriteRune(d.QuoteChar)
	}
	for _, c := range field {
		if c == d.Delimiter || c == d.EscapeChar || c == d.QuoteChar || strings.ContainsRune(d.LineTerminator, c) || isNL(c) {
			wantEscape := false
			if d.Quoting == QuoteNone {
				wantEscape = true
			} else {
				if c == d.QuoteChar {
					if d.DoubleQuote {
						sb.WriteRune(d.QuoteChar)
					} else {
						wantEscape = true
					}
				} else if c == d.EscapeChar {
					wantEscape = true
				}
			}
			if wantEscape {
				if d.EscapeChar == notSet {
					return pyexec.Errorf(ErrorType, "need to escape, but no escapechar set")
				}
				sb.WriteRune(d.EscapeChar)
			}
		}
		sb.WriteRune(c)
	}
	if quoted {
		sb.WriteRune(d.QuoteChar)
	}
	return nil
}

func (w *Writer) writerow(t *pyexec.Thread, row py.Object) (py.Object, error) {
	it, err := pyexec.Iterate(t, row)
	if err != nil {
		if _, ok := row.(py.String); !ok {
			return nil, pyexec.Errorf(ErrorType, "iterable expected, not %s", pyexec.TypeName(row))
		}
		return nil, err
	}
	var sb strings.Builder
	n := 0
	onlyEmpty := false
	for {
		f, err := it.Next(t)
		if err != nil {
			return nil, err
		}
		if f == nil {
			break
		}
		quoted := false
		switch w.d.Quoting {
		case QuoteNonNumeric:
			quoted = !isNumber(f)
		case QuoteAll:
			quoted = true
		case QuoteStrings:
			_, quoted = f.(py.String)
		case QuoteNotNull:
			quoted = !pyexec.IsNone(f)
		}
		var s string
		switch x := f.(type) {
		case py.String:
			s = string(x)
		default:
			if pyexec.IsNone(f) {
				s = ""
			} else if s, err = pyexec.Str(t, f); err != nil {
				return nil, err
			}
		}
		if err := w.appendField(&sb, s, quoted, n == 0); err != nil {
			return nil, err
		}
		onlyEmpty = n == 0 && sb.Len() == 0
		n++
	}
	if n == 1 && onlyEmpty {
		if w.d.Quoting == QuoteNone {
			return nil, pyexec.Errorf(ErrorType, "single empty field record must be quoted")
		}
		sb.Reset()
		sb.WriteRune(w.d.QuoteChar)
		sb.WriteRune(w.d.QuoteChar)
	}
	sb.WriteString(w.d.LineTerminator)
	return pyexec.Call(t, w.write, []py.Object{py.String(sb.String())}, nil)
}

// ---------------------------------------------------------------- dict reader/writer

// DictReader is a csv.DictReader.
type DictReader struct {
	reader     *Reader
	fieldnames py.Object
	restkey    py.Object
	restval    py.Object
	lineNum    int
}

// Type returns csv.DictReader.
func (r *DictReader) Type() *py.Type { return DictReaderType }

func (r *DictReader) names(t *pyexec.Thread) (py.Object, error) {
	if r.fieldnames == nil {
		row, err := r.reader.Next(t)
		if err != nil {
			return nil, err
		}
		if row == nil {
			r.fieldnames = py.None
		} else {
			r.fieldnames = row
		}
		r.lineNum = r.reader.lineNum
	}
	return r.fieldnames, nil
}

// GetAttr exposes fieldnames, reader, restkey, restval, dialect and line_num.
func (r *DictReader) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	switch name {
	case "fieldnames":
		v, err := r.names(t)
		return v, err == nil, err
	case "reader":
		return r.reader, true, nil
	case "restkey":
		return r.restkey, true, nil
	case "restval":
		return r.restval, true, nil
	case "dialect":
		return r.reader.d, true, nil
	case "line_num":
		return pyexec.MakeInt(int64(r.lineNum)), true, nil
	}
	return nil, false, nil
}

// PySetAttr allows setting fieldnames, restkey and restval.
func (r *DictReader) PySetAttr(t *pyexec.Thread, name string, v py.Object) (bool, error) {
	switch name {
	case "fieldnames":
		r.fieldnames = v
	case "restkey":
		r.restkey = v
	case "restval":
		r.restval = v
	default:
		return false, nil
	}
	return true, nil
}

// Next returns the next row as a dict.
func (r *DictReader) Next(t *pyexec.Thread) (py.Object, error) {
	if r.lineNum == 0 {
		if _, err := r.names(t); err != nil {
			return nil, err
		}
	}
	var row *py.List
	for {
		o, err := r.reader.Next(t)
		if err != nil || o == nil {
			return nil, err
		}
		r.lineNum = r.reader.lineNum
		row = o.(*py.List)
		if len(row.Items) > 0 {
			break
		}
	}
	names, err := pyexec.Collect(t, r.fieldnames)
	if err != nil {
		return nil, err
	}
	d := pyexec.NewDict(len(names))
	for i, k := range names {
		if i >= len(row.Items) {
			break
		}
		if err := d.SetItem(t, k, row.Items[i]); err != nil {
			return nil, err
		}
	}
	if len(names) < len(row.Items) {
		if err := d.SetItem(t, r.restkey, py.NewListFromItems(append([]py.Object(nil), row.Items[len(names):]...))); err != nil {
			return nil, err
		}
	} else {
		for _, k := range names[len(row.Items):] {
			if err := d.SetItem(t, k, r.restval); err != nil {
				return nil, err
			}
		}
	}
	return d, nil
}

// DictWriter is a csv.DictWriter.
type DictWriter struct {
	writer      *Writer
	fieldnames  py.Object
	restval     py.Object
	extrasRaise bool
	extras      py.Object
}

// Type returns csv.DictWriter.
func (w *DictWriter) Type() *py.Type { return DictWriterType }

// GetAttr exposes fieldnames, restval, extrasaction and writer.
func (w *DictWriter) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	switch name {
	case "fieldnames":
		return w.fieldnames, true, nil
	case "restval":
		return w.restval, true, nil
	case "extrasaction":
		return w.extras, true, nil
	case "writer":
		return w.writer, true, nil
	}
	return nil, false, nil
}

func (w *DictWriter) row(t *pyexec.Thread, rowdict py.Object) (py.Object, error) {
	names, err := pyexec.Collect(t, w.fieldnames)
	if err != nil {
		return nil, err
	}
	if w.extrasRaise {
		keys, err := pyexec.Collect(t, rowdict)
		if err != nil {
			return nil, err
		}
		var wrong []string
		for _, k := range keys {
			found := false
			for _, n := range names {
				if eq, err := pyexec.Equal(t, k, n); err != nil {
					return nil, err
				} else if eq {
					found = true
					break
				}
			}
			if !found {
				s, err := pyexec.Repr(t, k)
				if err != nil {
					return nil, err
				}
				wrong = append(wrong, s)
			}
		}
		if len(wrong) > 0 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "dict contains fields not in fieldnames: %s", strings.Join(wrong, ", "))
		}
	}
	get, err := pyexec.GetAttr(t, rowdict, "get")
	if err != nil {
		return nil, err
	}
	out := make([]py.Object, len(names))
	for i, n := range names {
		if out[i], err = pyexec.Call(t, get, []py.Object{n, w.restval}, nil); err != nil {
			return nil, err
		}
	}
	return py.NewListFromItems(out), nil
}

// ---------------------------------------------------------------- module

func method(fn func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error)) pyexec.MethodFunc {
	return fn
}

func init() {
	pyexec.SetTypeCtor(DictReaderType, dictReaderCtor)
	pyexec.SetTypeCtor(DictWriterType, dictWriterCtor)
	pyexec.SetTypeCtor(DialectType, func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "cannot create '_csv.Dialect' instances")
	})
	pyexec.AddMethods(ReaderType, map[string]pyexec.MethodFunc{
		"__iter__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return self, nil
		},
		"__next__": nextMethod,
	})
	pyexec.AddMethods(DictReaderType, map[string]pyexec.MethodFunc{
		"__iter__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return self, nil
		},
		"__next__": nextMethod,
	})
	pyexec.AddMethods(WriterType, map[string]pyexec.MethodFunc{
		"writerow": method(func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("writerow", args, kw, 1, 1); err != nil {
				return nil, err
			}
			return self.(*Writer).writerow(t, args[0])
		}),
		"writerows": method(func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("writerows", args, kw, 1, 1); err != nil {
				return nil, err
			}
			rows, err := pyexec.Collect(t, args[0])
			if err != nil {
				return nil, err
			}
			for _, r := range rows {
				if _, err := self.(*Writer).writerow(t, r); err != nil {
					return nil, err
				}
			}
			return py.None, nil
		}),
	})
	pyexec.AddMethods(DictWriterType, map[string]pyexec.MethodFunc{
		"writeheader": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("writeheader", args, kw, 0, 0); err != nil {
				return nil, err
			}
			w := self.(*DictWriter)
			names, err := pyexec.Collect(t, w.fieldnames)
			if err != nil {
				return nil, err
			}
			return w.writer.writerow(t, py.Tuple(names))
		},
		"writerow": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("writerow", args, kw, 1, 1); err != nil {
				return nil, err
			}
			w := self.(*DictWriter)
			row, err := w.row(t, args[0])
			if err != nil {
				return nil, err
			}
			return w.writer.writerow(t, row)
		},
		"writerows": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("writerows", args, kw, 1, 1); err != nil {
				return nil, err
			}
			w := self.(*DictWriter)
			rows, err := pyexec.Collect(t, args[0])
			if err != nil {
				return nil, err
			}
			for _, r := range rows {
				row, err := w.row(t, r)
				if err != nil {
					return nil, err
				}
				if _, err := w.writer.writerow(t, row); err != nil {
					return nil, err
				}
			}
			return py.None, nil
		},
	})
	pyexec.RegisterModule("csv", newModule)
}

func nextMethod(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
	r, err := self.(pyexec.Iterator).Next(t)
	if err == nil && r == nil {
		return nil, pyexec.NewException(pyexec.StopIterationType)
	}
	return r, err
}

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	st := &state{registry: pyexec.NewDict(4)}
	m := pyexec.NewModule(t, "csv")
	for i, n := range []string{"QUOTE_MINIMAL", "QUOTE_ALL", "QUOTE_NONNUMERIC", "QUOTE_NONE", "QUOTE_STRINGS", "QUOTE_NOTNULL"} {
		if i >= QuoteStrings && t.Version().Minor < 12 {
			break
		}
		m.Set(t, n, pyexec.MakeInt(int64(i)))
	}
	m.Set(t, "Error", ErrorType)
	m.Set(t, "__version__", py.String("1.0"))
	none := py.None
	base, err := pyclass.New(t, nil, "csv", "Dialect", nil,
		pyclass.Attr{Name: "_name", Value: py.String("")}, pyclass.Attr{Name: "_valid", Value: py.False},
		pyclass.Attr{Name: "delimiter", Value: none}, pyclass.Attr{Name: "quotechar", Value: none},
		pyclass.Attr{Name: "escapechar", Value: none}, pyclass.Attr{Name: "doublequote", Value: none},
		pyclass.Attr{Name: "skipinitialspace", Value: none}, pyclass.Attr{Name: "lineterminator", Value: none},
		pyclass.Attr{Name: "quoting", Value: none})
	if err != nil {
		return nil, err
	}
	st.dialectC = base
	m.Set(t, "Dialect", base)
	mk := func(cls, name string, b *py.Type, attrs ...pyclass.Attr) (*py.Type, error) {
		c, err := pyclass.New(t, nil, "csv", cls, py.Tuple{b}, attrs...)
		if err != nil {
			return nil, err
		}
		m.Set(t, cls, c)
		d, err := st.makeDialect(t, c, nil)
		if err != nil {
			return nil, err
		}
		return c, st.registry.SetItem(t, py.String(name), d)
	}
	excel, err := mk("excel", "excel", base,
		pyclass.Attr{Name: "delimiter", Value: py.String(",")}, pyclass.Attr{Name: "quotechar", Value: py.String("\"")},
		pyclass.Attr{Name: "doublequote", Value: py.True}, pyclass.Attr{Name: "skipinitialspace", Value: py.False},
		pyclass.Attr{Name: "lineterminator", Value: py.String("\r\n")}, pyclass.Attr{Name: "quoting", Value: pyexec.MakeInt(0)})
	if err != nil {
		return nil, err
	}
	if _, err := mk("excel_tab", "excel-tab", excel, pyclass.Attr{Name: "delimiter", Value: py.String("\t")}); err != nil {
		return nil, err
	}
	if _, err := mk("unix_dialect", "unix", base,
		pyclass.Attr{Name: "delimiter", Value: py.String(",")}, pyclass.Attr{Name: "quotechar", Value: py.String("\"")},
		pyclass.Attr{Name: "doublequote", Value: py.True}, pyclass.Attr{Name: "skipinitialspace", Value: py.False},
		pyclass.Attr{Name: "lineterminator", Value: py.String("\n")}, pyclass.Attr{Name: "quoting", Value: pyexec.MakeInt(QuoteAll)}); err != nil {
		return nil, err
	}
	m.AddFuncs(t, map[string]pyexec.BuiltinFunc{
		"reader": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			pos, kws, _ := splitKw(args, kw)
			if len(pos) < 1 {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "expected at least 1 argument, got 0")
			}
			if len(pos) > 2 {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "expected at most 2 arguments, got %d", len(pos))
			}
			it, err := pyexec.Iterate(t, pos[0])
			if err != nil {
				return nil, err
			}
			d, err := st.dialectFrom(t, "reader", pos, kws)
			if err != nil {
				return nil, err
			}
			return &Reader{d: d, input: it, minor: t.Version().Minor}, nil
		},
		"writer": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			pos, kws, _ := splitKw(args, kw)
			if len(pos) < 1 {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "expected at least 1 argument, got 0")
			}
			if len(pos) > 2 {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "expected at most 2 arguments, got %d", len(pos))
			}
			wr, err := pyexec.GetAttr(t, pos[0], "write")
			if err != nil {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "argument 1 must have a \"write\" method")
			}
			d, err := st.dialectFrom(t, "writer", pos, kws)
			if err != nil {
				return nil, err
			}
			return &Writer{d: d, write: wr}, nil
		},
		"register_dialect": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			pos, kws, _ := splitKw(args, kw)
			if len(pos) < 1 || len(pos) > 2 {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "register_dialect() expected at most 2 arguments, got %d", len(pos))
			}
			if _, ok := pos[0].(py.String); !ok {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "dialect name must be a string")
			}
			var dl py.Object
			if len(pos) > 1 {
				dl = pos[1]
			}
			d, err := st.makeDialect(t, dl, kws)
			if err != nil {
				return nil, err
			}
			return py.None, st.registry.SetItem(t, pos[0], d)
		},
		"unregister_dialect": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("unregister_dialect", args, kw, 1, 1); err != nil {
				return nil, err
			}
			if _, ok, _ := st.registry.Get(t, args[0]); !ok {
				return nil, pyexec.Errorf(ErrorType, "unknown dialect")
			}
			return py.None, pyexec.DelItem(t, st.registry, args[0])
		},
		"get_dialect": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("get_dialect", args, kw, 1, 1); err != nil {
				return nil, err
			}
			v, ok, err := st.registry.Get(t, args[0])
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, pyexec.Errorf(ErrorType, "unknown dialect")
			}
			return v, nil
		},
		"list_dialects": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := pyexec.CheckArgs("list_dialects", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return py.NewListFromItems(st.registry.Keys()), nil
		},
		"field_size_limit": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			return pyexec.MakeInt(131072), nil
		},
	})
	m.Set(t, "_dialects", st.registry)
	m.Set(t, "DictReader", DictReaderType)
	m.Set(t, "DictWriter", DictWriterType)
	return m, nil
}

// moduleState returns the csv module state of thread t.
func moduleState(t *pyexec.Thread) (*state, error) {
	m, err := t.Import("csv")
	if err != nil {
		return nil, err
	}
	reg, _ := m.Dict.GetStr(t, "_dialects")
	d, ok := reg.(*pyexec.Dict)
	if !ok {
		return nil, pyexec.Errorf(pyexec.RuntimeErrorType, "csv: dialect registry missing")
	}
	return &state{registry: d}, nil
}

func dictReaderCtor(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	st, err := moduleState(t)
	if err != nil {
		return nil, err
	}
	pos, kws, _ := splitKw(args, kw)
	take := func(name string, i int, dflt py.Object) py.Object {
		if v, ok := kws[name]; ok {
			delete(kws, name)
			return v
		}
		if i < len(pos) {
			return pos[i]
		}
		return dflt
	}
	if len(pos) < 1 {
		if _, ok := kws["f"]; !ok {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "DictReader.__init__() missing 1 required positional argument: 'f'")
		}
	}
	f := take("f", 0, nil)
	fieldnames := take("fieldnames", 1, py.None)
	restkey := take("restkey", 2, py.None)
	restval := take("restval", 3, py.None)
	dialect := take("dialect", 4, nil)
	it, err := pyexec.Iterate(t, f)
	if err != nil {
		return nil, err
	}
	d, err := st.dialectFrom(t, "reader", []py.Object{nil, dialect}, kws)
	if err != nil {
		return nil, err
	}
	r := &DictReader{reader: &Reader{d: d, input: it, minor: t.Version().Minor}, restkey: restkey, restval: restval}
	if !pyexec.IsNone(fieldnames) {
		r.fieldnames = fieldnames
	}
	return r, nil
}

func dictWriterCtor(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	st, err := moduleState(t)
	if err != nil {
		return nil, err
	}
	pos, kws, _ := splitKw(args, kw)
	take := func(name string, i int, dflt py.Object) py.Object {
		if v, ok := kws[name]; ok {
			delete(kws, name)
			return v
		}
		if i < len(pos) {
			return pos[i]
		}
		return dflt
	}
	f := take("f", 0, nil)
	fieldnames := take("fieldnames", 1, nil)
	if f == nil || fieldnames == nil {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "DictWriter.__init__() missing 1 required positional argument: 'fieldnames'")
	}
	restval := take("restval", 2, py.String(""))
	extras := take("extrasaction", 3, py.String("raise"))
	dialect := take("dialect", 4, nil)
	if t.Version().Minor >= 11 {
		// 3.11+ materialises fieldnames (an iterator is consumed once).
		items, err := pyexec.Collect(t, fieldnames)
		if err != nil {
			return nil, err
		}
		fieldnames = py.NewListFromItems(items)
	}
	es, _ := extras.(py.String)
	low := strings.ToLower(string(es))
	if low != "raise" && low != "ignore" {
		r, _ := pyexec.Str(t, extras)
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "extrasaction (%s) must be 'raise' or 'ignore'", r)
	}
	wr, err := pyexec.GetAttr(t, f, "write")
	if err != nil {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "argument 1 must have a \"write\" method")
	}
	d, err := st.dialectFrom(t, "writer", []py.Object{nil, dialect}, kws)
	if err != nil {
		return nil, err
	}
	return &DictWriter{writer: &Writer{d: d, write: wr}, fieldnames: fieldnames, restval: restval, extrasRaise: low == "raise", extras: extras}, nil
}
