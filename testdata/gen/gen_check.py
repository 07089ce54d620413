"""Generate the golden-test payloads of bridge/check (pybridge check).

Run with CPython 3.11 and cloudpickle 2.1.0 installed:

    python3.11 testdata/gen/gen_check.py testdata/check

Every payload is made by real cloudpickle/pickle from stand-in objects
whose __reduce__ names the real global (real Python refuses to pickle a
live file, lock or socket, so the stand-in records the call that would
recreate it), or hand-assembled from opcodes where Python cannot produce
the stream at all. Nothing here is loaded or run. Afterwards run
`go test ./bridge/check/ -update` to rewrite the expected reports.
"""
import io, marshal, os, pickle, pickletools, socket, sqlite3, struct, subprocess, sys, threading, types
import _thread
import cloudpickle

OUT = sys.argv[1] if len(sys.argv) > 1 else "testdata/check"
os.makedirs(OUT, exist_ok=True)


def write(name, data):
    with open(os.path.join(OUT, name + ".pkl"), "wb") as f:
        f.write(data)


class Standin:
    """Pickles as a call of `func(*args)`: what the real object would need."""

    def __init__(self, func, *args):
        self.func, self.args = func, args

    def __reduce__(self):
        return (self.func, self.args)

    def __call__(self, *a):  # pickle requires reduce callables to be callable
        raise RuntimeError("never called")


def fake_module(name, **attrs):
    mod = types.ModuleType(name)
    for k, v in attrs.items():
        if isinstance(v, type):
            v.__module__ = name
            v.__qualname__ = k
        setattr(mod, k, v)
    sys.modules[name] = mod
    parent, _, child = name.rpartition(".")
    if parent:
        if parent not in sys.modules:
            fake_module(parent)
        setattr(sys.modules[parent], child, mod)
    return mod


def rewrite(data, mapping):
    """Re-emit a pickle with some unicode strings replaced; FRAMEs are dropped."""
    out = bytearray()
    ops = list(pickletools.genops(data))
    for i, (op, arg, pos) in enumerate(ops):
        end = ops[i + 1][2] if i + 1 < len(ops) else len(data)
        if op.name == "FRAME":
            continue
        if op.name in ("SHORT_BINUNICODE", "BINUNICODE") and arg in mapping:
            s = mapping[arg].encode()
            out += (b"\x8c" + bytes([len(s)]) if len(s) < 256 else b"X" + struct.pack("<I", len(s))) + s
            continue
        out += data[pos:end]
    return bytes(out)


# --- unpicklable resources -------------------------------------------------

class Processor:
    def __init__(self):
        self.factor = 3
        self.logger = Standin(open, "dummy.log", "w")

    def multiply(self, x):
        return x * self.factor


Processor.__module__ = "__main__"
Processor.__qualname__ = "Processor"
write("resource_write_file", cloudpickle.dumps(Processor().multiply))


def make_lock_closure():
    cfg = {"retries": 3, "lock": Standin(_thread.allocate_lock)}

    def process(x):
        with cfg["lock"]:
            return x + cfg["retries"]
    return process


write("resource_lock_in_dict", cloudpickle.dumps(make_lock_closure()))

sock = Standin(socket.socket)


def send_all(x):
    sock.send(x)
    return x


write("resource_socket_global", cloudpickle.dumps(send_all))

conn = Standin(sqlite3.connect, "app.db")


def lookup(key):
    return conn.execute("select v from kv where k = ?", (key,)).fetchone()


write("resource_sqlite_global", cloudpickle.dumps(lookup))


class SparkContext:
    pass


class RDD:
    pass


fake_module("pyspark.context", SparkContext=SparkContext)
fake_module("pyspark.rdd", RDD=RDD)


def make_spark_closure():
    sc = Standin(SparkContext)
    lookup_rdd = Standin(RDD)

    def func(split, it):
        return [(x, sc, lookup_rdd) for x in it]
    return func


write("resource_spark_context", cloudpickle.dumps((make_spark_closure(), None, None, None)))

write("resource_stdin", cloudpickle.dumps({"input": Standin(getattr, sys, "stdin")}))
write("resource_generator", cloudpickle.dumps([1, Standin(types.GeneratorType)]))
write("resource_rfile_snapshot", cloudpickle.dumps(open(os.path.relpath(__file__), "r")))

