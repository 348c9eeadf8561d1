// Command example is a small server built with the framework: a greeting,
// an in-memory users API with JSON binding, a catch-all, and middleware.
//
//	go run ./framework/example -addr 127.0.0.1:8080
//	curl localhost:8080/hello/gopher
//
// It runs on hotpath's engine (App.Serve); -nethttp runs the same App
// under net/http's server instead.
//
//	curl -d '{"name":"ann"}' localhost:8080/api/users
package main

import (
	"errors"
	"flag"
	"log"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hotpath-go/hotpath/framework"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	nethttp := flag.Bool("nethttp", false, "serve with net/http's server instead of hotpath's engine")
	flag.Parse()
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("listening on http://%s", l.Addr())
	serve := newApp().Serve
	if *nethttp {
		serve = newServer().Serve
	}
	if err := serve(l); !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}

// newServer is net/http's server running the App (for HTTP/2 with TLS,
// and the rest the engine does not do).
func newServer() *http.Server {
	return &http.Server{Handler: newApp(), ReadHeaderTimeout: 10 * time.Second}
}

type user struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
	Age  int    `json:"age,omitempty"`
}

type store struct {
	mu    sync.Mutex
	users []user
}

func newApp() *framework.App {
	app := framework.New()
	var requests atomic.Int64
	app.Use(framework.Recover, func(next framework.HandlerFunc) framework.HandlerFunc {
		return func(c *framework.Context) error {
			n := requests.Add(1)
			if err := c.SetHeader("X-Request-Number", strconv.FormatInt(n, 10)); err != nil {
				return err
			}
			return next(c)
		}
	})

	app.GET("/", func(c *framework.Context) error {
		return c.String(http.StatusOK, "hello from the framework example\n")
	})
	app.GET("/hello/:name", func(c *framework.Context) error {
		return c.JSON(http.StatusOK, map[string]string{"hello": c.Param("name"), "lang": c.Query("lang")})
	})
	app.GET("/static/*path", func(c *framework.Context) error {
		return c.String(http.StatusOK, "would serve "+c.Param("path"))
	})
	app.GET("/panic", func(c *framework.Context) error { panic("this handler always panics") })

	s := &store{}
	api := app.Group("/api")
	api.GET("/users", func(c *framework.Context) error {
		s.mu.Lock()
		defer s.mu.Unlock()
		return c.JSON(http.StatusOK, append([]user{}, s.users...))
	})
	api.POST("/users", func(c *framework.Context) error {
		var u user
		if err := c.Bind(&u); err != nil {
			return err
		}
		if u.Name == "" {
			return &framework.HTTPError{Code: http.StatusUnprocessableEntity, Message: "name is required"}
		}
		s.mu.Lock()
		u.ID = len(s.users) + 1
		s.users = append(s.users, u)
		s.mu.Unlock()
		if err := c.SetHeader("Location", "/api/users/"+strconv.Itoa(u.ID)); err != nil {
			return err
		}
		return c.JSON(http.StatusCreated, u)
	})
	api.GET("/users/:id", func(c *framework.Context) error {
		id, err := strconv.Atoi(c.Param("id"))
		if err != nil {
			return &framework.HTTPError{Code: http.StatusBadRequest, Message: "id must be a number"}
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if id < 1 || id > len(s.users) {
			return &framework.HTTPError{Code: http.StatusNotFound, Message: "no such user"}
		}
		return c.JSON(http.StatusOK, s.users[id-1])
	})
	return app
}
