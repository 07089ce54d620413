"""Payloads that try to reach the host from inside running code.

Each function is a cloudpickled UDF that walks toward something that could
touch the host (files, environment, processes, threads, the interpreter's
internals: __subclasses__, __globals__['__builtins__'], frames, code
replacement, eval/exec/compile, importlib) or exhaust it (huge ints and
strings, deep nesting). bridge/escape_test.go loads each one without the
checker and runs it, asserting that it is refused or harmless.

Run with CPython 3.11 and cloudpickle 2.1.0 (PYTHONHASHSEED=0):
    python3 testdata/gen/gen_escape.py testdata/escape
"""
import os
import sys

import cloudpickle

PROBES = {}


def probe(f):
    PROBES[f.__name__] = f
    return f


@probe
def subclasses(_):
    return [c.__name__ for c in ().__class__.__base__.__subclasses__()][:5]


@probe
def func_globals_builtins(_):
    def g(): pass
    b = g.__globals__.get('__builtins__')
    return type(b).__name__, (b['open'] if isinstance(b, dict) else getattr(b, 'open'))


@probe
def builtins_open(_):
    return open('/etc/passwd').read()[:10]


@probe
def builtins_import_os(_):
    return __import__('os').system('echo pwned')


@probe
def os_environ(_):
    import os
    return dict(os.environ), os.getenv('HOME'), os.getcwd()


@probe
def os_path_host(_):
    import os.path
    return os.path.expanduser('~'), os.path.expandvars('$HOME'), os.path.abspath('x'), os.path.exists('/etc/passwd')


@probe
def eval_exec(_):
    return eval('1+1')


@probe
def compile_code(_):
    return compile('1', 'x', 'eval')


@probe
def gen_frame(_):
    def g():
        yield 1
    gg = g()
    fr = gg.gi_frame
    return fr.f_globals.get('__builtins__'), fr.f_back


@probe
def tb_frame(_):
    try:
        1/0
    except Exception as e:
        tb = e.__traceback__
        return tb.tb_frame.f_globals.get('__builtins__'), tb.tb_frame.f_back


@probe
def sys_modules(_):
    import sys
    return sorted(sys.modules)[:3], sys._getframe


@probe
def io_open(_):
    import io
    return io.open('/etc/passwd').read()


@probe
def io_fileio(_):
    import io
    return io.FileIO('/etc/passwd').read()


@probe
def types_codetype(_):
    import types
    c = (lambda: 1).__code__
    c2 = c.replace(co_code=b'\x00' * 4)
    return types.FunctionType(c2, {})()


@probe
def set_builtin_type_attr(_):
    int.foo = 1
    return int.foo


@probe
def type_setattr_int(_):
    type.__setattr__(int, 'foo', 1)
    return int.foo


@probe
def object_setattr_type(_):
    object.__setattr__(int, 'foo', 1)
    return int.foo


@probe
def type_dict_mutate(_):
    d = int.__dict__
    d['foo'] = 1
    return int.foo


@probe
def exc_type_attr(_):
    ValueError.foo = 1
    return ValueError.foo


@probe
def builtins_module_mutate(_):
    import builtins
    builtins.len = lambda x: 42
    return len([])


@probe
def functools_partial_open(_):
    import functools
    return functools.partial(open, '/etc/passwd')()


@probe
def operator_methodcaller(_):
    import operator
    return operator.methodcaller('__subclasses__')(object)[:3]


@probe
def thread_start(_):
    import _thread
    return _thread.start_new_thread(print, ())


@probe
def uuid_host(_):
    import uuid
    return uuid.getnode(), uuid.uuid1()


@probe
def random_urandom(_):
    import random, os
    return os.urandom(4)


@probe
def string_formatter_walk(_):
    return '{0.__globals__}'.format(lambda: 1)


@probe
def import_importlib(_):
    import importlib
    return importlib


@probe
def codecs_open(_):
    import codecs
    return codecs.open('/etc/passwd')


@probe
def namedtuple_exec(_):
    import collections
    P = collections.namedtuple('P', ['x', "y=__import__('os').system('id')"])
    return P


