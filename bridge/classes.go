package bridge

import (
	"fmt"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"

	// The stdlib modules (math, operator, ...) payloads import by reference.
	_ "github.com/pybridge/pybridge/pyexec/stdlib"
)

func init() {
	skeletonClass = makeSkeletonClass
	classSetstate = applyClassState
	newInstance = func(t *pyexec.Thread, cls *py.Type, args py.Tuple, kw *pyexec.Dict) (py.Object, error) {
		if !pyexec.IsUserClass(cls) {
			return nil, fmt.Errorf("%s.__new__ is not allowed at load", cls.Name)
		}
		return pyexec.NewInstance(t, cls)
	}
	setstate = callSetstate
	defaultImport = func(t *pyexec.Thread, name string) (py.Object, error) {
		m, err := t.Import(name)
		if err != nil {
			return nil, err
		}
		return m, nil
	}
	newModule = func(t *pyexec.Thread, name string, vars *pyexec.Dict) (py.Object, error) {
		m := pyexec.NewModule(t, name)
		if err := m.Dict.Update(t, vars); err != nil {
			return nil, err
		}
		return m, nil
	}
}

// makeSkeletonClass is cloudpickle's _make_skeleton_class(metaclass, name,
// bases, type_kwargs, tracker_id, extra): the class with type_kwargs in its
// namespace; methods and attributes come later from _class_setstate.
func makeSkeletonClass(t *pyexec.Thread, args py.Tuple) (py.Object, error) {
	if len(args) != 6 {
		return nil, fmt.Errorf("_make_skeleton_class: expected 6 arguments, got %d", len(args))
	}
	name, ok := args[1].(py.String)
	if !ok {
		return nil, fmt.Errorf("_make_skeleton_class: name must be a str")
	}
	bases, ok := args[2].(py.Tuple)
	if !ok {
		return nil, fmt.Errorf("_make_skeleton_class: bases must be a tuple")
	}
	ns := pyexec.NewDict(0)
	if kw, ok := args[3].(*pyexec.Dict); ok {
		if err := ns.Update(t, kw); err != nil {
			return nil, err
		}
	}
	meta := args[0]
	if meta == py.TypeType {
		meta = nil
	}
	return pyexec.NewClass(t, meta, string(name), bases, ns)
}

// applyClassState is _class_setstate(cls, (clsdict, slotstate)): setattr of
// every class-dict entry. The ABC registry (_abc_impl) is not kept.
func applyClassState(t *pyexec.Thread, args py.Tuple) (py.Object, error) {
	if len(args) != 2 {
		return nil, fmt.Errorf("_class_setstate: expected 2 arguments, got %d", len(args))
	}
	cls := args[0]
	st, ok := args[1].(py.Tuple)
	if !ok || len(st) != 2 {
		return nil, fmt.Errorf("_class_setstate: state must be a (clsdict, slotstate) tuple")
	}
	d, ok := st[0].(*pyexec.Dict)
	if !ok {
		return nil, fmt.Errorf("_class_setstate: clsdict must be a dict")
	}
	var err error
	d.Items(func(k, v py.Object) bool {
		ks, ok := k.(py.String)
		if !ok {
			err = fmt.Errorf("_class_setstate: key is a %s", pyexec.TypeName(k))
			return false
		}
		if ks == "_abc_impl" {
			return true
		}
		if cd, ok := pyexec.ClassDict(cls); ok {
			err = cd.SetItem(t, ks, v)
		} else {
			err = pyexec.SetAttr(t, cls, string(ks), v)
		}
		return err == nil
	})
	if err != nil {
		return nil, err
	}
	return cls, nil
}

// callSetstate applies BUILD state to an instance of a payload class:
// through its __setstate__ when the class defines one, else straight into
// the instance __dict__ (and setattr for slot state), as pickle does.
func callSetstate(t *pyexec.Thread, obj, state py.Object) (bool, error) {
	typ, ok := obj.Type(), true
	if !pyexec.IsUserClass(typ) {
		return false, nil
	}
	if _, ok = lookupClassAttr(typ, "__setstate__"); ok {
		m, err := pyexec.GetAttr(t, obj, "__setstate__")
		if err != nil {
			return true, err
		}
		_, err = pyexec.Call(t, m, []py.Object{state}, nil)
		return true, err
	}
	var slots py.Object = py.None
	if tup, ok := state.(py.Tuple); ok && len(tup) == 2 {
		state, slots = tup[0], tup[1]
	}
	if d, ok := state.(*pyexec.Dict); ok {
		inst, ok := pyexec.InstanceDict(obj)
		if !ok {
			return true, fmt.Errorf("BUILD: %s instance has no __dict__", typ.Name)
		}
		if err := inst.Update(t, d); err != nil {
			return true, err
		}
	} else if !pyexec.IsNone(state) {
		return true, fmt.Errorf("BUILD: state is a %s, not a dict", pyexec.TypeName(state))
	}
	if d, ok := slots.(*pyexec.Dict); ok {
		var err error
		d.Items(func(k, v py.Object) bool {
			ks, ok := k.(py.String)
			if !ok {
				err = fmt.Errorf("BUILD: slot name is a %s", pyexec.TypeName(k))
				return false
			}
			err = pyexec.SetAttr(t, obj, string(ks), v)
			return err == nil
		})
		return true, err
	}
	return true, nil
}

// lookupClassAttr finds name in the namespace of typ or a user base class.
func lookupClassAttr(typ *py.Type, name string) (py.Object, bool) {
	for c := typ; c != nil; c = c.Base {
		if d, ok := pyexec.ClassDict(c); ok {
			if v, ok := d.GetStr(nil, name); ok {
				return v, true
			}
		}
	}
	return nil, false
}
