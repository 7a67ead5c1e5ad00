package strategies

import "github.com/winwin-sim/winwin/agents"

// hardTactics are the tags a trained negotiator reads as hard bargaining,
// whether sent or detected by the arena.
const hardTactics = agents.TagAnchor | agents.TagExtremeAnchor | agents.TagFlinch | agents.TagRetraction | agents.TagUnbundle

// pace is the core every article strategy builds on: a ladder of offers
// from its best outcome downwards (an agents.OfferSearch), a proposal buffer
// handed to the arena, and the strategy's previous proposal in the current
// negotiation. A learning pace also keeps a model of the partner for the
// whole relationship and rebuilds the ladder on it. Its memory is allocated
// on the first negotiation and reused.
type pace struct {
	search  agents.OfferSearch
	offer   agents.Offer // the proposal being made; Move.Offer points here
	prev    agents.Offer // the previous proposal of this negotiation
	scratch agents.Offer
	hasPrev bool
	maxU    float64 // utility of own best outcome
	res     float64 // own reservation value

	model *agents.FrequencyModel // nil for a partner-blind pace
	est   *agents.Preferences    // estimated partner preferences
	// valued is the own preferences est's option values were written for
	// (nil when a negotiation begins), valuedShared[i] whether issue i's
	// were written as a shared interest (see structural); revalued says
	// they changed since learn or begin last built the ladder.
	valued       *agents.Preferences
	valuedShared []bool
	revalued     bool

	// The shared interests the partner has shown in this negotiation
	// (see keepShared): own is the agent's preferences, best its
	// favourite option of each issue, shows[i] whether every offer of the
	// partner so far proposed an option of issue i worth as much to the
	// agent as best[i], and shown whether the partner has made one.
	own   *agents.Preferences
	best  agents.Offer
	shows []bool
	shown bool

	// A partner-blind pace (blind) also keeps the partner's latest offer
	// (ask, once asked) for the shared interests it shows (see withinAsk).
	blind bool
	ask   agents.Offer
	asked bool

	releaseMark // whether the agent was given back (see recycle.go)
}

// fresh makes p the pace of a fresh agent, as its zero value is, but for
// its offer search and offer buffers, which a recycled agent reuses (see
// recycle.go): begin sizes the buffers to the domain, and the search's
// Build checks what it keeps against the preferences it is given, as it
// does between the deals of one agent. The partner model is made anew:
// it belongs to one relationship.
func (p *pace) fresh() {
	*p = pace{
		search: p.search,
		offer:  p.offer[:0], prev: p.prev[:0], scratch: p.scratch[:0], best: p.best[:0], ask: p.ask[:0],
		shows: p.shows[:0], valuedShared: p.valuedShared[:0],
	}
}

// begin resets the per-negotiation state and builds the ladder: on the
// partner estimate if learn is set (making the model on first use), else
// partner-blind.
func (p *pace) begin(v *agents.View, learn bool) {
	n := len(v.Domain.Issues)
	p.offer = sized(p.offer, n)
	p.prev = sized(p.prev, n)
	p.scratch = sized(p.scratch, n)
	p.hasPrev = false
	p.maxU = v.Prefs.MaxUtility()
	p.res = v.Prefs.Reservation
	p.own = v.Prefs
	p.best = v.Prefs.Best(sized(p.best, n))
	if cap(p.shows) < n {
		bs := make([]bool, 2*n) // shows and valuedShared
		p.shows, p.valuedShared = bs[:n:n], bs[n:n:2*n]
	}
	p.shows, p.shown = p.shows[:n], false
	for i := range p.shows {
		p.shows[i] = true
	}
	p.blind, p.asked = !learn, false
	if p.blind {
		p.ask = sized(p.ask, n)
	}
	if !learn {
		p.search.Build(v.Prefs, nil)
		return
	}
	if p.model == nil {
		p.model = agents.NewFrequencyModel(v.Domain)
		p.est = p.model.NewEstimate()
	}
	p.valued = nil
	p.estimate(v.Prefs)
	p.search.Build(v.Prefs, p.est)
	p.revalued = false
}

