"""Golden-order generator for pyexec/htable.

Builds sets in CPython through random programs of set operations and
records what the program observes: list(s) (iteration order, which is slot
order), set.pop() results, and for large sets hash(tuple(s)) as an
order-sensitive digest. The Go test replays each program on htable.Table
with pyhash hashes and compares every observation. Programs are embedded in
the output, so every interpreter's file is self-contained.

Usage: PYTHONHASHSEED=0 python gen_sets.py OUT.json
"""
import json
import os
import random
import sys


def enc(v):
    if isinstance(v, bool):
        return ["b", int(v)]
    if isinstance(v, int):
        return ["i", str(v)]
    if isinstance(v, float):
        return ["f", v.hex()]
    if isinstance(v, str):
        return ["s", [ord(c) for c in v]]
    raise TypeError(type(v))


def dec(e):
    t, v = e
    if t == "b":
        return bool(v)
    if t == "i":
        return int(v)
    if t == "f":
        return float.fromhex(v)
    return "".join(chr(c) for c in v)


def make_programs():
    rnd = random.Random(7)
    progs = []

    def rint(lo, hi):
        return rnd.randrange(lo, hi)

    words = ["".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randrange(0, 6))) for _ in range(300)]
    words += ["é", "ü", "\u4e2d", "\U0001F600", "naïve", "日本語"]
    pools = {
        "small": lambda: rint(0, 40),
        "neg": lambda: rint(-60, 60),
        "wide": lambda: rint(-10**6, 10**6),
        "big": lambda: rnd.choice([rint(0, 100), 2**61 - 1 + rint(0, 50), -2**62 + rint(0, 50), 2**64 + rint(0, 9) * 8, 8 * rint(0, 200)]),
        "str": lambda: rnd.choice(words),
        "mixed": lambda: rnd.choice([rint(-20, 20), float(rint(-20, 20)), rint(0, 20) + 0.5, rnd.choice(words[:40]), True, False]),
    }

    def val(pool):
        return enc(pools[pool]())

    # 1. sequential growth with snapshots.
    for pool in pools:
        ops = [["new", "a"]]
        for i in range(300):
            ops.append(["add", "a", val(pool)])
            if i in (3, 4, 5, 6, 10, 18, 19, 40, 77, 150, 299):
                ops.append(["snap", "a"])
        progs.append(ops)

    # 2. random add/discard/pop churn.
    for pool in pools:
        for rep in range(4):
            ops = [["new", "a"]]
            n = rnd.choice([20, 60, 200, 600])
            for i in range(n):
                r = rnd.random()
                if r < 0.6:
                    ops.append(["add", "a", val(pool)])
                elif r < 0.9:
                    ops.append(["discard", "a", val(pool)])
                elif r < 0.97:
                    ops.append(["pop", "a"])
                else:
                    ops.append(["clear", "a"])
                if rnd.random() < 0.15:
                    ops.append(["snap", "a"])
            ops.append(["snap", "a"])
            progs.append(ops)

    # 3. constructors and binary operations.
    binops = ["or", "and", "sub", "xor", "update", "iand", "isub", "ixor", "copy",
              "andlist", "sublist", "subdict", "xorlist", "xordict", "updatelist", "updatedict", "fromlist", "fromdict",
              "union3", "inter3", "diff3"]
    for pool in pools:
        for rep in range(25):
            ops = []
            for name in ("a", "b", "c"):
                n = rnd.choice([0, 1, 3, 4, 5, 6, 8, 12, 30, 100, 250])
                kind = rnd.choice(["fromlist", "fromdict", "adds"])
                vals = [val(pool) for _ in range(n)]
                if kind == "adds":
                    ops.append(["new", name])
                    for v in vals:
                        ops.append(["add", name, v])
                else:
                    ops.append([kind, name, vals])
                for _ in range(rnd.choice([0, 0, 2, 10])):
                    ops.append(["discard", name, val(pool)])
                ops.append(["snap", name])
            for _ in range(8):
                op = rnd.choice(binops)
                x, y, z = rnd.choice("abc"), rnd.choice("abc"), rnd.choice("abc")
                if op in ("andlist", "sublist", "subdict", "xorlist", "xordict", "updatelist", "updatedict"):
                    vals = [val(pool) for _ in range(rnd.choice([0, 2, 5, 20, 80]))]
                    ops.append([op, z, x, vals])
                elif op in ("fromlist", "fromdict"):
                    ops.append([op, z, [val(pool) for _ in range(rnd.choice([0, 5, 40]))]])
                elif op in ("union3", "inter3", "diff3"):
                    ops.append([op, z, x, y, rnd.choice("abc")])
                else:
                    ops.append([op, z, x, y])
                ops.append(["snap", z])
                if rnd.random() < 0.3:
                    ops.append(["pop", z])
                    ops.append(["snap", z])
            progs.append(ops)

    # 4. large sets (digest only), incl. the >50000 growth rule.
    for n, step in ((5000, 1), (20000, 7), (70000, 3)):
        ops = [["new", "a"], ["addrange", "a", -n // 3, n, step], ["digest", "a"],
               ["discardrange", "a", 0, n, 2 * step], ["digest", "a"], ["copy", "b", "a", "a"], ["digest", "b"],
               ["addrange", "a", 0, n, 5], ["digest", "a"]]
        progs.append(ops)
    return progs


def run(progs):
    results = []
    for ops in progs:
        env = {}
        obs = []
        for op in ops:
            k = op[0]
            if k == "new":
                env[op[1]] = set()
            elif k == "add":
                env[op[1]].add(dec(op[2]))
            elif k == "discard":
                env[op[1]].discard(dec(op[2]))
            elif k == "pop":
                s = env[op[1]]
                obs.append(enc(s.pop()) if s else None)
            elif k == "clear":
                env[op[1]].clear()
            elif k == "snap":
                obs.append([enc(v) for v in env[op[1]]])
            elif k == "digest":
                s = env[op[1]]
                obs.append([len(s), str(hash(tuple(s)))])
            elif k == "addrange":
                s = env[op[1]]
                for i in range(op[2], op[3], op[4]):
                    s.add(i)
            elif k == "discardrange":
                s = env[op[1]]
                for i in range(op[2], op[3], op[4]):
                    s.discard(i)
            elif k == "fromlist":
                env[op[1]] = set([dec(v) for v in op[2]])
            elif k == "fromdict":
                env[op[1]] = set(dict.fromkeys([dec(v) for v in op[2]]))
            else:
                z = op[1]
                a = env[op[2]]
                if k == "or":
                    env[z] = a | env[op[3]]
                elif k == "and":
                    env[z] = a & env[op[3]]
                elif k == "sub":
                    env[z] = a - env[op[3]]
                elif k == "xor":
                    env[z] = a ^ env[op[3]]
                elif k == "copy":
                    env[z] = a.copy()
                elif k == "update":
                    a = env[z]
                    a.update(env[op[3]])
                elif k == "iand":
                    a = env[z]
                    a &= env[op[3]]
                elif k == "isub":
                    a = env[z]
                    a -= env[op[3]]
                elif k == "ixor":
                    a = env[z]
                    a ^= env[op[3]]
                elif k == "andlist":
                    env[z] = a.intersection([dec(v) for v in op[3]])
                elif k == "sublist":
                    env[z] = a.difference([dec(v) for v in op[3]])
                elif k == "subdict":
                    env[z] = a.difference(dict.fromkeys([dec(v) for v in op[3]]))
                elif k == "xorlist":
                    env[z] = a.symmetric_difference([dec(v) for v in op[3]])
                elif k == "xordict":
                    a = env[z]
                    a.symmetric_difference_update(dict.fromkeys([dec(v) for v in op[3]]))
                elif k == "updatelist":
                    a = env[z]
                    a.update([dec(v) for v in op[3]])
                elif k == "updatedict":
                    a = env[z]
                    a.update(dict.fromkeys([dec(v) for v in op[3]]))
                elif k == "union3":
                    env[z] = a.union(env[op[3]], env[op[4]])
                elif k == "inter3":
                    env[z] = a.intersection(env[op[3]], env[op[4]])
                elif k == "diff3":
                    env[z] = a.difference(env[op[3]], env[op[4]])
                else:
                    raise ValueError(k)
        results.append(obs)
    return results


def main():
    progs = make_programs()
    rec = {
        "version": "%d.%d.%d" % sys.version_info[:3],
        "seed": os.environ.get("PYTHONHASHSEED", ""),
        "programs": progs,
        "observations": run(progs),
    }
    with open(sys.argv[1], "w") as f:
        json.dump(rec, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
