//go:build !purego

package hashmap

// matchNEON matches a group's 16 control bytes at ctrl against tag and
// EMPTY: bit i of the result is set iff control byte i equals tag, bit 16+i
// iff it is EMPTY. ctrl must be the first of a group's two control words.
//
//go:noescape
func matchNEON(ctrl *uint64, tag uint8) uint32
