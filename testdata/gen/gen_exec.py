#!/usr/bin/env python3
"""Generate the executor goldens under testdata/exec/.

PySpark is not needed: this script writes a stand-in ``pyspark`` package
(``pyspark.util``, ``serializers``, ``shuffle``, ``rdd``, ``core.rdd``,
``errors`` and cloudpickle vendored as ``pyspark.cloudpickle`` with its
imports rewritten as PySpark's copy has them) whose *module-level names and
per-operation wrappers have PySpark's shapes*: ``RDD.map.<locals>.func``,
``RDD.flatMap.<locals>.func``, ``RDD.filter.<locals>.func``,
``RDD.mapPartitions.<locals>.func``, ``PipelinedRDD.__init__.<locals>.
pipeline_func``, ``combineByKey.<locals>.combineLocally``, ``partitionBy.
<locals>.add_shuffle_key``, ``reduce.<locals>.func``, written after PySpark's
python/pyspark/rdd.py.  cloudpickle then pickles the wrappers by value and the
module-level helpers (fail_on_stopiteration, serializers, Aggregator,
ExternalMerger, get_used_memory, portable_hash, pack_long) by reference,
exactly as it does for a real PySpark command.

For every case and CPython (run this script with each; it re-executes itself):

* ``testdata/exec/<case>/py3.X.pkl``: ``CloudPickleSerializer().dumps(command)``
  with ``command = (func, None, deserializer, serializer)``;
* ``testdata/exec/<case>/input.bin``: the partition's input stream, written
  with the command's deserializer's counterpart (BatchedSerializer frames,
  UTF8 frames, alternating key/value batches for PairDeserializer);
* ``testdata/exec/<case>/py3.X.json``: ``{"split", "records": [repr...],
  "stream": hex of serializer.dump_stream(func(split, deserializer.
  load_stream(input)))}``, or ``{"error": last traceback line}``.

Plain (non-PySpark) benchmark closures go to ``testdata/exec/bench/<name>/``
(``py3.X.pkl``, ``input.pkl``, ``py3.X.json`` with the repr of results).

Usage (from the repository root, PYTHONHASHSEED=0, cloudpickle importable):

    PYTHONHASHSEED=0 python3.11 testdata/gen/gen_exec.py testdata/exec python3.11 python3.12
"""

import io
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import traceback

ERRORS = '''
class PySparkException(Exception):
    def __init__(self, message=None, errorClass=None, messageParameters=None):
        templates = {
            "STOP_ITERATION_OCCURRED": "Caught StopIteration thrown from user's code; failing the task: <exc>",
            "PYTHON_HASH_SEED_NOT_SET": "Randomness of hash of string should be disabled via PYTHONHASHSEED.",
        }
        if message is None:
            message = templates[errorClass]
            for k, v in (messageParameters or {}).items():
                message = message.replace("<%s>" % k, v)
            message = "[%s] %s" % (errorClass, message)
        self._message = message
        Exception.__init__(self, message)

    def __str__(self):
        return self._message


class PySparkRuntimeError(PySparkException, RuntimeError):
    pass
'''

UTIL = '''
from pyspark.errors import PySparkRuntimeError


def fail_on_stopiteration(f):
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except StopIteration as exc:
            raise PySparkRuntimeError(
                errorClass="STOP_ITERATION_OCCURRED",
                messageParameters={"exc": str(exc)},
            )
    return wrapper
'''

