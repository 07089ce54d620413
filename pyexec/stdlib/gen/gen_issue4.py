"""Generate golden cases for enum, dataclasses, typing and _thread on every
CPython version (3.8-3.13).

Usage: python gen_issue4.py OUTDIR

Runs the cases of gen/cases_enum.py, cases_dataclasses.py, cases_typing.py
and cases_thread.py (which gen_cases.py also picks up for the shared 3.11 /
3.12 files) and writes OUTDIR/modules4_py3.X.json in gen_cases.py's format.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import gen_cases  # noqa: E402

FILES = ["cases_enum", "cases_dataclasses", "cases_typing", "cases_thread"]


def main():
    groups = [g for f in FILES for g in __import__(f).CASES]
    gen_cases.write_cases(sys.argv[1], "modules4", gen_cases.run_cases(groups, gen_cases.qualified_exc_name))


if __name__ == "__main__":
    main()
