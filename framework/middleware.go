package framework

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Logger returns middleware that logs one line per request through l
// (slog.Default() when l is nil), at level Info, or Error for a 5xx or a
// request that failed after its response started: method, route pattern
// (empty for the App's own answers), path, status, bytes written, duration
// and, when RequestID runs before it, the request ID. Install it with
// App.Use so that it sees the App's own answers (404, 405, redirects) too.
//
// A handler's error is handed to the App's error handler inside Logger (as
// the App would after it), so that the line has the status the client gets;
// when the response had started, the error goes on to the App, which
// aborts the connection, and the line says so.
func Logger(l *slog.Logger) Middleware {
	return func(next HandlerFunc) HandlerFunc {
		return func(c *Context) error {
			start := time.Now()
			err := next(c)
			aborted := false
			if err != nil {
				if c.rw.written {
					aborted = true
				} else {
					c.answerError(c.app.state.Load(), err)
					err = nil
				}
			}
			logger := l
			if logger == nil {
				logger = slog.Default()
			}
			status := c.StatusCode()
			if status == 0 {
				status = http.StatusOK
			}
			level := slog.LevelInfo
			if status >= 500 || aborted {
				level = slog.LevelError
			}
			attrs := []slog.Attr{
				slog.String("method", c.method()),
				slog.String("route", c.Route()),
				slog.String("path", c.requestPath()),
				slog.Int("status", status),
				slog.Int64("bytes", c.BytesWritten()),
				slog.Duration("duration", time.Since(start)),
			}
			if id := RequestIDOf(c); id != "" {
				attrs = append(attrs, slog.String("request_id", id))
			}
			if aborted {
				attrs = append(attrs, slog.String("error", err.Error()), slog.Bool("aborted", true))
			}
			logger.LogAttrs(c.requestContext(), level, "request", attrs...)
			return err
		}
	}
}

// RequestIDHeader is the header RequestID reads and sets.
const RequestIDHeader = "X-Request-Id"

// RequestID returns middleware that gives each request an ID: the
// request's own X-Request-Id when it is 1 to 128 bytes of letters, digits
// and "-_.:", else 16 random hex digits. The ID is set on the response's
// X-Request-Id header before the handler runs; RequestIDOf reads it.
func RequestID() Middleware {
	return func(next HandlerFunc) HandlerFunc {
		return func(c *Context) error {
			id := c.Header(RequestIDHeader)
			if !validRequestID(id) {
				id = strconv.FormatUint(rand.Uint64()|1<<63, 16)
			}
			c.setHeader(RequestIDHeader, id)
			return next(c)
		}
	}
}

// RequestIDOf returns the ID RequestID gave the request, or "".
func RequestIDOf(c *Context) string {
	return c.responseHeader(RequestIDHeader)
}

func validRequestID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for i := 0; i < len(id); i++ {
		b := id[i]
		if !('a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || strings.IndexByte("-_.:", b) >= 0) {
			return false
		}
	}
	return true
}

// Timeout returns middleware that bounds the request's context: the
// handlers after it see c.Request().Context() cancelled d after the
// request reached it (context.WithTimeout), and should stop their work when
// it is. Nothing is written from another goroutine: when the handler
// returns after the deadline without having started the response, the
// request is answered 503 Service Unavailable (an *HTTPError through the
// App's error handler), whatever the handler returned.
func Timeout(d time.Duration) Middleware {
	return func(next HandlerFunc) HandlerFunc {
		return func(c *Context) error {
			r := c.Request()
			ctx, cancel := context.WithTimeout(r.Context(), d)
			defer cancel()
			c.SetRequest(r.WithContext(ctx))
			err := next(c)
			c.SetRequest(r)
			if !c.rw.written && errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return &HTTPError{Code: http.StatusServiceUnavailable, Message: "request timed out", Err: ctx.Err()}
			}
			return err
		}
	}
}

// CORSConfig is the policy of the CORS middleware. The zero value allows no
// origin.
type CORSConfig struct {
	// AllowOrigins are the origins allowed, such as
	// "https://app.example.com", compared exactly; "*" allows any origin.
	AllowOrigins []string
	// AllowMethods are the methods a preflight allows (default: GET, HEAD,
	// POST, PUT, PATCH, DELETE).
	AllowMethods []string
	// AllowHeaders are the request headers a preflight allows (default:
	// the ones the preflight asks for).
	AllowHeaders []string
	// ExposeHeaders are the response headers scripts may read.
	ExposeHeaders []string
	// AllowCredentials lets requests carry cookies and credentials; the
	// origin is then echoed even when AllowOrigins is "*".
	AllowCredentials bool
	// MaxAge is how long a preflight may be cached; 0 sends none.
	MaxAge time.Duration
}

// CORS returns middleware that answers cross-origin requests by cfg.
// Install it with App.Use: a preflight (OPTIONS with Origin and
// Access-Control-Request-Method) is then answered by the App's automatic
// OPTIONS answer (204 with Allow) or by an OPTIONS route, with the CORS
// headers CORS sets first; a path no route matches stays a 404. A request
// from an origin not allowed gets no CORS header (the browser then blocks
// it); the request itself still runs, as CORS is enforced by browsers.
func CORS(cfg CORSConfig) Middleware {
	allowAll := false
	origins := map[string]bool{}
	for _, o := range cfg.AllowOrigins {
		if o == "*" {
			allowAll = true
		}
		origins[o] = true
	}
	methods := cfg.AllowMethods
	if len(methods) == 0 {
		methods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}
	}
	allowMethods := strings.Join(methods, ", ")
	allowHeaders := strings.Join(cfg.AllowHeaders, ", ")
	expose := strings.Join(cfg.ExposeHeaders, ", ")
	maxAge := ""
	if cfg.MaxAge > 0 {
		maxAge = strconv.FormatInt(int64(cfg.MaxAge/time.Second), 10)
	}
	return func(next HandlerFunc) HandlerFunc {
		return func(c *Context) error {
			c.addHeader("Vary", "Origin")
			origin := c.Header("Origin")
			if origin == "" || !(allowAll || origins[origin]) {
				return next(c)
			}
			if allowAll && !cfg.AllowCredentials {
				c.setHeader("Access-Control-Allow-Origin", "*")
			} else {
				c.setHeader("Access-Control-Allow-Origin", origin)
			}
			if cfg.AllowCredentials {
				c.setHeader("Access-Control-Allow-Credentials", "true")
			}
			preflight := c.method() == http.MethodOptions && c.Header("Access-Control-Request-Method") != ""
			if !preflight {
				if expose != "" {
					c.setHeader("Access-Control-Expose-Headers", expose)
				}
				return next(c)
			}
			c.addHeader("Vary", "Access-Control-Request-Method")
			c.addHeader("Vary", "Access-Control-Request-Headers")
			c.setHeader("Access-Control-Allow-Methods", allowMethods)
			if allowHeaders != "" {
				c.setHeader("Access-Control-Allow-Headers", allowHeaders)
			} else if req := c.Header("Access-Control-Request-Headers"); req != "" && validHeaderValue(req) {
				c.setHeader("Access-Control-Allow-Headers", req)
			}
			if maxAge != "" {
				c.setHeader("Access-Control-Max-Age", maxAge)
			}
			return next(c)
		}
	}
}