// learn records a partner offer in the model and rebuilds the ladder: for
// the new weights alone (Reweigh) when the estimate's option values are
// those of the last build.
func (p *pace) learn(own *agents.Preferences, o agents.Offer) {
	p.model.Observe(o)
	p.estimate(own)
	p.ladder(own)
}

// ladder rebuilds the ladder on the estimate: for its new weights alone
// (Reweigh) when its option values are those of the last build.
func (p *pace) ladder(own *agents.Preferences) {
	if p.revalued {
		p.search.Build(own, p.est)
		p.revalued = false
	} else {
		p.search.Reweigh(own, p.est)
	}
}

// estimate writes the partner estimate into p.est. The issue weights are
// the frequency model's: an issue the partner keeps unchanged matters to
// it. The option values are structural: opposed to its own (1 − own value)
// on every issue, except where the option the partner proposes most is its
// own favourite too — a shared interest, valued as it values it. The
// model's raw option counts are too spiky to use directly: an option named
// once stands far above its neighbours, and the ladder would jump over
// them.
func (p *pace) estimate(own *agents.Preferences) {
	p.model.EstimateWeights(p.est)
	p.structural(own)
}

// structural writes structuralValues into p.est for own, rewriting only
// the issues whose shared interest changed since it last wrote them for
// own (after a partner offer, seldom any), and sets p.revalued if it
// rewrote any.
func (p *pace) structural(own *agents.Preferences) {
	n := len(p.est.Values)
	if p.valued != own || len(p.valuedShared) != n {
		structuralValues(p.est, own, p.best, p.model)
		p.valued, p.revalued = own, true
		if cap(p.valuedShared) < n {
			p.valuedShared = make([]bool, n)
		}
		p.valuedShared = p.valuedShared[:n]
		for i := range n {
			p.valuedShared[i] = sharedInterest(p.model, p.best, i)
		}
		return
	}
	for i, was := range p.valuedShared {
		if shared := sharedInterest(p.model, p.best, i); shared != was {
			p.valuedShared[i], p.revalued = shared, true
			structuralIssue(p.est.Values[i], own.Values[i], shared)
		}
	}
}

// structuralValues writes into est, which holds a frequency model m's
// issue weights, structural option values in place of the model's counts:
// opposed to own (1 − own value) on every issue, except where the option
// the partner proposes most (once it has proposed something) is own
// favourite best[i] too — a shared interest, valued as own. The raw counts
// are too spiky for an offer ladder: a partner that repeats one option
// makes every other option look worthless to it, and the ladder jumps
// straight to its favourite instead of conceding step by step.
func structuralValues(est, own *agents.Preferences, best agents.Offer, m *agents.FrequencyModel) {
	for i, vs := range est.Values {
		structuralIssue(vs, own.Values[i], sharedInterest(m, best, i))
	}
}

// sharedInterest reports whether the option of issue i the partner
// proposes most, once it has proposed something, is own favourite best[i].
func sharedInterest(m *agents.FrequencyModel, best agents.Offer, i int) bool {
	return m.Offers() > 0 && m.MostProposed(i) == best[i]
}

// structuralIssue writes one issue's structural values into vs: own values
// ov for a shared interest, else opposed to them.
func structuralIssue(vs, ov []float64, shared bool) {
	for k := range vs {
		if shared {
			vs[k] = ov[k]
		} else {
			vs[k] = 1 - ov[k]
		}
	}
}

// target is the time-dependent aspiration p(t) from max down to floor.
func (p *pace) target(t, e, floor float64) float64 {
	return agents.TargetUtility(t, e, floor, p.maxU)
}

// find writes the ladder's offer for target into the proposal buffer.
func (p *pace) find(target float64) { p.offer, _ = p.search.Find(target, p.offer) }

