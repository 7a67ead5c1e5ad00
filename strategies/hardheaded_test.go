package strategies

import (
	"testing"

	"github.com/winwin-sim/winwin/agents"
)

// The hardheaded agent is the seller of smallScenario with reservation
// value 0.3 and opens; the deadline of 10 rounds makes turn 18 its last.
// Its floor is 0.3 + 0.5·0.7 = 0.65, above the [4 2] rung (0.6), so it
// offers its best [4 0] until its last turn.
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
		// stays on its curve (0.76), above the floor.
		name: "never below its reservation value", opp: stubborn,
		want: repeatFmt(10, "offer[4 0]"),
	}, {
		// With e = 0.5 the curve 0.3 + 0.7(1 − t²) alone would reach
		// [4 2] at turn 16, but the floor 0.65 holds it at [4 0] ...
		name: "floor holds", overrides: map[string]float64{"e": 0.5}, opp: stubborn,
		want: repeatFmt(10, "offer[4 0]"),
	}, {
		// ... and without the floor it concedes, on the warranty: the
		// issue its model says the buyer cares about.
		name: "no floor", overrides: map[string]float64{"e": 0.5, "floor": 0}, opp: stubborn,
		want: repeatFmt(8, "offer[4 0]") + ", " + repeatFmt(2, "offer[4 2]"),
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
