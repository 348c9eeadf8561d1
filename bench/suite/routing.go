package suite

// The routing group: the standard routing suite, run the way the public
// go-http-routing-benchmark runs it:
//
//   - the four API route sets the repository carries in internal/routesets
//     (static, github, gplus, parse), one "METHOD PATH" per line;
//   - one *http.Request, reused for every request of a run;
//   - a mock ResponseWriter whose Header() returns a new http.Header on
//     every call (routers that touch headers pay for it, as in that suite);
//   - for the *All cases, the route pattern itself is the request path;
//   - GOMAXPROCS(1) while a routing case runs;
//   - an empty handler per route, except ParamWrite, whose handler writes
//     the "name" parameter to the response.
//
// Before any timing, the gate (routingGate, also TestRoutingGate) checks
// that every router answers every route of every set with status 200 from
// the handler registered for that route, with the right parameter values.

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/hotpath-go/hotpath/internal/routesets"
)

// Route is one line of a route set.
type Route struct {
	Method string
	Path   string // httprouter syntax: ":name" is a one-segment parameter
}

var (
	routesMu  sync.Mutex
	routesDir string
	routeSets = map[string][]Route{}
)

// RouteSets are the names of the standard route sets, in report order.
var RouteSets = routesets.Names

// SetRoutesDir makes LoadRoutes read the route sets from dir (a directory
// holding static.txt, github.txt, gplus.txt and parse.txt) instead of the
// copies embedded from internal/routesets. "" restores the embedded ones.
func SetRoutesDir(dir string) {
	routesMu.Lock()
	defer routesMu.Unlock()
	routesDir = dir
	clear(routeSets)
}

// RoutesSource says where LoadRoutes reads the route sets: the directory
// set by SetRoutesDir, else $HOTPATH_ROUTES, else "" for the copies the
// repository carries (internal/routesets, embedded in every binary).
func RoutesSource() string {
	routesMu.Lock()
	defer routesMu.Unlock()
	return routesSourceLocked()
}

func routesSourceLocked() string {
	if routesDir != "" {
		return routesDir
	}
	return os.Getenv("HOTPATH_ROUTES")
}

// LoadRoutes returns the named route set ("static", "github", "gplus" or
// "parse"). The slice is shared: do not modify it.
func LoadRoutes(set string) ([]Route, error) {
	routesMu.Lock()
	defer routesMu.Unlock()
	if rs, ok := routeSets[set]; ok {
		return rs, nil
	}
	var lines []routesets.Route
	var err error
	if dir := routesSourceLocked(); dir != "" {
		lines, err = routesets.LoadDir(dir, set)
	} else {
		lines, err = routesets.Load(set)
	}
	if err != nil {
		return nil, err
	}
	rs := make([]Route, len(lines))
	for i, l := range lines {
		rs[i] = Route(l)
	}
	routeSets[set] = rs
	return rs, nil
}

// mustRoutes is LoadRoutes for benchmark bodies.
func mustRoutes(b *testing.B, set string) []Route {
	rs, err := LoadRoutes(set)
	if err != nil {
		b.Fatal(err)
	}
	return rs
}

// paramNames lists the ":name" parameters of a path, in order.
func paramNames(path string) []string {
	var names []string
	for seg := range strings.SplitSeq(path, "/") {
		if strings.HasPrefix(seg, ":") {
			names = append(names, seg[1:])
		}
	}
	return names
}

// bracePath rewrites ":name" segments as "{name}" (chi, ServeMux).
func bracePath(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, ":") {
			segs[i] = "{" + s[1:] + "}"
		}
	}
	return strings.Join(segs, "/")
}

// handlerMode says what each route's handler does.
type handlerMode int

const (
	modeEmpty  handlerMode = iota // nothing: the suite's routing handler
	modeWrite                     // writes the "name" parameter (ParamWrite)
	modeRecord                    // records its route index and parameters (the gate)
)

// hit is what a modeRecord handler writes: which route answered, and the
// parameter values the router gave it.
type hit struct {
	idx    int
	params map[string]string
}

func (h *hit) reset() {
	h.idx = -1
	clear(h.params)
}

// routerImpl is one router under test. build registers routes (in order)
// with handlers of the given mode; for modeRecord, route i's handler sets
// h.idx = i and fills h.params from the router's parameter accessor.
type routerImpl struct {
	name  string
	build func(routes []Route, mode handlerMode, h *hit) http.Handler
}

