// Package htable provides the hash tables behind pyexec's set, frozenset and
// dict: [Table], which reproduces CPython's set slot placement (and so its
// iteration and pop order) exactly for CPython 3.8–3.13, and [Dict], an
// insertion-ordered map in the style of CPython's compact dict.
//
// Both are generic over the key type and never hash or compare keys
// themselves: callers pass the key's hash (see package pyhash) and an
// equality callback, which may fail because Python's __eq__ may raise.
// Equality is only consulted for stored keys whose hash equals the probe
// hash, as in CPython. Neither type is safe for concurrent mutation.
//
// How CPython's set operations map onto this package (each reproduces the
// order-affecting details of Objects/setobject.c):
//
//	set() / frozenset()              New
//	set(s), frozenset(s), s.copy()   (*Table).Copy  (set_merge into an empty set)
//	set(d) for an exact dict d       New + (*Table).UpdateFromDict
//	set(iterable)                    FromSource
//	s.add / s.discard / s.remove     (*Table).Insert / (*Table).Delete
//	s.pop / s.clear                  (*Table).Pop / (*Table).Clear
//	s.update(t), s |= t              (*Table).Merge, UpdateFromDict, UpdateFrom
//	s | t, s.union(*ts)              Union, UnionMulti (iterables: Copy + UpdateFrom)
//	s & t, s.intersection(*ts)       Intersection, IntersectionMulti, IntersectionFrom
//	s &= t, intersection_update      compute the intersection, then (*Table).Replace
//	s - t, s.difference(*ts)         Difference, DifferenceMulti, DifferenceDict, DifferenceFrom
//	s -= t, difference_update        (*Table).DifferenceUpdate, DifferenceUpdateFrom
//	s ^ t, symmetric_difference      SymmetricDifference; for an iterable x:
//	                                 FromSource(x) then SymmetricDifferenceUpdate(s)
//	s ^= t                           SymmetricDifferenceUpdate, SymmetricDifferenceUpdateDict
//	                                 (other iterables: FromSource, then SymmetricDifferenceUpdate)
//	iteration / set iterator         (*Table).Next, Iterate, Keys
//	hash(frozenset)                  pyhash.FrozenSet((*Table).Hashes())
package htable

// Eq reports whether two keys are equal (Python's ==, after an identity
// check). It is called only for keys whose hashes are equal, with the stored
// key first, as CPython's PyObject_RichCompareBool(startkey, key, Py_EQ).
type Eq[K any] func(stored, key K) (bool, error)

// Source yields the keys of a Python iterable one at a time, with their
// hashes; ok is false once exhausted. A non-nil error (from iteration or from
// hashing) stops the operation.
type Source[K any] func() (key K, hash int64, ok bool, err error)

const (
	// MinSize is CPython's PySet_MINSIZE, the slot count of a new set.
	MinSize = 8
	// LinearProbes is CPython's LINEAR_PROBES: the slots after the home
	// slot examined before perturbation moves the probe.
	LinearProbes = 9
	perturbShift = 5
)

const (
	slotUnused uint8 = iota
	slotActive
	slotDummy
)

type slot[K any] struct {
	hash  int64
	key   K
	state uint8
}

// Table is CPython's set table (Objects/setobject.c): open addressing over a
// power-of-two slot array, probing LinearProbes neighbours and then jumping
// with perturbation, dummy slots left by deletion, growth when fill reaches
// 3/5 of the size. Iteration is in slot order, so a Table fed the same
// operations with CPython's hashes iterates in the same order as CPython's
// set for the Table's version.
//
// The zero value is not usable; create tables with [New].
type Table[K any] struct {
	slots      []slot[K]
	fill       int // active + dummy slots
	used       int // active slots
	finger     int // set.pop's search start
	minor      int
	reuseDummy bool
}

