"""Time CPython applying each benchmark closure of testdata/bench/ over its
records, the way a PySpark worker's map loop does.

Usage: python3.11 bench/pyexec_cpython.py [testdata/bench] [REPEAT]

For each folder it loads payload.pkl (a cloudpickle payload) and input.pkl
(the records) in this process, runs ``for r in records: f(r)`` REPEAT times
(default 15) and prints "name ns=<best wall> cpu=<best CPU> records=<n>",
the fastest pass's wall and process CPU time in nanoseconds.  It also checks the results against want.txt.
"""
import gc
import os
import pickle
import sys
import time


def best(f, records, repeat):
    """Best wall time and best CPU time of repeat passes, in ns."""
    wall, cpu = [], []
    for _ in range(repeat):
        c0 = time.process_time_ns()
        t0 = time.perf_counter_ns()
        for r in records:
            f(r)
        wall.append(time.perf_counter_ns() - t0)
        cpu.append(time.process_time_ns() - c0)
    return min(wall), min(cpu)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "testdata/bench"
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    for name in sorted(os.listdir(root)):
        d = os.path.join(root, name)
        if not os.path.isfile(os.path.join(d, "payload.pkl")):
            continue
        with open(os.path.join(d, "payload.pkl"), "rb") as fh:
            f = pickle.load(fh)
        with open(os.path.join(d, "input.pkl"), "rb") as fh:
            records = pickle.load(fh)
        with open(os.path.join(d, "want.txt"), encoding="utf-8") as fh:
            want = fh.read().splitlines()
        got = [repr(f(r)) for r in records]
        if got != want:
            sys.exit("%s: results differ from want.txt" % name)
        gc.collect()
        wall, cpu = best(f, records, repeat)
        print("%s ns=%d cpu=%d records=%d" % (name, wall, cpu, len(records)), flush=True)


if __name__ == "__main__":
    main()
