"""Generate golden cases for enum, dataclasses, typing and _thread on every
CPython version (3.8-3.13).

Usage: python gen_issue4.py OUTDIR

Runs the cases of gen/cases_enum.py, cases_dataclasses.py, cases_typing.py
and cases_thread.py (which gen_cases.py also picks up for the shared 3.11 /
3.12 files) and writes OUTDIR/modules4_py3.X.json in gen_cases.py's format.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import gen_cases  # noqa: E402

FILES = ["cases_enum", "cases_dataclasses", "cases_typing", "cases_thread"]


def main():
    outdir = sys.argv[1]
    ver = "%d.%d" % sys.version_info[:2]
    out = []
    for f in FILES:
        for module, srcs in __import__(f).CASES:
            for i, src in enumerate(srcs):
                if isinstance(src, tuple):
                    vmin, src = src
                    if sys.version_info[:2] < vmin:
                        continue
                ns = {"__name__": "__main__"}
                exec(compile(gen_cases.body(module, src), "<%s#%d>" % (module, i), "exec"), ns)
                fn = ns["case"]
                rec = {"module": module, "src": src, "code": gen_cases.code(fn.__code__)}
                try:
                    rec["repr"] = repr(fn())
                except Exception as e:  # noqa: B902
                    et = type(e)
                    name = et.__qualname__
                    if et.__module__ not in ("builtins", "__main__"):
                        name = et.__module__ + "." + name
                    rec["exc_type"] = name
                    rec["exc_msg"] = str(e)
                out.append(rec)
    path = os.path.join(outdir, "modules4_py%s.json" % ver)
    with open(path, "w") as fh:
        json.dump({"version": ver, "cases": out}, fh, indent=0, sort_keys=True)
        fh.write("\n")
    print("wrote", path, len(out), "cases")


if __name__ == "__main__":
    main()
