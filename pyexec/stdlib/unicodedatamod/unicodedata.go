// Package unicodedatamod implements part of CPython's unicodedata module for
// pyexec: category (from Go's unicode tables), numeric, digit and decimal
// (tables generated from CPython), normalize and is_normalized
// (golang.org/x/text/unicode/norm), name and lookup
// (golang.org/x/text/unicode/runenames, plus the names CPython derives for
// CJK unified ideographs and Hangul syllables), and
// unidata_version.
//
// Unicode versions: the tables come from Unicode 15.0.0 (x/text's and the
// generated ones), which is what CPython 3.12 uses and what unidata_version
// reports there. CPython 3.8–3.11 use older data (3.11: 14.0.0) and 3.13 uses
// 15.1.0, and unidata_version still reports 15.0.0 (3.12+) or 14.0.0; on
// those versions characters assigned in between differ: a character new in
// 15.0 has a name, category and normalization here that an older CPython
// lacks, and the CJK ideographs 15.1 added (U+2EBF0–U+2EE5D) have none here.
// lookup does not accept name aliases or named sequences, and ucd_3_2_0 and
// the other functions (bidirectional, combining, decomposition, …) are not
// provided.
package unicodedatamod

//go:generate python gen_tables.py

import (
	"fmt"
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

func init() { pyexec.RegisterModule("unicodedata", newModule) }

var categoryNames []string

func init() {
	for name := range unicode.Categories {
		if len(name) == 2 && name != "LC" {
			categoryNames = append(categoryNames, name)
		}
	}
	sort.Strings(categoryNames)
}

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "unicodedata")
	ver := "15.0.0"
	if t.Version().Minor <= 11 {
		ver = "14.0.0"
	}
	m.Set(t, "unidata_version", py.String(ver))
	m.AddFuncs(t, map[string]pyexec.BuiltinFunc{
		"category": category, "numeric": lookup("numeric"), "digit": lookup("digit"), "decimal": lookup("decimal"),
		"normalize": normalize, "is_normalized": isNormalized, "name": name, "lookup": lookupName,
	})
	return m, nil
}

func charArg(fname string, args []py.Object, i int) (rune, error) {
	arg := "argument"
	if fname != "category" {
		arg = fmt.Sprintf("argument %d", i+1)
	}
	s, ok := args[i].(py.String)
	if !ok {
		return 0, pyexec.Errorf(pyexec.TypeErrorType, "%s() %s must be a unicode character, not %s", fname, arg, pyexec.TypeName(args[i]))
	}
	if utf8.RuneCountInString(string(s)) != 1 {
		return 0, pyexec.Errorf(pyexec.TypeErrorType, "%s() %s must be a unicode character, not str", fname, arg)
	}
	r, _ := utf8.DecodeRuneInString(string(s))
	return r, nil
}

func category(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("category", args, kw, 1, 1); err != nil {
		return nil, err
	}
	r, err := charArg("category", args, 0)
	if err != nil {
		return nil, err
	}
	for _, name := range categoryNames {
		if unicode.Is(unicode.Categories[name], r) {
			return py.String(name), nil
		}
	}
	return py.String("Cn"), nil
}

func lookup(fname string) pyexec.BuiltinFunc {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		if err := pyexec.CheckArgs(fname, args, kw, 1, 2); err != nil {
			return nil, err
		}
		r, err := charArg(fname, args, 0)
		if err != nil {
			return nil, err
		}
		var v py.Object
		switch fname {
		case "numeric":
			if f, ok := numericValues[r]; ok {
				v = py.Float(f)
			}
		case "digit":
			if d, ok := digitValues[r]; ok {
				v = pyexec.MakeInt(int64(d))
			}
		default:
			if d, ok := decimalValues[r]; ok {
				v = pyexec.MakeInt(int64(d))
			}
		}
		if v != nil {
			return v, nil
		}
		if len(args) == 2 {
			return args[1], nil
		}
		msg := "not a numeric character"
		if fname != "numeric" {
			msg = "not a " + fname
		}
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "%s", msg)
	}
}
