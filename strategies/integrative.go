package strategies

import "github.com/winwin-sim/winwin/agents"

// integrative is the strategy "integrative", the article's win-win
// negotiator.
//
// Tactic: focus on interests and create mutual gain. It learns the
// partner's issue weights with an agents.FrequencyModel that lives as long
// as the agent, that is for the whole relationship, so its picture of the
// partner sharpens deal after deal; it also takes in the issue rankings the
// partner discloses. At each level of its own utility it proposes the
// package best for the partner (an agents.OfferSearch built on the
// estimate: logrolling, giving way first where the partner gains most per
// unit it gives up), and it never takes back what it has given. It shares
// its own priorities (a disclose move carrying its true ranking) when trust
// allows: the partner has used no hard tactic in this deal, nor in the
// previous one (it forgives after one clean deal). It moves early (e = 2)
// towards a fair target: the rung of its ladder with the largest product
// of both sides' normalised gains, never less than floor of its surplus
// range and never below its reservation value. It opens ambitiously, from
// its fair target up towards its best outcome (open), but never above the
// most it can ask while its estimate of the partner's utility of the offer
// reaches its estimate of the partner's walk-away point: no extreme anchor
// by its own estimate (see fairFloor for the estimate and its prior).
// Before any offer of its partner in the relationship that prior reads
// every issue as opposed, so its first opening may give up an issue both
// sides want the same way, and its partner may read that as what it
// wants: an open problem (docs/model.md#the-blind-opening). An issue the
// partner's offers show it shares is won back, in a move better for
// itself than its previous offer (see pace.keepShared). On the last move
// of a deal it accepts anything worth at least its reservation value:
// some gain beats none.
//
// Counter-tactics: against an anchor (an opening tagged anchor, or worth
// less to it than a tenth of its surplus range above its reservation value)
// it does not react to the number but makes its own first offer and asks
// how the number was reached ("How did you arrive at that number?"), and it
// discloses nothing in that deal. Against a flinch it asks why and repeats
// its previous offer: no extra concession. Against an unbundle it
// re-prices: it keeps the items as the partner asked and asks again for its
// own level of utility.
type integrative struct {
	e, floor, open float64
	pace           // learning: its model lives as long as the agent

	rankW   []float64 // weights implied by the partner's disclosed ranking
	hasRank bool
	ranking []int // own issue ranking, disclosed as is

	floorU        float64 // the concession floor of this deal
	clipU         float64 // the most it asks in this deal: see fairFloor
	trusted       bool    // the previous deal was free of hard tactics
	disclosed     bool
	partnerTags   agents.Tags // every tag the partner used in this deal
	partnerOffers int
}

// extremeShare is how little of its surplus range (max − reservation) a
// partner's opening may be worth before the integrative negotiator treats
// it as an extreme anchor and asks how it was reached.
const extremeShare = 0.1

func newIntegrative(p Params) *integrative {
	a := recycled[integrative](&integratives)
	a.pace.fresh()
	*a = integrative{e: p["e"], floor: p["floor"], open: p["open"], pace: a.pace}
	return a
}

// Release gives the agent back for a later newIntegrative to reuse
// (agents.Releaser).
func (a *integrative) Release() { recycle(&integratives, a, a.release()) }

// Act makes the integrative negotiator's move.
func (a *integrative) Act(v *agents.View) agents.Move {
	if a.newDeal(v) {
		a.beginDeal(v)
	}
	a.watch(v)
	if v.Last.Kind != agents.MoveNone {
		a.partnerTags |= v.Last.Tags
	}
	o, offered := partnerOffer(v)
	u := 0.0
	if offered {
		u = v.Prefs.Utility(o)
		a.partnerOffers++
		a.model.Observe(o)
		if v.Last.Tags.Has(agents.TagDisclose) {
			a.learnRanking(v.Last.Ranking)
		}
		a.rebuild(v.Prefs)
	}
	// It opens between its fair target and its best outcome — ambitious
	// but not an extreme anchor — and concedes towards the fair target.
	// (clipped where, by its estimate, the partner would walk away).
	hi := min(a.floorU+a.open*(a.maxU-a.floorU), a.clipU)
	target := agents.TargetUtility(v.Time(), a.e, min(a.floorU, hi), hi)
	if offered && u >= a.res && (u >= target || lastTurn(v)) {
		return agents.Accept(0)
	}
	var tags agents.Tags
	say := ""
	switch {
	case v.Last.Tags.Has(agents.TagFlinch):
		a.hold()
		tags, say = agents.TagAskWhy, sayAskFlinch[v.Role]
	case offered && a.partnerOffers == 1 && (v.Last.Tags&(agents.TagAnchor|agents.TagExtremeAnchor) != 0 || u < a.res+extremeShare*(a.maxU-a.res)):
		// Take the lead with our own number and question theirs.
		a.partnerTags |= agents.TagExtremeAnchor
		a.concede(v.Prefs, target)
		tags, say = agents.TagAskWhy, sayAskNumber[v.Role]
	case offered && v.Last.Tags.Has(agents.TagUnbundle):
		a.reprice(v.Domain, v.Prefs, o, max(target, a.prevUtility(v.Prefs)))
		tags, say = agents.TagReprice, sayReprice[v.Role]
	default:
		a.concede(v.Prefs, target)
	}
	if !a.disclosed && a.trusted && a.partnerTags&hardTactics == 0 {
		a.disclosed = true
		tags |= agents.TagDisclose
		if say == "" {
			say = sayDisclose[v.Role]
		}
		m := a.propose(tags, say)
		m.Ranking = a.ranking
		return m
	}
	return a.propose(tags, say)
}

