package pyexec

import (
	"github.com/go-python/gpython/py"
)

// Timsort, as CPython's list.sort implements it (Objects/listsort.txt):
// natural runs extended to minrun by binary insertion, merged with
// galloping. The point of following CPython step by step, rather than using
// sort.SliceStable, is exactness: every "<" is asked of the same pair of
// keys in the same order as CPython asks it, so a user __lt__ with side
// effects, or an inconsistent order, gives CPython's result. It also asks
// far fewer questions on partially ordered data.
//
// Versions differ in two places: 3.11 replaced the run-stack invariants of
// merge_collapse with the powersort merge policy, and 3.13 made count_run
// return non-descending runs that may hold equal keys inside a descending
// stretch (reversing each equal group so that the final reversal restores
// their order).

// minGallop is MIN_GALLOP: galloping starts after this many consecutive
// wins of one run.
const minGallop = 7

type sortRun struct {
	base, len int
	power     int // powersort node power (3.11+)
}

// timsorter sorts keys, moving vals (when not nil) in lockstep.
type timsorter struct {
	t          *Thread
	keys, vals []py.Object
	minGallop  int
	runs       []sortRun
	runsBuf    [16]sortRun
	tmpK, tmpV []py.Object
	powersort  bool // 3.11+: powersort merge policy
	eqRuns     bool // 3.13+: count_run folds equal keys into descending runs
	// less, when set, replaces lessThan (tests trace comparisons with it).
	less func(a, b py.Object) (bool, error)
}

func (s *timsorter) lt(a, b py.Object) (bool, error) {
	if s.less != nil {
		return s.less(a, b)
	}
	return lessThan(s.t, a, b)
}

// reverse reverses keys[lo:hi] (and vals[lo:hi]).
func (s *timsorter) reverse(lo, hi int) {
	for i, j := lo, hi-1; i < j; i, j = i+1, j-1 {
		s.keys[i], s.keys[j] = s.keys[j], s.keys[i]
		if s.vals != nil {
			s.vals[i], s.vals[j] = s.vals[j], s.vals[i]
		}
	}
}

// timsort sorts keys ascending, stably, moving vals along. On an error from
// a comparison the slices hold a permutation of their elements, as
// CPython's list does after a failed sort.
func timsort(t *Thread, keys, vals []py.Object) error {
	return timsortMinor(t, keys, vals, t.minor(), nil)
}

// timsortMinor is timsort as CPython 3.minor sorts, with less (when not
// nil) in place of lessThan.
func timsortMinor(t *Thread, keys, vals []py.Object, minor int, less func(a, b py.Object) (bool, error)) error {
	n := len(keys)
	if n < 2 {
		return nil
	}
	s := &timsorter{t: t, keys: keys, vals: vals, minGallop: minGallop, less: less}
	s.runs = s.runsBuf[:0]
	s.powersort = minor >= 11
	s.eqRuns = minor >= 13
	minrun := computeMinrun(n)
	lo, remaining := 0, n
	for remaining > 0 {
		run, err := s.countRun(lo, lo+remaining)
		if err != nil {
			return err
		}
		if run < minrun {
			force := min(remaining, minrun)
			if err := s.binarySort(lo, lo+force, lo+run); err != nil {
				return err
			}
			run = force
		}
		if s.powersort {
			if err := s.foundNewRun(run); err != nil {
				return err
			}
		}
		s.runs = append(s.runs, sortRun{base: lo, len: run})
		if !s.powersort {
			if err := s.mergeCollapse(); err != nil {
				return err
			}
		}
		lo += run
		remaining -= run
	}
	return s.mergeForceCollapse()
}

// computeMinrun is merge_compute_minrun.
func computeMinrun(n int) int {
	r := 0
	for n >= 64 {
		r |= n & 1
		n >>= 1
	}
	return n + r
}

