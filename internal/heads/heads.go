// Package heads carries a corpus of real-world HTTP/1.1 request heads
// (heads.txt beside this file, embedded): the shapes browsers, curl, Go's
// http.Client, wrk and API clients send, with long bearer tokens, 2 KB of
// cookies, absolute-form, OPTIONS *, CONNECT and HTTP/1.0. wire's tests
// and the bench module's wire group read it from here, so both measure
// and check the same bytes.
//
// It is internal: hotpath's own tests and its bench module import it.
package heads

import (
	_ "embed"
	"strings"
)

//go:embed heads.txt
var text string

// Head is one head of the corpus.
type Head struct {
	Name  string
	Bytes []byte // the whole head, CRLF line ends, final empty line included
}

// All returns every head of the corpus, in file order, as fresh copies.
func All() []Head {
	var hs []Head
	var cur *Head
	for _, line := range strings.Split(text, "\n") {
		if name, ok := strings.CutPrefix(line, "=== "); ok {
			hs = append(hs, Head{Name: name})
			cur = &hs[len(hs)-1]
			continue
		}
		if cur == nil || line == "" {
			continue // comments before the first head; the file's last newline
		}
		cur.Bytes = append(cur.Bytes, line...)
		cur.Bytes = append(cur.Bytes, '\r', '\n')
	}
	for i := range hs {
		hs[i].Bytes = append(hs[i].Bytes, '\r', '\n')
	}
	return hs
}

// Get returns the head called name, or nil.
func Get(name string) []byte {
	for _, h := range All() {
		if h.Name == name {
			return h.Bytes
		}
	}
	return nil
}
