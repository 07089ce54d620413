"""Golden cases for the core number protocol: round(), math.floor/ceil/trunc,
int() and float() through dunder methods, and the complex type."""

R = "class R:\n    def __round__(self, n=None):\n        return ('round', n)\n    def __floor__(self):\n        return 'floor'\n    def __ceil__(self):\n        return 'ceil'\n    def __trunc__(self):\n        return 'trunc'\n    def __float__(self):\n        return 2.5\n"
I = "class I:\n    def __index__(self):\n        return 7\n"
T = "class T:\n    def __trunc__(self):\n        return 9\n"

PROTOCOL = [
    R + "return round(R()), round(R(), 2), round(R(), None), round(R(), ndigits=-1)",
    R + "import math\nreturn math.floor(R()), math.ceil(R()), math.trunc(R()), float(R())",
    "from fractions import Fraction as F\nreturn round(F(5, 2)), round(F(7, 2)), round(F(1, 3), 2), round(F(1234), -2), round(F(-5, 2))",
    "from fractions import Fraction as F\nimport math\nreturn math.floor(F(-7, 2)), math.ceil(F(-7, 2)), math.trunc(F(-7, 2)), math.floor(F(7, 2))",
    "class F:\n    def __float__(self):\n        return 3.7\nimport math\nreturn math.floor(F()), math.ceil(F())",
    I + "import math\nreturn math.floor(I()), math.ceil(I()), int(I()), float(I())",
    T + "return int(T())",
    "import math\nclass N:\n    pass\nreturn math.trunc(N())",
    "import math\nclass N:\n    pass\nreturn math.floor(N())",
    "class N:\n    pass\nreturn round(N())",
    "class N:\n    pass\nreturn round(N(), 2)",
    "return round('x')",
    "class B:\n    def __int__(self):\n        return 'x'\nreturn int(B())",
    "class B:\n    def __float__(self):\n        return 1\nreturn float(B())",
    "from fractions import Fraction as F\nreturn 1 < F(3, 2), 2 > F(3, 2), 1.5 <= F(3, 2), 2 >= F(5, 2), F(1, 2) < 1",
    "class C:\n    def __gt__(self, o):\n        return 'gt'\nreturn 1 < C()",
]

C = [
    "return 1j, 2+3j, 1.5-2j, -1j, 0j, -0j, complex(), complex(1), complex(1, 2), complex(1.5, -0.0)",
    "return repr(complex(0, -0.0)), repr(complex(-0.0, 0)), repr(complex(-0.0, -0.0)), repr(-(0j)), repr(0j * -1), str(1+2j), str(1e20j), repr(1e-5+1e16j)",
    "return complex('1+2j'), complex(' 3-4J '), complex('5'), complex('-2.5j'), complex('j'), complex('-j'), complex('(1+1j)'), complex('1e3+1e-3j'), complex('inf-infj'), complex('nan+nanj')",
    "return complex(float('inf'), float('nan')), complex(float('-inf'), 1), repr(complex(1, float('inf')))",
    "return (1+2j) + (3-4j), (1+2j) - 1, 2 * (1+2j), (1+2j) * (3+4j), (1+2j) / (3+4j), 1 / (1j), (1+2j) + 1.5, 1.5 - (1+2j), True + 1j",
    "return (1+2j) ** 2, (1j) ** 2, 2 ** (1j), (1+1j) ** 0.5, (2+0j) ** 10, (1+2j) ** -1, 0j ** 0, (3+4j) ** (1+1j)",
    "return abs(3+4j), abs(-1j), abs(0j), abs(complex(float('inf'), 1)), (3+4j).real, (3+4j).imag, (3+4j).conjugate(), (1j).real",
    "return (1+2j) == (1+2j), (1+0j) == 1, 1.0 == (1+0j), (1+1j) != 1, 2j == 2, hash(1+0j) == hash(1), hash(0j), hash(1j), hash(2-3j), hash(complex(1.5, -2.25)), hash(complex(-1, 0))",
    "return bool(0j), bool(1j), bool(complex(0, -0.0)), -(1+2j), +(1-2j), type(1j).__name__, isinstance(1j, complex), complex(1+2j) , complex(1j, 1j), complex(2, 1j)",
    "return format(1+2j), format(1.5-2j, '.2f'), '%s' % (1j,), f'{3+4j}', '{:>12}'.format(1+1j), format(1+2j, 'g'), format(1e20+2j, '')",
    "return (1+2j) / 0",
    "return (1+2j) / 0j",
    "return 1 / 0j",
    "return 0j ** -1",
    "return (1+2j) // 2",
    "return (1+2j) % 2",
    "return (1+2j) < (2+3j)",
    "return 1j > 1",
    "return complex('1+')",
    "return complex('x')",
    "return complex('1', 2)",
    "return complex([])",
    "return int(1j)",
    "return float(1j)",
    "return complex(1, 'x')",
    "return round(1j)",
    "import math\nreturn math.floor(1j)",
    "return abs(complex(1e308, 1e308))",
    "return complex(1e308, 1e308) * 10, complex(10**20, 1)",
    "return complex(10**400)",
    "class K:\n    def __complex__(self):\n        return 1+3j\nreturn complex(K()), complex(K()) * 2",
    "class K:\n    def __float__(self):\n        return 2.5\nreturn complex(K()), complex(K(), K())",
    "return [1j, 2j, 1+1j].count(1j), {1j: 'a', 1+0j: 'b', 1: 'c'}, sum([1j, 2, 3.5]), (1+2j).__class__, complex.__name__",
    "return repr(1j.real), (-0j).imag, (-(0j)).real, complex('-0'), complex('-0-0j'), complex(-0.0), repr(complex('-0.0-0.0j'))",
    "return (1e300+1e300j) * (1e300+1e300j)",
    "return 10 ** 400 + 1j",
    "x = 1+2j\nx += 1\nx *= 1j\nreturn x, pow(1+1j, 2), pow(2j, 3), divmod(1, 1) if False else 0",
]

CASES = [("", PROTOCOL), ("", C)]
