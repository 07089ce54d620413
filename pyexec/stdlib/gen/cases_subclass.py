"""Golden cases for user classes deriving from the standard library's
native types: the collections types (deque, OrderedDict, defaultdict,
Counter, ChainMap), decimal.Decimal, datetime.tzinfo, and the types CPython
refuses as bases (_thread.lock, re.Pattern, ...), copy and json of the
collections types, and str % values of native types. gen_subclass.py runs
them on every CPython version; gen_cases.py includes them in the 3.11 and
3.12 files."""

DEQUE = [
    "class S(collections.deque):\n    pass\nx = S([1, 2])\nreturn repr(x), len(x), list(x), isinstance(x, collections.deque), type(x).__name__, x[0], 2 in x, bool(x), str(x), bool(S())",
    "class S(collections.deque):\n    def append(self, v):\n        super().append(v * 10)\n        self.n = getattr(self, 'n', 0) + 1\nx = S()\nx.append(1)\nx.append(2)\nx.appendleft(0)\nreturn x, x.n, x.pop(), x",
    "class S(collections.deque):\n    def __init__(self, items, tag):\n        super().__init__(items, maxlen=3)\n        self.tag = tag\nx = S(range(5), 't')\nreturn x, x.tag, x.maxlen, vars(x)",
    "class S(collections.deque):\n    pass\nx = S([1], 2)\ny = x.copy()\nz = x + S([3])\nx += [4]\nw = x * 2\nreturn x, y, type(y).__name__, z, type(z).__name__, type(x).__name__, w, type(w).__name__",
    "class S(collections.deque):\n    pass\nreturn S([1]) == collections.deque([1]), collections.deque([1]) == S([1]), S([1]) < S([2]), collections.deque([0]) + S([5]), S() == [], S('ab') == S('ab')",
    "class S(collections.deque):\n    pass\nx = S('abc')\nx.rotate(1)\nx.extend('d')\nx.extendleft('z')\ndel x[0]\nx[0] = 'C'\nreturn x, list(reversed(x)), x.index('a'), x.count('a'), x.maxlen, len(x.__dict__)",
    "class S(collections.deque):\n    def __repr__(self):\n        return 'S!'\nreturn repr(S([1])), str(S([1])), [S()]",
    "class S(collections.deque):\n    pass\nclass T(S):\n    def popleft(self):\n        return 'no'\nt = T('xy')\nreturn t, t.popleft(), isinstance(t, S), collections.deque.popleft(t), t",
    "class S(collections.deque):\n    __slots__ = ()\nx = S([1])\nx.append(2)\nreturn x, hasattr(x, '__dict__')",
    "class S(collections.deque):\n    __slots__ = ()\nx = S([1])\nx.a = 1",
    "class S(collections.deque):\n    pass\nreturn S(1)",
    "class S(collections.deque):\n    pass\nreturn S([1], maxlen=-1)",
    "class S(collections.deque):\n    pass\nreturn hash(S())",
    "class S(collections.deque):\n    def __init__(self, n):\n        super().__init__(range(n))\nreturn S(3), S(3).copy()",
    "class S(collections.deque):\n    pass\nx = S(maxlen=2)\nx.extend(range(5))\nreturn x, S(x), S([1], 3) * 2",
]

ORDERED = [
    "class S(collections.OrderedDict):\n    pass\nx = S(b=1, a=2)\nx['c'] = 3\nreturn repr(x), x.copy(), type(x.copy()).__name__, list(reversed(x)), S.fromkeys('ab'), type(S.fromkeys('ab')).__name__, S.fromkeys('xy', 0)",
    ((3, 9), "class S(collections.OrderedDict):\n    pass\nx = S(b=1)\nreturn x | {'z': 1}, type(x | {'z': 1}).__name__, {'z': 1} | x, type({'z': 1} | x).__name__"),
    ((3, 9), "class S(collections.OrderedDict):\n    pass\nx = S(a=1)\nx |= {'q': 0}\nreturn x, type(x).__name__"),
    "class S(collections.OrderedDict):\n    pass\nx = S(a=1)\nx.update(q=0)\nx.move_to_end('a')\nreturn x, type(x).__name__, x.popitem(), x.popitem(last=False) if x else None, x == collections.OrderedDict(), dict(S(a=1)), {**S(b=2)}, S(), repr(S())",
    "class S(collections.OrderedDict):\n    def __missing__(self, k):\n        return k + '!'\nx = S(a=1)\nreturn x['a'], x['b'], x.get('b'), 'b' in x, len(x)",
    "class S(collections.OrderedDict):\n    def __init__(self, *a, **k):\n        super().__init__(*a, **k)\n        self.extra = 5\n    def __setitem__(self, k, v):\n        super().__setitem__(k, v * 2)\nx = S([('a', 1)])\nx['b'] = 2\nreturn x, x.extra, x.copy()",
    "class S(collections.OrderedDict):\n    pass\nreturn S(a=1) == S(a=1), S(a=1, b=2) == S(b=2, a=1), S(a=1, b=2) == {'b': 2, 'a': 1}, isinstance(S(), dict), issubclass(S, collections.OrderedDict)",
    "class S(collections.OrderedDict):\n    pass\nreturn hash(S())",
    "class S(collections.OrderedDict):\n    pass\nreturn S(1, 2)",
]

