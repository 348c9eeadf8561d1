package suite

import (
	"math/rand/v2"
	"net/textproto"
	"strings"
	"testing"

	"github.com/hotpath-go/hotpath/bytesx"
	"golang.org/x/net/http/httpguts"
)

// TestBytesxAgreesWithHTTPGuts checks bytesx's header validation against
// golang.org/x/net/http/httpguts itself (package bytesx mirrors its rules
// with a table, as the root module may not depend on x/net), and
// CanonicalHeaderKey and EqualFoldString against the standard library, on
// every one- and two-byte input and on many random ones of every length up
// to 300 drawn from alphabets that mix valid and invalid bytes.
func TestBytesxAgreesWithHTTPGuts(t *testing.T) {
	check := func(s string) {
		if got, want := bytesx.ValidHeaderNameString(s), httpguts.ValidHeaderFieldName(s); got != want {
			t.Fatalf("ValidHeaderNameString(%q) = %v, httpguts %v", s, got, want)
		}
		if got, want := bytesx.ValidHeaderName([]byte(s)), httpguts.ValidHeaderFieldName(s); got != want {
			t.Fatalf("ValidHeaderName(%q) = %v, httpguts %v", s, got, want)
		}
		if got, want := bytesx.ValidHeaderValueString(s), httpguts.ValidHeaderFieldValue(s); got != want {
			t.Fatalf("ValidHeaderValueString(%q) = %v, httpguts %v", s, got, want)
		}
		if got, want := bytesx.ValidHeaderValue([]byte(s)), httpguts.ValidHeaderFieldValue(s); got != want {
			t.Fatalf("ValidHeaderValue(%q) = %v, httpguts %v", s, got, want)
		}
		if got, want := bytesx.CanonicalHeaderKey(s), textproto.CanonicalMIMEHeaderKey(s); got != want {
			t.Fatalf("CanonicalHeaderKey(%q) = %q, textproto %q", s, got, want)
		}
	}
	check("")
	for a := 0; a < 256; a++ {
		check(string([]byte{byte(a)}))
		for b := 0; b < 256; b++ {
			check(string([]byte{byte(a), byte(b)}))
		}
	}
	alphabets := []string{
		"abcxyzABCXYZ0189-_.~!#$%&'*+^`|",                // tchars only
		"aZ-0 :\t\r\n\x00\x7f\x80\xff\"(),/;<=>?@[\\]{}", // mostly invalid
		"text/html; q=0.9\t\x1f\x7f\x80\xc3\xa9",         // values
	}
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, 300)
	for n := 1; n <= 300; n++ {
		for _, alpha := range alphabets {
			for range 20 {
				for i := range b[:n] {
					// Mostly the first third of the alphabet, so that long
					// inputs are often valid.
					j := r.IntN(len(alpha))
					if r.IntN(n+1) > 1 {
						j %= max(1, len(alpha)/3)
					}
					b[i] = alpha[j]
				}
				s := string(b[:n])
				check(s)
				check(strings.ToLower(s))
				u := swapASCII(s)
				if got, want := bytesx.EqualFoldString(s, u), strings.EqualFold(s, u); got != want && isASCII(s) {
					t.Fatalf("EqualFoldString(%q, %q) = %v, strings.EqualFold %v", s, u, got, want)
				}
			}
		}
	}
}

func swapASCII(s string) string { return swapCase(s) }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
