package framework

import (
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
)

// HTTPError is an error with the HTTP status it should be answered with.
// The default error handler writes Code and Message (or the status text
// when Message is empty) as a text body.
type HTTPError struct {
	Code    int
	Message string
	Err     error // the cause, if any; not sent to the client
}

// NewHTTPError returns an *HTTPError with code and message.
func NewHTTPError(code int, message string) *HTTPError {
	return &HTTPError{Code: code, Message: message}
}

func (e *HTTPError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = http.StatusText(e.Code)
	}
	if e.Err != nil {
		return fmt.Sprintf("%d %s: %v", e.Code, msg, e.Err)
	}
	return fmt.Sprintf("%d %s", e.Code, msg)
}

// Unwrap returns the cause.
func (e *HTTPError) Unwrap() error { return e.Err }

// defaultOnError writes the status of an *HTTPError, or 500, with a short
// text body, unless the response was already started (the App then aborts
// the connection: see Context.fail).
func defaultOnError(c *Context, err error) {
	if c.rw.written {
		return
	}
	code, msg := http.StatusInternalServerError, ""
	var he *HTTPError
	if errors.As(err, &he) && he.Code >= 400 && he.Code <= 599 {
		code, msg = he.Code, he.Message
	}
	if msg == "" {
		msg = http.StatusText(code)
	}
	if w := c.rw.w; w != nil {
		h := w.Header()
		h["X-Content-Type-Options"] = c.headerValue("nosniff")
		h["Content-Type"] = c.headerValue(textContentType)
	} else {
		c.rw.engineSet("X-Content-Type-Options", "nosniff")
		c.rw.engineSet("Content-Type", textContentType)
	}
	c.rw.WriteHeader(code)
	c.rw.WriteString(msg)
}

// PanicError is the error Recover passes to the error handler.
type PanicError struct {
	Value any    // what the handler panicked with
	Stack []byte // the goroutine's stack at the panic
}

func (e *PanicError) Error() string { return fmt.Sprintf("framework: handler panicked: %v", e.Value) }

// Recover is middleware that turns a panic in the handlers it wraps into a
// *PanicError passed to the App's error handler (by default a 500). New
// does not install it, so that a panic reaches net/http unchanged unless
// you ask (net/http logs it and closes the connection); install it with
// app.Use(framework.Recover). A panic with http.ErrAbortHandler is passed
// on: it is net/http's way to abort a response.
func Recover(next HandlerFunc) HandlerFunc {
	return func(c *Context) (err error) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				err = &PanicError{Value: v, Stack: debug.Stack()}
			}
		}()
		return next(c)
	}
}
