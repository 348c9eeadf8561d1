package percpu_test

import (
	"fmt"
	"sync"

	"github.com/hotpath-go/hotpath/percpu"
)

// request stands for a framework's per-request context: large, so worth
// reusing rather than allocating per request.
type request struct {
	method, path string
	n            int
	buf          [1024]byte
}

func ExamplePool() {
	pool := percpu.Pool[request]{New: func() *request { return new(request) }}

	handle := func(method, path string) string {
		r := pool.Get()
		defer pool.Put(r)
		*r = request{} // a pooled object comes back as its last user left it
		r.method, r.path = method, path
		r.n = copy(r.buf[:], r.method+" "+r.path)
		return string(r.buf[:r.n])
	}

	fmt.Println(handle("GET", "/"))
	fmt.Println(handle("POST", "/users"))
	// Output:
	// GET /
	// POST /users
}

func ExamplePool_withoutNew() {
	var pool percpu.Pool[request] // the zero value is an empty pool
	fmt.Println(pool.Get() == nil)
	pool.Put(nil) // a no-op
	fmt.Println(pool.Get() == nil)
	// Output:
	// true
	// true
}

// A hot path that cannot afford Get's and Put's call level writes their
// fast paths out: pin, try the P's private slot, unpin, and fall back to
// Get or Put when the slot could not serve. Nothing between Pin and Unpin
// may block, allocate or panic.
func ExamplePin() {
	pool := percpu.Pool[request]{New: func() *request { return new(request) }}

	pin := percpu.Pin()
	r := pool.TakePinned(pin)
	pin.Unpin()
	if r == nil {
		r = pool.Get() // the slot was empty: the full path, New included
	}
	r.method = "GET"
	fmt.Println(r.method)

	*r = request{}
	pin = percpu.Pin()
	ok := pool.PutPinned(pin, r)
	pin.Unpin()
	if !ok {
		pool.Put(r)
	}
	// Output: GET
}

func ExampleCounter() {
	var hits percpu.Counter // the zero value is ready to use
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 1000 {
				hits.Add(1)
			}
		})
	}
	wg.Wait()
	fmt.Println(hits.Load()) // exact once the Adds are done
	// Output: 8000
}
