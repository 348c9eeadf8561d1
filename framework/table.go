package framework

import (
	"net/http"
	"slices"
	"strings"
)

// The routing state requests read is one value, the table: published whole
// with one atomic store, replaced on every change, never modified once
// published. Each method has its routes in it twice over: the routes
// without wildcards in a staticTable (one probe, see below), the routes with
// wildcards in a radix tree (tree.go). A request that loaded a table sees
// every route of it and no other: there is no second source of truth.

// Method slots. The nine standard methods have fixed slots; other method
// tokens get the remaining slots in the order they are first registered.
const (
	mGET = iota
	mHEAD
	mPOST
	mPUT
	mPATCH
	mDELETE
	mOPTIONS
	mCONNECT
	mTRACE
	numStdMethods

	// maxMethods bounds the distinct methods one App can route.
	maxMethods = 16
)

var stdMethods = [numStdMethods]string{
	http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
	http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace,
}

// methodIndex returns the slot of a standard method, or -1.
func methodIndex(m string) int {
	if m == http.MethodGet { // most requests: one length and one 3-byte compare
		return mGET
	}
	switch m {
	case http.MethodGet:
		return mGET
	case http.MethodPost:
		return mPOST
	case http.MethodHead:
		return mHEAD
	case http.MethodPut:
		return mPUT
	case http.MethodPatch:
		return mPATCH
	case http.MethodDelete:
		return mDELETE
	case http.MethodOptions:
		return mOPTIONS
	case http.MethodConnect:
		return mCONNECT
	case http.MethodTrace:
		return mTRACE
	}
	return -1
}

// route is one registered route.
type route struct {
	method  string
	pattern string
	h       HandlerFunc // the handler wrapped in its middleware
	names   []string    // wildcard names, in order; values are Context.params[i]
}

// methodRoutes are the routes of one method.
type methodRoutes struct {
	static staticTable // routes without wildcards, by path
	tree   *node       // routes with wildcards; nil when there are none
}

// table is the routing state and the App's settings, as requests read them.
type table struct {
	methods   [maxMethods]methodRoutes
	names     [maxMethods]string // method of each used slot, "" when unused
	nmethods  int                // slots with a name
	maxParams int                // the most wildcards of any route
	used      uint16             // slots with at least one route

	fallback  HandlerFunc // the App's middleware around serveFallback
	notFound  HandlerFunc
	notAllow  HandlerFunc
	onError   func(c *Context, err error)
	bodyLimit int64
	json      JSONCodec // nil: encoding/json through the Context's own encoder
	cleanPath bool
}

// slot returns the slot of method, or -1 when no route uses it.
func (t *table) slot(method string) int {
	if i := methodIndex(method); i >= 0 {
		return i
	}
	return t.otherSlot(method)
}

// otherSlot is the slot of a method that is not one of the nine standard
// ones, or -1.
//
//go:noinline
func (t *table) otherSlot(method string) int {
	for i := numStdMethods; i < t.nmethods; i++ {
		if t.names[i] == method {
			return i
		}
	}
	return -1
}

// find returns the route of method slot mi matching path, or nil. ps must
// have room for t.maxParams values; it is written even on a miss.
func (t *table) find(mi int, path string, ps []paramSpan) *route {
	if uint(mi) >= maxMethods {
		return nil
	}
	m := &t.methods[mi]
	if rt := m.static.get(path); rt != nil {
		return rt
	}
	if m.tree != nil && len(path) > 0 && path[0] == '/' {
		return m.tree.lookup(path[1:], ps, 0)
	}
	return nil
}

// allow returns the sorted Allow header value for path ("" when no route of
// any method matches it). "OPTIONS *" gets every method the App routes.
func (t *table) allow(path string, ps []paramSpan, self int) string {
	var ms []string
	for mi := 0; mi < t.nmethods; mi++ {
		if t.used&(1<<mi) == 0 || mi == self {
			continue
		}
		if path == "*" || t.find(mi, path, ps) != nil {
			ms = append(ms, t.names[mi])
			if mi == mGET {
				ms = append(ms, http.MethodHead)
			}
		}
	}
	if len(ms) == 0 {
		return ""
	}
	ms = append(ms, http.MethodOptions)
	slices.Sort(ms)
	return strings.Join(slices.Compact(ms), ", ")
}
