package framework

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestSetHeaderRejectsInjection sends names and values with CR, LF, NUL and
// other bad bytes through SetHeader and checks that each is refused with
// nothing set, and that good ones are set.
func TestSetHeaderRejectsInjection(t *testing.T) {
	badNames := []string{"", "X-A\r", "X-A\n", "X\x00A", "X A", "X-A:", "X-A\r\nSet-Cookie", "X(A)", "Ü", "X-A\t", "\x7f"}
	badValues := []string{"a\rb", "a\nb", "a\r\nSet-Cookie: x=1", "a\x00b", "\x00", "a\x01", "a\x1f", "a\x7f", "\r\n"}
	goodValues := []string{"", "plain", "with space", "tab\there", "obs-text \xc3\xa9\xff", "!#$%&'*+-.^_`|~ ()<>@,;:\\\"/[]?={}"}

	for _, name := range badNames {
		checkSet(t, name, "v", ErrHeaderName)
	}
	for _, v := range badValues {
		checkSet(t, "X-Test", v, ErrHeaderValue)
	}
	for _, v := range goodValues {
		checkSet(t, "X-Test", v, nil)
	}
	// every single byte, as a name and inside a value, against the RFC 9110
	// rules written out independently
	for b := 0; b < 256; b++ {
		s := string([]byte{byte(b)})
		var nameErr, valueErr error
		if !strings.ContainsRune("!#$%&'*+-.^_`|~", rune(b)) && !(b >= '0' && b <= '9') && !(b >= 'a' && b <= 'z') && !(b >= 'A' && b <= 'Z') {
			nameErr = ErrHeaderName
		}
		if (b < 0x20 && b != '\t') || b == 0x7f {
			valueErr = ErrHeaderValue
		}
		checkSet(t, "X"+s+"Y", "v", nameErr)
		checkSet(t, "X-Test", "a"+s+"b", valueErr)
	}
}

func checkSet(t *testing.T, name, value string, want error) {
	t.Helper()
	app := New()
	var err error
	app.GET("/", func(c *Context) error {
		err = c.SetHeader(name, value)
		return c.NoContent(http.StatusOK)
	})
	w := httptest.NewRecorder()
	app.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	switch {
	case want == nil && err != nil:
		t.Errorf("SetHeader(%q, %q): %v, want success", name, value, err)
	case want == nil:
		if got, ok := w.Header()[http.CanonicalHeaderKey(name)]; !ok || got[0] != value {
			t.Errorf("SetHeader(%q, %q): header %v", name, value, w.Header())
		}
	case !errors.Is(err, want):
		t.Errorf("SetHeader(%q, %q): error %v, want %v", name, value, err, want)
	default:
		// nothing was written: only what net/http's recorder adds itself
		for k := range w.Header() {
			if k != "Content-Type" {
				t.Errorf("SetHeader(%q, %q) refused but header %q was set", name, value, k)
			}
		}
	}
}

func FuzzSetHeader(f *testing.F) {
	f.Add("X-Test", "value")
	f.Add("X-Test\r\n", "v\r\nInjected: 1")
	f.Add("", "\x00")
	f.Fuzz(func(t *testing.T, name, value string) {
		app := New()
		var err error
		app.GET("/", func(c *Context) error {
			err = c.SetHeader(name, value)
			return nil
		})
		w := httptest.NewRecorder()
		app.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
		okName := name != "" && !strings.ContainsFunc(name, func(r rune) bool {
			return r >= 0x80 || !strings.ContainsRune(tchars, r)
		})
		okValue := !strings.ContainsFunc(value, func(r rune) bool {
			return (r < 0x20 && r != '\t') || r == 0x7f
		})
		if (err == nil) != (okName && okValue) {
			t.Fatalf("SetHeader(%q, %q) = %v", name, value, err)
		}
		if err != nil && len(w.Header()) != 0 {
			t.Fatalf("refused SetHeader(%q, %q) wrote %v", name, value, w.Header())
		}
	})
}

// tchars are RFC 9110's tchar, written out.
const tchars = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
