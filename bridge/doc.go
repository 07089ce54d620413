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
//
// # Running many partitions
//
// An [Executor] runs a loaded [Program] over partitions of records on N
// worker goroutines (default GOMAXPROCS). Each attempt of a task
// materialises its own copy of the payload from the shared decoded graph,
// so no Python object is shared between goroutines. Modes are map, flatmap,
// filter, partition (f(iterator)), pipeline (f(split_index, iterator), the
// shape of PySpark's command function) and reduce; a PySpark command tuple
// (func, profiler, deserializer, serializer) is recognised and run as a
// pipeline with its serializers (package bridge/pyspark registers PySpark's
// globals). Results come back in partition order; a failed job is a
// *TaskError naming the partition, attempt, worker and Python traceback.
// Panics and injected faults are retried on another worker up to
// MaxFailures; timeouts, step budgets and context cancellation stop a task
// promptly and free its worker. [ToPython] and [FromPython] convert Go
// values; see their documentation for the table.
package bridge
