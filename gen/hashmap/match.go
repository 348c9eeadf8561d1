package main

import (
	"github.com/hotpath-go/hotpath/gen/internal/emit"
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
)

// match writes matchSSE2 and matchAVX2: func(ctrl *uint64, tag uint8)
// uint32. Each loads the 16 control bytes of one group (two 8-byte words,
// read with one unaligned 16-byte load that touches nothing else) and
// returns bit i set when byte i equals tag and bit 16+i when byte i is EMPTY
// (0x80). Neither writes memory.
func match(c *Context) {
	matchSSE2(c)
	matchAVX2(c)
}

func matchSSE2(c *Context) {
	emit.Text(c, "matchSSE2", NOSPLIT, "func(ctrl *uint64, tag uint8) uint32")
	c.Doc("matchSSE2 matches a group's 16 control bytes against tag and EMPTY",
		"with baseline SSE2 only.")
	p := c.Load(c.Param("ctrl"), GP64())
	t := c.Load(c.Param("tag"), GP64())

	c.Comment("Splat tag and EMPTY to all 16 bytes: multiply by 0x0101..01 and",
		"copy the low quadword up (SSE2 has no byte broadcast).")
	ones := GP64()
	c.MOVQ(U64(0x0101010101010101), ones)
	c.IMULQ(ones, t)
	xt, xe := XMM(), XMM()
	c.MOVQ(t, xt)
	c.PUNPCKLQDQ(xt, xt)
	e := GP64()
	c.MOVQ(U64(0x8080808080808080), e)
	c.MOVQ(e, xe)
	c.PUNPCKLQDQ(xe, xe)

	c.Comment("Load the group unaligned (a legacy-SSE memory operand would have",
		"to be 16-byte aligned), compare, and gather one bit per byte.")
	x := XMM()
	c.MOVOU(Mem{Base: p}, x)
	c.PCMPEQB(x, xt)
	c.PCMPEQB(x, xe)
	mt, me := GP32(), GP32()
	c.PMOVMSKB(xt, mt)
	c.PMOVMSKB(xe, me)
	c.SHLL(U8(16), me)
	c.ORL(me, mt)
	c.Store(mt, c.ReturnIndex(0))
	c.RET()
}

func matchAVX2(c *Context) {
	emit.Text(c, "matchAVX2", NOSPLIT, "func(ctrl *uint64, tag uint8) uint32")
	c.Doc("matchAVX2 is matchSSE2 in VEX encoding, with byte broadcasts for",
		"the splats; it touches no YMM register, so needs no VZEROUPPER.")
	p := c.Load(c.Param("ctrl"), GP64())
	t := c.Load(c.Param("tag"), GP32())

	c.Comment("Splat tag and EMPTY to all 16 bytes.")
	xt, xe := XMM(), XMM()
	c.VMOVD(t, xt)
	c.VPBROADCASTB(xt, xt)
	e := GP32()
	c.MOVL(U32(0x80), e)
	c.VMOVD(e, xe)
	c.VPBROADCASTB(xe, xe)

	c.Comment("Load the group, compare, and gather one bit per byte.")
	x := XMM()
	c.VMOVDQU(Mem{Base: p}, x)
	c.VPCMPEQB(x, xt, xt)
	c.VPCMPEQB(x, xe, xe)
	mt, me := GP32(), GP32()
	c.VPMOVMSKB(xt, mt)
	c.VPMOVMSKB(xe, me)
	c.SHLL(U8(16), me)
	c.ORL(me, mt)
	c.Store(mt, c.ReturnIndex(0))
	c.RET()
}
