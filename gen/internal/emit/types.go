package emit

import (
	"fmt"
	"go/types"
	"os"

	"github.com/mmcloughlin/avo/attr"
	"github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/gotypes"
	"github.com/mmcloughlin/avo/operand"
	"golang.org/x/tools/go/packages"
)

// Types loads the Go types of a package of the root module as the amd64
// build sees them, so that a kernel can be declared with the package's own
// types and read their fields at the offsets the compiler gives them
// (avo's gotypes components), instead of offsets copied by hand.
//
// Type errors elsewhere in the package (a stub not generated yet, say) are
// tolerated: only the types the generator names must be complete, and Named
// checks that. Loading fails the program.
func Types(path string) *types.Package {
	cfg := &packages.Config{
		Mode: packages.NeedTypes | packages.NeedName,
		Env:  append(os.Environ(), "GOOS=linux", "GOARCH=amd64", "CGO_ENABLED=0"),
	}
	pkgs, err := packages.Load(cfg, path)
	if err != nil {
		fail(err)
	}
	if len(pkgs) != 1 || pkgs[0].Types == nil {
		fail(fmt.Errorf("loading %s: no types", path))
	}
	return pkgs[0].Types
}

// Named returns the type called name in pkg, exported or not; it exits the
// program if there is none or if it did not type-check.
func Named(pkg *types.Package, name string) types.Type {
	obj, ok := pkg.Scope().Lookup(name).(*types.TypeName)
	if !ok {
		fail(fmt.Errorf("%s: no type %s", pkg.Path(), name))
	}
	if s, ok := obj.Type().Underlying().(*types.Struct); ok {
		for i := range s.NumFields() {
			if f := s.Field(i).Type(); f == types.Typ[types.Invalid] {
				fail(fmt.Errorf("%s.%s: field %s did not type-check", pkg.Path(), name, s.Field(i).Name()))
			}
		}
	}
	return obj.Type()
}

// Sizeof is the size of t on amd64, as the compiler lays it out.
func Sizeof(t types.Type) int { return int(gotypes.Sizes.Sizeof(t)) }

// Offsetof is the offset of field name in struct type t on amd64, for
// fields avo's components cannot resolve to a memory operand (arrays and
// structs: they resolve primitive fields only).
func Offsetof(t types.Type, name string) int {
	s, ok := t.Underlying().(*types.Struct)
	if !ok {
		fail(fmt.Errorf("%s is not a struct", t))
	}
	fields := make([]*types.Var, s.NumFields())
	for i := range fields {
		fields[i] = s.Field(i)
	}
	offsets := gotypes.Sizes.Offsetsof(fields)
	for i, f := range fields {
		if f.Name() == name {
			return int(offsets[i])
		}
	}
	fail(fmt.Errorf("%s has no field %s", t, name))
	return 0
}

// Addr resolves a component to its memory operand, exiting the program if
// the component does not exist (a field renamed in the package, say).
func Addr(c gotypes.Component) operand.Mem {
	b, err := c.Resolve()
	if err != nil {
		fail(err)
	}
	return b.Addr
}

// TextIn is Text for a signature that names pkg's own types, such as
// "func(t *table, key string) *entryHdr"; avo's stub then declares them
// unqualified, as the package does.
func TextIn(c *build.Context, pkg *types.Package, name string, a attr.Attribute, sig string) {
	s, err := gotypes.ParseSignatureInPackage(pkg, sig)
	if err != nil {
		fail(fmt.Errorf("%s: %w", name, err))
	}
	c.Function(name)
	c.Attributes(a)
	c.Signature(s)
	c.Pragma("noescape")
}
