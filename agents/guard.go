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
// is worth at least partnerMin to the partner by the estimate of the last
// Build (with a nil estimate, the opposed prior: the partner weighs every
// issue alike and values each option as the opposite of oneself). Use it
// as the top of the concession curve in place of Preferences.MaxUtility:
// an opening there reaches the partner's walk-away point if partnerMin is
// a fair guess of it — offers never reveal one, and one's own reservation
// value is the usual guess — and is then no extreme anchor. If no rung
// worth at least one's own reservation value reaches partnerMin, the
// estimate sees no zone of agreement, and Opening returns the best rung's
// utility.
func (s *OfferSearch) Opening(partnerMin float64) float64 {
	for r := range s.utils {
		if s.utils[r] < s.own.Reservation-1e-12 {
			break
		}
		if s.partnerUtility(s.offs[r*s.n:(r+1)*s.n]) >= partnerMin-1e-12 {
			return s.utils[r]
		}
	}
	return s.utils[0]
}

// partnerUtility is the estimated partner utility of a rung's offer.
func (s *OfferSearch) partnerUtility(o []uint16) float64 {
	u := 0.0
	if s.partner == nil {
		w := 1 / float64(s.n)
		for i, k := range o {
			u += w * (1 - s.own.Values[i][k])
		}
		return u
	}
	for i, k := range o {
		u += s.partner.Weights[i] * s.partner.Values[i][k]
	}
	return u
}

// Concede is Find for an agent that must never take back what it has
// given: prev is its previous offer in this negotiation (nil or empty
// before the first, when Concede is Find). It returns, copied into dst,
// the most generous offer worth at least target to oneself that on no
// issue gives the partner an option worth more to oneself than prev's —
// each rung of the ladder from target upwards merged with prev, keeping
// on every issue whichever option gives more away — and that the estimate
// of the last Build values no less than prev. If no merge qualifies it
// returns prev: holding is never a retraction.
//
// Against a partner whose interests are opposed to one's own on every
// issue (a higher price is better for the seller and worse for the buyer,
// and so on), an agent whose every offer comes from Concede, or is better
// for itself than its previous offer, never retracts, however its partner
// estimate changes between Builds. On an issue where both sides want the
// same option (a shared interest, such as a volume both prefer high) a
// concession hurts both: keep one's favourite option there once the
// partner's offers show it. dst may be prev. Concede does not allocate
// once dst has room.
func (s *OfferSearch) Concede(target float64, prev, dst Offer) (Offer, float64) {
	if len(prev) != s.n {
		return s.Find(target, dst)
	}
	hi := len(s.utils) - 1
	for hi > 0 && s.utils[hi] < target-1e-12 {
		hi--
	}
	m := s.merged[:s.n]
	prevEst := s.estimate(prev)
	for r := hi; r >= 0; r-- {
		for i, k := range s.offs[r*s.n : (r+1)*s.n] {
			vs := s.own.Values[i]
			if p := prev[i]; vs[k] > vs[p] {
				m[i] = p // taking back: keep what prev gave
			} else {
				m[i] = int(k)
			}
		}
		if s.own.Utility(m) < target-1e-12 || s.estimate(m) < prevEst-1e-12 {
			continue
		}
		dst = resize(dst, s.n)
		copy(dst, m)
		return dst, s.own.Utility(dst)
	}
	u := s.own.Utility(prev)
	dst = resize(dst, s.n)
	copy(dst, prev)
	return dst, u
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