DEFAULT = [
    "class S(collections.defaultdict):\n    pass\nx = S(list)\nx['a'].append(1)\nreturn repr(x), x.default_factory, x.copy(), type(x.copy()).__name__, S(), S(None, {'k': 1}), S(int, a=1), dict(x)",
    ((3, 9), "class S(collections.defaultdict):\n    pass\nx = S(list, a=[1])\nreturn x | {'b': 2}, type(x | {'b': 2}).__name__, {'b': 2} | x, type({'b': 2} | x).__name__"),
    "class S(collections.defaultdict):\n    def __missing__(self, k):\n        return len(k)\nx = S(int)\nreturn x['abc'], dict(x), x.default_factory",
    "class S(collections.defaultdict):\n    def __init__(self):\n        super().__init__(int)\nx = S()\nx['a'] += 2\nx.default_factory = list\nx['b'].append(1)\nreturn x, x.default_factory, 'default_factory' in vars(x)",
    "class Tree(collections.defaultdict):\n    def __init__(self):\n        super().__init__(Tree)\n    def __repr__(self):\n        return 'Tree(' + repr(dict(self)) + ')'\nt = Tree()\nt['a']['b']['c'] = 1\nreturn t, isinstance(t['a'], Tree)",
    "class S(collections.defaultdict):\n    pass\nreturn S(1)",
    "class C:\n    def __call__(self):\n        return 7\nd = collections.defaultdict(C())\nreturn d['x'], collections.defaultdict(type)['y']",
    "class N:\n    pass\nreturn collections.defaultdict(N())",
    "class S(collections.defaultdict):\n    pass\nreturn S()['missing']",
]

COUNTER = [
    "class S(collections.Counter):\n    pass\nx = S('abracadabra')\nreturn repr(x), x.most_common(2), x + S('a'), type(x + S('a')).__name__, x.copy(), type(x.copy()).__name__, S(), x['zz'], type(x).__name__",
    "class S(collections.Counter):\n    def __missing__(self, k):\n        return -1\nx = S('ab')\nreturn x['z'], x['a'], x.get('z')",
    "class S(collections.Counter):\n    pass\nx = S(a=1)\nx += S(a=2)\nx.update('bb')\nx.subtract('a')\nreturn x, type(x).__name__, list(x.elements()), x.most_common(), x - S(b=1), x & S(a=5), x | S(c=1)",
    "class S(collections.Counter):\n    def top(self):\n        return self.most_common(1)[0][0]\nreturn S('hello world').top(), S(['x', 'y', 'y']).top(), sum(S('aab').values())",
    "class S(collections.Counter):\n    pass\nreturn S('a') + 1",
    "class S(collections.Counter):\n    pass\nreturn S.fromkeys('ab')",
]

CHAINMAP = [
    "class S(collections.ChainMap):\n    pass\nx = S({'a': 1}, {'b': 2, 'a': 0})\nreturn repr(x), x['a'], x['b'], len(x), sorted(x), x.new_child(), type(x.new_child()).__name__, x.parents, type(x.parents).__name__, x.maps, S()",
    "class DeepChainMap(collections.ChainMap):\n    def __setitem__(self, key, value):\n        for mapping in self.maps:\n            if key in mapping:\n                mapping[key] = value\n                return\n        self.maps[0][key] = value\nd = DeepChainMap({'zebra': 'black'}, {'elephant': 'blue'}, {'lion': 'yellow'})\nd['lion'] = 'orange'\nd['snake'] = 'red'\nreturn d, d.maps",
    "class S(collections.ChainMap):\n    def __missing__(self, k):\n        return 0\nx = S({'a': 1})\nreturn x['q'], x.get('q'), x['a'], x.copy(), type(x.copy()).__name__",
    "class S(collections.ChainMap):\n    pass\nx = S({'a': 1})\nx.maps = [{'b': 2}]\nreturn x, x['b']",
]

