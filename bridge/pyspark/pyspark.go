// Package pyspark implements in Go the pyspark globals that PySpark 3.3–4.x
// command payloads reference by name, and registers them with package
// bridge's registry. Import it for its side effects:
//
//	import _ "github.com/pybridge/pybridge/bridge/pyspark"
//
// PySpark pickles its own per-operation wrappers (RDD.map.<locals>.func,
// PipelinedRDD.__init__.<locals>.pipeline_func, combineLocally,
// add_shuffle_key, …) by value, so their bytecode runs in pyexec as it
// would in CPython; only the module-level names they use travel by
// reference and must exist here:
//
//   - pyspark.util.fail_on_stopiteration: a StopIteration escaping the
//     user's function becomes PySparkRuntimeError [STOP_ITERATION_OCCURRED]
//     (the 3.4+ wording), with the StopIteration as its __context__.
//   - pyspark.serializers: PickleSerializer, CloudPickleSerializer,
//     CPickleSerializer (its alias since Spark 3.3), BatchedSerializer,
//     AutoBatchedSerializer, UTF8Deserializer, NoOpSerializer,
//     PairDeserializer, CartesianDeserializer, CompressedSerializer, and
//     pack_long. Each serializer is a bridge.StreamSerializer: the executor
//     reads a command's input with its deserializer and writes its output
//     with its serializer, framed as PySpark frames them (§8 of the worker
//     protocol notes). loads checks every data pickle with the task's check
//     policy before materialising it; dumps writes plain data only.
//   - pyspark.shuffle: Aggregator, SimpleAggregator, ExternalMerger
//     (mergeValues, mergeCombiners, items; in memory, never spills),
//     ExternalSorter (sorted) and get_used_memory (heap in use, in MiB).
//   - pyspark.rdd.portable_hash and pyspark.core.rdd.portable_hash (4.x):
//     PySpark's CPython-2.7-style tuple mix over the builtin hash, equal to
//     PySpark's under the same PYTHONHASHSEED; without PYTHONHASHSEED in the
//     task environment it raises as PySpark does.
//
// cloudpickle's reconstructors under PySpark's vendored names
// (pyspark.cloudpickle, pyspark.cloudpickle.cloudpickle,
// pyspark.cloudpickle.cloudpickle_fast) are package bridge's own; see
// CloudpickleModules.
package pyspark

import (
	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/bridge"
	"github.com/pybridge/pybridge/pyexec"
)

// CloudpickleModules are the module names under which PySpark's vendored
// cloudpickle defines the reconstructors its payloads reference; package
// bridge resolves them like the PyPI cloudpickle's.
var CloudpickleModules = []string{"pyspark.cloudpickle", "pyspark.cloudpickle.cloudpickle", "pyspark.cloudpickle.cloudpickle_fast"}

// Modules lists the modules this package registers.
var Modules = []string{"pyspark.util", "pyspark.serializers", "pyspark.shuffle", "pyspark.rdd", "pyspark.core.rdd",
	"pyspark.errors", "pyspark.errors.exceptions.base"}

// PySparkRuntimeErrorType is pyspark.errors.exceptions.base.PySparkRuntimeError.
var PySparkRuntimeErrorType = pyexec.NewNativeType("pyspark.errors.exceptions.base", "PySparkRuntimeError", pyexec.RuntimeErrorType)

func init() {
	bridge.MustRegister(bridge.RegisterModule("pyspark.util", func(t *pyexec.Thread) (*pyexec.Module, error) {
		m := pyexec.NewModule(t, "pyspark.util")
		m.Set(t, "fail_on_stopiteration", failOnStopIteration)
		return m, nil
	}))
	bridge.MustRegister(bridge.RegisterModule("pyspark.serializers", newSerializersModule))
	bridge.MustRegister(bridge.RegisterModule("pyspark.shuffle", newShuffleModule))
	for _, name := range []string{"pyspark.rdd", "pyspark.core.rdd"} {
		name := name
		bridge.MustRegister(bridge.RegisterModule(name, func(t *pyexec.Thread) (*pyexec.Module, error) {
			m := pyexec.NewModule(t, name)
			m.Set(t, "portable_hash", portableHash)
			return m, nil
		}))
	}
	for _, typ := range serializerTypes {
		typ := typ
		bridge.MustRegister(bridge.RegisterType(typ, func(t *pyexec.Thread, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
			return &Serializer{typ: typ, dict: pyexec.NewDict(0)}, nil
		}))
	}
	bridge.MustRegister(bridge.RegisterType(AggregatorType, newAggregatorAtLoad(AggregatorType)))
	bridge.MustRegister(bridge.RegisterType(SimpleAggregatorType, newAggregatorAtLoad(SimpleAggregatorType)))
	registerStdlibAliases()
}

// registerStdlibAliases makes the C-accelerator module names that CPython
// pickles some stdlib functions under (operator.add is _operator.add,
// functools.reduce is _functools.reduce) resolve to pyexec's modules, when
// pyexec does not provide them itself.
func registerStdlibAliases() {
	have := map[string]bool{}
	for _, n := range pyexec.ModuleNames() {
		have[n] = true
	}
	if !have["sys"] {
		// Only what PySpark's wrappers read (add_shuffle_key: sys.maxsize).
		bridge.MustRegister(bridge.RegisterModule("sys", func(t *pyexec.Thread) (*pyexec.Module, error) {
			m := pyexec.NewModule(t, "sys")
			m.Set(t, "maxsize", pyexec.MakeInt(1<<63-1))
			m.Set(t, "byteorder", py.String("little"))
			return m, nil
		}))
	}
	for alias, real := range map[string]string{"_operator": "operator", "_functools": "functools"} {
		if have[alias] || !have[real] {
			continue
		}
		real := real
		bridge.MustRegister(bridge.RegisterModule(alias, func(t *pyexec.Thread) (*pyexec.Module, error) {
			return t.Import(real)
		}))
	}
}
