package wire

import (
	"bufio"
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

func TestAppendStatusLine(t *testing.T) {
	for code := 100; code <= 999; code++ {
		for _, minor := range []int{0, 1} {
			got := string(AppendStatusLine([]byte("x"), minor, code))
			want := "xHTTP/1." + strconv.Itoa(minor) + " " + strconv.Itoa(code) + " " + reasons[code] + "\r\n"
			if got != want {
				t.Fatalf("AppendStatusLine(%d, %d) = %q, want %q", minor, code, got, want)
			}
			// net/http reads it back.
			resp, err := http.ReadResponse(bufio.NewReader(strings.NewReader(got[1:]+"Content-Length: 0\r\n\r\n")), nil)
			if err != nil || resp.StatusCode != code || resp.ProtoMinor != minor {
				t.Fatalf("ReadResponse(%q): %v", got[1:], err)
			}
		}
		// The registry's phrases are the standard library's, but for the
		// four RFC 9110 renamed.
		renamed := code == 413 || code == 414 || code == 416 || code == 422
		if reasons[code] != "" && reasons[code] != http.StatusText(code) && !renamed {
			t.Errorf("%d: %q, net/http %q", code, reasons[code], http.StatusText(code))
		}
	}
	for _, code := range []int{-1, 0, 99, 1000, 1 << 30, -1 << 31} {
		if got := string(AppendStatusLine(nil, 1, code)); got != "HTTP/1.1 500 Internal Server Error\r\n" {
			t.Errorf("code %d: %q", code, got)
		}
	}
	if got := string(AppendStatusLine(nil, 7, 200)); got != "HTTP/1.1 200 OK\r\n" {
		t.Errorf("minor 7: %q", got)
	}
	if a := testing.AllocsPerRun(100, func() { AppendStatusLine(make([]byte, 0, 64)[:0], 1, 404) }); a > 1 {
		t.Errorf("%v allocs", a)
	}
}

func TestAppendHeader(t *testing.T) {
	dst := []byte("HTTP/1.1 200 OK\r\n")
	var err error
	if dst, err = AppendHeader(dst, []byte("Content-Type"), []byte("text/plain; charset=utf-8")); err != nil {
		t.Fatal(err)
	}
	if dst, err = AppendHeaderString(dst, "X-Tab", "a\tb \xc3\xa9"); err != nil {
		t.Fatal(err)
	}
	if dst, err = AppendHeaderInt(dst, "Content-Length", 12345); err != nil {
		t.Fatal(err)
	}
	if dst, err = AppendHeaderString(dst, "X-Empty", ""); err != nil {
		t.Fatal(err)
	}
	dst = AppendEndOfHead(dst)
	want := "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nX-Tab: a\tb \xc3\xa9\r\nContent-Length: 12345\r\nX-Empty: \r\n\r\n"
	if string(dst) != want {
		t.Fatalf("%q", dst)
	}
	// Bad names and values leave dst alone.
	for _, c := range []struct {
		name, value string
		err         error
	}{
		{"", "v", ErrInvalidHeaderName},
		{"Bad Name", "v", ErrInvalidHeaderName},
		{"X:", "v", ErrInvalidHeaderName},
		{"X\r\nY", "v", ErrInvalidHeaderName},
		{"X", "a\r\nSet-Cookie: evil", ErrInvalidHeaderValue},
		{"X", "a\nb", ErrInvalidHeaderValue},
		{"X", "a\x00", ErrInvalidHeaderValue},
		{"X", "\x7f", ErrInvalidHeaderValue},
	} {
		before := len(dst)
		var e1, e2 error
		dst, e1 = AppendHeader(dst, []byte(c.name), []byte(c.value))
		dst, e2 = AppendHeaderString(dst, c.name, c.value)
		if e1 != c.err || e2 != c.err || len(dst) != before {
			t.Errorf("%q: %q: %v, %v", c.name, c.value, e1, e2)
		}
		if c.err == ErrInvalidHeaderName {
			if _, err := AppendHeaderInt(dst, c.name, 1); err != c.err {
				t.Errorf("AppendHeaderInt(%q): %v", c.name, err)
			}
		}
	}
	if _, err := AppendHeaderInt(nil, "N", -9223372036854775808); err != nil {
		t.Fatal(err)
	}
}

// TestResponseRoundTrip: a head built with the appenders is one net/http
// reads back field for field.
func TestResponseRoundTrip(t *testing.T) {
	var b []byte
	b = AppendStatusLine(b, 1, 201)
	b, _ = AppendHeaderString(b, "Location", "/items/7")
	b, _ = AppendHeaderInt(b, "Content-Length", 2)
	b = AppendEndOfHead(b)
	b = append(b, "ok"...)
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(b)), nil)
	if err != nil || resp.StatusCode != 201 || resp.Header.Get("Location") != "/items/7" || resp.ContentLength != 2 {
		t.Fatalf("%v %+v", err, resp)
	}
}

