// Package heapfloor keeps Go's garbage collector from running while the
// heap is small.
//
// The collector starts a cycle when the heap has grown by GOGC percent
// (100 by default) over what the last cycle found live. A run whose live
// heap is small — a few megabytes of tables while millions of short-lived
// negotiation records come and go — collects every few megabytes of
// allocation: dozens of cycles a second. Each cycle stops every processor
// twice, marks with write barriers on and flushes every processor's
// allocation cache, so its cost grows with the processors; on the classic
// tournament a floor of 32 MiB cuts the cycles from 39–60 to 15–18 and
// the run's CPU time by a few per cent (docs/performance.md#the-collector).
//
// Reserve sets a floor under the heap goal the old-fashioned way, with a
// ballast: one allocation of the floor's size that holds no pointers and
// is never read or written. The collector counts it as live, so with the
// default GOGC of 100 the rest of the heap grows by at least the
// ballast's size between cycles, however little of it is live. The
// operating system never backs the ballast with memory, since nothing
// touches its pages: it costs address space, not resident memory. The
// price is paid where the heap is large: there too the rest of the heap
// may grow by the ballast's size more than it would, so a run's peak
// resident memory grows by about the floor's size.
//
// Reserve does nothing when the environment sets GOGC or GOMEMLIMIT: the
// user's choice of collector settings stands.
package heapfloor

import (
	"os"
	"runtime"
)

// A Reserve is a ballast; keep it reachable (see Reserve.Release) for as
// long as the floor should hold.
type Reserve struct {
	ballast []byte
}

// New allocates a ballast of size bytes, or none (a nil *Reserve) when the
// environment sets GOGC or GOMEMLIMIT. Call it early, before the heap has
// freed memory of that size: a ballast carved from memory used before
// would be zeroed, and so resident, when allocated.
func New(size int) *Reserve {
	for _, v := range []string{"GOGC", "GOMEMLIMIT"} {
		if _, set := os.LookupEnv(v); set {
			return nil
		}
	}
	return &Reserve{ballast: make([]byte, size)}
}

// Size returns the ballast's size in bytes, 0 for a nil Reserve.
func (r *Reserve) Size() int {
	if r == nil {
		return 0
	}
	return len(r.ballast)
}

// Release drops the ballast: the floor is gone after the next cycle. It
// also keeps r reachable until it is called, so call it (deferred) where
// the floor should end.
func (r *Reserve) Release() {
	if r == nil {
		return
	}
	runtime.KeepAlive(r.ballast)
	r.ballast = nil
}
