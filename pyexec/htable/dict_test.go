package htable

import (
	"errors"
	"math/rand"
	"strconv"
	"testing"

	"github.com/pybridge/pybridge/pyexec/pyhash"
	"github.com/stretchr/testify/require"
)

// anyEq compares interpreter-like keys: exact strings and ints.
func anyEq(a, b any) (bool, error) {
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		return ok && x == y, nil
	case int64:
		y, ok := b.(int64)
		return ok && x == y, nil
	}
	return false, nil
}

var hasher = pyhash.New(12, 0)

func hashAny(k any) int64 {
	switch x := k.(type) {
	case string:
		return hasher.Str(x)
	case int64:
		return pyhash.Int(x)
	}
	panic("bad key")
}

type refPair struct {
	k any
	v int
}

// TestDictModel checks Dict against a naive ordered model under random
// set/delete/popitem/setdefault/clear/copy, with colliding hashes.
func TestDictModel(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	for round := 0; round < 30; round++ {
		d := &Dict[any, int]{}
		var ref []refPair
		find := func(k any) int {
			for i, p := range ref {
				if eq, _ := anyEq(p.k, k); eq {
					return i
				}
			}
			return -1
		}
		keyspace := []int{5, 50, 500, 5000}[round%4]
		for step := 0; step < 3000; step++ {
			var k any
			if rnd.Intn(2) == 0 {
				k = int64(rnd.Intn(keyspace) - keyspace/2)
			} else {
				k = "k" + strconv.Itoa(rnd.Intn(keyspace))
			}
			h := hashAny(k)
			if round%3 == 0 {
				h &= 7 // force collisions
			}
			switch r := rnd.Intn(100); {
			case r < 50:
				v := rnd.Int()
				added, err := d.Set(h, k, v, anyEq)
				require.NoError(t, err)
				i := find(k)
				require.Equal(t, i < 0, added)
				if i < 0 {
					ref = append(ref, refPair{k, v})
				} else {
					ref[i].v = v
				}
			case r < 75:
				_, v, ok, err := d.Delete(h, k, anyEq)
				require.NoError(t, err)
				i := find(k)
				require.Equal(t, i >= 0, ok)
				if i >= 0 {
					require.Equal(t, ref[i].v, v)
					ref = append(ref[:i], ref[i+1:]...)
				}
			case r < 85:
				v, ok, err := d.Get(h, k, anyEq)
				require.NoError(t, err)
				i := find(k)
				require.Equal(t, i >= 0, ok)
				if ok {
					require.Equal(t, ref[i].v, v)
				}
			case r < 90:
				k2, v, _, ok := d.PopItem()
				require.Equal(t, len(ref) > 0, ok)
				if ok {
					last := ref[len(ref)-1]
					require.Equal(t, last.k, k2)
					require.Equal(t, last.v, v)
					ref = ref[:len(ref)-1]
				}
			case r < 95:
				v, err := d.SetDefault(h, k, 42, anyEq)
				require.NoError(t, err)
				if i := find(k); i >= 0 {
					require.Equal(t, ref[i].v, v)
				} else {
					require.Equal(t, 42, v)
					ref = append(ref, refPair{k, 42})
				}
			case r < 97:
				d = d.Copy()
			case r < 98:
				d.Clear()
				ref = nil
			default:
				// full order check
			}
			require.Equal(t, len(ref), d.Len())
		}
		var got []refPair
		for pos := 0; ; {
			next, k, v, _, ok := d.Next(pos)
			if !ok {
				break
			}
			got = append(got, refPair{k, v})
			pos = next
		}
		if len(ref) == 0 {
			require.Empty(t, got)
		} else {
			require.Equal(t, ref, got)
		}
	}
}

func TestDictKeepsOriginalKey(t *testing.T) {
	d := NewDict[any, int](0)
	// Keys equal under a loose eq: the stored key is kept on replacement.
	loose := func(a, b any) (bool, error) { return true, nil }
	_, err := d.Set(1, "first", 1, loose)
	require.NoError(t, err)
	_, err = d.Set(1, "second", 2, loose)
	require.NoError(t, err)
	k, v, ok, err := d.Lookup(1, "x", loose)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, "first", k)
	require.Equal(t, 2, v)
}

