//go:build !(amd64 || arm64)

package hashmap

import (
	"encoding/binary"
	"unsafe"
)

// load64 reads the 8 bytes at p+i as a little-endian word, byte by byte
// where the compiler cannot prove an unaligned load safe. The caller
// guarantees the 8 bytes lie inside one string.
func load64(p *byte, i uint64) uint64 {
	return binary.LittleEndian.Uint64(unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(p), i)), 8))
}

// load32 is load64 for 4 bytes.
func load32(p *byte, i uint64) uint64 {
	return uint64(binary.LittleEndian.Uint32(unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(p), i)), 4)))
}
