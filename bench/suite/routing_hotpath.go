package suite

// hotpath's framework in the routing suite.

import (
	"io"
	"net/http"

	"github.com/hotpath-go/hotpath/framework"
)

var _ = registerRouter(routerImpl{oursRouter, buildHotpath})

func hotpathEmpty(*framework.Context) error { return nil }

func buildHotpath(routes []Route, mode handlerMode, h *hit) http.Handler {
	app := framework.New()
	for i, rt := range routes {
		var fn framework.HandlerFunc
		switch mode {
		case modeEmpty:
			fn = hotpathEmpty
		case modeWrite:
			fn = func(c *framework.Context) error {
				_, err := io.WriteString(c.Response(), c.Param("name"))
				return err
			}
		case modeRecord:
			names := paramNames(rt.Path)
			fn = func(c *framework.Context) error { record(h, i, names, c.Param); return nil }
		}
		app.Handle(rt.Method, rt.Path, fn)
	}
	return app
}
