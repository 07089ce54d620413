"""Golden cases for `match` statements (Python 3.10+ syntax only).

Imported by gen_cases.py on 3.10 and later; the functions use builtins only.
"""


def match_basic(x):
    match x:
        case 0:
            return "zero"
        case 1 | 2:
            return "small"
        case int(n) if n < 0:
            return "neg %d" % n
        case bool():
            return "bool"
        case str() as s:
            return "str " + s
        case [a, b]:
            return ("pair", a, b)
        case [1, [2, *_], _]:
            return "nested"
        case [first, *rest]:
            return ("seq", first, rest)
        case {"k": v, **others}:
            return ("map", v, others)
        case {"a": [x1, {"b": y1}]}:
            return ("deep", x1, y1)
        case {"a": 1}:
            return "a1"
        case float(f):
            return ("float", f)
        case None:
            return "none"
        case _:
            return "other"


def match_tuple(p):
    match p:
        case (0, 0):
            return "origin"
        case (0, y):
            return "y=%d" % y
        case (x, 0):
            return "x=%d" % x
        case (x, y) if x == y:
            return "diag"
        case (x, y, *_):
            return ("xy", x, y)
        case ():
            return "empty"
    return "nomatch"


def match_star_middle(xs):
    match xs:
        case [a, *mid, b]:
            return a, mid, b
        case [*_]:
            return "short"
    return "not a sequence"


def match_class_error(x):
    match x:
        case int(a, b):
            return a, b
    return "no"


def match_not_a_class(x):
    match x:
        case len():
            return 1
    return 0


def match_mapping_rest(d):
    match d:
        case {"x": 1, **rest}:
            return sorted(rest.items())
        case {}:
            return "any mapping"
    return "no"


def match_guard_capture(xs):
    out = []
    for x in xs:
        match x:
            case [int(a), int(b)] if a < b:
                out.append("asc")
            case [int(), int()]:
                out.append("pair")
            case str(s) | [str(s)]:
                out.append("s:" + s)
            case _:
                out.append("?")
    return out


MATCH_CASES = [
    (match_basic, [(0,), (2,), (-5,), ("hi",), ([1, 2],), ((1, 2, 3),), ([1, [2, 3], 4],),
                   ({"k": 1, "z": 2},), ({"a": [5, {"b": 6}]},), ({"a": 1},), (1.5,), (None,),
                   (True,), (b"xy",), (frozenset(),), ("",)]),
    (match_tuple, [((0, 0),), ((0, 3),), ((4, 0),), ((2, 2),), ((1, 2, 3),), ((),), ([7, 8],), ("ab",)]),
    (match_star_middle, [([1, 2, 3, 4],), ((1, 2),), ([1],), ("abc",)]),
    (match_class_error, [(1,), ("s",)]),
    (match_not_a_class, [(1,)]),
    (match_mapping_rest, [({"x": 1, "b": 2, "a": 3},), ({"x": 2},), ([],)]),
    (match_guard_capture, [([[1, 2], [2, 1], "q", ["r"], [1], 3],)]),
]
