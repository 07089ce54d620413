// Package check inspects the inert graph that [pickle.Decode] builds from a
// cloudpickle payload (what PySpark ships to its Python workers) and reports
// every problem it finds, each with the path from the root of the payload
// (the task function or the top object) to the culprit.
//
// The checker never materialises or runs anything: it reads the graph,
// cloudpickle's reconstructor calls and the names and constants of pickled
// code objects. It visits every node once, so its cost is linear in the size
// of the graph even when the payload shares structure exponentially.
//
// # Rules
//
// Every [Finding] carries one of these stable rule ids:
//
//   - unpicklable-resource (RuleResource): an object that real Python could
//     not have pickled, or that would come alive on the worker as a live
//     resource when the payload is loaded: files opened for writing,
//     appending or in binary mode, sockets, locks and threads, database
//     connections, subprocesses, generators and frames, sys.stdin, and
//     driver-only PySpark objects (SparkContext, SparkSession, RDDs and
//     DataFrames; SPARK-5063). The message is the one CPython, cloudpickle
//     or PySpark prints. A file that cloudpickle ships as a read-only
//     snapshot (_file_reconstructor) is a warning: writes on workers are
//     lost.
//   - dangerous-call (RuleDangerousCall): a global that executes code or
//     touches the host at load time (os.system, subprocess, eval/exec,
//     importlib, pickle.loads with its nested payload checked too,
//     marshal.loads, ctypes, sockets, ...), including Python 2 aliases,
//     dotted names that reach a dangerous object through a harmless module,
//     getattr chains, and attributes smuggled through BUILD or SETITEMS on
//     module-level objects.
//   - dangerous-code (RuleDangerousCode): names and attribute chains inside
//     pickled code objects (co_names, co_consts, nested code) that call the
//     same families, reported with the function's qualified name.
//   - unknown-global (RuleUnknownGlobal): a global that is neither on the
//     allowlist of benign names nor known to be dangerous. A warning by
//     default, an error with Options.Strict (default-deny).
//   - malformed (RuleMalformed): the decoder refused the payload. Checking
//     fails closed: findings in the part before the error are kept.
//
// # Reports
//
// [Payload] checks a decoded graph and [Bytes] decodes and checks raw bytes.
// Both return a [*Report], which renders as text (Python's message first,
// then a Spark-style "Serialization stack:" innermost first, the offset and
// a fix), as JSON, or as SARIF 2.1.0. A Report is an error: [Report.Err]
// returns it when a finding reaches the threshold, and errors.As recovers
// it.
package check
