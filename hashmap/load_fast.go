//go:build amd64 || arm64

package hashmap

import "unsafe"

// load64 reads the 8 bytes at p+i as one native (little-endian) word; amd64
// and arm64 load unaligned words at full speed. The caller guarantees the 8
// bytes lie inside one string.
func load64(p *byte, i uint64) uint64 {
	return *(*uint64)(unsafe.Add(unsafe.Pointer(p), i))
}

// load32 is load64 for 4 bytes.
func load32(p *byte, i uint64) uint64 {
	return uint64(*(*uint32)(unsafe.Add(unsafe.Pointer(p), i)))
}
