#!/usr/bin/env python3
"""Collect the pickles CPython's own test suite feeds to its unpickler.

This imports ``test.pickletester`` of the CPython that runs it and runs the
test methods of ``AbstractUnpickleTests`` and ``AbstractPickleTests`` on a
recording test case whose ``loads`` / ``dumps`` use the C implementation
(``_pickle``).  Every bytes object handed to ``loads`` (and every pickle that
``dumps`` produces) is recorded together with CPython's verdict for it:

* ``verdict``/``exception``/``message``/``repr`` are what
  ``_pickle.loads(data)`` with *default* arguments does at the moment the
  test calls ``loads`` (so that state a test sets up, e.g. copyreg extension
  codes, is in place);
* when the test itself passed keyword arguments (``encoding='bytes'``,
  ``buffers=...``) they are kept in ``test_kwargs`` and the verdict under
  them in ``test_verdict``/``test_exception``/``test_message``/``test_repr``.

Module-level bytes constants named ``DATA*`` are added as well.  Inputs are
de-duplicated by content; ``id`` is the first 16 hex digits of the SHA-256 of
the data, so the same pickle has the same id in every CPython's file.
Inputs larger than 64 KiB (round-trip pickles of AbstractPickleTests: larger
than 16 KiB, and at most 100 distinct per test method) are dropped; the counts
are in the ``.meta.json``.
Memory addresses in reprs and messages (``at 0x7f...``) are replaced by
``at 0x?``, module file paths (``<module 'math' from '...'>``) by ``'?'``, and
reprs are cut at 2000 characters.  Verdicts of pickles whose result contains
a str set depend on hash randomisation: run with PYTHONHASHSEED=0 (the script
re-executes itself with it when missing).

Usage, from the repository root:

    PYTHONHASHSEED=0 $(pyenv root)/versions/3.11.7/bin/python \\
        testdata/gen/gen_conformance.py testdata/conformance

writes ``testdata/conformance/py3.11.json`` (the JSON list of
``{"id", "source_test", "origin", "data_hex", "verdict", "exception",
"message", "repr", ...}``) and ``testdata/conformance/py3.11.meta.json``
(counts).  ``testdata/gen/run_all.sh`` runs it for 3.11, 3.12 and 3.13.
"""

import _pickle
import hashlib
import io
import json
import os
import pickle
import platform
import re
import sys
import unittest

HASHSEED = "0"
MAX_INPUT = 64 * 1024
MAX_REPR = 2000
# Round-trip pickles of AbstractPickleTests (dumps outputs and the loads of
# them) are all valid and very repetitive (test_bytes alone makes ~3000);
# keep at most this many distinct ones per test method.
MAX_ROUNDTRIP_PER_TEST = 100
# ... and drop round-trip pickles bigger than this (test_large_pickles and the
# chunking tests make several ~60 KiB ones that add nothing over smaller ones).
MAX_ROUNDTRIP_INPUT = 16 * 1024
# Tests whose pickles describe the machine or the clock (os.stat, time), so
# their bytes change from run to run.
SKIP_TESTS = {"test_structseq"}
_ADDR = re.compile(r" at 0x[0-9a-fA-F]+")
# "<module 'math' from '/root/.pyenv/...'>" names a path on this machine.
_MODPATH = re.compile(r"(<module '[^']*' from )'[^']*'>")


def _scrub(text):
    """Remove memory addresses and machine paths from a repr or message."""
    return _MODPATH.sub(r"\1'?'>", _ADDR.sub(" at 0x?", text))


def _ensure_hashseed():
    if os.environ.get("PYTHONHASHSEED") != HASHSEED:
        env = dict(os.environ, PYTHONHASHSEED=HASHSEED)
        os.execve(sys.executable, [sys.executable] + sys.argv, env)


def _safe_repr(obj):
    try:
        text = repr(obj)
    except BaseException as exc:  # a repr that raises is itself informative
        return "<repr raised %s>" % type(exc).__name__
    text = _scrub(text)
    if len(text) > MAX_REPR:
        text = text[:MAX_REPR] + "...<truncated>"
    return text


def _judge(data, kwds):
    """Return (result-or-None, exception-or-None, verdict dict)."""
    try:
        res = _pickle.loads(data, **kwds)
    except BaseException as exc:
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return None, exc, {
            "verdict": "rejected",
            "exception": type(exc).__name__,
            "message": _scrub(str(exc))[:MAX_REPR],
        }
    return res, None, {"verdict": "accepted", "repr": _safe_repr(res)}


