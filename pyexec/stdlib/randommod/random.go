// Package randommod implements CPython's random module for pyexec with
// CPython's Mersenne Twister, seeding (int, str, bytes, float) and the
// algorithms of Lib/random.py, so seeded sequences match CPython's. The
// module-level functions use a hidden Random instance per Thread, seeded
// from the host's entropy at import.
package randommod

import (
	"crypto/rand"
	"crypto/sha512"
	"encoding/binary"
	"math"
	"math/big"
	"strconv"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

// RandomType is random.Random.
var RandomType = pyexec.NewNativeType("random", "Random", nil)

// Random is a random.Random instance.
type Random struct {
	mt        mt
	gaussNext py.Object // nil: None
}

// Type returns random.Random.
func (r *Random) Type() *py.Type { return RandomType }

// Repr returns <random.Random object at 0x…>.
func (r *Random) Repr(*pyexec.Thread) (string, error) {
	return "<random.Random object at " + pyexec.FormatAddr(pyexec.FakeAddr(r)) + ">", nil
}

// GetAttr exposes VERSION and gauss_next.
func (r *Random) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	switch name {
	case "VERSION":
		return pyexec.MakeInt(3), true, nil
	case "gauss_next":
		if r.gaussNext == nil {
			return py.None, true, nil
		}
		return r.gaussNext, true, nil
	}
	return nil, false, nil
}

func (r *Random) seedBig(n *big.Int) {
	n = new(big.Int).Abs(n)
	words := n.Bits()
	var key []uint32
	for _, w := range words {
		if strconv.IntSize == 64 {
			key = append(key, uint32(w), uint32(uint64(w)>>32))
		} else {
			key = append(key, uint32(w))
		}
	}
	for len(key) > 1 && key[len(key)-1] == 0 {
		key = key[:len(key)-1]
	}
	if len(key) == 0 {
		key = []uint32{0}
	}
	r.mt.initByArray(key)
}

func (r *Random) seed(t *pyexec.Thread, a py.Object, version int64) error {
	r.gaussNext = nil
	if a == nil || pyexec.IsNone(a) {
		var b [2496]byte
		_, _ = rand.Read(b[:])
		key := make([]uint32, 624)
		for i := range key {
			key[i] = binary.LittleEndian.Uint32(b[4*i:])
		}
		r.mt.initByArray(key)
		return nil
	}
	if version == 2 {
		var data []byte
		switch x := a.(type) {
		case py.String:
			data = []byte(string(x))
		case py.Bytes:
			data = []byte(x)
		}
		if data != nil {
			sum := sha512.Sum512(data)
			r.seedBig(new(big.Int).SetBytes(append(append([]byte{}, data...), sum[:]...)))
			return nil
		}
	}
	if b := pyexec.BigOf(a); b != nil {
		r.seedBig(b)
		return nil
	}
	switch a.(type) {
	case py.Float, py.String, py.Bytes:
	default:
		return pyexec.Errorf(pyexec.TypeErrorType, "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.")
	}
	h, err := pyexec.Hash(t, a)
	if err != nil {
		return err
	}
	r.seedBig(big.NewInt(h))
	return nil
}

func (r *Random) getrandbits(k int64) *big.Int {
	if k <= 32 {
		return big.NewInt(int64(r.mt.genrand() >> (32 - uint(k))))
	}
	words := (k-1)/32 + 1
	b := make([]byte, words*4)
	for i := int64(0); i < words; i++ {
		v := r.mt.genrand()
		if k < 32 {
			v >>= 32 - uint(k)
		}
		binary.BigEndian.PutUint32(b[(words-1-i)*4:], v)
		k -= 32
	}
	return new(big.Int).SetBytes(b)
}

// randbelow returns a uniform int in [0, n) by rejection sampling on
// getrandbits(n.bit_length()), as _randbelow_with_getrandbits.
func (r *Random) randbelow(n *big.Int) *big.Int {
	if n.Sign() <= 0 {
		return new(big.Int)
	}
	k := int64(n.BitLen())
	x := r.getrandbits(k)
	for x.Cmp(n) >= 0 {
		x = r.getrandbits(k)
	}
	return x
}

func (r *Random) randbelowInt(n int) int {
	return int(r.randbelow(big.NewInt(int64(n))).Int64())
}

func toFloat(t *pyexec.Thread, o py.Object) (float64, error) {
	if f, ok := o.(py.Float); ok {
		return float64(f), nil
	}
	v, err := pyexec.Call(t, py.FloatType, []py.Object{o}, nil)
	if err != nil {
		return 0, err
	}
	return float64(v.(py.Float)), nil
}

