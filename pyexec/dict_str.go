package pyexec

import "github.com/go-python/gpython/py"

// findStr is find for a str key given as a Go string, without boxing it.
// It returns the entry index or -1; slow is true when an entry with the
// same hash has a key that is not a plain str (a str subclass, a user
// object with a matching __hash__), which only the general find (with
// __eq__) can decide.
func (d *Dict) findStr(h int64, key string) (i int, slow bool) {
	if len(d.index) == 0 {
		for i := range d.entries {
			e := &d.entries[i]
			if e.key == nil || e.hash != h {
				continue
			}
			s, ok := e.key.(py.String)
			if !ok {
				return -1, true
			}
			if string(s) == key {
				return i, false
			}
		}
		return -1, false
	}
	mask := uint64(len(d.index) - 1)
	perturb := uint64(h)
	j := uint64(h) & mask
	for {
		ix := d.index[j]
		if ix == ixEmpty {
			return -1, false
		}
		if ix >= 0 {
			e := &d.entries[ix]
			if e.hash == h {
				s, ok := e.key.(py.String)
				if !ok {
					return -1, true
				}
				if string(s) == key {
					return int(ix), false
				}
			}
		}
		perturb >>= 5
		j = (j*5 + perturb + 1) & mask
	}
}

// strAt returns the value of entry i when its key is the str name: the
// check of an attribute cache's index hint (attr_cache.go), which needs no
// hash. A dict holds at most one key equal to name, so a str key equal to
// name at any index is the one a lookup would find.
func (d *Dict) strAt(i int32, name string) (py.Object, bool) {
	if uint(i) < uint(len(d.entries)) {
		if s, ok := d.entries[i].key.(py.String); ok && string(s) == name {
			return d.entries[i].value, true
		}
	}
	return nil, false
}

// setStrAt sets the value of entry i if its key is the str name (see
// strAt) and reports whether it did.
func (d *Dict) setStrAt(i int32, name string, v py.Object) bool {
	if uint(i) < uint(len(d.entries)) && !d.frozen {
		e := &d.entries[i]
		if s, ok := e.key.(py.String); ok && string(s) == name {
			e.value = v
			d.bump()
			return true
		}
	}
	return false
}

// lookupStr is GetStr that also returns the entry index found (-1 when
// the key is missing or the general lookup decided).
func (d *Dict) lookupStr(t *Thread, name string) (py.Object, int, bool) {
	i, slow := d.findStr(t.strHash(d.keyHasher(t), name), name)
	if slow {
		v, ok := d.GetStr(t, name)
		return v, -1, ok
	}
	if i < 0 {
		return nil, -1, false
	}
	return d.entries[i].value, i, true
}
