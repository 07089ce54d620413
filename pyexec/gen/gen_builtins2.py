"""Golden cases for builtins and methods added for issue #4 (str case and
padding methods, partition, splitlines, is* predicates, encode/decode,
bytes methods, bytearray, slice, builtin __name__/__qualname__, float sum,
docstrings of nested functions, recursive reprs, operator.length_hint
protocol, and the builtins that charge steps for their work).

Usage: python gen_builtins2.py OUTDIR

Writes OUTDIR/builtins2_py3.X.json in the format of gen_cases.py (run by
golden_builtins2_test.go).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_cases  # noqa: E402


def str_case(s):
    return (s.title(), s.capitalize(), s.swapcase(), s.upper(), s.lower(), s.casefold())


def str_pad(s, w):
    return (s.center(w), s.center(w, '*'), s.ljust(w, '-'), s.rjust(w), s.zfill(w), repr(s.center(w + 1, '.')))


def str_zfill():
    return ('-42'.zfill(6), '+7'.zfill(4), 'abc'.zfill(2), ''.zfill(3), '-'.zfill(3))


def str_partition(s, sep):
    return (s.partition(sep), s.rpartition(sep))


def str_partition_empty():
    return 'abc'.partition('')


def str_splitlines():
    s = 'a\nb\r\nc\rd\x0be\x0cf\x1cg\u2028h\n\n'
    return (s.splitlines(), s.splitlines(True), ''.splitlines(), 'x'.splitlines(keepends=True))


def str_predicates(s):
    return (s.isalpha(), s.isalnum(), s.isspace(), s.isupper(), s.islower(), s.istitle(),
            s.isdecimal(), s.isnumeric(), s.isidentifier(), s.isprintable(), s.isascii(), s.isdigit())


def str_misc():
    s = 'a,b,,c'
    return (s.rsplit(',', 1), s.rfind(','), s.index('b'), s.rindex(','), 'a\tbc\td'.expandtabs(4), s.find(',', 2), s.count(',', 0, 3),
            'abc'.startswith('b', 1), 'hello world'.split(maxsplit=1))


def str_index_missing():
    return 'abc'.index('z')


def str_encode(s):
    return (s.encode(), s.encode('utf-8'), s.encode('latin-1', 'replace'), s.encode('ascii', 'ignore'),
            s.encode('ascii', errors='replace'))


def str_encode_error():
    return 'caf\xe9'.encode('ascii')


def bytes_decode(b):
    return (b.decode(), b.decode('latin-1'), b.decode('ascii', 'replace'), b.decode('utf-8', 'ignore'), str(b, 'latin-1'))


def bytes_decode_error(b):
    return b.decode('utf-8')


def bytes_hex():
    b = b'\x00\xffab'
    return (b.hex(), b.hex(':'), bytes.fromhex('00 ff 61'), bytes.fromhex('deadBEEF').hex(), b.upper(), b.split(b'a'),
            b'-'.join([b'a', b'b']), b.startswith(b'\x00'), b.find(b'a'), b.replace(b'a', b'z'), b.strip(b'\x00'))


def bytes_fromhex_error():
    return bytes.fromhex('0g')


def bytearray_ops():
    a = bytearray(b'abc')
    a.append(100)
    a.extend(b'ef')
    a[0] = 65
    a[1:3] = b'XYZ'
    x = a.pop()
    a.insert(0, 48)
    del a[1]
    return (a, repr(a), len(a), bytes(a), x, a[0], a[1:3], list(a)[:3], a == bytearray(b'0XYZdef'[:7]), b'Z' in a,
            bytearray(3), bytearray([1, 2]), bytearray('hi', 'ascii'), a.decode(), a.hex(), a + b'!', bytearray(b'ab') * 2)


def bytearray_errors(which):
    a = bytearray(b'ab')
    if which == 0:
        a[0] = 256
    if which == 1:
        return hash(a)
    if which == 2:
        a.append('x')
    return bytearray('x')


def slice_builtin():
    s = slice(1, 10, 2)
    return (s, slice(3), s.start, s.stop, s.step, [0, 1, 2, 3, 4, 5][slice(1, 5, 2)], 'abcdef'[slice(None, None, -1)],
            s.indices(6), slice(None).indices(3), repr(slice(1, 2)), slice(1, 2) == slice(1, 2))


def builtin_names():
    return (len.__name__, len.__qualname__, [].append.__name__, [].append.__qualname__, str.upper.__name__,
            str.upper.__qualname__, print.__name__, dict.fromkeys.__name__, repr(len), repr(str.upper))


def float_sum():
    return (sum([0.1] * 10), sum([0.1] * 10) == 1.0, sum([1e100, 1.0, -1e100, 1.0]), sum([1, 2.5, 3]), sum([0.1, 0.2, 0.3], 1),
            sum([float('inf'), 1.0]), sum([1.5, 2], 0.25))


def nested_doc():
    def g():
        'doc string'
        return 1

    def h():
        x = 'not a doc'
        return x

    def k():
        """Multi
        line."""
    lam = lambda: 'lam'  # noqa: E731
    return (g.__doc__, h.__doc__, k.__doc__, lam.__doc__)


def recursive_repr():
    l = [1]
    l.append(l)
    t = ([],)
    t[0].append(t)
    d = {}
    d['me'] = d
    return (repr(l), repr(t), repr(d), repr([t, t]))


def length_hint():
    it = iter([1, 2, 3])
    next(it)
    r = iter(range(10))
    next(r)
    return (it.__length_hint__(), iter((1, 2)).__length_hint__(), r.__length_hint__(),
            iter([]).__length_hint__(), iter(range(3)).__length_hint__())


def memoryview_min():
    m = memoryview(b'abc')
    return (len(m), m[0], bytes(m[1:]), m.tobytes(), m.nbytes, m.readonly, bytes(memoryview(bytearray(b'xy'))))


def bytearray_mutate():
    a = bytearray(b'hello world')
    a[0:5] = b'HE'
    a[::2] = bytes(len(a[::2]))
    b = bytearray(b'abcdef')
    del b[1:5:2]
    del b[-1]
    c = bytearray(range(5))
    c[1:3] = [9, 8, 7]
    c[5:] = memoryview(b'xy')
    c += b'!'
    c += bytearray(b'?')
    d = bytearray(b'ab')
    d *= 3
    e = bytearray(b'xyz')
    e.reverse()
    f = e.copy()
    f.clear()
    g = bytearray(b'abcabc')
    g.remove(98)
    p0, p1 = g.pop(0), g.pop(-1)
    g.insert(100, 33)
    g.insert(-100, 35)
    g.extend([1, 2])
    g.extend(bytearray(b'.'))
    g.extend(x for x in b'ok')
    return (a, b, c, d, e, f, g, p0, p1, len(g))


def bytearray_compare():
    a = bytearray(b'abc')
    return (a == b'abc', b'abc' == a, a != b'abd', a < b'abd', b'abb' < a, a >= bytearray(b'abc'), a == 'abc',
            a == memoryview(b'abc'), b'abc' == memoryview(b'abc'), bytearray() == b'', [a] == [b'abc'], a in [b'abc'],
            sorted([bytearray(b'b'), b'a', bytearray(b'c')]), bool(bytearray()), bool(a), b'b' in a, 99 in a, a[-1],
            a[::-1], a[5:], list(reversed(a)), str(a), 3 * bytearray(b'x'), bytearray(b'x') * 0)


def bytearray_methods():
    a = bytearray(b'  Hello, World  ')
    return (a.strip(), a.lstrip(), a.rstrip(b' d'), a.upper(), a.lower(), a.split(), a.split(b','), a.find(b'o'),
            a.index(b'W'), a.count(b'l'), a.replace(b'l', b'L'), a.startswith(b'  H'), a.endswith((b'x', b' ')),
            bytearray(b'-').join([b'a', bytearray(b'b'), memoryview(b'c')]), b'-'.join([bytearray(b'x'), b'y']),
            a.decode('ascii'), a.hex(), bytearray(b'\x01\x02').hex(':'), bytearray.fromhex('de ad'), b'abc'.find(bytearray(b'c')),
            b'abc'.startswith(memoryview(b'ab')), b'a' + bytearray(b'b'), b'a' + memoryview(b'c'), bytearray(b'a') + memoryview(b'b'),
            bytes(bytearray(b'q')), str(bytearray(b'caf\xc3\xa9'), 'utf-8'), type(a.strip()).__name__, type(a.split()[0]).__name__)


def bytearray_ctor():
    return (bytearray(), bytearray(0), bytearray(2), bytearray(b'ab'), bytearray([0, 255]), bytearray(range(3)),
            bytearray('h\xe9', 'latin-1'), bytearray('h\xe9', 'ascii', 'replace'), bytearray(source=b'k'),
            bytearray('x', encoding='utf-8'), bytearray(memoryview(b'mv')), bytearray(bytearray(b'c')), bytearray(iter([7])),
            repr(bytearray), type(bytearray()).__name__, type(iter(bytearray())).__name__, isinstance(bytearray(), bytearray))


def bytearray_iter():
    a = bytearray(b'ab')
    out = []
    for x in a:
        out.append(x)
        if len(a) < 4:
            a.append(120)
    return (out, a, list(enumerate(bytearray(b'hi'))), [x for x in bytearray(b'\x00\xff')], sum(bytearray(b'\x01\x02')), max(bytearray(b'az')))


def bytearray_error(which):
    a = bytearray(b'ab')
    if which == 0:
        return a[5]
    if which == 1:
        return a['x']
    if which == 2:
        return a.pop(5)
    if which == 3:
        return bytearray().pop()
    if which == 4:
        return a.remove(9)
    if which == 5:
        return a.append(300)
    if which == 6:
        return a.extend(5)
    if which == 7:
        return a.extend('ab')
    if which == 8:
        return a + 1
    if which == 9:
        return 1 + a
    if which == 10:
        return bytearray(-1)
    if which == 11:
        return bytearray(b'', 'utf-8')
    if which == 12:
        return bytearray(1.5)
    if which == 13:
        return bytearray([300])
    if which == 14:
        return bytearray(3, errors='x')
    if which == 15:
        return a < 'x'
    if which == 16:
        a[0:1] = 5
    if which == 17:
        a[::2] = b'xyz'
    if which == 18:
        del a[9]
    if which == 19:
        a[0] = 'x'
    if which == 20:
        a[0:1] = [300]
    if which == 21:
        return a.decode('zz')
    if which == 22:
        return bytearray.fromhex('zz')
    if which == 23:
        return a * 2.5
    if which == 24:
        return a.index(b'z')
    if which == 25:
        return {a: 1}
    if which == 26:
        return a.insert(0, 256)
    return a.x


def memoryview_ops():
    b = bytearray(b'abcdef')
    m = memoryview(b)
    m[0] = 65
    m[1:3] = b'BC'
    s = m[::2]
    r = memoryview(b'xyz')
    with memoryview(b'q') as w:
        inside = w.tobytes()
    return (b, s.tobytes(), s.tolist(), len(s), s[1], s[-1], m.readonly, r.readonly, r.nbytes, r.itemsize, r.format, r.ndim,
            r.shape, s.strides, r.obj, r == b'xyz', r == memoryview(b'xyz'), r != b'xy', hash(r) == hash(b'xyz'),
            list(r), bytes(r[1:]), r.hex(), m.tobytes(), inside, m[2:4].tobytes(),
            type(memoryview(b'')).__name__, repr(memoryview))


def memoryview_error(which):
    m = memoryview(b'ab')
    if which == 0:
        return memoryview('x')
    if which == 1:
        return m[5]
    if which == 2:
        return m['x']
    if which == 3:
        return hash(memoryview(bytearray()))
    if which == 4:
        return m < m
    if which == 5:
        m[0] = 1
    if which == 6:
        memoryview(bytearray(b'ab'))[0] = 256
    if which == 7:
        memoryview(bytearray(b'ab'))[0:1] = b'xy'
    m.release()
    if which == 8:
        return m[0]
    if which == 9:
        return len(m)
    return m.tobytes()


def charged_repeat(n):
    return len('x' * n) + len([0] * n) + len((1,) * n)


def charged_sum(n):
    return sum(range(n)) + max(range(n)) + min(range(n)) + any(x > n for x in range(n)) + len(sorted(range(n)))


def charged_build(n):
    return len(list(range(n))) + len(dict.fromkeys(range(n))) + len(set(range(n))) + len(','.join(['ab'] * n)) + len(('ab' * n).replace('a', 'xyz'))


def charged_bigint(n):
    # Big-int products and powers charge steps before the work is done.
    x = 3
    for _ in range(n):
        x = x * x
    return len(format(x, 'b'))


def charged_bigpow(n):
    return len(format(10 ** n, 'b')) + len(format(1 << n, 'x'))


def int_str_limit(which):
    # CPython's default int_max_str_digits (4300) bounds decimal conversions.
    if which == 0:
        return len(str(10 ** 4300 - 1)), len(repr(-(10 ** 4300 - 1))), int('7' * 4300) % 1000, len(format(10 ** 5000, 'x'))
    if which == 1:
        return str(10 ** 4300)
    if which == 2:
        return repr(-2 ** 20000)
    if which == 3:
        return int('1' * 4301)
    if which == 4:
        return int('0' * 5000)
    if which == 5:
        return int('z' * 4400, 36)
    if which == 6:
        return format(10 ** 5000, ',')
    if which == 7:
        return f'{10 ** 5000}'
    if which == 8:
        return int('1' * 5000, 16) % 1000, format(10 ** 5000, 'x')[:5], format(10 ** 5000, '.3e')
    return '%x' % 10 ** 5000 == format(10 ** 5000, 'x')


def nested(which):
    # Native recursion (==, <, repr, hash, deepcopy, isinstance...) through
    # nested values: fine at moderate depth, RecursionError (never a crash)
    # past the limit. 20000 is past every version's limit (3.13's C
    # recursion limit is 10000).
    def deep(n, wrap=lambda x: [x], leaf=None):
        x = [] if leaf is None else leaf
        for _ in range(n):
            x = wrap(x)
        return x
    if which == 0:
        return deep(400) == deep(400), deep(400) < deep(400, leaf=[1]), len(repr(deep(400))), len(str(deep(300, lambda x: {1: x}, {})))
    if which == 1:
        return hash(deep(400, lambda x: (x,), ())), deep(300, lambda x: (x, 1), ()) in {deep(300, lambda x: (x, 1), ()): 1}
    if which == 2:
        return deep(400, lambda x: {'k': x}, {}) == deep(400, lambda x: {'k': x}, {}), deep(900) == deep(900)
    if which == 3:
        return deep(20000) == deep(20000)
    if which == 4:
        return deep(20000) < deep(20000, leaf=[1])
    if which == 5:
        return repr(deep(20000))
    if which == 6:
        return str(deep(20000, lambda x: {1: x}, {}))
    if which == 7:
        return deep(20000, lambda x: {'k': x}, {}) == deep(20000, lambda x: {'k': x}, {})
    if which == 8:
        return isinstance(1, deep(20000, lambda x: (x,), str))
    if which == 9:
        return str(ValueError(deep(20000)))
    if which == 10:
        return [deep(20000)].index(deep(20000))
    if which == 11:
        it = iter([1, 2])
        for _ in range(300):
            it = map(abs, it)
        return list(it)
    return sorted([deep(20000, leaf=[1]), deep(20000)])


CASES = [
    (str_case, [("hello wORLD foo-bar 1st o'neil",), ("ǆemal ß",), ("",)]),
    (str_pad, [("ab", 7), ("abc", 2), ("-5", 5)]),
    (str_zfill, [()]),
    (str_partition, [("a=b=c", "="), ("abc", "x"), ("abc", "abc")]),
    (str_partition_empty, [()]),
    (str_splitlines, [()]),
    (str_predicates, [("abc",), ("Abc1",), ("   \t",), ("ABC",), ("Title Case",), ("123",), ("½",), ("",), ("_id9",), ("a\x00",), ("é",)]),
    (str_misc, [()]),
    (str_index_missing, [()]),
    (str_encode, [("héllo €",), ("plain",)]),
    (str_encode_error, [()]),
    (bytes_decode, [(b"abc",), (b"caf\xc3\xa9",)]),
    (bytes_decode_error, [(b"\xff",), (b"ab\xc3",)]),
    (bytes_hex, [()]),
    (bytes_fromhex_error, [()]),
    (bytearray_ops, [()]),
    (bytearray_errors, [(0,), (1,), (2,), (3,)]),
    (bytearray_mutate, [()]),
    (bytearray_compare, [()]),
    (bytearray_methods, [()]),
    (bytearray_ctor, [()]),
    (bytearray_iter, [()]),
    (bytearray_error, [(i,) for i in range(28)]),
    (memoryview_min, [()]),
    (memoryview_ops, [()]),
    (memoryview_error, [(i,) for i in range(11)]),
    (slice_builtin, [()]),
    (builtin_names, [()]),
    (float_sum, [()]),
    (nested_doc, [()]),
    (recursive_repr, [()]),
    (length_hint, [()]),
    (charged_repeat, [(3,)]),
    (charged_sum, [(5,)]),
    (charged_build, [(4,)]),
    (charged_bigint, [(3,)]),
    (charged_bigpow, [(5,)]),
    (int_str_limit, [(i,) for i in range(10)]),
    (nested, [(i,) for i in range(13)]),
]


def main():
    gen_cases.CASES[:] = CASES
    out = sys.argv[1]
    tmp = os.path.join(out, ".builtins2_tmp")
    os.makedirs(tmp, exist_ok=True)
    sys.argv[1] = tmp
    gen_cases.main()
    ver = "%d.%d" % sys.version_info[:2]
    os.replace(os.path.join(tmp, "cases_py%s.json" % ver), os.path.join(out, "builtins2_py%s.json" % ver))
    os.rmdir(tmp)


if __name__ == "__main__":
    main()
