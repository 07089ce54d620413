#!/usr/bin/env python3
"""Write pybridge's bytecode decoder test corpus for the running CPython.

Usage: python3.X gen_testcode.py OUTPUT_DIR   (writes OUTPUT_DIR/py3.X.json)

Compiles a set of representative functions and records, for every code object
(recursively through co_consts), the raw code-object fields and what this
CPython's own ``dis`` module reports about them.  Those reports are the
expected values of the Go tests; the Go tests never run Python.
"""
import dis
import json
import opcode
import os
import sys

V = sys.version_info[:2]

COMMON = r'''
import functools

def calls(f, a, b, *args, **kwargs):
    f(a, b)
    f(a, key=b)
    f(*args)
    f(a, *args, **kwargs)
    f(**kwargs)
    return f(a, b, c=1, d=2)(3)

def methods(o):
    o.m()
    o.m(1, k=2)
    o.a.b.c(*o)
    return o.x.y

def closure(a, q, b):
    d = 2
    c = 1
    def g():
        nonlocal c
        c += 1
        return a + b + c + d
    return g

def comprehensions(xs):
    a = [x * 2 for x in xs if x]
    b = {x for x in xs}
    c = {x: y for x, y in zip(xs, xs)}
    d = list(x for x in xs)
    e = [[y for y in range(x)] for x in xs]
    return a, b, c, d, e

def gen(n):
    for i in range(n):
        yield i
    x = yield
    yield from range(x)
    return 5

def try_except(x):
    try:
        y = 1 / x
    except ZeroDivisionError as e:
        y = str(e)
    except (TypeError, ValueError):
        y = None
    else:
        y += 1
    finally:
        print("done")
    return y

def try_finally_loop(xs):
    for x in xs:
        try:
            if x:
                break
            if x is None:
                continue
            return x
        finally:
            x = 0
    return -1

def with_stmt(path, lock):
    with open(path) as f, lock:
        data = f.read()
    with lock:
        return data

def fstrings(a, b, width):
    return f"{a} {a!r} {a!s} {a!a} {b:>10} {b!r:{width}} {a=}"

def operators(a, b):
    c = a + b - a * b / a // b % a ** b
    c += a
    c -= b
    c *= 2
    c @= a
    c = a << b >> a & b | a ^ b
    c = -a, +a, ~a, not a
    return a < b, a <= b, a == b, a != b, a > b, a >= b, a is b, a is not b, a in b, a not in b, c

def chains(a, b, c):
    if a < b < c:
        return 1
    if a and b or c:
        return 2
    return a if b else c

def loops(n):
    total = 0
    i = 0
    while i < n:
        i += 1
        if i % 2:
            continue
        if i > 100:
            break
        total += i
    else:
        total = -total
    return total

def unpack(xs):
    a, b = xs
    a, *rest = xs
    (c, d), e = xs
    a, b = b, a
    return [*xs, *rest], {**{}, 'a': a}, (*xs,)

def slicing(xs, i, j):
    xs[i:j] = xs[j:i]
    del xs[i]
    return xs[i:], xs[::2], xs[i:j:2]

def globals_and_dels(x):
    global G
    G = x
    del x
    import json
    from os import path as p
    return json, p

def defaults(a, b=1, *, c=2, d: int = 3) -> int:
    return lambda x, y=a: x + y + b + c + d

def assertions(x):
    assert x, "message"
    assert x > 0
    return x

class Klass(object):
    attr = 1
    def __init__(self, x):
        super().__init__()
        self.x = x
    def meth(self):
        return super(Klass, self).meth()
    @property
    def prop(self):
        return self.x
    @staticmethod
    def st():
        return Klass.attr

def decorated():
    @functools.lru_cache(maxsize=None)
    def inner(n):
        return n if n < 2 else inner(n - 1) + inner(n - 2)
    return inner(10)

async def coro(aw, cm, ait):
    x = await aw
    async with cm as c:
        x += c
    async for y in ait:
        x += y
    return x

async def agen(n):
    for i in range(n):
        yield i

def walrus(xs):
    if (n := len(xs)) > 3:
        return n
    return [y for x in xs if (y := x)]

def nested_try(x):
    try:
        try:
            return x[0]
        except IndexError:
            raise ValueError("empty") from None
        finally:
            x = None
    except ValueError as e:
        raise RuntimeError() from e

def gen_close(it):
    try:
        yield from it
    finally:
        print("closed")

def dict_ops(d, k, v):
    d[k] = v
    d.update({k: v, 'x': 1})
    return {k: v for k, v in d.items() if v}, d.get(k, None)
'''

