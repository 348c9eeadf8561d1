//go:build !purego

#include "textflag.h"

// The batch scan (see linesGeneric in lines.go for what a plain line is
// and what is written; gen/wire/lines.go is the amd64 twin). Per line
// the work is one vector for the name and a few scalar checks; the line
// ends come from a window: a 64-bit mask of the stop bytes of 64 bytes,
// bit i for byte WB+i, shared by every line that starts in it. A window
// is loaded at a line's start, or where the last one ended when a line
// runs past it; one that would pass p+n is the 64 bytes that end there,
// its mask shifted over the bytes before WB (and for n < 64, the 32
// bytes at p and the 32 that end at p+n, their masks ORed). Every load
// lies inside p[:n]; the stores go to out, uint32s on the caller's stack.
//
// A plain line's stop bytes (setPlain: every control byte, HTAB
// included, and DEL) are 0x20 > v (CMHI), or v == DEL; a non-tchar is
// found with scan_arm64.s's nibble lookup. Go's assembler has neither
// CMHI nor SHRN, so both are WORDs (encodings in the macros).
//
// Masks: a window's four 0x00/0xff vectors are ANDed with the weights
// 1 2 4 ... 128 and folded by pairwise adds into one bit per byte; the
// name's vector is narrowed by SHRN #4 into four bits per byte.

