// Package engine is hotpath's own HTTP/1.1 server: the engine a framework
// runs on when net/http's microseconds and allocations per request are the
// cost that matters. It owns its connections, reads each batch of
// requests with one read, parses heads with package wire's SIMD parser,
// builds responses in one buffer with wire's appenders, and answers a
// batch of pipelined requests with one write. Serving a keep-alive request
// allocates nothing.
//
//	s := &engine.Server{Handler: engine.HandlerFunc(func(w *engine.ResponseWriter, r *engine.Request) {
//		w.SetHeader("Content-Type", "text/plain; charset=utf-8")
//		w.WriteString("Hello, World!")
//	})}
//	log.Fatal(s.ListenAndServe(":8080"))
//
// It is for framework authors: a Handler gets a *Request and a
// *ResponseWriter, views over the connection's buffers, instead of an
// *http.Request and an http.ResponseWriter.
//
// # When to use net/http instead
//
// The engine speaks HTTP/1.1 and HTTP/1.0 only. Use net/http for HTTP/2
// (and h2c), for HTTP/3, for CONNECT tunnels and protocol upgrades
// (WebSocket: the engine has no Hijack; it answers CONNECT with 501 and a
// 101 status with 500), for handlers written against http.Handler, and
// wherever a request's context must be cancelled when its client goes
// away (a Request has no Context). A tls.Listener works (ServeTLS
// configures one), but only "http/1.1" may be negotiated through ALPN.
//
// # Handlers and the concurrency contract
//
// Each connection is served by one goroutine, which calls the Handler for
// its requests one after another, in order. The *Request and
// *ResponseWriter, and every []byte they return (method, target, path,
// header values), belong to that call: they alias the connection's
// buffers, are valid until the Handler returns, must not be modified, and
// must not be used by another goroutine, nor after the Handler returns.
// Copy what must outlive the request. Different connections' Handlers run
// concurrently. A Handler that panics gets its connection closed, after a
// 500 if nothing was sent yet; the panic is logged (except
// http.ErrAbortHandler) and other connections carry on.
//
// A Server's fields are set before Serve and not changed after. Serve,
// ServeTLS, ServeConn, Shutdown and Close may be called from any goroutine.
//
// # Requests
//
// Connection handling follows RFC 9112 and net/http:
//
//   - HTTP/1.1 connections persist unless a Connection field of the
//     request holds the word "close" (any case, between SP, HTAB, commas
//     or the ends of the value: "foo close" and ": close" count, as they
//     do for net/http); HTTP/1.0 ones only when the first Connection field
//     lists "keep-alive" and none holds "close".
//   - Pipelined requests are answered in order. Requests that arrive
//     together are answered together: their responses are gathered and
//     written with one write, when no complete request is left in the
//     buffer (or before the engine would wait for the client).
//   - HTTP/1.1 requires exactly one Host field, whose value must be a
//     host[:port] (400 otherwise). For an absolute-form target the host
//     comes from the target.
//   - A body is framed by Content-Length or by chunked
//     Transfer-Encoding, never both (400 and close). Content-Length must be
//     digits only, below 2^63, and duplicates must agree (400). A
//     Transfer-Encoding other than exactly "chunked", or more than one such
//     field, gets 501. Chunk extensions are skipped; trailer fields are
//     read, checked and kept apart (Request.Trailers), never mixed with the
//     header fields.
//   - Expect fields are comma-separated lists. "100-continue" (any case)
//     on an HTTP/1.1 request with a body is answered with "100 Continue"
//     when the Handler first reads the body and no byte of it has arrived
//     yet (and not at all if it never reads it: the connection then closes
//     after the response, as with net/http). On HTTP/1.0 (RFC 9110
//     §10.1.1) and on a request without a body it is ignored, as by
//     net/http. Any other expectation, in any Expect field, gets 417
//     without calling the Handler; an empty Expect field is ignored.
//   - A body the Handler leaves unread is read and discarded, up to
//     MaxUnreadBodyBytes, so the connection can go on; past that the
//     connection closes after the response.
//   - A request that breaks these rules gets a 4xx (or 501) with
//     "Connection: close", and its connection closes (after reading what
//     the client still sends for a moment, so the answer is not lost to a
//     TCP reset). Other connections carry on.
//
// # Responses
//
// Headers are set with SetHeader and AddHeader, checked with the bytesx
// kernels: a name that is not a token or a value with a control byte is
// refused with an error, never written, so a CR or LF from a request can
// never split a response. The status line and Date come preformatted (Date
// is formatted once a second). A body that fits ResponseBufferBytes when
// the Handler returns goes out with a Content-Length; a larger one, or one
// after Flush, is sent chunked (to an HTTP/1.0 client: delimited by closing
// the connection) unless the Handler set a Content-Length. A HEAD response
// carries the headers the GET would, Content-Length included when the body
// fit the buffer, and no body. Without a Content-Type the body's first
// bytes are sniffed with http.DetectContentType, as net/http does.
//
// # Limits and defaults
//
// Every limit has a safe default, named as net/http names it where net/http
// has it. A request "starts" when the engine begins to read it: for a
// connection's first request, at the accept (after the TLS handshake); for
// a later one, at its first byte, or, for a pipelined request whose bytes
// came early, when the engine turns to it after answering the one before.
//
//   - ReadHeaderTimeout (10 s): from a request's start to the end of its
//     head. It also bounds the wait for a connection's first request (as
//     with net/http: a client that connects and sends nothing is dropped
//     then, without a response); a client trickling its head a byte at a
//     time is cut off with 408.
//   - ReadTimeout (60 s): from a request's start to the end of its body.
//   - WriteTimeout (60 s): from the end of a request's head to the end of
//     the write of its response; responses written together (pipelined
//     requests) count from the end of the last one's head.
//   - IdleTimeout (60 s): the wait for the next request on a connection
//     that has served one.
//   - MaxHeaderBytes (64 KiB; net/http allows 1 MiB) and MaxHeaders (100):
//     431 beyond them.
//   - MaxRequestLineBytes (8 KiB): 414 beyond it.
//   - MaxBodyBytes (8 MiB): 413 for a larger Content-Length; a chunked
//     body that grows past it fails to read (ErrBodyTooLarge).
//   - MaxUnreadBodyBytes (256 KiB) and ResponseBufferBytes (16 KiB), above.
//
// Zero means the default. A negative timeout means none (a connection
// whose ReadHeaderTimeout and ReadTimeout are both off waits IdleTimeout
// for its first request); a negative MaxHeaderBytes, MaxHeaders or
// MaxRequestLineBytes means 1 GiB, or 2^30 fields; a negative MaxBodyBytes
// means 2^62 bytes. A negative MaxUnreadBodyBytes means nothing is
// discarded (a connection whose Handler leaves body bytes unread closes),
// and a negative ResponseBufferBytes means nothing is held back (every
// body is streamed). Larger values than these are taken as these, and a
// timeout too large to add to the clock (time.Duration(math.MaxInt64))
// saturates at 146 years: "never", not an overflow.
//
// To keep timer updates off the request path, deadlines are moved only
// when they drift out of their window, and the request path reads the time
// from a coarse clock (one goroutine, ticking every 50 ms while connections
// are open): a timeout of d fires between d and 9d/8 after its start, give
// or take a tick.
//
// # Where the engine is stricter than net/http
//
// Besides what package wire refuses in a head (bare CR or LF, obs-fold,
// whitespace before a colon, any version but HTTP/1.0 and HTTP/1.1, a
// target byte outside visible ASCII):
//
//   - a request with both Transfer-Encoding and Content-Length is refused
//     (net/http drops the Content-Length);
//   - Transfer-Encoding on an HTTP/1.0 request is refused (net/http ignores
//     it);
//   - a chunk-size line is 1 to 16 hex digits, optionally ';' and an
//     extension free of control bytes, then CRLF: no whitespace after the
//     size (net/http trims it);
//   - trailer fields are held to the rules of header fields, obs-fold
//     included;
//   - Host is host[:port] with an RFC 3986 host, a bracketed one an IPv6
//     address without a zone (net/http checks bytes only); an
//     absolute-form target is http or https, has no userinfo and a
//     non-empty host with no %-escape and no empty name before a port
//     (net/http decodes escapes of non-ASCII bytes, and takes ":80");
//   - "*" is a target for OPTIONS only, and CONNECT is answered 501;
//   - "close" in any Connection field closes the connection (net/http
//     reads words of the first field only, list elements of the others),
//     and an HTTP/1.0 connection persists only for "keep-alive" as a list
//     element of the first Connection field and no "close" (net/http: a
//     word of the first field, whatever the others say);
//   - an expectation other than 100-continue in any Expect field gets 417
//     (net/http reads the first field only, and takes "100-continue, foo");
//   - the head is bounded at 64 KiB and the request line at 8 KiB by
//     default.
//
// Two leniencies, both allowed by RFC 9112: one empty line (CRLF) before
// each request line is skipped (RFC 9112 §2.2; net/http refuses it with
// 400, and package wire's ParseRequest returns ErrEmptyLine), while a
// second one, or a bare LF, gets 400; and "OPTIONS *" reaches the Handler
// (net/http answers it itself).
//
// # Memory
//
// A connection's state (read and write buffers, the parsed head, the
// request and response views) comes from a percpu.Pool and is reset with
// zero.Value when the connection ends. A head or response that outgrows
// the usual buffers gets larger ones for its request only: they go back to
// the garbage collector, never to the pool.
//
// The engine imports wire, bytesx, percpu and zero from hotpath, and
// net/http only for its error values, status texts and content sniffing.
package engine
