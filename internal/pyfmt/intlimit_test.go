package pyfmt

import (
	"errors"
	"math/big"
	"strings"
	"testing"
)

// TestIntDigitLimit checks CPython's 4300-digit limit on int→decimal
// conversions in % formatting (%d %i %u %s %r %a) and its absence for the
// power-of-two bases (%x %o %X), with each version's message.
func TestIntDigitLimit(t *testing.T) {
	max := new(big.Int).Sub(new(big.Int).Exp(big.NewInt(10), big.NewInt(4300), nil), big.NewInt(1)) // 4300 nines
	over := new(big.Int).Exp(big.NewInt(10), big.NewInt(4300), nil)                                 // 4301 digits
	huge := new(big.Int).Lsh(big.NewInt(1), 20000)
	msg := map[int]string{
		10: "ValueError: Exceeds the limit (4300) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
		12: "ValueError: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
	}
	for minor, want := range msg {
		for _, f := range []string{"%d", "%i", "%u", "%s", "%r", "%a", "%5.2d", "%+d"} {
			for _, n := range []*big.Int{over, new(big.Int).Neg(over), huge} {
				_, err := PercentArgs(f, Args{IsTuple: true, Items: []Arg{IntArg(n)}}, minor)
				if err == nil || err.Error() != want {
					t.Errorf("3.%d %q %% %d bits: got %v", minor, f, n.BitLen(), err)
				}
			}
			s, err := PercentArgs(f, Args{IsTuple: true, Items: []Arg{IntArg(max)}}, minor)
			if err != nil || strings.Count(s, "9") != 4300 {
				t.Errorf("3.%d %q %% (10**4300-1): %v", minor, f, err)
			}
		}
		for _, f := range []string{"%x", "%o", "%X", "%#x"} {
			s, err := PercentArgs(f, Args{IsTuple: true, Items: []Arg{IntArg(huge)}}, minor)
			if err != nil || len(s) < 5000 {
				t.Errorf("3.%d %q of 2**20000: %v", minor, f, err)
			}
		}
		if _, err := Decimal(over, minor); err == nil || err.Error() != want {
			t.Errorf("Decimal(10**4300) 3.%d: %v", minor, err)
		}
	}
	// A Str hook (an int subclass with its own __str__) is not limited
	// here: the hook decides.
	a := IntArg(over)
	a.Str = func() (string, error) { return "mine", nil }
	if s, err := PercentArgs("%s", Args{Single: a}, 12); err != nil || s != "mine" {
		t.Errorf("%%s with Str hook: %q %v", s, err)
	}
}

// TestErrWrongType checks that an IntValue / Index hook's ErrWrongType
// becomes the conversion's own TypeError.
func TestErrWrongType(t *testing.T) {
	a := Arg{Kind: ArgOther, TypeName: "R",
		IntValue: func() (*big.Int, error) { return nil, ErrWrongType },
		Index:    func() (*big.Int, error) { return nil, ErrWrongType }}
	for _, c := range []struct {
		f     string
		minor int
		want  string
	}{
		{"%d", 9, "TypeError: %d format: a number is required, not R"},
		{"%i", 12, "TypeError: %i format: a real number is required, not R"},
		{"%x", 12, "TypeError: %x format: an integer is required, not R"},
	} {
		_, err := PercentArgs(c.f, Args{Single: a}, c.minor)
		if err == nil || err.Error() != c.want {
			t.Errorf("%s 3.%d: got %v, want %s", c.f, c.minor, err, c.want)
		}
	}
	other := errors.New("boom")
	a.IntValue = func() (*big.Int, error) { return nil, other }
	if _, err := PercentArgs("%d", Args{Single: a}, 12); err != other {
		t.Errorf("other errors pass through: %v", err)
	}
}
