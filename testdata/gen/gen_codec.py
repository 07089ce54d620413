#!/usr/bin/env python3
"""Generate the plain-data pickle codec goldens under testdata/codec/.

For every named value in VALUES and every pickle protocol 0..5 this writes
``testdata/codec/<name>.p<N>.pkl`` = ``pickle.dumps(value, protocol=N)`` (the
C pickler of the running CPython) and ``testdata/codec/expected.json``: a list
of ``{"name", "protocol", "file", "type", "repr", "python", "hashseed"}``
where ``repr`` is ``repr(pickle.loads(data))``.

Sets of strings pickle (and print) in an order that depends on string hash
randomisation, so this script always runs with PYTHONHASHSEED=0 (it re-executes
itself with that setting if it is missing) and records the seed per entry.

Usage (from the repository root; the goldens are made with CPython 3.11.7):

    PYTHONHASHSEED=0 $(pyenv root)/versions/3.11.7/bin/python testdata/gen/gen_codec.py write testdata/codec

Another CPython can be compared against the committed goldens without writing
anything (prints every byte or repr difference, exit status 0 either way):

    PYTHONHASHSEED=0 $(pyenv root)/versions/3.8.18/bin/python testdata/gen/gen_codec.py verify testdata/codec
"""

import json
import os
import pickle
import platform
import sys

HASHSEED = "0"


def _values():
    """Return the ordered list of (name, value) pairs."""
    out = []

    def add(name, value):
        out.append((name, value))

    add("none", None)
    add("true", True)
    add("false", False)

    # Integers chosen around the opcode-size boundaries (BININT1/BININT2/
    # BININT/LONG1/LONG4) and the int64 edges a Go decoder cares about.
    for name, v in [
        ("int_0", 0), ("int_255", 255), ("int_256", 256),
        ("int_65535", 65535), ("int_65536", 65536), ("int_neg1", -1),
        ("int_max_i32", 2**31 - 1), ("int_min_i32", -2**31),
        ("int_2p31", 2**31), ("int_2p63", 2**63),
        ("int_min_i64_minus1", -2**63 - 1), ("int_2p1000", 2**1000),
        ("int_neg_2p200", -(2**200)),
    ]:
        add(name, v)

    for name, v in [
        ("float_0", 0.0), ("float_neg0", -0.0), ("float_1_5", 1.5),
        ("float_1e16", 1e16), ("float_1e-5", 1e-5), ("float_1e300", 1e300),
        ("float_inf", float("inf")), ("float_neg_inf", float("-inf")),
        ("float_nan", float("nan")), ("float_0_1", 0.1),
        ("float_123456789_123", 123456789.123),
    ]:
        add(name, v)

    add("str_empty", "")
    add("str_ascii", "hello world")
    add("str_latin1", "h\u00e9llo")
    add("str_emoji", "snake \U0001F40D!")
    add("str_300", "".join(chr(ord("a") + i % 26) for i in range(300)))
    add("str_lone_surrogate", "\ud800")
    add("str_escapes", "tab\there\nnewline \\ back\"quote'")

    add("bytes_empty", b"")
    add("bytes_short", b"\x00\x01abc\xff")
    add("bytes_300", bytes(i % 256 for i in range(300)))
    add("bytearray_empty", bytearray())
    add("bytearray_short", bytearray(b"\x00hi\xff"))

    add("tuple_0", ())
    add("tuple_1", (1,))
    add("tuple_2", (1, "two"))
    add("tuple_3", (1, "two", 3.0))
    add("tuple_4", (1, "two", 3.0, None))
    add("tuple_nested", ((1, (2, (3, ()))), ("a", ("b",))))

    add("list_empty", [])
    add("list_1", [42])
    add("list_mixed", [1, "a", 2.5, None, True, b"x", (1, 2), [3]])
    add("list_1500", list(range(1500)))

    add("dict_empty", {})
    add("dict_1", {"k": "v"})
    add("dict_str_keys", {"alpha": 1, "beta": [2, 3], "gamma": {"x": None}})
    add("dict_int_keys", {1: "one", -2: "minus two", 2**40: "big"})
    add("dict_tuple_keys", {(1, 2): "a", ("x", 3.5): "b", (): "empty"})
    add("dict_1500", {i: str(i) for i in range(1500)})

    add("set_empty", set())
    add("set_ints", {3, 1, 2, 1000, -5})
    add("set_strs", {"spark", "python", "go", "pickle"})
    add("set_tuples", {(1, 2), (3, 4), (5, 6)})
    add("frozenset_empty", frozenset())
    add("frozenset_ints", frozenset({7, 8, 9}))
    add("frozenset_strs", frozenset({"a", "bb", "ccc"}))
    add("set_1500", set(range(1500)))

    shared = [1]
    add("shared_list", [shared, shared])
    shared_t = ("x", [2])
    add("shared_in_dict", {"a": shared_t, "b": shared_t, "c": [shared_t]})

    selfl = []
    selfl.append(selfl)
    add("self_list", selfl)
    selfd = {}
    selfd["self"] = selfd
    add("self_dict", selfd)
    inner = []
    outer_t = (inner,)
    inner.append(outer_t)
    add("tuple_list_cycle", outer_t)

    batch = []
    for i in range(100):
        batch.append((
            i,
            "row-%03d" % i,
            i * 0.25 - 3.0,
            [i, i * i, str(i)],
            {"id": i, "even": i % 2 == 0, "tags": ("t%d" % (i % 7),)},
        ))
    add("record_batch", batch)
    return out


