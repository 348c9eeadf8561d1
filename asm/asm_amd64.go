//go:build !purego

package asm

// haveAsm: this GOARCH has kernels, and the build is not purego.
const haveAsm = true
