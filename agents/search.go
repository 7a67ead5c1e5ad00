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
// k_i options per issue, n issues and S steps; O(Σ k_i + S·n) when only
// the partner's issue weights changed since the last build, and
// O(Σ k_i + S) when they changed too little to reorder the steps, as a
// partner model's weights mostly do from one offer to the next. Find is a
// binary search and O(n + S) to write the offer.
//
// The zero value is ready to use. An OfferSearch reuses its memory: after
// the first Build on a domain, Build and Find do not allocate.
type OfferSearch struct {
	n     int          // issues
	utils []float64    // own utility at each rung, descending
	top   []int        // rung 0's offer
	moves []ladderMove // rung r's offer is top with moves[:r] applied
	steps []hullStep
	heads []int
	cur   []int
	rung  Offer     // scratch for Rung
	b     []float64 // scratch: partner values of one issue's options
	pw    []float64 // scratch: partner weight of each issue

	// fresh says the ladder is the merge of the hulls as they stand (see
	// Build); order[r] is then the slot in steps of move r, for the check
	// of its order (inOrder), and last scratch for it.
	fresh bool
	order []int32
	last  []float64

	// at is the offer of rung atRung, when atValid (see replay).
	at      Offer
	atRung  int
	atValid bool

	// The hull of each issue, kept between builds (see Build).
	hulls []issueHull
	vals  []float64 // hulls[i] was made for own values vals[at:at+k_i] and partner values vals[at+k_i:at+2k_i]

	// own and partner are the preferences of the last Build (partner nil
	// for the opposed prior), for Opening and Concede (guard.go); walk and
	// merged are their scratch offers.
	own, partner *Preferences
	walk, merged Offer
}

// An issueHull is issue i's slot in steps: steps[first:first+steps] are its
// hull steps (at most k_i − 1 for k_i options), starting from option start,
// made for own weight w and the values stored at vals[at:].
type issueHull struct {
	valid bool
	zero  bool // made for a partner weight of 0 (no steps)
	start int32
	w     float64
	k     int // options
	first int // slot in steps
	at    int // slot in vals
	steps int
}

// A ladderMove sets one issue from one option to another: a step down the
// ladder (from lets a walk up the ladder undo it).
type ladderMove struct{ issue, from, to int32 }

type hullStep struct {
	issue, to int32
	ownLoss   float64 // weighted own value given up
	gain      float64 // partner value gained (unweighted)
	rate      float64 // partner gain per own loss, +Inf for free gains
}

// Build prepares the ladder for own preferences and an estimate of the
// partner's. A nil partner estimate assumes a purely opposed partner who
// weighs every issue equally (concede on what matters least to oneself).
//
// Build is incremental: an issue's hull depends on the partner's option
// values for it, not on the weight the partner gives it (the weight scales
// every gain of the issue alike), so when a partner model updates only its
// issue weights — as a frequency model does on most offers — the hulls are
// kept and only the merge is redone; and when the new weights leave the
// steps in the order the last merge put them in, the ladder is kept as it
// is. Same inputs give the same ladder whatever was built before.
func (s *OfferSearch) Build(own, partner *Preferences) {
	n := len(own.Values)
	s.layout(own)
	s.n = n
	s.own, s.partner = own, partner
	total := 0
	for i := range n {
		ov := own.Values[i]
		w := own.Weights[i]
		pw, pv := 1/float64(n), s.b[:len(ov)]
		switch {
		case partner == nil:
			for k, v := range ov {
				pv[k] = 1 - v
			}
		case len(partner.Values[i]) >= len(ov):
			pw, pv = partner.Weights[i], partner.Values[i][:len(ov)]
		default:
			pw = partner.Weights[i]
			copy(pv, partner.Values[i])
		}
		h := &s.hulls[i]
		if !h.valid || h.w != w || h.zero != (pw == 0) || !s.sameValues(h, ov, pv) {
			s.hull(i, w, ov, pw, pv)
			s.fresh = false
		}
		total += h.steps
		s.pw[i] = pw
	}
	if !s.fresh || !s.inOrder(s.pw) {
		s.merge(s.pw, total)
	}
}

// Reweigh is Build(own, partner) for a caller who knows that, since the
// last Build, nothing has changed but the partner estimate's issue
// weights: own and partner are the preferences of that Build, and neither
// own nor partner's option values have been written to since. It skips
// comparing every option's values with those the ladder was made for
// (Build's check), so it costs O(n + S) when the new weights leave the
// steps in order — a frequency model's, after most offers. Given other
// preferences than the last Build's, or no partner estimate, it is Build.
func (s *OfferSearch) Reweigh(own, partner *Preferences) {
	if own != s.own || partner != s.partner || partner == nil || len(partner.Weights) != s.n {
		s.Build(own, partner)
		return
	}
	weights := partner.Weights[:s.n]
	total := 0
	for i, pw := range weights {
		h := &s.hulls[i]
		if h.zero != (pw == 0) {
			// Steps appear or vanish: a new hull, from the values the
			// last one was made for.
			s.hull(i, h.w, s.vals[h.at:h.at+h.k], pw, s.vals[h.at+h.k:h.at+2*h.k])
			s.fresh = false
		}
		total += h.steps
	}
	if !s.fresh || !s.inOrder(weights) {
		s.merge(weights, total)
	}
}

