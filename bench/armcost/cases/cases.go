// Package cases is the registry of what armcost measures: each Case pairs
// one of hotpath's exported kernels with its counterpart (the standard
// library's function, or the same kernel built with -tags purego, which makes
// every hotpath package run its generic Go code) at a list of sizes.
//
// The package is imported twice: by the arm64 harness that runs under QEMU
// (it calls the loops) and by the armcost command on the host (it reads the
// names, sizes and flags). Adding a case is a Register call in an init
// function of a file here; see Register.
package cases

import (
	"fmt"
	"slices"
)

// Loop runs the measured call iters times. It is what the harness runs
// between its markers, so it must do nothing else per iteration: inputs are
// prepared by Impl.Setup before the markers, and each result goes to a
// package-level sink so the compiler cannot drop the call.
type Loop func(iters int)

// Impl is one side of a comparison.
type Impl struct {
	// Name is how tables show it, e.g. "bytesx.Equal" or "bytes.Equal".
	Name string
	// Tags are the build tags of the harness binary that runs it: "" for
	// the default build, "purego" for every hotpath package's generic code.
	Tags string
	// Setup prepares the inputs of size n and returns the loop over them.
	// The loop must call the function directly (not through a function
	// value), so it inlines as it would in a caller's code.
	Setup func(n int) Loop
}

// Case is one comparison: Ours against Peer at each of Sizes.
type Case struct {
	// Name identifies the case on the command line (-run) and in JSON.
	Name string
	// Ours is hotpath's side; Peer is what it is compared with.
	Ours, Peer Impl
	// Sizes are the input sizes n passed to Setup, in bytes unless Unit
	// says otherwise.
	Sizes []int
	// Quick are the sizes measured in -quick mode (a subset of Sizes).
	Quick []int
	// Unit names what n counts ("B" when empty).
	Unit string
	// Check puts the case in -check: Ours may not run more instructions
	// than Peer at any of CheckSizes that Sizes holds, unless allowlisted.
	Check bool
	// PerByte adds instructions per byte (count / n) to the table.
	PerByte bool
	// Period is for loops whose inputs repeat every Period iterations (a
	// map lookup cycling through 16 keys, whose cost depends on where each
	// key landed): every window runs a multiple of Period iterations, so a
	// call's count is the average over the period. 0 means 1.
	Period int
}

// CheckSizes are the sizes at which -check compares instruction counts.
var CheckSizes = []int{1, 2, 3, 4, 8, 16, 64, 1024}

// Ours and Peer name the two sides of a case in a Plan.
const (
	Ours = "ours"
	Peer = "peer"
)

var registry []Case

// Register adds a case; it panics on a duplicate name, an empty side or a
// quick size that is not one of Sizes. Call it from an init function:
//
//	func init() {
//		Register(Case{
//			Name:  "ParseRequest",
//			Ours:  Impl{Name: "wire.ParseRequest", Setup: parseLoop},
//			Peer:  Impl{Name: "wire.ParseRequest (generic)", Tags: "purego", Setup: parseLoop},
//			Sizes: []int{500}, Quick: []int{500}, Unit: "B head", PerByte: true,
//		})
//	}
func Register(c Case) {
	if c.Name == "" || c.Ours.Setup == nil || c.Peer.Setup == nil || c.Ours.Name == "" || c.Peer.Name == "" {
		panic(fmt.Sprintf("cases: %q: a case needs a name and two named sides with Setup", c.Name))
	}
	if _, ok := Lookup(c.Name); ok {
		panic(fmt.Sprintf("cases: %q registered twice", c.Name))
	}
	if c.Period < 0 {
		panic(fmt.Sprintf("cases: %q: negative period", c.Name))
	}
	if c.Ours.Tags == c.Peer.Tags && c.Ours.Name == c.Peer.Name {
		panic(fmt.Sprintf("cases: %q: both sides are %s in the same build", c.Name, c.Ours.Name))
	}
	for _, n := range c.Quick {
		if !slices.Contains(c.Sizes, n) {
			panic(fmt.Sprintf("cases: %q: quick size %d is not one of its sizes", c.Name, n))
		}
	}
	registry = append(registry, c)
}

// All returns every registered case, in registration order.
func All() []Case { return slices.Clone(registry) }

// Lookup returns the case with this name.
func Lookup(name string) (Case, bool) {
	for _, c := range registry {
		if c.Name == name {
			return c, true
		}
	}
	return Case{}, false
}

// Side returns c.Ours for Ours and c.Peer for Peer.
func (c Case) Side(side string) (Impl, error) {
	switch side {
	case Ours:
		return c.Ours, nil
	case Peer:
		return c.Peer, nil
	}
	return Impl{}, fmt.Errorf("case %s: no side %q (want %q or %q)", c.Name, side, Ours, Peer)
}

// Baseline is the empty loop subtracted from every count: the loop counter
// and a store to a sink, which every measured loop also runs.
func Baseline(iters int) {
	for i := range iters {
		sinkInt = i
	}
}

// Package-level sinks keep results alive.
var (
	sinkBool bool
	sinkInt  int
)
