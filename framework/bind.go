package framework

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// Bind decodes the request's JSON body into v with the App's JSON codec
// (encoding/json by default). The body may be at most the
// App's BodyLimit (1 MiB by default). Bind returns an *HTTPError, which the
// default error handler sends as is:
//
//   - 415 when a Content-Type is given and is not JSON (application/json or
//     a +json type);
//   - 400 for an empty body, malformed JSON, a value of the wrong type for
//     its field (the message names the field and both types), or data after
//     the JSON value;
//   - 413 when the body is larger than the limit.
//
// Unknown fields are ignored, as with json.Unmarshal. With another codec,
// its errors are 400s with its message (or 413 when the body was over the
// limit). An error that is not
// about the body (v is not a non-nil pointer) is returned as is.
func (c *Context) Bind(v any) error {
	var (
		ct     string
		length int64
		in     io.Reader // nil when there is no body
	)
	if r := c.r; r != nil {
		ct, length = r.Header.Get("Content-Type"), r.ContentLength
		if r.Body != nil && r.Body != http.NoBody {
			in = r.Body
		}
	} else {
		ct, length = unsafeString(c.er.Header("Content-Type")), c.er.ContentLength() // ct is only read here
		if length != 0 {
			in = c.er.Body()
		}
	}
	if ct != "" && !isJSONType(ct) {
		return &HTTPError{Code: http.StatusUnsupportedMediaType, Message: "Content-Type must be application/json"}
	}
	t := c.app.state.Load()
	limit := t.bodyLimit
	tooLarge := func() error {
		return &HTTPError{Code: http.StatusRequestEntityTooLarge, Message: fmt.Sprintf("request body larger than %d bytes", limit)}
	}
	if length > limit {
		return tooLarge()
	}
	if in == nil {
		return &HTTPError{Code: http.StatusBadRequest, Message: "empty request body"}
	}
	body := &limitReader{r: in, n: limit}
	if t.json != nil {
		err := t.json.Decode(body, v)
		switch {
		case err == nil:
			return nil
		case body.over:
			return tooLarge()
		case errors.Is(err, io.EOF):
			return &HTTPError{Code: http.StatusBadRequest, Message: "empty request body", Err: err}
		}
		return &HTTPError{Code: http.StatusBadRequest, Message: "invalid JSON body: " + err.Error(), Err: err}
	}
	dec := json.NewDecoder(body)
	err := dec.Decode(v)
	if err == nil {
		// One JSON value and nothing after it but white space.
		if _, err = dec.Token(); err == io.EOF {
			return nil
		}
		if err == nil {
			err = errors.New("data after the JSON value")
		}
	}
	if body.over {
		return tooLarge()
	}
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
	)
	switch {
	case errors.Is(err, io.EOF):
		return &HTTPError{Code: http.StatusBadRequest, Message: "empty request body", Err: err}
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "(top level)"
		}
		return &HTTPError{Code: http.StatusBadRequest, Err: err,
			Message: fmt.Sprintf("wrong type for field %s: got JSON %s, want %s", field, typ.Value, typ.Type)}
	case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF):
		return &HTTPError{Code: http.StatusBadRequest, Message: "malformed JSON: " + err.Error(), Err: err}
	}
	var inv *json.InvalidUnmarshalError
	if errors.As(err, &inv) {
		return err
	}
	return &HTTPError{Code: http.StatusBadRequest, Message: "invalid JSON body: " + err.Error(), Err: err}
}

// isJSONType reports whether a Content-Type is application/json or a
// +json type, ignoring parameters and case.
func isJSONType(ct string) bool {
	mt, _, _ := strings.Cut(ct, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	return mt == "application/json" || (strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"))
}

// limitReader reads at most n bytes and notes when the body had more.
type limitReader struct {
	r    io.Reader
	n    int64
	over bool
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		// Probe one byte past the limit: a body exactly at the limit is fine.
		var one [1]byte
		n, err := l.r.Read(one[:])
		if n > 0 {
			l.over = true
			return 0, errors.New("request body too large")
		}
		return 0, err
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}
