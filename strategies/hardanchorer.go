package strategies

import "github.com/winwin-sim/winwin/agents"

// hardAnchorer is the strategy "hard-anchorer", the article's win-lose
// bargainer.
//
// Tactic: anchoring. It opens at its best outcome, tagged anchor ("This is
// our price."), to pull the bargaining range its way, then concedes on a
// Boulware curve p(t) = r + (max − r)(1 − t^(1/e)) with e = 0.2 by
// default: almost nothing until the deadline nears. It makes no trade-offs
// across issues: its concessions come from a partner-blind ladder (an
// agents.OfferSearch without a partner model), giving up first what matters
// least to itself, whatever the partner wants — except an issue on which
// every offer of the partner in the deal has proposed its own favourite
// option too (a shared interest, as volume in supply-deal: giving it up
// would be a lose-lose move), which it keeps (pace.keepShared), and an
// issue on which the partner's latest offer proposes its own favourite: it
// gives no more there than its previous offer did (pace.withinAsk). It
// accepts only offers within a small tolerance of its current target.
//
// Counter-tactic: it does not reward a flinch (its schedule ignores the
// partner's moves), and when asked how its number was reached it answers
// with a justification, not a concession.
//
// An anchor gains only against partners whose concessions reference the
// opening offer; against trained partners it costs the relationship (an
// opening worth less than the partner's reservation value is detected as an
// extreme anchor whether tagged or not).
type hardAnchorer struct {
	e, tolerance float64
	pace
}

func newHardAnchorer(p Params) *hardAnchorer {
	a := recycled[hardAnchorer](&hardAnchorers)
	a.pace.fresh()
	*a = hardAnchorer{e: p["e"], tolerance: p["tolerance"], pace: a.pace}
	return a
}

// Release gives the agent back for a later newHardAnchorer to reuse
// (agents.Releaser).
func (a *hardAnchorer) Release() { recycle(&hardAnchorers, a, a.release()) }

// Act makes the hard-anchorer's move.
func (a *hardAnchorer) Act(v *agents.View) agents.Move {
	if a.newDeal(v) {
		a.begin(v, false)
	}
	a.watch(v)
	target := a.target(v.Time(), a.e, a.res)
	if o, ok := partnerOffer(v); ok {
		if u := v.Prefs.Utility(o); u >= a.res && u >= target-a.tolerance {
			return agents.Accept(0)
		}
	}
	if !a.hasPrev {
		a.find(a.maxU)
		return a.propose(agents.TagAnchor, sayAnchor[v.Role])
	}
	a.find(target)
	if v.Last.Tags.Has(agents.TagAskWhy) {
		return a.propose(agents.TagJustify, sayJustify[v.Role])
	}
	return a.propose(0, "")
}

// hardAnchorerSpec registers hard-anchorer (listed in registry.go).
var hardAnchorerSpec = Spec{
	Name:    "hard-anchorer",
	Summary: "Opens at its best outcome tagged anchor, concedes late (Boulware), never trades across issues.",
	Tactic: "Anchoring: names an ambitious first number to pull the bargaining range its way, " +
		"then concedes only near the deadline and only on what matters least to itself.",
	Counter: "Does not concede to a flinch; when asked how its number was reached it justifies it " +
		"and keeps to its schedule.",
	Params: []Param{
		{Name: "e", Doc: "concession exponent of p(t) = r + (max − r)(1 − t^(1/e)); below 1 concedes late, 0 never", Default: 0.2, Min: 0, Max: 1},
		{Name: "tolerance", Doc: "accepts an offer worth at least its current target minus this (utility)", Default: 0.02, Min: 0, Max: 0.2},
	},
	New: func(p Params) agents.Agent { return newHardAnchorer(p) },
}
