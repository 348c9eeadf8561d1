// Package emit writes one avo build context to a pair of files, NAME_amd64.s
// and NAME_amd64.go, in a package of the root module. It exists so that one
// gen program can write every kernel file of its package with a fixed,
// reproducible header.
package emit

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/hotpath-go/hotpath/asm"
	"github.com/mmcloughlin/avo/attr"
	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/pass"
	"github.com/mmcloughlin/avo/printer"
	"github.com/mmcloughlin/avo/reg"
)

// File builds the kernels that body declares on a fresh context, constrained
// to !purego, and writes ../PKG/NAME_amd64.s and ../PKG/NAME_amd64.go
// (relative to the gen module, where `go run -C ../gen` starts). It exits the
// program on any error.
func File(pkg, name string, body func(c *build.Context)) {
	c := build.NewContext()
	c.ConstraintExpr("!purego")
	body(c)
	f, err := c.Result()
	if err != nil {
		fail(fmt.Errorf("%s/%s: %w", pkg, name, err))
	}
	if err := pass.Compile.Execute(f); err != nil {
		fail(fmt.Errorf("%s/%s: %w", pkg, name, err))
	}
	cfg := printer.Config{Argv: []string{"go", "run", "./" + pkg}, Pkg: pkg}
	for _, out := range []struct {
		ext string
		p   printer.Printer
	}{
		{".s", printer.NewGoAsm(cfg)},
		{".go", printer.NewStubs(cfg)},
	} {
		b, err := out.p.Print(f)
		if err != nil {
			fail(err)
		}
		path := filepath.Join("..", pkg, name+"_amd64"+out.ext)
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, b) {
			continue // leave the mtime alone
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(1)
}

// Text starts function name on c with attributes a and Go signature sig; it
// is avo's global TEXT for an explicit context, plus //go:noescape.
func Text(c *build.Context, name string, a attr.Attribute, sig string) {
	c.Function(name)
	c.Attributes(a)
	c.SignatureExpr(sig)
	// Kernels read their inputs and keep nothing: let callers keep slices on
	// the stack.
	c.Pragma("noescape")
}

// Kernel is the package variable every kernel package dispatches on: `var
// kernel = asm.Kernel()`, one asm.Family byte, set at init and by tests.
var Kernel = operand.Mem{Symbol: operand.Symbol{Name: "·kernel"}, Base: reg.StaticBase}

// UnlessFamily emits a jump to label unless the package's kernel variable
// holds family f: the one way hotpath's assembly chooses between families.
func UnlessFamily(c *build.Context, f asm.Family, label string) {
	c.CMPB(Kernel, operand.U8(uint8(f)))
	c.JNE(operand.LabelRef(label))
}