SERIALIZERS = '''
import itertools
import pickle
import struct
import zlib
from itertools import chain, product

from pyspark import cloudpickle

pickle_protocol = pickle.HIGHEST_PROTOCOL


class SpecialLengths:
    END_OF_DATA_SECTION = -1
    NULL = -5


def write_int(value, stream):
    stream.write(struct.pack("!i", value))


def read_int(stream):
    length = stream.read(4)
    if not length:
        raise EOFError
    return struct.unpack("!i", length)[0]


def pack_long(value):
    return struct.pack("!q", value)


def write_with_length(obj, stream):
    write_int(len(obj), stream)
    stream.write(obj)


class Serializer:
    def dump_stream(self, iterator, stream):
        raise NotImplementedError

    def load_stream(self, stream):
        raise NotImplementedError

    def _load_stream_without_unbatching(self, stream):
        return map(lambda x: [x], self.load_stream(stream))

    def __eq__(self, other):
        return isinstance(other, self.__class__) and other.__dict__ == self.__dict__

    def __ne__(self, other):
        return not self.__eq__(other)

    def __repr__(self):
        return "%s()" % self.__class__.__name__

    def __hash__(self):
        return hash(str(self))


class FramedSerializer(Serializer):
    def dump_stream(self, iterator, stream):
        for obj in iterator:
            self._write_with_length(obj, stream)

    def load_stream(self, stream):
        while True:
            try:
                yield self._read_with_length(stream)
            except EOFError:
                return

    def _write_with_length(self, obj, stream):
        serialized = self.dumps(obj)
        write_int(len(serialized), stream)
        stream.write(serialized)

    def _read_with_length(self, stream):
        length = read_int(stream)
        if length == SpecialLengths.END_OF_DATA_SECTION:
            raise EOFError
        elif length == SpecialLengths.NULL:
            return None
        obj = stream.read(length)
        if len(obj) < length:
            raise EOFError
        return self.loads(obj)


class BatchedSerializer(Serializer):
    UNLIMITED_BATCH_SIZE = -1
    UNKNOWN_BATCH_SIZE = 0

    def __init__(self, serializer, batchSize=UNLIMITED_BATCH_SIZE):
        self.serializer = serializer
        self.batchSize = batchSize

    def _batched(self, iterator):
        if self.batchSize == self.UNLIMITED_BATCH_SIZE:
            yield list(iterator)
        else:
            items = []
            count = 0
            for item in iterator:
                items.append(item)
                count += 1
                if count == self.batchSize:
                    yield items
                    items = []
                    count = 0
            if items:
                yield items

    def dump_stream(self, iterator, stream):
        self.serializer.dump_stream(self._batched(iterator), stream)

    def load_stream(self, stream):
        return chain.from_iterable(self._load_stream_without_unbatching(stream))

    def _load_stream_without_unbatching(self, stream):
        return self.serializer.load_stream(stream)

    def __repr__(self):
        return "BatchedSerializer(%s, %d)" % (str(self.serializer), self.batchSize)


class FlattenedValuesSerializer(BatchedSerializer):
    pass


class AutoBatchedSerializer(BatchedSerializer):
    def __init__(self, serializer, bestSize=1 << 16):
        BatchedSerializer.__init__(self, serializer, self.UNKNOWN_BATCH_SIZE)
        self.bestSize = bestSize

    def dump_stream(self, iterator, stream):
        batch, best = 1, self.bestSize
        iterator = iter(iterator)
        while True:
            vs = list(itertools.islice(iterator, batch))
            if not vs:
                break
            bytes = self.serializer.dumps(vs)
            write_int(len(bytes), stream)
            stream.write(bytes)
            size = len(bytes)
            if size < best:
                batch *= 2
            elif size > best * 10 and batch > 1:
                batch //= 2

    def __repr__(self):
        return "AutoBatchedSerializer(%s)" % self.serializer


class CartesianDeserializer(Serializer):
    def __init__(self, key_ser, val_ser):
        self.key_ser = key_ser
        self.val_ser = val_ser

    def _load_stream_without_unbatching(self, stream):
        key_batch_stream = self.key_ser._load_stream_without_unbatching(stream)
        val_batch_stream = self.val_ser._load_stream_without_unbatching(stream)
        for (key_batch, val_batch) in zip(key_batch_stream, val_batch_stream):
            yield list(product(key_batch, val_batch))

    def load_stream(self, stream):
        return chain.from_iterable(self._load_stream_without_unbatching(stream))


class PairDeserializer(Serializer):
    def __init__(self, key_ser, val_ser):
        self.key_ser = key_ser
        self.val_ser = val_ser

    def _load_stream_without_unbatching(self, stream):
        key_batch_stream = self.key_ser._load_stream_without_unbatching(stream)
        val_batch_stream = self.val_ser._load_stream_without_unbatching(stream)
        for (key_batch, val_batch) in zip(key_batch_stream, val_batch_stream):
            key_batch = key_batch if hasattr(key_batch, "__len__") else list(key_batch)
            val_batch = val_batch if hasattr(val_batch, "__len__") else list(val_batch)
            if len(key_batch) != len(val_batch):
                raise ValueError(
                    "Can not deserialize PairRDD with different number of items"
                    " in batches: (%d, %d)" % (len(key_batch), len(val_batch)))
            yield zip(key_batch, val_batch)

    def load_stream(self, stream):
        return chain.from_iterable(self._load_stream_without_unbatching(stream))


class NoOpSerializer(FramedSerializer):
    def loads(self, obj):
        return obj

    def dumps(self, obj):
        return obj


class PickleSerializer(FramedSerializer):
    def dumps(self, obj):
        return pickle.dumps(obj, pickle_protocol)

    def loads(self, obj, encoding="bytes"):
        return pickle.loads(obj, encoding=encoding)


class CloudPickleSerializer(FramedSerializer):
    def dumps(self, obj):
        return cloudpickle.dumps(obj, pickle_protocol)

    def loads(self, obj, encoding="bytes"):
        return cloudpickle.loads(obj, encoding=encoding)


CPickleSerializer = CloudPickleSerializer


class CompressedSerializer(FramedSerializer):
    def __init__(self, serializer):
        FramedSerializer.__init__(self)
        self.serializer = serializer

    def dumps(self, obj):
        return zlib.compress(self.serializer.dumps(obj), 1)

    def loads(self, obj):
        return self.serializer.loads(zlib.decompress(obj))


class UTF8Deserializer(Serializer):
    def __init__(self, use_unicode=True):
        self.use_unicode = use_unicode

    def loads(self, stream):
        length = read_int(stream)
        if length == SpecialLengths.END_OF_DATA_SECTION:
            raise EOFError
        elif length == SpecialLengths.NULL:
            return None
        s = stream.read(length)
        return s.decode("utf-8") if self.use_unicode else s

    def load_stream(self, stream):
        try:
            while True:
                yield self.loads(stream)
        except struct.error:
            return
        except EOFError:
            return
'''

