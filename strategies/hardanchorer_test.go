package strategies

import (
	"testing"

	"github.com/winwin-sim/winwin/agents"
)

// newArticle returns a fresh agent of a registered strategy with parameter
// overrides, failing the test if the name or a value is wrong.
func newArticle(t *testing.T, name string, overrides map[string]float64) agents.Agent {
	t.Helper()
	f, err := Factory(name, overrides)
	if err != nil {
		t.Fatalf("Factory(%q): %v", name, err)
	}
	return f()
}

// repeat returns n copies of m.
func repeat(m agents.Move, n int) []agents.Move {
	out := make([]agents.Move, n)
	for i := range out {
		out[i] = m
	}
	return out
}

// In smallScenario the seller's partner-blind ladder gives up warranty
// first (0.2 of its utility per step against 0.15 for a price step, while
// an opposed partner weighing both issues alike gains more per unit from
// warranty): [4 0] 1, [4 1] 0.8, [4 2] 0.6, [3 2] 0.45, … Its Boulware
// target with e = 0.2 and reservation 0 is 1 − t^5 at t = turn/19.
func TestHardAnchorer(t *testing.T) {
	tests := []struct {
		name string
		over map[string]float64
		opp  []agents.Move
		want string
	}{
		{
			// Anchors at its best, holds it while 1 − t^5 stays above 0.8
			// (turns 0–12), gives warranty at turn 14 (target 0.78) and
			// turn 16 (0.58), and accepts [3 1] (0.65) at turn 18, where
			// the target is 0.24; it refused [2 1] (0.5) at turn 16,
			// below 0.58 − tolerance.
			name: "anchors and concedes late",
			opp:  append(repeat(scriptOffer(0, 0, 2), 6), scriptOffer(0, 1, 2), scriptOffer(0, 2, 1), scriptOffer(0, 3, 1)),
			want: "offer[4 0]+anchor, offer[4 0], offer[4 0], offer[4 0], offer[4 0], offer[4 0], offer[4 0], offer[4 1], offer[4 2], accept",
		},
		{
			// A flinch changes nothing: the same moves as above.
			name: "ignores a flinch",
			opp:  append(append([]agents.Move{scriptOffer(agents.TagFlinch, 0, 2)}, repeat(scriptOffer(0, 0, 2), 5)...), scriptOffer(0, 1, 2), scriptOffer(0, 2, 1), scriptOffer(0, 3, 1)),
			want: "offer[4 0]+anchor, offer[4 0], offer[4 0], offer[4 0], offer[4 0], offer[4 0], offer[4 0], offer[4 1], offer[4 2], accept",
		},
		{
			// Asked how the number was reached, it justifies it and
			// keeps its schedule.
			name: "justifies when asked why",
			opp:  []agents.Move{scriptOffer(agents.TagAskWhy, 0, 2), scriptOffer(0, 0, 2)},
			want: "offer[4 0]+anchor, offer[4 0]+justify, offer[4 0]",
		},
		{
			// Early on, [4 1] (0.8) is far below its target (≈ 1).
			name: "refuses below its target",
			opp:  []agents.Move{scriptOffer(0, 4, 1)},
			want: "offer[4 0]+anchor, offer[4 0]",
		},
		{
			// With a tolerance of 0.2 the same offer is near enough.
			name: "accepts within tolerance",
			over: map[string]float64{"tolerance": 0.2},
			opp:  []agents.Move{scriptOffer(0, 4, 1)},
			want: "offer[4 0]+anchor, accept",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			moves := playScript(t, newArticle(t, "hard-anchorer", tt.over), smallScenario(), tt.opp)
			if got := fmtMoves(moves); got != tt.want {
				t.Errorf("moves:\n got %s\nwant %s", got, tt.want)
			}
			if moves[0].Say != sayAnchor {
				t.Errorf("opening says %q, want %q", moves[0].Say, sayAnchor)
			}
		})
	}
}

// The anchor opens the deal whoever opens: as responder its first offer is
// its best outcome too, tagged anchor.
func TestHardAnchorerResponds(t *testing.T) {
	sc := smallScenario()
	sc.agentOpens = false
	moves := playScript(t, newArticle(t, "hard-anchorer", nil), sc, []agents.Move{scriptOffer(0, 0, 2)})
	if got, want := fmtMoves(moves), "offer[4 0]+anchor"; got != want {
		t.Errorf("moves = %s, want %s", got, want)
	}
}

// One turn of any article strategy allocates nothing once its buffers
// exist: the round loop of a tournament runs millions of turns.
func TestArticleTurnsAllocateNothing(t *testing.T) {
	sc := bundleScenario()
	partner := []agents.Move{
		scriptOffer(0, 1, 0, 0, 1),
		scriptOffer(agents.TagFlinch, 0, 0, 0, 1),
		scriptOffer(agents.TagUnbundle, 3, 1, 0, 1),
		scriptOffer(agents.TagAnchor|agents.TagDisclose, 2, 1, 1, 1),
	}
	partner[3].Ranking = []int{0, 1, 2, 3}
	for _, name := range []string{"hard-anchorer", "integrative", "flincher", "walk-away-disciplined", "unbundler"} {
		t.Run(name, func(t *testing.T) {
			a := newArticle(t, name, nil)
			v := &agents.View{Domain: sc.domain, Prefs: sc.own, Deadline: 10, Opener: agents.Buyer, Turn: 1, Last: partner[0]}
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
