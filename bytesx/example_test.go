package bytesx_test

import (
	"fmt"

	"github.com/hotpath-go/hotpath/bytesx"
)

func ExampleEqual() {
	fmt.Println(bytesx.Equal([]byte("application/json"), []byte("application/json")))
	fmt.Println(bytesx.Equal([]byte("application/json"), []byte("application/JSON")))
	fmt.Println(bytesx.Equal(nil, []byte{}))
	// Output:
	// true
	// false
	// true
}

func ExampleEqualString() {
	fmt.Println(bytesx.EqualString("keep-alive", "keep-alive"))
	// Output: true
}
