package swar

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"testing"
	"unsafe"
)

// ref computes a byte mask from a per-byte predicate.
func ref(x uint64, f func(b byte) bool) uint64 {
	var m uint64
	for i := range 8 {
		if f(byte(x >> (8 * i))) {
			m |= 0x80 << (8 * i)
		}
	}
	return m
}

func words() []uint64 {
	ws := []uint64{0, ^uint64(0), Lsb, Msb, Low7, 0x0100ff7f80010000}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		w := r.Uint64()
		// Plant zeros and boundary bytes so that borrow chains happen.
		for i := range 8 {
			switch r.IntN(4) {
			case 0:
				w &^= 0xff << (8 * i)
			case 1:
				w = w&^(0xff<<(8*i)) | uint64([]byte{1, 0x7f, 0x80, 0xff}[r.IntN(4)])<<(8*i)
			}
		}
		ws = append(ws, w)
	}
	return ws
}

func TestMasks(t *testing.T) {
	for _, w := range words() {
		if got, want := Zero(w), ref(w, func(b byte) bool { return b == 0 }); got != want {
			t.Fatalf("Zero(%#x) = %#x, want %#x", w, got, want)
		}
		for _, c := range []byte{0, 1, 9, ':', 0x7f, 0x80, 0xff} {
			if got, want := Eq(w, c), ref(w, func(b byte) bool { return b == c }); got != want {
				t.Fatalf("Eq(%#x, %#x) = %#x, want %#x", w, c, got, want)
			}
		}
		for _, c := range []byte{1, 9, 0x20, 'A', 0x7f, 0x80} {
			got := Ge(w&Low7, c) & Msb
			want := ref(w, func(b byte) bool { return b&0x7f >= c })
			if got != want {
				t.Fatalf("Ge(%#x, %#x) = %#x, want %#x", w&Low7, c, got, want)
			}
		}
		m := ref(w, func(b byte) bool { return b&1 != 0 })
		var bits uint32
		for i := range 8 {
			if m>>(8*i+7)&1 != 0 {
				bits |= 1 << i
			}
		}
		if Pack(m) != bits {
			t.Fatalf("Pack(%#x) = %#b, want %#b", m, Pack(m), bits)
		}
	}
	for n := 0; n <= 8; n++ {
		want := uint64(0)
		for i := range n {
			want |= 0x80 << (8 * i)
		}
		if LowBytes(n) != want {
			t.Errorf("LowBytes(%d) = %#x", n, LowBytes(n))
		}
	}
}

func TestLoads(t *testing.T) {
	b := []byte("abcdefghijklmnop")
	for i := 0; i+8 <= len(b); i++ {
		want := binary.LittleEndian.Uint64(b[i:])
		if Word(b, i) != want || WordString(string(b), i) != want || Load64(unsafe.Pointer(&b[i])) != want {
			t.Fatalf("loads at %d disagree", i)
		}
		if Load32(unsafe.Pointer(&b[i])) != binary.LittleEndian.Uint32(b[i:]) {
			t.Fatalf("Load32 at %d", i)
		}
	}
	for n := 1; n <= 7; n++ {
		var want [8]byte
		copy(want[:], b[:n])
		if Short(b[:n]) != binary.LittleEndian.Uint64(want[:]) || ShortString(string(b[:n])) != Short(b[:n]) {
			t.Fatalf("Short(%q) = %#x", b[:n], Short(b[:n]))
		}
	}
	defer func() {
		if recover() == nil {
			t.Fatal("Word past the end did not panic")
		}
	}()
	_ = Word(bytes.Repeat([]byte{1}, 7), 0)
}

func TestFirst(t *testing.T) {
	for _, w := range words() {
		m := w & Msb
		want := 8
		for i := range 8 {
			if m>>(8*i+7)&1 != 0 {
				want = i
				break
			}
		}
		if got := First(m); got != want {
			t.Fatalf("First(%#x) = %d, want %d", m, got, want)
		}
	}
}

func TestHead(t *testing.T) {
	s := "\x01\x02\x03\x04\x05\x06\x07\x08\x09"
	for i := 0; i+8 <= len(s); i++ {
		if got, want := Head64(s[i:]), binary.LittleEndian.Uint64([]byte(s[i:i+8])); got != want {
			t.Errorf("Head64(s[%d:]) = %#x, want %#x", i, got, want)
		}
		if got, want := Head32(s[i:]), binary.LittleEndian.Uint32([]byte(s[i:i+4])); got != want {
			t.Errorf("Head32(s[%d:]) = %#x, want %#x", i, got, want)
		}
	}
}
