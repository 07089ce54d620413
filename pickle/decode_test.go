package pickle

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCodecGolden decodes the pickles CPython 3.11 wrote for a list of
// plain values at protocols 0-5 (testdata/gen/gen_codec.py) and compares
// the graph's repr with CPython's repr of pickle.loads.
func TestCodecGolden(t *testing.T) {
	raw, err := os.ReadFile("../testdata/codec/expected.json")
	require.NoError(t, err)
	var cases []struct {
		Name, File, Repr string
		Protocol         int
	}
	require.NoError(t, json.Unmarshal(raw, &cases))
	require.NotEmpty(t, cases)
	compared := 0
	for _, c := range cases {
		data, err := os.ReadFile(filepath.Join("../testdata/codec", c.File))
		require.NoError(t, err)
		g, err := Decode(data)
		if !assert.NoError(t, err, c.File) {
			continue
		}
		assert.Equal(t, int64(len(data)), g.End, c.File)
		if !plainData(g) {
			// Protocols below 4 rebuild sets and bytes by calling
			// builtins; those graphs hold calls, not data.
			assert.Less(t, c.Protocol, 5, "%s: protocol 5 data should decode to plain nodes", c.File)
			continue
		}
		compared++
		assert.Equal(t, c.Repr, Repr(g.Root), c.File)
	}
	t.Logf("%d of %d reprs compared", compared, len(cases))
	assert.Greater(t, compared, len(cases)/2)
}

func TestSharedAndCyclic(t *testing.T) {
	// s = [1]; pickle.dumps([s, s], 5)
	g, err := Decode([]byte("\x80\x05\x95\x0c\x00\x00\x00\x00\x00\x00\x00]\x94(]\x94K\x01ah\x01e."))
	require.NoError(t, err)
	outer := g.Root.(*List)
	require.Len(t, outer.Items, 2)
	assert.Same(t, outer.Items[0], outer.Items[1])
	// l = []; l.append(l)
	g, err = Decode([]byte("\x80\x05]\x94h\x00a."))
	require.NoError(t, err)
	l := g.Root.(*List)
	assert.Same(t, l, l.Items[0])
	assert.Equal(t, "[[...]]", Repr(l))
}

func TestDictKeysPythonEquality(t *testing.T) {
	// {1: 'a', 1.0: 'b', True: 'c'} built by hand: one key, last value.
	data := []byte("}(K\x01X\x01\x00\x00\x00aG?\xf0\x00\x00\x00\x00\x00\x00X\x01\x00\x00\x00b\x88X\x01\x00\x00\x00cu.")
	g, err := Decode(data)
	require.NoError(t, err)
	assert.Equal(t, "{1: 'c'}", Repr(g.Root))
	// An unhashable key is an error with the offset of SETITEMS.
	_, err = Decode([]byte("}(]K\x01u."))
	var se *SyntaxError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, int64(5), se.Offset)
	assert.Contains(t, se.Msg, "unhashable type: 'list'")
}

func TestMalformed(t *testing.T) {
	cases := []struct {
		name, data, msg string
		offset          int64
	}{
		{"empty", "", "no STOP", 0},
		{"unknown opcode", "\xff.", "unknown opcode 0xff", 0},
		{"underflow", "0.", "stack underflow", 0},
		{"exposed mark", "N(.", "unexpected MARK", 2},
		{"missing memo", "h\x05.", "memo has no entry 5", 0},
		{"odd setitems", "}(K\x01u.", "odd number of items", 4},
		{"truncated", "X\x05\x00\x00\x00ab", "exceeds the 2 bytes remaining", 0},
		{"huge unicode8", "\x8d\x00\x00\x00\x00\x00\x00\x00\x10.", "exceeds the 1 bytes remaining", 0},
		{"huge frame", "\x80\x04\x95\xff\xff\xff\xff\xff\xff\xff\x7fN.", "FRAME", 2},
		{"huge bytearray", "\x96\xff\xff\xff\xff\xff\xff\xff\xff", "exceeds", 0},
		{"negative binstring", "T\xff\xff\xff\xff.", "negative byte count", 0},
		{"bad protocol", "\x80\x06N.", "unsupported pickle protocol: 6", 0},
		{"no stop", "N", "no STOP", 1},
		{"stack global not str", "K\x01K\x02\x93.", "STACK_GLOBAL requires str", 4},
		{"reduce non-tuple", "cos\nsystem\nK\x01R.", "must be a tuple", 13},
		{"unquoted STRING", "Sabc\n.", "must be quoted", 0},
		{"bad escape", "S'\\x4'\n.", "invalid \\x escape", 0},
		{"no buffers", "\x97.", "no buffers", 0},
		{"ext unregistered", "\x82\x05.", "unregistered extension code 5", 0},
		{"bad utf8", "X\x01\x00\x00\x00\xff.", "not valid UTF-8", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, err := Decode([]byte(c.data))
			require.Error(t, err)
			assert.Nil(t, g)
			var se *SyntaxError
			require.ErrorAs(t, err, &se)
			assert.Contains(t, se.Error(), c.msg)
			assert.Equal(t, c.offset, se.Offset)
		})
	}
}

