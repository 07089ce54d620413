"""Generate pyexec golden cases from the running CPython.

Usage: python gen_cases.py OUTDIR

Writes OUTDIR/cases_py3.X.json for the interpreter that runs the script. Each
case holds a function's code object (fields as CodeType names them, nested code
objects in co_consts encoded recursively), its defaults, the inputs, and what
CPython produced: repr(result), or the exception type, str(exc) and the
traceback frames (function name, line) below the harness.

The file is one JSON object (keys sorted, written by codedump.write_doc):

    {"version": "3.X",
     "globals": {name: value},          # module globals the functions use
     "functions": {name: code},         # every case function, by name
     "cases": [{"name", "code", "defaults", "kwdefaults",
                "runs": [{"args", "kwargs", "stdout",
                          "repr" | "exc_type", "exc_msg", "tb"}]}]}

Values are encoded by codedump.enc ({"t": tag, "v": value}) and code objects
by codedump.code. gen_classes.py, gen_builtins2.py and pyexec/stdlib/gen
write files of the same shape.
"""

import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from codedump import code, enc, function_case, version, write_doc  # noqa: E402,F401


def run_case(fn, args, kwargs):
    import io
    import contextlib
    out = io.StringIO()
    res = {"args": [enc(a) for a in args], "kwargs": [[k, enc(v)] for k, v in kwargs.items()]}
    try:
        with contextlib.redirect_stdout(out):
            r = fn(*args, **kwargs)
        res["repr"] = repr(r)
    except BaseException as e:  # noqa: B902
        res["exc_type"] = type(e).__name__
        res["exc_msg"] = str(e)
        tb = traceback.extract_tb(e.__traceback__)[1:]
        if len(tb) > 8:  # deep recursion: keep the ends only
            tb = tb[:3] + tb[-3:]
            res["tb_truncated"] = True
        res["tb"] = [[f.name, f.lineno] for f in tb]
    res["stdout"] = out.getvalue()
    return res


def main():
    outdir = sys.argv[1]
    sys.setrecursionlimit(1000)
    cases = []
    for entry in CASES:
        fn, arglist = entry[0], entry[1]
        kwlist = entry[2] if len(entry) > 2 else [{}]
        runs = []
        for a in arglist:
            for kw in kwlist:
                runs.append(run_case(fn, a, kw))
        cases.append(function_case(fn, runs))
    glob = {"K": enc(K), "TABLE": enc(TABLE)}
    funcs = {fn.__name__: code(fn.__code__) for fn, *_ in CASES}
    ver = version()
    doc = {"version": ver, "globals": glob, "functions": funcs, "cases": cases}
    path = os.path.join(outdir, "cases_py%s.json" % ver)
    write_doc(path, doc)
    print("wrote", path, len(cases), "functions", sum(len(c["runs"]) for c in cases), "runs")


# ---------------------------------------------------------------------------
# The cases. Each entry: (function, list of argument tuples[, kwargs dicts]).
# Functions only use builtins and their own globals below.

K = 10
TABLE = {"a": 1, "b": 2}


def add(a, b):
    return a + b


