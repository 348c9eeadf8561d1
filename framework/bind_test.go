package framework

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

type bindTarget struct {
	Name  string `json:"name"`
	Age   int    `json:"age"`
	Inner struct {
		Flag bool `json:"flag"`
	} `json:"inner"`
}

func bindApp(limit int64) (*App, *bindTarget, *error) {
	app := New()
	if limit > 0 {
		app.BodyLimit(limit)
	}
	var v bindTarget
	var err error
	app.POST("/", func(c *Context) error {
		v = bindTarget{}
		err = c.Bind(&v)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, v)
	})
	return app, &v, &err
}

func post(app *App, body, ct string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("POST", "/", strings.NewReader(body))
	if ct != "" {
		r.Header.Set("Content-Type", ct)
	}
	w := httptest.NewRecorder()
	app.ServeHTTP(w, r)
	return w
}

func TestBind(t *testing.T) {
	app, v, errp := bindApp(0)
	cases := []struct {
		body, ct string
		code     int
		msg      string // substring of the response body
	}{
		{`{"name":"ann","age":3,"inner":{"flag":true}}`, "application/json", 200, `"name":"ann"`},
		{`{"name":"ann","unknown":1}`, "", 200, `"name":"ann"`},
		{` {"name":"ann"}` + "\n\t ", "application/json; charset=utf-8", 200, `"ann"`},
		{`{"name":"x"}`, "application/vnd.api+json", 200, `"x"`},
		{`{"name":`, "application/json", 400, "malformed JSON"},
		{`{"name":"ann",}`, "application/json", 400, "malformed JSON"},
		{`not json`, "application/json", 400, "malformed JSON"},
		{``, "application/json", 400, "empty request body"},
		{`   `, "application/json", 400, "empty request body"},
		{`{"name":1}`, "application/json", 400, "wrong type for field name: got JSON number, want string"},
		{`{"age":"3"}`, "application/json", 400, "wrong type for field age"},
		{`{"inner":{"flag":"yes"}}`, "application/json", 400, "inner.flag"},
		{`[1,2]`, "application/json", 400, "wrong type"},
		{`{"name":"a"} {"name":"b"}`, "application/json", 400, "after the JSON value"},
		{`{"name":"a"} x`, "application/json", 400, ""},
		{`{"name":"a"}`, "text/plain", 415, "Content-Type"},
	}
	for _, tc := range cases {
		w := post(app, tc.body, tc.ct)
		if w.Code != tc.code || !strings.Contains(w.Body.String(), tc.msg) {
			t.Errorf("body %q (%s): %d %q, want %d containing %q", tc.body, tc.ct, w.Code, w.Body.String(), tc.code, tc.msg)
		}
		var he *HTTPError
		if tc.code != 200 && !errors.As(*errp, &he) {
			t.Errorf("body %q: Bind returned %T %v, want *HTTPError", tc.body, *errp, *errp)
		}
	}
	if w := post(app, `{"name":"z","age":9}`, ""); w.Code != 200 || v.Name != "z" || v.Age != 9 {
		t.Errorf("bound %+v", *v)
	}
}

func TestBindLimit(t *testing.T) {
	// default limit, 1 MiB: a body of exactly the limit passes, one byte more fails
	app, v, _ := bindApp(0)
	exact := `{"name":"` + strings.Repeat("a", DefaultBodyLimit-len(`{"name":""}`)) + `"}`
	if w := post(app, exact, "application/json"); w.Code != 200 || len(v.Name) != DefaultBodyLimit-11 {
		t.Errorf("body of exactly the limit: %d", w.Code)
	}
	over := `{"name":"` + strings.Repeat("a", DefaultBodyLimit) + `"}`
	if w := post(app, over, "application/json"); w.Code != 413 {
		t.Errorf("body over the default limit: %d %q", w.Code, w.Body.String())
	}
	// trailing white space beyond the limit also counts
	if w := post(app, `{"name":"a"}`+strings.Repeat(" ", DefaultBodyLimit), ""); w.Code != 413 {
		t.Errorf("padding over the limit: %d", w.Code)
	}
	// a body without Content-Length (chunked), over a small limit
	small, _, _ := bindApp(16)
	r := httptest.NewRequest("POST", "/", struct{ *strings.Reader }{strings.NewReader(`{"name":"longer than sixteen"}`)})
	r.ContentLength = -1
	w := httptest.NewRecorder()
	small.ServeHTTP(w, r)
	if w.Code != 413 {
		t.Errorf("chunked body over a 16-byte limit: %d", w.Code)
	}
	// declared Content-Length over the limit is refused before reading
	if w := post(small, `{"name":"this is too long"}`, ""); w.Code != 413 {
		t.Errorf("Content-Length over the limit: %d", w.Code)
	}
	if w := post(small, `{"name":"ok"}`, ""); w.Code != 200 {
		t.Errorf("body under a 16-byte limit: %d", w.Code)
	}
}

func TestBindNotPointer(t *testing.T) {
	app := New()
	var err error
	app.POST("/", func(c *Context) error { err = c.Bind(bindTarget{}); return nil })
	post(app, `{}`, "")
	var he *HTTPError
	if err == nil || errors.As(err, &he) {
		t.Errorf("Bind(non-pointer) = %v, want a plain error", err)
	}
}
