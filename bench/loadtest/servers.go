package loadtest

import (
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gofiber/fiber/v2"
	"github.com/hotpath-go/hotpath/engine"
	"github.com/hotpath-go/hotpath/framework"
	"github.com/valyala/fasthttp"
)

// Hello is the body every server answers GET / with.
const Hello = "Hello, World!"

// Message is what every server answers GET /json with, encoded per
// request: {"message":"Hello, World!"}.
type Message struct {
	Message string `json:"message"`
}

// JSONBody is the expected /json body (encoding/json adds no newline with
// Marshal; servers that use an Encoder add one, which the check allows).
const JSONBody = `{"message":"Hello, World!"}`

// A Server is one HTTP server under test: Serve serves GET / (plaintext)
// and GET /json on ln until the process ends.
type Server struct {
	Name  string
	Serve func(ln net.Listener) error
}

// Servers returns the servers of the load test, ours first:
//
//   - engine: hotpath's own HTTP/1.1 engine, raw (engine.Handler)
//   - hotpath/engine: hotpath's framework served by the engine (App.Serve)
//   - hotpath: hotpath's framework served by net/http
//   - gin, ServeMux: on net/http
//   - fasthttp: raw fasthttp.Server
//   - fiber: on fasthttp
//   - floor (Linux only): no HTTP server but the least one can do, to show
//     the rate the load generator allows (see floorServers)
func Servers() []Server {
	return append([]Server{
		{"engine", serveEngine},
		{"hotpath/engine", serveFrameworkOnEngine},
		{"hotpath", serveFramework},
		{"gin", serveGin},
		{"ServeMux", serveMux},
		{"fasthttp", serveFasthttp},
		{"fiber", serveFiber},
	}, floorServers...)
}

// ServerNames returns the names of Servers, in order.
func ServerNames() []string {
	var ns []string
	for _, s := range Servers() {
		ns = append(ns, s.Name)
	}
	return ns
}

func lookup(name string) (Server, bool) {
	for _, s := range Servers() {
		if s.Name == name {
			return s, true
		}
	}
	return Server{}, false
}

func serveEngine(ln net.Listener) error {
	s := &engine.Server{Handler: engine.HandlerFunc(func(w *engine.ResponseWriter, r *engine.Request) {
		switch string(r.Path()) {
		case "/":
			w.SetHeader("Content-Type", "text/plain; charset=utf-8")
			w.WriteString(Hello)
		case "/json":
			b, err := json.Marshal(&Message{Hello})
			if err != nil {
				w.WriteHeader(http.StatusInternalServerError)
				return
			}
			w.SetHeader("Content-Type", "application/json")
			w.Write(b)
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	})}
	return s.Serve(ln)
}

func serveNetHTTP(ln net.Listener, h http.Handler) error {
	s := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	return s.Serve(ln)
}

// frameworkApp is hotpath's framework App both framework rows serve.
func frameworkApp() *framework.App {
	app := framework.New()
	app.GET("/", func(c *framework.Context) error { return c.String(http.StatusOK, Hello) })
	app.GET("/json", func(c *framework.Context) error { return c.JSON(http.StatusOK, &Message{Hello}) })
	return app
}

func serveFramework(ln net.Listener) error { return serveNetHTTP(ln, frameworkApp()) }

// serveFrameworkOnEngine serves the same App with App.Serve: hotpath's
// engine, with the engine's default limits.
func serveFrameworkOnEngine(ln net.Listener) error { return frameworkApp().Serve(ln) }

func serveGin(ln net.Listener) error {
	gin.SetMode(gin.ReleaseMode)
	g := gin.New()
	g.GET("/", func(c *gin.Context) { c.String(http.StatusOK, Hello) })
	g.GET("/json", func(c *gin.Context) { c.JSON(http.StatusOK, &Message{Hello}) })
	return serveNetHTTP(ln, g)
}

func serveMux(ln net.Listener) error {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, Hello)
	})
	mux.HandleFunc("GET /json", func(w http.ResponseWriter, _ *http.Request) {
		b, err := json.Marshal(&Message{Hello})
		if err != nil {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(b)
	})
	return serveNetHTTP(ln, mux)
}

func serveFasthttp(ln net.Listener) error {
	s := &fasthttp.Server{Handler: func(ctx *fasthttp.RequestCtx) {
		switch string(ctx.Path()) {
		case "/":
			ctx.SetContentType("text/plain; charset=utf-8")
			ctx.WriteString(Hello)
		case "/json":
			b, err := json.Marshal(&Message{Hello})
			if err != nil {
				ctx.SetStatusCode(fasthttp.StatusInternalServerError)
				return
			}
			ctx.SetContentType("application/json")
			ctx.Write(b)
		default:
			ctx.SetStatusCode(fasthttp.StatusNotFound)
		}
	}}
	return s.Serve(ln)
}

func serveFiber(ln net.Listener) error {
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get("/", func(c *fiber.Ctx) error { return c.SendString(Hello) })
	app.Get("/json", func(c *fiber.Ctx) error { return c.JSON(&Message{Hello}) })
	return app.Listener(ln)
}

// ErrUnknownServer is returned for a server name not in Servers.
var ErrUnknownServer = errors.New("loadtest: unknown server")

// Serve serves the server called name on ln.
func Serve(name string, ln net.Listener) error {
	s, ok := lookup(name)
	if !ok {
		return ErrUnknownServer
	}
	return s.Serve(ln)
}
