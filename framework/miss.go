package framework

import (
	"net/http"
	"net/url"
	"path"
	"strings"
)

// What the App answers itself when no route handles a request, in
// contextExtra.answer; serveFallback writes it.
type answerKind uint8

const (
	answerNotFound answerKind = iota
	answerNotAllowed
	answerOptions
	answerRedirect
)

// appAnswer is the App's own answer to a request: its kind and the value of
// its Allow header (not allowed, OPTIONS) or Location header (redirect).
type appAnswer struct {
	kind   answerKind
	header string
}

// miss answers a request no route of its method matched on the fast path:
// a clean-path redirect, a route for the empty path or a HEAD request
// answered by a GET route, a trailing-slash redirect, an automatic OPTIONS
// answer, a 405 or a 404. It takes the method's slot and the path from c
// again, so that ServeHTTP keeps neither live past its lookup (which
// would cost their reloads on every routed request).
func (c *Context) miss(t *table) {
	var method string
	if c.r != nil {
		method = c.r.Method
	} else {
		method = c.er.MethodString()
	}
	mi := methodIndex(method)
	if mi < 0 {
		mi = t.otherSlot(method)
	}
	c.app.missSlot(c, t, mi, c.path)
}

// missSlot is miss for method slot mi and path p.
func (a *App) missSlot(c *Context, t *table, mi int, p string) {
	c.route = nil
	if len(c.params) < t.maxParams {
		c.growParams(t.maxParams)
	}
	ps := c.params
	if p == "" {
		p = "/" // RFC 9110: an empty path is "/" (absolute-form targets)
	}
	matches := func(mi int, p string) bool {
		if t.find(mi, p, ps) != nil {
			return true
		}
		return mi == mHEAD && t.find(mGET, p, ps) != nil
	}
	if t.cleanPath && p[0] == '/' {
		// An unclean path is redirected to its cleaned form, or in one
		// step to that form's other slash form, when a route takes it:
		// never a redirect to a 404. Else it gets the answer for its
		// cleaned form, and no route runs on it.
		if clean := cleanPath(p); clean != p {
			target := clean
			if !matches(mi, clean) {
				target = otherSlashForm(clean)
			}
			if target != "" && matches(mi, target) {
				c.extras().answer = appAnswer{answerRedirect, location(escapePath(target), c.rawQuery())}
			} else {
				c.extras().answer = t.noRoute(c, mi, clean, ps, false)
			}
			a.answer(c, t)
			return
		}
	}
	if rt := t.find(mi, p, ps); rt != nil {
		c.run(t, rt) // the empty path as "/", or a path cleaning let through
		return
	}
	if mi == mHEAD {
		if rt := t.find(mGET, p, ps); rt != nil {
			c.rw.noBody = true
			c.run(t, rt)
			return
		}
	}
	c.extras().answer = t.noRoute(c, mi, p, ps, true)
	a.answer(c, t)
}

// noRoute returns the App's answer to a request for p that no route of its
// method takes: a trailing-slash redirect (when redirect allows it), an
// automatic OPTIONS answer, a 405 or a 404.
func (t *table) noRoute(c *Context, mi int, p string, ps []paramSpan, redirect bool) appAnswer {
	matches := func(mi int, p string) bool {
		if t.find(mi, p, ps) != nil {
			return true
		}
		return mi == mHEAD && t.find(mGET, p, ps) != nil
	}
	if alt := otherSlashForm(p); redirect && alt != "" && !strings.HasPrefix(alt, "//") && matches(mi, alt) {
		return appAnswer{answerRedirect, slashRedirect(c.requestURL(), p, alt)}
	}
	if p == "*" && mi != mOPTIONS {
		return appAnswer{kind: answerNotFound} // "*" is only meaningful as the target of OPTIONS
	}
	if allow := t.allow(p, ps, mi); allow != "" {
		if mi == mOPTIONS {
			return appAnswer{answerOptions, allow}
		}
		return appAnswer{answerNotAllowed, allow}
	}
	return appAnswer{kind: answerNotFound}
}

// answer runs the App's own answer in c.answer through the App's
// middleware.
func (a *App) answer(c *Context, t *table) {
	c.route = nil
	if err := t.fallback(c); err != nil {
		c.fail(t, err)
	}
}

