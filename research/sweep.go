package research

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/shard"
)

// SweepFile and CrossoverFile are the tables of a sweep folder.
const (
	SweepFile     = "sweep.csv"
	CrossoverFile = "crossover.csv"
)

// batch is the most points one play of a tournament scores: the work of
// a relationship is that of batch points' rescoring at most. (A sweep
// keeps every point's aggregate until its folder is written, so that its
// state can be checkpointed and merged: SweepJob.)
const batch = 64

// SweepOptions say what RunSweep runs and how it reports on it.
type SweepOptions struct {
	// Config is a configuration with a [sweep] table.
	Config *configs.Config
	// Name names the sweep (its folder, its manifest); Base is the folder
	// to make the sweep folder in ("" means Config.Output.Dir).
	Name, Base string
	// Overrides are the settings the command line gave over the
	// configuration's (seed, relationships, workers; Config holds their
	// values): every point takes them, and config.toml has them written in.
	Overrides []results.Override
	// Command is the command line and Version the program version the
	// manifest records.
	Command []string
	Version string
	// Started, if not nil, is called once the folder exists, with the
	// number of relationships the sweep will play; Progress as they
	// finish.
	Started  func(dir string, total int)
	Progress func(done, total int)
}

// A Sweep is the outcome of a sweep: a row per point and strategy, and
// the crossovers.
type Sweep struct {
	// Dir is the sweep folder, Manifest what its manifest.json says.
	Dir      string
	Manifest *results.Manifest
	// Axes are the swept keys; WinWin and Hard the groups compared.
	Axes         []configs.Axis
	WinWin, Hard []string
	// Names are the entrants, in entrant order.
	Names []string
	// Points are the points that finished, in point order.
	Points []Point
	// Crossovers has one entry per value of the second axis (one entry
	// with one axis).
	Crossovers []Crossover
}

// A Point is one point of a sweep, summarised.
type Point struct {
	Index  int
	Values []configs.SweepValue
	// Rows are the strategies in entrant order.
	Rows []StrategyPoint
	// Group is the long-run payoff of the win-win group minus the hard
	// bargainers' (each group's strategies averaged), paired by cluster,
	// with its 95% CI; GroupOneShot the same of the one-shot payoff.
	Group, GroupOneShot results.Estimate
	// WinWinRank and HardRank are the mean long-run ranks of the groups.
	WinWinRank, HardRank float64
}

// A StrategyPoint is one strategy at one point.
type StrategyPoint struct {
	Entrant  int
	Strategy string
	// OneShot and LongRun are mean payoffs with cluster-robust 95% CIs
	// (Clusters.Estimate).
	OneShot, LongRun         results.Estimate
	OneShotRank, LongRunRank int
	// WinWin is the share of its negotiations that were win-win, Kept
	// the mean number of deals its relationships lasted, Retention the
	// share that ran every period.
	WinWin, Kept, Retention float64
	// Next is the strategy ranked just below it long-run, and Gap its
	// long-run payoff minus Next's, paired by cluster (NaN for the last).
	Next string
	Gap  results.Estimate
}

// RunSweep runs the sweep of o.Config into a new folder (docs/model.md#sweeps):
// the points that differ only in [relationship] keys and periods share
// one play of the tournament, everyone always coming back, rescored under
// each point's model (arena.Rescore), at most a batch of points at a time;
// the other points play their own. Every point runs on the config's seed:
// the points share their random numbers. It writes sweep.csv,
// crossover.csv, the charts, config.toml, report.html and, last,
// manifest.json. When ctx ends it keeps the points that finished.
func RunSweep(ctx context.Context, o SweepOptions) (*Sweep, error) {
	cfg := o.Config
	if cfg.Sweep == nil {
		return nil, errors.New("research: the configuration has no [sweep] table")
	}
	var written []results.Override
	for _, ov := range o.Overrides {
		if ov.Key != "workers" {
			written = append(written, ov)
		}
	}
	text, err := results.EffectiveConfig(cfg.Source, written, "")
	if err != nil {
		return nil, err
	}
	j, err := NewSweepJob(cfg)
	if err != nil {
		return nil, err
	}
	total := j.Tasks()
	base := o.Base
	if base == "" {
		base = cfg.Output.Dir
	}
	start := time.Now()
	dir, err := results.NewRunDir(base, o.Name, start)
	if err != nil {
		return nil, err
	}
	if o.Started != nil {
		o.Started(dir, total)
	}
	// The plays one after the other, each whole: an interrupted sweep
	// keeps the points of the plays that finished.
	st := j.empty()
	var runErr error
	for g := range j.plays {
		ps, err := j.Play(ctx, shard.Range{Lo: j.start[g], Hi: j.start[g+1]}, func(d int) {
			if o.Progress != nil {
				o.Progress(j.start[g]+d, total)
			}
		})
		if merr := st.Merge(ps); merr != nil {
			return nil, merr
		}
		if err != nil {
			runErr = err
			break
		}
	}
	interrupted := runErr != nil && ctx.Err() != nil
	if runErr != nil && !interrupted {
		return nil, fmt.Errorf("sweep %s: %w", o.Name, runErr)
	}
	m := &results.Manifest{Start: start.UTC(), Status: results.StatusComplete}
	if interrupted {
		m.Status = results.StatusInterrupted
	}
	sw, werr := j.Finish(st, SweepFolder{Dir: dir, Name: o.Name, Version: o.Version, Command: o.Command, Text: text, Overrides: o.Overrides, Manifest: m})
	if werr != nil {
		return sw, fmt.Errorf("writing %s: %w", dir, werr)
	}
	if interrupted {
		return sw, fmt.Errorf("%w after %d of %d points; the sweep folder holds what finished", ErrInterrupted, len(sw.Points), j.points)
	}
	return sw, nil
}

