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

func ExampleEqualFold() {
	fmt.Println(bytesx.EqualFold([]byte("Content-Type"), []byte("content-type")))
	fmt.Println(bytesx.EqualFold([]byte("Content-Type"), []byte("Content-Typo")))
	// Only ASCII letters fold: bytes >= 0x80 must match exactly.
	fmt.Println(bytesx.EqualFold([]byte("caf\xc3\xa9"), []byte("CAF\xc3\x89")))
	// Output:
	// true
	// false
	// false
}

func ExampleEqualFoldString() {
	// A case-insensitive token match, as HTTP compares "Connection: close".
	fmt.Println(bytesx.EqualFoldString("Keep-Alive", "keep-alive"))
	// Output: true
}

func ExampleValidHeaderName() {
	fmt.Println(bytesx.ValidHeaderName([]byte("X-Request-Id")))
	fmt.Println(bytesx.ValidHeaderName([]byte("X Request Id")))
	fmt.Println(bytesx.ValidHeaderName(nil))
	// Output:
	// true
	// false
	// false
}

func ExampleValidHeaderNameString() {
	fmt.Println(bytesx.ValidHeaderNameString("Content-Type"))
	fmt.Println(bytesx.ValidHeaderNameString("Content-Type:"))
	// Output:
	// true
	// false
}

func ExampleValidHeaderValue() {
	fmt.Println(bytesx.ValidHeaderValue([]byte("text/html;\tcharset=utf-8")))
	fmt.Println(bytesx.ValidHeaderValue([]byte("a\r\nSet-Cookie: admin=1")))
	fmt.Println(bytesx.ValidHeaderValue(nil))
	// Output:
	// true
	// false
	// true
}

func ExampleValidHeaderValueString() {
	// A value copied from a request into a response must not smuggle in
	// a new header line.
	for _, v := range []string{"gzip, br", "x\nLocation: http://evil.example/"} {
		if bytesx.ValidHeaderValueString(v) {
			fmt.Printf("ok %q\n", v)
		} else {
			fmt.Printf("rejected %q\n", v)
		}
	}
	// Output:
	// ok "gzip, br"
	// rejected "x\nLocation: http://evil.example/"
}

func ExampleCanonicalHeaderKey() {
	fmt.Println(bytesx.CanonicalHeaderKey("content-type"))
	fmt.Println(bytesx.CanonicalHeaderKey("x-REQUEST-id"))
	fmt.Println(bytesx.CanonicalHeaderKey("not a key")) // unchanged
	// Output:
	// Content-Type
	// X-Request-Id
	// not a key
}
