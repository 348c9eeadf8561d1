//go:build !purego

#include "textflag.h"

// func equalNEON(a *byte, b *byte, n int) bool
// n >= 17. Every load lies inside [a, a+n) and [b, b+n): tails are
// overlapping loads that end exactly at the last byte.
TEXT ·equalNEON(SB), NOSPLIT, $0-25
	MOVD	a+0(FP), R0
	MOVD	b+8(FP), R1
	MOVD	n+16(FP), R2
	ADD	R0, R2, R3	// R3 = end of a
	ADD	R1, R2, R4	// R4 = end of b

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