// binarySort sorts [lo, hi) by binary insertion, [lo, start) being sorted.
func (s *timsorter) binarySort(lo, hi, start int) error {
	keys, vals := s.keys, s.vals
	if start == lo {
		start++
	}
	for ; start < hi; start++ {
		pivot := keys[start]
		l, r := lo, start
		for l < r {
			p := l + (r-l)>>1
			less, err := s.lt(pivot, keys[p])
			if err != nil {
				return err
			}
			if less {
				r = p
			} else {
				l = p + 1
			}
		}
		// Element by element: for the short shifts of a binary
		// insertion, cheaper than copy, whose bulk write barrier (while
		// the GC marks) walks the span's pointer bitmap.
		for i := start; i > l; i-- {
			keys[i] = keys[i-1]
		}
		keys[l] = pivot
		if vals != nil {
			pv := vals[start]
			for i := start; i > l; i-- {
				vals[i] = vals[i-1]
			}
			vals[l] = pv
		}
	}
	return nil
}

// countRun returns the length of the run starting at lo, made ascending.
func (s *timsorter) countRun(lo, hi int) (int, error) {
	if s.eqRuns {
		return s.countRun313(lo, hi)
	}
	keys := s.keys
	if lo+1 == hi {
		return 1, nil
	}
	n := 2
	desc, err := s.lt(keys[lo+1], keys[lo])
	if err != nil {
		return 0, err
	}
	for i := lo + 2; i < hi; i++ {
		less, err := s.lt(keys[i], keys[i-1])
		if err != nil {
			return 0, err
		}
		if less != desc {
			break
		}
		n++
	}
	if desc {
		s.reverse(lo, lo+n)
	}
	return n, nil
}

// countRun313 is 3.13's count_run: an ascending (non-descending) run, or a
// descending one in which groups of equal keys are allowed, reversed so
// that the reversal of the whole run keeps them stable; the result may then
// extend into a following ascending stretch.
func (s *timsorter) countRun313(lo, hi int) (int, error) {
	keys := s.keys
	rem := hi - lo
	n := 1
	for ; n < rem; n++ {
		less, err := s.lt(keys[lo+n], keys[lo+n-1])
		if err != nil {
			return 0, err
		}
		if less {
			break
		}
	}
	if n == rem {
		return n, nil
	}
	if n > 1 {
		less, err := s.lt(keys[lo], keys[lo+n-1])
		if err != nil {
			return 0, err
		}
		if less {
			return n, nil
		}
		// All n keys so far are equal: part of the descending run.
		s.reverse(lo, lo+n)
	}
	n++
	neq := 0
	reverseEq := func() {
		if neq > 0 {
			neq++
			s.reverse(lo+n-neq, lo+n)
			neq = 0
		}
	}
	for ; n < rem; n++ {
		less, err := s.lt(keys[lo+n], keys[lo+n-1])
		if err != nil {
			return 0, err
		}
		if less {
			reverseEq()
			continue
		}
		greater, err := s.lt(keys[lo+n-1], keys[lo+n])
		if err != nil {
			return 0, err
		}
		if greater {
			break
		}
		neq++
	}
	reverseEq()
	s.reverse(lo, lo+n)
	for ; n < rem; n++ {
		less, err := s.lt(keys[lo+n], keys[lo+n-1])
		if err != nil {
			return 0, err
		}
		if less {
			break
		}
	}
	return n, nil
}

// gallopLeft returns k in [0, n] with a[k-1] < key <= a[k], a being
// keys[base:base+n], starting the search at base+hint.
func (s *timsorter) gallopLeft(key py.Object, base, n, hint int) (int, error) {
	a := s.keys[base : base+n]
	lastofs, ofs := 0, 1
	less, err := s.lt(a[hint], key)
	if err != nil {
		return 0, err
	}
	if less {
		// a[hint] < key: gallop right until a[hint+lastofs] < key <= a[hint+ofs].
		maxofs := n - hint
		for ofs < maxofs {
			less, err := s.lt(a[hint+ofs], key)
			if err != nil {
				return 0, err
			}
			if !less {
				break
			}
			lastofs = ofs
			ofs = ofs<<1 + 1
		}
		ofs = min(ofs, maxofs)
		lastofs += hint
		ofs += hint
	} else {
		// key <= a[hint]: gallop left until a[hint-ofs] < key <= a[hint-lastofs].
		maxofs := hint + 1
		for ofs < maxofs {
			less, err := s.lt(a[hint-ofs], key)
			if err != nil {
				return 0, err
			}
			if less {
				break
			}
			lastofs = ofs
			ofs = ofs<<1 + 1
		}
		ofs = min(ofs, maxofs)
		lastofs, ofs = hint-ofs, hint-lastofs
	}
	lastofs++
	for lastofs < ofs {
		m := lastofs + (ofs-lastofs)>>1
		less, err := s.lt(a[m], key)
		if err != nil {
			return 0, err
		}
		if less {
			lastofs = m + 1
		} else {
			ofs = m
		}
	}
	return ofs, nil
}

