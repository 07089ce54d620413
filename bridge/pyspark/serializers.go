package pyspark

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/bridge"
	"github.com/pybridge/pybridge/pyexec"
)

const serMod = "pyspark.serializers"

// The serializer classes, with PySpark's hierarchy.
var (
	SerializerType            = pyexec.NewNativeType(serMod, "Serializer", nil)
	FramedSerializerType      = pyexec.NewNativeType(serMod, "FramedSerializer", SerializerType)
	PickleSerializerType      = pyexec.NewNativeType(serMod, "PickleSerializer", FramedSerializerType)
	CloudPickleSerializerType = pyexec.NewNativeType(serMod, "CloudPickleSerializer", FramedSerializerType)
	NoOpSerializerType        = pyexec.NewNativeType(serMod, "NoOpSerializer", FramedSerializerType)
	CompressedSerializerType  = pyexec.NewNativeType(serMod, "CompressedSerializer", FramedSerializerType)
	BatchedSerializerType     = pyexec.NewNativeType(serMod, "BatchedSerializer", SerializerType)
	AutoBatchedSerializerType = pyexec.NewNativeType(serMod, "AutoBatchedSerializer", BatchedSerializerType)
	UTF8DeserializerType      = pyexec.NewNativeType(serMod, "UTF8Deserializer", SerializerType)
	PairDeserializerType      = pyexec.NewNativeType(serMod, "PairDeserializer", SerializerType)
	CartesianDeserializerType = pyexec.NewNativeType(serMod, "CartesianDeserializer", SerializerType)
)

var serializerTypes = []*py.Type{SerializerType, FramedSerializerType, PickleSerializerType, CloudPickleSerializerType,
	NoOpSerializerType, CompressedSerializerType, BatchedSerializerType, AutoBatchedSerializerType, UTF8DeserializerType,
	PairDeserializerType, CartesianDeserializerType}

// Batch sizes of BatchedSerializer.
const (
	UnlimitedBatchSize = -1
	UnknownBatchSize   = 0
)

// Serializer is an instance of one of PySpark's serializer classes. Its
// state is the instance __dict__ PySpark pickles (serializer, batchSize,
// bestSize, use_unicode, key_ser, val_ser).
type Serializer struct {
	typ  *py.Type
	dict *pyexec.Dict
}

// Type returns the serializer's class.
func (s *Serializer) Type() *py.Type { return s.typ }

// SetPickleState takes the instance __dict__ from BUILD.
func (s *Serializer) SetPickleState(t *pyexec.Thread, state py.Object) error {
	if tup, ok := state.(py.Tuple); ok && len(tup) == 2 {
		state = tup[0]
	}
	if pyexec.IsNone(state) {
		return nil
	}
	d, ok := state.(*pyexec.Dict)
	if !ok {
		return fmt.Errorf("%s state is a %s, not a dict", s.typ.Name, pyexec.TypeName(state))
	}
	return s.dict.Update(t, d)
}

// GetAttr returns instance attributes and class constants.
func (s *Serializer) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	switch name {
	case "__dict__":
		return s.dict, true, nil
	case "UNLIMITED_BATCH_SIZE":
		return pyexec.MakeInt(UnlimitedBatchSize), true, nil
	case "UNKNOWN_BATCH_SIZE":
		return pyexec.MakeInt(UnknownBatchSize), true, nil
	}
	v, ok := s.dict.GetStr(t, name)
	return v, ok, nil
}

func (s *Serializer) is(typ *py.Type) bool { return pyexec.IsSubtype(s.typ, typ) }

func (s *Serializer) get(t *pyexec.Thread, name string) py.Object {
	v, _ := s.dict.GetStr(t, name)
	return v
}

func (s *Serializer) sub(t *pyexec.Thread, name string) (*Serializer, error) {
	v, ok := s.get(t, name).(*Serializer)
	if !ok {
		return nil, pyexec.Errorf(pyexec.AttributeErrorType, "'%s' object has no serializer attribute '%s'", s.typ.Name, name)
	}
	return v, nil
}

