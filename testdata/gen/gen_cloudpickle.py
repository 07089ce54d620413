#!/usr/bin/env python3
"""Generate cloudpickle execution goldens under testdata/cloudpickle/.

A *case* is Python source that defines ``func`` (a lambda, closure, function
using a dynamic class, ...) plus a list of input records.  For every case and
every CPython given on the command line this writes

* ``testdata/cloudpickle/<case>/py3.X.pkl`` = ``cloudpickle.dumps(func, protocol=5)``
  made by that CPython;
* ``testdata/cloudpickle/<case>/input.pkl`` = ``pickle.dumps(inputs, protocol=5)``;
* ``testdata/cloudpickle/<case>/want.json``::

    {"case", "source", "cloudpickle", "inputs_repr": [...],
     "outputs": [{"repr": ...} | {"exception": "ZeroDivisionError",
                                  "message": "division by zero"}, ...],
     "outputs_python": "3.11",           # whose outputs "outputs" are
     "outputs_by_version": {"3.8": [...]},  # only versions that differ
     "payloads": {"3.11": {"file", "size", "sha256"}, ...},
     "errors": {"3.X": "..."}}          # only versions that failed

Outputs are computed by calling the function *after* a ``pickle.loads`` of the
payload in the producing CPython, i.e. what a worker would compute.  The case
source is compiled with the file name ``<pybridge-case:NAME>`` and run in a
namespace whose ``__name__`` is ``__main__``, so cloudpickle pickles everything
by value and no machine-specific path ends up in ``co_filename``.
Dynamic classes carry a ``_class_tracker_id`` that cloudpickle draws from
``uuid.uuid4()``; the child replaces ``uuid.uuid4`` with a counter-seeded
function so the payload bytes are the same on every run.

To add a case, append a ``Case(...)`` to CASES: the source must bind ``func``;
inputs should be plain data (no sets of str: their order depends on the hash
seed).

Usage (from the repository root; any CPython 3.8+ runs the driver; each
listed interpreter must be able to ``import cloudpickle``):

    PYTHONHASHSEED=0 PYTHONPATH=/tmp/cp python3.11 testdata/gen/gen_cloudpickle.py \\
        testdata/cloudpickle $(pyenv root)/versions/3.8.18/bin/python ...

``testdata/gen/run_all.sh`` does this with every installed CPython 3.8-3.13 and
a private copy of the cloudpickle package on PYTHONPATH.
"""

import hashlib
import json
import os
import pickle
import subprocess
import sys
import textwrap

HASHSEED = "0"
REFERENCE = "3.11"


class Case:
    """One function to pickle and the records to call it with."""

    def __init__(self, name, source, inputs):
        self.name = name
        self.source = textwrap.dedent(source).strip() + "\n"
        self.inputs = inputs


CASES = [
    Case("lambda_arith", """
        func = lambda x: x * 2 + 1
    """, [0, 1, -3, 10**20, 2.5, "ab"]),

    Case("closure_int", """
        def make_adder(n):
            def add(x):
                return x + n
            return add

        func = make_adder(10)
    """, [0, 5, -10, 2**70, 0.5]),

    Case("word_count", """
        def func(line):
            counts = {}
            for word in line.lower().split():
                word = word.strip(".,!?")
                if word:
                    counts[word] = counts.get(word, 0) + 1
            return counts
    """, ["the quick brown fox", "To be, or not to be!", "", "a a a b"]),

    Case("dict_build", """
        def func(rec):
            ident, name, score = rec
            return {"id": ident, "name": name.title(), "pass": score >= 50,
                    "grade": "ABCDF"[min(4, max(0, (100 - score) // 10))]}
    """, [(1, "ada lovelace", 97), (2, "alan", 49), (3, "grace hopper", 50),
          (4, "x", 0)]),

    Case("sort_key", """
        def func(pairs):
            return sorted(pairs, key=lambda p: (-p[1], p[0]))
    """, [[("b", 2), ("a", 2), ("c", 3)], [], [("z", 0)],
          [("k%d" % i, i % 3) for i in range(7)]]),

    Case("dynamic_class", """
        class Point:
            scale = 2

            def __init__(self, x, y):
                self.x = x
                self.y = y

            def norm2(self):
                return self.x * self.x + self.y * self.y

            @property
            def scaled(self):
                return (self.x * self.scale, self.y * self.scale)

            def __repr__(self):
                return "Point(%r, %r)" % (self.x, self.y)

        def func(xy):
            p = Point(*xy)
            return (repr(p), p.norm2(), p.scaled, type(p).__name__)
    """, [(3, 4), (0, 0), (-1.5, 2), (10**10, 1)]),

    Case("try_except_zerodiv", """
        def func(x):
            try:
                return 100 / x
            except ZeroDivisionError as exc:
                return "caught: %s" % exc
    """, [4, 0, -8, 0.5]),

    Case("uncaught_zerodiv", """
        func = lambda x: 100 / x
    """, [4, 0, 3]),

    Case("genexpr_sum", """
        def func(n):
            return sum(i * i for i in range(n) if i % 3 != 0)
    """, [0, 1, 10, 1000]),

    Case("fstring_format", """
        def func(rec):
            name, value, count, ratio = rec
            return f"{name:>8}|{value:08.3f}|{count:,}|{ratio:.1%}|{name!r}|{value=}"
    """, [("alpha", 3.14159, 1234567, 0.256), ("b", -2.5, 0, 1.0),
          ("héllo", 1e6, -42, 0.0005)]),

    Case("nested_comprehension", """
        def func(n):
            table = [[i * j for j in range(i)] for i in range(n) if i % 2]
            index = {i: len(row) for i, row in enumerate(table)}
            return table, index
    """, [0, 1, 6]),

    Case("raise_keyerror", """
        def func(d):
            return d["needed"] * 2
    """, [{"needed": 21}, {"other": 1}, {}]),

    Case("math_sqrt", """
        import math

        def func(x):
            return math.sqrt(x) + math.floor(x)
    """, [0, 2, 16.0, -1]),

    Case("closure_counter", """
        def make():
            total = 0
            def step(x):
                nonlocal total
                total += x
                return total
            return step

        func = make()
    """, [1, 2, 3, 4]),
]


