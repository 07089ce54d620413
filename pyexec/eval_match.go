package pyexec

// Structural pattern matching (PEP 634): MATCH_CLASS, MATCH_MAPPING,
// MATCH_SEQUENCE, MATCH_KEYS, GET_LEN and 3.10's COPY_DICT_WITHOUT_KEYS and
// stack shapes (LEGACY_MATCH_CLASS / LEGACY_MATCH_KEYS push an extra bool).

import (
	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec/bytecode"
)

// matchSelfTypes are the built-in types whose single positional sub-pattern
// matches the subject itself (_Py_TPFLAGS_MATCH_SELF).
var matchSelfTypes = map[*py.Type]bool{
	py.BoolType: true, py.BytesType: true, DictType: true, py.FloatType: true,
	FrozenSetType: true, py.IntType: true, py.ListType: true, SetType: true,
	py.StringType: true, py.TupleType: true,
}

// isMatchSelf reports whether typ (or the built-in type it derives from)
// has the match-self flag.
func isMatchSelf(typ *py.Type) bool {
	for x := typ; x != nil; x = x.Base {
		if matchSelfTypes[x] {
			return true
		}
	}
	return false
}

// isMapping reports whether o matches a mapping pattern (Py_TPFLAGS_MAPPING).
func isMapping(o py.Object) bool {
	if _, ok := o.(*Dict); ok {
		return true
	}
	return IsInstance(o, DictType)
}

// isSequence reports whether o matches a sequence pattern
// (Py_TPFLAGS_SEQUENCE: list, tuple, range; not str, bytes).
func isSequence(o py.Object) bool {
	switch o.(type) {
	case *py.List, py.Tuple, *Range:
		return true
	}
	return IsInstance(o, py.ListType) || IsInstance(o, py.TupleType)
}

// matchClass implements CPython's match_class: the attributes for the
// sub-patterns, or nil when the subject does not match.
func matchClass(t *Thread, subject, cls py.Object, nargs int, kwnames py.Tuple) (py.Tuple, error) {
	typ, ok := cls.(*py.Type)
	if !ok {
		if t.minor() >= 12 {
			return nil, typeErrorf("called match pattern must be a class")
		}
		return nil, typeErrorf("called match pattern must be a type")
	}
	if !IsInstance(subject, typ) {
		return nil, nil
	}
	seen := map[string]bool{}
	var attrs py.Tuple
	getAttr := func(name py.Object) (py.Object, bool, error) {
		s, ok := name.(py.String)
		if !ok {
			return nil, false, typeErrorf("__match_args__ elements must be strings (got %s)", TypeName(name))
		}
		if seen[string(s)] {
			r, _ := Repr(t, s)
			return nil, false, typeErrorf("%s() got multiple sub-patterns for attribute %s", typ.Name, r)
		}
		seen[string(s)] = true
		v, err := GetAttr(t, subject, string(s))
		if err != nil {
			if e, ok := err.(*Exception); ok && IsSubtype(e.typ, AttributeErrorType) {
				return nil, false, nil
			}
			return nil, false, err
		}
		return v, true, nil
	}
	if nargs > 0 {
		var matchArgs py.Tuple
		matchSelf := false
		ma, err := GetAttr(t, typ, "__match_args__")
		if err != nil {
			e, ok := err.(*Exception)
			if !ok || !IsSubtype(e.typ, AttributeErrorType) {
				return nil, err
			}
			matchSelf = isMatchSelf(typ)
		} else if tup, ok := ma.(py.Tuple); ok {
			matchArgs = tup
		} else {
			return nil, typeErrorf("%s.__match_args__ must be a tuple (got %s)", typ.Name, TypeName(ma))
		}
		allowed := len(matchArgs)
		if matchSelf {
			allowed = 1
		}
		if allowed < nargs {
			return nil, typeErrorf("%s() accepts %d positional sub-pattern%s (%d given)", typ.Name, allowed, plural(allowed), nargs)
		}
		if matchSelf {
			attrs = append(attrs, subject)
		} else {
			for _, name := range matchArgs[:nargs] {
				v, found, err := getAttr(name)
				if err != nil || !found {
					return nil, err
				}
				attrs = append(attrs, v)
			}
		}
	}
	for _, name := range kwnames {
		v, found, err := getAttr(name)
		if err != nil || !found {
			return nil, err
		}
		attrs = append(attrs, v)
	}
	if attrs == nil {
		attrs = py.Tuple{}
	}
	return attrs, nil
}

