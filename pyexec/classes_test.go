package pyexec

import (
	"strings"
	"testing"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec/bytecode"
	"github.com/stretchr/testify/require"
)

// TestNewClassAPI exercises the materialiser's API: NewClass, ClassDict,
// SetAttr on a class, NewInstance and InstanceDict.
func TestNewClassAPI(t *testing.T) {
	th := NewThread(bytecode.Py312)
	ns := NewDict(0)
	require.NoError(t, ns.SetItem(th, py.String("__module__"), py.String("mod")))
	require.NoError(t, ns.SetItem(th, py.String("k"), MakeInt(1)))
	base, err := NewClass(th, nil, "Base", nil, ns)
	require.NoError(t, err)
	sub, err := NewClass(th, nil, "Sub", py.Tuple{base}, ns)
	require.NoError(t, err)
	d, ok := ClassDict(base)
	require.True(t, ok)
	v, ok := d.GetStr(th, "k")
	require.True(t, ok)
	require.Equal(t, MakeInt(1), v)
	require.NoError(t, SetAttr(th, base, "k2", py.String("x")))
	got, err := GetAttr(th, sub, "k2")
	require.NoError(t, err)
	require.Equal(t, py.String("x"), got)
	s, err := Repr(th, base)
	require.NoError(t, err)
	require.Equal(t, "<class 'mod.Base'>", s)

	inst, err := NewInstance(th, sub)
	require.NoError(t, err)
	idict, ok := InstanceDict(inst)
	require.True(t, ok)
	require.NoError(t, idict.SetItem(th, py.String("a"), MakeInt(5)))
	a, err := GetAttr(th, inst, "a")
	require.NoError(t, err)
	require.Equal(t, MakeInt(5), a)
	require.True(t, IsInstance(inst, base.(*py.Type)))
	r, err := Repr(th, inst)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(r, "<mod.Sub object at 0x"), r)

	// Exceptions as bases.
	exc, err := NewClass(th, nil, "MyError", py.Tuple{ValueErrorType}, ns)
	require.NoError(t, err)
	e, err := Call(th, exc, []py.Object{py.String("boom")}, nil)
	require.NoError(t, err)
	require.Equal(t, "mod.MyError: boom", e.(*Exception).Error())
	ok2, err := excMatches(e.(*Exception), ValueErrorType)
	require.NoError(t, err)
	require.True(t, ok2)

	// A metaclass conflict is reported, not panicked on.
	_, err = NewClass(th, py.Int(3), "X", nil, nil)
	require.Error(t, err)
}