// ErrInterrupted is wrapped by the error of a sweep or counterfactual run
// whose context ended.
var ErrInterrupted = errors.New("interrupted")

// groupPlays splits the points into plays: points whose configs differ
// only in their model and periods share one, at most batch of them.
func groupPlays(points []configs.SweepPoint) [][]configs.SweepPoint {
	var keys []string
	byKey := map[string][]configs.SweepPoint{}
	for _, p := range points {
		k := playKey(p.Config)
		if _, ok := byKey[k]; !ok {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], p)
	}
	var out [][]configs.SweepPoint
	for _, k := range keys {
		for ps := byKey[k]; len(ps) > 0; {
			n := min(len(ps), batch)
			out = append(out, ps[:n])
			ps = ps[n:]
		}
	}
	return out
}

// playKey is what a point's negotiations depend on: everything but the
// model and the number of periods (arena.Rescore).
func playKey(c *configs.Config) string {
	s := c.Settings
	s.Periods, s.Workers = 0, 0
	k := fmt.Sprintf("%+v|%s|%p", s, c.DomainName, c.Scenario.Domain)
	for _, e := range c.Strategies {
		k += fmt.Sprintf("|%s=%s%v", e.Name, e.Strategy, e.Resolved)
	}
	return k
}

// Summarize summarises point p of sweep sw from its aggregate: the unit
// of a sweep's work. An aggregate merges exactly (results.MergeAggregate,
// its clusters included), so a point played in shards and merged gives
// the same Point, bit for bit.
func Summarize(p configs.SweepPoint, agg *results.Aggregate, sw *configs.Sweep) Point {
	pt := Point{Index: p.Index, Values: p.Values}
	rows := agg.Summary()
	cl := agg.Clusters()
	pt.Rows = make([]StrategyPoint, len(rows))
	byRank := make([]int, len(rows)) // entrant by long-run rank
	for _, r := range rows {
		pt.Rows[r.Entrant] = StrategyPoint{
			Entrant: r.Entrant, Strategy: r.Strategy,
			OneShot: cl.Estimate(results.OneShotPayoff, r.Entrant), LongRun: cl.Estimate(results.LongRunPayoff, r.Entrant),
			OneShotRank: r.OneShotRank, LongRunRank: r.LongRunRank,
			WinWin: r.Outcomes.WinWin, Kept: r.Length, Retention: r.Retention,
			Gap: results.Estimate{Mean: math.NaN(), SD: math.NaN(), Low: math.NaN(), High: math.NaN()},
		}
		byRank[r.LongRunRank-1] = r.Entrant
	}
	for k := 0; k+1 < len(byRank); k++ {
		a, b := byRank[k], byRank[k+1]
		w := make([]float64, len(rows))
		w[a], w[b] = 1, -1
		pt.Rows[a].Next, pt.Rows[a].Gap = pt.Rows[b].Strategy, cl.Contrast(results.LongRunPayoff, w)
	}
	w, ok := groupWeights(pt.Rows, sw.WinWin, sw.Hard)
	nan := results.Estimate{Mean: math.NaN(), SD: math.NaN(), Low: math.NaN(), High: math.NaN()}
	pt.Group, pt.GroupOneShot = nan, nan
	pt.WinWinRank, pt.HardRank = math.NaN(), math.NaN()
	if ok {
		pt.Group, pt.GroupOneShot = cl.Contrast(results.LongRunPayoff, w), cl.Contrast(results.OneShotPayoff, w)
		pt.WinWinRank, pt.HardRank = meanRank(pt.Rows, sw.WinWin), meanRank(pt.Rows, sw.Hard)
	}
	return pt
}

// groupWeights returns the contrast "mean of the win-win group minus mean
// of the hard bargainers" by entrant; false when a group has no entrant.
func groupWeights(rows []StrategyPoint, winWin, hard []string) ([]float64, bool) {
	w := make([]float64, len(rows))
	for sign, names := range map[float64][]string{1: winWin, -1: hard} {
		var in []int
		for _, r := range rows {
			if slices.Contains(names, r.Strategy) {
				in = append(in, r.Entrant)
			}
		}
		if len(in) == 0 {
			return nil, false
		}
		for _, e := range in {
			w[e] = sign / float64(len(in))
		}
	}
	return w, true
}

