//go:build !purego

#include "textflag.h"

#define PA R0 // a
#define PB R1 // b
#define N R2  // n
#define T R3  // offset of the last word; then where the loop ends
#define AE R12 // a+n
#define BE R13 // b+n
#define X0 R4
#define X1 R5
#define X2 R6
#define X3 R7
#define X4 R8
#define X5 R9
#define X6 R10
#define X7 R11

// TWO(load, off): return whether a and b agree in the words at 0 and at
// off; the second compare runs only if the first found them equal (CCMP),
// else it sets the flags to not equal. load is MOVD or MOVWU.
#define TWO(load, off) \
	load	(PA), X0       \
	load	(PB), X1       \
	load	(PA)(off), X2  \
	load	(PB)(off), X3  \
	CMP	X1, X0         \
	CCMP	EQ, X2, X3, $0 \
	RETEQ

// RESULT(x): return x == 0.
#define RESULT(x) \
	CMP	$0, x \
	RETEQ

// RETEQ: return whether the flags say equal.
#define RETEQ \
	CSET	EQ, X0         \
	MOVB	X0, ret+24(FP) \
	RET

// DIFF64(v): V0..V3 (of a) and V4..V7 (of b) XORed and ORed into one
// vector, its bytes summed into a 16-bit lane (zero iff all were zero) and
// moved to v.
#define DIFF64(v) \
	VEOR	V0.B16, V4.B16, V0.B16 \
	VEOR	V1.B16, V5.B16, V1.B16 \
	VEOR	V2.B16, V6.B16, V2.B16 \
	VEOR	V3.B16, V7.B16, V3.B16 \
	VORR	V0.B16, V1.B16, V0.B16 \
	VORR	V2.B16, V3.B16, V2.B16 \
	VORR	V0.B16, V2.B16, V0.B16 \
	VUADDLV	V0.B16, V0             \
	VMOV	V0.H[0], v

// func equal(a, b *byte, n int) bool
// Every length. Every load lies inside [a, a+n) and [b, b+n): tails are
// loads that end at the last byte, overlapping bytes already compared.
TEXT ·equal(SB), NOSPLIT, $0-25
	LDP	a+0(FP), (PA, PB)
	MOVD	n+16(FP), N
	CMP	$16, N
	BHI	over16
	SUBS	$8, N, T
	BLO	under8

	// 8..16 bytes: the first eight and the last eight.
	TWO(MOVD, T)

under8:
	// 4..7 bytes: the first four and the last four.
	TBZ	$2, N, under4
	SUB	$4, N, T
	TWO(MOVWU, T)

under4:
	// 0..3 bytes: the last byte, then for 2 and 3 the first two.
	CBZ	N, true
	SUB	$1, N, T
	MOVBU	(PA)(T), X0
	MOVBU	(PB)(T), X1
	CMP	X1, X0
	TBZ	$1, N, one
	MOVHU	(PA), X2
	MOVHU	(PB), X3
	CCMP	EQ, X2, X3, $0

one:
	RETEQ

true:
	MOVD	$1, X0
	MOVB	X0, ret+24(FP)
	RET

over16:
	ADD	PA, N, AE
	ADD	PB, N, BE
	CMP	$32, N
	BHI	over32

	// 17..32 bytes: the first sixteen and the last sixteen, as pairs of
	// words compared in a chain as TWO does.
	LDP	(PA), (X0, X1)
	LDP	(PB), (X2, X3)
	LDP	-16(AE), (X4, X6)
	LDP	-16(BE), (X5, X7)
	CMP	X2, X0
	CCMP	EQ, X1, X3, $0
	CCMP	EQ, X4, X5, $0
	CCMP	EQ, X6, X7, $0
	RETEQ

over32:
	CMP	$64, N
	BHI	loop

	// 33..64 bytes: the first 32 and the last 32, overlapping.
	FLDPQ	(PA), (F0, F1)
	FLDPQ	(PB), (F4, F5)
	FLDPQ	-32(AE), (F2, F3)
	FLDPQ	-32(BE), (F6, F7)
	DIFF64(X0)
	RESULT(X0)

loop:
	// Over 64 bytes: 64 per step while more than 64 remain, then the last
	// 64, overlapping. T is where the last 64 bytes of a start.
	SUB	$64, AE, T

loop64:
	VLD1.P	64(PA), [V0.B16, V1.B16, V2.B16, V3.B16]
	VLD1.P	64(PB), [V4.B16, V5.B16, V6.B16, V7.B16]
	DIFF64(X0)
	CBNZ	X0, false
	CMP	PA, T
	BHI	loop64
	SUB	PA, T, X0
	ADD	X0, PA
	ADD	X0, PB
	VLD1	(PA), [V0.B16, V1.B16, V2.B16, V3.B16]
	VLD1	(PB), [V4.B16, V5.B16, V6.B16, V7.B16]
	DIFF64(X0)
	RESULT(X0)

false:
	MOVB	ZR, ret+24(FP)
	RET
