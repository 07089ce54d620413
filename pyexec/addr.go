package pyexec

import (
	"reflect"
	"strconv"
	"sync"

	"github.com/go-python/gpython/py"
)

// Deterministic fake addresses.
//
// Default reprs ("<function f at 0x...>", "<C object at 0x...>") and id()
// show an address. pyexec never shows Go addresses: every object that needs
// one gets the next address of one process-wide sequence (0x7f0000001000,
// 0x7f0000001010, …) on first use, so the same program prints the same
// reprs from run to run. Instances, functions, code objects and generators
// keep their address in a field; other heap values (lists, dicts, locks of
// native modules, …) are numbered through a table keyed by their Go address.
// Go does not move objects, so two live objects never share an entry; an
// address the collector frees and reuses keeps its number, as CPython reuses
// the id of a freed object.

// maxAddrTable bounds the table of numbered Go addresses; past it, values
// without an address field show their Go address.
const maxAddrTable = 1 << 20

var addrTable struct {
	sync.Mutex
	m map[uintptr]uint64
}

// nextFakeAddr hands out the next fake address.
func nextFakeAddr() uint64 { return 0x7f0000001000 + (fakeAddr.Add(1)-1)*16 }

// FakeAddr returns the deterministic fake address of o that reprs and id()
// show (see the package's address scheme above), or 0 for values that are
// not heap objects (ints, strs, tuples, …).
func FakeAddr(o py.Object) uint64 {
	switch x := o.(type) {
	case *Instance:
		return x.addr()
	case *Function:
		if x.id == 0 {
			x.id = nextFakeAddr()
		}
		return x.id
	case *Code:
		// Codes may be shared by threads: number them under the table lock.
		addrTable.Lock()
		defer addrTable.Unlock()
		if x.id == 0 {
			x.id = nextFakeAddr()
		}
		return x.id
	case *Generator:
		if x.id == 0 {
			x.id = nextFakeAddr()
		}
		return x.id
	}
	v := reflect.ValueOf(o)
	if !v.IsValid() || v.Kind() != reflect.Pointer || v.IsNil() {
		return 0
	}
	p := v.Pointer()
	addrTable.Lock()
	defer addrTable.Unlock()
	if a, ok := addrTable.m[p]; ok {
		return a
	}
	if len(addrTable.m) >= maxAddrTable {
		return uint64(p)
	}
	if addrTable.m == nil {
		addrTable.m = map[uintptr]uint64{}
	}
	a := nextFakeAddr()
	addrTable.m[p] = a
	return a
}

// FormatAddr formats an address as CPython's %p does in reprs: 0x and
// lower-case hex digits.
func FormatAddr(a uint64) string { return "0x" + strconv.FormatUint(a, 16) }