VALUES = _values()


def _ensure_hashseed():
    if os.environ.get("PYTHONHASHSEED") != HASHSEED:
        env = dict(os.environ, PYTHONHASHSEED=HASHSEED)
        os.execve(sys.executable, [sys.executable] + sys.argv, env)


def _py_version():
    return platform.python_version()


def _entries():
    for name, value in VALUES:
        for proto in range(0, pickle.HIGHEST_PROTOCOL + 1):
            if proto > 5:
                continue
            data = pickle.dumps(value, protocol=proto)
            back = pickle.loads(data)
            yield {
                "name": name,
                "protocol": proto,
                "file": "%s.p%d.pkl" % (name, proto),
                "type": type(value).__name__,
                "repr": repr(back),
                "python": _py_version(),
                "hashseed": int(HASHSEED),
            }, data


def write(outdir):
    os.makedirs(outdir, exist_ok=True)
    expected = []
    for entry, data in _entries():
        with open(os.path.join(outdir, entry["file"]), "wb") as f:
            f.write(data)
        expected.append(entry)
    with open(os.path.join(outdir, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1, ensure_ascii=True)
        f.write("\n")
    print("gen_codec: wrote %d pickles for %d values to %s (python %s)"
          % (len(expected), len(VALUES), outdir, _py_version()))


def verify(outdir):
    with open(os.path.join(outdir, "expected.json"), encoding="utf-8") as f:
        want = {e["file"]: e for e in json.load(f)}
    nbytes = nrepr = nload = 0
    for entry, data in _entries():
        w = want.get(entry["file"])
        if w is None:
            print("  missing in goldens: %s" % entry["file"])
            continue
        with open(os.path.join(outdir, entry["file"]), "rb") as f:
            golden = f.read()
        if golden != data:
            nbytes += 1
            print("  bytes differ: %s (%d vs %d bytes)" % (entry["file"], len(data), len(golden)))
        if entry["repr"] != w["repr"]:
            nrepr += 1
            print("  repr differs: %s" % entry["file"])
        # The golden bytes must load to the same repr on this CPython too.
        if repr(pickle.loads(golden)) != w["repr"]:
            nload += 1
            print("  golden loads differently: %s" % entry["file"])
    print("gen_codec verify (python %s): %d byte diffs, %d repr diffs, %d load diffs"
          % (_py_version(), nbytes, nrepr, nload))


def main(argv):
    if len(argv) != 3 or argv[1] not in ("write", "verify"):
        sys.stderr.write("usage: gen_codec.py write|verify OUTDIR\n")
        return 2
    _ensure_hashseed()
    if argv[1] == "write":
        write(argv[2])
    else:
        verify(argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
