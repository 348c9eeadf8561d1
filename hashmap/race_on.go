//go:build race

package hashmap

// raceEnabled: this is a -race build. The race detector cannot see the
// ordering that lookupSSE2's plain loads have on amd64 (every load there is
// an acquire), so it would report the reader's use of an entry the kernel
// loaded as racing with the writer that published it; -race builds read
// through find, whose atomic loads it does see.
const raceEnabled = true
