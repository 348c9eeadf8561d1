package wire

import (
	"bufio"
	"bytes"
	"errors"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"testing"

	"github.com/hotpath-go/hotpath/internal/heads"
)

// The differential test: net/http's ReadRequest is the oracle. Where both
// accept a head, method, target, version and every field (in order, names
// as sent up to case, values trimmed) agree. ParseRequest never accepts a
// head ReadRequest rejects for a reason of head syntax; it may accept one
// that ReadRequest rejects for another reason (the request-target's URL
// syntax, Content-Length and Transfer-Encoding framing, a second Host),
// which are the engine's to judge with the fields ParseRequest returns,
// and it rejects some that ReadRequest accepts (bare LF line ends,
// obs-fold, versions other than 1.0 and 1.1), being stricter on purpose.

// syntaxReason reports whether ReadRequest's error is about the head's
// syntax (its request line, field lines or line ends), not about the
// target's URL or the body's framing.
func syntaxReason(err error) bool {
	var ue *url.Error
	if errors.As(err, &ue) {
		return false
	}
	msg := err.Error()
	for _, s := range []string{"malformed HTTP request", "invalid method", "malformed HTTP version",
		"malformed MIME header", "EOF"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	var pe textproto.ProtocolError
	return errors.As(err, &pe)
}

func readRequest(b []byte) (*http.Request, error) {
	return http.ReadRequest(bufio.NewReader(bytes.NewReader(b)))
}

// diff compares the two parsers on b; it returns which accepted.
func diff(t *testing.T, b []byte, r *Request) (ours, theirs bool) {
	t.Helper()
	n, err := ParseRequest(b, r)
	req, herr := readRequest(b)
	if err == nil && herr != nil && syntaxReason(herr) {
		t.Fatalf("ParseRequest accepts %q, which ReadRequest rejects for its syntax: %v", b[:n], herr)
	}
	if err == nil && herr != nil {
		onlyOursReasons[reasonKey(herr)]++
	}
	if err != nil || herr != nil {
		return err == nil, herr == nil
	}
	if string(r.Method) != req.Method || string(r.Target) != req.RequestURI ||
		r.Minor != req.ProtoMinor || req.ProtoMajor != 1 {
		t.Fatalf("%q: request line %q %q 1.%d; ReadRequest %q %q %d.%d", b, r.Method, r.Target, r.Minor,
			req.Method, req.RequestURI, req.ProtoMajor, req.ProtoMinor)
	}
	// Our fields, grouped by canonical name in order, against the map.
	ourFields := map[string][]string{}
	for _, h := range r.Headers {
		k := textproto.CanonicalMIMEHeaderKey(string(h.Name))
		ourFields[k] = append(ourFields[k], string(h.Value))
	}
	for k, vs := range ourFields {
		theirs := req.Header[k]
		if k == "Host" && theirs == nil {
			// ReadRequest moves Host to req.Host (unless the target is
			// in absolute form, whose authority wins).
			if req.URL.Host == "" && req.Host != vs[0] {
				t.Fatalf("%q: Host %q; ReadRequest %q", b, vs[0], req.Host)
			}
			continue
		}
		if theirs == nil && (k == "Transfer-Encoding" && len(req.TransferEncoding) > 0 || k == "Trailer" && req.Trailer != nil) {
			continue // moved by ReadRequest to req.TransferEncoding and req.Trailer
		}
		if strings.Join(vs, "\x00") != strings.Join(theirs, "\x00") {
			t.Fatalf("%q: field %s = %q; ReadRequest %q", b, k, vs, theirs)
		}
	}
	for k := range req.Header {
		if ourFields[k] == nil && !(k == "Cache-Control" && ourFields["Pragma"] != nil) {
			t.Fatalf("%q: ReadRequest has field %s, ParseRequest does not", b, k)
		}
	}
	return true, true
}

func TestDiffCorpus(t *testing.T) {
	var r Request
	for _, h := range heads.All() {
		if ours, theirs := diff(t, h.Bytes, &r); !ours || !theirs {
			t.Errorf("%s: ParseRequest accepts: %v, ReadRequest: %v", h.Name, ours, theirs)
		}
	}
}

// TestDiffMutations mutates every corpus head deterministically (each
// interesting byte replaced in, inserted at, and a byte deleted from, each
// position) and compares the parsers on every result.
func TestDiffMutations(t *testing.T) {
	var r Request
	interesting := []byte("\x00\x01\t\n\r :\x7f\x80\xff(@/aA")
	stride := 1
	if testing.Short() {
		stride = 7
	}
	var both, onlyOurs, onlyTheirs, neither int
	count := func(ours, theirs bool) {
		switch {
		case ours && theirs:
			both++
		case ours:
			onlyOurs++
		case theirs:
			onlyTheirs++
		default:
			neither++
		}
	}
	buf := make([]byte, 0, 4096)
	for _, h := range heads.All() {
		b := h.Bytes
		st := stride
		if len(b) > 700 {
			st *= 5 // the long heads' middles are long values: sample them
		}
		for i := 0; i < len(b); i += st {
			for _, c := range interesting {
				buf = append(append(buf[:0], b...), 0)[:len(b)]
				buf[i] = c
				count(diff(t, buf, &r))
				buf = append(append(append(buf[:0], b[:i]...), c), b[i:]...)
				count(diff(t, buf, &r))
			}
			buf = append(append(buf[:0], b[:i]...), b[i+1:]...)
			count(diff(t, buf, &r))
		}
	}
	t.Logf("mutations: both accept %d, only ParseRequest %d (ReadRequest's reason not syntax), only ReadRequest %d, neither %d",
		both, onlyOurs, onlyTheirs, neither)
	t.Logf("ReadRequest's reasons where only ParseRequest accepts: %v", onlyOursReasons)
	if both == 0 || neither == 0 {
		t.Fatal("the mutations do not exercise both outcomes")
	}
}

// TestDiffStricter pins the heads ReadRequest accepts and ParseRequest
// refuses on purpose.
func TestDiffStricter(t *testing.T) {
	var r Request
	for _, c := range []struct {
		head string
		err  error
	}{
		{"GET / HTTP/1.1\nHost: a\n\n", ErrBareLF},
		{"GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n", ErrObsFold},
		{"GET / HTTP/1.2\r\n\r\n", ErrVersion},
	} {
		if _, err := readRequest([]byte(c.head)); err != nil {
			t.Errorf("ReadRequest(%q) no longer accepts: %v", c.head, err)
		}
		if _, err := ParseRequest([]byte(c.head), &r); err != c.err {
			t.Errorf("ParseRequest(%q) = %v, want %v", c.head, err, c.err)
		}
	}
	// And one it accepts that ReadRequest refuses for the target's URL
	// syntax, not the head's.
	head := []byte("GET /%zz HTTP/1.1\r\nHost: a\r\n\r\n")
	if _, err := ParseRequest(head, &r); err != nil {
		t.Fatal(err)
	}
	if _, err := readRequest(head); err == nil || syntaxReason(err) {
		t.Fatalf("ReadRequest: %v", err)
	}
}

var onlyOursReasons = map[string]int{}

func reasonKey(err error) string {
	m := err.Error()
	if i := strings.IndexAny(m, "\"%"); i > 0 {
		m = m[:i]
	}
	return m
}
