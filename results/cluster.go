package results

import (
	"math"

	"github.com/winwin-sim/winwin/arena"
)

// MaxClusters is the most clusters the clustered statistics group
// relationships into: relationship index i is in cluster i mod
// MaxClusters. Relationships with different indices are independent, so
// clusters of them are too, and the memory of the statistics does not
// grow with the number of relationships.
const MaxClusters = 100

// An observation is one side's payoffs in one relationship.
type observation struct {
	entrant, index   int
	oneShot, longRun float64
}

// appendObservations appends r's two observations to obs.
func appendObservations(obs []observation, r *arena.RelationshipRecord) []observation {
	for role, e := range [2]int{r.Pair.Seller, r.Pair.Buyer} {
		obs = append(obs, observation{entrant: e, index: r.Index, oneShot: r.OneShot[role], longRun: r.Payoff[role]})
	}
	return obs
}

// Clusters hold each entrant's payoffs summed by cluster of relationships
// (MaxClusters): the unit of the honest statistics
// (docs/model.md#clustered-statistics). Every relationship with index i, in every
// pair, shares the preference draw i (common random numbers), and a
// self-play relationship gives the entrant two payoffs: neither is an
// independent observation, but clusters are. A strategy's confidence
// interval is the ratio estimator's over clusters, and the difference
// between two strategies (or two variants of one) is paired by cluster.
// Sums are exact (Stat), so the figures do not depend on the
// order relationships finish in.
type Clusters struct {
	entrants, n      int
	oneShot, longRun []Stat // [entrant*n + cluster]
}

// NewClusters returns empty clusters for entrants entrants.
func NewClusters(entrants int) *Clusters {
	n := MaxClusters
	return &Clusters{entrants: entrants, n: n,
		oneShot: make([]Stat, entrants*n), longRun: make([]Stat, entrants*n)}
}

func (c *Clusters) add(obs []observation) {
	for _, o := range obs {
		k := o.entrant*c.n + o.index%c.n
		c.oneShot[k].Add(o.oneShot)
		c.longRun[k].Add(o.longRun)
	}
}

// Merge adds o's sums (same entrants) to c.
func (c *Clusters) Merge(o *Clusters) {
	for k := range c.oneShot {
		c.oneShot[k].Merge(o.oneShot[k])
		c.longRun[k].Merge(o.longRun[k])
	}
}

// Payoff selects the one-shot or the long-run payoff.
type Payoff bool

// The payoffs.
const (
	OneShotPayoff Payoff = false
	LongRunPayoff Payoff = true
)

func (c *Clusters) cell(p Payoff, e, g int) *Stat {
	if p == LongRunPayoff {
		return &c.longRun[e*c.n+g]
	}
	return &c.oneShot[e*c.n+g]
}

// Estimate returns entrant e's mean payoff with its cluster-robust 95%
// confidence interval: the ratio estimator Σ_g S_g / Σ_g n_g, with
// variance G/(G−1) · Σ_g (S_g − mean·n_g)² / (Σ n_g)² and Student's t
// with G−1 degrees of freedom. N is the number of clusters.
func (c *Clusters) Estimate(p Payoff, e int) Estimate {
	var sum, n float64
	var g int64
	for k := range c.n {
		s := c.cell(p, e, k)
		if s.N() == 0 {
			continue
		}
		sum += s.Sum()
		n += float64(s.N())
		g++
	}
	est := Estimate{N: g, Mean: math.NaN(), SD: math.NaN(), Low: math.NaN(), High: math.NaN()}
	if g == 0 {
		return est
	}
	est.Mean = sum / n
	if g < 2 {
		return est
	}
	ss := 0.0
	for k := range c.n {
		s := c.cell(p, e, k)
		if s.N() == 0 {
			continue
		}
		d := s.Sum() - est.Mean*float64(s.N())
		ss += d * d
	}
	v := float64(g) / float64(g-1) * ss / (n * n)
	h := TQuantile975(g-1) * math.Sqrt(v)
	est.SD = math.Sqrt(v * float64(g))
	est.Low, est.High = est.Mean-h, est.Mean+h
	return est
}

// Contrast returns the mean over clusters of w·(cluster means), where a
// cluster's mean for entrant e is its payoff averaged over that
// cluster's relationships, with its 95% confidence interval over
// clusters (Student's t). weights are by entrant (0 leaves one out):
// +1 for A and −1 for B is the paired difference A − B. Clusters where
// a weighted entrant has no relationship are left out.
func (c *Clusters) Contrast(p Payoff, weights []float64) Estimate {
	return contrast(c.n, func(g int) (float64, bool) {
		x := 0.0
		for e, w := range weights {
			if w == 0 {
				continue
			}
			s := c.cell(p, e, g)
			if s.N() == 0 {
				return 0, false
			}
			x += w * s.Mean()
		}
		return x, true
	})
}

// Paired returns the mean over clusters of entrant e's payoff in c minus
// its payoff in o (the same tournament played or scored another way, on
// the same seeds), with its 95% confidence interval: the paired
// difference a counterfactual makes.
func (c *Clusters) Paired(o *Clusters, p Payoff, e int) Estimate {
	return contrast(c.n, func(g int) (float64, bool) {
		a, b := c.cell(p, e, g), o.cell(p, e, g)
		if a.N() == 0 || b.N() == 0 {
			return 0, false
		}
		return a.Mean() - b.Mean(), true
	})
}

// contrast returns the mean of x(g) over the clusters where it is
// defined, with Student's t interval.
func contrast(n int, x func(g int) (float64, bool)) Estimate {
	var xs []float64
	for g := range n {
		if v, ok := x(g); ok {
			xs = append(xs, v)
		}
	}
	est := Estimate{N: int64(len(xs)), Mean: math.NaN(), SD: math.NaN(), Low: math.NaN(), High: math.NaN()}
	if len(xs) == 0 {
		return est
	}
	m := 0.0
	for _, v := range xs {
		m += v
	}
	m /= float64(len(xs))
	est.Mean = m
	if len(xs) < 2 {
		return est
	}
	ss := 0.0
	for _, v := range xs {
		ss += (v - m) * (v - m)
	}
	est.SD = math.Sqrt(ss / float64(len(xs)-1))
	h := TQuantile975(int64(len(xs)-1)) * est.SD / math.Sqrt(float64(len(xs)))
	est.Low, est.High = m-h, m+h
	return est
}

// Separated reports whether an estimate's confidence interval excludes
// zero: a difference that is a finding.
func Separated(e Estimate) bool {
	return !math.IsNaN(e.Low) && (e.Low > 0 || e.High < 0)
}
