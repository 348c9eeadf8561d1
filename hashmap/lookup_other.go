//go:build purego || !(amd64 || arm64)

package hashmap

// lookup is lookupGeneric on builds without assembly.
func lookup(t *table, key string) *entryHdr { return lookupGeneric(t, key) }
