//go:build purego || !(amd64 || arm64)

package bytesx

func equal(a, b []byte) bool { return equalGeneric(a, b) }
