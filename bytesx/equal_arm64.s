//go:build !purego

#include "textflag.h"

// func equalNEON(a *byte, b *byte, n int) bool
// Any n: Equal calls it directly (the dispatch_arm64.go equal). Every load lies
// inside [a, a+n) and [b, b+n): tails are overlapping loads that end
// exactly at the last byte.
TEXT ·equalNEON(SB), NOSPLIT, $0-25
	MOVD	a+0(FP), R0
	MOVD	b+8(FP), R1
	MOVD	n+16(FP), R2
	ADD	R0, R2, R3	// R3 = end of a
	ADD	R1, R2, R4	// R4 = end of b

	// 0..16 bytes: two overlapping loads of 8 or 4 bytes, the second
	// ending at the last byte; under 4, the first, middle and last bytes.
	CMP	$16, R2
	BHI	over16
	CMP	$8, R2
	BLO	under8
	MOVD	(R0), R5
	MOVD	(R1), R6
	MOVD	-8(R3), R7
	MOVD	-8(R4), R8
	EOR	R5, R6, R5
	EOR	R7, R8, R7
	ORR	R5, R7, R5
	CMP	$0, R5
	CSET	EQ, R0
	MOVB	R0, ret+24(FP)
	RET

under8:
	CMP	$4, R2
	BLO	under4
	MOVWU	(R0), R5
	MOVWU	(R1), R6
	MOVWU	-4(R3), R7
	MOVWU	-4(R4), R8
	EOR	R5, R6, R5
	EOR	R7, R8, R7
	ORR	R5, R7, R5
	CMP	$0, R5
	CSET	EQ, R0
	MOVB	R0, ret+24(FP)
	RET

under4:
	CBZ	R2, same
	LSR	$1, R2, R10	// middle: n/2
	MOVBU	(R0), R5
	MOVBU	(R1), R6
	EOR	R5, R6, R9
	MOVBU	(R0)(R10), R5
	MOVBU	(R1)(R10), R6
	EOR	R5, R6, R5
	ORR	R5, R9, R9
	MOVBU	-1(R3), R5
	MOVBU	-1(R4), R6
	EOR	R5, R6, R5
	ORR	R5, R9, R9
	CMP	$0, R9
	CSET	EQ, R0
	MOVB	R0, ret+24(FP)
	RET

same:
	MOVD	$1, R5
	MOVB	R5, ret+24(FP)
	RET

over16:

	// 17..32 bytes: the first 16 and the last 16, as pairs of words.
	CMP	$32, R2
	BHI	over32
	LDP	(R0), (R5, R6)
	LDP	(R1), (R7, R8)
	LDP	-16(R3), (R9, R10)
	LDP	-16(R4), (R11, R12)
	EOR	R5, R7, R5
	EOR	R6, R8, R6
	EOR	R9, R11, R9
	EOR	R10, R12, R10
	ORR	R5, R6, R5
	ORR	R9, R10, R9
	ORR	R5, R9, R5
	CMP	$0, R5
	CSET	EQ, R0
	MOVB	R0, ret+24(FP)
	RET

over32:
	// 33..64 bytes: the first 32 and the last 32, overlapping.
	CMP	$64, R2
	BHI	loop64
	VLD1	(R0), [V0.B16, V1.B16]
	VLD1	(R1), [V4.B16, V5.B16]
	SUB	$32, R3, R3
	SUB	$32, R4, R4
	VLD1	(R3), [V2.B16, V3.B16]
	VLD1	(R4), [V6.B16, V7.B16]
	B	check

loop64:
	// Over 64 bytes: 64 per step while more than 64 remain.
	VLD1.P	64(R0), [V0.B16, V1.B16, V2.B16, V3.B16]
	VLD1.P	64(R1), [V4.B16, V5.B16, V6.B16, V7.B16]
	VEOR	V0.B16, V4.B16, V0.B16
	VEOR	V1.B16, V5.B16, V1.B16
	VEOR	V2.B16, V6.B16, V2.B16
	VEOR	V3.B16, V7.B16, V3.B16
	VORR	V0.B16, V1.B16, V0.B16
	VORR	V2.B16, V3.B16, V2.B16
	VORR	V0.B16, V2.B16, V0.B16
	VMOV	V0.D[0], R5
	VMOV	V0.D[1], R6
	ORR	R5, R6, R5
	CBNZ	R5, differ
	SUB	$64, R2, R2
	CMP	$64, R2
	BHI	loop64

	// The last 1..64 bytes: one 64-byte block ending at the last byte,
	// overlapping bytes already compared (n was over 64 at entry).
	SUB	$64, R3, R3
	SUB	$64, R4, R4
	VLD1	(R3), [V0.B16, V1.B16, V2.B16, V3.B16]
	VLD1	(R4), [V4.B16, V5.B16, V6.B16, V7.B16]

check:
	// Fold the two 32-byte halves' differences into one word.
	VEOR	V0.B16, V4.B16, V0.B16
	VEOR	V1.B16, V5.B16, V1.B16
	VEOR	V2.B16, V6.B16, V2.B16
	VEOR	V3.B16, V7.B16, V3.B16
	VORR	V0.B16, V1.B16, V0.B16
	VORR	V2.B16, V3.B16, V2.B16
	VORR	V0.B16, V2.B16, V0.B16
	VMOV	V0.D[0], R5
	VMOV	V0.D[1], R6
	ORR	R5, R6, R5
	CMP	$0, R5
	CSET	EQ, R0
	MOVB	R0, ret+24(FP)
	RET

differ:
	MOVB	ZR, ret+24(FP)
	RET
