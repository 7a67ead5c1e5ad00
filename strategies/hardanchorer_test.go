package strategies

import (
	"slices"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/agents/agenttest"
)

// In carScenario the seller's partner-blind ladder gives up warranty first
// (0.2 of its utility per step against 0.15 for a price step, while an
// opposed partner weighing both issues alike gains more per unit from
// warranty): [4 0] 1, [4 1] 0.8, [4 2] 0.6, [3 2] 0.45, … Its Boulware
// target with e = 0.2 and reservation 0 is 1 − t^5 at t = turn/19.
func TestHardAnchorer(t *testing.T) {
	// Anchors at its best, holds it while 1 − t^5 stays above 0.8 (turns
	// 0–12), gives warranty at turn 14 (target 0.78) and turn 16 (0.58),
	// and accepts [3 1] (0.65) at turn 18, where the target is 0.24; it
	// refused [2 1] (0.5) at turn 16, below 0.58 − tolerance.
	late := slices.Concat([]string{"offer[4 0] anchor"}, times(6, "offer[4 0]"), []string{"offer[4 1]", "offer[4 2]", "accept"})
	tests := []struct {
		name string
		over map[string]float64
		opp  []agents.Move
		want []string
	}{
		{
			name: "anchors and concedes late",
			opp:  agenttest.Script(slices.Concat(times(6, "offer[0 2]"), []string{"offer[1 2]", "offer[2 1]", "offer[3 1]"})...),
			want: late,
		},
		{
			// A flinch changes nothing: the same moves as above.
			name: "ignores a flinch",
			opp:  agenttest.Script(slices.Concat([]string{"offer[0 2] flinch"}, times(5, "offer[0 2]"), []string{"offer[1 2]", "offer[2 1]", "offer[3 1]"})...),
			want: late,
		},
		{
			// Asked how the number was reached, it justifies it and
			// keeps its schedule.
			name: "justifies when asked why",
			opp:  agenttest.Script("offer[0 2] ask-why", "offer[0 2]"),
			want: []string{"offer[4 0] anchor", "offer[4 0] justify", "offer[4 0]"},
		},
		{
			// Early on, [4 1] (0.8) is far below its target (≈ 1).
			name: "refuses below its target",
			opp:  agenttest.Script("offer[4 1]"),
			want: []string{"offer[4 0] anchor", "offer[4 0]"},
		},
		{
			// With a tolerance of 0.2 the same offer is near enough.
			name: "accepts within tolerance",
			over: map[string]float64{"tolerance": 0.2},
			opp:  agenttest.Script("offer[4 1]"),
			want: []string{"offer[4 0] anchor", "accept"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := agenttest.VersusTest(t, factory(t, "hard-anchorer", tt.over), agenttest.Versus{
				Scenario: carScenario(), Opponent: tt.opp, Want: tt.want,
			})
			if len(res.Moves) > 0 && res.Moves[0].Say != sayAnchor[agents.Seller] {
				t.Errorf("opening says %q, want %q", res.Moves[0].Say, sayAnchor[agents.Seller])
			}
		})
	}
}

// The anchor opens the deal whoever opens: as responder its first offer is
// its best outcome too, tagged anchor.
func TestHardAnchorerResponds(t *testing.T) {
	agenttest.VersusTest(t, factory(t, "hard-anchorer", nil), agenttest.Versus{
		Scenario: carScenario(),
		Opener:   agents.Buyer,
		Opponent: agenttest.Script("offer[0 2]"),
		Want:     []string{"offer[4 0] anchor"},
	})
}

// One turn of any article strategy allocates nothing once its buffers
// exist: the round loop of a tournament runs millions of turns.
func TestArticleTurnsAllocateNothing(t *testing.T) {
	sc := copierScenario()
	partner := agenttest.Script(
		"offer[1 0 0 1]",
		"offer[0 0 0 1] flinch",
		"offer[3 1 0 1] unbundle",
		"offer[2 1 1 1] anchor+disclose ranking[0 1 2 3]",
	)
	for _, name := range []string{"hard-anchorer", "integrative", "flincher", "walk-away-disciplined", "unbundler"} {
		t.Run(name, func(t *testing.T) {
			a := newStrategy(t, name, nil)
			v := &agents.View{Domain: sc.Domain, Prefs: sc.Prefs[agents.Seller], Deadline: 10, Opener: agents.Buyer, Turn: 1, Last: partner[0]}
			a.Act(v) // first move of the deal: buffers are made here
			turn := 3
			allocs := testing.AllocsPerRun(50, func() {
				v.Turn = turn
				v.Last = partner[turn%len(partner)]
				a.Act(v)
				turn = 3 + (turn+2)%14
			})
			if allocs != 0 {
				t.Errorf("%v allocations per turn, want 0", allocs)
			}
		})
	}
}

// On copierScenario both sides want installation included (issue 3). The
// buyer's first offer leaves it out, so keepShared (which needs every
// offer of the partner to show a shared interest) does not hold it; from
// its second offer on the buyer asks for it, and the hard-anchorer's
// partner-blind ladder, which would give installation up as it concedes
// (it weighs it least but for delivery), keeps it included: giving up an
// issue the partner's latest offer shows it shares would be worse for both
// sides, a lose-lose move.
func TestHardAnchorerKeepsWhatTheLatestAskShares(t *testing.T) {
	agenttest.VersusTest(t, factory(t, "hard-anchorer", nil), agenttest.Versus{
		Scenario: copierScenario(), Deadline: 20,
		Opponent: agenttest.Script(slices.Concat([]string{"offer[0 0 0 0]"}, times(19, "offer[0 0 0 1]"))...),
		// Without the rule the last three moves are offer[4 0 1 0],
		// offer[4 0 1 0], offer[4 0 0 0].
		Want: slices.Concat([]string{"offer[4 2 1 1] anchor"}, times(12, "offer[4 2 1 1]"), times(2, "offer[4 1 1 1]"),
			times(4, "offer[4 0 1 1]"), []string{"offer[4 0 0 1]"}),
	})
}
