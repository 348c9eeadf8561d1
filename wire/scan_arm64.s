//go:build !purego

#include "textflag.h"

// The line scan (see scanGeneric in scan.go for what it returns, and
// gen/wire/scan.go for the amd64 twin, whose walk this one follows):
// 16 bytes per step, tok and end found in one pass.
//
// Stop bytes: v is a stop iff v+add > lim (unsigned) and v != ex, or v is
// DEL. Set 0 (field lines): add 0xe0, lim 0xdf flags 0x00..0x1f, ex lets
// HTAB through. Set 1 (request-target): add 0xdf, lim 0x5d flags all but
// 0x21..0x7e, DEL included, and ex and DEL are not looked at.
//
// Masks: NEON has no PMOVMSKB. SHRN #4 narrows a 0x00/0xff vector to 64
// bits, four per byte, so byte k is found at bit 4k. Go's assembler has
// neither SHRN nor CMHI: both are WORDs (encodings in the macros). No
// byte before a vector's first non-tchar is a stop (every stop byte is a
// non-tchar), so stops are sought only from the vector that holds tok.

// Rows of 16 bytes: per set (48 bytes each) add, lim, ex.
DATA scanSets<>+0(SB)/8, $0xe0e0e0e0e0e0e0e0
DATA scanSets<>+8(SB)/8, $0xe0e0e0e0e0e0e0e0
DATA scanSets<>+16(SB)/8, $0xdfdfdfdfdfdfdfdf
DATA scanSets<>+24(SB)/8, $0xdfdfdfdfdfdfdfdf
DATA scanSets<>+32(SB)/8, $0x0909090909090909
DATA scanSets<>+40(SB)/8, $0x0909090909090909
DATA scanSets<>+48(SB)/8, $0xdfdfdfdfdfdfdfdf
DATA scanSets<>+56(SB)/8, $0xdfdfdfdfdfdfdfdf
DATA scanSets<>+64(SB)/8, $0x5d5d5d5d5d5d5d5d
DATA scanSets<>+72(SB)/8, $0x5d5d5d5d5d5d5d5d
DATA scanSets<>+80(SB)/8, $0x7f7f7f7f7f7f7f7f
DATA scanSets<>+88(SB)/8, $0x7f7f7f7f7f7f7f7f
GLOBL scanSets<>(SB), (RODATA|NOPTR), $96