@probe
def typing_forwardref2(_):
    import typing
    return typing.ForwardRef('__import__("os")')._evaluate(globals(), None, frozenset())


@probe
def json_object_hook(_):
    import json
    return json.loads('{"a":1}', object_hook=eval)


@probe
def copy_reduce(_):
    import copy
    class X:
        def __reduce__(self):
            return (open, ('/etc/passwd',))
    return copy.deepcopy(X())


@probe
def copy_reduce_eval(_):
    import copy
    class X:
        def __reduce_ex__(self, p):
            return (eval, ('1+1',))
    return copy.copy(X())


@probe
def func_code_mutation(_):
    def g(): return 1
    def h(): return open
    g.__code__ = h.__code__
    return g()


@probe
def super_dunders(_):
    return super(type, int).__subclasses__


@probe
def huge_alloc(_):
    return len('x' * (10**10))


@probe
def huge_pow(_):
    return len(str(10 ** (10**9)))


@probe
def int_str_big(_):
    return len(str(2**(10**8)))


@probe
def str_mul_big(_):
    return len('ab' * 2**62)


@probe
def deep_recursion(_):
    def f(n): return f(n+1)
    return f(0)


@probe
def h_class_dict_mutation(_):
    import collections
    d = vars(collections.OrderedDict)
    d['pwned'] = 1
    return collections.OrderedDict.pwned


@probe
def j_module_type_attr(_):
    import math
    type(math).pwned = 1
    return type(math).pwned


@probe
def l_instance_class_swap(_):
    class A: pass
    a = A()
    import collections
    a.__class__ = collections.deque
    return a.append(1)


@probe
def deep_json_dumps(_):
    import json
    l = []
    for _ in range(3000000):
        l = [l]
    return len(json.dumps(l))


@probe
def deep_json_loads(_):
    import json
    return json.loads('[' * 3000000 + ']' * 3000000) is not None



# Deep nesting: every native operation that descends into a value must stop
# with RecursionError, never overflow the Go stack.

@probe
def deep_eq(_):
    l = []
    m = []
    for _ in range(1000000):
        l = [l]
        m = [m]
    return l == m


@probe
def deep_lt(_):
    l = []
    m = [1]
    for _ in range(1000000):
        l = [l]
        m = [m]
    return l < m


@probe
def deep_sorted(_):
    l = []
    m = [1]
    for _ in range(1000000):
        l = [l]
        m = [m]
    return sorted([m, l])


@probe
def deep_list_index(_):
    l = []
    m = []
    for _ in range(1000000):
        l = [l]
        m = [m]
    return [l].index(m)


@probe
def deep_hash_tuple(_):
    t = ()
    for _ in range(1000000):
        t = (t,)
    return hash(t)


@probe
def deep_dict_key(_):
    t = ()
    for _ in range(1000000):
        t = (t,)
    return {t: 1}


@probe
def deep_frozenset(_):
    s = frozenset()
    for _ in range(1000000):
        s = frozenset([s])
    return s == frozenset([s])


@probe
def deep_dict_eq(_):
    a = {}
    b = {}
    for _ in range(1000000):
        a = {'k': a}
        b = {'k': b}
    return a == b


@probe
def deep_repr(_):
    l = []
    for _ in range(1000000):
        l = [l]
    return len(repr(l))


@probe
def deep_str_dict(_):
    d = {}
    for _ in range(1000000):
        d = {1: d}
    return len(str(d))


@probe
def deep_fstring(_):
    t = ()
    for _ in range(1000000):
        t = (t,)
    return len(f"{t}")


@probe
def deep_print(_):
    l = []
    for _ in range(1000000):
        l = [l]
    print(l)


@probe
def deep_result(_):
    l = []
    for _ in range(1000000):
        l = [l]
    return l


@probe
def deep_deepcopy(_):
    import copy
    l = []
    for _ in range(1000000):
        l = [l]
    return copy.deepcopy(l) is not None


@probe
def deep_map(_):
    it = iter([1])
    for _ in range(1000000):
        it = map(abs, it)
    return next(it)


@probe
def deep_zip_enumerate(_):
    it = iter([1])
    for _ in range(500000):
        it = enumerate(zip(it))
    return next(it)


