"""Golden cases for decimal (pyexec/stdlib/decimalmod)."""

import random as _random

D = "from decimal import Decimal as D\nimport decimal\n"

BASIC = [
    "return D('1.10'), D(' -3.5e2 '), D('1_000.5'), D(5), D(-7), D(True), D(), D('Infinity'), D('-inf'), D('NaN'), D('sNaN'), D('.5'), D('5.'), D('1E+2'), D('0.000001'), D('1e-7')",
    "return D(0.1), D(-0.0), D(1.0), D(2.5), D(1e20), D(float('inf')), D.from_float(0.25), D(5e-324) == D(5e-324)",
    "return D((0, (1, 4, 1, 4), -3)), D((1, (2, 5), 2)), D((0, (), 0)), D((1, (0,), 'F')), D((0, (), 'n'))",
    "return str(D('1E+2')), str(D('0.00001')), str(D('0.0000001')), str(D('123E-10')), str(D('-0')), str(D('0E-8')), str(D('1.000')), repr(D('12345678901234567890.123'))",
    "return D('1.1') + D('2.2'), D('1.30') + D('1.20'), D('1.3') * D('1.2'), D(1) / D(3), D(2) / D(3), D('7') // D('2'), D('-7') // D('2'), D('7') % D('-2'), D('-7') % D('2'), divmod(D(7), D(2))",
    "return D(1) + 2, 3 - D('0.5'), 2 * D('1.5'), 1 / D(8), 7 // D(2), 7 % D(3), D(2) ** 10, 2 ** D(3), D('1.5') ** 2, D(2) ** -2",
    "return D('2') ** D('0.5'), D(10) ** D('0.3'), D('1.1') ** 100, D(3) ** D('-1.5'), D('0.5') ** D('0.5')",
    "return -D('1.5'), +D('-0'), -D('0'), abs(D('-2.50')), abs(D('-0')), -D('NaN'), +D('1.23456789012345678901234567890123')",
    "return D(1) < 2, D(2) <= D('2.0'), D('1.5') > 1.4, 1 < D('1.5'), 2.5 >= D('2.5'), D('0.1') == 0.1, D('0.5') == 0.5, D(1) == 1, D(2) != 2, D('NaN') == D('NaN'), D('NaN') != 1",
    "from fractions import Fraction as F\nreturn D('0.5') == F(1, 2), D('0.3') < F(1, 3), F(1, 3) < D('0.34'), D(1) == F(1)",
    "return hash(D(1)) == hash(1), hash(D('0.5')) == hash(0.5), hash(D('1.10')), hash(D('-3.25')), hash(D('1e100')), hash(D('1e-100')), hash(D('Infinity')), hash(D('-Infinity')), hash(D(-1)), hash(D('12345.6789'))",
    "return sorted([D('1.5'), D(1), D('-2'), D('0.75')]), max(D(1), D('1.0')), min(D(2), 1), sum([D('0.1')] * 10), len({D(1), D('1.0'), 1, 1.0})",
    "return int(D('3.7')), int(D('-3.7')), float(D('1.5')), float(D('1e400')), float(D('NaN')), round(D('2.5')), round(D('3.5')), round(D('-2.5')), round(D('1.2345'), 2), round(D('1234'), -2)",
    "import math\nreturn math.floor(D('-2.5')), math.ceil(D('-2.5')), math.trunc(D('-2.5')), math.floor(D('7')), math.ceil(D('0.1'))",
    "return bool(D(0)), bool(D('0.0')), bool(D('NaN')), bool(D('-1e-50')), D('1.10').is_nan(), D('NaN').is_nan(), D('Inf').is_infinite(), D(1).is_finite(), D('0E5').is_zero(), D('-0').is_signed(), D('sNaN').is_snan(), D('NaN').is_qnan()",
    "return D('1.10').as_tuple(), D('-0').as_tuple(), D('Infinity').as_tuple(), D('NaN').as_tuple(), D('123E5').as_tuple().exponent, D('1.5').as_integer_ratio(), D('-0.125').as_integer_ratio(), D(0).as_integer_ratio()",
    "return D('123.456').adjusted(), D('0.001').adjusted(), D('1E+5').adjusted(), D('-1.5').copy_abs(), D('1.5').copy_negate(), D('1.5').copy_sign(D('-0')), D(1).compare(D(2)), D(2).compare(2), D('NaN').compare(1)",
    "return D('1.2345').quantize(D('0.01')), D('1.235').quantize(D('0.01')), D('1.245').quantize(D('0.01')), D('-1.245').quantize(D('0.01')), D('7.325').quantize(D('.01'), rounding=decimal.ROUND_DOWN), D('7.321').quantize(D('.01'), rounding=decimal.ROUND_UP), D('123').quantize(D('1e1')), D('0.1').quantize(D('1.000'))",
    "return [D('2.5').quantize(D(1), rounding=r) for r in (decimal.ROUND_UP, decimal.ROUND_DOWN, decimal.ROUND_CEILING, decimal.ROUND_FLOOR, decimal.ROUND_HALF_UP, decimal.ROUND_HALF_DOWN, decimal.ROUND_HALF_EVEN, decimal.ROUND_05UP)]",
    "return [D('-1.55').quantize(D('0.1'), rounding=r) for r in (decimal.ROUND_UP, decimal.ROUND_DOWN, decimal.ROUND_CEILING, decimal.ROUND_FLOOR, decimal.ROUND_HALF_UP, decimal.ROUND_HALF_DOWN, decimal.ROUND_HALF_EVEN, decimal.ROUND_05UP)]",
    "return D('1e10').quantize(D('0.1'), context=decimal.Context(prec=5))",
    "return D('2.5').to_integral_value(), D('3.5').to_integral_value(), D('-2.7').to_integral_value(decimal.ROUND_FLOOR), D('1E+3').to_integral_value(), D('2.5').to_integral(), D('2.5').to_integral_exact(), D('Inf').to_integral_value()",
    "return D(2).sqrt(), D(16).sqrt(), D('0.0001').sqrt(), D(0).sqrt(), D('1.21').sqrt(), D('1e-10').sqrt(), D(10).sqrt(), D('Inf').sqrt()",
    "return D(1).exp(), D(0).exp(), D('-1').exp(), D('0.5').exp(), D(10).exp(), D('1e-10').exp(), D('-Inf').exp(), D('2.302585092994045684017991455').exp()",
    "return D(10).ln(), D(1).ln(), D(2).ln(), D('0.5').ln(), D('1e100').ln(), D('Inf').ln(), D(0).ln()",
    "return D(100).log10(), D(1000).log10(), D('0.001').log10(), D(2).log10(), D(7).log10(), D('1E+50').log10(), D(0).log10(), D('10.0').log10()",
    "return D('1.200').normalize(), D('0.00').normalize(), D('120E2').normalize(), D('-0.0').normalize(), D('1.23456789012345678901234567890').normalize(), D('NaN').normalize()",
    "return D(-1).sqrt()",
    "return D(-1).ln()",
    "return D(1) / 0",
    "return D(0) / 0",
    "return D(1) // 0",
    "return D(1) % 0",
    "return D(0) ** 0",
    "return D('abc')",
    "return D('1.2.3')",
    "return D('')",
    "return D('1__0')",
    "return D([1, 2])",
    "return D(1) + 1.5",
    "return 1.5 * D(1)",
    "return D(1) + 'x'",
    "return D('NaN') < 1",
    "return D('sNaN') + 1",
    "return int(D('NaN'))",
    "return int(D('Inf'))",
    "return round(D('NaN'))",
    "return round(D('-Inf'))",
    "return hash(D('sNaN'))",
    "with decimal.localcontext(Emax=5):\n    return D('9.99e5') * 10",
    "return D(1).quantize(D('1e-30'))",
    "return D('1.5') < 'a'",
    "return D((2, (1,), 0))",
    "c = decimal.getcontext()\nreturn c.prec, c.rounding, c.Emax, c.Emin, c.capitals, c.clamp, type(c).__name__",
    "return repr(decimal.getcontext())",
    "with decimal.localcontext() as ctx:\n    ctx.prec = 5\n    a = D(1) / D(7)\nreturn a, D(1) / D(7), decimal.getcontext().prec",
    "with decimal.localcontext(prec=3, rounding=decimal.ROUND_DOWN):\n    a = D(2) / D(3), D('1.2345') + 0\nreturn a",
    "ctx = decimal.Context(prec=6, rounding=decimal.ROUND_HALF_UP)\nreturn ctx.prec, ctx.rounding, ctx.create_decimal('1.2345675'), ctx.divide(D(1), D(3)), ctx.add(1, 2), ctx.sqrt(D(2)), ctx.power(D(2), D('0.5'))",
    "with decimal.localcontext() as ctx:\n    ctx.traps[decimal.DivisionByZero] = False\n    r = D(1) / 0\n    f = ctx.flags[decimal.DivisionByZero]\nreturn r, f, decimal.getcontext().traps[decimal.DivisionByZero]",
    "with decimal.localcontext() as ctx:\n    ctx.traps[decimal.InvalidOperation] = False\n    r = D(0) / 0, D('abc'), D(-1).sqrt()\nreturn r",
    "with decimal.localcontext() as ctx:\n    ctx.clear_flags()\n    D(1) / D(3)\n    return ctx.flags[decimal.Inexact], ctx.flags[decimal.Rounded], ctx.flags[decimal.DivisionByZero]",
    "with decimal.localcontext() as ctx:\n    ctx.traps[decimal.Inexact] = True\n    return D(1) / D(3)",
    "with decimal.localcontext() as ctx:\n    ctx.prec = 50\n    return D(2).sqrt(), D(1).exp(), D(2).ln(), D(3).log10(), D(1) / D(7)",
    "with decimal.localcontext() as ctx:\n    ctx.rounding = decimal.ROUND_UP\n    return D(1) / D(3), D(2) / D(3), D(-2) / D(3), D(2).sqrt(), D(1).exp()",
    "return issubclass(decimal.DivisionByZero, ZeroDivisionError), issubclass(decimal.DivisionByZero, decimal.DecimalException), issubclass(decimal.InvalidOperation, ArithmeticError), issubclass(decimal.Overflow, decimal.Inexact), issubclass(decimal.FloatOperation, TypeError), decimal.ROUND_HALF_EVEN, decimal.MAX_PREC",
    "try:\n    D(1) / 0\nexcept ZeroDivisionError as e:\n    return type(e).__name__, str(e), e.args",
    "try:\n    D('x')\nexcept decimal.InvalidOperation as e:\n    return type(e).__name__, str(e)",
    "return format(D('1234.5678'), '.2f'), format(D('1234.5678'), ',.2f'), format(D('1.5'), '>10'), format(D('-1.5'), '+.3e'), format(D('0.000012345'), 'g'), format(D('123456789'), '.3g'), format(D('0.25'), '%'), format(D('1.10'), ''), format(D('1E+2'), ''), format(D('1E+2'), 'f')",
    "return format(D('12.5'), '010.2f'), format(D('1234567.891'), '_.1f') if False else 0, format(D('-0.0'), 'f'), format(D('NaN'), '>6'), format(D('-Inf'), ''), format(D('0.1'), '.0f'), format(D('0.5'), '.0f'), format(D('1.5'), '.0f'), f'{D(\"3.14159\"):.3}', '{:e}'.format(D('123.4'))",
    "return format(D('1.2345'), '.10f'), format(D('1E-10'), 'f'), format(D(5), '^9'), format(D('1234'), 'e'), format(D('0'), '.3e'), format(D('12345.678'), 'G'), format(D('1234.5'), ',')",
    "import copy\nreturn copy.copy(D('1.5')), copy.deepcopy(D('2.5')), D('1.5').__reduce__()",
    "return D('1.5').real, D('1.5').imag, D(3).conjugate(), D(1).max(D(2)), D(1).min(D('0.5')), D('1.0').max(D(1)), complex(D('1.5')), D('0.1') + D('0.2') == D('0.3')",
]

