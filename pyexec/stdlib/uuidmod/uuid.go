// Package uuidmod implements CPython's uuid module for pyexec: the UUID
// type (from hex, bytes, bytes_le, fields or int; its str, repr, fields,
// variant and version), uuid3/uuid5 with the NAMESPACE_* constants, and
// uuid1/uuid4 from host randomness (uuid1 uses a random node).
package uuidmod

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/sha1"
	"encoding/hex"
	"math/big"
	"strings"
	"time"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

// UUIDType is uuid.UUID.
var UUIDType = pyexec.NewNativeType("uuid", "UUID", nil)

// Variant strings.
const (
	ReservedNCS       = "reserved for NCS compatibility"
	RFC4122           = "specified in RFC 4122"
	ReservedMicrosoft = "reserved for Microsoft compatibility"
	ReservedFuture    = "reserved for future definition"
)

// UUID is a uuid.UUID; B holds its 16 bytes (big-endian).
type UUID struct {
	B [16]byte
}

// Type returns uuid.UUID.
func (u *UUID) Type() *py.Type { return UUIDType }

func (u *UUID) String() string {
	h := hex.EncodeToString(u.B[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// Repr returns UUID('…').
func (u *UUID) Repr(*pyexec.Thread) (string, error) { return "UUID('" + u.String() + "')", nil }

func (u *UUID) bigInt() *big.Int { return new(big.Int).SetBytes(u.B[:]) }

func (u *UUID) variant() string {
	b := u.B[8]
	switch {
	case b&0x80 == 0:
		return ReservedNCS
	case b&0x40 == 0:
		return RFC4122
	case b&0x20 == 0:
		return ReservedMicrosoft
	}
	return ReservedFuture
}

func uintOf(b []byte) py.Object { return pyexec.IntFromBig(new(big.Int).SetBytes(b)) }

// GetAttr exposes the UUID's properties.
func (u *UUID) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	b := u.B[:]
	switch name {
	case "int":
		return pyexec.IntFromBig(u.bigInt()), true, nil
	case "hex":
		return py.String(hex.EncodeToString(b)), true, nil
	case "bytes":
		return py.Bytes(append([]byte(nil), b...)), true, nil
	case "bytes_le":
		le := []byte{b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6]}
		return py.Bytes(append(le, b[8:]...)), true, nil
	case "urn":
		return py.String("urn:uuid:" + u.String()), true, nil
	case "time_low":
		return uintOf(b[0:4]), true, nil
	case "time_mid":
		return uintOf(b[4:6]), true, nil
	case "time_hi_version":
		return uintOf(b[6:8]), true, nil
	case "clock_seq_hi_variant":
		return uintOf(b[8:9]), true, nil
	case "clock_seq_low":
		return uintOf(b[9:10]), true, nil
	case "node":
		return uintOf(b[10:16]), true, nil
	case "fields":
		return py.Tuple{uintOf(b[0:4]), uintOf(b[4:6]), uintOf(b[6:8]), uintOf(b[8:9]), uintOf(b[9:10]), uintOf(b[10:16])}, true, nil
	case "time":
		v := (uint64(b[6]&0x0f)<<8|uint64(b[7]))<<48 | (uint64(b[4])<<8|uint64(b[5]))<<32 | uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])
		return pyexec.IntFromBig(new(big.Int).SetUint64(v)), true, nil
	case "clock_seq":
		return pyexec.MakeInt(int64(b[8]&0x3f)<<8 | int64(b[9])), true, nil
	case "variant":
		return py.String(u.variant()), true, nil
	case "version":
		if u.variant() != RFC4122 {
			return py.None, true, nil
		}
		return pyexec.MakeInt(int64(b[6] >> 4)), true, nil
	case "is_safe":
		return py.None, true, nil
	}
	return nil, false, nil
}

// PySetAttr refuses every assignment.
func (u *UUID) PySetAttr(t *pyexec.Thread, name string, v py.Object) (bool, error) {
	return true, pyexec.Errorf(pyexec.TypeErrorType, "UUID objects are immutable")
}

// PyEqual compares UUIDs by value.
func (u *UUID) PyEqual(t *pyexec.Thread, other py.Object) (bool, bool, error) {
	o, ok := other.(*UUID)
	if !ok {
		return false, false, nil
	}
	return u.B == o.B, true, nil
}

// PyCompare orders UUIDs by their int value.
func (u *UUID) PyCompare(t *pyexec.Thread, op int, other py.Object) (bool, bool, error) {
	o, ok := other.(*UUID)
	if !ok {
		return false, false, nil
	}
	c := strings.Compare(string(u.B[:]), string(o.B[:]))
	switch op {
	case pyexec.CmpLT:
		return c < 0, true, nil
	case pyexec.CmpLE:
		return c <= 0, true, nil
	case pyexec.CmpGT:
		return c > 0, true, nil
	}
	return c >= 0, true, nil
}

