// Package swar is hotpath's one home for SWAR (SIMD within a register):
// eight bytes in a uint64, every operation per byte with no carry from one
// byte into the next. bytesx, hashmap, wire and framework build their
// pure-Go paths on it; it is what every GOARCH without kernels and every
// -tags purego build runs.
//
// Words are always little-endian: byte i of memory is bits 8i..8i+7 of the
// word on every GOARCH, big-endian ones included (on s390x a load is one
// byte-reversing load), so shifting a mask left by 8 moves it to the next
// byte of the input. On amd64 and arm64 every load is one unaligned load.
//
// A "byte mask" has 0x80 set in each byte for which a test holds and every
// other bit clear.
package swar

import (
	"encoding/binary"
	"math/bits"
	"unsafe"
)

// Word constants: the low bit, the high bit and the low seven bits of every
// byte.
const (
	Lsb  = 0x0101010101010101
	Msb  = 0x8080808080808080
	Low7 = 0x7f7f7f7f7f7f7f7f
)

// Load64 returns the 8 bytes at p as a little-endian word. The caller
// guarantees that they lie inside one object.
func Load64(p unsafe.Pointer) uint64 { return binary.LittleEndian.Uint64((*[8]byte)(p)[:]) }

// Load32 returns the 4 bytes at p as a little-endian word. The caller
// guarantees that they lie inside one object.
func Load32(p unsafe.Pointer) uint32 { return binary.LittleEndian.Uint32((*[4]byte)(p)[:]) }

// Head64 returns the first 8 bytes of s as a little-endian word. The caller
// guarantees len(s) >= 8; there is no bounds check, so that it is one load.
func Head64(s string) uint64 { return Load64(unsafe.Pointer(unsafe.StringData(s))) }

// Head32 returns the first 4 bytes of s as a little-endian word. The caller
// guarantees len(s) >= 4.
func Head32(s string) uint32 { return Load32(unsafe.Pointer(unsafe.StringData(s))) }

// Word returns b[i:i+8] as a little-endian word; it panics (index out of
// range) if b holds fewer than i+8 bytes.
func Word(b []byte, i int) uint64 { return binary.LittleEndian.Uint64(b[i : i+8]) }

// WordString returns s[i:i+8] as a little-endian word; it panics (index out
// of range) if s holds fewer than i+8 bytes.
func WordString(s string, i int) uint64 {
	return Load64(unsafe.Pointer(unsafe.StringData(s[i : i+8])))
}

// Short returns the 1 <= len(b) <= 7 bytes of b in a word, byte i at bits
// 8i and the rest zero, with at most three loads and no loop: two
// overlapping 4-byte loads for 4..7 bytes, else the first, middle and last
// bytes.
func Short(b []byte) uint64 {
	n := len(b)
	if n >= 4 {
		lo := uint64(binary.LittleEndian.Uint32(b))
		hi := uint64(binary.LittleEndian.Uint32(b[n-4:]))
		return lo | hi<<(8*(n-4))
	}
	return uint64(b[0]) | uint64(b[n/2])<<(8*(n/2)) | uint64(b[n-1])<<(8*(n-1))
}

// ShortString is Short for a string (1 <= len(s) <= 7, which the caller
// guarantees). It loads through the string's pointer, with no bounds
// checks: unsafe.Slice would add its length check, and indexing its
// checks, to every call, and push it over the inlining budget.
func ShortString(s string) uint64 {
	n := len(s)
	p := unsafe.Pointer(unsafe.StringData(s))
	if n >= 4 {
		return uint64(Load32(p)) | uint64(Load32(unsafe.Add(p, n-4)))<<(8*(n-4))
	}
	return uint64(*(*byte)(p)) | uint64(*(*byte)(unsafe.Add(p, n/2)))<<(8*(n/2)) | uint64(*(*byte)(unsafe.Add(p, n-1)))<<(8*(n-1))
}

// Ge returns a word whose byte i has 0x80 set iff h's byte i is >= c, for h
// with every high bit clear (x & Low7) and 1 <= c <= 0x80. The other bits
// are garbage: callers AND with Msb. h + (0x80-c) is at most 0xfe per byte,
// so no carry crosses a byte.
func Ge(h uint64, c byte) uint64 { return h + uint64(0x80-c)*Lsb }

// Zero returns a byte mask of the bytes of x that are zero. It is exact (no
// false positives from borrows, unlike the classic (x-Lsb)&^x&Msb): a byte
// is zero iff adding 0x7f to its low seven bits leaves the high bit clear
// and its own high bit is clear.
func Zero(x uint64) uint64 { return ^((x&Low7 + Low7) | x) & Msb }

// Eq returns a byte mask of the bytes of x equal to c.
func Eq(x uint64, c byte) uint64 { return Zero(x ^ uint64(c)*Lsb) }

// LowBytes returns a byte mask of the low n bytes, 0 <= n <= 8.
func LowBytes(n int) uint64 {
	if n >= 8 {
		return Msb
	}
	return Msb & (1<<(8*uint(n)) - 1)
}

// Pack returns the byte mask m as 8 bits, bit i for byte i.
func Pack(m uint64) uint32 { return uint32(((m >> 7) * 0x0102040810204080) >> 56) }

// First returns the index (0..7) of the lowest byte flagged in the byte
// mask m, or 8 if m is zero. With little-endian words that is the first
// such byte in memory.
func First(m uint64) int { return bits.TrailingZeros64(m) >> 3 }
