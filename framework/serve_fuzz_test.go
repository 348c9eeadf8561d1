package framework

import (
	"bufio"
	"bytes"
	"log"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hotpath-go/hotpath/engine"
	"github.com/hotpath-go/hotpath/internal/testutil"
)

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
		mc := &testutil.ChunkConn{In: testutil.SplitReads(data, int(split))}
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
		if mc.Out.Len() > 0 {
			resp, err := http.ReadResponse(bufio.NewReader(&mc.Out), nil)
			if err != nil || resp.StatusCode < 100 || resp.StatusCode > 599 {
				t.Fatalf("first response: %v %v\n%q", resp, err, mc.Out.String())
			}
		}
	})
}
