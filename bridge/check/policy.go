package check

import (
	"strings"
)

// kind is what the policy says about a global.
type kind uint8

const (
	kUnknown    kind = iota
	kAllow           // benign to reference and to call
	kTrampoline      // benign to reference; calls are judged by their arguments
	kDriver          // PySpark driver-only object
	kFile            // opens a file; the mode decides the message
	kResource        // creates a live resource that cannot be pickled
	kNested          // loads a nested pickle or marshalled code
	kExec            // executes code or touches the host
)

// rank orders kinds by how bad they are, for picking the worst of several
// readings of one name.
func (k kind) rank() int {
	switch k {
	case kExec, kNested:
		return 5
	case kResource, kFile, kDriver:
		return 4
	case kTrampoline:
		return 2
	case kAllow:
		return 1
	}
	return 0
}

// verdict is the policy's classification of one dotted name.
type verdict struct {
	kind kind
	// what says what the global does, e.g. "runs a shell command".
	what string
	// pyType is the type of the resource, for resources: "_thread.lock".
	pyType string
	// exc and msg override the Python exception and message.
	exc, msg string
	// fix is the fix hint.
	fix string
	// key is the table entry that matched.
	key string
}

// The fix hints.
const (
	fixFile     = "open the file inside the function that runs on the worker (e.g. per partition), not in __init__ or on the driver."
	fixLock     = "create the lock (or thread) inside the function that runs on the worker, or drop it from the captured object (e.g. in __getstate__)."
	fixConn     = "open the connection inside the function that runs on the worker (e.g. once per partition with mapPartitions), not on the driver."
	fixGen      = "materialise the generator into a list on the driver, or create it inside the function that runs on the worker."
	fixStdin    = "read standard input on the driver and pass the data (or a broadcast variable) to the function."
	fixSC       = "use the SparkContext/SparkSession only on the driver; pass the values the function needs (or a broadcast variable) instead of the context."
	fixRDD      = "collect or broadcast the data you need on the driver; RDDs and DataFrames cannot be used inside transformations (SPARK-5063)."
	fixSnapshot = "the worker gets a read-only copy of the file's text taken on the driver; read the file on the worker (or broadcast its contents) if it changes, and do not write to it."
	fixDanger   = "do not load this payload: it runs %s when it is unpickled. If you produced it, remove the reference to %s from the objects the function captures."
	fixCode     = "do not run this payload: the function's code calls %s. If you wrote it, remove that call."
	fixUnknown  = "make sure the module is installed on the workers (or register it with cloudpickle.register_pickle_by_value); if the global is trusted, add it to the allowlist."
	fixLegacy   = "re-serialise the payload with cloudpickle 1.5 or later on CPython 3.8 or later."
	fixMalform  = "the payload is truncated or corrupt; serialise it again."
)

const (
	sparkContextMsg = "It appears that you are attempting to reference SparkContext from a broadcast variable, action, or transformation. SparkContext can only be used on the driver, not in code that it run on workers. For more information, see SPARK-5063."
	rddMsg          = "It appears that you are attempting to broadcast an RDD or reference an RDD from an action or transformation. RDD transformations and actions can only be invoked by the driver, not inside of other transformations; for example, rdd1.map(lambda x: rdd2.values.count() * x) is invalid because the values transformation and count action cannot be performed inside of the rdd1.map transformation. For more information, see SPARK-5063."
)

// exact and prefix are the policy tables: exact dotted names, and module or
// class prefixes matched component-wise (the longest prefix wins).
var (
	exact  = map[string]verdict{}
	prefix = map[string]verdict{}
	// modules are module names that a dotted global can reach through
	// another module's attributes (pathlib.os.system reaches os.system); a
	// name is judged again from each of them.
	modules = map[string]bool{}
)

func init() {
	for _, m := range strings.Fields(`os posix nt sys subprocess builtins __builtin__ socket shutil pty
		importlib ctypes runpy pickle marshal webbrowser commands _thread threading io _io codecs tempfile
		pathlib types _posixsubprocess multiprocessing urllib2 sqlite3 dill code pdb`) {
		modules[m] = true
	}
}

func add(tab map[string]verdict, names string, v verdict) {
	for _, n := range strings.Fields(names) {
		v.key = n
		tab[n] = v
	}
}

