package suite

// hotpath's framework in the requests group.

import (
	"net/http"

	"github.com/hotpath-go/hotpath/framework"
)

var _ = registerFramework(frameworkImpl{oursRouter, hotpathApp})

func hotpathApp() http.Handler {
	app := framework.New()
	for _, p := range requestsStatic {
		app.GET(p, func(c *framework.Context) error { return c.JSON(http.StatusOK, okValue) })
	}
	app.GET(requestsParamRoute, func(c *framework.Context) error {
		if c.Param("id") == "" || c.Param("pid") == "" {
			return c.NoContent(http.StatusBadRequest)
		}
		return c.JSON(http.StatusOK, okValue)
	})
	return app
}
