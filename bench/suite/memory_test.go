package suite

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/hotpath-go/hotpath/framework"
	"github.com/hotpath-go/hotpath/internal/testutil"
)

// The memory a framework holds after a burst (testutil.HeldAfterBurst):
// a framework that pools its request contexts must not keep their last
// requests alive (the framework issue's bug 9: 16 MiB held, gin 0.1 MiB).

// burstHeld returns the heap held after a burst served by the handler
// build makes, given the barrier its handler must wait on.
func burstHeld(t *testing.T, build func(b *testutil.Barrier) http.Handler) int64 {
	t.Helper()
	return testutil.HeldAfterBurst(t, build(testutil.NewBarrier()))
}

func hotpathBurst(b *testutil.Barrier) http.Handler {
	app := framework.New()
	app.GET("/x", func(c *framework.Context) error {
		b.Wait()
		return c.String(http.StatusOK, c.Header("X-Big")[:1])
	})
	return app
}

func ginBurst(b *testutil.Barrier) http.Handler {
	e := newGin()
	e.GET("/x", func(c *gin.Context) {
		b.Wait()
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
