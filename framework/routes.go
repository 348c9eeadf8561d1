package framework

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Routes registers routes: App and Group embed it, so both have these
// methods. On a Group, paths are joined to the group's prefix and the
// group's middleware wraps the handler. The zero Routes is not usable: use
// an App's or a Group's.
type Routes struct {
	app   *App
	group *Group // nil for the App's own routes
}

// Handle registers h for method and path, wrapped in mw (inside the App's
// and the groups' middleware). It panics when the pattern is malformed or
// conflicts with a route of the same method, naming the routes; see the
// package doc for the pattern syntax.
func (r Routes) Handle(method, path string, h HandlerFunc, mw ...Middleware) {
	r.app.add(r.group, method, r.join(path), h, mw)
}

// GET registers a route for GET (HEAD requests fall back to it).
func (r Routes) GET(path string, h HandlerFunc, mw ...Middleware) {
	r.Handle(http.MethodGet, path, h, mw...)
}

// HEAD registers a route for HEAD.
func (r Routes) HEAD(path string, h HandlerFunc, mw ...Middleware) {
	r.Handle(http.MethodHead, path, h, mw...)
}

// POST registers a route for POST.
func (r Routes) POST(path string, h HandlerFunc, mw ...Middleware) {
	r.Handle(http.MethodPost, path, h, mw...)
}

// PUT registers a route for PUT.
func (r Routes) PUT(path string, h HandlerFunc, mw ...Middleware) {
	r.Handle(http.MethodPut, path, h, mw...)
}

// PATCH registers a route for PATCH.
func (r Routes) PATCH(path string, h HandlerFunc, mw ...Middleware) {
	r.Handle(http.MethodPatch, path, h, mw...)
}

// DELETE registers a route for DELETE.
func (r Routes) DELETE(path string, h HandlerFunc, mw ...Middleware) {
	r.Handle(http.MethodDelete, path, h, mw...)
}

// OPTIONS registers a route for OPTIONS, replacing the automatic answer for
// the paths it matches.
func (r Routes) OPTIONS(path string, h HandlerFunc, mw ...Middleware) {
	r.Handle(http.MethodOptions, path, h, mw...)
}

// Any registers h for path under each of the nine standard methods (GET,
// HEAD, POST, PUT, PATCH, DELETE, OPTIONS, CONNECT and TRACE), as gin's
// and echo's Any do; its OPTIONS route replaces the automatic answer. It
// panics, as Handle does, if any of them conflicts with a route.
func (r Routes) Any(path string, h HandlerFunc, mw ...Middleware) {
	for _, m := range stdMethods {
		r.Handle(m, path, h, mw...)
	}
}

// Group returns a group of routes under r's prefix joined with prefix, with
// middleware mw running inside r's.
func (r Routes) Group(prefix string, mw ...Middleware) *Group {
	g := &Group{parent: r.group, prefix: r.join(prefix), mw: slices.Clone(mw)}
	g.Routes = Routes{app: r.app, group: g}
	return g
}

// join returns path under r's prefix. Prefix and path are joined with one
// slash between them, as gin joins them: "/api/" + "/x" and "/api" + "x"
// are "/api/x"; an empty path is the prefix itself, and a final slash of
// the path is kept.
func (r Routes) join(path string) string {
	if r.group == nil {
		return path
	}
	return joinPath(r.group.prefix, path)
}

func joinPath(prefix, path string) string {
	switch {
	case prefix == "":
		return path
	case path == "":
		return prefix
	}
	return strings.TrimSuffix(prefix, "/") + "/" + strings.TrimPrefix(path, "/")
}

// Group registers routes under a path prefix with shared middleware. Its
// methods behave as the App's of the same name. Make one with App.Group or
// Group.Group.
type Group struct {
	Routes
	parent  *Group
	prefix  string // the whole prefix, the parents' included
	mw      []Middleware
	nroutes int // guarded by app.mu
}

// Use adds middleware to routes registered on the group after it; it panics
// when the group already has routes.
func (g *Group) Use(mw ...Middleware) {
	g.app.mu.Lock()
	defer g.app.mu.Unlock()
	if g.nroutes > 0 {
		panic("framework: Group.Use after routes were registered on the group; they would not run this middleware: call Use first")
	}
	g.mw = append(slices.Clip(g.mw), mw...)
}

// add registers one route; g is nil for routes on the App itself.
func (a *App) add(g *Group, method, pattern string, h HandlerFunc, mw []Middleware) {
	if h == nil {
		panic(fmt.Sprintf("framework: nil handler for %s %s", method, pattern))
	}
	if !validHeaderName(method) { // a method is a token, like a field name
		panic(fmt.Sprintf("framework: bad method %q for route %s", method, pattern))
	}
	parts, names := parsePattern(method, pattern)
	rt := &route{method: method, pattern: pattern, names: names}

	a.mu.Lock()
	defer a.mu.Unlock()
	t := *a.state.Load()
	mi := t.slot(method)
	if mi < 0 {
		if t.nmethods == maxMethods {
			panic(fmt.Sprintf("framework: too many methods: %s %s would be the %dth", method, pattern, maxMethods+1))
		}
		mi = t.nmethods
		t.names[mi] = method
		t.nmethods++
	}
	var groups []*Group
	for p := g; p != nil; p = p.parent {
		groups = append(groups, p)
	}
	chain := [][]Middleware{a.mw}
	for i := len(groups) - 1; i >= 0; i-- {
		chain = append(chain, groups[i].mw)
	}
	rt.h = compose(h, append(chain, mw)...)

	m := &t.methods[mi]
	if len(names) == 0 {
		if old := m.static.get(pattern); old != nil {
			conflict(old, rt)
		}
		m.static = m.static.with(rt)
	} else {
		m.tree = insert(m.tree, rt, parts)
		t.maxParams = max(t.maxParams, len(names))
	}
	t.used |= 1 << mi
	a.nroutes++
	for _, p := range groups {
		p.nroutes++
	}
	a.publish(&t)
}
