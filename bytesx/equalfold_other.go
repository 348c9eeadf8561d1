//go:build purego || !(amd64 || arm64)

package bytesx

// equalFold is the reference itself in this build. It is not inlined, so that
// the exported functions fit the inliner's budget as they do when it is
// assembly: an inlined call costs the callee's body, a call a fixed 57.
//
//go:noinline
func equalFold(a, b *byte, n int) bool { return equalFoldGeneric(a, b, n) }
