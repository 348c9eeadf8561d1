package framework

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"unsafe"

	"github.com/hotpath-go/hotpath/engine"
)

// responseWriter is the Context's view of the response: it tracks whether
// the header was committed and with what status, holds a status set by
// Context.Status until then, counts the body, and for a HEAD request
// answered by a GET route holds the header back to the end, drops the body
// and sends the Content-Length the GET would have had.
type responseWriter struct {
	w        http.ResponseWriter    // under net/http; on the engine, nil until Context.Response makes an engine.HTTPResponseWriter
	ew       *engine.ResponseWriter // on the engine; nil under net/http
	viewType unsafe.Pointer         // the type word of the last w whose view kind was taken (kept across requests)
	size     int64                  // body bytes written (for noBody: counted, not sent)
	status   int16                  // the status committed, or set by Context.Status and not yet (100-999)
	written  bool                   // the header is committed: sent, or held back (held)
	noBody   bool                   // a HEAD request answered by a GET route
	held     bool                   // noBody, and the committed header not yet sent to w
	lenSet   bool                   // on the engine, SetHeader set a Content-Length
	viewKind uint8                  // the view kind of viewType, kept up to date by ServeHTTP and adoptView
}

// validStatus reports whether net/http's WriteHeader takes code.
func validStatus(code int) bool { return code >= 100 && code <= 999 }

// errStatus is the error the Context's helpers return for a status code
// net/http would refuse (with a panic) before writing anything.
func errStatus(code int) error {
	return fmt.Errorf("framework: invalid HTTP status code %d (want 100-999)", code)
}

func informational(code int) bool {
	return code >= 100 && code <= 199 && code != http.StatusSwitchingProtocols
}

// Header is only called through the views Context.Response returns, which
// make w.w first on the engine.
func (w *responseWriter) Header() http.Header { return w.w.Header() }

// send sends the status code: to w.w when there is one, else to the
// engine's response.
func (w *responseWriter) send(code int) {
	if w.w != nil {
		w.w.WriteHeader(code)
		return
	}
	w.ew.WriteHeader(code)
}

// WriteHeader commits the header with code. Informational codes (1xx but
// 101) pass through and leave the header uncommitted; later calls are
// ignored. A code net/http refuses (outside 100-999) panics, as net/http's
// own WriteHeader does, before anything is committed: under Recover the
// request then ends in a 500.
func (w *responseWriter) WriteHeader(code int) {
	if w.written {
		return
	}
	if !validStatus(code) {
		panic(errStatus(code).Error())
	}
	if informational(code) {
		if !w.noBody {
			w.send(code)
		}
		return
	}
	w.written, w.status = true, int16(code)
	if w.noBody {
		w.held = true
		return
	}
	w.send(code)
}

// start commits the header before the first body byte: a pending status,
// or 200, which is left to the wrapped writer's first Write (that is the
// http.ResponseWriter contract) to save a call.
func (w *responseWriter) start() {
	w.written = true
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if w.noBody || w.status != http.StatusOK {
		w.startStatus()
	}
}

// startStatus is start's rare part: a held HEAD header, or a status to
// send.
//
//go:noinline
func (w *responseWriter) startStatus() {
	if w.noBody {
		w.held = true
		return
	}
	w.send(int(w.status))
}

// pending reports whether finish has something to do: a status set with
// Context.Status and never sent, or a held header.
func (w *responseWriter) pending() bool { return (w.status != 0 && !w.written) || w.held }

// finish sends what the handler left: the status it set and never sent,
// and a held HEAD header, with the Content-Length of the body the GET
// route wrote unless it set one itself.
//
//go:noinline
func (w *responseWriter) finish() {
	if !w.written {
		w.written = true
		if !w.noBody {
			w.send(int(w.status))
			return
		}
		w.held = true
	}
	w.sendHeld(true)
}

// sendHeld sends a held header; complete says the body is complete, so
// that its length may go in Content-Length.
func (w *responseWriter) sendHeld(complete bool) {
	w.held = false
	if w.w == nil {
		if complete && bodyAllowed(int(w.status)) && !w.lenSet {
			var b [20]byte
			w.ew.AddHeader("Content-Length", unsafeString(strconv.AppendInt(b[:0], w.size, 10)))
		}
		w.ew.WriteHeader(int(w.status))
		return
	}
	h := w.w.Header()
	if complete && bodyAllowed(int(w.status)) && len(h["Content-Length"]) == 0 && len(h["Transfer-Encoding"]) == 0 {
		h["Content-Length"] = []string{strconv.FormatInt(w.size, 10)}
	}
	w.w.WriteHeader(int(w.status))
}

func bodyAllowed(code int) bool {
	return code >= 200 && code != http.StatusNoContent && code != http.StatusNotModified
}

// Write and WriteString are written out alike: a call from one to the
// other costs about as much as the common write itself, which is decided
// by two tests (the first write with no status set, or a later one, of a
// response with a body) with no call before the wrapped writer's.
func (w *responseWriter) Write(b []byte) (int, error) {
	if !w.written {
		if w.status != 0 || w.noBody {
			return w.writeRare(b)
		}
		w.written, w.status = true, http.StatusOK // start, for that case
	} else if w.noBody {
		return w.writeRare(b)
	}
	var n int
	var err error
	if w.w != nil {
		n, err = w.w.Write(b)
	} else {
		n, err = w.ew.Write(b)
	}
	w.size += int64(n)
	return n, err
}

