package engine

import (
	"context"
	"crypto/tls"
	"errors"
	"log"
	"net"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// The defaults, used when the Server field of the same meaning is zero.
// A negative field turns its limit off (not recommended for a server facing
// the Internet); the package doc says what "off" means for each.
const (
	// DefaultReadHeaderTimeout bounds the time from a request's start to
	// the end of its head (and the wait for a connection's first request):
	// a client sending a byte a second is cut off.
	DefaultReadHeaderTimeout = 10 * time.Second
	// DefaultReadTimeout bounds the time from a request's start to the end
	// of its body.
	DefaultReadTimeout = 60 * time.Second
	// DefaultWriteTimeout bounds the time from the end of a request's head
	// to the end of its response's write.
	DefaultWriteTimeout = 60 * time.Second
	// DefaultIdleTimeout bounds the wait for the next request on a
	// keep-alive connection that has served one.
	DefaultIdleTimeout = 60 * time.Second
	// DefaultMaxHeaderBytes bounds a request head, request line and final
	// empty line included (431 beyond it). net/http allows 1 MiB.
	DefaultMaxHeaderBytes = 64 << 10
	// DefaultMaxHeaders bounds the number of header fields (431 beyond it).
	DefaultMaxHeaders = 100
	// DefaultMaxRequestLineBytes bounds the request line (414 beyond it).
	DefaultMaxRequestLineBytes = 8 << 10
	// DefaultMaxBodyBytes bounds a request body (413 beyond it).
	DefaultMaxBodyBytes = 8 << 20
	// DefaultMaxUnreadBodyBytes is the most of a body the handler left
	// unread that the engine reads and discards to keep the connection;
	// past it the connection closes (net/http uses 256 KiB too).
	DefaultMaxUnreadBodyBytes = 256 << 10
	// DefaultResponseBufferBytes is how much of a response body is held
	// back to send it with a Content-Length; a larger body is sent chunked.
	DefaultResponseBufferBytes = 16 << 10
)

// A Handler answers one request. ServeHTTP1 runs on the connection's
// goroutine; r and w are valid only until it returns (see the package doc
// for the concurrency contract).
type Handler interface {
	ServeHTTP1(w *ResponseWriter, r *Request)
}

// HandlerFunc adapts a function to a Handler.
type HandlerFunc func(w *ResponseWriter, r *Request)

// ServeHTTP1 calls f(w, r).
func (f HandlerFunc) ServeHTTP1(w *ResponseWriter, r *Request) { f(w, r) }

// Server is hotpath's HTTP/1.1 server. Set its fields before the first
// Serve and do not change them after; the zero value of every limit is the
// documented default. A Server must not be copied after first use.
type Server struct {
	// Handler answers every request. It must not be nil.
	Handler Handler

	// ReadHeaderTimeout bounds the time from a request's start (see the
	// package doc) to the end of its head, and the wait for a connection's
	// first request (default DefaultReadHeaderTimeout).
	ReadHeaderTimeout time.Duration
	// ReadTimeout bounds the time from a request's start to the end of its
	// body (default DefaultReadTimeout).
	ReadTimeout time.Duration
	// WriteTimeout bounds the time from the end of a request's head to the
	// end of the write of its response (default DefaultWriteTimeout).
	WriteTimeout time.Duration
	// IdleTimeout bounds the wait for the next request on a keep-alive
	// connection (default DefaultIdleTimeout). The wait for a connection's
	// first request is bounded by ReadHeaderTimeout, as with net/http.
	IdleTimeout time.Duration

	// MaxHeaderBytes bounds a request head (default DefaultMaxHeaderBytes).
	MaxHeaderBytes int
	// MaxHeaders bounds the number of header fields (default
	// DefaultMaxHeaders).
	MaxHeaders int
	// MaxRequestLineBytes bounds the request line (default
	// DefaultMaxRequestLineBytes).
	MaxRequestLineBytes int
	// MaxBodyBytes bounds a request body (default DefaultMaxBodyBytes): a
	// larger Content-Length is answered 413 without calling the Handler,
	// and a chunked body that grows past it makes Body.Read fail with
	// ErrBodyTooLarge.
	MaxBodyBytes int64
	// MaxUnreadBodyBytes bounds the part of a body the Handler left unread
	// that is read and discarded to keep the connection open (default
	// DefaultMaxUnreadBodyBytes; negative: none is, the connection closes).
	MaxUnreadBodyBytes int64
	// ResponseBufferBytes is how much of a response body is held back so
	// that it can be sent with a Content-Length (default
	// DefaultResponseBufferBytes; negative: nothing is, every body is
	// streamed).
	ResponseBufferBytes int

	// DisableKeepAlives closes every connection after one response.
	DisableKeepAlives bool

	// TLSConfig is used by ServeTLS and ListenAndServeTLS (cloned; its
	// NextProtos is replaced by "http/1.1").
	TLSConfig *tls.Config

	// ErrorLog receives handler panics and accept errors; nil means the
	// log package's standard logger.
	ErrorLog *log.Logger

	// cfg is the resolved configuration, set by the first Serve.
	cfgOnce sync.Once
	cfg     config

	mu        sync.Mutex
	listeners map[*net.Listener]struct{}
	conns     map[*conn]struct{}
	closing   atomic.Bool // Shutdown or Close was called
}

// config is the Server's limits with the defaults filled in.
type config struct {
	readHeaderTimeout, readTimeout, writeTimeout, idleTimeout time.Duration
	firstTimeout                                              time.Duration // the wait for a connection's first request
	maxHeaderBytes, maxHeaders, maxLine, respBuf              int
	maxBody, maxUnread                                        int64
	keepAlive                                                 bool
}

func pick[T int | int64 | time.Duration](v, def T, off T) T {
	switch {
	case v == 0:
		return def
	case v < 0:
		return off
	}
	return v
}

func (s *Server) config() *config {
	s.cfgOnce.Do(func() {
		const never = 0 // a zero timeout below means no deadline
		s.cfg = config{
			readHeaderTimeout: pick(s.ReadHeaderTimeout, DefaultReadHeaderTimeout, never),
			readTimeout:       pick(s.ReadTimeout, DefaultReadTimeout, never),
			writeTimeout:      pick(s.WriteTimeout, DefaultWriteTimeout, never),
			idleTimeout:       pick(s.IdleTimeout, DefaultIdleTimeout, never),
			maxHeaderBytes:    pick(s.MaxHeaderBytes, DefaultMaxHeaderBytes, 1<<30),
			maxHeaders:        pick(s.MaxHeaders, DefaultMaxHeaders, 1<<30),
			maxLine:           pick(s.MaxRequestLineBytes, DefaultMaxRequestLineBytes, 1<<30),
			maxBody:           pick(s.MaxBodyBytes, DefaultMaxBodyBytes, 1<<62),
			maxUnread:         pick(s.MaxUnreadBodyBytes, DefaultMaxUnreadBodyBytes, 0),
			respBuf:           pick(s.ResponseBufferBytes, DefaultResponseBufferBytes, 0),
			keepAlive:         !s.DisableKeepAlives,
		}
		// Sizes past these are no limit, and would overflow sums.
		s.cfg.maxHeaderBytes = min(s.cfg.maxHeaderBytes, 1<<30)
		s.cfg.maxHeaders = min(s.cfg.maxHeaders, 1<<30)
		s.cfg.maxLine = min(s.cfg.maxLine, 1<<30)
		s.cfg.maxBody = min(s.cfg.maxBody, 1<<62)
		s.cfg.maxUnread = min(s.cfg.maxUnread, 1<<62)
		// The request line is part of the head.
		s.cfg.maxLine = min(s.cfg.maxLine, s.cfg.maxHeaderBytes)
		// As net/http: ReadHeaderTimeout (or ReadTimeout) bounds the wait
		// for the first request; IdleTimeout when both are off.
		switch {
		case s.cfg.readHeaderTimeout > 0:
			s.cfg.firstTimeout = s.cfg.readHeaderTimeout
		case s.cfg.readTimeout > 0:
			s.cfg.firstTimeout = s.cfg.readTimeout
		default:
			s.cfg.firstTimeout = s.cfg.idleTimeout
		}
	})
	return &s.cfg
}

// ErrNilHandler is returned by Serve when Server.Handler is nil.
var ErrNilHandler = errors.New("engine: Server.Handler is nil")

// Serve accepts connections on ln and serves HTTP/1.1 on each in a
// goroutine of its own until Shutdown or Close, then returns
// http.ErrServerClosed. Any other error from ln.Accept that is not
// temporary ends Serve and is returned; ln is closed when Serve returns.
//
// For TLS, give Serve a tls.Listener (or use ServeTLS): its config must
// offer "http/1.1" or nothing through ALPN, since the engine speaks no
// HTTP/2; a connection that negotiated another protocol is closed.
func (s *Server) Serve(ln net.Listener) error {
	if s.Handler == nil {
		return ErrNilHandler
	}
	s.config()
	if !s.trackListener(&ln, true) {
		ln.Close()
		return http.ErrServerClosed
	}
	defer s.trackListener(&ln, false)
	defer ln.Close()
	var backoff time.Duration
	for {
		nc, err := ln.Accept()
		if err != nil {
			if s.closing.Load() {
				return http.ErrServerClosed
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() || isTemporary(err) {
				// Out of file descriptors and the like: wait and retry,
				// as net/http does, rather than spin or give up.
				backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
				s.logf("engine: accept error: %v; retrying in %v", err, backoff)
				time.Sleep(backoff)
				continue
			}
			return err
		}
		backoff = 0
		c := s.newConn(nc)
		if c == nil {
			nc.Close()
			continue
		}
		go c.serve()
	}
}

func isTemporary(err error) bool {
	var t interface{ Temporary() bool }
	return errors.As(err, &t) && t.Temporary()
}

// ServeConn serves HTTP/1.1 on one connection, on the calling goroutine,
// until the connection closes, and then closes nc. It is for listeners of
// one's own and for tests; Serve calls it for each accepted connection.
// Shutdown and Close reach connections served this way too.
func (s *Server) ServeConn(nc net.Conn) error {
	if s.Handler == nil {
		nc.Close()
		return ErrNilHandler
	}
	s.config()
	c := s.newConn(nc)
	if c == nil {
		nc.Close()
		return http.ErrServerClosed
	}
	c.serve()
	return nil
}

// ListenAndServe listens on the TCP address addr and calls Serve.
func (s *Server) ListenAndServe(addr string) error {
	if s.closing.Load() {
		return http.ErrServerClosed
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return s.Serve(ln)
}

// ServeTLS serves HTTPS on ln: it clones s.TLSConfig (or starts from an
// empty config), adds the certificate in certFile and keyFile unless both
// are empty, offers only "http/1.1" through ALPN, and calls Serve with a
// tls.Listener.
func (s *Server) ServeTLS(ln net.Listener, certFile, keyFile string) error {
	cfg := &tls.Config{}
	if s.TLSConfig != nil {
		cfg = s.TLSConfig.Clone()
	}
	if certFile != "" || keyFile != "" {
		cert, err := tls.LoadX509KeyPair(certFile, keyFile)
		if err != nil {
			return err
		}
		cfg.Certificates = append(slices.Clip(cfg.Certificates), cert)
	}
	cfg.NextProtos = []string{"http/1.1"}
	return s.Serve(tls.NewListener(ln, cfg))
}

// ListenAndServeTLS listens on the TCP address addr and calls ServeTLS.
func (s *Server) ListenAndServeTLS(addr, certFile, keyFile string) error {
	if s.closing.Load() {
		return http.ErrServerClosed
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return s.ServeTLS(ln, certFile, keyFile)
}

// Shutdown stops the server gracefully: it closes every listener, closes
// every connection that is waiting for a request, lets the requests in
// flight finish (their responses carry Connection: close) and returns when
// every connection is closed, or ctx's error when ctx is done first (the
// connections left are then still open: call Close to end them). Serve
// returns http.ErrServerClosed as soon as Shutdown starts.
func (s *Server) Shutdown(ctx context.Context) error {
	s.closing.Store(true)
	s.closeListeners()
	wait := time.Millisecond
	t := time.NewTimer(wait)
	defer t.Stop()
	for {
		if s.closeIdle() {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			wait = min(2*wait, 50*time.Millisecond)
			t.Reset(wait)
		}
	}
}

// Close closes every listener and every connection at once, requests in
// flight included. Serve returns http.ErrServerClosed.
func (s *Server) Close() error {
	s.closing.Store(true)
	err := s.closeListeners()
	s.mu.Lock()
	for c := range s.conns {
		c.state.Store(stateClosed)
		c.nc.Close()
	}
	s.mu.Unlock()
	return err
}

func (s *Server) trackListener(ln *net.Listener, add bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !add {
		delete(s.listeners, ln)
		return true
	}
	if s.closing.Load() {
		return false
	}
	if s.listeners == nil {
		s.listeners = make(map[*net.Listener]struct{})
	}
	s.listeners[ln] = struct{}{}
	return true
}

func (s *Server) closeListeners() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var err error
	for ln := range s.listeners {
		if e := (*ln).Close(); e != nil && err == nil {
			err = e
		}
		delete(s.listeners, ln)
	}
	return err
}

// closeIdle closes the connections waiting for a request and reports
// whether none is left.
func (s *Server) closeIdle() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		if c.state.CompareAndSwap(stateIdle, stateClosed) {
			c.nc.Close()
		}
	}
	return len(s.conns) == 0
}

// newConn registers a connection, or returns nil when the server is
// closing.
func (s *Server) newConn(nc net.Conn) *conn {
	c := getConn(s, nc)
	s.mu.Lock()
	if s.closing.Load() {
		s.mu.Unlock()
		clock.release()
		putConn(c)
		return nil
	}
	if s.conns == nil {
		s.conns = make(map[*conn]struct{})
	}
	s.conns[c] = struct{}{}
	s.mu.Unlock()
	return c
}

func (s *Server) forget(c *conn) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
}

func (s *Server) logf(format string, args ...any) {
	if s.ErrorLog != nil {
		s.ErrorLog.Printf(format, args...)
	} else {
		log.Printf(format, args...)
	}
}
