package main

import (
	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/gen/internal/emit"
	"github.com/hotpath-go/hotpath/internal/ascii"
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// The line scan, func scan(p *byte, n int, set int) (tok, end int): for
// p[:n], tok is the index of the first byte that is not a tchar and end
// the index of the first byte in stop set set (n when there is none). The
// Go reference is scanGeneric in wire/scan.go, which says what the sets
// are.
//
// A stop byte is found with one signed compare: good bytes are
// (v + add) <s lim, plus the byte ex, minus DEL; the stop bytes are the
// rest. Set 0 (field lines): add 0x60, lim 0x60 keeps 0x20..0xff, ex lets
// HTAB through. Set 1 (request-target): add 0x5f, lim 0xde keeps
// 0x21..0x7e; ex is DEL, which is removed again. A non-tchar is found with
// a nibble lookup (AVX2: two PSHUFBs) or range tests (SSE2, which has no
// PSHUFB).
//
// Every stop byte is a non-tchar, so tok <= end, and once tok is found the
// loop tests stop bytes only. Vectors are read at p+i while 32 (16) bytes
// remain; the last 1..31 bytes are read as the vector that ends at p+n,
// whose mask is shifted right over the bytes already seen. A scan of
// fewer bytes than a vector reads one vector from p when that stays inside
// p's page, else the one ending at p+n (then p lies in the last bytes of
// its page, and p+n-32 >= the page's start). Either way no load leaves the
// input's pages, and a set bit at n (BTS) bounds both results by n.

// fieldAdd etc. are the per-set constants, laid out as set*48: add, lim, ex.
var setConsts = [2][3]byte{
	{0x60, 0x60, '\t'},
	{0x5f, 0xde, 0x7f},
}

// tcharLUT returns the nibble tables: lo[l] has bit h set iff byte h<<4|l
// is a tchar; hi[h] is 1<<h for h < 8 and 0 above (no byte >= 0x80 is a
// tchar). lo[v&15] & hi[v>>4] != 0 iff v is a tchar.
func tcharLUT() (lo, hi [16]byte) {
	for h := 0; h < 8; h++ {
		hi[h] = 1 << h
		for l := 0; l < 16; l++ {
			if ascii.Tchar[h<<4|l] {
				lo[l] |= 1 << h
			}
		}
	}
	return lo, hi
}

func splat(b byte) (p [16]byte) {
	for i := range p {
		p[i] = b
	}
	return p
}

// rangeK returns the add and limit that test lo <= v <= hi with one signed
// compare: v + add maps lo..hi onto -128..-128+(hi-lo), below the limit.
func rangeK(lo, hi byte) (add, lim [16]byte) {
	return splat(0x80 - lo), splat(0x80 + hi - lo + 1)
}

// data declares a read-only table of 16-byte rows.
func data(c *Context, name string, rows ...[16]byte) Mem {
	m := c.StaticGlobal(name)
	c.DataAttributes(RODATA | NOPTR)
	for _, r := range rows {
		for j := 0; j < 16; j += 8 {
			var w uint64
			for b := 7; b >= 0; b-- {
				w = w<<8 | uint64(r[j+b])
			}
			c.AppendDatum(U64(w))
		}
	}
	return m
}

// The SSE2 tchar constants: letters by range after OR 0x20 (which maps
// 'A'..'Z' and 'a'..'z' onto 'a'..'z' and nothing else there), then the
// runs ^_` 0-9 #$%&' *+,-. (less the comma) and the single bytes ! | ~.
const (
	tOr20 = iota
	tAddL
	tLimL
	tAddH
	tLimH
	tAddD
	tLimD
	tAddP
	tLimP
	tAddS
	tLimS
	tBang
	tPipe
	tTilde
	tComma
)

func sse2TcharRows() [][16]byte {
	aL, lL := rangeK('a', 'z')
	aH, lH := rangeK('^', '`')
	aD, lD := rangeK('0', '9')
	aP, lP := rangeK('#', '\'')
	aS, lS := rangeK('*', '.')
	return [][16]byte{splat(0x20), aL, lL, aH, lH, aD, lD, aP, lP, aS, lS,
		splat('!'), splat('|'), splat('~'), splat(',')}
}

// kernelRegs are the registers a family's body works with.
type kernelRegs struct {
	p, n, i, r, tok, m, t GPVirtual
}

// consts declares the kernels' read-only tables, named after the kernel
// (static symbols are private to their file): the per-set rows, the
// common rows (DEL, the tchar nibble tables, the low-nibble mask) and the
// SSE2 tchar ranges.
func consts(c *Context, name string) (sets, common, tch Mem) {
	var rows [][16]byte
	for _, s := range setConsts {
		rows = append(rows, splat(s[0]), splat(s[1]), splat(s[2]))
	}
	sets = data(c, name+"Sets", rows...)
	lo, hi := tcharLUT()
	common = data(c, name+"Common", splat(0x7f), lo, hi, splat(0x0f))
	tch = data(c, name+"Tchar", sse2TcharRows()...)
	return sets, common, tch
}

func scan(c *Context) {
	sets, common, tch := consts(c, "scan")

	emit.Text(c, "scan", NOSPLIT, "func(p *byte, n int, set int) (tok, end int)")
	c.Doc("scan returns, for p[:n], the index of the first byte that is not a tchar",
		"(tok) and of the first byte in stop set set (end), each n if there is none.",
		"It runs the AVX2 kernel when kernel == asm.AVX2, else the SSE2 one.")
	g := kernelRegs{
		p: c.Load(c.Param("p"), GP64()).(GPVirtual),
		n: c.Load(c.Param("n"), GP64()).(GPVirtual),
	}
	set := c.Load(c.Param("set"), GP64())
	g.i, g.r, g.tok = GP64(), GP64(), GP64()
	g.m, g.t = GP64(), GP64()

	c.Comment("Nothing to read: both results are 0.")
	c.TESTQ(g.n, g.n)
	c.JNE(LabelRef("nonempty"))
	c.Store(g.n, c.Return("tok"))
	c.Store(g.n, c.Return("end"))
	c.RET()
	c.Label("nonempty")
	c.Comment("The set's constants are rows 3*set .. 3*set+2 of scanSets.")
	off := GP64()
	c.LEAQ(Mem{Base: set, Index: set, Scale: 2}, off)
	c.SHLQ(U8(4), off)
	tbl := GP64()
	c.LEAQ(sets, tbl)
	c.ADDQ(off, tbl)
	emit.UnlessFamily(c, asm.AVX2, "sse2")
	avx2(c, g, tbl, common)
	c.Label("sse2")
	sse2(c, g, tbl, common, tch)
}

// body is what differs between the families: the vector width, loading
// one vector, and its two masks.
type body struct {
	pre   string // label prefix
	width int
	// load loads the vector at m.
	load func(m Mem)
	// stop and nontchar set m (t) to the bit mask of the stop bytes
	// (non-tchars) of the vector loaded last.
	stop, nontchar func(dst GPVirtual)
	done           func() // before RET
}

// walk writes the control flow both families share (see the top of this
// file): the name phase, the line phase, the tail and the short input.
func walk(c *Context, g kernelRegs, b body) {
	w := b.width
	l := func(s string) string { return b.pre + "_" + s }
	ret := func(tok, end Register) {
		c.Store(tok, c.Return("tok"))
		c.Store(end, c.Return("end"))
		b.done()
		c.RET()
	}

	c.CMPQ(g.n, U8(w))
	c.JB(LabelRef(l("short")))
	c.XORQ(g.i, g.i)

	c.Comment("Name phase: both masks, while no non-tchar was seen.")
	c.Label(l("name"))
	b.load(Mem{Base: g.p, Index: g.i, Scale: 1})
	b.nontchar(g.t)
	c.TESTQ(g.t, g.t)
	c.JNE(LabelRef(l("name_found")))
	c.ADDQ(U8(w), g.i)
	c.MOVQ(g.n, g.r)
	c.SUBQ(g.i, g.r)
	c.CMPQ(g.r, U8(w))
	c.JAE(LabelRef(l("name")))
	c.JMP(LabelRef(l("tail_name")))

	c.Label(l("name_found"))
	c.Comment("tok is in this vector; so may end be (a stop byte is a non-tchar).")
	b.stop(g.m)
	c.BSFQ(g.t, g.tok)
	c.ADDQ(g.i, g.tok)
	c.TESTQ(g.m, g.m)
	c.JNE(LabelRef(l("end_found")))
	c.ADDQ(U8(w), g.i)

	c.Comment("Line phase: stop bytes only.")
	c.Label(l("line"))
	c.MOVQ(g.n, g.r)
	c.SUBQ(g.i, g.r)
	c.CMPQ(g.r, U8(w))
	c.JB(LabelRef(l("tail_line")))
	b.load(Mem{Base: g.p, Index: g.i, Scale: 1})
	b.stop(g.m)
	c.TESTQ(g.m, g.m)
	c.JNE(LabelRef(l("end_found")))
	c.ADDQ(U8(w), g.i)
	c.JMP(LabelRef(l("line")))

	c.Label(l("end_found"))
	c.BSFQ(g.m, g.m)
	c.ADDQ(g.i, g.m)
	ret(g.tok, g.m)

	c.Comment("The last r = n-i (0..w-1) bytes, tok known: the vector that ends at",
		"p+n, less the w-r bytes already seen (bits below w-r cleared); bit w",
		"bounds end by n.")
	c.Label(l("tail_line"))
	c.TESTQ(g.r, g.r)
	c.JEQ(LabelRef(l("none")))
	b.load(Mem{Base: g.p, Index: g.n, Scale: 1, Disp: -w})
	b.stop(g.m)
	above(c, w, g.r, g.m)
	c.BTSQ(U8(w), g.m)
	c.BSFQ(g.m, g.m)
	c.LEAQ(Mem{Base: g.m, Index: g.n, Scale: 1, Disp: -w}, g.m)
	ret(g.tok, g.m)

	c.Label(l("none"))
	ret(g.tok, g.n)

	c.Comment("Short input (n < w): one vector from p if it stays in p's page",
		"(bit n bounds both results by n), else the one that ends at p+n.")
	c.Label(l("short"))
	pg := GP32()
	c.MOVL(g.p.As32(), pg)
	c.ANDL(U32(0xfff), pg)
	c.CMPL(pg, U32(0x1000-w))
	c.JA(LabelRef(l("short_end")))
	b.load(Mem{Base: g.p})
	b.stop(g.m)
	b.nontchar(g.t)
	c.BTSQ(g.n, g.m)
	c.BTSQ(g.n, g.t)
	c.BSFQ(g.t, g.t)
	c.BSFQ(g.m, g.m)
	ret(g.t, g.m)
	c.Label(l("short_end"))
	c.MOVQ(g.n, g.r)

	c.Comment("The last r = n-i (1..w-1 here, or 0) bytes, tok unknown: both masks of",
		"the vector that ends at p+n, less the bytes already seen; bit w bounds",
		"both results by n.")
	c.Label(l("tail_name"))
	c.TESTQ(g.r, g.r)
	c.JEQ(LabelRef(l("none_name")))
	b.load(Mem{Base: g.p, Index: g.n, Scale: 1, Disp: -w})
	b.stop(g.m)
	b.nontchar(g.t)
	above(c, w, g.r, g.m)
	above(c, w, g.r, g.t)
	c.BTSQ(U8(w), g.m)
	c.BTSQ(U8(w), g.t)
	c.BSFQ(g.t, g.t)
	c.BSFQ(g.m, g.m)
	c.LEAQ(Mem{Base: g.t, Index: g.n, Scale: 1, Disp: -w}, g.t)
	c.LEAQ(Mem{Base: g.m, Index: g.n, Scale: 1, Disp: -w}, g.m)
	ret(g.t, g.m)

	c.Label(l("none_name"))
	ret(g.n, g.n)
}

// above clears the bits of m below w-r, those of bytes already seen when
// a vector ends at p+n and r bytes of it are new: m &= -(1 << (w-r)). The
// register form of BTS takes its bit number from any register, which a
// shift would need in CL.
func above(c *Context, w int, r, m GPVirtual) {
	k, z := GP64(), GP64()
	c.MOVQ(U32(w), k)
	c.SUBQ(r, k)
	c.XORL(z.As32(), z.As32())
	c.BTSQ(k, z)
	c.NEGQ(z)
	c.ANDQ(z, m)
}

// avx2Preds holds the AVX2 constants of one stop set and the tchar test,
// in YMM registers, and emits the two predicates on a 32-byte vector.
type avx2Preds struct{ add, lim, ex, del, lo, hi, nib, zero Register }

// newAVX2Preds loads the constants of the set whose rows tbl points at.
func newAVX2Preds(c *Context, tbl Register, common Mem) avx2Preds {
	k := avx2Preds{YMM(), YMM(), YMM(), YMM(), YMM(), YMM(), YMM(), YMM()}
	c.VBROADCASTI128(Mem{Base: tbl}, k.add)
	c.VBROADCASTI128(Mem{Base: tbl, Disp: 16}, k.lim)
	c.VBROADCASTI128(Mem{Base: tbl, Disp: 32}, k.ex)
	c.VBROADCASTI128(common, k.del)
	c.VBROADCASTI128(common.Offset(16), k.lo)
	c.VBROADCASTI128(common.Offset(32), k.hi)
	c.VBROADCASTI128(common.Offset(48), k.nib)
	c.VPXOR(k.zero, k.zero, k.zero)
	return k
}

// stop sets dst to the bit mask of the stop bytes of v.
func (k avx2Preds) stop(c *Context, v Register, dst GPVirtual) {
	t, e, d := YMM(), YMM(), YMM()
	c.VPADDB(k.add, v, t)
	c.VPCMPGTB(t, k.lim, t) // in range
	c.VPCMPEQB(k.ex, v, e)
	c.VPOR(e, t, t)
	c.VPCMPEQB(k.del, v, d)
	c.VPANDN(t, d, t) // good, less DEL
	c.VPMOVMSKB(t, dst.As32())
	c.NOTL(dst.As32()) // zero-extends: bits 32..63 stay clear
}

// nontchar sets dst to the bit mask of the bytes of v that are not tchars.
func (k avx2Preds) nontchar(c *Context, v Register, dst GPVirtual) {
	l, h := YMM(), YMM()
	c.VPSHUFB(v, k.lo, l) // bytes >= 0x80 give 0: not tchars
	c.VPSRLW(U8(4), v, h)
	c.VPAND(k.nib, h, h)
	c.VPSHUFB(h, k.hi, h)
	c.VPAND(h, l, l)
	c.VPCMPEQB(k.zero, l, l)
	c.VPMOVMSKB(l, dst.As32())
}

// sse2Preds holds the SSE2 constants of one stop set in XMM registers and
// the tchar ranges' symbol, and emits the predicates on a 16-byte vector.
type sse2Preds struct {
	add, lim, ex, del Register
	tch               Mem
}

func newSSE2Preds(c *Context, tbl Register, common, tch Mem) sse2Preds {
	k := sse2Preds{XMM(), XMM(), XMM(), XMM(), tch}
	c.MOVOU(Mem{Base: tbl}, k.add)
	c.MOVOU(Mem{Base: tbl, Disp: 16}, k.lim)
	c.MOVOU(Mem{Base: tbl, Disp: 32}, k.ex)
	c.MOVOU(common, k.del)
	return k
}

func (k sse2Preds) stop(c *Context, v Register, dst GPVirtual) {
	t, gd, e, d := XMM(), XMM(), XMM(), XMM()
	c.MOVO(v, t)
	c.PADDB(k.add, t)
	c.MOVO(k.lim, gd)
	c.PCMPGTB(t, gd) // in range
	c.MOVO(v, e)
	c.PCMPEQB(k.ex, e)
	c.POR(e, gd)
	c.MOVO(v, d)
	c.PCMPEQB(k.del, d)
	c.PANDN(gd, d) // good, less DEL
	c.PMOVMSKB(d, dst.As32())
	c.XORL(U32(0xffff), dst.As32())
}

func (k sse2Preds) nontchar(c *Context, v Register, dst GPVirtual) {
	row := func(i int) Mem { return k.tch.Offset(16 * i) }
	// rng ORs into ok the bytes of u in the range of add row a.
	rng := func(ok, u Register, a int) {
		t, r := XMM(), XMM()
		c.MOVO(u, t)
		c.MOVOU(row(a), r)
		c.PADDB(r, t)
		c.MOVOU(row(a+1), r)
		c.PCMPGTB(t, r)
		c.POR(r, ok)
	}
	eq := func(ok Register, i int) {
		r := XMM()
		c.MOVOU(row(i), r)
		c.PCMPEQB(v, r)
		c.POR(r, ok)
	}
	ok, u := XMM(), XMM()
	c.PXOR(ok, ok)
	c.MOVOU(row(tOr20), u)
	c.POR(v, u)
	rng(ok, u, tAddL)
	rng(ok, v, tAddH)
	rng(ok, v, tAddD)
	rng(ok, v, tAddP)
	// *+-. without the comma.
	s, t, r, cm := XMM(), XMM(), XMM(), XMM()
	c.MOVO(v, t)
	c.MOVOU(row(tAddS), r)
	c.PADDB(r, t)
	c.MOVOU(row(tLimS), s)
	c.PCMPGTB(t, s)
	c.MOVOU(row(tComma), cm)
	c.PCMPEQB(v, cm)
	c.PANDN(s, cm) // cm = s &^ comma
	c.POR(cm, ok)
	eq(ok, tBang)
	eq(ok, tPipe)
	eq(ok, tTilde)
	c.PMOVMSKB(ok, dst.As32())
	c.XORL(U32(0xffff), dst.As32())
}

func avx2(c *Context, g kernelRegs, tbl Register, common Mem) {
	c.Comment("AVX2: the set's constants and the nibble tables, in both lanes.")
	k := newAVX2Preds(c, tbl, common)
	v := YMM()
	walk(c, g, body{
		pre:      "avx2",
		width:    32,
		load:     func(m Mem) { c.VMOVDQU(m, v) },
		stop:     func(dst GPVirtual) { k.stop(c, v, dst) },
		nontchar: func(dst GPVirtual) { k.nontchar(c, v, dst) },
		done:     func() { c.VZEROUPPER() },
	})
}

func sse2(c *Context, g kernelRegs, tbl Register, common, tch Mem) {
	c.Comment("SSE2: the set's constants and DEL in registers; the tchar ranges are",
		"read from memory (MOVOU: legacy-SSE memory operands must be aligned).")
	k := newSSE2Preds(c, tbl, common, tch)
	v := XMM()
	walk(c, g, body{
		pre:      "sse2",
		width:    16,
		load:     func(m Mem) { c.MOVOU(m, v) },
		stop:     func(dst GPVirtual) { k.stop(c, v, dst) },
		nontchar: func(dst GPVirtual) { k.nontchar(c, v, dst) },
		done:     func() {},
	})
}
