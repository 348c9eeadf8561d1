package main

import (
	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/gen/internal/emit"
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// equal writes the entry equal: func(a, b *byte, n int) bool, for every n.
// Every load lies inside [a, a+n) and [b, b+n): tails are handled by
// overlapping loads that end exactly at the last byte, never by reading past
// it.
//
// Equal inlines into its caller as a length check and one call of equal,
// as bytes.Equal does with runtime.memequal, so equal takes every length
// itself: up to 16 bytes with general-purpose loads, then the AVX2 or SSE2
// body as package variable kernel says.
func equal(c *Context) {
	emit.Text(c, "equal", NOSPLIT, "func(a, b *byte, n int) bool")
	c.Doc("equal reports whether a[:n] == b[:n]. Above 16 bytes it runs the",
		"AVX2 kernel when kernel == asm.AVX2, else the SSE2 one.")
	a := c.Load(c.Param("a"), GP64())
	b := c.Load(c.Param("b"), GP64())
	n := c.Load(c.Param("n"), GP64())
	r := GP8()

	c.Comment("0..16 bytes: two overlapping loads of 8, 4 or 1 bytes (and a",
		"middle byte for 3), the second ending at the last byte.")
	c.CMPQ(n, U8(16))
	c.JA(LabelRef("vector"))
	x, y := GP64(), GP64()
	c.CMPQ(n, U8(8))
	c.JB(LabelRef("under8"))
	c.MOVQ(Mem{Base: a}, x)
	c.XORQ(Mem{Base: b}, x)
	c.MOVQ(Mem{Base: a, Index: n, Scale: 1, Disp: -8}, y)
	c.XORQ(Mem{Base: b, Index: n, Scale: 1, Disp: -8}, y)
	c.ORQ(y, x)
	c.SETEQ(r)
	c.Store(r, c.ReturnIndex(0))
	c.RET()

	c.Label("under8")
	c.CMPQ(n, U8(4))
	c.JB(LabelRef("under4"))
	c.MOVL(Mem{Base: a}, x.As32())
	c.XORL(Mem{Base: b}, x.As32())
	c.MOVL(Mem{Base: a, Index: n, Scale: 1, Disp: -4}, y.As32())
	c.XORL(Mem{Base: b, Index: n, Scale: 1, Disp: -4}, y.As32())
	c.ORL(y.As32(), x.As32())
	c.SETEQ(r)
	c.Store(r, c.ReturnIndex(0))
	c.RET()

	c.Label("under4")
	c.Comment("0..3 bytes: the first, last and middle byte (n-1 and n/2 are 0 for",
		"n == 1), each XORed with its twin in place; zero-extended, so the OR of",
		"the three is zero when all match.")
	c.TESTQ(n, n)
	c.JEQ(LabelRef("same"))
	c.MOVBLZX(Mem{Base: a}, x.As32())
	c.XORB(Mem{Base: b}, x.As8())
	c.MOVBLZX(Mem{Base: a, Index: n, Scale: 1, Disp: -1}, y.As32())
	c.XORB(Mem{Base: b, Index: n, Scale: 1, Disp: -1}, y.As8())
	c.ORL(y.As32(), x.As32())
	c.SHRQ(U8(1), n)
	c.MOVBLZX(Mem{Base: a, Index: n, Scale: 1}, y.As32())
	c.XORB(Mem{Base: b, Index: n, Scale: 1}, y.As8())
	c.ORL(y.As32(), x.As32())
	c.SETEQ(r)
	c.Store(r, c.ReturnIndex(0))
	c.RET()

	c.Label("same")
	c.MOVB(U8(1), r)
	c.Store(r, c.ReturnIndex(0))
	c.RET()

	c.Label("vector")
	emit.UnlessFamily(c, asm.AVX2, "sse2")
	equalAVX2(c, a, b, n)
	c.Label("sse2")
	equalSSE2(c, a, b, n)
}

func equalAVX2(c *Context, a, b, n Register) {
	c.Comment("AVX2.")
	m := GP32()

	c.Comment("17..32 bytes: two 16-byte loads, the second ending at the last byte.")
	c.CMPQ(n, U8(32))
	c.JA(LabelRef("avx2_over32"))
	x0, x1 := XMM(), XMM()
	c.VMOVDQU(Mem{Base: a}, x0)
	c.VMOVDQU(Mem{Base: a, Index: n, Scale: 1, Disp: -16}, x1)
	c.VPCMPEQB(Mem{Base: b}, x0, x0)
	c.VPCMPEQB(Mem{Base: b, Index: n, Scale: 1, Disp: -16}, x1, x1)
	c.VPAND(x1, x0, x0)
	c.VPMOVMSKB(x0, m)
	c.CMPL(m, U32(0xffff))
	r := GP8()
	c.SETEQ(r)
	c.Store(r, c.ReturnIndex(0))
	c.RET()

	c.Label("avx2_over32")
	y0, y1 := YMM(), YMM()
	c.Comment("33..64 bytes: two 32-byte loads, the second ending at the last byte.")
	c.CMPQ(n, U8(64))
	c.JA(LabelRef("avx2_big"))
	c.VMOVDQU(Mem{Base: a}, y0)
	c.VMOVDQU(Mem{Base: a, Index: n, Scale: 1, Disp: -32}, y1)
	c.VPCMPEQB(Mem{Base: b}, y0, y0)
	c.VPCMPEQB(Mem{Base: b, Index: n, Scale: 1, Disp: -32}, y1, y1)
	c.JMP(LabelRef("avx2_check"))

	c.Comment("Over 128 bytes: 128 per step while more than 128 remain (four",
		"compares, one mask test: the loop that long inputs spend their time in).")
	c.Label("avx2_big")
	c.CMPQ(n, U32(128))
	c.JBE(LabelRef("avx2_loop64"))
	y2, y3 := YMM(), YMM()
	c.Label("avx2_loop128")
	c.VMOVDQU(Mem{Base: a}, y0)
	c.VMOVDQU(Mem{Base: a, Disp: 32}, y1)
	c.VMOVDQU(Mem{Base: a, Disp: 64}, y2)
	c.VMOVDQU(Mem{Base: a, Disp: 96}, y3)
	c.VPCMPEQB(Mem{Base: b}, y0, y0)
	c.VPCMPEQB(Mem{Base: b, Disp: 32}, y1, y1)
	c.VPCMPEQB(Mem{Base: b, Disp: 64}, y2, y2)
	c.VPCMPEQB(Mem{Base: b, Disp: 96}, y3, y3)
	c.VPAND(y1, y0, y0)
	c.VPAND(y3, y2, y2)
	c.VPAND(y2, y0, y0)
	c.VPMOVMSKB(y0, m)
	c.CMPL(m, U32(0xffffffff))
	c.JNE(LabelRef("avx2_differ"))
	c.ADDQ(U32(128), a)
	c.ADDQ(U32(128), b)
	c.SUBQ(U32(128), n)
	c.CMPQ(n, U32(128))
	c.JA(LabelRef("avx2_loop128"))
	c.CMPQ(n, U8(64))
	c.JBE(LabelRef("avx2_tail"))

	c.Comment("Over 64 bytes: 64 per step while more than 64 remain.")
	c.Label("avx2_loop64")
	c.VMOVDQU(Mem{Base: a}, y0)
	c.VMOVDQU(Mem{Base: a, Disp: 32}, y1)
	c.VPCMPEQB(Mem{Base: b}, y0, y0)
	c.VPCMPEQB(Mem{Base: b, Disp: 32}, y1, y1)
	c.VPAND(y1, y0, y0)
	c.VPMOVMSKB(y0, m)
	c.CMPL(m, U32(0xffffffff))
	c.JNE(LabelRef("avx2_differ"))
	c.ADDQ(U8(64), a)
	c.ADDQ(U8(64), b)
	c.SUBQ(U8(64), n)
	c.CMPQ(n, U8(64))
	c.JA(LabelRef("avx2_loop64"))

	c.Comment("The last 1..64 bytes: one 64-byte block ending at the last byte,")
	c.Comment("overlapping bytes already compared (n was over 64 at entry).")
	c.Label("avx2_tail")
	c.VMOVDQU(Mem{Base: a, Index: n, Scale: 1, Disp: -64}, y0)
	c.VMOVDQU(Mem{Base: a, Index: n, Scale: 1, Disp: -32}, y1)
	c.VPCMPEQB(Mem{Base: b, Index: n, Scale: 1, Disp: -64}, y0, y0)
	c.VPCMPEQB(Mem{Base: b, Index: n, Scale: 1, Disp: -32}, y1, y1)

	c.Label("avx2_check")
	c.VPAND(y1, y0, y0)
	c.VPMOVMSKB(y0, m)
	c.VZEROUPPER()
	c.CMPL(m, U32(0xffffffff))
	r = GP8()
	c.SETEQ(r)
	c.Store(r, c.ReturnIndex(0))
	c.RET()

	c.Label("avx2_differ")
	c.VZEROUPPER()
	r = GP8()
	c.XORL(r.As32(), r.As32())
	c.Store(r, c.ReturnIndex(0))
	c.RET()
}

func equalSSE2(c *Context, a, b, n Register) {
	c.Comment("SSE2.")
	m := GP32()
	x := []VecVirtual{XMM(), XMM(), XMM(), XMM()}
	y := []VecVirtual{XMM(), XMM(), XMM(), XMM()}

	// cmp compares 16 bytes of a and b at ma and mb into x[i]. Both sides
	// are loaded with MOVOU: a legacy-SSE PCMPEQB with a memory operand
	// faults unless the address is 16-byte aligned.
	cmp := func(i int, ma, mb Mem) {
		c.MOVOU(ma, x[i])
		c.MOVOU(mb, y[i])
		c.PCMPEQB(y[i], x[i])
	}

	// cmp4 compares four 16-byte blocks at the given offsets from a and b
	// (index n when tail is set) and leaves the AND of the masks in x[0].
	cmp4 := func(disp [4]int, tail bool) {
		for i, d := range disp {
			ma, mb := Mem{Base: a, Disp: d}, Mem{Base: b, Disp: d}
			if tail {
				ma.Index, ma.Scale, mb.Index, mb.Scale = n, 1, n, 1
			}
			cmp(i, ma, mb)
		}
		c.PAND(x[1], x[0])
		c.PAND(x[3], x[2])
		c.PAND(x[2], x[0])
	}

	c.Comment("17..32 bytes: two 16-byte loads, the second ending at the last byte.")
	c.CMPQ(n, U8(32))
	c.JA(LabelRef("sse2_over32"))
	cmp(0, Mem{Base: a}, Mem{Base: b})
	cmp(1, Mem{Base: a, Index: n, Scale: 1, Disp: -16}, Mem{Base: b, Index: n, Scale: 1, Disp: -16})
	c.PAND(x[1], x[0])
	c.JMP(LabelRef("sse2_check"))

	c.Label("sse2_over32")
	c.Comment("33..64 bytes: the first 32 and the last 32, overlapping.")
	c.CMPQ(n, U8(64))
	c.JA(LabelRef("sse2_loop64"))
	cmp(0, Mem{Base: a}, Mem{Base: b})
	cmp(1, Mem{Base: a, Disp: 16}, Mem{Base: b, Disp: 16})
	cmp(2, Mem{Base: a, Index: n, Scale: 1, Disp: -32}, Mem{Base: b, Index: n, Scale: 1, Disp: -32})
	cmp(3, Mem{Base: a, Index: n, Scale: 1, Disp: -16}, Mem{Base: b, Index: n, Scale: 1, Disp: -16})
	c.PAND(x[1], x[0])
	c.PAND(x[3], x[2])
	c.PAND(x[2], x[0])
	c.JMP(LabelRef("sse2_check"))

	c.Comment("Over 64 bytes: 64 per step while more than 64 remain.")
	c.Label("sse2_loop64")
	cmp4([4]int{0, 16, 32, 48}, false)
	c.PMOVMSKB(x[0], m)
	c.CMPL(m, U32(0xffff))
	c.JNE(LabelRef("sse2_differ"))
	c.ADDQ(U8(64), a)
	c.ADDQ(U8(64), b)
	c.SUBQ(U8(64), n)
	c.CMPQ(n, U8(64))
	c.JA(LabelRef("sse2_loop64"))

	c.Comment("The last 1..64 bytes: one 64-byte block ending at the last byte.")
	cmp4([4]int{-64, -48, -32, -16}, true)

	c.Label("sse2_check")
	c.PMOVMSKB(x[0], m)
	c.CMPL(m, U32(0xffff))
	r := GP8()
	c.SETEQ(r)
	c.Store(r, c.ReturnIndex(0))
	c.RET()

	c.Label("sse2_differ")
	r = GP8()
	c.XORL(r.As32(), r.As32())
	c.Store(r, c.ReturnIndex(0))
	c.RET()
}
