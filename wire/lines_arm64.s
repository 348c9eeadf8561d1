//go:build !purego

#include "textflag.h"

// The batch scan (see linesGeneric in lines.go for what a plain line is
// and what is written, and gen/wire/lines.go for the amd64 twin, whose
// walk this one follows). A line is read in 32-byte blocks of two
// vectors; the first block gives the stop and non-tchar masks, later
// blocks the stop mask, and the last 1..31 bytes are the block that ends
// at p+n. Every load lies inside p[:n]; the stores go to out, uint32s on
// the caller's stack.
//
// A plain line's stop bytes (setPlain: every control byte, HTAB
// included, and DEL) are min(v, 0x1f) == v, or v == DEL; a non-tchar is
// found with scan_arm64.s's nibble lookup. Masks are syndromes as there:
// 0x00/0xff bytes ANDed with the weights 01 04 10 40 and folded by
// pairwise adds, bit 2k set iff byte k is flagged. The name's mask is
// folded for the first 16 bytes alone, and for the next 16 only when the
// name is longer.

// 0x1f; DEL; the tchar nibble tables; the low-nibble mask; the syndrome
// weights.
DATA linesConsts<>+0(SB)/8, $0x1f1f1f1f1f1f1f1f
DATA linesConsts<>+8(SB)/8, $0x1f1f1f1f1f1f1f1f
DATA linesConsts<>+16(SB)/8, $0x7f7f7f7f7f7f7f7f
DATA linesConsts<>+24(SB)/8, $0x7f7f7f7f7f7f7f7f
DATA linesConsts<>+32(SB)/8, $0xfcfcfcfcfcf8fce8
DATA linesConsts<>+40(SB)/8, $0x70f454d054f4f8f8
DATA linesConsts<>+48(SB)/8, $0x8040201008040201
DATA linesConsts<>+56(SB)/8, $0x0000000000000000
DATA linesConsts<>+64(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA linesConsts<>+72(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA linesConsts<>+80(SB)/8, $0x4010040140100401
DATA linesConsts<>+88(SB)/8, $0x4010040140100401
GLOBL linesConsts<>(SB), (RODATA|NOPTR), $96

#define PTR R0   // input
#define LEN R1   // its length
#define OUT R2   // offsets, four uint32 per line
#define MAX R3   // most lines to take
#define CNT R4   // lines taken
#define LS R5    // the line's start
#define COL R6   // its colon
#define END R7   // its CR
#define VAL R8   // its value's start
#define IDX R9   // a later block's start
#define TMP R10
#define NT R11   // non-tchar syndrome
#define ST R12   // stop syndrome
#define CH R13   // a byte
#define ADR R14  // a block's address

#define CTLK V20
#define DELK V21
#define LOK V22
#define HIK V23
#define NIBK V24
#define WGT V25
#define ZERO V26
#define VU V27   // scratch

// STOPS(X, S) sets S to 0xff for each stop byte of X.
#define STOPS(X, S) \
	VUMIN	CTLK.B16, X.B16, S.B16; \
	VCMEQ	X.B16, S.B16, S.B16; \
	VCMEQ	DELK.B16, X.B16, VU.B16; \
	VORR	VU.B16, S.B16, S.B16

// FOLD16(T, R) sets R to the 32-bit syndrome of the 16-byte mask T.
#define FOLD16(T, R) \
	VAND	WGT.B16, T.B16, T.B16; \
	VADDP	T.B16, T.B16, T.B16; \
	VADDP	T.B16, T.B16, T.B16; \
	VMOV	T.S[0], R

// FOLD32(S0, S1, R) sets R to the 64-bit syndrome of the 32-byte mask
// S0:S1.
#define FOLD32(S0, S1, R) \
	VAND	WGT.B16, S0.B16, S0.B16; \
	VAND	WGT.B16, S1.B16, S1.B16; \
	VADDP	S1.B16, S0.B16, S0.B16; \
	VADDP	S0.B16, S0.B16, S0.B16; \
	VMOV	S0.D[0], R

// NONTCHARS(X, T) sets T to 0xff for each byte of X that is not a tchar.
#define NONTCHARS(X, T) \
	VAND	NIBK.B16, X.B16, T.B16; \
	VUSHR	$4, X.B16, VU.B16; \
	VTBL	T.B16, [LOK.B16], T.B16; \
	VTBL	VU.B16, [HIK.B16], VU.B16; \
	VAND	VU.B16, T.B16, T.B16; \
	VCMEQ	ZERO.B16, T.B16, T.B16

// func lines(p *byte, n int, out *uint32, max int) int
TEXT ·lines(SB), NOSPLIT, $0-40
	MOVD	p+0(FP), PTR
	MOVD	n+8(FP), LEN
	MOVD	out+16(FP), OUT
	MOVD	max+24(FP), MAX
	MOVD	$linesConsts<>(SB), TMP
	VLD1.P	64(TMP), [CTLK.B16, DELK.B16, LOK.B16, HIK.B16]
	VLD1	(TMP), [NIBK.B16, WGT.B16]
	VEOR	ZERO.B16, ZERO.B16, ZERO.B16
	MOVD	ZR, CNT
	MOVD	ZR, LS

line:
	// A line at LS: stop at MAX lines, or with fewer than 32 bytes left.
	CMP	MAX, CNT
	BGE	done
	SUB	LS, LEN, TMP
	CMP	$32, TMP
	BLT	done
	ADD	LS, PTR, ADR
	VLD1	(ADR), [V0.B16, V1.B16]

	// The name: 1..31 tchars, then the colon. The first non-tchar is
	// sought in the first 16 bytes, then in the next 16.
	NONTCHARS(V0, V4)
	FOLD16(V4, NT)
	CBNZ	NT, name16
	NONTCHARS(V1, V5)
	FOLD16(V5, NT)
	CBZ	NT, done
	RBITW	NT, NT
	CLZW	NT, NT
	LSR	$1, NT, COL
	ADD	$16, COL
	B	colon

name16:
	RBITW	NT, NT
	CLZW	NT, NT
	LSR	$1, NT, COL
	CBZ	COL, done

colon:
	ADD	LS, COL, COL
	MOVBU	(PTR)(COL), CH
	CMP	$58, CH // ':'
	BNE	done
	STOPS(V0, V2)
	STOPS(V1, V3)
	FOLD32(V2, V3, ST)

	// The first stop byte: in this block (none lies before the colon),
	// or in a later one.
	CBZ	ST, more
	RBIT	ST, ST
	CLZ	ST, ST
	ADD	ST>>1, LS, END
	B	crlf

more:
	ADD	$32, LS, IDX

more_loop:
	SUB	IDX, LEN, TMP
	CMP	$32, TMP
	BLT	more_tail
	ADD	IDX, PTR, ADR
	VLD1	(ADR), [V0.B16, V1.B16]
	STOPS(V0, V2)
	STOPS(V1, V3)
	FOLD32(V2, V3, ST)
	CBNZ	ST, more_found
	ADD	$32, IDX
	B	more_loop

more_found:
	RBIT	ST, ST
	CLZ	ST, ST
	ADD	ST>>1, IDX, END
	B	crlf

more_tail:
	// The last TMP (0..31) bytes: the block that ends at p+n, its
	// syndrome shifted right over the 32-TMP bytes already seen.
	CBZ	TMP, done
	ADD	LEN, PTR, ADR
	SUB	$32, ADR, ADR
	VLD1	(ADR), [V0.B16, V1.B16]
	STOPS(V0, V2)
	STOPS(V1, V3)
	FOLD32(V2, V3, ST)
	MOVD	$32, ADR
	SUB	TMP, ADR, ADR
	LSL	$1, ADR, ADR
	LSR	ADR, ST, ST
	CBZ	ST, done
	RBIT	ST, ST
	CLZ	ST, ST
	ADD	ST>>1, IDX, END

crlf:
	// The stop byte is a CR, an LF follows it.
	MOVBU	(PTR)(END), CH
	CMP	$13, CH
	BNE	done
	ADD	$1, END, TMP
	CMP	LEN, TMP
	BGE	done
	MOVBU	(PTR)(TMP), CH
	CMP	$10, CH
	BNE	done

	// The value: at most one SP before it, no SP at either end (a plain
	// line has no HTAB: it would have been its stop byte).
	ADD	$1, COL, VAL
	CMP	END, VAL
	BGE	trail
	MOVBU	(PTR)(VAL), CH
	CMP	$32, CH
	BNE	trail
	ADD	$1, VAL
	CMP	END, VAL
	BGE	trail
	MOVBU	(PTR)(VAL), CH
	CMP	$32, CH
	BEQ	done

trail:
	CMP	VAL, END
	BLE	store
	SUB	$1, END, TMP
	MOVBU	(PTR)(TMP), CH
	CMP	$32, CH
	BEQ	done

store:
	// out[CNT] = line start, colon, value start, CR; the next line
	// starts after the LF.
	ADD	CNT<<4, OUT, TMP
	MOVW	LS, (TMP)
	MOVW	COL, 4(TMP)
	MOVW	VAL, 8(TMP)
	MOVW	END, 12(TMP)
	ADD	$1, CNT
	ADD	$2, END, LS
	B	line

done:
	MOVD	CNT, ret+32(FP)
	RET
