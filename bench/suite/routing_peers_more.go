package suite

// Denco (the go-openapi copy) and httptreemux v5 in the routing suite,
// each registered the way its documentation shows.

import (
	"net/http"

	"github.com/dimfeld/httptreemux/v5"
	"github.com/go-openapi/runtime/middleware/denco"
)

var (
	_ = registerRouter(routerImpl{"denco", buildDenco})
	_ = registerRouter(routerImpl{"httptreemux", buildHTTPTreeMux})
)

// buildDenco builds Denco's mux from one handler per route, as its
// README and the public suite do: records per method, then Build.
func buildDenco(routes []Route, mode handlerMode, h *hit) http.Handler {
	mux := denco.NewMux()
	handlers := make([]denco.Handler, 0, len(routes))
	for i, rt := range routes {
		var fn denco.HandlerFunc
		switch mode {
		case modeEmpty:
			fn = func(http.ResponseWriter, *http.Request, denco.Params) {}
		case modeWrite:
			fn = func(w http.ResponseWriter, _ *http.Request, ps denco.Params) { writeName(w, ps.Get("name")) }
		case modeRecord:
			names := paramNames(rt.Path)
			fn = func(_ http.ResponseWriter, _ *http.Request, ps denco.Params) { record(h, i, names, ps.Get) }
		}
		handlers = append(handlers, mux.Handler(rt.Method, rt.Path, fn))
	}
	hh, err := mux.Build(handlers)
	if err != nil {
		panic(err)
	}
	return hh
}

func buildHTTPTreeMux(routes []Route, mode handlerMode, h *hit) http.Handler {
	r := httptreemux.New()
	for i, rt := range routes {
		var fn httptreemux.HandlerFunc
		switch mode {
		case modeEmpty:
			fn = func(http.ResponseWriter, *http.Request, map[string]string) {}
		case modeWrite:
			fn = func(w http.ResponseWriter, _ *http.Request, ps map[string]string) { writeName(w, ps["name"]) }
		case modeRecord:
			names := paramNames(rt.Path)
			fn = func(_ http.ResponseWriter, _ *http.Request, ps map[string]string) {
				record(h, i, names, func(n string) string { return ps[n] })
			}
		}
		r.Handle(rt.Method, rt.Path, fn)
	}
	return r
}