MATCH = r'''
def matching(x):
    match x:
        case 0 | 1:
            return "small"
        case [a, b, *rest]:
            return a
        case {"k": v, **kw}:
            return v
        case Klass(x=1) as k:
            return k
        case str() if x:
            return x
        case _:
            return None
'''

EXCEPT_STAR = r'''
def except_star(f):
    try:
        f()
    except* ValueError as eg:
        print(eg)
    except* TypeError:
        pass
'''


def big_consts():
    # More than 256 constants and names: forces EXTENDED_ARG on LOAD_CONST / LOAD_GLOBAL.
    body = ["def big_consts(x):", "    r = []"]
    for i in range(270):
        body.append("    r.append(%d.5 + g%d)" % (i, i))
    body.append("    return r")
    return "\n".join(body) + "\n"


def long_jump():
    # A loop whose body is long enough to need EXTENDED_ARG on its jumps.
    body = ["def long_jump(xs):", "    t = 0", "    for x in xs:", "        if x:"]
    for i in range(70):
        body.append("            t += x * %d" % (i % 7))
    body.append("        else:")
    body.append("            t -= 1")
    body.append("    try:")
    for i in range(20):
        body.append("        t += t // (x + %d)" % (i % 5))
    body.append("    except ZeroDivisionError:")
    body.append("        t = 0")
    body.append("    return t")
    return "\n".join(body) + "\n"


def source():
    src = COMMON
    if V >= (3, 10):
        src += MATCH
    if V >= (3, 11):
        src += EXCEPT_STAR
    return src + big_consts() + long_jump()


def simple_repr(v):
    if v is None or isinstance(v, (bool, int, float, str, bytes)):
        r = repr(v)
        if len(r) <= 80:
            return r
    return None


def line_map(co):
    """byte offset -> line (or -1) for every 2-byte code unit."""
    n = len(co.co_code)
    lines = [-1] * (n // 2)
    if V >= (3, 10):
        for start, end, line in co.co_lines():
            for off in range(start, min(end, n), 2):
                lines[off // 2] = -1 if line is None else line
    else:
        cur = -1
        starts = dict(dis.findlinestarts(co))
        for off in range(0, n, 2):
            if off in starts:
                cur = starts[off]
            lines[off // 2] = cur
    return lines


def instructions(co):
    out = []
    lines = line_map(co)
    jumps = set(opcode.hasjrel) | set(opcode.hasjabs)
    for ins in dis.get_instructions(co):
        target = -1
        if ins.opcode in jumps:
            target = ins.argval
        out.append({
            "offset": ins.offset,
            "opname": ins.opname,
            "opcode": ins.opcode,
            "arg": -1 if ins.arg is None else ins.arg,
            "argval": simple_repr(ins.argval) if ins.arg is not None else None,
            "target": target,
            "line": lines[ins.offset // 2],
        })
    return out


def exc_table(co):
    if V < (3, 11):
        return []
    out = []
    for e in dis._parse_exception_table(co):
        # dis reports end as an exclusive byte offset.
        out.append({"start": e.start, "end": e.end, "target": e.target, "depth": e.depth, "lasti": bool(e.lasti)})
    return out


def record(co, out):
    entry = {
        "name": co.co_name,
        "qualname": getattr(co, "co_qualname", co.co_name),
        "firstlineno": co.co_firstlineno,
        "code": co.co_code.hex(),
        "exceptiontable": co.co_exceptiontable.hex() if V >= (3, 11) else "",
        "linetable": (co.co_linetable if V >= (3, 10) else co.co_lnotab).hex(),
        "nconsts": len(co.co_consts),
        "names": list(co.co_names),
        "varnames": list(co.co_varnames),
        "cellvars": list(co.co_cellvars),
        "freevars": list(co.co_freevars),
        "stacksize": co.co_stacksize,
        "instructions": instructions(co),
        "exceptions": exc_table(co),
    }
    out.append(entry)
    for c in co.co_consts:
        if hasattr(c, "co_code"):
            record(c, out)


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else "."
    mod = compile(source(), "<pybridge-testcode>", "exec")
    out = []
    record(mod, out)
    doc = {"version": "%d.%d" % V, "codes": out}
    with open(os.path.join(outdir, "py%d.%d.json" % V), "w") as f:
        json.dump(doc, f, indent=None, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
