// Package percpu holds typed object pools and counters with one cache per P
// (the runtime's processor, of which there are GOMAXPROCS), so that the
// common Get, Put and Add take no lock and touch no cache line shared with
// another CPU.
//
// It exists for the request path of an HTTP server: a large per-request
// context is taken from a [Pool], reset, used and given back, and hit
// counters are bumped on every request from every core. [sync.Pool] does the
// former through an interface value and an extra call level, and empties
// itself (through a victim cache) at every garbage collection;
// [sync/atomic.Int64] does the latter with one cache line that every core
// fights over.
//
// When not to use it: for small or rarely pooled objects, or when pooled
// memory should go back to the heap when the program goes quiet, use
// sync.Pool, which is unbounded but drained by the garbage collector. For a
// counter read about as often as it is written, use atomic.Int64: Load here
// walks every cell.
//
// # How it works
//
// In the default build Get, Put and Add pin the calling goroutine to its P
// with the runtime's procPin/procUnpin (reached through go:linkname; the
// runtime keeps both symbols open for that use, see go.dev/issue/67401),
// index a per-P cell with the P's id and unpin. Nothing that can block, and
// no call back into user code, happens while pinned: allocation, New, locks
// and the shared overflow list are all outside the pinned section.
// GOMAXPROCS may change at any time (Go 1.25 and later change it by
// themselves when the CPU quota changes), so every P id is bounds-checked
// against the current table of cells; a P beyond the table grows it under a
// mutex and publishes the new table atomically. Cells are padded to 128
// bytes so two Ps never share a cache line (or an adjacent-line prefetch
// pair).
//
// With -tags purego on amd64 and arm64 (asm.Purego: the build that runs no
// assembly anywhere in hotpath) nothing is linked from the runtime: a cell
// is chosen by a cheap hash of the calling goroutine's stack address, a Pool
// cell is claimed with a non-blocking TryLock (probing the next cells when
// it is busy) and a Counter cell is updated with an atomic add. On other
// GOARCHes the tag changes nothing, as for every hotpath package. The
// contracts below hold in both builds; only the speed differs.
//
// What that costs: Get, Put and Add are each one call plus the runtime's
// procPin/procUnpin pair, two more calls that cannot be inlined. That pair is
// the floor, and sync.Pool pays it too, so a Get+Put here costs about three
// quarters of sync.Pool's, not half. An uncontended atomic add is cheaper
// than the pair, so Counter.Add only wins when cores really contend for the
// counter, which is what it is for.
//
// A caller whose own body is the hot path can save Get's and Put's call
// level: [Pin], then [Pool.TakePinned] or [Pool.PutPinned] (both inline),
// then [Pinned.Unpin], and Get or Put only when the fast path failed.
//
// There is no assembly in this package: pinning is a runtime call and the
// work done while pinned is a few loads and stores, so there is nothing to
// vectorise and no gen/ program.
//
// # Pool: what it keeps, and garbage collection
//
// Each P caches at most 14 objects: one private slot, which is all the
// serial Get/Put fast path touches, and a stack of 13 more. When a P's cache
// is full, Put moves the older half of its stack to a shared list guarded by
// a mutex; when a P's cache is empty, Get takes up to 6 objects from that
// list (one to return, the rest to refill the cache) before calling New.
// The shared list holds at most 16 objects per P; what does not fit is
// dropped for the garbage collector. So a Pool holds at most 30 objects per
// P. When GOMAXPROCS grows beyond the cells a Pool has, it allocates a
// larger array of cells, and what the old cells held is dropped with them.
// (Under purego the cells are not per P: there are max(8, 4*NumCPU) of them,
// rounded up to a power of two, with the same 30-object bound each.)
//
// Unlike sync.Pool, a Pool does not empty itself at garbage collection.
// sync.Pool must, because it has no bound: it grows to whatever the peak
// demand was. A Pool is bounded by construction, so keeping its objects
// costs at most the few dozen per P above, and keeping them is the point:
// the objects pooled here are large, and dropping them at every cycle makes
// each GC followed by a burst of allocation and zeroing of exactly the
// memory the pool exists to reuse. A Pool registers nothing globally: once
// the Pool itself is unreachable, everything it holds is garbage.
//
// # Counter
//
// A Counter is a sum spread over per-P cells. Add is a plain add to the
// cell of the caller's P (an atomic add under -race, on 32-bit platforms and
// under purego). Load sums the cells; it is not a snapshot: it includes
// every Add that happened before it (in the sense of the Go memory model)
// and any subset of the Adds running concurrently with it. Once all Adds
// are done, Load is exact. A Counter costs 128 bytes per P; use it for
// values updated far more often than read, and a plain atomic.Int64 for one
// read as often as written.
//
// # Concurrency contract
//
// The zero value of Pool and Counter is ready to use. All methods are safe
// for concurrent use by any number of goroutines, and neither type may be
// copied after first use. Pool.New, if set, must be set before the first
// Get and not changed after; it may be called concurrently from several
// goroutines. An object given to Put must not be used by the caller
// afterwards; an object returned by Get belongs to the caller alone, in
// whatever state its last user left it (reset it). Put establishes a
// happens-before edge with the Get that returns the same object.
package percpu
