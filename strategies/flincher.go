package strategies

import "github.com/winwin-sim/winwin/agents"

// flincher is the strategy "flincher", the article's cheap customer.
//
// Tactic: flinching, "constantly pushing back on the first price". It
// answers the partner's first offer of a deal (the first flinches offers)
// with a visible recoil, tagged flinch ("I bought something similar for half
// that!"), and a far counter: its own best outcome. After that it concedes
// on the time-dependent curve p(t) = r + (max − r)(1 − t^(1/e)), e = 1 by
// default, along a ladder built on a frequency model of the partner (as the
// time-dependent baselines do, so that only the tactic differs), taking
// nothing back, and accepts any offer worth its current target (or, on the
// last move, its reservation value).
//
// Counter-tactic: none. It ignores the partner's signals; that is what makes
// it a useful probe of who concedes to a flinch. The flinch gains only
// against partners that give extra on a flinch (naive ones with a flinch
// sensitivity); trained partners answer with a question and hold, and every
// partner counts the flinch as a hard tactic against the relationship.
type flincher struct {
	e        float64
	flinches int
	pace
	flinched int // flinches made in this deal
}

func newFlincher(p Params) *flincher {
	a := recycled[flincher](&flinchers)
	a.pace.fresh()
	*a = flincher{e: p["e"], flinches: int(p["flinches"]), pace: a.pace}
	return a
}

// Release gives the agent back for a later newFlincher to reuse
// (agents.Releaser).
func (a *flincher) Release() { recycle(&flinchers, a, a.release()) }

// Act makes the flincher's move.
func (a *flincher) Act(v *agents.View) agents.Move {
	if a.newDeal(v) {
		a.begin(v, true)
		a.flinched = 0
	}
	a.watch(v)
	o, offered := partnerOffer(v)
	if !offered {
		a.find(a.maxU) // opening: its best outcome
		return a.propose(0, "")
	}
	a.learn(v.Prefs, o)
	target := a.target(v.Time(), a.e, a.res)
	if u := v.Prefs.Utility(o); u >= a.res && (u >= target || lastTurn(v)) {
		return agents.Accept(0)
	}
	if a.flinched < a.flinches {
		a.flinched++
		a.find(a.maxU)
		return a.propose(agents.TagFlinch, sayFlinch[v.Role])
	}
	a.concede(v.Prefs, target)
	return a.propose(0, "")
}

// flincherSpec registers flincher (listed in registry.go).
var flincherSpec = Spec{
	Name:    "flincher",
	Summary: "Recoils at the partner's first offers with a far counter, then concedes with time.",
	Tactic: "Flinching: answers the first offer with visible shock (a buyer: \"I bought something similar for half that!\"; " +
		"a seller: \"I've sold the same for twice that!\") " +
		"and a counter at its own best outcome, hoping the partner concedes to calm it.",
	Counter: "None beyond its schedule: it ignores the partner's tactics.",
	Params: []Param{
		{Name: "flinches", Doc: "how many of the partner's offers per deal it flinches at (rounded down)", Default: 1, Min: 0, Max: 10},
		{Name: "e", Doc: "concession exponent after flinching (1 concedes evenly)", Default: 1, Min: 0, Max: 10},
	},
	New: func(p Params) agents.Agent { return newFlincher(p) },
}
