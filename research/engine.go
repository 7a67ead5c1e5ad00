package research

import (
	"context"
	"fmt"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/results"
)

// A variant is one way to score a tournament played with everyone always
// coming back: under a model, for at most some periods (arena.Rescore).
// It collects what a run would: an aggregate, and the clustered sums the
// honest statistics need.
type variant struct {
	model   arena.Model
	periods int
	agg     *results.Aggregate
	cl      *results.Clusters // agg's
}

func newVariant(cfg *configs.Config) *variant {
	agg := results.NewAggregate(entrantNames(cfg), cfg.Periods, cfg.Model.Discount)
	agg.KeepSamples = 0
	return &variant{model: cfg.Model, periods: cfg.Periods, agg: agg, cl: agg.Clusters()}
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
	buf  arena.RelationshipRecord
}

// NewCollector returns a collector with one results collector per variant.
func (s *multiSink) NewCollector() arena.Collector {
	c := &multiCollector{s: s, cols: make([]arena.Collector, len(s.vs))}
	for k, v := range s.vs {
		c.cols[k] = v.agg.NewCollector()
	}
	return c
}

// Add rescores r under every variant and adds it to each one's collector.
func (c *multiCollector) Add(r *arena.RelationshipRecord) {
	for k, v := range c.s.vs {
		arena.Rescore(r, &v.model, v.periods, &c.buf)
		c.cols[k].Add(&c.buf)
	}
}

// Merge folds each variant's collector into its aggregate.
func (s *multiSink) Merge(c arena.Collector) {
	mc := c.(*multiCollector)
	for k, v := range s.vs {
		v.agg.Merge(mc.cols[k])
	}
}

// play plays the tournament of cfg once, everyone always coming back, for
// the most periods any variant needs (with fresh agents every deal when
// forget is set), and scores it under every variant. It returns the
// number of relationships played and the tournament's error (ctx's when
// interrupted: the variants then hold what finished).
func play(ctx context.Context, cfg *configs.Config, forget bool, vs []*variant, progress func(done int)) (int, error) {
	return playRange(ctx, cfg, forget, vs, 0, -1, progress)
}

// playRange is play of tasks lo to hi−1 of the tournament's task list
// (arena.Tournament.RunRange; hi −1: to the end).
func playRange(ctx context.Context, cfg *configs.Config, forget bool, vs []*variant, lo, hi int, progress func(done int)) (int, error) {
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
	if hi < 0 {
		hi = t.Total()
	}
	return t.RunRange(ctx, &multiSink{vs: vs}, lo, hi)
}
