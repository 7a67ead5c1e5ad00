package strategies

import "sync"

// Recycling. A bulk run makes two agents for every relationship and drops
// them when it ends: in workload W1 (docs/model.md#workload-w1), where every
// relationship is one negotiation, a fresh time-dependent agent and the
// buffers it makes for its domain were over half of what a negotiation
// allocated. The arena tells an agent it is done with it through the
// agents.Releaser hook; the time-dependent agents keep a released agent,
// with its buffers, in a pool, and their constructor hands it out again
// made fresh (bidder.fresh): the same state as a new agent's, field by
// field, so the decisions are the same whether an agent is new or
// recycled (TestRecycledAgentsDecideAlike), and the same for any order in
// which goroutines release and take them.
//
// A pool's agents are dropped by the collector like any garbage: a pool
// only saves work while agents come and go.

// timeDeps holds released time-dependent agents (*timeDependent).
var timeDeps sync.Pool

// release marks the bidder's agent released and reports whether it was
// not already: an agent released twice goes into its pool once, so that
// two later agents never share it.
func (b *bidder) release() bool {
	if b.released {
		return false
	}
	b.released = true
	return true
}
