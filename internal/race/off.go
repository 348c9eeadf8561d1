//go:build !race

package race

import "unsafe"

// Enabled reports whether this is a -race build.
const Enabled = false

func readRange(unsafe.Pointer, int)  {}
func writeRange(unsafe.Pointer, int) {}
