package strategies

import (
	"testing"

	"github.com/winwin-sim/winwin/agents"
)

// The hardheaded agent is the seller of smallScenario with reservation
// value 0.3 and opens; the deadline of 10 rounds makes turn 18 its last.
// Against a buyer who keeps proposing [0 2] its ladder is [4 0] 1, [4 1]
// 0.8, [4 2] 0.6, [3 2] 0.45, … (see TestTimeDependentScripted). Its floor,
// 0.3 + 0.5·0.7 = 0.65, lies between [4 1] and [4 2]. Its curve 0.3 +
// 0.7(1 − t²⁰) stays above 0.925, where it offers [4 0] without a ladder,
// up to turn 16 (0.978); at turn 18 it is 0.763.
func TestHardHeadedScripted(t *testing.T) {
	sc := smallScenario()
	sc.own = sc.own.Clone()
	sc.own.Reservation = 0.3
	stubborn := repeatMove(10, scriptOffer(0, 0, 2))
	tests := []struct {
		name      string
		overrides map[string]float64
		opp       []agents.Move
		want      string
	}{{
		// The buyer's best offer for the seller was [2 1] (0.5) at turn
		// 13; its last, [0 2], is worth less than 0.3. On its last turn
		// the seller offers [2 1] back.
		name: "offers back the partner's best at the end",
		opp:  append(append(repeatMove(6, scriptOffer(0, 0, 2)), scriptOffer(0, 2, 1)), repeatMove(3, scriptOffer(0, 0, 2))...),
		want: repeatFmt(9, "offer[4 0]") + ", offer[2 1]",
	}, {
		name: "takes any deal above its reservation value at the end",
		opp:  append(repeatMove(8, scriptOffer(0, 0, 2)), scriptOffer(0, 2, 1)),
		want: repeatFmt(9, "offer[4 0]") + ", accept",
	}, {
		// Nothing the buyer offered beats 0.3: on its last turn it
		// stays on its curve (0.763), above the floor, and makes its
		// only concession, one step to [4 1].
		name: "never below its reservation value", opp: stubborn,
		want: repeatFmt(9, "offer[4 0]") + ", offer[4 1]",
	}, {
		// With e = 0.5 the curve 0.3 + 0.7(1 − t²) (0.806 at turn 10,
		// 0.721 at 12, 0.620 at 14, 0.504 at 16, 0.372 at 18) reaches
		// [4 1] at turn 12 and would go on to [4 2] at turn 16, but the
		// floor 0.65 holds it at [4 1] ...
		name: "floor holds", overrides: map[string]float64{"e": 0.5}, opp: stubborn,
		want: repeatFmt(6, "offer[4 0]") + ", " + repeatFmt(4, "offer[4 1]"),
	}, {
		// ... and without the floor it concedes on: the warranty all the
		// way (a step costs it less than a price step, and its model
		// weighs both issues alike for the buyer), then the price.
		name: "no floor", overrides: map[string]float64{"e": 0.5, "floor": 0}, opp: stubborn,
		want: repeatFmt(6, "offer[4 0]") + ", " + repeatFmt(2, "offer[4 1]") + ", offer[4 2], offer[3 2]",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fmtMoves(playScript(t, newStrategy(t, "hardheaded", tt.overrides), sc, tt.opp))
			if got != tt.want {
				t.Errorf("moves:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}