func (u *UUID) setVersion(v int64) {
	u.B[8] = u.B[8]&0x3f | 0x80
	u.B[6] = u.B[6]&0x0f | byte(v<<4)
}

func fromBig(n *big.Int) *UUID {
	u := &UUID{}
	n.FillBytes(u.B[:])
	return u
}

func newUUID(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("UUID", args, kw, []string{"hex", "bytes", "bytes_le", "fields", "int", "version", "$is_safe"}, 0)
	if err != nil {
		return nil, err
	}
	given := 0
	for _, x := range a[:5] {
		if x != nil && !pyexec.IsNone(x) {
			given++
		}
	}
	if given != 1 {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "one of the hex, bytes, bytes_le, fields, or int arguments must be given")
	}
	var u *UUID
	switch {
	case a[0] != nil && !pyexec.IsNone(a[0]):
		s, ok := a[0].(py.String)
		if !ok {
			return nil, pyexec.Errorf(pyexec.AttributeErrorType, "'%s' object has no attribute 'replace'", pyexec.TypeName(a[0]))
		}
		h := strings.ReplaceAll(strings.ReplaceAll(string(s), "urn:", ""), "uuid:", "")
		h = strings.ReplaceAll(strings.Trim(h, "{}"), "-", "")
		if len([]rune(h)) != 32 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "badly formed hexadecimal UUID string")
		}
		n, err := pyexec.Call(t, py.IntType, []py.Object{py.String(h), pyexec.MakeInt(16)}, nil)
		if err != nil {
			return nil, err
		}
		u = fromBig(pyexec.BigOf(n))
	case a[1] != nil && !pyexec.IsNone(a[1]):
		b, ok := a[1].(py.Bytes)
		if !ok || len(b) != 16 {
			if !ok {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "object of type '%s' has no len()", pyexec.TypeName(a[1]))
			}
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "bytes is not a 16-char string")
		}
		u = &UUID{}
		copy(u.B[:], b)
	case a[2] != nil && !pyexec.IsNone(a[2]):
		b, ok := a[2].(py.Bytes)
		if !ok || len(b) != 16 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "bytes_le is not a 16-char string")
		}
		u = &UUID{}
		copy(u.B[:], []byte{b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6]})
		copy(u.B[8:], b[8:])
	case a[3] != nil && !pyexec.IsNone(a[3]):
		fs, err := pyexec.Collect(t, a[3])
		if err != nil {
			return nil, err
		}
		if len(fs) != 6 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "fields is not a 6-tuple")
		}
		limits := []struct {
			bits int
			name string
		}{{32, "time_low"}, {16, "time_mid"}, {16, "time_hi_version"}, {8, "clock_seq_hi_variant"}, {8, "clock_seq_low"}, {48, "node"}}
		n := new(big.Int)
		for i, f := range fs {
			v := pyexec.BigOf(f)
			if v == nil {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "'<=' not supported between instances of 'int' and '%s'", pyexec.TypeName(f))
			}
			if v.Sign() < 0 || v.BitLen() > limits[i].bits {
				return nil, pyexec.Errorf(pyexec.ValueErrorType, "field %d out of range (need a %d-bit value)", i+1, limits[i].bits)
			}
			n.Lsh(n, uint(limits[i].bits))
			n.Or(n, v)
		}
		u = fromBig(n)
	default:
		n := pyexec.BigOf(a[4])
		if n == nil {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "'<=' not supported between instances of 'int' and '%s'", pyexec.TypeName(a[4]))
		}
		if n.Sign() < 0 || n.BitLen() > 128 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "int is out of range (need a 128-bit value)")
		}
		u = fromBig(n)
	}
	if a[5] != nil && !pyexec.IsNone(a[5]) {
		v, ok, _ := pyexec.AsIndex(a[5])
		if !ok || v < 1 || v > 5 {
			return nil, pyexec.Errorf(pyexec.ValueErrorType, "illegal version number")
		}
		u.setVersion(v)
	}
	return u, nil
}

func mustParse(s string) *UUID {
	b, _ := hex.DecodeString(strings.ReplaceAll(s, "-", ""))
	u := &UUID{}
	copy(u.B[:], b)
	return u
}