// New returns an empty table with CPython 3.minor's behaviour (8..13).
// CPython 3.9's set_add_entry never reuses a dummy slot for a new key;
// 3.8 and 3.10+ put a new key in the last dummy slot passed before the
// probe reached an unused slot, if any (verified against CPython).
func New[K any](minor int) *Table[K] {
	return &Table[K]{
		slots:      make([]slot[K], MinSize),
		minor:      minor,
		reuseDummy: minor != 9,
	}
}

// Minor returns the CPython minor version the table reproduces.
func (t *Table[K]) Minor() int { return t.minor }

// Len returns the number of keys (CPython's used).
func (t *Table[K]) Len() int { return t.used }

// Fill returns the number of active plus dummy slots.
func (t *Table[K]) Fill() int { return t.fill }

// Size returns the number of slots (mask + 1).
func (t *Table[K]) Size() int { return len(t.slots) }

func (t *Table[K]) mask() int { return len(t.slots) - 1 }

// find locates key: it returns the index of its active slot, or -1 when
// absent together with the slot where set_add_entry would put it (the last
// dummy passed on the probe path when the version reuses dummies, otherwise
// the unused slot that ended the probe). It restarts, like CPython, when eq mutated the table
// under it.
func (t *Table[K]) find(hash int64, key K, eq Eq[K]) (found, free int, err error) {
restart:
	for {
		slots := t.slots
		mask := uint64(len(slots) - 1)
		i := uint64(hash) & mask
		perturb := uint64(hash)
		free = -1
		for {
			probes := 0
			if i+LinearProbes <= mask {
				probes = LinearProbes
			}
			j := i
			for {
				s := &slots[j]
				switch {
				case s.state == slotUnused:
					if free < 0 {
						free = int(j)
					}
					return -1, free, nil
				case s.state == slotActive && s.hash == hash:
					startkey := s.key
					ok, err := eq(startkey, key)
					if err != nil {
						return -1, -1, err
					}
					if ok {
						if len(t.slots) != len(slots) || &t.slots[0] != &slots[0] || s.state != slotActive {
							continue restart
						}
						return int(j), -1, nil
					}
					if len(t.slots) != len(slots) || &t.slots[0] != &slots[0] || s.state != slotActive || s.hash != hash {
						continue restart
					}
				case s.state == slotDummy:
					// CPython remembers the most recent dummy on the
					// probe path, not the first.
					if t.reuseDummy {
						free = int(j)
					}
				}
				if probes == 0 {
					break
				}
				probes--
				j++
			}
			perturb >>= perturbShift
			i = (i*5 + 1 + perturb) & mask
		}
	}
}

// Insert adds key (set.add). It reports whether the key was new; an equal
// key already present is kept and key is dropped, as in CPython.
func (t *Table[K]) Insert(hash int64, key K, eq Eq[K]) (added bool, err error) {
	found, free, err := t.find(hash, key, eq)
	if err != nil || found >= 0 {
		return false, err
	}
	s := &t.slots[free]
	if s.state == slotDummy {
		s.hash, s.key, s.state = hash, key, slotActive
		t.used++
		return true, nil
	}
	s.hash, s.key, s.state = hash, key, slotActive
	t.fill++
	t.used++
	if uint64(t.fill)*5 >= uint64(t.mask())*3 {
		t.resize(t.growTarget())
	}
	return true, nil
}

func (t *Table[K]) growTarget() int {
	if t.used > 50000 {
		return t.used * 2
	}
	return t.used * 4
}

// Lookup returns the stored key equal to key, if any.
func (t *Table[K]) Lookup(hash int64, key K, eq Eq[K]) (stored K, ok bool, err error) {
	found, err := t.lookup(hash, key, eq)
	if err != nil || found < 0 {
		var zero K
		return zero, false, err
	}
	return t.slots[found].key, true, nil
}

// Contains reports whether an equal key is present (x in s).
func (t *Table[K]) Contains(hash int64, key K, eq Eq[K]) (bool, error) {
	found, err := t.lookup(hash, key, eq)
	return found >= 0, err
}

