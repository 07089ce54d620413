package pyexec

// More built-in exception classes.
var (
	// MemoryErrorType is MemoryError, raised for results over the size
	// limits (MaxSequenceBytes, MaxSequenceItems).
	MemoryErrorType = newType("MemoryError", ExceptionType)
	// UnicodeErrorType is UnicodeError.
	UnicodeErrorType = newType("UnicodeError", ValueErrorType)
	// UnicodeEncodeErrorType is UnicodeEncodeError (str.encode).
	UnicodeEncodeErrorType = newType("UnicodeEncodeError", UnicodeErrorType)
	// UnicodeDecodeErrorType is UnicodeDecodeError (bytes.decode).
	UnicodeDecodeErrorType = newType("UnicodeDecodeError", UnicodeErrorType)
)

func init() {
	exceptionTypes = append(exceptionTypes, MemoryErrorType, UnicodeErrorType, UnicodeEncodeErrorType, UnicodeDecodeErrorType)
}
