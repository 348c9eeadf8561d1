package race

import (
	"testing"
	"unsafe"
)

func TestRanges(t *testing.T) {
	b := make([]byte, 16)
	// Must not crash in either build; under -race they reach the detector.
	ReadRange(unsafe.Pointer(&b[0]), len(b))
	WriteRange(unsafe.Pointer(&b[0]), len(b))
	ReadRange(nil, 0)
	WriteRange(nil, 0)
}
