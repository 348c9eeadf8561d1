//go:build !amd64 && !arm64

package asm

func detect() []string { return []string{Generic} }

// detectFeatures reports nothing: no hotpath kernel uses this GOARCH's
// extensions.
func detectFeatures() []string { return []string{} }
