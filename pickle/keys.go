package pickle

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"sort"
	"strings"
)

// keyKind classifies a hashable node for Python key equality.
type keyKind uint8

const (
	keyNone  keyKind = iota + 1
	keyInt           // int, bool, integral float in int64 range
	keyBig           // big integer or integral float beyond int64, as decimal text
	keyFloat         // non-integral float, by bits
	keyStr
	keyBytes
	keyTuple     // encoded items
	keyFrozenSet // sorted encoded items
	keyGlobal    // module + "\x00" + name
	keyIdentity  // any other node: equal only to itself
)

// hkey is a comparable stand-in for a hashable node: two nodes that Python
// would consider equal keys have equal hkeys.
type hkey struct {
	kind keyKind
	i    int64
	s    string
	p    Value
}

// maxKeyDepth bounds recursion through nested tuple and frozenset keys.
const maxKeyDepth = 64

// unhashableError reports a key that Python could not hash.
type unhashableError struct{ typ string }

func (e *unhashableError) Error() string { return "unhashable type: '" + e.typ + "'" }

// keyOf returns the hkey of v, or an error when Python could not use v as
// a dict key or set member.
func keyOf(v Value) (hkey, error) {
	switch n := v.(type) {
	case *Str:
		return hkey{kind: keyStr, s: n.Value}, nil
	case *Int:
		return hkey{kind: keyInt, i: n.Value}, nil
	case *Bool:
		if n.Value {
			return hkey{kind: keyInt, i: 1}, nil
		}
		return hkey{kind: keyInt}, nil
	case *None:
		return hkey{kind: keyNone}, nil
	case *Float:
		return floatKey(n), nil
	case *BigInt:
		return hkey{kind: keyBig, s: n.Value.String()}, nil
	case *Bytes:
		return hkey{kind: keyBytes, s: string(n.Value)}, nil
	case *Global:
		return hkey{kind: keyGlobal, s: n.Module + "\x00" + n.Name}, nil
	case *Tuple, *FrozenSet:
		var b strings.Builder
		if err := encodeKey(&b, v, 0); err != nil {
			return hkey{}, err
		}
		kind := keyTuple
		if _, ok := v.(*FrozenSet); ok {
			kind = keyFrozenSet
		}
		return hkey{kind: kind, s: b.String()}, nil
	case *List:
		return hkey{}, &unhashableError{"list"}
	case *Dict:
		return hkey{}, &unhashableError{"dict"}
	case *Set:
		return hkey{}, &unhashableError{"set"}
	case *ByteArray:
		return hkey{}, &unhashableError{"bytearray"}
	default:
		return hkey{kind: keyIdentity, p: v}, nil
	}
}

func floatKey(n *Float) hkey {
	f := n.Value
	if f != f {
		// NaN is equal only to itself.
		return hkey{kind: keyIdentity, p: n}
	}
	if f == math.Trunc(f) && !math.IsInf(f, 0) {
		if f >= -(1<<63) && f < 1<<63 {
			return hkey{kind: keyInt, i: int64(f)}
		}
		bf := new(big.Float).SetFloat64(f)
		bi, _ := bf.Int(nil)
		return hkey{kind: keyBig, s: bi.String()}
	}
	return hkey{kind: keyFloat, i: int64(math.Float64bits(f))}
}

// encodeKey writes an unambiguous encoding of a hashable node.
func encodeKey(b *strings.Builder, v Value, depth int) error {
	if depth > maxKeyDepth {
		return fmt.Errorf("key nested more than %d levels deep", maxKeyDepth)
	}
	switch n := v.(type) {
	case *Tuple:
		b.WriteByte('(')
		writeLen(b, len(n.Items))
		for _, it := range n.Items {
			if err := encodeKey(b, it, depth+1); err != nil {
				return err
			}
		}
		return nil
	case *FrozenSet:
		parts := make([]string, 0, len(n.Items))
		for _, it := range n.Items {
			var sb strings.Builder
			if err := encodeKey(&sb, it, depth+1); err != nil {
				return err
			}
			parts = append(parts, sb.String())
		}
		sort.Strings(parts)
		b.WriteByte('{')
		writeLen(b, len(parts))
		for _, p := range parts {
			b.WriteString(p)
		}
		return nil
	}
	k, err := keyOf(v)
	if err != nil {
		return err
	}
	b.WriteByte(byte(k.kind))
	switch k.kind {
	case keyInt, keyFloat:
		var buf [8]byte
		binary.LittleEndian.PutUint64(buf[:], uint64(k.i))
		b.Write(buf[:])
	case keyIdentity:
		fmt.Fprintf(b, "%p", k.p)
	default:
		writeLen(b, len(k.s))
		b.WriteString(k.s)
	}
	return nil
}

