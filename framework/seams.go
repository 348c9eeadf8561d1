package framework

import (
	"github.com/hotpath-go/hotpath/bytesx"
	"github.com/hotpath-go/hotpath/percpu"
)

// This file holds the seams between the framework and the primitives it is
// built on. Each seam is one tiny type or function, so that switching from a
// stand-in to the primitive touches one place.

// ctxPool recycles Contexts: one cache per P, no lock, no interface.
type ctxPool struct {
	p percpu.Pool[Context]
}

// get returns a Context of the App (New sets p.p.New).
func (p *ctxPool) get() *Context { return p.p.Get() }

func (p *ctxPool) put(c *Context) { p.p.Put(c) }

// pin, take and give let ServeHTTP write out get's and put's fast paths
// (a call level less each way): take and give work on the private slot of
// the P pinned by pin, and fail (nil, false) when the slow path is needed.
func pin() percpu.Pinned { return percpu.Pin() }

func (p *ctxPool) take(pin percpu.Pinned) *Context { return p.p.TakePinned(pin) }

func (p *ctxPool) give(pin percpu.Pinned, c *Context) bool { return p.p.PutPinned(pin, c) }

// validHeaderName reports whether s is an RFC 9110 field-name (a non-empty
// token).
func validHeaderName(s string) bool { return bytesx.ValidHeaderNameString(s) }

// validHeaderValue reports whether s is a field-value net/http will send as
// is: no control byte but HTAB, so no CR, LF or NUL (obs-text is allowed).
func validHeaderValue(s string) bool { return bytesx.ValidHeaderValueString(s) }

// canonicalKey is the canonical form of a header name, allocation-free
// when it already is canonical or is a common name.
func canonicalKey(s string) string { return bytesx.CanonicalHeaderKey(s) }