// lookup is set_lookkey: like find but never reports a free slot.
func (t *Table[K]) lookup(hash int64, key K, eq Eq[K]) (int, error) {
	found, _, err := t.find(hash, key, eq)
	return found, err
}

// Delete removes the key equal to key (set.discard), leaving a dummy slot;
// the table never shrinks here, as in CPython. It reports whether a key was
// removed.
func (t *Table[K]) Delete(hash int64, key K, eq Eq[K]) (bool, error) {
	found, err := t.lookup(hash, key, eq)
	if err != nil || found < 0 {
		return false, err
	}
	t.kill(found)
	return true, nil
}

func (t *Table[K]) kill(i int) {
	var zero K
	s := &t.slots[i]
	s.key, s.hash, s.state = zero, -1, slotDummy
	t.used--
}

// Pop removes and returns an arbitrary key the way CPython's set.pop does:
// scanning forward (cyclically) from a finger left after the previous pop.
// ok is false when the table is empty.
func (t *Table[K]) Pop() (key K, hash int64, ok bool) {
	if t.used == 0 {
		return key, 0, false
	}
	mask := t.mask()
	i := t.finger & mask
	for t.slots[i].state != slotActive {
		i++
		if i > mask {
			i = 0
		}
	}
	s := &t.slots[i]
	key, hash = s.key, s.hash
	t.kill(i)
	t.finger = i + 1
	return key, hash, true
}

// Clear empties the table back to MinSize slots (set.clear). The pop
// finger is kept, as CPython keeps it.
func (t *Table[K]) Clear() {
	t.slots = make([]slot[K], MinSize)
	t.fill, t.used = 0, 0
}

// Next is the set iterator step: starting at slot pos (0 to begin), it
// returns the next active key and the position to resume from. ok is false
// when iteration is done. Callers detect "Set changed size during iteration"
// by comparing Len before and after, as CPython does.
func (t *Table[K]) Next(pos int) (next int, key K, hash int64, ok bool) {
	for ; pos < len(t.slots); pos++ {
		if s := &t.slots[pos]; s.state == slotActive {
			return pos + 1, s.key, s.hash, true
		}
	}
	return pos, key, 0, false
}

// Iterate calls fn for every key in slot order (CPython's iteration order)
// until fn returns false. fn must not mutate the table.
func (t *Table[K]) Iterate(fn func(key K, hash int64) bool) {
	for i := range t.slots {
		if s := &t.slots[i]; s.state == slotActive {
			if !fn(s.key, s.hash) {
				return
			}
		}
	}
}

// Keys returns the keys in iteration order.
func (t *Table[K]) Keys() []K {
	out := make([]K, 0, t.used)
	for i := range t.slots {
		if s := &t.slots[i]; s.state == slotActive {
			out = append(out, s.key)
		}
	}
	return out
}

// Hashes returns the stored hashes in iteration order (useful for
// frozenset's hash).
func (t *Table[K]) Hashes() []int64 {
	out := make([]int64, 0, t.used)
	for i := range t.slots {
		if s := &t.slots[i]; s.state == slotActive {
			out = append(out, s.hash)
		}
	}
	return out
}

// insertClean is set_insert_clean: place a key known to be absent into a
// table known to hold no dummies.
func insertClean[K any](slots []slot[K], hash int64, key K) {
	mask := uint64(len(slots) - 1)
	i := uint64(hash) & mask
	perturb := uint64(hash)
	for {
		if slots[i].state == slotUnused {
			slots[i] = slot[K]{hash: hash, key: key, state: slotActive}
			return
		}
		if i+LinearProbes <= mask {
			for j := i + 1; j <= i+LinearProbes; j++ {
				if slots[j].state == slotUnused {
					slots[j] = slot[K]{hash: hash, key: key, state: slotActive}
					return
				}
			}
		}
		perturb >>= perturbShift
		i = (i*5 + 1 + perturb) & mask
	}
}

