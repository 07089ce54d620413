// Package pyexec evaluates CPython 3.8–3.13 bytecode in Go.
//
// A [Code] is built once from the fields of a CPython code object
// ([CodeSpec]) and decoded by package bytecode into one normalised
// instruction set. A [Function] pairs a Code with its globals, defaults and
// closure cells; [Call] is the single call dispatch for every callable. A
// [Thread] holds per-goroutine state: recursion depth, step budget,
// cancellation, the print sink and the CPython version whose behaviour is
// reproduced.
//
// The value interface is gpython's py.Object. gpython's value types (py.Int,
// *py.BigInt, py.Float, py.Bool, py.None, py.String, py.Bytes, py.Tuple,
// *py.List) are used as plain data; every operation on them goes through
// this package's dispatch functions ([Repr], [Str], [Hash], [Equal],
// [Compare], [BinaryOp], [UnaryOp], [GetAttr], [SetAttr], [GetItem],
// [SetItem], [DelItem], [Iterate], [Next], [Contains], [Truth], [Len]), which
// reproduce CPython's results and error messages. pyexec supplies its own
// ordered [Dict], [Set], [Function], [Cell], [Exception], [ByteArray],
// [MemoryView] (one-dimensional byte views; see memoryview.go for how it
// differs from CPython) and iterator types.
//
// The design follows go.starlark.net: one value interface with optional
// capability interfaces, standalone dispatch functions, a Thread for
// per-goroutine state and one evaluation loop (eval.go).
//
// Exceptions are Go errors of type *Exception that carry the Python
// exception object (type, args, traceback); [Exception.Traceback] formats
// them as CPython prints them. 3.11+ code routes them through the exception
// table (bytecode.Program.Handlers); 3.8–3.10 code through a per-frame block
// stack that reproduces CPython's SETUP_FINALLY / POP_BLOCK / END_FINALLY
// unwinding and its six-value handler layout (eval_legacy.go).
//
// Generators ([Generator], eval_gen.go) implement send, throw, close and
// __next__, delegation (yield from) on every version, PEP 479 and
// StopIteration.value; eval_match.go implements the match statement's ops.
//
// Hashing: str and bytes hash as CPython of the Thread's version does
// (SipHash-2-4 before 3.11, SipHash-1-3 after). A [Dict] or [Set] keeps the
// hasher of the thread that first used it, so lookups from code without a
// thread (or from a thread of another version) find the same keys.
//
// Sorting: list.sort and sorted are CPython's timsort (timsort.go), with
// the merge policy and run detection of the thread's version, so a user
// __lt__ is called on the same pairs in the same order as in CPython.
//
// Limits: the evaluation loop counts steps where control can loop or
// recurse, not per instruction: one per frame entry (call, generator
// resume, exception handler) and, at each backward jump, the number of
// instructions jumped back over, so straight-line code between two counted
// points is bounded by its code object's length and a loop costs about as
// many steps as the instructions it runs. Builtins that do unbounded work in
// one instruction (sum, sorted, str.join, sequence repetition,
// list(iterable), …) charge steps for it, so Thread.StepBudget and Ctx
// bound them; results over MaxSequenceBytes or
// MaxSequenceItems raise MemoryError (limits.go). Default reprs and id()
// show deterministic fake addresses ([FakeAddr]), never Go addresses.
// [SupportedVersions] lists the CPython versions the evaluator runs.
//
// Concurrency: a Thread, and the mutable Python values it creates, belong to
// one goroutine. Code objects may be shared: their inline caches are
// updated atomically.
package pyexec
