package framework

import (
	"context"
	"net"

	"github.com/hotpath-go/hotpath/engine"
)

// Serve accepts connections on ln and serves HTTP/1.1 on them with
// hotpath's own engine (package engine) until Shutdown, then returns
// http.ErrServerClosed. It runs on a.Server, made with the engine's
// defaults when nil; see the package doc for what the engine does not do
// (HTTP/2, h2c, upgrades), for which the App runs under net/http as an
// http.Handler instead. Serve may be called for several listeners at
// once; ln is closed when Serve returns.
func (a *App) Serve(ln net.Listener) error { return a.engineServer().Serve(ln) }

// ListenAndServe listens on the TCP address addr and calls Serve.
func (a *App) ListenAndServe(addr string) error { return a.engineServer().ListenAndServe(addr) }

// Shutdown stops the App's engine gracefully: it stops accepting, closes
// the connections waiting for a request, lets the requests in flight
// finish (their responses carry Connection: close), and returns when
// every connection is closed, or ctx's error when ctx is done first.
// Serve then returns http.ErrServerClosed, and so does any later Serve.
// It does not reach net/http servers running the App as an http.Handler.
func (a *App) Shutdown(ctx context.Context) error { return a.engineServer().Shutdown(ctx) }

// engineServer returns a.Server, made on first use, with its Handler set
// to the App when it has none.
func (a *App) engineServer() *engine.Server {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.Server == nil {
		a.Server = &engine.Server{}
	}
	if a.Server.Handler == nil {
		a.Server.Handler = engine.HTTPHandler(a)
	}
	return a.Server
}