func (s *Serializer) intAttr(t *pyexec.Thread, name string, def int64) int64 {
	if v, ok, _ := pyexec.AsIndex(s.get(t, name)); ok {
		return v
	}
	return def
}

// Repr is PySpark's __repr__ of the class.
func (s *Serializer) Repr(t *pyexec.Thread) (string, error) {
	r := func(name string) string {
		v := s.get(t, name)
		if v == nil {
			return "None"
		}
		str, _ := pyexec.Str(t, v)
		return str
	}
	switch s.typ {
	case BatchedSerializerType:
		return fmt.Sprintf("BatchedSerializer(%s, %d)", r("serializer"), s.intAttr(t, "batchSize", 0)), nil
	case AutoBatchedSerializerType:
		return fmt.Sprintf("AutoBatchedSerializer(%s)", r("serializer")), nil
	case CompressedSerializerType:
		return fmt.Sprintf("CompressedSerializer(%s)", r("serializer")), nil
	case PairDeserializerType, CartesianDeserializerType:
		return fmt.Sprintf("%s(%s, %s)", s.typ.Name, r("key_ser"), r("val_ser")), nil
	}
	return s.typ.Name + "()", nil
}

// TextRecord is a text line as UTF8Deserializer reads it: str, or bytes
// when use_unicode is false.
func (s *Serializer) TextRecord(line string) py.Object {
	if s.typ == UTF8DeserializerType && !s.useUnicode() {
		return py.Bytes(line)
	}
	return py.String(line)
}

func (s *Serializer) useUnicode() bool {
	if v, _ := s.dict.GetStr(nil, "use_unicode"); v != nil {
		if b, ok := v.(py.Bool); ok && !bool(b) {
			return false
		}
	}
	return true
}

func newSerializer(typ *py.Type, kv ...any) *Serializer {
	s := &Serializer{typ: typ, dict: pyexec.NewDict(len(kv) / 2)}
	for i := 0; i+1 < len(kv); i += 2 {
		_ = s.dict.SetItem(nil, py.String(kv[i].(string)), kv[i+1].(py.Object))
	}
	return s
}

// serializer constructors callable from Python.
func serCtor(typ *py.Type) pyexec.BuiltinFunc {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		name := typ.Name
		switch typ {
		case BatchedSerializerType:
			a, err := pyexec.BindArgs(name, args, kw, []string{"serializer", "batchSize"}, 1)
			if err != nil {
				return nil, err
			}
			if a[1] == nil {
				a[1] = pyexec.MakeInt(UnlimitedBatchSize)
			}
			return newSerializer(typ, "serializer", a[0], "batchSize", a[1]), nil
		case AutoBatchedSerializerType:
			a, err := pyexec.BindArgs(name, args, kw, []string{"serializer", "bestSize"}, 1)
			if err != nil {
				return nil, err
			}
			if a[1] == nil {
				a[1] = pyexec.MakeInt(1 << 16)
			}
			return newSerializer(typ, "serializer", a[0], "batchSize", pyexec.MakeInt(UnknownBatchSize), "bestSize", a[1]), nil
		case CompressedSerializerType:
			a, err := pyexec.BindArgs(name, args, kw, []string{"serializer"}, 1)
			if err != nil {
				return nil, err
			}
			return newSerializer(typ, "serializer", a[0]), nil
		case UTF8DeserializerType:
			a, err := pyexec.BindArgs(name, args, kw, []string{"use_unicode"}, 0)
			if err != nil {
				return nil, err
			}
			if a[0] == nil {
				a[0] = py.True
			}
			return newSerializer(typ, "use_unicode", a[0]), nil
		case PairDeserializerType, CartesianDeserializerType:
			a, err := pyexec.BindArgs(name, args, kw, []string{"key_ser", "val_ser"}, 2)
			if err != nil {
				return nil, err
			}
			return newSerializer(typ, "key_ser", a[0], "val_ser", a[1]), nil
		}
		if err := pyexec.CheckArgs(name, args, kw, 0, 0); err != nil {
			return nil, err
		}
		return newSerializer(typ), nil
	}
}

func newSerializersModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, serMod)
	for _, typ := range serializerTypes {
		m.Set(t, typ.Name, typ)
	}
	// Since Spark 3.3 (SPARK-32079) CPickleSerializer is CloudPickleSerializer.
	m.Set(t, "CPickleSerializer", CloudPickleSerializerType)
	m.Set(t, "pack_long", packLong)
	m.Set(t, "UNLIMITED_BATCH_SIZE", pyexec.MakeInt(UnlimitedBatchSize))
	m.Set(t, "UNKNOWN_BATCH_SIZE", pyexec.MakeInt(UnknownBatchSize))
	return m, nil
}

// packLong is pyspark.serializers.pack_long: struct.pack("!q", v).
var packLong = &pyexec.Builtin{Name: "pack_long", Fn: func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	if err := pyexec.CheckArgs("pack_long", args, kw, 1, 1); err != nil {
		return nil, err
	}
	v, ok, err := pyexec.AsIndex(args[0])
	if !ok {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "required argument is not an integer")
	}
	if err != nil {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "argument out of range") // struct.error in CPython
	}
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(v))
	return py.Bytes(b[:]), nil
}}

func init() {
	for _, typ := range serializerTypes {
		pyexec.SetTypeCtor(typ, serCtor(typ))
		pyexec.AddMethods(typ, map[string]pyexec.MethodFunc{
			"dumps": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
				if err := pyexec.CheckArgs("dumps", args, kw, 1, 1); err != nil {
					return nil, err
				}
				b, err := self.(*Serializer).Dumps(t, args[0])
				if err != nil {
					return nil, err
				}
				return py.Bytes(b), nil
			},
			"loads": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
				a, err := pyexec.BindArgs("loads", args, kw, []string{"obj", "encoding"}, 1)
				if err != nil {
					return nil, err
				}
				b, ok := a[0].(py.Bytes)
				if !ok {
					return nil, pyexec.Errorf(pyexec.TypeErrorType, "a bytes-like object is required, not '%s'", pyexec.TypeName(a[0]))
				}
				return self.(*Serializer).Loads(t, b)
			},
		})
	}
}

// Dumps is the serializer's dumps(obj).
func (s *Serializer) Dumps(t *pyexec.Thread, obj py.Object) ([]byte, error) {
	switch {
	case s.is(NoOpSerializerType):
		b, ok := obj.(py.Bytes)
		if !ok {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "NoOpSerializer writes bytes, not '%s'", pyexec.TypeName(obj))
		}
		return b, nil
	case s.is(CompressedSerializerType):
		in, err := s.sub(t, "serializer")
		if err != nil {
			return nil, err
		}
		raw, err := in.Dumps(t, obj)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		zw, _ := zlib.NewWriterLevel(&b, 1)
		_, _ = zw.Write(raw)
		if err := zw.Close(); err != nil {
			return nil, err
		}
		return b.Bytes(), nil
	case s.is(BatchedSerializerType):
		in, err := s.sub(t, "serializer")
		if err != nil {
			return nil, err
		}
		return in.Dumps(t, obj)
	case s.is(PickleSerializerType), s.is(CloudPickleSerializerType):
		b, err := bridge.DumpData(t, obj)
		if err != nil {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "%v", err)
		}
		return b, nil
	}
	return nil, pyexec.Errorf(pyexec.NotImplementedErrorType, "%s does not serialize", s.typ.Name)
}

