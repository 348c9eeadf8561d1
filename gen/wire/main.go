// Command wire writes the amd64 kernel of package wire: the line scan.
package main

import "github.com/hotpath-go/hotpath/gen/internal/emit"

func main() {
	emit.File("wire", "scan", scan)
}
