package framework_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

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
