package main

import (
	"fmt"

	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/gen/internal/emit"
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// A scan kernel reads nin inputs of n bytes each, one vector of each
// at a time, computes a "bad" vector whose non-zero bytes mark a failure
// (a byte that is not allowed, or a pair that differs), ORs the bad vectors
// together and returns true iff nothing was bad. The walk is the one the
// equal kernels use: every load lies inside the inputs, and tails are
// vectors that end exactly at the last byte, overlapping bytes already
// seen (re-checking a byte is harmless for these predicates).
type scanKernel struct {
	name   string     // the entry's Go name
	doc    string     // its doc comment, after the name
	sig    string     // its Go signature: (s string) or (a, b *byte, n int), then bool
	nin    int        // number of inputs: 1 (a string) or 2 (pointers, then n)
	avx2K  [][16]byte // the AVX2 body's constants, in both lanes of a register each
	sse2K  [][16]byte // the SSE2 body's constants
	sseReg int        // how many of sse2K (the first) live in registers
	avx2   badFunc    // VEX body; registers are XMM or YMM alike
	sse2   badFunc    // legacy-SSE body (SSE2 only: no PSHUFB)
	// fullBytes says the bad vector's bytes are 0x00 or 0xff, so that its
	// byte mask can be taken as it is; otherwise any non-zero byte is bad.
	fullBytes bool
	// emptyFalse says the empty input is refused (a header name must have a
	// byte); otherwise the predicate holds for it.
	emptyFalse bool
	// table drives the path for one to three bytes, which looks bytes up
	// instead of loading vectors: with one input, table[c] is 1 where c is
	// allowed and 0 where not; with two, it maps each byte to the value
	// both inputs' bytes must agree on.
	table [256]byte
}

// badFunc emits code that computes the bad vector of the input vectors in,
// given the constants k (same width as in) and a way to get temporaries.
// The constants are k (registers) and, for SSE2, m (their symbols: a
// MOVOU from m is both a load and the copy a destructive instruction needs).
type badFunc func(c *Context, k []Register, m []Mem, in []Register, tmp func() Register) Register

// splat is a 16-byte pattern of one byte.
func splat(b byte) (p [16]byte) {
	for i := range p {
		p[i] = b
	}
	return p
}

// data declares the kernel's constants as read-only static symbols.
func (k *scanKernel) data(c *Context, suffix string, consts [][16]byte) []Mem {
	var ms []Mem
	for i, p := range consts {
		m := c.StaticGlobal(fmt.Sprintf("%s%s_k%d", k.name, suffix, i))
		c.DataAttributes(RODATA | NOPTR)
		for j := 0; j < 16; j += 8 {
			var w uint64
			for b := 7; b >= 0; b-- {
				w = w<<8 | uint64(p[j+b])
			}
			c.AppendDatum(U64(w))
		}
		ms = append(ms, m)
	}
	return ms
}

func (k *scanKernel) loadArgs(c *Context) ([]Register, Register) {
	if k.nin == 1 {
		s := c.ParamIndex(0)
		return []Register{c.Load(s.Base(), GP64())}, c.Load(s.Len(), GP64())
	}
	ps := make([]Register, k.nin)
	for i := range ps {
		ps[i] = c.Load(c.ParamIndex(i), GP64())
	}
	return ps, c.Load(c.ParamIndex(k.nin), GP64())
}

// at is the memory operand disp(p) or, indexed, disp(p)(n*1).
func at(p, n Register, disp int, indexed bool) Mem {
	m := Mem{Base: p, Disp: disp}
	if indexed {
		m.Index, m.Scale = n, 1
	}
	return m
}

// gen writes the entry k.name: it loads the arguments, then runs the AVX2
// body when package variable kernel says avx2 and the SSE2 body otherwise.
// The choice is made in assembly so that Go reaches a kernel with one call.
func (k *scanKernel) gen(c *Context) {
	avx2 := k.data(c, "AVX2", k.avx2K)
	sse2 := k.data(c, "SSE2", k.sse2K)
	masks := shortMasks(c, k.name)
	table := c.StaticGlobal(k.name + "Table")
	c.DataAttributes(RODATA | NOPTR)
	for i := 0; i < 256; i += 8 {
		var w uint64
		for b := 7; b >= 0; b-- {
			w = w<<8 | uint64(k.table[i+b])
		}
		c.AppendDatum(U64(w))
	}
	emit.Text(c, k.name, NOSPLIT, k.sig)
	c.Doc(k.name+" "+k.doc,
		"It runs the AVX2 kernel when kernel == asm.AVX2, else the SSE2 one.")
	ps, n := k.loadArgs(c)
	k.short(c, avx2, sse2, masks, table, ps, n)
	emit.UnlessFamily(c, asm.AVX2, "sse2")
	k.bodyAVX2(c, avx2, ps, n)
	c.Label("sse2")
	k.bodySSE2(c, sse2, ps, n)
}

// shortMasks declares the masks the short path ANDs with PMOVMSKB's 16
// bits, for n = 0..16: at 2n, the low n bits (a vector loaded from p); at
// highMasks+2n, the high n bits (a vector that ends at p+n).
func shortMasks(c *Context, name string) Mem {
	m := c.StaticGlobal(name + "Masks")
	c.DataAttributes(RODATA | NOPTR)
	for n := 0; n <= 16; n++ {
		c.AppendDatum(U16(uint16(1<<n - 1)))
	}
	for n := 0; n <= 16; n++ {
		c.AppendDatum(U16(uint16(0xffff << (16 - n))))
	}
	return m
}

// highMasks is the offset of the high-bit masks in shortMasks.
const highMasks = 2 * 17

// short writes the path for inputs of n <= 16 bytes, so that the Go side
// can call the kernel for every length (one call, no Go frame): tiny's
// table lookups up to three bytes, then one 16-byte vector of each input
// that may extend past the input but never past the input's page: from p when p is at least 16 bytes before
// the end of its page, else the 16 bytes that end at p+n (then p is within
// the last 15 bytes of its page, so p+n-16 is in the same page as p). The
// bytes outside the input are masked off the bad bits. Two inputs must be
// read the same way to line up; when one can only be read from its start
// and the other only up to its end, a byte loop compares them.
func (k *scanKernel) short(c *Context, avx2, sse2 []Mem, masks, table Mem, ps []Register, n Register) {
	r := GP8()
	k.tiny(c, table, ps, n, r)
	c.CMPQ(n, U8(16))
	c.JA(LabelRef("long"))
	c.Comment("4..16 bytes: one vector of each input that stays inside its page",
		"(see the Go generator for why), bad bits outside [:n] masked off.")
	m := GP32()
	mp := GP64()
	c.LEAQ(masks, mp)
	ts := make([]Register, len(ps))
	for i, p := range ps {
		ts[i] = GP32()
		c.MOVL(p.(GPVirtual).As32(), ts[i])
		c.ANDL(U32(0xfff), ts[i])
	}
	// fromStart jumps to label unless every input may be read from its
	// start; fromEnd likewise for reading up to its end.
	fromStart := func(label string) {
		for _, t := range ts {
			c.CMPL(t, U32(0xff0))
			c.JA(LabelRef(label))
		}
	}
	fromEnd := func(label string) {
		for _, t := range ts {
			c.CMPL(t, U8(16))
			c.JB(LabelRef(label))
		}
	}
	emit.UnlessFamily(c, asm.AVX2, "sse2_short")
	for _, fam := range []string{"avx2", "sse2"} {
		if fam == "sse2" {
			c.Label("sse2_short")
		}
		// one compares the vectors at disp from each input (indexed by n
		// when end), its bad bits into m, masked by the mask at
		// mdisp(mp)(n*2).
		one := func(disp int, end bool, mdisp int) {
			in := make([]Register, len(ps))
			var b Register
			if fam == "avx2" {
				kx := make([]Register, len(avx2))
				for i, cm := range avx2 {
					kx[i] = XMM()
					c.VMOVDQU(cm, kx[i])
				}
				for i, p := range ps {
					in[i] = XMM()
					c.VMOVDQU(at(p, n, disp, end), in[i])
				}
				b = k.avx2(c, kx, avx2, in, func() Register { return XMM() })
				if !k.fullBytes {
					z := XMM()
					c.VPXOR(z, z, z)
					c.VPCMPEQB(z, b, b)
				}
				c.VPMOVMSKB(b, m)
			} else {
				kx := make([]Register, k.sseReg)
				for i := range kx {
					kx[i] = XMM()
					c.MOVOU(sse2[i], kx[i])
				}
				for i, p := range ps {
					in[i] = XMM()
					c.MOVOU(at(p, n, disp, end), in[i])
				}
				b = k.sse2(c, kx, sse2, in, func() Register { return XMM() })
				if !k.fullBytes {
					z := XMM()
					c.PXOR(z, z)
					c.PCMPEQB(z, b)
				}
				c.PMOVMSKB(b, m)
			}
			if !k.fullBytes {
				c.XORL(U32(0xffff), m) // equal bytes were the set bits
			}
			c.ANDW(Mem{Base: mp, Index: n, Scale: 2, Disp: mdisp}, m.As16())
			c.SETEQ(r)
			c.Store(r, c.ReturnIndex(0))
			c.RET()
		}
		fromStart(fam + "_short_end")
		one(0, false, 0)
		c.Label(fam + "_short_end")
		if len(ps) > 1 {
			fromEnd("bytes")
		}
		one(-16, true, highMasks)
	}
	if len(ps) > 1 {
		k.byteLoop(c, ps, n)
	}
	c.Label("empty")
	c.MOVB(U8(1), r)
	c.Store(r, c.ReturnIndex(0))
	c.RET()
	c.Label("false")
	c.MOVB(U8(0), r)
	c.Store(r, c.ReturnIndex(0))
	c.RET()
	c.Label("long")
}

// tiny writes the path for one to three bytes: the first, middle and last
// byte of each input (n/2 and n-1 are 0 for n == 1) looked up in table.
// Three byte loads beat a vector's page check, constants and mask here,
// and a short header is the common case.
func (k *scanKernel) tiny(c *Context, table Mem, ps []Register, n Register, r GPVirtual) {
	c.Comment("0..3 bytes: the first, middle and last byte through the table",
		"(n/2 and n-1 are 0 for n == 1; nothing to read for n == 0, where the",
		"pointer may be nil). Tested first: short headers are the common case.")
	c.CMPQ(n, U8(3))
	c.JA(LabelRef("vector"))
	c.TESTQ(n, n)
	if k.emptyFalse {
		c.JEQ(LabelRef("false"))
	} else {
		c.JEQ(LabelRef("empty"))
	}
	t := GP64()
	c.LEAQ(table, t)
	if len(ps) == 1 {
		// One input: the three lookups ANDed, no branch.
		h := GP64()
		c.MOVQ(n, h)
		c.SHRQ(U8(1), h)
		x := []GPVirtual{GP32(), GP32(), GP32()}
		c.MOVBLZX(Mem{Base: ps[0]}, x[0])
		c.MOVBLZX(Mem{Base: ps[0], Index: h, Scale: 1}, x[1])
		c.MOVBLZX(Mem{Base: ps[0], Index: n, Scale: 1, Disp: -1}, x[2])
		c.MOVB(Mem{Base: t, Index: x[0], Scale: 1}, r)
		c.ANDB(Mem{Base: t, Index: x[1], Scale: 1}, r)
		c.ANDB(Mem{Base: t, Index: x[2], Scale: 1}, r)
		c.Store(r, c.ReturnIndex(0))
		c.RET()
	} else {
		// Two inputs: byte 0, done for n == 1; byte n-1; byte 1 for
		// n == 3. A pair that differs ends it.
		same := func(m func(p Register) Mem) {
			x, y := GP32(), GP32()
			c.MOVBLZX(m(ps[0]), x)
			c.MOVBLZX(m(ps[1]), y)
			c.MOVBLZX(Mem{Base: t, Index: x, Scale: 1}, x)
			c.CMPB(x.As8(), Mem{Base: t, Index: y, Scale: 1})
			c.JNE(LabelRef("false"))
		}
		same(func(p Register) Mem { return Mem{Base: p} })
		c.CMPQ(n, U8(1))
		c.JEQ(LabelRef("empty"))
		same(func(p Register) Mem { return Mem{Base: p, Index: n, Scale: 1, Disp: -1} })
		c.CMPQ(n, U8(3))
		c.JNE(LabelRef("empty"))
		same(func(p Register) Mem { return Mem{Base: p, Disp: 1} })
		c.JMP(LabelRef("empty")) // all agree: true
	}
	c.Label("vector")
}

// byteLoop writes the rare case of two short inputs that cannot be read
// alike (the only two-input scan kernel is equalFold): a byte at a time,
// equal or differing only in the case bit of a letter.
func (k *scanKernel) byteLoop(c *Context, ps []Register, n Register) {
	c.Label("bytes")
	c.Comment("A byte at a time (the inputs straddle pages in ways that one",
		"vector each cannot follow): equal, or x^y == 0x20 and x|0x20 in a..z.")
	i := GP64()
	c.XORQ(i, i)
	x, y := GP32(), GP32()
	c.Label("bytes_loop")
	c.MOVBLZX(Mem{Base: ps[0], Index: i, Scale: 1}, x)
	c.MOVBLZX(Mem{Base: ps[1], Index: i, Scale: 1}, y)
	c.XORL(x, y)
	c.JEQ(LabelRef("bytes_next"))
	c.CMPL(y, U8(0x20))
	c.JNE(LabelRef("false"))
	c.ORL(U8(0x20), x)
	c.SUBL(U8('a'), x)
	c.CMPL(x, U8('z'-'a'))
	c.JA(LabelRef("false"))
	c.Label("bytes_next")
	c.INCQ(i)
	c.CMPQ(i, n)
	c.JB(LabelRef("bytes_loop"))
	c.JMP(LabelRef("empty")) // all equal: true
}

func (k *scanKernel) bodyAVX2(c *Context, ms []Mem, ps []Register, n Register) {
	ky := make([]Register, len(ms))
	kx := make([]Register, len(ms))
	// bad loads one vector of each input at disp (from the end when
	// indexed) and returns its bad vector.
	bad := func(wide bool, disp int, indexed bool) Register {
		in := make([]Register, k.nin)
		for i, p := range ps {
			if wide {
				in[i] = YMM()
			} else {
				in[i] = XMM()
			}
			c.VMOVDQU(at(p, n, disp, indexed), in[i])
		}
		if wide {
			return k.avx2(c, ky, ms, in, func() Register { return YMM() })
		}
		return k.avx2(c, kx, ms, in, func() Register { return XMM() })
	}
	r := GP8()

	c.Comment("AVX2. 16..32 bytes: two 16-byte vectors, the second ending at the",
		"last byte, with the constants in XMM registers only (the short path",
		"is the common one: no YMM state to set up).")
	c.CMPQ(n, U8(32))
	c.JA(LabelRef("avx2_over32"))
	for i, m := range ms {
		kx[i] = XMM()
		c.VMOVDQU(m, kx[i])
	}
	b0 := bad(false, 0, false)
	b1 := bad(false, -16, true)
	c.VPOR(b1, b0, b0)
	c.VPTEST(b0, b0)
	c.SETEQ(r)
	c.Store(r, c.ReturnIndex(0))
	c.RET()

	acc := YMM()
	c.Label("avx2_over32")
	c.Comment("Over 32 bytes: the constants, each 16-byte pattern in both lanes.")
	for i, m := range ms {
		ky[i] = YMM()
		c.VBROADCASTI128(m, ky[i])
	}
	c.Comment("33..64 bytes: two 32-byte vectors, the second ending at the last byte.")
	c.CMPQ(n, U8(64))
	c.JA(LabelRef("avx2_loop"))
	b0 = bad(true, 0, false)
	b1 = bad(true, -32, true)
	c.VPOR(b1, b0, acc)
	c.JMP(LabelRef("avx2_check"))

	c.Comment("Over 64 bytes: 64 per step while more than 64 remain.")
	c.Label("avx2_loop")
	b0 = bad(true, 0, false)
	b1 = bad(true, 32, false)
	c.VPOR(b1, b0, b0)
	c.VPTEST(b0, b0)
	c.JNE(LabelRef("avx2_fail"))
	for _, p := range ps {
		c.ADDQ(U8(64), p)
	}
	c.SUBQ(U8(64), n)
	c.CMPQ(n, U8(64))
	c.JA(LabelRef("avx2_loop"))

	c.Comment("The last 1..64 bytes: one 64-byte block ending at the last byte,")
	c.Comment("overlapping bytes already checked (n was over 64 at entry).")
	b0 = bad(true, -64, true)
	b1 = bad(true, -32, true)
	c.VPOR(b1, b0, acc)

	c.Label("avx2_check")
	c.VPTEST(acc, acc)
	c.SETEQ(r)
	c.VZEROUPPER()
	c.Store(r, c.ReturnIndex(0))
	c.RET()

	c.Label("avx2_fail")
	c.VZEROUPPER()
	c.XORL(r.As32(), r.As32())
	c.Store(r, c.ReturnIndex(0))
	c.RET()
}

func (k *scanKernel) bodySSE2(c *Context, ms []Mem, ps []Register, n Register) {
	c.Comment("SSE2. Constants. Legacy-SSE memory operands must be 16-byte aligned;")
	c.Comment("MOVOU into registers avoids depending on it.")
	kx := make([]Register, k.sseReg)
	for i := range kx {
		kx[i] = XMM()
		c.MOVOU(ms[i], kx[i])
	}
	bad := func(disp int, indexed bool) Register {
		in := make([]Register, k.nin)
		for i, p := range ps {
			in[i] = XMM()
			c.MOVOU(at(p, n, disp, indexed), in[i])
		}
		return k.sse2(c, kx, ms, in, func() Register { return XMM() })
	}
	// or4 ORs the bad vectors of four 16-byte blocks into acc.
	or4 := func(acc Register, disp [4]int, indexed bool) {
		b0 := bad(disp[0], indexed)
		b1 := bad(disp[1], indexed)
		c.POR(b1, b0)
		b2 := bad(disp[2], indexed)
		b3 := bad(disp[3], indexed)
		c.POR(b3, b2)
		c.POR(b2, b0)
		c.MOVO(b0, acc)
	}
	// allZero sets the flags: equal iff v is all zero bytes.
	m := GP32()
	allZero := func(v Register) {
		z := XMM()
		c.PXOR(z, z)
		c.PCMPEQB(z, v)
		c.PMOVMSKB(v, m)
		c.CMPL(m, U32(0xffff))
	}
	r := GP8()
	acc := XMM()

	c.Comment("16..32 bytes: two 16-byte vectors, the second ending at the last byte.")
	c.CMPQ(n, U8(32))
	c.JA(LabelRef("sse2_over32"))
	b0 := bad(0, false)
	b1 := bad(-16, true)
	c.POR(b1, b0)
	c.MOVO(b0, acc)
	c.JMP(LabelRef("sse2_check"))

	c.Label("sse2_over32")
	c.Comment("33..64 bytes: the first 32 and the last 32, overlapping.")
	c.CMPQ(n, U8(64))
	c.JA(LabelRef("sse2_loop"))
	b0 = bad(0, false)
	b1 = bad(16, false)
	c.POR(b1, b0)
	b2 := bad(-32, true)
	b3 := bad(-16, true)
	c.POR(b3, b2)
	c.POR(b2, b0)
	c.MOVO(b0, acc)
	c.JMP(LabelRef("sse2_check"))

	c.Comment("Over 64 bytes: 64 per step while more than 64 remain.")
	c.Label("sse2_loop")
	lacc := XMM()
	or4(lacc, [4]int{0, 16, 32, 48}, false)
	allZero(lacc)
	c.JNE(LabelRef("sse2_fail"))
	for _, p := range ps {
		c.ADDQ(U8(64), p)
	}
	c.SUBQ(U8(64), n)
	c.CMPQ(n, U8(64))
	c.JA(LabelRef("sse2_loop"))

	c.Comment("The last 1..64 bytes: one 64-byte block ending at the last byte.")
	or4(acc, [4]int{-64, -48, -32, -16}, true)

	c.Label("sse2_check")
	allZero(acc)
	c.SETEQ(r)
	c.Store(r, c.ReturnIndex(0))
	c.RET()

	c.Label("sse2_fail")
	c.XORL(r.As32(), r.As32())
	c.Store(r, c.ReturnIndex(0))
	c.RET()
}
