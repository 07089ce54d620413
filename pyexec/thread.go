package pyexec

import (
	"context"
	"io"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/internal/pyfmt"
	"github.com/pybridge/pybridge/pyexec/bytecode"
	"github.com/pybridge/pybridge/pyexec/pyhash"
)

// DefaultRecursionLimit is CPython's default sys.getrecursionlimit().
const DefaultRecursionLimit = 1000

// ctxCheckInterval is how many steps pass between cancellation checks.
const ctxCheckInterval = 1 << 12

// Thread is the per-goroutine state of the interpreter. A Thread must not be
// used by two goroutines at once.
type Thread struct {
	// Name is an optional label for the thread (for diagnostics).
	Name string
	// Ctx, when set, is checked periodically; once done, evaluation stops
	// with a KeyboardInterrupt carrying the context's error.
	Ctx context.Context
	// Stdout receives print() output; nil discards it.
	Stdout io.Writer
	// RecursionLimit bounds the depth of nested Python calls (default
	// DefaultRecursionLimit); exceeding it raises RecursionError.
	RecursionLimit int
	// StepBudget bounds the number of steps (0: no limit); exceeding it
	// stops evaluation with an error that Python code cannot catch.
	//
	// Steps are not counted per instruction but where control can loop
	// or recurse: each entry into a frame (a call, a generator resume, a
	// handler entered after an exception) is one step, a backward jump
	// charges the number of instructions it jumps back over (so a loop
	// costs about as many steps as the instructions of its body), and
	// builtins that do unbounded work in one instruction charge for it
	// (limits.go). Code that runs between two counted points never jumps
	// backward, so it is bounded by the length of its code object: the
	// budget and Ctx stop any code promptly, and for loop-heavy code the
	// count stays close to the number of instructions executed.
	StepBudget int64
	// MaxHeapBytes, when positive, stops running code with a MemoryError
	// that Python code cannot catch once the process's Go heap (HeapBytes,
	// checked where the step budget is) is over it: the guard against a
	// function that keeps many large values alive. Pair it with
	// runtime/debug.SetMemoryLimit at about the same figure, so that the
	// collector frees garbage before the limit is reached.
	MaxHeapBytes int64

	version bytecode.Version
	hash    *pyhash.Hasher
	steps   int64
	limit   int64
	depth   int
	// ndepth counts native recursion: comparisons, hashes, reprs... that
	// descend into the items of a container (EnterNative). Up to 3.11 it
	// shares the recursion limit with Python frames (sharedDepth mirrors
	// it then); from 3.12 it has its own limit, as CPython's C recursion.
	ndepth      int
	sharedDepth int
	// handled is the exception currently being handled (sys.exc_info()).
	handled *Exception
	// stack is the pool that frames carve their locals and value stacks from.
	stack []py.Object
	sp    int
	// frames are reusable frame records indexed by depth.
	frames []*frame
	repr   reprGuard
	// modules is sys.modules: the modules imported by this thread.
	modules map[string]*Module
	// ints is the slab boxInt carves ints from (box.go).
	ints []py.Int
	// shc caches str hashes (strHash, box.go).
	shc *[strHashCacheSize]strHashCache
	// pctArgs is the argument array str % tuple reuses (percentFormat);
	// nil while a formatting is using it.
	pctArgs []pyfmt.Arg
	// setEq is the element equality of sets (eqFor, set.go).
	setEq func(a, b py.Object) (bool, error)
	// iters are free for-loop iterators (iter_pool.go).
	iters iterPool
	// ctors caches how to instantiate recently called user classes
	// (ctorFor, instance.go).
	ctors [ctorCacheSize]*ctorCache
}

// NewThread returns a thread that reproduces CPython version v with
// PYTHONHASHSEED=0.
func NewThread(v bytecode.Version) *Thread {
	return &Thread{version: v, RecursionLimit: DefaultRecursionLimit}
}

// Version returns the CPython version the thread reproduces.
func (t *Thread) Version() bytecode.Version { return t.version }

// SetHashSeed selects PYTHONHASHSEED for str/bytes hashing.
func (t *Thread) SetHashSeed(seed uint32) { t.hash = pyhash.New(t.version.Minor, seed) }

// Steps returns the number of steps counted so far (see StepBudget).
func (t *Thread) Steps() int64 { return t.steps }

func (t *Thread) minor() int {
	if t == nil {
		return 12
	}
	return t.version.Minor
}

// seed0Hashers are the shared PYTHONHASHSEED=0 hashers, by minor version.
var seed0Hashers = func() (hs [14]*pyhash.Hasher) {
	for m := range hs {
		hs[m] = pyhash.New(m, 0)
	}
	return
}()

var defaultHasher = seed0Hashers[12]

func (t *Thread) hasher() *pyhash.Hasher {
	if t == nil {
		return defaultHasher
	}
	if t.hash == nil {
		m := t.version.Minor
		if m < 0 || m >= len(seed0Hashers) {
			t.hash = pyhash.New(m, 0)
		} else {
			t.hash = seed0Hashers[m]
		}
	}
	return t.hash
}

