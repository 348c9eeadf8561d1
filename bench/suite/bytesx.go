package suite

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/hotpath-go/hotpath/bytesx"
)

// sinkBool keeps results alive so the compiler cannot drop the calls.
var sinkBool bool

func init() {
	for _, n := range []int{8, 16, 32, 64, 256, 4096} {
		a := make([]byte, n)
		for i := range a {
			a[i] = byte('a' + i%26)
		}
		b := bytes.Clone(a)
		Register(Case{
			Group: "bytesx",
			Name:  fmt.Sprintf("Equal/%d", n),
			Ours: Bench{"bytesx.Equal", func(tb *testing.B) {
				tb.SetBytes(int64(n))
				for tb.Loop() {
					sinkBool = bytesx.Equal(a, b)
				}
			}},
			Peers: []Bench{{"bytes.Equal", func(tb *testing.B) {
				tb.SetBytes(int64(n))
				for tb.Loop() {
					sinkBool = bytes.Equal(a, b)
				}
			}}},
			Goal:  1.10,
			Quick: true,
		})
	}
}