func init() {
	allow := verdict{kind: kAllow}
	exec := func(what string) verdict { return verdict{kind: kExec, what: what} }
	res := func(pyType, fix string) verdict {
		return verdict{kind: kResource, pyType: pyType, fix: fix, what: "creates a live " + pyType + " object"}
	}

	// Benign modules (whole module) and names.
	add(prefix, `math cmath itertools collections _collections _collections_abc string re _sre json
		datetime _datetime decimal _decimal fractions numbers heapq _heapq bisect _bisect statistics
		typing typing_extensions abc _abc enum dataclasses operator _operator functools _functools
		copyreg copy_reg random array _struct struct ipaddress calendar textwrap unicodedata weakref _weakref
		_weakrefset posixpath ntpath genericpath os.path zoneinfo base64 binascii zlib hashlib uuid
		pathlib types time contextlib numbers queue _queue
		numpy pandas.core pandas._libs
		pyspark.serializers pyspark.shuffle pyspark.util pyspark.rdd pyspark.core.rdd pyspark.broadcast
		pyspark.core.broadcast pyspark.resultiterable pyspark.statcounter pyspark.taskcontext
		pyspark.storagelevel pyspark.files pyspark.sql.types pyspark.sql.pandas pyspark.sql.utils pyspark.sql.functions
		pyspark.sql.udf pyspark.sql.conversion pyspark.ml.linalg pyspark.mllib.linalg pyspark.mllib.regression
		pyspark.errors pyspark.accumulators pyspark.worker_util pyspark.profiler pyspark.sql.window
		pyspark.sql.column pyspark.sql.row pyspark.sql.group logging`, allow)
	add(exact, `builtins.type builtins.object builtins.property builtins.staticmethod builtins.classmethod
		builtins.int builtins.str builtins.bytes builtins.bytearray builtins.float builtins.complex builtins.bool
		builtins.list builtins.tuple builtins.dict builtins.set builtins.frozenset builtins.range builtins.slice
		builtins.len builtins.abs builtins.min builtins.max builtins.sum builtins.map builtins.filter builtins.zip
		builtins.enumerate builtins.sorted builtins.reversed builtins.print builtins.repr builtins.hash builtins.id
		builtins.isinstance builtins.issubclass builtins.iter builtins.next builtins.round builtins.pow builtins.divmod
		builtins.ord builtins.chr builtins.any builtins.all builtins.hasattr builtins.callable builtins.format
		builtins.super builtins.memoryview builtins.Ellipsis builtins.NotImplemented builtins.None builtins.ascii
		builtins.bin builtins.hex builtins.oct builtins.aiter builtins.anext
		builtins.BaseException builtins.Exception builtins.ArithmeticError builtins.AssertionError builtins.AttributeError
		builtins.BufferError builtins.EOFError builtins.EnvironmentError builtins.FloatingPointError builtins.GeneratorExit
		builtins.IOError builtins.ImportError builtins.IndexError builtins.KeyError builtins.KeyboardInterrupt
		builtins.LookupError builtins.MemoryError builtins.NameError builtins.NotImplementedError builtins.OSError
		builtins.OverflowError builtins.RecursionError builtins.ReferenceError builtins.RuntimeError builtins.StopIteration
		builtins.StopAsyncIteration builtins.SyntaxError builtins.SystemError builtins.TypeError builtins.UnboundLocalError
		builtins.UnicodeDecodeError builtins.UnicodeEncodeError builtins.UnicodeError builtins.ValueError
		builtins.ZeroDivisionError builtins.Warning builtins.UserWarning builtins.DeprecationWarning builtins.RuntimeWarning
		builtins.FileNotFoundError builtins.PermissionError builtins.TimeoutError builtins.ConnectionError
		io.StringIO _io.StringIO io.BytesIO _io.BytesIO _codecs.encode codecs.encode codecs.decode _codecs.decode
		_thread.get_ident threading.get_ident threading.current_thread _thread._local
		sys.maxsize sys.version_info sys.stdout sys.stderr sys.intern sys.getsizeof sys.byteorder sys.float_info
		sys.platform sys.maxunicode sys.getrecursionlimit sys.version sys.hexversion sys.implementation sys.flags
		sys.getdefaultencoding sys.int_info sys.hash_info
		os.getpid os.getcwd os.environ os.getenv os.sep os.linesep os.name os.cpu_count os.urandom os.fspath
		os.stat_result os.times_result os.terminal_size os.uname_result os.statvfs_result os.curdir os.pardir
		posix.stat_result posix.times_result posix.uname_result posix.statvfs_result posix.environ
		shutil.disk_usage _pickle.PickleBuffer pickle.PickleBuffer`, allow)
	add(exact, `builtins.getattr operator.attrgetter _operator.attrgetter operator.methodcaller _operator.methodcaller
		functools.partial _functools.partial`, verdict{kind: kTrampoline})

	// Code execution and evaluation.
	add(exact, `builtins.eval builtins.exec builtins.compile builtins.__import__ builtins.breakpoint`,
		exec("evaluates or imports Python code"))
	add(exact, `builtins.input builtins.help builtins.exit builtins.quit builtins.globals builtins.locals builtins.vars
		builtins.setattr builtins.delattr`, exec("reads or changes interpreter state"))
	add(exact, `types.FunctionType types.LambdaType types.CodeType`,
		exec("builds a function or code object outside cloudpickle's reconstructors"))
	add(prefix, `code codeop runpy pdb bdb doctest timeit trace profile cProfile idlelib lib2to3 importlib imp
		pkgutil pydoc inspect gc ctypes _ctypes _interpreters _xxsubinterpreters _xxinterpchannels sysconfig
		site sys`, exec("executes or imports code, or reaches interpreter internals"))

	// Processes and the operating system.
	add(prefix, `os posix nt subprocess _posixsubprocess pty commands multiprocessing _multiprocessing signal
		shutil venv ensurepip pip _osx_support _aix_support platform distutils setuptools tempfile glob
		resource fcntl termios tty _winapi msvcrt winreg _winreg`, exec("runs commands or changes the host"))
	add(exact, `os.system posix.system nt.system os.popen posix.popen os.execv os.execve os.execl os.execle
		os.execlp os.execlpe os.execvp os.execvpe posix.execv posix.execve os.spawnv os.spawnve os.spawnl os.spawnle
		os.spawnlp os.spawnlpe os.spawnvp os.spawnvpe os.posix_spawn os.posix_spawnp posix.posix_spawn
		posix.posix_spawnp os.fork posix.fork os.forkpty os.kill posix.kill os.killpg os.remove os.unlink posix.remove
		posix.unlink os.rmdir os.removedirs os.rename os.renames os.replace os.truncate os.chmod os.chown
		os.startfile os.putenv os.unsetenv os.mkdir os.makedirs os.symlink os.link
		subprocess.Popen subprocess.run subprocess.call subprocess.check_call subprocess.check_output
		subprocess.getoutput subprocess.getstatusoutput commands.getoutput commands.getstatusoutput
		pty.spawn shutil.rmtree shutil.move shutil.copy shutil.copyfile shutil.copytree
		uuid._get_command_stdout uuid._popen _osx_support._find_build_tool _aix_support._read_cmd_output
		multiprocessing.util.spawnv_passfds platform.popen`, exec("runs a command or changes the file system"))

	// Files.
	add(exact, `builtins.open io.open _io.open io.open_code _io.open_code io.FileIO _io.FileIO codecs.open
		os.fdopen tempfile.TemporaryFile tempfile.NamedTemporaryFile tempfile.SpooledTemporaryFile
		tempfile.mkstemp pathlib.Path.open pathlib.PosixPath.open pathlib.WindowsPath.open pathlib.Path.write_text
		pathlib.Path.write_bytes pathlib.PosixPath.write_text pathlib.PosixPath.write_bytes
		pathlib.WindowsPath.write_text pathlib.WindowsPath.write_bytes pathlib.Path.touch pathlib.PosixPath.touch
		gzip.open gzip.GzipFile bz2.open bz2.BZ2File lzma.open lzma.LZMAFile`,
		verdict{kind: kFile, what: "opens a file", fix: fixFile})
	add(exact, `pathlib.Path.unlink pathlib.PosixPath.unlink pathlib.Path.rmdir pathlib.PosixPath.rmdir
		pathlib.Path.rename pathlib.PosixPath.rename pathlib.Path.replace pathlib.PosixPath.replace
		pathlib.Path.chmod pathlib.PosixPath.chmod pathlib.Path.symlink_to pathlib.PosixPath.symlink_to
		pathlib.Path.mkdir pathlib.PosixPath.mkdir`, exec("changes the file system"))
	add(prefix, `fileinput linecache shelve dbm tarfile zipfile logging.config`, exec("reads or writes files"))
	add(exact, `logging.FileHandler logging.StreamHandler logging.Handler`, res("_thread.RLock", fixFile))
	add(prefix, `logging.handlers`, res("_thread.RLock", fixConn))

	// Network.
	add(prefix, `socket _socket ssl _ssl http httplib urllib.request urllib2 requests aiohttp asyncio smtplib
		imaplib ftplib poplib telnetlib nntplib xmlrpc xmlrpclib socketserver SocketServer webbrowser select
		selectors mmap urllib3 paramiko`, exec("opens network connections or reaches the host"))
	add(exact, `urllib.urlopen urllib.urlretrieve`, exec("opens network connections"))
	add(exact, `socket.socket _socket.socket socket.SocketType _socket.SocketType`, res("socket", fixConn))

	// Nested deserialisation.
	add(prefix, `pickle _pickle cPickle dill marshal shelve`, exec("deserialises data"))
	add(exact, `pickle.loads _pickle.loads pickle._loads pickle.load _pickle.load pickle._load cPickle.loads
		pickle.Unpickler _pickle.Unpickler dill.loads dill.load cloudpickle.loads cloudpickle.load
		pyspark.cloudpickle.loads pyspark.cloudpickle.load joblib.load torch.load torch.storage._load_from_bytes
		numpy.load pandas.read_pickle cloudpickle.cloudpickle.loads cloudpickle.cloudpickle.load`, verdict{kind: kNested, what: "loads a nested pickle"})
	add(exact, `marshal.loads marshal.load`, verdict{kind: kNested, what: "loads marshalled code"})
	add(exact, `yaml.load yaml.unsafe_load yaml.full_load yaml.load_all yaml.unsafe_load_all`, exec("deserialises YAML with arbitrary objects"))

	// Threads and other live resources.
	add(prefix, `_thread thread threading _threading_local concurrent atexit faulthandler`, exec("starts threads or changes interpreter state"))
	add(exact, `_thread.allocate_lock _thread.allocate _thread.LockType _thread.lock threading.Lock threading.Event
		threading.Semaphore threading.BoundedSemaphore threading.Thread threading.Timer threading.Barrier
		thread.allocate_lock queue.Queue queue.LifoQueue queue.PriorityQueue multiprocessing.Lock`, res("_thread.lock", fixLock))
	add(exact, `_thread.RLock threading.RLock threading._RLock threading.Condition _thread._RLock`, res("_thread.RLock", fixLock))
	add(exact, `sqlite3.connect _sqlite3.connect sqlite3.Connection _sqlite3.Connection sqlite3.dbapi2.connect`,
		res("sqlite3.Connection", fixConn))
	add(exact, `sqlite3.Cursor _sqlite3.Cursor`, res("sqlite3.Cursor", fixConn))
	add(exact, `psycopg2.connect psycopg2._connect`, res("psycopg2.extensions.connection", fixConn))
	add(exact, `pymysql.connect MySQLdb.connect mysql.connector.connect`, res("connection", fixConn))
	add(exact, `pymongo.MongoClient redis.Redis redis.StrictRedis`, res("_thread.lock", fixConn))
	add(exact, `types.GeneratorType`, res("generator", fixGen))
	add(exact, `types.CoroutineType`, res("coroutine", fixGen))
	add(exact, `types.AsyncGeneratorType`, res("async_generator", fixGen))
	add(exact, `types.FrameType sys._getframe`, res("frame", fixGen))
	add(exact, `types.TracebackType`, res("traceback", fixGen))
	stdin := verdict{kind: kResource, pyType: "_io.TextIOWrapper", exc: "PicklingError",
		msg: "Cannot pickle standard input", fix: fixStdin, what: "is the worker's standard input"}
	add(exact, `sys.stdin sys.__stdin__`, stdin)

	// PySpark driver-only objects.
	sc := verdict{kind: kDriver, pyType: "pyspark.context.SparkContext", exc: "PySparkRuntimeError",
		msg: sparkContextMsg, fix: fixSC, what: "is the driver's SparkContext"}
	add(prefix, `pyspark.context.SparkContext pyspark.SparkContext pyspark.core.context.SparkContext
		pyspark.sql.session.SparkSession pyspark.sql.SparkSession pyspark.sql.context.SQLContext
		pyspark.sql.SQLContext pyspark.sql.context.HiveContext pyspark.context pyspark.core.context
		pyspark.sql.session pyspark.java_gateway py4j`, sc)
	rdd := verdict{kind: kDriver, pyType: "pyspark.rdd.RDD", exc: "PySparkRuntimeError", msg: rddMsg, fix: fixRDD,
		what: "is a driver-side RDD"}
	add(prefix, `pyspark.rdd.RDD pyspark.rdd.PipelinedRDD pyspark.core.rdd.RDD pyspark.core.rdd.PipelinedRDD
		pyspark.RDD pyspark.sql.dataframe.DataFrame pyspark.sql.DataFrame pyspark.sql.classic.dataframe.DataFrame
		pyspark.streaming`, rdd)

	// ML framework escapes and scanner evasion.
	add(prefix, `torch.hub torch.jit torch._dynamo torch._inductor torch.utils.collect_env numpy.f2py
		numpy.distutils numpy.testing numpy.ctypeslib fickling picklescan modelscan`, exec("runs code through a framework helper"))
	add(exact, `copyreg.add_extension copyreg.remove_extension copyreg.clear_extension_cache copyreg.pickle
		copyreg.constructor copy_reg.add_extension`, exec("changes the unpickler's registries"))
}

