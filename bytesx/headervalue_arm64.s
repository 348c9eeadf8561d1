//go:build !purego

#include "textflag.h"

// func validHeaderValueNEON(p *byte, n int) bool
// validHeaderValueNEON: n >= 16 (shorter values stay in Go). A byte is bad
// if umin(b, 0x1f) == b (a control byte) and b != '\t', or b == 0x7f.
// Every load lies inside the input: tails are vectors that end exactly at
// the last byte, overlapping bytes already seen.
TEXT ·validHeaderValueNEON(SB), NOSPLIT, $0-17
	MOVD	p+0(FP), R0
	MOVD	n+8(FP), R1
	VMOVI	$0x1f, V20.B16
	VMOVI	$0x09, V21.B16
	VMOVI	$0x7f, V22.B16

	CMP	$64, R1
	BHI	loop

	// 16..64 bytes: four vectors at 0, min(16, n-16), min(32, n-16) and
	// n-16, overlapping as much as they need to.
	SUB	$16, R1, R3
	MOVD	$16, R4
	CMP	R4, R3
	CSEL	LT, R3, R4, R4
	MOVD	$32, R5
	CMP	R5, R3
	CSEL	LT, R3, R5, R5
	VLD1	(R0), [V0.B16]
	ADD	R0, R4, R6
	VLD1	(R6), [V1.B16]
	ADD	R0, R5, R6
	VLD1	(R6), [V2.B16]
	ADD	R0, R3, R6
	VLD1	(R6), [V3.B16]
	B	check

loop:
	// Over 64 bytes: 64 per step while more than 64 remain.
	VLD1.P	64(R0), [V0.B16, V1.B16, V2.B16, V3.B16]
	// Control bytes (min(v, 0x1f) == v) but tab, and DEL.
	VUMIN	V20.B16, V0.B16, V8.B16
	VCMEQ	V0.B16, V8.B16, V8.B16
	VCMEQ	V21.B16, V0.B16, V9.B16
	VEOR	V9.B16, V8.B16, V8.B16
	VCMEQ	V22.B16, V0.B16, V0.B16
	VORR	V8.B16, V0.B16, V0.B16
	VUMIN	V20.B16, V1.B16, V8.B16
	VCMEQ	V1.B16, V8.B16, V8.B16
	VCMEQ	V21.B16, V1.B16, V9.B16
	VEOR	V9.B16, V8.B16, V8.B16
	VCMEQ	V22.B16, V1.B16, V1.B16
	VORR	V8.B16, V1.B16, V1.B16
	VUMIN	V20.B16, V2.B16, V8.B16
	VCMEQ	V2.B16, V8.B16, V8.B16
	VCMEQ	V21.B16, V2.B16, V9.B16
	VEOR	V9.B16, V8.B16, V8.B16
	VCMEQ	V22.B16, V2.B16, V2.B16
	VORR	V8.B16, V2.B16, V2.B16
	VUMIN	V20.B16, V3.B16, V8.B16
	VCMEQ	V3.B16, V8.B16, V8.B16
	VCMEQ	V21.B16, V3.B16, V9.B16
	VEOR	V9.B16, V8.B16, V8.B16
	VCMEQ	V22.B16, V3.B16, V3.B16
	VORR	V8.B16, V3.B16, V3.B16
	VORR	V1.B16, V0.B16, V0.B16
	VORR	V3.B16, V2.B16, V2.B16
	VORR	V2.B16, V0.B16, V0.B16
	VMOV	V0.D[0], R6
	VMOV	V0.D[1], R7
	ORR	R6, R7, R6
	CBNZ	R6, fail
	SUB	$64, R1, R1
	CMP	$64, R1
	BHI	loop

	// The last 1..64 bytes: one 64-byte block ending at the last byte,
	// overlapping bytes already checked (n was over 64 at entry).
	ADD	R1, R0, R6
	SUB	$64, R6, R6
	VLD1	(R6), [V0.B16, V1.B16, V2.B16, V3.B16]

check:
	// Control bytes (min(v, 0x1f) == v) but tab, and DEL.
	VUMIN	V20.B16, V0.B16, V8.B16
	VCMEQ	V0.B16, V8.B16, V8.B16
	VCMEQ	V21.B16, V0.B16, V9.B16
	VEOR	V9.B16, V8.B16, V8.B16
	VCMEQ	V22.B16, V0.B16, V0.B16
	VORR	V8.B16, V0.B16, V0.B16
	VUMIN	V20.B16, V1.B16, V8.B16
	VCMEQ	V1.B16, V8.B16, V8.B16
	VCMEQ	V21.B16, V1.B16, V9.B16
	VEOR	V9.B16, V8.B16, V8.B16
	VCMEQ	V22.B16, V1.B16, V1.B16
	VORR	V8.B16, V1.B16, V1.B16
	VUMIN	V20.B16, V2.B16, V8.B16
	VCMEQ	V2.B16, V8.B16, V8.B16
	VCMEQ	V21.B16, V2.B16, V9.B16
	VEOR	V9.B16, V8.B16, V8.B16
	VCMEQ	V22.B16, V2.B16, V2.B16
	VORR	V8.B16, V2.B16, V2.B16
	VUMIN	V20.B16, V3.B16, V8.B16
	VCMEQ	V3.B16, V8.B16, V8.B16
	VCMEQ	V21.B16, V3.B16, V9.B16
	VEOR	V9.B16, V8.B16, V8.B16
	VCMEQ	V22.B16, V3.B16, V3.B16
	VORR	V8.B16, V3.B16, V3.B16
	VORR	V1.B16, V0.B16, V0.B16
	VORR	V3.B16, V2.B16, V2.B16
	VORR	V2.B16, V0.B16, V0.B16
	VMOV	V0.D[0], R6
	VMOV	V0.D[1], R7
	ORR	R6, R7, R6
	CMP	$0, R6
	CSET	EQ, R0
	MOVB	R0, ret+16(FP)
	RET

fail:
	MOVB	ZR, ret+16(FP)
	RET
