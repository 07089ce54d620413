"""Generate pyexec golden cases for the object model (user classes).

Usage: python gen_classes.py OUTDIR

Writes OUTDIR/classes_py3.X.json in the format of gen_cases.py. Each run also
records "exc_line" (the last line CPython's traceback prints, with the
qualified type name) and "tb_text": the traceback CPython prints (chained
exceptions included) without source lines and without the harness frame.
Instance reprs with addresses are never compared: cases return data.
"""

import io
import contextlib
import os
import sys
import traceback

# codedump (shared with gen_cases.py and pyexec/stdlib/gen) encodes the cases.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from codedump import enc, function_case, version, write_doc  # noqa: E402

# ---------------------------------------------------------------------------
# Cases: functions defining their classes locally.


def cls_basic(x):
    class C:
        """Doc."""
        k = 10

        def __init__(self, v):
            self.v = v

        def get(self):
            return self.v + self.k

    c = C(x)
    return (c.get(), c.v, C.k, c.k, C.__name__, C.__qualname__, C.__module__, C.__doc__,
            type(c) is C, isinstance(c, C), isinstance(c, object), sorted(vars(c).items()))


def cls_attr_errors(which):
    class C:
        def __init__(self, y):
            self.y = y
    c = C(1)
    if which == 0:
        return c.x
    if which == 1:
        return C()
    if which == 2:
        return C(1, 2)
    if which == 3:
        return C.nope
    if which == 4:
        del c.zz
    if which == 5:
        return c()
    return c + 1


def cls_inherit(x):
    class A:
        def f(self):
            return 'A.f'

        def g(self):
            return 'A.g'

    class B(A):
        def f(self):
            return 'B.f+' + super().f()

    class C(A):
        def f(self):
            return 'C.f+' + super().f()

        def g(self):
            return 'C.g'

    class D(B, C):
        def f(self):
            return 'D.f+' + super().f()

    d = D()
    return (d.f(), d.g(), [k.__name__ for k in D.__mro__], issubclass(D, A), issubclass(A, D),
            isinstance(d, C), D.__bases__ == (B, C), D.__base__ is B, super(B, d).f())


def cls_mro_conflict(x):
    class A:
        pass

    class B(A):
        pass
    try:
        class C(A, B):
            pass
    except TypeError as e:
        return str(e)


def cls_property(v):
    class C:
        def __init__(self):
            self._x = 0

        @property
        def x(self):
            return self._x

        @x.setter
        def x(self, val):
            if val < 0:
                raise ValueError('negative')
            self._x = val

        @x.deleter
        def x(self):
            self._x = None

        ro = property(lambda self: 'ro')
    c = C()
    c.x = v
    out = [c.x]
    del c.x
    out.append(c._x)
    try:
        c.ro = 1
    except AttributeError as e:
        out.append(str(e))
    try:
        del c.ro
    except AttributeError as e:
        out.append(str(e))
    out.append(isinstance(C.x, property))
    return out


def cls_static_class_methods(n):
    class C:
        count = 0

        @staticmethod
        def s(a, b):
            return a + b

        @classmethod
        def make(cls, k):
            cls.count += k
            return cls.__name__, cls.count

    class D(C):
        pass
    return (C.s(n, 1), C().s(1, 2), C.make(n), D.make(1), C.count, D.count, C().make(0))


def cls_descriptor(x):
    class Typed:
        def __set_name__(self, owner, name):
            self.name = '_' + name

        def __get__(self, obj, objtype=None):
            if obj is None:
                return 'class-access'
            return getattr(obj, self.name, 'unset')

        def __set__(self, obj, value):
            if not isinstance(value, int):
                raise TypeError('want int for ' + self.name)
            setattr(obj, self.name, value)

    class NonData:
        def __get__(self, obj, objtype=None):
            return 'nondata'

    class C:
        a = Typed()
        b = NonData()
    c = C()
    out = [C.a, c.a]
    c.a = x
    out.append(c.a)
    out.append(c.b)
    c.b = 'shadow'
    out.append(c.b)
    try:
        c.a = 'str'
    except TypeError as e:
        out.append(str(e))
    return out


