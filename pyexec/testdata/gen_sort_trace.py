"""Record the comparisons CPython's list.sort makes, for TestTimsortTrace.

For each input list of ints, sort (value, index) records with an __lt__ that
compares values only and logs the indexes of every pair it is asked about;
the number of comparisons and the first 16 hex digits of the trace's SHA-256
are merged into sort_trace.json under the running version.

    for v in 3.8 3.9 3.10 3.11 3.12 3.13; do python$v pyexec/testdata/gen_sort_trace.py pyexec/testdata/sort_trace.json; done
"""
import hashlib
import json
import random
import sys


class Rec:
    __slots__ = ("v", "i")
    log = []

    def __init__(self, v, i):
        self.v, self.i = v, i

    def __lt__(self, other):
        Rec.log.append("%d<%d" % (self.i, other.i))
        return self.v < other.v


def inputs():
    r = random.Random(1234)
    out = []
    for n in (0, 1, 2, 3, 5, 17, 40, 63, 64, 65, 100, 257, 700, 1500):
        out.append([r.randrange(1000) for _ in range(n)])           # random
        out.append([r.randrange(4) for _ in range(n)])              # many equal
        out.append(list(range(n)))                                  # sorted
        out.append(list(range(n, 0, -1)))                           # reversed
        out.append([x // 3 for x in range(n, 0, -1)])               # descending with equal groups
        s = sorted(r.randrange(10**6) for _ in range(n))
        k = n // 7 + 1
        out.append([x for j in range(7) for x in s[j::7]][:n])      # interleaved sorted runs
        out.append(s[n // 2:] + s[:n // 2])                         # two runs (galloping)
        out.append([(x * 7919) % (n + 13) // 2 for x in range(n)])  # sawtooth
        out.append([r.randrange(50) if r.random() < 0.1 else x for x in range(n)])  # nearly sorted
        out.append([x if r.random() < 0.8 else -x for x in range(n, 0, -1)])  # nearly descending
    return out


def main():
    path = sys.argv[1]
    try:
        with open(path) as f:
            data = json.load(f)
    except FileNotFoundError:
        data = {"cases": [{"in": xs, "cpython": {}} for xs in inputs()]}
    v = "%d.%d" % sys.version_info[:2]
    for case in data["cases"]:
        recs = [Rec(x, i) for i, x in enumerate(case["in"])]
        Rec.log = []
        recs.sort()
        trace = ",".join(Rec.log)
        case["cpython"][v] = [len(Rec.log), hashlib.sha256(trace.encode()).hexdigest()[:16]]
    with open(path, "w") as f:
        json.dump(data, f, separators=(",", ":"))


main()