// floats binds float parameters; dflts[i] applies when argument i is
// absent (the first req are required).
func floats(t *pyexec.Thread, fname string, args []py.Object, kw py.Tuple, params []string, req int, dflts ...float64) ([]float64, error) {
	a, err := pyexec.BindArgs(fname, args, kw, params, req)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(params))
	for i, o := range a {
		if o == nil {
			out[i] = dflts[i-req]
			continue
		}
		if out[i], err = toFloat(t, o); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (r *Random) gammavariate(alpha, beta float64) (float64, error) {
	if alpha <= 0 || beta <= 0 {
		return 0, pyexec.Errorf(pyexec.ValueErrorType, "gammavariate: alpha and beta must be > 0.0")
	}
	log4 := math.Log(4.0)
	sgMagic := 1.0 + math.Log(4.5)
	switch {
	case alpha > 1.0:
		ainv := math.Sqrt(2.0*alpha - 1.0)
		bbb := alpha - log4
		ccc := alpha + ainv
		for {
			u1 := r.mt.random()
			if !(1e-7 < u1 && u1 < 0.9999999) {
				continue
			}
			u2 := 1.0 - r.mt.random()
			v := math.Log(u1/(1.0-u1)) / ainv
			x := alpha * math.Exp(v)
			z := u1 * u1 * u2
			rr := bbb + ccc*v - x
			if rr+sgMagic-4.5*z >= 0.0 || rr >= math.Log(z) {
				return x * beta, nil
			}
		}
	case alpha == 1.0:
		return -math.Log(1.0-r.mt.random()) * beta, nil
	}
	var x float64
	for {
		u := r.mt.random()
		b := (math.E + alpha) / math.E
		p := b * u
		if p <= 1.0 {
			x = math.Pow(p, 1.0/alpha)
		} else {
			x = -math.Log((b - p) / alpha)
		}
		u1 := r.mt.random()
		if p > 1.0 {
			if u1 <= math.Pow(x, alpha-1.0) {
				break
			}
		} else if u1 <= math.Exp(-x) {
			break
		}
	}
	return x * beta, nil
}

func (r *Random) normalvariate(mu, sigma float64) float64 {
	nv := 4 * math.Exp(-0.5) / math.Sqrt(2.0)
	var z float64
	for {
		u1 := r.mt.random()
		u2 := 1.0 - r.mt.random()
		z = nv * (u1 - 0.5) / u2
		zz := z * z / 4.0
		if zz <= -math.Log(u2) {
			break
		}
	}
	return mu + z*sigma
}

func isSequence(o py.Object) bool {
	switch o.(type) {
	case *py.List, py.Tuple, py.String, py.Bytes:
		return true
	}
	switch pyexec.TypeName(o) {
	case "range", "deque", "bytearray", "memoryview":
		return true
	}
	if pyexec.IsUserClass(pyexec.TypeOf(o)) {
		_, err := pyexec.GetAttr(nil, pyexec.TypeOf(o), "__getitem__")
		_, err2 := pyexec.GetAttr(nil, pyexec.TypeOf(o), "keys")
		return err == nil && err2 != nil
	}
	return false
}

func bigArg(o py.Object) (*big.Int, bool) {
	b := pyexec.BigOf(o)
	return b, b != nil
}

func reprOf(t *pyexec.Thread, o py.Object) string {
	s, err := pyexec.Str(t, o)
	if err != nil {
		return "?"
	}
	return s
}

func indexErr(o py.Object) error {
	return pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(o))
}

// index311 converts a randrange argument as 3.11 does: ints pass, integral
// floats are accepted (deprecated), others raise ValueError.
func index311(t *pyexec.Thread, o py.Object, what string) (*big.Int, error) {
	if b, ok := bigArg(o); ok {
		return b, nil
	}
	if t.Version().Minor >= 12 {
		return nil, indexErr(o)
	}
	v, err := pyexec.Call(t, py.IntType, []py.Object{o}, nil)
	if err != nil {
		return nil, err
	}
	eq, err := pyexec.Equal(t, v, o)
	if err != nil {
		return nil, err
	}
	if !eq {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "non-integer %s for randrange()", what)
	}
	return pyexec.BigOf(v), nil
}

func (r *Random) randrange(t *pyexec.Thread, start, stop, step py.Object) (py.Object, error) {
	istart, err := index311(t, start, "arg 1")
	if err != nil {
		return nil, err
	}
	if stop == nil || pyexec.IsNone(stop) {
		if step != nil {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "Missing a non-None stop argument")
		}
		if istart.Sign() > 0 {
			return pyexec.IntFromBig(r.randbelow(istart)), nil
		}
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "empty range for randrange()")
	}
	istop, err := index311(t, stop, "stop")
	if err != nil {
		return nil, err
	}
	width := new(big.Int).Sub(istop, istart)
	istep := big.NewInt(1)
	if step != nil {
		if istep, err = index311(t, step, "step"); err != nil {
			return nil, err
		}
	}
	v312 := t.Version().Minor >= 12
	if istep.Cmp(big.NewInt(1)) == 0 {
		if width.Sign() > 0 {
			return pyexec.IntFromBig(new(big.Int).Add(istart, r.randbelow(width))), nil
		}
		if v312 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "empty range in randrange(%s, %s)", reprOf(t, start), reprOf(t, stop))
		}
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "empty range for randrange() (%s, %s, %s)", istart, istop, width)
	}
	var n *big.Int
	switch istep.Sign() {
	case 1:
		n = new(big.Int).Add(width, istep)
		n.Sub(n, big.NewInt(1))
	case -1:
		n = new(big.Int).Add(width, istep)
		n.Add(n, big.NewInt(1))
	default:
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "zero step for randrange()")
	}
	q, m := new(big.Int).DivMod(n, istep, new(big.Int))
	_ = m
	if istep.Sign() < 0 && m.Sign() != 0 {
		// Euclidean DivMod differs from floor division for negative divisors.
		q.Sub(q, big.NewInt(1))
	}
	n = q
	if n.Sign() <= 0 {
		if v312 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "empty range in randrange(%s, %s, %s)", reprOf(t, start), reprOf(t, stop), reprOf(t, step))
		}
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "empty range for randrange()")
	}
	res := new(big.Int).Mul(istep, r.randbelow(n))
	return pyexec.IntFromBig(res.Add(res, istart)), nil
}
