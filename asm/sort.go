package asm

import "slices"

func sortStrings(s []string) []string {
	if s == nil {
		s = []string{}
	}
	slices.Sort(s)
	return s
}