def cls_getattr_hooks(x):
    class Proxy:
        def __init__(self, target):
            object.__setattr__(self, 'target', target)
            object.__setattr__(self, 'log', [])

        def __getattr__(self, name):
            self.log.append('get ' + name)
            return getattr(self.target, name)

        def __setattr__(self, name, value):
            self.log.append('set ' + name)
            object.__setattr__(self, name, value)

        def __delattr__(self, name):
            self.log.append('del ' + name)
            object.__delattr__(self, name)

    class Loud:
        def __getattribute__(self, name):
            if name == 'secret':
                return 42
            return object.__getattribute__(self, name)
    p = Proxy([x])
    n = p.count(x)
    p.extra = 5
    del p.extra
    lo = Loud()
    lo.y = 1
    return (n, p.log, lo.secret, lo.y, hasattr(lo, 'nope'), getattr(lo, 'nope', 'dflt'))


def cls_setattr_builtins(x):
    class C:
        pass
    c = C()
    setattr(c, 'a', x)
    setattr(C, 'b', 2)
    out = [getattr(c, 'a'), c.b, hasattr(c, 'b'), hasattr(c, 'zz')]
    delattr(c, 'a')
    out.append(hasattr(c, 'a'))
    out.append(sorted(vars(c)))
    out.append('b' in vars(C))
    out.append([n for n in dir(c) if not n.startswith('__')])
    out.append(callable(c))
    out.append(callable(C))
    out.append(type(c).__name__)
    return out


def cls_slots(x):
    class P:
        __slots__ = ('x', 'y')

        def __init__(self, x):
            self.x = x

    class Q(P):
        __slots__ = ('z',)
    p = P(x)
    out = [p.x]
    try:
        p.y
    except AttributeError as e:
        out.append(str(e))
    try:
        p.w = 1
    except AttributeError as e:
        out.append(str(e))
    out.append(hasattr(p, '__dict__'))
    q = Q(1)
    q.z = 3
    out.append((q.x, q.z))
    out.append(type(P.x).__name__)
    return out


def cls_dunder_repr(x):
    class V:
        def __init__(self, a):
            self.a = a

        def __repr__(self):
            return 'V(%r)' % (self.a,)

    class S(V):
        def __str__(self):
            return 'S<%s>' % self.a

    class F:
        def __format__(self, spec):
            return 'F[' + spec + ']'
    return (repr(V(x)), str(V(x)), str(S(x)), repr(S(x)), [V(1), V('a')], '%s|%r' % (S(2), S(3)),
            f'{V(x)!r} {S(x)} {F():>5}', format(F(), 'abc'))


def cls_dunder_cmp(a, b):
    class N:
        def __init__(self, v):
            self.v = v

        def __eq__(self, o):
            return isinstance(o, N) and self.v == o.v

        def __lt__(self, o):
            if not isinstance(o, N):
                return NotImplemented
            return self.v < o.v

        def __repr__(self):
            return 'N%d' % self.v
    x, y = N(a), N(b)
    out = [x == y, x != y, x < y, x > y, x == a, sorted([N(3), N(1), N(2)]), max(N(1), N(5)), N(1) in [N(0), N(1)]]
    try:
        hash(x)
    except TypeError as e:
        out.append(str(e))
    try:
        x <= y
    except TypeError as e:
        out.append(str(e))
    return out


def cls_cmp_errors(x):
    class C:
        pass
    c = C()
    out = [c == c, c != C(), c == 1]
    try:
        c < C()
    except TypeError as e:
        out.append(str(e))
    try:
        c >= 1
    except TypeError as e:
        out.append(str(e))
    return out


def cls_reflected(x):
    class Base:
        def __init__(self, v):
            self.v = v

        def __add__(self, o):
            if isinstance(o, (int, Base)):
                return type(self).__name__ + '+'
            return NotImplemented

        def __radd__(self, o):
            return 'r' + type(self).__name__

        def __eq__(self, o):
            return 'Base.eq'

    class Sub(Base):
        def __radd__(self, o):
            return 'Sub.radd'

        def __eq__(self, o):
            return 'Sub.eq'
    b, s = Base(1), Sub(2)
    return (b + 1, 1 + b, b + s, s + b, b == s, s == b, b == 1, 1 == b, 'x' + b)


