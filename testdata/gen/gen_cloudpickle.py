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

import sys

from cpcases import Case, Suite, main

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


SUITE = Suite("gen_cloudpickle", __file__, CASES, b'pybridge-tracker-')

if __name__ == "__main__":
    sys.exit(main(SUITE, sys.argv))
