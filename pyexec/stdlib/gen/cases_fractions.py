"""Golden cases for fractions (pyexec/stdlib/fractionsmod)."""

F = "from fractions import Fraction as F\n"

FRACTIONS = [F + s for s in [
    "return F(1, 3), F(2, 6), F(-4, -6), F(3, -9), F(5), F(), F(F(1, 2)), repr(F(7, 1)), str(F(7, 1)), str(F(-1, 3))",
    "return F('3/4'), F(' -1.25 '), F('1e-3'), F('2.5E2'), F('1_000/3'), F('.5'), F('7.'), F(0.5), F(0.1), F(-2.0)",
    "return F(1, 3) + F(1, 6), F(1, 2) - 1, 1 - F(1, 2), F(2, 3) * 3, 3 / F(3, 4), F(7, 2) // 2, F(7, 2) % 2, -7 // F(2, 1), divmod(F(7, 2), F(2, 3))",
    "return F(1, 2) + 0.25, 0.5 * F(1, 4), F(1, 2) ** 2, F(2, 3) ** -2, F(4, 9) ** 0.5, 2 ** F(3, 1), 4 ** F(1, 2)",
    "return F(1, 3) < F(1, 2), F(1, 2) == 0.5, 1 < F(3, 2), F(1, 2) >= 0.5, 0.3 < F(1, 3), F(2, 2) == 1, 1 == F(1), F(1, 3) == 1 / 3, F(1, 2) < float('inf'), F(1, 2) != float('nan')",
    "return hash(F(1, 2)) == hash(0.5), hash(F(3)) == hash(3), hash(F(1, 3)), hash(F(-1, 3)), hash(F(-1)), hash(F(10**30, 7)), len({F(1, 2), 0.5, F(2, 4)})",
    "return F(3, 7).limit_denominator(2), F('3.141592653589793').limit_denominator(1000), F(1, 3).limit_denominator(), F(22, 7).limit_denominator(7)",
    "return -F(1, 2), +F(1, 2), abs(F(-3, 4)), int(F(-7, 2)), float(F(1, 3)), F(5, 2).__round__(), F(7, 2).__round__(), F(1, 3).__round__(2), F(1234).__round__(-2), bool(F(0)), bool(F(1, 9))",
    "return F(-7, 2).__floor__(), F(-7, 2).__ceil__(), F(-7, 2).__trunc__(), F(5, 3).numerator, F(5, 3).denominator, F(6, 4).as_integer_ratio(), F.from_float(0.75), F.from_float(3)",
    "return sorted([F(1, 2), 0.25, 1, F(1, 3)]), sum([F(1, 2), F(1, 3), F(1, 6)]), max(F(1, 2), 0.4), type(F(1, 2) + 1).__name__, type(F(1, 2) + 1.0).__name__",
    "class G(F):\n    pass\ng = G(1, 2)\nreturn repr(g), isinstance(g, F), g + 1, type(g).__name__",
    "return F(1, 0)",
    "return F('1/0')",
    "return F(1, 2) / 0",
    "return F('abc')",
    "return F('1/2/3')",
    "return F(1.5, 2)",
    "return F([1])",
    "return F(float('inf'))",
    "return F(float('nan'))",
    "return F(1, 2) + 'a'",
    "return F(1, 2) < 'a'",
    "return F(1, 3).limit_denominator(0)",
    "return F(0) ** -1",
    "return F.from_float('x')",
    "import copy\nreturn copy.copy(F(1, 3)), copy.deepcopy(F(2, 3)), F(1, 2).__reduce__()",
]] + [
    ((3, 12), F + "return F(3, 1).is_integer(), F(1, 2).is_integer()"),
]

CASES = [("fractions", FRACTIONS)]
