#!/usr/bin/env python3
"""Driver side: pickle each UDF as PySpark ships it, with fixture inputs
and the outputs CPython gives, into testdata/<case>/.

    cd examples/golden && python3 make_payloads.py

needs CPython (3.11 or 3.12) with cloudpickle; pybridge's Go tests then run
the committed payloads with no Python at all (see README.md). Each case
folder gets:

* payload.pkl  cloudpickle.dumps(udf), what rdd.map(udf) ships;
* input.txt | input.jsonl | input.pkl  the fixture records;
* want.txt (repr of each output) or want.jsonl (json.dumps of each output).

Payloads are made reproducible: the jobs package is pickled by value
(cloudpickle.register_pickle_by_value), its code objects and __file__ name
its file relative to this folder instead of the absolute path of this
checkout, and
PYTHONHASHSEED is 0 (as Spark sets it on its workers).
"""

import json
import os
import pickle
import sys
import types

if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import cloudpickle  # noqa: E402

import jobs  # noqa: E402
import jobs.clean  # noqa: E402


def relative_code(code):
    """code with co_filename relative to HERE, in nested code objects too."""
    consts = tuple(relative_code(c) if isinstance(c, types.CodeType) else c for c in code.co_consts)
    return code.replace(co_filename=os.path.relpath(code.co_filename, HERE), co_consts=consts)


def make_reproducible(module):
    # cloudpickle ships the module's __file__ with each function's globals.
    module.__file__ = os.path.relpath(module.__file__, HERE)
    for value in vars(module).values():
        if isinstance(value, types.FunctionType) and value.__module__ == module.__name__:
            value.__code__ = relative_code(value.__code__)


make_reproducible(jobs.clean)
cloudpickle.register_pickle_by_value(jobs)


class Case:
    def __init__(self, name, udf, records, input_kind, output="repr"):
        self.name, self.udf, self.records = name, udf, records
        self.input_kind, self.output = input_kind, output


CASES = [
    Case("normalize_name", jobs.clean.normalize_name,
         ["  ada   LOVELACE ", "grace hopper", "ALAN", "", "  o'brien  mc-donald"], "text"),
    Case("parse_event", jobs.clean.parse_event,
         ["u1, buy, 10.5, USD", "U2,sell,3,GBP", "u3,refund,-7.25,EUR", "u1,buy,0.1,USD"], "text"),
    Case("order_buckets", jobs.clean.make_bucketer({"small": 20, "medium": 100}), [
        {"id": 1, "items": [{"qty": 2, "price": 3.5}]},
        {"id": 2, "items": [{"qty": 10, "price": 12}]},
        {"id": 3, "items": []},
        {"id": 4, "items": [{"qty": 1, "price": 19.99}, {"qty": 3, "price": 25}]},
    ], "jsonl", output="json"),
    Case("word_stats", jobs.clean.word_stats,
         ["The cat, the hat.", "To be or not to be", "", "Spark! Spark? spark"], "pickle"),
]


def write_case(root, case):
    d = os.path.join(root, case.name)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        if f.startswith(("input.", "want.")) or f == "payload.pkl":
            os.remove(os.path.join(d, f))
    with open(os.path.join(d, "payload.pkl"), "wb") as f:
        f.write(cloudpickle.dumps(case.udf))
    if case.input_kind == "text":
        with open(os.path.join(d, "input.txt"), "w", encoding="utf-8", newline="\n") as f:
            f.write("".join(r + "\n" for r in case.records))
    elif case.input_kind == "jsonl":
        with open(os.path.join(d, "input.jsonl"), "w", encoding="utf-8", newline="\n") as f:
            f.write("".join(json.dumps(r) + "\n" for r in case.records))
    else:
        with open(os.path.join(d, "input.pkl"), "wb") as f:
            pickle.dump(case.records, f, protocol=5)
    render = json.dumps if case.output == "json" else repr
    want = "want.jsonl" if case.output == "json" else "want.txt"
    with open(os.path.join(d, want), "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(render(case.udf(r)) + "\n" for r in case.records))
    print("%s: %d records" % (d, len(case.records)))


def main():
    root = os.path.join(HERE, "testdata")
    for case in CASES:
        write_case(root, case)


if __name__ == "__main__":
    main()
