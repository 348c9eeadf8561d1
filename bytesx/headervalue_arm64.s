//go:build !purego

#include "textflag.h"
#include "refused_arm64.h"

// func validHeaderValue(s string) bool
// The bytes refused are the control bytes but HTAB, and DEL; "" is a
// valid value.
TEXT ·validHeaderValue(SB), NOSPLIT, $0-17
	REFUSED($·valueTables+256(SB), $·valueTables(SB), $1)
