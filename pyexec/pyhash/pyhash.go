// Package pyhash computes CPython's hash() values bit-exactly for CPython
// 3.8 through 3.13 on 64-bit platforms.
//
// A [Hasher] carries what CPython's hash depends on: the interpreter's minor
// version (which selects siphash24 for 3.8–3.10 and siphash13 for 3.11+, and
// a few version-specific rules for NaN and None) and the PYTHONHASHSEED value
// (0, the default here, disables randomization: the secret key is all zero
// bytes; N > 0 derives the key with CPython's lcg_urandom).
//
// Numeric hashes (int, bool, float, complex) follow CPython's numeric hash
// protocol (reduction modulo the Mersenne prime 2**61-1), so numbers that
// compare equal hash equally across types. Container hashes ([Hasher.Tuple],
// [Hasher.FrozenSet]) take the hashes of their items, which the caller
// computes, so the package does not depend on any object model.
//
// Objects whose CPython hash is identity-based (NaN floats from 3.10, None
// before 3.12, objects without __hash__) take an identity argument; pass any
// stable per-object value (for example an address or a counter), and the
// result is what CPython's _Py_HashPointer gives for that value.
package pyhash

import (
	"math"
	"math/big"
	"math/bits"
)

// Modulus is CPython's _PyHASH_MODULUS, the Mersenne prime 2**61 - 1 used by
// the numeric hash protocol.
const Modulus = (1 << Bits) - 1

// Bits is CPython's _PyHASH_BITS on 64-bit platforms.
const Bits = 61

// Inf is hash(float('inf')) (CPython's _PyHASH_INF); hash(-inf) is -Inf.
const Inf = 314159

// Imag is CPython's _PyHASH_IMAG, the multiplier of the imaginary part's
// hash in a complex number's hash.
const Imag = 1000003

// NoneHash312 is hash(None) on CPython 3.12 and later, where it is a
// constant rather than identity-based.
const NoneHash312 = 0xFCA86420

// Algorithm names the string hashing function a Hasher uses, as reported by
// CPython's sys.hash_info.algorithm.
type Algorithm string

const (
	// SipHash24 is SipHash-2-4, the default for CPython 3.8–3.10.
	SipHash24 Algorithm = "siphash24"
	// SipHash13 is SipHash-1-3, the default for CPython 3.11 and later.
	SipHash13 Algorithm = "siphash13"
)

// Hasher computes CPython hash values for one CPython minor version and one
// PYTHONHASHSEED. It is immutable after [New] and safe for concurrent use.
type Hasher struct {
	minor  int
	seed   uint32
	k0, k1 uint64
	cRound int // compression rounds per 8-byte block
	dRound int // finalization rounds
	algo   Algorithm
}

// New returns a Hasher for CPython 3.minor (8 through 13; values outside
// that range are clamped to it) and the given PYTHONHASHSEED (0 means
// randomization disabled, CPython's behaviour with PYTHONHASHSEED=0).
func New(minor int, seed uint32) *Hasher {
	if minor < 8 {
		minor = 8
	}
	if minor > 13 {
		minor = 13
	}
	h := &Hasher{minor: minor, seed: seed}
	key := SecretKey(seed)
	h.k0 = le64(key[0:8])
	h.k1 = le64(key[8:16])
	if minor >= 11 {
		h.cRound, h.dRound, h.algo = 1, 3, SipHash13
	} else {
		h.cRound, h.dRound, h.algo = 2, 4, SipHash24
	}
	return h
}

// Minor returns the CPython minor version (8..13) the Hasher reproduces.
func (h *Hasher) Minor() int { return h.minor }

// Seed returns the PYTHONHASHSEED the Hasher was built with.
func (h *Hasher) Seed() uint32 { return h.seed }

// Algorithm returns the string hashing algorithm, as CPython's
// sys.hash_info.algorithm names it.
func (h *Hasher) Algorithm() Algorithm { return h.algo }

// SecretKey returns the 24-byte _Py_HashSecret CPython derives from
// PYTHONHASHSEED=seed: all zero bytes for seed 0, otherwise the output of
// CPython's lcg_urandom (x = x*214013 + 2531011; byte = (x >> 16) & 0xff).
// SipHash uses the first 16 bytes as its key (k0, k1, little-endian).
func SecretKey(seed uint32) [24]byte {
	var key [24]byte
	if seed == 0 {
		return key
	}
	x := seed
	for i := range key {
		x = x*214013 + 2531011
		key[i] = byte(x >> 16)
	}
	return key
}

