package bridge

import (
	"bytes"
	"testing"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pickle"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/bytecode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestByteArrayRoundTrip loads bytearrays pickled at every protocol the
// encoder writes (BYTEARRAY8 at 5, builtins.bytearray REDUCE below) and
// converts them back: ToPickle keeps a shared bytearray shared, ToJSON
// refuses it as json.dumps does, FromPython gives its bytes.
func TestByteArrayRoundTrip(t *testing.T) {
	for proto := 2; proto <= pickle.HighestProtocol; proto++ {
		ba := &pickle.ByteArray{Value: []byte("\x00hi\xff")}
		var buf bytes.Buffer
		require.NoError(t, pickle.Encode(&buf, &pickle.List{Items: []pickle.Value{ba, ba, &pickle.ByteArray{}}}, &pickle.EncodeOptions{Protocol: proto}))
		l, err := LoadBytes(buf.Bytes(), MaterializeOptions{})
		require.NoError(t, err, "protocol %d", proto)
		s, err := pyexec.Repr(l.Thread, l.Value)
		require.NoError(t, err)
		assert.Equal(t, `[bytearray(b'\x00hi\xff'), bytearray(b'\x00hi\xff'), bytearray(b'')]`, s, "protocol %d", proto)
		items := l.Value.(*py.List).Items
		assert.Same(t, items[0], items[1], "protocol %d: the memo keeps one bytearray", proto)

		g, err := ToPickle(l.Thread, l.Value)
		require.NoError(t, err)
		var out bytes.Buffer
		require.NoError(t, pickle.Encode(&out, g, &pickle.EncodeOptions{Protocol: proto}))
		assert.Equal(t, buf.Bytes(), out.Bytes(), "protocol %d: ToPickle writes what was read", proto)
	}

	th := pyexec.NewThread(bytecode.Py311)
	a := pyexec.NewByteArray([]byte("ab"))
	_, err := ToJSON(th, a)
	assert.EqualError(t, err, "TypeError: Object of type bytearray is not JSON serializable")
	v, err := FromPython(th, a)
	require.NoError(t, err)
	assert.Equal(t, []byte("ab"), v)
}
