package testutil

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// The memory a server holds after a burst: BurstSize requests with
// BurstHeaderBytes of headers each, all in flight at once over real
// sockets on 127.0.0.1, then every connection closed and the heap
// collected. A framework that pools its request contexts must not keep
// their last requests alive.
const (
	BurstSize        = 32
	BurstHeaderBytes = 512 << 10
	burstWait        = 10 * time.Second // bounds every wait and connection
)

// Barrier makes the handlers of a burst wait for each other, so that
// BurstSize requests are in flight together. Each handler calls Wait once.
type Barrier struct {
	arrived sync.WaitGroup
	all     chan struct{}
}

// NewBarrier returns a Barrier for BurstSize handlers.
func NewBarrier() *Barrier {
	b := &Barrier{all: make(chan struct{})}
	b.arrived.Add(BurstSize)
	go func() { b.arrived.Wait(); close(b.all) }()
	return b
}

// Wait returns when BurstSize handlers have called it, or after a bound.
func (b *Barrier) Wait() {
	b.arrived.Done()
	select {
	case <-b.all:
	case <-time.After(burstWait):
	}
}

// HeapAlloc returns the bytes of allocated heap objects after three
// collections.
func HeapAlloc() int64 {
	for i := 0; i < 3; i++ {
		runtime.GC()
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}

// HeldAfterBurst serves h with net/http on 127.0.0.1, sends it BurstSize
// concurrent "GET /x" requests, each with an X-Big header of
// BurstHeaderBytes "b"s and Connection: close, reads every response to
// EOF, closes the server and returns the heap still allocated minus the
// heap before. h's handler for /x should wait on a Barrier, so that every
// request is in flight at once.
func HeldAfterBurst(t testing.TB, h http.Handler) int64 {
	t.Helper()
	before := HeapAlloc()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	big := strings.Repeat("b", BurstHeaderBytes)
	var wg sync.WaitGroup
	for i := 0; i < BurstSize; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := net.DialTimeout("tcp", l.Addr().String(), burstWait)
			if err != nil {
				t.Error(err)
				return
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(burstWait))
			fmt.Fprintf(conn, "GET /x HTTP/1.1\r\nHost: site.test\r\nConnection: close\r\nX-Big: %s\r\n\r\n", big)
			var buf [4096]byte
			for n := 0; n < 1000; n++ { // to EOF, bounded
				if _, err := conn.Read(buf[:]); err != nil {
					break
				}
			}
		}()
	}
	wg.Wait()
	srv.Close()
	big = ""
	after := HeapAlloc()
	runtime.KeepAlive(h)
	return after - before
}
