package testutil

import (
	"io"
	"net"
	"time"
)

// LoopConn is an in-memory net.Conn for serving benchmarks and allocation
// tests: each Read hands out Batch (one or more whole requests) until N
// reads were served, then io.EOF; writes are counted and dropped. Its
// addresses are loopback TCP addresses (some servers want a *net.TCPAddr).
type LoopConn struct {
	Batch  []byte
	N      int // reads left
	Writes int // Write calls
	Bytes  int // bytes written
}

// Read copies Batch into p, or returns io.EOF once N reads were served.
func (c *LoopConn) Read(p []byte) (int, error) {
	if c.N == 0 {
		return 0, io.EOF
	}
	c.N--
	return copy(p, c.Batch), nil
}

// Write counts p and drops it.
func (c *LoopConn) Write(p []byte) (int, error) {
	c.Writes++
	c.Bytes += len(p)
	return len(p), nil
}

var (
	loopLocal  = &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 80}
	loopRemote = &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 40000}
)

func (c *LoopConn) Close() error                     { return nil }
func (c *LoopConn) LocalAddr() net.Addr              { return loopLocal }
func (c *LoopConn) RemoteAddr() net.Addr             { return loopRemote }
func (c *LoopConn) SetDeadline(time.Time) error      { return nil }
func (c *LoopConn) SetReadDeadline(time.Time) error  { return nil }
func (c *LoopConn) SetWriteDeadline(time.Time) error { return nil }
