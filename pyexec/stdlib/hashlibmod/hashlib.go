// Package hashlibmod implements CPython's hashlib module for pyexec: md5,
// sha1, the SHA-2 and SHA-3 families, shake_128/256 and new(name).
package hashlibmod

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding/hex"
	"hash"
	"sort"
	"strings"

	"github.com/go-python/gpython/py"
	"github.com/pybridge/pybridge/pyexec"
)

// HashType is _hashlib.HASH, the type of fixed-size hash objects.
var HashType = pyexec.NewNativeType("_hashlib", "HASH", nil)

// HashXOFType is _hashlib.HASHXOF, the type of shake_128/shake_256 objects.
var HashXOFType = pyexec.NewNativeType("_hashlib", "HASHXOF", nil)

type algo struct {
	size, block int
	new         func() hash.Hash
	shake       func(data []byte, n int) []byte
	blake       func(data, key []byte, size int) []byte
}

var algos = map[string]algo{
	"md5":        {16, 64, md5.New, nil, nil},
	"sha1":       {20, 64, sha1.New, nil, nil},
	"sha224":     {28, 64, sha256.New224, nil, nil},
	"sha256":     {32, 64, sha256.New, nil, nil},
	"sha384":     {48, 128, sha512.New384, nil, nil},
	"sha512":     {64, 128, sha512.New, nil, nil},
	"sha512_224": {28, 128, sha512.New512_224, nil, nil},
	"sha512_256": {32, 128, sha512.New512_256, nil, nil},
	"sha3_224":   {28, 144, func() hash.Hash { return sha3.New224() }, nil, nil},
	"sha3_256":   {32, 136, func() hash.Hash { return sha3.New256() }, nil, nil},
	"sha3_384":   {48, 104, func() hash.Hash { return sha3.New384() }, nil, nil},
	"sha3_512":   {64, 72, func() hash.Hash { return sha3.New512() }, nil, nil},
	"shake_128":  {0, 168, nil, sha3.SumSHAKE128, nil},
	"shake_256":  {0, 136, nil, sha3.SumSHAKE256, nil},
	"blake2b":    {64, 128, nil, nil, blake2b},
	"blake2s":    {32, 64, nil, nil, blake2s},
}

// Blake2bType and Blake2sType are _blake2.blake2b and _blake2.blake2s.
var (
	Blake2bType = pyexec.NewNativeType("_blake2", "blake2b", nil)
	Blake2sType = pyexec.NewNativeType("_blake2", "blake2s", nil)
)

var constructors = []string{"blake2b", "blake2s", "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_224", "sha3_256", "sha3_384", "sha3_512", "shake_128", "shake_256"}

// Hash is a hashlib hash object. It keeps the data fed to it, so copy() is
// a slice copy and digest() hashes from the start.
type Hash struct {
	name string
	alg  algo
	data []byte
	key  []byte
}

// Type returns _hashlib.HASH or _hashlib.HASHXOF.
func (h *Hash) Type() *py.Type {
	switch {
	case h.alg.shake != nil:
		return HashXOFType
	case h.name == "blake2b":
		return Blake2bType
	case h.name == "blake2s":
		return Blake2sType
	}
	return HashType
}

// Repr returns <name _hashlib.HASH object @ 0x…> (the address is not CPython's).
func (h *Hash) Repr(t *pyexec.Thread) (string, error) {
	if h.alg.blake != nil {
		return "<_blake2." + h.name + " object>", nil
	}
	return "<" + h.name + " _hashlib." + h.Type().Name + " object>", nil
}

// GetAttr exposes name, digest_size and block_size.
func (h *Hash) GetAttr(t *pyexec.Thread, name string) (py.Object, bool, error) {
	switch name {
	case "name":
		return py.String(h.name), true, nil
	case "digest_size":
		return pyexec.MakeInt(int64(h.alg.size)), true, nil
	case "block_size":
		return pyexec.MakeInt(int64(h.alg.block)), true, nil
	}
	return nil, false, nil
}

