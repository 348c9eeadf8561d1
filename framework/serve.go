package framework

import (
	"net/http"

	"github.com/hotpath-go/hotpath/internal/swar"
)

// ServeHTTP routes r to its handler. See the package doc for how a route is
// chosen and what happens when none is. It sets r.Pattern to the matched
// route's pattern (as net/http's ServeMux does) before the handler runs.
// r must not be nil.
//
// ServeHTTP is the request path every front end shares: ServeHTTP1
// (hotpath's engine) calls it with a nil r and the engine's response in w,
// and the Context then holds the engine's request and response instead of
// r and w. Routing reads only the method and the path (%-decoded, kept in
// c.path); everything else a request needs is read through the Context,
// from whichever request it holds. It is one function, not two front ends
// around a core taking the method and path, because that call costs about
// 20 instructions a request (callgrind), a tenth of the fixed cost.
//
// The common case is written out here: one load of the routing table, the
// method's slot, its static table (one probe), then its tree. What is rare (other methods, a
// parameter buffer to grow, a miss, a status left to send) is in helpers
// outside it.
func (a *App) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// a.pool.get, its fast path written out (see take). The pool's
	// address is taken before pinning: a nil App panics there, not pinned.
	pool := &a.pool
	p := pin()
	c := pool.take(p)
	p.Unpin()
	if c == nil {
		c = pool.get()
	}
	t := a.state.Load()
	var mi int
	var path string
	if r != nil {
		path = r.URL.Path
		c.r, c.rw.w, c.path = r, w, path
		if mi = methodIndex(r.Method); mi < 0 {
			mi = t.otherSlot(r.Method)
		}
		if typeWord(&w) != c.rw.viewType {
			c.rw.setKind() // for Response
		}
	} else {
		mi = c.enterEngine(t, w)
		path = c.path
	}
	var rt *route
	if mi >= 0 && !t.cleanPath {
		m := &t.methods[mi&(maxMethods-1)] // the mask spares the bounds check
		// m.static.get(path), written out for paths of up to 24 bytes:
		// three words and the length are the whole path, so a hit in the
		// home slot is decided here, and so is a miss there when no probe
		// went on past it.
		if s := &m.static; s.n != 0 {
			if n := len(path); n <= 24 {
				if s.shortLens>>n&1 != 0 { // else no stored path has n bytes
					var w0, w1, w2 uint64
					if n >= 8 {
						w0, w1 = swar.Head64(path), swar.Head64(path[n-8:])
					} else if n > 0 {
						w0 = swar.ShortString(path)
					}
					h := (w0^s.seed)*mulWord0 ^ (w1 + uint64(n))
					if n > 16 {
						w2 = swar.Head64(path[8:])
						h ^= w2 * mulWord2
					}
					j := ((h * mulFinal) >> (s.shift & 63)) & s.mask
					if sl := &s.slots[j]; sl.w0 == w0 && sl.w1 == w1 && sl.w2 == w2 && sl.rt != nil && len(sl.rt.pattern) == n {
						rt = sl.rt
						goto found // not nil: straight to it, past the tests of rt below
					} else if s.goesOn(j) {
						rt = s.get(path)
					}
				}
			} else if s.mayHaveLong(path) {
				rt = s.get(path)
			}
		}
		if rt == nil && m.tree != nil && len(path) > 0 && path[0] == '/' {
			if len(c.params) < t.maxParams {
				c.growParams(t.maxParams)
			}
			rt = m.tree.lookup(path[1:], c.params, 0)
		}
	}
	if rt == nil {
		c.miss(t)
		goto done
	}
found:
	// c.run(t, rt), written out.
	c.route = rt
	if c.r != nil {
		c.r.Pattern = rt.pattern
	} else if len(rt.names) > 0 {
		c.ownParams(rt) // on the engine: values that outlive the connection's buffer
	}
	if err := rt.h(c); err != nil {
		c.fail(t, err)
	}
done:
	if c.rw.pending() {
		c.rw.finish()
	}
	// Drop what c references of this request, so that a pooled Context
	// keeps no request (nor its header or body memory) alive. The
	// parameter spans hold no pointer; c.route is set before it is read.
	// On the engine c.extra is never nil (enterEngine makes it).
	if c.extra != nil {
		c.extra.release()
		if c.er != nil {
			c.leaveEngine()
		}
	}
	c.r, c.rw.w, c.path = nil, nil, ""
	c.rw.status, c.rw.size = 0, 0 // field by field: a struct literal goes through a copy
	c.rw.written, c.rw.noBody, c.rw.held, c.rw.lenSet = false, false, false, false
	// a.pool.put, its fast path written out; each outcome unpins on its
	// own, so that no result lives across the call.
	p = pin()
	if pool.give(p, c) {
		p.Unpin()
		return
	}
	p.Unpin()
	pool.put(c)
}

// run runs route rt, matched on c.path, for c.
func (c *Context) run(t *table, rt *route) {
	c.route = rt
	if c.r != nil {
		c.r.Pattern = rt.pattern
	} else if len(rt.names) > 0 {
		c.ownParams(rt) // on the engine: values that outlive the connection's buffer
	}
	if err := rt.h(c); err != nil {
		c.fail(t, err)
	}
}

// fail answers err: the App's error handler, then the default answer when
// that wrote nothing. When the response had been started before, the
// client already has a status (most often 200) and part of a body that
// would look complete: the connection is aborted instead, with net/http's
// own sentinel, so that the client sees a failure.
//
//go:noinline
func (c *Context) fail(t *table, err error) {
	started := c.rw.written
	c.answerError(t, err)
	if started {
		panic(http.ErrAbortHandler)
	}
}

// answerError runs the App's error handler for err, and the default one
// when that wrote nothing: a failed request never ends in an empty 200.
func (c *Context) answerError(t *table, err error) {
	t.onError(c, err)
	if !c.rw.written {
		defaultOnError(c, err)
	}
}

// growParams gives c room for n parameter values (a route with more of them
// than any before was added).
//
//go:noinline
func (c *Context) growParams(n int) { c.params = make([]paramSpan, n) }
