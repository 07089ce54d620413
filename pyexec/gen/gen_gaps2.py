"""Golden cases for a second round of gaps closed in the evaluator:
str.translate and str.maketrans (every table form and error), bytes and
bytearray translate/maketrans, the float methods (hex, fromhex,
is_integer, as_integer_ratio, conjugate, real, imag) and dunder access on
built-in types and their instances (__class__, slot wrappers such as
int.__add__, bound dunders such as (1).__add__, __mro__).

Usage: python gen_gaps2.py OUTDIR

Writes OUTDIR/gaps2_py3.X.json in the format of gen_cases.py (run by
golden_gaps2_test.go).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_cases  # noqa: E402


def str_translate(which):
    s = 'abcabc\xe9\u20ac!'
    tables = [
        {97: 'x', 98: None, 99: 100},
        {97: 'XYZ', 0xe9: '', 0x20ac: 'E'},
        {ord('!'): ord('?')},
        {},
        ['-'] * 98,
        'ABCDEFGHIJKLMNOPQRSTUVWXYZ' * 4,
        {97: 0x10FFFF},
        {97: True},
    ]
    if which < len(tables):
        return s.translate(tables[which])
    which -= len(tables)
    if which == 0:
        return s.translate({97: 1.5})
    if which == 1:
        return s.translate({97: -1})
    if which == 2:
        return s.translate({97: 0x110000})
    if which == 3:
        return s.translate(None)
    if which == 4:
        return s.translate()
    if which == 5:
        return s.translate({}, {})
    if which == 6:
        return s.translate(table={})
    if which == 7:
        return s.translate(5)
    if which == 8:
        return s.translate({97: b'x'})
    if which == 9:
        class T:
            def __getitem__(self, k):
                if k == 98:
                    raise KeyError(k)
                if k == 99:
                    raise IndexError(k)
                if k == 33:
                    raise LookupError(k)
                return chr(k).upper()
        return s.translate(T())
    if which == 10:
        class T:
            def __getitem__(self, k):
                if k == 99:
                    raise ValueError('bad %d' % k)
                return None
        return s.translate(T())
    if which == 11:
        class T(dict):
            def __missing__(self, k):
                return '<%d>' % k
        return s.translate(T({97: 'a'}))
    if which == 12:
        return ''.translate({1: 2})
    if which == 13:
        return 'aaa'.translate(str.maketrans('a', 'b'))
    return None


def str_maketrans(which):
    if which == 0:
        return str.maketrans('abc', 'xyz')
    if which == 1:
        return str.maketrans('abc', 'xyz', 'de')
    if which == 2:
        return str.maketrans('', '', 'abc')
    if which == 3:
        return str.maketrans({'a': 1, 98: 'x', 'c': None, 'd': 'long'})
    if which == 4:
        return str.maketrans({})
    if which == 5:
        return str.maketrans('aa', 'xy')
    if which == 6:
        return str.maketrans('\u20ac\xe9', 'e\U0001F600')
    if which == 7:
        return str.maketrans('ab', 'c')
    if which == 8:
        return str.maketrans({'ab': 1})
    if which == 9:
        return str.maketrans({1.5: 1})
    if which == 10:
        return str.maketrans('ab')
    if which == 11:
        return str.maketrans(1, 2)
    if which == 12:
        return str.maketrans('a', 2)
    if which == 13:
        return str.maketrans('a', 'b', 3)
    if which == 14:
        return str.maketrans()
    if which == 15:
        return str.maketrans('a', 'b', 'c', 'd')
    if which == 16:
        return 'x'.maketrans('a', 'b')
    if which == 17:
        return str.maketrans({'': 1})
    if which == 18:
        return str.maketrans({True: 'a'})
    if which == 19:
        return str.maketrans([('a', 'b')])
    if which == 20:
        return str.maketrans(x='a')
    if which == 21:
        return str.maketrans({'a': 1}, 'b')
    if which == 22:
        return str.maketrans('a', 'b', None)
    return None


def bytes_translate(which):
    t = bytes.maketrans(b'abc', b'xyz')
    if which == 0:
        return t
    if which == 1:
        return b'aabbcc-d'.translate(t)
    if which == 2:
        return b'hello world'.translate(None, b'lo')
    if which == 3:
        return b'hello'.translate(t, b'h')
    if which == 4:
        return b'hello'.translate(t, delete=b'e')
    if which == 5:
        return b'hello'.translate(b'x' * 255)
    if which == 6:
        return bytes.maketrans(b'ab', b'c')
    if which == 7:
        return bytes.maketrans('a', 'b')
    if which == 8:
        return bytearray(b'abcabc').translate(t)
    if which == 9:
        return bytearray(b'abcabc').translate(None, b'b')
    if which == 10:
        return bytearray.maketrans(b'ab', b'AB')
    if which == 11:
        return bytes.maketrans(bytearray(b'ab'), memoryview(b'AB'))
    if which == 12:
        return b'abc'.translate(bytearray(t), bytearray(b'a'))
    if which == 13:
        return b'abc'.translate(memoryview(t))
    if which == 14:
        return b'abc'.translate('x' * 256)
    if which == 15:
        return b'abc'.translate(None, 'a')
    if which == 16:
        return b'abc'.translate()
    if which == 17:
        return bytes.maketrans(b'a')
    if which == 18:
        return b'abc'.translate(None)
    if which == 19:
        return bytearray(b'abc').translate(b'x' * 10)
    if which == 20:
        return b'abc'.translate(None, delete=None)
    if which == 21:
        return bytes.maketrans(1, 2)
    return None


def float_hex(x):
    return x.hex(), float.hex(x)


def float_hex_misc():
    return ((0.1).hex(), (-0.0).hex(), (5e-324).hex(), (2.2250738585072014e-308).hex(),
            (1.7976931348623157e+308).hex(), float('inf').hex(), float('-inf').hex(),
            float('nan').hex(), (1.0).hex(), (2.0).hex(), (-3.75).hex(), (1e-310).hex())


def float_fromhex(s):
    return float.fromhex(s)


def float_fromhex_misc(which):
    if which == 0:
        class F(float):
            pass
        v = F.fromhex('0x1.8p1')
        return type(v).__name__, v
    if which == 1:
        return float.fromhex(1)
    if which == 2:
        return float.fromhex()
    if which == 3:
        return (1.5).fromhex('0x2p0')
    if which == 4:
        return [float.fromhex(x.hex()) == x for x in (0.1, 1e300, 5e-324, -2.5, 1e-310)]
    if which == 5:
        return float.fromhex(b'0x1p0')
    return None


def float_methods(x):
    return x.is_integer(), x.conjugate(), x.real, x.imag, type(x.conjugate()).__name__


def float_ratio(x):
    return x.as_integer_ratio()


def float_methods_misc(which):
    class F(float):
        pass
    if which == 0:
        f = F(2.5)
        return f.as_integer_ratio(), f.is_integer(), type(f.conjugate()).__name__, type(f.real).__name__, f.hex()
    if which == 1:
        return (1.5).is_integer(1)
    if which == 2:
        return (1.5).as_integer_ratio(2)
    if which == 3:
        return float.is_integer(1)
    if which == 4:
        return float.as_integer_ratio(3.0), float.conjugate(2.5), float.hex(0.5)
    if which == 5:
        return (1.5).real.imag, (2.5).imag.real
    if which == 6:
        return hasattr(float, 'real'), hasattr(float, 'imag'), hasattr(float, 'nope')
    return None


def dunder_class():
    return (True.__class__, (1).__class__, (1.5).__class__, 'a'.__class__, [].__class__, ().__class__,
            {}.__class__, None.__class__, (2 ** 100).__class__, b''.__class__, type.__class__,
            (1j).__class__, set().__class__, frozenset().__class__, range(3).__class__, slice(1).__class__,
            bytearray().__class__)


def dunder_hasattr():
    return (hasattr(int, '__add__'), hasattr(1, '__add__'), hasattr('a', '__len__'), hasattr([], '__len__'),
            hasattr(1, '__len__'), hasattr(str, '__mro__'), hasattr(1, '__mro__'), hasattr(1, '__class__'),
            hasattr(int, '__nope__'), hasattr(1.5, '__round__'), hasattr('a', '__add__'), hasattr([], '__len__'))


def dunder_calls(which):
    calls = [
        lambda: int.__add__(1, 2),
        lambda: (1).__add__(2),
        lambda: (1).__add__('a'),
        lambda: 'a'.__len__(),
        lambda: [1, 2].__len__(),
        lambda: str.__mro__,
        lambda: bool.__mro__,
        lambda: int.__mro__,
        lambda: 'ab'.__add__('c'),
        lambda: (1).__eq__(1),
        lambda: (1).__lt__(2),
        lambda: str.__len__('abc'),
        lambda: list.__len__([1]),
        lambda: (5).__neg__(),
        lambda: (1.5).__mul__(2),
        lambda: (1.5).__mul__('a'),
        lambda: (7).__divmod__(2),
        lambda: (2).__pow__(10),
        lambda: (1).__radd__(2),
        lambda: (7).__rsub__(2),
        lambda: (7).__floordiv__(0),
        lambda: (0).__bool__(),
        lambda: (3).__index__(),
        lambda: (3.7).__int__(),
        lambda: (3).__float__(),
        lambda: 'abc'.__getitem__(1),
        lambda: [1, 2].__getitem__(-1),
        lambda: {1: 2}.__getitem__(1),
        lambda: 'ab'.__contains__('a'),
        lambda: 'a'.__mul__(3),
        lambda: [1].__mul__(2),
        lambda: (1, 2).__len__(),
        lambda: 'a'.__lt__('b'),
        lambda: int.__add__(True, 1),
        lambda: int.__add__(1),
        lambda: getattr(1, '__add__')(2),
        lambda: True.__add__(True),
        lambda: (1).__hash__(),
        lambda: (-1).__hash__(),
        lambda: (1).__abs__(),
        lambda: (-2.5).__abs__(),
        lambda: (1).__ne__(2),
        lambda: (2 ** 70).__add__(1),
        lambda: (1).__sub__(2 ** 70),
        lambda: (5).__truediv__(2),
        lambda: (5).__mod__(3),
        lambda: (5).__lshift__(2),
        lambda: (5).__invert__(),
        lambda: (5).__repr__(),
        lambda: 'x'.__repr__(),
        lambda: (5).__str__(),
        lambda: (5).__format__('03d'),
        lambda: (5.5).__round__(),
        lambda: (5).__round__(-1),
        lambda: (1.5).__add__(1),
        lambda: (1.5).__radd__(1),
        lambda: (1.5).__truediv__(0),
        lambda: (1.5).__eq__(1.5),
        lambda: (1.5).__lt__('a'),
        lambda: 'a'.__ne__('b'),
        lambda: 'a'.__ge__(1),
        lambda: [3, 4].__contains__(4),
        lambda: (3, 4).__getitem__(0),
        lambda: (3, 4).__add__((5,)),
        lambda: [3].__add__([4]),
        lambda: {1}.__len__(),
        lambda: {1: 2}.__len__(),
        lambda: {1: 2}.__contains__(1),
        lambda: b'ab'.__len__(),
        lambda: b'ab'.__add__(b'c'),
        lambda: b'ab'.__getitem__(0),
        lambda: (1).__pos__(),
        lambda: (1).__int__(),
        lambda: (1).__trunc__(),
        lambda: (1).__ceil__(),
        lambda: (2.5).__floor__(),
        lambda: (2.5).__trunc__(),
        lambda: 'ab'.__rmul__(2),
        lambda: (1).__and__(3),
        lambda: (6).__or__(1),
        lambda: (6).__xor__(3),
        lambda: (6).__rshift__(1),
        lambda: 'ab%s'.__mod__(1),
        lambda: 'ab'.__rmod__(1),
    ]
    return calls[which]()


def dunder_reprs():
    return repr(str.join), repr(list.append), repr(dict.get), repr(int.bit_length)


def dunder_types():
    return (type((1).__add__).__name__, type([].append).__name__,
            type(str.join).__name__, type('a'.join).__name__,
            type('a'.__len__).__name__, int.__add__.__name__, int.__add__.__qualname__,
            int.__add__.__objclass__, (1).__add__.__self__, (1).__add__.__name__,
            str.join.__name__, str.join.__qualname__, callable(int.__add__), callable((1).__add__),
            'a'.__len__.__self__, str.__len__.__objclass__)


def dunder_misc(which):
    if which == 0:
        return [x.__class__.__name__ for x in (1, 1.5, 'a', b'a', None, True, [], (), {}, set())]
    if which == 1:
        return type(True).__mro__, type(1).__mro__, object.__mro__
    if which == 2:
        return str.__bases__, bool.__bases__, bool.__base__, int.__base__
    if which == 3:
        return int.__name__, str.__qualname__, int.__module__
    if which == 4:
        f = int.__add__
        return f(3, 4), f(True, True), list(map(int.__mul__, [1, 2], [3, 4]))
    if which == 5:
        return sorted([3, 1, 2], key=int.__neg__), sorted(['b', 'A', 'c'], key=str.lower)
    if which == 6:
        return (1).__class__(5), 'a'.__class__(12), [].__class__('ab')
    if which == 7:
        return (1).__neg__(), (-2.5).__neg__(), (3).__invert__(), (2 ** 70).__abs__()
    if which == 8:
        return (1).__nope__
    if which == 9:
        return int.__nope__
    if which == 10:
        return 'a'.__len__(1)
    if which == 11:
        return (1).__add__()
    if which == 12:
        return (1).__add__(1, 2)
    if which == 13:
        return [f(2) for f in ((1).__add__, (1).__mul__, (1).__sub__, (1).__rsub__)]
    if which == 14:
        return int.__add__ is int.__add__, (1).__add__ == (1).__add__, int.__add__ == int.__add__
    if which == 15:
        return isinstance(1, (1).__class__), issubclass(True.__class__, int)
    if which == 16:
        return NotImplemented.__class__.__name__, (...).__class__.__name__
    return None


def charged_format(n, w, which):
    # pyexec's limits_fmt_test.go runs this with a huge n (a small step
    # budget must stop the loop in its first iterations: the bytes built
    # are charged) and with a huge w (MemoryError before allocating).
    total = 0
    for i in range(n):
        if which == 0:
            s = format('x', '>%d' % w)
        elif which == 1:
            s = f'{i:{w}}'
        elif which == 2:
            s = '%*d' % (w, i)
        elif which == 3:
            s = '%.*f' % (w, 1.5)
        elif which == 4:
            s = format(1.5, '^%d.3f' % w)
        else:
            s = 'x'.rjust(w) + 'y'.center(w, '*') + 'z'.zfill(w)
        total += len(s)
    return total


def code_repr():
    def inner():
        pass
    r = repr(inner.__code__)
    # The address differs from run to run; the rest is CPython's.
    return r[:r.index(' at 0x')], r[r.index(', file'):].replace(inner.__code__.co_filename, 'FILE')


def code_attrs():
    k = 5

    def inner(a, b=1, /, c=2, *args, d, **kw):
        x = a + k
        return len(x.y)
    co = inner.__code__
    r = (co.co_name, co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount, co.co_nlocals, co.co_varnames,
         co.co_freevars, co.co_cellvars, co.co_names, co.co_flags, co.co_stacksize, co.co_firstlineno,
         co.co_code == inner.__code__.co_code, type(co.co_code).__name__, tuple(type(c).__name__ for c in co.co_consts))
    if hasattr(co, 'co_qualname'):
        r += (co.co_qualname,)
    return r


def slot_notimpl(which):
    # Operator slots called directly: NotImplemented for foreign operands of
    # numeric types, the operation's TypeError for a sequence's forward slot.
    class I(int):
        pass

    class L(list):
        def __add__(self, other):
            return super().__add__(other)
    cases = [
        lambda: ((1).__add__(1.5), (1).__eq__('a'), (1).__ge__(1.0), (1).__rmul__('ab'), (1).__mul__([1])),
        lambda: ((1.5).__add__(1), (1.5).__eq__(1), (1.5).__lt__('a'), (2).__add__(True), True.__add__(1)),
        lambda: 'ab'.__add__(1),
        lambda: (3, 4).__add__([5]),
        lambda: [3].__add__((4,)),
        lambda: ('ab'.__rmod__(5), [1].__rmul__(2), 'ab'.__mul__(2), 'ab'.__eq__(1), (1,).__lt__([2])),
        lambda: (I(1) == 1.0, I(2) + 1.5, 1.5 + I(2), I(3) * 'ab', type(I(1) + 1).__name__),
        lambda: L([1]) + (2,),
        lambda: 'ab'.__mul__(1.5),
        lambda: ((2).__pow__(-1, 5), (2).__pow__(3, None), (2).__rpow__(3, 5), (2).__pow__(10), (2.0).__pow__(2), (2).__pow__(2.0)),
        lambda: (2).__pow__(3, 0),
        lambda: (2).__pow__(1, 2, 3),
    ]
    return cases[which]()


CASES = [
    (str_translate, [(i,) for i in range(22)]),
    (str_maketrans, [(i,) for i in range(23)]),
    (bytes_translate, [(i,) for i in range(22)]),
    (float_hex, [(0.0,), (1.0,), (0.5,), (3.14159,), (-1e-5,), (1e300,), (123456789.0,), (2.0 ** -1074,), (-2.0 ** 1023,)]),
    (float_hex_misc, [()]),
    (float_fromhex, [('0x1.8p1',), (' 0x1p-1074 ',), ('inf',), ('-Infinity',), ('nan',), ('1',), ('0x.8',),
                     ('-0x0p0',), ('0X1.FFFFFFFFFFFFFp1023',), ('0x1p1024',), ('0x1p-1080',), ('0x1.0000000000001p0',),
                     ('0x1.00000000000008p0',), ('0x1.00000000000018p0',), ('1.',), ('0x',), ('',), ('x1',),
                     ('0x1p',), ('0x1g',), ('0x1.8p1 x',), ('0x1P+4',), ('0x1p-4',), ('+0xa',), ('\t0x10\n',),
                     ('0x0.0000000000001p-1022',), ('0x0.00000000000008p-1022',), ('1p1',), ('-nan',), ('+inf',),
                     ('iNfInItY',), ('infinit',), ('0x1_0',), ('0x' + '0' * 50 + '1p0',), ('0x1' + '0' * 40 + 'p-160',),
                     ('0x1p99999999999999999999',), ('0x1p-99999999999999999999',), ('0x.p1',), ('.',)]),
    (float_fromhex_misc, [(i,) for i in range(6)]),
    (float_methods, [(0.0,), (1.0,), (-2.5,), (1e300,), (float('inf'),), (float('nan'),), (-0.0,), (2.0 ** 60,)]),
    (float_ratio, [(0.0,), (0.1,), (-0.5,), (1.0,), (1e300,), (5e-324,), (-3.75,), (2.0 ** 60,), (float('inf'),),
                   (float('-inf'),), (float('nan'),), (-0.0,)]),
    (float_methods_misc, [(i,) for i in range(7)]),
    (dunder_class, [()]),
    (dunder_hasattr, [()]),
    (dunder_calls, [(i,) for i in range(84)]),
    (dunder_reprs, [()]),
    (dunder_types, [()]),
    (dunder_misc, [(i,) for i in range(17)]),
    (charged_format, [(3, 5, i) for i in range(6)] + [(2, 0, i) for i in range(6)]),
    (code_repr, [()]),
    (code_attrs, [()]),
    (slot_notimpl, [(i,) for i in range(12)]),
]


def main():
    gen_cases.CASES[:] = CASES
    out = sys.argv[1]
    tmp = os.path.join(out, ".gaps2_tmp")
    os.makedirs(tmp, exist_ok=True)
    sys.argv[1] = tmp
    gen_cases.main()
    ver = "%d.%d" % sys.version_info[:2]
    os.replace(os.path.join(tmp, "cases_py%s.json" % ver), os.path.join(out, "gaps2_py%s.json" % ver))
    os.rmdir(tmp)


if __name__ == "__main__":
    main()
