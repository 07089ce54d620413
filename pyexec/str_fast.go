package pyexec

import (
	"strings"
	"unsafe"

	"github.com/go-python/gpython/py"
)

// asciiSpace marks the ASCII characters str.isspace() accepts: \t \n \v
// \f \r, the separators \x1c–\x1f and the space.
var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true,
	0x1c: true, 0x1d: true, 0x1e: true, 0x1f: true, ' ': true}

// splitASCIIWhitespace is str.split() / str.split(None, max) for an ASCII
// string, as CPython's split_whitespace computes it, as one list in one
// allocation for up to 31 fields (newStrList); ok is false when s is not ASCII.
func splitASCIIWhitespace(s string, max int64) (*py.List, bool) {
	// First pass: check ASCII and count the fields.
	n := 0
	in := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return nil, false
		}
		if asciiSpace[c] {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	if max >= 0 && int64(n) > max+1 {
		n = int(max) + 1
	}
	if n == 0 {
		return &py.List{Items: []py.Object{}}, true
	}
	l, strs := newStrList(n)
	items := l.Items
	k := 0
	i := 0
	for k < n {
		for i < len(s) && asciiSpace[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		j := i
		if max >= 0 && int64(k) == max {
			// maxsplit reached: the rest, trailing whitespace included.
			j = len(s)
		} else {
			for j < len(s) && !asciiSpace[s[j]] {
				j++
			}
		}
		strs[k] = py.String(s[i:j])
		e := (*eface)(unsafe.Pointer(&items[k]))
		e.typ, e.data = strTypeWord, unsafe.Pointer(&strs[k])
		k++
		i = j
	}
	l.Items = items[:k]
	return l, true
}

// splitSep is str.split(sep, max) for a non-empty sep: the fields as str
// objects in one list, with one allocation for up to 31 fields (newStrList;
// strings.SplitN and boxStrings take four).
func splitSep(s, sep string, max int64) *py.List {
	n := 1
	if max < 0 {
		n += strings.Count(s, sep)
	} else {
		for rest := s; int64(n) <= max; n++ {
			j := strings.Index(rest, sep)
			if j < 0 {
				break
			}
			rest = rest[j+len(sep):]
		}
	}
	l, strs := newStrList(n)
	items := l.Items
	for i := range n {
		if i < n-1 {
			j := strings.Index(s, sep)
			strs[i] = py.String(s[:j])
			s = s[j+len(sep):]
		} else {
			strs[i] = py.String(s)
		}
		e := (*eface)(unsafe.Pointer(&items[i]))
		e.typ, e.data = strTypeWord, unsafe.Pointer(&strs[i])
	}
	return l
}
