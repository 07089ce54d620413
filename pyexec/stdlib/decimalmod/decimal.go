package decimalmod

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/cockroachdb/apd/v3"
	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

// DecimalType is decimal.Decimal.
var DecimalType = pyexec.NewNativeType("decimal", "Decimal", nil)

// Decimal is an immutable decimal.Decimal value.
type Decimal struct{ v apd.Decimal }

// Type returns decimal.Decimal.
func (d *Decimal) Type() *py.Type { return DecimalType }

func newDec(v *apd.Decimal) *Decimal {
	d := &Decimal{}
	d.v.Set(v)
	return d
}

func (d *Decimal) isNaN() bool { return d.v.Form == apd.NaN || d.v.Form == apd.NaNSignaling }

// String returns the to-scientific-string form (str(d)).
func (d *Decimal) String() string {
	switch d.v.Form {
	case apd.NaN:
		return sign(d) + "NaN"
	case apd.NaNSignaling:
		return sign(d) + "sNaN"
	case apd.Infinite:
		return sign(d) + "Infinity"
	}
	digits := d.coeffDigits()
	exp := int64(d.v.Exponent)
	adj := exp + int64(len(digits)) - 1
	var b strings.Builder
	b.WriteString(sign(d))
	switch {
	case exp <= 0 && adj >= -6:
		pos := int64(len(digits)) + exp
		switch {
		case exp == 0:
			b.WriteString(digits)
		case pos > 0:
			b.WriteString(digits[:pos] + "." + digits[pos:])
		default:
			b.WriteString("0." + strings.Repeat("0", int(-pos)) + digits)
		}
	default:
		b.WriteString(digits[:1])
		if len(digits) > 1 {
			b.WriteString("." + digits[1:])
		}
		b.WriteString("E")
		if adj >= 0 {
			b.WriteString("+")
		}
		b.WriteString(strconv.FormatInt(adj, 10))
	}
	return b.String()
}

func sign(d *Decimal) string {
	if d.v.Negative {
		return "-"
	}
	return ""
}

// Repr returns Decimal('...').
func (d *Decimal) Repr(*pyexec.Thread) (string, error) { return "Decimal('" + d.String() + "')", nil }

// coeffDigits returns the coefficient's decimal digits.
func (d *Decimal) coeffDigits() string { return d.v.Coeff.String() }

// decFromBig returns the Decimal of an integer.
func decFromBig(b *big.Int) *Decimal {
	d := &Decimal{}
	d.v.Coeff.SetMathBigInt(new(big.Int).Abs(b))
	d.v.Negative = b.Sign() < 0
	return d
}

// decFromFloat converts a float exactly.
func decFromFloat(f float64) *Decimal {
	d := &Decimal{}
	switch {
	case math.IsNaN(f):
		d.v.Form = apd.NaN
		return d
	case math.IsInf(f, 0):
		d.v.Form = apd.Infinite
		d.v.Negative = f < 0
		return d
	}
	d.v.Negative = math.Signbit(f)
	if f == 0 {
		return d
	}
	m, e := math.Frexp(math.Abs(f))
	n := uint64(m * (1 << 53))
	e -= 53
	for n != 0 && n&1 == 0 && e < 0 {
		n >>= 1
		e++
	}
	b := new(big.Int).SetUint64(n)
	if e >= 0 {
		b.Lsh(b, uint(e))
	} else {
		b.Mul(b, new(big.Int).Exp(big.NewInt(5), big.NewInt(int64(-e)), nil))
		d.v.Exponent = int32(e)
	}
	d.v.Coeff.SetMathBigInt(b)
	return d
}

// parseDecimal parses Decimal's string syntax; ok is false on a syntax error.
func parseDecimal(s string) (*Decimal, bool) {
	s = strings.TrimSpace(s)
	s = strings.ReplaceAll(s, "_", "")
	if s == "" || strings.ContainsAny(s, " \t\n") {
		return nil, false
	}
	low := strings.ToLower(strings.TrimLeft(s, "+-"))
	if strings.HasPrefix(low, "inf") && low != "inf" && low != "infinity" {
		return nil, false
	}
	for _, r := range low {
		if r > 127 {
			return nil, false
		}
	}
	v, _, err := apd.NewFromString(s)
	if err != nil {
		return nil, false
	}
	return &Decimal{v: *v}, true
}

