// Command hashmap writes the amd64 kernel of package hashmap.
package main

import "github.com/hotpath-go/hotpath/gen/internal/emit"

func main() {
	emit.File("hashmap", "lookup", lookup)
}
