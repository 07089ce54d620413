package pyexec

import (
	"github.com/go-python/gpython/py"
)

// Kinds of dict views.
const (
	viewKeys = iota
	viewValues
	viewItems
)

// View types.
var (
	DictKeysType   = newType("dict_keys", py.ObjectType)
	DictValuesType = newType("dict_values", py.ObjectType)
	DictItemsType  = newType("dict_items", py.ObjectType)
)

// dictView is dict.keys(), dict.values() or dict.items().
type dictView struct {
	d    *Dict
	kind int
}

func (v *dictView) Type() *py.Type {
	switch v.kind {
	case viewKeys:
		return DictKeysType
	case viewValues:
		return DictValuesType
	}
	return DictItemsType
}

func init() {
	view := func(kind int) MethodFunc {
		return func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("keys", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return &dictView{d: self.(*Dict), kind: kind}, nil
		}
	}
	addMethods(DictType, map[string]MethodFunc{
		"keys": view(viewKeys), "values": view(viewValues), "items": view(viewItems),
		"get": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("get", args, kw, 1, 2); err != nil {
				return nil, err
			}
			v, ok, err := self.(*Dict).Get(t, args[0])
			if err != nil {
				return nil, err
			}
			if !ok {
				if len(args) == 2 {
					return args[1], nil
				}
				return py.None, nil
			}
			return v, nil
		},
		"setdefault": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("setdefault", args, kw, 1, 2); err != nil {
				return nil, err
			}
			d := self.(*Dict)
			v, ok, err := d.Get(t, args[0])
			if err != nil || ok {
				return v, err
			}
			var def py.Object = py.None
			if len(args) == 2 {
				def = args[1]
			}
			return def, d.SetItem(t, args[0], def)
		},
		"pop": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("pop", args, kw, 1, 2); err != nil {
				return nil, err
			}
			v, ok, err := self.(*Dict).Delete(t, args[0])
			if err != nil {
				return nil, err
			}
			if !ok {
				if len(args) == 2 {
					return args[1], nil
				}
				return nil, NewException(KeyErrorType, args[0])
			}
			return v, nil
		},
		"popitem": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			d := self.(*Dict)
			for i := len(d.entries) - 1; i >= 0; i-- {
				if e := d.entries[i]; e.key != nil {
					if _, _, err := d.Delete(t, e.key); err != nil {
						return nil, err
					}
					return tuple2Of(e.key, e.value), nil
				}
			}
			return nil, Errorf(KeyErrorType, "popitem(): dictionary is empty")
		},
		"update": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			d := self.(*Dict)
			npos := len(args) - len(kw)
			if npos > 1 {
				return nil, typeErrorf("update expected at most 1 argument, got %d", npos)
			}
			if npos == 1 {
				if err := dictUpdateFrom(t, d, args[0]); err != nil {
					return nil, err
				}
			}
			for i, k := range kw {
				if err := d.SetItem(t, k, args[npos+i]); err != nil {
					return nil, err
				}
			}
			return py.None, nil
		},
		"copy": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return self.(*Dict).Copy(), nil
		},
		"clear": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			self.(*Dict).Clear()
			return py.None, nil
		},
	})
	addMethods(SetType, map[string]MethodFunc{
		"add": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("set.add", args, kw, 1, 1); err != nil {
				return nil, err
			}
			return py.None, self.(*Set).Add(t, args[0])
		},
		"discard": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("set.discard", args, kw, 1, 1); err != nil {
				return nil, err
			}
			_, err := self.(*Set).Discard(t, args[0])
			return py.None, err
		},
		"remove": func(t *Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			if err := posArgs("set.remove", args, kw, 1, 1); err != nil {
				return nil, err
			}
			ok, err := self.(*Set).Discard(t, args[0])
			if err == nil && !ok {
				err = NewException(KeyErrorType, args[0])
			}
			return py.None, err
		},
	})
}