// py2Modules is CPython's _compat_pickle.IMPORT_MAPPING (fix_imports).
var py2Modules = map[string]string{
	"__builtin__": "builtins", "copy_reg": "copyreg", "Queue": "queue", "SocketServer": "socketserver",
	"ConfigParser": "configparser", "repr": "reprlib", "thread": "_thread", "dummy_thread": "_dummy_thread",
	"xmlrpclib": "xmlrpc.client", "SimpleXMLRPCServer": "xmlrpc.server", "httplib": "http.client",
	"htmlentitydefs": "html.entities", "HTMLParser": "html.parser", "Cookie": "http.cookies",
	"cookielib": "http.cookiejar", "BaseHTTPServer": "http.server", "commands": "subprocess",
	"urlparse": "urllib.parse", "robotparser": "urllib.robotparser", "urllib2": "urllib.request",
	"anydbm": "dbm", "_abcoll": "collections.abc", "cPickle": "pickle", "DocXMLRPCServer": "xmlrpc.server",
	"SimpleHTTPServer": "http.server", "CGIHTTPServer": "http.server", "UserDict": "collections",
	"UserList": "collections", "UserString": "collections", "whichdb": "dbm", "StringIO": "io",
	"cStringIO": "io", "exceptions": "builtins", "dbm": "dbm.ndbm", "gdbm": "dbm.gnu", "dumbdbm": "dbm.dumb",
	"dbhash": "dbm.bsd", "markupbase": "_markupbase", "_winreg": "winreg",
}

