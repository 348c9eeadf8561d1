package cases

import (
	"bytes"
	"strings"

	"github.com/hotpath-go/hotpath/bytesx"
	"github.com/hotpath-go/hotpath/hashmap"
	"github.com/hotpath-go/hotpath/zero"
	"golang.org/x/net/http/httpguts"
)

// byteSizes are the sizes of every byte-string comparison: the lengths
// HTTP headers have (names 4-30 bytes, many values 1-10) and two long ones.
var byteSizes = []int{1, 2, 3, 4, 8, 16, 64, 1024}

// quickSizes are the byte sizes the report's -quick mode measures.
var quickSizes = []int{1, 4, 16, 1024}

// repeatTo returns s repeated and cut to n bytes, in memory of its own.
func repeatTo(s string, n int) string {
	return string([]byte(strings.Repeat(s, n/len(s)+1)[:n]))
}

// swapCase flips the case of the ASCII letters of s.
func swapCase(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
			b[i] = c ^ 0x20
		}
	}
	return string(b)
}

// Every input below makes the function read all n bytes: equal inputs, a
// valid header name or value.
const (
	equalText = "Content-Type: text/html; charset=utf-8. "
	nameText  = "X-Forwarded-For-Accept-Encoding-"
	valueText = "text/html; charset=utf-8, gzip;q=0.8\t"
)

