"""Shared encoding of the golden-case generators (gen_cases.py,
gen_classes.py, gen_builtins2.py and pyexec/stdlib/gen/*.py).

enc() encodes a constant or argument with a type tag; code() encodes a code
object by its CodeType fields (nested code objects in co_consts recursively);
function_case() is one function's entry of a cases file; write_doc() writes a
cases file. pyexec's Go test harness (pyexec/internal/casetest) reads the
same encoding.
"""

import json
import sys
import types


def enc(v):
    """Encode a constant or argument with a type tag."""
    if v is None:
        return {"t": "none"}
    if v is True or v is False:
        return {"t": "bool", "v": v}
    if isinstance(v, int):
        return {"t": "int", "v": str(v)}
    if isinstance(v, float):
        return {"t": "float", "v": v.hex()}
    if isinstance(v, complex):
        return {"t": "complex", "v": [v.real.hex(), v.imag.hex()]}
    if isinstance(v, str):
        return {"t": "str", "v": v}
    if isinstance(v, bytes):
        return {"t": "bytes", "v": v.hex()}
    if isinstance(v, tuple):
        return {"t": "tuple", "v": [enc(x) for x in v]}
    if isinstance(v, list):
        return {"t": "list", "v": [enc(x) for x in v]}
    if isinstance(v, dict):
        return {"t": "dict", "v": [[enc(k), enc(x)] for k, x in v.items()]}
    if isinstance(v, frozenset):
        return {"t": "frozenset", "v": [enc(x) for x in v]}
    if v is Ellipsis:
        return {"t": "ellipsis"}
    if isinstance(v, types.CodeType):
        return {"t": "code", "v": code(v)}
    raise TypeError("cannot encode %r" % (v,))


def code(c):
    """Encode a code object by its CodeType fields."""
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


def function_case(fn, runs, kwdefaults=True):
    """One function's entry of a cases file: its code, defaults and runs
    (kwdefaults=False records none)."""
    return {
        "name": fn.__name__,
        "code": code(fn.__code__),
        "defaults": enc(fn.__defaults__) if fn.__defaults__ else None,
        "kwdefaults": enc(fn.__kwdefaults__) if kwdefaults and fn.__kwdefaults__ else None,
        "runs": runs,
    }


def version():
    """The running CPython's major.minor, as the file names spell it."""
    return "%d.%d" % sys.version_info[:2]


def write_doc(path, doc):
    """Write a cases file (deterministic: sorted keys, one item a line)."""
    with open(path, "w") as f:
        json.dump(doc, f, indent=0, sort_keys=True)
        f.write("\n")