func (h *Hash) sum(n int) []byte {
	if h.alg.shake != nil {
		return h.alg.shake(h.data, n)
	}
	if h.alg.blake != nil {
		return h.alg.blake(h.data, h.key, h.alg.size)
	}
	hh := h.alg.new()
	hh.Write(h.data)
	return hh.Sum(nil)
}

func dataArg(o py.Object) ([]byte, error) {
	switch x := o.(type) {
	case py.Bytes:
		return []byte(x), nil
	case py.String:
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "Strings must be encoded before hashing")
	}
	return nil, pyexec.Errorf(pyexec.TypeErrorType, "object supporting the buffer API required")
}

func lengthArg(fname string, args []py.Object, kw py.Tuple) (int, error) {
	if len(args) == 0 {
		return 0, pyexec.Errorf(pyexec.TypeErrorType, "%s() missing required argument 'length' (pos 1)", fname)
	}
	a, err := pyexec.BindArgs(fname, args, kw, []string{"length"}, 1)
	if err != nil {
		return 0, err
	}
	n, ok, err := pyexec.AsIndex(a[0])
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(a[0]))
	}
	if n < 0 {
		return 0, pyexec.NewException(memoryErrorType)
	}
	return int(n), nil
}

func noArgs(name string, args []py.Object, kw py.Tuple) error {
	if len(args) > 0 {
		return pyexec.Errorf(pyexec.TypeErrorType, "HASH.%s() takes no arguments (%d given)", name, len(args))
	}
	return nil
}

func init() {
	for _, typ := range []*py.Type{HashType, HashXOFType, Blake2bType, Blake2sType} {
		xof := typ == HashXOFType
		pyexec.SetTypeCtor(typ, func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "cannot create '_hashlib.%s' instances", typ.Name)
		})
		if typ == Blake2bType || typ == Blake2sType {
			pyexec.SetTypeCtor(typ, blakeCtor(typ.Name))
		}
		pyexec.AddMethods(typ, map[string]pyexec.MethodFunc{
			"update": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
				if err := pyexec.CheckArgs("update", args, kw, 1, 1); err != nil {
					return nil, err
				}
				b, err := dataArg(args[0])
				if err != nil {
					return nil, err
				}
				h := self.(*Hash)
				h.data = append(h.data, b...)
				return py.None, nil
			},
			"copy": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
				if err := pyexec.CheckArgs("copy", args, kw, 0, 0); err != nil {
					return nil, err
				}
				h := self.(*Hash)
				return &Hash{name: h.name, alg: h.alg, data: append([]byte{}, h.data...), key: h.key}, nil
			},
			"digest": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
				n := 0
				if xof {
					var err error
					if n, err = lengthArg("digest", args, kw); err != nil {
						return nil, err
					}
				} else if err := noArgs("digest", args, kw); err != nil {
					return nil, err
				}
				return py.Bytes(self.(*Hash).sum(n)), nil
			},
			"hexdigest": func(t *pyexec.Thread, self py.Object, args []py.Object, kw py.Tuple) (py.Object, error) {
				n := 0
				if xof {
					var err error
					if n, err = lengthArg("hexdigest", args, kw); err != nil {
						return nil, err
					}
				} else if err := noArgs("hexdigest", args, kw); err != nil {
					return nil, err
				}
				return py.String(hex.EncodeToString(self.(*Hash).sum(n))), nil
			},
		})
	}
	pyexec.RegisterModule("hashlib", newModule)
}

func newHash(name string, data py.Object) (py.Object, error) {
	h := &Hash{name: name, alg: algos[name]}
	if data != nil {
		b, err := dataArg(data)
		if err != nil {
			return nil, err
		}
		h.data = append(h.data, b...)
	}
	return h, nil
}

