//go:build !purego

package hashmap

import (
	"unsafe"

	"github.com/hotpath-go/hotpath/asm"
)

// matchGroup matches the 16 control bytes at ctrl against tag with the
// kernel family in use; see matchGeneric for the result. ctrl must be the
// first of a group's two control words.
func matchGroup(ctrl *uint64, tag uint8) uint32 {
	if kernel == asm.AVX2 {
		return matchAVX2(ctrl, tag)
	}
	return matchSSE2(ctrl, tag)
}

// lookupMax is the longest key lookupSSE2 takes; longer keys hash through
// maphash, which it does not implement.
const lookupMax = 64

// The layout lookupSSE2 (gen/hashmap/lookup.go) is written for; each line
// fails to compile if its two sides differ.
const (
	_ = -uint(unsafe.Sizeof(group{}) ^ 144)
	_ = -uint(unsafe.Offsetof(group{}.slots) ^ 16)
	_ = -uint(unsafe.Offsetof(entryHdr{}.key))
	_ = -uint(unsafe.Offsetof(table{}.groups))
	_ = -uint(unsafe.Offsetof(table{}.mask) ^ 24)
	_ = -uint(unsafe.Offsetof(table{}.hmask) ^ 32)
	_ = -uint(unsafe.Offsetof(table{}.seed) ^ 40)
	_ = -uint(unsafe.Offsetof(hashSeed{}.k))
)

// haveLookupAsm says lookupAsm exists: on amd64 one assembly call does all
// of a read — hash, probe with an SSE2 match, compare — for keys of up to
// lookupMax bytes, in both kernel families (AVX2 would add nothing to
// 16-byte groups). It runs one half to two thirds of the instructions of
// find, whose hash, probe and key comparison are Go functions that spill
// around their calls (see kernel.go). Not in -race builds: see race_on.go.
const haveLookupAsm = !raceEnabled

// lookupAsm is find through lookupSSE2; len(key) <= lookupMax.
func (t *table) lookupAsm(key string) *entryHdr {
	return (*entryHdr)(unsafe.Pointer(lookupSSE2((*uintptr)(unsafe.Pointer(t)), key)))
}