func writeLen(b *strings.Builder, n int) {
	var buf [binary.MaxVarintLen64]byte
	b.Write(buf[:binary.PutUvarint(buf[:], uint64(n))])
}

// keyIndex finds entries by key. Small collections are scanned, which
// allocates nothing; past keyIndexScanMax entries a map is built.
type keyIndex struct {
	m map[hkey]int
}

const keyIndexScanMax = 8

// lookup returns the position of the item whose key is k among n items,
// where keyAt returns the key of item i, or -1.
func (ix *keyIndex) lookup(k hkey, n int, keyAt func(int) hkey) int {
	if ix.m == nil || len(ix.m) != n {
		if n <= keyIndexScanMax {
			ix.m = nil
			for i := 0; i < n; i++ {
				if keyAt(i) == k {
					return i
				}
			}
			return -1
		}
		ix.m = make(map[hkey]int, n*2)
		for i := 0; i < n; i++ {
			ix.m[keyAt(i)] = i
		}
	}
	if i, ok := ix.m[k]; ok {
		return i
	}
	return -1
}

// added records that the item with key k now sits at position i.
func (ix *keyIndex) added(k hkey, i int) {
	if ix.m != nil {
		ix.m[k] = i
	}
}

// mustKey returns the key of a node already admitted to a collection.
func mustKey(v Value) hkey {
	k, err := keyOf(v)
	if err != nil {
		// Only hashable nodes are admitted; a caller that edited the
		// collection by hand gets an identity key rather than a panic.
		return hkey{kind: keyIdentity, p: v}
	}
	return k
}

// SetItem sets d[key] = value with Python key semantics: an existing equal
// key keeps its position and takes the new value. It fails when key is not
// hashable in Python (a list, dict, set or bytearray).
func (d *Dict) SetItem(key, value Value) error {
	k, err := keyOf(key)
	if err != nil {
		return err
	}
	if i := d.find(k); i >= 0 {
		d.Entries[i].Value = value
		return nil
	}
	d.Entries = append(d.Entries, DictEntry{key, value})
	d.index.added(k, len(d.Entries)-1)
	return nil
}

func (d *Dict) find(k hkey) int {
	return d.index.lookup(k, len(d.Entries), func(i int) hkey { return mustKey(d.Entries[i].Key) })
}

// Get returns the value stored under a key equal to key, as Python would
// find it.
func (d *Dict) Get(key Value) (Value, bool) {
	k, err := keyOf(key)
	if err != nil {
		return nil, false
	}
	if i := d.find(k); i >= 0 {
		return d.Entries[i].Value, true
	}
	return nil, false
}

// GetStr returns the value stored under the string key s.
func (d *Dict) GetStr(s string) (Value, bool) {
	if i := d.find(hkey{kind: keyStr, s: s}); i >= 0 {
		return d.Entries[i].Value, true
	}
	return nil, false
}

// addMember adds v to a set's items unless an equal member is present.
func addMember(items *[]Value, ix *keyIndex, v Value) error {
	k, err := keyOf(v)
	if err != nil {
		return err
	}
	its := *items
	if ix.lookup(k, len(its), func(i int) hkey { return mustKey(its[i]) }) >= 0 {
		return nil
	}
	*items = append(its, v)
	ix.added(k, len(its))
	return nil
}

// Add adds v to the set unless an equal member is present.
func (s *Set) Add(v Value) error { return addMember(&s.Items, &s.index, v) }

// Add adds v to the frozenset unless an equal member is present. It is
// meant for building a FrozenSet before it is shared.
func (s *FrozenSet) Add(v Value) error { return addMember(&s.Items, &s.index, v) }
