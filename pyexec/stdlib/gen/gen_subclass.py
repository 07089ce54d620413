"""Generate golden cases for user subclasses of the standard library's
native types on every CPython version (3.8-3.13).

Usage: python gen_subclass.py OUTDIR

Runs the cases of gen/cases_subclass.py (which gen_cases.py also picks up
for the shared 3.11 / 3.12 files) and writes OUTDIR/subclass_py3.X.json in
gen_cases.py's format.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import gen_cases  # noqa: E402
from cases_subclass import CASES  # noqa: E402


def main():
    gen_cases.write_cases(sys.argv[1], "subclass", gen_cases.run_cases(CASES))


if __name__ == "__main__":
    main()