// Loads is the serializer's loads(bytes).
func (s *Serializer) Loads(t *pyexec.Thread, b []byte) (py.Object, error) {
	switch {
	case s.is(NoOpSerializerType):
		return py.Bytes(append([]byte{}, b...)), nil
	case s.is(CompressedSerializerType):
		in, err := s.sub(t, "serializer")
		if err != nil {
			return nil, err
		}
		zr, err := zlib.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "zlib: %v", err)
		}
		raw, err := io.ReadAll(io.LimitReader(zr, 1<<31))
		if err != nil {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "zlib: %v", err)
		}
		return in.Loads(t, raw)
	case s.is(BatchedSerializerType):
		in, err := s.sub(t, "serializer")
		if err != nil {
			return nil, err
		}
		return in.Loads(t, b)
	case s.is(UTF8DeserializerType):
		return s.TextRecord(string(b)), nil
	case s.is(PickleSerializerType), s.is(CloudPickleSerializerType):
		v, err := bridge.LoadData(t, b)
		if err != nil {
			if _, ok := err.(*pyexec.Exception); ok {
				return nil, err
			}
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "pybridge: cannot load a data record: %v", err)
		}
		return v, nil
	}
	return nil, pyexec.Errorf(pyexec.NotImplementedErrorType, "%s does not deserialize", s.typ.Name)
}

// LoadStream returns an iterator over the records of a PySpark data
// stream, as the serializer's load_stream.
func (s *Serializer) LoadStream(t *pyexec.Thread, r io.Reader) (pyexec.Iterator, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	batches, err := s.batches(t, br)
	if err != nil {
		return nil, err
	}
	var cur []py.Object
	return pyexec.NewIterator(pyexec.IteratorType, func(t *pyexec.Thread) (py.Object, error) {
		for len(cur) == 0 {
			b, err := batches(t)
			if err != nil || b == nil {
				return nil, err
			}
			cur = b
		}
		v := cur[0]
		cur = cur[1:]
		return v, nil
	}), nil
}

// batches returns a reader of the stream's batches, as PySpark's
// _load_stream_without_unbatching: nil at the end.
func (s *Serializer) batches(t *pyexec.Thread, r *bufio.Reader) (func(*pyexec.Thread) ([]py.Object, error), error) {
	switch {
	case s.is(BatchedSerializerType):
		in, err := s.sub(t, "serializer")
		if err != nil {
			return nil, err
		}
		frames := in.frames(r)
		return func(t *pyexec.Thread) ([]py.Object, error) {
			for {
				v, ok, err := frames(t)
				if err != nil || !ok {
					return nil, err
				}
				items, err := pyexec.Collect(t, v)
				if err != nil {
					return nil, err
				}
				if len(items) > 0 {
					return items, nil
				}
			}
		}, nil
	case s.is(PairDeserializerType), s.is(CartesianDeserializerType):
		ks, err := s.sub(t, "key_ser")
		if err != nil {
			return nil, err
		}
		vs, err := s.sub(t, "val_ser")
		if err != nil {
			return nil, err
		}
		kb, err := ks.batches(t, r)
		if err != nil {
			return nil, err
		}
		vb, err := vs.batches(t, r)
		if err != nil {
			return nil, err
		}
		cart := s.is(CartesianDeserializerType)
		return func(t *pyexec.Thread) ([]py.Object, error) {
			keys, err := kb(t)
			if err != nil || keys == nil {
				return nil, err
			}
			vals, err := vb(t)
			if err != nil || vals == nil {
				return nil, err
			}
			var out []py.Object
			if cart {
				for _, k := range keys {
					for _, v := range vals {
						out = append(out, py.Tuple{k, v})
					}
				}
				return out, nil
			}
			if len(keys) != len(vals) {
				return nil, pyexec.Errorf(pyexec.ValueErrorType, "Can not deserialize PairRDD with different number of items in batches: (%d, %d)", len(keys), len(vals))
			}
			for i := range keys {
				out = append(out, py.Tuple{keys[i], vals[i]})
			}
			return out, nil
		}, nil
	}
	frames := s.frames(r)
	return func(t *pyexec.Thread) ([]py.Object, error) {
		v, ok, err := frames(t)
		if err != nil || !ok {
			return nil, err
		}
		return []py.Object{v}, nil
	}, nil
}