// beginDeal prepares a new negotiation of the relationship.
func (a *integrative) beginDeal(v *agents.View) {
	n := len(v.Domain.Issues)
	if a.ranking == nil {
		a.rankW = make([]float64, n)
		a.ranking = make([]int, n)
	}
	rankIssues(v.Prefs.Weights, a.ranking)
	a.partnerTags, a.partnerOffers, a.disclosed = 0, 0, false
	a.trusted = true
	if h := v.History; len(h) > 0 {
		last := &h[len(h)-1]
		a.trusted = last.PartnerTags&hardTactics == 0
		if last.PartnerRanking != nil {
			a.learnRanking(last.PartnerRanking)
		}
	}
	a.begin(v, true)
	a.floorU, a.clipU = a.maxU, a.maxU
	a.rebuild(v.Prefs)
}

// rebuild refreshes the estimate, the ladder and the fair target. Within a
// deal the fair target only falls, so the aspiration never rises.
func (a *integrative) rebuild(own *agents.Preferences) {
	a.estimate(own)
	a.ladder(own)
	a.fairFloor()
}

// estimate writes the partner estimate (pace.estimate), with the issue
// weights averaged with those of a disclosed ranking when there is one.
func (a *integrative) estimate(own *agents.Preferences) {
	a.pace.estimate(own)
	if a.hasRank {
		for i := range a.est.Weights {
			a.est.Weights[i] = (a.est.Weights[i] + a.rankW[i]) / 2
		}
	}
}

// fairFloor sets the concession floor: the rung of the ladder with the
// largest estimated Nash product (u − r)·(û − r), where u is its own
// utility, û the partner's estimated utility, and r its own reservation
// value standing in for the partner's unknown one (a symmetric guess). That
// is the split a fair arbiter would pick between two sides with these
// preferences, and it is efficient because every rung is. The floor is at
// least floor of the surplus range, and within a deal it only falls.
//
// It also sets the ceiling of its asks, clipU: the most it can ask, by the
// estimate, without going below the partner's walk-away point, which it
// takes to be its own reservation value (the same symmetric guess: offers
// never reveal a walk-away point, and on a domain built for a fair
// contest both sides' are alike). That is its own utility of the first
// rung of the ladder (rungs give the partner more, by the estimate, as
// they go down) that the estimate values at least that much to the
// partner; an opening there is ambitious and no extreme anchor if the
// estimate is right. Before any offer of the partner the estimate is its
// prior: the partner weighs every issue alike and values each option as
// the opposite of itself (pace.estimate). Within a deal clipU only falls.
// If no rung worth its own reservation value reaches the partner's, the
// estimate sees no zone of agreement and clipU stays.
func (a *integrative) fairFloor() {
	fair, best, clip, clipped := a.maxU, 0.0, a.clipU, false
	for r := range a.search.Len() {
		o, u := a.search.Rung(r)
		if u < a.res {
			break
		}
		pu := a.est.Utility(o)
		if !clipped && pu >= a.res-1e-12 {
			clip, clipped = u, true
		}
		if prod := (u - a.res) * (pu - a.res); prod > best {
			best, fair = prod, u
		}
	}
	a.floorU = min(a.floorU, max(a.res+a.floor*(a.maxU-a.res), fair, a.res))
	a.clipU = min(a.clipU, clip)
}

// learnRanking turns a disclosed issue ranking (most important first) into
// rank-sum weights. A ranking that is not a permutation of the issues is
// ignored: a disclosure may be careless or false.
func (a *integrative) learnRanking(r []int) {
	n := len(a.rankW)
	if len(r) != n {
		return
	}
	for i := range a.rankW {
		a.rankW[i] = 0
	}
	total := float64(n*(n+1)) / 2
	for p, i := range r {
		if i < 0 || i >= n || a.rankW[i] != 0 {
			a.hasRank = false
			return
		}
		a.rankW[i] = float64(n-p) / total
	}
	a.hasRank = true
}

// rankIssues writes into dst the issue indices ordered from the heaviest
// weight to the lightest, ties by index: Preferences.Ranking without
// allocating.
func rankIssues(weights []float64, dst []int) {
	for i := range dst {
		dst[i] = i
		for j := i; j > 0 && weights[dst[j]] > weights[dst[j-1]]; j-- {
			dst[j], dst[j-1] = dst[j-1], dst[j]
		}
	}
}

// integrativeSpec registers integrative (listed in registry.go).
var integrativeSpec = Spec{
	Name:    "integrative",
	Summary: "Focuses on interests: learns the partner's priorities, logrolls, discloses when trusted, aims at a fair deal.",
	Tactic: "Value creation: shares its issue priorities when the partner has not bargained hard, learns the " +
		"partner's weights across deals and offers, at each level of its own utility, the package best for the partner.",
	Counter: "Against an anchor it makes its own first offer and asks how the number was reached; " +
		"against a flinch it asks why and concedes nothing extra; against an unbundle it re-prices the changed terms.",
	Params: []Param{
		{Name: "e", Doc: "concession exponent towards its fair target (above 1 gets there early)", Default: 2, Min: 0, Max: 10},
		{Name: "floor", Doc: "share of its own surplus range (max − reservation) it keeps at least; the estimated Nash point may keep more", Default: 0.25, Min: 0, Max: 1},
		{Name: "open", Doc: "where it opens, from its fair target (0) to its best outcome (1), never asking more than its estimate of the partner's walk-away point allows", Default: 0.5, Min: 0, Max: 1},
	},
	New: func(p Params) agents.Agent { return newIntegrative(p) },
}
