#!/usr/bin/env python3
"""Generate the golden cases for package pyfmt.

Run with each CPython version to test against, from the repository root:

    python3.X internal/pyfmt/gen/gen_cases.py

It writes internal/pyfmt/testdata/cases_py3.X.json (format(), the %
operator, round(), float.hex(), repr() and ascii() of strings) and, with
--floats, testdata/repr_floats.json (repr() of 10000 random doubles, which
does not depend on the version).

Every random choice comes from a seeded generator, so the cases are the
same for every version and the files differ only where CPython does.
"""
import json
import math
import os
import random
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "testdata")


def bits(x):
    return str(struct.unpack("<Q", struct.pack("<d", x))[0])


def from_bits(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def hexs(s):
    """UTF-8 with surrogatepass, hex encoded: survives JSON and Go."""
    return s.encode("utf-8", "surrogatepass").hex()


def enc(v):
    if isinstance(v, bool):
        return {"t": "b", "v": "1" if v else "0"}
    if isinstance(v, int):
        return {"t": "i", "v": str(v)}
    if isinstance(v, float):
        return {"t": "f", "v": bits(v)}
    if isinstance(v, str):
        return {"t": "s", "v": hexs(v)}
    # Any other object: the Go side gets its type name, str, repr, ascii.
    return {"t": "o", "type": type(v).__name__, "str": hexs(str(v)),
            "repr": hexs(repr(v)), "ascii": hexs(ascii(v))}


def run(fn):
    try:
        r = fn()
    except Exception as e:  # noqa: BLE001
        return {"err": type(e).__name__, "msg": str(e)}
    return {"out": r}


cases = []


def fmt_case(v, spec):
    c = {"k": "format", "v": enc(v), "spec": spec}
    r = run(lambda: format(v, spec))
    if "out" in r:
        r["out"] = hexs(r["out"])
    c.update(r)
    cases.append(c)


def pct_case(f, args):
    c = {"k": "percent", "f": hexs(f)}
    if isinstance(args, tuple):
        c["mode"] = "tuple"
        c["items"] = [enc(a) for a in args]
    elif isinstance(args, dict):
        c["mode"] = "dict"
        c["single"] = enc(args)
        c["keys"] = {k: enc(v) for k, v in args.items()}
    else:
        c["mode"] = "single"
        c["single"] = enc(args)
        c["mapping"] = isinstance(args, list)  # PyMapping_Check(list) is true
    r = run(lambda: f % args)
    if "out" in r:
        r["out"] = hexs(r["out"])
    c.update(r)
    cases.append(c)


def round_case(x, n=None):
    c = {"k": "round", "x": bits(x)}
    if n is None:
        r = run(lambda: str(round(x)))
    else:
        c["n"] = n
        r = run(lambda: bits(round(x, n)))
    c.update(r)
    cases.append(c)


INTS = [0, 1, -1, 7, 42, -42, 255, -255, 1234, -1234567, 65, 0x10FFFF,
        10**20, -(2**70), 2**64 - 1, 123456789, 1 << 1100]
INT_SPECS = ["", "d", "5d", "<5d", ">5", "^7", "=8", "*^9", "+d", "-d", " d",
             "+08d", "08", "08,", "012_", ",", "_", "0=12,d", "x=12,d",
             "x>12,d", ">012,", "<012", "^012", "b", "#b", "o", "#o", "x",
             "#x", "X", "#X", "#010x", "#012_x", "_b", "_x", "#_X", "_o",
             ",x", ",b", "c", ">5c", "05c", "+c", "#c", ".3d", "z", "zd",
             "n", "08n", "e", ".2e", "E", "f", ".3f", "F", "g", "G", "%",
             ".1%", "10.2f", ",.2f", "_.3e", "s", "r", "xx", "10x5",
             ",_", "_,", ",,", "\u0663", "\u0663x", ".", "d.", "\x00",
             "\xe9", "\U00010000>8", "é^9", "=", "0", "00", "010",
             "+#012_x", " #o", "-#X", "<+#10b", "0<+#10b", "#", ",d",
             "_d", "_n", ",c", "z5", "#08", "0=8", "0>8"]
FLOATS = [0.0, -0.0, 1.0, -1.5, 0.1, 1e16, 1e15, 1e-5, 1e-4, 123456.789,
          1e300, -1e-300, 5e-324, float("inf"), float("-inf"), float("nan"),
          2.5, 0.125, 1e22, 9.995, 0.5, 1234.5, 12345678.9, -0.0001,
          1.7976931348623157e308, 2.675, 100.0, 0.05, 99.5, 1e-7,
          3.141592653589793, -2.0**0.5, 1e17, 123.0]
FLOAT_SPECS = ["", "f", ".0f", ".1f", ".2f", ".10f", ".20f", "e", ".0e",
               ".3e", ".16e", "E", "g", ".0g", ".1g", ".3g", ".10g", ".17g",
               "G", "#g", "#.3g", "#.0f", "#.0e", "#", "#.3", ".3", ".0",
               ".1", ".16", ".17", "n", ".3n", "%", ".0%", ".2%", "F",
               ".2F", "10", "<10", "^10", "=10", "010", "+", " ", "+.2f",
               " .2e", "015,.2f", ",", "_", ",.3f", "_.1f", "0=20,.2f",
               "x<20,.2f", "*^20", "z", "z.1f", "z.2f", "z.0f", "+z.1f",
               "z,.2e", "d", "x", "c", "s", ",g", "_%", ",n", "12.2n",
               "#x", ".2147483648f", "-010.1f", "0<10", "0^10", "09",
               "+09.1e", "20.10e", "30,", "020_", ",.20g", ",e"]
STRS = ["abc", "", "é", "ab\u0301c", "日本語", "\U0001F600x", "a\x00b",
        "long string here"]
STR_SPECS = ["", "s", "10", "<10", ">10", "^10", "^9", "*^9", ".2", "10.2",
             ".0", "x<5.1s", "é>6", "\U0001F600^8", "=10", "+", "-", " ",
             "#", "z", "0", "010", "<010", ",", "_", "d", "r", ".", "10.",
             "1" * 30, "." + "1" * 20, "5x", "\x00", "0=5", "3", "2.5"]


def gen_format():
    for v in INTS:
        for s in INT_SPECS:
            fmt_case(v, s)
    for v in FLOATS:
        for s in FLOAT_SPECS:
            fmt_case(v, s)
    for v in STRS:
        for s in STR_SPECS:
            fmt_case(v, s)
    for v in [0, 1, -1]:
        for s in ["1" * 19, "1" * 20, "." + "1" * 19, "c"]:
            fmt_case(v, s)
    for v in [2**70, -(2**70), 0x110000, -1, 10**400]:
        for s in ["c", "e", "f", "%", "g", "d"]:
            fmt_case(v, s)


def rand_float(rng):
    k = rng.randrange(7)
    if k == 0:  # any bit pattern
        return from_bits(rng.getrandbits(64))
    if k == 1:  # short decimals, incl. ties in decimal
        return float("%d.%de%d" % (rng.randrange(10000), rng.randrange(1000),
                                   rng.randrange(-12, 20)))
    if k == 2:  # exact binary ties
        return rng.randrange(-10**6, 10**6) / 2 ** rng.randrange(0, 12)
    if k == 3:
        return rng.uniform(-1000, 1000)
    if k == 4:
        return round(rng.uniform(-100, 100), rng.randrange(0, 6))
    if k == 5:
        return math.ldexp(rng.random(), rng.randrange(-1074, 1024))
    return float(rng.randrange(-10**17, 10**17))


def rand_spec(rng, types):
    s = ""
    if rng.random() < 0.3:
        if rng.random() < 0.5:
            s += rng.choice("*x0 é")
        s += rng.choice("<>=^")
    if rng.random() < 0.3:
        s += rng.choice("+- ")
    if rng.random() < 0.1:
        s += "z"
    if rng.random() < 0.2:
        s += "#"
    if rng.random() < 0.2:
        s += "0"
    if rng.random() < 0.5:
        s += str(rng.randrange(0, 30))
    if rng.random() < 0.25:
        s += rng.choice(",_")
    if rng.random() < 0.7:
        s += "." + str(rng.choice([rng.randrange(0, 20), rng.randrange(0, 60)]))
    if rng.random() < 0.9:
        s += rng.choice(types)
    return s


def gen_random_format(rng):
    for _ in range(3000):
        fmt_case(rand_float(rng), rand_spec(rng, "eEfFgGn%"))
    for _ in range(400):
        fmt_case(rand_float(rng), rand_spec(rng, ["", ""]))
    for _ in range(800):
        v = rng.choice([rng.randrange(-1000, 1000), rng.getrandbits(80) - 2**79,
                        rng.randrange(-10**9, 10**9)])
        fmt_case(v, rand_spec(rng, "bdoxXn" * 3 + "eEfFgG%c"))


PCT = [
    ("%s", ("abc",)), ("%s", "abc"), ("%s", 42), ("%r", "a'b"), ("%a", "é\U0001F600"),
    ("%5s|%-5s|", ("a", "b")), ("%.2s", "abc"), ("%10.3s|", "abcdef"),
    ("%d", 42), ("%d", -42), ("%i", 7), ("%u", 7), ("%d", 1.9), ("%d", -1.9),
    ("%d", True), ("%s", True), ("%r", None), ("%s", None), ("%d", None),
    ("%d", "x"), ("%x", "x"), ("%x", 1.5), ("%o", 1.5), ("%X", 255),
    ("%#x", 255), ("%#X", 255), ("%#o", 8), ("%#x", 0), ("%#o", 0),
    ("%x", -255), ("%#x", -255), ("%08x", -255), ("%#08x", 255), ("%#8x|", 255),
    ("%-#8x|", 255), ("%#010o", 8), ("%+d", 5), ("% d", 5), ("%+ d", 5),
    ("% +d", 5), ("%05d", -3), ("%-05d|", -3), ("%.5d", -3), ("%10.5d", -3),
    ("%#5.3x", 3), ("%+.3x", 3), ("%e", 1.5), ("%E", 1e100), ("%.0e", 0.5),
    ("%f", 0.1), ("%.20f", 0.1), ("%.0f", 2.5), ("%.0f", 3.5), ("%F", float("inf")),
    ("%f", float("nan")), ("%+f", float("nan")), ("% f", float("-inf")),
    ("%g", 1e16), ("%g", 1e-5), ("%G", 1e-5), ("%#g", 1.0), ("%#.3g", 1.0),
    ("%#.0f", 1.0), ("%#.0e", 1.0), ("%010.3f", -3.14159), ("%-10.3f|", 3.14159),
    ("%+010.3e", 3.14159), ("%05.1e", float("inf")), ("%f", 10), ("%e", 10**400),
    ("%f", "1"), ("%g", None), ("%c", 65), ("%c", "é"), ("%c", "ab"), ("%c", 65.0),
    ("%c", -1), ("%c", 0x110000), ("%c", 2**70), ("%5c|", 66), ("%-5c|", 66),
    ("%05c|", 66), ("%c", "\U0001F600"), ("%%", ()), ("%5%", (1,)), ("%5%", ()),
    ("%y", 1), ("%y", ()), ("%", ()), ("abc%", ()), ("%é", 1), ("%\x7f", 1),
    ("%\x1f", 1), ("%\x1e", 1), ("ab%zcd", 1), ("%d %d", (1,)), ("%d", (1, 2)),
    ("abc", 5), ("abc", ()), ("abc", []), ("abc", {}), ("%s", ()), ("%s", [1, 2]),
    ("%s", {"a": 1}), ("%(a)s", {"a": 1}), ("%(a)s %(b)r", {"a": 1, "b": "x"}),
    ("%(a)s", {"a": 1, "b": 2}), ("%(a)s %(b)s", {"a": 1}), ("%(a)d", 1),
    ("%(a)d", (1,)), ("%(a", {"a": 1}), ("%(a)", {"a": 1}), ("%((a))s", {"(a)": 1}),
    ("%(a)%", {"a": 1}), ("%d %(a)s", {"a": 1}), ("%(a)s %s", {"a": 1}),
    ("%(a)-5d|", {"a": 3}), ("%(a)*d", {"a": 3}), ("%*d", (5, 3)), ("%-*d|", (5, 3)),
    ("%*d|", (-5, 3)), ("%.*f", (2, 3.14159)), ("%.*f", (-2, 3.14159)),
    ("%*.*f|", (10, 2, 3.14159)), ("%*d", ("a", 1)), ("%.*f", (2.5, 1.0)),
    ("%*", (5,)), ("%*", ()), ("%.", (1,)), ("%.*", (1,)), ("%*s", (2**70, "a")),
    ("%.*s", (2**40, "a")), ("%ld", 5), ("%hd", 5), ("%Lf", 1.5), ("%lld", 5),
    ("%-+#0 10.3x|", 255), ("%0-5d|", 3), ("%05s|", "ab"), ("%.3r", "abcdef"),
    ("%.3a", "éé"), ("%10r|", "é"), ("%-10a|", "é"), ("%s %s %s", (1, 2.5, "x")),
    ("%x", 2**100), ("%X", -(2**100)), ("%o", 0), ("%d", 2**100), ("%.30d", 5),
    ("%.3s", "é\u0301x"), ("%3s|", "\U0001F600"), ("%i", "1"), ("%u", "1"),
    ("%s", 1e16), ("%r", 0.1), ("%s", -0.0), ("%d", float("inf")),
    ("%d", float("nan")), ("%x", True), ("%c", True), ("%s%%", 5), ("%%%s", 5),
    ("%99999999999999999999d", 1), ("%.99999999999d", 1), ("%z", ()), ("100%", ()),
    ("%s", "a\udc80b"), ("%r", "a\udc80b"), ("%a", "a\udc80b"), ("%5s|", "\udc80"),
]


def gen_percent(rng):
    for f, a in PCT:
        pct_case(f, a)
    vals = [0, 1, -1, 42, -42, 255, 10**12, -(2**70), 0.0, -0.0, 1.5, -2.5, 0.1,
            1e16, 1e-5, 123456.789, 1e300, float("inf"), float("nan"), True, "ab", "é", None]
    convs = "sradiuoxXeEfFgGc"
    for _ in range(1500):
        f = "%"
        f += "".join(rng.sample("-+ #0", rng.randrange(0, 3)))
        if rng.random() < 0.5:
            f += str(rng.randrange(0, 25))
        if rng.random() < 0.5:
            f += "." + str(rng.randrange(0, 25))
        f += rng.choice(convs)
        v = rng.choice(vals + [rand_float(rng)])
        pct_case(f, (v,))


def gen_round(rng):
    xs = [2.675, 0.125, 0.375, 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 15.0, 25.0,
          35.0, 0.0, -0.0, 1e300, -1e300, 5e-324, 1.7976931348623157e308,
          float("inf"), float("-inf"), float("nan"), 1234.5678, 0.1, 0.3,
          1e22, 4503599627370497.0, 2.0**52 + 0.5, 0.49999999999999994,
          -0.4, 123.456, 1e-300, 9.995, 5.0e15 + 0.5]
    ns = [None, 0, 1, 2, 3, -1, -2, -3, 10, 15, 16, 17, 22, 100, 300, 308, 309,
          322, 323, 324, 400, -300, -307, -308, -309, -400, 10**18, -10**18]
    for x in xs:
        for n in ns:
            round_case(x, n)
    for _ in range(2000):
        x = rand_float(rng)
        n = rng.choice([None, rng.randrange(-5, 20), rng.randrange(-330, 330)])
        round_case(x, n)


def gen_hex(rng):
    xs = [0.0, -0.0, 1.0, 1.5, 0.1, 5e-324, 1e-310, 2.2250738585072014e-308,
          1.7976931348623157e308, float("inf"), float("-inf"), float("nan"), -2.5]
    xs += [from_bits(rng.getrandbits(64)) for _ in range(300)]
    for x in xs:
        cases.append({"k": "hex", "x": bits(x), "out": x.hex()})
    strs = ["0x1p0", "1", "-0x1.8p+1", " 0x1.8p1 ", "0X1P-1074", "0x1p-1075",
            "0x1.8p-1074", "0x3p-1076", "0x1p1024", "0x1.fffffffffffffp1023",
            "0x1.fffffffffffff8p1023", "0x1.fffffffffffff7p1023", "inf", "-Infinity",
            "nan", "-NAN", "", " ", "0x", "0x.", ".", "0x.8", "8.", "1p", "1p+",
            "1e5", "0x1p99999999999999999999", "0x0p99999999999999999999",
            "0x1p-99999999999999999999", "0xg", "1.2.3", "\t1\n", "+.1",
            "0x1.0000000000000800000000001p0", "0x1.00000000000008p0",
            "0x1.00000000000018p0", "00000000000000000000001p0", "1" * 40,
            "0x" + "0" * 40 + "1p-4", "\xa01\u3000", "0x1_0", "-0x0p0", "- 1"]
    for s in strs:
        c = {"k": "fromhex", "s": hexs(s)}
        r = run(lambda: bits(float.fromhex(s)))
        c.update(r)
        cases.append(c)


TRICKY = ["", "a", "'", '"', "'\"", "it's", 'say "hi"', "both ' and \"", "\\",
          "\t\n\r", "\x00\x01\x1f\x7f", "\x80\x9f\xa0\xad", "é", "e\u0301",
          "\u00a0", "\u2028\u2029", "\u200b\u200d\ufeff", "\ud800", "\udfff",
          "a\udc80b", "\U0001F600", "\U000E0001", "\U0010FFFF", "\uFFFF", "\uFFFE",
          "\u0378", "\u0380", "\u1f95e"[0], "\U0001F979", "\U0001FAE8",
          "\U0002B739", "\U00031350", "\u0e00", "\u061c", "\u0600", "\u3000",
          "\u1680", "\u180e", "\u2060", "\ue000", "\U000F0000", "日本",
          "\x85", "\u0085", "\ud7ff\ue000", "\u0cf3", "\u0ece", "\U0001F6DC",
          "\U00011F00", "\U0001343F", "\U0002EBF0", "\U00031350", "\u2ffc",
          "\u31ef", "\U0001B132", "\U0001E4D0", "\U0001FA75", "\U00016FE4",
          "\U0001D7FF", "\u0d81", "\U00010EFD", "\U0001123F", "\U00011B00",
          "\U0001E030", "\U0001F7D9", "\U0001FB7A"]


def gen_strrepr():
    chars = list(TRICKY)
    # Every BMP and SMP code point class boundary is too many; take a
    # sample of code points around blocks that changed in Unicode 14-16.
    for start in (0x0870, 0x0890, 0x1AC0, 0x1DF0, 0x2E50, 0x31E0, 0x9FF0,
                  0xA7C0, 0xA7D0, 0xFB40, 0x10EF0, 0x11F00, 0x13430, 0x1B130,
                  0x1D2C0, 0x1E4D0, 0x1E7E0, 0x1F6D0, 0x1F770, 0x1FA70,
                  0x1FAC0, 0x1FAE0, 0x1FAF0, 0x2B730, 0x2EBF0, 0x31350, 0xE0000):
        chars.append("".join(chr(c) for c in range(start, start + 32)))
    for s in chars:
        cases.append({"k": "strrepr", "s": hexs(s), "repr": hexs(repr(s)),
                      "ascii": ascii(s)})


def main():
    minor = sys.version_info[1]
    rng = random.Random(20240601)
    gen_format()
    gen_random_format(rng)
    gen_percent(rng)
    gen_round(rng)
    gen_hex(rng)
    gen_strrepr()
    path = os.path.join(OUT, "cases_py3.%d.json" % minor)
    with open(path, "w") as f:
        json.dump({"minor": minor, "python": sys.version.split()[0],
                   "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", len(cases), "cases to", path)
    if "--floats" in sys.argv:
        frng = random.Random(77)
        fl = []
        for _ in range(10000):
            x = from_bits(frng.getrandbits(64))
            fl.append({"x": bits(x), "repr": repr(x)})
        for _ in range(2000):
            x = frng.uniform(-1e6, 1e6) if frng.random() < 0.5 else \
                math.ldexp(frng.random(), frng.randrange(-1074, 1024))
            fl.append({"x": bits(x), "repr": repr(x)})
        p = os.path.join(OUT, "repr_floats.json")
        with open(p, "w") as f:
            json.dump(fl, f, separators=(",", ":"))
            f.write("\n")
        print("wrote", len(fl), "floats to", p)


if __name__ == "__main__":
    main()
