package cases

import (
	"slices"
	"testing"
)

// Every loop runs natively too: its inputs are what the case says (each
// byte function reads all n bytes and answers true; a map miss misses), and
// both sides give the same answer.
func TestLoopsRunAndAgree(t *testing.T) {
	wantTrue := map[string]bool{"Equal": true, "EqualFold": true, "EqualFold-generic": true,
		"ValidHeaderName": true, "ValidHeaderValue": true, "MapGetHit": true, "MapGetMiss": false}
	for _, c := range All() {
		for _, n := range c.Sizes {
			var got [2]bool
			for i, impl := range []Impl{c.Ours, c.Peer} {
				sinkBool = !wantTrue[c.Name]
				impl.Setup(n)(max(c.Period, 1) * 2)
				got[i] = sinkBool
			}
			want, ok := wantTrue[c.Name]
			if !ok {
				continue // zero.Bytes and clear return nothing
			}
			if got[0] != want || got[1] != want {
				t.Errorf("%s at %d: ours %v, peer %v, want %v", c.Name, n, got[0], got[1], want)
			}
		}
	}
}

func TestRegistry(t *testing.T) {
	names := map[string]bool{}
	for _, c := range All() {
		if names[c.Name] {
			t.Errorf("%s twice", c.Name)
		}
		names[c.Name] = true
		for _, n := range c.Quick {
			if !slices.Contains(c.Sizes, n) {
				t.Errorf("%s: quick size %d not among its sizes", c.Name, n)
			}
		}
		if got, ok := Lookup(c.Name); !ok || got.Name != c.Name {
			t.Errorf("Lookup(%s) = %v, %v", c.Name, got.Name, ok)
		}
		if _, err := c.Side("both"); err == nil {
			t.Errorf("%s: Side(both) gave no error", c.Name)
		}
	}
	// Issue 11's rows: the checked kernels at every check size.
	for _, name := range []string{"Equal", "EqualFold", "ValidHeaderName", "ValidHeaderValue", "ZeroBytes"} {
		c, ok := Lookup(name)
		if !ok || !c.Check {
			t.Errorf("%s: missing or not checked", name)
			continue
		}
		for _, n := range CheckSizes {
			if !slices.Contains(c.Sizes, n) {
				t.Errorf("%s lacks check size %d", name, n)
			}
		}
	}
	if c, ok := Lookup("EqualFold-generic"); !ok || c.Peer.Tags != "purego" || !slices.Contains(c.Sizes, 16) {
		t.Errorf("EqualFold-generic: %+v", c)
	}
}

func TestRegisterRefusesBadCases(t *testing.T) {
	loop := func(int) Loop { return func(int) {} }
	for name, c := range map[string]Case{
		"duplicate":  {Name: "Equal", Ours: Impl{Name: "a", Setup: loop}, Peer: Impl{Name: "b", Setup: loop}, Sizes: []int{1}},
		"no setup":   {Name: "x1", Ours: Impl{Name: "a"}, Peer: Impl{Name: "b", Setup: loop}, Sizes: []int{1}},
		"same side":  {Name: "x2", Ours: Impl{Name: "a", Setup: loop}, Peer: Impl{Name: "a", Setup: loop}, Sizes: []int{1}},
		"quick size": {Name: "x3", Ours: Impl{Name: "a", Setup: loop}, Peer: Impl{Name: "b", Setup: loop}, Sizes: []int{1}, Quick: []int{2}},
		"period":     {Name: "x4", Ours: Impl{Name: "a", Setup: loop}, Peer: Impl{Name: "b", Setup: loop}, Sizes: []int{1}, Period: -1},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: Register did not panic", name)
				}
			}()
			Register(c)
		}()
	}
	if len(All()) != len(registry) {
		t.Error("All is not the registry")
	}
}
