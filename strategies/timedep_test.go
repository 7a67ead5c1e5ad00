package strategies

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"unsafe"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/agents/agenttest"
	"github.com/winwin-sim/winwin/arena"
)

// In carScenario the seller's best offer is [4 0] (utility 1). Its ladder
// assumes a buyer opposed to it on both issues, weighing each issue by how
// often the buyer left it unchanged. A buyer who keeps proposing [0 2]
// changes neither issue, so both weigh alike, and the seller gives up first
// the issue where the buyer's gain costs it least, the warranty (its weight
// 0.4 against 0.6 for the price), one option at a time, then the price:
//
//	[4 0] 1, [4 1] 0.8, [4 2] 0.6, [3 2] 0.45, [2 2] 0.3, [1 2] 0.15, [0 2] 0
//
// and offers the lowest rung worth its target. The deadline is 10 rounds:
// the seller opens at turns 0, 2, …, 18, at relative times turn/19. The
// smallest step below the best offer costs the seller 0.15 (a price step),
// so it offers [4 0] while its target is above 0.925, without building a
// ladder.
func TestTimeDependentScripted(t *testing.T) {
	stubborn := times(10, "offer[0 2]")
	flinching := times(10, "offer[0 2] flinch")
	tests := []struct {
		name      string
		strategy  string
		overrides map[string]float64
		role      agents.Role // the agent's side
		opener    agents.Role
		opp       []string
		want      []string
	}{{
		// 1 − t⁵ is 0.899 at turn 12 (still [4 0]), 0.783 at turn 14
		// ([4 1]), 0.577 at turn 16 ([4 2]) and 0.237 at turn 18: the
		// clock passes two rungs at once, to [2 2] (0.3).
		name: "boulware holds out, then concedes step by step", strategy: "boulware", opp: stubborn,
		want: slices.Concat(times(7, "offer[4 0]"), []string{"offer[4 1]", "offer[4 2]", "offer[2 2]"}),
	}, {
		// The buyer offers [4 2] (0.6) at turns 13 and 15. At turn 14 the
		// seller's next offer, [4 1] (0.8), is worth more; at turn 16
		// (target 0.577) its next offer would be [4 2] itself, so it
		// accepts (AC_next).
		name: "boulware accepts an offer as good as its next", strategy: "boulware",
		opp:  slices.Concat(times(6, "offer[0 2]"), times(2, "offer[4 2]")),
		want: slices.Concat(times(7, "offer[4 0]"), []string{"offer[4 1]", "accept"}),
	}, {
		name: "boulware ignores flinches", strategy: "boulware", opp: flinching,
		want: slices.Concat(times(7, "offer[4 0]"), []string{"offer[4 1]", "offer[4 2]", "offer[2 2]"}),
	}, {
		// 1 − t at turns 2, 4, …, 18: 0.895 [4 0], 0.789 and 0.684
		// [4 1], 0.579 and 0.474 [4 2], 0.368 [3 2], 0.263 and 0.158
		// [2 2], 0.053 [1 2].
		name: "linear concedes evenly", strategy: "linear", opp: stubborn,
		want: slices.Concat(times(2, "offer[4 0]"), times(2, "offer[4 1]"), times(2, "offer[4 2]"),
			[]string{"offer[3 2]"}, times(2, "offer[2 2]"), []string{"offer[1 2]"}),
	}, {
		// A flinch before each of its turns from turn 2 on keeps 0.95 of
		// its range per flinch: the targets 0.850, 0.712, 0.586, 0.472,
		// 0.367, 0.271, 0.184, 0.105, 0.033 reach each rung from [4 2] on
		// a turn earlier than without.
		name: "linear yields to flinches", strategy: "linear", opp: flinching,
		want: slices.Concat(times(2, "offer[4 0]"), []string{"offer[4 1]"}, times(2, "offer[4 2]"),
			[]string{"offer[3 2]"}, times(2, "offer[2 2]"), times(2, "offer[1 2]")),
	}, {
		name: "linear without flinch sensitivity", strategy: "linear", overrides: map[string]float64{"flinch_sensitivity": 0},
		opp: flinching,
		want: slices.Concat(times(2, "offer[4 0]"), times(2, "offer[4 1]"), times(2, "offer[4 2]"),
			[]string{"offer[3 2]"}, times(2, "offer[2 2]"), []string{"offer[1 2]"}),
	}, {
		// 1 − √t at turns 2, 4, …, 18: 0.676 [4 1], 0.541 [4 2], 0.438
		// and 0.351 [3 2], 0.275 and 0.205 [2 2], 0.142, 0.082 and 0.027
		// [1 2].
		name: "conceder concedes early", strategy: "conceder", opp: stubborn,
		want: slices.Concat([]string{"offer[4 0]", "offer[4 1]", "offer[4 2]"}, times(2, "offer[3 2]"),
			times(2, "offer[2 2]"), times(3, "offer[1 2]")),
	}, {
		// Responding at turns 1, 3, 5: targets 0.771 and 0.603 ([4 1],
		// the latter just above the [4 2] rung's 0.6), then 0.487: its
		// next offer would be [4 2] (0.6), and it takes the buyer's.
		name: "conceder accepts as responder", strategy: "conceder", opener: agents.Buyer,
		opp:  []string{"offer[0 2]", "offer[0 2]", "offer[4 2]"},
		want: []string{"offer[4 1]", "offer[4 1]", "accept"},
	}, {
		name: "hardliner never moves", strategy: "hardliner", opp: flinching,
		want: times(10, "offer[4 0]"),
	}, {
		name: "hardliner accepts only its best", strategy: "hardliner",
		opp:  []string{"offer[0 2]", "offer[4 2]", "offer[4 0]"},
		want: []string{"offer[4 0]", "offer[4 0]", "offer[4 0]", "accept"},
	}, {
		// As the buyer: best [0 2]; the seller's [4 0], repeated, weighs
		// both issues alike, and the price costs the buyer least (0.3
		// against 0.7): [0 2] 1, [1 2] 0.925, [2 2] 0.85, [3 2] 0.775,
		// [4 2] 0.7, [4 1] 0.35, [4 0] 0. The smallest step costs 0.075,
		// so it holds [0 2] without a ladder while 1 − t⁵ > 0.9625 (to
		// turn 9) and on it at turn 11 (0.935). At turn 13 the target,
		// 0.85005, is a hair above [2 2]: [1 2]. At turns 15 and 17 (0.693,
		// 0.427) it offers [4 2]. At turn 19, t = 1 and the target is the
		// reservation value 0: the seller's [4 0] is as good as its next
		// offer.
		name: "boulware as the buyer", strategy: "boulware", role: agents.Buyer, opp: times(10, "offer[4 0]"),
		want: slices.Concat(times(6, "offer[0 2]"), []string{"offer[1 2]"}, times(2, "offer[4 2]"), []string{"accept"}),
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			agenttest.VersusTest(t, factory(t, tt.strategy, tt.overrides), agenttest.Versus{
				Scenario: carScenario(),
				Role:     tt.role,
				Opener:   tt.opener,
				Opponent: agenttest.Script(tt.opp...),
				Want:     tt.want,
			})
		})
	}
}