// DEL; the tchar nibble tables (lo[l] has bit h set iff byte h<<4|l is a
// tchar, hi[h] is 1<<h below 8 and 0 from 8: no byte >= 0x80 is a tchar);
// the low-nibble mask.
DATA scanCommon<>+0(SB)/8, $0x7f7f7f7f7f7f7f7f
DATA scanCommon<>+8(SB)/8, $0x7f7f7f7f7f7f7f7f
DATA scanCommon<>+16(SB)/8, $0xfcfcfcfcfcf8fce8
DATA scanCommon<>+24(SB)/8, $0x70f454d054f4f8f8
DATA scanCommon<>+32(SB)/8, $0x8040201008040201
DATA scanCommon<>+40(SB)/8, $0x0000000000000000
DATA scanCommon<>+48(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA scanCommon<>+56(SB)/8, $0x0f0f0f0f0f0f0f0f
GLOBL scanCommon<>(SB), (RODATA|NOPTR), $64

#define PTR R0   // input
#define LEN R1   // its length
#define SET R2   // stop set
#define I R3     // index of the vector at hand (or of the bytes a tail adds)
#define REM R4   // bytes left from I
#define TOK R5   // first non-tchar, once found
#define SYN R6   // stop mask; then end
#define TMP R7
#define CNT R8   // mask shift of a tail
#define BIT R9

#define ADDK V20
#define LIMK V21
#define EXK V22
#define DELK V23
#define LOK V24
#define HIK V25
#define NIBK V26
#define ZERO V28
#define VX V0    // the vector at hand
#define VS V1    // its stop bytes
#define VT V2    // its non-tchars
#define VU V3    // scratch

// SHRN4(V): V.8b = V.8h >> 4, narrowed: four bits per byte of a 0x00/0xff V.
#define SHRN4(V) WORD $(0x0f0c8400 | (V<<5) | V)

// STOPS sets VS to 0xff for each stop byte of VX; the WORD is
// cmhi VS.16b, VS.16b, LIMK.16b, which is the whole test for set 1 (the
// request-target, scanned once per head): the rest is skipped for it.
#define STOPS \
	VADD	ADDK.B16, VX.B16, VS.B16; \
	WORD	$(0x6e203400 | (21<<16) | (1<<5) | 1); \
	CBNZ	SET, 5(PC); \
	VCMEQ	EXK.B16, VX.B16, VU.B16; \
	VBIT	VU.B16, ZERO.B16, VS.B16; \
	VCMEQ	DELK.B16, VX.B16, VU.B16; \
	VORR	VU.B16, VS.B16, VS.B16

// NONTCHARS sets VT to 0xff for each byte of VX that is not a tchar:
// lo[v&15] & hi[v>>4] == 0.
#define NONTCHARS \
	VAND	NIBK.B16, VX.B16, VT.B16; \
	VUSHR	$4, VX.B16, VU.B16; \
	VTBL	VT.B16, [LOK.B16], VT.B16; \
	VTBL	VU.B16, [HIK.B16], VU.B16; \
	VAND	VU.B16, VT.B16, VT.B16; \
	VCMEQ	ZERO.B16, VT.B16, VT.B16

// STOPMASK sets SYN to the stop mask of VX.
#define STOPMASK \
	STOPS; \
	SHRN4(1); \
	FMOVD	F1, SYN

// func scan(p *byte, n int, set int) (tok, end int)
TEXT ·scan(SB), NOSPLIT, $0-40
	MOVD	p+0(FP), PTR
	MOVD	n+8(FP), LEN
	MOVD	set+16(FP), SET
	CBNZ	LEN, nonempty
	// Nothing to read: both results are 0.
	MOVD	ZR, tok+24(FP)
	MOVD	ZR, end+32(FP)
	RET

nonempty:
	// The set's rows (at 48*set) and the common constants.
	ADD	SET<<1, SET, TMP
	MOVD	$scanSets<>(SB), CNT
	ADD	TMP<<4, CNT, CNT
	VLD1	(CNT), [ADDK.B16, LIMK.B16, EXK.B16]
	MOVD	$scanCommon<>(SB), CNT
	VLD1	(CNT), [DELK.B16, LOK.B16, HIK.B16, NIBK.B16]
	VEOR	ZERO.B16, ZERO.B16, ZERO.B16
	MOVD	ZR, I
	CMP	$16, LEN
	BLO	short

name:
	// Name phase: non-tchars only, until one is seen.
	ADD	I, PTR, TMP
	VLD1	(TMP), [VX.B16]
	NONTCHARS
	SHRN4(2)
	FMOVD	F2, TMP
	CBNZ	TMP, name_found
	ADD	$16, I
	SUB	I, LEN, REM
	CMP	$16, REM
	BHS	name
	B	tail_name

name_found:
	// tok is in this vector; so may end be.
	RBIT	TMP, TMP
	CLZ	TMP, TMP
	ADD	TMP>>2, I, TOK
	STOPMASK
	CBNZ	SYN, end_found

line:
	// Line phase: stop bytes only.
	ADD	$16, I
	SUB	I, LEN, REM
	CMP	$16, REM
	BLO	tail_line
	ADD	I, PTR, TMP
	VLD1	(TMP), [VX.B16]
	STOPMASK
	CBZ	SYN, line

end_found:
	RBIT	SYN, SYN
	CLZ	SYN, SYN
	ADD	SYN>>2, I, SYN
	MOVD	TOK, tok+24(FP)
	MOVD	SYN, end+32(FP)
	RET

tail_line:
	// The last REM (0..15) bytes, tok known: the vector that ends at p+n,
	// its mask shifted right over the 16-REM bytes already seen; bit
	// 4*REM bounds end by n.
	CBZ	REM, none
	ADD	LEN, PTR, TMP
	SUB	$16, TMP, TMP
	VLD1	(TMP), [VX.B16]
	STOPMASK
	MOVD	$16, CNT
	SUB	REM, CNT, CNT
	LSL	$2, CNT, CNT
	LSR	CNT, SYN, SYN
	LSL	$2, REM, TMP
	MOVD	$1, BIT
	LSL	TMP, BIT, BIT
	ORR	BIT, SYN, SYN
	B	end_found

none:
	MOVD	TOK, tok+24(FP)
	MOVD	LEN, end+32(FP)
	RET

short:
	// Fewer than 16 bytes: one vector from p if it stays inside p's page
	// (no shift; bit 4*n bounds both results by n), else the tail path
	// with I = 0, which reads the vector that ends at p+n (p is then in
	// the last 15 bytes of its page, so p+n-16 is in the same page).
	MOVD	LEN, REM
	AND	$0xfff, PTR, TMP
	CMP	$(4096-16), TMP
	BHI	tail_name
	VLD1	(PTR), [VX.B16]
	MOVD	ZR, CNT
	B	both

tail_name:
	// The last REM (0..15) bytes, tok unknown: both masks of the vector
	// that ends at p+n, shifted right over the bytes already seen.
	CBZ	REM, none_name
	ADD	LEN, PTR, TMP
	SUB	$16, TMP, TMP
	VLD1	(TMP), [VX.B16]
	MOVD	$16, CNT
	SUB	REM, CNT, CNT
	LSL	$2, CNT, CNT

both:
	NONTCHARS
	SHRN4(2)
	FMOVD	F2, TOK
	STOPMASK
	LSR	CNT, SYN, SYN
	LSR	CNT, TOK, TOK
	LSL	$2, REM, TMP
	MOVD	$1, BIT
	LSL	TMP, BIT, BIT
	ORR	BIT, SYN, SYN
	ORR	BIT, TOK, TOK
	RBIT	TOK, TOK
	CLZ	TOK, TOK
	ADD	TOK>>2, I, TOK
	B	end_found

none_name:
	MOVD	LEN, tok+24(FP)
	MOVD	LEN, end+32(FP)
	RET
