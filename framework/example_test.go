package framework_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing/fstest"
	"time"

	"github.com/hotpath-go/hotpath/engine"
	"github.com/hotpath-go/hotpath/framework"
)

// The ten-line hello world: an App is an http.Handler.
func Example() {
	app := framework.New()
	app.GET("/hello/:name", func(c *framework.Context) error {
		return c.JSON(http.StatusOK, map[string]string{"hello": c.Param("name")})
	})
	// In a program: http.ListenAndServe(":8080", app)

	w := httptest.NewRecorder()
	app.ServeHTTP(w, httptest.NewRequest("GET", "/hello/gopher", nil))
	fmt.Println(w.Code, w.Body.String())
	// Output: 200 {"hello":"gopher"}
}

// Static routes beat parameters, which beat catch-alls.
func ExampleApp_GET() {
	app := framework.New()
	show := func(c *framework.Context) error {
		return c.String(http.StatusOK, c.Route()+" id="+c.Param("id")+" rest="+c.Param("rest"))
	}
	app.GET("/users/new", show)
	app.GET("/users/:id", show)
	app.GET("/users/*rest", show)
	for _, p := range []string{"/users/new", "/users/42", "/users/42/posts", "/users/"} {
		w := httptest.NewRecorder()
		app.ServeHTTP(w, httptest.NewRequest("GET", p, nil))
		fmt.Println(p, "->", w.Body.String())
	}
	// Output:
	// /users/new -> /users/new id= rest=
	// /users/42 -> /users/:id id=42 rest=
	// /users/42/posts -> /users/*rest id= rest=42/posts
	// /users/ -> /users/*rest id= rest=
}

// Groups share a prefix and middleware; App.Use wraps everything,
// including the App's own 404 and 405 answers.
func ExampleApp_Group() {
	app := framework.New()
	app.Use(framework.Recover)
	auth := func(next framework.HandlerFunc) framework.HandlerFunc {
		return func(c *framework.Context) error {
			if c.Header("Authorization") != "Bearer secret" {
				return &framework.HTTPError{Code: http.StatusUnauthorized, Message: "who are you?"}
			}
			return next(c)
		}
	}
	admin := app.Group("/admin", auth)
	admin.GET("/stats", func(c *framework.Context) error { return c.String(http.StatusOK, "42 users") })

	for _, token := range []string{"", "Bearer secret"} {
		r := httptest.NewRequest("GET", "/admin/stats", nil)
		r.Header.Set("Authorization", token)
		w := httptest.NewRecorder()
		app.ServeHTTP(w, r)
		fmt.Println(w.Code, w.Body.String())
	}
	// Output:
	// 401 who are you?
	// 200 42 users
}

// Method mismatches answer 405 with a sorted Allow header; OPTIONS is
// answered automatically; a missing or extra trailing slash redirects.
func ExampleApp_ServeHTTP() {
	app := framework.New()
	noop := func(c *framework.Context) error { return c.NoContent(http.StatusNoContent) }
	app.POST("/items", noop)
	app.GET("/items", noop)
	for _, req := range []string{"DELETE /items", "OPTIONS /items", "GET /items/", "GET /nothing"} {
		method, path, _ := strings.Cut(req, " ")
		w := httptest.NewRecorder()
		app.ServeHTTP(w, httptest.NewRequest(method, path, nil))
		fmt.Println(req, "->", w.Code, w.Header().Get("Allow")+w.Header().Get("Location"))
	}
	// Output:
	// DELETE /items -> 405 GET, HEAD, OPTIONS, POST
	// OPTIONS /items -> 204 GET, HEAD, OPTIONS, POST
	// GET /items/ -> 301 /items
	// GET /nothing -> 404
}

// Bind decodes a JSON body with a size limit and answers bad input with a
// 400 (or 413, 415) that names the problem.
func ExampleContext_Bind() {
	app := framework.New()
	app.POST("/users", func(c *framework.Context) error {
		var u struct {
			Name string `json:"name"`
			Age  int    `json:"age"`
		}
		if err := c.Bind(&u); err != nil {
			return err
		}
		return c.JSON(http.StatusCreated, u)
	})
	for _, body := range []string{`{"name":"ann","age":7}`, `{"name":"ann","age":"seven"}`, `{"name":`} {
		w := httptest.NewRecorder()
		app.ServeHTTP(w, httptest.NewRequest("POST", "/users", strings.NewReader(body)))
		fmt.Println(w.Code, w.Body.String())
	}
	// Output:
	// 201 {"name":"ann","age":7}
	// 400 wrong type for field age: got JSON string, want int
	// 400 malformed JSON: unexpected EOF
}

// SetHeader refuses values that would split the response.
func ExampleContext_SetHeader() {
	app := framework.New()
	app.GET("/", func(c *framework.Context) error {
		err := c.SetHeader("X-Greeting", "hi\r\nSet-Cookie: stolen=1")
		fmt.Println(err)
		return c.String(http.StatusOK, "ok")
	})
	w := httptest.NewRecorder()
	app.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	fmt.Println(w.Header().Get("Set-Cookie") == "")
	// Output:
	// framework: invalid header value for X-Greeting: "hi\r\nSet-Cookie: stolen=1"
	// true
}

