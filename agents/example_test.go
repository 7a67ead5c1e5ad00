package agents_test

import (
	"fmt"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/agents/agenttest"
	"github.com/winwin-sim/winwin/arena"
)

// Steady concedes linearly from its best offer to its walk-away point and
// accepts an offer at least as good as its own next offer, but never one
// worth less than walking away.
type Steady struct {
	search agents.OfferSearch
	next   agents.Offer
}

func (s *Steady) Start(v *agents.View) {
	s.search.Build(v.Prefs, nil)
}

func (s *Steady) Act(v *agents.View) agents.Move {
	target := agents.TargetUtility(v.Time(), 1, v.Prefs.Reservation, v.Prefs.MaxUtility())
	var u float64
	s.next, u = s.search.Find(target, s.next)
	if v.Last.Kind == agents.MoveOffer {
		if theirs := v.Prefs.Utility(v.Last.Offer); theirs >= u && theirs >= v.Prefs.Reservation {
			return agents.Accept(0)
		}
	}
	return agents.Propose(s.next, 0)
}

// A first agent, negotiating a price against a copy of itself.
func Example() {
	price, _ := agents.NumericIssue("price", 300000, 500000, 10000, "$", "")
	d := &agents.Domain{Name: "price-haggle", Issues: []agents.Issue{price}}
	n := len(price.Options)
	seller := &agents.Preferences{Weights: []float64{1}, Values: [][]float64{agents.Linear(n, true)}, Reservation: 0.3}
	buyer := &agents.Preferences{Weights: []float64{1}, Values: [][]float64{agents.Linear(n, false)}, Reservation: 0.3}

	var table arena.Table
	out := table.Negotiate(arena.Setup{Domain: d, Deadline: 10, Opener: agents.Seller},
		&arena.Party{Agent: &Steady{}, Prefs: seller, Rand: arena.NewRand(1, 0)},
		&arena.Party{Agent: &Steady{}, Prefs: buyer, Rand: arena.NewRand(1, 1)})
	fmt.Printf("deal: %v in round %d: %s\n", out.Agreed, out.Rounds, d.Format(out.Offer))
	fmt.Printf("surplus: seller %.2f, buyer %.2f\n", out.Surplus[agents.Seller], out.Surplus[agents.Buyer])
	// Output:
	// deal: true in round 8: price=$400,000
	// surplus: seller 0.20, buyer 0.20
}

// The tutorial's agent keeps every rule of the conformance suite.
func TestSteadyConforms(t *testing.T) {
	agenttest.Conformance(t, func() agents.Agent { return &Steady{} })
}
