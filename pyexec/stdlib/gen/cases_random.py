"""Golden cases for random (pyexec/stdlib/randommod): seeded sequences."""

RANDOM = [
    "r = random.Random(42)\nreturn [r.random() for _ in range(3)], r.randint(1, 100), r.randrange(10), r.randrange(0, 100, 7), r.randrange(50, 0, -3), r.getrandbits(70), r.getrandbits(5)",
    "r = random.Random(0)\nreturn r.random(), random.Random(-0).random() == r.random(), random.Random(2**100 + 7).random(), random.Random(-5).random() == random.Random(5).random()",
    "return random.Random('hello').random(), random.Random(b'hello').random(), random.Random('').random(), random.Random(3.5).random(), random.Random(True).random()",
    "r = random.Random(7)\nl = list(range(20))\nr.shuffle(l)\nreturn l, r.choice('abcdef'), r.choice([10, 20, 30]), r.sample(range(100), 5), r.sample('abcdefg', 7), r.sample(range(10**6), 3)",
    "r = random.Random(9)\nreturn r.choices('abc', k=5), r.choices(['x', 'y'], weights=[1, 9], k=6), r.choices([1, 2, 3], cum_weights=[0.1, 0.5, 1.0], k=4), r.choices('ab')",
    # exp/log/sin/cos come from Go's math package, which can differ from
    # the C library in the last bit: variates built on them are compared
    # to 12 digits.
    "r = random.Random(11)\nreturn r.uniform(1, 5), r.uniform(2.5, -1), r.triangular(), r.triangular(0, 10, 7), [round(x, 12) for x in (r.gauss(), r.gauss(5, 2), r.gauss(), r.normalvariate(1, 0.5))]",
    "r = random.Random(12)\nreturn [round(x, 12) for x in (r.expovariate(2.0), r.betavariate(2, 3), r.betavariate(0.5, 0.5), r.gammavariate(0.5, 2), r.gammavariate(1, 1), r.gammavariate(3, 1), r.paretovariate(3), r.weibullvariate(1, 2), r.lognormvariate(0, 1))]",
    "r = random.Random(5)\nreturn r.randbytes(10), r.randbytes(0), r.getrandbits(0), r.getrandbits(32), r.getrandbits(33), r.getrandbits(64)",
    "r = random.Random(3)\ns = r.getstate()\na = [r.random() for _ in range(3)]\nr.setstate(s)\nb = [r.random() for _ in range(3)]\nreturn a == b, s[0], len(s[1]), s[1][-1], s[2]",
    "r = random.Random(3)\nr.gauss()\ns = r.getstate()\nreturn round(s[2], 12), s[1][:3]",
    "r = random.Random(1)\nreturn r.sample(['a', 'b', 'c'], 5, counts=[1, 2, 3]) if False else r.sample(['a', 'b', 'c'], 4, counts=[1, 2, 3])",
    "random.seed(1234)\na = [random.random(), random.randint(0, 10), random.choice('xyz')]\nrandom.seed(1234)\nb = [random.random(), random.randint(0, 10), random.choice('xyz')]\nreturn a, a == b",
    "random.seed('spark')\nl = [1, 2, 3, 4, 5]\nrandom.shuffle(l)\nreturn l, random.sample(range(50), 4), random.uniform(0, 1), random.getrandbits(16)",
    "r = random.Random(8)\nreturn r.randrange(10**30), r.randint(-10**20, 10**20), r.randrange(-5, 5), r.randint(3, 3)",
    "random.Random(1).randrange(0)",
    "random.Random(1).randrange(5, 5)",
    "random.Random(1).randrange(1, 10, 0)",
    "random.Random(1).randrange(10, 1, 2)",
    "random.Random(1).randrange(10, step=2)",
    "random.Random(1).randint(5, 1)",
    "random.Random(1).choice([])",
    "random.Random(1).sample({1, 2}, 1)",
    "random.Random(1).sample([1, 2], 3)",
    "random.Random(1).choices('ab', [1, 2, 3])",
    "random.Random(1).choices('ab', [1, 2], cum_weights=[1, 2])",
    "random.Random(1).choices('ab', [0, 0])",
    "random.Random(1).choices('ab', 2)",
    "random.Random(1).getrandbits(-1)",
    "random.Random([1])",
    "random.Random(1).gammavariate(-1, 1)",
    "random.Random(1).sample([1, 2], 1, counts=[1])",
    "r = random.Random(1)\nr.setstate((2, (), None))",
    "r = random.Random(1)\nr.setstate((3, (1, 2), None))",
    "random.Random(1).randrange(1.0, 5)",
    "random.Random(1).randrange(1.5)",
    "random.Random(1).randrange('a')",
    "type(random.Random()).__name__, isinstance(random.random(), float), 0 <= random.random() < 1, random.Random.__name__",
]

CASES = [("random", RANDOM)]
