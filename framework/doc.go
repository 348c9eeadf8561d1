// Package framework is a small, fast net/http framework: a router with
// middleware, error handling and pooled request contexts. An *App is an
// http.Handler, so it runs under any net/http server, middleware and test
// tool.
//
//	app := framework.New()
//	app.GET("/hello/:name", func(c *framework.Context) error {
//		return c.JSON(200, map[string]string{"hello": c.Param("name")})
//	})
//	http.ListenAndServe(":8080", app)
//
// It is built on the hotpath primitives: static routes live in a
// hashmap.Map (lock-free reads), routes with wildcards in a radix tree with
// O(1) child dispatch, request contexts come from a percpu.Pool, and
// response headers are validated by bytesx. Serving a request allocates
// nothing of its own: parameter values are substrings of the path, stored
// in a buffer sized at registration (the most parameters of any route), and
// a Context is about 112 bytes, of which a request resets only what it used.
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
// Routes without wildcards are looked up first, with one hash map lookup
// keyed by the path (a small Bloom filter lets most requests for wildcard
// routes skip it); a fully static route always wins over a wildcard route
// matching the same path.
//
// A request is matched against the routes of its own method, using
// r.URL.Path (already %-decoded; the path is not cleaned). Among them, a
// static segment beats a parameter, which beats a catch-all, segment by
// segment from the left, with backtracking: with "/users/new" and
// "/users/:id", "/users/new" takes the first and "/users/42" the second;
// with "/a/b/c" and "/a/:x/d", "/a/b/d" takes the second. Parameter values
// are substrings of r.URL.Path, never copies.
//
// HEAD requests are matched among HEAD routes, then among GET routes; a GET
// route answering a HEAD request writes no body. A route of one method does
// not hide a route of another: "GET /files/upload" takes "GET /files/*path"
// even when the only "/files/upload" route is a POST.
//
// When no route of the request's method matches:
//
//   - if one matches the path with its trailing slash added or removed, the
//     client is redirected there (query kept): 301 for GET and HEAD, 308
//     otherwise, so the method and body are kept;
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
// *HTTPError, or 500 with a short text body for any other error, and does
// nothing when the response has already started. Middleware is composed at
// registration, never per request: App.Use applies to the routes registered
// after it and to the App's own responses, and panics when routes already
// exist (they would silently miss it); group middleware runs inside the
// App's and route middleware inside the group's.
//
// A handler's panic is not recovered by default: net/http's own handling
// (log it, drop the connection) is left in place unless Recover is
// installed with app.Use(framework.Recover), which turns it into a 500
// through the error handler. The choice is left to you because recovering
// hides bugs and costs a deferred call per request.
//
// # Context lifetime
//
// A *Context is valid only while the handler it was passed to runs. The App
// takes it from a pool and puts it back when ServeHTTP returns; keeping it,
// or using it from another goroutine after the handler returned, reads
// another request's state. Strings it returns (parameters, query values,
// headers) may be kept.
//
// # Concurrency
//
// ServeHTTP may be called from any number of goroutines. Every App and Group
// method is safe for concurrent use too, including adding routes while
// requests are served: a request sees the routes as they were either
// before or after each addition, never a half-added route. Reads never
// lock: static routes are in a hash map with lock-free reads, and the
// trees of wildcard routes are immutable once published (adding a route
// copies the nodes on its way and publishes a new root). Registering is
// meant to be rare: it costs a lock and copies.
//
// # Headers
//
// Context.SetHeader and Context.Blob refuse a header name that is not an
// RFC 9110 token and a value with a control byte other than HTAB (CR, LF,
// NUL, ...), returning an error and writing nothing, so a value taken from
// a request cannot split a response.
package framework
