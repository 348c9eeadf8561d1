//go:build purego || !(amd64 || arm64)

package zero

// asmMin and asmOK say which lengths Bytes hands to zeroAsm: none here.
const asmMin = maxInt

func asmOK() bool { return false }

// zeroAsm has no assembly on this build; it is the generic twin.
func zeroAsm(p *byte, n int) { bytesGeneric(p, n) }