DECIMAL = [
    "class S(decimal.Decimal):\n    def double(self):\n        return self * 2\nx = S('1.5')\nreturn repr(x), x + 1, type(x + 1).__name__, str(x), x.double(), x == decimal.Decimal('1.5'), float(x), int(x), round(x), format(x, '.3f'), hash(x) == hash(decimal.Decimal('1.5')), isinstance(x, decimal.Decimal), x.quantize(decimal.Decimal('0.1')), -x, abs(-x), x < 2, sorted([S(3), S(1)])",
    "class S(decimal.Decimal):\n    pass\nreturn S.from_float(0.5), type(S.from_float(0.5)).__name__, decimal.Decimal.from_float(0.25), type(decimal.Decimal.from_float(0.25)).__name__",
    "class S(decimal.Decimal):\n    def __new__(cls, v):\n        return super().__new__(cls, v * 2)\nreturn S(3), type(S(3)).__name__",
    "class S(decimal.Decimal):\n    def __repr__(self):\n        return 'S<' + str(self) + '>'\nreturn repr(S('2.50')), str(S('2.50')), f'{S(7)}'",
    "class S(decimal.Decimal):\n    pass\nreturn S('x')",
]

TZINFO = [
    "class UTC(datetime.tzinfo):\n    def utcoffset(self, dt):\n        return datetime.timedelta(0)\n    def tzname(self, dt):\n        return 'UTC'\n    def dst(self, dt):\n        return datetime.timedelta(0)\nd = datetime.datetime(2020, 1, 2, 3, tzinfo=UTC())\nreturn d.isoformat(), d.tzname(), str(d.utcoffset()), isinstance(UTC(), datetime.tzinfo)",
    "class S(datetime.timezone):\n    pass",
]

# Behaviour as the base: builtins over the instances, the mapping methods.
AS_BASE = [
    "class S(collections.deque):\n    pass\nreturn sorted(S([3, 1, 2])), max(S([3, 1])), sum(S([1, 2])), list(map(str, S([1]))), [v for v in S('ab')], dict.fromkeys(S('ab'))",
    "class S(collections.defaultdict):\n    pass\nx = S(int)\nx['a'] += 1\nreturn {**x}, dict(x), list(x.items()), x.get('zz'), x.setdefault('b', 5), x.pop('a'), x, len(x), sorted(x.keys())",
    "class S(collections.OrderedDict):\n    pass\nx = S()\nx['a'] = 1\nx['b'] = 2\ndel x['a']\nreturn x, 'a' in x, x.pop('b'), x, x.setdefault('c', 3), list(x.values())",
]

# copy.copy / copy.deepcopy rebuild the collections types and their
# subclasses as CPython's __reduce_ex__ says.
COPY = [
    "import collections\nclass S(collections.deque):\n    pass\nx = S([1, [2]], 5)\nx.tag = 't'\ny = copy.copy(x)\nz = copy.deepcopy(x)\nreturn y, type(y).__name__, z, type(z).__name__, getattr(y, 'tag', None), z.tag, z[1] is x[1], y[1] is x[1], z.maxlen",
    "import collections\nclass S(collections.OrderedDict):\n    pass\nx = S(a=[1])\nx.tag = 1\ny = copy.copy(x)\nz = copy.deepcopy(x)\nreturn y, type(y).__name__, z, type(z).__name__, z['a'] is x['a'], y['a'] is x['a'], y.tag, z.tag",
    "import collections\nclass S(collections.defaultdict):\n    pass\nx = S(list, a=[1])\nx.tag = 2\ny = copy.copy(x)\nz = copy.deepcopy(x)\nreturn y, type(y).__name__, z, type(z).__name__, z['a'] is x['a'], hasattr(y, 'tag'), hasattr(z, 'tag')",
    "import collections\nclass S(collections.Counter):\n    pass\nx = S('aab')\nx.tag = 3\ny = copy.copy(x)\nz = copy.deepcopy(x)\nreturn y, type(y).__name__, z, type(z).__name__, hasattr(y, 'tag')",
    "import collections\nclass S(collections.ChainMap):\n    pass\nx = S({'a': [1]}, {'b': 2})\nx.tag = 4\ny = copy.copy(x)\nz = copy.deepcopy(x)\nreturn y, type(y).__name__, z, type(z).__name__, y.maps[0] is x.maps[0], y.maps[1] is x.maps[1], z.maps[0]['a'] is x.maps[0]['a'], hasattr(y, 'tag'), z.tag",
    "import collections\nx = [collections.OrderedDict(a=[1]), collections.defaultdict(list, b=[2]), collections.deque([[3]], 4), collections.Counter('ab'), collections.ChainMap({'c': [5]})]\ny = copy.deepcopy(x)\nz = copy.copy(x[0]), copy.copy(x[1]), copy.copy(x[2]), copy.copy(x[3]), copy.copy(x[4])\nreturn y, y[0]['a'] is x[0]['a'], y[1]['b'] is x[1]['b'], y[2][0] is x[2][0], y[4]['c'] is x[4]['c'], z, z[0]['a'] is x[0]['a'], z[2][0] is x[2][0]",
    'import collections\nd = collections.deque()\nd.append(d)\ne = copy.deepcopy(d)\nreturn e[0] is e, len(e)',
    "import collections\nclass S(collections.OrderedDict):\n    def __setitem__(self, k, v):\n        super().__setitem__(k, v + 1)\nx = S()\nx['a'] = 1\nreturn copy.copy(x), copy.deepcopy(x)",
]

