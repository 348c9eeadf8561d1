package wire

import (
	"unsafe"

	"github.com/hotpath-go/hotpath/internal/ascii"
	"github.com/hotpath-go/hotpath/internal/swar"
)

// The stop sets of the line scan. A stop byte ends the part of a line the
// scan walks: a delimiter (CR, LF, or SP in the request line) or a byte the
// part may not hold. Both are found in the same pass; the caller looks at
// the byte to tell which.
const (
	// setField stops at every control byte but HTAB, and at DEL: CR and
	// LF end a field line, every other one is forbidden in it (RFC 9110
	// §5.5; obs-text, 0x80-0xff, passes).
	setField = 0
	// setTarget stops at every byte that is not visible ASCII (0x21-0x7e):
	// SP ends the request-target, CR and LF end the line early, and
	// controls, DEL and bytes >= 0x80 are forbidden in it.
	setTarget = 1
	// setPlain stops at every control byte, HTAB included, and at DEL:
	// the bytes a plain field line (lines.go) may not hold. Only the
	// batch scan uses it.
	setPlain = 2
)

// scanGeneric is the line scan in pure Go, the reference for the kernels
// and what every build without assembly runs. For p[:n] it returns tok,
// the index of the first byte that is not a tchar (n if there is none),
// and end, the index of the first byte in stop set set (n if none). Every
// stop byte of either set is a non-tchar, so tok <= end: on a field line
// tok is where the name ends (the colon, if the line is well formed) and
// end where the line does.
//
// tok comes from a byte loop through ascii.Tchar (field names are short and
// the tchars are nine runs of byte values, which SWAR tests slowly), end
// from SWAR words, eight bytes at a time.
func scanGeneric(p *byte, n int, set int) (tok, end int) {
	b := unsafe.Slice(p, n)
	tok = n
	for i, c := range b {
		if !ascii.Tchar[c] {
			tok = i
			break
		}
	}
	return tok, tok + stopIndex(b[tok:], set)
}

// stopIndex returns the index of the first byte of b in stop set set, or
// len(b).
func stopIndex(b []byte, set int) int {
	stop := fieldStops
	switch set {
	case setTarget:
		stop = targetStops
	case setPlain:
		stop = plainStops
	}
	i := 0
	for ; len(b)-i >= 8; i += 8 {
		if m := stop(swar.Word(b, i)); m != 0 {
			return i + swar.First(m)
		}
	}
	if i == len(b) {
		return i
	}
	// One to seven bytes left: one word built from at most three loads.
	if m := stop(swar.Short(b[i:])) & swar.LowBytes(len(b)-i); m != 0 {
		return i + swar.First(m)
	}
	return len(b)
}

// fieldStops returns a byte mask of the bytes of x in setField: below 0x20
// except HTAB, and DEL.
func fieldStops(x uint64) uint64 {
	h := x & swar.Low7
	ctl := ^swar.Ge(h, 0x20) & (^swar.Ge(h, '\t') | swar.Ge(h, '\t'+1))
	return (ctl | swar.Ge(h, 0x7f)) &^ x & swar.Msb
}

// plainStops returns a byte mask of the bytes of x in setPlain: below
// 0x20, and DEL.
func plainStops(x uint64) uint64 {
	h := x & swar.Low7
	return (^swar.Ge(h, 0x20) | swar.Ge(h, 0x7f)) &^ x & swar.Msb
}

// targetStops returns a byte mask of the bytes of x in setTarget: up to
// 0x20, and from 0x7f.
func targetStops(x uint64) uint64 {
	h := x & swar.Low7
	return (^swar.Ge(h, 0x21) | swar.Ge(h, 0x7f) | x) & swar.Msb
}
