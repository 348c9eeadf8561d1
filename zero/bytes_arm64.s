//go:build !purego

#include "textflag.h"

// func zeroAsm(p *byte, n int)
// Every store lies inside [p, p+n): short lengths take two overlapping
// stores, one from each end; long ones a 16-byte-aligned NEON loop between
// an unaligned head and a tail that ends exactly at p+n. p[:n] holds no Go
// pointers (the caller guarantees it), so no write barrier is needed.
TEXT ·zeroAsm(SB), NOSPLIT, $0-16
	MOVD	p+0(FP), R0
	MOVD	n+8(FP), R1
	ADD	R0, R1, R2 // R2 = p+n, the end
	CMP	$16, R1
	BHI	over16

	// 0..16 bytes: two overlapping stores of the largest size that fits.
	CMP	$8, R1
	BLO	under8
	MOVD	ZR, (R0)
	MOVD	ZR, -8(R2)
	RET

under8:
	CMP	$4, R1
	BLO	under4
	MOVW	ZR, (R0)
	MOVW	ZR, -4(R2)
	RET

under4:
	CMP	$2, R1
	BLO	under2
	MOVH	ZR, (R0)
	MOVH	ZR, -2(R2)
	RET

under2:
	CBZ	R1, done
	MOVB	ZR, (R0)

done:
	RET

over16:
	// 17..64 bytes: 16-byte pair stores, half from each end.
	CMP	$32, R1
	BHI	over32
	STP	(ZR, ZR), (R0)
	STP	(ZR, ZR), -16(R2)
	RET

over32:
	CMP	$64, R1
	BHI	over64
	STP	(ZR, ZR), (R0)
	STP	(ZR, ZR), 16(R0)
	STP	(ZR, ZR), -32(R2)
	STP	(ZR, ZR), -16(R2)
	RET

over64:
	// Over 64 bytes: an unaligned 16-byte head, then R0 rounded up to 16
	// and 64 bytes per step (four zero vectors) while more than 64 remain.
	VEOR	V0.B16, V0.B16, V0.B16
	VEOR	V1.B16, V1.B16, V1.B16
	VEOR	V2.B16, V2.B16, V2.B16
	VEOR	V3.B16, V3.B16, V3.B16
	STP	(ZR, ZR), (R0)
	ADD	$16, R0
	AND	$~15, R0
	SUB	R0, R2, R3 // R3 = bytes left after the head
	CMP	$64, R3
	BLS	tail

loop:
	VST1.P	[V0.B16, V1.B16, V2.B16, V3.B16], 64(R0)
	SUB	$64, R3
	CMP	$64, R3
	BHI	loop

tail:
	// The last 64 bytes, ending exactly at p+n (n > 64, so they start at
	// or after p); they may overlap bytes the loop already wrote.
	STP	(ZR, ZR), -64(R2)
	STP	(ZR, ZR), -48(R2)
	STP	(ZR, ZR), -32(R2)
	STP	(ZR, ZR), -16(R2)
	RET
