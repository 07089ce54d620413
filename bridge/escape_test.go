package bridge

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pybridge/pybridge/bridge/check"
	"github.com/pybridge/pybridge/pickle"
	"github.com/pybridge/pybridge/pyexec"
)

// escapeWant is what each payload of testdata/escape (made by
// testdata/gen/gen_escape.py) must come to when it is loaded WITHOUT the
// checker and run: an error containing the text, or (prefix "= ") exactly
// this repr (prefix "^ ": a repr starting so). Every probe walks toward the host (files, environment,
// processes, threads, interpreter internals) or tries to exhaust it.
var escapeWant = map[string]string{
	"builtins_import_os":     "os.system needs a host capability that is not granted",
	"builtins_module_mutate": "ModuleNotFoundError: No module named 'builtins'",
	"builtins_open":          "NameError: name 'open' is not defined",
	"codecs_open":            "ModuleNotFoundError: No module named 'codecs'",
	"compile_code":           "NameError: name 'compile' is not defined",
	// copy calls neither __reduce__ nor __reduce_ex__ of a user class.
	"copy_reduce":      "^ <__main__.copy_reduce.<locals>.X object at 0x",
	"copy_reduce_eval": "^ <__main__.copy_reduce_eval.<locals>.X object at 0x",
	// Deep nesting: RecursionError (or CPython's result), never a Go
	// stack overflow. "R ": the call returns; repr of the result fails so.
	"deep_dataclass_asdict":  "RecursionError: maximum recursion depth exceeded while calling a Python object",
	"deep_deepcopy":          "RecursionError: maximum recursion depth exceeded while calling a Python object",
	"deep_deque":             "RecursionError: maximum recursion depth exceeded in comparison",
	"deep_dict_eq":           "RecursionError: maximum recursion depth exceeded in comparison",
	"deep_dict_key":          "RecursionError: maximum recursion depth exceeded",
	"deep_eq":                "RecursionError: maximum recursion depth exceeded in comparison",
	"deep_exc_args":          "ValueError: <exception str() failed>",
	"deep_exc_chain":         "ValueError: 299999",
	"deep_except_tuple":      "KeyError: 'k'",
	"deep_frozenset":         "= False",
	"deep_fstring":           "RecursionError: maximum recursion depth exceeded while getting the repr of an object",
	"deep_genexpr":           "RecursionError: maximum recursion depth exceeded",
	"deep_hash_tuple":        "RecursionError: maximum recursion depth exceeded",
	"deep_isinstance":        "RecursionError: maximum recursion depth exceeded in __instancecheck__",
	"deep_itertools_chain":   "RecursionError: maximum recursion depth exceeded",
	"deep_json_result":       "R RecursionError: maximum recursion depth exceeded while getting the repr of an object",
	"deep_list_index":        "RecursionError: maximum recursion depth exceeded in comparison",
	"deep_lt":                "RecursionError: maximum recursion depth exceeded in comparison",
	"deep_map":               "RecursionError: maximum recursion depth exceeded",
	"deep_methodtype":        "RecursionError: maximum recursion depth exceeded while calling a Python object",
	"deep_ordereddict":       "RecursionError: maximum recursion depth exceeded in comparison",
	"deep_partial":           "= 1",
	"deep_print":             "RecursionError: maximum recursion depth exceeded while getting the repr of an object",
	"deep_repr":              "RecursionError: maximum recursion depth exceeded while getting the repr of an object",
	"deep_result":            "R RecursionError: maximum recursion depth exceeded while getting the repr of an object",
	"deep_sorted":            "RecursionError: maximum recursion depth exceeded in comparison",
	"deep_str_dict":          "RecursionError: maximum recursion depth exceeded while getting the repr of an object",
	"deep_typing":            "RecursionError: maximum recursion depth exceeded while getting the repr of an object",
	"deep_zip_enumerate":     "RecursionError: maximum recursion depth exceeded",
	"mem_keep_strings":       "MemoryError: heap of",
	"deep_json_dumps":        "RecursionError: maximum recursion depth exceeded while encoding a JSON object",
	"deep_json_loads":        "RecursionError: maximum recursion depth exceeded while decoding a JSON array",
	"deep_recursion":         "RecursionError: maximum recursion depth exceeded",
	"eval_exec":              "NameError: name 'eval' is not defined",
	"exc_type_attr":          "TypeError: cannot set 'foo' attribute of immutable type 'ValueError'",
	"func_code_mutation":     "= 1", // __code__ cannot be replaced: g still returns 1
	"func_globals_builtins":  "AttributeError: 'NoneType' object has no attribute 'open'",
	"functools_partial_open": "NameError: name 'open' is not defined",
	"gen_frame":              "AttributeError: 'generator' object has no attribute 'gi_frame'",
	"h_class_dict_mutation":  "TypeError: vars() argument must have __dict__ attribute",
	"huge_alloc":             "step budget",
	"huge_pow":               "MemoryError", // 10 ** (10**9) would be over 2**31 bits
	"import_importlib":       "ModuleNotFoundError: No module named 'importlib'",
	"int_str_big":            "step budget", // 2 ** (10**8) is charged before it is computed
	"io_fileio":              "AttributeError: module 'io' has no attribute 'FileIO'",
	"io_open":                "AttributeError: module 'io' has no attribute 'open'",
	"j_module_type_attr":     "TypeError: cannot set 'pwned' attribute of immutable type 'module'",
	"json_object_hook":       "NameError: name 'eval' is not defined",
	"l_instance_class_swap":  "TypeError: __class__ assignment is not supported",
	// Formatting, padding and zero-filled allocations over
	// MaxSequenceBytes raise MemoryError before allocating.
	"m_bytearray_zeros":     "MemoryError",
	"m_bytes_mul":           "MemoryError",
	"m_bytes_zeros":         "MemoryError",
	"m_format_fill_width":   "MemoryError",
	"m_format_float_prec":   "MemoryError",
	"m_format_width":        "MemoryError",
	"m_fstring_width":       "MemoryError",
	"m_pct_float_prec":      "MemoryError",
	"m_pct_int_prec":        "MemoryError",
	"m_pct_total":           "MemoryError",
	"m_pct_width":           "MemoryError",
	"m_str_center":          "MemoryError",
	"m_str_expandtabs":      "MemoryError",
	"m_str_ljust":           "MemoryError",
	"m_str_zfill":           "MemoryError",
	"namedtuple_exec":       "ValueError: Type names and field names must be valid identifiers",
	"object_setattr_type":   "TypeError: cannot set 'foo' attribute of immutable type 'int'",
	"operator_methodcaller": "AttributeError: type object 'object' has no attribute '__subclasses__'",
	"os_environ":            "os.getcwd needs a host capability that is not granted",
	"os_path_host":          "AttributeError: module 'posixpath' has no attribute 'expanduser'",
	"random_urandom":        "os.urandom needs a host capability that is not granted",
	"set_builtin_type_attr": "TypeError: cannot set 'foo' attribute of immutable type 'int'",
	"str_mul_big":           "OverflowError: repeated string is too long",
	"string_formatter_walk": "ValueError",
	"subclasses":            "AttributeError: type object 'object' has no attribute '__subclasses__'", // ().__class__ is tuple (CPython's); the walk stops at object
	"super_dunders":         "AttributeError: 'super' object has no attribute '__subclasses__'",
	"sys_modules":           "ModuleNotFoundError: No module named 'sys'",
	"tb_frame":              "AttributeError: 'NoneType' object has no attribute 'tb_frame'",
	"thread_start":          "can't start new thread (module needs host capability 'threads', not granted)",
	"type_dict_mutate":      "AttributeError: type object 'int' has no attribute '__dict__'",
	"type_setattr_int":      "TypeError: cannot set 'foo' attribute of immutable type 'int'",
	"types_codetype":        "AttributeError: 'code' object has no attribute 'replace'",
	"typing_forwardref2":    "AttributeError: module 'typing' has no attribute 'ForwardRef'",
	"uuid_host":             "AttributeError: module 'uuid' has no attribute 'getnode'",
}