@probe
def deep_itertools_chain(_):
    import itertools
    it = iter([1])
    for _ in range(1000000):
        it = itertools.chain(it)
    return next(it)


@probe
def deep_genexpr(_):
    it = iter([1])
    for _ in range(1000000):
        it = (x for x in it)
    return next(it)


@probe
def deep_isinstance(_):
    t = int
    for _ in range(1000000):
        t = (t,)
    return isinstance('x', t)


@probe
def deep_except_tuple(_):
    t = ValueError
    for _ in range(1000000):
        t = (t,)
    try:
        raise KeyError('k')
    except t:
        return 'caught'


@probe
def deep_exc_chain(_):
    e = None
    for i in range(300000):
        try:
            raise ValueError(i) from e
        except ValueError as x:
            e = x
    raise e


@probe
def deep_exc_args(_):
    l = []
    for _ in range(1000000):
        l = [l]
    raise ValueError(l)


@probe
def deep_partial(_):
    import functools
    f = abs
    for _ in range(1000000):
        f = functools.partial(f)
    return f(-1)


@probe
def deep_methodtype(_):
    import types
    f = lambda *a: len(a)
    for _ in range(1000000):
        f = types.MethodType(f, 1)
    return f()


@probe
def deep_deque(_):
    import collections
    d = collections.deque()
    e = collections.deque()
    for _ in range(1000000):
        d = collections.deque([d])
        e = collections.deque([e])
    return d == e, len(repr(d))


@probe
def deep_ordereddict(_):
    import collections
    d = collections.OrderedDict()
    e = collections.OrderedDict()
    for _ in range(1000000):
        d = collections.OrderedDict(k=d)
        e = collections.OrderedDict(k=e)
    return d == e


@probe
def deep_dataclass_asdict(_):
    import dataclasses

    @dataclasses.dataclass
    class N:
        child: object

    n = None
    for _ in range(100000):
        n = N(n)
    return len(dataclasses.asdict(n))


@probe
def deep_typing(_):
    import typing
    t = int
    for _ in range(100000):
        t = typing.List[t]
    return len(repr(t))


@probe
def deep_json_result(_):
    d = {}
    for _ in range(1000000):
        d = {'k': d}
    return d


@probe
def m_format_width(_):
    return len('{:>1000000000}'.format('x'))


@probe
def m_fstring_width(_):
    return len(f'{1:1000000000}')


@probe
def m_format_fill_width(_):
    return len(format('x', '\u20ac^300000000'))


@probe
def m_format_float_prec(_):
    return len(format(1.0, '.1000000000f'))


@probe
def m_pct_width(_):
    return len('%1000000000d' % 1)


@probe
def m_pct_float_prec(_):
    return len('%.1000000000f' % 1.0)


@probe
def m_pct_int_prec(_):
    return len('%.1000000000x' % 1)


@probe
def m_pct_total(_):
    return len(('%100000000s' * 3) % ('a', 'b', 'c'))


@probe
def m_bytes_zeros(_):
    return len(bytes(10**9))


@probe
def m_bytearray_zeros(_):
    return len(bytearray(10**9))


@probe
def m_bytes_mul(_):
    return len(b'x' * 10**9)


@probe
def m_str_ljust(_):
    return len('x'.ljust(10**9))


@probe
def m_str_center(_):
    return len('x'.center(10**9, '*'))


@probe
def m_str_zfill(_):
    return len('1'.zfill(10**9))


@probe
def m_str_expandtabs(_):
    return len('\t\t'.expandtabs(10**9))


@probe
def mem_keep_strings(_):
    # Each string is under the 256 MiB cap; together they would exhaust
    # the host: the heap limit stops the function.
    keep = []
    for i in range(1000):
        keep.append('x' * (1 << 24) + str(i))
    return len(keep)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for n, f in PROBES.items():
        f.__module__ = "__main__"
        f.__code__ = f.__code__.replace(co_filename="<escape>")
        with open(os.path.join(out, n + ".pkl"), "wb") as fh:
            fh.write(cloudpickle.dumps(f, protocol=5))


if __name__ == "__main__":
    main()
