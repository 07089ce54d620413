#!/usr/bin/env python3
"""Generate `pybridge run` / `pybridge load` goldens under testdata/run/.

Same layout as gen_cloudpickle.py (read its docstring), for the shapes the
cases there do not cover: closures over closures, defaults and keyword-only
defaults, nested and mutually recursive functions, globals that are other
functions and lambdas, modules by reference, dynamic classes and their
instances, dataclasses, enums, dict views, a PySpark-style pipeline, and
exceptions with tracebacks.  For every case and CPython:

* ``testdata/run/<case>/py3.X.pkl`` = ``cloudpickle.dumps(func, protocol=5)``;
* ``testdata/run/<case>/input.pkl`` = ``pickle.dumps(inputs, protocol=5)``;
* ``testdata/run/<case>/want.json``: as gen_cloudpickle.py's, plus

  - ``"load_repr"``: ``repr(pickle.loads(payload))`` by the reference CPython
    with every `` at 0x...`` address replaced by `` at 0x?``;
  - for outputs that are exceptions, ``"traceback"``: the frames inside the
    case's code as ``[function name, line]``, outermost first.

Usage (from the repository root):

    PYTHONHASHSEED=0 PYTHONPATH=/tmp/cp python3.11 testdata/gen/gen_run.py \\
        testdata/run $(pyenv root)/versions/3.8.18/bin/python ...

``testdata/gen/run_all.sh`` runs it with every installed CPython 3.8-3.13.
"""

import sys

from cpcases import Case, Suite, main

CASES = [
    Case("closure_of_closure", """
        def outer(a):
            def middle(b):
                def inner(c):
                    return (a, b, c, a * 100 + b * 10 + c)
                return inner
            return middle

        func = outer(1)(2)
    """, [0, 3, -4]),

    Case("defaults_kwdefaults", """
        def scale(x, factor=3, *rest, offset=10, sep="-", **extra):
            return sep.join([str(x * factor + offset)] + [str(r) for r in rest] + sorted(extra))

        def func(rec):
            args, kwargs = rec
            return scale(*args, **kwargs)
    """, [((1,), {}), ((2, 5), {}), ((2, 5, 7, 8), {"sep": "+"}), ((1,), {"offset": 0, "z": 1, "a": 2}),
          ((), {})]),

    Case("nested_function", """
        def func(xs):
            def norm(v):
                def sq(t):
                    return t * t
                return sum(sq(t) for t in v)
            return [norm(x) for x in xs]
    """, [[[1, 2], [3, 4]], [], [[0], [1, 1, 1]]]),

    Case("globals_functions", """
        def helper(x):
            return x + OFFSET

        def twice(f, x):
            return f(f(x))

        OFFSET = 7
        to_str = lambda v: "<%s>" % v

        def func(x):
            return to_str(twice(helper, x))
    """, [0, 1, -14]),

    Case("recursion_globals", """
        def fib(n):
            return n if n < 2 else fib(n - 1) + fib(n - 2)

        def func(n):
            return [fib(i) for i in range(n)]
    """, [0, 1, 10, 15]),

    Case("mutual_recursion_closure", """
        def make():
            def is_even(n):
                return True if n == 0 else is_odd(n - 1)
            def is_odd(n):
                return False if n == 0 else is_even(n - 1)
            return is_even

        func = make()
    """, [0, 1, 10, 7]),

    Case("lambda_list_global", """
        OPS = [lambda x: x + 1, lambda x: x * 2, lambda x: -x]

        def func(x):
            return [op(x) for op in OPS]
    """, [0, 5, 2.5]),

    Case("module_math", """
        import math

        def func(x):
            return (math.floor(x), math.ceil(x), round(math.pi * x, 4), math.gcd(int(x), 12))
    """, [0, 2.5, -3.7, 18]),

    Case("class_methods", """
        class Account:
            rate = 2

            def __init__(self, owner, balance=0):
                self.owner = owner
                self.balance = balance

            def deposit(self, n):
                self.balance += n
                return self

            @property
            def doubled(self):
                return self.balance * self.rate

            @staticmethod
            def fee(n):
                return n // 10

            @classmethod
            def empty(cls, owner):
                return cls(owner)

            def __repr__(self):
                return "Account(%r, %r)" % (self.owner, self.balance)

        def func(rec):
            owner, amount = rec
            a = Account.empty(owner).deposit(amount)
            return (repr(a), a.doubled, Account.fee(amount), isinstance(a, Account))
    """, [("ann", 100), ("bob", 0), ("cy", 55)]),

    Case("instance_in_closure", """
        class Config:
            def __init__(self, scale, label):
                self.scale = scale
                self.label = label

        def make(cfg):
            def apply(x):
                return "%s:%s" % (cfg.label, x * cfg.scale)
            return apply

        func = make(Config(3, "tripled"))
    """, [1, 0, "ab"]),

    Case("dataclass_instance", """
        from dataclasses import dataclass

        @dataclass
        class Point:
            x: int
            y: int = 0

        ORIGIN = Point(1, 2)

        def func(v):
            p = Point(v, v + 1)
            return (repr(p), p == Point(v, v + 1), repr(ORIGIN))
    """, [0, 5]),

    Case("enum_members", """
        import enum

        class Color(enum.Enum):
            RED = 1
            GREEN = 2

        def func(v):
            c = Color(v)
            return (c.name, c.value, c is Color.RED)
    """, [1, 2]),

    Case("dict_views", """
        KEYS = {"a": 1, "b": 2, "c": 3}.keys()
        ITEMS = {"x": 10, "y": 20}.items()

        def func(k):
            return (k in KEYS, sorted(KEYS), [v for n, v in ITEMS if n != k])
    """, ["a", "x", "z"]),

    Case("pyspark_pipeline", """
        def fail_on_stopiteration(f):
            def wrapper(*args, **kwargs):
                try:
                    return f(*args, **kwargs)
                except StopIteration as exc:
                    raise RuntimeError("Caught StopIteration thrown from user's code; failing the task") from exc
            return wrapper

        def map_func(f):
            def func(_, iterator):
                return map(fail_on_stopiteration(f), iterator)
            return func

        def filter_func(f):
            def func(_, iterator):
                return filter(fail_on_stopiteration(f), iterator)
            return func

        def pipeline(prev_func, func):
            def pipeline_func(split, iterator):
                return func(split, prev_func(split, iterator))
            return pipeline_func

        factor = 3
        task = pipeline(pipeline(map_func(lambda x: x * factor), filter_func(lambda x: x % 2 == 0)),
                        map_func(lambda x: (x, x // 2)))

        def func(partition):
            return list(task(0, iter(partition)))
    """, [[1, 2, 3, 4], [], [10, 11]]),

    Case("exception_traceback", """
        def parse(rec):
            if not isinstance(rec, dict):
                raise TypeError("record must be a dict, not %s" % type(rec).__name__)
            return rec["value"]

        def check(v):
            if v < 0:
                raise ValueError("negative value: %r" % (v,))
            return v

        def func(rec):
            return check(parse(rec)) * 2
    """, [{"value": 4}, {"value": -1}, [1], {}]),

    Case("exception_chained", """
        def lookup(table, key):
            try:
                return table[key]
            except KeyError as exc:
                raise LookupError("no such key: %s" % key) from exc

        TABLE = {"a": 1}

        def func(k):
            return lookup(TABLE, k)
    """, ["a", "b"]),
]


SUITE = Suite("gen_run", __file__, CASES, b'pybridge-run-tracker-', extended=True, width=26)

if __name__ == "__main__":
    sys.exit(main(SUITE, sys.argv))
