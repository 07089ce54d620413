package pyexec

// OSErrorType is the built-in OSError (IOError and EnvironmentError are
// aliases of it in CPython 3). io.StringIO raises it for unsupported seeks.
var OSErrorType = newType("OSError", ExceptionType)

func init() {
	exceptionTypes = append(exceptionTypes, OSErrorType)
}
