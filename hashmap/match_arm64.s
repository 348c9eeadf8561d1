//go:build !purego

#include "textflag.h"

#define CTRL	R0	// the group's first control word
#define TAG	R1	// the tag to match
#define EMPTY	R2	// the EMPTY marker, 0x80
#define WEIGHTS	R3	// 0x8040201008040201: bit weights 1, 2, ..., 128 by byte
#define RESULT	R4	// the packed masks

#define GROUP	V0	// the 16 control bytes
#define TAGS	V1	// TAG in every byte
#define EMPTIES	V2	// EMPTY in every byte
#define ISTAG	V3	// byte i: weight i where control byte i == TAG
#define ISEMPTY	V4	// byte i: weight i where control byte i == EMPTY
#define BITS	V5	// WEIGHTS in both halves
#define SUMS	V6	// pairwise sums, down to one byte per 8 weights

// func matchNEON(ctrl *uint64, tag uint8) uint32
// Loads the group's 16 control bytes as two 64-bit lanes (so each 8-byte
// control word is read in one single-copy-atomic access), compares them with
// tag and with EMPTY, and packs the two byte masks into bit i = byte i ==
// tag, bit 16+i = byte i == EMPTY. Reads 16 bytes at ctrl and nothing else;
// writes no memory.
TEXT ·matchNEON(SB), NOSPLIT, $0-20
	MOVD	ctrl+0(FP), CTRL
	MOVBU	tag+8(FP), TAG

	// Splat the tag and EMPTY; the bit weights in both halves.
	VDUP	TAG, TAGS.B16
	MOVD	$0x80, EMPTY
	VDUP	EMPTY, EMPTIES.B16
	MOVD	$0x8040201008040201, WEIGHTS
	VMOV	WEIGHTS, BITS.D[0]
	VMOV	WEIGHTS, BITS.D[1]

	// Compare: 0xff where equal, then keep byte i's weight.
	VLD1	(CTRL), [GROUP.D2]
	VCMEQ	TAGS.B16, GROUP.B16, ISTAG.B16
	VCMEQ	EMPTIES.B16, GROUP.B16, ISEMPTY.B16
	VAND	BITS.B16, ISTAG.B16, ISTAG.B16
	VAND	BITS.B16, ISEMPTY.B16, ISEMPTY.B16

	// Three rounds of pairwise adds sum each run of 8 weights into one
	// byte: bytes 0..3 of SUMS are tag-lo, tag-hi, empty-lo, empty-hi.
	VADDP	ISEMPTY.B16, ISTAG.B16, SUMS.B16
	VADDP	SUMS.B16, SUMS.B16, SUMS.B16
	VADDP	SUMS.B16, SUMS.B16, SUMS.B16
	VMOV	SUMS.S[0], RESULT
	MOVW	RESULT, ret+16(FP)
	RET
