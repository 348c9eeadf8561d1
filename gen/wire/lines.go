package main

import (
	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/gen/internal/emit"
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// The batch scan, func lines(p *byte, n int, out *uint32, max int) int:
// from p[0], the start of a field line, it takes plain lines (defined by
// linesGeneric in wire/lines.go), at most max, and writes four uint32
// offsets per line to out (line start, colon, value start, CR). It returns
// how many it took.
//
// A line is read in 32-byte blocks (one YMM, or two XMMs): the first
// gives both masks, so the colon is the first non-tchar; later blocks the
// stop mask only, and the last 1..31 bytes are the block that ends at
// p+n, less the bytes already seen. Every load lies inside p[:n] (a line
// is taken only when 32 bytes remain from its start). The scalar checks
// (CR LF, one SP, no SP at either end of the value) read single
// bytes below n. The stores go to out, a Go array of uint32 on the
// caller's stack: no pointers there.

// block is a family's view of one 32-byte block.
type block struct {
	pre string
	// both loads the block at m and sets nt and st to its non-tchar and
	// stop masks (32 bits each).
	both func(m Mem, nt, st GPVirtual)
	// stops loads the block at m and sets st to its stop mask.
	stops func(m Mem, st GPVirtual)
	done  func() // before RET
}

func lines(c *Context) {
	tlo, thi := tcharLUT()
	common := data(c, "linesCommon", splat(0x7f), tlo, thi, splat(0x0f))
	tch := data(c, "linesTchar", sse2TcharRows()...)
	ctl := data(c, "linesCtl", splat(0x1f))
	emit.Text(c, "lines", NOSPLIT, "func(p *byte, n int, out *uint32, max int) int")
	c.Doc("lines takes a run of plain field lines from p[:n], at most max, writing",
		"four offsets per line to out; see linesGeneric. It runs the AVX2 kernel",
		"when kernel == asm.AVX2, else the SSE2 one.")
	p := c.Load(c.Param("p"), GP64()).(GPVirtual)
	n := c.Load(c.Param("n"), GP64()).(GPVirtual)
	out := c.Load(c.Param("out"), GP64()).(GPVirtual)
	max := c.Load(c.Param("max"), GP64()).(GPVirtual)
	emit.UnlessFamily(c, asm.AVX2, "sse2")

	c.Comment("AVX2: a block is one YMM. A plain line's stop bytes (setPlain) are",
		"min(v, 0x1f) == v, and DEL.")
	k := avx2Preds{del: YMM(), lo: YMM(), hi: YMM(), nib: YMM(), zero: YMM()}
	c.VBROADCASTI128(common, k.del)
	c.VBROADCASTI128(common.Offset(16), k.lo)
	c.VBROADCASTI128(common.Offset(32), k.hi)
	c.VBROADCASTI128(common.Offset(48), k.nib)
	c.VPXOR(k.zero, k.zero, k.zero)
	k1f := YMM()
	c.VBROADCASTI128(ctl, k1f)
	v := YMM()
	stops := func(st GPVirtual) {
		t, d := YMM(), YMM()
		c.VPMINUB(k1f, v, t)
		c.VPCMPEQB(v, t, t)
		c.VPCMPEQB(k.del, v, d)
		c.VPOR(d, t, t)
		c.VPMOVMSKB(t, st.As32())
	}
	linesWalk(c, p, n, out, max, block{
		pre: "avx2",
		both: func(m Mem, nt, st GPVirtual) {
			c.VMOVDQU(m, v)
			k.nontchar(c, v, nt)
			stops(st)
		},
		stops: func(m Mem, st GPVirtual) {
			c.VMOVDQU(m, v)
			stops(st)
		},
		done: func() { c.VZEROUPPER() },
	})

	c.Label("sse2")
	c.Comment("SSE2: a block is two XMMs, their 16-bit masks joined.")
	s := sse2Preds{del: XMM(), tch: tch}
	c.MOVOU(common, s.del)
	x1f := XMM()
	c.MOVOU(ctl, x1f)
	lo, hi := XMM(), XMM()
	sstop := func(x Register, st GPVirtual) {
		t, d := XMM(), XMM()
		c.MOVO(x, t)
		c.PMINUB(x1f, t)
		c.PCMPEQB(x, t)
		c.MOVO(x, d)
		c.PCMPEQB(s.del, d)
		c.POR(d, t)
		c.PMOVMSKB(t, st.As32())
	}
	join := func(f func(Register, GPVirtual), dst GPVirtual) {
		t := GP64()
		f(lo, dst)
		f(hi, t)
		c.SHLL(U8(16), t.As32())
		c.ORL(t.As32(), dst.As32())
	}
	load := func(m Mem) {
		c.MOVOU(m, lo)
		c.MOVOU(m.Offset(16), hi)
	}
	linesWalk(c, p, n, out, max, block{
		pre: "sse2",
		both: func(m Mem, nt, st GPVirtual) {
			load(m)
			join(func(x Register, d GPVirtual) { s.nontchar(c, x, d) }, nt)
			join(sstop, st)
		},
		stops: func(m Mem, st GPVirtual) {
			load(m)
			join(sstop, st)
		},
		done: func() {},
	})
}

// linesWalk writes one family's loop over the lines.
func linesWalk(c *Context, p, n, out, max GPVirtual, b block) {
	l := func(s string) string { return b.pre + "_" + s }
	count, s, col, e, val, i, t := GP64(), GP64(), GP64(), GP64(), GP64(), GP64(), GP64()
	nt, st := GP64(), GP64()
	c.XORQ(count, count)
	c.XORQ(s, s)

	c.Label(l("line"))
	c.Comment("A line at s: stop at max lines, or with fewer than 32 bytes left.")
	c.CMPQ(count, max)
	c.JGE(LabelRef(l("done")))
	c.MOVQ(n, t)
	c.SUBQ(s, t)
	c.CMPQ(t, U8(32))
	c.JL(LabelRef(l("done")))
	b.both(Mem{Base: p, Index: s, Scale: 1}, nt, st)
	c.Comment("The name: 1..31 tchars, then the colon.")
	c.TESTQ(nt, nt)
	c.JEQ(LabelRef(l("done")))
	c.BSFQ(nt, col)
	c.TESTQ(col, col)
	c.JEQ(LabelRef(l("done")))
	c.ADDQ(s, col)
	c.CMPB(Mem{Base: p, Index: col, Scale: 1}, U8(':'))
	c.JNE(LabelRef(l("done")))
	c.Comment("The first stop byte: in this block (none lies before the colon), or later.")
	c.TESTQ(st, st)
	c.JEQ(LabelRef(l("more")))
	c.BSFQ(st, e)
	c.ADDQ(s, e)
	c.JMP(LabelRef(l("crlf")))

	c.Label(l("more"))
	c.LEAQ(Mem{Base: s, Disp: 32}, i)
	c.Label(l("more_loop"))
	c.MOVQ(n, t)
	c.SUBQ(i, t)
	c.CMPQ(t, U8(32))
	c.JL(LabelRef(l("more_tail")))
	b.stops(Mem{Base: p, Index: i, Scale: 1}, st)
	c.TESTQ(st, st)
	c.JNE(LabelRef(l("more_found")))
	c.ADDQ(U8(32), i)
	c.JMP(LabelRef(l("more_loop")))
	c.Label(l("more_found"))
	c.BSFQ(st, e)
	c.ADDQ(i, e)
	c.JMP(LabelRef(l("crlf")))

	c.Label(l("more_tail"))
	c.Comment("The last t (0..31) bytes: the block that ends at p+n, bits of the",
		"32-t bytes already seen cleared.")
	c.TESTQ(t, t)
	c.JEQ(LabelRef(l("done")))
	b.stops(Mem{Base: p, Index: n, Scale: 1, Disp: -32}, st)
	above(c, 32, t, st)
	c.TESTQ(st, st)
	c.JEQ(LabelRef(l("done")))
	c.BSFQ(st, e)
	c.LEAQ(Mem{Base: e, Index: n, Scale: 1, Disp: -32}, e)

	c.Label(l("crlf"))
	c.Comment("The stop byte is a CR, an LF follows it.")
	c.CMPB(Mem{Base: p, Index: e, Scale: 1}, U8('\r'))
	c.JNE(LabelRef(l("done")))
	c.LEAQ(Mem{Base: e, Disp: 1}, t)
	c.CMPQ(t, n)
	c.JGE(LabelRef(l("done")))
	c.CMPB(Mem{Base: p, Index: e, Scale: 1, Disp: 1}, U8('\n'))
	c.JNE(LabelRef(l("done")))

	c.Comment("The value: at most one SP before it, no SP at either end (a plain",
		"line has no HTAB: it would have been its stop byte).")
	c.LEAQ(Mem{Base: col, Disp: 1}, val)
	c.CMPQ(val, e)
	c.JGE(LabelRef(l("trail")))
	c.CMPB(Mem{Base: p, Index: val, Scale: 1}, U8(' '))
	c.JNE(LabelRef(l("trail")))
	c.INCQ(val)
	c.CMPQ(val, e)
	c.JGE(LabelRef(l("trail")))
	c.CMPB(Mem{Base: p, Index: val, Scale: 1}, U8(' '))
	c.JEQ(LabelRef(l("done")))
	c.Label(l("trail"))
	c.CMPQ(e, val)
	c.JLE(LabelRef(l("store")))
	c.CMPB(Mem{Base: p, Index: e, Scale: 1, Disp: -1}, U8(' '))
	c.JEQ(LabelRef(l("done")))

	c.Label(l("store"))
	c.Comment("out[count] = s, colon, value start, CR; the next line after the LF.")
	c.MOVQ(count, t)
	c.SHLQ(U8(4), t)
	c.MOVL(s.As32(), Mem{Base: out, Index: t, Scale: 1})
	c.MOVL(col.As32(), Mem{Base: out, Index: t, Scale: 1, Disp: 4})
	c.MOVL(val.As32(), Mem{Base: out, Index: t, Scale: 1, Disp: 8})
	c.MOVL(e.As32(), Mem{Base: out, Index: t, Scale: 1, Disp: 12})
	c.INCQ(count)
	c.LEAQ(Mem{Base: e, Disp: 2}, s)
	c.JMP(LabelRef(l("line")))

	c.Label(l("done"))
	c.Store(count, c.ReturnIndex(0))
	b.done()
	c.RET()
}
