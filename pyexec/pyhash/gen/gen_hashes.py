"""Golden-value generator for pyexec/pyhash.

Run under a CPython 3.8+ interpreter with PYTHONHASHSEED set; writes JSON
describing a list of values (in an encoding the Go test can rebuild) and
CPython's hash() of each. Use gen.sh to regenerate all files.

Usage: PYTHONHASHSEED=0 python gen_hashes.py OUT.json
"""
import json
import os
import random
import sys


def enc(v):
    """Encode a value as JSON the Go test decodes."""
    if v is None:
        return {"t": "none"}
    if isinstance(v, bool):
        return {"t": "bool", "v": v}
    if isinstance(v, int):
        return {"t": "int", "v": str(v)}
    if isinstance(v, float):
        return {"t": "float", "v": v.hex()}
    if isinstance(v, complex):
        return {"t": "complex", "re": v.real.hex(), "im": v.imag.hex()}
    if isinstance(v, str):
        return {"t": "str", "cp": [ord(c) for c in v]}
    if isinstance(v, bytes):
        return {"t": "bytes", "hex": v.hex()}
    if isinstance(v, tuple):
        return {"t": "tuple", "items": [enc(x) for x in v]}
    if isinstance(v, frozenset):
        return {"t": "frozenset", "items": [enc(x) for x in v]}
    raise TypeError(type(v))


def values():
    rnd = random.Random(20240601)
    out = []
    alphabets = {
        "ascii": [chr(c) for c in range(32, 127)],
        "latin1": [chr(c) for c in range(0xA0, 0x100)] + ["a", "z"],
        "bmp": [chr(c) for c in (0x100, 0x3B1, 0x4E2D, 0x20AC, 0xFFFD, 0xD800, 0xDFFF, 0xE9, 0x61)],
        "astral": [chr(c) for c in (0x1F600, 0x10000, 0x10FFFF, 0x61, 0xE9, 0x4E2D, 0xDC80)],
    }
    for name, alpha in alphabets.items():
        for n in range(0, 41):
            s = "".join(rnd.choice(alpha) for _ in range(n))
            out.append(s)
    out += ["a", "é", "\u00ff", "\u0100", "ab\u20ac", "\ud800", "\udfff", "\U0001F600", "hello world", "x" * 100,
            "\u00e9" * 100, "\u4e2d" * 77, "\U0001F600" * 33]
    for n in range(0, 41):
        out.append(bytes(rnd.randrange(256) for _ in range(n)))
    out += [b"\x00", b"\xff" * 64]
    ints = [0, 1, -1, -2, 2, 7, 8, 255, 256, -256, 1000, 2**31 - 1, 2**31, -2**31, 2**32, 2**61 - 2, 2**61 - 1,
            2**61, 2**61 + 1, -(2**61 - 1), -(2**61), -(2**61) - 1, -(2**61) + 1, 2**62, 2**63 - 1, -2**63,
            2**63, 2**64 - 1, 2**64, -2**64, 2**100, -2**100, 10**30, -10**30, 2**122 - 2, 2**122 - 1,
            (2**61 - 1) * 12345 - 1, -((2**61 - 1) * 12345 + 1), 3**200, -7**150, 2**1000 + 12345]
    for _ in range(60):
        bitsz = rnd.randrange(1, 300)
        v = rnd.getrandbits(bitsz)
        if rnd.random() < 0.5:
            v = -v
        ints.append(v)
    out += ints
    out += [True, False]
    floats = [0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 1.5, 2.0, 0.1, 1e300, -1e300, 1e-300, 5e-324, -5e-324,
              1.7976931348623157e308, 2.0**61, 2.0**61 - 2**8, 2.0**62, 2.0**63, 2.0**64, -2.0**64, 2.0**1000,
              float("inf"), float("-inf"), 3.141592653589793, 1e16, 123456789.125, 2.0**-1074, 2.0**-1022,
              -(2.0**61), 1e22, 0.3333333333333333]
    for _ in range(60):
        floats.append(rnd.uniform(-1e6, 1e6) * 10.0 ** rnd.randrange(-300, 300))
    out += floats
    out += [complex(0, 0), complex(1, 0), complex(0, 1), complex(1.5, -2.5), complex(float("inf"), 1),
            complex(-1, -1), complex(1e300, 1e-300), complex(0.0, -0.0), complex(2.0**61, 3)]
    tuples = [(), (1,), (1, 2), (1, 2, 3), ("a",), ("a", "b"), (1, "a", 2.5, 0, b"x"), ((),),
              ((1, 2), (3, (4, 5))), (0,), (-1,), (-2,), tuple(range(50)), ("é", "\U0001F600", 2**100),
              (1.0, 1, True), (frozenset([1, 2]), (3,))]
    for _ in range(30):
        n = rnd.randrange(0, 8)
        tuples.append(tuple(rnd.choice(ints + floats[:20] + ["s", "ü", "\u4e2d\u6587", b"b"]) for _ in range(n)))
    out += tuples
    fsets = [frozenset(), frozenset([0]), frozenset([1]), frozenset([-1]), frozenset([1, 2, 3]),
             frozenset(["a", "b", "c"]), frozenset([(1, 2), "x", 2.5]), frozenset([frozenset(), frozenset([1])]),
             frozenset(range(100)), frozenset(range(-50, 50)), frozenset(["é", "\U0001F600", b"x"])]
    for _ in range(20):
        n = rnd.randrange(0, 30)
        fsets.append(frozenset(rnd.choice(ints + ["s" + str(i) for i in range(40)]) for _ in range(n)))
    out += fsets
    return out


def main():
    vals = values()
    if sys.version_info >= (3, 12):
        vals.append(None)
    rec = {
        "version": "%d.%d.%d" % sys.version_info[:3],
        "seed": os.environ.get("PYTHONHASHSEED", ""),
        "algorithm": sys.hash_info.algorithm,
        "cases": [{"v": enc(v), "hash": hash(v)} for v in vals],
    }
    with open(sys.argv[1], "w") as f:
        json.dump(rec, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
