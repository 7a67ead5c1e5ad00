package strategies

import (
	"testing"

	"github.com/winwin-sim/winwin/agents"
)

// bundleScenario returns a copier sale with two bundle items. Issue 0,
// "price", runs $100…$140; issue 1, "delivery", 1, 2 or 4 weeks; issues 2
// and 3 are the items "training" and "installation" (option 0 leaves the
// item out). The seller (own) weighs price 0.5 (values 0 … 1), delivery
// 0.15 (later is better), training 0.2 (included 1, left out 0: its margin)
// and installation 0.15 (included 1, left out 0.2), reservation 0.35. The
// buyer (partner) weighs price 0.45 (1 … 0), delivery 0.3 (sooner is
// better), training 0.15 (left out 1, included 0.4: staff time) and
// installation 0.1 (included 1, left out 0), reservation 0.3. Training is
// the item a buyer would unbundle; installation both sides want.
func bundleScenario() scenario {
	price, err := agents.NumericIssue("price", 100, 140, 10, "$", "")
	if err != nil {
		panic(err)
	}
	d := &agents.Domain{Name: "copier", Issues: []agents.Issue{
		price,
		{Name: "delivery", Options: []string{"1 week", "2 weeks", "4 weeks"}},
		{Name: "training", Options: []string{"none", "included"}, Item: true},
		{Name: "installation", Options: []string{"none", "included"}, Item: true},
	}}
	seller := &agents.Preferences{
		Weights:     []float64{0.5, 0.15, 0.2, 0.15},
		Values:      [][]float64{agents.Linear(5, true), agents.Linear(3, true), {0, 1}, {0.2, 1}},
		Reservation: 0.35,
	}
	buyer := &agents.Preferences{
		Weights:     []float64{0.45, 0.3, 0.15, 0.1},
		Values:      [][]float64{agents.Linear(5, false), agents.Linear(3, false), {1, 0.4}, {0, 1}},
		Reservation: 0.3,
	}
	return scenario{domain: d, own: seller, partner: buyer, deadline: 10, agentOpens: true, seed: 1}
}

// asBuyer turns a scenario around: the agent under test plays the buyer.
func asBuyer(sc scenario) scenario {
	sc.own, sc.partner = sc.partner, sc.own
	sc.role = agents.Buyer
	return sc
}

// The unbundler buyer in bundleScenario concedes from its best [0 0 0 1]
// on 1 − 0.7t at t = turn/19, first by taking training (0.91 at turn 3).
// The seller's packages are worth 0.16, 0.42, 0.54 and 0.69 to it; at turn
// 7 (target 0.74) the last is within near (0.1): it asks for the same
// package, $120 and 1 week, without training ([2 0 0 1], 0.78 to it).
// Installation, which it wants, stays in.
func TestUnbundler(t *testing.T) {
	packages := []agents.Move{
		scriptOffer(0, 4, 2, 1, 1),
		scriptOffer(0, 3, 1, 1, 1),
		scriptOffer(0, 2, 1, 1, 1),
		scriptOffer(0, 2, 0, 1, 1),
	}
	tests := []struct {
		name   string
		answer []agents.Move
		want   string
		deal   agents.Offer
	}{
		{
			name:   "the seller gives in",
			answer: []agents.Move{agents.Accept(0)},
			want:   "offer[0 0 0 1], offer[0 0 1 1], offer[0 0 1 1], offer[2 0 0 1]+unbundle",
			deal:   agents.Offer{2, 0, 0, 1},
		},
		{
			// The seller re-prices; the unbundler unbundles no more and
			// concedes from the unbundled package without asking a lower
			// price: it takes training back (0.69 at a target of 0.67).
			// Then it accepts the seller's $120 and 2 weeks with training
			// out, worth 0.63 at a target of 0.60.
			name:   "the seller re-prices",
			answer: []agents.Move{scriptOffer(agents.TagReprice, 4, 2, 0, 1), scriptOffer(0, 2, 1, 0, 1)},
			want:   "offer[0 0 0 1], offer[0 0 1 1], offer[0 0 1 1], offer[2 0 0 1]+unbundle, offer[2 0 1 1], accept",
			deal:   agents.Offer{2, 1, 0, 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := asBuyer(bundleScenario())
			sc.agentOpens = false
			moves, out := runScript(t, newArticle(t, "unbundler", nil), sc, append(packages[:len(packages):len(packages)], tt.answer...))
			if got := fmtMoves(moves); got != tt.want {
				t.Errorf("moves:\n got %s\nwant %s", got, tt.want)
			}
			if !out.Agreed || !out.Offer.Equal(tt.deal) {
				t.Errorf("deal %v (agreed %v), want %v", out.Offer, out.Agreed, tt.deal)
			}
			for i, m := range moves {
				if m.Tags.Has(agents.TagUnbundle) && m.Say != sayUnbundle {
					t.Errorf("move %d says %q, want %q", i, m.Say, sayUnbundle)
				}
			}
		})
	}
}

// On its last move the unbundler does not unbundle (the partner could not
// answer): it takes the near package if it is worth its reservation value.
func TestUnbundlerNotOnLastMove(t *testing.T) {
	sc := asBuyer(bundleScenario())
	sc.agentOpens = false
	sc.deadline = 1
	moves := playScript(t, newArticle(t, "unbundler", nil), sc, []agents.Move{scriptOffer(0, 2, 0, 1, 1)})
	if got, want := fmtMoves(moves), "accept"; got != want {
		t.Errorf("moves = %s, want %s", got, want)
	}
}

// Without bundle items it is a plain time-dependent negotiator: in
// smallScenario the buyer (reservation 0) concedes on 1 − t from [0 2],
// price first, and takes [2 1] (0.5) at turn 11 (target 0.42). It never
// unbundles.
func TestUnbundlerWithoutItems(t *testing.T) {
	sc := asBuyer(smallScenario())
	sc.agentOpens = false
	opp := append(repeat(scriptOffer(0, 4, 0), 3), repeat(scriptOffer(0, 2, 1), 6)...)
	moves := playScript(t, newArticle(t, "unbundler", nil), sc, opp)
	if got, want := fmtMoves(moves), "offer[0 2], offer[2 2], offer[3 2], offer[4 2], offer[4 2], accept"; got != want {
		t.Errorf("moves:\n got %s\nwant %s", got, want)
	}
}

// As a seller it answers an unbundle with a new price: in bundleScenario,
// asked for $130 and 2 weeks without training, it keeps training out and
// asks $140 and 4 weeks.
func TestUnbundlerReprices(t *testing.T) {
	opp := []agents.Move{scriptOffer(0, 0, 0, 0, 1), scriptOffer(agents.TagUnbundle, 3, 1, 0, 1)}
	moves := playScript(t, newArticle(t, "unbundler", nil), bundleScenario(), opp)
	if got, want := fmtMoves(moves), "offer[4 2 1 1], offer[4 2 1 1], offer[4 2 0 1]+reprice"; got != want {
		t.Errorf("moves:\n got %s\nwant %s", got, want)
	}
}
