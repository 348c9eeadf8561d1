package bytesx

import (
	"bytes"
	"testing"

	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/internal/testutil"
)

func checkName(t *testing.T, b []byte, want bool) {
	if genericOnly() {
		if got := validHeaderNameGeneric(str(b)); got != want {
			t.Fatalf("validHeaderNameGeneric(len %d %q) = %v, want %v", len(b), b, got, want)
		}
		return
	}
	if got := ValidHeaderName(b); got != want {
		t.Fatalf("%v: ValidHeaderName(len %d %q) = %v, want %v", kernel, len(b), b, got, want)
	}
	if got := ValidHeaderNameString(str(b)); got != want {
		t.Fatalf("%v: ValidHeaderNameString(len %d %q) = %v, want %v", kernel, len(b), b, got, want)
	}
}

func checkValue(t *testing.T, b []byte, want bool) {
	if genericOnly() {
		if got := validHeaderValueGeneric(str(b)); got != want {
			t.Fatalf("validHeaderValueGeneric(len %d %q) = %v, want %v", len(b), b, got, want)
		}
		return
	}
	if got := ValidHeaderValue(b); got != want {
		t.Fatalf("%v: ValidHeaderValue(len %d %q) = %v, want %v", kernel, len(b), b, got, want)
	}
	if got := ValidHeaderValueString(str(b)); got != want {
		t.Fatalf("%v: ValidHeaderValueString(len %d %q) = %v, want %v", kernel, len(b), b, got, want)
	}
}

// Inputs are built from these sets: every tchar, and every allowed value
// byte, so that every lane of a kernel sees every class.
const (
	nameSet  = "!#$%&'*+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz|~"
	valueSet = "\t !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~\x80\x81\x9f\xa0\xfe\xff text/html; q=0.9"
)

// TestHeaderAllBytes puts every byte value at every position of every
// length up to maxAllBytes in an otherwise valid name and value.
func TestHeaderAllBytes(t *testing.T) {
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		name := make([]byte, maxAllBytes)
		value := make([]byte, maxAllBytes)
		for n := 1; n <= maxAllBytes; n++ {
			fill(name[:n], nameSet, n)
			fill(value[:n], valueSet, n)
			checkName(t, name[:n], true)
			checkValue(t, value[:n], true)
			for p := 0; p < n; p++ {
				on, ov := name[p], value[p]
				for v := 0; v < 256; v++ {
					name[p], value[p] = byte(v), byte(v)
					checkName(t, name[:n], refValidName(name[p:p+1]))
					checkValue(t, value[:n], refValidValue(value[p:p+1]))
				}
				name[p], value[p] = on, ov
			}
		}
	})
}

func TestHeaderExhaustive(t *testing.T) {
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		buf := make([]byte, 64+66000)
		for _, n := range testutil.Lengths(1024) {
			for _, off := range testutil.Offsets() {
				b := buf[off : off+n]
				fill(b, nameSet, n+off)
				checkName(t, b, n > 0)
				checkValue(t, b, true)
				if off != 0 && n > 1 || n > 4097 {
					continue // bad bytes at offset 0 only, for time
				}
				for _, p := range diffPositions(n) {
					o := b[p]
					b[p] = ':'
					checkName(t, b, false)
					b[p] = '\r'
					checkName(t, b, false)
					checkValue(t, b, false)
					b[p] = 0x7f
					checkValue(t, b, false)
					b[p] = 0x80 // obs-text
					checkName(t, b, false)
					checkValue(t, b, true)
					b[p] = o
				}
			}
		}
	})
}

func TestHeaderGuardPages(t *testing.T) {
	g := testutil.NewGuard(t, 8192)
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		for _, n := range testutil.Lengths(300) {
			if n > g.Len() {
				continue
			}
			for _, b := range [][]byte{g.End(n), g.Start(n)} {
				fill(b, nameSet, n)
				checkName(t, b, n > 0)
				checkValue(t, b, true)
				if n > 0 {
					for _, p := range []int{0, n - 1} {
						o := b[p]
						b[p] = '\n'
						checkName(t, b, false)
						checkValue(t, b, false)
						b[p] = o
					}
				}
			}
		}
	})
}

func TestHeaderEmpty(t *testing.T) {
	checkName(t, nil, false)
	checkName(t, []byte{}, false)
	checkValue(t, nil, true)
	checkValue(t, []byte{}, true)
}

func FuzzValidHeaderName(f *testing.F) {
	f.Add([]byte(""))
	f.Add([]byte("Content-Type"))
	f.Add([]byte("Content Type"))
	f.Add([]byte("x-custom-header-with-a-long-name:"))
	f.Add(bytes.Repeat([]byte(nameSet), 3))
	f.Fuzz(func(t *testing.T, b []byte) {
		want := refValidName(b)
		testutil.EachKernel(&kernel, func(asm.Family) { checkName(t, b, want) })
	})
}

func FuzzValidHeaderValue(f *testing.F) {
	f.Add([]byte(""))
	f.Add([]byte("text/html; charset=utf-8"))
	f.Add([]byte("a\r\nSet-Cookie: x"))
	f.Add([]byte("\tcaf\xc3\xa9\x7f"))
	f.Add(bytes.Repeat([]byte(valueSet), 3))
	f.Fuzz(func(t *testing.T, b []byte) {
		want := refValidValue(b)
		testutil.EachKernel(&kernel, func(asm.Family) { checkValue(t, b, want) })
	})
}