// matchKeys implements CPython's match_keys: the values of keys in the
// mapping subject, or nil when one is missing.
func matchKeys(t *Thread, subject py.Object, keys py.Tuple) (py.Tuple, error) {
	if len(keys) == 0 {
		return py.Tuple{}, nil
	}
	d, ok := subject.(*Dict)
	if !ok {
		return nil, typeErrorf("mapping pattern subject is not a dict")
	}
	seen := NewSet(t)
	vals := make(py.Tuple, len(keys))
	for i, k := range keys {
		dup, err := seen.Contains(t, k)
		if err != nil {
			return nil, err
		}
		if dup {
			r, _ := Repr(t, k)
			return nil, valueErrorf("mapping pattern checks duplicate key (%s)", r)
		}
		if err := seen.Add(t, k); err != nil {
			return nil, err
		}
		v, found, err := d.Get(t, k)
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, nil
		}
		vals[i] = v
	}
	return vals, nil
}

// matchOp executes the pattern-matching ops. ok is false for other ops.
func (t *Thread) matchOp(f *frame, in *bytecode.Instr, sp int) (int, bool, error) {
	stack := f.stack
	switch in.Op {
	case bytecode.GetLen:
		n, err := Len(t, stack[sp-1])
		if err != nil {
			return sp, true, err
		}
		stack[sp] = MakeInt(int64(n))
		sp++
	case bytecode.MatchMapping:
		stack[sp] = py.NewBool(isMapping(stack[sp-1]))
		sp++
	case bytecode.MatchSequence:
		stack[sp] = py.NewBool(isSequence(stack[sp-1]))
		sp++
	case bytecode.MatchKeys, bytecode.LegacyMatchKeys:
		keys, _ := stack[sp-1].(py.Tuple)
		vals, err := matchKeys(t, stack[sp-2], keys)
		if err != nil {
			return sp, true, err
		}
		if vals == nil {
			stack[sp] = py.None
		} else {
			stack[sp] = vals
		}
		sp++
		if in.Op == bytecode.LegacyMatchKeys {
			stack[sp] = py.NewBool(vals != nil)
			sp++
		}
	case bytecode.MatchClass, bytecode.LegacyMatchClass:
		names, _ := stack[sp-1].(py.Tuple)
		attrs, err := matchClass(t, stack[sp-3], stack[sp-2], int(in.Arg), names)
		if err != nil {
			return sp, true, err
		}
		if in.Op == bytecode.LegacyMatchClass {
			// 3.10: success → (attrs, True); failure → (subject, False).
			if attrs != nil {
				stack[sp-3] = attrs
			}
			stack[sp-2], stack[sp-1] = py.NewBool(attrs != nil), nil
			sp--
			break
		}
		if attrs != nil {
			stack[sp-3] = attrs
		} else {
			stack[sp-3] = py.None
		}
		stack[sp-2], stack[sp-1] = nil, nil
		sp -= 2
	case bytecode.CopyDictWithoutKeys:
		keys, _ := stack[sp-1].(py.Tuple)
		rest := NewDict(0)
		if err := t.containerUpdate(bytecode.DictUpdate, rest, stack[sp-2], stack, sp, 0); err != nil {
			return sp, true, err
		}
		for _, k := range keys {
			_, found, err := rest.Delete(t, k)
			if err != nil {
				return sp, true, err
			}
			if !found {
				return sp, true, NewException(KeyErrorType, k)
			}
		}
		stack[sp-1] = rest
	default:
		return sp, false, nil
	}
	return sp, true, nil
}
