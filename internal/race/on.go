//go:build race

package race

import (
	"runtime"
	"unsafe"
)

// Enabled reports whether this is a -race build.
const Enabled = true

func readRange(p unsafe.Pointer, n int)  { runtime.RaceReadRange(p, n) }
func writeRange(p unsafe.Pointer, n int) { runtime.RaceWriteRange(p, n) }
