package cases

import (
	"fmt"

	"github.com/hotpath-go/hotpath/internal/heads"
	"github.com/hotpath-go/hotpath/wire"
)

// headNames are the heads of the bench's wire group, from the corpus the
// wire tests check: GET / plus Host (what wrk sends), a 9-header browser
// request, an API POST with a long bearer token, a request with 2 KB of
// cookies.
var headNames = []string{"small", "browser", "api-bearer", "cookies-2k"}

// headOfSize returns the corpus head among headNames that is n bytes long.
func headOfSize(n int) []byte {
	for _, name := range headNames {
		if h := heads.Get(name); len(h) == n {
			return h
		}
	}
	panic(fmt.Sprintf("cases: no wire head of %d bytes", n))
}

func parseSetup(n int) Loop {
	head := headOfSize(n)
	var r wire.Request
	r.Headers = make([]wire.Header, 0, 32)
	return func(iters int) {
		for range iters {
			sinkInt, _ = wire.ParseRequest(head, &r)
		}
	}
}

// Issue 12: NEON against wire's own generic (SWAR) path on whole heads,
// in instructions per byte.
func init() {
	var sizes []int
	for _, name := range headNames {
		sizes = append(sizes, len(heads.Get(name)))
	}
	Register(Case{
		Name: "ParseRequest", Sizes: sizes, Quick: sizes[1:2], Unit: "B head", PerByte: true,
		Ours: Impl{Name: "wire.ParseRequest", Setup: parseSetup},
		Peer: Impl{Name: "wire.ParseRequest (generic)", Tags: "purego", Setup: parseSetup},
	})
}