// routers are the routers of the routing suite. Each adapter file adds
// itself with a package-level `var _ = registerRouter(...)`, so that the
// list is complete before any init function runs; orderedRouters puts ours
// first and the peers in peerOrder.
var routers []routerImpl

func registerRouter(r routerImpl) bool {
	routers = append(routers, r)
	return true
}

// oursRouter is the name of the router the goals are about.
const oursRouter = "hotpath"

// peerOrder is the order peers are reported in; the first is the goal's.
var peerOrder = []string{"gin", "httprouter", "echo", "chi", "bunrouter", "ServeMux", "denco", "httptreemux"}

func orderedRouters() []routerImpl {
	var out []routerImpl
	for _, n := range append([]string{oursRouter}, peerOrder...) {
		for _, r := range routers {
			if r.name == n {
				out = append(out, r)
			}
		}
	}
	return out
}

// mockWriter is the suite's ResponseWriter: it discards the body, and its
// Header returns a new map on every call, as the public suite's does.
type mockWriter struct{}

func (mockWriter) Header() http.Header               { return http.Header{} }
func (mockWriter) Write(p []byte) (int, error)       { return len(p), nil }
func (mockWriter) WriteString(s string) (int, error) { return len(s), nil }
func (mockWriter) WriteHeader(int)                   {}

// recWriter records the status and body for the gate.
type recWriter struct {
	h      http.Header
	status int
	body   strings.Builder
}

func newRecWriter() *recWriter { return &recWriter{h: http.Header{}} }

func (w *recWriter) Header() http.Header { return w.h }
func (w *recWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.body.Write(p)
}
func (w *recWriter) WriteString(s string) (int, error) { return w.Write([]byte(s)) }
func (w *recWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}

// code is the status a client would see: 200 when the handler wrote nothing.
func (w *recWriter) code() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}

// The single-route setups of the suite.
const (
	paramRoute   = "/user/:name"
	paramPath    = "/user/gordon"
	param5Route  = "/:a/:b/:c/:d/:e"
	param5Path   = "/test/test/test/test/test"
	param20Route = "/:a/:b/:c/:d/:e/:f/:g/:h/:i/:j/:k/:l/:m/:n/:o/:p/:q/:r/:s/:t"
	param20Path  = "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t"
)

// routingCase is one row: a router setup (a route set or one route) and
// either all its routes (the *All cases) or one request.
type routingCase struct {
	name  string
	set   string // route set name, or "" for a single route
	route string // the single GET route when set == ""
	all   bool   // request every route of the set, pattern as path
	path  string // the single request's path (GET) when !all
	mode  handlerMode
	goal  float64
	quick bool
}

var routingCases = []routingCase{
	{name: "StaticAll", set: "static", all: true, goal: 0.4, quick: true},
	{name: "GithubAll", set: "github", all: true, goal: 0.6, quick: true},
	{name: "GPlusAll", set: "gplus", all: true, goal: 0.6, quick: true},
	{name: "ParseAll", set: "parse", all: true, goal: 0.6, quick: true},
	{name: "GithubStatic", set: "github", path: "/user/repos", goal: 0.6, quick: true},
	{name: "GithubParam", set: "github", path: "/repos/julienschmidt/httprouter/stargazers", goal: 0.6, quick: true},
	{name: "GPlusStatic", set: "gplus", path: "/people"},
	{name: "GPlusParam", set: "gplus", path: "/people/118051310819094153327"},
	{name: "GPlus2Params", set: "gplus", path: "/people/118051310819094153327/activities/123456789"},
	{name: "ParseStatic", set: "parse", path: "/1/users"},
	{name: "ParseParam", set: "parse", path: "/1/classes/go"},
	{name: "Parse2Params", set: "parse", path: "/1/classes/go/123456789"},
	{name: "Param", route: paramRoute, path: paramPath, goal: 0.5, quick: true},
	{name: "Param5", route: param5Route, path: param5Path, goal: 0.5, quick: true},
	{name: "Param20", route: param20Route, path: param20Path, goal: 0.5, quick: true},
	{name: "ParamWrite", route: paramRoute, path: paramPath, mode: modeWrite, goal: 0.5, quick: true},
}

// built caches routers by (router, setup, mode) so that the repeated calls
// testing.Benchmark makes do not rebuild them.
var (
	builtMu sync.Mutex
	built   = map[string]http.Handler{}
)