// resize is set_table_resize: rebuild into the smallest power-of-two size
// (at least MinSize) greater than minused, re-inserting in old slot order
// and dropping dummies.
func (t *Table[K]) resize(minused int) {
	newsize := MinSize
	for newsize <= minused {
		newsize <<= 1
	}
	if newsize == MinSize && len(t.slots) == MinSize && t.fill == t.used {
		return // small table without dummies: nothing to do
	}
	old := t.slots
	t.slots = make([]slot[K], newsize)
	for i := range old {
		if old[i].state == slotActive {
			insertClean(t.slots, old[i].hash, old[i].key)
		}
	}
	t.fill = t.used
}

// Copy returns a new table with the same keys, as set.copy()/set(s)/
// frozenset(s) build it (set_merge into an empty set), which can differ in
// order from t.
func (t *Table[K]) Copy() *Table[K] {
	c := New[K](t.minor)
	c.merge(t, nil) // never compares: c is empty
	return c
}

// Merge adds every key of other (set_merge: set.update / |= with a set or
// frozenset argument). Keys already present are kept.
func (t *Table[K]) Merge(other *Table[K], eq Eq[K]) error {
	return t.merge(other, eq)
}

func (t *Table[K]) merge(other *Table[K], eq Eq[K]) error {
	if other == t || other.used == 0 {
		return nil
	}
	if (t.fill+other.used)*5 >= t.mask()*3 {
		t.resize((t.used + other.used) * 2)
	}
	if t.fill == 0 && len(t.slots) == len(other.slots) && other.fill == other.used {
		copy(t.slots, other.slots)
		t.fill, t.used = other.fill, other.used
		return nil
	}
	if t.fill == 0 {
		t.fill, t.used = other.used, other.used
		for i := range other.slots {
			if s := &other.slots[i]; s.state == slotActive {
				insertClean(t.slots, s.hash, s.key)
			}
		}
		return nil
	}
	for i := 0; i < len(other.slots); i++ {
		if s := other.slots[i]; s.state == slotActive {
			if _, err := t.Insert(s.hash, s.key, eq); err != nil {
				return err
			}
		}
	}
	return nil
}

// UpdateFrom adds the keys of a general iterable in order (set.update with
// an argument that is neither a set nor an exact dict: set_add_key each).
func (t *Table[K]) UpdateFrom(src Source[K], eq Eq[K]) error {
	for {
		k, h, ok, err := src()
		if err != nil || !ok {
			return err
		}
		if _, err := t.Insert(h, k, eq); err != nil {
			return err
		}
	}
}

// UpdateFromDict adds the keys of an exact dict of n keys, yielded by src in
// dict order, after CPython's one-off presizing for dict arguments.
func (t *Table[K]) UpdateFromDict(n int, src Source[K], eq Eq[K]) error {
	if (t.fill+n)*5 >= t.mask()*3 {
		t.resize((t.used + n) * 2)
	}
	return t.UpdateFrom(src, eq)
}

// FromSource builds a new table from a general iterable (set(iterable)).
func FromSource[K any](minor int, src Source[K], eq Eq[K]) (*Table[K], error) {
	t := New[K](minor)
	return t, t.UpdateFrom(src, eq)
}

// Intersection returns a & b for two sets (set_intersection): it iterates
// the smaller table (b when sizes are equal) and keeps that table's keys.
func Intersection[K any](a, b *Table[K], eq Eq[K]) (*Table[K], error) {
	if a == b {
		return a.Copy(), nil
	}
	r := New[K](a.minor)
	so, other := a, b
	if other.used > so.used {
		so, other = other, so
	}
	for i := 0; i < len(other.slots); i++ {
		s := other.slots[i]
		if s.state != slotActive {
			continue
		}
		ok, err := so.Contains(s.hash, s.key, eq)
		if err != nil {
			return nil, err
		}
		if ok {
			if _, err := r.Insert(s.hash, s.key, eq); err != nil {
				return nil, err
			}
		}
	}
	return r, nil
}

