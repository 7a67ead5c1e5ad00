package runfolder

import (
	"context"
	"fmt"
	"io"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/market"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/shard"
)

// KindTournament is the kind of run a tournament's checkpoints and shards
// record.
const KindTournament = "tournament"

// tournamentJob is a tournament as a shard.Job: its task list is the
// arena's (pairs × relationships, relationship-major: arena.Tournament.Task)
// followed, for a configuration with a [market] table, by the market's
// replications; its state a results.Aggregate (whose Market holds the
// replications). Every relationship and every replication draws its
// randomness from its own identity, and the aggregates merge exactly, so
// any cut of the list played apart and merged gives the bits of one
// process playing it whole. Another run kind (a sweep) plugs into shards,
// checkpoints and the merge with an adapter like this one: a task count,
// a function that plays a range of tasks into fresh accumulators, and the
// accumulators' exact Merge and lossless Write/Read.
type tournamentJob struct {
	t      arena.Tournament
	newAgg func() *results.Aggregate
	// mk is the market, if the configuration has one; markets its
	// replications, the tasks after the tournament's.
	mk      *market.Market
	markets int
	// marketStarted, if not nil, is called before the first replication
	// that Play plays.
	marketStarted func()
	// samplesEnd is the length of the start of the task list that holds
	// every relationship the run samples (0: the run has none);
	// samplesReady, if not nil, is called once with the run's samples
	// (results.Aggregate.Samples) as soon as that stretch is played and
	// merged, while the rest plays (Prefix).
	samplesEnd   int
	samplesReady func(samples []*arena.RelationshipRecord)
	// samplesDone, if not nil, reports whether the samples handed over
	// are written: the run then lets go of its copies (Prefix).
	samplesDone func() bool
}

// newTournamentJob makes the job of cfg's tournament and market: its
// sample plan set, aggregates sized as Run sizes them.
func newTournamentJob(cfg *configs.Config) (*tournamentJob, error) {
	t, err := cfg.Tournament()
	if err != nil {
		return nil, err
	}
	mk, hasMarket, err := cfg.MarketRun()
	if err != nil {
		return nil, fmt.Errorf("market: %w", err)
	}
	plan := results.NewSamplePlan(len(t.Pairs()), min(cfg.Output.SampleTranscripts, cfg.Relationships), cfg.Periods, cfg.Rounds)
	t.Sample = plan.Sampled
	names := entrantNames(cfg)
	j := &tournamentJob{t: t}
	// The task list runs relationship-major: the sampled relationships
	// (the first few of every pair) come first. Without any, the
	// aggregate's stand-in is task 0's relationship.
	j.samplesEnd = min(t.Total(), max(1, plan.Relationships()*len(t.Pairs())))
	if hasMarket {
		if err := mk.Validate(); err != nil {
			return nil, err
		}
		j.mk, j.markets = &mk, mk.Params.Markets
	}
	j.newAgg = func() *results.Aggregate {
		agg := results.NewAggregate(names, cfg.Periods, cfg.Model.Discount)
		agg.KeepSamples = max(agg.KeepSamples, plan.Count())
		if j.mk != nil {
			agg.Market = results.NewMarketAggregate(names, j.mk.Sellers(), j.mk.Params.Periods, cfg.Model.Discount)
		}
		return agg
	}
	return j, nil
}

// relationships returns the tournament's tasks: those of the task list
// before the market's.
func (j *tournamentJob) relationships() int { return j.t.Total() }

// split returns the relationships and the replications of r.
func (j *tournamentJob) split(r shard.Range) (rels, reps shard.Range) {
	n := j.relationships()
	rels = shard.Range{Lo: min(r.Lo, n), Hi: min(r.Hi, n)}
	reps = shard.Range{Lo: max(r.Lo, n) - n, Hi: max(r.Hi, n) - n}
	return rels, reps
}

func (j *tournamentJob) Tasks() int { return j.relationships() + j.markets }

