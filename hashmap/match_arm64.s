//go:build !purego

#include "textflag.h"

// func matchNEON(ctrl *uint64, tag uint8) uint32
// Loads the group's 16 control bytes as two 64-bit lanes (so each 8-byte
// control word is read in one single-copy-atomic access), compares them with
// tag and with EMPTY (0x80), and packs the two byte masks into
// bit i = byte i == tag, bit 16+i = byte i == EMPTY. Reads 16 bytes at ctrl
// and nothing else; writes no memory.
TEXT ·matchNEON(SB), NOSPLIT, $0-20
	MOVD	ctrl+0(FP), R0
	MOVBU	tag+8(FP), R1

	// Splat tag and EMPTY; V5 = bit weights 1, 2, 4, ..., 128 per half.
	VDUP	R1, V1.B16
	MOVD	$0x80, R2
	VDUP	R2, V2.B16
	MOVD	$0x8040201008040201, R3
	VMOV	R3, V5.D[0]
	VMOV	R3, V5.D[1]

	// Compare: 0xff where equal, then keep byte i's weight.
	VLD1	(R0), [V0.D2]
	VCMEQ	V1.B16, V0.B16, V3.B16
	VCMEQ	V2.B16, V0.B16, V4.B16
	VAND	V5.B16, V3.B16, V3.B16
	VAND	V5.B16, V4.B16, V4.B16

	// Three rounds of pairwise adds sum each run of 8 weights into one
	// byte: bytes 0..3 of V6 are tag-lo, tag-hi, empty-lo, empty-hi.
	VADDP	V4.B16, V3.B16, V6.B16
	VADDP	V6.B16, V6.B16, V6.B16
	VADDP	V6.B16, V6.B16, V6.B16
	VMOV	V6.S[0], R0
	MOVW	R0, ret+16(FP)
	RET