func le64(b []byte) uint64 {
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// fix maps CPython's reserved error value -1 to -2.
func fix(x int64) int64 {
	if x == -1 {
		return -2
	}
	return x
}

// Bytes returns hash(b) for a bytes (or bytes-like, e.g. memoryview of
// bytes) value.
func (h *Hasher) Bytes(b []byte) int64 {
	if len(b) == 0 {
		return 0
	}
	return fix(int64(siphash(h.k0, h.k1, h.cRound, h.dRound, b)))
}

// Str returns hash(s) for a Python str whose code points are s decoded as
// UTF-8. CPython hashes the PEP 393 representation (1, 2 or 4 bytes per code
// point, chosen by the largest code point, little-endian), which Str
// reproduces. Encoded surrogates (ED A0..BF xx, as produced by
// surrogatepass/WTF-8) count as the surrogate code point; any other invalid
// UTF-8 byte counts as U+FFFD, as Go's range loop decodes it.
func (h *Hasher) Str(s string) int64 {
	if len(s) == 0 {
		return 0
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return fix(int64(siphash(h.k0, h.k1, h.cRound, h.dRound, s)))
	}
	// First pass: count code points and find the widest.
	n, maxCP := 0, rune(0)
	for i := 0; i < len(s); {
		r, size := decodeRune(s, i)
		i += size
		n++
		if r > maxCP {
			maxCP = r
		}
	}
	width := 1
	if maxCP >= 0x10000 {
		width = 4
	} else if maxCP >= 0x100 {
		width = 2
	}
	var stack [256]byte
	var buf []byte
	if n*width <= len(stack) {
		buf = stack[:n*width]
	} else {
		buf = make([]byte, n*width)
	}
	j := 0
	for i := 0; i < len(s); {
		r, size := decodeRune(s, i)
		i += size
		switch width {
		case 1:
			buf[j] = byte(r)
		case 2:
			buf[j], buf[j+1] = byte(r), byte(r>>8)
		default:
			buf[j], buf[j+1], buf[j+2], buf[j+3] = byte(r), byte(r>>8), byte(r>>16), byte(r>>24)
		}
		j += width
	}
	return fix(int64(siphash(h.k0, h.k1, h.cRound, h.dRound, buf)))
}

// StrRunes returns hash(s) for a Python str given as its code points
// (surrogates allowed).
func (h *Hasher) StrRunes(rs []rune) int64 {
	if len(rs) == 0 {
		return 0
	}
	maxCP := rune(0)
	for _, r := range rs {
		if r > maxCP {
			maxCP = r
		}
	}
	width := 1
	if maxCP >= 0x10000 {
		width = 4
	} else if maxCP >= 0x100 {
		width = 2
	}
	buf := make([]byte, len(rs)*width)
	for i, r := range rs {
		j := i * width
		switch width {
		case 1:
			buf[j] = byte(r)
		case 2:
			buf[j], buf[j+1] = byte(r), byte(r>>8)
		default:
			buf[j], buf[j+1], buf[j+2], buf[j+3] = byte(r), byte(r>>8), byte(r>>16), byte(r>>24)
		}
	}
	return fix(int64(siphash(h.k0, h.k1, h.cRound, h.dRound, buf)))
}

// decodeRune decodes one code point of generalized UTF-8 at s[i]: like
// utf8.DecodeRuneInString but accepting encoded surrogates U+D800..U+DFFF.
// Invalid sequences decode as U+FFFD, consuming one byte.
func decodeRune(s string, i int) (rune, int) {
	c := s[i]
	if c < 0x80 {
		return rune(c), 1
	}
	n := len(s) - i
	switch {
	case c >= 0xC2 && c <= 0xDF:
		if n >= 2 && cont(s[i+1]) {
			return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F), 2
		}
	case c >= 0xE0 && c <= 0xEF:
		if n >= 3 && cont(s[i+1]) && cont(s[i+2]) {
			r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			if r >= 0x800 {
				return r, 3
			}
		}
	case c >= 0xF0 && c <= 0xF4:
		if n >= 4 && cont(s[i+1]) && cont(s[i+2]) && cont(s[i+3]) {
			r := rune(c&0x07)<<18 | rune(s[i+1]&0x3F)<<12 | rune(s[i+2]&0x3F)<<6 | rune(s[i+3]&0x3F)
			if r >= 0x10000 && r <= 0x10FFFF {
				return r, 4
			}
		}
	}
	return 0xFFFD, 1
}

func cont(b byte) bool { return b&0xC0 == 0x80 }

