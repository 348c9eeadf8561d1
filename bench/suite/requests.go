package suite

// The requests group: whole requests through each framework, the three
// scenarios of the framework issue. Every handler writes {"ok":true} with
// encoding/json (through the framework's own JSON helper where it has one,
// all of which use encoding/json in a default build) and sets Content-Type;
// the ResponseWriter keeps one header map and clears it between requests,
// so the numbers are the framework's work, not the mock's.

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/julienschmidt/httprouter"
	"github.com/labstack/echo/v4"
)

// okBody is the response every handler encodes.
type okBody struct {
	OK bool `json:"ok"`
}

var okValue = &okBody{OK: true}

// okJSON is what a correct response body holds, without the trailing
// newline json.Encoder adds.
const okJSON = `{"ok":true}`

// requestsStatic are the 20 static routes of the requests app; the
// static scenario requests requestsStaticPath, one in the middle.
var requestsStatic = []string{
	"/api/health", "/api/status", "/api/version", "/api/users", "/api/posts",
	"/api/comments", "/api/tags", "/api/categories", "/api/orders", "/api/products",
	"/api/cart", "/api/checkout", "/api/login", "/api/logout", "/api/register",
	"/api/settings", "/api/profile", "/api/notifications", "/api/search", "/api/metrics",
}

const (
	requestsStaticPath = "/api/products"
	requestsParamRoute = "/api/users/:id/posts/:pid"
	requestsParamPath  = "/api/users/42/posts/7"
)

// frameworkImpl builds the requests app of one framework: GET on every
// requestsStatic path and on requestsParamRoute, whose handler reads both
// parameters and answers 400 unless both are non-empty.
type frameworkImpl struct {
	name  string
	build func() http.Handler
}

var frameworks []frameworkImpl

func registerFramework(f frameworkImpl) bool {
	frameworks = append(frameworks, f)
	return true
}

var requestsPeerOrder = []string{"gin", "echo", "chi", "httprouter", "ServeMux"}

func orderedFrameworks() []frameworkImpl {
	var out []frameworkImpl
	for _, n := range append([]string{oursRouter}, requestsPeerOrder...) {
		for _, f := range frameworks {
			if f.name == n {
				out = append(out, f)
			}
		}
	}
	return out
}

var (
	_ = registerFramework(frameworkImpl{"gin", ginApp})
	_ = registerFramework(frameworkImpl{"echo", echoApp})
	_ = registerFramework(frameworkImpl{"chi", chiApp})
	_ = registerFramework(frameworkImpl{"httprouter", httprouterApp})
	_ = registerFramework(frameworkImpl{"ServeMux", servemuxApp})
)

// writeJSON is the plain net/http way: marshal, set Content-Type, write.
func writeJSON(w http.ResponseWriter, code int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	w.Write(b)
}

func ginApp() http.Handler {
	e := newGin()
	for _, p := range requestsStatic {
		e.GET(p, func(c *gin.Context) { c.JSON(http.StatusOK, okValue) })
	}
	e.GET(requestsParamRoute, func(c *gin.Context) {
		if c.Param("id") == "" || c.Param("pid") == "" {
			c.Status(http.StatusBadRequest)
			return
		}
		c.JSON(http.StatusOK, okValue)
	})
	return e
}

func echoApp() http.Handler {
	e := echo.New()
	for _, p := range requestsStatic {
		e.GET(p, func(c echo.Context) error { return c.JSON(http.StatusOK, okValue) })
	}
	e.GET(requestsParamRoute, func(c echo.Context) error {
		if c.Param("id") == "" || c.Param("pid") == "" {
			return c.NoContent(http.StatusBadRequest)
		}
		return c.JSON(http.StatusOK, okValue)
	})
	return e
}

func chiApp() http.Handler {
	r := chi.NewRouter()
	for _, p := range requestsStatic {
		r.Get(p, func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, http.StatusOK, okValue) })
	}
	r.Get(bracePath(requestsParamRoute), func(w http.ResponseWriter, r *http.Request) {
		if chi.URLParam(r, "id") == "" || chi.URLParam(r, "pid") == "" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		writeJSON(w, http.StatusOK, okValue)
	})
	return r
}

func httprouterApp() http.Handler {
	r := httprouter.New()
	for _, p := range requestsStatic {
		r.GET(p, func(w http.ResponseWriter, _ *http.Request, _ httprouter.Params) {
			writeJSON(w, http.StatusOK, okValue)
		})
	}
	r.GET(requestsParamRoute, func(w http.ResponseWriter, _ *http.Request, ps httprouter.Params) {
		if ps.ByName("id") == "" || ps.ByName("pid") == "" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		writeJSON(w, http.StatusOK, okValue)
	})
	return r
}