def arith(a, b):
    return (a + b, a - b, a * b, a / b, a // b, a % b, a ** 2, -a, +b, ~a)


def bitops(a, b):
    return (a & b, a | b, a ^ b, a << 3, a >> 1)


def floats(x):
    return (x * 1.5, x / 3, x // 0.7, x % 0.7, float(abs(x)) ** 0.5, round(x / 7, 3), round(2.675, 2), round(x / 2))


def bigint(n):
    return (2 ** n, 2 ** n - 1, -(2 ** n) // 3, (2 ** n) % 7, 3 ** n * 5, (1 << n) >> 2)


def compare(a, b):
    return (a < b, a <= b, a == b, a != b, a > b, a >= b, a is b, a is not None)


def divzero(a):
    return a / 0


def floordivzero(a):
    return a // 0


def modzero(a):
    return a % 0.0


def keyerror(k):
    d = {"x": 1}
    return d[k]


def indexerror(i):
    xs = [1, 2, 3]
    return xs[i]


def typeerror_add(a):
    return a + "s"


def badcall():
    return add(1)


def badcall_kw():
    return add(1, 2, c=3)


def badcall_many():
    return add(1, 2, 3)


def closure(n):
    def inner(x):
        return x + n
    return inner(5) + inner(6)


def counter(n):
    count = 0

    def inc():
        nonlocal count
        count += 1
        return count
    for _ in range(n):
        inc()
    return count


def make_adders(n):
    return [(lambda x, i=i: x + i)(10) for i in range(n)]


def listcomp(n):
    return [i * i for i in range(n) if i % 2]


def dictcomp(n):
    return {i: str(i) for i in range(n)}


def setcomp_len(n):
    return len({i % 3 for i in range(n)})


def genexp_sum(n):
    return sum(i for i in range(n))


def loop_while(n):
    total = 0
    i = 0
    while i < n:
        total += i
        i += 1
        if total > 100:
            break
    return total, i


def loop_for_else(xs):
    for x in xs:
        if x < 0:
            return "neg", x
    else:
        return "none"


def nested_loops(n):
    out = []
    for i in range(n):
        for j in range(i):
            if j == 2:
                continue
            out.append((i, j))
    return out


def try_except(x):
    try:
        return 10 / x
    except ZeroDivisionError as e:
        return "caught: " + str(e)


def try_finally(x):
    log = []
    try:
        log.append("try")
        if x:
            raise ValueError("bad")
        log.append("ok")
    except ValueError as e:
        log.append(repr(e))
    finally:
        log.append("finally")
    return log


def try_reraise(x):
    try:
        return [1, 2][x]
    except KeyError:
        return "no"


def raise_custom(x):
    if x > 1:
        raise ValueError("x too big: %d" % x)
    return x


def raise_nested(x):
    try:
        raise KeyError(x)
    except KeyError as e:
        return e.args, str(e), repr(e)


def assert_fail(x):
    assert x > 0, "must be positive"
    return x


def string_ops(s):
    return (s.upper(), s.lower(), s.strip(), s.split(), s.replace("a", "b"), s.startswith(" "), s.endswith("z"), len(s))


def string_split_count(s):
    words = s.split(",")
    counts = {}
    for w in words:
        w = w.strip()
        counts[w] = counts.get(w, 0) + 1
    return counts


def string_join(xs):
    return "-".join(str(x) for x in xs) + "|" + ", ".join(["a", "b"])


def fstring(x, y):
    return f"{x}:{y!r} {x:>5} {y:.3f} {x:08.2f} {'s'!s:^7}"


def percent(x):
    return "%d items, %s, %r, %.2f, %5s|" % (x, "s", "r", x / 3, "ab")


def str_format(x):
    return "{} and {:>4} and {name}".format(x, x + 1, name="n")


def str_index(s):
    return (s[0], s[-1], s[1:3], s[::-1], s[::2], "b" in s)


def dict_build(n):
    d = {}
    for i in range(n):
        d["k%d" % i] = i
    d.update({"z": 0})
    d.setdefault("y", 5)
    d.pop("k0", None)
    return d, list(d.keys()), list(d.values()), list(d.items()), len(d), "z" in d


def dict_literal(a):
    d = {"a": a, "b": [1, 2], 3: (4, 5), None: True}
    return d, {**d, "c": 1}


def sort_key(xs):
    return sorted(xs, key=lambda t: (t[1], t[0])), sorted(xs, reverse=True)


def sort_stable(xs):
    ys = list(xs)
    ys.sort(key=len)
    return ys


def minmax(xs):
    return min(xs), max(xs), min(xs, key=abs), max(*xs), sum(xs), abs(-3), divmod(17, 5), pow(2, 10), pow(3, 4, 5)


def builtins_misc(xs):
    return (list(enumerate(xs)), list(zip(xs, "abc")), list(map(str, xs)), list(filter(None, xs)),
            any(xs), all(xs), list(reversed(xs)), tuple(xs), bool(xs), int("42"), float("1.5"),
            str(3), repr("q"), ord("a"), chr(98), isinstance(1, int), isinstance(True, int), isinstance("", (int, str)))


def unpack(t):
    a, b, *rest = t
    (c, d), e = (1, 2), 3
    return a, b, rest, c + d + e


def star_call(xs):
    def f(a, b, *args, k=1, **kw):
        return a, b, args, k, kw
    return f(*xs, k=5, z=6), f(1, *xs), f(**{"a": 1, "b": 2})


def kwonly(a, *, b=2, c):
    return a, b, c


def posonly(a, b, /, c=3):
    return a, b, c


def defaults(a, b=5, *args, **kwargs):
    return a, b, args, kwargs


def recursion(n):
    if n <= 1:
        return 1
    return n * recursion(n - 1)


def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def globals_use(x):
    return x * K + TABLE["a"]


def list_ops(n):
    xs = list(range(n))
    xs.append(100)
    xs.extend([7, 8])
    last = xs.pop()
    first = xs.pop(0)
    xs[1] = -1
    del xs[2]
    xs[1:3] = ["a", "b", "c"]
    return xs, last, first, xs * 2, xs + [0], 7 in xs


def tuple_ops(t):
    return t + (1,), t * 2, t[1:], len(t), (1, 2) < (1, 3), [1, 2] == [1, 2], t.count(1) if hasattr(t, "count") else 0


def truthiness(x):
    return [bool(v) for v in (0, 1, "", "a", [], [0], {}, None, 0.0, x)]


def conditional(x):
    return "pos" if x > 0 else ("zero" if x == 0 else "neg")


def boolops(a, b):
    return (a and b, a or b, not a, a and not b or b)


def chained(x):
    return 0 < x < 10, 1 < x > 0


def nameerror():
    return undefined_name + 1  # noqa: F821


def unbound(x):
    if x:
        y = 1
    return y


def attrerror(x):
    return x.nosuch


def len_error(x):
    return len(x)


def int_error(s):
    return int(s)


def iter_next(xs):
    it = iter(xs)
    a = next(it)
    b = next(it, "default")
    c = next(it, "default")
    return a, b, c


def stopiter(xs):
    it = iter(xs)
    return next(it)


def hashes(x):
    return hash(1), hash(-1), hash(2 ** 61), hash(1.5), hash((1, 2)), hash(True), hash(x)


def print_fn(x):
    print("hello", x, sep="-", end="!\n")
    return x


def multi_except(x):
    try:
        if x == 0:
            raise KeyError("k")
        if x == 1:
            raise IndexError("i")
        return {}[x]
    except (KeyError, IndexError) as e:
        return type(e).__name__ if False else str(e)


def finally_return(x):
    try:
        return x
    finally:
        x = 99


def deep(n):
    return deep(n + 1)


def setops(xs):
    s = set(xs)
    return len(s), 3 in s, sorted(s)


def repr_misc(x):
    return repr([1, "a", (1,), (), {}, {"k": [None]}, 1.0, -0.0, 1e16, 1234567.5, 0.1 + 0.2, b"a'\x00", True]), str(x)


def min_empty(xs):
    return min(xs)


def neg_index(xs):
    return xs[-1], xs[-2:], xs[:-1], xs[::-2]


def bench_split(s):
    counts = {}
    for w in s.split():
        counts[w] = counts.get(w, 0) + 1
    return len(counts), counts.get("the", 0)


def bench_arith(n):
    total = 0
    for i in range(n):
        total += i * i % 7 - (i >> 2)
    return total


def bench_dict(n):
    d = {}
    for i in range(n):
        d[i] = str(i)
    return len(d), d[n // 2]


def bench_sort(xs):
    return sorted(xs, key=lambda p: (p % 10, -p))[:5]


CASES = [
    (bench_split, [("the cat and the dog and the bird",)]),
    (bench_arith, [(100,)]),
    (bench_dict, [(50,)]),
    (bench_sort, [([5, 3, 17, 22, 9, 40, 1],)]),
    (add, [(1, 2), ("a", "b"), ([1], [2]), (1.5, 2), (True, True), (2 ** 70, 1)]),
    (arith, [(7, 3), (-7, 3), (7, -3), (7.5, 2), (2 ** 65, 3)]),
    (bitops, [(12, 10), (-5, 3), (True, 3)]),
    (floats, [(7,), (-7,), (1.25,)]),
    (bigint, [(64,), (100,), (63,)]),
    (compare, [(1, 2), (2, 2), ("a", "b"), (1, 1.0), ((1, 2), (1, 3)), ([1], [1, 0])]),
    (divzero, [(1,), (1.5,)]),
    (floordivzero, [(1,)]),
    (modzero, [(1,)]),
    (keyerror, [("x",), ("y",), ((1, 2),)]),
    (indexerror, [(1,), (5,), (-4,)]),
    (typeerror_add, [(1,), (1.5,), (None,), ([],)]),
    (badcall, [()]),
    (badcall_kw, [()]),
    (badcall_many, [()]),
    (closure, [(1,), (10,)]),
    (counter, [(5,)]),
    (make_adders, [(4,)]),
    (listcomp, [(10,)]),
    (dictcomp, [(4,)]),
    (setcomp_len, [(10,)]),
    (genexp_sum, [(10,)]),
    (loop_while, [(5,), (50,)]),
    (loop_for_else, [([1, 2, -3],), ([1, 2],)]),
    (nested_loops, [(5,)]),
    (try_except, [(2,), (0,)]),
    (try_finally, [(0,), (1,)]),
    (try_reraise, [(1,), (5,)]),
    (raise_custom, [(1,), (5,)]),
    (raise_nested, [("k",)]),
    (assert_fail, [(1,), (-1,)]),
    (string_ops, [("  Hello World  ",), ("abc",)]),
    (string_split_count, [("a, b,a,c , b,a",)]),
    (string_join, [([1, 2, 3],)]),
    (fstring, [(3, 2.5), ("ab", 1)]),
    (percent, [(5,)]),
    (str_format, [(7,)]),
    (str_index, [("abcdef",), ("héllo",)]),
    (dict_build, [(3,)]),
    (dict_literal, [(1,)]),
    (sort_key, [([(1, "b"), (2, "a"), (0, "b"), (3, "a")],)]),
    (sort_stable, [(["ccc", "a", "bb", "d", "ee"],)]),
    (minmax, [([3, -7, 5, 1],)]),
    (builtins_misc, [([1, 0, 2],)]),
    (unpack, [((1, 2, 3, 4),), ([5, 6],)]),
    (star_call, [([1, 2, 3],)]),
    (kwonly, [(1,)], [{"c": 3}, {"b": 5, "c": 6}]),
    (posonly, [(1, 2), (1, 2, 4)], [{}, {"b": 3}]),
    (defaults, [(1,), (1, 2, 3, 4)], [{}, {"z": 1, "y": 2}]),
    (recursion, [(10,), (25,)]),
    (fib, [(10,), (100,)]),
    (globals_use, [(3,)]),
    (list_ops, [(6,)]),
    (tuple_ops, [((1, 2, 1),)]),
    (truthiness, [(3,), ("",)]),
    (conditional, [(3,), (0,), (-2,)]),
    (boolops, [(0, 1), (2, 3), ("", "x")]),
    (chained, [(5,), (15,)]),
    (nameerror, [()]),
    (unbound, [(1,), (0,)]),
    (attrerror, [(1,), (None,), ("s",)]),
    (len_error, [(5,), ([1],)]),
    (int_error, [("12",), ("x",), ("1.5",)]),
    (iter_next, [([1, 2],)]),
    (stopiter, [([],)]),
    (hashes, [("abc",), (b"xy",), (0.1,)]),
    (print_fn, [(1,)]),
    (multi_except, [(0,), (1,), (2,)]),
    (finally_return, [(1,)]),
    (deep, [(0,)]),
    (setops, [([3, 1, 3, 2],)]),
    (repr_misc, [(1.5,), ("s",)]),
    (min_empty, [([],)]),
    (neg_index, [([1, 2, 3, 4],), ("abcd",)]),
]


# ---------------------------------------------------------------------------
# Exceptions on every version's model (3.8 BEGIN/CALL/POP_FINALLY, 3.9/3.10
# block stack, 3.11+ exception table).


def finally_flow(n):
    out = []
    for i in range(n):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append("f%d" % i)
    return out


def finally_return_override(x):
    try:
        return "try"
    finally:
        if x:
            return "finally"


def nested_try(x):
    log = None
    try:
        try:
            1 / x
        except ZeroDivisionError:
            raise ValueError("inner")
        finally:
            log = "fin"
    except ValueError as e:
        return str(e), repr(e.__context__), log
    return "ok", log


def except_in_loop(xs):
    out = []
    for x in xs:
        try:
            out.append(10 // x)
        except ZeroDivisionError:
            out.append("z")
            continue
        except TypeError as e:
            out.append(str(e))
            break
        else:
            out.append("else")
        finally:
            out.append("fin")
    return out


def reraise_bare(x):
    try:
        try:
            raise KeyError(x)
        except KeyError:
            raise
    except KeyError as e:
        return "outer", str(e)


def uncaught_in_finally(x):
    try:
        return 1 / x
    finally:
        x = None


def exc_context(x):
    try:
        try:
            raise ValueError("a")
        finally:
            raise KeyError("b")
    except KeyError as e:
        return repr(e.__context__), repr(e)


def raise_from(x):
    try:
        try:
            raise ValueError(x)
        except ValueError as e:
            raise KeyError("k") from e
    except KeyError as e:
        return repr(e.__cause__), repr(e.__context__)


def except_unmatched(x):
    try:
        try:
            return [1][x]
        except KeyError:
            return "key"
        finally:
            x = -1
    except IndexError as e:
        return "index: " + str(e), x


def except_not_class(x):
    try:
        raise ValueError(x)
    except 42:
        return "never"


def try_else_return(x):
    try:
        y = 10 // x
    except ZeroDivisionError:
        return "zero"
    else:
        return y
    finally:
        x = 1


class CM:
    """A context manager argument (the Go tests build an equivalent native
    object for the "cm" tag): __enter__ returns "entered", __exit__ logs its
    arguments and returns suppress."""

    def __init__(self, suppress):
        self.suppress = suppress
        self.log = []

    def __enter__(self):
        self.log.append("enter")
        return "entered"

    def __exit__(self, t, v, tb):
        self.log.append(("exit", t.__name__ if t else None, str(v) if v else None))
        return self.suppress


_enc_plain = enc


def enc(v):  # noqa: F811 (extends enc with the "cm" tag)
    if isinstance(v, CM):
        return {"t": "cm", "v": v.suppress}
    return _enc_plain(v)


def with_flow(cm, n):
    out = []
    with cm as v:
        out.append(v)
    try:
        with cm:
            raise ValueError("boom")
    except ValueError as e:
        out.append("caught " + str(e))
    for i in range(n):
        with cm:
            if i == 1:
                continue
            if i == 2:
                break
            out.append(i)

    def f():
        with cm:
            return "ret"
    out.append(f())
    return out, cm.log


def with_nested(cm, x):
    with cm as a, cm as b:
        if x:
            raise KeyError(x)
    return a, b, cm.log


def with_no_exit(x):
    with x:
        return 1


# ---------------------------------------------------------------------------
# Generators.


def gen_basic(n):
    def g(k):
        for i in range(k):
            yield i * i
    return list(g(n)), sum(g(n))


def gen_send():
    def acc():
        total = 0
        while True:
            x = yield total
            if x is None:
                return total
            total += x
    g = acc()
    out = [next(g), g.send(1), g.send(5)]
    try:
        g.send(None)
    except StopIteration as e:
        out.append(("stop", e.value, e.args))
    try:
        g.send(3)
    except StopIteration as e:
        out.append(("again", e.value, e.args))
    return out


def gen_return_value():
    def g():
        yield 1
        return 42
    it = g()
    a = next(it)
    try:
        next(it)
    except StopIteration as e:
        return a, e.value, repr(e)


def gen_yield_from(n):
    def inner(k):
        for i in range(k):
            x = yield i
            if x:
                yield "got %s" % x
        return "inner done %d" % k

    def outer(k):
        r = yield from inner(k)
        yield r
        r2 = yield from [10, 20]
        yield r2
        r3 = yield from (c for c in "ab")
        yield r3
    g = outer(n)
    out = [next(g), g.send("a"), next(g)]
    out.extend(g)
    return out


def gen_throw():
    def g():
        try:
            yield 1
        except ValueError as e:
            yield "caught %s" % e
        yield 3
    it = g()
    out = [next(it), it.throw(ValueError("boom")), next(it)]
    try:
        it.throw(KeyError("k"))
    except KeyError as e:
        out.append(("keyerror", str(e)))
    out.append(list(it))
    try:
        it.throw(IndexError)
    except IndexError as e:
        out.append("done gen rethrows")
    return out


def gen_throw_delegate():
    def inner():
        try:
            yield "i1"
        except ValueError:
            yield "inner caught"
        return "ret"

    def outer():
        r = yield from inner()
        yield ("outer got", r)
        try:
            yield from inner()
        except KeyError as e:
            yield "outer caught " + str(e)
    it = outer()
    return [next(it), it.throw(ValueError), next(it), next(it), it.throw(KeyError("x")), list(it)]


def gen_throw_stop_delegate():
    def inner():
        try:
            yield 1
        except ValueError:
            return "inner returned"

    def outer():
        r = yield from inner()
        yield r
    it = outer()
    return [next(it), it.throw(ValueError("v")), list(it)]


def gen_close():
    log = []

    def g():
        try:
            yield 1
            yield 2
        except GeneratorExit:
            log.append("exit")
            raise
        finally:
            log.append("finally")
    it = g()
    next(it)
    r1 = it.close()
    r2 = it.close()
    unstarted = g()
    unstarted.close()
    return log, list(it), r1, r2, list(unstarted)


def gen_close_delegate():
    log = []

    def inner():
        try:
            yield 1
        finally:
            log.append("inner closed")

    def outer():
        try:
            yield from inner()
        finally:
            log.append("outer closed")
    it = outer()
    next(it)
    it.close()
    return log


def gen_close_ignored():
    def g():
        try:
            yield 1
        except GeneratorExit:
            yield 2
    it = g()
    next(it)
    it.close()


def gen_stopiteration():
    def g():
        yield 1
        raise StopIteration("x")
    return list(g())


def gen_stopiteration_caught():
    def g():
        yield 1
        next(iter([]))
    try:
        list(g())
    except RuntimeError as e:
        return str(e), repr(e.__cause__), type(e.__context__).__name__


def gen_running():
    def g():
        yield next(it)
    it = g()
    try:
        next(it)
    except ValueError as e:
        return str(e)


def gen_send_unstarted():
    def g():
        yield 1
    return g().send(5)


def gen_raise(x):
    def g():
        yield 1
        yield 1 / x
    return list(g())


def gen_repr():
    def g():
        yield 1
    it = g()
    return (repr(it).split(" at ")[0], type(it).__name__, it.__name__, it.__qualname__,
            iter(it) is it, next(it), it.__next__ is not None)


def genexp_misc(n):
    a = sum(x * x for x in range(n) if x % 2)
    b = list((i, j) for i in range(3) for j in range(i))
    c = next((x for x in [] if x), "empty")
    d = max(len(w) for w in "a bb ccc".split())
    return a, b, c, d


def genexp_next_empty():
    return next(x for x in [])


def gen_across(n):
    def take(it, k):
        return [next(it) for _ in range(k)]
    g = (i * 2 for i in range(n))
    a = take(g, 2)
    b = take(g, 2)
    return a, b, list(g), list(g)


def gen_finally_on_exhaust():
    log = []

    def g():
        try:
            for i in range(2):
                yield i
        finally:
            log.append("cleanup")
    out = list(g())
    return out, log


def gen_exc_state():
    def g():
        try:
            raise KeyError("inner")
        except KeyError:
            yield "in handler"
            raise
    it = g()
    out = [next(it)]
    try:
        next(it)
    except KeyError as e:
        out.append(repr(e))
    return out


CASES += [
    (finally_flow, [(5,)]),
    (finally_return_override, [(0,), (1,)]),
    (nested_try, [(0,), (1,)]),
    (except_in_loop, [([1, 0, 2, "x", 5],)]),
    (reraise_bare, [("q",)]),
    (uncaught_in_finally, [(0,), (2,)]),
    (exc_context, [(1,)]),
    (raise_from, [(3,)]),
    (except_unmatched, [(0,), (4,)]),
    (except_not_class, [(1,)]),
    (try_else_return, [(0,), (5,)]),
    (with_flow, [(CM(False), 4), (CM(True), 4)]),
    (with_nested, [(CM(False), 0), (CM(False), "k"), (CM(True), "k")]),
    (with_no_exit, [(1,)]),
    (gen_basic, [(5,)]),
    (gen_send, [()]),
    (gen_return_value, [()]),
    (gen_yield_from, [(3,)]),
    (gen_throw, [()]),
    (gen_throw_delegate, [()]),
    (gen_throw_stop_delegate, [()]),
    (gen_close, [()]),
    (gen_close_delegate, [()]),
    (gen_close_ignored, [()]),
    (gen_stopiteration, [()]),
    (gen_stopiteration_caught, [()]),
    (gen_running, [()]),
    (gen_send_unstarted, [()]),
    (gen_raise, [(0,), (1,)]),
    (gen_repr, [()]),
    (genexp_misc, [(6,)]),
    (genexp_next_empty, [()]),
    (gen_across, [(6,)]),
    (gen_finally_on_exhaust, [()]),
    (gen_exc_state, [()]),
]

if sys.version_info >= (3, 10):
    from gen_cases_match import MATCH_CASES
    CASES += MATCH_CASES


if __name__ == "__main__":
    main()
