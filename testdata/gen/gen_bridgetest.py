#!/usr/bin/env python3
"""Generate the golden-test case folders under testdata/bridgetest/.

Each case folder is what package bridge/bridgetest and `pybridge test` read:

* ``payload.pkl``: a cloudpickle payload copied from testdata/corpus/
  (cloudpickle 3.1.2 on CPython 3.11 or 3.12);
* ``input.pkl`` / ``input.jsonl`` / ``input.txt``: fixture records;
* ``want.txt`` (repr of each result) or ``want.jsonl`` (json.dumps of each
  result), computed by running the payload in the CPython that made it.

``pass/`` holds cases pybridge must reproduce; ``fail/`` holds cases that
must fail in a given way (a changed output, a Python exception, a refused
payload, a changed check report or disassembly).  check.json and dis.json
of ``pass/`` are written afterwards by ``pybridge test --update
--fingerprints`` (see gen_bridgetest.sh, which runs this script).

The payloads were made by cloudpickle 3.1.2; to load them with the
cloudpickle installed here (2.1.0) the child process aliases the private
reconstructors 3.x moved into ``cloudpickle.cloudpickle``.

Usage (from the repository root):

    PYTHONHASHSEED=0 PYTHONPATH=/tmp/cp python3.11 testdata/gen/gen_bridgetest.py \\
        testdata/bridgetest $(pyenv root)/versions/3.12.1/bin/python
"""

import json
import os
import pickle
import shutil
import subprocess
import sys

CORPUS = "testdata/corpus/cloudpickle-matrix"

# The child runs a payload over its input in the CPython that made it and
# prints a JSON list of output lines and, if it raised, the exception.
CHILD = r"""
import json, pickle, sys
import cloudpickle.cloudpickle as cc
try:
    import cloudpickle.cloudpickle_fast as cf
    for n in dir(cf):
        if n.startswith('_') and not hasattr(cc, n):
            setattr(cc, n, getattr(cf, n))
except ImportError:
    pass
payload, kind, path, fmt = sys.argv[1:5]
with open(payload, 'rb') as f:
    func = pickle.load(f)
if kind == 'none':
    records = None
elif kind == 'pickle':
    with open(path, 'rb') as f:
        records = pickle.load(f)
elif kind == 'jsonl':
    with open(path, encoding='utf-8') as f:
        records = [json.loads(l) for l in f if l.strip()]
else:
    with open(path, encoding='utf-8', newline='') as f:
        records = [l[:-1] if l.endswith('\n') else l for l in f]
        records = [l[:-1] if l.endswith('\r') else l for l in records]
out, exc = [], None
try:
    for r in ([None] if records is None else records):
        v = func() if records is None else func(r)
        out.append(json.dumps(v) if fmt == 'json' else repr(v))
except Exception as e:
    exc = '%s: %s' % (type(e).__name__, e)
print(json.dumps({'lines': out, 'exception': exc}))
"""


class Case:
    def __init__(self, name, payload, input_kind=None, records=None, fmt="repr",
                 raw_input=None, python="3.11", edit=None, check=None,
                 want=True, expect_exception=False):
        self.name = name
        self.payload = payload  # path under CORPUS, or a repository path
        self.input_kind = input_kind  # None, "pickle", "jsonl", "text"
        self.records = records
        self.raw_input = raw_input  # bytes written as is (jsonl, text)
        self.fmt = fmt
        self.python = python
        self.edit = edit  # function(lines) -> lines, applied to want
        self.check = check  # check.json contents to store, or None
        self.want = want
        self.expect_exception = expect_exception


L311 = "py3.11_cpv3.1.2/lambda.pkl"  # lambda x: x * 2
C311 = "py3.11_cpv3.1.2/closure.pkl"  # x + y + GLOBAL_CONST, y = 5, GLOBAL_CONST = 10
E311 = "py3.11_cpv3.1.2/empty_cell.pkl"  # g() reads a free variable never set
L312 = "py3.12_cpv3.1.2/lambda.pkl"
C312 = "py3.12_cpv3.1.2/closure.pkl"