func ctor(name string) pyexec.BuiltinFunc {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs(name, args, kw, []string{"string", "$usedforsecurity", "$data"}, 0)
		if err != nil {
			return nil, err
		}
		if a[0] != nil && a[2] != nil {
			return nil, pyexec.Errorf(pyexec.TypeErrorType, "'data' and 'string' are mutually exclusive and support for 'string' keyword parameter is slated for removal in a future version.")
		}
		if a[0] == nil {
			a[0] = a[2]
		}
		return newHash(name, a[0])
	}
}

func newFn(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
	a, err := pyexec.BindArgs("new", args, kw, []string{"name", "data", "$usedforsecurity", "$string"}, 1)
	if err != nil {
		return nil, err
	}
	s, ok := a[0].(py.String)
	if !ok {
		return nil, pyexec.Errorf(pyexec.TypeErrorType, "new() argument 'name' must be str, not %s", pyexec.TypeName(a[0]))
	}
	name := strings.ToLower(string(s))
	if _, ok := algos[name]; !ok {
		return nil, pyexec.Errorf(pyexec.ValueErrorType, "unsupported hash type %s", s)
	}
	if a[1] == nil {
		a[1] = a[3]
	}
	return newHash(name, a[1])
}

func newModule(t *pyexec.Thread) (*pyexec.Module, error) {
	m := pyexec.NewModule(t, "hashlib")
	fns := map[string]pyexec.BuiltinFunc{"new": newFn}
	for _, n := range constructors {
		fns[n] = ctor(n)
	}
	delete(fns, "blake2b")
	delete(fns, "blake2s")
	m.Set(t, "blake2b", Blake2bType)
	m.Set(t, "blake2s", Blake2sType)
	m.AddFuncs(t, fns)
	guaranteed := pyexec.NewSet(t)
	for _, n := range constructors {
		_ = guaranteed.Add(t, py.String(n))
	}
	guaranteed.Frozen = true
	m.Set(t, "algorithms_guaranteed", guaranteed)
	avail := pyexec.NewSet(t)
	names := make([]string, 0, len(algos))
	for n := range algos {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		_ = avail.Add(t, py.String(n))
	}
	m.Set(t, "algorithms_available", avail)
	return m, nil
}

func blakeCtor(name string) pyexec.BuiltinFunc {
	return func(t *pyexec.Thread, args []py.Object, kw py.Tuple) (py.Object, error) {
		a, err := pyexec.BindArgs(name, args, kw, []string{"data", "$digest_size", "$key", "$usedforsecurity", "$string"}, 0)
		if err != nil {
			return nil, err
		}
		alg := algos[name]
		maxSize := alg.size
		if a[1] != nil {
			n, ok, err := pyexec.AsIndex(a[1])
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, pyexec.Errorf(pyexec.TypeErrorType, "'%s' object cannot be interpreted as an integer", pyexec.TypeName(a[1]))
			}
			if n < 1 || n > int64(maxSize) {
				return nil, pyexec.Errorf(pyexec.ValueErrorType, "digest_size must be between 1 and %d bytes", maxSize)
			}
			alg.size = int(n)
		}
		h := &Hash{name: name, alg: alg}
		if a[2] != nil {
			k, err := dataArg(a[2])
			if err != nil {
				return nil, err
			}
			if len(k) > maxSize {
				return nil, pyexec.Errorf(pyexec.ValueErrorType, "maximum key length is %d bytes", maxSize)
			}
			h.key = k
		}
		if a[0] == nil {
			a[0] = a[4]
		}
		if a[0] != nil {
			b, err := dataArg(a[0])
			if err != nil {
				return nil, err
			}
			h.data = b
		}
		return h, nil
	}
}

// memoryErrorType stands in for the built-in MemoryError, which pyexec does
// not define.
var memoryErrorType = pyexec.NewNativeType("builtins", "MemoryError", pyexec.ExceptionType)
