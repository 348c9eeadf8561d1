//go:build !purego

#include "textflag.h"
#include "refused_arm64.h"

// func validHeaderName(s string) bool
// The bytes refused are those that are not tchars; "" is no name.
TEXT ·validHeaderName(SB), NOSPLIT, $0-17
	REFUSED($·nameTables+256(SB), $·nameTables(SB), $0)