// fromObject converts a constructor argument exactly (Decimal(value)).
func fromObject(t *pyexec.Thread, c *Context, o py.Object) (*Decimal, error) {
	switch x := o.(type) {
	case *Decimal:
		return x, nil
	case py.String:
		d, ok := parseDecimal(string(x))
		if !ok {
			if err := raise(t, c, sigInvalid, condSyntax); err != nil {
				return nil, err
			}
			d = &Decimal{}
			d.v.Form = apd.NaN
		}
		return d, nil
	case py.Float:
		c.Flags |= sigFloat
		if c.Traps&sigFloat != 0 {
			return nil, raise(t, c, sigFloat, 0)
		}
		return decFromFloat(float64(x)), nil
	case py.Tuple:
		return fromTuple(t, x)
	case *py.List:
		return fromTuple(t, py.Tuple(x.Items))
	}
	if pyexec.IsInt(o) {
		return decFromBig(pyexec.BigOf(o)), nil
	}
	if tup, ok := asNamedTuple(o); ok {
		return fromTuple(t, tup)
	}
	return nil, pyexec.Errorf(pyexec.TypeErrorType, "conversion from %s to Decimal is not supported", pyexec.TypeName(o))
}

func asNamedTuple(o py.Object) (py.Tuple, bool) {
	if in, ok := o.(*pyexec.Instance); ok {
		if tup, ok := in.Value().(py.Tuple); ok {
			return tup, true
		}
	}
	return nil, false
}

// fromTuple converts (sign, digits, exponent).
func fromTuple(t *pyexec.Thread, tup py.Tuple) (*Decimal, error) {
	if len(tup) != 3 {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "argument must be a sequence of length 3")
	}
	s, ok, _ := pyexec.AsIndex(tup[0])
	if !ok || (s != 0 && s != 1) {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "sign must be an integer with the value 0 or 1")
	}
	d := &Decimal{}
	d.v.Negative = s == 1
	switch e := tup[2].(type) {
	case py.String:
		switch e {
		case "F":
			d.v.Form = apd.Infinite
			return d, nil
		case "n":
			d.v.Form = apd.NaN
			return d, nil
		case "N":
			d.v.Form = apd.NaNSignaling
			return d, nil
		}
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "string argument in the third position must be 'F', 'n' or 'N'")
	default:
		n, ok, _ := pyexec.AsIndex(e)
		if !ok {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "exponent must be an integer")
		}
		d.v.Exponent = int32(n)
	}
	digits, err := pyexec.Collect(t, tup[1])
	if err != nil {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "coefficient must be a tuple of digits")
	}
	var sb strings.Builder
	for _, x := range digits {
		n, ok, _ := pyexec.AsIndex(x)
		if !ok || n < 0 || n > 9 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "coefficient must be a tuple of digits")
		}
		sb.WriteByte(byte('0' + n))
	}
	str := sb.String()
	if str == "" {
		str = "0"
	}
	d.v.Coeff.SetString(str, 10)
	return d, nil
}

// convertOp converts an operand of arithmetic: Decimal or int. A float or
// other type gives nil (NotImplemented), or a TypeError when strict.
func convertOp(t *pyexec.Thread, o py.Object, strict bool) (*Decimal, error) {
	if d, ok := o.(*Decimal); ok {
		return d, nil
	}
	if pyexec.IsInt(o) {
		return decFromBig(pyexec.BigOf(o)), nil
	}
	if strict {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "conversion from %s to Decimal is not supported", pyexec.TypeName(o))
	}
	return nil, nil
}

// round rounds d to c (prec 0: c.Prec; rounding "": c.Rounding).
func round(t *pyexec.Thread, c *Context, d *Decimal, prec int64, rounding string) (*Decimal, error) {
	r := &Decimal{}
	cond, err := c.apd(prec, rounding).Round(&r.v, &d.v)
	if err := check(t, c, cond, err); err != nil {
		return nil, err
	}
	return r, nil
}

