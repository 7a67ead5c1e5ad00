package agents

import "math"

// An OfferSearch finds, for a target own utility, the offer that is best for
// an estimated partner among those worth at least the target to oneself —
// the logrolling move: concede first on the issues the partner values most
// per unit of one's own value given up.
//
// It never enumerates the outcome space. For each issue it keeps the options
// on the upper hull of (own value given up, partner value gained), then
// merges the issues' hull steps by their exchange rate. The result is a
// ladder of offers from one's best offer downwards along the supported
// Pareto frontier of (own utility, estimated partner utility); Find picks the
// lowest rung still worth the target. Building costs O(Σ k_i² + S·n) for
// k_i options per issue, n issues and S steps; Find is a binary search
// and a copy.
//
// The zero value is ready to use. An OfferSearch reuses its memory: after
// the first Build on a domain, Build and Find do not allocate.
type OfferSearch struct {
	n     int       // issues
	utils []float64 // own utility at each rung, descending
	offs  []uint16  // rung r's offer is offs[r*n:(r+1)*n] (options < MaxOptions fit)
	steps []hullStep
	runs  []int // runs[i] is the index in steps of issue i's first step; runs[n] = len(steps)
	heads []int
	cur   []int
	rung  Offer     // scratch for Rung
	b     []float64 // scratch: weighted partner values of one issue's options
	// own and partner are the preferences of the last Build (partner nil
	// for the opposed prior), for Opening and Concede; merged is their
	// scratch offer.
	own, partner *Preferences
	merged       Offer
}

type hullStep struct {
	issue, to int32
	ownLoss   float64 // weighted own value given up
	rate      float64 // partner gain per own loss, +Inf for free gains
}

// Build prepares the ladder for own preferences and an estimate of the
// partner's. A nil partner estimate assumes a purely opposed partner who
// weighs every issue equally (concede on what matters least to oneself).
func (s *OfferSearch) Build(own, partner *Preferences) {
	n := len(own.Values)
	if cap(s.cur) < n || cap(s.b) < maxOptions(own) {
		s.grow(own)
	}
	s.n = n
	s.own, s.partner = own, partner
	s.steps = s.steps[:0]
	s.cur = s.cur[:0]
	s.runs = s.runs[:0]
	for i := range n {
		ov := own.Values[i]
		w := own.Weights[i]
		s.b = s.b[:0]
		pw := 1 / float64(n)
		for k, v := range ov {
			if partner == nil {
				s.b = append(s.b, pw*(1-v))
			} else {
				s.b = append(s.b, partner.Weights[i]*partner.Values[i][k])
			}
		}
		b := s.b
		// Start at own best option, the partner's favourite among ties.
		c := 0
		for k := range ov {
			if ov[k] > ov[c] || (ov[k] == ov[c] && b[k] > b[c]) {
				c = k
			}
		}
		s.cur = append(s.cur, c)
		s.runs = append(s.runs, len(s.steps))
		prevRate := math.Inf(1)
		// Walk the upper hull: the next option is the one with the best
		// partner gain per own loss, nearest first among equal rates.
		for {
			best, bestLoss, bestGain := -1, 0.0, 0.0
			for k := range ov {
				loss := w * (ov[c] - ov[k])
				gain := b[k] - b[c]
				if gain <= 0 || loss < 0 {
					continue
				}
				if loss == 0 { // free gain: take the largest at once
					if best < 0 || bestLoss > 0 || gain > bestGain {
						best, bestLoss, bestGain = k, 0, gain
					}
					continue
				}
				if best < 0 {
					best, bestLoss, bestGain = k, loss, gain
					continue
				}
				if bestLoss == 0 {
					continue
				}
				// Compare gain/loss with bestGain/bestLoss without dividing;
				// rates equal but for rounding (values like k/9) are a tie,
				// and a tie goes to the nearer option, so that the ladder
				// never skips an option of a straight trade-off.
				l, r := gain*bestLoss, bestGain*loss
				tol := 1e-12 * max(l, r)
				if l > r+tol || (l >= r-tol && loss < bestLoss) {
					best, bestLoss, bestGain = k, loss, gain
				}
			}
			if best < 0 {
				break
			}
			rate := math.Inf(1)
			if bestLoss > 0 {
				rate = bestGain / bestLoss
			}
			// Rates fall along a hull; clamp rounding noise so that the
			// merge below never reorders one issue's steps.
			rate = min(rate, prevRate)
			prevRate = rate
			s.steps = append(s.steps, hullStep{issue: int32(i), to: int32(best), ownLoss: bestLoss, rate: rate})
			c = best
		}
	}
	s.runs = append(s.runs, len(s.steps))

	// Merge the issues' runs, each already in falling rate order, into
	// one ladder by falling rate (the lower issue first among equal rates):
	// a k-way merge, O(S·n), cheaper than sorting for a negotiation's few
	// issues. Each step taken is a rung.
	s.utils = s.utils[:0]
	s.offs = s.offs[:0]
	u := 0.0
	for i, c := range s.cur {
		u += own.Weights[i] * own.Values[i][c]
	}
	s.utils = append(s.utils, u)
	s.offs = appendOffer(s.offs, s.cur)
	s.heads = append(s.heads[:0], s.runs[:n]...)
	for range len(s.steps) {
		pick := -1
		for i := range n {
			h := s.heads[i]
			if h == s.runs[i+1] {
				continue
			}
			if pick < 0 || s.steps[h].rate > s.steps[s.heads[pick]].rate {
				pick = i
			}
		}
		st := s.steps[s.heads[pick]]
		s.heads[pick]++
		s.cur[st.issue] = int(st.to)
		u -= st.ownLoss
		s.utils = append(s.utils, u)
		s.offs = appendOffer(s.offs, s.cur)
	}
}

