package strategies

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// repeatMove returns n copies of m: a partner who says the same thing every
// turn.
func repeatMove(n int, m agents.Move) []agents.Move {
	out := make([]agents.Move, n)
	for i := range out {
		out[i] = m
	}
	return out
}

// repeatFmt is fmtMoves of n copies of the move written s.
func repeatFmt(n int, s string) string {
	return strings.TrimSuffix(strings.Repeat(s+", ", n), ", ")
}

// newStrategy returns a fresh agent of a registered strategy with
// parameter overrides, failing the test on a bad name or value.
func newStrategy(t testing.TB, name string, overrides map[string]float64) agents.Agent {
	t.Helper()
	f, err := Factory(name, overrides)
	if err != nil {
		t.Fatal(err)
	}
	return f()
}

// In smallScenario the seller's best offer is [4 0] (utility 1). A buyer
// who keeps proposing [0 2] teaches the frequency model that it wants
// price 0 and warranty 2 and weighs both alike, so the seller's ladder is
// [4 0] (1), [4 2] (0.6: give the warranty, which costs the seller less),
// [0 2] (0). The deadline is 10 rounds: the seller opens at turns 0, 2, …,
// 18, at relative times turn/19. The smallest step below the best offer
// costs the seller 0.15, so it offers [4 0] while its target is above
// 0.925, without building a ladder.
func TestTimeDependentScripted(t *testing.T) {
	stubborn := repeatMove(10, scriptOffer(0, 0, 2))
	flinching := repeatMove(10, scriptOffer(agents.TagFlinch, 0, 2))
	buyerSide := smallScenario()
	buyerSide.own, buyerSide.partner = buyerSide.partner, buyerSide.own
	buyerSide.role, buyerSide.agentOpens = agents.Buyer, false
	responder := smallScenario()
	responder.agentOpens = false

	tests := []struct {
		name      string
		strategy  string
		overrides map[string]float64
		sc        scenario
		opp       []agents.Move
		want      string
	}{{
		// 1 − t⁵ stays above 0.925 up to turn 10 and above 0.6 up to
		// turn 14; at turn 16 the target 0.577 reaches the rung [4 2].
		name: "boulware holds out, then logrolls", strategy: "boulware", sc: smallScenario(), opp: stubborn,
		want: repeatFmt(8, "offer[4 0]") + ", " + repeatFmt(2, "offer[4 2]"),
	}, {
		// [4 2] at turn 13 is worth 0.6, below its next offer [4 0] at
		// turn 14 (target 0.78); at turn 16 its next offer would be [4 2]
		// itself, so it accepts (AC_next).
		name: "boulware accepts an offer as good as its next", strategy: "boulware", sc: smallScenario(),
		opp:  append(repeatMove(6, scriptOffer(0, 0, 2)), scriptOffer(0, 4, 2), scriptOffer(0, 4, 2)),
		want: repeatFmt(8, "offer[4 0]") + ", accept",
	}, {
		name: "boulware ignores flinches", strategy: "boulware", sc: smallScenario(), opp: flinching,
		want: repeatFmt(8, "offer[4 0]") + ", " + repeatFmt(2, "offer[4 2]"),
	}, {
		// 1 − t falls below 0.6 at turn 8 (0.58).
		name: "linear concedes evenly", strategy: "linear", sc: smallScenario(), opp: stubborn,
		want: repeatFmt(4, "offer[4 0]") + ", " + repeatFmt(6, "offer[4 2]"),
	}, {
		// Three flinches by turn 6 keep 0.95³ of the range: 0.857 ×
		// (1 − 6/19) = 0.586 < 0.6, a round earlier than without.
		name: "linear yields to flinches", strategy: "linear", sc: smallScenario(), opp: flinching,
		want: repeatFmt(3, "offer[4 0]") + ", " + repeatFmt(7, "offer[4 2]"),
	}, {
		name: "linear without flinch sensitivity", strategy: "linear", overrides: map[string]float64{"flinch_sensitivity": 0},
		sc: smallScenario(), opp: flinching,
		want: repeatFmt(4, "offer[4 0]") + ", " + repeatFmt(6, "offer[4 2]"),
	}, {
		// 1 − √t: 0.68 at turn 2, 0.54 at turn 4.
		name: "conceder concedes early", strategy: "conceder", sc: smallScenario(), opp: stubborn,
		want: repeatFmt(2, "offer[4 0]") + ", " + repeatFmt(8, "offer[4 2]"),
	}, {
		// Responding at turns 1, 3, 5: targets 0.77, 0.60, 0.49. At
		// turn 5 its next offer would be [4 2] (0.6): it takes the
		// buyer's [4 2].
		name: "conceder accepts as responder", strategy: "conceder", sc: responder,
		opp:  []agents.Move{scriptOffer(0, 0, 2), scriptOffer(0, 0, 2), scriptOffer(0, 4, 2)},
		want: "offer[4 0], offer[4 0], accept",
	}, {
		name: "hardliner never moves", strategy: "hardliner", sc: smallScenario(), opp: flinching,
		want: repeatFmt(10, "offer[4 0]"),
	}, {
		name: "hardliner accepts only its best", strategy: "hardliner", sc: smallScenario(),
		opp:  []agents.Move{scriptOffer(0, 0, 2), scriptOffer(0, 4, 2), scriptOffer(0, 4, 0)},
		want: "offer[4 0], offer[4 0], offer[4 0], accept",
	}, {
		// As the buyer: best [0 2]; the seller's [4 0] teaches the ladder
		// [0 2] (1), [4 2] (0.7: give the price, which costs the buyer
		// less), [4 0] (0). The smallest step costs 0.075, so it holds
		// [0 2] while 1 − t⁵ > 0.9625 (to turn 9) and until the target
		// falls below 0.7 at turn 15. At turn 19, t = 1 and the target is
		// the reservation value 0: the seller's [4 0] is as good as its
		// next offer.
		name: "boulware as the buyer", strategy: "boulware", sc: buyerSide, opp: repeatMove(10, scriptOffer(0, 4, 0)),
		want: repeatFmt(7, "offer[0 2]") + ", " + repeatFmt(2, "offer[4 2]") + ", accept",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fmtMoves(playScript(t, newStrategy(t, tt.strategy, tt.overrides), tt.sc, tt.opp))
			if got != tt.want {
				t.Errorf("moves:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

// duel plays one negotiation between two agents without the arena, the
// protocol stripped to what the agents see, so that a test can count the
// agents' allocations alone. It returns the number of moves.
type duel struct {
	views  [2]agents.View
	moves  []agents.Move
	offbuf []int
}

func (d *duel) play(dom *agents.Domain, a, b agents.Agent, pa, pb *agents.Preferences, ra, rb *rand.Rand, deadline int) int {
	n := len(dom.Issues)
	if cap(d.moves) < 2*deadline {
		d.moves = make([]agents.Move, 0, 2*deadline)
		d.offbuf = make([]int, 2*deadline*n)
	}
	d.moves = d.moves[:0]
	ags := [2]agents.Agent{a, b}
	d.views[0] = agents.View{Domain: dom, Prefs: pa, Role: agents.Seller, Opener: agents.Seller, Deadline: deadline, Rand: ra}
	d.views[1] = agents.View{Domain: dom, Prefs: pb, Role: agents.Buyer, Opener: agents.Seller, Deadline: deadline, Rand: rb}
	for turn := range 2 * deadline {
		v := &d.views[turn%2]
		v.Turn, v.Round, v.Moves = turn, turn/2, d.moves
		v.Last = agents.Move{}
		if turn > 0 {
			v.Last = d.moves[turn-1]
		}
		m := ags[turn%2].Act(v)
		if m.Kind == agents.MoveOffer {
			slot := agents.Offer(d.offbuf[turn*n : (turn+1)*n : (turn+1)*n])
			copy(slot, m.Offer)
			m.Offer = slot
		}
		d.moves = append(d.moves, m)
		if m.Kind != agents.MoveOffer {
			break
		}
	}
	return len(d.moves)
}

// TestRoundLoopAllocatesNothing plays whole negotiations between the
// baselines, after one negotiation of warm-up (an agent makes its buffers
// on first use), and requires that they allocate nothing.
func TestRoundLoopAllocatesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation counts need a full run")
	}
	dom, pa, pb := w1Sample(arena.NewRand(3))
	names := []string{"boulware", "linear", "conceder", "hardliner", "tit-for-tat", "hardheaded", "random"}
	for _, na := range names {
		for _, nb := range names {
			a, b := newStrategy(t, na, nil), newStrategy(t, nb, nil)
			ra, rb := arena.NewRand(1), arena.NewRand(2)
			var d duel
			moves := d.play(dom, a, b, pa, pb, ra, rb, 100) // warm-up
			allocs := testing.AllocsPerRun(20, func() { d.play(dom, a, b, pa, pb, ra, rb, 100) })
			if allocs != 0 {
				t.Errorf("%s vs %s: %v allocations per negotiation of %d moves, want 0", na, nb, allocs, moves)
			}
		}
	}
}

// w1Sample returns the domain of the W1 workload (5 issues × 10 options)
// and one draw of its preferences: the seller values option v at v/9, the
// buyer at (9−v)/9 on issues 0–2 and v/9 on 3–4, weights uniform and
// normalised.
func w1Sample(r *rand.Rand) (*agents.Domain, *agents.Preferences, *agents.Preferences) {
	d := &agents.Domain{Name: "W1"}
	for i := range 5 {
		is := agents.Issue{Name: fmt.Sprint("i", i)}
		for k := range 10 {
			is.Options = append(is.Options, fmt.Sprint(k))
		}
		d.Issues = append(d.Issues, is)
	}
	prefs := func(buyer bool) *agents.Preferences {
		p := &agents.Preferences{Weights: make([]float64, 5), Values: make([][]float64, 5)}
		sum := 0.0
		for i := range p.Weights {
			p.Weights[i] = r.Float64()
			sum += p.Weights[i]
		}
		for i := range p.Weights {
			p.Weights[i] /= sum
			p.Values[i] = agents.Linear(10, !(buyer && i < 3))
		}
		return p
	}
	return d, prefs(false), prefs(true)
}

// BenchmarkTimeDependentRound measures the agents' side of one round of
// Boulware against Conceder on W1: a whole negotiation between agents kept
// from one iteration to the next (as in a relationship), divided by its
// rounds.
func BenchmarkTimeDependentRound(b *testing.B) {
	dom, pa, pb := w1Sample(arena.NewRand(3))
	x, y := newStrategy(b, "boulware", nil), newStrategy(b, "conceder", nil)
	var d duel
	moves := d.play(dom, x, y, pa, pb, nil, nil, 100)
	b.ReportAllocs()
	for b.Loop() {
		d.play(dom, x, y, pa, pb, nil, nil, 100)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(float64(moves)/2), "ns/round")
}

// Example_timeDependent plays Boulware (the seller, opening) against
// Conceder on smallScenario. The Conceder gives up the price at once, the
// issue that costs it least (its model says the seller wants price 4);
// the Boulware holds out until its clock reaches the [4 2] rung and takes
// the logrolled deal, worth 0.6 and 0.7, where splitting both issues would
// give each side 0.5.
func Example_timeDependent() {
	sc := smallScenario()
	newB, _ := Factory("boulware", nil)
	newC, _ := Factory("conceder", nil)
	seller := &arena.Party{Agent: newB(), Prefs: sc.own}
	buyer := &arena.Party{Agent: newC(), Prefs: sc.partner}
	var tbl arena.Table
	out := tbl.Negotiate(arena.Setup{Domain: sc.domain, Deadline: 10, Opener: agents.Seller, Record: true}, seller, buyer)
	for _, st := range out.Transcript {
		fmt.Printf("%-6s %-9s seller %.2f buyer %.2f\n", st.By, fmtMove(st.Move), st.Utility[agents.Seller], st.Utility[agents.Buyer])
	}
	fmt.Printf("agreed %v after %d rounds: %s\n", out.Agreed, out.Rounds, sc.domain.Format(out.Offer))
	// Output:
	// seller offer[4 0] seller 1.00 buyer 0.00
	// buyer  offer[0 2] seller 0.00 buyer 1.00
	// seller offer[4 0] seller 1.00 buyer 0.00
	// buyer  offer[4 2] seller 0.60 buyer 0.70
	// seller offer[4 0] seller 1.00 buyer 0.00
	// buyer  offer[4 2] seller 0.60 buyer 0.70
	// seller offer[4 0] seller 1.00 buyer 0.00
	// buyer  offer[4 2] seller 0.60 buyer 0.70
	// seller offer[4 0] seller 1.00 buyer 0.00
	// buyer  offer[4 2] seller 0.60 buyer 0.70
	// seller offer[4 0] seller 1.00 buyer 0.00
	// buyer  offer[4 2] seller 0.60 buyer 0.70
	// seller offer[4 0] seller 1.00 buyer 0.00
	// buyer  offer[4 2] seller 0.60 buyer 0.70
	// seller offer[4 0] seller 1.00 buyer 0.00
	// buyer  offer[4 2] seller 0.60 buyer 0.70
	// seller accept    seller 0.60 buyer 0.70
	// agreed true after 9 rounds: price=$14k warranty=3 years
}
