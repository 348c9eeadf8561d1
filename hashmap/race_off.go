//go:build !race

package hashmap

// raceEnabled: see race_on.go.
const raceEnabled = false