func appendOffer(dst []uint16, o []int) []uint16 {
	for _, k := range o {
		dst = append(dst, uint16(k))
	}
	return dst
}

// grow sizes every buffer for own's domain at once, in three allocations:
// a ladder has at most Σ(k_i − 1) steps.
func (s *OfferSearch) grow(own *Preferences) {
	n, steps, k := len(own.Values), 0, maxOptions(own)
	for _, vs := range own.Values {
		steps += len(vs) - 1
	}
	s.steps = make([]hullStep, 0, steps)
	s.offs = make([]uint16, 0, (steps+1)*n)
	ints := make([]int, (n+1)+4*n)
	ints, s.runs = cut(ints, n+1)
	ints, s.heads = cut(ints, n)
	ints, s.cur = cut(ints, n)
	ints, s.merged = cut(ints, n)
	s.merged = s.merged[:n]
	s.rung = Offer(ints[:n:n])
	fs := make([]float64, steps+1+k)
	s.utils, s.b = fs[:0:steps+1], fs[steps+1:steps+1:steps+1+k]
}

// cut splits off the first n elements of xs as an empty slice of capacity n.
func cut(xs []int, n int) (rest, head []int) { return xs[n:], xs[:0:n] }

func maxOptions(p *Preferences) int {
	k := 0
	for _, vs := range p.Values {
		k = max(k, len(vs))
	}
	return k
}

// Len returns the number of rungs on the ladder.
func (s *OfferSearch) Len() int { return len(s.utils) }

// Rung returns the offer and own utility of rung r (0 is the best for
// oneself). The offer is a scratch buffer of the search, overwritten by the
// next call of Rung or Build: copy it to keep it.
func (s *OfferSearch) Rung(r int) (Offer, float64) {
	if len(s.rung) != s.n {
		s.rung = make(Offer, s.n)
	}
	for i, k := range s.offs[r*s.n : (r+1)*s.n] {
		s.rung[i] = int(k)
	}
	return s.rung, s.utils[r]
}

// RungUtility returns the own utility of rung r.
func (s *OfferSearch) RungUtility(r int) float64 { return s.utils[r] }

// Find copies into dst (grown if needed) the offer of the lowest rung whose
// own utility is at least target, and returns it with that utility. If even
// the best offer is below target, Find returns the best offer.
func (s *OfferSearch) Find(target float64, dst Offer) (Offer, float64) {
	// utils is descending: find the last index with utils[r] >= target.
	lo, hi := 0, len(s.utils)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if s.utils[m] >= target-1e-12 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	r := lo - 1
	if r < 0 {
		r = 0
	}
	dst = resize(dst, s.n)
	for i, k := range s.offs[r*s.n : (r+1)*s.n] {
		dst[i] = int(k)
	}
	return dst, s.utils[r]
}