// concede writes into the proposal buffer the most generous offer worth at
// least target that takes nothing back: the ladder may shift as the
// estimate learns, so each rung worth target is merged with the previous
// proposal, keeping on every issue whichever of the two gives more away,
// and the first merge still worth target (and, by the estimate, no worse
// for the partner) is offered. Without such a merge it holds the previous
// proposal. A retraction costs the relationship; this never makes one on
// an issue where the sides are opposed (propose's keepShared then undoes
// a concession on an issue the partner's offers show it shares).
func (p *pace) concede(own *agents.Preferences, target float64) {
	if !p.hasPrev {
		p.find(target)
		return
	}
	hi := p.search.FindRung(target)
	prevEst := 0.0
	if p.est != nil {
		prevEst = p.est.Utility(p.prev)
	}
	for r := hi; r >= 0; r-- {
		o, _ := p.search.Rung(r)
		for i, k := range o {
			if p.takesBack(own, i, k) {
				k = p.prev[i]
			}
			p.scratch[i] = k
		}
		if own.Utility(p.scratch) < target-1e-12 {
			continue
		}
		if p.est != nil && p.est.Utility(p.scratch) < prevEst-1e-12 {
			continue
		}
		copy(p.offer, p.scratch)
		return
	}
	p.hold()
}

// takesBack reports whether option k of issue i would take back something
// the previous proposal gave the partner: an option worth more to oneself.
// On an issue where the sides are opposed that is worth less to the
// partner, and the one kind of issue where moving back helps both, a
// shared interest, is restored by keepShared only when the partner's own
// offers show it: the estimate's guess is not enough, since a partner who
// gives an issue away entirely looks, to a frequency model, as if it
// wanted the same option, and moving back would then be a retraction.
func (p *pace) takesBack(own *agents.Preferences, i, k int) bool {
	return own.Values[i][k] > own.Values[i][p.prev[i]]
}

// hold writes the previous proposal (or, before any, the best outcome) into
// the proposal buffer: no concession.
func (p *pace) hold() {
	if !p.hasPrev {
		p.find(p.maxU)
		return
	}
	copy(p.offer, p.prev)
}

// watch reads the partner's last move, if it is an offer, for the shared
// interests it shows (see keepShared). Every article strategy calls it on
// each move, after begin.
func (p *pace) watch(v *agents.View) {
	if v.Last.Kind != agents.MoveOffer {
		return
	}
	p.shown = true
	for i, k := range v.Last.Offer {
		vs := p.own.Values[i]
		p.shows[i] = p.shows[i] && vs[k] >= vs[p.best[i]]
	}
	if p.blind {
		copy(p.ask, v.Last.Offer)
		p.asked = true
	}
}

// keepShared gives the proposal buffer the agent's favourite option of
// every issue on which every offer of the partner in this negotiation has
// proposed it too: the partner's own offers show that it wants the same
// thing there (a compatible issue, as volume in supply-deal), so any other
// option would be worse for both sides, a lose-lose move. The ladder's
// estimate of the partner may miss it (a partner-blind ladder assumes
// every issue opposed; a frequency model can be misled across deals), so
// this holds whatever the ladder proposes. It only ever raises the offer's
// worth to the agent, so the offer stays worth its target.
//
// Winning back an issue the previous proposal had given up takes back what
// was given there, and a partner that gave the issue away entirely (its
// offers then propose the agent's favourite too) looks just like one that
// shares it. So an issue is won back only in a move better for the agent
// than its previous proposal: where the ladder's concession would leave
// the move no better, the issue is won back on the previous proposal
// instead. At worst that is a hardening, never a retraction (worse for
// the partner and not better for oneself) nor a lose-lose move.
func (p *pace) keepShared() {
	if !p.shown {
		return
	}
	wonBack := false // an issue the previous proposal had given up
	for i, ok := range p.shows {
		if vs := p.own.Values[i]; ok && vs[p.offer[i]] < vs[p.best[i]] {
			wonBack = wonBack || p.hasPrev && vs[p.prev[i]] < vs[p.best[i]]
			p.offer[i] = p.best[i]
		}
	}
	if wonBack && p.own.Utility(p.offer) <= p.own.Utility(p.prev)+1e-9 {
		// Won back on a concession elsewhere, the move would be no
		// better for the agent: win it back on the previous proposal.
		copy(p.offer, p.prev)
		for i, ok := range p.shows {
			if ok {
				p.offer[i] = p.best[i]
			}
		}
	}
	p.withinAsk()
}