_rng = _random.Random(20240607)


def _rnd():
    k = _rng.randrange(6)
    if k == 0:
        return str(_rng.randrange(-10**6, 10**6))
    if k == 1:
        return "%d.%0*d" % (_rng.randrange(-999, 1000), _rng.randrange(1, 12), _rng.randrange(0, 10**6))
    if k == 2:
        return "%dE%d" % (_rng.randrange(1, 10**8), _rng.randrange(-40, 40))
    if k == 3:
        return str(_rng.randrange(10**25, 10**35)) + "E-" + str(_rng.randrange(0, 30))
    if k == 4:
        return "-0." + "".join(_rng.choice("0123456789") for _ in range(_rng.randrange(1, 40)))
    return repr(_rng.uniform(-1000, 1000))


RANDOM = []
for _i in range(80):
    _a, _b = _rnd(), _rnd()
    RANDOM.append("a, b = D('%s'), D('%s')\nreturn a + b, a - b, a * b, a / b if b else 0, a // b if b else 0, a %% b if b else 0, a < b, a == b" % (_a, _b))
for _i in range(20):
    _a, _b = _rnd(), _rnd()
    _p = _rng.randrange(1, 40)
    _r = _rng.choice(["ROUND_UP", "ROUND_DOWN", "ROUND_CEILING", "ROUND_FLOOR", "ROUND_HALF_UP", "ROUND_HALF_DOWN", "ROUND_HALF_EVEN", "ROUND_05UP"])
    RANDOM.append("a, b = D('%s'), D('%s')\nwith decimal.localcontext(prec=%d, rounding=decimal.%s):\n    return a + b, a - b, a * b, a / b if b else 0, +a, a.sqrt() if a >= 0 else 0, a.quantize(D('1e-3')) if abs(a) < 10**20 else 0" % (_a, _b, _p, _r))
for _i in range(80):
    _a = _rnd().lstrip("-")
    _p = _rng.randrange(1, 60)
    RANDOM.append("a = D('%s')\nwith decimal.localcontext(prec=%d):\n    return a.exp() if a < 1000 else 0, a.ln() if a else 0, a.log10() if a else 0, a.sqrt()" % (_a, _p))
for _i in range(20):
    _a = _rnd().lstrip("-")
    _b = _rng.choice(["2", "3", "0.5", "-1", "1.5", "-0.25", "10", "0.1", "7", "-3"])
    _p = _rng.randrange(1, 40)
    RANDOM.append("a, b = D('%s'), D('%s')\nwith decimal.localcontext(prec=%d):\n    return a ** b if a else 0" % (_a, _b, _p))
for _i in range(15):
    _a = _rnd()
    RANDOM.append("a = D('%s')\nreturn hash(a), hash(a) == hash(float(a)) if a == float(a) else None, str(a), format(a, '.5g'), format(a, '.3f'), format(a, '.4e')" % _a)

CASES = [("decimal", [D + s for s in BASIC + RANDOM])]
