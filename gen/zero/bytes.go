package main

import (
	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/gen/internal/emit"
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// The kernel reads the package's kernel variable (32-byte AVX2 stores for
// asm.AVX2, else 16-byte SSE2 stores) and asmNTMin (int): from this length
// on, the bulk of the buffer is written with non-temporal (streaming)
// stores.
var ntMin = Mem{Symbol: Symbol{Name: "·asmNTMin"}, Base: StaticBase}

// bytes writes zeroAsm: func(p *byte, n int), which zeroes p[:n] for every
// n >= 0. It only ever stores inside [p, p+n): short lengths take two
// overlapping stores (one from each end), long ones an aligned loop between
// an unaligned head and an unaligned tail that ends exactly at p+n.
//
// It stores zeros with plain MOV/VMOVDQU/VMOVNTDQ and no write barrier, so it
// must only ever be given memory that holds no Go pointers; package zero
// guarantees that by calling it only for []byte and pointer-free types.
func bytes(c *Context) {
	emit.Text(c, "zeroAsm", NOSPLIT, "func(p *byte, n int)")
	c.Doc(
		"zeroAsm sets p[:n] to zero, for any n >= 0. p[:n] must hold no Go",
		"pointers: the stores bypass the write barrier.",
	)
	p := c.Load(c.Param("p"), GP64())
	n := c.Load(c.Param("n"), GP64())

	c.Comment("0..16 bytes: general-purpose stores, two overlapping per size class.")
	c.CMPQ(n, U8(16))
	c.JA(LabelRef("over16"))
	z := GP64()
	c.XORL(z.As32(), z.As32())
	c.CMPQ(n, U8(8))
	c.JB(LabelRef("under8"))
	c.MOVQ(z, Mem{Base: p})
	c.MOVQ(z, Mem{Base: p, Index: n, Scale: 1, Disp: -8})
	c.RET()
	c.Label("under8")
	c.CMPQ(n, U8(4))
	c.JB(LabelRef("under4"))
	c.MOVL(z.As32(), Mem{Base: p})
	c.MOVL(z.As32(), Mem{Base: p, Index: n, Scale: 1, Disp: -4})
	c.RET()
	c.Label("under4")
	c.CMPQ(n, U8(2))
	c.JB(LabelRef("under2"))
	c.MOVW(z.As16(), Mem{Base: p})
	c.MOVW(z.As16(), Mem{Base: p, Index: n, Scale: 1, Disp: -2})
	c.RET()
	c.Label("under2")
	c.TESTQ(n, n)
	c.JE(LabelRef("done"))
	c.MOVB(z.As8(), Mem{Base: p})
	c.Label("done")
	c.RET()

	c.Label("over16")
	emit.UnlessFamily(c, asm.AVX2, "sse2")
	avx2(c, p, n)
	c.Label("sse2")
	sse2(c, p, n)
}

// at is p[n+d], an address relative to the end of the buffer.
func at(p, n Register, d int) Mem { return Mem{Base: p, Index: n, Scale: 1, Disp: d} }

// avx2 zeroes 17.. bytes with 32-byte stores.
func avx2(c *Context, p, n Register) {
	y := YMM()
	x := y.AsX()
	c.Comment("AVX2, 17..32 bytes: two 16-byte stores. A VEX.128 write leaves the")
	c.Comment("upper halves clean, so this path needs no VZEROUPPER.")
	c.VPXOR(x, x, x)
	c.CMPQ(n, U8(32))
	c.JA(LabelRef("avx2over32"))
	c.VMOVDQU(x, Mem{Base: p})
	c.VMOVDQU(x, at(p, n, -16))
	c.RET()

	c.Label("avx2over32")
	c.Comment("33..256 bytes: 2, 4 or 8 stores, half from each end.")
	for _, k := range []struct {
		max   int
		label string
	}{{64, "avx2over64"}, {128, "avx2over128"}, {256, "avx2big"}} {
		c.CMPQ(n, U32(k.max))
		c.JA(LabelRef(k.label))
		for d := 0; d < k.max/2; d += 32 {
			c.VMOVDQU(y, Mem{Base: p, Disp: d})
			c.VMOVDQU(y, at(p, n, -k.max/2+d))
		}
		c.VZEROUPPER()
		c.RET()
		c.Label(k.label)
	}

	c.Comment("Over 256 bytes: an unaligned head store, then 32-byte-aligned stores")
	c.Comment("128 per step while more than 128 remain, then the last 128 bytes")
	c.Comment("unaligned, ending exactly at p+n (they may overlap the loop's).")
	end := GP64()
	c.LEAQ(at(p, n, 0), end)
	c.VMOVDQU(y, Mem{Base: p})
	c.ADDQ(U8(32), p)
	c.ANDQ(I8(-32), p)
	rem := GP64()
	c.MOVQ(end, rem)
	c.SUBQ(p, rem)
	c.CMPQ(n, ntMin)
	c.JAE(LabelRef("avx2stream"))

	c.Label("avx2loop")
	for d := 0; d < 128; d += 32 {
		c.VMOVDQA(y, Mem{Base: p, Disp: d})
	}
	c.ADDQ(U32(128), p)
	c.SUBQ(U32(128), rem)
	c.CMPQ(rem, U32(128))
	c.JA(LabelRef("avx2loop"))

	c.Label("avx2tail")
	for d := -128; d < 0; d += 32 {
		c.VMOVDQU(y, Mem{Base: end, Disp: d})
	}
	c.VZEROUPPER()
	c.RET()

	c.Comment("Huge buffers (asmNTMin and up) would evict the whole cache: stream")
	c.Comment("the aligned middle past it, then fence so the streaming stores are")
	c.Comment("ordered before any later store, as plain stores are.")
	c.Label("avx2stream")
	for d := 0; d < 128; d += 32 {
		c.VMOVNTDQ(y, Mem{Base: p, Disp: d})
	}
	c.ADDQ(U32(128), p)
	c.SUBQ(U32(128), rem)
	c.CMPQ(rem, U32(128))
	c.JA(LabelRef("avx2stream"))
	c.SFENCE()
	c.JMP(LabelRef("avx2tail"))
}

// sse2 zeroes 17.. bytes with 16-byte stores. Legacy-SSE aligned stores
// (MOVO) are only used on addresses the code has aligned itself.
func sse2(c *Context, p, n Register) {
	x := XMM()
	c.Comment("SSE2, 17..128 bytes: 2, 4 or 8 stores, half from each end.")
	c.PXOR(x, x)
	for _, k := range []struct {
		max   int
		label string
	}{{32, "sse2over32"}, {64, "sse2over64"}, {128, "sse2big"}} {
		c.CMPQ(n, U32(k.max))
		c.JA(LabelRef(k.label))
		for d := 0; d < k.max/2; d += 16 {
			c.MOVOU(x, Mem{Base: p, Disp: d})
			c.MOVOU(x, at(p, n, -k.max/2+d))
		}
		c.RET()
		c.Label(k.label)
	}

	c.Comment("Over 128 bytes: an unaligned head store, 16-byte-aligned stores 128")
	c.Comment("per step while more than 128 remain, then the last 128 bytes ending")
	c.Comment("exactly at p+n.")
	end := GP64()
	c.LEAQ(at(p, n, 0), end)
	c.MOVOU(x, Mem{Base: p})
	c.ADDQ(U8(16), p)
	c.ANDQ(I8(-16), p)
	rem := GP64()
	c.MOVQ(end, rem)
	c.SUBQ(p, rem)
	c.CMPQ(rem, U32(128))
	c.JBE(LabelRef("sse2tail"))
	c.CMPQ(n, ntMin)
	c.JAE(LabelRef("sse2stream"))

	c.Label("sse2loop")
	for d := 0; d < 128; d += 16 {
		c.MOVO(x, Mem{Base: p, Disp: d})
	}
	c.ADDQ(U32(128), p)
	c.SUBQ(U32(128), rem)
	c.CMPQ(rem, U32(128))
	c.JA(LabelRef("sse2loop"))

	c.Label("sse2tail")
	for d := -128; d < 0; d += 16 {
		c.MOVOU(x, Mem{Base: end, Disp: d})
	}
	c.RET()

	c.Comment("Huge buffers: streaming stores for the aligned middle, then a fence.")
	c.Label("sse2stream")
	for d := 0; d < 128; d += 16 {
		c.MOVNTO(x, Mem{Base: p, Disp: d})
	}
	c.ADDQ(U32(128), p)
	c.SUBQ(U32(128), rem)
	c.CMPQ(rem, U32(128))
	c.JA(LabelRef("sse2stream"))
	c.SFENCE()
	c.JMP(LabelRef("sse2tail"))
}