def swap(i, new):
    def edit(lines):
        lines = list(lines)
        lines[i] = new
        return lines
    return edit


CASES = [
    # pass/: pybridge must reproduce CPython's output.
    Case("pass/map_pickle", L311, "pickle",
         [1, 2, 3.5, -4, 10**30, "ab", b"xy", [1, None], (1, "a"), True, 0.1, -0.0, "é\n"]),
    Case("pass/closure_jsonl", C311, "jsonl", fmt="json",
         raw_input=b'1\n2.5\n-15\n12345678901234567890123\n1e3\n\n0\n'),
    Case("pass/text_py312", L312, "text", python="3.12",
         raw_input="spark\n\ncaf\u00e9 \u2615\r\ntab\there\n".encode("utf-8")),
    Case("pass/closure_py312", C312, "pickle", [0, 1, -10, 2.25, 2**70], python="3.12", fmt="json"),
    # fail/: each must fail in its own way.
    Case("fail/mismatch", L311, "pickle", list(range(1, 11)),
         edit=lambda ls: ls[:2] + ["7"] + ls[3:7] + ["17", "18"] + ls[9:]),
    Case("fail/raises", C311, "jsonl", fmt="json",
         raw_input=b'1\n2\n"three"\n4\n', expect_exception=True),
    Case("fail/noinput_raises", E311, expect_exception=True),
    Case("fail/refused", "examples/payloads/file_handle.pkl", "pickle", [1], want=False),
    Case("fail/check_drift", L311, "pickle", [1, 2],
         check={"file": "", "python": "3.8-3.10", "findings": []}),
    # dis.json: the disassembly of C311, written by gen_bridgetest.sh.
    Case("fail/dis_drift", L311, "pickle", [1, 2]),
]


def interpreter(version, py312):
    if version == "3.11":
        return sys.executable
    return py312


def run_child(py, payload, kind, path, fmt):
    env = dict(os.environ, PYTHONHASHSEED="0")
    out = subprocess.run([py, "-c", CHILD, payload, kind, path or "", fmt],
                         check=True, capture_output=True, env=env).stdout
    return json.loads(out)


def main():
    root, py312 = sys.argv[1], sys.argv[2]
    for case in CASES:
        d = os.path.join(root, case.name)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        src = case.payload if case.payload.startswith("examples/") else os.path.join(CORPUS, case.payload)
        payload = os.path.join(d, "payload.pkl")
        shutil.copyfile(src, payload)
        path = None
        if case.input_kind == "pickle":
            path = os.path.join(d, "input.pkl")
            with open(path, "wb") as f:
                pickle.dump(case.records, f, protocol=5)
        elif case.input_kind == "jsonl":
            path = os.path.join(d, "input.jsonl")
            with open(path, "wb") as f:
                f.write(case.raw_input)
        elif case.input_kind == "text":
            path = os.path.join(d, "input.txt")
            with open(path, "wb") as f:
                f.write(case.raw_input)
        if case.want:
            res = run_child(interpreter(case.python, py312), payload, case.input_kind or "none", path, case.fmt)
            if bool(res["exception"]) != case.expect_exception:
                raise SystemExit("%s: unexpected exception state: %r" % (case.name, res["exception"]))
            lines = res["lines"]
            if case.edit:
                lines = case.edit(lines)
            name = "want.jsonl" if case.fmt == "json" else "want.txt"
            with open(os.path.join(d, name), "w", encoding="utf-8", newline="\n") as f:
                f.write("".join(l + "\n" for l in lines))
            print("%s: %d lines%s" % (case.name, len(lines),
                                       ", raised " + res["exception"] if res["exception"] else ""))
        else:
            with open(os.path.join(d, "want.txt"), "w") as f:
                pass
            print("%s: (not run)" % case.name)
        if case.check is not None:
            with open(os.path.join(d, "check.json"), "w") as f:
                f.write(json.dumps(case.check, indent=2) + "\n")


if __name__ == "__main__":
    main()