func TestLimits(t *testing.T) {
	deep := strings.Repeat("(", 100) + "."
	_, err := (&DecodeOptions{Limits: Limits{MaxMarks: 10}}).Decode([]byte(deep))
	assert.True(t, errors.Is(err, ErrLimit), "%v", err)

	many := strings.Repeat("N", 1000) + "."
	_, err = (&DecodeOptions{Limits: Limits{MaxStack: 100}}).Decode([]byte(many))
	assert.True(t, errors.Is(err, ErrLimit), "%v", err)
	_, err = (&DecodeOptions{Limits: Limits{MaxNodes: 100}}).Decode([]byte(many))
	assert.True(t, errors.Is(err, ErrLimit), "%v", err)

	digits := "L" + strings.Repeat("9", 5000) + "\n."
	_, err = Decode([]byte(digits))
	assert.True(t, errors.Is(err, ErrLimit), "%v", err)
	_, err = (&DecodeOptions{Limits: Limits{MaxIntDigits: -1}}).Decode([]byte(digits))
	assert.NoError(t, err)

	_, err = (&DecodeOptions{Limits: Limits{MaxInputBytes: 3}}).Decode([]byte("N.  "))
	assert.True(t, errors.Is(err, ErrLimit), "%v", err)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = (&DecodeOptions{Context: ctx}).Decode([]byte(strings.Repeat("N0", 70000) + "N."))
	assert.True(t, errors.Is(err, context.Canceled), "%v", err)
}

func TestProtocolZeroText(t *testing.T) {
	cases := map[string]string{
		"I01\n.":                   "True",
		"I00\n.":                   "False",
		"I1\n.":                    "1",
		"I-42\n.":                  "-42",
		"I0x10\n.":                 "16",
		"I99999999999999999999\n.": "99999999999999999999",
		"L123L\n.":                 "123",
		"L-0x1f\n.":                "-31",
		"F1.5\n.":                  "1.5",
		"Finf\n.":                  "inf",
		"F-nan\n.":                 "nan",
		"S'a\\nb'\n.":              "'a\\nb'",
		`S"it's"` + "\n.":          `"it's"`,
		"Vcaf\\u00e9\n.":           "'café'",
		"V\\\\u0041\n.":            "'\\\\\\\\u0041'",
		"Vx\\U0001F600\n.":         "'x\U0001F600'",
		"(I1\nI2\nl.":              "[1, 2]",
		"(I1\nI2\nd.":              "{1: 2}",
		"(I1\nt.":                  "(1,)",
		"N0I7\n.":                  "7",
		"(N1I3\n.":                 "3",
		"I5\np3\n0g3\n.":           "5",
	}
	for in, want := range cases {
		g, err := Decode([]byte(in))
		if assert.NoError(t, err, "%q", in) {
			assert.Equal(t, want, Repr(g.Root), "%q", in)
		}
	}
}

func TestSideEffectsKept(t *testing.T) {
	// A REDUCE whose result is popped, one left on the stack under the
	// root, and trailing bytes: none may be lost.
	data := []byte("cos\nsystem\n(S'a'\ntR0cos\nsystem\n(S'b'\ntRN.junk")
	g, err := Decode(data)
	require.NoError(t, err)
	require.Len(t, g.Popped, 1)
	require.Len(t, g.Leftover, 1)
	assert.Equal(t, "os.system('a')", Repr(g.Popped[0]))
	assert.Equal(t, "os.system('b')", Repr(g.Leftover[0]))
	assert.Equal(t, "junk", string(g.Trailing))

	// BUILD and SETITEMS on a call result wrap it without losing it.
	g, err = Decode([]byte("ccollections\ndefaultdict\n)R}b(K\x01K\x02u."))
	require.NoError(t, err)
	u := g.Root.(*Update)
	assert.Equal(t, SetItems, u.Kind)
	b := u.Object.(*Build)
	assert.Equal(t, "collections.defaultdict()", Repr(b.Object))
	assert.Len(t, u.Items, 2)
}

func TestBuffers(t *testing.T) {
	opts := DecodeOptions{Buffers: [][]byte{[]byte("abc")}}
	g, err := opts.Decode([]byte("\x97\x98."))
	require.NoError(t, err)
	b := g.Root.(*Buffer)
	assert.True(t, b.ReadOnly)
	assert.Equal(t, "abc", string(b.Data))
	_, err = opts.Decode([]byte("\x97\x97."))
	assert.ErrorContains(t, err, "not enough out-of-band buffers")
}

func TestPersistentLoad(t *testing.T) {
	g, err := Decode([]byte("Pkey\n."))
	require.NoError(t, err)
	assert.Equal(t, "key", g.Root.(*PersistentID).ID.(*Str).Value)
	opts := DecodeOptions{PersistentLoad: func(id Value) (Value, error) {
		return &Str{Value: "resolved:" + id.(*Str).Value}, nil
	}}
	g, err = opts.Decode([]byte("Pkey\n."))
	require.NoError(t, err)
	assert.Equal(t, "'resolved:key'", Repr(g.Root))
}

func TestNoPanicOnTruncations(t *testing.T) {
	files, _ := filepath.Glob("../testdata/corpus/cloudpickle-matrix/py3.11_cpv3.1.2/*.pkl")
	require.NotEmpty(t, files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		_, err = Decode(data)
		require.NoError(t, err, f)
		for i := 0; i < len(data); i++ {
			_, err := Decode(data[:i])
			var se *SyntaxError
			require.ErrorAs(t, err, &se, "%s cut at %d", f, i)
		}
	}
}