// rate is the rate of a step of an issue of partner weight pw after a
// step of rate prev: partner gain per own loss, +Inf for a free gain.
// Rates fall along a hull; the clamp to prev keeps rounding noise from
// reordering one issue's steps in the merge.
func rate(st *hullStep, pw, prev float64) float64 {
	r := math.Inf(1)
	if st.ownLoss > 0 {
		r = pw * st.gain / st.ownLoss
	}
	return min(r, prev)
}

// inOrder reports whether a fresh ladder's moves, the steps in the last
// merge's order, are still in merge order for the partner weights. The
// merge takes, at each rung, the first by falling rate and then issue
// among the issues' next steps, each issue's steps in falling rate order:
// that is the one order of all steps sorted by (rate falling, issue, place
// in its issue), so the old order is the merge's if and only if each move
// comes before the next one of another issue by that key. It rates the
// moves as it goes, in ladder order, each issue's steps in their own
// order, so that each clamp (see rate) sees the step before. A rate that
// is not a number compares with nothing, so that such an issue's steps
// are merged afresh unless they are the only ones.
func (s *OfferSearch) inOrder(weights []float64) bool {
	last := s.last[:len(weights)]
	for i := range last {
		last[i] = math.Inf(1)
	}
	steps, order := s.steps, s.order[:len(s.moves)]
	prevRate, prevIssue := math.Inf(1), int32(-1)
	for r, m := range s.moves {
		x := rate(&steps[order[r]], weights[m.issue], last[m.issue])
		last[m.issue] = x
		if m.issue != prevIssue && r > 0 && !(prevRate > x || (prevRate == x && prevIssue < m.issue)) {
			return false
		}
		prevRate, prevIssue = x, m.issue
	}
	return true
}

// sameValues reports whether issue hull h was made for own values ov and
// partner values pv.
func (s *OfferSearch) sameValues(h *issueHull, ov, pv []float64) bool {
	k := len(ov)
	mine, theirs := s.vals[h.at:h.at+k], s.vals[h.at+k:h.at+2*k]
	pv = pv[:k]
	for j, v := range ov {
		if mine[j] != v || theirs[j] != pv[j] {
			return false
		}
	}
	return true
}

// merge rates the steps for the partner weights and merges the issues'
// runs of steps, each in falling rate order, into one ladder of total
// steps by falling rate (the lower issue first among equal rates): a k-way
// merge, O(S·n), cheaper than sorting for a negotiation's few issues. Each
// step taken is a rung.
func (s *OfferSearch) merge(weights []float64, total int) {
	own, n := s.own, s.n
	for i := range s.hulls {
		h := &s.hulls[i]
		pw, prev := weights[i], math.Inf(1)
		for j := h.first; j < h.first+h.steps; j++ {
			prev = rate(&s.steps[j], pw, prev)
			s.steps[j].rate = prev
		}
	}
	s.cur = s.cur[:0]
	for i := range n {
		s.cur = append(s.cur, int(s.hulls[i].start))
	}
	s.utils = s.utils[:0]
	s.moves = s.moves[:0]
	u := 0.0
	for i, c := range s.cur {
		u += own.Weights[i] * own.Values[i][c]
	}
	s.utils = append(s.utils, u)
	s.top = append(s.top[:0], s.cur...)
	s.atValid = false
	s.heads = s.heads[:0]
	for i := range n {
		s.heads = append(s.heads, s.hulls[i].first)
	}
	for r := range total {
		pick := -1
		for i := range n {
			h := s.heads[i]
			if h == s.hulls[i].first+s.hulls[i].steps {
				continue
			}
			if pick < 0 || s.steps[h].rate > s.steps[s.heads[pick]].rate {
				pick = i
			}
		}
		j := s.heads[pick]
		st := s.steps[j]
		s.heads[pick]++
		u -= st.ownLoss
		s.utils = append(s.utils, u)
		s.moves = append(s.moves, ladderMove{st.issue, int32(s.cur[st.issue]), st.to})
		s.order[r] = int32(j)
		s.cur[st.issue] = int(st.to)
	}
	s.fresh = true
}

