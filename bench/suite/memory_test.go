package suite

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

	"github.com/gin-gonic/gin"
	"github.com/hotpath-go/hotpath/framework"
)

// The memory a framework holds after a burst: 32 requests with 512 KiB of
// headers each, all in flight at once over real sockets on 127.0.0.1, then
// every connection closed and the heap collected. A framework that pools
// its request contexts must not keep their last requests alive (the
// framework issue's bug 9: 16 MiB held, gin 0.1 MiB).

const (
	burstSize   = 32
	burstHeader = 512 << 10
	burstWait   = 10 * time.Second // bounds every wait and connection
)

// burstBarrier makes the handlers of a burst wait for each other, so that
// burstSize requests are in flight together.
type burstBarrier struct {
	arrived sync.WaitGroup
	all     chan struct{}
}

func newBurstBarrier() *burstBarrier {
	b := &burstBarrier{all: make(chan struct{})}
	b.arrived.Add(burstSize)
	go func() { b.arrived.Wait(); close(b.all) }()
	return b
}

func (b *burstBarrier) wait() {
	b.arrived.Done()
	select {
	case <-b.all:
	case <-time.After(burstWait):
	}
}

func heapAlloc() int64 {
	for i := 0; i < 3; i++ {
		runtime.GC()
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}

// burstHeld returns the heap still allocated after a burst served by the
// handler build makes (given the barrier its handler must wait on), minus
// the heap before.
func burstHeld(t *testing.T, build func(b *burstBarrier) http.Handler) int64 {
	t.Helper()
	h := build(newBurstBarrier())
	before := heapAlloc()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	big := strings.Repeat("b", burstHeader)
	var wg sync.WaitGroup
	for i := 0; i < burstSize; i++ {
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
	after := heapAlloc()
	runtime.KeepAlive(h)
	return after - before
}

func hotpathBurst(b *burstBarrier) http.Handler {
	app := framework.New()
	app.GET("/x", func(c *framework.Context) error {
		b.wait()
		return c.String(http.StatusOK, c.Header("X-Big")[:1])
	})
	return app
}

func ginBurst(b *burstBarrier) http.Handler {
	e := newGin()
	e.GET("/x", func(c *gin.Context) {
		b.wait()
		c.String(http.StatusOK, c.GetHeader("X-Big")[:1])
	})
	return e
}

// TestMemoryAfterBurst compares the heap hotpath's framework and gin hold
// after the same burst: ours must be at most twice gin's (with 256 KiB of
// slack for the collector's own noise, a quarter of one request's headers).
func TestMemoryAfterBurst(t *testing.T) {
	if testing.Short() {
		t.Skip("a burst of 16 MiB")
	}
	const rounds = 3
	var ours, theirs []int64
	for i := 0; i < rounds; i++ { // interleaved
		ours = append(ours, burstHeld(t, hotpathBurst))
		theirs = append(theirs, burstHeld(t, ginBurst))
	}
	o, g := median(ours), median(theirs)
	mib := func(n int64) string { return fmt.Sprintf("%.2f MiB", float64(n)/(1<<20)) }
	t.Logf("held after the burst (median of %d): hotpath %s, gin %s", rounds, mib(o), mib(g))
	if o > 2*max(g, 0)+256<<10 {
		t.Errorf("hotpath holds %s after the burst, gin %s: want at most twice gin's", mib(o), mib(g))
	}
}

func median(xs []int64) int64 {
	s := append([]int64(nil), xs...)
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s[len(s)/2]
}
