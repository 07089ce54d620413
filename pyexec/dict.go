package pyexec

import (
	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec/pyhash"
)

// Dict is Python's insertion-ordered dict with any hashable key, hashed as
// CPython hashes. It is used for Python dicts, globals and **kwargs.
type Dict struct {
	entries []dictEntry // insertion order; deleted entries have key == nil
	index   []int32     // open-addressing table of entry indexes; -1 empty, -2 deleted
	used    int
	// version changes on every mutation (inline caches compare it).
	version uint64
	frozen  bool
	// classNS marks the namespace of a user class: its mutations also
	// advance classEpoch (attr_cache.go).
	classNS bool
	// hasher hashes str and bytes keys: the hasher of the first thread
	// that used the dict, so that lookups from threads of other versions
	// (or with no thread: internal lookups) find the same keys.
	hasher *pyhash.Hasher
}

type dictEntry struct {
	hash  int64
	key   py.Object
	value py.Object
}

const (
	ixEmpty   = -1
	ixDummy   = -2
	dictMinSz = 8
)

// NewDict returns an empty dict with room for n items.
func NewDict(n int) *Dict {
	if n > 0 && n <= len(dictRoom{}.e) {
		return newDictRoom()
	}
	d := &Dict{}
	if n > 0 {
		d.entries = make([]dictEntry, 0, n)
	}
	return d
}

// dictRoom is a dict together with room for its first four entries: one
// allocation instead of two for the small dicts code builds and fills
// (literals, comprehensions, instance __dict__s). A dict that grows past
// four entries moves them to a new array, like any slice.
type dictRoom struct {
	d Dict
	e [4]dictEntry
}

// newDictRoom returns an empty dict with its first entries preallocated.
func newDictRoom() *Dict {
	p := new(dictRoom)
	p.d.entries = p.e[:0]
	return &p.d
}

// Type returns dict.
func (d *Dict) Type() *py.Type { return DictType }

// Len returns the number of items.
func (d *Dict) Len() int { return d.used }

func (d *Dict) bump() {
	d.version++
	if d.classNS {
		classEpoch.Add(1)
	}
}

// find returns the entry index holding key, or -1, and the table slot where
// key would be inserted.
func (d *Dict) find(t *Thread, h int64, key py.Object) (int, int, error) {
	if len(d.index) == 0 {
		// Small dicts: linear scan.
		for i := range d.entries {
			e := &d.entries[i]
			if e.key == nil || e.hash != h {
				continue
			}
			eq, err := keysEqual(t, e.key, key)
			if err != nil {
				return -1, -1, err
			}
			if eq {
				return i, -1, nil
			}
		}
		return -1, -1, nil
	}
	mask := uint64(len(d.index) - 1)
	perturb := uint64(h)
	i := uint64(h) & mask
	free := -1
	for {
		ix := d.index[i]
		if ix == ixEmpty {
			if free < 0 {
				free = int(i)
			}
			return -1, free, nil
		}
		if ix == ixDummy {
			if free < 0 {
				free = int(i)
			}
		} else {
			e := &d.entries[ix]
			if e.hash == h {
				eq, err := keysEqual(t, e.key, key)
				if err != nil {
					return -1, -1, err
				}
				if eq {
					return int(ix), int(i), nil
				}
			}
		}
		perturb >>= 5
		i = (i*5 + perturb + 1) & mask
	}
}

// keysEqual is the identity-then-equality test dict lookups use.
func keysEqual(t *Thread, a, b py.Object) (bool, error) {
	if sa, ok := a.(py.String); ok {
		if sb, ok := b.(py.String); ok {
			return sa == sb, nil
		}
	}
	if Identical(a, b) {
		return true, nil
	}
	return Equal(t, a, b)
}

