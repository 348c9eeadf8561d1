//go:build !race

package zero

import "unsafe"

// raceOn says the race detector is on; only then do the assembly paths
// tell it about their writes.
const raceOn = false

func raceWrite(unsafe.Pointer, uintptr) {}