func (rc routingCase) routes() ([]Route, error) {
	if rc.set == "" {
		return []Route{{http.MethodGet, rc.route}}, nil
	}
	return LoadRoutes(rc.set)
}

func (rc routingCase) handler(r routerImpl) (http.Handler, error) {
	key := fmt.Sprintf("%s|%s|%s|%d", r.name, rc.set, rc.route, rc.mode)
	builtMu.Lock()
	defer builtMu.Unlock()
	if h, ok := built[key]; ok {
		return h, nil
	}
	rs, err := rc.routes()
	if err != nil {
		return nil, err
	}
	h := r.build(rs, rc.mode, nil)
	built[key] = h
	return h, nil
}

// bench returns the benchmark body of one router for this case.
func (rc routingCase) bench(r routerImpl) func(b *testing.B) {
	return func(b *testing.B) {
		h, err := rc.handler(r)
		if err != nil {
			b.Fatal(err)
		}
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
		if rc.all {
			benchAllRoutes(b, h, mustRoutes(b, rc.set))
		} else {
			benchOneRequest(b, h, rc.path)
		}
	}
}

// benchAllRoutes serves every route of a set once per iteration, with the
// pattern itself as the path, on one reused request.
func benchAllRoutes(b *testing.B, h http.Handler, routes []Route) {
	var w mockWriter
	r, err := http.NewRequest(http.MethodGet, "/", nil)
	if err != nil {
		b.Fatal(err)
	}
	u := r.URL
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, rt := range routes {
			r.Method = rt.Method
			r.RequestURI = rt.Path
			u.Path = rt.Path
			u.RawQuery = ""
			h.ServeHTTP(w, r)
		}
	}
}

// benchOneRequest serves one GET request per iteration.
func benchOneRequest(b *testing.B, h http.Handler, path string) {
	var w mockWriter
	r, err := http.NewRequest(http.MethodGet, path, nil)
	if err != nil {
		b.Fatal(err)
	}
	r.RequestURI = r.URL.RequestURI()
	u := r.URL
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u.RawQuery = ""
		h.ServeHTTP(w, r)
	}
}

func init() {
	SetNote("routing", "The standard routing suite (public go-http-routing-benchmark harness): one reused request, "+
		"a mock ResponseWriter whose Header() returns a new map per call, the pattern as path for *All, "+
		"GOMAXPROCS(1), empty handlers (ParamWrite writes the name parameter). ns/op of *All is for the whole set.")
	RegisterGate(Gate{Group: "routing", Name: "every route of every set answers 200 from its own handler, with its parameters", Check: routingGate})
	rs := orderedRouters()
	if len(rs) == 0 || rs[0].name != oursRouter {
		// Ours did not build into this binary: no routing rows, the gate
		// still checks the peers.
		return
	}
	for _, rc := range routingCases {
		c := Case{
			Group:      "routing",
			Name:       rc.name,
			Ours:       Bench{rs[0].name, rc.bench(rs[0])},
			Goal:       rc.goal,
			ZeroAllocs: rc.goal > 0,
			Quick:      rc.quick,
		}
		for _, p := range rs[1:] {
			c.Peers = append(c.Peers, Bench{p.name, rc.bench(p)})
		}
		Register(c)
	}
}

// concretePath replaces each ":name" segment by a value derived from the
// name and the route index, so parameter values are checked against
// something other than the pattern.
func concretePath(path string, idx int) (string, map[string]string) {
	segs := strings.Split(path, "/")
	want := map[string]string{}
	for i, s := range segs {
		if strings.HasPrefix(s, ":") {
			v := fmt.Sprintf("v%d-%s", idx, s[1:])
			segs[i] = v
			want[s[1:]] = v
		}
	}
	return strings.Join(segs, "/"), want
}

// serveOnce serves one request and returns the writer.
func serveOnce(h http.Handler, method, path string) (*recWriter, error) {
	r, err := http.NewRequest(method, path, nil)
	if err != nil {
		return nil, err
	}
	r.RequestURI = path
	w := newRecWriter()
	h.ServeHTTP(w, r)
	return w, nil
}

