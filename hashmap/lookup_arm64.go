//go:build !purego

package hashmap

// lookup is lookupGeneric on arm64: a NEON group match called per group
// measured no better than SWAR (docs/measurements.md), so arm64 has no
// hashmap kernel.
func lookup(t *table, key string) *entryHdr { return lookupGeneric(t, key) }
