package main

import (
	"github.com/hotpath-go/hotpath/gen/internal/emit"
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
)

// ntMin is the length from which the kernel streams the bulk of the buffer
// with non-temporal stores: the runtime's own threshold (32 MiB,
// runtime/memclr_amd64.s), above which a cached clear would evict
// everything else. zero's tests cross it with a buffer of this size.
const ntMin = 32 << 20

// bytes writes the amd64 kernel of zero.Bytes: func(p *byte, n int), which
// zeroes p[:n] for n >= 256 with AVX2 stores. Bytes calls it only on AVX2
// CPUs and only from 2 KiB (zero/bytes.go says why), so it serves one
// family, reads no family variable, and has no short-length paths. It only
// ever stores inside [p, p+n): an unaligned head, an aligned loop, and an
// unaligned tail that ends exactly at p+n.
//
// It stores zeros with plain VMOVDQU/VMOVDQA/VMOVNTDQ and no write barrier,
// so it must only ever be given memory that holds no Go pointers; package
// zero guarantees that by calling it only for []byte and pointer-free
// types.
func bytes(c *Context) {
	emit.Text(c, "bytes", NOSPLIT, "func(p *byte, n int)")
	c.Doc(
		"bytes sets p[:n] to zero with AVX2 stores, for n >= 256. p[:n] must",
		"hold no Go pointers: the stores bypass the write barrier.",
	)
	p := c.Load(c.Param("p"), GP64())
	n := c.Load(c.Param("n"), GP64())
	y := YMM()
	c.VPXOR(y.AsX(), y.AsX(), y.AsX())

	c.Comment("An unaligned head store, then 32-byte-aligned stores 128 per step",
		"while more than 128 remain, then the last 128 bytes unaligned, ending",
		"exactly at p+n (they may overlap the loop's).")
	end := GP64()
	c.LEAQ(Mem{Base: p, Index: n, Scale: 1}, end)
	c.VMOVDQU(y, Mem{Base: p})
	c.ADDQ(U8(32), p)
	c.ANDQ(I8(-32), p)
	rem := GP64()
	c.MOVQ(end, rem)
	c.SUBQ(p, rem)
	c.CMPQ(n, U32(ntMin))
	c.JAE(LabelRef("stream"))

	c.Label("loop")
	for d := 0; d < 128; d += 32 {
		c.VMOVDQA(y, Mem{Base: p, Disp: d})
	}
	c.ADDQ(U32(128), p)
	c.SUBQ(U32(128), rem)
	c.CMPQ(rem, U32(128))
	c.JA(LabelRef("loop"))

	c.Label("tail")
	for d := -128; d < 0; d += 32 {
		c.VMOVDQU(y, Mem{Base: end, Disp: d})
	}
	c.VZEROUPPER()
	c.RET()

	c.Comment("Huge buffers would evict the whole cache: stream the aligned middle",
		"past it, then fence so the streaming stores are ordered before any",
		"later store, as plain stores are.")
	c.Label("stream")
	for d := 0; d < 128; d += 32 {
		c.VMOVNTDQ(y, Mem{Base: p, Disp: d})
	}
	c.ADDQ(U32(128), p)
	c.SUBQ(U32(128), rem)
	c.CMPQ(rem, U32(128))
	c.JA(LabelRef("stream"))
	c.SFENCE()
	c.JMP(LabelRef("tail"))
}
