// Package race is hotpath's one answer to "is the race detector on?", and
// the calls that tell it about memory that assembly reads or writes (the
// detector cannot see accesses made from assembly).
package race

import "unsafe"

// ReadRange tells the race detector that [p, p+n) is about to be read; a
// no-op without -race.
func ReadRange(p unsafe.Pointer, n int) {
	if Enabled && n > 0 {
		readRange(p, n)
	}
}

// WriteRange tells the race detector that [p, p+n) is about to be written;
// a no-op without -race.
func WriteRange(p unsafe.Pointer, n int) {
	if Enabled && n > 0 {
		writeRange(p, n)
	}
}
