package bridge

import (
	"encoding/hex"
	"testing"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
	"github.com/pybridge/pybridge/pyexec/bytecode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLoadEllipsisNotImplemented loads the pickles cloudpickle 2.1.0
// (CPython 3.11) writes for Ellipsis, NotImplemented and their types:
// GLOBAL builtins.Ellipsis (__builtin__ under protocol 2), and
// type(builtins.Ellipsis) for the type.
func TestLoadEllipsisNotImplemented(t *testing.T) {
	cases := []struct{ name, hex, repr string }{
		{"Ellipsis/2", "8002635f5f6275696c74696e5f5f0a456c6c69707369730a71002e", "Ellipsis"},
		{"Ellipsis/4", "80049519000000000000008c086275696c74696e73948c08456c6c69707369739493942e", "Ellipsis"},
		{"Ellipsis/5", "80059519000000000000008c086275696c74696e73948c08456c6c69707369739493942e", "Ellipsis"},
		{"NotImplemented/2", "8002635f5f6275696c74696e5f5f0a4e6f74496d706c656d656e7465640a71002e", "NotImplemented"},
		{"NotImplemented/4", "8004951f000000000000008c086275696c74696e73948c0e4e6f74496d706c656d656e7465649493942e", "NotImplemented"},
		{"list/2", "80025d710028635f5f6275696c74696e5f5f0a456c6c69707369730a7101635f5f6275696c74696e5f5f0a4e6f74496d706c656d656e7465640a71024b016801867103652e",
			"[Ellipsis, NotImplemented, (1, Ellipsis)]"},
		{"list/5", "80059538000000000000005d94288c086275696c74696e73948c08456c6c697073697394939468018c0e4e6f74496d706c656d656e7465649493944b0168038694652e",
			"[Ellipsis, NotImplemented, (1, Ellipsis)]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			raw, err := hex.DecodeString(c.hex)
			require.NoError(t, err)
			for _, v := range []bytecode.Version{bytecode.Py38, bytecode.Py311, bytecode.Py313} {
				l, err := LoadBytes(raw, MaterializeOptions{Version: v})
				require.NoError(t, err)
				got, err := pyexec.Repr(l.Thread, l.Value)
				require.NoError(t, err)
				assert.Equal(t, c.repr, got)
			}
		})
	}
	// The singletons are the evaluator's own: `x is ...` holds.
	raw, _ := hex.DecodeString(cases[1].hex)
	l, err := LoadBytes(raw, MaterializeOptions{})
	require.NoError(t, err)
	assert.True(t, pyexec.Identical(l.Value, py.Ellipsis))
	raw, _ = hex.DecodeString(cases[4].hex)
	l, err = LoadBytes(raw, MaterializeOptions{})
	require.NoError(t, err)
	assert.True(t, pyexec.Identical(l.Value, pyexec.NotImplemented))
}

// TestLoadEllipsisType loads type(Ellipsis) and type(NotImplemented) as
// cloudpickle writes them (a call of builtins.type at load).
func TestLoadEllipsisType(t *testing.T) {
	for _, c := range []struct{ hex, want string }{
		{"80049528000000000000008c086275696c74696e73948c047479706594939468008c08456c6c6970736973949394859452942e", "ellipsis"},
		{"8004952e000000000000008c086275696c74696e73948c047479706594939468008c0e4e6f74496d706c656d656e746564949394859452942e", "NotImplementedType"},
	} {
		raw, err := hex.DecodeString(c.hex)
		require.NoError(t, err)
		l, err := LoadBytes(raw, MaterializeOptions{})
		require.NoError(t, err)
		typ, ok := l.Value.(*py.Type)
		require.True(t, ok, "got %T", l.Value)
		assert.Equal(t, c.want, typ.Name)
		got, err := pyexec.Repr(l.Thread, l.Value)
		require.NoError(t, err)
		assert.Equal(t, "<class '"+c.want+"'>", got)
	}
}