// py2Names is the part of CPython's _compat_pickle.NAME_MAPPING that
// changes what a name means to the policy.
var py2Names = map[string]string{
	"__builtin__.xrange": "builtins.range", "__builtin__.reduce": "functools.reduce",
	"__builtin__.intern": "sys.intern", "__builtin__.unichr": "builtins.chr", "__builtin__.unicode": "builtins.str",
	"__builtin__.long": "builtins.int", "itertools.izip": "builtins.zip", "itertools.imap": "builtins.map",
	"itertools.ifilter": "builtins.filter", "urllib.urlopen": "urllib.request.urlopen",
	"urllib.urlretrieve": "urllib.request.urlretrieve", "urllib.quote": "urllib.parse.quote",
	"urllib.unquote": "urllib.parse.unquote", "urllib.urlencode": "urllib.parse.urlencode",
	"_socket.fromfd": "socket.fromfd", "multiprocessing.forking.Popen": "multiprocessing.popen_fork.Popen",
}

// py2Map applies Python 2 import fixes to a dotted module.name.
func py2Map(module, name string) string {
	if v, ok := py2Names[module+"."+name]; ok {
		return v
	}
	if m, ok := py2Modules[module]; ok {
		return m + "." + name
	}
	return module + "." + name
}

// dunderEscapes are attribute names that reach interpreter internals.
var dunderEscapes = map[string]bool{
	"__globals__": true, "__subclasses__": true, "__bases__": true, "__mro__": true,
	"__code__": true, "__closure__": true, "f_back": true, "f_globals": true, "f_locals": true, "f_builtins": true,
	"gi_frame": true, "cr_frame": true, "ag_frame": true, "tb_frame": true, "__reduce__": true, "__reduce_ex__": true,
	"__getattribute__": true, "__import__": true, "__loader__": true, "__spec__": true, "func_globals": true,
	"__base__": true,
}

