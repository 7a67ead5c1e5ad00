package strategies

import (
	"math"
	"math/bits"

	"github.com/winwin-sim/winwin/agents"
)

// This file holds the time-dependent family (Faratin, Sierra & Jennings
// 1998): boulware, linear, conceder and hardliner, and the bidder they share
// with tit-for-tat and hardheaded.

// A timeDependent agent concedes on a clock. Its target utility follows
//
//	p(t) = Pmin + (Pmax − Pmin) · (1 − t^(1/e))
//
// (agents.TargetUtility) at relative time t, from its best outcome Pmax down
// to its reservation value Pmin at the deadline: e < 1 concedes late
// (Boulware), e = 1 evenly, e > 1 early (Conceder), e = 0 never (hardliner).
//
// Tactic: patience as leverage. A Boulware agent makes the partner carry the
// concessions; a Conceder buys agreement early with its own surplus.
//
// Counter-tactic: none by design. It ignores anchors, justifications and
// ask-why; it answers every offer by its own clock and accepts an offer
// worth at least its own next offer (AC_next). With flinch_sensitivity > 0
// (linear, conceder) it models the naive negotiator the article warns
// about: every flinch makes it give up that share of what is left of its
// range, once per flinch, for the rest of the negotiation.
type timeDependent struct {
	bidder
	e      float64 // concession exponent; 0 never concedes
	flinch float64 // share of the remaining range given up per flinch
	kept   float64 // product of (1 − flinch) over the flinches received
}

// Act makes the agent's move: accept the partner's offer if it is worth at
// least the offer the agent would make now, otherwise make that offer.
func (a *timeDependent) Act(v *agents.View) agents.Move {
	if a.begin(v) {
		a.kept = 1
	}
	a.observe(v)
	if a.flinch > 0 && v.Last.Kind == agents.MoveOffer && v.Last.Tags&agents.TagFlinch != 0 {
		a.kept *= 1 - a.flinch
	}
	p := agents.TargetUtility(v.Time(), a.e, a.pmin, a.pmax)
	return a.respond(v, a.pmin+a.kept*(p-a.pmin))
}

func newTimeDependent(e, flinch float64) *timeDependent {
	return &timeDependent{e: e, flinch: flinch, kept: 1}
}

// A bidder is the machinery the concession strategies share: a frequency
// model of the partner kept for the whole relationship (so its estimate
// improves deal after deal), an offer ladder (agents.OfferSearch) built from
// that estimate, and the buffers that keep the round loop free of
// allocation.
//
// The ladder is built lazily. While the target stays within the smallest
// step below the agent's best outcome, the offer is simply that best
// outcome and no ladder is needed (a Boulware holding out never builds
// one). Once built, the ladder falls due for a rebuild before the agent's
// own moves 1, 2, 4, 8, … of the negotiation, since the estimate changes
// little from one offer to the next and a rebuild costs more than the rest
// of a turn; a due rebuild waits until the old ladder's offer differs from
// the agent's previous offer, so when the agent moves it moves with the
// freshest estimate.
type bidder struct {
	dom     *agents.Domain
	model   *agents.FrequencyModel
	est     *agents.Preferences
	search  agents.OfferSearch
	offer   agents.Offer // the offer of the agent's move, reused
	prefs   *agents.Preferences
	pmin    float64 // reservation value
	pmax    float64 // utility of the agent's best offer
	gap     float64 // no offer but the best is worth more than pmax − gap
	ties    bool    // some issue has several best options, or weight 0
	own     int     // own moves made in this negotiation
	built   bool    // the ladder was built in this negotiation
	builtAt int     // own moves made when it was last built
	lastU   float64 // own utility of the agent's previous offer
}

// begin prepares the bidder on the agent's first move of a negotiation
// (when v.Moves holds at most the partner's opening) and reports whether it
// did; the model and buffers are made once per domain.
func (b *bidder) begin(v *agents.View) bool {
	if b.dom != v.Domain {
		b.dom = v.Domain
		b.model = agents.NewFrequencyModel(v.Domain)
		b.est = b.model.NewEstimate()
		b.offer = make(agents.Offer, len(v.Domain.Issues))
	}
	if len(v.Moves) >= 2 && b.prefs == v.Prefs {
		return false
	}
	b.prefs = v.Prefs
	b.pmin = v.Prefs.Reservation
	b.scan()
	b.own = 0
	b.built = false
	return true
}

