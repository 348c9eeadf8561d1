package wire

import (
	"testing"

	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/internal/heads"
)

// BenchmarkParseRequest parses the bench heads (the report's wire group)
// with every kernel family this machine runs; the generic family's parse
// calls the SSE2 kernel on amd64 (see request_test.go), so compare with
// -tags purego for the pure-Go parser.
func BenchmarkParseRequest(b *testing.B) {
	for _, name := range []string{"small", "browser", "api-bearer", "cookies-2k", "chrome-full", "many-headers"} {
		head := heads.Get(name)
		for _, k := range asm.Kernels() {
			b.Run(name+"/"+k.String(), func(b *testing.B) {
				kernel = k
				defer func() { kernel = asm.Kernel() }()
				var r Request
				r.Headers = make([]Header, 0, 100)
				b.SetBytes(int64(len(head)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := ParseRequest(head, &r); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkAppendHead(b *testing.B) {
	dst := make([]byte, 0, 256)
	b.ReportAllocs()
	for b.Loop() {
		d := AppendStatusLine(dst[:0], 1, 200)
		d, _ = AppendHeaderString(d, "Content-Type", "text/plain; charset=utf-8")
		d, _ = AppendHeaderInt(d, "Content-Length", 13)
		dst = AppendEndOfHead(d)
	}
}
