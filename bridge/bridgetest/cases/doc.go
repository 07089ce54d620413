// Package cases runs golden-file test cases for cloudpickle payloads
// without Python: the engine behind package bridgetest and `pybridge test`.
//
// A case folder holds what a PySpark driver would ship and what the
// function gave on fixture inputs:
//
//	payload.pkl    cloudpickle.dumps(func), as the driver ships it
//	input.pkl      pickle.dumps(records), or input.jsonl (JSON Lines)
//	               or input.txt (one str record a line); optional
//	want.txt       repr() of each result, one a line (or want.jsonl:
//	               json.dumps of each result, one a line)
//	check.json     optional: `pybridge check --golden` report of the payload
//	dis.json       optional: `pybridge dis --format json --no-offsets` of it
//
// [Case.Test] checks the payload (a checker finding at error severity
// refuses it), runs it over the input records as one partition of a
// bridge.Executor job (each record through the callable, as rdd.map does,
// or another rdd method: see Options.Mode; a PySpark command tuple as its
// pipeline) and compares the results with the golden file, then compares check.json
// and dis.json when present, so a change in what the driver ships is
// noticed even when the outputs stay the same. A mismatch is a unified
// diff whose lines carry record numbers; a Python exception is the input
// record and CPython's traceback.
package cases
