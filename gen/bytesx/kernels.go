package main

import (
	"github.com/hotpath-go/hotpath/internal/ascii"
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// equalFoldKernel: lower-case both inputs (ASCII capitals only) and XOR.
// A capital is found with one signed compare: v + (0x80-'A') maps 'A'..'Z'
// onto -128..-103 and every other byte above -103.
var equalFoldKernel = &scanKernel{
	name:   "equalFold",
	doc:    "reports whether a[:n] and b[:n] are equal under ASCII case folding.",
	sig:    "func(a, b *byte, n int) bool",
	nin:    2,
	avx2K:  [][16]byte{splat(0x80 - 'A'), splat(0x80 + 26), splat(0x20)},
	sse2K:  [][16]byte{splat(0x80 - 'A'), splat(0x80 + 26), splat(0x20)},
	sseReg: 3,
	table:  ascii.Lower,
	avx2: func(c *Context, k []Register, _ []Mem, in []Register, tmp func() Register) Register {
		for _, v := range in {
			t, m := tmp(), tmp()
			c.VPADDB(k[0], v, t)
			c.VPCMPGTB(t, k[1], m) // m = capital ? 0xff : 0
			c.VPAND(k[2], m, m)
			c.VPOR(m, v, v)
		}
		c.VPXOR(in[1], in[0], in[0])
		return in[0]
	},
	sse2: func(c *Context, k []Register, _ []Mem, in []Register, tmp func() Register) Register {
		for _, v := range in {
			t, m := tmp(), tmp()
			c.MOVO(v, t)
			c.PADDB(k[0], t)
			c.MOVO(k[1], m)
			c.PCMPGTB(t, m) // m = capital ? 0xff : 0
			c.PAND(k[2], m)
			c.POR(m, v)
		}
		c.PXOR(in[1], in[0])
		return in[0]
	},
}

// validHeaderValueKernel: a byte is bad if min(v, 0x1f) == v (a control
// byte) and v != '\t', or v == 0x7f. The tab test is a subset of the
// control test, so XOR removes it.
var validHeaderValueKernel = &scanKernel{
	name:      "validHeaderValue",
	doc:       "reports whether s holds no control byte but HTAB.",
	sig:       "func(s string) bool",
	nin:       1,
	avx2K:     [][16]byte{splat(0x1f), splat('\t'), splat(0x7f)},
	sse2K:     [][16]byte{splat(0x1f), splat('\t'), splat(0x7f)},
	sseReg:    3,
	fullBytes: true,
	table:     ones(func(c byte) bool { return !ascii.ValueCtl[c] }),
	avx2: func(c *Context, k []Register, _ []Mem, in []Register, tmp func() Register) Register {
		v := in[0]
		ctl, tab, del := tmp(), tmp(), tmp()
		c.VPMINUB(k[0], v, ctl)
		c.VPCMPEQB(v, ctl, ctl)
		c.VPCMPEQB(k[1], v, tab)
		c.VPXOR(tab, ctl, ctl)
		c.VPCMPEQB(k[2], v, del)
		c.VPOR(del, ctl, ctl)
		return ctl
	},
	sse2: func(c *Context, k []Register, _ []Mem, in []Register, tmp func() Register) Register {
		v := in[0]
		ctl, tab := tmp(), tmp()
		c.MOVO(v, ctl)
		c.PMINUB(k[0], ctl)
		c.PCMPEQB(v, ctl)
		c.MOVO(v, tab)
		c.PCMPEQB(k[1], tab)
		c.PXOR(tab, ctl)
		c.PCMPEQB(k[2], v) // v = DEL ? 0xff : 0
		c.POR(v, ctl)
		return ctl
	},
}

// rangeK returns the add and limit constants of a signed range test for
// lo..hi: v + (0x80-lo) is below int8(-128 + hi-lo+1) iff lo <= v <= hi.
func rangeK(lo, hi byte) (add, lim [16]byte) {
	return splat(0x80 - lo), splat(0x80 + hi - lo + 1)
}

// validHeaderNameKernel. AVX2: a PSHUFB nibble lookup (ascii.Nibbles: two
// tables, one AND; bytes >= 0x80 index nothing, so are not tchars). SSE2 has no PSHUFB, so it takes the tchar runs apart into range
// and equality tests: letters by range after OR 0x20 (which maps exactly
// 'A'..'Z' and 'a'..'z' onto 'a'..'z'), then ^_` 0-9 #$%&' *+-. (less ,)
// ! | ~.
var validHeaderNameKernel = func() *scanKernel {
	lo, hi := ascii.Nibbles(&ascii.Tchar)
	aL, lL := rangeK('a', 'z')
	aH, lH := rangeK('^', '`')
	aD, lD := rangeK('0', '9')
	aP, lP := rangeK('#', '\'')
	aS, lS := rangeK('*', '.')
	return &scanKernel{
		name:  "validHeaderName",
		doc:   "reports whether s is not empty and every byte of it is a tchar.",
		sig:   "func(s string) bool",
		nin:   1,
		avx2K: [][16]byte{lo, hi, splat(0x0f)},
		// Registers: the OR mask and the five adds. Limits and single
		// bytes are loaded from memory where needed (the load is also
		// the copy that the destructive compare needs).
		sse2K:      [][16]byte{splat(0x20), aL, aH, aD, aP, aS, lL, lH, lD, lP, lS, splat('!'), splat('|'), splat('~'), splat(',')},
		sseReg:     6,
		fullBytes:  true,
		emptyFalse: true,
		table:      ones(func(c byte) bool { return ascii.Tchar[c] }),
		avx2: func(c *Context, k []Register, _ []Mem, in []Register, tmp func() Register) Register {
			v := in[0]
			l, h, z := tmp(), tmp(), tmp()
			c.VPSHUFB(v, k[0], l) // bytes >= 0x80 give 0: not tchars
			c.VPSRLW(U8(4), v, h)
			c.VPAND(k[2], h, h)
			c.VPSHUFB(h, k[1], h)
			c.VPAND(h, l, l)
			c.VPXOR(z, z, z)
			c.VPCMPEQB(z, l, l) // bad = no bit in common
			return l
		},
		sse2: func(c *Context, k []Register, m []Mem, in []Register, tmp func() Register) Register {
			v := in[0]
			// rng returns lo <= u <= hi for add k[ai] and limit m[li].
			rng := func(u Register, ai, li int) Register {
				t, r := tmp(), tmp()
				c.MOVO(u, t)
				c.PADDB(k[ai], t)
				c.MOVOU(m[li], r)
				c.PCMPGTB(t, r)
				return r
			}
			eq := func(mi int) Register {
				r := tmp()
				c.MOVOU(m[mi], r)
				c.PCMPEQB(v, r)
				return r
			}
			u := tmp()
			c.MOVO(v, u)
			c.POR(k[0], u)
			ok := rng(u, 1, 6)
			c.POR(rng(v, 2, 7), ok)
			c.POR(rng(v, 3, 8), ok)
			c.POR(rng(v, 4, 9), ok)
			s := rng(v, 5, 10)
			comma := eq(14)
			c.PANDN(s, comma) // comma = s &^ comma
			c.POR(comma, ok)
			c.POR(eq(11), ok)
			c.POR(eq(12), ok)
			c.POR(eq(13), ok)
			z := tmp()
			c.PXOR(z, z)
			c.PCMPEQB(z, ok) // bad = not in any run
			return ok
		},
	}
}()

func scanFile(k *scanKernel) func(c *Context) {
	return k.gen
}

// ones returns a table with 1 for the bytes f allows and 0 for the others.
func ones(f func(c byte) bool) (t [256]byte) {
	for c := range t {
		if f(byte(c)) {
			t[c] = 1
		}
	}
	return t
}