func (j *tournamentJob) Play(ctx context.Context, r shard.Range, progress func(int)) (shard.State, error) {
	agg := j.newAgg()
	rels, reps := j.split(r)
	if rels.Len() > 0 {
		t := j.t
		t.Progress = nil
		if progress != nil {
			t.Progress = func(done, _ int) { progress(done) }
		}
		if _, err := t.RunRange(ctx, agg, rels.Lo, rels.Hi); err != nil {
			return aggState{agg}, err
		}
	}
	if reps.Len() > 0 {
		if j.marketStarted != nil {
			j.marketStarted()
		}
		mk := *j.mk
		mk.Progress = nil
		if progress != nil {
			mk.Progress = func(done, _ int) { progress(rels.Len() + done) }
		}
		if _, err := mk.RunRange(ctx, agg.Market, reps.Lo, reps.Hi); err != nil {
			if ctx.Err() == nil {
				err = fmt.Errorf("market: %w", err)
			}
			return aggState{agg}, err
		}
	}
	return aggState{agg}, nil
}

// Prefix hands the run's samples to samplesReady once the stretch of
// the task list merged from its start holds them all (see samplesEnd):
// no later relationship changes them. Once samplesDone says they are
// written, it lets go of the state's copies (results.Aggregate.
// ReleaseSamples) while the rest plays: the slices after hold none.
func (j *tournamentJob) Prefix(st shard.State, done shard.Range) {
	agg := st.(aggState).agg
	switch {
	case j.samplesReady != nil:
		if j.samplesEnd == 0 || done.Lo != 0 || done.Hi < j.samplesEnd {
			return
		}
		ready := j.samplesReady
		j.samplesReady = nil
		ready(agg.Samples())
	case j.samplesDone != nil && j.samplesDone():
		j.samplesDone = nil
		agg.ReleaseSamples()
	}
}

func (j *tournamentJob) Empty() shard.State { return aggState{j.newAgg()} }

func (j *tournamentJob) Read(r io.Reader) (shard.State, error) {
	agg, err := results.ReadState(r)
	if err != nil {
		return nil, err
	}
	if (agg.Market != nil) != (j.mk != nil) {
		return nil, fmt.Errorf("runfolder: a state with a market's replications (%v) for a run with a market (%v)", agg.Market != nil, j.mk != nil)
	}
	return aggState{agg}, nil
}

// Cut cuts a stretch of the task list into the slices Play plays: its
// relationships into slices of sliceSize of the tournament's part of the
// range, its replications into slices of about a sixteenth of the market,
// at least one replication per worker — a replication costs thousands of
// relationships, so a checkpoint after every few keeps a kill cheap.
func (j *tournamentJob) Cut(g shard.Range) []shard.Range {
	rels, reps := j.split(g)
	var out []shard.Range
	size := j.sliceSize(rels.Len())
	for lo := rels.Lo; lo < rels.Hi; lo += size {
		out = append(out, shard.Range{Lo: lo, Hi: min(lo+size, rels.Hi)})
	}
	if reps.Len() > 0 {
		n := j.relationships()
		size := shard.SliceSize(j.markets, arena.Workers(j.mk.Workers))
		for lo := reps.Lo; lo < reps.Hi; lo += size {
			out = append(out, shard.Range{Lo: n + lo, Hi: n + min(lo+size, reps.Hi)})
		}
	}
	return out
}

// sliceMin is the fewest tasks per worker of a slice (but the last):
// eight arena chunks, so that a slice keeps every worker busy. Tests
// lower it to cut small runs into many slices.
var sliceMin = 64

// sliceSize is the length of the slices a range of n tasks is played in:
// about a sixteenth of it, at least sliceMin tasks per worker.
func (j *tournamentJob) sliceSize(n int) int {
	return shard.SliceSize(n, sliceMin*arena.Workers(j.t.Workers))
}

// aggState is a results.Aggregate as a shard.State.
type aggState struct{ agg *results.Aggregate }

func (s aggState) Write(w io.Writer) error { return s.agg.WriteState(w) }

func (s aggState) Merge(o shard.State) error {
	os, ok := o.(aggState)
	if !ok {
		return fmt.Errorf("runfolder: merging a %T into a tournament's state", o)
	}
	return s.agg.MergeAggregate(os.agg)
}
