package pickle

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// encodeCase is one golden of testdata/gen/gen_encode.py.
type encodeCase struct {
	Name     string `json:"name"`
	Protocol int    `json:"protocol"`
	Kind     string `json:"kind"`
	Data     string `json:"data"`
	data     []byte
}

var (
	encodeCasesOnce sync.Once
	encodeCasesList []encodeCase
	encodeCasesErr  error
)

func loadEncodeCases(tb testing.TB) []encodeCase {
	tb.Helper()
	encodeCasesOnce.Do(func() {
		f, err := os.Open("testdata/encode/cases.json.gz")
		if err != nil {
			encodeCasesErr = err
			return
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			encodeCasesErr = err
			return
		}
		var doc struct {
			Cases []encodeCase `json:"cases"`
		}
		if err := json.NewDecoder(zr).Decode(&doc); err != nil {
			encodeCasesErr = err
			return
		}
		for i := range doc.Cases {
			c := &doc.Cases[i]
			c.data, err = base64.StdEncoding.DecodeString(c.Data)
			if err != nil {
				encodeCasesErr = err
				return
			}
		}
		encodeCasesList = doc.Cases
	})
	require.NoError(tb, encodeCasesErr)
	require.NotEmpty(tb, encodeCasesList)
	return encodeCasesList
}

func encodeProto(tb testing.TB, v any, proto int) []byte {
	tb.Helper()
	var buf bytes.Buffer
	require.NoError(tb, Encode(&buf, v, &EncodeOptions{Protocol: proto}))
	return buf.Bytes()
}

// firstDiff describes where two pickles first differ.
func firstDiff(want, got []byte) string {
	n := min(len(want), len(got))
	i := 0
	for i < n && want[i] == got[i] {
		i++
	}
	lo := max(0, i-16)
	return fmt.Sprintf("lengths want %d got %d; first difference at %d:\nwant %q\ngot  %q",
		len(want), len(got), i, want[lo:min(len(want), i+24)], got[lo:min(len(got), i+24)])
}

// TestEncodeRoundTripCPython decodes every CPython golden, re-encodes the
// graph at the same protocol and requires the identical bytes.
func TestEncodeRoundTripCPython(t *testing.T) {
	matched := 0
	for _, c := range loadEncodeCases(t) {
		t.Run(fmt.Sprintf("%s/p%d", c.Name, c.Protocol), func(t *testing.T) {
			g, err := Decode(c.data)
			require.NoError(t, err)
			got := encodeProto(t, g.Root, c.Protocol)
			if !bytes.Equal(c.data, got) {
				t.Fatalf("re-encoding differs from CPython: %s", firstDiff(c.data, got))
			}
			// Graph input and Marshal agree with Encode.
			got2 := encodeProto(t, g, c.Protocol)
			require.Equal(t, got, got2)
			if c.Protocol == HighestProtocol {
				m, err := Marshal(g.Root)
				require.NoError(t, err)
				require.Equal(t, got, m)
			}
			matched++
		})
	}
	t.Logf("%d CPython pickles re-encoded byte for byte", matched)
}

func ints(vs ...int64) []Value {
	out := make([]Value, len(vs))
	for i, v := range vs {
		out[i] = &Int{Value: v}
	}
	return out
}

// goValues builds, under the names gen_encode.py uses for its "go" cases,
// the Go values (and hand-made nodes) equivalent to the Python values.
func goValues() map[string]any {
	rec := make([]any, 1500)
	for i := range rec {
		rec[i] = PyTuple{i, fmt.Sprintf("r%d", i), float64(i) * 0.5}
	}
	two70 := new(big.Int).Lsh(big.NewInt(1), 70)
	ab, x := &Bytes{Value: []byte("ab")}, &Bytes{Value: []byte("x")}
	return map[string]any{
		"go_list_mixed": []any{1, "a", 2.5},
		"go_scalars": []any{nil, true, false, 0, int8(-1), uint8(255), uint16(256), int32(65536),
			int32(math.MinInt32), int64(1 << 31), int64(math.MaxInt64), int64(math.MinInt64),
			uint64(math.MaxUint64), two70, float32(1.25), "", "", []byte{}, []byte(nil),
			[]byte("x"), []byte{0xe9, 0xff}, "\u00e9t\u00e9"},
		"go_nested": map[string]any{
			"b": []any{1, PyTuple{2, "three"}, map[string]any{"x": nil}},
			"a": PyTuple{},
			"c": []any{},
		},
		"go_record_batch": rec,
		"go_big_str":      []any{strings.Repeat("s", 70000), bytes.Repeat([]byte("b"), 70000)},
		"go_sets": []any{&Set{Items: ints(1, 2, 3)}, &Set{}, &FrozenSet{},
			&FrozenSet{Items: ints(4, 5)}},
		"go_bytearray": []any{&ByteArray{Value: []byte("ab")}, &ByteArray{}, &ByteArray{Value: []byte("x")}},
		"go_globals": []any{
			&Global{Module: "collections", Name: "OrderedDict"},
			&Global{Module: "datetime", Name: "datetime"},
			&Global{Module: "datetime", Name: "date"},
			&Global{Module: "builtins", Name: "range"},
			&Global{Module: "argparse", Name: "_SubParsersAction._ChoicesPseudoAction"},
		},
		"go_bytes_p2": []any{ab, ab, x, x},
	}
}

