//go:build purego || !(amd64 || arm64)

package bytesx

// validHeaderValue is the reference itself in this build. It is not inlined, so that
// the exported functions fit the inliner's budget as they do when it is
// assembly: an inlined call costs the callee's body, a call a fixed 57.
//
//go:noinline
func validHeaderValue(s string) bool { return validHeaderValueGeneric(s) }