// scan reads the agent's own preferences once per negotiation, in one
// pass: pmax (summed as Preferences.MaxUtility sums it, so the two agree
// to the bit), gap, the best offer (the lowest index among equals) into
// b.offer, and whether any issue has ties at the top (or weight 0), which
// the ladder's top breaks by the partner estimate (see top).
func (b *bidder) scan() {
	p := b.prefs
	b.pmax, b.gap, b.ties = 0, math.Inf(1), false
	for i, vs := range p.Values {
		w := p.Weights[i]
		c := 0
		for k, x := range vs {
			if x > vs[c] {
				c = k
			}
		}
		best, second, tops := vs[c], math.Inf(-1), 0
		for _, x := range vs {
			switch {
			case x == best:
				tops++
			case x > second:
				second = x
			}
		}
		if w > 0 && second > math.Inf(-1) {
			b.gap = min(b.gap, w*(best-second))
		}
		b.ties = b.ties || tops > 1 || w <= 0
		b.offer[i] = c
		b.pmax += w * best
	}
}

// observe feeds the partner's last offer, if any, to the model.
func (b *bidder) observe(v *agents.View) {
	if v.Last.Kind == agents.MoveOffer {
		b.model.Observe(v.Last.Offer)
	}
}

// bid returns the ladder's offer for target (the lowest rung still worth
// it: the best for the modelled partner) and its utility to the agent,
// building the ladder when it is first needed and rebuilding it on
// schedule.
func (b *bidder) bid(target float64) (agents.Offer, float64) {
	if !b.built {
		if target > b.pmax-b.gap/2 {
			if b.own == 0 && b.ties {
				b.top() // without ties, scan left the top in b.offer
			}
			return b.offer, b.pmax
		}
		b.rebuild()
	}
	var u float64
	b.offer, u = b.search.Find(target, b.offer)
	if u != b.lastU && b.due() {
		b.rebuild()
		b.offer, u = b.search.Find(target, b.offer)
	}
	return b.offer, u
}

// due reports whether the ladder is due for a rebuild: a power of two
// (1, 2, 4, 8, …) of own moves has been reached since it was built.
func (b *bidder) due() bool {
	return b.own > 0 && 1<<(bits.Len(uint(b.own))-1) > b.builtAt
}

// refresh rebuilds the ladder now if it is due (or not built yet), for a
// caller about to read it.
func (b *bidder) refresh() {
	if !b.built || b.due() {
		b.rebuild()
	}
}