// frames reads one record per frame (FramedSerializer.load_stream,
// UTF8Deserializer.load_stream).
func (s *Serializer) frames(r *bufio.Reader) func(*pyexec.Thread) (py.Object, bool, error) {
	done := false
	return func(t *pyexec.Thread) (py.Object, bool, error) {
		if done {
			return nil, false, nil
		}
		b, n, err := bridge.ReadFrame(r)
		if err != nil {
			if s.is(UTF8DeserializerType) || s.is(FramedSerializerType) {
				// A short read ends the stream in PySpark; a truncated
				// stream is reported here rather than lost.
				return nil, false, pyexec.Errorf(pyexec.ValueErrorType, "%v", err)
			}
			return nil, false, err
		}
		switch n {
		case bridge.FrameEnd:
			done = true
			return nil, false, nil
		case bridge.FrameNull:
			return py.None, true, nil
		}
		if s.typ == UTF8DeserializerType && s.useUnicode() && !utf8.Valid(b) {
			return nil, false, pyexec.Errorf(pyexec.ValueErrorType, "'utf-8' codec can't decode a record of the stream: invalid UTF-8")
		}
		v, err := s.Loads(t, b)
		return v, err == nil, err
	}
}

// DumpStream writes the items of it as the serializer's dump_stream and
// returns how many records it wrote.
func (s *Serializer) DumpStream(t *pyexec.Thread, it pyexec.Iterator, w io.Writer) (int64, error) {
	var n int64
	next := func() (py.Object, error) {
		v, err := it.Next(t)
		if v != nil {
			n++
		}
		return v, err
	}
	switch {
	case s.typ == AutoBatchedSerializerType:
		in, err := s.sub(t, "serializer")
		if err != nil {
			return 0, err
		}
		batch, best := 1, s.intAttr(t, "bestSize", 1<<16)
		for {
			vs := make([]py.Object, 0, batch)
			for len(vs) < batch {
				v, err := next()
				if err != nil {
					return n, err
				}
				if v == nil {
					break
				}
				vs = append(vs, v)
			}
			if len(vs) == 0 {
				return n, nil
			}
			b, err := in.Dumps(t, &py.List{Items: vs})
			if err != nil {
				return n, err
			}
			if err := bridge.WriteFrame(w, b); err != nil {
				return n, err
			}
			size := int64(len(b))
			if size < best {
				batch *= 2
			} else if size > best*10 && batch > 1 {
				batch /= 2
			}
		}
	case s.is(BatchedSerializerType):
		in, err := s.sub(t, "serializer")
		if err != nil {
			return 0, err
		}
		size := s.intAttr(t, "batchSize", UnlimitedBatchSize)
		var items []py.Object
		for {
			v, err := next()
			if err != nil {
				return n, err
			}
			if v != nil {
				items = append(items, v)
				if size > 0 && int64(len(items)) < size {
					continue
				}
				if size <= 0 {
					continue
				}
			}
			if v == nil && len(items) == 0 && size != UnlimitedBatchSize {
				return n, nil
			}
			b, err := in.Dumps(t, &py.List{Items: items})
			if err != nil {
				return n, err
			}
			if err := bridge.WriteFrame(w, b); err != nil {
				return n, err
			}
			items = nil
			if v == nil {
				return n, nil
			}
		}
	case s.is(FramedSerializerType):
		for {
			v, err := next()
			if err != nil || v == nil {
				return n, err
			}
			b, err := s.Dumps(t, v)
			if err != nil {
				return n, err
			}
			if err := bridge.WriteFrame(w, b); err != nil {
				return n, err
			}
		}
	}
	return 0, pyexec.Errorf(pyexec.NotImplementedErrorType, "%s has no dump_stream", s.typ.Name)
}

var _ bridge.StreamSerializer = (*Serializer)(nil)
var _ bridge.TextDeserializer = (*Serializer)(nil)
var _ bridge.StateSetter = (*Serializer)(nil)