// Params and the response writer work with the standard library.
func ExampleContext_Param() {
	app := framework.New()
	app.GET("/files/*path", func(c *framework.Context) error {
		_, err := io.WriteString(c.Response(), "file: "+c.Param("path"))
		return err
	})
	w := httptest.NewRecorder()
	app.ServeHTTP(w, httptest.NewRequest("GET", "/files/docs/a%20b.txt", nil))
	fmt.Println(w.Body.String())
	// Output: file: docs/a b.txt
}

// Static serves a file system under a prefix, with ranges, conditional
// requests and content types (http.ServeContent), and never outside it.
func ExampleRoutes_Static() {
	files := fstest.MapFS{
		"index.html":   {Data: []byte("<h1>hi</h1>")},
		"css/site.css": {Data: []byte("body{}")},
	}
	app := framework.New()
	app.Static("/assets", files)
	for _, p := range []string{"/assets/css/site.css", "/assets/", "/assets/../secret"} {
		r := httptest.NewRequest("GET", "/", nil).WithContext(context.Background())
		r.URL.Path = p // as a server hands it over, uncleaned
		w := httptest.NewRecorder()
		app.ServeHTTP(w, r)
		fmt.Println(p, w.Code, w.Header().Get("Content-Type"), w.Body.String())
	}
	// Output:
	// /assets/css/site.css 200 text/css; charset=utf-8 body{}
	// /assets/ 200 text/html; charset=utf-8 <h1>hi</h1>
	// /assets/../secret 404 text/plain; charset=utf-8 Not Found
}

// File serves one file of a file system from a handler.
func ExampleContext_File() {
	docs := fstest.MapFS{"guide.txt": {Data: []byte("read me")}}
	app := framework.New()
	app.GET("/guide", func(c *framework.Context) error { return c.File(docs, "guide.txt") })
	w := httptest.NewRecorder()
	app.ServeHTTP(w, httptest.NewRequest("GET", "/guide", nil))
	fmt.Println(w.Code, w.Header().Get("Content-Type"), w.Body.String())
	// Output: 200 text/plain; charset=utf-8 read me
}

// Any registers one handler for every standard method.
func ExampleRoutes_Any() {
	app := framework.New()
	app.Any("/echo", func(c *framework.Context) error {
		return c.String(http.StatusOK, c.Request().Method)
	})
	for _, m := range []string{"GET", "PUT", "TRACE"} {
		w := httptest.NewRecorder()
		app.ServeHTTP(w, httptest.NewRequest(m, "/echo", nil))
		fmt.Println(w.Body.String())
	}
	// Output:
	// GET
	// PUT
	// TRACE
}

// upperCodec is a stand-in for goccy/go-json, sonic or encoding/json/v2:
// anything with Encode and Decode plugs in.
type upperCodec struct{}

func (upperCodec) Encode(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = w.Write(bytes.ToUpper(b))
	return err
}

func (upperCodec) Decode(r io.Reader, v any) error { return json.NewDecoder(r).Decode(v) }

// JSONCodec replaces encoding/json for Context.JSON and Context.Bind.
func ExampleApp_JSONCodec() {
	app := framework.New()
	app.JSONCodec(upperCodec{})
	app.GET("/", func(c *framework.Context) error { return c.JSON(http.StatusOK, map[string]string{"a": "b"}) })
	w := httptest.NewRecorder()
	app.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	fmt.Println(w.Body.String())
	// Output: {"A":"B"}
}

// CleanPath redirects requests for unclean paths to their clean form.
func ExampleApp_CleanPath() {
	app := framework.New()
	app.CleanPath(true)
	app.GET("/docs/:page", func(c *framework.Context) error { return c.String(http.StatusOK, c.Param("page")) })
	r := httptest.NewRequest("GET", "/", nil)
	r.URL.Path = "/docs/../docs//intro"
	w := httptest.NewRecorder()
	app.ServeHTTP(w, r)
	fmt.Println(w.Code, w.Header().Get("Location"))
	// Output: 301 /docs/intro
}

// Logger writes one structured line per request through log/slog.
func ExampleLogger() {
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey || a.Key == "duration" {
				return slog.Attr{} // left out, so that the output is stable
			}
			return a
		},
	}))
	app := framework.New()
	app.Use(framework.Logger(logger))
	app.GET("/users/:id", func(c *framework.Context) error { return c.String(http.StatusOK, "ann") })
	app.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/users/7", nil))
	app.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/nope", nil))
	// Output:
	// level=INFO msg=request method=GET route=/users/:id path=/users/7 status=200 bytes=3
	// level=INFO msg=request method=GET route="" path=/nope status=404 bytes=9
}

