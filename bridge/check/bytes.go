package check

import (
	"fmt"

	"github.com/pybridge/pybridge/pickle"
)

// maxPickles bounds how many concatenated pickles one input may hold.
const maxPickles = 64

// bytes decodes and checks data, which starts at base in the input: the
// first pickle, then any pickles concatenated after its STOP.
func (c *checker) bytes(data []byte, base int64, prefix []Step) {
	opts := c.opts.Decode
	pos := 0
	for n := 0; ; n++ {
		c.base = base + int64(pos)
		c.prefix = prefix
		if n > 0 {
			c.prefix = append(append([]Step{}, prefix...), Step{Kind: StepTrailing, Index: n - 1, Offset: c.base})
		}
		chunk := data[pos:]
		g, err := opts.Decode(chunk)
		if n > 0 {
			if err != nil && chunk[0] != 0x80 {
				// Trailing bytes that are not a pickle: CPython ignores them.
				c.trailingNote(len(chunk), false)
				return
			}
			c.trailingNote(len(chunk), true)
		}
		if err != nil {
			se := asSyntaxError(err)
			if sg := salvage(&opts, chunk, se); sg != nil {
				c.run(sg, nil)
			}
			abs := *se
			abs.Offset += c.base
			if c.malformed == nil && c.depth == 0 && n == 0 {
				c.malformed = &abs
			}
			op := ""
			if !se.AtEOF {
				op = pickle.OpcodeName(se.Opcode)
			}
			sev := Error
			if n > 0 {
				sev = Warning
			}
			c.findings = append(c.findings, Finding{Rule: RuleMalformed, Severity: sev, Exception: "UnpicklingError",
				Message: abs.Error(), Path: append(append([]Step{}, c.prefix...),
					Step{Kind: StepCulprit, Name: "malformed pickle", Value: op, Index: -1, Offset: abs.Offset}),
				Offset: abs.Offset, Opcode: op, Fix: fixMalform})
			return
		}
		c.run(g, nil)
		if len(g.Trailing) == 0 {
			return
		}
		pos += int(g.End)
		if n+1 >= maxPickles {
			c.base = base + int64(pos)
			c.trailingNote(len(data)-pos, false)
			return
		}
		if allPadding(g.Trailing) {
			return
		}
	}
}

// allPadding reports whether trailing bytes are only whitespace or NULs,
// which files often carry and which hide nothing.
func allPadding(b []byte) bool {
	for _, x := range b {
		if x != 0 && x != '\n' && x != '\r' && x != ' ' && x != '\t' {
			return false
		}
	}
	return true
}

func (c *checker) trailingNote(n int, pickleFollows bool) {
	msg := fmt.Sprintf("%d bytes after STOP: CPython's pickle.loads ignores them", n)
	if pickleFollows {
		msg += ", but a loader that reads the stream again (pickle.load in a loop) runs them; they are checked as another pickle"
	} else {
		msg += "; they are not a pickle"
	}
	c.findings = append(c.findings, Finding{Rule: RuleMalformed, Severity: Warning, Message: msg,
		Path:   append(append([]Step{}, c.prefix...), Step{Kind: StepCulprit, Name: "trailing data", Index: -1, Offset: c.base}),
		Offset: c.base, Fix: "ship exactly one pickle per payload."})
}

// salvage decodes the part of a malformed pickle before the failing
// opcode, so that findings there are kept (fail closed). It ends the
// prefix with NONE STOP; the stack under it becomes Leftover. Zero
// padding after the STOP keeps any FRAME length in the prefix
// satisfiable.
func salvage(opts *pickle.DecodeOptions, data []byte, se *pickle.SyntaxError) *pickle.Graph {
	cut := int(se.Offset)
	if cut < 0 || cut > len(data) {
		cut = len(data)
	}
	if cut == 0 {
		return nil
	}
	buf := make([]byte, 0, 2*len(data)+2)
	buf = append(buf, data[:cut]...)
	buf = append(buf, 'N', '.')
	buf = append(buf, make([]byte, len(data))...)
	g, err := opts.Decode(buf)
	if err != nil {
		return nil
	}
	return g
}