// otherSlashForm returns p with its trailing slash added or removed, or ""
// when there is no other form.
func otherSlashForm(p string) string {
	switch {
	case p == "" || p == "/" || p[0] != '/':
		return ""
	case p[len(p)-1] == '/':
		return p[:len(p)-1]
	}
	return p + "/"
}

// slashRedirect returns the Location of a trailing-slash redirect from the
// request's path p (decoded, as routed) to alt. It keeps the request's own
// escaping where that is a valid encoding of p (so "/a%2Fb/" goes to
// "/a%2Fb"), taking the slash off or putting it on the escaped form; the
// result must decode to alt, else alt is escaped anew. Either way location
// makes it safe.
func slashRedirect(u *url.URL, p, alt string) string {
	target := ""
	if u.Path == p {
		e := u.EscapedPath() // RawPath when it is a valid encoding of Path
		switch {
		case len(alt) > len(p):
			target = e + "/"
		case strings.HasSuffix(e, "/"):
			target = e[:len(e)-1]
		case len(e) >= 3 && strings.EqualFold(e[len(e)-3:], "%2F"):
			target = e[:len(e)-3] // the slash came escaped: it goes, escape and all
		}
		if d, err := url.PathUnescape(target); err != nil || d != alt {
			target = ""
		}
	}
	if target == "" {
		target = escapePath(alt)
	}
	return location(target, u.RawQuery)
}

// location returns a Location header value for a redirect within this site
// to target (a path, escaped or not) with the raw query q. Whatever the
// request held, the result is a path-absolute reference: it begins with one
// '/', never "//" or "/\" (which browsers read as another host), and holds
// only visible ASCII other than '\', so no control byte, space or
// backslash reaches the header. A target that does not qualify is escaped
// anew from its decoded form; what still does not is replaced by "/".
func location(target, q string) string {
	if !safeLocationPath(target) {
		d, err := url.PathUnescape(target)
		if err != nil {
			d = target
		}
		target = escapePath(d)
		if !safeLocationPath(target) {
			target = "/"
		}
	}
	if q != "" {
		target += "?" + escapeQuery(q)
	}
	return target
}

func safeLocationPath(p string) bool {
	if p == "" || p[0] != '/' || (len(p) > 1 && (p[1] == '/' || p[1] == '\\')) {
		return false
	}
	for i := 0; i < len(p); i++ {
		if b := p[i]; b <= ' ' || b >= 0x7f || b == '\\' || b == '?' || b == '#' {
			return false
		}
	}
	return true
}

// escapePath %-escapes every byte of p but the unreserved ones, '/' and
// the sub-delims and ':' and '@' that a path segment may hold as they are.
func escapePath(p string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if pathByteOK(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func pathByteOK(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~/!$&'()*+,;=:@", c) >= 0
}

// escapeQuery %-escapes the bytes of a raw query that a Location must not
// carry as they are: controls, space, '#', '\' and non-ASCII.
func escapeQuery(q string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		c := q[i]
		if c > ' ' && c < 0x7f && c != '#' && c != '\\' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// cleanPath returns p cleaned as path.Clean does, keeping a final slash.
// p begins with '/'.
func cleanPath(p string) string {
	if !strings.Contains(p, "//") && !strings.Contains(p, "/.") {
		return p
	}
	c := path.Clean(p)
	if p[len(p)-1] == '/' && c != "/" {
		c += "/"
	}
	return c
}

// serveFallback writes the App's own answer in c.answer; the App's
// middleware wraps it (table.fallback).
func serveFallback(c *Context) error {
	ans := c.extras().answer
	switch ans.kind {
	case answerRedirect:
		code := http.StatusPermanentRedirect
		if m := c.method(); m == http.MethodGet || m == http.MethodHead {
			code = http.StatusMovedPermanently
		}
		c.setHeader("Location", ans.header)
		return c.NoContent(code)
	case answerOptions:
		c.setHeader("Allow", ans.header)
		return c.NoContent(http.StatusNoContent)
	case answerNotAllowed:
		c.setHeader("Allow", ans.header)
		if nh := c.app.state.Load().notAllow; nh != nil {
			return nh(c)
		}
		return NewHTTPError(http.StatusMethodNotAllowed, "")
	}
	if nh := c.app.state.Load().notFound; nh != nil {
		return nh(c)
	}
	return NewHTTPError(http.StatusNotFound, "")
}
