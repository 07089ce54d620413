package hashlibmod

import (
	"encoding/binary"
	"math/bits"
)

var blake2bIV = [8]uint64{
	0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
	0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
}

var blake2sIV = [8]uint32{
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
}

var sigma = [12][16]byte{
	{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
	{14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
	{11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
	{7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
	{9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
	{2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
	{12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
	{13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
	{6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
	{10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
	{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
	{14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
}

// blake2b returns the unsalted BLAKE2b digest of data (RFC 7693).
func blake2b(data, key []byte, size int) []byte {
	h := blake2bIV
	h[0] ^= 0x01010000 ^ uint64(len(key))<<8 ^ uint64(size)
	var block [128]byte
	if len(key) > 0 {
		copy(block[:], key)
		data = append(block[:], data...)
	}
	var t uint64
	compress := func(b []byte, last bool, n uint64) {
		var m [16]uint64
		for i := range m {
			m[i] = binary.LittleEndian.Uint64(b[i*8:])
		}
		v := [16]uint64{}
		copy(v[:8], h[:])
		copy(v[8:], blake2bIV[:])
		v[12] ^= n
		if last {
			v[14] = ^v[14]
		}
		g := func(a, b, c, d int, x, y uint64) {
			v[a] = v[a] + v[b] + x
			v[d] = bits.RotateLeft64(v[d]^v[a], -32)
			v[c] += v[d]
			v[b] = bits.RotateLeft64(v[b]^v[c], -24)
			v[a] = v[a] + v[b] + y
			v[d] = bits.RotateLeft64(v[d]^v[a], -16)
			v[c] += v[d]
			v[b] = bits.RotateLeft64(v[b]^v[c], -63)
		}
		for r := 0; r < 12; r++ {
			s := sigma[r]
			g(0, 4, 8, 12, m[s[0]], m[s[1]])
			g(1, 5, 9, 13, m[s[2]], m[s[3]])
			g(2, 6, 10, 14, m[s[4]], m[s[5]])
			g(3, 7, 11, 15, m[s[6]], m[s[7]])
			g(0, 5, 10, 15, m[s[8]], m[s[9]])
			g(1, 6, 11, 12, m[s[10]], m[s[11]])
			g(2, 7, 8, 13, m[s[12]], m[s[13]])
			g(3, 4, 9, 14, m[s[14]], m[s[15]])
		}
		for i := 0; i < 8; i++ {
			h[i] ^= v[i] ^ v[i+8]
		}
	}
	for len(data) > 128 {
		t += 128
		compress(data[:128], false, t)
		data = data[128:]
	}
	var last [128]byte
	copy(last[:], data)
	t += uint64(len(data))
	compress(last[:], true, t)
	out := make([]byte, 64)
	for i := 0; i < 8; i++ {
		binary.LittleEndian.PutUint64(out[i*8:], h[i])
	}
	return out[:size]
}

// blake2s returns the unsalted BLAKE2s digest of data (RFC 7693).
func blake2s(data, key []byte, size int) []byte {
	h := blake2sIV
	h[0] ^= 0x01010000 ^ uint32(len(key))<<8 ^ uint32(size)
	var block [64]byte
	if len(key) > 0 {
		copy(block[:], key)
		data = append(block[:], data...)
	}
	var t uint64
	compress := func(b []byte, last bool, n uint64) {
		var m [16]uint32
		for i := range m {
			m[i] = binary.LittleEndian.Uint32(b[i*4:])
		}
		v := [16]uint32{}
		copy(v[:8], h[:])
		copy(v[8:], blake2sIV[:])
		v[12] ^= uint32(n)
		v[13] ^= uint32(n >> 32)
		if last {
			v[14] = ^v[14]
		}
		g := func(a, b, c, d int, x, y uint32) {
			v[a] = v[a] + v[b] + x
			v[d] = bits.RotateLeft32(v[d]^v[a], -16)
			v[c] += v[d]
			v[b] = bits.RotateLeft32(v[b]^v[c], -12)
			v[a] = v[a] + v[b] + y
			v[d] = bits.RotateLeft32(v[d]^v[a], -8)
			v[c] += v[d]
			v[b] = bits.RotateLeft32(v[b]^v[c], -7)
		}
		for r := 0; r < 10; r++ {
			s := sigma[r]
			g(0, 4, 8, 12, m[s[0]], m[s[1]])
			g(1, 5, 9, 13, m[s[2]], m[s[3]])
			g(2, 6, 10, 14, m[s[4]], m[s[5]])
			g(3, 7, 11, 15, m[s[6]], m[s[7]])
			g(0, 5, 10, 15, m[s[8]], m[s[9]])
			g(1, 6, 11, 12, m[s[10]], m[s[11]])
			g(2, 7, 8, 13, m[s[12]], m[s[13]])
			g(3, 4, 9, 14, m[s[14]], m[s[15]])
		}
		for i := 0; i < 8; i++ {
			h[i] ^= v[i] ^ v[i+8]
		}
	}
	for len(data) > 64 {
		t += 64
		compress(data[:64], false, t)
		data = data[64:]
	}
	var last [64]byte
	copy(last[:], data)
	t += uint64(len(data))
	compress(last[:], true, t)
	out := make([]byte, 32)
	for i := 0; i < 8; i++ {
		binary.LittleEndian.PutUint32(out[i*4:], h[i])
	}
	return out[:size]
}