SHUFFLE = '''
class Aggregator:
    def __init__(self, createCombiner, mergeValue, mergeCombiners):
        self.createCombiner = createCombiner
        self.mergeValue = mergeValue
        self.mergeCombiners = mergeCombiners


class SimpleAggregator(Aggregator):
    def __init__(self, combiner):
        Aggregator.__init__(self, lambda x: x, combiner, combiner)


def get_used_memory():
    return 0


class Merger:
    def __init__(self, aggregator):
        self.agg = aggregator


class ExternalMerger(Merger):
    def __init__(self, aggregator, memory_limit=512, serializer=None, localdirs=None,
                 scale=1, partitions=59, batch=1000):
        Merger.__init__(self, aggregator)
        self.memory_limit = memory_limit
        self.data = {}

    def mergeValues(self, iterator):
        creator, comb = self.agg.createCombiner, self.agg.mergeValue
        d = self.data
        for k, v in iterator:
            d[k] = comb(d[k], v) if k in d else creator(v)

    def mergeCombiners(self, iterator, limit=None):
        comb = self.agg.mergeCombiners
        d = self.data
        for k, v in iterator:
            d[k] = comb(d[k], v) if k in d else v

    def items(self):
        return iter(self.data.items())


class ExternalSorter:
    def __init__(self, memory_limit, serializer=None):
        self.memory_limit = memory_limit

    def sorted(self, iterator, key=None, reverse=False):
        return iter(sorted(iterator, key=key, reverse=reverse))
'''

