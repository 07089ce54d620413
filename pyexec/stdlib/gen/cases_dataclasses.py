"""Golden cases for dataclasses (pyexec/stdlib/dataclassesmod)."""

_P = "@dataclasses.dataclass\nclass P:\n    x: int\n    y: int = 0\n"

DATACLASSES = [
    _P + "p = P(1, 2)\nreturn repr(p), p == P(1, 2), p == P(1, 3), p.x, p.y, P(5).y",
    _P + "return [f.name for f in dataclasses.fields(P)], dataclasses.asdict(P(1, 2)), dataclasses.astuple(P(3)), dataclasses.is_dataclass(P), dataclasses.is_dataclass(P(1)), dataclasses.is_dataclass(1)",
    _P + "return dataclasses.replace(P(1, 2), y=5), P(1, 2) != P(1, 2)",
    _P + "return P()",
    _P + "return P(1, 2, 3)",
    "@dataclasses.dataclass(frozen=True)\nclass F:\n    a: int\n    b: str = 'z'\nf = F(1)\nreturn repr(f), hash(f) == hash(F(1)), {f: 1}[F(1)]",
    "@dataclasses.dataclass(frozen=True)\nclass F:\n    a: int\ntry:\n    F(1).a = 2\nexcept dataclasses.FrozenInstanceError as e:\n    return type(e).__name__, str(e), isinstance(e, AttributeError)",
    "@dataclasses.dataclass(order=True)\nclass O:\n    a: int\n    b: int = 0\nreturn sorted([O(2), O(1, 5), O(1, 2)]), O(1) < O(2), O(1) <= O(1)",
    "@dataclasses.dataclass\nclass L:\n    xs: list = dataclasses.field(default_factory=list)\n    n: int = dataclasses.field(default=3, repr=False)\na = L()\na.xs.append(1)\nreturn a, L(), a.n",
    "@dataclasses.dataclass\nclass N:\n    a: int\n    b: 'typing.Any' = None\n@dataclasses.dataclass\nclass M:\n    n: N\n    ns: list\nm = M(N(1), [N(2, 'x')])\nreturn dataclasses.asdict(m), dataclasses.astuple(m), repr(m)",
    "@dataclasses.dataclass\nclass E:\n    a: int\n    def __post_init__(self):\n        self.b = self.a * 2\nreturn E(4).b, E(4)",
    "@dataclasses.dataclass\nclass B:\n    a: int = 1\n@dataclasses.dataclass\nclass C(B):\n    c: int = 2\nreturn C(), C(5, 6), [f.name for f in dataclasses.fields(C)]",
    "return dataclasses.fields(1)",
    "@dataclasses.dataclass(eq=False)\nclass Q:\n    a: int\nreturn Q(1) == Q(1), repr(Q(2))",
    "@dataclasses.dataclass\nclass R:\n    a: int\n    b: int = dataclasses.field(default=0, compare=False)\nreturn R(1, 2) == R(1, 3), repr(dataclasses.MISSING)[:25]",
]

CASES = [("dataclasses", DATACLASSES)]
