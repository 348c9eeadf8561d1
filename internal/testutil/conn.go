package testutil

import (
	"bytes"
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

// ChunkConn is an in-memory net.Conn that hands out the chunks of In, one
// per Read (a chunk longer than the reader's buffer over several), then
// io.EOF; writes go to Out and are counted. Fuzz targets use it to cut a
// connection's bytes into reads at arbitrary points (see SplitReads).
type ChunkConn struct {
	In     [][]byte
	Out    bytes.Buffer
	Writes int // Write calls
}

// SplitReads cuts data into chunks of split bytes (one chunk for 0).
func SplitReads(data []byte, split int) [][]byte {
	var in [][]byte
	for rest := data; len(rest) > 0; {
		n := len(rest)
		if split > 0 {
			n = min(split, n)
		}
		in = append(in, rest[:n])
		rest = rest[n:]
	}
	return in
}

// Read hands out what is left of the first non-empty chunk, or io.EOF.
func (c *ChunkConn) Read(p []byte) (int, error) {
	for len(c.In) > 0 && len(c.In[0]) == 0 {
		c.In = c.In[1:]
	}
	if len(c.In) == 0 {
		return 0, io.EOF
	}
	n := copy(p, c.In[0])
	c.In[0] = c.In[0][n:]
	return n, nil
}

// Write appends p to Out.
func (c *ChunkConn) Write(p []byte) (int, error) {
	c.Writes++
	return c.Out.Write(p)
}

func (c *ChunkConn) Close() error                     { return nil }
func (c *ChunkConn) LocalAddr() net.Addr              { return loopLocal }
func (c *ChunkConn) RemoteAddr() net.Addr             { return loopRemote }
func (c *ChunkConn) SetDeadline(time.Time) error      { return nil }
func (c *ChunkConn) SetReadDeadline(time.Time) error  { return nil }
func (c *ChunkConn) SetWriteDeadline(time.Time) error { return nil }
