// Package typesmod implements CPython's types module for pyexec: the type
// objects of pyexec's own values (FunctionType, CodeType, CellType,
// ModuleType, …) plus SimpleNamespace and MappingProxyType.
package typesmod

import (
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

// SimpleNamespaceType is types.SimpleNamespace.
var SimpleNamespaceType = pyexec.NewNativeType("types", "SimpleNamespace", nil)

// MappingProxyType is types.MappingProxyType.
var MappingProxyType = pyexec.NewNativeType("builtins", "mappingproxy", nil)

func init() {
	pyexec.RegisterModule("types", newModule)
	pyexec.SetTypeCtor(SimpleNamespaceType, func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		npos := len(args) - len(kw)
		if npos > 1 || (npos == 1 && t.Version().Minor < 13) {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "no positional arguments expected")
		}
		ns := &Namespace{Dict: pyexec.NewDict(len(kw))}
		for i, k := range kw {
			if err := ns.Dict.SetItem(t, k, args[npos+i]); err != nil {
				return nil, err
			}
		}
		return ns, nil
	})
	pyexec.SetTypeCtor(MappingProxyType, func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs("mappingproxy", args, kw, []string{"mapping"}, 1)
		if err != nil {
			return nil, err
		}
		d, ok := a[0].(*pyexec.Dict)
		if !ok {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "mappingproxy() argument must be a mapping, not %s", pyexec.TypeName(a[0]))
		}
		return &MappingProxy{D: d}, nil
	})
	pyexec.AddMethods(MappingProxyType, map[string]pyexec.MethodFunc{
		"get": proxied("get"), "keys": proxied("keys"), "values": proxied("values"),
		"items": proxied("items"), "copy": proxied("copy"),
	})
}

func proxied(name string) pyexec.MethodFunc {
	return func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
		m, err := pyexec.GetAttr(t, self.(*MappingProxy).D, name)
		if err != nil {
			return nil, err
		}
		return pyexec.CallKw(t, m, args, kw)
	}
}

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "types")
	for name, v := range map[string]py.Object{
		"FunctionType": pyexec.FunctionType, "LambdaType": pyexec.FunctionType, "CodeType": pyexec.CodeType,
		"CellType": pyexec.CellType, "ModuleType": pyexec.ModuleType, "BuiltinFunctionType": pyexec.BuiltinType,
		"BuiltinMethodType": pyexec.BuiltinType, "MethodType": pyexec.BoundMethodType,
		"GeneratorType": pyexec.GeneratorType, "NoneType": py.NoneTypeType,
		"MethodDescriptorType": pyexec.MethodDescrType,
		"SimpleNamespace":      SimpleNamespaceType, "MappingProxyType": MappingProxyType,
	} {
		m.Set(t, name, v)
	}
	return m, nil
}

// Namespace is a types.SimpleNamespace instance.
type Namespace struct{ Dict *pyexec.Dict }

// Type returns types.SimpleNamespace.
func (n *Namespace) Type() *py.Type { return SimpleNamespaceType }

// GetAttr reads an attribute from the namespace.
func (n *Namespace) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	if name == "__dict__" {
		return n.Dict, true, nil
	}
	if v, ok := n.Dict.GetStr(t, name); ok {
		return v, true, nil
	}
	return nil, false, pyexec.Errorf(pyexec.AttributeErrorType, "'types.SimpleNamespace' object has no attribute '%s'", name)
}

// PySetAttr sets or deletes an attribute.
func (n *Namespace) PySetAttr(t *pyexec.Thread, name string, v py.Object) (bool, error) {
	if v == nil {
		_, ok, err := n.Dict.Delete(t, py.String(name))
		if err == nil && !ok {
			err = pyexec.Errorf(pyexec.AttributeErrorType, "'types.SimpleNamespace' object has no attribute '%s'", name)
		}
		return true, err
	}
	return true, n.Dict.SetItem(t, py.String(name), v)
}

// Repr returns namespace(a=1, …).
func (n *Namespace) Repr(t *pyexec.Thread) (string, error) {
	var b strings.Builder
	b.WriteString("namespace(")
	var err error
	i := 0
	n.Dict.Items(func(k, v py.Object) bool {
		if i > 0 {
			b.WriteString(", ")
		}
		i++
		ks, _ := pyexec.Str(t, k)
		var vs string
		if vs, err = pyexec.Repr(t, v); err != nil {
			return false
		}
		b.WriteString(ks + "=" + vs)
		return true
	})
	b.WriteString(")")
	return b.String(), err
}

// PyEqual compares namespaces by their attributes.
func (n *Namespace) PyEqual(t *pyexec.Thread, other py.Object) (bool, bool, error) {
	o, ok := other.(*Namespace)
	if !ok {
		return false, false, nil
	}
	eq, err := pyexec.Equal(t, n.Dict, o.Dict)
	return eq, true, err
}

// MappingProxy is a read-only view of a dict.
type MappingProxy struct{ D *pyexec.Dict }

// Type returns mappingproxy.
func (p *MappingProxy) Type() *py.Type { return MappingProxyType }

// Repr returns mappingproxy({...}).
func (p *MappingProxy) Repr(t *pyexec.Thread) (string, error) {
	s, err := pyexec.Repr(t, p.D)
	return "mappingproxy(" + s + ")", err
}

// PyGetItem returns d[key].
func (p *MappingProxy) PyGetItem(t *pyexec.Thread, key py.Object) (py.Object, error) {
	return pyexec.GetItem(t, p.D, key)
}

// PySetItem refuses assignment.
func (p *MappingProxy) PySetItem(t *pyexec.Thread, key, v py.Object) error {
	if v == nil {
		return pyexec.Errorf(pyexec.TypeErrorType, "'mappingproxy' object does not support item deletion")
	}
	return pyexec.Errorf(pyexec.TypeErrorType, "'mappingproxy' object does not support item assignment")
}

// PyLen returns len(d).
func (p *MappingProxy) PyLen(t *pyexec.Thread) (int, error) { return p.D.Len(), nil }

// Iter iterates over the keys.
func (p *MappingProxy) Iter(t *pyexec.Thread) (pyexec.Iterator, error) { return pyexec.Iterate(t, p.D) }

// PyContains tests key membership.
func (p *MappingProxy) PyContains(t *pyexec.Thread, item py.Object) (bool, error) {
	return pyexec.Contains(t, p.D, item)
}

// PyEqual compares with the underlying dict.
func (p *MappingProxy) PyEqual(t *pyexec.Thread, other py.Object) (bool, bool, error) {
	if o, ok := other.(*MappingProxy); ok {
		other = o.D
	}
	eq, err := pyexec.Equal(t, p.D, other)
	return eq, true, err
}
