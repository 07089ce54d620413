"""Generate golden cases for pybridge's standard-library modules.

Usage: python gen_cases.py OUTDIR

For every case in cases.py (module, source) it compiles a function

    def case():
        import <module>
        return (<source>)

(or, when the source has several lines, uses them as the body after the
import), runs it and records repr(result) or the exception's type and
str(exc). Writes OUTDIR/cases_py3.X.json with the function's code object in
the encoding of pyexec/gen/codedump.py. gen_issue4.py reuses run_cases and
write_cases for other case lists.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.append(os.path.join(HERE, "..", "..", "gen"))  # codedump

from cases import CASES  # noqa: E402
from codedump import code, version, write_doc  # noqa: E402


def body(module, src):
    lines = ["import " + module] if module else []
    if "\n" in src or src.startswith("return "):
        lines += src.strip("\n").split("\n")
    else:
        lines.append("return (" + src + ")")
    return "def case():\n" + "".join("    " + ln + "\n" for ln in lines)


def exc_name(e):
    """The exception's type name as the cases record it."""
    return type(e).__name__


def qualified_exc_name(e):
    """The exception's type name, qualified by its module unless builtin."""
    et = type(e)
    name = et.__qualname__
    if et.__module__ not in ("builtins", "__main__"):
        name = et.__module__ + "." + name
    return name


def run_cases(groups, exc=exc_name):
    """Runs every (module, sources) group's sources that the running CPython
    supports (a (min_version, source) pair is skipped below it) and returns
    their records; exc names an exception's type."""
    out = []
    for module, srcs in groups:
        for i, src in enumerate(srcs):
            if isinstance(src, tuple):
                vmin, src = src
                if sys.version_info[:2] < vmin:
                    continue
            ns = {"__name__": "__main__"}
            exec(compile(body(module, src), "<%s#%d>" % (module, i), "exec"), ns)
            fn = ns["case"]
            rec = {"module": module, "src": src, "code": code(fn.__code__)}
            try:
                rec["repr"] = repr(fn())
            except Exception as e:  # noqa: B902
                rec["exc_type"] = exc(e)
                rec["exc_msg"] = str(e)
            out.append(rec)
    return out


def write_cases(outdir, prefix, records):
    """Writes OUTDIR/<prefix>_py3.X.json."""
    ver = version()
    path = os.path.join(outdir, "%s_py%s.json" % (prefix, ver))
    write_doc(path, {"version": ver, "cases": records})
    print("wrote", path, len(records), "cases")


def main():
    write_cases(sys.argv[1], "cases", run_cases(CASES))


if __name__ == "__main__":
    main()
