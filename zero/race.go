//go:build race

package zero

import (
	"runtime"
	"unsafe"
)

// raceOn says the race detector is on; only then do the assembly paths
// tell it about their writes.
const raceOn = true

// raceWrite tells the race detector about a write the assembly kernel is
// about to make (the detector cannot see stores made from assembly), so
// that zeroing memory another goroutine uses concurrently is reported as
// the data race it is, as it would be for clear().
func raceWrite(p unsafe.Pointer, n uintptr) { runtime.RaceWriteRange(p, int(n)) }
