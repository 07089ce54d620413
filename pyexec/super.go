package pyexec

import (
	"github.com/go-python/gpython/py"
)

// Super is a super() object: attribute lookup along type(obj).__mro__ after
// this.
type Super struct {
	this    *py.Type
	obj     py.Object // nil when unbound
	objType *py.Type
}

// Type returns super.
func (s *Super) Type() *py.Type { return SuperType }

// newSuper implements super(), super(type) and super(type, obj).
func newSuper(t *Thread, args []py.Object, kwnames py.Tuple) (py.Object, error) {
	if len(kwnames) > 0 {
		return nil, typeErrorf("super() takes no keyword arguments")
	}
	switch len(args) {
	case 0:
		return zeroArgSuper(t)
	case 1, 2:
	default:
		return nil, typeErrorf("super() takes at most 2 arguments (%d given)", len(args))
	}
	this, ok := args[0].(*py.Type)
	if !ok {
		return nil, typeErrorf("super() argument 1 must be a type, not %s", TypeName(args[0]))
	}
	if len(args) == 1 {
		return &Super{this: this}, nil
	}
	return makeSuper(this, args[1])
}

func makeSuper(this *py.Type, obj py.Object) (*Super, error) {
	if ot, ok := obj.(*py.Type); ok && IsSubtype(ot, this) {
		return &Super{this: this, obj: obj, objType: ot}, nil
	}
	if ot := TypeOf(obj); IsSubtype(ot, this) {
		return &Super{this: this, obj: obj, objType: ot}, nil
	}
	return nil, typeErrorf("super(type, obj): obj must be an instance or subtype of type")
}

// zeroArgSuper finds __class__ and the first argument in the calling frame.
func zeroArgSuper(t *Thread) (py.Object, error) {
	if t.depth == 0 {
		return nil, Errorf(RuntimeErrorType, "super(): no current frame")
	}
	f := t.frames[t.depth-1]
	if f.fn == nil || f.code == nil {
		return nil, Errorf(RuntimeErrorType, "super(): no current frame")
	}
	return superFromFrame(f)
}

func superFromFrame(f *frame) (py.Object, error) {
	co := f.code
	if co.ArgCount == 0 || len(f.locals) == 0 {
		return nil, Errorf(RuntimeErrorType, "super(): no arguments")
	}
	first := f.locals[0]
	if c, ok := first.(*Cell); ok && indexOf(co.CellVars, co.VarNames[0]) >= 0 {
		first = c.V
	}
	if first == nil {
		return nil, Errorf(RuntimeErrorType, "super(): arg[0] deleted")
	}
	for i := co.nlocalsplus - co.nfree; i < co.nlocalsplus; i++ {
		if co.localNames[i] != "__class__" {
			continue
		}
		c, ok := f.locals[i].(*Cell)
		if !ok || c.V == nil {
			return nil, Errorf(RuntimeErrorType, "super(): empty __class__ cell")
		}
		this, ok := c.V.(*py.Type)
		if !ok {
			return nil, Errorf(RuntimeErrorType, "super(): __class__ is not a type (%s)", TypeName(c.V))
		}
		return makeSuper(this, first)
	}
	return nil, Errorf(RuntimeErrorType, "super(): __class__ cell not found")
}

// getAttr looks name up in the MRO after s.this, binding descriptors to
// s.obj.
func (s *Super) getAttr(t *Thread, name string) (py.Object, error) {
	if s.obj != nil && name != "__class__" {
		mro := mroOf(s.objType)
		i := 0
		for i < len(mro) && mro[i] != s.this {
			i++
		}
		for _, c := range mro[min(i+1, len(mro)):] {
			v := ownAttr(c, name)
			if v == nil {
				continue
			}
			if hasGet, _ := descrKind(v); hasGet {
				var inst py.Object = s.obj
				if s.obj == s.objType {
					inst = nil
				}
				if cm, ok := v.(*ClassMethod); ok {
					return &BoundMethod{Self: s.objType, Func: cm.Func}, nil
				}
				return descrGet(t, v, inst, s.objType)
			}
			return v, nil
		}
	}
	switch name {
	case "__class__":
		return SuperType, nil
	case "__thisclass__":
		return s.this, nil
	case "__self__":
		return orNone(s.obj), nil
	case "__self_class__":
		if s.objType == nil {
			return py.None, nil
		}
		return s.objType, nil
	}
	return nil, Errorf(AttributeErrorType, "'super' object has no attribute '%s'", name)
}

func orNone(o py.Object) py.Object {
	if o == nil {
		return py.None
	}
	return o
}

func superRepr(s *Super) string {
	if s.obj == nil {
		return "<super: <class '" + s.this.Name + "'>, NULL>"
	}
	return "<super: <class '" + s.this.Name + "'>, <" + s.objType.Name + " object>>"
}
