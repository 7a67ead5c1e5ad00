package strategies

import (
	"slices"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/agents/agenttest"
	"github.com/winwin-sim/winwin/arena"
)

// The tit-for-tat agent is the seller of carScenario and responds: the
// scripted buyer opens. Utilities below are the seller's: [0 2] 0, [1 2]
// 0.15, [2 2] 0.3, [2 1] 0.5, [4 2] 0.6, [4 1] 0.8, [4 0] 1. Against a
// buyer who keeps the warranty at 3 years its ladder gives up the warranty
// first, then the price: [4 0] 1, [4 1] 0.8, [4 2] 0.6, [3 2] 0.45, [2 2]
// 0.3, [1 2] 0.15, [0 2] 0.
func TestTitForTatScripted(t *testing.T) {
	tests := []struct {
		name string
		opp  []string
		want []string
	}{{
		// It opens at its best. Each of the buyer's concessions, [1 2]
		// (0.15 of the way), [2 2] (0.3), [2 1] (0.5), lowers its mirror
		// target (0.85, 0.7, 0.5) below its previous offer and it
		// answers with at least one step: [4 1], then [4 2]. Its next
		// step, [3 2] (0.45), is worth less than the buyer's [2 1]
		// (0.5), which it accepts.
		name: "reciprocates", opp: []string{"offer[0 2]", "offer[1 2]", "offer[2 2]", "offer[2 1]"},
		want: []string{"offer[4 0]", "offer[4 1]", "offer[4 2]", "accept"},
	}, {
		// A buyer who never moves gets the goodwill step and nothing
		// more.
		name: "does not chase a hardliner", opp: times(5, "offer[0 2]"),
		want: slices.Concat([]string{"offer[4 0]"}, times(4, "offer[4 1]")),
	}, {
		// Anchored: the buyer opens at [0 2] (worth 0) and comes to
		// [2 1] (0.5), half the way to the seller's best: the mirror
		// target is 0.5, and the seller gives up two rungs at once, to
		// [4 2] (0.6, the lowest rung worth 0.5) ...
		name: "anchored by an extreme opening", opp: []string{"offer[0 2]", "offer[2 1]"},
		want: []string{"offer[4 0]", "offer[4 2]"},
	}, {
		// ... where the same [2 1] without the anchor is no concession at
		// all: it makes only its goodwill step, to [4 1] (0.8).
		name: "not anchored by a moderate opening", opp: []string{"offer[2 1]", "offer[2 1]"},
		want: []string{"offer[4 0]", "offer[4 1]"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			agenttest.VersusTest(t, factory(t, "tit-for-tat", nil), agenttest.Versus{
				Scenario: carScenario(),
				Opener:   agents.Buyer,
				Opponent: agenttest.Script(tt.opp...),
				Want:     tt.want,
			})
		})
	}
}

// tftGrid is four yes/no issues, the tit-for-tat seller responding: it
// values option 0 of each at 1 and option 1 at 0, with weights 0.4, 0.3,
// 0.2, 0.1; the buyer the reverse, with equal weights. A buyer who keeps
// proposing [1 1 1 1] teaches the seller's ladder to give up the light
// issues first: [0 0 0 0] 1, [0 0 0 1] 0.9, [0 0 1 1] 0.7, [0 1 1 1] 0.4,
// [1 1 1 1] 0.
func tftGrid() arena.Scenario {
	d := &agents.Domain{Name: "grid"}
	for _, n := range []string{"a", "b", "c", "d"} {
		d.Issues = append(d.Issues, agents.Issue{Name: n, Options: []string{"no", "yes"}})
	}
	no, yes := []float64{1, 0}, []float64{0, 1}
	return arena.Scenario{Domain: d, Prefs: [2]*agents.Preferences{
		{Weights: []float64{0.4, 0.3, 0.2, 0.1}, Values: [][]float64{no, no, no, no}},
		{Weights: []float64{0.25, 0.25, 0.25, 0.25}, Values: [][]float64{yes, yes, yes, yes}},
	}}
}

// TestTitForTatRetaliates checks that the mirror works both ways. After
// its goodwill step the seller sees the buyer concede [0 1 1 1] (0.4 of
// the way): it answers with a step, to [0 0 1 1]. When the buyer takes the
// concession back, the seller's target returns to the mirror, its best.
func TestTitForTatRetaliates(t *testing.T) {
	agenttest.VersusTest(t, factory(t, "tit-for-tat", nil), agenttest.Versus{
		Scenario: tftGrid(),
		Opener:   agents.Buyer,
		Opponent: agenttest.Script("offer[1 1 1 1]", "offer[1 1 1 1]", "offer[0 1 1 1]", "offer[1 1 1 1]"),
		Want:     []string{"offer[0 0 0 0]", "offer[0 0 0 1]", "offer[0 0 1 1]", "offer[0 0 0 0]"},
	})
}

// TestTitForTatFlinchable: a buyer who never concedes but flinches at
// every offer. Each flinch keeps 0.95 of the seller's remaining range, so
// after the goodwill step to [0 0 0 1] (0.9) its target sinks 0.857,
// 0.815, 0.774, 0.735, 0.698: below 0.7 it gives up another issue. With
// flinch_sensitivity 0 it holds.
func TestTitForTatFlinchable(t *testing.T) {
	tests := []struct {
		name        string
		sensitivity float64
		want        []string
	}{
		{"yields", 0.05, slices.Concat([]string{"offer[0 0 0 0]"}, times(5, "offer[0 0 0 1]"), []string{"offer[0 0 1 1]"})},
		{"holds", 0, slices.Concat([]string{"offer[0 0 0 0]"}, times(6, "offer[0 0 0 1]"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			agenttest.VersusTest(t, factory(t, "tit-for-tat", map[string]float64{"flinch_sensitivity": tt.sensitivity}), agenttest.Versus{
				Scenario: tftGrid(),
				Opener:   agents.Buyer,
				Opponent: agenttest.Script(times(7, "offer[1 1 1 1] flinch")...),
				Want:     tt.want,
			})
		})
	}
}
