"""The case framework shared by gen_cloudpickle.py and gen_run.py.

A generator lists its cases (Case: source binding ``func`` plus input
records) and calls main() with a Suite that says how to record them. The
driver re-runs the generator's own script as ``SCRIPT --child OUTDIR`` under
every CPython given; each child pickles every case's ``func`` with
cloudpickle, writes ``OUTDIR/<case>/py3.X.pkl``, loads it back and calls it
on the inputs, and prints its results as JSON. The driver then writes
``OUTDIR/<case>/input.pkl`` and ``want.json`` (gen_cloudpickle.py's
docstring describes the layout).
"""

import hashlib
import json
import os
import pickle
import re
import subprocess
import sys
import textwrap
import traceback

HASHSEED = "0"
REFERENCE = "3.11"
ADDR = re.compile(r" at 0x[0-9a-f]+")


class Case:
    """One function to pickle and the records to call it with."""

    def __init__(self, name, source, inputs):
        self.name = name
        self.source = textwrap.dedent(source).strip() + "\n"
        self.inputs = inputs


class Suite:
    """How a generator records its cases.

    prog names the generator in messages; tracker is the seed prefix of the
    deterministic uuid4 (cloudpickle's class tracker ids); with extended,
    want.json also holds "load_repr" and each exception output its
    "traceback"; width is the case-name column of the summary.
    """

    def __init__(self, prog, script, cases, tracker, extended=False, width=22):
        self.prog = prog
        self.script = os.path.abspath(script)
        self.cases = cases
        self.tracker = tracker
        self.extended = extended
        self.width = width


def _frames(exc):
    out = []
    for fs in traceback.extract_tb(exc.__traceback__):
        if fs.filename.startswith("<pybridge-case:"):
            out.append([fs.name, fs.lineno])
    return out


def _run_case_in_child(suite, case, outdir, tag):
    import cloudpickle

    ns = {"__name__": "__main__", "__builtins__": __builtins__}
    code = compile(case.source, "<pybridge-case:%s>" % case.name, "exec")
    exec(code, ns)
    func = ns["func"]
    result = {"cloudpickle": cloudpickle.__version__}
    try:
        payload = cloudpickle.dumps(func, protocol=5)
    except Exception as exc:
        result["error"] = "cloudpickle.dumps: %s: %s" % (type(exc).__name__, exc)
        return result
    casedir = os.path.join(outdir, case.name)
    os.makedirs(casedir, exist_ok=True)
    fname = "py%s.pkl" % tag
    with open(os.path.join(casedir, fname), "wb") as f:
        f.write(payload)
    result["payload"] = {"file": fname, "size": len(payload),
                         "sha256": hashlib.sha256(payload).hexdigest()}
    try:
        loaded = pickle.loads(payload)
    except Exception as exc:
        result["error"] = "pickle.loads: %s: %s" % (type(exc).__name__, exc)
        return result
    if suite.extended:
        result["load_repr"] = ADDR.sub(" at 0x?", repr(loaded))
    outputs = []
    for record in case.inputs:
        try:
            out = loaded(record)
        except Exception as exc:
            rec = {"exception": type(exc).__name__, "message": str(exc)}
            if suite.extended:
                rec["traceback"] = _frames(exc)
            outputs.append(rec)
        else:
            outputs.append({"repr": repr(out)})
    result["outputs"] = outputs
    return result


def _deterministic_uuid4(prefix):
    """Make uuid.uuid4 (cloudpickle's class tracker ids) repeatable."""
    import uuid

    state = {"n": 0}

    def fake_uuid4():
        state["n"] += 1
        digest = hashlib.sha256(prefix + b"%d" % state["n"]).digest()
        return uuid.UUID(bytes=digest[:16], version=4)

    uuid.uuid4 = fake_uuid4


def child(suite, outdir):
    tag = "%d.%d" % sys.version_info[:2]
    _deterministic_uuid4(suite.tracker)
    results = {}
    for case in suite.cases:
        results[case.name] = _run_case_in_child(suite, case, outdir, tag)
    json.dump({"python": tag, "results": results}, sys.stdout)


def driver(suite, outdir, pythons):
    env = dict(os.environ, PYTHONHASHSEED=HASHSEED)
    by_version = {}
    failed = {}
    for py in pythons:
        proc = subprocess.run([py, suite.script, "--child", outdir],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if proc.returncode != 0:
            failed[py] = proc.stderr.decode(errors="replace").strip().splitlines()[-1:]
            print("%s: %s failed: %s" % (suite.prog, py, failed[py]))
            continue
        data = json.loads(proc.stdout)
        by_version[data["python"]] = data["results"]
        print("%s: %s -> python %s" % (suite.prog, py, data["python"]))

    versions = sorted(by_version, key=lambda v: tuple(int(p) for p in v.split(".")))
    for case in suite.cases:
        casedir = os.path.join(outdir, case.name)
        os.makedirs(casedir, exist_ok=True)
        with open(os.path.join(casedir, "input.pkl"), "wb") as f:
            f.write(pickle.dumps(case.inputs, protocol=5))
        want = {"case": case.name, "source": case.source,
                "inputs_repr": [repr(x) for x in case.inputs]}
        per = {v: by_version[v][case.name] for v in versions}
        ok = [v for v in versions if "outputs" in per[v]]
        ref = REFERENCE if REFERENCE in ok else (ok[0] if ok else None)
        want["cloudpickle"] = sorted({r["cloudpickle"] for r in per.values()})
        if ref is not None:
            want["outputs_python"] = ref
            if suite.extended:
                want["load_repr"] = per[ref]["load_repr"]
            want["outputs"] = per[ref]["outputs"]
            diff = {v: per[v]["outputs"] for v in ok if per[v]["outputs"] != want["outputs"]}
            if diff:
                want["outputs_by_version"] = diff
        want["payloads"] = {v: per[v]["payload"] for v in versions if "payload" in per[v]}
        errors = {v: per[v]["error"] for v in versions if "error" in per[v]}
        if errors:
            want["errors"] = errors
        with open(os.path.join(casedir, "want.json"), "w", encoding="utf-8") as f:
            json.dump(want, f, indent=1, ensure_ascii=True)
            f.write("\n")
        note = ""
        if errors:
            note += " errors=%s" % sorted(errors)
        if "outputs_by_version" in want:
            note += " differing=%s" % sorted(want["outputs_by_version"])
        print("  %-*s %d payloads%s" % (suite.width, case.name, len(want["payloads"]), note))
    return 1 if failed else 0


def main(suite, argv):
    """Runs the generator: ``SCRIPT OUTDIR PYTHON...`` drives, ``SCRIPT
    --child OUTDIR`` records one CPython."""
    if len(argv) == 3 and argv[1] == "--child":
        child(suite, argv[2])
        return 0
    if len(argv) < 3:
        sys.stderr.write("usage: %s.py OUTDIR PYTHON [PYTHON...]\n" % suite.prog)
        return 2
    return driver(suite, argv[1], argv[2:])