// gallopRight returns k in [0, len(a)] with a[k-1] <= key < a[k],
// starting the search at a[hint].
func (s *timsorter) gallopRight(key py.Object, a []py.Object, hint int) (int, error) {
	n := len(a)
	lastofs, ofs := 0, 1
	less, err := s.lt(key, a[hint])
	if err != nil {
		return 0, err
	}
	if less {
		// key < a[hint]: gallop left.
		maxofs := hint + 1
		for ofs < maxofs {
			less, err := s.lt(key, a[hint-ofs])
			if err != nil {
				return 0, err
			}
			if !less {
				break
			}
			lastofs = ofs
			ofs = ofs<<1 + 1
		}
		ofs = min(ofs, maxofs)
		lastofs, ofs = hint-ofs, hint-lastofs
	} else {
		// a[hint] <= key: gallop right.
		maxofs := n - hint
		for ofs < maxofs {
			less, err := s.lt(key, a[hint+ofs])
			if err != nil {
				return 0, err
			}
			if less {
				break
			}
			lastofs = ofs
			ofs = ofs<<1 + 1
		}
		ofs = min(ofs, maxofs)
		lastofs += hint
		ofs += hint
	}
	lastofs++
	for lastofs < ofs {
		m := lastofs + (ofs-lastofs)>>1
		less, err := s.lt(key, a[m])
		if err != nil {
			return 0, err
		}
		if less {
			ofs = m
		} else {
			lastofs = m + 1
		}
	}
	return ofs, nil
}

// gallopLeftIn is gallopLeft over an arbitrary slice.
func (s *timsorter) gallopLeftIn(key py.Object, a []py.Object, hint int) (int, error) {
	saved := s.keys
	s.keys = a
	k, err := s.gallopLeft(key, 0, len(a), hint)
	s.keys = saved
	return k, err
}

// powerloop is the powersort node power of the boundary between the run
// [s1, s1+n1) and the run of n2 that follows it, in a list of n.
func powerloop(s1, n1, n2, n int) int {
	result := 0
	a := 2*s1 + n1
	b := a + n1 + n2
	for {
		result++
		if a >= n {
			a -= n
			b -= n
		} else if b >= n {
			break
		}
		a <<= 1
		b <<= 1
	}
	return result
}

// foundNewRun merges pending runs as powersort dictates before a run of n2
// is pushed.
func (s *timsorter) foundNewRun(n2 int) error {
	if len(s.runs) == 0 {
		return nil
	}
	last := s.runs[len(s.runs)-1]
	power := powerloop(last.base, last.len, n2, len(s.keys))
	for len(s.runs) > 1 && s.runs[len(s.runs)-2].power > power {
		if err := s.mergeAt(len(s.runs) - 2); err != nil {
			return err
		}
	}
	s.runs[len(s.runs)-1].power = power
	return nil
}

// mergeCollapse restores the run-stack invariants (before 3.11).
func (s *timsorter) mergeCollapse() error {
	for len(s.runs) > 1 {
		p := s.runs
		n := len(p) - 2
		if n > 0 && p[n-1].len <= p[n].len+p[n+1].len || n > 1 && p[n-2].len <= p[n-1].len+p[n].len {
			if p[n-1].len < p[n+1].len {
				n--
			}
		} else if p[n].len > p[n+1].len {
			break
		}
		if err := s.mergeAt(n); err != nil {
			return err
		}
	}
	return nil
}