// TestEncodeGoValuesCPython encodes Go values and hand-built nodes and
// compares with CPython's pickle of the equivalent Python value.
func TestEncodeGoValuesCPython(t *testing.T) {
	vals := goValues()
	seen := map[string]bool{}
	for _, c := range loadEncodeCases(t) {
		if c.Kind != "go" {
			continue
		}
		v, ok := vals[c.Name]
		require.True(t, ok, "no Go value for %s", c.Name)
		seen[c.Name] = true
		t.Run(fmt.Sprintf("%s/p%d", c.Name, c.Protocol), func(t *testing.T) {
			got := encodeProto(t, v, c.Protocol)
			if !bytes.Equal(c.data, got) {
				t.Fatalf("differs from CPython: %s", firstDiff(c.data, got))
			}
		})
	}
	require.Len(t, seen, len(vals))
}

func TestMarshalSimple(t *testing.T) {
	got, err := Marshal([]any{1, "a", 2.5})
	require.NoError(t, err)
	// pickle.dumps([1, "a", 2.5], protocol=5)
	want := []byte("\x80\x05\x95\x14\x00\x00\x00\x00\x00\x00\x00]\x94(K\x01\x8c\x01a\x94G@\x04\x00\x00\x00\x00\x00\x00e.")
	require.Equal(t, want, got)

	got, err = Marshal(nil)
	require.NoError(t, err)
	require.Equal(t, []byte("\x80\x05N."), got)
}

// chunkWriter records the size of every Write.
type chunkWriter struct {
	bytes.Buffer
	writes []int
}

func (w *chunkWriter) Write(p []byte) (int, error) {
	w.writes = append(w.writes, len(p))
	return w.Buffer.Write(p)
}

func TestEncodeStreamsFrames(t *testing.T) {
	items := make([]any, 50000)
	for i := range items {
		items[i] = fmt.Sprintf("item-%d", i)
	}
	items[100] = strings.Repeat("L", 200000)
	want, err := Marshal(items)
	require.NoError(t, err)
	for _, proto := range []int{2, 3, 4, 5} {
		var w chunkWriter
		require.NoError(t, Encode(&w, items, &EncodeOptions{Protocol: proto}))
		if proto == 5 {
			require.Equal(t, want, w.Bytes())
		}
		require.Greater(t, len(w.writes), 5)
		for _, n := range w.writes {
			if n != 200000 {
				require.Less(t, n, frameSizeTarget+4096, "buffered write too large")
			}
		}
		g, err := Decode(w.Bytes())
		require.NoError(t, err)
		require.Len(t, g.Root.(*List).Items, 50000)
	}
}

type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n += len(p); w.n > 100000 {
		return 0, io.ErrShortWrite
	}
	return len(p), nil
}

func TestEncodeErrors(t *testing.T) {
	_, err := Marshal(struct{}{})
	require.ErrorContains(t, err, "struct {}")
	_, err = Marshal([]any{1, map[int]string{}})
	require.ErrorContains(t, err, "map[int]string")
	_, err = Marshal(&Str{Value: "\xff"})
	require.ErrorContains(t, err, "UTF-8")
	_, err = Marshal((*List)(nil))
	require.Error(t, err)
	_, err = Marshal(&Call{Callable: &Global{Module: "m", Name: "f"}})
	require.Error(t, err)
	require.Error(t, Encode(io.Discard, 1, &EncodeOptions{Protocol: 1}))
	require.Error(t, Encode(io.Discard, 1, &EncodeOptions{Protocol: 6}))
	_, err = Marshal(&Graph{})
	require.Error(t, err)

	// A tuple that contains itself only through tuples cannot exist in
	// Python.
	t1 := &Tuple{}
	t2 := &Tuple{Items: []Value{&Int{Value: 1}, t1}}
	t1.Items = []Value{t2}
	_, err = Marshal(t1)
	require.ErrorIs(t, err, ErrImmutableCycle)

	fs := &FrozenSet{}
	fs.Items = []Value{&Tuple{Items: []Value{fs}}}
	_, err = Marshal(fs)
	require.ErrorIs(t, err, ErrImmutableCycle)

	// A Go slice that contains itself.
	s := make([]any, 1)
	s[0] = s
	_, err = Marshal(s)
	require.ErrorIs(t, err, ErrEncodeDepth)

	// Too deep.
	var deep Value = &None{}
	for i := 0; i < MaxEncodeDepth+5; i++ {
		deep = &List{Items: []Value{deep}}
	}
	_, err = Marshal(deep)
	require.ErrorIs(t, err, ErrEncodeDepth)
	deep = &None{}
	for i := 0; i < MaxEncodeDepth-5; i++ {
		deep = &List{Items: []Value{deep}}
	}
	_, err = Marshal(deep)
	require.NoError(t, err)

	big := make([]any, 30000)
	for i := range big {
		big[i] = "some string value"
	}
	require.ErrorIs(t, Encode(&failWriter{}, big, nil), io.ErrShortWrite)
}