// hull walks issue i's upper hull of (own value given up, partner value
// gained) from own best option, for own weight w and values ov and the
// partner's values pv (weighted pw), and stores it in the issue's slot.
// The walk compares gains per own loss, which does not depend on the
// partner's weight for the issue, except that an issue the partner does
// not weigh at all offers no gain and has no steps.
func (s *OfferSearch) hull(i int, w float64, ov []float64, pw float64, pv []float64) {
	h := &s.hulls[i]
	copy(s.vals[h.at:], ov)
	copy(s.vals[h.at+len(ov):], pv)
	h.valid, h.w, h.zero, h.steps = true, w, pw == 0, 0
	if pw == 0 {
		// No gain to offer: start at own best option (the first of ties).
		c := 0
		for k := range ov {
			if ov[k] > ov[c] {
				c = k
			}
		}
		h.start = int32(c)
		return
	}
	// Start at own best option, the partner's favourite among ties.
	c := 0
	for k := range ov {
		if ov[k] > ov[c] || (ov[k] == ov[c] && pv[k] > pv[c]) {
			c = k
		}
	}
	h.start = int32(c)
	// Walk the upper hull: the next option is the one with the best
	// partner gain per own loss, nearest first among equal rates.
	for {
		best, bestLoss, bestGain := -1, 0.0, 0.0
		for k := range ov {
			loss := w * (ov[c] - ov[k])
			gain := pv[k] - pv[c]
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
		s.steps[h.first+h.steps] = hullStep{issue: int32(i), to: int32(best), ownLoss: bestLoss, gain: bestGain}
		h.steps++
		c = best
	}
}

// layout gives each issue of own's domain its slots in the buffers, keeping
// the hulls made before when the domain's shape is the same; it allocates
// only when own's domain is larger than any before, and then all buffers at
// once: a ladder has at most Σ(k_i − 1) steps, and issue i's hull a slot of
// k_i − 1 of them.
func (s *OfferSearch) layout(own *Preferences) {
	n := len(own.Values)
	same := len(s.hulls) == n
	for i := 0; same && i < n; i++ {
		same = s.hulls[i].k == len(own.Values[i])
	}
	if same {
		return
	}
	s.fresh = false
	steps, opts := 0, 0
	for _, vs := range own.Values {
		steps += len(vs) - 1
		opts += len(vs)
	}
	k := maxOptions(own)
	if cap(s.hulls) < n || cap(s.pw) < n || cap(s.steps) < steps || cap(s.vals) < 2*opts || cap(s.b) < k || cap(s.utils) < steps+1 {
		s.hulls = make([]issueHull, 0, n)
		s.steps = make([]hullStep, steps)
		s.moves = make([]ladderMove, 0, steps)
		s.order = make([]int32, steps)
		ints := make([]int, 7*n)
		ints, s.heads = cut(ints, n)
		ints, s.top = cut(ints, n)
		ints, s.cur = cut(ints, n)
		ints, s.walk = cut(ints, n)
		ints, s.merged = cut(ints, n)
		ints, s.at = cut(ints, n)
		s.rung = Offer(ints[:n:n])
		fs := make([]float64, steps+1+k+2*n+2*opts)
		s.utils, fs = fs[:0:steps+1], fs[steps+1:]
		s.b, fs = fs[:k:k], fs[k:]
		s.pw, fs = fs[:n:n], fs[n:]
		s.last, s.vals = fs[:n:n], fs[n:]
	}
	s.hulls = s.hulls[:0]
	steps, opts = 0, 0
	for _, vs := range own.Values {
		s.hulls = append(s.hulls, issueHull{k: len(vs), first: steps, at: opts})
		steps += len(vs) - 1
		opts += 2 * len(vs)
	}
	s.steps = s.steps[:cap(s.steps)]
	s.vals = s.vals[:cap(s.vals)]
	s.b = s.b[:cap(s.b)]
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
	s.rung = s.replay(r, s.rung)
	return s.rung, s.utils[r]
}

// RungUtility returns the own utility of rung r.
func (s *OfferSearch) RungUtility(r int) float64 { return s.utils[r] }

// Find copies into dst (grown if needed) the offer of the lowest rung whose
// own utility is at least target, and returns it with that utility. If even
// the best offer is below target, Find returns the best offer.
func (s *OfferSearch) Find(target float64, dst Offer) (Offer, float64) {
	r := s.FindRung(target)
	return s.replay(r, dst), s.utils[r]
}

// FindRung returns the index of the rung Find returns for target: the
// lowest rung whose own utility is at least target, or 0.
func (s *OfferSearch) FindRung(target float64) int {
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
	return max(lo-1, 0)
}

// replay writes rung r's offer into dst (grown if needed): the best offer
// with the ladder's first r steps applied. The ladder keeps its steps, not
// every rung's offer: a build then costs O(S) instead of O(S·n). The
// search keeps the last rung it replayed (at) and walks the ladder from
// there, making or undoing moves, so a rung costs O(n + |r − last|):
// callers mostly read the rungs in order, or near the last one.
func (s *OfferSearch) replay(r int, dst Offer) Offer {
	if !s.atValid {
		s.at = append(s.at[:0], s.top...)
		s.atRung, s.atValid = 0, true
	}
	at, moves, a := s.at, s.moves, s.atRung
	for ; a < r; a++ {
		m := moves[a]
		at[m.issue] = int(m.to)
	}
	for ; a > r; a-- {
		m := moves[a-1]
		at[m.issue] = int(m.from)
	}
	s.atRung = a
	dst = resize(dst, len(at))
	d := dst[:len(at)]
	for i, k := range at {
		d[i] = k
	}
	return dst
}