// siphash is SipHash-c-d with key (k0, k1) over data, as CPython's
// siphash13/siphash24 compute it.
func siphash[T ~string | ~[]byte](k0, k1 uint64, c, d int, data T) uint64 {
	v0 := k0 ^ 0x736f6d6570736575
	v1 := k1 ^ 0x646f72616e646f6d
	v2 := k0 ^ 0x6c7967656e657261
	v3 := k1 ^ 0x7465646279746573
	n := len(data)
	i := 0
	for ; i+8 <= n; i += 8 {
		m := uint64(data[i]) | uint64(data[i+1])<<8 | uint64(data[i+2])<<16 | uint64(data[i+3])<<24 |
			uint64(data[i+4])<<32 | uint64(data[i+5])<<40 | uint64(data[i+6])<<48 | uint64(data[i+7])<<56
		v3 ^= m
		for r := 0; r < c; r++ {
			v0, v1, v2, v3 = sipRound(v0, v1, v2, v3)
		}
		v0 ^= m
	}
	b := uint64(n) << 56
	for j := 0; i+j < n; j++ {
		b |= uint64(data[i+j]) << (8 * uint(j))
	}
	v3 ^= b
	for r := 0; r < c; r++ {
		v0, v1, v2, v3 = sipRound(v0, v1, v2, v3)
	}
	v0 ^= b
	v2 ^= 0xff
	for r := 0; r < d; r++ {
		v0, v1, v2, v3 = sipRound(v0, v1, v2, v3)
	}
	return v0 ^ v1 ^ v2 ^ v3
}

func sipRound(v0, v1, v2, v3 uint64) (uint64, uint64, uint64, uint64) {
	v0 += v1
	v1 = bits.RotateLeft64(v1, 13)
	v1 ^= v0
	v0 = bits.RotateLeft64(v0, 32)
	v2 += v3
	v3 = bits.RotateLeft64(v3, 16)
	v3 ^= v2
	v0 += v3
	v3 = bits.RotateLeft64(v3, 21)
	v3 ^= v0
	v2 += v1
	v1 = bits.RotateLeft64(v1, 17)
	v1 ^= v2
	v2 = bits.RotateLeft64(v2, 32)
	return v0, v1, v2, v3
}

// Int returns hash(v) for a Python int that fits in int64.
func (h *Hasher) Int(v int64) int64 { return Int(v) }

// Int returns hash(v) for a Python int that fits in int64 (the numeric hash
// is the same on every supported version).
func Int(v int64) int64 {
	if v >= 0 {
		if v < Modulus {
			return v
		}
		return int64(uint64(v) % Modulus)
	}
	a := uint64(^v) + 1 // |v|, correct for math.MinInt64 too
	return fix(-int64(a % Modulus))
}

// BigInt returns hash(v) for a Python int of any size: |v| mod 2**61-1,
// with v's sign, -1 mapped to -2.
func (h *Hasher) BigInt(v *big.Int) int64 { return BigInt(v) }

// BigInt returns hash(v) for a Python int of any size.
func BigInt(v *big.Int) int64 {
	if v.IsInt64() {
		return Int(v.Int64())
	}
	var x uint64
	words := v.Bits()
	for i := len(words) - 1; i >= 0; i-- {
		w := uint64(words[i])
		if bits.UintSize == 64 {
			// x*2**64 mod M == x*8 mod M because 2**61 == 1 (mod M).
			x = mulPow2Mod(x, 64) + w%Modulus
		} else {
			x = mulPow2Mod(x, 32) + w
		}
		x = reduce(x)
	}
	if v.Sign() < 0 {
		return fix(-int64(x))
	}
	return int64(x)
}

// mulPow2Mod returns x * 2**k mod M for x < M, by rotating within 61 bits.
func mulPow2Mod(x uint64, k uint) uint64 {
	k %= Bits
	if k == 0 {
		return x
	}
	return ((x << k) & Modulus) | x>>(Bits-k)
}

func reduce(x uint64) uint64 {
	for x >= Modulus {
		x -= Modulus
	}
	return x
}