func servemuxApp() http.Handler {
	mux := http.NewServeMux()
	for _, p := range requestsStatic {
		mux.HandleFunc("GET "+p, func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, http.StatusOK, okValue) })
	}
	mux.HandleFunc("GET "+bracePath(requestsParamRoute), func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "" || r.PathValue("pid") == "" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		writeJSON(w, http.StatusOK, okValue)
	})
	return mux
}

// reuseWriter is a ResponseWriter that keeps one header map across
// requests (reset clears it) and counts the body.
type reuseWriter struct {
	h      http.Header
	status int
	n      int
}

func newReuseWriter() *reuseWriter { return &reuseWriter{h: make(http.Header, 4)} }

func (w *reuseWriter) Header() http.Header { return w.h }
func (w *reuseWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.n += len(p)
	return len(p), nil
}
func (w *reuseWriter) WriteString(s string) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.n += len(s)
	return len(s), nil
}
func (w *reuseWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}
func (w *reuseWriter) reset() {
	clear(w.h)
	w.status = 0
	w.n = 0
}

var (
	appsMu sync.Mutex
	apps   = map[string]http.Handler{}
)

func (f frameworkImpl) app() http.Handler {
	appsMu.Lock()
	defer appsMu.Unlock()
	h, ok := apps[f.name]
	if !ok {
		h = f.build()
		apps[f.name] = h
	}
	return h
}

func benchRequests(f frameworkImpl, path string, parallel bool) func(b *testing.B) {
	return func(b *testing.B) {
		h := f.app()
		b.ReportAllocs()
		if parallel {
			b.RunParallel(func(pb *testing.PB) {
				w := newReuseWriter()
				r, _ := http.NewRequest(http.MethodGet, path, nil)
				r.RequestURI = path
				for pb.Next() {
					w.reset()
					h.ServeHTTP(w, r)
				}
			})
			return
		}
		w := newReuseWriter()
		r, err := http.NewRequest(http.MethodGet, path, nil)
		if err != nil {
			b.Fatal(err)
		}
		r.RequestURI = path
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			w.reset()
			h.ServeHTTP(w, r)
		}
	}
}

// jsonAllocs is how many allocations json.Marshal makes for okValue: the
// "0 beyond the JSON encoder's" allowance of the requests goals.
var jsonAllocs = int64(testing.AllocsPerRun(10, func() { json.Marshal(okValue) }))

func init() {
	SetNote("requests", fmt.Sprintf("Whole requests through each framework: the handler writes {\"ok\":true} with encoding/json "+
		"(the framework's JSON helper where it has one) and sets Content-Type; the ResponseWriter reuses one header map. "+
		"The app has 20 static GET routes and %s. Default GOMAXPROCS. Allocation goal: none beyond json.Marshal's own (%d).",
		requestsParamRoute, jsonAllocs))
	RegisterGate(Gate{Group: "requests", Name: "every framework answers both scenarios with 200 and {\"ok\":true}", Check: requestsGate})
	fs := orderedFrameworks()
	if len(fs) == 0 || fs[0].name != oursRouter {
		return
	}
	for _, sc := range []struct {
		name     string
		path     string
		parallel bool
	}{
		{"Static (1 of 20)", requestsStaticPath, false},
		{"Params /api/users/:id/posts/:pid", requestsParamPath, false},
		{"Static RunParallel", requestsStaticPath, true},
	} {
		c := Case{
			Group:      "requests",
			Name:       sc.name,
			Ours:       Bench{fs[0].name, benchRequests(fs[0], sc.path, sc.parallel)},
			Goal:       0.5,
			ZeroAllocs: true,
			MaxAllocs:  jsonAllocs,
			Quick:      true,
		}
		for _, p := range fs[1:] {
			c.Peers = append(c.Peers, Bench{p.name, benchRequests(p, sc.path, sc.parallel)})
		}
		Register(c)
	}
}

// requestsGate checks each framework's app: both scenario paths answer 200
// with {"ok":true} and a JSON Content-Type, an unknown path does not.
func requestsGate() error {
	var errs []error
	fs := orderedFrameworks()
	if len(fs) == 0 {
		return errors.New("no frameworks registered")
	}
	for _, f := range fs {
		h := f.build()
		for _, p := range append([]string{requestsParamPath}, requestsStatic...) {
			w, err := serveOnce(h, http.MethodGet, p)
			if err != nil {
				return err
			}
			body := strings.TrimSpace(w.body.String())
			ct := w.h.Get("Content-Type")
			if w.code() != http.StatusOK || body != okJSON || !strings.HasPrefix(ct, "application/json") {
				errs = append(errs, fmt.Errorf("%s: GET %s: status %d, Content-Type %q, body %q", f.name, p, w.code(), ct, body))
			}
		}
		w, err := serveOnce(h, http.MethodGet, "/api/nope")
		if err != nil {
			return err
		}
		if w.code() == http.StatusOK {
			errs = append(errs, fmt.Errorf("%s: GET /api/nope answered 200", f.name))
		}
	}
	return errors.Join(errs...)
}