// 0x20; DEL; the tchar nibble tables; the low-nibble mask; the bits
// 0x11 0x22 0x44 0x88.
DATA linesConsts<>+0(SB)/8, $0x2020202020202020
DATA linesConsts<>+8(SB)/8, $0x2020202020202020
DATA linesConsts<>+16(SB)/8, $0x7f7f7f7f7f7f7f7f
DATA linesConsts<>+24(SB)/8, $0x7f7f7f7f7f7f7f7f
DATA linesConsts<>+32(SB)/8, $0xfcfcfcfcfcf8fce8
DATA linesConsts<>+40(SB)/8, $0x70f454d054f4f8f8
DATA linesConsts<>+48(SB)/8, $0x8040201008040201
DATA linesConsts<>+56(SB)/8, $0x0000000000000000
DATA linesConsts<>+64(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA linesConsts<>+72(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA linesConsts<>+80(SB)/8, $0x1111111111111111
DATA linesConsts<>+88(SB)/8, $0x1111111111111111
DATA linesConsts<>+96(SB)/8, $0x2222222222222222
DATA linesConsts<>+104(SB)/8, $0x2222222222222222
DATA linesConsts<>+112(SB)/8, $0x4444444444444444
DATA linesConsts<>+120(SB)/8, $0x4444444444444444
DATA linesConsts<>+128(SB)/8, $0x8888888888888888
DATA linesConsts<>+136(SB)/8, $0x8888888888888888
GLOBL linesConsts<>(SB), (RODATA|NOPTR), $144

#define PTR R0   // input
#define LEN R1   // its length
#define OUT R2   // where the next line's offsets go
#define OEND R3  // out + 16*max: no line is stored there
#define OUT0 R4  // out
#define LS R5    // the line's start
#define COL R6   // its colon
#define END R7   // its CR
#define VAL R8   // its value's start
#define LIM R9   // n-32: a line starts at or before it
#define WB R10   // the window's first byte
#define WM R11   // the window's stop mask, bit 0 for byte LS
#define TMP R12
#define CH R13   // bytes
#define ADR R14  // a load's address
#define SH R15   // a shift: END-LS, or END-WB
#define NT R16   // the name's non-tchar mask
#define WE R17   // the window's end (WB+64, or n)
#define LEN1 R19 // n-1
#define KCS R20  // ": "
#define KCL R21  // CR LF

#define CTLK V20
#define DELK V21
#define LOK V22
#define HIK V23
#define NIBK V24
#define ZERO V26
#define VU V27   // scratch
#define M11 V28
#define M22 V29
#define M44 V30
#define M88 V31

// CMHI20(X, S): S = 0xff where 0x20 > X (unsigned); cmhi S.16b, CTLK.16b, X.16b.
#define CMHI20(X, S) WORD $(0x6e203400 | (X<<16) | (20<<5) | S)

// SHRN4(V): V.8b = V.8h >> 4, narrowed; four bits per byte of a 0x00/0xff V.
#define SHRN4(V) WORD $(0x0f0c8400 | (V<<5) | V)

// STOPS(X, S, x, s) sets S to 0xff for each stop byte of X (x, s: their
// register numbers).
#define STOPS(X, S, x, s) \
	CMHI20(x, s); \
	VCMEQ	DELK.B16, X.B16, VU.B16; \
	VORR	VU.B16, S.B16, S.B16

// NONTCHARS(X, T) sets T to 0xff for each byte of X that is not a tchar.
#define NONTCHARS(X, T) \
	VAND	NIBK.B16, X.B16, T.B16; \
	VUSHR	$4, X.B16, VU.B16; \
	VTBL	T.B16, [LOK.B16], T.B16; \
	VTBL	VU.B16, [HIK.B16], VU.B16; \
	VAND	VU.B16, T.B16, T.B16; \
	VCMEQ	ZERO.B16, T.B16, T.B16

// WINDOW sets V4's low 8 bytes to the stop mask, one bit per byte, of the
// bytes VLD4 spread over V0..V3 (byte 4i+k in lane i of Vk): lane i
// gets byte 4i+k's flag in bits k and 4+k, and SHRN #4 takes the high
// nibble of even lanes and the low nibble of odd ones.
#define WINDOW \
	STOPS(V0, V4, 0, 4); \
	STOPS(V1, V5, 1, 5); \
	STOPS(V2, V6, 2, 6); \
	STOPS(V3, V7, 3, 7); \
	VAND	M11.B16, V4.B16, V4.B16; \
	VBIT	M22.B16, V5.B16, V4.B16; \
	VBIT	M44.B16, V6.B16, V4.B16; \
	VBIT	M88.B16, V7.B16, V4.B16; \
	SHRN4(4)

// func lines(p *byte, n int, out *uint32, max int) int
TEXT ·lines(SB), NOSPLIT, $0-40
	MOVD	p+0(FP), PTR
	MOVD	n+8(FP), LEN
	MOVD	out+16(FP), OUT
	MOVD	max+24(FP), TMP
	MOVD	$linesConsts<>(SB), ADR
	VLD1.P	64(ADR), [CTLK.B16, DELK.B16, LOK.B16, HIK.B16]
	VLD1.P	16(ADR), [NIBK.B16]
	VLD1	(ADR), [M11.B16, M22.B16, M44.B16, M88.B16]
	VEOR	ZERO.B16, ZERO.B16, ZERO.B16
	MOVD	OUT, OUT0
	ADD	TMP<<4, OUT, OEND
	SUB	$32, LEN, LIM
	SUB	$1, LEN, LEN1
	MOVD	$0x203a, KCS
	MOVD	$0x0a0d, KCL
	MOVD	ZR, LS
	MOVD	ZR, WM // no window yet
	MOVD	ZR, WE
	B	more

line:
	// The name: 1..31 tchars, then the colon; the first non-tchar is
	// sought in the 16 bytes at LS, then in the next 16.
	ADD	LS, PTR, ADR
	VLD1	(ADR), [V16.B16]
	NONTCHARS(V16, V17)
	SHRN4(17)
	FMOVD	F17, NT
	CBZ	NT, name32
	RBIT	NT, NT
	CLZ	NT, NT
	CBZ	NT, done
	ADD	NT>>2, LS, COL

colon:
	// The colon and at most one SP after it.
	MOVHU	(PTR)(COL), CH
	CMPW	CH, KCS
	BNE	nospace
	ADD	$2, COL, VAL
	MOVBU	(PTR)(VAL), CH // a second SP: not plain (VAL <= END, a stop)
	CMPW	$32, CH
	BEQ	done

stop:
	// The line's end: the first stop byte from LS (none lies before the
	// colon), from the window if one follows in it.
	CBZ	WM, refill
	RBIT	WM, SH
	CLZ	SH, SH
	ADD	SH, LS, END

crlf:
	// The stop byte is a CR, an LF follows it, no SP precedes it but
	// the one after the colon.
	CMP	LEN1, END
	BHS	done
	MOVHU	(PTR)(END), CH
	CMPW	CH, KCL
	BNE	done
	SUB	$1, END, TMP
	MOVBU	(PTR)(TMP), CH
	CMPW	$32, CH
	BEQ	trail

store:
	// out = line start, colon, value start, CR; the next line starts
	// after the LF, and the window's mask moves on with it.
	STPW	(VAL, END), 8(OUT)
	STPW.P	(LS, COL), 16(OUT)
	ADD	$2, END, LS
	LSR	SH, WM
	LSR	$2, WM

more:
	// Another line: below max lines, with 32 bytes from LS.
	CMP	OEND, OUT
	CCMP	LO, LS, LIM, $0
	BLE	line

done:
	SUB	OUT0, OUT, TMP
	LSR	$4, TMP
	MOVD	TMP, ret+32(FP)
	RET

trail:
	// A SP before the CR: plain only as the one after the colon.
	CMP	END, VAL
	BEQ	store
	B	done

nospace:
	ANDW	$0xff, CH
	CMPW	$58, CH // ':'
	BNE	done
	ADD	$1, COL, VAL
	B	stop

name32:
	// No non-tchar in the first 16 bytes: in the next 16?
	ADD	$16, ADR
	VLD1	(ADR), [V16.B16]
	NONTCHARS(V16, V17)
	SHRN4(17)
	FMOVD	F17, NT
	CBZ	NT, done
	RBIT	NT, NT
	CLZ	NT, NT
	ADD	NT>>2, LS, COL
	ADD	$16, COL
	B	colon

refill:
	// No stop byte from LS to the window's end WE: a window at LS if
	// LS is past WE, else the next one, at WE.
	CMP	WE, LS
	BLO	next
	MOVD	LS, WB
	B	fill

next:
	MOVD	WE, WB
	CMP	LEN, WB
	BHS	done

fill:
	// WM = the stop mask of the bytes from WB (< n) to WE = min(WB+64,
	// n), bit 0 for WB; the line ends at its first bit, and from there
	// on the mask is for the line after, as in store.
	ADD	$64, WB, WE
	CMP	LEN, WE
	BHI	fill_tail
	ADD	WB, PTR, ADR
	VLD4	(ADR), [V0.B16, V1.B16, V2.B16, V3.B16]
	WINDOW
	FMOVD	F4, WM

found:
	CBZ	WM, next
	RBIT	WM, SH
	CLZ	SH, SH
	ADD	SH, WB, END // store shifts the mask by SH+2: to the next line
	B	crlf

fill_tail:
	MOVD	LEN, WE
	CMP	$64, LEN
	BLT	fill_short
	// The 64 bytes that end at p+n, shifted right over the 64-(n-WB)
	// before WB.
	ADD	LEN, PTR, ADR
	SUB	$64, ADR
	VLD4	(ADR), [V0.B16, V1.B16, V2.B16, V3.B16]
	WINDOW
	FMOVD	F4, WM
	SUB	WB, WE, TMP
	MOVD	$64, SH
	SUB	TMP, SH
	LSR	SH, WM
	B	found

fill_short:
	// n < 64: the 32 bytes at p and the 32 that end at p+n cover p[:n];
	// their masks ORed, bit i for byte i, then shifted right over the
	// WB bytes before WB.
	VLD4	(PTR), [V0.B8, V1.B8, V2.B8, V3.B8]
	WINDOW
	FMOVS	F4, WM
	ADD	LEN, PTR, ADR
	SUB	$32, ADR
	VLD4	(ADR), [V0.B8, V1.B8, V2.B8, V3.B8]
	WINDOW
	FMOVS	F4, TMP
	SUB	$32, LEN, SH
	LSL	SH, TMP
	ORR	TMP, WM
	LSR	WB, WM
	B	found
