package framework

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

// Static registers a GET route (and so HEAD) that serves the files of fsys
// under prefix, through Context.File: prefix + "/" + name serves the file
// name, prefix + "/" serves fsys's index.html, and prefix alone redirects
// there. Directories serve
// their index.html, or 404: there are no listings. Static panics, as
// Handle does, when the routes conflict with others.
func (r Routes) Static(prefix string, fsys fs.FS, mw ...Middleware) {
	serve := func(c *Context) error { return c.File(fsys, c.Param("filepath")) }
	r.GET(joinPath(prefix, "/*filepath"), serve, mw...)
}

// ErrBadFileName is wrapped by the 404 File answers for a name it refuses.
var ErrBadFileName = errors.New("framework: refused file name")

// File serves the file name of fsys with http.ServeContent: Content-Type
// from the extension (or the first bytes), Last-Modified, ranges and
// conditional requests (If-Modified-Since, If-None-Match with an ETag set
// before, If-Range). A directory serves its index.html. name is
// slash-separated and relative to fsys's root, as fs.FS wants it ("" is
// the root; a final slash is dropped). File refuses, with a 404 *HTTPError wrapping ErrBadFileName
// and without opening anything, a name with a ".." (or "." or empty)
// element, a NUL byte or a backslash, and an absolute name ("/x", which
// "/files//x" gives a catch-all), so that a path taken from a request
// cannot leave fsys. A missing file is a 404, a file fsys refuses to open for
// permission a 403, any other failure a 500.
func (c *Context) File(fsys fs.FS, name string) error {
	if name = strings.TrimSuffix(name, "/"); name == "" {
		name = "." // the root, or a directory named with its final slash
	}
	if !validFileName(name) {
		return &HTTPError{Code: http.StatusNotFound, Err: ErrBadFileName}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return fileError(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fileError(err)
	}
	if fi.IsDir() {
		f.Close()
		name = path.Join(name, "index.html")
		if f, err = fsys.Open(name); err != nil {
			return fileError(err)
		}
		if fi, err = f.Stat(); err != nil {
			return fileError(err)
		}
		if fi.IsDir() {
			return &HTTPError{Code: http.StatusNotFound}
		}
	}
	content, ok := f.(io.ReadSeeker)
	if !ok {
		// An fs.File need not seek; ServeContent does, for ranges.
		b, err := io.ReadAll(f)
		if err != nil {
			return fileError(err)
		}
		content = bytes.NewReader(b)
	}
	var mod time.Time
	if m := fi.ModTime(); !m.IsZero() {
		mod = m
	}
	http.ServeContent(c.Response(), c.Request(), path.Base(name), mod, content)
	return nil
}

// validFileName reports whether name is one File may open: fs.ValidPath
// (no "..", "." or empty element, no leading or trailing slash), and no
// NUL or backslash, which some file systems read as something else.
func validFileName(name string) bool {
	return fs.ValidPath(name) && !strings.ContainsAny(name, "\x00\\")
}

func fileError(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &HTTPError{Code: http.StatusNotFound, Err: err}
	case errors.Is(err, fs.ErrPermission):
		return &HTTPError{Code: http.StatusForbidden, Err: err}
	}
	return &HTTPError{Code: http.StatusInternalServerError, Err: err}
}
