package research

import (
	"context"
	"fmt"
	"math"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/results"
)

// MaxClusters is the most clusters the statistics group relationships
// into: relationship index i is in cluster i mod MaxClusters (or its own
// when there are fewer relationships). Relationships with different
// indices are independent, so clusters of them are too, and the memory
// of the statistics does not grow with the number of relationships.
const MaxClusters = 100

// A variant is one way to score a tournament played with everyone always
// coming back: under a model, for at most some periods (arena.Rescore).
// It collects what a run would: an aggregate, and the clustered sums the
// honest statistics need.
type variant struct {
	model   arena.Model
	periods int
	agg     *results.Aggregate
	cl      *Clusters
}

func newVariant(cfg *configs.Config) *variant {
	agg := results.NewAggregate(entrantNames(cfg), cfg.Periods, cfg.Model.Discount)
	agg.KeepSamples = 0
	return &variant{model: cfg.Model, periods: cfg.Periods, agg: agg, cl: NewClusters(len(cfg.Strategies), cfg.Relationships)}
}

func entrantNames(cfg *configs.Config) []string {
	names := make([]string, len(cfg.Strategies))
	for i, s := range cfg.Strategies {
		names[i] = s.Name
	}
	return names
}

// multiSink scores every relationship played under every variant.
type multiSink struct{ vs []*variant }

type multiCollector struct {
	s    *multiSink
	cols []arena.Collector
	obs  [][]observation
	buf  arena.RelationshipRecord
}

func (s *multiSink) NewCollector() arena.Collector {
	c := &multiCollector{s: s, cols: make([]arena.Collector, len(s.vs)), obs: make([][]observation, len(s.vs))}
	for k, v := range s.vs {
		c.cols[k] = v.agg.NewCollector()
	}
	return c
}

func (c *multiCollector) Add(r *arena.RelationshipRecord) {
	for k, v := range c.s.vs {
		arena.Rescore(r, &v.model, v.periods, &c.buf)
		c.cols[k].Add(&c.buf)
		c.obs[k] = appendObservations(c.obs[k], &c.buf)
	}
}

func (s *multiSink) Merge(c arena.Collector) {
	mc := c.(*multiCollector)
	for k, v := range s.vs {
		v.agg.Merge(mc.cols[k])
		v.cl.add(mc.obs[k])
	}
}

// play plays the tournament of cfg once, everyone always coming back, for
// the most periods any variant needs (with fresh agents every deal when
// forget is set), and scores it under every variant. It returns the
// number of relationships played and the tournament's error (ctx's when
// interrupted: the variants then hold what finished).
func play(ctx context.Context, cfg *configs.Config, forget bool, vs []*variant, progress func(done int)) (int, error) {
	for _, s := range cfg.Strategies {
		if s.Strategy == configs.ExecStrategy {
			return 0, fmt.Errorf("research: %s is an external agent: sweeps and counterfactuals run built-in strategies only", s.Name)
		}
	}
	t, err := cfg.Tournament()
	if err != nil {
		return 0, err
	}
	t.Model = arena.Always(cfg.Model)
	t.Periods = 0
	for _, v := range vs {
		t.Periods = max(t.Periods, v.periods)
	}
	t.Forget = forget
	if progress != nil {
		t.Progress = func(done, _ int) { progress(done) }
	}
	return t.Run(ctx, &multiSink{vs: vs})
}

// An observation is one side's payoffs in one relationship.
type observation struct {
	entrant, index   int
	oneShot, longRun float64
}

func appendObservations(obs []observation, r *arena.RelationshipRecord) []observation {
	for role, e := range [2]int{r.Pair.Seller, r.Pair.Buyer} {
		obs = append(obs, observation{entrant: e, index: r.Index, oneShot: r.OneShot[role], longRun: r.Payoff[role]})
	}
	return obs
}

// Clusters hold each entrant's payoffs summed by cluster of relationships
// (MaxClusters): the unit of the honest statistics
// (docs/model.md#statistics). Every relationship with index i, in every
// pair, shares the preference draw i (common random numbers), and a
// self-play relationship gives the entrant two payoffs: neither is an
// independent observation, but clusters are. A strategy's confidence
// interval is the ratio estimator's over clusters, and the difference
// between two strategies (or two variants of one) is paired by cluster.
// Sums are exact (results.Stat), so the figures do not depend on the
// order relationships finish in.
type Clusters struct {
	entrants, n      int
	oneShot, longRun []results.Stat // [entrant*n + cluster]
}

// NewClusters returns empty clusters for entrants entrants and a
// tournament of relationships relationships per pair.
func NewClusters(entrants, relationships int) *Clusters {
	n := max(1, min(relationships, MaxClusters))
	return &Clusters{entrants: entrants, n: n,
		oneShot: make([]results.Stat, entrants*n), longRun: make([]results.Stat, entrants*n)}
}

func (c *Clusters) add(obs []observation) {
	for _, o := range obs {
		k := o.entrant*c.n + o.index%c.n
		c.oneShot[k].Add(o.oneShot)
		c.longRun[k].Add(o.longRun)
	}
}

// Merge adds o's sums (same entrants and clusters) to c.
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
	OneShot Payoff = false
	LongRun Payoff = true
)

func (c *Clusters) cell(p Payoff, e, g int) *results.Stat {
	if p == LongRun {
		return &c.longRun[e*c.n+g]
	}
	return &c.oneShot[e*c.n+g]
}

// Estimate returns entrant e's mean payoff with its cluster-robust 95%
// confidence interval: the ratio estimator Σ_g S_g / Σ_g n_g, with
// variance G/(G−1) · Σ_g (S_g − mean·n_g)² / (Σ n_g)² and Student's t
// with G−1 degrees of freedom. N is the number of clusters.
func (c *Clusters) Estimate(p Payoff, e int) results.Estimate {
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
	est := results.Estimate{N: g, Mean: math.NaN(), SD: math.NaN(), Low: math.NaN(), High: math.NaN()}
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
	h := results.TQuantile975(g-1) * math.Sqrt(v)
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
func (c *Clusters) Contrast(p Payoff, weights []float64) results.Estimate {
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
func (c *Clusters) Paired(o *Clusters, p Payoff, e int) results.Estimate {
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
func contrast(n int, x func(g int) (float64, bool)) results.Estimate {
	var xs []float64
	for g := range n {
		if v, ok := x(g); ok {
			xs = append(xs, v)
		}
	}
	est := results.Estimate{N: int64(len(xs)), Mean: math.NaN(), SD: math.NaN(), Low: math.NaN(), High: math.NaN()}
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
	h := results.TQuantile975(int64(len(xs)-1)) * est.SD / math.Sqrt(float64(len(xs)))
	est.Low, est.High = m-h, m+h
	return est
}

// Separated reports whether an estimate's confidence interval excludes
// zero: a difference that is a finding.
func Separated(e results.Estimate) bool {
	return !math.IsNaN(e.Low) && (e.Low > 0 || e.High < 0)
}
