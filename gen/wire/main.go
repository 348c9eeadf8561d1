// Command wire writes the amd64 kernels of package wire: the line scan
// and the batch scan of plain field lines.
package main

import "github.com/hotpath-go/hotpath/gen/internal/emit"

func main() {
	emit.File("wire", "scan", scan)
	emit.File("wire", "lines", lines)
}