// withinAsk, for a partner-blind pace, keeps what the partner's latest
// offer shows it shares: on an issue where that offer proposes the agent's
// own favourite option, the proposal buffer gives no more than the
// previous proposal did there (and keeps the favourite if that proposal
// had it). A ladder that does not model the partner concedes on what
// matters least to the agent, and on an issue both sides want the same
// way (volume in supply-deal) that concession is worth less to the partner
// too: a lose-lose move, which the partner's own ask rules out even when
// its earlier offers did not all show the shared interest (keepShared
// needs every one). On the other issues the ladder is left alone. Like
// keepShared it only raises the offer's worth to the agent, and it never
// takes back what the previous proposal gave.
func (p *pace) withinAsk() {
	if !p.blind || !p.asked || !p.hasPrev {
		return
	}
	for i, k := range p.ask {
		vs := p.own.Values[i]
		if vs[k] < vs[p.best[i]] {
			continue // not the agent's favourite: no shared interest shown
		}
		if keep := p.prev[i]; vs[p.offer[i]] < vs[keep] {
			p.offer[i] = keep
		}
	}
}

// propose returns the proposal buffer as an offer move and remembers it,
// after keeping the shared interests the partner has shown (keepShared).
func (p *pace) propose(tags agents.Tags, say string) agents.Move {
	p.keepShared()
	copy(p.prev, p.offer)
	p.hasPrev = true
	return agents.Move{Kind: agents.MoveOffer, Offer: p.offer, Tags: tags, Say: say}
}

// prevUtility is the own utility of the previous proposal, or of the best
// outcome before any.
func (p *pace) prevUtility(own *agents.Preferences) float64 {
	if !p.hasPrev {
		return p.maxU
	}
	return own.Utility(p.prev)
}

// reprice answers an unbundling move: it keeps the bundle items as the
// partner asked in asked, and re-chooses every other issue (the price among
// them) from the ladder so that its own utility reaches target. It takes the
// lowest rung that does. If none does (callers pass a target of at least
// the worth of its previous proposal, so the terms asked are worth less to
// it at any price), it takes the rung that comes closest, a concession,
// provided that by its estimate the partner gains from it; otherwise it
// stands by its previous proposal, since the re-priced package would be
// worse for itself and, as far as it can tell, for the partner too (a
// lose-lose move).
func (p *pace) reprice(d *agents.Domain, own *agents.Preferences, asked agents.Offer, target float64) {
	pick, pickU := 0, -1.0
	for r := p.search.Len() - 1; r >= 0; r-- {
		o, _ := p.search.Rung(r)
		u := 0.0
		for i, k := range o {
			if d.Issues[i].Item {
				k = asked[i]
			}
			u += own.Weights[i] * own.Values[i][k]
		}
		if u >= target-1e-12 {
			pick = r
			break
		}
		if u > pickU {
			pick, pickU = r, u
		}
	}
	o, _ := p.search.Rung(pick)
	copy(p.offer, o)
	for i := range p.offer {
		if d.Issues[i].Item {
			p.offer[i] = asked[i]
		}
	}
	if pickU >= 0 && p.hasPrev && (p.est == nil || p.est.Utility(p.offer) < p.est.Utility(p.prev)-1e-12) {
		p.hold()
	}
}

// partnerOffer returns the offer the partner just made, if its last move
// was an offer.
func partnerOffer(v *agents.View) (agents.Offer, bool) {
	if v.Last.Kind != agents.MoveOffer {
		return nil, false
	}
	return v.Last.Offer, true
}

// lastTurn reports whether this is the agent's own last move before the
// deadline: at most the partner's answer follows, so declining an offer
// worth its walk-away point gambles the whole surplus on that answer. (The
// opener's last move is the second-to-last turn, the other side's the
// last.)
func lastTurn(v *agents.View) bool { return v.Turn >= 2*v.Deadline-2 }

// newDeal reports whether a new negotiation has begun: this is the
// agent's first move in it (or the pace was never set up for this domain,
// as when a test calls Act mid-negotiation).
func (p *pace) newDeal(v *agents.View) bool {
	return v.Turn < 2 || len(p.offer) != len(v.Domain.Issues)
}

func sized(o agents.Offer, n int) agents.Offer {
	if cap(o) < n {
		return make(agents.Offer, n)
	}
	return o[:n]
}
