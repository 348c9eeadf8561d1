package wire

import (
	"unsafe"

	"github.com/hotpath-go/hotpath/internal/ascii"
)

// The batch scan. Most field lines of real heads are plain: a name of a
// few bytes, a colon, at most one SP, a value without trailing
// whitespace, CRLF. lines takes a run of them in one call, so the per-line
// costs of a call (its entry, its constants, the caller's registers
// spilled around it) are paid once per run; ParseRequest's line-at-a-time
// loop, on scan, takes every other line (the last ones of the buffer,
// odd whitespace, the end of the head, errors, a resumed parse).

// linesMax is how many lines one call of lines may take.
const linesMax = 16

// linesGeneric is the batch scan in pure Go, the reference for the kernels
// and what every build without assembly runs. Starting at p[0], the start
// of a field line, it takes plain lines, at most max (<= linesMax), and
// writes four offsets from p for each into out[4*i:]: the line's start,
// its colon, the value's start and the CR that ends it. It returns how
// many it took. A line starting at s is plain when
//
//   - at least 32 bytes remain from s (n-s >= 32), so kernels read whole
//     32-byte blocks, never past p[n-1];
//   - its name is 1 to 31 tchars, immediately followed by a colon;
//   - after the colon comes at most one SP, then a value that neither
//     starts nor ends with SP (it may be empty);
//   - the first byte of setPlain after the colon (a control byte, HTAB
//     included, or DEL) is a CR, and an LF follows it within p[:n].
//
// So a plain line holds no HTAB: kernels test for stop bytes with one
// unsigned compare, and the rare line with a tab takes the long way.
//
// The next line starts after the LF. The bytes such a line holds are
// exactly the ones ParseRequest accepts, so taking it here or in the
// line-at-a-time loop gives the same Header.
func linesGeneric(p *byte, n int, out *uint32, max int) int {
	b := unsafe.Slice(p, n)
	o := unsafe.Slice(out, 4*linesMax)
	count, s := 0, 0
	for count < max && n-s >= 32 {
		tok := 0
		for tok < 32 && ascii.Tchar[b[s+tok]] {
			tok++
		}
		if tok == 0 || tok == 32 || b[s+tok] != ':' {
			break
		}
		c := s + tok
		e := c + 1 + stopIndex(b[c+1:], setPlain)
		if e+1 >= n || b[e] != '\r' || b[e+1] != '\n' {
			break
		}
		v := c + 1
		if v < e && b[v] == ' ' {
			v++
		}
		if v < e && b[v] == ' ' || e > v && b[e-1] == ' ' {
			break
		}
		o[4*count], o[4*count+1], o[4*count+2], o[4*count+3] = uint32(s), uint32(c), uint32(v), uint32(e)
		count++
		s = e + 2
	}
	return count
}