// CORS answers preflight requests through the App's automatic OPTIONS.
func ExampleCORS() {
	app := framework.New()
	app.Use(framework.CORS(framework.CORSConfig{AllowOrigins: []string{"https://app.example"}}))
	app.PUT("/items/:id", func(c *framework.Context) error { return c.NoContent(http.StatusNoContent) })
	r := httptest.NewRequest("OPTIONS", "/items/1", nil)
	r.Header.Set("Origin", "https://app.example")
	r.Header.Set("Access-Control-Request-Method", "PUT")
	w := httptest.NewRecorder()
	app.ServeHTTP(w, r)
	fmt.Println(w.Code, w.Header().Get("Access-Control-Allow-Origin"), "|", w.Header().Get("Allow"))
	// Output: 204 https://app.example | OPTIONS, PUT
}

// RequestID gives every request an ID, kept from the client when valid.
func ExampleRequestID() {
	app := framework.New()
	app.Use(framework.RequestID())
	app.GET("/", func(c *framework.Context) error {
		return c.String(http.StatusOK, "id "+framework.RequestIDOf(c))
	})
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("X-Request-Id", "abc-123")
	w := httptest.NewRecorder()
	app.ServeHTTP(w, r)
	fmt.Println(w.Body.String(), w.Header().Get("X-Request-Id"))
	// Output: id abc-123 abc-123
}

// Timeout bounds the request's context; a handler that runs past it
// without answering gets a 503.
func ExampleTimeout() {
	app := framework.New()
	app.Use(framework.Timeout(10 * time.Millisecond))
	app.GET("/report", func(c *framework.Context) error {
		<-c.Request().Context().Done() // slow work that watches the context
		return c.Request().Context().Err()
	})
	w := httptest.NewRecorder()
	app.ServeHTTP(w, httptest.NewRequest("GET", "/report", nil))
	fmt.Println(w.Code, w.Body.String())
	// Output: 503 request timed out
}

// The matched route's pattern is in r.Pattern, as net/http's ServeMux
// sets it, so that middleware written for ServeMux (otelhttp's span
// names, metrics by route) reads it unchanged.
func ExampleContext_Route() {
	app := framework.New()
	app.Use(func(next framework.HandlerFunc) framework.HandlerFunc {
		return func(c *framework.Context) error {
			err := next(c)
			fmt.Println("middleware saw", c.Request().Pattern)
			return err
		}
	})
	app.GET("/users/:id", func(c *framework.Context) error { return c.String(http.StatusOK, c.Route()) })
	w := httptest.NewRecorder()
	app.ServeHTTP(w, httptest.NewRequest("GET", "/users/42", nil))
	fmt.Println("handler wrote", w.Body.String())
	// Output:
	// middleware saw /users/:id
	// handler wrote /users/:id
}

// A HEAD request is answered by the GET route, without the body and with
// the Content-Length the GET would have sent.
func ExampleApp_ServeHTTP_head() {
	app := framework.New()
	app.GET("/page", func(c *framework.Context) error { return c.String(http.StatusOK, "twelve bytes") })
	w := httptest.NewRecorder()
	app.ServeHTTP(w, httptest.NewRequest("HEAD", "/page", nil))
	fmt.Printf("%d %q Content-Length: %s\n", w.Code, w.Body.String(), w.Header().Get("Content-Length"))
	// Output: 200 "" Content-Length: 12
}

// Group prefixes and paths are joined with one slash, as gin joins them.
func ExampleRoutes_Group() {
	app := framework.New()
	api := app.Group("/api/")
	api.GET("/users", func(c *framework.Context) error { return c.String(http.StatusOK, c.Route()) })
	v2 := api.Group("v2")
	v2.GET("items", func(c *framework.Context) error { return c.String(http.StatusOK, c.Route()) })
	for _, p := range []string{"/api/users", "/api/v2/items"} {
		w := httptest.NewRecorder()
		app.ServeHTTP(w, httptest.NewRequest("GET", p, nil))
		fmt.Println(w.Body.String())
	}
	// Output:
	// /api/users
	// /api/v2/items
}

// Serving the App on hotpath's engine: Serve on a listener, Shutdown to
// stop. (ListenAndServe(":8080") listens for you.)
func ExampleApp_Serve() {
	app := framework.New()
	app.Server = &engine.Server{ReadHeaderTimeout: 5 * time.Second} // optional: the engine's limits
	app.GET("/hello/:name", func(c *framework.Context) error {
		return c.JSON(http.StatusOK, map[string]string{"hello": c.Param("name")})
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println(err)
		return
	}
	done := make(chan error, 1)
	go func() { done <- app.Serve(ln) }()

	resp, err := http.Get("http://" + ln.Addr().String() + "/hello/gopher")
	if err != nil {
		fmt.Println(err)
		return
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.StatusCode, string(body))

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	fmt.Println(app.Shutdown(ctx), <-done)
	// Output:
	// 200 {"hello":"gopher"}
	// <nil> http: Server closed
}
