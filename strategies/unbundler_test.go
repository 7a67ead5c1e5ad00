package strategies

import (
	"slices"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/agents/agenttest"
)

// The unbundler buyer in copierScenario concedes from its best [0 0 0 1]
// on 1 − 0.7t at t = turn/19, first by taking training (0.91 at turn 3).
// The seller's packages are worth 0.16, 0.42, 0.54 and 0.69 to it; at turn
// 7 (target 0.74) the last is within near (0.1): it asks for the same
// package, $120 and 1 week, without training ([2 0 0 1], 0.78 to it).
// Installation, which it wants, stays in.
func TestUnbundler(t *testing.T) {
	packages := []string{"offer[4 2 1 1]", "offer[3 1 1 1]", "offer[2 1 1 1]", "offer[2 0 1 1]"}
	tests := []struct {
		name   string
		answer []string
		want   []string
		deal   agents.Offer
	}{
		{
			name:   "the seller gives in",
			answer: []string{"accept"},
			want:   []string{"offer[0 0 0 1]", "offer[0 0 1 1]", "offer[0 0 1 1]", "offer[2 0 0 1] unbundle"},
			deal:   agents.Offer{2, 0, 0, 1},
		},
		{
			// The seller re-prices; the unbundler unbundles no more and
			// concedes from the unbundled package without asking a lower
			// price: it takes training back (0.69 at a target of 0.67).
			// Then it accepts the seller's $120 and 2 weeks with training
			// out, worth 0.63 at a target of 0.60.
			name:   "the seller re-prices",
			answer: []string{"offer[4 2 0 1] reprice", "offer[2 1 0 1]"},
			want:   []string{"offer[0 0 0 1]", "offer[0 0 1 1]", "offer[0 0 1 1]", "offer[2 0 0 1] unbundle", "offer[2 0 1 1]", "accept"},
			deal:   agents.Offer{2, 1, 0, 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := agenttest.VersusTest(t, factory(t, "unbundler", nil), agenttest.Versus{
				Scenario: copierScenario(),
				Role:     agents.Buyer,
				Opponent: agenttest.Script(slices.Concat(packages, tt.answer)...),
				Want:     tt.want,
			})
			if out := res.Outcome; !out.Agreed || !out.Offer.Equal(tt.deal) {
				t.Errorf("deal %v (agreed %v), want %v", out.Offer, out.Agreed, tt.deal)
			}
			for i, m := range res.Moves {
				if m.Tags.Has(agents.TagUnbundle) && m.Say != sayUnbundle[agents.Buyer] {
					t.Errorf("move %d says %q, want %q", i, m.Say, sayUnbundle[agents.Buyer])
				}
			}
		})
	}
}

// On its last move the unbundler does not unbundle (the partner could not
// answer): it takes the near package if it is worth its reservation value.
func TestUnbundlerNotOnLastMove(t *testing.T) {
	agenttest.VersusTest(t, factory(t, "unbundler", nil), agenttest.Versus{
		Scenario: copierScenario(),
		Role:     agents.Buyer,
		Deadline: 1,
		Opponent: agenttest.Script("offer[2 0 1 1]"),
		Want:     []string{"accept"},
	})
}

// Without bundle items it is a plain time-dependent negotiator: in
// carScenario the buyer (reservation 0) concedes on 1 − t from [0 2],
// price first, and takes [2 1] (0.5) at turn 11 (target 0.42). It never
// unbundles.
func TestUnbundlerWithoutItems(t *testing.T) {
	agenttest.VersusTest(t, factory(t, "unbundler", nil), agenttest.Versus{
		Scenario: carScenario(),
		Role:     agents.Buyer,
		Opponent: agenttest.Script(slices.Concat(times(3, "offer[4 0]"), times(6, "offer[2 1]"))...),
		Want:     []string{"offer[0 2]", "offer[2 2]", "offer[3 2]", "offer[4 2]", "offer[4 2]", "accept"},
	})
}

// As a seller it answers an unbundle with a new price: in copierScenario,
// asked for $130 and 2 weeks without training, it keeps training out and
// asks $140 and 4 weeks.
func TestUnbundlerReprices(t *testing.T) {
	agenttest.VersusTest(t, factory(t, "unbundler", nil), agenttest.Versus{
		Scenario: copierScenario(),
		Opponent: agenttest.Script("offer[0 0 0 1]", "offer[3 1 0 1] unbundle"),
		Want:     []string{"offer[4 2 1 1]", "offer[4 2 1 1]", "offer[4 2 0 1] reprice"},
	})
}
