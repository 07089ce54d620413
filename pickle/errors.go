package pickle

import (
	"errors"
	"fmt"
)

// ErrLimit is wrapped by every SyntaxError that reports an exceeded Limit.
var ErrLimit = errors.New("limit exceeded")

// SyntaxError reports input that Decode refuses: malformed, truncated or
// over a limit. Decode never panics on any input; every refusal is a
// *SyntaxError.
type SyntaxError struct {
	// Offset is the byte offset of the opcode being decoded, or the length
	// of the input when the data ended early.
	Offset int64
	// Opcode is the opcode byte at Offset; it is meaningless when AtEOF.
	Opcode byte
	// AtEOF is set when the input ended before a STOP opcode.
	AtEOF bool
	// Msg says what is wrong.
	Msg string
	// Err is an underlying cause, such as ErrLimit, or nil.
	Err error
}

// Error formats the error as "offset 0x1f3 (BINUNICODE8): message".
func (e *SyntaxError) Error() string {
	if e.AtEOF {
		return fmt.Sprintf("offset %#x: %s", e.Offset, e.Msg)
	}
	name := OpcodeName(e.Opcode)
	if name == "" {
		name = fmt.Sprintf("opcode 0x%02x", e.Opcode)
	}
	return fmt.Sprintf("offset %#x (%s): %s", e.Offset, name, e.Msg)
}

// Unwrap returns the underlying cause.
func (e *SyntaxError) Unwrap() error { return e.Err }
