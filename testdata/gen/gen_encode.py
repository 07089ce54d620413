#!/usr/bin/env python3
"""Generate the encoder goldens: pickle/testdata/encode/cases.json.gz.

For every named value below and every protocol 2..5 this records
``pickle.dumps(value, protocol=N)`` (CPython's C pickler) in one gzipped
JSON file (deterministic: gzip mtime 0): ``{"python", "hashseed", "cases"}``
where each case is ``{"name", "protocol", "kind", "data"}`` and ``data`` is
the pickle in base64. ``kind`` is "roundtrip" for values the Go test decodes and
re-encodes (the re-encoded bytes must be identical), and "go" for values the
Go test also builds from Go values or hand-made nodes under the same name
(see encode_test.go), whose Marshal/Encode output must be identical too.

Sets of strings pickle in an order that depends on hash randomisation, so
the script re-executes itself with PYTHONHASHSEED=0.

Usage (from the repository root; goldens made with CPython 3.11.7):

    PYTHONHASHSEED=0 python3 testdata/gen/gen_encode.py pickle/testdata/encode
"""

import argparse
import base64
import collections
import datetime
import decimal
import gzip
import io
import json
import os
import pickle
import sys

HASHSEED = "0"


def fresh(s):
    """Return a str equal to s that is a new object (not a shared constant)."""
    return "".join(list(s))


def roundtrip_values():
    out = []

    def add(name, value):
        out.append((name, value))

    add("none", None)
    add("bools", [True, False, True])
    for name, v in [
        ("int_0", 0), ("int_127", 127), ("int_128", 128), ("int_255", 255),
        ("int_256", 256), ("int_65535", 65535), ("int_65536", 65536),
        ("int_neg1", -1), ("int_neg128", -128), ("int_neg129", -129),
        ("int_neg256", -256), ("int_max_i32", 2**31 - 1),
        ("int_min_i32", -2**31), ("int_2p31", 2**31),
        ("int_min_i32_minus1", -2**31 - 1), ("int_max_i64", 2**63 - 1),
        ("int_min_i64", -2**63), ("int_2p63", 2**63), ("int_2p64", 2**64),
        ("int_min_i64_minus1", -2**63 - 1), ("int_2p1000", 2**1000),
        ("int_neg_2p1000", -(2**1000)), ("int_2p2100", 2**2100),
        ("int_neg_2p2047", -(2**2047)), ("int_neg_2p2047_minus1", -(2**2047) - 1),
    ]:
        add(name, v)
    add("floats", [0.0, -0.0, 1.5, 1e300, -1e-300, float("inf"),
                   float("-inf"), float("nan"), 0.1])
    add("str_empty", "")
    add("strs", ["", "a", "hello", "\xe9", "\u65e5\u672c\u8a9e",
                 "\U0001F600", "tab\tnew\nline"])
    add("str_surrogates", ["\ud800", "a\udcffb", "\udbff\udfff"])
    add("str_255", "x" * 255)
    add("str_256", "x" * 256)
    add("str_65535", "z" * 65535)
    add("str_65536", "z" * 65536)
    add("str_70000", "y" * 70000)
    add("str_big_in_list", [1, "small", "B" * 100000, "after", 2])
    add("bytes", [b"", b"\x00", b"\xff\xfe\x80", bytes(range(256))])
    add("bytes_70000", b"q" * 70000)
    add("bytearrays", [bytearray(), bytearray(b"abc"), bytearray(b"\x00\xff")])
    add("bytearray_70000", bytearray(b"r" * 70000))
    add("tuples", [(), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4),
                   ((), ((),)), tuple(range(20))])
    add("list_empty", [])
    add("list_1", [1])
    add("list_2", [1, 2])
    add("list_1000", list(range(1000)))
    add("list_1001", list(range(1001)))
    add("list_2500", list(range(2500)))
    add("dict_empty", {})
    add("dict_1", {"a": 1})
    add("dict_2", {"a": 1, "b": 2})
    add("dict_1000", {i: i for i in range(1000)})
    add("dict_1001", {i: str(i) for i in range(1001)})
    add("dict_2000", {i: None for i in range(2000)})
    add("dict_mixed_keys", {1: "int", 2.5: "float", "s": "str", b"b": "bytes",
                            (1, 2): "tuple", None: "none", True: "bool?"})
    add("sets", [set(), {1}, {1, 2, 3}, {"a", "b", "c"}, {(1, 2), (3, 4)}])
    add("set_1000", set(range(1000)))
    add("set_1500", set(range(1500)))
    add("frozensets", [frozenset(), frozenset({1}), frozenset({1, 2, 3}),
                       frozenset({"x", "y"})])
    add("frozenset_1200", frozenset(range(1200)))
    add("frozenset_in_set", {frozenset({1, 2}), frozenset()})

    s = fresh("shared")
    add("shared_str", [s, s, s, fresh("shared")])
    lst = [1]
    add("shared_list", [lst, lst, (lst, lst)])
    t = (1, 2)
    add("shared_tuple", [t, t, {"k": t}])
    d = {}
    add("shared_dict", {"a": d, "b": d})
    b = b"shared bytes"
    add("shared_bytes", [b, b])
    ba = bytearray(b"ba")
    add("shared_bytearray", [ba, ba])
    fs = frozenset({1})
    add("shared_frozenset", [fs, fs])

    a = []
    a.append(a)
    add("self_list", a)
    a2 = [1, 2]
    a2.append(a2)
    a2.append(a2)
    add("self_list2", a2)
    sd = {}
    sd["self"] = sd
    add("self_dict", sd)
    rt = ([],)
    rt[0].append(rt)
    add("recursive_tuple1", rt)
    rt2 = ([], [])
    rt2[0].append(rt2)
    rt2[1].append(rt2)
    add("recursive_tuple2", rt2)
    rt4 = ([], 1, 2, 3, 4)
    rt4[0].append(rt4)
    add("recursive_tuple4", rt4)
    lt = []
    lt.append((lt, lt))
    add("list_tuple_cycle", lt)
    dt = {}
    dt["t"] = (dt, 1)
    add("dict_tuple_cycle", dt)

    strs = [fresh("s%03d" % i) for i in range(300)]
    add("memo_over_256", strs + strs)
    add("nested_50", _nested(50))
    add("big_payload", [fresh("%06d-" % i) * 8 for i in range(3000)])
    add("big_mixed", [list(range(3000)), "m" * 70000, {"x": "y" * 10},
                      [fresh("%d" % i) for i in range(9000)]])
    add("record_batch", [(i, "name%d" % i, i * 1.5, [i, i + 1], {"k": i})
                         for i in range(200)])
    add("globals", [int, str, bytes, collections.OrderedDict,
                    collections.OrderedDict, datetime.datetime, datetime.date,
                    range, pickle.Pickler, argparse.Namespace,
                    argparse._SubParsersAction._ChoicesPseudoAction])
    add("reduce_objects", [collections.OrderedDict([(1, 2)]),
                           collections.OrderedDict((i, i) for i in range(1000)),
                           collections.OrderedDict((i, i) for i in range(1001)),
                           collections.deque([1]),
                           collections.deque(range(1000)),
                           collections.deque(range(2001)),
                           datetime.datetime(2024, 1, 2, 3, 4, 5, 6),
                           datetime.date(2020, 2, 29),
                           decimal.Decimal("1.5"), complex(1, 2),
                           collections.defaultdict(list, {"a": [1]})])
    ns = argparse.Namespace(a=1, b="two")
    ns.me = ns
    add("namespace_cycle", [ns, ns])
    add("persid", None)  # replaced in write(): needs persistent_id
    return out


