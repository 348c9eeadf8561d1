package hashmap

import "github.com/hotpath-go/hotpath/asm"

// The kernels, and what runs where.
//
// Two kinds of assembly exist. The group kernels (matchSSE2, matchAVX2,
// matchNEON; matchGeneric is their pure-Go reference) match one group's 16
// control bytes against a tag and EMPTY and return a bit mask. lookupSSE2
// (amd64, baseline SSE2, used by both amd64 families) is a whole read in
// one call: the multiply-fold hash, the probe with the same SSE2 match, and
// the key comparison, for keys of up to 64 bytes.
//
// Which one reads. Counted with callgrind on amd64 (BenchmarkKernels: 200
// keys of about 40 bytes; instructions per lookup, after taking off the
// benchmark loop's 34):
//
//	                          hit   miss
//	lookupSSE2 (one call)     101    110
//	find (Go, SWAR)           157    210
//	findSIMD, avx2 kernel     173    205
//	findSIMD, sse2 kernel     176    211
//
// A call into assembly is never inlined and costs about as much as the
// whole SWAR match of a group, so Go calling a group kernel per group never
// beats Go's own SWAR; what pays is moving the whole lookup into one call,
// where the hash, the probe and the comparison share registers instead of
// spilling around three Go calls (hash, key comparison, memequal). So:
// Get and GetBytes run lookupSSE2 on amd64 for keys of up to 64 bytes
// (except under -race: see race_on.go), and find for longer keys, on every
// other GOARCH (arm64 included: a NEON twin of lookupSSE2 is not written
// yet, and a NEON call per group loses to SWAR like the SSE2 one), in
// -tags purego builds, and when tests select the generic family. The group
// kernels serve findSIMD, which the model, fuzz and race tests hold to
// find's results in every family, and BenchmarkKernels measures, so that
// the choice can be revisited on other CPUs.
//
// Concurrency and the kernels. Readers load control words and slot pointers
// while the writer stores them. The Go code loads them with sync/atomic (a
// plain MOV on amd64, LDAR on arm64), so the race detector sees only atomic
// accesses. A kernel reads a group's 16 control bytes with one vector load,
// which the race detector does not see: on amd64 an aligned 8-byte half of a 16-byte load is
// single-copy atomic, and on arm64 the NEON load uses 64-bit lanes (VLD1
// .D2), whose elements are single-copy atomic. The load may still see one
// word from before a concurrent store and the other from after it, and, on
// arm64, be ordered after the slot-pointer load that follows it. Both are
// harmless: every combination of old and new words is a state a reader of
// the words one after the other could have seen, control bytes never go
// back to EMPTY while a key lies beyond them, and every candidate slot's
// entry pointer is loaded (by Go atomically, by lookupSSE2 with one aligned
// 8-byte MOV, an acquire load on amd64) and its key compared, so a stale or
// early read can only miss a write that had not completed, never return a
// value written for another key. Entries are immutable once published. The
// kernels store nothing but their results; lookupSSE2's result is the entry
// pointer it loaded, written to its own result slot on the stack (no heap
// memory, so no write barrier is owed).

// kernel is the family the package dispatches to; its assembly reads it
// (gen/internal/emit.UnlessFamily). It is set once at init and changed only
// by tests (testutil.ForEachKernel), never per call.
var kernel = asm.Kernel()
