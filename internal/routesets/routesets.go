// Package routesets carries the four route sets of the public
// go-http-routing-benchmark (static, github, gplus, parse), embedded, so
// that every test and benchmark of hotpath reads them from the repository
// itself: a bare clone has everything it needs. README.md beside this file
// gives their provenance.
//
// It is internal: hotpath's own tests and its bench module import it.
package routesets

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

//go:embed *.txt
var files embed.FS

// Names are the route sets, in report order.
var Names = []string{"static", "github", "gplus", "parse"}

// Sizes is the number of routes in each set.
var Sizes = map[string]int{"static": 157, "github": 203, "gplus": 13, "parse": 26}

// Route is one line of a route set.
type Route struct {
	Method string
	Path   string // httprouter syntax: ":name" is a one-segment parameter
}

// Load returns the embedded route set name ("static", "github", "gplus" or
// "parse"). Every call parses afresh: callers that need it often cache it.
func Load(name string) ([]Route, error) {
	f, err := files.Open(name + ".txt")
	if err != nil {
		return nil, fmt.Errorf("routesets: no route set %q (have %s)", name, strings.Join(Names, ", "))
	}
	defer f.Close()
	return Parse(name+".txt", f)
}

// LoadDir reads the route set name from dir/name.txt, for route sets other
// than the embedded ones.
func LoadDir(dir, name string) ([]Route, error) {
	file := filepath.Join(dir, name+".txt")
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Parse(file, f)
}

// Parse reads "METHOD /path" lines from r; blank lines and lines starting
// with # are skipped. file names r in errors.
func Parse(file string, r io.Reader) ([]Route, error) {
	var rs []Route
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m, p, ok := strings.Cut(line, " ")
		p = strings.TrimSpace(p)
		if !ok || m == "" || !strings.HasPrefix(p, "/") {
			return nil, fmt.Errorf("%s:%d: want \"METHOD /path\", got %q", file, n, line)
		}
		rs = append(rs, Route{m, p})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, fmt.Errorf("%s: no routes", file)
	}
	return rs, nil
}