// lookup classifies one dotted name against the tables.
func lookup(s string) verdict {
	if v, ok := exact[s]; ok {
		return v
	}
	p := s
	for {
		if v, ok := prefix[p]; ok {
			return v
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			return verdict{kind: kUnknown}
		}
		p = p[:i]
	}
}

// classify judges a dotted name: the name itself, its Python 2 mapping,
// and every re-rooting at a component that names a module
// (pathlib.os.system reaches os.system). Dunder escapes anywhere are
// dangerous. The worst reading wins; re-rootings count only when they
// are worse than benign.
func classify(s string) verdict {
	best := lookup(s)
	exactHit := best.key == s
	if m, n, ok := strings.Cut(s, "."); ok {
		if mapped := py2Map(m, n); mapped != s {
			if v := lookup(mapped); v.kind.rank() > best.kind.rank() || best.kind == kUnknown && v.kind != kUnknown {
				best = v
			}
		}
	}
	comps := strings.Split(s, ".")
	for i := 1; i < len(comps); i++ {
		c := comps[i]
		if dunderEscapes[c] {
			v := verdict{kind: kExec, what: "reaches interpreter internals through " + c, key: s}
			if v.kind.rank() > best.kind.rank() {
				best = v
			}
			continue
		}
		rest := strings.Join(comps[i:], ".")
		if c == "__builtins__" {
			rest = "builtins." + strings.Join(comps[i+1:], ".")
		} else if !modules[c] || exactHit || i == len(comps)-1 {
			continue
		}
		v := lookup(rest)
		if v.kind.rank() > best.kind.rank() && v.kind.rank() >= kResource.rank() {
			v.what += " (reached through " + strings.Join(comps[:i], ".") + ")"
			best = v
		}
	}
	return best
}

