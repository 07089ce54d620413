"""Payloads that try to outlast pybridge's step budget or cancellation.

Run with CPython 3.11 and cloudpickle 2.1.0 (PYTHONHASHSEED=0):
    python3 testdata/gen/gen_limits.py testdata/limits
CPython itself would never finish these functions; the tests only check that
pybridge stops them.
"""
import os
import sys

import cloudpickle


def swallow_everything(_):
    # Catches every exception it can, at two levels, forever.
    while True:
        try:
            try:
                while True:
                    pass
            except BaseException:
                pass
        except BaseException:
            pass


def finally_forever(_):
    while True:
        try:
            while True:
                pass
        finally:
            while True:
                pass


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for f in (swallow_everything, finally_forever):
        with open(os.path.join(out, f.__name__ + ".pkl"), "wb") as fh:
            fh.write(cloudpickle.dumps(f, protocol=5))


if __name__ == "__main__":
    main()
