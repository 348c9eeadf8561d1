//go:build !linux

package engine

// sock is empty off Linux: the engine reads and writes through net.Conn.
type sock struct {
	readFn, writeFn func(uintptr) bool
}

func (c *conn) setSock() {}

// read is c.nc.Read(p).
func (c *conn) read(p []byte) (int, error) { return c.nc.Read(p) }

// write is c.nc.Write(p).
func (c *conn) write(p []byte) (int, error) { return c.nc.Write(p) }
