#!/usr/bin/env python3
"""Time the closures of testdata/exec/bench in CPython: one process, and a
multiprocessing pool of 2 over the same 16 partitions pybridge's
BenchmarkExecutor uses (the pool is started and warmed before timing; the
time includes sending partitions and results).  Prints one line per case:

    name one_ns=N pool2_ns=N records=N
"""
import multiprocessing as mp
import os
import pickle
import sys
import time

REPEAT = 5
PARTS = 16
_func = None


def _init(payload):
    global _func
    _func = pickle.loads(payload)


def _run(part):
    f = _func
    return [f(x) for x in part]


def best(fn, n=3):
    out = None
    for _ in range(n):
        t = time.perf_counter_ns()
        fn()
        d = time.perf_counter_ns() - t
        out = d if out is None else min(out, d)
    return out


def main():
    root, ver = sys.argv[1], sys.argv[2]
    for name in sys.argv[3:]:
        d = os.path.join(root, name)
        payload = open(os.path.join(d, "py%s.pkl" % ver), "rb").read()
        records = pickle.load(open(os.path.join(d, "input.pkl"), "rb")) * REPEAT
        n = len(records)
        parts = [records[i * n // PARTS:(i + 1) * n // PARTS] for i in range(PARTS)]
        func = pickle.loads(payload)
        one = best(lambda: [[func(x) for x in p] for p in parts])
        with mp.get_context("fork").Pool(2, initializer=_init, initargs=(payload,)) as pool:
            pool.map(_run, parts[:2])
            two = best(lambda: pool.map(_run, parts, chunksize=1))
        print("%s one_ns=%d pool2_ns=%d records=%d" % (name, one, two, n), flush=True)


if __name__ == "__main__":
    main()