// WriteString writes s without a copy: the io.Writer contract forbids
// Write to modify or retain its argument, so it may be given s's bytes.
func (w *responseWriter) WriteString(s string) (int, error) {
	b := stringBytes(s)
	if !w.written {
		if w.status != 0 || w.noBody {
			return w.writeRare(b)
		}
		w.written, w.status = true, http.StatusOK
	} else if w.noBody {
		return w.writeRare(b)
	}
	var n int
	var err error
	if w.w != nil {
		n, err = w.w.Write(b)
	} else {
		n, err = w.ew.Write(b)
	}
	w.size += int64(n)
	return n, err
}

// stringBytes returns the bytes of s, which must not be modified, without
// unsafe.Slice's check for a pointer and length that overflow (a string's
// cannot): a string header with a capacity after it is a slice header.
func stringBytes(s string) []byte {
	return *(*[]byte)(unsafe.Pointer(&struct {
		s string
		c int
	}{s, len(s)}))
}

// writeRare is Write for the rest: a status to send first, or a response
// without a body (HEAD), whose bytes are only counted.
//
//go:noinline
func (w *responseWriter) writeRare(b []byte) (int, error) {
	if !w.written {
		w.start()
	}
	if w.noBody {
		w.size += int64(len(b))
		return len(b), nil
	}
	return w.Write(b) // written, with a body: Write's fast path
}

// Unwrap returns the wrapped writer, for http.ResponseController.
func (w *responseWriter) Unwrap() http.ResponseWriter { return w.w }

// FlushError commits the header if needed and flushes the wrapped writer
// through http.ResponseController, which follows Unwrap methods: it
// returns an error wrapping http.ErrNotSupported when no writer on the way
// can flush. http.ResponseController calls it first.
func (w *responseWriter) FlushError() error {
	if !w.written && w.status != 0 {
		w.start()
	}
	if w.held {
		w.sendHeld(false)
	}
	err := http.NewResponseController(w.w).Flush()
	if err == nil && !w.written {
		// A flush of nothing sends the header with 200, as net/http does.
		w.written, w.status = true, http.StatusOK
	}
	return err
}

// hijack hands over the connection when a writer on the way can (through
// http.ResponseController). A failed hijack changes nothing: the response
// can still be written. (It is not Hijack: the views that may hijack have
// that method, the others must not.)
func (w *responseWriter) hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, rw, err := http.NewResponseController(w.w).Hijack()
	if err == nil {
		w.written, w.held = true, false
	}
	return conn, rw, err
}

// The views Context.Response returns: the responseWriter with the optional
// interfaces the wrapped writer itself has, and no others, so that a type
// assertion on it answers as one on the wrapped writer would.
type (
	flushView        struct{ *responseWriter }
	hijackView       struct{ *responseWriter }
	flushHijackView  struct{ *responseWriter }
	plainWriterView  = *responseWriter
	flushHijackerAPI interface {
		http.Flusher
		http.Hijacker
	}
)

func (v flushView) Flush()       { v.FlushError() }
func (v flushHijackView) Flush() { v.FlushError() }
func (v hijackView) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return v.responseWriter.hijack()
}
func (v flushHijackView) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return v.responseWriter.hijack()
}

// The kinds of view, by the optional interfaces of the wrapped writer.
const (
	viewPlain uint8 = iota
	viewFlush
	viewHijack
	viewFlushHijack
)

// typeWord returns the type word of the interface value w: its itab, one
// per concrete type and never freed, so that one load tells a type.
func typeWord(w *http.ResponseWriter) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(w)) }

// viewTabs are the type words of the views as http.ResponseWriters, by
// kind: every view is one pointer to the responseWriter, so a view is its
// type word and that pointer (see Context.Response).
var viewTabs = [4]unsafe.Pointer{
	viewPlain:       ifaceTab(plainWriterView(nil)),
	viewFlush:       ifaceTab(flushView{}),
	viewHijack:      ifaceTab(hijackView{}),
	viewFlushHijack: ifaceTab(flushHijackView{}),
}

func ifaceTab(w http.ResponseWriter) unsafe.Pointer { return typeWord(&w) }

// ifaceWords is the layout of an interface value.
type ifaceWords struct{ tab, data unsafe.Pointer }

// setKind sets the view kind for w.w, whose type word is not viewType: a
// server hands every request the same type, so the two type assertions
// to interfaces it takes (which cost more than the rest of a small
// request) are made once.
//
//go:noinline
func (w *responseWriter) setKind() { w.viewType, w.viewKind = typeWord(&w.w), viewKind(w.w) }

// adoptView is Context.Response's rare part, on the engine: the writer is
// made (adopt), then its view kind.
//
//go:noinline
func (w *responseWriter) adoptView() {
	w.adopt()
	w.setKind()
}

func viewKind(w http.ResponseWriter) uint8 {
	switch w.(type) {
	case flushHijackerAPI:
		return viewFlushHijack
	case http.Flusher:
		return viewFlush
	case http.Hijacker:
		return viewHijack
	}
	return viewPlain
}
