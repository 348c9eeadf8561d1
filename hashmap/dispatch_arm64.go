//go:build !purego

package hashmap

// matchGroup matches the 16 control bytes at ctrl against tag with the NEON
// kernel; see matchGeneric for the result. ctrl must be the first of a
// group's two control words.
func matchGroup(ctrl *uint64, tag uint8) uint32 { return matchNEON(ctrl, tag) }

// haveLookupAsm: no single-call lookup here; see kernel.go.
const (
	haveLookupAsm = false
	lookupMax     = 0
)

func (t *table) lookupAsm(key string) *entryHdr { return nil }