# --- dangerous calls -------------------------------------------------------

write("call_os_system", pickle.dumps(Standin(os.system, "id"), protocol=2))
write("call_subprocess", cloudpickle.dumps([Standin(subprocess.check_output, ["id"])]))
inner = pickle.dumps(Standin(os.system, "id"), protocol=4)
write("call_nested_pickle", pickle.dumps(Standin(pickle.loads, inner), protocol=4))
code = compile("import os\nos.system('id')", "<x>", "exec")
write("call_marshal_function",
      cloudpickle.dumps(Standin(types.FunctionType, Standin(marshal.loads, marshal.dumps(code)), {})))
write("call_getattr_chain", cloudpickle.dumps(Standin(Standin(getattr, os, "system"), "id")))
# STACK_GLOBAL 'pathlib' 'os.system' ('id',) REDUCE: a dotted name through an innocent module.
write("call_dotted_pathlib", b"\x80\x04\x8c\x07pathlib\x8c\x09os.system\x93\x8c\x02id\x85R.")
# Protocol 0 with Python 2 module names that fix_imports maps.
write("call_py2_builtin_eval", b"c__builtin__\neval\n(S'__import__(\"os\").system(\"id\")'\ntR.")
write("call_py2_commands", b"ccommands\ngetoutput\n(S'id'\ntR.")
# INST and OBJ call without REDUCE; the OBJ result is popped.
write("call_inst_obj", b"(S'id'\nios\nsystem\n0(cposix\nsystem\nS'id'\no0N.")
# BUILD plants os.system as an attribute of an innocent class; a dotted global reads it back.
write("call_build_smuggle",
      b"\x80\x04\x8c\x0bcollections\x94\x8c\x0bOrderedDict\x93N}\x8c\x01x\x8c\x05posix\x8c\x06system\x93s\x86b0"
      b"h\x00\x8c\x0dOrderedDict.x\x93\x8c\x02id\x85R.")
# SETITEMS on sys.modules.
write("call_setitems_sys_modules", b"\x80\x04\x8c\x03sys\x8c\x07modules\x93\x8c\x02os\x8c\x05posix\x8c\x06system\x93s.")
# A real call, then a memo read of a slot that was never written: findings before the error are kept.
write("call_then_bad_memo", b"\x80\x04\x8c\x05posix\x8c\x06system\x93\x8c\x02id\x85R0h\x07.")
# A benign pickle, then a second one after STOP that calls exec.
write("call_concatenated", pickle.dumps([1, 2], protocol=4) + pickle.dumps(Standin(exec, "print(1)"), protocol=4))
# Vendored namespace: the eval closure below, moved to pyspark.cloudpickle.
# --- dangerous code --------------------------------------------------------

write("code_eval_lambda", cloudpickle.dumps(lambda expr: eval(expr)))
write("code_import_os_system", cloudpickle.dumps(lambda cmd: __import__("os").system(cmd)))


def run_cmd(cmd):
    return os.system(cmd)


run_cmd.__module__ = "__main__"
write("code_global_os_system", cloudpickle.dumps(run_cmd))


def save(rows):
    with open("out.txt", "w") as f:
        f.write(str(rows))


save.__module__ = "__main__"
write("code_open_write", cloudpickle.dumps(save))
write("code_vendored_namespace", rewrite(cloudpickle.dumps(lambda expr: eval(expr)), {
    "cloudpickle.cloudpickle": "pyspark.cloudpickle.cloudpickle",
    "cloudpickle.cloudpickle_fast": "pyspark.cloudpickle.cloudpickle_fast"}))

# --- unknown globals and malformed -----------------------------------------


def helper(x):
    return x


fake_module("mycompany.utils", helper=None)
helper.__module__ = "mycompany.utils"
sys.modules["mycompany.utils"].helper = helper
write("unknown_global", cloudpickle.dumps([helper]))
benign = cloudpickle.dumps(lambda x: x * 2)
write("malformed_truncated", benign[: len(benign) // 2])
print("wrote", len([n for n in os.listdir(OUT) if n.endswith(".pkl")]), "payloads to", OUT)
