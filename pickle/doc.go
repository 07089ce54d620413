// Package pickle reads and writes Python pickles (protocols 0–5) without
// running anything.
//
// Decode turns a pickle into an inert graph of Value nodes: atoms (None,
// Bool, Int, BigInt, Float, Str, Bytes, ByteArray), containers (Tuple, List,
// Dict, Set, FrozenSet) and the nodes that stand for what loading would do
// (Global for an import, Call for REDUCE/NEWOBJ/NEWOBJ_EX/INST/OBJ, Build for
// BUILD, Update for APPENDS/SETITEMS/ADDITEMS on a non-literal object,
// PersistentID, Buffer). No module is imported and no callable is called:
// deciding what a Global or Call means is left to the caller — a checker, or
// a materialiser with an allowlist.
//
// Guarantees on any input: no panic; every error is a *SyntaxError with the
// byte offset and opcode; every declared length is checked against the bytes
// that remain before anything is allocated; decoding, printing and walking
// never recurse on the graph's depth (printers stop at a depth bound);
// resource use is bounded by Limits. Shared references and cycles come back as
// the same pointer, and nothing the stream did is dropped: popped values,
// values left on the stack and bytes after STOP are kept in the Graph.
//
// Decoding follows CPython's C unpickler: the test suite replays the pickles
// of CPython's own pickletester with CPython's verdicts for 3.8–3.13.
//
// Encode writes graphs and plain Go values back to pickle bytes; for plain
// data its output is byte-identical to CPython's pickle.dumps.
//
// Ops lists a stream's opcodes (like pickletools.dis); Tree and TreeJSON
// print a graph for people and tools.
package pickle
