// The body validHeaderName and validHeaderValue share: one scan over
// different tables (scanTables in headername_arm64.go: the bytes refused, as a
// 0/1 byte table for 0..3 bytes and, at offset 256, as the nibble tables
// for vectors), and a different answer for the empty input.

#define PS R0 // s
#define N R1  // len(s)
#define T R2  // n-4, the offset of the last four bytes; then where the loop ends
#define E R6  // s+n
#define X0 R3
#define X1 R4
#define X2 R5

// Vectors: V0..V3 hold the input, V8..V11 are scratch; LO and HI are the
// nibble tables and LOW4 is 0x0f in every byte, all three loaded at once
// from the tables' offset 256.
#define LO V20
#define HI V21
#define LOW4 V22

// BAD(x, t): x = lo[x&15] & hi[x>>4] per byte (ascii.Nibbles): non-zero
// where the byte is refused; t scratch.
#define BAD(x, t) \
	VUSHR	$4, x.B16, t.B16        \
	VAND	LOW4.B16, x.B16, x.B16  \
	VTBL	t.B16, [HI.B16], t.B16  \
	VTBL	x.B16, [LO.B16], x.B16  \
	VAND	t.B16, x.B16, x.B16

// ANY(x, r): r = the bytes of x summed into 16 bits: zero iff they are.
#define ANY(x, r) \
	VUADDLV	x.B16, x \
	VMOV	x.H[0], r

// BAD64(r): BAD of V0..V3, ORed, into r.
#define BAD64(r) \
	BAD(V0, V8)                    \
	BAD(V1, V9)                    \
	BAD(V2, V10)                   \
	BAD(V3, V11)                   \
	VORR	V0.B16, V1.B16, V0.B16 \
	VORR	V2.B16, V3.B16, V2.B16 \
	VORR	V0.B16, V2.B16, V0.B16 \
	ANY(V0, r)

// RESULT(x): return x == 0.
#define RESULT(x) \
	CMP	$0, x          \
	CSET	EQ, x          \
	MOVB	x, ret+16(FP) \
	RET

// REFUSED(vectables, bytetable, emptyret) is the whole body of
// func(s string) bool: true iff no byte of s is refused, emptyret for "".
// Every length; every load lies inside s: tails are loads that end at the
// last byte, overlapping bytes already checked.
#define REFUSED(vectables, bytetable, emptyret) \
	LDP	s_base+0(FP), (PS, N) \
	SUBS	$4, N, T \
	BLO	tiny \
	MOVD	vectables, X0 \
	VLD1	(X0), [LO.B16, HI.B16, LOW4.B16] \
	CMP	$12, T \
	BHI	over16 \
	CMP	$4, T \
	BHS	from8 \
	/* 4..7 bytes: the last four and the first four in one vector of */ \
	/* eight bytes. */ \
	FMOVS	(PS)(T), F0 \
	VLD1	(PS), V0.S[1] \
	BAD(V0, V8) \
	VMOV	V0.D[0], X0 \
	RESULT(X0) \
from8: \
	/* 8..16 bytes: the last eight and the first eight. */ \
	SUB	$4, T \
	FMOVD	(PS)(T), F0 \
	VLD1	(PS), V0.D[1] \
	BAD(V0, V8) \
	ANY(V0, X0) \
	RESULT(X0) \
tiny: \
	/* 0..3 bytes: the first, middle and last byte (n/2 and n-1 are 0 for */ \
	/* n == 1) through the byte table, whose entries are 0 or 1. */ \
	CBZ	N, empty \
	MOVD	bytetable, X0 \
	LSR	$1, N, X1 \
	SUB	$1, N, X2 \
	MOVBU	(PS)(X1), X1 \
	MOVBU	(PS)(X2), X2 \
	MOVBU	(PS), PS \
	MOVBU	(X0)(X1), X1 \
	MOVBU	(X0)(X2), X2 \
	MOVBU	(X0)(PS), X0 \
	ORR	X1, X2, X1 \
	ORR	X0, X1, X0 \
	EOR	$1, X0, X0 \
	MOVB	X0, ret+16(FP) \
	RET \
empty: \
	MOVD	emptyret, X0 \
	MOVB	X0, ret+16(FP) \
	RET \
over16: \
	ADD	PS, N, E \
	CMP	$32, N \
	BHI	over32 \
	/* 17..32 bytes: the first sixteen and the last sixteen. */ \
	FMOVQ	(PS), F0 \
	FMOVQ	-16(E), F1 \
	BAD(V0, V8) \
	BAD(V1, V9) \
	VORR	V0.B16, V1.B16, V0.B16 \
	ANY(V0, X0) \
	RESULT(X0) \
over32: \
	CMP	$64, N \
	BHI	loop \
	/* 33..64 bytes: the first 32 and the last 32, overlapping. */ \
	FLDPQ	(PS), (F0, F1) \
	FLDPQ	-32(E), (F2, F3) \
	BAD64(X0) \
	RESULT(X0) \
loop: \
	/* Over 64 bytes: 64 per step while more than 64 remain, then the last */ \
	/* 64, overlapping. T is where the last 64 bytes start. */ \
	SUB	$64, E, T \
loop64: \
	VLD1.P	64(PS), [V0.B16, V1.B16, V2.B16, V3.B16] \
	BAD64(X0) \
	CBNZ	X0, false \
	CMP	PS, T \
	BHI	loop64 \
	VLD1	(T), [V0.B16, V1.B16, V2.B16, V3.B16] \
	BAD64(X0) \
	RESULT(X0) \
false: \
	MOVB	ZR, ret+16(FP) \
	RET 
