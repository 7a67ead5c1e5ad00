package strategies

import "github.com/winwin-sim/winwin/agents"

// walkAway is the strategy "walk-away-disciplined", the article's
// negotiator who knows its BATNA.
//
// Tactic: know your walk-away point. It never accepts an offer worth less
// than its reservation value, the value of its best alternative, which it
// knows exactly. It concedes towards that value on the time-dependent curve
// p(t) = r + (max − r)(1 − t^(1/e)), e = 0.5 by default (along a ladder
// built on a frequency model of the partner, taking nothing back), and
// accepts any offer worth its current target (or, on the last move, its
// reservation value). When, late in the deal (from relative time late on,
// 0.8 by default), the partner's offers stay below its reservation value
// without improving, it disengages before walking away: it holds its offer
// and shows dissatisfaction ("We are not happy with where this is going.")
// for up to signals moves (3); if the partner improves by at least improve
// it resumes negotiating, otherwise it walks away ("We will go with our
// alternative.").
//
// Counter-tactics: pressure never moves it below its walk-away point.
// Against a flinch it asks why and repeats its previous offer: no extra
// concession. Against an unbundle it re-prices: it keeps the items as the
// partner asked and asks again for its own level of utility.
type walkAway struct {
	e, late, improve float64
	signals          int
	pace
	sent     int     // dissatisfied moves since the partner last improved
	lastU    float64 // own utility of the partner's previous offer
	hasLastU bool
}

func newWalkAway(p Params) *walkAway {
	a := recycled[walkAway](&walkAways)
	a.pace.fresh()
	*a = walkAway{e: p["e"], late: p["late"], improve: p["improve"], signals: int(p["signals"]), pace: a.pace}
	return a
}

// Release gives the agent back for a later newWalkAway to reuse
// (agents.Releaser).
func (a *walkAway) Release() { recycle(&walkAways, a, a.release()) }

// Act makes the walk-away-disciplined negotiator's move.
func (a *walkAway) Act(v *agents.View) agents.Move {
	if a.newDeal(v) {
		a.begin(v, true)
		a.sent, a.hasLastU = 0, false
	}
	a.watch(v)
	t := v.Time()
	target := a.target(t, a.e, a.res)
	o, offered := partnerOffer(v)
	if !offered {
		a.find(target)
		return a.propose(0, "")
	}
	a.learn(v.Prefs, o)
	u := v.Prefs.Utility(o)
	improved := a.hasLastU && u >= a.lastU+a.improve
	a.lastU, a.hasLastU = u, true
	if improved {
		a.sent = 0
	}
	if u >= a.res && (u >= target || lastTurn(v)) {
		return agents.Accept(0)
	}
	switch {
	case v.Last.Tags.Has(agents.TagFlinch):
		a.hold()
		return a.propose(agents.TagAskWhy, sayAskFlinch[v.Role])
	case v.Last.Tags.Has(agents.TagUnbundle):
		a.reprice(v.Domain, v.Prefs, o, max(target, a.prevUtility(v.Prefs)))
		return a.propose(agents.TagReprice, sayReprice[v.Role])
	}
	if t >= a.late && u < a.res && !improved {
		if a.sent >= a.signals {
			return agents.Move{Kind: agents.MoveWalkAway, Say: sayWalkAway[v.Role]}
		}
		a.sent++
		a.hold()
		return a.propose(agents.TagDissatisfied, sayDissatisfied[v.Role])
	}
	a.concede(v.Prefs, target)
	return a.propose(0, "")
}

// walkAwaySpec registers walk-away-disciplined (listed in registry.go).
var walkAwaySpec = Spec{
	Name:    "walk-away-disciplined",
	Summary: "Never accepts below its BATNA; disengages with dissatisfaction, then walks away.",
	Tactic: "Knowing the walk-away point: accepts nothing worth less than its reservation value; when offers stall " +
		"below it late in the deal it shows dissatisfaction for a few rounds and walks away unless the partner moves.",
	Counter: "Against a flinch it asks why and concedes nothing extra; against an unbundle it re-prices the changed terms; " +
		"pressure never takes it below its walk-away point.",
	Params: []Param{
		{Name: "e", Doc: "concession exponent towards its reservation value", Default: 0.5, Min: 0, Max: 10},
		{Name: "late", Doc: "relative time from which offers below its reservation value count as stalled", Default: 0.8, Min: 0, Max: 1},
		{Name: "signals", Doc: "moves tagged dissatisfied before it walks away (rounded down)", Default: 3, Min: 0, Max: 10},
		{Name: "improve", Doc: "utility gain over the partner's previous offer that counts as the partner moving", Default: 0.01, Min: 0, Max: 0.5},
	},
	New: func(p Params) agents.Agent { return newWalkAway(p) },
}