func meanRank(rows []StrategyPoint, names []string) float64 {
	s, n := 0.0, 0
	for _, r := range rows {
		if slices.Contains(names, r.Strategy) {
			s += float64(r.LongRunRank)
			n++
		}
	}
	return s / float64(n)
}

// A Crossover says where along the first axis the win-win group's
// long-run payoff passes the hard bargainers', at one value of the second
// axis (Other; nil with one axis).
type Crossover struct {
	Other *configs.SweepValue
	// At is the value of the first axis where the difference crosses
	// zero (linear interpolation between the points around the first
	// change of sign), NaN when it does not.
	At float64
	// Low and High bound where the crossing may be: between them the 95%
	// CI of the difference contains zero (the first changes of sign of
	// its bounds); NaN where a bound does not cross.
	Low, High float64
	// Verdict says it in words: "win-win ahead from 0.8 (0.75–0.85)",
	// "hard bargainers ahead throughout", "no difference throughout", ...
	Verdict string
}

// crossovers finds the crossovers of sw's points, one per value of the
// second axis. The first axis must be numeric for a crossing value.
func crossovers(sw *Sweep) []Crossover {
	if len(sw.Points) == 0 || len(sw.Axes) == 0 {
		return nil
	}
	var others []*configs.SweepValue
	if len(sw.Axes) == 2 {
		for i := range sw.Axes[1].Values {
			others = append(others, &sw.Axes[1].Values[i])
		}
	} else {
		others = []*configs.SweepValue{nil}
	}
	var out []Crossover
	for j, other := range others {
		var xs []float64
		var ds []results.Estimate
		for _, p := range sw.Points {
			if other != nil && p.Index/len(sw.Axes[0].Values) != j {
				continue
			}
			xs = append(xs, p.Values[0].Num)
			ds = append(ds, p.Group)
		}
		out = append(out, crossing(sw.Axes[0], xs, ds, other))
	}
	return out
}

func crossing(ax configs.Axis, xs []float64, ds []results.Estimate, other *configs.SweepValue) Crossover {
	c := Crossover{Other: other, At: math.NaN(), Low: math.NaN(), High: math.NaN()}
	if len(ds) == 0 || math.IsNaN(ds[0].Mean) {
		c.Verdict = "no groups to compare"
		return c
	}
	text := ax.Values[0].Text != ""
	mean := func(e results.Estimate) float64 { return e.Mean }
	low := func(e results.Estimate) float64 { return e.Low }
	high := func(e results.Estimate) float64 { return e.High }
	if !text {
		c.At = cross(xs, ds, mean)
		a, b := cross(xs, ds, low), cross(xs, ds, high)
		c.Low, c.High = math.Min(a, b), math.Max(a, b)
		if math.IsNaN(a) || math.IsNaN(b) {
			c.Low, c.High = a, b
			if math.IsNaN(a) {
				c.Low, c.High = b, a
			}
		}
	}
	ahead, behind, tied := 0, 0, 0
	for _, d := range ds {
		switch {
		case d.Low > 0:
			ahead++
		case d.High < 0:
			behind++
		default:
			tied++
		}
	}
	n := len(ds)
	switch {
	case ahead == n:
		c.Verdict = "win-win ahead throughout"
	case behind == n:
		c.Verdict = "hard bargainers ahead throughout"
	case tied == n:
		c.Verdict = "no difference throughout (every CI contains 0)"
	case !math.IsNaN(c.At):
		first, last := ds[0].Mean, ds[len(ds)-1].Mean
		dir := "win-win ahead above"
		if first > last {
			dir = "win-win ahead below"
		}
		c.Verdict = fmt.Sprintf("%s %s ≈ %.3g", dir, ax.Key, c.At)
		if !math.IsNaN(c.Low) && !math.IsNaN(c.High) {
			c.Verdict += fmt.Sprintf(" (CI of the crossing %.3g–%.3g)", c.Low, c.High)
		} else {
			c.Verdict += " (the CI does not close on both sides within the range)"
		}
	default:
		c.Verdict = fmt.Sprintf("win-win ahead at %d, hard bargainers at %d, no difference at %d of %d points", ahead, behind, tied, n)
	}
	return c
}

// cross returns the first x where f(ds) changes sign, interpolated
// linearly; NaN when it does not.
func cross(xs []float64, ds []results.Estimate, f func(results.Estimate) float64) float64 {
	for i := 0; i+1 < len(xs); i++ {
		a, b := f(ds[i]), f(ds[i+1])
		if math.IsNaN(a) || math.IsNaN(b) {
			continue
		}
		if a == 0 {
			return xs[i]
		}
		if (a < 0) != (b < 0) || b == 0 {
			return xs[i] + (xs[i+1]-xs[i])*a/(a-b)
		}
	}
	return math.NaN()
}
