// Command hashmap writes the amd64 kernels of package hashmap.
package main

import "github.com/hotpath-go/hotpath/gen/internal/emit"

func main() {
	emit.File("hashmap", "match", match)
	emit.File("hashmap", "lookup", lookup)
}
