//go:build !purego

package zero

import "github.com/hotpath-go/hotpath/asm"

// asmNTMin is read by zeroAsm (bytes_amd64.s): from which length to stream
// with non-temporal stores. Changed by tests only.
var asmNTMin = ntMin

// ntMin is where zeroAsm switches to non-temporal stores: the runtime's own
// threshold (32 MiB, runtime/memclr_amd64.s), above which a cached clear
// would evict everything else.
const ntMin = 32 << 20

// asmMin is the length from which Bytes calls zeroAsm, when the AVX2 kernel
// is selected. Measured on an AMD EPYC (Zen 4: AVX2,
// ERMS, FSRM) with Go 1.26 against clear(), i.e.
// runtime.memclrNoHeapPointers, as the 10th percentile of 400 interleaved
// batches (BenchmarkBytes in bytes_test.go runs the same comparison):
//
//   - AVX2 from 2 KiB: the runtime switches to REP STOSQ at 2 KiB and keeps
//     it up to 32 MiB; zeroAsm's 32-byte-aligned AVX2 loop is 10-25% faster
//     from 2 KiB to 16 KiB (start-up cost of REP STOSQ), 1-3% faster at
//     64 KiB, level at 1-4 MiB, and 5-25% faster on misaligned buffers.
//     From 32 MiB both use non-temporal stores.
//   - AVX2 below 2 KiB: the runtime's unaligned 128-byte AVX2 loop and
//     zeroAsm's aligned one run at the same speed on aligned buffers, and
//     zeroAsm pays an ABI0 call (arguments on the stack) that memclr, an
//     ABIInternal function, does not: 0-4% slower at 1344 bytes. clear()
//     keeps those lengths, and the short ones, where both are the same two
//     to eight overlapping stores.
//   - SSE2 (no AVX2, or GODEBUG=cpu.avx2=off): never. The runtime's
//     256-byte MOVOU loop is 3-7% faster than zeroAsm's 128-byte aligned
//     one from 257 bytes, and from 2 KiB its REP STOSQ is 1.5x faster than
//     any 16-byte store loop; below 257 bytes the two are within noise.
//     The SSE2 path of zeroAsm is still generated and tested at every
//     length, for the record and for CPUs where this may change.
const asmMin = 2048

// asmOK reports whether lengths from asmMin go to zeroAsm: only with the
// AVX2 kernel.
func asmOK() bool { return kernel == asm.AVX2 }