// arith applies binary operator op under context c.
func arith(t *pyexec.Thread, c *Context, op int, x, y *Decimal) (py.Object, error) {
	r := &Decimal{}
	ac := c.apd(0, "")
	var cond apd.Condition
	var err error
	switch op {
	case pyexec.OpAdd:
		cond, err = ac.Add(&r.v, &x.v, &y.v)
	case pyexec.OpSub:
		cond, err = ac.Sub(&r.v, &x.v, &y.v)
	case pyexec.OpMul:
		cond, err = ac.Mul(&r.v, &x.v, &y.v)
	case pyexec.OpTrueDiv:
		cond, err = ac.Quo(&r.v, &x.v, &y.v)
		if err == nil && cond&apd.Inexact == 0 && x.v.Form == apd.Finite && y.v.Form == apd.Finite {
			r.idealize(int64(x.v.Exponent) - int64(y.v.Exponent))
		}
	case pyexec.OpFloorDiv:
		cond, err = ac.QuoInteger(&r.v, &x.v, &y.v)
	case pyexec.OpMod:
		if y.v.IsZero() && y.v.Form == apd.Finite && x.v.Form == apd.Finite {
			if x.v.IsZero() {
				return nanResult(t, c, condDivUndefined)
			}
			return nanResult(t, c, condPlain)
		}
		cond, err = ac.Rem(&r.v, &x.v, &y.v)
	case pyexec.OpPow:
		return power(t, c, x, y)
	default:
		return pyexec.NotImplemented, nil
	}
	if err := check(t, c, cond, err); err != nil {
		return nil, err
	}
	return r, nil
}

// nanResult signals InvalidOperation (condition cnd) and returns NaN.
func nanResult(t *pyexec.Thread, c *Context, cnd int) (py.Object, error) {
	if err := raise(t, c, sigInvalid, cnd); err != nil {
		return nil, err
	}
	r := &Decimal{}
	r.v.Form = apd.NaN
	return r, nil
}

// power is x ** y: integral exponents are exact before rounding; others
// are computed with extra digits and rounded.
func power(t *pyexec.Thread, c *Context, x, y *Decimal) (py.Object, error) {
	if x.v.Form == apd.Finite && y.v.Form == apd.Finite && x.v.IsZero() && y.v.IsZero() {
		return nanResult(t, c, condPlain)
	}
	ideal := func() int64 {
		if y.v.Form == apd.Finite && y.v.Exponent >= 0 && x.v.Form == apd.Finite {
			if n, err := y.v.Int64(); err == nil && n > 0 {
				return int64(x.v.Exponent) * n
			}
		}
		return 0
	}
	return correctly(t, c, c.Rounding, ideal, func(ac *apd.Context, r *apd.Decimal) (apd.Condition, error) {
		return ac.Pow(r, &x.v, &y.v)
	})
}

// correctly evaluates f with extra precision until the result rounds
// unambiguously to c's precision, then rounds it (rounding "": half even).
func correctly(t *pyexec.Thread, c *Context, rounding string, ideal func() int64, f func(ac *apd.Context, r *apd.Decimal) (apd.Condition, error)) (*Decimal, error) {
	if rounding == "" {
		rounding = "ROUND_HALF_EVEN"
	}
	var r apd.Decimal
	var cond apd.Condition
	for extra := int64(9); ; extra *= 2 {
		ac := c.apd(c.Prec+extra, "ROUND_HALF_EVEN")
		var err error
		cond, err = f(ac, &r)
		if err != nil {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "%v", err)
		}
		if cond&apd.Inexact == 0 || r.Form != apd.Finite || extra > 300 {
			break
		}
		s := r.Coeff.String()
		if int64(len(s)) <= c.Prec+1 {
			break
		}
		tail := s[c.Prec+1:]
		if strings.Trim(tail, "0") != "" && strings.Trim(tail, "9") != "" {
			break
		}
	}
	out := &Decimal{}
	sig, cnd := signalsOf(cond &^ (apd.Inexact | apd.Rounded))
	rc, err := c.apd(0, rounding).Round(&out.v, &r)
	if err != nil {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "%v", err)
	}
	s2, c2 := signalsOf(rc)
	sig |= s2
	cnd |= c2
	if cond&apd.Inexact != 0 {
		sig |= sigInexact | sigRounded
	}
	if sig != 0 {
		if err := raise(t, c, sig, cnd); err != nil {
			return nil, err
		}
	}
	if cond&apd.Inexact == 0 && rc&apd.Inexact == 0 && ideal != nil {
		out.idealize(ideal())
	}
	return out, nil
}

