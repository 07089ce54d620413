package htable

// Index slot markers of a Dict.
const (
	ixEmpty int32 = -1
	ixDummy int32 = -2
)

// dictMinSize is the index size of a dict's first allocation.
const dictMinSize = 8

type dictEntry[K, V any] struct {
	hash int64
	key  K
	val  V
	live bool
}

// Dict is an insertion-ordered hash map in the style of CPython's compact
// dict: an open-addressing index array over an append-only entries slice.
// Iteration follows insertion order; deleting a key keeps the order of the
// others; re-inserting a deleted key puts it last; replacing the value of a
// present key keeps both its position and the originally stored key object
// (as d[1.0] = x on a dict holding 1 keeps the key 1).
//
// Keys are hashed by the caller and compared with an [Eq] callback that is
// called only for stored keys with the same hash, so an interpreter's eq
// should test the cheap cases (identity, exact str) first. The zero value is
// an empty Dict ready to use.
type Dict[K, V any] struct {
	indices []int32 // power-of-two length; ixEmpty, ixDummy or an entries index
	entries []dictEntry[K, V]
	live    int    // number of live entries
	gen     uint64 // bumped on every structural change, to detect mutation by eq
}

// NewDict returns an empty Dict presized for about hint keys.
func NewDict[K, V any](hint int) *Dict[K, V] {
	d := &Dict[K, V]{}
	if hint > 0 {
		d.rebuild(indexSizeFor(hint))
	}
	return d
}

// indexSizeFor returns the smallest power-of-two index size whose usable
// part (2/3) holds n entries.
func indexSizeFor(n int) int {
	size := dictMinSize
	for size*2/3 < n {
		size <<= 1
	}
	return size
}

// Len returns the number of keys.
func (d *Dict[K, V]) Len() int { return d.live }

// find returns the entries index of key, or -1. When absent, slot is the
// index slot where an insertion should go (the first dummy or the empty
// slot that ended the probe); slot is -1 when no index is allocated.
func (d *Dict[K, V]) find(hash int64, key K, eq Eq[K]) (pos, slot int, err error) {
restart:
	for {
		if len(d.indices) == 0 {
			return -1, -1, nil
		}
		indices := d.indices
		mask := uint64(len(indices) - 1)
		i := uint64(hash) & mask
		perturb := uint64(hash)
		free := -1
		for {
			ix := indices[i]
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
			} else if e := &d.entries[ix]; e.hash == hash {
				gen := d.gen
				ok, err := eq(e.key, key)
				if err != nil {
					return -1, -1, err
				}
				if d.gen != gen {
					continue restart
				}
				if ok {
					return int(ix), -1, nil
				}
			}
			perturb >>= perturbShift
			i = (i*5 + perturb + 1) & mask
		}
	}
}

// Get returns the value stored under key.
func (d *Dict[K, V]) Get(hash int64, key K, eq Eq[K]) (val V, ok bool, err error) {
	pos, _, err := d.find(hash, key, eq)
	if err != nil || pos < 0 {
		return val, false, err
	}
	return d.entries[pos].val, true, nil
}

// Lookup returns the stored key equal to key and its value.
func (d *Dict[K, V]) Lookup(hash int64, key K, eq Eq[K]) (stored K, val V, ok bool, err error) {
	pos, _, err := d.find(hash, key, eq)
	if err != nil || pos < 0 {
		return stored, val, false, err
	}
	e := &d.entries[pos]
	return e.key, e.val, true, nil
}

// Find returns the entry position of key (for [Dict.EntryAt] and
// [Dict.SetValueAt]), or -1 when absent. Positions stay valid until the
// next insertion of a new key, deletion, or Clear.
func (d *Dict[K, V]) Find(hash int64, key K, eq Eq[K]) (pos int, err error) {
	pos, _, err = d.find(hash, key, eq)
	return pos, err
}

// Contains reports whether key is present.
func (d *Dict[K, V]) Contains(hash int64, key K, eq Eq[K]) (bool, error) {
	pos, _, err := d.find(hash, key, eq)
	return pos >= 0, err
}

// Set stores val under key (d[key] = val). A new key goes last; for a
// present key only the value changes. It reports whether the key was new.
func (d *Dict[K, V]) Set(hash int64, key K, val V, eq Eq[K]) (added bool, err error) {
	pos, slot, err := d.find(hash, key, eq)
	if err != nil {
		return false, err
	}
	if pos >= 0 {
		d.entries[pos].val = val
		return false, nil
	}
	d.insertNew(slot, hash, key, val)
	return true, nil
}

// SetDefault returns the value under key, storing def first when the key
// is absent (dict.setdefault).
func (d *Dict[K, V]) SetDefault(hash int64, key K, def V, eq Eq[K]) (val V, err error) {
	pos, slot, err := d.find(hash, key, eq)
	if err != nil {
		return val, err
	}
	if pos >= 0 {
		return d.entries[pos].val, nil
	}
	d.insertNew(slot, hash, key, def)
	return def, nil
}

// insertNew appends a key known to be absent; slot is find's insertion
// slot, or -1 to probe afresh.
func (d *Dict[K, V]) insertNew(slot int, hash int64, key K, val V) {
	if slot < 0 || len(d.entries) >= len(d.indices)*2/3 {
		d.grow()
		slot = d.emptySlot(hash)
	}
	d.indices[slot] = int32(len(d.entries))
	d.entries = append(d.entries, dictEntry[K, V]{hash: hash, key: key, val: val, live: true})
	d.live++
	d.gen++
}

