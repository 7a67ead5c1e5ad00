package strategies

import (
	"fmt"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/agents/agenttest"
	"github.com/winwin-sim/winwin/arena"
)

// The random agent is the seller of carScenario with reservation value
// 0.3, and opens. Its offers come from its View.Rand, which
// agenttest.Versus seeds with arena.NewRand(Seed, 1): the test replays
// that stream to know them.
func TestRandomScripted(t *testing.T) {
	const seed = 42
	draws := func(n int, then ...string) []string {
		r := arena.NewRand(seed, 1)
		var out []string
		for range n {
			out = append(out, fmt.Sprintf("offer[%d %d]", r.IntN(5), r.IntN(3)))
		}
		return append(out, then...)
	}
	tests := []struct {
		name string
		opp  []string
		want []string
	}{{
		// [0 2] is worth 0, [1 2] 0.15, [2 1] 0.5.
		name: "accepts the first offer worth its reservation value",
		opp:  []string{"offer[0 2]", "offer[1 2]", "offer[2 1]"},
		want: draws(3, "accept"),
	}, {
		// It opens; after the buyer's sixth offer the script runs out.
		name: "never below it", opp: times(6, "offer[1 2]"),
		want: draws(7),
	}, {
		// Exactly the reservation value is enough: [1 2] with the
		// warranty at 2 years is 0.15 + 0.2 = 0.35; [0 1] is 0.2.
		name: "at the reservation value", opp: []string{"offer[0 1]", "offer[1 1]"},
		want: draws(2, "accept"),
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := carScenario()
			sc.Prefs[agents.Seller].Reservation = 0.3
			agenttest.VersusTest(t, factory(t, "random", nil), agenttest.Versus{
				Scenario: sc,
				Seed:     seed,
				Opponent: agenttest.Script(tt.opp...),
				Want:     tt.want,
			})
		})
	}
}

// TestRandomProposesBelowItsReservation pins down the documented cost of
// random: its own offers ignore its reservation value, so a partner who
// accepts at once closes deals worth less to random than walking away,
// which it would never accept itself. Its seller side on carScenario
// (reservation 0.3) opens against such a partner, 200 times.
func TestRandomProposesBelowItsReservation(t *testing.T) {
	sc := carScenario()
	own := sc.Prefs[agents.Seller]
	own.Reservation = 0.3
	accepter := agents.AgentFunc(func(*agents.View) agents.Move { return agents.Accept(0) })
	var tbl arena.Table
	below := 0
	for seed := range uint64(200) {
		me := &arena.Party{Agent: newStrategy(t, "random", nil), Prefs: own, Rand: arena.NewRand(seed)}
		them := &arena.Party{Agent: accepter, Prefs: sc.Prefs[agents.Buyer], Rand: arena.NewRand(seed, 1)}
		out := tbl.Negotiate(arena.Setup{Domain: sc.Domain, Deadline: 10, Opener: agents.Seller}, me, them)
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
