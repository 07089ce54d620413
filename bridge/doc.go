// Package bridge turns checked cloudpickle payloads into running Python
// values: it materialises the inert graph that package pickle decodes into
// pyexec values (functions, closures, code objects, data), infers the
// CPython version that produced the payload, applies a callable to input
// records, and converts results back to pickle graphs.
//
// Materialisation never runs anything the payload names unless it is in a
// fixed, immutable registry built once at start-up: cloudpickle's
// reconstructors under every namespace it is vendored in, copyreg's
// helpers, the safe built-in types and functions of package pyexec, and the
// types module names cloudpickle uses. An unknown or disallowed global is an
// error naming it and its byte offset; it is never skipped.
//
// The walk over the graph is iterative (no recursion on the graph's depth)
// and keeps object identity: a node reached twice gives the same Python
// object, and cycles through lists and dicts come back as cycles.
// cloudpickle's popped state setters (_function_setstate,
// _class_setstate) are applied in stream order, so recursive and mutually
// recursive closures work as they do in CPython.
package bridge