// IntersectionFrom returns a.intersection(iterable) for an iterable that is
// not a set: keys of the iterable found in a, in iterable order, keeping the
// iterable's key objects.
func IntersectionFrom[K any](a *Table[K], src Source[K], eq Eq[K]) (*Table[K], error) {
	r := New[K](a.minor)
	for {
		k, h, ok, err := src()
		if err != nil {
			return nil, err
		}
		if !ok {
			return r, nil
		}
		in, err := a.Contains(h, k, eq)
		if err != nil {
			return nil, err
		}
		if in {
			if _, err := r.Insert(h, k, eq); err != nil {
				return nil, err
			}
		}
	}
}

// Replace makes t hold r's contents (set_swap_bodies, as &= and
// intersection_update use); r must not be used afterwards. The pop finger
// of t is kept.
func (t *Table[K]) Replace(r *Table[K]) {
	t.slots, t.fill, t.used = r.slots, r.fill, r.used
}

// Difference returns a - b for two sets (set_difference). When a is more
// than four times larger than b, CPython copies a and discards b's keys;
// otherwise it iterates a and keeps the keys b lacks.
func Difference[K any](a, b *Table[K], eq Eq[K]) (*Table[K], error) {
	if (a.used >> 2) > b.used {
		r := a.Copy()
		if err := r.DifferenceUpdate(b, eq); err != nil {
			return nil, err
		}
		return r, nil
	}
	return differenceScan(a, b.Contains, eq)
}

// DifferenceDict returns a - d for an exact dict d of n keys: contains
// tests membership in d and keys yields d's keys in dict order (keys is
// consumed only when a is more than four times larger than d).
func DifferenceDict[K any](a *Table[K], n int, contains func(hash int64, key K, eq Eq[K]) (bool, error), keys Source[K], eq Eq[K]) (*Table[K], error) {
	if (a.used >> 2) > n {
		r := a.Copy()
		if err := r.DifferenceUpdateFrom(keys, eq); err != nil {
			return nil, err
		}
		return r, nil
	}
	return differenceScan(a, contains, eq)
}

func differenceScan[K any](a *Table[K], contains func(hash int64, key K, eq Eq[K]) (bool, error), eq Eq[K]) (*Table[K], error) {
	r := New[K](a.minor)
	for i := 0; i < len(a.slots); i++ {
		s := a.slots[i]
		if s.state != slotActive {
			continue
		}
		in, err := contains(s.hash, s.key, eq)
		if err != nil {
			return nil, err
		}
		if !in {
			if _, err := r.Insert(s.hash, s.key, eq); err != nil {
				return nil, err
			}
		}
	}
	return r, nil
}

// DifferenceFrom returns a.difference(iterable) for an iterable that is
// neither a set nor an exact dict (set_copy_and_difference).
func DifferenceFrom[K any](a *Table[K], src Source[K], eq Eq[K]) (*Table[K], error) {
	r := a.Copy()
	if err := r.DifferenceUpdateFrom(src, eq); err != nil {
		return nil, err
	}
	return r, nil
}

// DifferenceUpdate removes the keys of the set other (set -= other). When
// other is more than eight times larger, CPython first replaces it by the
// intersection; afterwards the table is rebuilt if over a quarter of its
// slots are dummies.
func (t *Table[K]) DifferenceUpdate(other *Table[K], eq Eq[K]) error {
	if other == t {
		t.Clear()
		return nil
	}
	if (other.used >> 3) > t.used {
		var err error
		if other, err = Intersection(t, other, eq); err != nil {
			return err
		}
	}
	for i := 0; i < len(other.slots); i++ {
		s := other.slots[i]
		if s.state != slotActive {
			continue
		}
		if _, err := t.Delete(s.hash, s.key, eq); err != nil {
			return err
		}
	}
	t.shrinkDummies()
	return nil
}

