"""Golden cases for gaps closed in the evaluator: the hex, oct and bin
builtins (PyNumber_Index), int methods (bit_length, bit_count, to_bytes,
from_bytes, as_integer_ratio, conjugate, is_integer), CPython's limit on
the digits of int-to-decimal conversions in % formatting and format(),
str % instances of user classes, the Ellipsis builtin, subclasses of
complex and the built-in types CPython refuses as bases.

Usage: python gen_gaps.py OUTDIR

Writes OUTDIR/gaps_py3.X.json in the format of gen_cases.py (run by
golden_gaps_test.go).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_cases  # noqa: E402


def base_builtins(x):
    return hex(x), oct(x), bin(x)


def base_builtins_index(v):
    class I:
        def __index__(self):
            return v
    return hex(I()), oct(I()), bin(I())


def base_builtin_error(which):
    if which == 0:
        return hex(1.5)
    if which == 1:
        return oct(2.0)
    if which == 2:
        return bin('1')
    if which == 3:
        return hex(None)
    if which == 4:
        return hex()
    if which == 5:
        return hex(1, 2)
    if which == 6:
        return oct(x=1)
    if which == 7:
        class I:
            def __index__(self):
                return 'x'
        return hex(I())
    if which == 8:
        class I:
            def __index__(self):
                return 1.5
        return bin(I())
    return hex([])


def base_builtins_misc():
    class MyInt(int):
        pass
    return (hex(MyInt(255)), oct(True), bin(False), hex(-0), bin(2 ** 64 - 1), oct(-(2 ** 70)),
            hex(10 ** 30), [hex(i) for i in range(-3, 18)], int(hex(12345), 16), int(oct(-77), 8), int(bin(99), 2))


def int_bits(x):
    return x.bit_length(), x.as_integer_ratio(), x.conjugate(), type(x.conjugate()).__name__


def int_bit_count(x):
    return x.bit_count()


def int_is_integer(x):
    return x.is_integer()


def int_method_errors(which):
    if which == 0:
        return (5).bit_length(1)
    if which == 1:
        return int.bit_length(5.0)
    if which == 2:
        return int.bit_length(True), int.bit_length(-8), int.to_bytes(258, 2, 'big')
    if which == 3:
        return (5).as_integer_ratio(x=1)
    return (5).conjugate(1)


def int_to_bytes(which):
    class Idx:
        def __index__(self):
            return 3
    if which == 0:
        return ((1024).to_bytes(2, 'big'), (1024).to_bytes(2, 'little'), (-1).to_bytes(2, 'big', signed=True),
                (5).to_bytes(length=2, byteorder='little', signed=True), (-128).to_bytes(1, 'big', signed=True),
                (0).to_bytes(0, 'big'), (-1).to_bytes(0, 'big', signed=True) if False else b'', (2 ** 64).to_bytes(9, 'little'),
                True.to_bytes(1, 'big'), (127).to_bytes(1, 'big', signed=True), (255).to_bytes(1, 'big'),
                (-(2 ** 63)).to_bytes(8, 'big', signed=True), (2 ** 100 - 1).to_bytes(13, 'big'), (0).to_bytes(3, 'little', signed=True))
    if which == 1:
        return (5).to_bytes()
    if which == 2:
        return (5).to_bytes(2)
    if which == 3:
        return (5).to_bytes(-1, 'big')
    if which == 4:
        return (5).to_bytes(2, 'middle')
    if which == 5:
        return (5).to_bytes(2, 5)
    if which == 6:
        return (5).to_bytes(2, 'big', True)
    if which == 7:
        return (-129).to_bytes(1, 'big', signed=True)
    if which == 8:
        return (128).to_bytes(1, 'big', signed=True)
    if which == 9:
        return (1).to_bytes(0, 'big')
    if which == 10:
        return (-1).to_bytes(1, 'big')
    if which == 11:
        return (256).to_bytes(1, 'little')
    if which == 12:
        return (5).to_bytes(2.0, 'big')
    if which == 13:
        return (5).to_bytes(Idx(), 'big')
    if which == 14:
        return (5).to_bytes(2, 'big', zzz=True)
    return (5).to_bytes(2, byteorder='big', length=2)


def int_from_bytes(which):
    if which == 0:
        return (int.from_bytes(b'\x00\x10', 'big'), int.from_bytes(b'\xff', 'big', signed=True), int.from_bytes([1, 2], 'little'),
                int.from_bytes(b'', 'big', signed=True), int.from_bytes(bytearray(b'\xff\xff'), 'little', signed=True),
                int.from_bytes(iter([1, 2]), 'big'), int.from_bytes(b'\x01', byteorder='big', signed=False),
                int.from_bytes(b'\x80\x00', 'big', signed=True), int.from_bytes(b'\x00' * 20 + b'\x01', 'big'),
                int.from_bytes((2 ** 100).to_bytes(13, 'little'), 'little'), int.from_bytes(memoryview(b'\x02\x01'), 'little'))
    if which == 1:
        return int.from_bytes(b'\x01\x00')
    if which == 2:
        return int.from_bytes('ab', 'big')
    if which == 3:
        return int.from_bytes(5, 'big')
    if which == 4:
        return int.from_bytes([256], 'big')
    if which == 5:
        return int.from_bytes(b'\x01', 'x')
    if which == 6:
        return int.from_bytes(b'\x01', 'big', True)
    if which == 7:
        return int.from_bytes(byteorder='big')
    return int.from_bytes(b'\x01', 'big', qqq=True)


def pct_int_limit(which):
    big = 10 ** 5000

    class Idx:
        def __init__(self, v):
            self.v = v

        def __index__(self):
            return self.v

    if which == 0:
        return '%d' % big
    if which == 1:
        return '%i' % -big
    if which == 2:
        return '%u' % (big,)
    if which == 3:
        return '%s' % big
    if which == 4:
        return '%r' % big
    if which == 5:
        return '%a' % big
    if which == 6:
        return '%(n)d' % {'n': big}
    if which == 7:
        return '%5.3d' % big
    if which == 8:
        return '%d' % Idx(big)
    if which == 9:
        return '%d %s' % (1, 10 ** 4300)
    if which == 10:
        s = '%d' % (10 ** 4300 - 1)
        t = '%s|%r|%a' % (-(10 ** 4300 - 1), 10 ** 4300 - 1, 10 ** 4300 - 1)
        return len(s), len(t), s[:3], t[:3]
    if which == 11:
        return (len('%x' % big), len('%o' % big), len('%X' % -big), len('%#x' % big), len('%x' % Idx(big)), len('%o' % Idx(big)),
                ('%x' % big)[:6], ('%X' % big)[-4:])
    return '%d' % 12.5, '%i' % -3.99, '%d' % 1e300 == str(int(1e300)), '%s' % 2 ** 64, '%r' % -(2 ** 64)


def format_int_limit(which):
    big = 10 ** 5000
    if which == 0:
        return format(big, 'd')
    if which == 1:
        return f'{big:,}'
    if which == 2:
        return format(big, 'n')
    if which == 3:
        return format(big, '_')
    if which == 4:
        return format(big, '>10')
    if which == 5:
        return '{}'.format(big)
    if which == 6:
        return '{!r}'.format(big)
    if which == 7:
        return '{:d}'.format(-big)
    if which == 8:
        return format(big, 'e')
    if which == 9:
        return format(big, '%')
    if which == 10:
        return f'{big!s:>3}'
    if which == 11:
        return str(-(10 ** 4300))
    return (len(format(big, 'x')), len(format(big, '#o')), len(format(big, 'b')), len(format(-big, 'X')), len(format(big, '_x')),
            len(format(10 ** 4299, ',')), len(f'{10 ** 4299}'), format(10 ** 4299, 'd')[:4])


def pct_objects(which):
    class F:
        def __repr__(self):
            return 'F!'

        def __str__(self):
            return 'f-str'

    class I:
        def __index__(self):
            return 7

    class N:
        def __int__(self):
            return 8

    class R:
        def __float__(self):
            return 2.5

    class M:
        def __getitem__(self, k):
            return k.upper()

    class T(tuple):
        pass

    class MyInt(int):
        pass

    class MyStr(str):
        pass

    if which == 0:
        return '%s %r %a' % (F(), F(), F()), '%s' % F(), '%r' % F(), '%(a)s' % {'a': F()}
    if which == 1:
        return '%x %o %X %d %i %c' % (I(), I(), I(), I(), I(), I()), '%x' % I(), '%d' % I(), '%#o' % I()
    if which == 2:
        return '%d' % N(), '%d' % (N(),), '%f' % R(), '%.1f' % (R(),), '%e' % I(), '%g' % N() if False else 0
    if which == 3:
        return '%(key)s and %(other)s' % M(), '%s %s' % T((1, 2)), '%d' % MyInt(5), '%s' % MyInt(6), '%x' % MyInt(255)
    if which == 4:
        return '%s' % MyStr('ab'), MyStr('%s!') % 'x', type(MyStr('%s') % 1).__name__, '%5s|' % F(), '%-7r|' % F()
    if which == 5:
        return '%x' % N()
    if which == 6:
        return '%d' % R()
    if which == 7:
        return '%d' % F()
    if which == 8:
        return '%f' % F()
    if which == 9:
        return '%s %s' % F()
    if which == 10:
        return '%(a)s' % F()
    return '%s' % (F(),), '%s%%' % F(), '' % M(), 'x' % M()


def builtin_classmethods():
    class D(dict):
        pass

    class E(dict):
        def __setitem__(self, k, v):
            super().__setitem__(k, v * 2)

    class I(int):
        pass

    class B(bytes):
        pass
    r = D.fromkeys('ab', 0)
    i = I.from_bytes(b'\x01\x02', 'big')
    b = B.fromhex('00ff')
    return (r, type(r).__name__, D(x=1).fromkeys('c'), type(D().fromkeys('c')).__name__, i, type(i).__name__, b,
            type(b).__name__, E.fromkeys('a', 1), dict.fromkeys('ab'), int.from_bytes(b'\x02', 'little'), bytes.fromhex('00ff'))


def callables():
    class C:
        def __call__(self):
            return 1

    class N:
        pass
    return callable(C()), callable(N()), callable(C), callable(N), callable(int), callable(len), callable(1), callable(type)


def ellipsis_builtin():
    return (Ellipsis is ..., repr(...), repr(Ellipsis), str(...), repr(type(...)), type(...).__name__, NotImplemented,
            repr(type(NotImplemented)), type(NotImplemented).__name__, [..., (...,)], bool(...) if False else 0, ... == Ellipsis)


def complex_subclass(which):
    class C(complex):
        def norm(self):
            return abs(self)

    if which == 0:
        x = C(3, 4)
        return (repr(x), x + 1, type(x + 1).__name__, x.real, x.imag, x.norm(), x == 3 + 4j, x.conjugate(), isinstance(x, complex),
                hash(x) == hash(3 + 4j), bool(C()), str(x), -x, x * 2, C('1+2j'), type(C(1)).__name__, f'{x}')
    if which == 1:
        class D(complex):
            def __new__(cls, r):
                return super().__new__(cls, r, r)
        return D(2), type(D(2)).__name__
    return C('nope')


def final_base(which):
    def gen():
        yield 1

    class K:
        def m(self):
            pass
    bases = [bool, type(None), range, slice, memoryview, type(...), type(NotImplemented), type(final_base),
             type(gen()), type({}.keys()), type({}.values()), type({}.items()), type(len), type(K().m),
             type(final_base.__code__), type(gen.__closure__[0]) if gen.__closure__ else type((lambda x: lambda: x)(1).__closure__[0]),
             type([].append)]
    b = bases[which]

    class S(b):
        pass
    return S


CASES = [
    (base_builtins, [(0,), (255,), (-255,), (2 ** 100,), (-(2 ** 100),), (True,), (False,), (1,), (-1,), (2 ** 63,)]),
    (base_builtins_index, [(42,), (-42,), (2 ** 80,), (True,)]),
    (base_builtin_error, [(i,) for i in range(10)]),
    (base_builtins_misc, [()]),
    (int_bits, [(5,), (-5,), (0,), (2 ** 100,), (-(2 ** 100),), (True,), (False,), (-1,), (2 ** 64 - 1,), (-(2 ** 63),)]),
    (int_bit_count, [(5,), (-5,), (0,), (2 ** 100 - 1,), (True,), (-(2 ** 70),)]),
    (int_is_integer, [(5,), (True,)]),
    (int_method_errors, [(i,) for i in range(5)]),
    (int_to_bytes, [(i,) for i in range(16)]),
    (int_from_bytes, [(i,) for i in range(9)]),
    (pct_int_limit, [(i,) for i in range(13)]),
    (format_int_limit, [(i,) for i in range(13)]),
    (pct_objects, [(i,) for i in range(12)]),
    (builtin_classmethods, [()]),
    (callables, [()]),
    (ellipsis_builtin, [()]),
    (complex_subclass, [(0,), (1,), (2,)]),
    (final_base, [(i,) for i in range(17)]),
]


def main():
    gen_cases.CASES[:] = CASES
    out = sys.argv[1]
    tmp = os.path.join(out, ".gaps_tmp")
    os.makedirs(tmp, exist_ok=True)
    sys.argv[1] = tmp
    gen_cases.main()
    ver = "%d.%d" % sys.version_info[:2]
    os.replace(os.path.join(tmp, "cases_py%s.json" % ver), os.path.join(out, "gaps_py%s.json" % ver))
    os.rmdir(tmp)


if __name__ == "__main__":
    main()
