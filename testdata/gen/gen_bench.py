#!/usr/bin/env python3
"""Generate the throughput benchmark payloads under testdata/bench/.

Each folder testdata/bench/<name>/ holds:

* ``payload.pkl``: a cloudpickle (2.1.0, CPython 3.11) payload of a
  closure typical of an RDD map, pickled by value (it lives in __main__);
* ``input.pkl``: the input records, a pickled list (protocol 4);
* ``want.txt``: repr() of the result for each record, one a line, as
  CPython 3.11 computes it (PYTHONHASHSEED=0).

bench/pyexec_ratio.sh times CPython on these very files
(bench/pyexec_cpython.py) and pybridge on them (BenchmarkPayload in
package bridge, which also checks every result against want.txt).

Usage (from the repository root):

    PYTHONHASHSEED=0 python3.11 testdata/gen/gen_bench.py testdata/bench
"""

import os
import pickle
import random
import sys

import cloudpickle

N = 10000

# ---------------------------------------------------------------- closures

STOP = {"the", "a", "an", "of", "to", "in"}


def make_wordcount():
    def wordcount(line):
        # A log line: split, count words, keep the frequent ones.
        counts = {}
        for w in line.lower().split():
            if w in STOP:
                continue
            counts[w] = counts.get(w, 0) + 1
        level = line.split(" ", 3)[2]
        return level, len(counts), line.count("user"), max(counts.values())
    return wordcount


def make_arith(scale):
    def arith(rec):
        a, b, c = rec
        acc = 0
        for i in range(a % 50 + 10):
            acc += (i * b + c) % 97
            if acc > 1000:
                acc -= 1000
        mean = (a + b + c) / 3
        return acc, a * b - c, a // (b % 7 + 1), round(mean * scale, 3)
    return arith


def make_dictbuild(fields):
    def dictbuild(rec):
        uid, name, score, tags = rec
        d = {"id": uid, "name": name, "score": score}
        for i, t in enumerate(tags):
            d[fields[i % len(fields)] + str(i)] = t
        d["ntags"] = len(tags)
        d["flags"] = {k: len(k) for k in tags}
        return d
    return dictbuild


def make_sortkey(top):
    def sortkey(rec):
        # rec: a list of (name, score, ts) tuples.
        by_score = sorted(rec, key=lambda t: (-t[1], t[0]))
        latest = max(rec, key=lambda t: t[2])
        return [t[0] for t in by_score[:top]], latest[0], sorted(t[2] for t in rec)[len(rec) // 2]
    return sortkey


class Account:
    fee = 2

    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance
        self.history = []

    def deposit(self, amount):
        self.balance += amount
        self.history.append(amount)
        return self

    def withdraw(self, amount):
        if amount + self.fee > self.balance:
            return False
        self.balance -= amount + self.fee
        self.history.append(-amount)
        return True

    def summary(self):
        return (self.owner, self.balance, len(self.history))


def make_classes():
    def classes(rec):
        owner, ops = rec
        acct = Account(owner, 100)
        for op in ops:
            if op >= 0:
                acct.deposit(op)
            else:
                acct.withdraw(-op)
        return acct.summary()
    return classes


def make_format(unit):
    def fmt(rec):
        name, value, count = rec
        a = f"{name}: {value:.2f} {unit} x{count}"
        b = "%s=%d (%5.1f%%)" % (name, count, value / 10)
        c = "{}|{:>8}|{:03d}".format(name.upper(), name[:4], count % 1000)
        return a + " / " + b + " / " + c
    return fmt


# ---------------------------------------------------------------- records

WORDS = ("the quick brown fox jumps over lazy dog spark rdd map reduce "
         "user session login logout error warn info debug request response "
         "latency cache hit miss of to in a an").split()


def records(name, r):
    if name == "wordcount":
        out = []
        for i in range(N):
            level = r.choice(["INFO", "WARN", "ERROR", "DEBUG"])
            body = " ".join(r.choice(WORDS) for _ in range(r.randint(6, 20)))
            out.append("2024-05-%02d 12:%02d:%02d %s user=u%d %s" % (
                i % 28 + 1, i % 60, (i * 7) % 60, level, i % 500, body))
        return out
    if name == "arith":
        return [(r.randint(0, 10**6), r.randint(1, 1000), r.randint(-500, 500)) for _ in range(N)]
    if name == "dictbuild":
        return [(i, "name%d" % r.randint(0, 9999), r.random() * 100,
                 [r.choice(WORDS) for _ in range(r.randint(0, 6))]) for i in range(N)]
    if name == "sortkey":
        return [[("k%d" % r.randint(0, 999), r.randint(0, 50), r.randint(0, 10**9))
                 for _ in range(r.randint(5, 30))] for _ in range(N // 5)]
    if name == "classes":
        return [("o%d" % i, [r.randint(-80, 60) for _ in range(r.randint(1, 12))]) for i in range(N)]
    if name == "format":
        return [(r.choice(WORDS) + str(i), r.random() * 1000, r.randint(0, 5000)) for i in range(N)]
    raise ValueError(name)


CLOSURES = {
    "wordcount": make_wordcount(),
    "arith": make_arith(1.5),
    "dictbuild": make_dictbuild(["f", "tag", "x"]),
    "sortkey": make_sortkey(3),
    "classes": make_classes(),
    "format": make_format("ms"),
}


def main():
    if sys.version_info[:2] != (3, 11) or cloudpickle.__version__ != "2.1.0":
        sys.exit("want CPython 3.11 and cloudpickle 2.1.0")
    if os.environ.get("PYTHONHASHSEED") != "0":
        sys.exit("run with PYTHONHASHSEED=0")
    root = sys.argv[1]
    for name, fn in CLOSURES.items():
        d = os.path.join(root, name)
        os.makedirs(d, exist_ok=True)
        recs = records(name, random.Random(name))
        with open(os.path.join(d, "payload.pkl"), "wb") as f:
            f.write(cloudpickle.dumps(fn, protocol=4))
        with open(os.path.join(d, "input.pkl"), "wb") as f:
            f.write(pickle.dumps(recs, protocol=4))
        # want.txt from the unpickled payload, as the benchmarks run it.
        with open(os.path.join(d, "payload.pkl"), "rb") as f:
            g = pickle.load(f)
        with open(os.path.join(d, "want.txt"), "w", encoding="utf-8") as f:
            for rec in recs:
                f.write(repr(g(rec)) + "\n")
        print(name, len(recs), "records")


if __name__ == "__main__":
    main()
