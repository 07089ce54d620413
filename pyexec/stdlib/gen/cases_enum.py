"""Golden cases for enum (pyexec/stdlib/enummod)."""

_COLOR = "class Color(enum.Enum):\n    RED = 1\n    GREEN = 2\n    BLUE = 3\n"
_NUM = "class Num(enum.IntEnum):\n    ONE = 1\n    TWO = 2\n"
_PERM = "class Perm(enum.Flag):\n    R = 4\n    W = 2\n    X = 1\n"
_IPERM = "class IPerm(enum.IntFlag):\n    R = 4\n    W = 2\n    X = 1\n"

ENUM = [
    _COLOR + "return repr(Color.RED), str(Color.RED), Color.RED.name, Color.RED.value, repr(Color), Color.RED is Color(1), Color['GREEN'] is Color.GREEN",
    _COLOR + "return [m.name for m in Color], len(Color), list(Color.__members__), Color(3).name, type(Color.RED) is Color, isinstance(Color.RED, enum.Enum)",
    _COLOR + "return Color.RED == Color.RED, Color.RED == 1, Color.RED != Color.GREEN, hash(Color.RED) == hash('RED'), {Color.RED: 'r'}[Color.RED], f'{Color.GREEN}', format(Color.BLUE, '')",
    _COLOR + "return Color(7)",
    _COLOR + "return Color['PURPLE']",
    _COLOR + "return Color.RED < Color.GREEN",
    _COLOR + "return Color.RED in Color, [m.value for m in reversed(Color)], Color.RED.__class__.__name__, sorted(Color, key=lambda m: -m.value)[0].name",
    _NUM + "return repr(Num.ONE), str(Num.ONE), Num.ONE + 1, Num.TWO * 3, Num.ONE == 1, Num.ONE < Num.TWO, hash(Num.ONE) == hash(1), Num(2) is Num.TWO, f'{Num.ONE}', int(Num.TWO), isinstance(Num.ONE, int)",
    _NUM + "return sorted([Num.TWO, Num.ONE]), [n.name for n in Num], Num['ONE'].value, repr(Num)",
    "class A(enum.Enum):\n    X = enum.auto()\n    Y = enum.auto()\n    Z = 10\n    W = enum.auto()\nreturn [(m.name, m.value) for m in A]",
    "class S(enum.Enum):\n    A = 'a'\n    B = 'b'\n    C = 'a'\nreturn [m.name for m in S], S.C is S.A, S('a').name, list(S.__members__), repr(S.C)",
    "class S(enum.Enum):\n    A = 1\n    B = 1\nreturn enum.unique(S)",
    "@enum.unique\nclass S(enum.Enum):\n    A = 1\n    B = 2\nreturn [m.name for m in S]",
    _PERM + "return repr(Perm.R), str(Perm.R), Perm.R.value, (Perm.R | Perm.W).value, Perm.R & Perm.W, bool(Perm.R & Perm.W), Perm.R in (Perm.R | Perm.X), repr(Perm(0))",
    _PERM + "return repr(Perm.R | Perm.W), str(Perm.R | Perm.X)",
    _IPERM + "return repr(IPerm.R), IPerm.R | IPerm.W == 6, int(IPerm.R | 1), IPerm.R + 1, isinstance(IPerm.W, int)",
    "class Planet(enum.Enum):\n    EARTH = (5.97, 6.37)\n    MARS = (0.642, 3.39)\n    def __init__(self, mass, radius):\n        self.mass = mass\n        self.radius = radius\n    def density(self):\n        return round(self.mass / self.radius, 3)\nreturn Planet.EARTH.mass, Planet.MARS.density(), Planet.EARTH.value, Planet((0.642, 3.39)).name",
    "class Shape(enum.Enum):\n    SQUARE = 2\n    CIRCLE = 3\n    @property\n    def sides(self):\n        return self.value * 2\n    @classmethod\n    def default(cls):\n        return cls.SQUARE\n    def describe(self):\n        return '%s:%s' % (self.name, self.sides)\nreturn Shape.default().describe(), Shape.CIRCLE.sides, [m.name for m in Shape]",
    "Animal = enum.Enum('Animal', 'ANT BEE CAT')\nreturn [(m.name, m.value) for m in Animal], repr(Animal.BEE)",
    "Animal = enum.Enum('Animal', ['ANT', 'BEE'])\nreturn Animal(2).name, Animal.ANT.value",
    _COLOR + "Color.RED = 5",
    _COLOR + "return Color.RED.value, Color.RED._value_, Color.RED._name_, Color._member_names_",
    "class C(enum.Enum):\n    A = 1\n    @classmethod\n    def _missing_(cls, value):\n        return cls.A\nreturn C(99).name",
    _COLOR + "return type(Color).__name__, isinstance(Color, enum.EnumMeta), issubclass(Color, enum.Enum), bool(Color), bool(Color.RED)",
]

ENUM_311 = [
    "class S(enum.StrEnum):\n    A = 'x'\n    B = enum.auto()\nreturn repr(S.A), str(S.A), S.A + '!', S.B.value, S.A == 'x', f'{S.B}'",
    _NUM + "return repr(Num.ONE), str(Num.ONE), format(Num.ONE), f'{Num.TWO:>3}'",
    _PERM + "return list(Perm.R | Perm.W), len(Perm.R | Perm.X), repr(~Perm.R), repr(Perm(7))",
]

CASES = [("enum", ENUM + [((3, 11), s) for s in ENUM_311])]