// TestEncodeRecursiveNodes checks cycles that Python allows.
func TestEncodeRecursiveNodes(t *testing.T) {
	// A list inside itself, through a tuple.
	l := &List{}
	tp := &Tuple{Items: []Value{l, &Str{Value: "x"}}}
	l.Items = []Value{tp, tp}
	data, err := Marshal(l)
	require.NoError(t, err)
	g, err := Decode(data)
	require.NoError(t, err)
	require.Equal(t, "[([...], 'x'), ([...], 'x')]", Repr(g.Root))
	root := g.Root.(*List)
	require.Same(t, root, root.Items[0].(*Tuple).Items[0])
	require.Same(t, root.Items[0], root.Items[1])

	// A reduce whose arguments refer to itself through a dict.
	d := &Dict{}
	c := &Call{Callable: &Global{Module: "m", Name: "f"}, Args: &Tuple{Items: []Value{d}}}
	require.NoError(t, d.SetItem(&Str{Value: "c"}, c))
	data, err = Marshal(c)
	require.NoError(t, err)
	g, err = Decode(data)
	require.NoError(t, err)
	require.Equal(t, "m.f({'c': ...})", Repr(g.Root))
	dc := g.Root.(*Call).Args.(*Tuple).Items[0].(*Dict)
	require.Same(t, g.Root, dc.Entries[0].Value)
}

// TestEncodeNodeKinds encodes each kind of node and decodes it back.
func TestEncodeNodeKinds(t *testing.T) {
	obj := &Call{Kind: NewObj, Callable: &Global{Module: "m", Name: "C"}, Args: &Tuple{}}
	built := &Build{Object: obj, State: &Dict{}}
	upd := &Update{Kind: SetItems, Object: &Call{Callable: &Global{Module: "collections", Name: "OrderedDict"}, Args: &Tuple{}},
		Items: []Value{&Str{Value: "k"}, &Int{Value: 1}}}
	for _, proto := range []int{2, 3, 4, 5} {
		v := &List{Items: []Value{
			built, built,
			upd,
			&Call{Kind: NewObjEx, Callable: &Global{Module: "m", Name: "D"}, Args: &Tuple{}, Kwargs: &Dict{}},
			&Call{Kind: Inst, Callable: &Global{Module: "m", Name: "E"}, Args: &Tuple{}},
			&PersistentID{ID: &Str{Value: "pid"}},
			&Buffer{Data: []byte("ro"), ReadOnly: true},
			&Buffer{Data: []byte("rw")},
			&Global{Module: "m", Name: "X", Ext: 300},
			&BigInt{Value: new(big.Int).Lsh(big.NewInt(-3), 100)},
			&Update{Kind: Append, Object: &Global{Module: "m", Name: "L"}, Items: ints(1, 2, 3)},
			&Update{Kind: AddItems, Object: &Global{Module: "m", Name: "S"}, Items: ints(1)},
		}}
		data := encodeProto(t, v, proto)
		g, err := (&DecodeOptions{
			Extensions: map[int32]ExtensionName{300: {Module: "m", Name: "X"}},
		}).Decode(data)
		require.NoError(t, err, "protocol %d", proto)
		rest := map[int]string{
			2: "_codecs.encode('ro', 'latin1'), __builtin__.bytearray(_codecs.encode('rw', 'latin1'))",
			3: "b'ro', builtins.bytearray(b'rw')",
			4: "b'ro', builtins.bytearray(b'rw')",
			5: "b'ro', bytearray(b'rw')",
		}[proto]
		want := "[<build m.C.NEWOBJ() state={}>, m.C.NEWOBJ(), <setitems collections.OrderedDict() ['k', 1]>, " +
			"m.D.NEWOBJ_EX(, **{}), m.E(), <persistent 'pid'>, " + rest +
			", m.X, -3802951800684688204490109616128, <appends m.L [1, 2, 3]>, <additems m.S [1]>]"
		require.Equal(t, want, Repr(g.Root), "protocol %d", proto)
		// The second reference to the Build is the built object.
		items := g.Root.(*List).Items
		require.Same(t, items[0].(*Build).Object, items[1])
	}
}

