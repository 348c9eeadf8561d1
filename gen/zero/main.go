// Command zero writes the amd64 kernel of package zero.
package main

import "github.com/hotpath-go/hotpath/gen/internal/emit"

func main() {
	emit.File("zero", "bytes", bytes)
}
