package main

import (
	"github.com/hotpath-go/hotpath/gen/internal/emit"
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// lookup writes lookup, the amd64 kernel of Map.Get and Map.GetBytes:
// func(t *table, key string) *entryHdr, declared with package hashmap's own
// types, whose fields it reads at the offsets the compiler gives them
// (loaded with go/types: avo's components for the parameters, emit.Offsetof
// and emit.Sizeof for the group, which no parameter reaches; go/types sizes
// the group's generic atomic.Pointer[entryHdr] slots as the compiler does,
// so no offset is copied by hand and a changed layout shows up as a diff
// when the test command regenerates). It is the
// whole of a read for keys of up to 64 bytes in one call: the package's
// multiply-fold hash (bit for bit the same as hashString), the probe over
// groups with an SSE2 match of 16 control bytes, and the key comparison,
// returning the entry pointer it loaded and compared, or nil. Baseline SSE2
// only, so it serves both amd64 families and reads no family byte.
//
// Registers are physical, so that MULQ's implicit RAX:RDX are under
// control: BX groups, R8 mask, R9 hmask then probe position, R10 step, R11
// group address, SI/CX key data/length, DI seeds (then stored key data), X0
// tag splat, X1 EMPTY splat, X8..X11 the key's 16-byte blocks (length >
// 16), R12/R13 their offsets. Memory is only read: the key (never past its
// length), the seeds, control words and slot pointers of probed groups, and
// candidate entries' keys. The only store is the result.
func lookup(c *Context) {
	pkg := emit.Types("github.com/hotpath-go/hotpath/hashmap")
	emit.TextIn(c, pkg, "lookup", NOSPLIT, "func(t *table, key string) *entryHdr")
	c.Doc("lookup is lookupGeneric for keys of at most lookupMax bytes, in one",
		"call. It uses baseline SSE2 only.")

	// The layout, from the package's types.
	tab := c.Param("t").Dereference(RDX)
	seeds := tab.Field("seed").Field("k")
	seed := func(i int) Mem { // seed.k[i], relative to DI = &seed.k[0]
		return Mem{Base: RDI, Disp: emit.Addr(seeds.Index(i)).Disp - emit.Addr(seeds.Index(0)).Disp}
	}
	group := emit.Named(pkg, "group")
	groupBytes := emit.Sizeof(group)
	ctrlOff := emit.Offsetof(group, "ctrl")
	slotsOff := emit.Offsetof(group, "slots")
	if emit.Sizeof(group)-slotsOff != 16*8 {
		panic("hashmap: group.slots is not 16 pointers at its end, as the probe's Scale: 8 assumes")
	}
	entry := c.ReturnIndex(0).Dereference(RAX) // a candidate's entryHdr, at RAX
	keyData, keyLen := emit.Addr(entry.Field("key").Base()), emit.Addr(entry.Field("key").Len())

	c.Load(c.Param("t"), RDX)
	c.MOVQ(emit.Addr(tab.Field("groups").Base()), RBX)
	c.MOVQ(emit.Addr(tab.Field("mask")), R8)
	c.LEAQ(emit.Addr(seeds.Index(0)), RDI)
	c.MOVQ(emit.Addr(tab.Field("hmask")), R9) // until the hash is done
	c.Load(c.Param("key").Base(), RSI)
	c.Load(c.Param("key").Len(), RCX)

	at := func(base, index Register, disp int) Mem {
		return Mem{Base: base, Index: index, Scale: 1, Disp: disp}
	}
	// fold leaves fold(R10, AX) = hi^lo of R10*AX in AX.
	fold := func() {
		c.MULQ(R10)
		c.XORQ(RDX, RAX)
	}

	c.Comment("Hash: the same length classes and lanes as hashString.")
	c.CMPQ(RCX, U8(32))
	c.JA(LabelRef("h33"))
	c.CMPQ(RCX, U8(16))
	c.JA(LabelRef("h17"))
	c.CMPQ(RCX, U8(8))
	c.JAE(LabelRef("h8"))
	c.CMPQ(RCX, U8(4))
	c.JAE(LabelRef("h4"))
	c.TESTQ(RCX, RCX)
	c.JNE(LabelRef("h1"))

	c.Comment("0 bytes: fold(k0, k1).")
	c.MOVQ(seed(0), R10)
	c.MOVQ(seed(1), RAX)
	fold()
	c.JMP(LabelRef("hashed"))

	c.Label("h1")
	c.Comment("1..3 bytes: first<<16 | middle<<8 | last.")
	c.MOVBQZX(Mem{Base: RSI}, R10)
	c.SHLQ(U8(16), R10)
	c.MOVQ(RCX, R11)
	c.SHRQ(U8(1), R11)
	c.MOVBQZX(at(RSI, R11, 0), R11)
	c.SHLQ(U8(8), R11)
	c.ORQ(R11, R10)
	c.MOVBQZX(at(RSI, RCX, -1), R11)
	c.ORQ(R11, R10)
	c.XORQ(seed(0), R10)
	c.MOVQ(seed(1), RAX)
	c.XORQ(RCX, RAX)
	fold()
	c.JMP(LabelRef("hashed"))

	c.Label("h4")
	c.Comment("4..7 bytes: the first and the last 4, overlapping.")
	c.MOVL(Mem{Base: RSI}, R10.As32())
	c.XORQ(seed(0), R10)
	c.MOVL(at(RSI, RCX, -4), EAX)
	c.XORQ(seed(1), RAX)
	c.XORQ(RCX, RAX)
	fold()
	c.JMP(LabelRef("hashed"))

	c.Label("h8")
	c.Comment("8..16 bytes: the first and the last 8, overlapping.")
	c.MOVQ(Mem{Base: RSI}, R10)
	c.XORQ(seed(0), R10)
	c.MOVQ(at(RSI, RCX, -8), RAX)
	c.XORQ(seed(1), RAX)
	c.XORQ(RCX, RAX)
	fold()
	c.JMP(LabelRef("hashed"))

	// lane folds the words at a and b with seeds ka and kb (and the length
	// into b when withLen) and XORs the result into R12 (or sets it).
	lane := func(a, b Mem, ka, kb int, withLen, first bool) {
		c.MOVQ(a, R10)
		c.XORQ(seed(ka), R10)
		c.MOVQ(b, RAX)
		c.XORQ(seed(kb), RAX)
		if withLen {
			c.XORQ(RCX, RAX)
		}
		fold()
		if first {
			c.MOVQ(RAX, R12)
		} else {
			c.XORQ(RAX, R12)
		}
	}

	c.Label("h17")
	c.Comment("17..32 bytes: two lanes, the second ending at the last byte.")
	lane(Mem{Base: RSI}, Mem{Base: RSI, Disp: 8}, 0, 1, true, true)
	lane(at(RSI, RCX, -16), at(RSI, RCX, -8), 2, 3, false, false)
	c.MOVQ(R12, RAX)
	c.JMP(LabelRef("hashed"))

	c.Label("h33")
	c.Comment("33..64 bytes: four lanes, the last two ending at the last byte.")
	lane(Mem{Base: RSI}, Mem{Base: RSI, Disp: 8}, 0, 1, true, true)
	lane(Mem{Base: RSI, Disp: 16}, Mem{Base: RSI, Disp: 24}, 2, 3, false, false)
	lane(at(RSI, RCX, -32), at(RSI, RCX, -24), 4, 5, false, false)
	lane(at(RSI, RCX, -16), at(RSI, RCX, -8), 6, 7, false, false)
	c.MOVQ(R12, RAX)

	c.Label("hashed")
	c.Comment("Tag (low 7 bits) and position (the rest), as in find. Splat the",
		"tag and EMPTY to 16 bytes.")
	c.ANDQ(R9, RAX)
	c.MOVQ(RAX, R9)
	c.SHRQ(U8(7), R9)
	c.ANDL(U32(0x7f), EAX)
	c.MOVQ(U64(0x0101010101010101), RDX)
	c.IMULQ(RDX, RAX)
	c.MOVQ(RAX, X0)
	c.PUNPCKLQDQ(X0, X0)
	c.MOVQ(U64(0x8080808080808080), RDX)
	c.MOVQ(RDX, X1)
	c.PUNPCKLQDQ(X1, X1)

	c.Comment("Over 16 bytes, keep the key's four 16-byte blocks in X8..X11:",
		"at 0, n-16, and R12, R13 = 16, n-32 (over 32 bytes) or 0, n-16.")
	c.CMPQ(RCX, U8(16))
	c.JBE(LabelRef("probe"))
	c.MOVOU(Mem{Base: RSI}, X8)
	c.MOVOU(at(RSI, RCX, -16), X9)
	c.XORQ(R12, R12)
	c.LEAQ(Mem{Base: RCX, Disp: -16}, R13)
	c.CMPQ(RCX, U8(32))
	c.JBE(LabelRef("blocks"))
	c.MOVQ(U32(16), R12)
	c.LEAQ(Mem{Base: RCX, Disp: -32}, R13)
	c.Label("blocks")
	c.MOVOU(at(RSI, R12, 0), X10)
	c.MOVOU(at(RSI, R13, 0), X11)

	c.Label("probe")
	c.MOVL(U32(1), R10.As32())

	c.Label("group")
	c.Comment("Match the group's 16 control bytes (loaded unaligned) against the",
		"tag (DX) and EMPTY (X3, gathered only when no candidate matches).")
	c.MOVQ(R9, R11)
	c.ANDQ(R8, R11)
	c.IMUL3Q(U32(groupBytes), R11, R11)
	c.ADDQ(RBX, R11)
	c.MOVOU(Mem{Base: R11, Disp: ctrlOff}, X2)
	c.MOVO(X2, X3)
	c.PCMPEQB(X0, X2)
	c.PCMPEQB(X1, X3)
	c.PMOVMSKB(X2, EDX)
	c.TESTL(EDX, EDX)
	c.JZ(LabelRef("nomatch"))

	c.Label("cand")
	c.Comment("Candidate slot: load its entry; skip nil (deleted under us) and",
		"other lengths; then compare the keys by length class.")
	c.BSFL(EDX, EAX)
	c.MOVQ(Mem{Base: R11, Index: RAX, Scale: 8, Disp: slotsOff}, RAX)
	c.TESTQ(RAX, RAX)
	c.JZ(LabelRef("next"))
	c.CMPQ(keyLen, RCX)
	c.JNE(LabelRef("next"))
	c.MOVQ(keyData, RDI)
	c.CMPQ(RCX, U8(16))
	c.JA(LabelRef("cmp17"))
	c.CMPQ(RCX, U8(8))
	c.JAE(LabelRef("cmp8"))
	c.CMPQ(RCX, U8(4))
	c.JAE(LabelRef("cmp4"))
	c.TESTQ(RCX, RCX)
	c.JZ(LabelRef("found"))

	c.Comment("1..3 bytes: first, middle, last.")
	c.MOVB(Mem{Base: RDI}, R12.As8())
	c.CMPB(R12.As8(), Mem{Base: RSI})
	c.JNE(LabelRef("next"))
	c.MOVQ(RCX, R13)
	c.SHRQ(U8(1), R13)
	c.MOVB(at(RDI, R13, 0), R12.As8())
	c.CMPB(R12.As8(), at(RSI, R13, 0))
	c.JNE(LabelRef("next"))
	c.MOVB(at(RDI, RCX, -1), R12.As8())
	c.CMPB(R12.As8(), at(RSI, RCX, -1))
	c.JNE(LabelRef("next"))
	c.JMP(LabelRef("found"))

	c.Label("cmp4")
	c.MOVL(Mem{Base: RDI}, R12.As32())
	c.CMPL(R12.As32(), Mem{Base: RSI})
	c.JNE(LabelRef("next"))
	c.MOVL(at(RDI, RCX, -4), R12.As32())
	c.CMPL(R12.As32(), at(RSI, RCX, -4))
	c.JNE(LabelRef("next"))
	c.JMP(LabelRef("found"))

	c.Label("cmp8")
	c.MOVQ(Mem{Base: RDI}, R12)
	c.CMPQ(R12, Mem{Base: RSI})
	c.JNE(LabelRef("next"))
	c.MOVQ(at(RDI, RCX, -8), R12)
	c.CMPQ(R12, at(RSI, RCX, -8))
	c.JNE(LabelRef("next"))
	c.JMP(LabelRef("found"))

	c.Label("cmp17")
	c.Comment("17..64 bytes: the four blocks, against X8..X11.")
	c.MOVOU(Mem{Base: RDI}, X4)
	c.PCMPEQB(X8, X4)
	c.MOVOU(at(RDI, RCX, -16), X5)
	c.PCMPEQB(X9, X5)
	c.PAND(X5, X4)
	c.MOVOU(at(RDI, R12, 0), X5)
	c.PCMPEQB(X10, X5)
	c.PAND(X5, X4)
	c.MOVOU(at(RDI, R13, 0), X5)
	c.PCMPEQB(X11, X5)
	c.PAND(X5, X4)
	c.PMOVMSKB(X4, EDI)
	c.CMPL(EDI, U32(0xffff))
	c.JE(LabelRef("found"))

	c.Label("next")
	c.LEAL(Mem{Base: RDX, Disp: -1}, EDI)
	c.ANDL(EDI, EDX)
	c.JNZ(LabelRef("cand"))

	c.Label("nomatch")
	c.Comment("A group with an EMPTY slot ends the probe; otherwise move on",
		"(triangular), at most mask+1 groups in all.")
	c.PMOVMSKB(X3, EDI)
	c.TESTL(EDI, EDI)
	c.JNZ(LabelRef("miss"))
	c.ADDQ(R10, R9)
	c.CMPQ(R10, R8)
	c.LEAQ(Mem{Base: R10, Disp: 1}, R10) // unlike INCQ, keeps the flags
	c.JBE(LabelRef("group"))

	c.Label("miss")
	c.XORL(EAX, EAX)
	c.Label("found")
	c.Store(RAX, c.ReturnIndex(0))
	c.RET()
}