var namespaces = map[string]*UUID{
	"NAMESPACE_DNS":  mustParse("6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
	"NAMESPACE_URL":  mustParse("6ba7b811-9dad-11d1-80b4-00c04fd430c8"),
	"NAMESPACE_OID":  mustParse("6ba7b812-9dad-11d1-80b4-00c04fd430c8"),
	"NAMESPACE_X500": mustParse("6ba7b814-9dad-11d1-80b4-00c04fd430c8"),
}

func nameUUID(fname string, version int64, sum func([]byte) []byte) pyexec.BuiltinFunc {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs(fname, args, kw, []string{"namespace", "name"}, 2)
		if err != nil {
			return nil, err
		}
		ns, ok := a[0].(*UUID)
		if !ok {
			return nil, pyexec.Errorf(pyexec.AttributeErrorType, "'%s' object has no attribute 'bytes'", pyexec.TypeName(a[0]))
		}
		var name []byte
		switch x := a[1].(type) {
		case py.String:
			name = []byte(string(x))
		case py.Bytes:
			if t.Version().Minor < 12 {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "encoding without a string argument")
			}
			name = []byte(x)
		default:
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "decoding to str: need a bytes-like object, %s found", pyexec.TypeName(a[1]))
		}
		d := sum(append(append([]byte(nil), ns.B[:]...), name...))
		u := &UUID{}
		copy(u.B[:], d[:16])
		u.setVersion(version)
		return u, nil
	}
}

func init() {
	pyexec.SetTypeCtor(UUIDType, newUUID)
	pyexec.AddMethods(UUIDType, map[string]pyexec.MethodFunc{
		"__str__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return py.String(self.(*UUID).String()), nil
		},
		"__hash__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return pyexec.IntFromBig(self.(*UUID).bigInt()), nil
		},
		"__int__": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
			return pyexec.IntFromBig(self.(*UUID).bigInt()), nil
		},
	})
	pyexec.RegisterModule("uuid", func(t *pyexec.Thread) (*pyexec.Module, error) {
		m := pyexec.NewModule(t, "uuid")
		m.Set(t, "UUID", UUIDType)
		for k, v := range namespaces {
			m.Set(t, k, v)
		}
		m.Set(t, "RESERVED_NCS", py.String(ReservedNCS))
		m.Set(t, "RFC_4122", py.String(RFC4122))
		m.Set(t, "RESERVED_MICROSOFT", py.String(ReservedMicrosoft))
		m.Set(t, "RESERVED_FUTURE", py.String(ReservedFuture))
		m.AddFuncs(t, map[string]pyexec.BuiltinFunc{
			"uuid3": nameUUID("uuid3", 3, func(b []byte) []byte { s := md5.Sum(b); return s[:] }),
			"uuid5": nameUUID("uuid5", 5, func(b []byte) []byte { s := sha1.Sum(b); return s[:] }),
			"uuid4": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
				if err := pyexec.CheckArgs("uuid4", args, kw, 0, 0); err != nil {
					return nil, err
				}
				u := &UUID{}
				_, _ = rand.Read(u.B[:])
				u.setVersion(4)
				return u, nil
			},
			"uuid1": func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
				a, err := pyexec.BindArgs("uuid1", args, kw, []string{"node", "clock_seq"}, 0)
				if err != nil {
					return nil, err
				}
				var rnd [8]byte
				_, _ = rand.Read(rnd[:])
				ts := uint64(time.Now().UnixNano()/100) + 0x01b21dd213814000
				cs := uint64(rnd[0])<<8 | uint64(rnd[1])
				if a[1] != nil && !pyexec.IsNone(a[1]) {
					v, _, _ := pyexec.AsIndex(a[1])
					cs = uint64(v)
				}
				node := uint64(rnd[2])<<40 | uint64(rnd[3])<<32 | uint64(rnd[4])<<24 | uint64(rnd[5])<<16 | uint64(rnd[6])<<8 | uint64(rnd[7]) | 1<<40
				if a[0] != nil && !pyexec.IsNone(a[0]) {
					v, _, _ := pyexec.AsIndex(a[0])
					node = uint64(v)
				}
				n := new(big.Int).SetUint64(ts & 0xffffffff)
				n.Lsh(n, 16).Or(n, new(big.Int).SetUint64(ts>>32&0xffff))
				n.Lsh(n, 16).Or(n, new(big.Int).SetUint64(ts>>48&0x0fff))
				n.Lsh(n, 8).Or(n, new(big.Int).SetUint64(cs>>8&0x3f))
				n.Lsh(n, 8).Or(n, new(big.Int).SetUint64(cs&0xff))
				n.Lsh(n, 48).Or(n, new(big.Int).SetUint64(node&0xffffffffffff))
				u := fromBig(n)
				u.setVersion(1)
				return u, nil
			},
		})
		return m, nil
	})
}