// FuzzEncodeDecode decodes the input and, when it decodes, encodes the
// graph at protocols 2 and 5 and decodes the result again. Encoding must
// not fail except for the documented refusals, must be idempotent
// (encoding the re-decoded graph gives the same bytes), and at protocol 5
// the repr of the re-decoded root must equal the original's. The repr is
// compared after writing INST/OBJ calls as plain calls, and not at all
// for graphs with Buffer nodes (written as bytes) or with Build or Update
// nodes referenced more than once (later references are written as the
// object they wrap, which is the same Python object).
func FuzzEncodeDecode(f *testing.F) {
	for _, c := range loadEncodeCases(f) {
		if len(c.data) < 20000 {
			f.Add(c.data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := Decode(data)
		if err != nil {
			return
		}
		for _, proto := range []int{2, 5} {
			var buf bytes.Buffer
			err := Encode(&buf, g.Root, &EncodeOptions{Protocol: proto})
			if err != nil {
				if errors.Is(err, ErrEncodeDepth) || errors.Is(err, ErrImmutableCycle) {
					return
				}
				// Refusals for values a pickler cannot write (e.g.
				// a global name that is not ASCII at protocol 2).
				if strings.HasPrefix(err.Error(), "pickle: ") {
					continue
				}
				t.Fatalf("protocol %d: %v", proto, err)
			}
			g2, err := Decode(buf.Bytes())
			if err != nil {
				t.Fatalf("protocol %d: re-encoded pickle does not decode: %v", proto, err)
			}
			var buf2 bytes.Buffer
			if err := Encode(&buf2, g2.Root, &EncodeOptions{Protocol: proto}); err != nil {
				t.Fatalf("protocol %d: re-decoded graph does not encode: %v", proto, err)
			}
			if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
				t.Fatalf("protocol %d: encoding is not idempotent: %s", proto, firstDiff(buf.Bytes(), buf2.Bytes()))
			}
			if proto != 5 || !reprComparable(g.Root) {
				continue
			}
			norm := strings.NewReplacer(".INST(", "(", ".OBJ(", "(")
			if r1, r2 := norm.Replace(Repr(g.Root)), norm.Replace(Repr(g2.Root)); r1 != r2 {
				t.Fatalf("protocol %d: repr changed:\n%s\n%s", proto, r1, r2)
			}
		}
	})
}

// reprComparable reports whether encoding keeps the Repr of root: no
// Buffer nodes and no Build or Update node reached twice.
func reprComparable(root Value) bool {
	refs := map[Value]int{root: 1}
	ok := true
	WalkFrom([]Value{root}, func(v, parent Value, via Edge) bool {
		if _, isBuf := v.(*Buffer); isBuf {
			ok = false
		}
		Children(v, func(e Edge) bool {
			refs[e.Child]++
			return true
		})
		return true
	})
	for v, n := range refs {
		switch v.(type) {
		case *Build, *Update:
			if n > 1 {
				ok = false
			}
		}
	}
	return ok
}

// benchRecordBatch builds about size bytes (as pickled) of records: tuples
// of int, str, float, list and dict, like a PySpark batch.
func benchRecordBatch(size int) *List {
	k1, k2 := &Str{Value: "id"}, &Str{Value: "tags"}
	var items []Value
	for n := 0; n < size; n += 110 {
		i := int64(len(items))
		rec := &Tuple{Items: []Value{
			&Int{Value: i * 7919},
			&Str{Value: fmt.Sprintf("user-%08d@example.com", i)},
			&Float{Value: float64(i) * 1.25},
			&List{Items: []Value{&Int{Value: i}, &Int{Value: -i}, &Str{Value: "x"}}},
			&Dict{Entries: []DictEntry{{k1, &Int{Value: i}}, {k2, &List{}}}},
		}}
		items = append(items, rec)
	}
	return &List{Items: items}
}

func BenchmarkEncode(b *testing.B) {
	v := benchRecordBatch(10 << 20)
	data, err := Marshal(v)
	require.NoError(b, err)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := Encode(io.Discard, v, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarshal(b *testing.B) {
	v := benchRecordBatch(10 << 20)
	data, err := Marshal(v)
	require.NoError(b, err)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Marshal(v); err != nil {
			b.Fatal(err)
		}
	}
}
