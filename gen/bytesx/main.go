// Command bytesx writes the amd64 kernels of package bytesx.
package main

import "github.com/hotpath-go/hotpath/gen/internal/emit"

func main() {
	emit.File("bytesx", "equal", equal)
	emit.File("bytesx", "equalfold", scanFile(equalFoldKernel))
	emit.File("bytesx", "headername", scanFile(validHeaderNameKernel))
	emit.File("bytesx", "headervalue", scanFile(validHeaderValueKernel))
}
