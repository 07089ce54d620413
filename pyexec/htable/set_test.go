package htable

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pybridge/pybridge/pyexec/pyhash"
	"github.com/stretchr/testify/require"
)

// pkey is a test stand-in for a Python bool/int/float/str object.
type pkey struct {
	typ  byte     // 'b', 'i', 'f', 's'
	num  *big.Rat // numeric value for b/i/f
	s    string   // str value (generalized UTF-8)
	enc  string   // canonical JSON of the encoding, for comparing observations
	hash int64
}

func pkeyEq(a, b *pkey) (bool, error) {
	if a == b {
		return true, nil
	}
	if (a.typ == 's') != (b.typ == 's') {
		return false, nil
	}
	if a.typ == 's' {
		return a.s == b.s, nil
	}
	return a.num.Cmp(b.num) == 0, nil
}

func wtf8(cps []rune) string {
	var b strings.Builder
	for _, r := range cps {
		if r >= 0xD800 && r <= 0xDFFF {
			b.WriteByte(byte(0xE0 | r>>12))
			b.WriteByte(byte(0x80 | (r>>6)&0x3F))
			b.WriteByte(byte(0x80 | r&0x3F))
			continue
		}
		var buf [4]byte
		n := utf8.EncodeRune(buf[:], r)
		b.Write(buf[:n])
	}
	return b.String()
}

func decodeKey(t testing.TB, h *pyhash.Hasher, raw json.RawMessage) *pkey {
	var parts []json.RawMessage
	require.NoError(t, json.Unmarshal(raw, &parts))
	require.Len(t, parts, 2)
	var typ string
	require.NoError(t, json.Unmarshal(parts[0], &typ))
	k := &pkey{typ: typ[0], enc: string(raw)}
	switch k.typ {
	case 'b':
		var v int
		require.NoError(t, json.Unmarshal(parts[1], &v))
		k.num = big.NewRat(int64(v), 1)
		k.hash = h.Bool(v != 0)
	case 'i':
		var s string
		require.NoError(t, json.Unmarshal(parts[1], &s))
		n, ok := new(big.Int).SetString(s, 10)
		require.True(t, ok)
		k.num = new(big.Rat).SetInt(n)
		k.hash = h.BigInt(n)
	case 'f':
		var s string
		require.NoError(t, json.Unmarshal(parts[1], &s))
		f, err := strconv.ParseFloat(s, 64)
		require.NoError(t, err)
		k.num = new(big.Rat).SetFloat64(f)
		k.hash = h.Float(f, 0)
	case 's':
		var cps []rune
		require.NoError(t, json.Unmarshal(parts[1], &cps))
		k.s = wtf8(cps)
		k.hash = h.Str(k.s)
	default:
		t.Fatalf("bad key %s", raw)
	}
	return k
}

func listSource(keys []*pkey) Source[*pkey] {
	i := 0
	return func() (*pkey, int64, bool, error) {
		if i >= len(keys) {
			return nil, 0, false, nil
		}
		k := keys[i]
		i++
		return k, k.hash, true, nil
	}
}

// dedup mimics dict.fromkeys: first occurrence of each equal key, in order.
func dedup(keys []*pkey) []*pkey {
	var out []*pkey
next:
	for _, k := range keys {
		for _, o := range out {
			if o.hash == k.hash {
				if eq, _ := pkeyEq(o, k); eq {
					continue next
				}
			}
		}
		out = append(out, k)
	}
	return out
}

func encodeKeys(keys []*pkey) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k.enc
	}
	return "[" + strings.Join(parts, ",") + "]"
}

type setGolden struct {
	Version      string              `json:"version"`
	Seed         string              `json:"seed"`
	Programs     [][]json.RawMessage `json:"programs"`
	Observations [][]json.RawMessage `json:"observations"`
}

// compact re-encodes JSON without spaces so it compares with encodeKeys.
func compact(raw json.RawMessage) string {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return string(raw)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func TestSetGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/sets_py3.*.json.gz")
	require.NoError(t, err)
	require.Len(t, files, 12)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			f, err := os.Open(file)
			require.NoError(t, err)
			defer f.Close()
			zr, err := gzip.NewReader(f)
			require.NoError(t, err)
			data, err := io.ReadAll(zr)
			require.NoError(t, err)
			var g setGolden
			require.NoError(t, json.Unmarshal(data, &g))
			var minor int
			_, err = fmt.Sscanf(g.Version, "3.%d.", &minor)
			require.NoError(t, err)
			seed, err := strconv.ParseUint(g.Seed, 10, 32)
			require.NoError(t, err)
			h := pyhash.New(minor, uint32(seed))
			nobs := 0
			for pi, prog := range g.Programs {
				obs := replay(t, h, minor, prog)
				want := g.Observations[pi]
				require.Equal(t, len(want), len(obs), "program %d", pi)
				for oi := range want {
					w := compact(want[oi])
					if w != obs[oi] {
						t.Fatalf("program %d observation %d (%s):\n got  %s\n want %s", pi, oi, g.Version, obs[oi], w)
					}
				}
				nobs += len(want)
			}
			t.Logf("%s: %d programs, %d observations match", g.Version, len(g.Programs), nobs)
		})
	}
}