// idealize strips trailing zeros of an exact result's coefficient while
// its exponent is below the ideal exponent.
func (d *Decimal) idealize(ideal int64) {
	if d.v.Form != apd.Finite {
		return
	}
	digits := d.coeffDigits()
	if d.v.IsZero() {
		if int64(d.v.Exponent) < ideal {
			d.v.Exponent = int32(ideal)
		}
		return
	}
	n := 0
	for n < len(digits)-1 && digits[len(digits)-1-n] == '0' && int64(d.v.Exponent)+int64(n) < ideal {
		n++
	}
	if n > 0 {
		d.v.Coeff.SetString(digits[:len(digits)-n], 10)
		d.v.Exponent += int32(n)
	}
}

// toRat returns a finite decimal's exact value.
func (d *Decimal) toRat() *big.Rat {
	n := d.v.Coeff.MathBigInt()
	if d.v.Negative {
		n.Neg(n)
	}
	if d.v.Exponent >= 0 {
		n.Mul(n, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d.v.Exponent)), nil))
		return new(big.Rat).SetInt(n)
	}
	return new(big.Rat).SetFrac(n, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-d.v.Exponent)), nil))
}

// toInt truncates a finite decimal to an integer.
func (d *Decimal) toInt() *big.Int {
	n := d.v.Coeff.MathBigInt()
	if d.v.Exponent >= 0 {
		n.Mul(n, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d.v.Exponent)), nil))
	} else {
		n.Quo(n, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-d.v.Exponent)), nil))
	}
	if d.v.Negative {
		n.Neg(n)
	}
	return n
}

// otherRat converts a comparison operand: Decimal, int, float or a
// Rational (Fraction); kind 0 unsupported, 1 finite (r set), 2 special (d set).
func otherValue(t *pyexec.Thread, c *Context, o py.Object, eq bool) (d *Decimal, r *big.Rat, ok bool, err error) {
	switch x := o.(type) {
	case *Decimal:
		return x, nil, true, nil
	case py.Float:
		c.Flags |= sigFloat
		if !eq && c.Traps&sigFloat != 0 {
			return nil, nil, true, raise(t, c, sigFloat, 0)
		}
		return decFromFloat(float64(x)), nil, true, nil
	}
	if pyexec.IsInt(o) {
		return decFromBig(pyexec.BigOf(o)), nil, true, nil
	}
	if pyexec.TypeName(o) == "Fraction" {
		num, err1 := pyexec.GetAttr(t, o, "numerator")
		den, err2 := pyexec.GetAttr(t, o, "denominator")
		if err1 == nil && err2 == nil && pyexec.IsInt(num) && pyexec.IsInt(den) {
			return nil, new(big.Rat).SetFrac(pyexec.BigOf(num), pyexec.BigOf(den)), true, nil
		}
	}
	return nil, nil, false, nil
}

// compare orders x against o: c is -1, 0, 1; nan reports an unordered pair.
func compare(t *pyexec.Thread, x *Decimal, o py.Object, eq bool) (c int, nan, ok bool, err error) {
	ctx, err := curContext(t)
	if err != nil {
		return 0, false, false, err
	}
	y, r, ok, err := otherValue(t, ctx, o, eq)
	if !ok || err != nil {
		return 0, false, ok, err
	}
	if x.isNaN() || y != nil && y.isNaN() {
		return 0, true, true, nil
	}
	if r != nil {
		if x.v.Form == apd.Infinite {
			if x.v.Negative {
				return -1, false, true, nil
			}
			return 1, false, true, nil
		}
		return x.toRat().Cmp(r), false, true, nil
	}
	return x.v.Cmp(&y.v), false, true, nil
}