def cls_arith(x):
    class V:
        def __init__(self, *c):
            self.c = c

        def __add__(self, o):
            return V(*[a + b for a, b in zip(self.c, o.c)])

        def __sub__(self, o):
            return V(*[a - b for a, b in zip(self.c, o.c)])

        def __mul__(self, k):
            return V(*[a * k for a in self.c])

        __rmul__ = __mul__

        def __truediv__(self, k):
            return V(*[a / k for a in self.c])

        def __floordiv__(self, k):
            return V(*[a // k for a in self.c])

        def __mod__(self, k):
            return V(*[a % k for a in self.c])

        def __pow__(self, k):
            return V(*[a ** k for a in self.c])

        def __matmul__(self, o):
            return sum(a * b for a, b in zip(self.c, o.c))

        def __and__(self, o):
            return 'and'

        def __or__(self, o):
            return 'or'

        def __xor__(self, o):
            return 'xor'

        def __lshift__(self, o):
            return 'lshift'

        def __rshift__(self, o):
            return 'rshift'

        def __neg__(self):
            return V(*[-a for a in self.c])

        def __pos__(self):
            return 'pos'

        def __invert__(self):
            return 'inv'

        def __abs__(self):
            return sum(abs(a) for a in self.c)

        def __iadd__(self, o):
            self.c = tuple(a + b for a, b in zip(self.c, o.c))
            return self

        def __repr__(self):
            return 'V%r' % (self.c,)
    v, w = V(x, 2), V(3, 4)
    r = [v + w, v - w, v * 2, 3 * v, v / 2, v // 2, v % 2, v ** 2, v @ w, v & w, v | w, v ^ w, v << w, v >> w,
         -v, +v, ~v, abs(V(-3, 4))]
    u = v
    u += w
    r.append((u is v, v))
    u -= w
    r.append((u is v, u, v))
    return r


def cls_arith_errors(which):
    class C:
        pass
    c = C()
    ops = [lambda: c + 1, lambda: 1 + c, lambda: c * c, lambda: -c, lambda: ~c, lambda: abs(c),
           lambda: c ** 2, lambda: c @ c, lambda: c - 'a']
    if which == 9:
        c += 1
        return c
    return ops[which]()


def cls_bool_len(x):
    class L:
        def __init__(self, n):
            self.n = n

        def __len__(self):
            return self.n

    class B:
        def __bool__(self):
            return x > 0

    class Plain:
        pass
    out = [len(L(x)), bool(L(x)), bool(B()), bool(Plain()), 'y' if L(x) else 'n', not B()]
    try:
        len(L(-1))
    except ValueError as e:
        out.append(str(e))
    try:
        len(Plain())
    except TypeError as e:
        out.append(str(e))
    return out


def cls_bool_errors(which):
    class B:
        def __bool__(self):
            return 1

    class L:
        def __len__(self):
            return 'x'
    if which == 0:
        return bool(B())
    if which == 1:
        return len(L())
    return bool(L())


def cls_container(n):
    class Seq:
        def __init__(self, n):
            self.d = {}
            self.n = n

        def __getitem__(self, i):
            if i >= self.n:
                raise IndexError(i)
            return self.d.get(i, i * i)

        def __setitem__(self, i, v):
            self.d[i] = v

        def __delitem__(self, i):
            del self.d[i]

        def __len__(self):
            return self.n

    class Bag:
        def __contains__(self, x):
            return x == 'in'
    s = Seq(n)
    s[1] = 'one'
    out = [s[0], s[1], list(s), 4 in s, len(s)]
    del s[1]
    out.append(s[1])
    out.append(('in' in Bag(), 'out' in Bag(), 'out' not in Bag()))
    a, *rest = s
    out.append((a, rest))
    return out


def cls_container_errors(which):
    class C:
        pass
    c = C()
    if which == 0:
        return c[0]
    if which == 1:
        c[0] = 1
    if which == 2:
        del c[0]
    if which == 3:
        return 1 in c
    if which == 4:
        return iter(c)
    return next(c)


def cls_iter(n):
    class Count:
        def __init__(self, n):
            self.i, self.n = 0, n

        def __iter__(self):
            return self

        def __next__(self):
            if self.i >= self.n:
                raise StopIteration
            self.i += 1
            return self.i

    class Gen:
        def __iter__(self):
            yield 'a'
            yield 'b'

    class Bad:
        def __iter__(self):
            return 1
    out = [list(Count(n)), sum(Count(n)), [x for x in Gen()], next(iter(Count(2))), dict(zip(Gen(), Count(5)))]
    try:
        iter(Bad())
    except TypeError as e:
        out.append(str(e))
    c = Count(1)
    out.append(next(c))
    out.append(next(c, 'done'))
    return out


def cls_call(x):
    class Adder:
        def __init__(self, k):
            self.k = k

        def __call__(self, v, *, scale=1):
            return (v + self.k) * scale
    a = Adder(x)
    return (a(1), a(2, scale=3), list(map(a, [1, 2])), callable(a))


def cls_hash(x):
    class K:
        def __init__(self, v):
            self.v = v

        def __hash__(self):
            return hash(self.v)

        def __eq__(self, o):
            return self.v == o.v

    class P:
        pass
    d = {K(x): 'a', K(2): 'b'}
    p = P()
    s = {p, p}
    return (d[K(x)], len(d), hash(K(5)) == hash(5), len(s), hash(p) == hash(p), K(1) in {K(1)})


def cls_init_return(x):
    class D:
        def __init__(self):
            return x
    D()
    return 'ok' 


def cls_new(x):
    class Singleton:
        _inst = None

        def __new__(cls, *args):
            if cls._inst is None:
                cls._inst = super().__new__(cls)
                cls._inst.created = args
            return cls._inst

        def __init__(self, *args):
            self.last = args

    class Other:
        def __new__(cls, v):
            return v * 2

        def __init__(self, v):
            raise RuntimeError('not called')
    a, b = Singleton(x), Singleton(2)
    return (a is b, a.created, a.last, Other(x))


def cls_new_errors(which):
    class A:
        pass

    class B:
        def __new__(cls, v):
            return object.__new__(cls, v)

    class C:
        def __init__(self):
            super().__init__(1)
    if which == 0:
        return A(1)
    if which == 1:
        return B(1)
    if which == 2:
        return C()
    return object.__init__(A(), 1)


def cls_builtin_subclass(x):
    class MyInt(int):
        def double(self):
            return self * 2

    class MyStr(str):
        def shout(self):
            return self.upper() + '!'

    class MyList(list):
        def total(self):
            return sum(self)

    class MyDict(dict):
        def __missing__(self, k):
            return k * 2

    class Pt(tuple):
        def __new__(cls, a, b):
            return super().__new__(cls, (a, b))

        @property
        def a(self):
            return self[0]
    i = MyInt(x)
    s = MyStr('hi')
    lst = MyList([1, 2])
    lst.append(x)
    d = MyDict(a=1)
    p = Pt(3, 4)
    return (i + 1, i.double(), isinstance(i, int), repr(i), s.shout(), s + '?', len(s), lst.total(), lst, len(lst),
            lst[0], d['a'], d[3], 'a' in d, p, p.a, p[1], len(p), type(i).__name__, MyInt(7) == 7, hash(MyInt(3)) == hash(3),
            sorted([MyInt(3), MyInt(1)]), f'{MyInt(5):03d}', int(MyInt(4)), str(MyStr('q')))


def cls_metaclass(x):
    class Meta(type):
        def __new__(mcs, name, bases, ns, **kw):
            ns['tag'] = kw.get('tag', 'none')
            cls = super().__new__(mcs, name, bases, ns)
            return cls

        def __call__(cls, *args):
            obj = super().__call__(*args)
            obj.via_meta = True
            return obj

        def describe(cls):
            return 'class ' + cls.__name__

    class A(metaclass=Meta, tag='t1'):
        def __init__(self, v):
            self.v = v

    class B(A):
        pass
    a = A(x)
    return (a.v, a.via_meta, A.tag, B.tag, A.describe(), type(A) is Meta, type(B).__name__, isinstance(A, Meta))


def cls_init_subclass(x):
    registry = []

    class Plugin:
        def __init_subclass__(cls, name=None, **kw):
            super().__init_subclass__(**kw)
            registry.append((cls.__name__, name))

    class P1(Plugin, name='one'):
        pass

    class P2(P1):
        pass
    try:
        class P3(Plugin, bogus=1):
            pass
    except TypeError as e:
        registry.append(str(e))
    return registry


def cls_type3(x):
    def meth(self):
        return self.v * 2
    C = type('Dyn', (object,), {'v': x, 'meth': meth})
    D = type('Dyn2', (C,), {})
    return (C().meth(), D().meth(), C.__name__, D.__mro__[1] is C, type(C).__name__)


def cls_class_body(x):
    y = x * 2

    class C:
        a = x
        b = a + 1
        c = [x + i for i in range(3)]
        d: int = 5
        if a > 0:
            pos = True
        else:
            pos = False

        def f(self):
            return y

        def g(self):
            return __class__.__name__
    return (C.a, C.b, C.c, C.d, C.__annotations__, C.pos, C().f(), C().g())


def cls_class_cell(x):
    class A:
        def who(self):
            return __class__

    class B(A):
        def who(self):
            return 'B'

        def sup(self):
            return super().who()
    return (A().who() is A, B().sup() is A, B().who())


def cls_super_forms(x):
    class A:
        def __init__(self):
            self.trail = ['A']

        @classmethod
        def cm(cls):
            return 'A.cm:' + cls.__name__

        def m(self):
            return 'A.m'

    class B(A):
        def __init__(self):
            super().__init__()
            self.trail.append('B')

        @classmethod
        def cm(cls):
            return 'B>' + super().cm()

        def m(self):
            return 'B>' + super(B, self).m()
    b = B()
    return (b.trail, B.cm(), b.m(), super(B, b).m(), super(B, B).cm())


def cls_bound_methods(x):
    class C:
        def f(self, a):
            return (self.v, a)

        def __init__(self):
            self.v = x
    c = C()
    m = c.f
    return (m(1), m.__self__ is c, m.__func__ is C.f, C.f(c, 2), m.__name__, m == c.f)


def cls_instancecheck(x):
    class Meta(type):
        def __instancecheck__(cls, inst):
            return inst == 'magic'

        def __subclasscheck__(cls, sub):
            return sub is int

    class M(metaclass=Meta):
        pass
    return (isinstance('magic', M), isinstance('x', M), isinstance(M(), M), issubclass(int, M), issubclass(str, M),
            isinstance(x, (str, int)), issubclass(bool, int))


def cls_with(x):
    log = []

    class CM:
        def __init__(self, name, suppress=False):
            self.name, self.suppress = name, suppress

        def __enter__(self):
            log.append('enter ' + self.name)
            return self.name.upper()

        def __exit__(self, et, ev, tb):
            log.append('exit %s %s %s' % (self.name, et.__name__ if et else None, ev))
            return self.suppress
    with CM('a') as v:
        log.append(v)
    with CM('b', True):
        raise ValueError('boom')
    try:
        with CM('c'):
            1 / 0
    except ZeroDivisionError as e:
        log.append('caught ' + str(e))
    with CM('d') as d1, CM('e') as e1:
        log.append(d1 + e1)
    return log


def cls_with_errors(which):
    class NoExit:
        def __enter__(self):
            return self

    class Plain:
        pass
    if which == 0:
        with Plain():
            pass
    with NoExit():
        pass


def exc_custom(x):
    class AppError(Exception):
        def __init__(self, msg, code):
            super().__init__(msg)
            self.code = code

    class NotFound(AppError):
        def __str__(self):
            return 'not found: ' + self.args[0]
    out = []
    try:
        raise NotFound('key', 404)
    except AppError as e:
        out.append((type(e).__name__, e.code, e.args, str(e), repr(e), isinstance(e, Exception)))
    try:
        raise AppError('bad', x)
    except Exception as e:
        out.append((str(e), e.code))
    e = AppError('m', 1)
    out.append(e.with_traceback(None) is e)
    return out


def exc_raise_custom(x):
    class MyError(Exception):
        pass
    raise MyError('x', x)


def exc_raise_str(x):
    class Fancy(ValueError):
        def __str__(self):
            return 'fancy %d' % self.args[0]
    raise Fancy(x)


def exc_chain_context(x):
    class E(Exception):
        pass
    try:
        1 / x
    except ZeroDivisionError:
        raise E('during')


def exc_chain_cause(x):
    class Wrapped(RuntimeError):
        pass
    try:
        {}['k']
    except KeyError as e:
        raise Wrapped('wrapped') from e


def exc_chain_none(x):
    try:
        [][x]
    except IndexError:
        raise ValueError('clean') from None


def exc_chain_attrs(x):
    try:
        try:
            1 / 0
        except ZeroDivisionError as e:
            raise ValueError('v') from e
    except ValueError as v:
        a = (type(v.__cause__).__name__, type(v.__context__).__name__, v.__suppress_context__)
    try:
        try:
            1 / 0
        except ZeroDivisionError:
            raise KeyError('k') from None
    except KeyError as k:
        b = (k.__cause__, type(k.__context__).__name__, k.__suppress_context__)
    try:
        try:
            raise TypeError('t')
        except TypeError:
            raise IndexError('i')
    except IndexError as i:
        c = (i.__cause__, type(i.__context__).__name__, i.__suppress_context__)
    return (a, b, c)


def exc_chain_nested(x):
    def inner():
        try:
            raise KeyError('a')
        except KeyError as e:
            raise ValueError('b') from e
    try:
        inner()
    except ValueError:
        raise RuntimeError('c')


def exc_custom_attrs(x):
    class E(Exception):
        pass
    e = E(1, 2)
    e.extra = x
    return (e.args, e.extra, str(e), repr(e), repr(E()), str(E('only')))


def notimpl_singleton(x):
    class C:
        def __eq__(self, o):
            return NotImplemented
    c = C()
    return (repr(NotImplemented), c == c, c == C(), c != C(), type(NotImplemented).__name__)


def cls_class_attrs_mutation(x):
    class C:
        pass

    def add(self, o):
        return 'added'
    C.__add__ = add
    c = C()
    r = [c + 1]
    C.__repr__ = lambda self: 'patched'
    r.append(repr(c))
    del C.__add__
    try:
        c + 1
    except TypeError as e:
        r.append(str(e))
    C.__name__ = 'Renamed'
    r.append(repr(C))
    return r


def cls_repr_class(x):
    class Outer:
        class Inner:
            pass
    return (repr(Outer), repr(Outer.Inner), Outer.Inner.__qualname__, str(Outer).startswith('<class'))


def cls_eq_ne_default(x):
    class E:
        def __init__(self, v):
            self.v = v

        def __eq__(self, o):
            return self.v == o.v
    return (E(1) != E(1), E(1) != E(2), E(x) == E(x), E.__hash__ is None)


def cls_method_traceback(x):
    class Account:
        def __init__(self, balance):
            self.balance = balance

        def withdraw(self, amount):
            if amount > self.balance:
                raise self.Insufficient(amount - self.balance)
            self.balance -= amount
            return self.balance

        class Insufficient(Exception):
            pass
    a = Account(10)
    return a.withdraw(x)


def cls_exit_raises(x):
    class CM:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            raise KeyError('from exit')
    with CM():
        if x:
            raise ValueError('body')
    return 'unreached'


def cls_except_tuple(x):
    class A(Exception):
        pass

    class B(A):
        pass

    class C(Exception):
        pass
    out = []
    for k in (A, B, C):
        try:
            raise k(x)
        except (B, C) as e:
            out.append('BC:' + type(e).__name__)
        except A as e:
            out.append('A:' + type(e).__name__ + str(e.args))
    try:
        try:
            raise B('inner')
        except A:
            raise
    except Exception as e:
        out.append(repr(e))
    return out


def cls_class_getitem(x):
    class G:
        def __class_getitem__(cls, item):
            return 'G[%s]' % (item.__name__,)
    return (G[int], G[str])


def cls_set_name_error(x):
    class D:
        def __set_name__(self, owner, name):
            raise ValueError('nope ' + name)

    class C:
        attr = D()
    return C


def cls_str_nonstr(x):
    class E(Exception):
        def __str__(self):
            return 5

    class S:
        def __str__(self):
            return 5
    try:
        str(S())
    except TypeError as e:
        r = str(e)
    return (r, repr(E('a')))


def cls_inherit_hash(x):
    class A:
        def __eq__(self, o):
            return True

        def __hash__(self):
            return 7

    class B(A):
        pass

    class C(A):
        def __eq__(self, o):
            return False
    out = [hash(A()), hash(B())]
    try:
        hash(C())
    except TypeError as e:
        out.append(str(e))
    return out


def cls_object_misc(x):
    o = object()
    class C:
        pass
    c = C()
    return (type(o).__name__, o == o, o != object(), id(c) == id(c), hash(c) == hash(c), isinstance(C, type),
            type(C) is type, type(type) is type, C.__class__ is type, c.__class__ is C, issubclass(C, object),
            callable(o), str(type(c)) == repr(C), C.__bases__, object.__bases__)


def cls_getattr_class_level(x):
    class Meta(type):
        def __getattr__(cls, name):
            return 'meta:' + name

    class C(metaclass=Meta):
        real = 1
    return (C.real, C.virtual, getattr(C, 'other'))


def cls_abstractish(x):
    class Shape:
        sides = 0

        def area(self):
            raise NotImplementedError('subclass must implement')

        def describe(self):
            return '%s with %d sides, area %s' % (type(self).__name__, self.sides, self.area())

    class Square(Shape):
        sides = 4

        def __init__(self, s):
            self.s = s

        def area(self):
            return self.s ** 2
    out = [Square(x).describe()]
    try:
        Shape().describe()
    except NotImplementedError as e:
        out.append(str(e))
    return out


def cls_dataclass_like(x):
    class Point:
        __slots__ = ('x', 'y')

        def __init__(self, x, y):
            self.x, self.y = x, y

        def __repr__(self):
            return f'Point(x={self.x!r}, y={self.y!r})'

        def __eq__(self, o):
            if type(o) is not Point:
                return NotImplemented
            return (self.x, self.y) == (o.x, o.y)

        def __hash__(self):
            return hash((self.x, self.y))

        def __lt__(self, o):
            return (self.x, self.y) < (o.x, o.y)
    pts = [Point(3, 1), Point(x, 2), Point(1, 1)]
    return (sorted(pts), {Point(1, 1): 'a'}[Point(1, 1)], Point(1, 2) == Point(1, 2), Point(1, 2) == (1, 2),
            len({Point(1, 1), Point(1, 1)}), min(pts), Point(0, 0) in pts)


def exc_notes(x):
    e = ValueError('v')
    e.add_note('first')
    e.add_note('second')
    try:
        e.add_note(1)
    except TypeError as t:
        r = str(t)
    raise e if x == 0 else KeyError(r)


CASES = [
    (cls_basic, [(1,), (5,)]),
    (cls_attr_errors, [(i,) for i in range(7)]),
    (cls_inherit, [(0,)]),
    (cls_mro_conflict, [(0,)]),
    (cls_property, [(3,), (-1,)]),
    (cls_static_class_methods, [(2,)]),
    (cls_descriptor, [(7,)]),
    (cls_getattr_hooks, [(1,)]),
    (cls_setattr_builtins, [(9,)]),
    (cls_slots, [(4,)]),
    (cls_dunder_repr, [(1,), ('s',)]),
    (cls_dunder_cmp, [(1, 2), (3, 3)]),
    (cls_cmp_errors, [(0,)]),
    (cls_reflected, [(0,)]),
    (cls_arith, [(6,)]),
    (cls_arith_errors, [(i,) for i in range(10)]),
    (cls_bool_len, [(3,), (0,)]),
    (cls_bool_errors, [(0,), (1,), (2,)]),
    (cls_container, [(3,)]),
    (cls_container_errors, [(i,) for i in range(6)]),
    (cls_iter, [(3,)]),
    (cls_call, [(10,)]),
    (cls_hash, [(1,)]),
    (cls_init_return, [(1,), (None,)]),
    (cls_new, [(4,)]),
    (cls_new_errors, [(0,), (1,), (2,), (3,)]),
    (cls_builtin_subclass, [(5,)]),
    (cls_metaclass, [(1,)]),
    (cls_init_subclass, [(0,)]),
    (cls_type3, [(3,)]),
    (cls_class_body, [(2,), (-1,)]),
    (cls_class_cell, [(0,)]),
    (cls_super_forms, [(0,)]),
    (cls_bound_methods, [(8,)]),
    (cls_instancecheck, [(1,), ('s',)]),
    (cls_with, [(0,)]),
    (cls_with_errors, [(0,), (1,)]),
    (exc_custom, [(7,)]),
    (exc_raise_custom, [(3,)]),
    (exc_raise_str, [(4,)]),
    (exc_chain_context, [(0,), (1,)]),
    (exc_chain_cause, [(0,)]),
    (exc_chain_none, [(0,)]),
    (exc_chain_attrs, [(0,)]),
    (exc_chain_nested, [(0,)]),
    (exc_custom_attrs, [(2,)]),
    (notimpl_singleton, [(0,)]),
    (cls_class_attrs_mutation, [(0,)]),
    (cls_repr_class, [(0,)]),
    (cls_eq_ne_default, [(1,)]),
    (cls_method_traceback, [(5,), (20,)]),
    (cls_exit_raises, [(0,), (1,)]),
    (cls_except_tuple, [(1,)]),
    (cls_class_getitem, [(0,)]),
    (cls_set_name_error, [(0,)]),
    (exc_notes, [(0,)]),
    (cls_str_nonstr, [(0,)]),
    (cls_inherit_hash, [(0,)]),
    (cls_object_misc, [(0,)]),
    (cls_getattr_class_level, [(0,)]),
    (cls_abstractish, [(3,)]),
    (cls_dataclass_like, [(2,)]),
]


def tb_text(e):
    """The traceback CPython prints, without source lines or the harness frame."""
    lines = "".join(traceback.format_exception(type(e), e, e.__traceback__)).split("\n")
    out = []
    for ln in lines:
        if ln.startswith("    "):
            continue
        if ln.startswith("  File ") and ln.endswith(", in run_case"):
            continue
        out.append(ln)
    return "\n".join(out).rstrip("\n")


def run_case(fn, args, kwargs):
    out = io.StringIO()
    res = {"args": [enc(a) for a in args], "kwargs": [[k, enc(v)] for k, v in kwargs.items()]}
    try:
        with contextlib.redirect_stdout(out):
            r = fn(*args, **kwargs)
        res["repr"] = repr(r)
    except BaseException as e:  # noqa: B902
        res["exc_type"] = type(e).__name__
        res["exc_msg"] = str(e)
        res["exc_line"] = traceback.format_exception_only(type(e), e)[0].rstrip("\n")
        res["tb_text"] = tb_text(e)
        res["tb"] = [[f.name, f.lineno] for f in traceback.extract_tb(e.__traceback__)[1:]]
    res["stdout"] = out.getvalue()
    return res


def main():
    outdir = sys.argv[1]
    cases = [function_case(fn, [run_case(fn, a, {}) for a in arglist], kwdefaults=False) for fn, arglist in CASES]
    ver = version()
    doc = {"version": ver, "globals": {}, "functions": {}, "cases": cases}
    path = os.path.join(outdir, "classes_py%s.json" % ver)
    write_doc(path, doc)
    print("wrote", path, len(cases), "functions", sum(len(c["runs"]) for c in cases), "runs")


if __name__ == "__main__":
    main()
