package runfolder

import (
	"context"
	"fmt"
	"io"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/shard"
)

// KindTournament is the kind of run a tournament's checkpoints and shards
// record.
const KindTournament = "tournament"

// tournamentJob is a tournament as a shard.Job: its task list is the
// arena's (pairs × relationships, relationship-major: arena.Tournament.Task)
// and its state a results.Aggregate. Another run kind (a sweep, a market)
// plugs into shards, checkpoints and the merge with an adapter like this
// one: a task count, a function that plays a range of tasks into fresh
// accumulators, and the accumulators' exact Merge and lossless
// Write/Read.
type tournamentJob struct {
	t      arena.Tournament
	newAgg func() *results.Aggregate
}

// newTournamentJob makes the job of cfg's tournament: its sample plan
// set, aggregates sized as Run sizes them.
func newTournamentJob(cfg *configs.Config) (*tournamentJob, error) {
	t, err := cfg.Tournament()
	if err != nil {
		return nil, err
	}
	plan := results.NewSamplePlan(len(t.Pairs()), min(cfg.Output.SampleTranscripts, cfg.Relationships), cfg.Periods, cfg.Rounds)
	t.Sample = plan.Sampled
	names := entrantNames(cfg)
	return &tournamentJob{t: t, newAgg: func() *results.Aggregate {
		agg := results.NewAggregate(names, cfg.Periods, cfg.Model.Discount)
		agg.KeepSamples = max(agg.KeepSamples, plan.Count())
		return agg
	}}, nil
}

func (j *tournamentJob) Tasks() int { return j.t.Total() }

func (j *tournamentJob) Play(ctx context.Context, r shard.Range, progress func(int)) (shard.State, error) {
	agg := j.newAgg()
	t := j.t
	t.Progress = nil
	if progress != nil {
		t.Progress = func(done, _ int) { progress(done) }
	}
	_, err := t.RunRange(ctx, agg, r.Lo, r.Hi)
	return aggState{agg}, err
}

func (j *tournamentJob) Empty() shard.State { return aggState{j.newAgg()} }

func (j *tournamentJob) Read(r io.Reader) (shard.State, error) {
	agg, err := results.ReadState(r)
	if err != nil {
		return nil, err
	}
	return aggState{agg}, nil
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
