// Package framework is a small, fast HTTP framework: a router with
// middleware, error handling and pooled request contexts. It serves
// HTTP/1.1 on hotpath's own engine (App.Serve, App.ListenAndServe), and an
// *App is also an http.Handler, so it runs under any net/http server,
// middleware and test tool.
//
//	app := framework.New()
//	app.GET("/hello/:name", func(c *framework.Context) error {
//		return c.JSON(200, map[string]string{"hello": c.Param("name")})
//	})
//	log.Fatal(app.ListenAndServe(":8080"))
//
// It is built on the hotpath primitives: request contexts come from a
// percpu.Pool, response headers are validated and canonicalized by bytesx,
// and SWAR words (internal/swar) do the path scans. The routing state is
// one immutable value published atomically: per method, an open-addressing
// table of the routes without wildcards (one probe, paths compared as
// words) and a radix tree with O(1) child dispatch for the others. Serving
// a request allocates nothing of its own: parameter values are substrings
// of the path, found as offsets in a buffer sized at registration (the
// most parameters of any route); a Context is 128 bytes, and when a request
// is done it keeps no reference to it, so that pooled Contexts hold no
// request memory. Header values the helpers set cost 16 bytes each, cut
// from a block, so that no two responses share a slice.
//
// # Serving: the engine or net/http
//
// App.Serve and App.ListenAndServe run the App on package engine,
// hotpath's HTTP/1.1 server; App.Shutdown stops it gracefully, and
// App.Server sets its limits and timeouts (every one has a safe default:
// a 10 s head timeout, 60 s read, write and idle timeouts, a 64 KiB head,
// an 8 MiB body). The handlers, the middleware and the routing are the
// same under both servers, and so are the responses (a test runs one App
// under both and compares them). On the engine a request allocates
// nothing (a parameter's value is copied out of the connection's buffer
// into a block shared by many requests, so that it may be kept), and the
// engine's framing is stricter than net/http's (see package engine).
//
// The engine builds no *http.Request and no http.ResponseWriter unless a
// handler asks: Context.Request and Context.Response then build them on
// first use (allocating what net/http would), so net/http middleware and
// http.ServeContent run too. Context.Header copies the value it returns
// out of the connection's buffer (an allocation); Param, Query, Bind,
// String, JSON, Blob, SetHeader and the package's middleware need neither.
// Context.Request().Context() is cancelled when the request is done, not
// when the client goes away.
//
// Use net/http (http.Server with the App as its Handler) for what the
// engine does not do: HTTP/2 (with TLS, or h2c), HTTP/3, WebSocket and
// other protocol upgrades (the engine cannot hijack: Response().(http.Hijacker)
// fails, and http.ResponseController returns http.ErrNotSupported for
// Hijack and for deadlines), CONNECT, and a request context cancelled
// when the client disconnects. Under net/http, set its
// timeouts yourself (http.ListenAndServe sets none). The engine answers
// "OPTIONS *" through the App (204 with Allow) where net/http answers it
// itself.
//
// When not to use it: if you need regular-expression routes, host
// matching, or routes chosen by header, use a router that has them; this
// one matches methods and paths only.
//
// # Patterns
//
// A pattern is a path beginning with '/'. A segment ":name" matches one
// non-empty path segment (no '/'); a final segment "*name" matches the rest
// of the path, which may be empty and may contain '/'. "/files/*path"
// matches "/files/" (path "") and "/files/a/b" (path "a/b"), and "/files"
// is redirected to "/files/". A wildcard fills its whole segment: ':' and
// '*' anywhere else in a pattern are refused. Context.Param returns a
// wildcard's value.
//
// Registration panics, naming the route (and the route it collides with),
// on a pattern that does not begin with '/', an empty wildcard name, a
// catch-all that is not the last segment, two wildcards in one segment (or
// a wildcard inside a segment), a name used twice in one pattern, a
// duplicate route, and two routes of one method that match the same
// requests, such as "/x/:id" and "/x/:name" ("/x/:id/a" and "/x/:name/b"
// may coexist: they match different requests).
//
// # Matching
//
// Routes without wildcards are looked up first, with one probe of a hash
// table keyed by the path (a request for a wildcard route mostly costs one
// slot there); a fully static route always wins over a wildcard route
// matching the same path.
//
// A request is matched against the routes of its own method, using
// r.URL.Path (already %-decoded; the engine decodes its path the same way; not cleaned unless App.CleanPath is on;
// an empty path, as an absolute-form target gives, is "/"). The matched
// route's pattern is set in r.Pattern (as ServeMux does, for middleware
// such as otelhttp) and returned by Context.Route. Among them, a
// static segment beats a parameter, which beats a catch-all, segment by
// segment from the left, with backtracking: with "/users/new" and
// "/users/:id", "/users/new" takes the first and "/users/42" the second;
// with "/a/b/c" and "/a/:x/d", "/a/b/d" takes the second. Parameter values
// are substrings of r.URL.Path, never copies.
//
// HEAD requests are matched among HEAD routes, then among GET routes; a GET
// route answering a HEAD request writes no body, and the response carries
// the Content-Length the GET would have sent (unless the handler set one or
// flushed), as ServeMux's does. A route of one method does
// not hide a route of another: "GET /files/upload" takes "GET /files/*path"
// even when the only "/files/upload" route is a POST.
//
// When no route of the request's method matches:
//
//   - if one matches the path with its trailing slash added or removed, the
//     client is redirected there (query kept): 301 for GET and HEAD, 308
//     otherwise, so the method and body are kept. The Location keeps the
//     request's own escaping where it is valid and always stays on the
//     site: it is a path beginning with one '/', never "//" or "/\",
//     with backslashes, controls, spaces and non-ASCII bytes %-escaped
//     ("/\evil.com/" is sent to "/%5Cevil.com"), and it always leads to a
//     route;
//   - else, for OPTIONS, when routes of other methods match the path, the
//     App answers 204 with an Allow header (an OPTIONS route, where one
//     matches, answers instead); "OPTIONS *" lists every method routed;
//   - else, when routes of other methods match, 405 with a sorted Allow
//     header (GET implies HEAD, and OPTIONS is always allowed), or the
//     handler set with App.MethodNotAllowed;
//   - else 404, or the handler set with App.NotFound.
//
// These responses run inside the App's middleware (so a CORS or logging
// middleware sees them) but not inside any group's.
//
// # Handlers, middleware and errors
//
// A HandlerFunc returns an error; a non-nil one goes to the function set
// with App.OnError. The default writes the status and message of an
// *HTTPError, or 500 with a short text body for any other error. When the
// response had already started (its header sent, often with a 200, and
// part of a body), nothing can be said any more: after OnError the App
// aborts the connection with panic(http.ErrAbortHandler), net/http's own
// way, so that the client sees a failed response rather than a truncated
// one that looks complete. A panic recovered by Recover after the response
// started ends the same way. The helpers (String, JSON, Blob, NoContent)
// refuse a status outside 100-999 with an error before writing anything,
// and Response().WriteHeader panics on one, as net/http's does, so that
// such a bug ends in a 500, never in a 200. Middleware is composed at
// registration, never per request: App.Use applies to the routes registered
// after it and to the App's own responses, and panics when routes already
// exist (they would silently miss it); group middleware runs inside the
// App's and route middleware inside the group's. A group's prefix and a
// route's path are joined with one slash between them, as gin joins them:
// Group("/api/") and "/x" make "/api/x".
//
// A handler's panic is not recovered by default: the server's own handling
// (net/http logs it and drops the connection; the engine answers 500 if
// nothing was sent, logs it and closes the connection) is left in place unless Recover is
// installed with app.Use(framework.Recover), which turns it into a 500
// through the error handler. The choice is left to you because recovering
// hides bugs and costs a deferred call per request.
//
// # Files and middleware
//
// Routes.Static and Context.File serve an fs.FS through http.ServeContent
// (content types, ranges, conditional requests), refusing names with a
// ".." element, a NUL, a backslash, or an absolute name. The package has
// the middleware a new app needs, each small: Logger (one log/slog line per
// request), CORS (preflights answered through the automatic OPTIONS),
// RequestID and Timeout (a deadline on the request's context). JSON goes
// through encoding/json unless App.JSONCodec plugs in another codec.
//
// # Context lifetime
//
// A *Context is valid only while the handler it was passed to runs. The App
// takes it from a pool and puts it back when ServeHTTP (or ServeHTTP1, on
// the engine) returns; keeping it,
// or using it from another goroutine after the handler returned, reads
// another request's state. Strings it returns (parameters, query values,
// headers) may be kept.
//
// # Concurrency
//
// ServeHTTP and ServeHTTP1 may be called from any number of goroutines. Every App and Group
// method is safe for concurrent use too, including adding routes while
// requests are served: a request sees the routes as they were either
// before or after each addition, never a half-added route. Reads never
// lock: the whole routing state is one immutable value, published with one atomic
// store (adding a route copies the static table of its method, or the tree
// nodes on its way, and publishes a new state). Registering is meant to be
// rare: it costs a lock and copies.
//
// # Headers
//
// Context.SetHeader and Context.Blob refuse a header name that is not an
// RFC 9110 token and a value with a control byte other than HTAB (CR, LF,
// NUL, ...), returning an error and writing nothing, so a value taken from
// a request cannot split a response.
package framework
