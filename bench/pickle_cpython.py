"""Time CPython's C unpickler and pickler on a PySpark-like record batch.

Usage: python3 bench/pickle_cpython.py OUT.pkl [N_RECORDS]

Writes the batch pickle (protocol 5) to OUT.pkl, so that the Go benchmark
BenchmarkDecodeFile can decode the very same bytes, and prints the best
time of pickle.loads and pickle.dumps in nanoseconds as
"loads_ns=... dumps_ns=... bytes=...".
"""
import pickle
import sys
import time


def batch(n):
    return [
        (i * 7919, "user-%d" % i, i * 1.25, [i, i + 1], {"k": i % 97, "v": "value-%d" % (i % 1000)})
        for i in range(n)
    ]


def best(fn, repeat=7):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter_ns()
        fn()
        times.append(time.perf_counter_ns() - t0)
    return min(times)


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 150000
    records = batch(n)
    data = pickle.dumps(records, protocol=5)
    with open(out, "wb") as f:
        f.write(data)
    loads = best(lambda: pickle.loads(data))
    dumps = best(lambda: pickle.dumps(records, protocol=5))
    print("loads_ns=%d dumps_ns=%d bytes=%d" % (loads, dumps, len(data)))


if __name__ == "__main__":
    main()