RDD = '''
import os
import sys
from collections import defaultdict
from itertools import chain
from functools import reduce

from pyspark.serializers import (
    AutoBatchedSerializer, BatchedSerializer, NoOpSerializer, CPickleSerializer, pack_long,
)
from pyspark.shuffle import Aggregator, ExternalMerger, get_used_memory, ExternalSorter
from pyspark.util import fail_on_stopiteration
from pyspark.errors import PySparkRuntimeError


def portable_hash(x):
    if "PYTHONHASHSEED" not in os.environ:
        raise PySparkRuntimeError(errorClass="PYTHON_HASH_SEED_NOT_SET", messageParameters={})
    if x is None:
        return 0
    if isinstance(x, tuple):
        h = 0x345678
        for i in x:
            h ^= portable_hash(i)
            h *= 1000003
            h &= sys.maxsize
        h ^= len(x)
        if h == -1:
            h = -2
        return int(h)
    return hash(x)


class RDD:
    def __init__(self, jrdd_deserializer=None):
        self.is_cached = False
        self.is_checkpointed = False
        self.has_resource_profile = False
        self._jrdd_deserializer = jrdd_deserializer or AutoBatchedSerializer(CPickleSerializer())
        self.serializer = AutoBatchedSerializer(CPickleSerializer())
        self._memory = 512

    def map(self, f, preservesPartitioning=False):
        def func(_, iterator):
            return map(fail_on_stopiteration(f), iterator)
        return self.mapPartitionsWithIndex(func, preservesPartitioning)

    def flatMap(self, f, preservesPartitioning=False):
        def func(_, iterator):
            return chain.from_iterable(map(fail_on_stopiteration(f), iterator))
        return self.mapPartitionsWithIndex(func, preservesPartitioning)

    def mapPartitions(self, f, preservesPartitioning=False):
        def func(_, iterator):
            return f(iterator)
        return self.mapPartitionsWithIndex(func, preservesPartitioning)

    def mapPartitionsWithIndex(self, f, preservesPartitioning=False):
        return PipelinedRDD(self, f, preservesPartitioning)

    def filter(self, f):
        def func(iterator):
            return filter(fail_on_stopiteration(f), iterator)
        return self.mapPartitions(func, True)

    def reduce_stage(self, f):
        # the per-partition half of RDD.reduce
        f = fail_on_stopiteration(f)

        def func(iterator):
            iterator = iter(iterator)
            try:
                initial = next(iterator)
            except StopIteration:
                return
            yield reduce(f, iterator, initial)

        return self.mapPartitions(func)

    def partitionBy(self, numPartitions, partitionFunc=portable_hash):
        outputSerializer = CPickleSerializer()
        limit = self._memory / 2

        def add_shuffle_key(split, iterator):
            buckets = defaultdict(list)
            c, batch = 0, min(10 * numPartitions, 1000)
            for k, v in iterator:
                buckets[partitionFunc(k) % numPartitions].append((k, v))
                c += 1
                if (c % 1000 == 0 and get_used_memory() > limit or c > batch):
                    n, size = len(buckets), 0
                    for split in list(buckets.keys()):
                        yield pack_long(split)
                        d = outputSerializer.dumps(buckets[split])
                        del buckets[split]
                        yield d
                        size += len(d)
                    avg = int(size / n) >> 20
                    if avg < 1:
                        batch = min(sys.maxsize, batch * 1.5)
                    elif avg > 10:
                        batch = max(int(batch / 1.5), 1)
                    c = 0
            for split, items in buckets.items():
                yield pack_long(split)
                yield outputSerializer.dumps(items)

        keyed = self.mapPartitionsWithIndex(add_shuffle_key, preservesPartitioning=True)
        keyed._bypass_serializer = True
        return keyed

    def combineByKey(self, createCombiner, mergeValue, mergeCombiners, numPartitions=None,
                     partitionFunc=portable_hash):
        if numPartitions is None:
            numPartitions = 2
        serializer = self.serializer
        memory = self._memory
        agg = Aggregator(createCombiner, mergeValue, mergeCombiners)

        def combineLocally(iterator):
            merger = ExternalMerger(agg, memory * 0.9, serializer)
            merger.mergeValues(iterator)
            return merger.items()

        locally_combined = self.mapPartitions(combineLocally, preservesPartitioning=True)
        return locally_combined.partitionBy(numPartitions, partitionFunc)

    def combineByKey_stages(self, createCombiner, mergeValue, mergeCombiners, numPartitions,
                            partitionFunc=portable_hash):
        # combineByKey's two stages: the map side (combineLocally, then
        # partitionBy's add_shuffle_key) and the reduce side (_mergeCombiners
        # over the shuffled batches, read with BatchedSerializer(CPickle)).
        serializer = self.serializer
        memory = self._memory
        agg = Aggregator(createCombiner, mergeValue, mergeCombiners)

        def combineLocally(iterator):
            merger = ExternalMerger(agg, memory * 0.9, serializer)
            merger.mergeValues(iterator)
            return merger.items()

        locally_combined = self.mapPartitions(combineLocally, preservesPartitioning=True)
        shuffled = locally_combined.partitionBy(numPartitions, partitionFunc)

        def _mergeCombiners(iterator):
            merger = ExternalMerger(agg, memory, serializer)
            merger.mergeCombiners(iterator)
            return merger.items()

        after = RDD(BatchedSerializer(CPickleSerializer()))
        return shuffled, after.mapPartitions(_mergeCombiners, preservesPartitioning=True)

    def reduceByKey(self, func, numPartitions=None, partitionFunc=portable_hash):
        return self.combineByKey(lambda x: x, func, func, numPartitions, partitionFunc)

    def sort_stage(self, ascending=True, keyfunc=lambda x: x):
        # the post-shuffle half of RDD.sortByKey
        memory = self._memory
        serializer = self.serializer

        def sortPartition(iterator):
            sort = ExternalSorter(memory * 0.9, serializer).sorted
            return iter(sort(iterator, key=lambda kv: keyfunc(kv[0]), reverse=(not ascending)))

        return self.mapPartitions(sortPartition, True)


class PipelinedRDD(RDD):
    def __init__(self, prev, func, preservesPartitioning=False, isFromBarrier=False):
        RDD.__init__(self)
        if not isinstance(prev, PipelinedRDD) or not prev._is_pipelinable():
            self.func = func
            self.preservesPartitioning = preservesPartitioning
            self._prev_jrdd_deserializer = prev._jrdd_deserializer
        else:
            prev_func = prev.func

            def pipeline_func(split, iterator):
                return func(split, prev_func(split, iterator))

            self.func = pipeline_func
            self.preservesPartitioning = prev.preservesPartitioning and preservesPartitioning
            self._prev_jrdd_deserializer = prev._prev_jrdd_deserializer
        self.is_cached = False
        self.is_checkpointed = False
        self._jrdd_deserializer = self.serializer
        self._bypass_serializer = False

    def _is_pipelinable(self):
        return not (self.is_cached or self.is_checkpointed or self.has_resource_profile)

    def command(self):
        ser = NoOpSerializer() if self._bypass_serializer else self._jrdd_deserializer
        return (self.func, None, self._prev_jrdd_deserializer, ser)
'''


