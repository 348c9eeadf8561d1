//go:build !purego

#include "textflag.h"

#define DST	R0	// start of the buffer; the loop's cursor
#define LEN	R1	// its length
#define END	R2	// DST+LEN, which every tail store ends at
#define REM	R3	// bytes left from the cursor to END

// func bytes(p *byte, n int)
// Every store lies inside [p, p+n): short lengths take two overlapping
// stores, one from each end; long ones a 16-byte-aligned NEON loop between
// an unaligned head and a tail that ends exactly at p+n. p[:n] holds no Go
// pointers (the caller guarantees it), so no write barrier is needed.
TEXT ·bytes(SB), NOSPLIT, $0-16
	MOVD	p+0(FP), DST
	MOVD	n+8(FP), LEN
	ADD	DST, LEN, END
	CMP	$16, LEN
	BHI	over16

	// 0..16 bytes: two overlapping stores of the largest size that fits.
	CMP	$8, LEN
	BLO	under8
	MOVD	ZR, (DST)
	MOVD	ZR, -8(END)
	RET

under8:
	CMP	$4, LEN
	BLO	under4
	MOVW	ZR, (DST)
	MOVW	ZR, -4(END)
	RET

under4:
	CMP	$2, LEN
	BLO	under2
	MOVH	ZR, (DST)
	MOVH	ZR, -2(END)
	RET

under2:
	CBZ	LEN, done
	MOVB	ZR, (DST)

done:
	RET

over16:
	// 17..32 bytes: one 16-byte pair store from each end.
	CMP	$32, LEN
	BHI	over32
	STP	(ZR, ZR), (DST)
	STP	(ZR, ZR), -16(END)
	RET

over32:
	// 33..64 bytes: two from each end.
	CMP	$64, LEN
	BHI	over64
	STP	(ZR, ZR), (DST)
	STP	(ZR, ZR), 16(DST)
	STP	(ZR, ZR), -32(END)
	STP	(ZR, ZR), -16(END)
	RET

over64:
	// Over 64 bytes: four zero vectors, an unaligned 16-byte head, then the
	// cursor rounded up to 16.
	VEOR	V0.B16, V0.B16, V0.B16
	VEOR	V1.B16, V1.B16, V1.B16
	VEOR	V2.B16, V2.B16, V2.B16
	VEOR	V3.B16, V3.B16, V3.B16
	STP	(ZR, ZR), (DST)
	ADD	$16, DST
	AND	$~15, DST
	SUB	DST, END, REM
	CMP	$64, REM
	BLS	tail

loop:
	// 64 aligned bytes per step while more than 64 remain.
	VST1.P	[V0.B16, V1.B16, V2.B16, V3.B16], 64(DST)
	SUB	$64, REM
	CMP	$64, REM
	BHI	loop

tail:
	// The last 64 bytes, ending exactly at p+n (n > 64, so they start at
	// or after p); they may overlap bytes the loop already wrote.
	STP	(ZR, ZR), -64(END)
	STP	(ZR, ZR), -48(END)
	STP	(ZR, ZR), -32(END)
	STP	(ZR, ZR), -16(END)
	RET
