package zero_test

import (
	"fmt"

	"github.com/hotpath-go/hotpath/zero"
)

func ExampleBytes() {
	buf := []byte("secret token")
	zero.Bytes(buf[7:])
	fmt.Printf("%q\n", buf)
	// Output: "secret \x00\x00\x00\x00\x00"
}

// A framework's request context: about 1.3 KB, holding pointers. Value
// resets it for reuse; the garbage collector sees every pointer it clears.
type requestCtx struct {
	method, path string
	params       map[string]string
	handlers     []func()
	scratch      [1200]byte
}

func ExampleValue() {
	c := &requestCtx{method: "GET", path: "/users/42", params: map[string]string{"id": "42"}}
	c.scratch[0] = 1
	zero.Value(c)
	fmt.Println(c.method == "", c.params == nil, c.scratch[0])
	// Output: true true 0
}

func ExampleSlice() {
	type point struct{ x, y int }
	ps := []point{{1, 2}, {3, 4}, {5, 6}}
	zero.Slice(ps[1:])
	fmt.Println(ps)

	names := []string{"a", "b", "c"}
	zero.Slice(names[:2])
	fmt.Printf("%q\n", names)
	// Output:
	// [{1 2} {0 0} {0 0}]
	// ["" "" "c"]
}