// mergeForceCollapse merges all pending runs.
func (s *timsorter) mergeForceCollapse() error {
	for len(s.runs) > 1 {
		p := s.runs
		n := len(p) - 2
		if n > 0 && p[n-1].len < p[n+1].len {
			n--
		}
		if err := s.mergeAt(n); err != nil {
			return err
		}
	}
	return nil
}

// mergeAt merges runs i and i+1.
func (s *timsorter) mergeAt(i int) error {
	a, b := s.runs[i], s.runs[i+1]
	s.runs[i].len = a.len + b.len
	s.runs = append(s.runs[:i+1], s.runs[i+2:]...)
	// Where does b's first key go in a? Keys before that are in place.
	k, err := s.gallopRight(s.keys[b.base], s.keys[a.base:a.base+a.len], 0)
	if err != nil {
		return err
	}
	baseA, na := a.base+k, a.len-k
	if na == 0 {
		return nil
	}
	// Where does a's last key go in b? Keys after that are in place.
	nb, err := s.gallopLeft(s.keys[baseA+na-1], b.base, b.len, b.len-1)
	if err != nil || nb <= 0 {
		return err
	}
	if na <= nb {
		return s.mergeLo(baseA, na, b.base, nb)
	}
	return s.mergeHi(baseA, na, b.base, nb)
}

// saveTmp copies [base, base+n) to the temporary slices.
func (s *timsorter) saveTmp(base, n int) {
	if cap(s.tmpK) < n {
		s.tmpK = make([]py.Object, n)
		if s.vals != nil {
			s.tmpV = make([]py.Object, n)
		}
	}
	s.tmpK = s.tmpK[:n]
	copy(s.tmpK, s.keys[base:base+n])
	if s.vals != nil {
		s.tmpV = s.tmpV[:n]
		copy(s.tmpV, s.vals[base:base+n])
	}
}

// move copies n elements from keys/vals[src] to keys/vals[dst].
func (s *timsorter) move(dst, src, n int) {
	copy(s.keys[dst:dst+n], s.keys[src:src+n])
	if s.vals != nil {
		copy(s.vals[dst:dst+n], s.vals[src:src+n])
	}
}

// fromTmp copies n elements from the temporary slices at src to dst.
func (s *timsorter) fromTmp(dst, src, n int) {
	copy(s.keys[dst:dst+n], s.tmpK[src:src+n])
	if s.vals != nil {
		copy(s.vals[dst:dst+n], s.tmpV[src:src+n])
	}
}

// mergeLo merges the adjacent runs a = [pa, pa+na) and b = [pb, pb+nb),
// na <= nb, from the left, a being copied aside. b's first key is known to
// belong first and a's last key last.
func (s *timsorter) mergeLo(pa, na, pb, nb int) (err error) {
	keys := s.keys
	s.saveTmp(pa, na)
	tk := s.tmpK
	ta := 0 // next of a, in tmp
	dest := pa
	s.move(dest, pb, 1)
	dest++
	pb++
	nb--
	defer func() {
		// On success and on error alike, what is left of a fills the gap
		// (CopyB places a's last key after b's rest first).
		if na > 0 {
			s.fromTmp(dest, ta, na)
		}
	}()
	if nb == 0 {
		return nil
	}
	if na == 1 {
		s.move(dest, pb, nb)
		dest += nb
		return nil
	}
	mg := s.minGallop
	for {
		acount, bcount := 0, 0
		// Straight merge until one run wins mg times in a row.
		for {
			less, err := s.lt(keys[pb], tk[ta])
			if err != nil {
				return err
			}
			if less {
				s.move(dest, pb, 1)
				dest++
				pb++
				bcount++
				acount = 0
				nb--
				if nb == 0 {
					return nil
				}
				if bcount >= mg {
					break
				}
			} else {
				s.fromTmp(dest, ta, 1)
				dest++
				ta++
				acount++
				bcount = 0
				na--
				if na == 1 {
					s.move(dest, pb, nb)
					dest += nb
					return nil
				}
				if acount >= mg {
					break
				}
			}
		}
		// Gallop while it pays.
		mg++
		for {
			if mg > 1 {
				mg--
			}
			s.minGallop = mg
			k, err := s.gallopRight(keys[pb], tk[ta:ta+na], 0)
			if err != nil {
				return err
			}
			acount = k
			if k > 0 {
				s.fromTmp(dest, ta, k)
				dest += k
				ta += k
				na -= k
				if na == 1 {
					s.move(dest, pb, nb)
					dest += nb
					return nil
				}
				if na == 0 {
					return nil
				}
			}
			s.move(dest, pb, 1)
			dest++
			pb++
			nb--
			if nb == 0 {
				return nil
			}
			k, err = s.gallopLeft(tk[ta], pb, nb, 0)
			if err != nil {
				return err
			}
			bcount = k
			if k > 0 {
				s.move(dest, pb, k)
				dest += k
				pb += k
				nb -= k
				if nb == 0 {
					return nil
				}
			}
			s.fromTmp(dest, ta, 1)
			dest++
			ta++
			na--
			if na == 1 {
				s.move(dest, pb, nb)
				dest += nb
				return nil
			}
			if acount < minGallop && bcount < minGallop {
				break
			}
		}
		mg++
		s.minGallop = mg
	}
}