// codeDanger lists the names that make a code object dangerous when they
// appear in co_names, with what they do.
var codeDanger = map[string]string{
	"eval": "evaluates Python source", "exec": "executes Python source", "compile": "compiles Python source",
	"__import__": "imports a module by name", "breakpoint": "starts a debugger",
}

// codeWarn lists co_names that deserve a warning.
var codeWarn = map[string]string{
	"globals": "reads the module globals", "locals": "reads the local namespace", "vars": "reads an object's namespace",
	"input": "reads the worker's standard input",
}

// cloudpickleNamespaces are the packages that vendor cloudpickle.
var cloudpickleNamespaces = []string{"cloudpickle", "pyspark.cloudpickle", "ray.cloudpickle",
	"joblib.externals.cloudpickle", "srsly.cloudpickle", "dask.cloudpickle", "pyspark.serializers.cloudpickle"}

// cpReconstructors are cloudpickle's reconstructor names (1.5–3.1).
var cpReconstructors = map[string]bool{
	"_builtin_type": true, "_make_function": true, "_make_cell": true, "_make_empty_cell": true,
	"_function_setstate": true, "_class_setstate": true, "_make_skeleton_class": true, "_make_skeleton_enum": true,
	"_make_typevar": true, "_make_dict_keys": true, "_make_dict_values": true, "_make_dict_items": true,
	"subimport": true, "dynamic_subimport": true, "_file_reconstructor": true,
	"_get_dataclass_field_type_sentinel": true, "_get_bases": true, "instance": true, "_lookup_module_and_qualname": false,
	"_class_getnewargs": true, "_enum_getnewargs": true,
}

// cpLegacy are reconstructors that only pre-1.5 producers or CPython ≤ 3.7
// emit.
var cpLegacy = map[string]bool{
	"_fill_function": true, "_make_skel_func": true, "_rehydrate_skeleton_class": true, "_gen_ellipsis": true,
	"_gen_not_implemented": true, "_rebuild_tornado_coroutine": true, "_create_parametrized_type_hint": true,
	"cell_set": true, "_make__new__factory": true, "_restore_attr": true, "_find_module": true,
	"_modules_to_main": true, "_getobject": true,
}

// cpName returns the reconstructor name when module is one of cloudpickle's
// modules in a known namespace (including "…cloudpickle" itself, whose
// public API re-exports them), else "".
func cpName(module, name string) string {
	if !strings.Contains(module, "cloudpickle") {
		return ""
	}
	for _, ns := range cloudpickleNamespaces {
		if rest, ok := strings.CutPrefix(module, ns); ok && (rest == "" || rest == ".cloudpickle" || rest == ".cloudpickle_fast") {
			return name
		}
	}
	return ""
}
