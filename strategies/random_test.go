package strategies

import (
	"fmt"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// The random agent is the seller of smallScenario with reservation value
// 0.3, and opens. Its offers come from its View.Rand, which the script kit seeds with
// arena.NewRand(seed, 1): the test replays that stream to know them.
func TestRandomScripted(t *testing.T) {
	sc := smallScenario()
	sc.own = sc.own.Clone()
	sc.own.Reservation = 0.3
	sc.seed = 42
	draws := func(n int) string {
		r := arena.NewRand(sc.seed, 1)
		s := ""
		for i := range n {
			if i > 0 {
				s += ", "
			}
			s += fmt.Sprintf("offer[%d %d]", r.IntN(5), r.IntN(3))
		}
		return s
	}
	tests := []struct {
		name string
		opp  []agents.Move
		want string
	}{{
		// [0 2] is worth 0, [1 2] 0.15, [2 1] 0.5.
		name: "accepts the first offer worth its reservation value",
		opp:  []agents.Move{scriptOffer(0, 0, 2), scriptOffer(0, 1, 2), scriptOffer(0, 2, 1)},
		want: draws(3) + ", accept",
	}, {
		// It opens; after the buyer's sixth offer the script runs out.
		name: "never below it", opp: repeatMove(6, scriptOffer(0, 1, 2)),
		want: draws(7),
	}, {
		// Exactly the reservation value is enough: [1 2] with the
		// warranty at 2 years is 0.15 + 0.2 = 0.35; [0 1] is 0.2.
		name: "at the reservation value", opp: []agents.Move{scriptOffer(0, 0, 1), scriptOffer(0, 1, 1)},
		want: draws(2) + ", accept",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fmtMoves(playScript(t, newStrategy(t, "random", nil), sc, tt.opp))
			if got != tt.want {
				t.Errorf("moves:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestRandomProposesBelowItsReservation pins down the documented cost of
// random: its own offers ignore its reservation value, so a partner who
// accepts at once closes deals worth less to random than walking away,
// which it would never accept itself. Its seller side on smallScenario
// (reservation 0.3) opens against such a partner, 200 times.
func TestRandomProposesBelowItsReservation(t *testing.T) {
	sc := smallScenario()
	own := sc.own.Clone()
	own.Reservation = 0.3
	accepter := agents.AgentFunc(func(*agents.View) agents.Move { return agents.Accept(0) })
	var tbl arena.Table
	below := 0
	for seed := range uint64(200) {
		me := &arena.Party{Agent: newStrategy(t, "random", nil), Prefs: own, Rand: arena.NewRand(seed)}
		them := &arena.Party{Agent: accepter, Prefs: sc.partner, Rand: arena.NewRand(seed, 1)}
		out := tbl.Negotiate(arena.Setup{Domain: sc.domain, Deadline: 10, Opener: agents.Seller}, me, them)
		if !out.Agreed {
			t.Fatalf("seed %d: no deal with a partner who accepts at once", seed)
		}
		if out.Utility[agents.Seller] < own.Reservation {
			below++
		}
	}
	// 3 of the 15 outcomes are worth less than 0.3 to the seller: [0 1]
	// (0.2), [0 2] (0) and [1 2] (0.15).
	if below < 20 || below > 60 {
		t.Errorf("%d of 200 deals below random's reservation value, want about 3/15 of them", below)
	}
}