// PyEqual implements == with Decimal, int, float and Fraction.
func (d *Decimal) PyEqual(t *pyexec.Thread, other py.Object) (bool, bool, error) {
	c, nan, ok, err := compare(t, d, other, true)
	if err != nil || !ok {
		return false, ok, err
	}
	if nan {
		if d.v.Form == apd.NaNSignaling {
			ctx, _ := curContext(t)
			return false, true, raise(t, ctx, sigInvalid, condPlain)
		}
		return false, true, nil
	}
	return c == 0, true, nil
}

// PyCompare implements <, <=, >, >=; a NaN operand signals InvalidOperation.
func (d *Decimal) PyCompare(t *pyexec.Thread, op int, other py.Object) (bool, bool, error) {
	c, nan, ok, err := compare(t, d, other, false)
	if err != nil || !ok {
		return false, ok, err
	}
	if nan {
		ctx, err := curContext(t)
		if err != nil {
			return false, true, err
		}
		return false, true, raise(t, ctx, sigInvalid, condPlain)
	}
	switch op {
	case pyexec.CmpLT:
		return c < 0, true, nil
	case pyexec.CmpLE:
		return c <= 0, true, nil
	case pyexec.CmpGT:
		return c > 0, true, nil
	case pyexec.CmpGE:
		return c >= 0, true, nil
	}
	return false, false, nil
}

const hashModulus = 1<<61 - 1

// hash returns CPython's numeric hash of d.
func (d *Decimal) hash(t *pyexec.Thread) (int64, error) {
	switch d.v.Form {
	case apd.NaNSignaling:
		return 0, pyexec.Errorf(pyexec.TypeErrorType, "Cannot hash a signaling NaN value")
	case apd.NaN:
		return pyexec.Hash(t, py.Float(math.NaN()))
	case apd.Infinite:
		if d.v.Negative {
			return -314159, nil
		}
		return 314159, nil
	}
	p := big.NewInt(hashModulus)
	var eh *big.Int
	if d.v.Exponent >= 0 {
		eh = new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d.v.Exponent)), p)
	} else {
		inv := new(big.Int).Exp(big.NewInt(10), big.NewInt(hashModulus-2), p)
		eh = new(big.Int).Exp(inv, big.NewInt(int64(-d.v.Exponent)), p)
	}
	h := d.v.Coeff.MathBigInt()
	h.Mul(h, eh).Mod(h, p)
	v := h.Int64()
	if d.v.Negative {
		v = -v
	}
	if v == -1 {
		v = -2
	}
	return v, nil
}

// GetAttr exposes real, imag.
func (d *Decimal) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	switch name {
	case "real":
		return d, true, nil
	case "imag":
		return &Decimal{}, true, nil
	case "__class__":
		return DecimalType, true, nil
	}
	return nil, false, nil
}

// rescale rounds d to an integral value with rounding and returns it as a
// Python int (the errors of int(), round(), math.floor()...).
func (d *Decimal) rescale(t *pyexec.Thread, rounding string, roundMsg bool) (py.Object, error) {
	switch d.v.Form {
	case apd.NaN, apd.NaNSignaling:
		if roundMsg {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "cannot round a NaN")
		}
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "cannot convert NaN to integer")
	case apd.Infinite:
		if roundMsg {
			return nil, pyexec.Errorf(pyexec.OverflowErrorType, "cannot round an infinity")
		}
		return nil, pyexec.Errorf(pyexec.OverflowErrorType, "cannot convert Infinity to integer")
	}
	if d.v.Exponent >= 0 {
		return pyexec.IntFromBig(d.toInt()), nil
	}
	ac := &apd.Context{Precision: uint32(len(d.coeffDigits()) + 2), MaxExponent: apd.MaxExponent, MinExponent: apd.MinExponent, Rounding: roundings[rounding]}
	var r apd.Decimal
	if _, err := ac.Quantize(&r, &d.v, 0); err != nil {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "%v", err)
	}
	return pyexec.IntFromBig((&Decimal{v: r}).toInt()), nil
}