def write_pkg(root, cpdir):
    pkg = os.path.join(root, "pyspark")
    os.makedirs(os.path.join(pkg, "errors", "exceptions"))
    os.makedirs(os.path.join(pkg, "core"))
    files = {
        "__init__.py": "", "errors/__init__.py": "from pyspark.errors.exceptions.base import *\n",
        "errors/exceptions/__init__.py": "", "errors/exceptions/base.py": ERRORS, "util.py": UTIL, "serializers.py": SERIALIZERS,
        "shuffle.py": SHUFFLE, "rdd.py": RDD, "core/__init__.py": "", "core/rdd.py": RDD,
    }
    for name, src in files.items():
        with open(os.path.join(pkg, name), "w") as f:
            f.write(textwrap.dedent(src).lstrip())
    # The PyPI cloudpickle (for the plain closures), and cloudpickle
    # vendored as PySpark vendors it.
    shutil.copytree(cpdir, os.path.join(root, "cloudpickle"), ignore=shutil.ignore_patterns("__pycache__"))
    dst = os.path.join(pkg, "cloudpickle")
    shutil.copytree(cpdir, dst, ignore=shutil.ignore_patterns("__pycache__"))
    for name in os.listdir(dst):
        p = os.path.join(dst, name)
        if not name.endswith(".py"):
            continue
        s = open(p).read()
        s = s.replace("from cloudpickle.", "from pyspark.cloudpickle.")
        s = re.sub(r"^(\s*)import cloudpickle$", r"\1import pyspark.cloudpickle as cloudpickle", s, flags=re.M)
        open(p, "w").write(s)


# ---------------------------------------------------------------- cases

