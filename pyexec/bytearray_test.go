package pyexec

import (
	"testing"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec/bytecode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMemoryViewRepr checks the reprs the golden cases cannot compare:
// memoryviews show fake addresses (addr.go), distinct per view and stable
// per view, and "released" once released.
func TestMemoryViewRepr(t *testing.T) {
	th := NewThread(bytecode.Py311)
	a := NewByteArray([]byte("abc"))
	m, err := NewMemoryView(a)
	require.NoError(t, err)
	s1, err := Repr(th, m)
	require.NoError(t, err)
	assert.Regexp(t, `^<memory at 0x7f[0-9a-f]+>$`, s1)
	s2, _ := Repr(th, m)
	assert.Equal(t, s1, s2)
	sub, err := GetItem(th, m, &py.Slice{Start: py.Int(1), Stop: py.None, Step: py.None})
	require.NoError(t, err)
	s3, _ := Repr(th, sub)
	assert.NotEqual(t, s1, s3)
	rel, err := GetAttr(th, m, "release")
	require.NoError(t, err)
	_, err = Call(th, rel, nil, nil)
	require.NoError(t, err)
	s4, _ := Repr(th, m)
	assert.Equal(t, "<released "+s1[1:], s4)
	// A view sees its bytearray change.
	require.NoError(t, SetItem(th, a, py.Int(1), py.Int('B')))
	b, err := GetItem(th, sub, py.Int(0))
	require.NoError(t, err)
	assert.Equal(t, MakeInt('B'), b)
}
