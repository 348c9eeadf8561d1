//go:build !purego

package hashmap

// matchNEON matches a group's 16 control bytes against tag and EMPTY; see
// matchGeneric for the result.
//
//go:noescape
func matchNEON(ctrl *uint64, tag uint8) uint32