func TestDictEqError(t *testing.T) {
	d := NewDict[any, int](0)
	boom := errors.New("boom")
	failing := func(a, b any) (bool, error) { return false, boom }
	_, err := d.Set(3, "a", 1, failing) // no stored key yet: no comparison
	require.NoError(t, err)
	_, err = d.Set(3, "b", 1, failing)
	require.ErrorIs(t, err, boom)
	_, _, err = d.Get(4, "c", failing) // different hash: no comparison
	require.NoError(t, err)
	s := New[any](12)
	_, err = s.Insert(3, "a", failing)
	require.NoError(t, err)
	_, err = s.Insert(3, "b", failing)
	require.ErrorIs(t, err, boom)
}

func TestDictMutatingEq(t *testing.T) {
	// An eq that inserts into the dict forces a restart of the lookup.
	d := NewDict[any, int](0)
	_, err := d.Set(1, int64(1), 1, anyEq)
	require.NoError(t, err)
	calls := 0
	mut := func(a, b any) (bool, error) {
		calls++
		if calls == 1 {
			for i := int64(100); i < 120; i++ {
				if _, err := d.Set(i, i, 0, anyEq); err != nil {
					return false, err
				}
			}
		}
		return anyEq(a, b)
	}
	v, ok, err := d.Get(1, int64(1), Eq[any](mut))
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, 1, v)
	require.Equal(t, 21, d.Len())
}

func TestSetPopAndIterate(t *testing.T) {
	s := New[any](12)
	for i := int64(0); i < 20; i++ {
		_, err := s.Insert(pyhash.Int(i), i, anyEq)
		require.NoError(t, err)
	}
	var seen []any
	for pos := 0; ; {
		next, k, _, ok := s.Next(pos)
		if !ok {
			break
		}
		seen = append(seen, k)
		pos = next
	}
	require.Equal(t, s.Keys(), seen)
	var popped []any
	for s.Len() > 0 {
		k, _, ok := s.Pop()
		require.True(t, ok)
		popped = append(popped, k)
	}
	require.Equal(t, seen, popped)
	_, _, ok := s.Pop()
	require.False(t, ok)
}

const benchN = 100000

func benchKeys(str bool) ([]any, []int64) {
	keys := make([]any, benchN)
	hashes := make([]int64, benchN)
	for i := range keys {
		if str {
			keys[i] = "key_" + strconv.Itoa(i*7919)
		} else {
			keys[i] = int64(i * 7919)
		}
		hashes[i] = hashAny(keys[i])
	}
	return keys, hashes
}

func benchInsert(b *testing.B, str bool) {
	keys, hashes := benchKeys(str)
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		d := &Dict[any, any]{}
		for i, k := range keys {
			if _, err := d.Set(hashes[i], k, k, anyEq); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchN), "ns/key")
}

func benchLookup(b *testing.B, str bool) {
	keys, hashes := benchKeys(str)
	d := &Dict[any, any]{}
	for i, k := range keys {
		if _, err := d.Set(hashes[i], k, k, anyEq); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for i, k := range keys {
			if _, ok, _ := d.Get(hashes[i], k, anyEq); !ok {
				b.Fatal("missing")
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchN), "ns/key")
}

// BenchmarkDictInsertStr inserts 1e5 string keys (hashes precomputed, as
// CPython caches str hashes) into an empty Dict.
func BenchmarkDictInsertStr(b *testing.B) { benchInsert(b, true) }

// BenchmarkDictInsertInt inserts 1e5 int keys into an empty Dict.
func BenchmarkDictInsertInt(b *testing.B) { benchInsert(b, false) }

// BenchmarkDictLookupStr looks up 1e5 present string keys.
func BenchmarkDictLookupStr(b *testing.B) { benchLookup(b, true) }

// BenchmarkDictLookupInt looks up 1e5 present int keys.
func BenchmarkDictLookupInt(b *testing.B) { benchLookup(b, false) }

// BenchmarkSetInsertInt adds 1e5 int keys to a CPython-order Table.
func BenchmarkSetInsertInt(b *testing.B) {
	keys, hashes := benchKeys(false)
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		s := New[any](12)
		for i, k := range keys {
			if _, err := s.Insert(hashes[i], k, anyEq); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchN), "ns/key")
}

// BenchmarkMapInsertStrBaseline is Go's map with string keys, for scale.
func BenchmarkMapInsertStrBaseline(b *testing.B) {
	keys, _ := benchKeys(true)
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		m := map[string]any{}
		for _, k := range keys {
			m[k.(string)] = k
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchN), "ns/key")
}
