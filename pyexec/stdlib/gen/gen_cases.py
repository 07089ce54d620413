"""Generate golden cases for pybridge's standard-library modules.

Usage: python gen_cases.py OUTDIR

For every case in cases.py (module, source) it compiles a function

    def case():
        import <module>
        return (<source>)

(or, when the source has several lines, uses them as the body after the
import), runs it and records repr(result) or the exception's type and
str(exc). Writes OUTDIR/cases_py3.X.json with the function's code object in
the encoding of pyexec/gen/gen_cases.py.
"""

import json
import os
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from cases import CASES  # noqa: E402


def enc(v):
    """Encodes a constant with a type tag (as pyexec/gen/gen_cases.py)."""
    if v is None:
        return {"t": "none"}
    if v is True or v is False:
        return {"t": "bool", "v": v}
    if isinstance(v, int):
        return {"t": "int", "v": str(v)}
    if isinstance(v, float):
        return {"t": "float", "v": v.hex()}
    if isinstance(v, str):
        return {"t": "str", "v": v}
    if isinstance(v, bytes):
        return {"t": "bytes", "v": v.hex()}
    if isinstance(v, tuple):
        return {"t": "tuple", "v": [enc(x) for x in v]}
    if isinstance(v, frozenset):
        return {"t": "frozenset", "v": [enc(x) for x in v]}
    if v is Ellipsis:
        return {"t": "ellipsis"}
    if isinstance(v, types.CodeType):
        return {"t": "code", "v": code(v)}
    raise TypeError("cannot encode %r" % (v,))


def code(c):
    """Encodes a code object by its CodeType fields."""
    return {
        "argcount": c.co_argcount,
        "posonlyargcount": c.co_posonlyargcount,
        "kwonlyargcount": c.co_kwonlyargcount,
        "nlocals": c.co_nlocals,
        "stacksize": c.co_stacksize,
        "flags": c.co_flags,
        "code": c.co_code.hex(),
        "consts": [enc(x) for x in c.co_consts],
        "names": list(c.co_names),
        "varnames": list(c.co_varnames),
        "freevars": list(c.co_freevars),
        "cellvars": list(c.co_cellvars),
        "filename": c.co_filename,
        "name": c.co_name,
        "qualname": getattr(c, "co_qualname", c.co_name),
        "firstlineno": c.co_firstlineno,
        "linetable": (c.co_linetable if sys.version_info >= (3, 10) else c.co_lnotab).hex(),
        "exceptiontable": getattr(c, "co_exceptiontable", b"").hex(),
    }


def body(module, src):
    lines = ["import " + module] if module else []
    if "\n" in src or src.startswith("return "):
        lines += src.strip("\n").split("\n")
    else:
        lines.append("return (" + src + ")")
    return "def case():\n" + "".join("    " + ln + "\n" for ln in lines)


def main():
    outdir = sys.argv[1]
    ver = "%d.%d" % sys.version_info[:2]
    out = []
    for module, srcs in CASES:
        for i, src in enumerate(srcs):
            vmin = None
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
                rec["exc_type"] = type(e).__name__
                rec["exc_msg"] = str(e)
            out.append(rec)
    path = os.path.join(outdir, "cases_py%s.json" % ver)
    with open(path, "w") as f:
        json.dump({"version": ver, "cases": out}, f, indent=0, sort_keys=True)
        f.write("\n")
    print("wrote", path, len(out), "cases")


if __name__ == "__main__":
    main()