func init() {
	Register(Case{
		Name: "Equal", Sizes: byteSizes, Quick: quickSizes, Check: true,
		Ours: Impl{Name: "bytesx.Equal", Setup: func(n int) Loop {
			a, b := []byte(repeatTo(equalText, n)), []byte(repeatTo(equalText, n))
			return func(iters int) {
				for range iters {
					sinkBool = bytesx.Equal(a, b)
				}
			}
		}},
		Peer: Impl{Name: "bytes.Equal", Setup: func(n int) Loop {
			a, b := []byte(repeatTo(equalText, n)), []byte(repeatTo(equalText, n))
			return func(iters int) {
				for range iters {
					sinkBool = bytes.Equal(a, b)
				}
			}
		}},
	})

	foldSetup := func(n int) Loop {
		a := repeatTo(nameText, n)
		b := swapCase(a)
		return func(iters int) {
			for range iters {
				sinkBool = bytesx.EqualFoldString(a, b)
			}
		}
	}
	Register(Case{
		Name: "EqualFold", Sizes: byteSizes, Quick: quickSizes, Check: true,
		Ours: Impl{Name: "bytesx.EqualFoldString", Setup: foldSetup},
		Peer: Impl{Name: "strings.EqualFold", Setup: func(n int) Loop {
			a := repeatTo(nameText, n)
			b := swapCase(a)
			return func(iters int) {
				for range iters {
					sinkBool = strings.EqualFold(a, b)
				}
			}
		}},
	})
	// Issue 11 §3: the NEON kernel against the package's own generic
	// (SWAR) code, which -tags purego selects.
	Register(Case{
		Name: "EqualFold-generic", Sizes: []int{4, 8, 16, 64, 1024}, Quick: []int{16},
		Ours: Impl{Name: "bytesx.EqualFoldString", Setup: foldSetup},
		Peer: Impl{Name: "bytesx.EqualFoldString (generic)", Tags: "purego", Setup: foldSetup},
	})

	Register(Case{
		Name: "ValidHeaderName", Sizes: byteSizes, Quick: quickSizes, Check: true,
		Ours: Impl{Name: "bytesx.ValidHeaderNameString", Setup: func(n int) Loop {
			s := repeatTo(nameText, n)
			return func(iters int) {
				for range iters {
					sinkBool = bytesx.ValidHeaderNameString(s)
				}
			}
		}},
		Peer: Impl{Name: "httpguts.ValidHeaderFieldName", Setup: func(n int) Loop {
			s := repeatTo(nameText, n)
			return func(iters int) {
				for range iters {
					sinkBool = httpguts.ValidHeaderFieldName(s)
				}
			}
		}},
	})

	Register(Case{
		Name: "ValidHeaderValue", Sizes: byteSizes, Quick: quickSizes, Check: true,
		Ours: Impl{Name: "bytesx.ValidHeaderValueString", Setup: func(n int) Loop {
			s := repeatTo(valueText, n)
			return func(iters int) {
				for range iters {
					sinkBool = bytesx.ValidHeaderValueString(s)
				}
			}
		}},
		Peer: Impl{Name: "httpguts.ValidHeaderFieldValue", Setup: func(n int) Loop {
			s := repeatTo(valueText, n)
			return func(iters int) {
				for range iters {
					sinkBool = httpguts.ValidHeaderFieldValue(s)
				}
			}
		}},
	})

	// Issue 11 §3: clear() is right from 1 KiB (DC ZVA); the band 33..256
	// is where a NEON kernel may pay.
	Register(Case{
		Name: "ZeroBytes", Sizes: []int{1, 2, 3, 4, 8, 16, 32, 33, 48, 64, 96, 128, 256, 512, 1024, 4096},
		Quick: []int{8, 64, 256, 4096}, Check: true,
		Ours: Impl{Name: "zero.Bytes", Setup: func(n int) Loop {
			b := make([]byte, n)
			return func(iters int) {
				for range iters {
					zero.Bytes(b)
				}
			}
		}},
		Peer: Impl{Name: "clear", Setup: func(n int) Loop {
			b := make([]byte, n)
			return func(iters int) {
				for range iters {
					clear(b)
				}
			}
		}},
	})

	// hashmap: n is the key length. A lookup's cost depends on where its
	// key landed, which the hash seed decides, and the seed is random per
	// map and per run; so each loop cycles through 8 keys in each of 8 maps
	// holding the same 64 keys, and a call is the average of those 64.
	for _, hit := range []bool{true, false} {
		name := "MapGetHit"
		if !hit {
			name = "MapGetMiss"
		}
		Register(Case{
			Name: name, Sizes: []int{4, 16, 64}, Quick: []int{16}, Unit: "B key", Period: mapCopies * len(lookups),
			Ours: Impl{Name: "hashmap.Map.Get", Setup: func(n int) Loop {
				keys, look := mapKeys(n, hit)
				var ms [mapCopies]*hashmap.Map[int]
				for j := range ms {
					ms[j] = hashmap.New[int](len(keys))
					for i, k := range keys {
						ms[j].Set(k, i)
					}
				}
				return func(iters int) {
					for i := range iters {
						_, sinkBool = ms[i%mapCopies].Get(look[i/mapCopies%len(lookups)])
					}
				}
			}},
			Peer: Impl{Name: "map[string]int", Setup: func(n int) Loop {
				keys, look := mapKeys(n, hit)
				var ms [mapCopies]map[string]int
				for j := range ms {
					ms[j] = make(map[string]int, len(keys))
					for i, k := range keys {
						ms[j][k] = i
					}
				}
				return func(iters int) {
					for i := range iters {
						_, sinkBool = ms[i%mapCopies][look[i/mapCopies%len(lookups)]]
					}
				}
			}},
		})
	}
}

// mapCopies is how many maps (so many hash seeds) a map case cycles through.
const mapCopies = 8

// lookups are the key numbers a map loop looks up: every eighth of the 64
// keys for hits, numbers no key has for misses (add 1000).
var lookups = [8]int{3, 11, 19, 27, 35, 43, 51, 59}

// mapKeys returns 64 distinct keys of n bytes and the keys to look up:
// copies of some of them in other memory (hit), so string comparison cannot
// stop at pointer equality, or keys of the same length that are not there
// (miss).
func mapKeys(n int, hit bool) (keys, look []string) {
	for i := range 64 {
		keys = append(keys, keyOf(n, i))
	}
	for _, i := range lookups {
		if !hit {
			i += 1000
		}
		look = append(look, keyOf(n, i))
	}
	return keys, look
}

// keyOf is key number i (below 26³) of n ≥ 3 bytes: a header-like prefix
// ending in i as three letters.
func keyOf(n, i int) string {
	b := []byte(repeatTo("x-request-header-name-", n))
	for j := len(b) - 1; j >= len(b)-3; j-- {
		b[j] = byte('a' + i%26)
		i /= 26
	}
	return string(b)
}
