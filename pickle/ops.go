package pickle

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"strconv"

	"github.com/pybridge/pybridge/internal/pyrepr"
)

// Op is one opcode of a pickle stream, as a disassembler lists it.
type Op struct {
	// Offset is the byte offset of the opcode.
	Offset int64
	// Code is the opcode byte.
	Code byte
	// Name is the pickletools name of the opcode.
	Name string
	// Arg is the decoded inline argument: nil, int64, uint64, float64,
	// string (for text and unicode arguments), []byte, or [2]string for
	// the module and name of GLOBAL and INST, or *big.Int for LONG1/LONG4.
	Arg any
	// Len is the number of bytes the opcode and its argument take.
	Len int
}

// ArgString renders the argument as pickletools would, in Python syntax.
func (op Op) ArgString() string {
	switch a := op.Arg.(type) {
	case nil:
		return ""
	case int64:
		return strconv.FormatInt(a, 10)
	case uint64:
		return strconv.FormatUint(a, 10)
	case float64:
		return pyrepr.Float(a)
	case string:
		return pyrepr.Str(a)
	case []byte:
		return pyrepr.Bytes(a)
	case [2]string:
		return a[0] + " " + a[1]
	case *big.Int:
		return a.String()
	}
	return fmt.Sprint(op.Arg)
}

// maxOpArg bounds how many bytes of a string argument Ops keeps.
const maxOpArg = 4096

// Ops lists the opcodes of data up to and including the first STOP. It
// checks only what it needs to step through the stream (known opcodes,
// lengths within the data); the returned error, a *SyntaxError, comes with
// the opcodes listed before it. Long string arguments are cut to 4096
// bytes in Arg; Len always covers the whole argument.
func Ops(data []byte) ([]Op, error) {
	var ops []Op
	pos := 0
	for pos < len(data) {
		code := data[pos]
		info := opTable[code]
		start := pos
		pos++
		fail := func(msg string, args ...any) ([]Op, error) {
			return ops, &SyntaxError{Offset: int64(start), Opcode: code, Msg: fmt.Sprintf(msg, args...)}
		}
		if info.name == "" {
			return fail("unknown opcode 0x%02x", code)
		}
		rest := data[pos:]
		var arg any
		n := 0
		fixed := func(k int) bool { n = k; return len(rest) >= k }
		switch info.arg {
		case argNone:
		case argU1:
			if !fixed(1) {
				return fail("argument truncated")
			}
			arg = int64(rest[0])
		case argU2:
			if !fixed(2) {
				return fail("argument truncated")
			}
			arg = int64(binary.LittleEndian.Uint16(rest))
		case argI4:
			if !fixed(4) {
				return fail("argument truncated")
			}
			arg = int64(int32(binary.LittleEndian.Uint32(rest)))
		case argU4:
			if !fixed(4) {
				return fail("argument truncated")
			}
			arg = int64(binary.LittleEndian.Uint32(rest))
		case argU8:
			if !fixed(8) {
				return fail("argument truncated")
			}
			arg = binary.LittleEndian.Uint64(rest)
		case argF8:
			if !fixed(8) {
				return fail("argument truncated")
			}
			arg = math.Float64frombits(binary.BigEndian.Uint64(rest))
		case argLine, argStringLine:
			i := indexByte(rest, '\n')
			if i < 0 {
				return fail("text argument has no terminating newline")
			}
			n = i + 1
			arg = string(clip(rest[:i]))
		case argTwoLines:
			i := indexByte(rest, '\n')
			j := -1
			if i >= 0 {
				j = indexByte(rest[i+1:], '\n')
			}
			if j < 0 {
				return fail("text argument has no terminating newline")
			}
			n = i + 1 + j + 1
			arg = [2]string{string(clip(rest[:i])), string(clip(rest[i+1 : i+1+j]))}
		case argBytes1, argBytes4, argBytes4U, argBytes8, argLong1, argLong4:
			var size uint64
			switch info.arg {
			case argBytes1, argLong1:
				if !fixed(1) {
					return fail("argument truncated")
				}
				size = uint64(rest[0])
			case argBytes8:
				if !fixed(8) {
					return fail("argument truncated")
				}
				size = binary.LittleEndian.Uint64(rest)
			default:
				if !fixed(4) {
					return fail("argument truncated")
				}
				s := int32(binary.LittleEndian.Uint32(rest))
				if s < 0 && info.arg != argBytes4U {
					return fail("negative length %d", s)
				}
				size = uint64(binary.LittleEndian.Uint32(rest))
			}
			if size > uint64(len(rest)-n) {
				return fail("length %d exceeds the %d bytes remaining", size, len(rest)-n)
			}
			body := rest[n : n+int(size)]
			n += int(size)
			switch {
			case info.arg == argLong1 || info.arg == argLong4:
				arg = twosComplementLE(body)
			case code == opShortBinUnicode || code == opBinUnicode || code == opBinUnicode8:
				arg = string(clip(body))
			default:
				arg = append([]byte(nil), clip(body)...)
			}
		}
		pos += n
		ops = append(ops, Op{Offset: int64(start), Code: code, Name: info.name, Arg: arg, Len: 1 + n})
		if code == opStop {
			return ops, nil
		}
	}
	return ops, &SyntaxError{Offset: int64(len(data)), AtEOF: true, Msg: "unexpected end of data: no STOP opcode"}
}

func clip(b []byte) []byte {
	if len(b) > maxOpArg {
		return b[:maxOpArg]
	}
	return b
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}
