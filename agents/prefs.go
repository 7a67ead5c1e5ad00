package agents

import (
	"fmt"
	"math"
	"slices"
)

// Preferences are one side's private valuation of a domain: a linear
// additive utility
//
//	U(o) = Σ_i Weights[i] · Values[i][o[i]]
//
// with weights summing to 1 and option values in [0,1], and a reservation
// value: what walking away (the side's BATNA) is worth on the same scale.
// An agent sees only its own Preferences.
type Preferences struct {
	// Weights are the issue weights, ≥ 0, summing to 1.
	Weights []float64
	// Values[i][k] is the value in [0,1] of option k of issue i.
	Values [][]float64
	// Reservation is the utility of no deal, in [0,1].
	Reservation float64
}

// Utility returns U(o). It does not allocate and does not check o: use
// Domain.Valid first for offers from elsewhere.
func (p *Preferences) Utility(o Offer) float64 {
	w, vs := p.Weights[:len(o)], p.Values[:len(o)] // one bounds check, not two per issue
	u := 0.0
	for i, k := range o {
		u += w[i] * vs[i][k]
	}
	return u
}

// Surplus returns U(o) minus the reservation value.
func (p *Preferences) Surplus(o Offer) float64 { return p.Utility(o) - p.Reservation }

// Validate reports whether p fits domain d: one weight and one value list
// per issue, one value per option, weights ≥ 0 summing to 1 (within 1e-6),
// values and reservation in [0,1].
func (p *Preferences) Validate(d *Domain) error {
	if len(p.Weights) != len(d.Issues) || len(p.Values) != len(d.Issues) {
		return fmt.Errorf("agents: preferences have %d weights and %d value lists for %d issues", len(p.Weights), len(p.Values), len(d.Issues))
	}
	sum := 0.0
	for i, w := range p.Weights {
		if !(w >= 0) || math.IsInf(w, 0) {
			return fmt.Errorf("agents: weight of issue %q is %v, want ≥ 0", d.Issues[i].Name, w)
		}
		sum += w
		if len(p.Values[i]) != len(d.Issues[i].Options) {
			return fmt.Errorf("agents: issue %q has %d values for %d options", d.Issues[i].Name, len(p.Values[i]), len(d.Issues[i].Options))
		}
		for k, v := range p.Values[i] {
			if !(v >= 0 && v <= 1) {
				return fmt.Errorf("agents: value of %q option %q is %v, want 0..1", d.Issues[i].Name, d.Issues[i].Options[k], v)
			}
		}
	}
	if math.Abs(sum-1) > 1e-6 {
		return fmt.Errorf("agents: weights sum to %v, want 1", sum)
	}
	if !(p.Reservation >= 0 && p.Reservation <= 1) {
		return fmt.Errorf("agents: reservation value %v, want 0..1", p.Reservation)
	}
	return nil
}

// Clone returns a deep copy of p.
func (p *Preferences) Clone() *Preferences {
	q := &Preferences{Weights: slices.Clone(p.Weights), Values: make([][]float64, len(p.Values)), Reservation: p.Reservation}
	for i, v := range p.Values {
		q.Values[i] = slices.Clone(v)
	}
	return q
}

// Best writes into dst (grown if needed) the offer that maximises U and
// returns it: the best option of every issue, ties going to the lowest index.
func (p *Preferences) Best(dst Offer) Offer {
	dst = resize(dst, len(p.Values))
	for i, vs := range p.Values {
		dst[i] = argmax(vs)
	}
	return dst
}

// Worst writes into dst the offer that minimises U and returns it.
func (p *Preferences) Worst(dst Offer) Offer {
	dst = resize(dst, len(p.Values))
	for i, vs := range p.Values {
		b := 0
		for k, v := range vs {
			if v < vs[b] {
				b = k
			}
		}
		dst[i] = b
	}
	return dst
}

// MaxUtility returns the utility of the best offer.
func (p *Preferences) MaxUtility() float64 {
	u := 0.0
	for i, vs := range p.Values {
		u += p.Weights[i] * vs[argmax(vs)]
	}
	return u
}

// Ranking returns the issue indices ordered from the heaviest weight to the
// lightest (ties by index): what a side discloses when it shares its
// priorities.
func (p *Preferences) Ranking() []int {
	r := make([]int, len(p.Weights))
	for i := range r {
		r[i] = i
	}
	slices.SortStableFunc(r, func(a, b int) int {
		switch {
		case p.Weights[a] > p.Weights[b]:
			return -1
		case p.Weights[a] < p.Weights[b]:
			return 1
		}
		return 0
	})
	return r
}

// Linear returns n option values rising evenly from 0 to 1 (or falling from
// 1 to 0 when ascending is false); a single option is worth 1.
func Linear(n int, ascending bool) []float64 {
	v := make([]float64, n)
	for k := range v {
		if n == 1 {
			v[k] = 1
			continue
		}
		x := float64(k) / float64(n-1)
		if !ascending {
			x = 1 - x
		}
		v[k] = x
	}
	return v
}

func argmax(vs []float64) int {
	b := 0
	for k, v := range vs {
		if v > vs[b] {
			b = k
		}
	}
	return b
}

func resize(o Offer, n int) Offer {
	if cap(o) < n {
		return make(Offer, n)
	}
	return o[:n]
}
