package framework

import (
	"bufio"
	"bytes"
	"io"
	"log"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hotpath-go/hotpath/engine"
)

// chunkConn is an in-memory connection whose reads hand out the chunks
// of in, one per call, then io.EOF; writes go to out.
type chunkConn struct {
	loopConn
	in  [][]byte
	out bytes.Buffer
}

func (c *chunkConn) Read(p []byte) (int, error) {
	for len(c.in) > 0 && len(c.in[0]) == 0 {
		c.in = c.in[1:]
	}
	if len(c.in) == 0 {
		return 0, io.EOF
	}
	n := copy(p, c.in[0])
	c.in[0] = c.in[0][n:]
	return n, nil
}

func (c *chunkConn) Write(p []byte) (int, error) { return c.out.Write(p) }

// FuzzServeEngine serves arbitrary bytes, split into reads at arbitrary
// points, to the differential test's App on the engine: nothing may panic
// (the engine logs a handler's panic, which fails the target), the
// connection must end, and the first response must parse.
func FuzzServeEngine(f *testing.F) {
	for _, s := range diffCorpus() {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(5))
	}
	app := diffApp()
	app.GET("/req/:id", func(c *Context) error {
		c.Response().Header().Set("X-Path", c.Request().URL.Path)
		return c.String(http.StatusOK, c.Param("id")+c.Header("X")+c.Query("q"))
	})
	f.Fuzz(func(t *testing.T, data []byte, split uint8) {
		var logged bytes.Buffer
		s := &engine.Server{Handler: app, ErrorLog: log.New(&logged, "", 0), MaxHeaderBytes: 4096, MaxBodyBytes: 1 << 16}
		mc := &chunkConn{}
		for rest := data; len(rest) > 0; {
			n := len(rest)
			if split > 0 {
				n = min(int(split), n)
			}
			mc.in = append(mc.in, rest[:n])
			rest = rest[n:]
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			s.ServeConn(mc)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			buf := make([]byte, 1<<16)
			t.Fatalf("ServeConn did not end on %q split %d:\n%s", data, split, buf[:runtime.Stack(buf, true)])
		}
		if strings.Contains(logged.String(), "panic") {
			t.Fatalf("panic on %q: %s", data, logged.String())
		}
		if mc.out.Len() > 0 {
			resp, err := http.ReadResponse(bufio.NewReader(&mc.out), nil)
			if err != nil || resp.StatusCode < 100 || resp.StatusCode > 599 {
				t.Fatalf("first response: %v %v\n%q", resp, err, mc.out.String())
			}
		}
	})
}