// mergeHi is mergeLo from the right, for na > nb, b being copied aside.
func (s *timsorter) mergeHi(pa, na, pb, nb int) (err error) {
	keys := s.keys
	s.saveTmp(pb, nb)
	tk := s.tmpK
	dest := pb + nb - 1 // next slot to fill, moving left
	ia := pa + na - 1   // last of a
	ib := nb - 1        // last of b, in tmp
	s.move(dest, ia, 1)
	dest--
	ia--
	na--
	copyA := func() {
		// b's first key belongs before what is left of a.
		dest -= na
		ia -= na
		s.move(dest+1, ia+1, na)
		s.fromTmp(dest, ib, 1)
		nb = 0
	}
	defer func() {
		if nb > 0 {
			s.fromTmp(dest-(nb-1), 0, nb)
		}
	}()
	if na == 0 {
		return nil
	}
	if nb == 1 {
		copyA()
		return nil
	}
	mg := s.minGallop
	for {
		acount, bcount := 0, 0
		for {
			less, err := s.lt(tk[ib], keys[ia])
			if err != nil {
				return err
			}
			if less {
				s.move(dest, ia, 1)
				dest--
				ia--
				acount++
				bcount = 0
				na--
				if na == 0 {
					return nil
				}
				if acount >= mg {
					break
				}
			} else {
				s.fromTmp(dest, ib, 1)
				dest--
				ib--
				bcount++
				acount = 0
				nb--
				if nb == 1 {
					copyA()
					return nil
				}
				if bcount >= mg {
					break
				}
			}
		}
		mg++
		for {
			if mg > 1 {
				mg--
			}
			s.minGallop = mg
			k, err := s.gallopRight(tk[ib], keys[pa:pa+na], na-1)
			if err != nil {
				return err
			}
			k = na - k
			acount = k
			if k > 0 {
				dest -= k
				ia -= k
				s.move(dest+1, ia+1, k)
				na -= k
				if na == 0 {
					return nil
				}
			}
			s.fromTmp(dest, ib, 1)
			dest--
			ib--
			nb--
			if nb == 1 {
				copyA()
				return nil
			}
			k, err = s.gallopLeftIn(keys[ia], tk[:nb], nb-1)
			if err != nil {
				return err
			}
			k = nb - k
			bcount = k
			if k > 0 {
				dest -= k
				ib -= k
				s.fromTmp(dest+1, ib+1, k)
				nb -= k
				if nb == 1 {
					copyA()
					return nil
				}
				if nb == 0 {
					return nil
				}
			}
			s.move(dest, ia, 1)
			dest--
			ia--
			na--
			if na == 0 {
				return nil
			}
			if acount < minGallop && bcount < minGallop {
				break
			}
		}
		mg++
		s.minGallop = mg
	}
}