// routingGate checks every router against every route set and the
// single-route setups. It returns all failures joined, or nil.
func routingGate() error {
	var errs []error
	add := func(err error) {
		if len(errs) < 40 {
			errs = append(errs, err)
		}
	}
	rs := orderedRouters()
	if len(rs) == 0 {
		return errors.New("no routers registered")
	}
	for _, r := range rs {
		for _, set := range RouteSets {
			routes, err := LoadRoutes(set)
			if err != nil {
				return err
			}
			if err := gateSet(r, set, routes, add); err != nil {
				add(err)
			}
		}
		for _, one := range []struct{ route, path string }{
			{paramRoute, paramPath}, {param5Route, param5Path}, {param20Route, param20Path},
		} {
			if err := gateSet(r, "single", []Route{{http.MethodGet, one.route}}, add); err != nil {
				add(err)
			}
			// One request served three times, as the benchmark reuses it.
			h := &hit{params: map[string]string{}}
			hh := r.build([]Route{{http.MethodGet, one.route}}, modeRecord, h)
			req, err := http.NewRequest(http.MethodGet, one.path, nil)
			if err != nil {
				return err
			}
			req.RequestURI = one.path
			for k := 1; k <= 3; k++ {
				h.reset()
				w := newRecWriter()
				hh.ServeHTTP(w, req)
				if w.code() != 200 || h.idx != 0 {
					add(fmt.Errorf("%s: GET %s on %s, request %d on one *http.Request: status %d, handler %d", r.name, one.path, one.route, k, w.code(), h.idx))
					break
				}
				vals := strings.Split(one.path, "/")
				for j, seg := range strings.Split(one.route, "/") {
					if n, ok := strings.CutPrefix(seg, ":"); ok && h.params[n] != vals[j] {
						add(fmt.Errorf("%s: GET %s on %s: param %s = %q, want %q", r.name, one.path, one.route, n, h.params[n], vals[j]))
					}
				}
			}
		}
		// ParamWrite: the handler writes the parameter.
		hw := r.build([]Route{{http.MethodGet, paramRoute}}, modeWrite, nil)
		w, err := serveOnce(hw, http.MethodGet, paramPath)
		if err != nil {
			return err
		}
		if w.code() != 200 || w.body.String() != "gordon" {
			add(fmt.Errorf("%s: ParamWrite: status %d body %q, want 200 \"gordon\"", r.name, w.code(), w.body.String()))
		}
		// A path no route matches is not answered 200 by a handler.
		hm := &hit{params: map[string]string{}}
		hr := r.build([]Route{{http.MethodGet, paramRoute}}, modeRecord, hm)
		hm.reset()
		w, err = serveOnce(hr, http.MethodGet, "/nope/x/y")
		if err != nil {
			return err
		}
		if hm.idx != -1 || w.code() == 200 {
			add(fmt.Errorf("%s: GET /nope/x/y on %s: status %d, handler %d, want no handler and not 200", r.name, paramRoute, w.code(), hm.idx))
		}
	}
	return errors.Join(errs...)
}

// gateSet checks one router on one route set: each route, requested with its
// pattern as the path and with concrete values, is answered 200 by its own
// handler with the right parameters.
func gateSet(r routerImpl, set string, routes []Route, add func(error)) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: %s: panic: %v", r.name, set, p)
		}
	}()
	h := &hit{params: map[string]string{}}
	hh := r.build(routes, modeRecord, h)
	for i, rt := range routes {
		pat := map[string]string{}
		for _, n := range paramNames(rt.Path) {
			pat[n] = ":" + n
		}
		cp, want := concretePath(rt.Path, i)
		for _, req := range []struct {
			path string
			want map[string]string
		}{{rt.Path, pat}, {cp, want}} {
			h.reset()
			w, err := serveOnce(hh, rt.Method, req.path)
			if err != nil {
				return err
			}
			if w.code() != http.StatusOK || h.idx != i {
				got := "no handler"
				if h.idx >= 0 {
					got = "the handler of " + routes[h.idx].Method + " " + routes[h.idx].Path
				}
				add(fmt.Errorf("%s: %s: %s %s (route %s): status %d from %s", r.name, set, rt.Method, req.path, rt.Path, w.code(), got))
				continue
			}
			if len(h.params) != len(req.want) {
				add(fmt.Errorf("%s: %s: %s %s: params %v, want %v", r.name, set, rt.Method, req.path, h.params, req.want))
				continue
			}
			for k, v := range req.want {
				if h.params[k] != v {
					add(fmt.Errorf("%s: %s: %s %s: param %s = %q, want %q", r.name, set, rt.Method, req.path, k, h.params[k], v))
				}
			}
		}
	}
	return nil
}

// writeName is the ParamWrite body shared by the net/http-style adapters.
func writeName(w http.ResponseWriter, name string) { io.WriteString(w, name) }