def cases(rddmod, ser):
    """name -> (rdd, split, input records, key records for PairDeserializer)."""
    from operator import add
    RDD = rddmod.RDD
    batched = ser.BatchedSerializer(ser.CPickleSerializer(), 1024)
    words = ["the quick brown fox", "jumps over the lazy dog", "", "the end é €", "dog dog fox"]
    factor = 3

    def tokens(it):
        for line in it:
            for w in line.split():
                yield w.lower()

    class Point:
        def __init__(self, x, y):
            self.x, self.y = x, y

        def norm1(self):
            return abs(self.x) + abs(self.y)

    def stop_at_three(x):
        if x == 3:
            raise StopIteration("three")
        return x

    out = {
        "map_filter_flatmap": (RDD(batched).map(lambda x: x * factor).filter(lambda x: x % 2 == 0)
                               .flatMap(lambda x: [x, -x]), 0, list(range(20))),
        "word_count_map_side": (RDD(ser.UTF8Deserializer(True)).flatMap(lambda l: l.split())
                                .map(lambda w: (w, 1)).reduceByKey(add, 4), 1, words),
        "tuple_keys_shuffle": (RDD(batched).map(lambda r: ((r % 3, None if r % 2 else str(r)), r))
                               .reduceByKey(lambda a, b: a + b, 3), 2, list(range(30))),
        "map_partitions_gen": (RDD(batched).mapPartitions(tokens).mapPartitionsWithIndex(
            lambda i, it: ((i, w, len(w)) for w in it)), 5, words),
        "reduce_stage": (RDD(batched).map(lambda x: x * x).reduce_stage(lambda a, b: a + b), 0, list(range(100))),
        "class_instances": (RDD(batched).map(lambda t: Point(*t)).map(lambda p: p.norm1())
                            .filter(lambda n: n > 2), 0, [(1, 2), (-3, 4), (0, 0), (5, -1)]),
        "stop_iteration": (RDD(batched).map(stop_at_three), 0, [1, 2, 3, 4]),
        "zerodiv": (RDD(batched).map(lambda x: 10 // x), 0, [5, 2, 0, 1]),
        "text_bytes": (RDD(ser.UTF8Deserializer(False)).map(lambda b: (len(b), b[:2])), 0, words),
        "sort_stage": (RDD(batched).sort_stage(False, lambda k: (len(k), k)), 0,
                       [(w, i) for i, w in enumerate("pear fig apple kiwi banana date".split())]),
        "zip_pairs": (RDD(ser.PairDeserializer(batched, batched)).map(lambda kv: "%s=%s" % kv), 0,
                      ["a", "b", "c"], [1, 2, 3]),
        "batched_unlimited_out": (RDD(batched).map(lambda x: {"k": x, "v": str(x) * 2}), 0, list(range(5))),
    }
    # PipelinedRDD output serializer variants.
    r = RDD(batched).map(lambda x: (x, x * 0.5))
    r.serializer = ser.BatchedSerializer(ser.PickleSerializer(), -1)
    r._jrdd_deserializer = r.serializer
    out["batched_unlimited_out"] = (r, 0, list(range(5)))
    return out


def stream_of(ser, rddser, records, vals=None):
    """The input stream the command's deserializer reads."""
    buf = io.BytesIO()
    if isinstance(rddser, ser.UTF8Deserializer):
        for line in records:
            ser.write_with_length(line.encode("utf-8"), buf)
    elif isinstance(rddser, ser.PairDeserializer):
        k, v = rddser.key_ser, rddser.val_ser
        k.serializer.dump_stream([records], buf)  # one batch of keys,
        v.serializer.dump_stream([vals], buf)  # then one of values
    else:
        rddser.dump_stream(iter(records), buf)
    return buf.getvalue()


BENCH = {
    # name: (source defining func, input records)
    "split_count": ("def func(line):\n    ws = line.split()\n    return (len(ws), sum(1 for w in ws if w.startswith('a')))\n",
                    ["a quick brown fox and an ant are at " + str(i) + " apples" for i in range(2000)]),
    "arith": ("def func(x):\n    y = x * 3 + 7\n    for i in range(20):\n        y = (y * 31 + i) % 1000003\n    return y - x // 2\n",
              list(range(2000))),
    "dict_build": ("def func(x):\n    d = {}\n    for i in range(10):\n        d['k%d' % i] = x + i\n    return d\n",
                   list(range(2000))),
    "sorting": ("def func(xs):\n    return sorted(xs, key=lambda v: (v % 7, -v))[:3]\n",
                [[(i * 7919 + j * 104729) % 1000 for j in range(30)] for i in range(2000)]),
    "small_class": ("class Acc:\n    def __init__(self, n):\n        self.n = n\n        self.total = 0\n"
                    "    def add(self, v):\n        self.total += v * self.n\n        return self\n\n"
                    "def func(x):\n    a = Acc(x)\n    for i in range(10):\n        a.add(i)\n    return a.total\n",
                    list(range(2000))),
}

# Plain closures for the executor's failure tests (testdata/exec/plain/).
PLAIN = {
    "spin": ("def func(x):\n    while True:\n        x += 1\n", [1]),
    "raise_on_negative": ("def func(x):\n    if x < 0:\n        raise ValueError('negative: %d' % x)\n    return x * 2\n",
                          [1, 2, -3]),
    "add": ("def func(a, b):\n    return a + b\n", [1, 2, 3]),
    "print_record": ("def func(x):\n    print('record', x)\n    return x\n", [1]),
}


def child(out, tmp):
    """Runs under each CPython: writes that version's payloads and results."""
    sys.path.insert(0, tmp)
    import cloudpickle as cp
    import pyspark.serializers as ser
    import pyspark.rdd as rddmod
    import pyspark.core.rdd as corerdd
    ver = "%d.%d" % sys.version_info[:2]
    all_cases = cases(rddmod, ser)
    # One case through pyspark.core.rdd (the 4.x module layout).
    c4 = cases(corerdd, ser)
    all_cases["core_rdd_word_count"] = c4["word_count_map_side"]
    for name, spec in sorted(all_cases.items()):
        rdd, split, records = spec[:3]
        vals = spec[3] if len(spec) > 3 else None
        func, prof, deser, outser = rdd.command()
        data = ser.CloudPickleSerializer().dumps((func, prof, deser, outser))
        d = os.path.join(out, name)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "py%s.pkl" % ver), "wb") as f:
            f.write(data)
        inp = stream_of(ser, deser, records, vals)
        with open(os.path.join(d, "input.bin"), "wb") as f:
            f.write(inp)
        func, prof, deser, outser = pickle.loads(data)
        res = {"split": split}
        try:
            recs = list(func(split, deser.load_stream(io.BytesIO(inp))))
            buf = io.BytesIO()
            outser.dump_stream(iter(recs), buf)
            res["records"] = [repr(r) for r in recs]
            res["stream"] = buf.getvalue().hex()
        except Exception as e:
            res["error"] = traceback.format_exception_only(type(e), e)[-1].rstrip("\n")
        with open(os.path.join(d, "py%s.json" % ver), "w") as f:
            json.dump(res, f, indent=1, ensure_ascii=False)
            f.write("\n")
    # examples/batch: a word count's two stages (PySpark 3.x layout).
    from operator import add
    batch = os.path.join(os.path.dirname(os.path.dirname(out.rstrip("/"))) or ".", "examples", "batch", "payloads")
    os.makedirs(batch, exist_ok=True)
    words = rddmod.RDD(ser.UTF8Deserializer(True)).flatMap(lambda line: line.lower().split()).map(lambda w: (w, 1))
    map_side, reduce_side = words.combineByKey_stages(lambda x: x, add, add, 4)
    for stage, rdd in (("map_side", map_side), ("reduce_side", reduce_side)):
        with open(os.path.join(batch, "wordcount_%s.py%s.pkl" % (stage, ver)), "wb") as f:
            f.write(ser.CloudPickleSerializer().dumps(rdd.command()))
    for group, table in (("bench", BENCH), ("plain", PLAIN)):
        for name, (src, inputs) in sorted(table.items()):
            write_plain(cp, ver, os.path.join(out, group, name), name, src, inputs, group == "bench")


