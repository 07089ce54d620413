package unicodedatamod

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/unicode/runenames"
)

// forms maps normalize's form argument to its normal form.
var forms = map[string]norm.Form{"NFC": norm.NFC, "NFD": norm.NFD, "NFKC": norm.NFKC, "NFKD": norm.NFKD}

// formArgs checks the (form, unistr) arguments of normalize and
// is_normalized.
func formArgs(fname string, args []py.Object, kw py.Tuple) (norm.Form, string, error) {
	if err := pyexec.CheckArgs(fname, args, kw, 2, 2); err != nil {
		return 0, "", err
	}
	for i, a := range args {
		if _, ok := a.(py.String); !ok {
			return 0, "", pyexec.Errorf(pyexec.TypeErrorType, "%s() argument %d must be str, not %s", fname, i+1, pyexec.TypeName(a))
		}
	}
	f, ok := forms[string(args[0].(py.String))]
	if !ok {
		return 0, "", pyexec.Errorf(pyexec.ValueErrorType, "invalid normalization form")
	}
	return f, string(args[1].(py.String)), nil
}

func normalize(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	f, s, err := formArgs("normalize", args, kw)
	if err != nil {
		return nil, err
	}
	return py.String(f.String(s)), nil
}

func isNormalized(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	f, s, err := formArgs("is_normalized", args, kw)
	if err != nil {
		return nil, err
	}
	return py.NewBool(f.IsNormalString(s)), nil
}

// Hangul syllable composition (Unicode §3.12), as CPython names them.
const (
	hangulBase  = 0xAC00
	hangulCount = 11172
	jamoV       = 21
	jamoT       = 28
)

var (
	jamoL = []string{"G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H"}
	jamoM = []string{"A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"}
	jamoF = []string{"", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H"}
)

// charName returns unicodedata.name(r), or "" when r has no name.
func charName(r rune) string {
	if r >= hangulBase && r < hangulBase+hangulCount {
		s := int(r - hangulBase)
		return "HANGUL SYLLABLE " + jamoL[s/(jamoV*jamoT)] + jamoM[s%(jamoV*jamoT)/jamoT] + jamoF[s%jamoT]
	}
	n := runenames.Name(r)
	if !strings.HasPrefix(n, "<") {
		return n
	}
	// runenames' placeholders stand for ranges: CPython derives the names
	// of CJK unified ideographs from the code point; the other ranges
	// (controls, private use, Tangut ideographs, …) have no names.
	if strings.HasPrefix(n, "<CJK Ideograph") {
		return fmt.Sprintf("CJK UNIFIED IDEOGRAPH-%X", r)
	}
	return ""
}

func name(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("name", args, kw, 1, 2); err != nil {
		return nil, err
	}
	r, err := charArg("name", args, 0)
	if err != nil {
		return nil, err
	}
	if n := charName(r); n != "" {
		return py.String(n), nil
	}
	if len(args) == 2 {
		return args[1], nil
	}
	return nil, pyexec.Errorf(pyexec.ValueErrorType, "no such name")
}

var (
	namesOnce sync.Once
	byName    map[string]rune
)

// cutFold removes prefix p from n, comparing without regard to case.
func cutFold(n, p string) (string, bool) {
	if len(n) >= len(p) && strings.EqualFold(n[:len(p)], p) {
		return n[len(p):], true
	}
	return "", false
}

// runeByName returns the character named n, or false. As in CPython, names
// match without regard to case except the derived ones: a Hangul syllable's
// name and a CJK ideograph's hex digits must be upper case.
func runeByName(n string) (rune, bool) {
	if h, ok := strings.CutPrefix(n, "HANGUL SYLLABLE "); ok {
		for l, ls := range jamoL {
			for m, ms := range jamoM {
				if rest, ok := strings.CutPrefix(h, ls+ms); ok {
					for f, fs := range jamoF {
						if rest == fs {
							return rune(hangulBase + (l*jamoV+m)*jamoT + f), true
						}
					}
				}
			}
		}
		return 0, false
	}
	if hex, ok := cutFold(n, "CJK UNIFIED IDEOGRAPH-"); ok {
		v, err := strconv.ParseUint(hex, 16, 32)
		if err != nil {
			return 0, false
		}
		return rune(v), charName(rune(v)) == "CJK UNIFIED IDEOGRAPH-"+hex
	}
	namesOnce.Do(func() {
		byName = make(map[string]rune, 40000)
		for r := rune(0); r <= 0x10FFFF; r++ {
			if n := runenames.Name(r); n != "" && !strings.HasPrefix(n, "<") {
				byName[n] = r
			}
		}
	})
	r, ok := byName[strings.ToUpper(n)]
	return r, ok
}

func lookupName(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("lookup", args, kw, 1, 1); err != nil {
		return nil, err
	}
	var n string
	switch x := args[0].(type) {
	case py.String:
		n = string(x)
	case py.Bytes:
		n = string(x)
	default:
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "a bytes-like object is required, not '%s'", pyexec.TypeName(args[0]))
	}
	if r, ok := runeByName(n); ok {
		return py.String(string(r)), nil
	}
	return nil, pyexec.Errorf(pyexec.KeyErrorType, "undefined character name '%s'", n)
}
