//go:build !purego

package bytesx

import "github.com/hotpath-go/hotpath/internal/ascii"

// validHeaderValue reports whether s holds no control byte but HTAB.
//
//go:noescape
func validHeaderValue(s string) bool

// valueTables is what validHeaderValue reads (see scanTables).
var valueTables = newScanTables(func(c byte) bool { return ascii.ValueCtl[c] })