// stepBelow returns a target one step down the ladder from an offer worth
// u: the utility of the best rung worth less than u, or u itself when
// there is none above the reservation value.
func (b *bidder) stepBelow(u float64) float64 {
	b.refresh()
	lo, hi := 0, b.search.Len() // rungs fall in utility: find the first below u
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if um := b.search.RungUtility(m); um >= u-acceptSlack {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == b.search.Len() {
		return u
	}
	if ul := b.search.RungUtility(lo); ul >= b.pmin {
		return ul
	}
	return u
}

// top writes into b.offer, before the agent's first offer, the ladder's
// top: on each issue, among the
// options of highest own weighted value (any option of an issue of weight
// 0), the one the partner estimate values most (the lowest index among
// equals; with nothing observed, the one the agent values least, as the
// ladder assumes an opposed partner).
func (b *bidder) top() {
	p, est := b.prefs, b.est
	if b.model.Offers() > 0 {
		b.model.Estimate(est)
	} else {
		est = nil
	}
	for i, vs := range p.Values {
		w := p.Weights[i]
		best := vs[0]
		for _, x := range vs {
			best = max(best, x)
		}
		c := -1
		for k, x := range vs {
			switch {
			case w > 0 && x < best: // not a best option
			case c < 0,
				est != nil && est.Values[i][k] > est.Values[i][c],
				est == nil && x < vs[c]:
				c = k
			}
		}
		b.offer[i] = c
	}
}

// rebuild builds the ladder from the current estimate of the partner; with
// nothing observed yet it assumes an opposed partner.
func (b *bidder) rebuild() {
	b.built, b.builtAt = true, b.own
	if b.model.Offers() == 0 {
		b.search.Build(b.prefs, nil)
		return
	}
	b.model.Estimate(b.est)
	b.search.Build(b.prefs, b.est)
}

// acceptSlack absorbs rounding when comparing utilities of different offers.
const acceptSlack = 1e-9

// respond is AC_next: accept the partner's last offer when it is worth at
// least the agent's own next offer (the ladder's offer for target) and at
// least the reservation value; otherwise propose that offer.
func (b *bidder) respond(v *agents.View, target float64) agents.Move {
	off, u := b.bid(target)
	if v.Last.Kind == agents.MoveOffer {
		if pu := b.prefs.Utility(v.Last.Offer); pu >= u-acceptSlack && pu >= b.pmin {
			return agents.Accept(0)
		}
	}
	b.own++
	b.lastU = u
	return agents.Propose(off, 0)
}

// Time-dependent specs, registered in baselines.go.

const (
	timeDepCounter = "None by design: it ignores anchors, justifications and questions, concedes by its own clock, and accepts an offer worth at least its own next offer."
	naiveCounter   = "Naive: it accepts an offer worth at least its own next offer, and gives up flinch_sensitivity of its remaining range each time the partner flinches."
)

func eParam(def, lo, hi float64, doc string) Param {
	return Param{Name: "e", Doc: "concession exponent of p(t) = Pmin + (Pmax−Pmin)(1 − t^(1/e)); " + doc, Default: def, Min: lo, Max: hi}
}

var flinchParam = Param{
	Name:    "flinch_sensitivity",
	Doc:     "share of its remaining range (target − reservation) it gives up each time the partner flinches; 0 ignores flinches",
	Default: 0.05, Min: 0, Max: 0.5,
}

var (
	boulwareSpec = Spec{
		Name:    "boulware",
		Summary: "time-dependent, concedes late (e = 0.2): holds out until the deadline looms",
		Tactic:  "Patience as leverage: it stays near its best offer for most of the time and concedes only close to the deadline, so the partner carries the concessions.",
		Counter: timeDepCounter,
		Params:  []Param{eParam(0.2, 0.01, 1, "below 1 concedes late")},
		New:     func(p Params) agents.Agent { return newTimeDependent(p["e"], 0) },
	}
	linearSpec = Spec{
		Name:    "linear",
		Summary: "time-dependent, concedes evenly from its best offer to its reservation value (e = 1)",
		Tactic:  "Steady concession: it gives up the same utility every round, a predictable partner.",
		Counter: naiveCounter,
		Params:  []Param{eParam(1, 0.5, 2, "1 concedes evenly"), flinchParam},
		New:     func(p Params) agents.Agent { return newTimeDependent(p["e"], p["flinch_sensitivity"]) },
	}
	concederSpec = Spec{
		Name:    "conceder",
		Summary: "time-dependent, concedes early (e = 2): buys agreement with its own surplus",
		Tactic:  "Early concession: it gives up most of its surplus in the first rounds to make sure of a deal.",
		Counter: naiveCounter,
		Params:  []Param{eParam(2, 1, 10, "above 1 concedes early"), flinchParam},
		New:     func(p Params) agents.Agent { return newTimeDependent(p["e"], p["flinch_sensitivity"]) },
	}
	hardlinerSpec = Spec{
		Name:    "hardliner",
		Summary: "time-dependent with e = 0: never concedes, accepts only its best outcome",
		Tactic:  "Take it or leave it: it repeats its best offer to the deadline.",
		Counter: "None: it cannot be anchored, flinched or moved; it accepts only an offer as good as its own best.",
		New:     func(Params) agents.Agent { return newTimeDependent(0, 0) },
	}
)
