// Module gen holds the avo programs that write every *_amd64.s file of
// hotpath and its Go stubs: one program per package (gen/bytesx writes
// bytesx's kernels, and so on). It is a module of its own so that avo never
// enters the build of a program that imports hotpath.
//
// Regenerate everything from the repository root with
//
//	go generate ./...
//
// (each package has a //go:generate line running `go run -C ../gen ./PKG`),
// or one package with `cd gen && go run ./bytesx`. The output is
// byte-for-byte reproducible; the test command regenerates into the tree and
// fails on any diff.
package gen
