package engine

import (
	"context"
	"io"
	"net/http"
	"net/textproto"
	"net/url"
	"sync"
)

// HTTPHandler adapts an http.Handler to the engine, so code written for
// net/http runs on it: for each request it builds an *http.Request (URL
// parsed as url.ParseRequestURI does, header map with canonical keys and
// without Host, ContentLength -1 for a chunked body, trailers in
// Request.Trailer once the body is read, RemoteAddr and RequestURI set)
// and an http.ResponseWriter that also implements http.Flusher.
//
// It costs what net/http costs: the request, its header map and strings
// are allocated for every request. The Request's context is cancelled when
// ServeHTTP returns, not when the client goes away. Hijacking is not
// supported.
func HTTPHandler(h http.Handler) Handler {
	return HandlerFunc(func(w *ResponseWriter, r *Request) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		req, err := r.HTTPRequest(ctx)
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		// As net/http: once the handler returns, its body is closed (a
		// Read from a goroutine it left behind fails), after any Read in
		// progress. (The handler may replace req.Body: close ours.)
		defer req.Body.Close()
		hw := NewHTTPResponseWriter(w)
		h.ServeHTTP(hw, req)
		hw.Finish()
	})
}

// HTTPRequest builds the *http.Request net/http would have built for r,
// with context ctx. It allocates. Its Body reads r's body, may be read by
// another goroutine (one at a time), and fails with
// http.ErrBodyReadAfterClose once it is closed or the Handler returned,
// as net/http's does; closing it leaves the rest of the body for the
// engine to discard.
func (r *Request) HTTPRequest(ctx context.Context) (*http.Request, error) {
	u, err := url.ParseRequestURI(string(r.Target()))
	if err != nil {
		return nil, err
	}
	h := make(http.Header, len(r.Headers()))
	chunked := r.contentLength < 0
	for _, f := range r.Headers() {
		k := textproto.CanonicalMIMEHeaderKey(string(f.Name))
		switch {
		case k == "Host", k == "Transfer-Encoding", k == "Trailer" && chunked:
			continue
		case k == "Content-Length" && len(h[k]) > 0:
			continue // equal duplicates are one
		}
		h[k] = append(h[k], string(f.Value))
	}
	req := &http.Request{
		Method:        r.MethodString(),
		URL:           u,
		Proto:         r.Proto(),
		ProtoMajor:    1,
		ProtoMinor:    r.ProtoMinor(),
		Header:        h,
		ContentLength: r.contentLength,
		Host:          string(r.Host()),
		RemoteAddr:    r.RemoteAddr().String(),
		RequestURI:    string(r.Target()),
		TLS:           r.TLS(),
		Close:         r.WillClose(),
	}
	req = req.WithContext(ctx)
	if chunked {
		req.TransferEncoding = []string{"chunked"}
	}
	if r.contentLength == 0 {
		req.Body = http.NoBody
	} else {
		req.Body = &httpBody{r: r, b: r.Body(), req: req}
	}
	return req, nil
}

// httpBody is an http.Request's Body over the engine's: it fills the
// Request's Trailer at the end of a chunked body. mu orders a Read from
// another goroutine with the Close that ends the handler's request.
type httpBody struct {
	mu     sync.Mutex
	closed bool
	r      *Request
	b      *Body // r's Body handle: dead once r's Handler returned
	req    *http.Request
}

func (b *httpBody) Read(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return 0, http.ErrBodyReadAfterClose
	}
	n, err := b.b.Read(p)
	if err == io.EOF && len(b.r.Trailers()) > 0 && b.req.Trailer == nil {
		b.req.Trailer = make(http.Header)
		for _, f := range b.r.Trailers() {
			k := textproto.CanonicalMIMEHeaderKey(string(f.Name))
			b.req.Trailer[k] = append(b.req.Trailer[k], string(f.Value))
		}
	}
	return n, err
}

// Close makes further reads fail, as net/http's request bodies do; the
// engine discards what is left of the body.
func (b *httpBody) Close() error {
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	return nil
}

// HTTPResponseWriter is an http.ResponseWriter (and http.Flusher) over a
// ResponseWriter, for code written for net/http: its header map is copied
// onto the response (each field checked as SetHeader checks it; a bad one
// is dropped, as net/http drops it) at WriteHeader, the first Write, Flush
// or Finish. Fields set on the ResponseWriter directly before then stay
// unless the map sets the same name. It allocates its header map.
type HTTPResponseWriter struct {
	w       *ResponseWriter
	h       http.Header
	wrote   bool
	interim bool // a 1xx went out with the header fields set so far
}

// NewHTTPResponseWriter returns an http.ResponseWriter over w.
func NewHTTPResponseWriter(w *ResponseWriter) *HTTPResponseWriter {
	return &HTTPResponseWriter{w: w, h: make(http.Header)}
}

// Header returns the header map, as http.ResponseWriter.Header.
func (hw *HTTPResponseWriter) Header() http.Header { return hw.h }

// WriteHeader copies the header map onto the response and sets the
// status, as http.ResponseWriter.WriteHeader.
func (hw *HTTPResponseWriter) WriteHeader(code int) { hw.writeHeader(code) }

// Finish copies the header map onto the response if nothing was written:
// call it when the handler returns.
func (hw *HTTPResponseWriter) Finish() { hw.writeHeader(http.StatusOK) }

func (hw *HTTPResponseWriter) writeHeader(code int) {
	if hw.wrote {
		return
	}
	if hw.interim {
		// After an interim response the map is the whole truth: fields
		// and flags (a Content-Length, Content-Type or Date it no longer
		// has) of the last copy go.
		hw.w.clearHeader()
	}
	if code >= 100 && code < 200 && code != http.StatusSwitchingProtocols {
		hw.copyHeader()
		hw.w.WriteHeader(code)
		hw.interim = true
		return
	}
	hw.wrote = true
	hw.copyHeader()
	hw.w.WriteHeader(code)
}

// copyHeader sets the handler's header map on the engine's response; a
// field the engine refuses (a bad name or value) is dropped, as net/http
// drops it.
func (hw *HTTPResponseWriter) copyHeader() {
	for k, vs := range hw.h {
		if len(vs) == 0 {
			continue
		}
		hw.w.SetHeader(k, vs[0])
		for _, v := range vs[1:] {
			hw.w.AddHeader(k, v)
		}
	}
}

// Write writes body bytes, as http.ResponseWriter.Write.
func (hw *HTTPResponseWriter) Write(p []byte) (int, error) {
	hw.writeHeader(http.StatusOK)
	return hw.w.Write(p)
}

// WriteString is Write for a string (io.StringWriter).
func (hw *HTTPResponseWriter) WriteString(s string) (int, error) {
	hw.writeHeader(http.StatusOK)
	return hw.w.WriteString(s)
}

// Flush implements http.Flusher.
func (hw *HTTPResponseWriter) Flush() {
	hw.writeHeader(http.StatusOK)
	hw.w.Flush()
}
