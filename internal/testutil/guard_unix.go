//go:build unix

package testutil

import "golang.org/x/sys/unix"

func newGuard(size int) (*Guard, error) {
	ps := unix.Getpagesize()
	dataLen := (size + ps - 1) / ps * ps
	if dataLen == 0 {
		dataLen = ps
	}
	mem, err := unix.Mmap(-1, 0, dataLen+2*ps, unix.PROT_NONE, unix.MAP_ANON|unix.MAP_PRIVATE)
	if err != nil {
		return nil, err
	}
	data := mem[ps : ps+dataLen]
	if err := unix.Mprotect(data, unix.PROT_READ|unix.PROT_WRITE); err != nil {
		unix.Munmap(mem)
		return nil, err
	}
	return &Guard{mem: mem, data: data}, nil
}

func (g *Guard) free() { unix.Munmap(g.mem) }
