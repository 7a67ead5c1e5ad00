package strategies

import (
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// TestRecycledAgentsDecideAlike plays the same relationships twice — three
// deals each (the agents learn across them), every time-dependent member
// against every strategy on one property domain after another (so a
// recycled agent mostly meets its last domain again, sometimes a new
// one) — once with agents that are never released and
// once releasing both agents when each relationship ends, as a tournament
// does. Every move must be the same: a recycled agent is as fresh as a new
// one. It also checks that agents were in fact recycled.
func TestRecycledAgentsDecideAlike(t *testing.T) {
	recycling := []string{"boulware", "linear", "conceder", "hardliner"}
	doms := propDomains()
	play := func(release bool) (moves [][]arena.Step, reused int) {
		released := map[agents.Agent]bool{}
		var tbl arena.Table
		pair := uint64(0)
		for _, dom := range doms {
			for _, name := range recycling {
				for _, other := range All() {
					pair++
					a, b := newStrategy(t, name, nil), newStrategy(t, other.Name, nil)
					if released[a] {
						reused++
					}
					seller := &arena.Party{Agent: a, Prefs: dom.sc.Prefs[agents.Seller], Rand: arena.NewRand(3, pair, 0)}
					buyer := &arena.Party{Agent: b, Prefs: dom.sc.Prefs[agents.Buyer], Rand: arena.NewRand(3, pair, 1)}
					for p := range 3 {
						setup := arena.Setup{Domain: dom.sc.Domain, Deadline: 12, Opener: arena.Alternate.Opener(p), Period: p, Record: true}
						out := tbl.Negotiate(setup, seller, buyer)
						if out.Fault != nil {
							t.Fatalf("%s vs %s on %s: %v", name, other.Name, dom.name, out.Fault)
						}
						moves = append(moves, out.Transcript)
					}
					if release {
						for _, x := range [2]agents.Agent{a, b} {
							if r, ok := x.(agents.Releaser); ok {
								released[x] = true
								r.Release()
							}
						}
					}
				}
			}
		}
		return moves, reused
	}
	want, _ := play(false)
	got, reused := play(true)
	if reused == 0 {
		t.Fatal("no agent was recycled: the test compares new agents with new agents")
	}
	t.Logf("%d of %d time-dependent agents were recycled", reused, len(recycling)*len(All())*len(doms))
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Fatalf("negotiation %d: %d moves with recycled agents, %d with new ones", i, len(got[i]), len(want[i]))
		}
		for j := range want[i] {
			g, w := got[i][j].Move, want[i][j].Move
			if g.Kind != w.Kind || !g.Offer.Equal(w.Offer) || g.Tags != w.Tags {
				t.Fatalf("negotiation %d, move %d: recycled %v %v, new %v %v", i, j, g.Kind, g.Offer, w.Kind, w.Offer)
			}
		}
	}
}

// TestReleasedTwiceIsKeptOnce checks that an agent released twice is handed
// out at most once: two agents made afterwards are two agents.
func TestReleasedTwiceIsKeptOnce(t *testing.T) {
	a := newTimeDependent(0.2, 0)
	a.Release()
	a.Release()
	b, c := newTimeDependent(0.2, 0), newTimeDependent(0.2, 0)
	if b == c {
		t.Fatal("two new agents are one: a double release put the agent in the pool twice")
	}
}
