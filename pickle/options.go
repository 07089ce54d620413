package pickle

import "context"

// Limits bounds what Decode may consume. A zero field takes the value of
// DefaultLimits; a negative field means no limit.
type Limits struct {
	// MaxInputBytes is the largest input accepted.
	MaxInputBytes int64
	// MaxNodes bounds the number of graph nodes created.
	MaxNodes int
	// MaxMemo bounds the number of memo entries.
	MaxMemo int
	// MaxStack bounds the depth of the unpickling stack.
	MaxStack int
	// MaxMarks bounds the number of MARKs open at once.
	MaxMarks int
	// MaxIntBytes bounds the two's-complement length of LONG1/LONG4.
	MaxIntBytes int
	// MaxIntDigits bounds the digits of a text INT or LONG, like CPython's
	// sys.int_max_str_digits (decimal to binary is superlinear).
	MaxIntDigits int
	// MaxStringBytes bounds the total bytes of all str, bytes and
	// bytearray nodes.
	MaxStringBytes int64
}

// DefaultLimits are the limits Decode applies unless told otherwise.
var DefaultLimits = Limits{
	MaxInputBytes:  1 << 30,
	MaxNodes:       1 << 26,
	MaxMemo:        1 << 24,
	MaxStack:       1 << 24,
	MaxMarks:       1 << 16,
	MaxIntBytes:    1 << 20,
	MaxIntDigits:   4300,
	MaxStringBytes: 1 << 30,
}

func (l Limits) withDefaults() Limits {
	pick := func(v, def int) int {
		switch {
		case v == 0:
			return def
		case v < 0:
			return int(^uint(0) >> 1)
		}
		return v
	}
	pick64 := func(v, def int64) int64 {
		switch {
		case v == 0:
			return def
		case v < 0:
			return int64(^uint64(0) >> 1)
		}
		return v
	}
	d := DefaultLimits
	return Limits{
		MaxInputBytes:  pick64(l.MaxInputBytes, d.MaxInputBytes),
		MaxNodes:       pick(l.MaxNodes, d.MaxNodes),
		MaxMemo:        pick(l.MaxMemo, d.MaxMemo),
		MaxStack:       pick(l.MaxStack, d.MaxStack),
		MaxMarks:       pick(l.MaxMarks, d.MaxMarks),
		MaxIntBytes:    pick(l.MaxIntBytes, d.MaxIntBytes),
		MaxIntDigits:   pick(l.MaxIntDigits, d.MaxIntDigits),
		MaxStringBytes: pick64(l.MaxStringBytes, d.MaxStringBytes),
	}
}

// ExtensionName is what an extension code registered with Python's
// copyreg.add_extension stands for.
type ExtensionName struct {
	Module, Name string
}

// DecodeOptions configures decoding. The zero value decodes like CPython's
// pickle.loads with default arguments, within DefaultLimits.
type DecodeOptions struct {
	// Limits bounds resource use; zero fields take DefaultLimits.
	Limits Limits
	// Buffers are the out-of-band buffers NEXT_BUFFER takes, in order
	// (pickle.loads(..., buffers=...)).
	Buffers [][]byte
	// Extensions resolves EXT1/EXT2/EXT4 codes (copyreg's extension
	// registry). A code not in it is an error.
	Extensions map[int32]ExtensionName
	// PersistentLoad, if set, resolves PERSID/BINPERSID ids; otherwise the
	// id is kept as a *PersistentID node.
	PersistentLoad func(id Value) (Value, error)
	// Encoding decodes the 8-bit strings of protocols 0–2 (STRING,
	// BINSTRING, SHORT_BINSTRING): "ASCII" (the default, as in CPython),
	// "latin1", "utf-8", or "bytes" to keep them as *Bytes.
	Encoding string
	// Context, if set, is checked periodically; decoding stops with its
	// error once it is done.
	Context context.Context
}
