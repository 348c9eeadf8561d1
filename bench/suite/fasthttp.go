package suite

// The fasthttp group: fiber v2, measured natively on fasthttp. Fiber is not
// an http.Handler, so it runs its own harness: the same route sets and
// handlers, app.Handler() called on one reused fasthttp.RequestCtx whose
// response is reset per request (as fasthttp's server does), GOMAXPROCS(1).
// For the *All cases the request URI is set (and so parsed by fasthttp) for
// every route; single-request cases set it once. The numbers are not
// comparable with net/http ones: fasthttp parses the request URI itself,
// and its request and response types differ from net/http's. hotpath's row (the routing harness) is printed beside fiber's
// for orientation only, with no ratio.

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

func buildFiber(routes []Route, mode handlerMode, h *hit) *fiber.App {
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	for i, rt := range routes {
		var fn fiber.Handler
		switch mode {
		case modeEmpty:
			fn = func(*fiber.Ctx) error { return nil }
		case modeWrite:
			fn = func(c *fiber.Ctx) error { _, err := c.WriteString(c.Params("name")); return err }
		case modeRecord:
			names := paramNames(rt.Path)
			// Fiber's parameter strings alias its buffers: copy them.
			fn = func(c *fiber.Ctx) error {
				record(h, i, names, func(n string) string { return strings.Clone(c.Params(n)) })
				return nil
			}
		}
		app.Add(rt.Method, rt.Path, fn)
	}
	return app
}

var (
	fiberMu    sync.Mutex
	fiberBuilt = map[string]fasthttp.RequestHandler{}
)

func (rc routingCase) fiberHandler() (fasthttp.RequestHandler, error) {
	key := fmt.Sprintf("%s|%s|%d", rc.set, rc.route, rc.mode)
	fiberMu.Lock()
	defer fiberMu.Unlock()
	if h, ok := fiberBuilt[key]; ok {
		return h, nil
	}
	rs, err := rc.routes()
	if err != nil {
		return nil, err
	}
	h := buildFiber(rs, rc.mode, nil).Handler()
	fiberBuilt[key] = h
	return h, nil
}

func (rc routingCase) fiberBench(b *testing.B) {
	h, err := rc.fiberHandler()
	if err != nil {
		b.Fatal(err)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	var ctx fasthttp.RequestCtx
	b.ReportAllocs()
	if !rc.all {
		// One request, reused: fasthttp parses its URI once, as the
		// net/http harness builds its *http.Request once.
		ctx.Request.Header.SetMethod(fasthttp.MethodGet)
		ctx.Request.SetRequestURI(rc.path)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			ctx.Response.Reset()
			h(&ctx)
		}
		return
	}
	routes := mustRoutes(b, rc.set)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, rt := range routes {
			ctx.Request.Header.SetMethod(rt.Method)
			ctx.Request.SetRequestURI(rt.Path)
			ctx.Response.Reset()
			h(&ctx)
		}
	}
}

// fiberServe serves one request on a fresh context.
func fiberServe(h fasthttp.RequestHandler, method, path string) *fasthttp.RequestCtx {
	var ctx fasthttp.RequestCtx
	ctx.Request.Header.SetMethod(method)
	ctx.Request.SetRequestURI(path)
	h(&ctx)
	return &ctx
}

// fiberGate is the routing gate for fiber.
func fiberGate() error {
	var errs []error
	for _, set := range RouteSets {
		routes, err := LoadRoutes(set)
		if err != nil {
			return err
		}
		h := &hit{params: map[string]string{}}
		fh := buildFiber(routes, modeRecord, h).Handler()
		for i, rt := range routes {
			cp, want := concretePath(rt.Path, i)
			h.reset()
			ctx := fiberServe(fh, rt.Method, cp)
			if code := ctx.Response.StatusCode(); code != 200 || h.idx != i {
				errs = append(errs, fmt.Errorf("fiber: %s: %s %s: status %d, handler %d, want %d", set, rt.Method, cp, code, h.idx, i))
				continue
			}
			for k, v := range want {
				if h.params[k] != v {
					errs = append(errs, fmt.Errorf("fiber: %s: %s %s: param %s = %q, want %q", set, rt.Method, cp, k, h.params[k], v))
				}
			}
		}
	}
	// ParamWrite, served three times on one reused context as the
	// benchmark does.
	wh := buildFiber([]Route{{"GET", paramRoute}}, modeWrite, nil).Handler()
	ctx := fiberServe(wh, "GET", paramPath)
	for i := 0; i < 3; i++ {
		if i > 0 {
			ctx.Response.Reset()
			wh(ctx)
		}
		if ctx.Response.StatusCode() != 200 || string(ctx.Response.Body()) != "gordon" {
			errs = append(errs, fmt.Errorf("fiber: ParamWrite, request %d on a reused context: status %d body %q", i+1, ctx.Response.StatusCode(), ctx.Response.Body()))
		}
	}
	return errors.Join(errs...)
}

func init() {
	SetNote("fasthttp", "fiber v2 on fasthttp, measured natively (app.Handler() on one reused fasthttp.RequestCtx, "+
		"same route sets and handlers, GOMAXPROCS(1)): NOT COMPARABLE with net/http numbers (fasthttp parses the URI itself "+
		"and uses its own request/response types). hotpath's net/http routing row is shown beside it for orientation, without a ratio.")
	RegisterGate(Gate{Group: "fasthttp", Name: "fiber answers every route of every set from its own handler", Check: fiberGate})
	rs := orderedRouters()
	if len(rs) == 0 || rs[0].name != oursRouter {
		return
	}
	for _, rc := range routingCases {
		switch rc.name {
		case "StaticAll", "GithubAll", "GPlusAll", "ParseAll", "GithubStatic", "GithubParam", "Param", "Param5", "Param20", "ParamWrite":
		default:
			continue
		}
		Register(Case{
			Group:        "fasthttp",
			Name:         rc.name,
			Ours:         Bench{rs[0].name + " (net/http)", rc.bench(rs[0])},
			Peers:        []Bench{{"fiber (fasthttp)", rc.fiberBench}},
			Incomparable: true,
			Quick:        rc.name == "GithubAll" || rc.name == "Param" || rc.name == "StaticAll",
		})
	}
}