class Collector:
    """Accumulates distinct inputs in first-seen order."""

    def __init__(self):
        self.entries = {}
        self.dropped = 0
        self.dropped_keys = set()
        self.calls = 0
        self.dumps_per_test = {}
        self.capped_keys = set()

    def add(self, data, source, origin, kwds, default_verdict, test_verdict):
        self.calls += 1
        limit = MAX_INPUT
        if source.startswith("AbstractPickleTests."):
            limit = MAX_ROUNDTRIP_INPUT
        if len(data) > limit:
            key = hashlib.sha256(data).hexdigest()
            if key not in self.dropped_keys:
                self.dropped_keys.add(key)
                self.dropped += 1
            return
        key = hashlib.sha256(data).hexdigest()[:16]
        e = self.entries.get(key)
        if e is None and source.startswith("AbstractPickleTests."):
            n = self.dumps_per_test.get(source, 0)
            if n >= MAX_ROUNDTRIP_PER_TEST:
                self.capped_keys.add(key)
                return
            self.dumps_per_test[source] = n + 1
        if e is not None:
            if source not in e["_sources"]:
                e["_sources"].append(source)
            # Prefer a record whose test called loads with default arguments.
            if "test_kwargs" in e and not kwds and default_verdict is not None:
                for k in ("test_kwargs", "test_verdict", "test_exception",
                          "test_message", "test_repr"):
                    e.pop(k, None)
            return
        if default_verdict is None:
            _, _, default_verdict = _judge(data, {})
        e = {"id": key, "source_test": source, "origin": origin,
             "size": len(data), "data_hex": data.hex()}
        e.update(default_verdict)
        if kwds:
            e["test_kwargs"] = _safe_repr(kwds)
            for k, v in test_verdict.items():
                e["test_" + k] = v
        e["_sources"] = [source]
        self.entries[key] = e


COLLECTOR = Collector()


def _source_name(test):
    name = test._testMethodName
    for cls in type(test).__mro__:
        if name in vars(cls):
            return "%s.%s" % (cls.__name__, name)
    return name


def build_recorder(pt):
    """Build the recording TestCase from the pickletester module ``pt``."""

    class Recorder(pt.AbstractPickleTests, pt.AbstractUnpickleTests,
                   unittest.TestCase):
        pickler = _pickle.Pickler
        unpickler = _pickle.Unpickler
        bad_stack_errors = (pickle.UnpicklingError,)
        truncated_errors = (pickle.UnpicklingError,)
        optimized = False

        def loads(self, buf, **kwds):
            data = bytes(buf)
            src = _source_name(self)
            res, exc, verdict = _judge(data, kwds)
            default_verdict = verdict if not kwds else None
            if kwds:
                # Judge with default arguments too, in the same state.
                _, _, default_verdict = _judge(data, {})
            COLLECTOR.add(data, src, "loads", kwds, default_verdict, verdict)
            if exc is not None:
                raise exc
            return res

        def dumps(self, arg, proto=None, **kwargs):
            f = io.BytesIO()
            _pickle.Pickler(f, proto, **kwargs).dump(arg)
            data = f.getvalue()
            if not kwargs:
                COLLECTOR.add(data, _source_name(self), "dumps", {}, None, None)
            return data

    return Recorder


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: gen_conformance.py OUTDIR\n")
        return 2
    _ensure_hashseed()
    outdir = argv[1]
    from test import pickletester as pt  # the running CPython's own suite

    # Module constants first, so their source names are stable.
    for name in sorted(vars(pt)):
        value = getattr(pt, name)
        if name.startswith("DATA") and isinstance(value, bytes):
            COLLECTOR.add(value, "module:" + name, "constant", {}, None, None)

    recorder = build_recorder(pt)
    loader = unittest.TestLoader()
    names = [n for n in loader.getTestCaseNames(recorder) if n not in SKIP_TESTS]
    suite = unittest.TestSuite(recorder(n) for n in names)
    result = unittest.TestResult()
    devnull = open(os.devnull, "w")
    saved = sys.stdout
    sys.stdout = devnull
    try:
        suite.run(result)
    finally:
        sys.stdout = saved
        devnull.close()

    entries = list(COLLECTOR.entries.values())
    for e in entries:
        others = e.pop("_sources")[1:]
        if others:
            e["also_in"] = others[:10]
    ver = "%d.%d" % sys.version_info[:2]
    os.makedirs(outdir, exist_ok=True)
    path = os.path.join(outdir, "py%s.json" % ver)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(entries, f, indent=0, ensure_ascii=True)
        f.write("\n")

    cats = {}
    for e in entries:
        k = e["verdict"] if e["verdict"] == "accepted" else "rejected:" + e["exception"]
        cats[k] = cats.get(k, 0) + 1
    meta = {
        "python": platform.python_version(),
        "hashseed": int(HASHSEED),
        "tests_run": result.testsRun,
        "test_failures": len(result.failures),
        "test_errors": len(result.errors),
        "tests_skipped": len(result.skipped),
        "distinct_inputs": len(entries),
        "dropped_too_big": COLLECTOR.dropped,
        "max_input": MAX_INPUT,
        "max_roundtrip_input": MAX_ROUNDTRIP_INPUT,
        "roundtrip_inputs_over_per_test_cap": len(COLLECTOR.capped_keys),
        "max_roundtrip_per_test": MAX_ROUNDTRIP_PER_TEST,
        "skipped_tests": sorted(SKIP_TESTS),
        "verdicts": dict(sorted(cats.items())),
        "failing_tests": sorted(t.id().rsplit(".", 1)[-1]
                                for t, _ in result.failures + result.errors),
    }
    with open(os.path.join(outdir, "py%s.meta.json" % ver), "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=1, sort_keys=False)
        f.write("\n")
    print("gen_conformance: python %s: %d distinct inputs (%d dropped as too big), "
          "%d tests run, %d failures, %d errors -> %s (%d bytes)"
          % (meta["python"], len(entries), COLLECTOR.dropped, result.testsRun,
             meta["test_failures"], meta["test_errors"], path, os.path.getsize(path)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
