package suite

import "testing"

func TestWireGate(t *testing.T) {
	if err := wireGate(); err != nil {
		t.Fatal(err)
	}
}