def write_plain(cp, ver, d, name, src, inputs, results):
    if True:
        os.makedirs(d, exist_ok=True)
        g = {"__name__": "__main__"}
        exec(compile(src, "<pybridge-bench:%s>" % name, "exec"), g)
        func = g["func"]
        with open(os.path.join(d, "py%s.pkl" % ver), "wb") as f:
            f.write(cp.dumps(func, protocol=5))
        with open(os.path.join(d, "input.pkl"), "wb") as f:
            f.write(pickle.dumps(inputs, protocol=5))
        with open(os.path.join(d, "source.py"), "w") as f:
            f.write(src)
        if results:
            with open(os.path.join(d, "py%s.json" % ver), "w") as f:
                json.dump({"repr": [repr(func(x)) for x in inputs[:20]]}, f, indent=1)
                f.write("\n")


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
        return
    out, pythons = sys.argv[1], sys.argv[2:] or [sys.executable]
    import cloudpickle
    cpdir = os.path.dirname(cloudpickle.__file__)
    # A fixed directory, so that the co_filename of PySpark's wrappers is the
    # same from run to run.
    tmp = os.path.join(tempfile.gettempdir(), "pybridge-gen-exec")
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    try:
        write_pkg(tmp, cpdir)
        env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=tmp)
        for py in pythons:
            subprocess.run([py, os.path.abspath(__file__), "--child", out, tmp], check=True, env=env)
            print("gen_exec: %s done" % py)
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
