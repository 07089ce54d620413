package pyfmt

import "math/big"

// MaxStrDigits is CPython's default sys.get_int_max_str_digits() (since
// 3.8.14, 3.9.14, 3.10.7 and 3.11): converting an int of more decimal
// digits to str raises ValueError. Conversions to bases that are powers of
// two (%x, %o, format(n, 'b')) are not limited.
const MaxStrDigits = 4300

// maxStrDigitsBits is a bit length above which an int certainly has more
// than MaxStrDigits decimal digits (2**14286 > 10**4300).
const maxStrDigitsBits = 14287

// IntStrLimitError is CPython 3.minor's ValueError for an int→str
// conversion of more than MaxStrDigits digits.
func IntStrLimitError(minor int) error {
	lim := "4300 digits"
	if minor < 11 {
		lim = "4300"
	}
	return valueError("Exceeds the limit (%s) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit", lim)
}

// Decimal is str(n) under CPython 3.minor's limit on the number of digits.
func Decimal(n *big.Int, minor int) (string, error) {
	if n.BitLen() > maxStrDigitsBits {
		return "", IntStrLimitError(minor)
	}
	s := n.String()
	digits := len(s)
	if n.Sign() < 0 {
		digits--
	}
	if digits > MaxStrDigits {
		return "", IntStrLimitError(minor)
	}
	return s, nil
}
