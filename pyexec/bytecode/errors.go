package bytecode

import "fmt"

// DecodeError reports bytecode that failed validation. Offset is the byte offset in
// co_code (or in the exception table when Table is "exception table") of the culprit.
type DecodeError struct {
	Version Version
	Table   string // "" for co_code, or "exception table"
	Offset  int
	Opcode  int    // opcode number, -1 if not applicable
	Name    string // opcode name when known
	Msg     string
}

// Error formats the error as "bytecode 3.12: offset 0x1a (LOAD_ATTR): message".
func (e *DecodeError) Error() string {
	where := "offset"
	if e.Table != "" {
		where = e.Table + " offset"
	}
	op := ""
	switch {
	case e.Name != "":
		op = fmt.Sprintf(" (%s)", e.Name)
	case e.Opcode >= 0:
		op = fmt.Sprintf(" (opcode %d)", e.Opcode)
	}
	return fmt.Sprintf("bytecode %s: %s %#x%s: %s", e.Version, where, e.Offset, op, e.Msg)
}