// emptySlot returns the first empty index slot on hash's probe path
// (the index holds no dummies right after a rebuild).
func (d *Dict[K, V]) emptySlot(hash int64) int {
	mask := uint64(len(d.indices) - 1)
	i := uint64(hash) & mask
	perturb := uint64(hash)
	for d.indices[i] != ixEmpty {
		perturb >>= perturbShift
		i = (i*5 + perturb + 1) & mask
	}
	return int(i)
}

// grow rebuilds for the current live count with room to grow (CPython's
// growth rate: used*3).
func (d *Dict[K, V]) grow() {
	d.rebuild(indexSizeFor(d.live*3 + 1))
}

// rebuild compacts the entries and rebuilds an index of the given size.
func (d *Dict[K, V]) rebuild(size int) {
	if len(d.entries) != d.live {
		j := 0
		for i := range d.entries {
			if d.entries[i].live {
				d.entries[j] = d.entries[i]
				j++
			}
		}
		clear(d.entries[j:])
		d.entries = d.entries[:j]
	}
	if cap(d.entries) < size*2/3 {
		ne := make([]dictEntry[K, V], len(d.entries), size*2/3)
		copy(ne, d.entries)
		d.entries = ne
	}
	d.indices = make([]int32, size)
	for i := range d.indices {
		d.indices[i] = ixEmpty
	}
	mask := uint64(size - 1)
	for n := range d.entries {
		h := d.entries[n].hash
		i := uint64(h) & mask
		perturb := uint64(h)
		for d.indices[i] != ixEmpty {
			perturb >>= perturbShift
			i = (i*5 + perturb + 1) & mask
		}
		d.indices[i] = int32(n)
	}
	d.gen++
}

// Delete removes key and returns the stored key and value (del d[key],
// dict.pop). The order of the remaining keys is unchanged.
func (d *Dict[K, V]) Delete(hash int64, key K, eq Eq[K]) (stored K, val V, ok bool, err error) {
	pos, _, err := d.find(hash, key, eq)
	if err != nil || pos < 0 {
		return stored, val, false, err
	}
	stored, val = d.entries[pos].key, d.entries[pos].val
	d.removeAt(pos)
	return stored, val, true, nil
}

// removeAt kills the entry at pos and marks its index slot as a dummy.
func (d *Dict[K, V]) removeAt(pos int) {
	e := &d.entries[pos]
	mask := uint64(len(d.indices) - 1)
	i := uint64(e.hash) & mask
	perturb := uint64(e.hash)
	for d.indices[i] != int32(pos) {
		perturb >>= perturbShift
		i = (i*5 + perturb + 1) & mask
	}
	d.indices[i] = ixDummy
	*e = dictEntry[K, V]{}
	d.live--
	d.gen++
}

// PopItem removes and returns the most recently inserted key (dict.popitem,
// LIFO). ok is false when the dict is empty.
func (d *Dict[K, V]) PopItem() (key K, val V, hash int64, ok bool) {
	i := len(d.entries) - 1
	for i >= 0 && !d.entries[i].live {
		i--
	}
	if i < 0 {
		return key, val, 0, false
	}
	e := d.entries[i]
	d.removeAt(i)
	clear(d.entries[i:])
	d.entries = d.entries[:i]
	return e.key, e.val, e.hash, true
}

// Clear removes every key.
func (d *Dict[K, V]) Clear() {
	*d = Dict[K, V]{gen: d.gen + 1}
}

// Next is the iteration step in insertion order: starting at entry
// position pos (0 to begin), it returns the next live entry and the position
// to resume from; ok is false at the end. As with CPython's dict iterators,
// callers detect mutation during iteration by watching Len.
func (d *Dict[K, V]) Next(pos int) (next int, key K, val V, hash int64, ok bool) {
	for ; pos < len(d.entries); pos++ {
		if e := &d.entries[pos]; e.live {
			return pos + 1, e.key, e.val, e.hash, true
		}
	}
	return pos, key, val, 0, false
}

// EntryAt returns the entry at a position from [Dict.Find] or [Dict.Next]
// (minus one); ok is false for a deleted or out-of-range position.
func (d *Dict[K, V]) EntryAt(pos int) (key K, val V, hash int64, ok bool) {
	if pos < 0 || pos >= len(d.entries) || !d.entries[pos].live {
		return key, val, 0, false
	}
	e := &d.entries[pos]
	return e.key, e.val, e.hash, true
}

// SetValueAt replaces the value of the live entry at pos and reports
// whether there was one.
func (d *Dict[K, V]) SetValueAt(pos int, val V) bool {
	if pos < 0 || pos >= len(d.entries) || !d.entries[pos].live {
		return false
	}
	d.entries[pos].val = val
	return true
}

// Iterate calls fn for each entry in insertion order until fn returns
// false. fn must not mutate the dict.
func (d *Dict[K, V]) Iterate(fn func(key K, val V, hash int64) bool) {
	for i := range d.entries {
		if e := &d.entries[i]; e.live {
			if !fn(e.key, e.val, e.hash) {
				return
			}
		}
	}
}

// Copy returns a compacted copy with the same order (dict.copy).
func (d *Dict[K, V]) Copy() *Dict[K, V] {
	c := &Dict[K, V]{}
	if d.live == 0 {
		return c
	}
	c.entries = make([]dictEntry[K, V], 0, len(d.entries))
	for i := range d.entries {
		if d.entries[i].live {
			c.entries = append(c.entries, d.entries[i])
		}
	}
	c.live = len(c.entries)
	c.rebuild(indexSizeFor(c.live))
	return c
}