# json encodes subclasses of the built-in types and the collections
# mappings as their base values.
JSON = [
    "import collections\nclass S(collections.OrderedDict):\n    pass\nreturn json.dumps(S(b=1, a=2)), json.dumps(collections.Counter('ab')), json.dumps(collections.OrderedDict(z=[1])), json.dumps(collections.defaultdict(int, k=1))",
    "class D(dict):\n    pass\nclass L(list):\n    pass\nclass I(int):\n    def __repr__(self):\n        return 'no'\nclass F(float):\n    pass\nclass St(str):\n    pass\nclass T(tuple):\n    pass\nreturn json.dumps([D(a=L([1, I(2)])), F(1.5), St('x'), T((1,))]), json.dumps({'k': D()}, indent=1)",
    'import enum\nclass E(enum.IntEnum):\n    A = 1\nreturn json.dumps([E.A]), json.dumps({E.A: 2}) if False else 0',
    'import collections\nreturn json.dumps(collections.deque([1]))',
    "import collections\nclass S(collections.Counter):\n    pass\nreturn json.dumps({'c': S('aa')}, sort_keys=True)",
]

# str % values of native types and of their subclasses (the operand's
# __int__ / __float__ / __index__, CPython's messages naming tp_name).
PCT_DECIMAL = [
    "return '%d|%i|%f|%.2e|%s|%r' % (decimal.Decimal('3.7'), decimal.Decimal('-2.5'), decimal.Decimal('1.5'), decimal.Decimal('12345'), decimal.Decimal('1.10'), decimal.Decimal('2'))",
    "return '%x' % decimal.Decimal('3')",
    "return '%c' % decimal.Decimal('65')",
    "class S(decimal.Decimal):\n    pass\nreturn '%d %s %.1f' % (S('4.2'), S('4.2'), S('4.25'))",
]
PCT_FRACTIONS = [
    "return '%d %.3f %s' % (fractions.Fraction(7, 2), fractions.Fraction(1, 3), fractions.Fraction(1, 3))",
    "return '%x' % fractions.Fraction(7, 2)",
]
PCT_DATETIME = [
    "return '%s|%r' % (datetime.date(2020, 1, 2), datetime.timedelta(1))",
    "return '%d' % datetime.date(2020, 1, 2)",
]

# The native types CPython refuses as bases.
FINAL = [
    ("_thread", ["class L(_thread.LockType):\n    pass", "class L(type(_thread.allocate_lock())):\n    pass"]),
    ("re", ["class P(re.Pattern):\n    pass", "class P(type(re.match('a', 'a'))):\n    pass"]),
    ("operator", ["class P(operator.itemgetter):\n    pass", "class P(operator.attrgetter):\n    pass", "class P(operator.methodcaller):\n    pass"]),
    ("time", ["class P(time.struct_time):\n    pass"]),
    ("typing", ["class P(typing.TypeVar):\n    pass"]),
    ("functools", ["class P(type(functools.cmp_to_key(len)(1))):\n    pass"]),
]

CASES = [
    ("collections", DEQUE + ORDERED + DEFAULT + COUNTER + CHAINMAP + AS_BASE),
    ("copy", COPY),
    ("json", JSON),
    ("decimal", PCT_DECIMAL),
    ("fractions", PCT_FRACTIONS),
    ("datetime", PCT_DATETIME),
    ("decimal", DECIMAL),
    ("datetime", TZINFO),
] + FINAL
