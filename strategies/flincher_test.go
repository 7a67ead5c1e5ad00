package strategies

import (
	"slices"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/agents/agenttest"
)

// In carScenario the flincher concedes from its best [4 0] (1) on the
// linear curve 1 − t at t = turn/19 and accepts an offer worth its target.
// The partner offers [0 2] (worth 0 to it) three times, then [2 1] (0.5).
func TestFlincher(t *testing.T) {
	opp := agenttest.Script(slices.Concat(times(3, "offer[0 2]"), times(6, "offer[2 1]"))...)
	tests := []struct {
		name   string
		opens  bool
		over   map[string]float64
		want   []string
		flinch []int // the moves that carry the flinch line
	}{
		{
			// The partner's opening gets the flinch and the far counter
			// (its best); then it concedes with time and takes [2 1]
			// once 1 − t falls to 0.42 (turn 11).
			name:   "flinches at the first offer",
			want:   []string{"offer[4 0] flinch", "offer[4 0]", "offer[4 1]", "offer[4 1]", "offer[4 2]", "accept"},
			flinch: []int{0},
		},
		{
			// Opening itself, it has nothing to flinch at: it flinches at
			// the partner's first offer instead.
			name:   "opens, then flinches",
			opens:  true,
			want:   []string{"offer[4 0]", "offer[4 0] flinch", "offer[4 1]", "offer[4 1]", "offer[4 2]", "accept"},
			flinch: []int{1},
		},
		{
			name:   "flinches twice",
			over:   map[string]float64{"flinches": 2},
			want:   []string{"offer[4 0] flinch", "offer[4 0] flinch", "offer[4 1]", "offer[4 1]", "offer[4 2]", "accept"},
			flinch: []int{0, 1},
		},
		{
			name: "never flinches",
			over: map[string]float64{"flinches": 0},
			want: []string{"offer[4 0]", "offer[4 0]", "offer[4 1]", "offer[4 1]", "offer[4 2]", "accept"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := agenttest.Versus{Scenario: carScenario(), Opener: agents.Buyer, Opponent: opp, Want: tt.want}
			if tt.opens {
				v.Opener = agents.Seller
			}
			moves := agenttest.VersusTest(t, factory(t, "flincher", tt.over), v).Moves
			for _, i := range tt.flinch {
				if i < len(moves) && moves[i].Say != sayFlinch[agents.Seller] {
					t.Errorf("move %d says %q, want %q", i, moves[i].Say, sayFlinch[agents.Seller])
				}
			}
		})
	}
}
