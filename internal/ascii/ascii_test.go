package ascii

import (
	"strings"
	"testing"
)

// The tables against their definitions, written a second way.

func TestTchar(t *testing.T) {
	const delims = "\"(),/:;<=>?@[\\]{}" // RFC 9110 5.6.2: the delimiters, never tchars
	for c := 0; c < 256; c++ {
		var want bool
		switch {
		case c <= ' ' || c >= 0x7f: // controls, SP, DEL and every non-ASCII byte
		case strings.IndexByte(delims, byte(c)) >= 0:
		default:
			want = true
		}
		if Tchar[c] != want {
			t.Errorf("Tchar[%#x] = %v, want %v", c, Tchar[c], want)
		}
	}
}

func TestValueCtl(t *testing.T) {
	for c := 0; c < 256; c++ {
		ctl := c < 0x20 || c == 0x7f // RFC 5234 CTL
		if want := ctl && c != '\t'; ValueCtl[c] != want {
			t.Errorf("ValueCtl[%#x] = %v, want %v", c, ValueCtl[c], want)
		}
	}
}

func TestLower(t *testing.T) {
	for c := 0; c < 256; c++ {
		want := byte(c)
		if c < 0x80 {
			want = strings.ToLower(string(rune(c)))[0]
		}
		if Lower[c] != want {
			t.Errorf("Lower[%#x] = %#x, want %#x", c, Lower[c], want)
		}
	}
}

func TestNibbles(t *testing.T) {
	var notTchar, notCtl, upper [256]bool
	for c := range 256 {
		notTchar[c], notCtl[c] = !Tchar[c], !ValueCtl[c]
		upper[c] = Lower[c] != byte(c)
	}
	for name, set := range map[string]*[256]bool{"Tchar": &Tchar, "!Tchar": &notTchar,
		"ValueCtl": &ValueCtl, "!ValueCtl": &notCtl, "upper": &upper} {
		lo, hi := Nibbles(set)
		for c := range 256 {
			if got := lo[c&15]&hi[c>>4] != 0; got != set[c] {
				t.Errorf("%s: Nibbles says %#x is in: %v, want %v", name, c, got, set[c])
			}
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("Nibbles of a set with sixteen distinct rows did not panic")
		}
	}()
	var diag [256]bool
	for h := range 16 {
		diag[h<<4|h] = true
	}
	Nibbles(&diag)
}