// sameHasher reports whether a and b hash every key alike: same string
// algorithm and seed, and the same hash(None) rule (constant from 3.12).
func sameHasher(a, b *pyhash.Hasher) bool {
	return a == b || a.Algorithm() == b.Algorithm() && a.Seed() == b.Seed() && (a.Minor() >= 12) == (b.Minor() >= 12)
}

// cRecursionLimit is CPython's limit on C recursion from 3.12, which no
// longer shares sys.getrecursionlimit() with Python frames (Py_C_RECURSION_LIMIT).
func cRecursionLimit(minor int) int {
	switch {
	case minor < 12:
		return 0
	case minor == 12:
		return 1500
	}
	return 10000
}

// EnterNative counts one level of native recursion: an operation (==, <,
// hash, repr, deepcopy, next of a wrapping iterator...) about to descend
// into a contained object. Past the limit it returns CPython's
// RecursionError, "maximum recursion depth exceeded" followed by what. A
// nil error must be paired with LeaveNative. This is what keeps a deeply
// nested value (a list nested a million times) from overflowing the Go stack.
func (t *Thread) EnterNative(what string) error {
	t.ndepth++
	d, lim := t.ndepth, cRecursionLimit(t.version.Minor)
	if lim == 0 {
		t.sharedDepth++
		d += t.depth
		lim = t.recursionLimit()
	}
	if d > lim {
		t.LeaveNative()
		return Errorf(RecursionErrorType, "maximum recursion depth exceeded%s", what)
	}
	return nil
}

// LeaveNative ends a level begun by EnterNative.
func (t *Thread) LeaveNative() {
	t.ndepth--
	if cRecursionLimit(t.version.Minor) == 0 {
		t.sharedDepth--
	}
}

// EnterFrames counts n Python frames of recursion for a native function
// that CPython writes in Python (copy.deepcopy descends two frames per
// level), against the limit of Python frames. Past it, it returns the
// RecursionError CPython would raise there. A nil error must be paired
// with LeaveFrames(n).
func (t *Thread) EnterFrames(n int) error {
	if t.depth+t.sharedDepth+n > t.recursionLimit() {
		if t.version.Minor < 12 {
			return Errorf(RecursionErrorType, "maximum recursion depth exceeded while calling a Python object")
		}
		return Errorf(RecursionErrorType, "maximum recursion depth exceeded")
	}
	t.sharedDepth += n
	return nil
}

// LeaveFrames ends what EnterFrames(n) began.
func (t *Thread) LeaveFrames(n int) { t.sharedDepth -= n }

// orScratch returns t, or for host code that passed no thread a fresh one
// reproducing 3.12 (the version nil threads stand for), so that recursion
// through nested values is counted.
func orScratch(t *Thread) *Thread {
	if t != nil {
		return t
	}
	return NewThread(bytecode.Version{Major: 3, Minor: 12})
}

// checkInterrupt is called every ctxCheckInterval steps and when the step
// limit is reached.
func (t *Thread) checkInterrupt() error {
	if t.StepBudget > 0 && t.steps >= t.StepBudget {
		return hostAbort(RuntimeErrorType, "step budget of %d instructions exhausted", t.StepBudget)
	}
	if t.Ctx != nil {
		select {
		case <-t.Ctx.Done():
			return hostAbort(KeyboardInterruptType, "%v", t.Ctx.Err())
		default:
		}
	}
	if t.MaxHeapBytes > 0 {
		if err := t.checkHeap(); err != nil {
			return err
		}
	}
	t.limit = t.steps + ctxCheckInterval
	if b := t.StepBudget; b > 0 && b < t.limit {
		t.limit = b
	}
	return nil
}

// backEdge charges a backward jump over n instructions and, once the next
// check is due, enforces the step budget and the context.
func (t *Thread) backEdge(n int) error {
	t.steps += int64(n)
	if t.steps >= t.limit {
		return t.checkInterrupt()
	}
	return nil
}

// alloc carves n zeroed slots from the thread's value pool.
func (t *Thread) alloc(n int) []py.Object {
	if t.sp+n > len(t.stack) {
		// Start a new chunk; frames keep their slices into the old one.
		size := 4096
		if n > size {
			size = n
		}
		t.stack = make([]py.Object, size)
		t.sp = 0
	}
	s := t.stack[t.sp : t.sp+n : t.sp+n]
	t.sp += n
	return s
}

// release returns slots taken by alloc (in LIFO order) and clears them.
func (t *Thread) release(s []py.Object) {
	clearObjs(s)
	if n := len(s); n > 0 && t.sp >= n && &t.stack[t.sp-n] == &s[0] {
		t.sp -= n
	}
}

// msgFloatMod is the ZeroDivisionError text of float % 0.
func (t *Thread) msgFloatMod() string {
	if t.minor() >= 13 {
		return "float modulo by zero"
	}
	return "float modulo"
}

// clearObjs sets every element of s to nil. For the few slots of a call's
// arguments or a frame it is cheaper than clear, which calls into the
// runtime twice (bulk write barrier and memclr) whatever the length, and
// while the garbage collector marks, walks the slots' pointer bitmap. The
// loop runs backwards: the compiler turns a forward range loop that stores
// nil into that very clear.
func clearObjs(s []py.Object) {
	for i := len(s) - 1; i >= 0; i-- {
		s[i] = nil
	}
}