// TestEscapePayloads: every escape probe is refused or harmless even with
// the checker out of the way, within a step budget and a deadline; and no
// probe is missing from the table (or the table from the folder).
func TestEscapePayloads(t *testing.T) {
	files, err := filepath.Glob("../testdata/escape/*.pkl")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".pkl"))
	}
	var want []string
	for n := range escapeWant {
		want = append(want, n)
	}
	sort.Strings(want)
	require.Equal(t, want, names, "testdata/escape and escapeWant disagree")
	for i, name := range names {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(files[i])
			require.NoError(t, err)
			g, err := pickle.Decode(data)
			require.NoError(t, err)
			_ = check.Payload(g, check.DefaultOptions()) // never panics; refusal is not required here
			l, err := Load(g, MaterializeOptions{})
			require.NoError(t, err)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			l.Thread.Ctx = ctx
			l.Thread.StepBudget = 20_000_000
			if strings.HasPrefix(name, "mem_") {
				// The deep_* probes hold a few hundred MiB legitimately.
				l.Thread.MaxHeapBytes = pyexec.HeapBytes() + 256<<20
			}
			start := time.Now()
			v, err := l.Apply(pyexec.MakeInt(0))
			assert.Less(t, time.Since(start), 5*time.Second)
			w := escapeWant[name]
			if w[:2] == "R " {
				require.NoError(t, err)
				_, err := pyexec.Repr(l.Thread, v)
				require.Error(t, err)
				assert.Contains(t, err.Error(), w[2:])
				_, err = ToPickle(l.Thread, v)
				require.Error(t, err)
				assert.Contains(t, err.Error(), "RecursionError")
				_, err = ToJSON(l.Thread, v)
				require.Error(t, err)
				assert.Contains(t, err.Error(), "RecursionError")
				return
			}
			if w[:2] == "= " || w[:2] == "^ " {
				require.NoError(t, err)
				got, err := pyexec.Repr(l.Thread, v)
				require.NoError(t, err)
				if w[0] == '=' {
					assert.Equal(t, w[2:], got)
				} else {
					assert.True(t, strings.HasPrefix(got, w[2:]), got)
				}
				return
			}
			require.Error(t, err, "probe ran to completion")
			assert.Contains(t, err.Error(), w)
			assert.NotContains(t, err.Error(), "internal error", "a Go panic inside the evaluator")
		})
	}
}
