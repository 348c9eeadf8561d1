package hashmap

import (
	"hash/maphash"
	"math/bits"
	"math/rand/v2"
	"unsafe"

	"github.com/hotpath-go/hotpath/internal/swar"
)

// The hash is a multiply-fold hash (the 128-bit product of two 64-bit
// words, folded by XOR of its halves), of the same family as the runtime's
// map hash on platforms without AES, keyed by eight random 64-bit secrets
// per map. Keys come from clients, so the secrets are drawn for every map
// from math/rand/v2's runtime source (seeded from the OS): without them no
// one can compute which keys collide. Up to 64 bytes each 16 bytes of key
// (overlapping at the tail) is one "lane" folded with its own two secrets,
// and the lanes are XORed; from 65 bytes two chained lanes take 32 bytes
// per step; from hashLongMin bytes hash/maphash (AES-based on amd64 and
// arm64, and faster there for long inputs) takes over under a per-map
// maphash.Seed. The split depends on the length alone, so a key always
// hashes the same way. The amd64 kernel (lookup) computes the same function,
// bit for bit, for keys of up to 64 bytes.
//
// Why not hash/maphash for every key: for the 10-60 byte keys of routes and
// header names its call chain (String, rthashString, memhash, aeshashbody)
// costs as much as the rest of a lookup, and it cannot be computed inside
// the amd64 kernel.

const hashLongMin = 128

type hashSeed struct {
	k    [8]uint64    // one pair per lane: lanes must not share secrets, or
	long maphash.Seed // swapping two lanes' input would collide
}

func newHashSeed() hashSeed {
	var sd hashSeed
	// Odd, hence nonzero, secrets: a zero secret would let an all-zero
	// word cancel a multiplication.
	for i := range sd.k {
		sd.k[i] = rand.Uint64() | 1
	}
	sd.long = maphash.MakeSeed()
	return sd
}

// fold is the 128-bit product of a and b, high half XOR low half.
func fold(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// hashString hashes s under sd. Every load lies inside s. Up to 64 bytes
// it is straight-line code whose multiplies are independent of each other
// (one "lane" per 16 bytes, each with its own secrets, XORed together), so
// the latency is one multiply whatever the length; loads overlap for the
// tail.
func (sd *hashSeed) hashString(s string) uint64 {
	n := uint64(len(s))
	p := unsafe.Pointer(unsafe.StringData(s))
	k := &sd.k
	switch {
	case n > 64:
		return sd.hashLong(p, n)
	case n > 32: // 32 bytes from the front, 32 ending at the last byte
		return fold(swar.Load64(p)^k[0], swar.Load64(unsafe.Add(p, 8))^k[1]^n) ^
			fold(swar.Load64(unsafe.Add(p, 16))^k[2], swar.Load64(unsafe.Add(p, 24))^k[3]) ^
			fold(swar.Load64(unsafe.Add(p, n-32))^k[4], swar.Load64(unsafe.Add(p, n-24))^k[5]) ^
			fold(swar.Load64(unsafe.Add(p, n-16))^k[6], swar.Load64(unsafe.Add(p, n-8))^k[7])
	case n > 16:
		return fold(swar.Load64(p)^k[0], swar.Load64(unsafe.Add(p, 8))^k[1]^n) ^
			fold(swar.Load64(unsafe.Add(p, n-16))^k[2], swar.Load64(unsafe.Add(p, n-8))^k[3])
	case n >= 8: // two words, overlapping when n < 16
		return fold(swar.Load64(p)^k[0], swar.Load64(unsafe.Add(p, n-8))^k[1]^n)
	case n >= 4:
		return fold(uint64(swar.Load32(p))^k[0], uint64(swar.Load32(unsafe.Add(p, n-4)))^k[1]^n)
	case n > 0: // first, middle and last byte
		a := uint64(*(*byte)(p))<<16 | uint64(*(*byte)(unsafe.Add(p, n>>1)))<<8 |
			uint64(*(*byte)(unsafe.Add(p, n-1)))
		return fold(a^k[0], k[1]^n)
	}
	return fold(k[0], k[1])
}

// hashLong hashes more than 64 bytes: 32 per step in two chained lanes,
// then the last 32 (overlapping). From hashLongMin bytes on, maphash's AES
// hash is faster.
func (sd *hashSeed) hashLong(p unsafe.Pointer, n uint64) uint64 {
	if n >= hashLongMin {
		return maphash.String(sd.long, unsafe.String((*byte)(p), n))
	}
	k := &sd.k
	h0, h1 := k[4]^n, k[5]
	i := uint64(0)
	for ; n-i > 32; i += 32 {
		h0 = fold(swar.Load64(unsafe.Add(p, i))^k[0], swar.Load64(unsafe.Add(p, i+8))^h0)
		h1 = fold(swar.Load64(unsafe.Add(p, i+16))^k[2], swar.Load64(unsafe.Add(p, i+24))^h1)
	}
	return fold(swar.Load64(unsafe.Add(p, n-32))^k[6], swar.Load64(unsafe.Add(p, n-24))^h0) ^
		fold(swar.Load64(unsafe.Add(p, n-16))^k[7], swar.Load64(unsafe.Add(p, n-8))^h1)
}