func FuzzAppendHeader(f *testing.F) {
	f.Add([]byte("Content-Type"), []byte("text/html"))
	f.Add([]byte("X"), []byte("a\r\nb"))
	f.Fuzz(func(t *testing.T, name, value []byte) {
		dst, err := AppendHeader(nil, name, value)
		if err != nil {
			if dst != nil {
				t.Fatal("dst changed on error")
			}
			return
		}
		// What it wrote parses back as the same field.
		head := append([]byte("GET / HTTP/1.1\r\n"), dst...)
		head = append(head, "\r\n"...)
		var r Request
		if _, err := ParseRequest(head, &r); err != nil {
			t.Fatalf("%q: %v", head, err)
		}
		want := bytes.Trim(value, " \t")
		if len(r.Headers) != 1 || !bytes.Equal(r.Headers[0].Name, name) || !bytes.Equal(r.Headers[0].Value, want) {
			t.Fatalf("%q: %q", head, r.Headers)
		}
	})
}

func FuzzAppendStatusLine(f *testing.F) {
	f.Add(1, 200)
	f.Add(0, 999)
	f.Fuzz(func(t *testing.T, minor, code int) {
		b := AppendStatusLine(nil, minor, code)
		if _, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(append(b, "\r\n"...))), nil); err != nil {
			t.Fatalf("%q: %v", b, err)
		}
	})
}

// FuzzAppendHeaderString holds AppendHeaderString to AppendHeader.
func FuzzAppendHeaderString(f *testing.F) {
	f.Add("Set-Cookie", "a=b; Path=/")
	f.Add("X Bad", "v\r\n")
	f.Fuzz(func(t *testing.T, name, value string) {
		a, errA := AppendHeader([]byte("x"), []byte(name), []byte(value))
		b, errB := AppendHeaderString([]byte("x"), name, value)
		if !bytes.Equal(a, b) || errA != errB {
			t.Fatalf("%q %q: %q %v, string form %q %v", name, value, a, errA, b, errB)
		}
	})
}

// FuzzAppendHeaderInt: the line parses back as the number, and the head
// ends where AppendEndOfHead says.
func FuzzAppendHeaderInt(f *testing.F) {
	f.Add("Content-Length", int64(0))
	f.Add("N", int64(-1)<<63)
	f.Fuzz(func(t *testing.T, name string, v int64) {
		dst, err := AppendHeaderInt([]byte("GET / HTTP/1.1\r\n"), name, v)
		if err != nil {
			if _, e2 := AppendHeaderString(nil, name, "1"); e2 != err {
				t.Fatalf("%q: %v, AppendHeaderString %v", name, err, e2)
			}
			return
		}
		head := AppendEndOfHead(dst)
		var r Request
		if n, err := ParseRequest(head, &r); err != nil || n != len(head) ||
			string(r.Headers[0].Value) != strconv.FormatInt(v, 10) {
			t.Fatalf("%q: %d, %v, %q", head, n, err, r.Headers)
		}
	})
}