func replay(t *testing.T, h *pyhash.Hasher, minor int, prog []json.RawMessage) []string {
	env := map[string]*Table[*pkey]{}
	var obs []string
	eq := Eq[*pkey](pkeyEq)
	must := func(err error) {
		require.NoError(t, err)
	}
	keyList := func(raw json.RawMessage) []*pkey {
		var items []json.RawMessage
		require.NoError(t, json.Unmarshal(raw, &items))
		out := make([]*pkey, len(items))
		for i, it := range items {
			out[i] = decodeKey(t, h, it)
		}
		return out
	}
	dictContains := func(keys []*pkey) func(int64, *pkey, Eq[*pkey]) (bool, error) {
		return func(hash int64, k *pkey, eq Eq[*pkey]) (bool, error) {
			for _, o := range keys {
				if o.hash == hash {
					if ok, err := eq(o, k); ok || err != nil {
						return ok, err
					}
				}
			}
			return false, nil
		}
	}
	for _, rawOp := range prog {
		var op []json.RawMessage
		require.NoError(t, json.Unmarshal(rawOp, &op))
		var kind, z string
		require.NoError(t, json.Unmarshal(op[0], &kind))
		require.NoError(t, json.Unmarshal(op[1], &z))
		str := func(i int) string {
			var s string
			require.NoError(t, json.Unmarshal(op[i], &s))
			return s
		}
		num := func(i int) int64 {
			var n int64
			require.NoError(t, json.Unmarshal(op[i], &n))
			return n
		}
		var err error
		switch kind {
		case "new":
			env[z] = New[*pkey](minor)
		case "add":
			k := decodeKey(t, h, op[2])
			_, err = env[z].Insert(k.hash, k, eq)
		case "discard":
			k := decodeKey(t, h, op[2])
			_, err = env[z].Delete(k.hash, k, eq)
		case "pop":
			k, _, ok := env[z].Pop()
			if ok {
				obs = append(obs, k.enc)
			} else {
				obs = append(obs, "null")
			}
		case "clear":
			env[z].Clear()
		case "snap":
			obs = append(obs, encodeKeys(env[z].Keys()))
		case "digest":
			s := env[z]
			obs = append(obs, fmt.Sprintf(`[%d,"%d"]`, s.Len(), pyhash.Tuple(s.Hashes())))
		case "addrange", "discardrange":
			s := env[z]
			for i := num(2); i < num(3); i += num(4) {
				k := &pkey{typ: 'i', num: big.NewRat(i, 1), hash: pyhash.Int(i)}
				if kind == "addrange" {
					_, err = s.Insert(k.hash, k, eq)
				} else {
					_, err = s.Delete(k.hash, k, eq)
				}
				must(err)
			}
		case "fromlist":
			env[z], err = FromSource(minor, listSource(keyList(op[2])), eq)
		case "fromdict":
			keys := dedup(keyList(op[2]))
			s := New[*pkey](minor)
			err = s.UpdateFromDict(len(keys), listSource(keys), eq)
			env[z] = s
		default:
			a := env[str(2)]
			switch kind {
			case "or":
				env[z], err = Union(a, env[str(3)], eq)
			case "and":
				env[z], err = Intersection(a, env[str(3)], eq)
			case "sub":
				env[z], err = Difference(a, env[str(3)], eq)
			case "xor":
				env[z], err = SymmetricDifference(a, env[str(3)], eq)
			case "copy":
				env[z] = a.Copy()
			case "update":
				err = env[z].Merge(env[str(3)], eq)
			case "iand":
				var r *Table[*pkey]
				r, err = Intersection(env[z], env[str(3)], eq)
				must(err)
				env[z].Replace(r)
			case "isub":
				err = env[z].DifferenceUpdate(env[str(3)], eq)
			case "ixor":
				err = env[z].SymmetricDifferenceUpdate(env[str(3)], eq)
			case "andlist":
				env[z], err = IntersectionFrom(a, listSource(keyList(op[3])), eq)
			case "sublist":
				env[z], err = DifferenceFrom(a, listSource(keyList(op[3])), eq)
			case "subdict":
				keys := dedup(keyList(op[3]))
				env[z], err = DifferenceDict(a, len(keys), dictContains(keys), listSource(keys), eq)
			case "xorlist":
				var r *Table[*pkey]
				r, err = FromSource(minor, listSource(keyList(op[3])), eq)
				must(err)
				err = r.SymmetricDifferenceUpdate(a, eq)
				env[z] = r
			case "xordict":
				keys := dedup(keyList(op[3]))
				err = env[z].SymmetricDifferenceUpdateDict(listSource(keys), eq)
			case "updatelist":
				err = env[z].UpdateFrom(listSource(keyList(op[3])), eq)
			case "updatedict":
				keys := dedup(keyList(op[3]))
				err = env[z].UpdateFromDict(len(keys), listSource(keys), eq)
			case "union3":
				env[z], err = UnionMulti(a, []*Table[*pkey]{env[str(3)], env[str(4)]}, eq)
			case "inter3":
				env[z], err = IntersectionMulti(a, []*Table[*pkey]{env[str(3)], env[str(4)]}, eq)
			case "diff3":
				env[z], err = DifferenceMulti(a, []*Table[*pkey]{env[str(3)], env[str(4)]}, eq)
			default:
				t.Fatalf("unknown op %q", kind)
			}
		}
		must(err)
	}
	return obs
}
