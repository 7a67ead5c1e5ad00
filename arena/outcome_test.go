package arena_test

import (
	"math"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
)

// priceHaggle loads the built-in price-haggle scenario: one price from
// $300,000 to $500,000 in $10,000 steps (option k is $300,000 + k·$10,000,
// worth k/20 to the seller and 1 − k/20 to the buyer), both walk-away
// points 0.3: the seller's at $360,000, the buyer's at $440,000.
func priceHaggle(t *testing.T) arena.Scenario {
	t.Helper()
	sc, _, err := configs.LoadDomain("price-haggle")
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// priceOption returns the option of price-haggle at price dollars.
func priceOption(t *testing.T, sc arena.Scenario, price string) int {
	t.Helper()
	for k, o := range sc.Domain.Issues[0].Options {
		if o == price {
			return k
		}
	}
	t.Fatalf("price-haggle has no price %s", price)
	return 0
}

// negotiateAndAnalyze plays seller against buyer on sc (the seller opens)
// and returns the outcome, its analysis and how it felt, under the default
// model.
func negotiateAndAnalyze(sc arena.Scenario, seller, buyer agents.Agent, deadline int) (arena.Outcome, arena.Analysis, [2]arena.Feeling) {
	var tab arena.Table
	out := tab.Negotiate(arena.Setup{Domain: sc.Domain, Deadline: deadline, Record: true},
		&arena.Party{Agent: seller, Prefs: sc.Prefs[agents.Seller]}, &arena.Party{Agent: buyer, Prefs: sc.Prefs[agents.Buyer]})
	m := arena.DefaultModel()
	res := [2]float64{sc.Prefs[agents.Seller].Reservation, sc.Prefs[agents.Buyer].Reservation}
	a := arena.Analyze(arena.NewFrontier(sc.Domain, sc.Prefs[agents.Seller], sc.Prefs[agents.Buyer]), &out, res, &m)
	return out, a, m.Feel(&out, &a)
}

func TestEvenSplitOnPriceHaggleIsWinWin(t *testing.T) {
	sc := priceHaggle(t)
	k := priceOption(t, sc, "$400,000")
	out, a, feel := negotiateAndAnalyze(sc, script(offer(k, 0)), script(agents.Accept(0)), 10)
	if !out.Agreed {
		t.Fatalf("no deal: %+v", out)
	}
	// The Nash point is the even split itself: each side expects 0.5 and
	// gets it.
	if a.Class != arena.WinWin || a.Satisfaction != [2]float64{1, 1} || a.Expectation != [2]float64{0.5, 0.5} {
		t.Errorf("the even split on price-haggle ($400,000): class %v, satisfaction %v, expectation %v; want win-win, [1 1], [0.5 0.5]",
			a.Class, a.Satisfaction, a.Expectation)
	}
	if a.LeftOnTable > 1e-12 || a.ParetoDistance != 0 || a.NashDistance != 0 {
		t.Errorf("the even split: left on the table %v, Pareto distance %v, Nash distance %v; want 0", a.LeftOnTable, a.ParetoDistance, a.NashDistance)
	}
	for r := range feel {
		if feel[r].I != a.Satisfaction[r] {
			t.Errorf("side %d: Feel says I = %v, Analyze %v", r, feel[r].I, a.Satisfaction[r])
		}
		if !a.Won(agents.Role(r)) {
			t.Errorf("side %d did not win the even split", r)
		}
	}
	// A side wins with at least half its fair share: 0.4, so every price
	// from $380,000 to $420,000 is win-win; the whole surplus to one side
	// is win-lose or lose-win.
	for price, want := range map[string]arena.Class{
		"$360,000": arena.LoseWin, "$370,000": arena.LoseWin,
		"$380,000": arena.WinWin, "$390,000": arena.WinWin, "$410,000": arena.WinWin, "$420,000": arena.WinWin,
		"$430,000": arena.WinLose, "$440,000": arena.WinLose,
	} {
		k := priceOption(t, sc, price)
		_, a, _ := negotiateAndAnalyze(sc, script(offer(k, 0)), script(agents.Accept(0)), 10)
		if a.Class != want {
			t.Errorf("a deal at %s on price-haggle: %v (satisfaction %v), want %v", price, a.Class, a.Satisfaction, want)
		}
	}
}

// hardliner offers the same price every turn, never accepting.
func hardliner(k int) agents.Agent {
	return agents.AgentFunc(func(*agents.View) agents.Move { return agents.Propose(agents.Offer{k}, agents.TagAnchor) })
}

// walker accepts an offer at or above its walk-away point, else walks
// away once it has seen three offers below it.
func walker() agents.Agent {
	seen := 0
	return agents.AgentFunc(func(v *agents.View) agents.Move {
		if v.Last.Kind == agents.MoveOffer {
			if v.Prefs.Utility(v.Last.Offer) >= v.Prefs.Reservation {
				return agents.Accept(0)
			}
			if seen++; seen >= 3 {
				return agents.WalkAway(agents.TagDissatisfied)
			}
		}
		return agents.Propose(agents.Offer{0}, 0)
	})
}

// Walking away from a hardliner whose best offer lies below one's walk-away
// point. On price-haggle a zone of agreement exists ($360,000 to $440,000):
// the hardliner's $500,000 keeps the sides out of it, so the walk-away
// loses the fair deal's joint surplus (0.2 + 0.2). Where the walk-away
// points do not overlap, the same walk-away is "no deal: no zone of
// agreement" and loses nothing.
func TestHardlinerWalkAway(t *testing.T) {
	sc := priceHaggle(t)
	top := len(sc.Domain.Issues[0].Options) - 1 // $500,000, worth 0 to the buyer
	out, a, _ := negotiateAndAnalyze(sc, hardliner(top), walker(), 50)
	if !out.WalkAway || out.EndedBy != agents.Buyer {
		t.Fatalf("the buyer did not walk away: %+v", out)
	}
	if a.Class != arena.NoDeal || a.NoDeal != arena.WalkedAway || math.Abs(a.ValueLost-0.4) > 1e-12 {
		t.Errorf("walking away from a hardliner on price-haggle: %v: %v, value lost %v; want no deal: walked away, 0.4", a.Class, a.NoDeal, a.ValueLost)
	}
	if a.Satisfaction != [2]float64{} || a.Won(agents.Seller) || a.Won(agents.Buyer) {
		t.Errorf("no deal: satisfaction %v, want 0 (nobody wins)", a.Satisfaction)
	}
	// Same deadline-free walk-away without a zone: the seller needs at
	// least $420,000 (0.6), the buyer at most $380,000 (0.6).
	noZone := sc
	ps, pb := *sc.Prefs[agents.Seller], *sc.Prefs[agents.Buyer]
	ps.Reservation, pb.Reservation = 0.6, 0.6
	noZone.Prefs = [2]*agents.Preferences{&ps, &pb}
	out, a, _ = negotiateAndAnalyze(noZone, hardliner(top), walker(), 50)
	if !out.WalkAway {
		t.Fatalf("the buyer did not walk away: %+v", out)
	}
	if got := a.Class.String() + ": " + a.NoDeal.String(); got != "no deal: no zone of agreement" || a.ValueLost != 0 {
		t.Errorf("walking away without a zone of agreement: %q, value lost %v; want \"no deal: no zone of agreement\", 0", got, a.ValueLost)
	}
	// Two hardliners run into the deadline.
	_, a, _ = negotiateAndAnalyze(sc, hardliner(top), hardliner(0), 5)
	if a.Class != arena.NoDeal || a.NoDeal != arena.DeadlinePassed || math.Abs(a.ValueLost-0.4) > 1e-12 {
		t.Errorf("two hardliners: %v: %v, value lost %v; want no deal: deadline, 0.4", a.Class, a.NoDeal, a.ValueLost)
	}
}

func TestSatisfactionOfExactlyHalfIsAWin(t *testing.T) {
	// (0.375 − 0.25)/(0.5 − 0.25) is exactly 0.5 in floating point.
	if i := arena.Satisfaction(0.375, 0.25, 0.5); i != 0.5 {
		t.Fatalf("Satisfaction(0.375, 0.25, 0.5) = %v, want exactly 0.5", i)
	}
	if !arena.Wins(0.5) || arena.Wins(math.Nextafter(0.5, 0)) {
		t.Errorf("Wins(0.5) = %v, Wins(just below 0.5) = %v; want true, false", arena.Wins(0.5), arena.Wins(math.Nextafter(0.5, 0)))
	}
	// A deal that gives both sides exactly half their fair share.
	d, seller, buyer := analysisScenario()
	f := arena.NewFrontier(d, seller, buyer)
	res := [2]float64{0.25, 0.25}
	o := agents.Offer{1, 1}
	u := [2]float64{seller.Utility(o), buyer.Utility(o)}
	a := arena.Analyze(f, &arena.Outcome{Agreed: true, Offer: o, Utility: u, Surplus: [2]float64{u[0] - res[0], u[1] - res[1]}}, res, nil)
	if a.Satisfaction != [2]float64{0.5, 0.5} || a.Class != arena.WinWin {
		t.Errorf("satisfaction %v: class %v, want exactly [0.5 0.5] and win-win", a.Satisfaction, a.Class)
	}
}

// The anchor penalty is graded by the opening's extremity: an opening just
// outside the zone of agreement costs less than one worth nothing to the
// partner, and one inside the zone costs nothing.
func TestAnchorPenaltyIsGraded(t *testing.T) {
	sc := priceHaggle(t)
	m := arena.DefaultModel()
	tests := []struct {
		opening string
		// x is the extremity (r_p − u_p)/r_p with the buyer's r_p = 0.3.
		x float64
	}{
		{"$440,000", 0},          // the buyer's walk-away point: inside the zone
		{"$450,000", 0.05 / 0.3}, // just outside the zone: 1/6
		{"$500,000", 1},          // worth nothing to the buyer
		{"$480,000", 0.2 / 0.3},  // between
		{"$400,000", 0},          // the even split
		{"$360,000", 0},          // the seller's own walk-away point
		{"$300,000", 0},          // the buyer's best
	}
	penalty := map[string]float64{}
	for _, tt := range tests {
		k := priceOption(t, sc, tt.opening)
		out, _, feel := negotiateAndAnalyze(sc, script(offer(k, 0)), script(agents.Accept(0)), 10)
		if math.Abs(out.AnchorExtremity[agents.Seller]-tt.x) > 1e-12 || out.AnchorExtremity[agents.Buyer] != 0 {
			t.Errorf("opening %s: extremity %v, want [%v 0]", tt.opening, out.AnchorExtremity, tt.x)
		}
		if got := out.Used[agents.Seller].Has(agents.TagExtremeAnchor); got != (tt.x > 0) {
			t.Errorf("opening %s: detected an extreme anchor = %v, want %v", tt.opening, got, tt.x > 0)
		}
		if got := out.Transcript[0].Detected.Has(agents.TagExtremeAnchor); got != (tt.x > 0) {
			t.Errorf("opening %s: the transcript's first step detected an extreme anchor = %v, want %v", tt.opening, got, tt.x > 0)
		}
		// The buyer met only the anchor: P = 1 − 0.10·x.
		penalty[tt.opening] = 1 - feel[agents.Buyer].P
		if want := m.PenaltyExtremeAnchor * tt.x; math.Abs(penalty[tt.opening]-want) > 1e-12 {
			t.Errorf("opening %s: anchor penalty %v, want 0.10·%v = %v", tt.opening, penalty[tt.opening], tt.x, want)
		}
	}
	if just, nothing := penalty["$450,000"], penalty["$500,000"]; !(just > 0 && just < nothing) {
		t.Errorf("anchor penalty just outside the zone %v, of an opening worth nothing to the partner %v: want 0 < first < second", just, nothing)
	}
	// No anchor against a partner whose walk-away point is 0: nothing is
	// below it.
	zero := sc
	pb := *sc.Prefs[agents.Buyer]
	pb.Reservation = 0
	zero.Prefs[agents.Buyer] = &pb
	out, _, _ := negotiateAndAnalyze(zero, script(offer(len(sc.Domain.Issues[0].Options)-1, 0)), script(agents.Accept(0)), 10)
	if out.AnchorExtremity != [2]float64{} || out.Used[agents.Seller].Has(agents.TagExtremeAnchor) {
		t.Errorf("partner walk-away 0: extremity %v, tags %v; want no anchor", out.AnchorExtremity, out.Used[agents.Seller])
	}
}

// priceVolume returns a domain of two issues of five options: price
// (distributive, the seller wants the last option) and volume
// (compatible: both want the last option), and preferences for it: the
// seller weighs price 0.75 and volume 0.25, the buyer 0.5 and 0.5; both
// reservation values 0.
func priceVolume() (*agents.Domain, [2]*agents.Preferences) {
	d := &agents.Domain{Name: "two", Issues: []agents.Issue{
		{Name: "price", Options: []string{"p0", "p1", "p2", "p3", "p4"}},
		{Name: "volume", Options: []string{"v0", "v1", "v2", "v3", "v4"}},
	}}
	up := agents.Linear(5, true)
	return d, [2]*agents.Preferences{
		{Weights: []float64{0.75, 0.25}, Values: [][]float64{up, up}},
		{Weights: []float64{0.5, 0.5}, Values: [][]float64{agents.Linear(5, false), up}},
	}
}

// A retraction is an offer worse for the partner than one's own previous
// offer and not better for oneself.
func TestRetraction(t *testing.T) {
	d, prefs := priceVolume()
	sc := arena.Scenario{Domain: d, Prefs: prefs}
	two := func(p, v int) agents.Move { return agents.Propose(agents.Offer{p, v}, 0) }
	tests := []struct {
		name   string
		second agents.Move // the seller's second offer, after {3, 3}
		want   bool
	}{
		{"a lose-lose move (volume cut) is a retraction", two(3, 1), true},
		{"worse for the partner, the same for oneself, is a retraction", two(4, 0), true},
		{"hardening (price up) is no retraction", two(4, 3), false},
		{"a trade (price up, volume up) is no retraction", two(4, 4), false},
		{"a trade worse for the partner but better for oneself is no retraction", two(4, 2), false},
		{"a concession is no retraction", two(2, 3), false},
		{"a logroll, better for both, is no retraction", two(3, 4), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, _ := negotiateAndAnalyze(sc, script(two(3, 3), tt.second), script(two(0, 0), two(0, 0)), 2)
			if got := out.Used[agents.Seller].Has(agents.TagRetraction); got != tt.want {
				t.Errorf("seller's %v after %v: retraction = %v, want %v", tt.second.Offer, agents.Offer{3, 3}, got, tt.want)
			}
		})
	}
}
