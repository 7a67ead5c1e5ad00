package strategies

import "github.com/winwin-sim/winwin/agents"

// A hardHeaded agent is after HardHeaded (van Krimpen, Looije & Hajizadeh
// 2013, winner of ANAC 2011): it learns the partner's preferences with a
// frequency model and concedes very late. Its target is the Boulware curve
// p(t) with a tiny exponent (e = 0.05), but never below a floor
// (Pmin + floor·(Pmax − Pmin)) until its very last turn. Among the offers
// worth its target it proposes the one best for the modelled partner (the
// offer ladder's rung). On its last turn it drops the floor: it accepts any
// offer worth its reservation value, or proposes the best offer the partner
// has made so far if that one beats its reservation value.
//
// Tactic: stubbornness with a model — hold out, but make every offer as
// attractive to the partner as one's own target allows.
//
// Counter-tactic: it ignores anchors and flinches; its frequency model reads
// the partner's interests from what the partner keeps proposing, not from
// what it says. It accepts an offer worth at least its own next offer.
type hardHeaded struct {
	bidder
	e, floor float64
	best     agents.Offer // the partner's best offer so far, for the agent
	bestU    float64
	haveBest bool
}

// Act makes the agent's move.
func (a *hardHeaded) Act(v *agents.View) agents.Move {
	if a.begin(v) {
		a.haveBest = false
	}
	a.observe(v)
	if v.Last.Kind == agents.MoveOffer {
		if u := a.prefs.Utility(v.Last.Offer); !a.haveBest || u > a.bestU {
			a.best = append(a.best[:0], v.Last.Offer...)
			a.bestU, a.haveBest = u, true
		}
	}
	if v.Turn >= 2*v.Deadline-2 { // the agent's last turn
		if v.Last.Kind == agents.MoveOffer && a.prefs.Utility(v.Last.Offer) >= a.pmin {
			return agents.Accept(0)
		}
		if a.haveBest && a.bestU >= a.pmin {
			a.own++
			return agents.Propose(a.best, 0)
		}
	}
	floor := a.pmin + a.floor*(a.pmax-a.pmin)
	return a.respond(v, max(floor, agents.TargetUtility(v.Time(), a.e, a.pmin, a.pmax)))
}

// hardHeadedSpec registers hardheaded (listed in registry.go).
var hardHeadedSpec = Spec{
	Name:    "hardheaded",
	Summary: "HardHeaded (ANAC 2011): frequency model of the partner, concedes very late, above a floor until its last turn",
	Tactic:  "Stubbornness with a model: it holds out near its best outcome (e = 0.05, never below the floor until its last turn) and makes each offer the one its model says the partner likes best at that level.",
	Counter: "It ignores anchors and flinches and reads the partner's interests from the partner's offers; on its last turn it takes any deal worth its reservation value, or offers back the partner's best offer so far.",
	Params: []Param{
		{Name: "e", Doc: "concession exponent of the Boulware curve; smaller concedes later", Default: 0.05, Min: 0.01, Max: 0.5},
		{Name: "floor", Doc: "share of its range above the reservation value it keeps until its last turn", Default: 0.5, Min: 0, Max: 1},
	},
	New: func(p Params) agents.Agent { return newHardHeaded(p["e"], p["floor"]) },
}

// newHardHeaded returns a fresh agent of exponent e and floor floor: a
// released one made fresh if there is one (see recycle.go), else a new
// one.
func newHardHeaded(e, floor float64) *hardHeaded {
	a, _ := hardHeadeds.Get().(*hardHeaded)
	if a == nil {
		return &hardHeaded{e: e, floor: floor}
	}
	a.bidder.fresh()
	*a = hardHeaded{bidder: a.bidder, e: e, floor: floor, best: a.best[:0]}
	return a
}

// Release gives the agent back for a later newHardHeaded to reuse
// (agents.Releaser).
func (a *hardHeaded) Release() { recycle(&hardHeadeds, a, a.release()) }
