//go:build !unix

package testutil

import "errors"

func newGuard(int) (*Guard, error) {
	return nil, errors.New("no mmap/mprotect on this GOOS")
}

func (g *Guard) free() {}
