package bytesx

import (
	"unsafe"

	"github.com/hotpath-go/hotpath/internal/ascii"
	"github.com/hotpath-go/hotpath/internal/swar"
)

// ValidHeaderValue reports whether b may appear in an RFC 9110
// field-value: no control byte except HTAB, so no NUL, CR, LF or DEL;
// obs-text (0x80-0xff) is allowed, and the empty value is valid. It gives
// the same answer as ValidHeaderFieldValue in golang.org/x/net/http/httpguts
// for every input. Leading and trailing whitespace is not its concern.
func ValidHeaderValue(b []byte) bool {
	if len(b) == 1 { // here in the caller: a call costs more than one byte
		return !ascii.ValueCtl[b[0]]
	}
	return validHeaderValue(unsafe.String(unsafe.SliceData(b), len(b)))
}

// ValidHeaderValueString is ValidHeaderValue for a string.
func ValidHeaderValueString(s string) bool {
	if len(s) == 1 { // here in the caller: a call costs more than one byte
		return !ascii.ValueCtl[s[0]]
	}
	return validHeaderValue(s)
}

// valueBad returns a byte mask of the bytes of x that may not appear in a
// field value: below 0x20 except HTAB (0x09), and DEL (0x7f).
func valueBad(x uint64) uint64 {
	h := x & swar.Low7
	ctl := ^swar.Ge(h, 0x20) & (^swar.Ge(h, '\t') | swar.Ge(h, '\t'+1))
	del := swar.Ge(h, 0x7f)
	return (ctl | del) &^ x & swar.Msb
}

// validHeaderValueGeneric is the pure-Go reference: eight bytes at a time
// (SWAR), four words per branch, the last word overlapping the one before.
func validHeaderValueGeneric(s string) bool {
	b := bytesOf(s)
	n := len(b)
	if n < 8 {
		return n == 0 || valueBad(swar.Short(b))&swar.LowBytes(n) == 0
	}
	i := 0
	for ; n-i > 32; i += 32 {
		if valueBad(swar.Word(b, i))|valueBad(swar.Word(b, i+8))|
			valueBad(swar.Word(b, i+16))|valueBad(swar.Word(b, i+24)) != 0 {
			return false
		}
	}
	for ; n-i > 8; i += 8 {
		if valueBad(swar.Word(b, i)) != 0 {
			return false
		}
	}
	return valueBad(swar.Word(b, n-8)) == 0
}