def _nested(n):
    v = []
    for i in range(n):
        v = [v, i]
    return v


class Marker:
    def __init__(self, n):
        self.n = n


class PersPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Marker):
            return ("marker", obj.n)
        return None


def go_values():
    """Values the Go test builds from Go values or nodes (same names)."""
    out = []

    def add(name, value):
        out.append((name, value))

    add("go_list_mixed", [1, "a", 2.5])
    add("go_scalars", [None, True, False, 0, -1, 255, 256, 65536, -2**31,
                       2**31, 2**63 - 1, -2**63, 2**64 - 1, 2**70, 1.25, "",
                       "", b"", b"", b"x", b"\xe9\xff", "\xe9t\xe9"])
    add("go_nested", {"a": (), "b": [1, (2, "three"), {"x": None}], "c": []})
    add("go_record_batch", [(i, fresh("r%d" % i), i * 0.5) for i in range(1500)])
    add("go_big_str", ["s" * 70000, b"b" * 70000])
    add("go_sets", [{1, 2, 3}, set(), frozenset(), frozenset({4, 5})])
    add("go_bytearray", [bytearray(b"ab"), bytearray(), bytearray(b"x")])
    add("go_globals", [collections.OrderedDict, datetime.datetime,
                       datetime.date, range,
                       argparse._SubParsersAction._ChoicesPseudoAction])
    add("go_bytes_p2", [b"ab", b"ab", b"x", b"x"])  # shared objects
    return out


def write(outdir):
    os.makedirs(outdir, exist_ok=True)
    cases = []
    for kind, values in (("roundtrip", roundtrip_values()), ("go", go_values())):
        for name, value in values:
            for proto in range(2, 6):
                if name == "persid":
                    buf = io.BytesIO()
                    m = Marker(7)
                    PersPickler(buf, protocol=proto).dump(
                        [m, m, Marker(8), {"m": Marker(9)}])
                    data = buf.getvalue()
                elif name == "go_bytes_p2":
                    ab, x = b"ab", b"x"
                    data = pickle.dumps([ab, ab, x, x], protocol=proto)
                else:
                    data = pickle.dumps(value, protocol=proto)
                cases.append({"name": name, "protocol": proto, "kind": kind,
                              "data": base64.b64encode(data).decode()})
    doc = json.dumps({"python": sys.version.split()[0], "hashseed": HASHSEED,
                      "cases": cases}, indent=0)
    with open(os.path.join(outdir, "cases.json.gz"), "wb") as fh:
        fh.write(gzip.compress(doc.encode(), mtime=0))
    print("gen_encode: wrote %d pickles to %s" % (len(cases), outdir))


def main():
    if os.environ.get("PYTHONHASHSEED") != HASHSEED:
        env = dict(os.environ, PYTHONHASHSEED=HASHSEED)
        os.execve(sys.executable, [sys.executable] + sys.argv, env)
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    write(sys.argv[1])


if __name__ == "__main__":
    main()
