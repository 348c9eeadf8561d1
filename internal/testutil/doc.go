// Package testutil holds the test helpers every hotpath package shares:
// guard-page buffers that prove a kernel never touches memory outside its
// slice, and a walker that runs a test once per kernel family this process
// can run. It is internal: only hotpath's own tests import it.
package testutil
