package engine

import (
	"io"
	"net"
	"syscall"
	"unsafe"
)

// sock is the connection's socket seen below net.Conn, for the two calls
// every request makes (fill's read and flush's write): on a TCP or Unix
// socket the engine reads and writes the non-blocking descriptor itself,
// through syscall.RawConn, with raw system calls. A read or write on a
// non-blocking socket never blocks, so it needs none of the scheduler's
// entersyscall/exitsyscall around it, and the wait for readiness and the
// deadlines stay the runtime poller's (RawConn.Read and Write). Other
// connections (TLS, pipes, test doubles) go through net.Conn.
type sock struct {
	rc      syscall.RawConn
	readFn  func(uintptr) bool
	writeFn func(uintptr) bool
	p       []byte
	n       int
	errno   syscall.Errno
}

// setSock prepares c's raw socket access, or leaves it off.
func (c *conn) setSock() {
	var sc syscall.Conn
	switch nc := c.nc.(type) {
	case *net.TCPConn:
		sc = nc
	case *net.UnixConn:
		sc = nc
	default:
		return
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return
	}
	c.sk.rc = rc
	if c.sk.readFn == nil {
		c.sk.readFn, c.sk.writeFn = c.rawRead, c.rawWrite
	}
}

func (c *conn) rawRead(fd uintptr) bool {
	p := c.sk.p
	for {
		n, _, e := syscall.RawSyscall(syscall.SYS_READ, fd, uintptr(unsafe.Pointer(unsafe.SliceData(p))), uintptr(len(p)))
		switch e {
		case 0:
			c.sk.n, c.sk.errno = int(n), 0
			return true
		case syscall.EINTR:
			continue
		case syscall.EAGAIN:
			return false
		}
		c.sk.n, c.sk.errno = 0, e
		return true
	}
}

func (c *conn) rawWrite(fd uintptr) bool {
	for c.sk.n < len(c.sk.p) {
		p := c.sk.p[c.sk.n:]
		n, _, e := syscall.RawSyscall(syscall.SYS_WRITE, fd, uintptr(unsafe.Pointer(unsafe.SliceData(p))), uintptr(len(p)))
		switch e {
		case 0:
			c.sk.n += int(n)
			continue
		case syscall.EINTR:
			continue
		case syscall.EAGAIN:
			return false
		}
		c.sk.errno = e
		return true
	}
	return true
}

// read is c.nc.Read(p).
func (c *conn) read(p []byte) (int, error) {
	if c.sk.rc == nil || len(p) == 0 {
		return c.nc.Read(p)
	}
	c.sk.p, c.sk.n, c.sk.errno = p, 0, 0
	err := c.sk.rc.Read(c.sk.readFn)
	c.sk.p = nil
	if err != nil {
		return 0, opName(err, "read")
	}
	if c.sk.errno != 0 {
		return 0, &net.OpError{Op: "read", Net: "tcp", Source: c.local, Addr: c.remote, Err: c.sk.errno}
	}
	if c.sk.n == 0 {
		return 0, io.EOF
	}
	return c.sk.n, nil
}

// write is c.nc.Write(p).
func (c *conn) write(p []byte) (int, error) {
	if c.sk.rc == nil || len(p) == 0 {
		return c.nc.Write(p)
	}
	c.sk.p, c.sk.n, c.sk.errno = p, 0, 0
	err := c.sk.rc.Write(c.sk.writeFn)
	n := c.sk.n
	c.sk.p = nil
	if err != nil {
		err = opName(err, "write")
	} else if c.sk.errno != 0 {
		err = &net.OpError{Op: "write", Net: "tcp", Source: c.local, Addr: c.remote, Err: c.sk.errno}
	}
	return n, err
}

// opName names the operation of RawConn's errors ("raw-read") as net.Conn
// names its own, so that a Body's errors read the same on every socket.
func opName(err error, op string) error {
	if oe, ok := err.(*net.OpError); ok {
		oe.Op = op
	}
	return err
}