// Bool returns hash(b): 1 for True, 0 for False.
func (h *Hasher) Bool(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// Float returns hash(v) for a Python float (CPython's _Py_HashDouble).
// Integral values hash like the equal int, ±inf hash to ±314159. A NaN
// hashes to 0 on CPython 3.8–3.9 and to Pointer(id) from 3.10 on, where id
// identifies the float object (CPython uses its address).
func (h *Hasher) Float(v float64, id uintptr) int64 {
	if math.IsNaN(v) {
		if h.minor >= 10 {
			return Pointer(id)
		}
		return 0
	}
	return floatFinite(v)
}

// floatFinite hashes a non-NaN float.
func floatFinite(v float64) int64 {
	if math.IsInf(v, 1) {
		return Inf
	}
	if math.IsInf(v, -1) {
		return -Inf
	}
	m, e := math.Frexp(v)
	sign := uint64(1)
	if m < 0 {
		sign = ^uint64(0) // -1
		m = -m
	}
	var x uint64
	for m != 0 {
		x = ((x << 28) & Modulus) | x>>(Bits-28)
		m *= 268435456.0 // 2**28
		e -= 28
		y := uint64(m)
		m -= float64(y)
		x += y
		if x >= Modulus {
			x -= Modulus
		}
	}
	if e >= 0 {
		e %= Bits
	} else {
		e = Bits - 1 - ((-1 - e) % Bits)
	}
	x = ((x << uint(e)) & Modulus) | x>>(Bits-uint(e))
	return fix(int64(x * sign))
}

// Complex returns hash(complex(re, im)): hash(re) + 1000003*hash(im) in
// wrapping 64-bit arithmetic, -1 mapped to -2. id identifies the complex
// object and is used only for NaN parts on 3.10+ (see [Hasher.Float]).
func (h *Hasher) Complex(re, im float64, id uintptr) int64 {
	hr := uint64(h.Float(re, id))
	hi := uint64(h.Float(im, id))
	return fix(int64(hr + Imag*hi))
}

// Pointer returns CPython's _Py_HashPointer(p): p rotated right by 4 bits,
// -1 mapped to -2. This is the default object.__hash__ (id-based).
func Pointer(p uintptr) int64 {
	y := bits.RotateLeft64(uint64(p), -4)
	return fix(int64(y))
}

// Pointer returns the identity hash for an object whose address (or other
// stable identity) is p; see the package function [Pointer].
func (h *Hasher) Pointer(p uintptr) int64 { return Pointer(p) }

// None returns hash(None): the constant 0xFCA86420 on 3.12+, and the
// identity hash Pointer(id) of the None singleton before 3.12 (CPython
// used its address, which varies from process to process).
func (h *Hasher) None(id uintptr) int64 {
	if h.minor >= 12 {
		return NoneHash312
	}
	return Pointer(id)
}

const (
	xxPrime1 uint64 = 11400714785074694791
	xxPrime2 uint64 = 14029467366897019727
	xxPrime5 uint64 = 2870177450012600261
)

// TupleState accumulates a tuple hash one item at a time, avoiding a slice
// of item hashes: start with [TupleStart], call Add for every item hash in
// order, then Sum.
type TupleState struct {
	acc uint64
	n   uint64
}

// TupleStart returns the initial state of CPython's xxHash-based tuplehash.
func TupleStart() TupleState { return TupleState{acc: xxPrime5} }

// Add mixes in the hash of the next tuple item.
func (t *TupleState) Add(itemHash int64) {
	t.acc += uint64(itemHash) * xxPrime2
	t.acc = bits.RotateLeft64(t.acc, 31)
	t.acc *= xxPrime1
	t.n++
}

// Sum returns the tuple's hash.
func (t TupleState) Sum() int64 {
	acc := t.acc + (t.n ^ (xxPrime5 ^ 3527539))
	if acc == ^uint64(0) {
		return 1546275796
	}
	return int64(acc)
}

// Tuple returns hash(t) for a tuple whose items hash to itemHashes, in
// order (the xxHash-based tuplehash of CPython 3.8+).
func (h *Hasher) Tuple(itemHashes []int64) int64 { return Tuple(itemHashes) }

// Tuple returns the hash of a tuple whose items hash to itemHashes.
func Tuple(itemHashes []int64) int64 {
	t := TupleStart()
	for _, x := range itemHashes {
		t.Add(x)
	}
	return t.Sum()
}

func shuffleBits(h uint64) uint64 {
	return ((h ^ 89869747) ^ (h << 16)) * 3644798167
}

// FrozenSet returns hash(frozenset(...)) for a frozenset whose (distinct)
// elements hash to itemHashes, in any order.
func (h *Hasher) FrozenSet(itemHashes []int64) int64 { return FrozenSet(itemHashes) }

// FrozenSet returns the hash of a frozenset whose distinct elements hash to
// itemHashes; the order does not matter.
func FrozenSet(itemHashes []int64) int64 {
	var acc uint64
	for _, x := range itemHashes {
		acc ^= shuffleBits(uint64(x))
	}
	return FrozenSetFinish(acc, len(itemHashes))
}

// FrozenSetMix returns the contribution of one element hash to a frozenset
// hash; XOR the contributions of all elements and pass the result to
// [FrozenSetFinish] to hash without building a slice.
func FrozenSetMix(itemHash int64) uint64 { return shuffleBits(uint64(itemHash)) }

// FrozenSetFinish completes a frozenset hash from the XOR of
// [FrozenSetMix] over its n elements.
func FrozenSetFinish(xor uint64, n int) int64 {
	hash := xor
	hash ^= (uint64(n) + 1) * 1927868237
	hash ^= (hash >> 11) ^ (hash >> 25)
	hash = hash*69069 + 907133923
	if hash == ^uint64(0) {
		hash = 590923713
	}
	return int64(hash)
}
