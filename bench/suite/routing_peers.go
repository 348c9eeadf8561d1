package suite

// The peers of the routing suite, each registered the way its documentation
// shows, with the handlers the public suite gives it.

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/julienschmidt/httprouter"
	"github.com/labstack/echo/v4"
	"github.com/uptrace/bunrouter"
)

var (
	_ = registerRouter(routerImpl{"gin", buildGin})
	_ = registerRouter(routerImpl{"httprouter", buildHTTPRouter})
	_ = registerRouter(routerImpl{"echo", buildEcho})
	_ = registerRouter(routerImpl{"chi", buildChi})
	_ = registerRouter(routerImpl{"bunrouter", buildBunrouter})
	_ = registerRouter(routerImpl{"ServeMux", buildServeMux})
)

// record stores route i's parameters, read through get, into h.
func record(h *hit, i int, names []string, get func(string) string) {
	h.idx = i
	for _, n := range names {
		h.params[n] = get(n)
	}
}

// newGin returns gin in release mode, without its logger or recovery
// middleware (gin.New, not gin.Default).
func newGin() *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	return gin.New()
}

func buildGin(routes []Route, mode handlerMode, h *hit) http.Handler {
	e := newGin()
	for i, rt := range routes {
		var fn gin.HandlerFunc
		switch mode {
		case modeEmpty:
			fn = func(*gin.Context) {}
		case modeWrite:
			fn = func(c *gin.Context) { writeName(c.Writer, c.Params.ByName("name")) }
		case modeRecord:
			names := paramNames(rt.Path)
			fn = func(c *gin.Context) { record(h, i, names, c.Params.ByName) }
		}
		e.Handle(rt.Method, rt.Path, fn)
	}
	return e
}

func buildHTTPRouter(routes []Route, mode handlerMode, h *hit) http.Handler {
	r := httprouter.New()
	for i, rt := range routes {
		var fn httprouter.Handle
		switch mode {
		case modeEmpty:
			fn = func(http.ResponseWriter, *http.Request, httprouter.Params) {}
		case modeWrite:
			fn = func(w http.ResponseWriter, _ *http.Request, ps httprouter.Params) { writeName(w, ps.ByName("name")) }
		case modeRecord:
			names := paramNames(rt.Path)
			fn = func(_ http.ResponseWriter, _ *http.Request, ps httprouter.Params) { record(h, i, names, ps.ByName) }
		}
		r.Handle(rt.Method, rt.Path, fn)
	}
	return r
}

func buildEcho(routes []Route, mode handlerMode, h *hit) http.Handler {
	e := echo.New()
	for i, rt := range routes {
		var fn echo.HandlerFunc
		switch mode {
		case modeEmpty:
			fn = func(echo.Context) error { return nil }
		case modeWrite:
			fn = func(c echo.Context) error { writeName(c.Response(), c.Param("name")); return nil }
		case modeRecord:
			names := paramNames(rt.Path)
			fn = func(c echo.Context) error { record(h, i, names, c.Param); return nil }
		}
		e.Add(rt.Method, rt.Path, fn)
	}
	return e
}

func buildChi(routes []Route, mode handlerMode, h *hit) http.Handler {
	r := chi.NewRouter()
	for i, rt := range routes {
		var fn http.HandlerFunc
		switch mode {
		case modeEmpty:
			fn = func(http.ResponseWriter, *http.Request) {}
		case modeWrite:
			fn = func(w http.ResponseWriter, r *http.Request) { writeName(w, chi.URLParam(r, "name")) }
		case modeRecord:
			names := paramNames(rt.Path)
			fn = func(_ http.ResponseWriter, r *http.Request) {
				record(h, i, names, func(n string) string { return chi.URLParam(r, n) })
			}
		}
		r.MethodFunc(rt.Method, bracePath(rt.Path), fn)
	}
	return r
}

func buildBunrouter(routes []Route, mode handlerMode, h *hit) http.Handler {
	r := bunrouter.New()
	for i, rt := range routes {
		var fn bunrouter.HandlerFunc
		switch mode {
		case modeEmpty:
			fn = func(http.ResponseWriter, bunrouter.Request) error { return nil }
		case modeWrite:
			fn = func(w http.ResponseWriter, req bunrouter.Request) error { writeName(w, req.Param("name")); return nil }
		case modeRecord:
			names := paramNames(rt.Path)
			fn = func(_ http.ResponseWriter, req bunrouter.Request) error { record(h, i, names, req.Param); return nil }
		}
		r.Handle(rt.Method, rt.Path, fn)
	}
	return r
}

// servemuxPattern is a route as a Go 1.22 ServeMux pattern: the method,
// "{name}" wildcards, and "{$}" so that a path ending in "/" matches only
// itself rather than the whole subtree.
func servemuxPattern(rt Route) string {
	p := bracePath(rt.Path)
	if len(p) > 0 && p[len(p)-1] == '/' {
		p += "{$}"
	}
	return rt.Method + " " + p
}

func buildServeMux(routes []Route, mode handlerMode, h *hit) http.Handler {
	mux := http.NewServeMux()
	for i, rt := range routes {
		var fn http.HandlerFunc
		switch mode {
		case modeEmpty:
			fn = func(http.ResponseWriter, *http.Request) {}
		case modeWrite:
			fn = func(w http.ResponseWriter, r *http.Request) { writeName(w, r.PathValue("name")) }
		case modeRecord:
			names := paramNames(rt.Path)
			fn = func(_ http.ResponseWriter, r *http.Request) { record(h, i, names, r.PathValue) }
		}
		mux.HandleFunc(servemuxPattern(rt), fn)
	}
	return mux
}