def _run_case_in_child(case, outdir, tag):
    import cloudpickle

    ns = {"__name__": "__main__", "__builtins__": __builtins__}
    code = compile(case.source, "<pybridge-case:%s>" % case.name, "exec")
    exec(code, ns)
    func = ns["func"]
    result = {"cloudpickle": cloudpickle.__version__}
    try:
        payload = cloudpickle.dumps(func, protocol=5)
    except Exception as exc:
        result["error"] = "cloudpickle.dumps: %s: %s" % (type(exc).__name__, exc)
        return result
    casedir = os.path.join(outdir, case.name)
    os.makedirs(casedir, exist_ok=True)
    fname = "py%s.pkl" % tag
    with open(os.path.join(casedir, fname), "wb") as f:
        f.write(payload)
    result["payload"] = {"file": fname, "size": len(payload),
                         "sha256": hashlib.sha256(payload).hexdigest()}
    try:
        loaded = pickle.loads(payload)
    except Exception as exc:
        result["error"] = "pickle.loads: %s: %s" % (type(exc).__name__, exc)
        return result
    outputs = []
    for record in case.inputs:
        try:
            out = loaded(record)
        except Exception as exc:
            outputs.append({"exception": type(exc).__name__, "message": str(exc)})
        else:
            outputs.append({"repr": repr(out)})
    result["outputs"] = outputs
    return result


def _deterministic_uuid4():
    """Make uuid.uuid4 (cloudpickle's class tracker ids) repeatable."""
    import uuid

    state = {"n": 0}

    def fake_uuid4():
        state["n"] += 1
        digest = hashlib.sha256(b"pybridge-tracker-%d" % state["n"]).digest()
        return uuid.UUID(bytes=digest[:16], version=4)

    uuid.uuid4 = fake_uuid4


def child(outdir):
    tag = "%d.%d" % sys.version_info[:2]
    _deterministic_uuid4()
    results = {}
    for case in CASES:
        results[case.name] = _run_case_in_child(case, outdir, tag)
    json.dump({"python": tag, "results": results}, sys.stdout)


def driver(outdir, pythons):
    env = dict(os.environ, PYTHONHASHSEED=HASHSEED)
    by_version = {}
    failed = {}
    for py in pythons:
        proc = subprocess.run([py, os.path.abspath(__file__), "--child", outdir],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if proc.returncode != 0:
            failed[py] = proc.stderr.decode(errors="replace").strip().splitlines()[-1:]
            print("gen_cloudpickle: %s failed: %s" % (py, failed[py]))
            continue
        data = json.loads(proc.stdout)
        by_version[data["python"]] = data["results"]
        print("gen_cloudpickle: %s -> python %s" % (py, data["python"]))

    versions = sorted(by_version, key=lambda v: tuple(int(p) for p in v.split(".")))
    for case in CASES:
        casedir = os.path.join(outdir, case.name)
        os.makedirs(casedir, exist_ok=True)
        with open(os.path.join(casedir, "input.pkl"), "wb") as f:
            f.write(pickle.dumps(case.inputs, protocol=5))
        want = {"case": case.name, "source": case.source,
                "inputs_repr": [repr(x) for x in case.inputs]}
        per = {v: by_version[v][case.name] for v in versions}
        ok = [v for v in versions if "outputs" in per[v]]
        ref = REFERENCE if REFERENCE in ok else (ok[0] if ok else None)
        want["cloudpickle"] = sorted({r["cloudpickle"] for r in per.values()})
        if ref is not None:
            want["outputs_python"] = ref
            want["outputs"] = per[ref]["outputs"]
            diff = {v: per[v]["outputs"] for v in ok if per[v]["outputs"] != want["outputs"]}
            if diff:
                want["outputs_by_version"] = diff
        want["payloads"] = {v: per[v]["payload"] for v in versions if "payload" in per[v]}
        errors = {v: per[v]["error"] for v in versions if "error" in per[v]}
        if errors:
            want["errors"] = errors
        with open(os.path.join(casedir, "want.json"), "w", encoding="utf-8") as f:
            json.dump(want, f, indent=1, ensure_ascii=True)
            f.write("\n")
        note = ""
        if errors:
            note += " errors=%s" % sorted(errors)
        if "outputs_by_version" in want:
            note += " differing=%s" % sorted(want["outputs_by_version"])
        print("  %-22s %d payloads%s" % (case.name, len(want["payloads"]), note))
    return 1 if failed else 0


def main(argv):
    if len(argv) == 3 and argv[1] == "--child":
        child(argv[2])
        return 0
    if len(argv) < 3:
        sys.stderr.write("usage: gen_cloudpickle.py OUTDIR PYTHON [PYTHON...]\n")
        return 2
    return driver(argv[1], argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
