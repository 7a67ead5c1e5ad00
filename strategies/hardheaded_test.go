package strategies

import (
	"slices"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/agents/agenttest"
)

// The hardheaded agent is the seller of carScenario with reservation value
// 0.3 and opens; the deadline of 10 rounds makes turn 18 its last. Against
// a buyer who keeps proposing [0 2] its ladder is [4 0] 1, [4 1] 0.8,
// [4 2] 0.6, [3 2] 0.45, … (see TestTimeDependentScripted). Its floor,
// 0.3 + 0.5·0.7 = 0.65, lies between [4 1] and [4 2]. Its curve 0.3 +
// 0.7(1 − t²⁰) stays above 0.925, where it offers [4 0] without a ladder,
// up to turn 16 (0.978); at turn 18 it is 0.763.
func TestHardHeadedScripted(t *testing.T) {
	stubborn := times(10, "offer[0 2]")
	tests := []struct {
		name      string
		overrides map[string]float64
		opp       []string
		want      []string
	}{{
		// The buyer's best offer for the seller was [2 1] (0.5) at turn
		// 13; its last, [0 2], is worth less than 0.3. On its last turn
		// the seller offers [2 1] back.
		name: "offers back the partner's best at the end",
		opp:  slices.Concat(times(6, "offer[0 2]"), []string{"offer[2 1]"}, times(3, "offer[0 2]")),
		want: slices.Concat(times(9, "offer[4 0]"), []string{"offer[2 1]"}),
	}, {
		name: "takes any deal above its reservation value at the end",
		opp:  slices.Concat(times(8, "offer[0 2]"), []string{"offer[2 1]"}),
		want: slices.Concat(times(9, "offer[4 0]"), []string{"accept"}),
	}, {
		// Nothing the buyer offered beats 0.3: on its last turn it
		// stays on its curve (0.763), above the floor, and makes its
		// only concession, one step to [4 1].
		name: "never below its reservation value", opp: stubborn,
		want: slices.Concat(times(9, "offer[4 0]"), []string{"offer[4 1]"}),
	}, {
		// With e = 0.5 the curve 0.3 + 0.7(1 − t²) (0.806 at turn 10,
		// 0.721 at 12, 0.620 at 14, 0.504 at 16, 0.372 at 18) reaches
		// [4 1] at turn 12 and would go on to [4 2] at turn 16, but the
		// floor 0.65 holds it at [4 1] ...
		name: "floor holds", overrides: map[string]float64{"e": 0.5}, opp: stubborn,
		want: slices.Concat(times(6, "offer[4 0]"), times(4, "offer[4 1]")),
	}, {
		// ... and without the floor it concedes on: the warranty all the
		// way (a step costs it less than a price step, and its model
		// weighs both issues alike for the buyer), then the price.
		name: "no floor", overrides: map[string]float64{"e": 0.5, "floor": 0}, opp: stubborn,
		want: slices.Concat(times(6, "offer[4 0]"), times(2, "offer[4 1]"), []string{"offer[4 2]", "offer[3 2]"}),
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := carScenario()
			sc.Prefs[agents.Seller].Reservation = 0.3
			agenttest.VersusTest(t, factory(t, "hardheaded", tt.overrides), agenttest.Versus{
				Scenario: sc,
				Opponent: agenttest.Script(tt.opp...),
				Want:     tt.want,
			})
		})
	}
}
