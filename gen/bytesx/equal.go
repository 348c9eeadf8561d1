package main

import (
	"github.com/hotpath-go/hotpath/gen/internal/emit"
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// equal writes equalAVX2 and equalSSE2: func(a, b *byte, n int) bool, for
// n >= 17 (shorter inputs never reach assembly). Every load lies inside
// [a, a+n) and [b, b+n): tails are handled by overlapping loads that end
// exactly at the last byte, never by reading past it.
func equal(c *Context) {
	equalAVX2(c)
	equalSSE2(c)
}

func equalAVX2(c *Context) {
	emit.Text(c, "equalAVX2", NOSPLIT, "func(a, b *byte, n int) bool")
	c.Doc("equalAVX2 reports whether a[:n] == b[:n]; n >= 17.")
	a := c.Load(c.Param("a"), GP64())
	b := c.Load(c.Param("b"), GP64())
	n := c.Load(c.Param("n"), GP64())
	m := GP32()

	c.Comment("17..32 bytes: two 16-byte loads, the second ending at the last byte.")
	c.CMPQ(n, U8(32))
	c.JA(LabelRef("over32"))
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

	c.Label("over32")
	y0, y1 := YMM(), YMM()
	c.Comment("33..64 bytes: two 32-byte loads, the second ending at the last byte.")
	c.CMPQ(n, U8(64))
	c.JA(LabelRef("loop64"))
	c.VMOVDQU(Mem{Base: a}, y0)
	c.VMOVDQU(Mem{Base: a, Index: n, Scale: 1, Disp: -32}, y1)
	c.VPCMPEQB(Mem{Base: b}, y0, y0)
	c.VPCMPEQB(Mem{Base: b, Index: n, Scale: 1, Disp: -32}, y1, y1)
	c.JMP(LabelRef("check"))

	c.Comment("Over 64 bytes: 64 per step while more than 64 remain.")
	c.Label("loop64")
	c.VMOVDQU(Mem{Base: a}, y0)
	c.VMOVDQU(Mem{Base: a, Disp: 32}, y1)
	c.VPCMPEQB(Mem{Base: b}, y0, y0)
	c.VPCMPEQB(Mem{Base: b, Disp: 32}, y1, y1)
	c.VPAND(y1, y0, y0)
	c.VPMOVMSKB(y0, m)
	c.CMPL(m, U32(0xffffffff))
	c.JNE(LabelRef("differ"))
	c.ADDQ(U8(64), a)
	c.ADDQ(U8(64), b)
	c.SUBQ(U8(64), n)
	c.CMPQ(n, U8(64))
	c.JA(LabelRef("loop64"))

	c.Comment("The last 1..64 bytes: one 64-byte block ending at the last byte,")
	c.Comment("overlapping bytes already compared (n was over 64 at entry).")
	c.VMOVDQU(Mem{Base: a, Index: n, Scale: 1, Disp: -64}, y0)
	c.VMOVDQU(Mem{Base: a, Index: n, Scale: 1, Disp: -32}, y1)
	c.VPCMPEQB(Mem{Base: b, Index: n, Scale: 1, Disp: -64}, y0, y0)
	c.VPCMPEQB(Mem{Base: b, Index: n, Scale: 1, Disp: -32}, y1, y1)

	c.Label("check")
	c.VPAND(y1, y0, y0)
	c.VPMOVMSKB(y0, m)
	c.VZEROUPPER()
	c.CMPL(m, U32(0xffffffff))
	r = GP8()
	c.SETEQ(r)
	c.Store(r, c.ReturnIndex(0))
	c.RET()

	c.Label("differ")
	c.VZEROUPPER()
	r = GP8()
	c.XORL(r.As32(), r.As32())
	c.Store(r, c.ReturnIndex(0))
	c.RET()
}

func equalSSE2(c *Context) {
	emit.Text(c, "equalSSE2", NOSPLIT, "func(a, b *byte, n int) bool")
	c.Doc("equalSSE2 reports whether a[:n] == b[:n]; n >= 17.")
	a := c.Load(c.Param("a"), GP64())
	b := c.Load(c.Param("b"), GP64())
	n := c.Load(c.Param("n"), GP64())
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
	c.JA(LabelRef("over32"))
	cmp(0, Mem{Base: a}, Mem{Base: b})
	cmp(1, Mem{Base: a, Index: n, Scale: 1, Disp: -16}, Mem{Base: b, Index: n, Scale: 1, Disp: -16})
	c.PAND(x[1], x[0])
	c.JMP(LabelRef("check"))

	c.Label("over32")
	c.Comment("33..64 bytes: the first 32 and the last 32, overlapping.")
	c.CMPQ(n, U8(64))
	c.JA(LabelRef("loop64"))
	cmp(0, Mem{Base: a}, Mem{Base: b})
	cmp(1, Mem{Base: a, Disp: 16}, Mem{Base: b, Disp: 16})
	cmp(2, Mem{Base: a, Index: n, Scale: 1, Disp: -32}, Mem{Base: b, Index: n, Scale: 1, Disp: -32})
	cmp(3, Mem{Base: a, Index: n, Scale: 1, Disp: -16}, Mem{Base: b, Index: n, Scale: 1, Disp: -16})
	c.PAND(x[1], x[0])
	c.PAND(x[3], x[2])
	c.PAND(x[2], x[0])
	c.JMP(LabelRef("check"))

	c.Comment("Over 64 bytes: 64 per step while more than 64 remain.")
	c.Label("loop64")
	cmp4([4]int{0, 16, 32, 48}, false)
	c.PMOVMSKB(x[0], m)
	c.CMPL(m, U32(0xffff))
	c.JNE(LabelRef("differ"))
	c.ADDQ(U8(64), a)
	c.ADDQ(U8(64), b)
	c.SUBQ(U8(64), n)
	c.CMPQ(n, U8(64))
	c.JA(LabelRef("loop64"))

	c.Comment("The last 1..64 bytes: one 64-byte block ending at the last byte.")
	cmp4([4]int{-64, -48, -32, -16}, true)

	c.Label("check")
	c.PMOVMSKB(x[0], m)
	c.CMPL(m, U32(0xffff))
	r := GP8()
	c.SETEQ(r)
	c.Store(r, c.ReturnIndex(0))
	c.RET()

	c.Label("differ")
	r = GP8()
	c.XORL(r.As32(), r.As32())
	c.Store(r, c.ReturnIndex(0))
	c.RET()
}