// Example_timeDependent plays Boulware (the seller, opening) against
// Conceder on carScenario. The Conceder concedes early and one option at
// a time: first the price, the issue that costs it least ($13k at once,
// then $14k), then, once its target falls below 0.35, the warranty by one
// step (2 years). The Boulware holds its best offer until its own clock
// comes down to the Conceder's: at turn 14 its target (0.78) reaches the
// [4 1] the buyer offers (0.8), and it accepts. Patience as leverage: the
// deal is worth 0.8 to the Boulware and 0.35 to the Conceder.
func Example_timeDependent() {
	sc := carScenario()
	newB, _ := Factory("boulware", nil)
	newC, _ := Factory("conceder", nil)
	seller := &arena.Party{Agent: newB(), Prefs: sc.Prefs[agents.Seller]}
	buyer := &arena.Party{Agent: newC(), Prefs: sc.Prefs[agents.Buyer]}
	var tbl arena.Table
	out := tbl.Negotiate(arena.Setup{Domain: sc.Domain, Deadline: 10, Opener: agents.Seller, Record: true}, seller, buyer)
	for _, st := range out.Transcript {
		fmt.Printf("%-6s %-9s seller %.2f buyer %.2f\n", st.By, agenttest.Format(st.Move), st.Utility[agents.Seller], st.Utility[agents.Buyer])
	}
	fmt.Printf("agreed %v after %d rounds: %s\n", out.Agreed, out.Rounds, sc.Domain.Format(out.Offer))
	// Output:
	// seller offer[4 0] seller 1.00 buyer 0.00
	// buyer  offer[3 2] seller 0.45 buyer 0.77
	// seller offer[4 0] seller 1.00 buyer 0.00
	// buyer  offer[4 2] seller 0.60 buyer 0.70
	// seller offer[4 0] seller 1.00 buyer 0.00
	// buyer  offer[4 2] seller 0.60 buyer 0.70
	// seller offer[4 0] seller 1.00 buyer 0.00
	// buyer  offer[4 2] seller 0.60 buyer 0.70
	// seller offer[4 0] seller 1.00 buyer 0.00
	// buyer  offer[4 1] seller 0.80 buyer 0.35
	// seller offer[4 0] seller 1.00 buyer 0.00
	// buyer  offer[4 1] seller 0.80 buyer 0.35
	// seller offer[4 0] seller 1.00 buyer 0.00
	// buyer  offer[4 1] seller 0.80 buyer 0.35
	// seller accept    seller 0.80 buyer 0.35
	// agreed true after 8 rounds: price=$14k warranty=2 years
}

