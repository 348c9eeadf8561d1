//go:build purego || !(amd64 || arm64)

package asm

// haveAsm: -tags purego, or a GOARCH without kernels.
const haveAsm = false