func (d *Dict) rebuild() {
	// Compact entries and rebuild the index when large.
	if d.used != len(d.entries) {
		j := 0
		for _, e := range d.entries {
			if e.key != nil {
				d.entries[j] = e
				j++
			}
		}
		for k := j; k < len(d.entries); k++ {
			d.entries[k] = dictEntry{}
		}
		d.entries = d.entries[:j]
	}
	if len(d.entries) < dictMinSz {
		d.index = nil
		return
	}
	size := dictMinSz
	for size*2 < len(d.entries)*3+2 {
		size <<= 1
	}
	size <<= 1
	d.index = make([]int32, size)
	for i := range d.index {
		d.index[i] = ixEmpty
	}
	mask := uint64(size - 1)
	for k, e := range d.entries {
		perturb := uint64(e.hash)
		i := uint64(e.hash) & mask
		for d.index[i] != ixEmpty {
			perturb >>= 5
			i = (i*5 + perturb + 1) & mask
		}
		d.index[i] = int32(k)
	}
}

// keyHasher returns the hasher of d's keys, binding it to t's on first use.
func (d *Dict) keyHasher(t *Thread) *pyhash.Hasher {
	if d.hasher == nil {
		d.hasher = t.hasher()
	}
	return d.hasher
}

// hashKey returns the hash of key under d's hasher. Only str and bytes
// hashes (directly or inside tuples and frozensets) depend on the hasher.
func (d *Dict) hashKey(t *Thread, key py.Object) (int64, error) {
	h := d.keyHasher(t)
	if s, ok := key.(py.String); ok {
		return t.strHash(h, string(s)), nil
	}
	return hashWith(t, h, key)
}

// rehash returns hash h (computed with t's hasher) as d's hasher computes
// it: h itself unless the two hashers differ and key's hash depends on it.
func (d *Dict) rehash(t *Thread, h int64, key py.Object) (int64, error) {
	if d.hasher == nil {
		d.hasher = t.hasher()
		return h, nil
	}
	if sameHasher(d.hasher, t.hasher()) {
		return h, nil
	}
	return hashWith(t, d.hasher, key)
}

// GetHashed looks key up with its precomputed hash (as [Hash] computes it
// for thread t).
func (d *Dict) GetHashed(t *Thread, h int64, key py.Object) (py.Object, bool, error) {
	h, err := d.rehash(t, h, key)
	if err != nil {
		return nil, false, err
	}
	return d.getHashed(t, h, key)
}

// getHashed looks key up with its hash under d's hasher.
func (d *Dict) getHashed(t *Thread, h int64, key py.Object) (py.Object, bool, error) {
	i, _, err := d.find(t, h, key)
	if err != nil || i < 0 {
		return nil, false, err
	}
	return d.entries[i].value, true, nil
}

// Get returns d[key] and whether it is present; err is set for an
// unhashable key or a failing comparison.
func (d *Dict) Get(t *Thread, key py.Object) (py.Object, bool, error) {
	h, err := d.hashKey(t, key)
	if err != nil {
		return nil, false, err
	}
	i, _, err := d.find(t, h, key)
	if err != nil || i < 0 {
		return nil, false, err
	}
	return d.entries[i].value, true, nil
}

// GetStr returns d[name] for a str key. t may be nil: str keys are hashed
// with the dict's own hasher, so the result does not depend on the thread.
func (d *Dict) GetStr(t *Thread, name string) (py.Object, bool) {
	h := t.strHash(d.keyHasher(t), name)
	i, slow := d.findStr(h, name)
	if slow {
		var err error
		if i, _, err = d.find(t, h, py.String(name)); err != nil {
			return nil, false
		}
	}
	if i < 0 {
		return nil, false
	}
	return d.entries[i].value, true
}

// SetItem sets d[key] = value.
func (d *Dict) SetItem(t *Thread, key, value py.Object) error {
	h, err := d.hashKey(t, key)
	if err != nil {
		return err
	}
	return d.setHashed(t, h, key, value)
}

