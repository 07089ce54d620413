package pyexec

import "github.com/pybridge/pybridge/internal/pyfmt"

// Work done inside builtins.
//
// The evaluation loop counts steps at frame entries and backward jumps
// (Thread.StepBudget), but one instruction can start unbounded work in a
// builtin: sum(range(10**12)), sorted(big), ''.join(...), 'x' * 10**9,
// list(iterable), dict/set construction. Such
// builtins charge steps in proportion to their work (one per item iterated
// or compared, one per chargeBytes bytes copied) through Thread.charge,
// which also checks the step budget and the context, so a Thread's
// StepBudget and Ctx bound them as they bound Python loops.
//
// Results that would be larger than MaxSequenceBytes bytes (str, bytes) or
// MaxSequenceItems items (list, tuple, and the items collected from an
// iterable) raise MemoryError instead of exhausting the host's memory.

const (
	// MaxSequenceBytes is the largest str or bytes that repetition, join
	// and replace build (256 MiB); larger results raise MemoryError.
	MaxSequenceBytes = 1 << 28
	// MaxSequenceItems is the largest list or tuple that repetition builds
	// and the most items a builtin collects from one iterable (32 Mi);
	// more raise MemoryError.
	MaxSequenceItems = 1 << 25
	// chargeBytes is how many bytes of copying count as one step.
	chargeBytes = 64
)

// Formatting (format(), str.format, f-strings and %) refuses results over
// the same limit.
func init() { pyfmt.MaxResultBytes = MaxSequenceBytes }

// charge counts n steps of work done inside a builtin and, once the next
// check is due, enforces the step budget and the context as the evaluation
// loop does. It is safe on a nil Thread (no accounting).
func (t *Thread) charge(n int64) error {
	if t == nil || n <= 0 {
		return nil
	}
	t.steps += n
	if t.steps >= t.limit {
		return t.checkInterrupt()
	}
	return nil
}

// chargeBytes charges the copying of n bytes.
func (t *Thread) chargeBytes(n int64) error { return t.charge(n / chargeBytes) }

// memoryError is the MemoryError of a result over the size limits.
func memoryError() *Exception { return NewException(MemoryErrorType) }

// checkBytes charges building a str or bytes of n bytes and refuses one over
// MaxSequenceBytes.
func (t *Thread) checkBytes(n int64) error {
	if err := t.chargeBytes(n); err != nil {
		return err
	}
	if n > MaxSequenceBytes {
		return memoryError()
	}
	return nil
}

// checkItems charges building a list or tuple of n items (one step per 8
// items copied) and refuses one over MaxSequenceItems.
func (t *Thread) checkItems(n int64) error {
	if err := t.charge(n / 8); err != nil {
		return err
	}
	if n > MaxSequenceItems {
		return memoryError()
	}
	return nil
}
