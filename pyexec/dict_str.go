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
