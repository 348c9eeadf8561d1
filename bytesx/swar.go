package bytesx

import (
	"encoding/binary"
	"unsafe"
)

// SWAR helpers: eight bytes in a uint64, every operation per byte with no
// carry from one byte into the next. A "byte mask" has 0x80 set in each byte
// for which a test holds and every other bit clear.
//
// Words are always loaded little-endian (encoding/binary, explicit order),
// so byte i of the input is bits 8i..8i+7 of the word on every GOARCH,
// big-endian ones included; shifting a mask left by 8 moves it to the next
// input byte.
const (
	lsb  = 0x0101010101010101
	msb  = 0x8080808080808080
	low7 = 0x7f7f7f7f7f7f7f7f
)

// ge returns a word whose byte i has 0x80 set iff h's byte i is >= c, for h
// with every high bit clear (x & low7) and 1 <= c <= 0x80. The other bits
// are garbage: callers AND with msb. h + (0x80-c) is at most 0xfe per byte,
// so no carry crosses a byte.
func ge(h uint64, c byte) uint64 { return h + uint64(0x80-c)*lsb }

// load64 reads b[i:i+8] as a little-endian word.
func load64(b []byte, i int) uint64 { return binary.LittleEndian.Uint64(b[i:]) }

// loadShort reads 1 <= len(b) <= 7 bytes into a word, byte i at bits 8i
// (the rest zero), with at most three loads and no loop: two overlapping
// 4-byte loads for 4..7, else first/middle/last bytes.
func loadShort(b []byte) uint64 {
	n := len(b)
	if n >= 4 {
		lo := uint64(binary.LittleEndian.Uint32(b))
		hi := uint64(binary.LittleEndian.Uint32(b[n-4:]))
		return lo | hi<<(8*(n-4))
	}
	return uint64(b[0]) | uint64(b[n/2])<<(8*(n/2)) | uint64(b[n-1])<<(8*(n-1))
}

// byteMask returns 0x80 in each of the low n bytes, 0 < n < 8.
func byteMask(n int) uint64 { return msb & (1<<(8*n) - 1) }

// sbytes views s as a byte slice without copying. The result must never be
// written.
func sbytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }
