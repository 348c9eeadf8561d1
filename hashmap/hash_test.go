package hashmap

import (
	"bytes"
	"testing"
)

// TestHashSpreads hashes, for every length up to 200, a base key and every
// single-bit flip of it, plus keys whose 8- and 16-byte blocks are swapped
// (which would collide if two lanes shared secrets): no two may share a
// 64-bit hash, and the tags (low 7 bits) must spread over all 128 values.
func TestHashSpreads(t *testing.T) {
	sd := newHashSeed()
	seen := map[uint64]string{}
	var tags [128]int
	add := func(k string) {
		h := sd.hashString(k)
		if old, ok := seen[h]; ok && old != k {
			t.Fatalf("hash collision: %q and %q", old, k)
		}
		seen[h] = k
		tags[h&0x7f]++
	}
	for n := 0; n <= 200; n++ {
		base := make([]byte, n)
		for i := range base {
			base[i] = byte(i*31 + n)
		}
		add(string(base))
		for i := 0; i < n*8; i++ {
			b := bytes.Clone(base)
			b[i/8] ^= 1 << (i % 8)
			add(string(b))
		}
		for _, w := range []int{8, 16} {
			for i := 0; i+2*w <= n; i += w {
				b := bytes.Clone(base)
				copy(b[i:], base[i+w:i+2*w])
				copy(b[i+w:], base[i:i+w])
				add(string(b))
			}
		}
	}
	want := len(seen) / 128
	for tag, c := range tags {
		if c < want/2 || c > want*3/2 {
			t.Errorf("tag %#x taken by %d keys of %d, want about %d", tag, c, len(seen), want)
		}
	}
}

// TestHashSameAcrossCopies checks that the hash reads the key's bytes, not
// its address.
func TestHashSameAcrossCopies(t *testing.T) {
	sd := newHashSeed()
	for n := 0; n <= 200; n++ {
		k := string(bytes.Repeat([]byte{'k'}, n))
		c := string([]byte(k))
		if sd.hashString(k) != sd.hashString(c) {
			t.Fatalf("len %d: two copies hash differently", n)
		}
	}
}
