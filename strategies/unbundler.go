package strategies

import "github.com/winwin-sim/winwin/agents"

// unbundler is the strategy "unbundler", the article's buyer who takes a
// bundle apart.
//
// Tactic: dismantling the bundle. Bundle items are the issues marked
// agents.Issue.Item (option 0 leaves the item out). Once the package on the
// table is nearly acceptable (the partner's offer is worth within near of
// its current target), it proposes the very same package with the items it
// would rather do without left out, tagged unbundle ("Take those extras
// out and keep the price."), assuming the price stays; at most unbundles
// times a deal, and never on the last move. Otherwise, and on a domain
// without items, it is a moderate time-dependent negotiator: it concedes
// on p(t) = r + (max − r)(1 − t^(1/e)), e = 1 by default, along a ladder
// built on a frequency model of the partner, taking nothing back, and
// accepts any offer worth its current target (or, on the last move, its
// reservation value). After an unbundle it concedes from the unbundled
// package and never asks a better price than there: it assumes the price
// stays (taking an item back is one way it gives ground).
//
// Counter-tactic, the seller's answer to this tactic: when the partner
// unbundles, it re-prices — the price depends on the terms. It keeps the
// items as the partner asked and re-chooses the other issues to restore its
// own level of utility.
//
// The unbundle gains only against partners who accept changed terms at the
// old price; a partner who re-prices takes the gain back, and every partner
// counts the unbundle as a hard tactic against the relationship.
type unbundler struct {
	e, near   float64
	unbundles int
	pace
	used int // unbundling moves in this deal
}

func newUnbundler(p Params) *unbundler {
	a := recycled[unbundler](&unbundlers)
	a.pace.fresh()
	*a = unbundler{e: p["e"], near: p["near"], unbundles: int(p["unbundles"]), pace: a.pace}
	return a
}

// Release gives the agent back for a later newUnbundler to reuse
// (agents.Releaser).
func (a *unbundler) Release() { recycle(&unbundlers, a, a.release()) }

// Act makes the unbundler's move.
func (a *unbundler) Act(v *agents.View) agents.Move {
	if a.newDeal(v) {
		a.begin(v, true)
		a.used = 0
	}
	a.watch(v)
	target := a.target(v.Time(), a.e, a.res)
	o, offered := partnerOffer(v)
	if !offered {
		a.find(target)
		return a.propose(0, "")
	}
	a.learn(v.Prefs, o)
	u := v.Prefs.Utility(o)
	if a.used < a.unbundles && !lastTurn(v) && u >= target-a.near && a.unbundle(v, o) {
		a.used++
		return a.propose(agents.TagUnbundle, sayUnbundle[v.Role])
	}
	if u >= a.res && (u >= target || lastTurn(v)) {
		return agents.Accept(0)
	}
	if v.Last.Tags.Has(agents.TagUnbundle) {
		a.reprice(v.Domain, v.Prefs, o, max(target, a.prevUtility(v.Prefs)))
		return a.propose(agents.TagReprice, sayReprice[v.Role])
	}
	a.concede(v.Prefs, target)
	return a.propose(0, "")
}

// unbundle writes into the proposal buffer the partner's package o with
// every item left out whose absence is worth more to this agent than what
// o chose, and reports whether any item was left out.
func (a *unbundler) unbundle(v *agents.View, o agents.Offer) bool {
	copy(a.offer, o)
	dropped := false
	for i, is := range v.Domain.Issues {
		if !is.Item || o[i] == 0 {
			continue
		}
		if vs := v.Prefs.Values[i]; vs[0] > vs[o[i]] {
			a.offer[i] = 0
			dropped = true
		}
	}
	return dropped
}

// unbundlerSpec registers unbundler (listed in registry.go).
var unbundlerSpec = Spec{
	Name:    "unbundler",
	Summary: "Near agreement, proposes the same price with bundle items taken out.",
	Tactic: "Dismantling the bundle: once the package on the table is nearly acceptable, it asks for the same price " +
		"without the add-ons it does not want, assuming the price stays.",
	Counter: "When the partner unbundles, it re-prices: the price depends on the terms.",
	Params: []Param{
		{Name: "e", Doc: "concession exponent (1 concedes evenly)", Default: 1, Min: 0, Max: 10},
		{Name: "near", Doc: "unbundles when the partner's offer is within this utility of its current target", Default: 0.1, Min: 0, Max: 1},
		{Name: "unbundles", Doc: "how many unbundling moves per deal at most (rounded down)", Default: 1, Min: 0, Max: 5},
	},
	New: func(p Params) agents.Agent { return newUnbundler(p) },
}