// TestCurveIsTargetUtility checks that the time-dependent agents' curve,
// which works out what depends on e once, gives agents.TargetUtility's
// targets to the bit: for the family's exponents and their ranges' ends,
// at every relative time of a 100-round negotiation and outside [0,1].
func TestCurveIsTargetUtility(t *testing.T) {
	es := []float64{0, -1, 0.01, 0.0625, 0.1, 0.2, 1.0 / 3, 0.5, 0.7, 1, 1.5, 2, 3, 10, 1.0 / 17}
	for _, e := range es {
		c := newCurve(e)
		for turn := -1; turn <= 201; turn++ {
			tm := float64(turn) / 199
			for _, lim := range [][2]float64{{0, 1}, {0.3, 0.85}, {0, 0.4133}} {
				got, want := c.at(tm, lim[0], lim[1]), agents.TargetUtility(tm, e, lim[0], lim[1])
				if math.Float64bits(got) != math.Float64bits(want) {
					t.Fatalf("e=%v t=%v [%v,%v]: curve %v, TargetUtility %v", e, tm, lim[0], lim[1], got, want)
				}
			}
		}
	}
}

// TestCurveTableIsAt checks that a target read from a curve's table is
// the one curve.at works out from View.Time, to the bit, at every turn the
// table holds, for the family's exponents and deadlines short and long;
// and that there is no table where at gives the ends of the range.
func TestCurveTableIsAt(t *testing.T) {
	for _, e := range []float64{0.01, 0.1, 0.2, 1.0 / 3, 0.5, 0.7, 1, 1.5, 2, 3, 10} {
		c := newCurve(e)
		for _, deadline := range []int{2, 3, 10, 100, 101, 999, maxTableDeadline} {
			tb := c.newTable(deadline)
			if len(tb.g) != 2*deadline-2 || !tb.holds(e, deadline) {
				t.Fatalf("e=%v deadline %d: table of %d turns for e=%v deadline %d, want %d", e, deadline, len(tb.g), tb.e, tb.deadline, 2*deadline-2)
			}
			for turn := 1; turn <= 2*deadline-2; turn++ {
				v := agents.View{Turn: turn, Deadline: deadline}
				for _, lim := range [][2]float64{{0, 1}, {0.3, 0.85}, {0, 0.4133}} {
					got, want := lim[0]+(lim[1]-lim[0])*tb.g[turn-1], c.at(v.Time(), lim[0], lim[1])
					if math.Float64bits(got) != math.Float64bits(want) {
						t.Fatalf("e=%v deadline %d turn %d [%v,%v]: table %v, at %v", e, deadline, turn, lim[0], lim[1], got, want)
					}
				}
			}
			// The shared cache: this curve's table, made once, or none
			// when its slot holds another curve's.
			got := c.table(deadline)
			held := curveTables[tableSlot(e, deadline)].Load()
			switch {
			case got != nil && (got != c.table(deadline) || got != held || !got.holds(e, deadline)):
				t.Fatalf("e=%v deadline %d: table(e=%v, %d) not the slot's, or not made once", e, deadline, got.e, got.deadline)
			case got == nil && (held == nil || held.holds(e, deadline)):
				t.Fatalf("e=%v deadline %d: no table, and its slot holds %v", e, deadline, held)
			}
		}
	}
	for _, tt := range []struct {
		e        float64
		deadline int
	}{{0, 100}, {-1, 100}, {0.2, 1}, {0.2, maxTableDeadline + 1}} {
		if c := newCurve(tt.e); c.table(tt.deadline) != nil {
			t.Errorf("e=%v deadline %d: a table, want none", tt.e, tt.deadline)
		}
	}
}

// TestCurveTableSlotKeepsItsFirst checks that a curve whose cache slot
// holds another curve's table gets none (and works its target out on
// every move) instead of replacing it: two curves taking turns in a slot
// would make both tables at every negotiation's start.
func TestCurveTableSlotKeepsItsFirst(t *testing.T) {
	// Two deadlines for one exponent that share a slot.
	e, first := 0.37, 500
	second := 0
	for d := 2; d <= maxTableDeadline; d++ {
		if d != first && tableSlot(e, d) == tableSlot(e, first) {
			second = d
			break
		}
	}
	if second == 0 {
		t.Skip("no two deadlines share a slot")
	}
	c := newCurve(e)
	tb := c.table(first)
	if tb == nil {
		t.Skipf("slot %d already held by another test's curve", tableSlot(e, first))
	}
	if c.table(second) != nil {
		t.Errorf("deadline %d shares deadline %d's slot: got a table, want none", second, first)
	}
	if c.table(first) != tb {
		t.Errorf("deadline %d's table was replaced", first)
	}
}

// TestTimeDependentFitsItsSizeClass checks that a time-dependent agent, made
// fresh for every negotiation of a bulk run such as W1, stays at most 512
// bytes: the largest objects with pointers that Go allocates without a
// header (its buffers are one allocation more, sized to the domain).
func TestTimeDependentFitsItsSizeClass(t *testing.T) {
	if n := unsafe.Sizeof(timeDependent{}); n > 512 {
		t.Errorf("a timeDependent is %d bytes, want at most 512", n)
	}
}
