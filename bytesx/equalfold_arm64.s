//go:build !purego

#include "textflag.h"

#define PA R0 // a
#define PB R1 // b
#define N R2  // n
#define T R3  // n-4, the offset of the last four bytes; then where the loop ends
#define AE R8 // a+n
#define BE R9 // b+n
#define X0 R4
#define X1 R5
#define X2 R6
#define X3 R7

// Vectors: V0..V3 hold a, V4..V7 b; V8..V11 are scratch. LETTERS (two
// registers from V16) is foldTables.letter; CASE is 0x20 in every byte,
// BEFORE_A is 'a'-1, ZERO is zero.
#define LETTERS [V16.B16, V17.B16]
#define CASE V18
#define BEFORE_A V19
#define ZERO V20

// FOLD(x, y, t): x = the bits of x^y that ASCII case folding does not
// forgive, t scratch. A difference is forgiven only if it is 0x20 and x
// is a letter: a TBL of (x|0x20)-('a'-1) in LETTERS gives 0x20 exactly
// there (other bytes land past the table, where TBL gives 0, or on its
// zeros), and BIT from ZERO clears those bits of the difference.
#define FOLD(x, y, t) \
	VORR	CASE.B16, x.B16, t.B16     \
	VSUB	BEFORE_A.B16, t.B16, t.B16 \
	VTBL	t.B16, LETTERS, t.B16      \
	VEOR	y.B16, x.B16, x.B16        \
	VBIT	t.B16, ZERO.B16, x.B16

// ANY(x, r): r = the bytes of x summed into 16 bits: zero iff x is.
#define ANY(x, r) \
	VUADDLV	x.B16, x  \
	VMOV	x.H[0], r

// FOLD64(r): FOLD of the four pairs (V0, V4) .. (V3, V7), ORed, into r.
#define FOLD64(r) \
	FOLD(V0, V4, V8)               \
	FOLD(V1, V5, V9)               \
	FOLD(V2, V6, V10)              \
	FOLD(V3, V7, V11)              \
	VORR	V0.B16, V1.B16, V0.B16 \
	VORR	V2.B16, V3.B16, V2.B16 \
	VORR	V0.B16, V2.B16, V0.B16 \
	ANY(V0, r)

// RESULT(x): return x == 0.
#define RESULT(x) \
	CMP	$0, x          \
	CSET	EQ, x          \
	MOVB	x, ret+24(FP) \
	RET

// LOWEREQ(off): unless a and b agree at off through foldTables.lower (in
// X2), return false.
#define LOWEREQ(off) \
	MOVBU	(PA)(off), X0 \
	MOVBU	(PB)(off), X1 \
	MOVBU	(X2)(X0), X0  \
	MOVBU	(X2)(X1), X1  \
	CMP	X0, X1        \
	BNE	false

// func equalFold(a, b *byte, n int) bool
// Every length. Every load lies inside [a, a+n) and [b, b+n): tails are
// loads that end at the last byte, overlapping bytes already compared.
TEXT ·equalFold(SB), NOSPLIT, $0-25
	LDP	a+0(FP), (PA, PB)
	MOVD	n+16(FP), N
	SUBS	$4, N, T
	BLO	tiny
	MOVD	$·foldTables+256(SB), X0
	VLD1	(X0), LETTERS
	VMOVI	$0x20, CASE.B16
	VMOVI	$0x60, BEFORE_A.B16
	VEOR	ZERO.B16, ZERO.B16, ZERO.B16
	CMP	$12, T
	BHI	over16
	CMP	$4, T
	BHS	from8

	// 4..7 bytes: the first four and the last four bytes of each input in
	// one vector, the rest zero in both. (Separate loads, then an insert:
	// shorter dependency chains than loading into a lane.)
	FMOVS	(PA), F0
	FMOVS	(PB), F4
	FMOVS	(PA)(T), F1
	FMOVS	(PB)(T), F5
	VMOV	V1.S[0], V0.S[1]
	VMOV	V5.S[0], V4.S[1]
	FOLD(V0, V4, V8)
	VMOV	V0.D[0], X0
	RESULT(X0)

from8:
	// 8..16 bytes: the first eight and the last eight, likewise.
	SUB	$8, N, T
	FMOVD	(PA), F0
	FMOVD	(PB), F4
	FMOVD	(PA)(T), F1
	FMOVD	(PB)(T), F5
	VMOV	V1.D[0], V0.D[1]
	VMOV	V5.D[0], V4.D[1]
	FOLD(V0, V4, V8)
	VMOV	V0.D[0], X0
	VMOV	V0.D[1], X1
	ORR	X1, X0
	RESULT(X0)

tiny:
	// 0..3 bytes through the lower-case table: byte 0, and done for
	// n == 1; byte n-1, and done for n == 2; byte 1 for n == 3.
	CBZ	N, true
	MOVD	$·foldTables(SB), X2
	LOWEREQ(ZR)
	CMP	$1, N
	BEQ	true
	SUB	$1, N, T
	LOWEREQ(T)
	CMP	$3, N
	BNE	true
	MOVD	$1, T
	LOWEREQ(T)

true:
	MOVD	$1, X0
	MOVB	X0, ret+24(FP)
	RET

over16:
	ADD	PA, N, AE
	ADD	PB, N, BE
	CMP	$32, N
	BHI	over32

	// 17..32 bytes: the first sixteen and the last sixteen.
	FMOVQ	(PA), F0
	FMOVQ	(PB), F4
	FMOVQ	-16(AE), F1
	FMOVQ	-16(BE), F5
	FOLD(V0, V4, V8)
	FOLD(V1, V5, V9)
	VORR	V0.B16, V1.B16, V0.B16
	ANY(V0, X0)
	RESULT(X0)

over32:
	CMP	$64, N
	BHI	loop

	// 33..64 bytes: the first 32 and the last 32, overlapping.
	FLDPQ	(PA), (F0, F1)
	FLDPQ	(PB), (F4, F5)
	FLDPQ	-32(AE), (F2, F3)
	FLDPQ	-32(BE), (F6, F7)
	FOLD64(X0)
	RESULT(X0)

loop:
	// Over 64 bytes: 64 per step while more than 64 remain, then the last
	// 64, overlapping. T is where the last 64 bytes of a start.
	SUB	$64, AE, T

loop64:
	VLD1.P	64(PA), [V0.B16, V1.B16, V2.B16, V3.B16]
	VLD1.P	64(PB), [V4.B16, V5.B16, V6.B16, V7.B16]
	FOLD64(X0)
	CBNZ	X0, false
	CMP	PA, T
	BHI	loop64
	SUB	PA, T, X0
	ADD	X0, PA
	ADD	X0, PB
	VLD1	(PA), [V0.B16, V1.B16, V2.B16, V3.B16]
	VLD1	(PB), [V4.B16, V5.B16, V6.B16, V7.B16]
	FOLD64(X0)
	RESULT(X0)

false:
	MOVB	ZR, ret+24(FP)
	RET
