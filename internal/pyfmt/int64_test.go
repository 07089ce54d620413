package pyfmt

import (
	"math"
	"math/big"
	"testing"
)

// TestInt64MatchesBig: the int64 paths (FormatInt64Spec, IntArg64) format
// exactly as the big.Int ones do.
func TestInt64MatchesBig(t *testing.T) {
	vals := []int64{0, 1, -1, 7, -42, 255, 1000, -1234567, 1 << 40, math.MaxInt64, math.MinInt64, math.MinInt64 + 1}
	specs := []string{"", "d", "03d", "+d", " d", "-d", "x", "#x", "X", "#X", "o", "#o", "b", "#b", ",", "_", "_x", "10,d",
		"<8", ">8", "^9", "=+12", "*^11", "010", "08,", "e", ".3f", "%", "g", "n", "c", "z", ".2d", "+c"}
	fmts := []string{"%d", "%i", "%u", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%x", "%#x", "%X", "%#X", "%o", "%#o",
		"%#010x", "%.10x", "%s", "%r", "%f", "%e", "%c", "%*d", "%.*d"}
	for _, v := range vals {
		for _, sp := range specs {
			want, werr := FormatIntSpec(big.NewInt(v), sp, 12)
			got, gerr := FormatInt64Spec(v, sp, 12)
			if want != got || (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error() {
				t.Errorf("format(%d, %q): big %q %v, int64 %q %v", v, sp, want, werr, got, gerr)
			}
		}
		for _, f := range fmts {
			for _, minor := range []int{8, 12} {
				bigArgs, smallArgs := []Arg{IntArg(big.NewInt(v))}, []Arg{IntArg64(v)}
				if f == "%*d" || f == "%.*d" {
					bigArgs = []Arg{IntArg(big.NewInt(6)), IntArg(big.NewInt(v))}
					smallArgs = []Arg{IntArg64(6), IntArg64(v)}
				}
				want, werr := PercentArgs(f, Args{IsTuple: true, Items: bigArgs}, minor)
				got, gerr := PercentArgs(f, Args{IsTuple: true, Items: smallArgs}, minor)
				if want != got || (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error() {
					t.Errorf("%q %% %d (3.%d): big %q %v, int64 %q %v", f, v, minor, want, werr, got, gerr)
				}
			}
		}
	}
}
