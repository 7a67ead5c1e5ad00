package agents

// This file holds the guards against hard tactics played by accident: the
// arena judges moves by what they do, not by their tags (see "Tactics are
// tags" in the package documentation), and two of them are easy to make
// without meaning to. An agent that opens with its best offer makes an
// extreme anchor whenever that offer is worth less to the partner than its
// walk-away point; an agent that rebuilds its OfferSearch as its model of
// the partner learns may find, at its next target, a package that gives
// back less than its previous offer did: a retraction. Opening and Concede
// avoid both.

// Opening returns the highest own utility at which an offer of the ladder
// leaves the partner at least partnerMin by the estimate of the last
// Build. Use it as the top of the concession curve in place of
// Preferences.MaxUtility: an opening there reaches the partner's walk-away
// point if partnerMin is a fair guess of it — offers never reveal one, and
// one's own reservation value is the usual guess — and is then no extreme
// anchor.
//
// Without an estimate (a nil partner in Build) it takes the more cautious
// of two guesses of what a partner who wants the opposite gets: the prior
// Build assumes (every issue weighed alike, each option worth the opposite
// of its value to oneself), and a zero-sum deal, in which the partner gets
// 1 minus one's own utility. On a single opposed issue both are exact. If
// no rung worth at least one's own reservation value reaches partnerMin,
// the estimate sees no zone of agreement, and Opening returns the best
// rung's utility.
func (s *OfferSearch) Opening(partnerMin float64) float64 {
	o := s.replay(0, s.walk)
	for r := range s.utils {
		if r > 0 {
			m := s.moves[r-1]
			o[m.issue] = int(m.to)
		}
		if s.utils[r] < s.own.Reservation-1e-12 {
			break
		}
		pu := s.estimate(o)
		if s.partner == nil {
			pu = min(pu, 1-s.utils[r])
		}
		if pu >= partnerMin-1e-12 {
			return s.utils[r]
		}
	}
	return s.utils[0]
}

// Concede is Find for an agent that must not take back what it has given
// nor make a lose-lose move: it returns, copied into dst, the most
// generous offer worth at least target to oneself such that
//
//   - on no issue does it give the partner an option worth more to oneself
//     than one's previous offer in this negotiation did (v.Moves holds it;
//     before the first, Concede is Find): each rung of the ladder from
//     target upwards is merged with that offer, keeping on every issue
//     whichever option gives more away;
//   - on every issue where an offer of the partner in this negotiation
//     proposed one's own favourite option — a shared interest, such as a
//     volume both want large, or an issue the partner gave away — it does
//     not concede: conceding a shared interest hurts both sides. If the
//     previous offer had given such an issue up, it wins it back only when
//     the offer is then worth more to oneself than the previous one;
//   - the estimate of the last Build values it no less than the previous
//     offer.
//
// If no rung qualifies it holds the previous offer (with the shared
// interests won back). A retraction is an offer worse for the partner than
// one's previous one and no better for oneself: an agent whose every offer
// comes from Concede never makes one against a partner whose interests are
// opposed to its own on every issue, and none on an issue the partner's
// offers show to be shared, however its partner estimate changes between
// Builds. Concede does not allocate once dst has room.
func (s *OfferSearch) Concede(v *View, target float64, dst Offer) (Offer, float64) {
	prev := previousOffer(v)
	shared := s.sharedMask(v)
	if len(prev) != s.n {
		dst, _ = s.Find(target, dst)
		s.keepShared(dst, shared)
		return dst, s.own.Utility(dst)
	}
	hi := len(s.utils) - 1
	for hi > 0 && s.utils[hi] < target-1e-12 {
		hi--
	}
	m := resize(s.merged, s.n)
	rung := s.replay(hi, s.walk)
	prevOwn, prevEst := s.own.Utility(prev), s.estimate(prev)
	for r := hi; r >= 0; r-- {
		if r < hi { // one rung up: undo the step down from rung r
			mv := s.moves[r]
			rung[mv.issue] = int(mv.from)
		}
		for i, k := range rung {
			vs := s.own.Values[i]
			p := prev[i]
			switch {
			case vs[k] > vs[p]:
				m[i] = p // taking back: keep what prev gave
			case i < 64 && shared&(1<<i) != 0 && s.favourite(i, p):
				m[i] = p // a shared interest prev kept: keep it
			default:
				m[i] = k
			}
		}
		if s.own.Utility(m) < target-1e-12 || s.estimate(m) < prevEst-1e-12 {
			continue
		}
		// Winning back a shared interest prev had given up is taking
		// back too, unless the offer is then better for oneself than prev:
		// a hardening, never a retraction.
		dst = resize(dst, s.n)
		copy(dst, m)
		s.keepShared(dst, shared)
		if u := s.own.Utility(dst); u > prevOwn+1e-9 {
			return dst, u
		}
		copy(dst, m)
		return dst, s.own.Utility(dst)
	}
	// Holding is never a retraction, and with a shared interest won back
	// it is better for oneself than prev.
	dst = resize(dst, s.n)
	copy(dst, prev)
	s.keepShared(dst, shared)
	return dst, s.own.Utility(dst)
}

// previousOffer returns the agent's own latest offer in v.Moves, or nil.
func previousOffer(v *View) Offer {
	for i := len(v.Moves) - 1; i >= 0; i-- {
		if v.MoveBy(i) == v.Role && v.Moves[i].Kind == MoveOffer {
			return v.Moves[i].Offer
		}
	}
	return nil
}

// sharedMask returns a bit per issue (issues beyond 64 are never marked),
// set when some offer of the partner in this negotiation proposed one's
// own favourite option on that issue.
func (s *OfferSearch) sharedMask(v *View) uint64 {
	mask := uint64(0)
	for i := range v.Moves {
		m := &v.Moves[i]
		if v.MoveBy(i) == v.Role || m.Kind != MoveOffer || len(m.Offer) != s.n {
			continue
		}
		for j, k := range m.Offer {
			if j < 64 && s.favourite(j, k) {
				mask |= 1 << j
			}
		}
	}
	return mask
}

// favourite reports whether option k of issue i is worth the most to
// oneself.
func (s *OfferSearch) favourite(i, k int) bool {
	vs := s.own.Values[i]
	for _, x := range vs {
		if x > vs[k] {
			return false
		}
	}
	return true
}

// keepShared sets o's options on the shared issues to the partner's
// proposal, one's own favourite.
func (s *OfferSearch) keepShared(o Offer, shared uint64) {
	if shared == 0 {
		return
	}
	for i := range o {
		if i < 64 && shared&(1<<i) != 0 && !s.favourite(i, o[i]) {
			vs := s.own.Values[i]
			best := 0
			for k := range vs {
				if vs[k] > vs[best] {
					best = k
				}
			}
			o[i] = best
		}
	}
}

// estimate is the estimated partner utility of offer o.
func (s *OfferSearch) estimate(o Offer) float64 {
	u := 0.0
	if s.partner == nil {
		w := 1 / float64(s.n)
		for i, k := range o {
			u += w * (1 - s.own.Values[i][k])
		}
		return u
	}
	return s.partner.Utility(o)
}
