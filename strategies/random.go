package strategies

import "github.com/winwin-sim/winwin/agents"

// A random agent proposes an offer drawn uniformly from the outcome space
// (one option per issue, from View.Rand, so runs reproduce) and accepts any
// offer worth at least its reservation value.
//
// Its own offers ignore its reservation value: any of them may be worth
// less to it than walking away, and a partner who accepts such an offer
// closes a deal that leaves random worse off than no deal. That is how
// random loses money (a negative surplus) in a tournament, although it
// never accepts less than its reservation value.
//
// Tactic: none — the noise baseline a strategy should beat. It is the
// opposite of the hard bargainer: it takes the first deal that beats its
// BATNA, leaving whatever surplus is left on the table to the partner, and
// it offers deals that do not.
//
// Counter-tactic: it knows only its reservation value, and only when it
// accepts: it never accepts less, and nothing a partner says or does moves
// it otherwise.
type random struct {
	offer agents.Offer
}

// Act makes the agent's move.
func (a *random) Act(v *agents.View) agents.Move {
	if v.Last.Kind == agents.MoveOffer && v.Prefs.Utility(v.Last.Offer) >= v.Prefs.Reservation {
		return agents.Accept(0)
	}
	if len(a.offer) != len(v.Domain.Issues) {
		a.offer = make(agents.Offer, len(v.Domain.Issues))
	}
	for i, is := range v.Domain.Issues {
		a.offer[i] = v.Rand.IntN(len(is.Options))
	}
	return agents.Propose(a.offer, 0)
}

// randomSpec registers random (listed in registry.go).
var randomSpec = Spec{
	Name:    "random",
	Summary: "random valid offers; accepts anything worth at least its reservation value",
	Tactic:  "None: it proposes at random, offers worth less to itself than its walk-away value included (a partner who accepts one leaves it worse off than no deal), and takes the first offer that beats its walk-away value; the baseline every strategy should beat.",
	Counter: "It knows its reservation value and never accepts less; nothing else the partner does moves it.",
	New:     func(Params) agents.Agent { return &random{} },
}
