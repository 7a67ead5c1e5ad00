package strategies

import "sync"

// Recycling. A bulk run makes two agents for every relationship and drops
// them when it ends: in workload W1 (docs/model.md#workload-w1), where
// every relationship is one negotiation, a fresh time-dependent agent and
// the buffers it makes for its domain were over half of what a negotiation
// allocated. The arena tells an agent it is done with it through the
// agents.Releaser hook. The strategies built on the bidder or the pace keep
// a released agent, with its buffers, in a pool of its type, and their
// constructor hands it out again made fresh (bidder.fresh or pace.fresh,
// then every other field set as a new agent's): a new agent's state, but
// for buffers and the offer search's caches, which are checked against the
// preferences before use. An agent decides alike whether it is new or
// recycled (TestRecycledAgentsDecideAlike), whichever goroutine released
// it.
//
// A pool's agents are dropped by the collector like any garbage: a pool
// saves work only while agents come and go.

// The pools of released agents, one per type: the strategies built on the
// bidder (bidder.go) — time-dependent, tit-for-tat, hardheaded — and those
// built on the pace (pace.go): the article strategies.
var (
	timeDeps, titForTats, hardHeadeds                             sync.Pool
	integratives, flinchers, hardAnchorers, walkAways, unbundlers sync.Pool
)

// recycle puts a, just released, into pool if first says this was its
// first release (releaseMark.release): an agent released twice
// goes in once, so that two later agents never share it.
func recycle[T any](pool *sync.Pool, a *T, first bool) {
	if first {
		pool.Put(a)
	}
}

// recycled returns a released agent of type T from pool, for its
// constructor to make fresh, or a new one.
func recycled[T any](pool *sync.Pool) *T {
	if a, _ := pool.Get().(*T); a != nil {
		return a
	}
	return new(T)
}

// A releaseMark remembers that its agent was released (the bidder's and
// the pace's), so that a second Release puts nothing in a pool.
type releaseMark struct{ released bool }

// release marks the agent released and reports whether it was not
// already (see recycle).
func (m *releaseMark) release() bool {
	if m.released {
		return false
	}
	m.released = true
	return true
}