// SetHashed sets d[key] = value with a precomputed hash (as [Hash] computes
// it for thread t).
func (d *Dict) SetHashed(t *Thread, h int64, key, value py.Object) error {
	h, err := d.rehash(t, h, key)
	if err != nil {
		return err
	}
	return d.setHashed(t, h, key, value)
}

// setHashed sets d[key] = value; h is the hash under d's hasher.
func (d *Dict) setHashed(t *Thread, h int64, key, value py.Object) error {
	if d.frozen {
		return typeErrorf("'dict' object is read-only")
	}
	i, slot, err := d.find(t, h, key)
	if err != nil {
		return err
	}
	d.bump()
	if i >= 0 {
		d.entries[i].value = value
		return nil
	}
	if n := len(d.entries); n == cap(d.entries) && n < 4 {
		// Grow a new or tiny dict straight to 4 entries, not 1, 2, 4.
		grown := make([]dictEntry, n, 4)
		copy(grown, d.entries)
		d.entries = grown
	}
	d.entries = append(d.entries, dictEntry{hash: h, key: key, value: value})
	d.used++
	if d.index == nil {
		if len(d.entries) >= dictMinSz {
			d.rebuild()
		}
		return nil
	}
	if slot >= 0 && (len(d.entries))*3 < len(d.index)*2 {
		d.index[slot] = int32(len(d.entries) - 1)
		return nil
	}
	d.rebuild()
	return nil
}

// Delete removes key; found reports whether it was present.
func (d *Dict) Delete(t *Thread, key py.Object) (py.Object, bool, error) {
	if d.frozen {
		return nil, false, typeErrorf("'dict' object is read-only")
	}
	h, err := d.hashKey(t, key)
	if err != nil {
		return nil, false, err
	}
	i, slot, err := d.find(t, h, key)
	if err != nil || i < 0 {
		return nil, false, err
	}
	v := d.entries[i].value
	d.entries[i] = dictEntry{}
	if slot >= 0 {
		d.index[slot] = ixDummy
	}
	d.used--
	d.bump()
	if d.used*2 < len(d.entries) && len(d.entries) > 16 {
		d.rebuild()
	} else if slot < 0 && d.index == nil {
		// linear mode: nothing else to fix
	}
	return v, true, nil
}

// Keys returns the keys in insertion order.
func (d *Dict) Keys() []py.Object {
	out := make([]py.Object, 0, d.used)
	for _, e := range d.entries {
		if e.key != nil {
			out = append(out, e.key)
		}
	}
	return out
}

// Items calls fn for each item in insertion order until fn returns false.
func (d *Dict) Items(fn func(k, v py.Object) bool) {
	for _, e := range d.entries {
		if e.key != nil && !fn(e.key, e.value) {
			return
		}
	}
}

// Copy returns a shallow copy.
func (d *Dict) Copy() *Dict {
	c := &Dict{used: d.used, hasher: d.hasher}
	c.entries = make([]dictEntry, 0, d.used)
	for _, e := range d.entries {
		if e.key != nil {
			c.entries = append(c.entries, e)
		}
	}
	c.rebuild()
	c.bump()
	return c
}

// Clear removes every item.
func (d *Dict) Clear() {
	d.entries, d.index, d.used, d.hasher = nil, nil, 0, nil
	d.bump()
}

// Update merges other into d (dict.update with a dict argument).
func (d *Dict) Update(t *Thread, other *Dict) error {
	if d.hasher == nil {
		d.hasher = other.hasher
	}
	same := other.hasher == nil || sameHasher(d.keyHasher(t), other.hasher)
	for _, e := range other.entries {
		if e.key == nil {
			continue
		}
		var err error
		if same {
			err = d.setHashed(t, e.hash, e.key, e.value)
		} else {
			err = d.SetItem(t, e.key, e.value)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Freeze makes the dict read-only (for shared builtins).
func (d *Dict) Freeze() { d.frozen = true }

// entryAt returns the i-th live-or-dead entry slot (for iterators).
func (d *Dict) entryAt(i int) *dictEntry { return &d.entries[i] }