// DifferenceUpdateFrom removes the keys yielded by src (difference_update
// with a non-set iterable, including a dict), then rebuilds the table if
// over a quarter of its slots are dummies.
func (t *Table[K]) DifferenceUpdateFrom(src Source[K], eq Eq[K]) error {
	for {
		k, h, ok, err := src()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if _, err := t.Delete(h, k, eq); err != nil {
			return err
		}
	}
	t.shrinkDummies()
	return nil
}

func (t *Table[K]) shrinkDummies() {
	if t.fill-t.used <= t.mask()/4 {
		return
	}
	t.resize(t.growTarget())
}

// SymmetricDifferenceUpdate is set ^= other for a set other: for each key
// of other in slot order, discard it from t or add it when absent.
func (t *Table[K]) SymmetricDifferenceUpdate(other *Table[K], eq Eq[K]) error {
	if other == t {
		t.Clear()
		return nil
	}
	for i := 0; i < len(other.slots); i++ {
		s := other.slots[i]
		if s.state != slotActive {
			continue
		}
		if err := t.toggle(s.hash, s.key, eq); err != nil {
			return err
		}
	}
	return nil
}

// SymmetricDifferenceUpdateDict is set ^= d for an exact dict d, whose keys
// src yields in dict order. For any other iterable, CPython first builds a
// set from it: use FromSource and SymmetricDifferenceUpdate.
func (t *Table[K]) SymmetricDifferenceUpdateDict(src Source[K], eq Eq[K]) error {
	for {
		k, h, ok, err := src()
		if err != nil || !ok {
			return err
		}
		if err := t.toggle(h, k, eq); err != nil {
			return err
		}
	}
}

func (t *Table[K]) toggle(hash int64, key K, eq Eq[K]) error {
	removed, err := t.Delete(hash, key, eq)
	if err != nil || removed {
		return err
	}
	_, err = t.Insert(hash, key, eq)
	return err
}

// SymmetricDifference returns a ^ b for two sets: CPython copies b and then
// applies a to the copy.
func SymmetricDifference[K any](a, b *Table[K], eq Eq[K]) (*Table[K], error) {
	r := b.Copy()
	if err := r.SymmetricDifferenceUpdate(a, eq); err != nil {
		return nil, err
	}
	return r, nil
}

// Union returns a | b for two sets (copy a, then merge b; a | a is just
// the copy).
func Union[K any](a, b *Table[K], eq Eq[K]) (*Table[K], error) {
	r := a.Copy()
	if a == b {
		return r, nil
	}
	if err := r.Merge(b, eq); err != nil {
		return nil, err
	}
	return r, nil
}

// UnionMulti returns a.union(*others) for set arguments: a copy of a
// merged with each other set in turn (an argument that is a itself is
// skipped, as in CPython).
func UnionMulti[K any](a *Table[K], others []*Table[K], eq Eq[K]) (*Table[K], error) {
	r := a.Copy()
	for _, o := range others {
		if o == a {
			continue
		}
		if err := r.Merge(o, eq); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// IntersectionMulti returns a.intersection(*others) for set arguments:
// intersections applied left to right (a copy of a when others is empty).
func IntersectionMulti[K any](a *Table[K], others []*Table[K], eq Eq[K]) (*Table[K], error) {
	if len(others) == 0 {
		return a.Copy(), nil
	}
	r := a
	for _, o := range others {
		var err error
		if r, err = Intersection(r, o, eq); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// DifferenceMulti returns a.difference(*others) for set arguments: a - the
// first, then difference_update with each further set (a copy of a when
// others is empty).
func DifferenceMulti[K any](a *Table[K], others []*Table[K], eq Eq[K]) (*Table[K], error) {
	if len(others) == 0 {
		return a.Copy(), nil
	}
	r, err := Difference(a, others[0], eq)
	if err != nil {
		return nil, err
	}
	for _, o := range others[1:] {
		if err := r.DifferenceUpdate(o, eq); err != nil {
			return nil, err
		}
	}
	return r, nil
}
