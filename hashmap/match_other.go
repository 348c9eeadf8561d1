//go:build purego || !(amd64 || arm64)

package hashmap

import (
	"sync/atomic"
	"unsafe"
)

// matchGroup is the group kernel's pure-Go twin. Builds without assembly
// always run the SWAR lookup (kernel is asm.Generic), so it is used only by
// tests, which compare it with matchGeneric like the assembly kernels.
func matchGroup(ctrl *uint64, tag uint8) uint32 {
	hi := (*uint64)(unsafe.Add(unsafe.Pointer(ctrl), 8))
	return matchGeneric(atomic.LoadUint64(ctrl), atomic.LoadUint64(hi), tag)
}

// haveLookupAsm: no single-call lookup here; see kernel.go.
const (
	haveLookupAsm = false
	lookupMax     = 0
)

func (t *table) lookupAsm(key string) *entryHdr { return nil }
