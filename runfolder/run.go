package runfolder

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/market"
	"github.com/winwin-sim/winwin/research"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/shard"
)

// Options say what Run runs and how it reports on it.
type Options struct {
	// Config is the configuration to run, with the command line's
	// overrides applied.
	Config *configs.Config
	// Name names the run (its folder, its manifest): the configuration
	// file's name without its extension.
	Name string
	// Base is the folder to make the run folder in; "" means
	// Config.Output.Dir.
	Base string
	// Overridden are the configuration keys the command line set
	// ("seed", "relationships", "workers"; Config holds their values),
	// and Command is that command line: the folder records both (Record).
	Overridden []string
	Command    []string
	// Version is the program version the manifest records.
	Version string
	// StartAgents, if not nil, starts the processes of the tournament's
	// external agents, once the run folder dir exists (their logs go
	// there), and sets those entrants' New. stop ends them; Run calls it
	// when the run is over.
	StartAgents func(ctx context.Context, t *arena.Tournament, dir string) (stop func() error, err error)
	// Started, if not nil, is called once the folder exists and the agents
	// started, just before the tournament plays (with a nil tournament for
	// a sweep: RunSweep, and RunShard and Resume of a sweep).
	Started func(dir string, t *arena.Tournament)
	// Progress, if not nil, is called as relationships finish, with how
	// many of total are done (arena.Tournament.Progress).
	Progress func(done, total int)
	// MarketStarted, if not nil, is called when the market of a config
	// with a [market] table starts (after the tournament), with its
	// number of sellers and its parameters; MarketProgress as its
	// replications finish.
	MarketStarted  func(sellers int, p market.Params)
	MarketProgress func(done, total int)
}

// A Result is a run that left a manifest in its folder.
type Result struct {
	// Dir is the run folder.
	Dir string
	// Manifest is what its manifest.json says.
	Manifest *results.Manifest
	// Aggregate holds every figure of the relationships played (nil for
	// a sweep), but its sampled relationships: those are let go once
	// written (samples.json holds them; results.Aggregate.ReleaseSamples).
	Aggregate *results.Aggregate
	// Sweep is a merged sweep's outcome (MergeShards of a sweep's
	// shards), nil for other runs.
	Sweep *research.Sweep
}

// A RefusedError is the error of a run refused before it started: its
// configuration cannot be made into a tournament or recorded faithfully,
// or its agents did not start. It left no folder.
type RefusedError struct{ Err error }

func (e *RefusedError) Error() string { return e.Err.Error() }

// Unwrap returns the reason the run was refused.
func (e *RefusedError) Unwrap() error { return e.Err }

// Run plays the tournament of o.Config into a new run folder under o.Base
// and writes everything a run leaves there (see Finish).
//
// A run refused before it started returns a *RefusedError and leaves no
// folder; one interrupted while its agents start returns an error wrapping
// ErrInterrupted and leaves no folder either. A tournament that fails
// other than by ctx ending returns its error, its folder without a
// manifest.
//
// Otherwise Run returns the Result, and an error if the folder is not
// complete: one wrapping ErrInterrupted if ctx ended while the tournament
// played (the outputs of what finished are written all the same) or while
// the outputs were written (see Finish); another if an output could not
// be written (the manifest says failed).
func Run(ctx context.Context, o Options) (*Result, error) {
	cfg := o.Config
	job, err := newTournamentJob(cfg)
	if err != nil {
		return nil, &RefusedError{err}
	}
	rec, err := NewRecord(cfg, o.Overridden, o.Command)
	if err != nil {
		return nil, &RefusedError{err}
	}

	base := o.Base
	if base == "" {
		base = cfg.Output.Dir
	}
	start := time.Now()
	dir, err := results.NewRunDir(base, o.Name, start)
	if err != nil {
		return nil, err
	}
	total := job.Tasks()
	sm := &shard.Manifest{Kind: KindTournament, Name: o.Name, Version: o.Version, Seed: cfg.Seed,
		ConfigSHA256: shard.ConfigHash(rec.Text, rec.Domain), Tasks: total,
		Shard: shard.Spec{Index: 0, Count: 1}, Range: shard.Range{Lo: 0, Hi: total},
		Overrides: rec.Overrides, Command: rec.Command, AgentDirs: agentDirs(cfg), Status: shard.StatusRunning, Start: start.UTC()}
	ck := filepath.Join(dir, CheckpointDir)
	if err := writeCheckpoint(ck, rec, sm); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return play(ctx, o, dir, ck, job, rec, sm, true)
}

// play plays the tournament of job into the checkpoint folder ck of the
// run folder dir, from the slices ck holds, and writes the run's outputs
// (Finish). Once the folder is complete the checkpoints are removed.
// fresh says that nothing ran before: a run whose agents do not start
// then leaves no folder.
func play(ctx context.Context, o Options, dir, ck string, job *tournamentJob, rec *Record, sm *shard.Manifest, fresh bool) (*Result, error) {
	if o.StartAgents != nil {
		stop, err := o.StartAgents(ctx, &job.t, dir)
		if err != nil {
			if fresh {
				os.RemoveAll(dir) // nothing ran: the folder holds only the agents' first logs
			}
			if ctx.Err() != nil {
				return nil, fmt.Errorf("%w while the agents started; nothing ran", ErrInterrupted)
			}
			return nil, &RefusedError{err}
		}
		defer stop()
	}
	if !fresh {
		if err := removeTemporaries(dir); err != nil {
			return nil, err
		}
	}
	if o.Started != nil {
		o.Started(dir, &job.t)
	}
	total := job.Tasks()
	// With workers to share, the samples are written while the last
	// relationships play; one worker writes them after, with the rest.
	var early *earlyOutputs
	if arena.Workers(rec.Config.Workers) > 1 {
		early, job.samplesReady = startEarly(dir, rec)
		job.samplesDone = early.written
	}
	st, runErr := shard.Play(ctx, job, ck, sm.Range, job.sliceSize(total), job.progress(o, total))
	job.samplesReady, job.samplesDone = nil, nil
	if early != nil && early.started {
		defer func() { <-early.done }() // on every way out: nothing writes into the folder after Run
	}
	interrupted := runErr != nil && ctx.Err() != nil
	if interrupted && st == nil {
		return nil, fmt.Errorf("%w before a relationship finished; winwin run --resume %s goes on", ErrInterrupted, dir)
	}
	if runErr != nil && !interrupted {
		return nil, fmt.Errorf("run %s: %w", sm.Name, runErr)
	}
	agg := st.(aggState).agg
	// The market, if the configuration has one, plays once the tournament
	// is complete, its replications checkpointed like the tournament's
	// relationships: a run interrupted before the first finished has no
	// market yet.
	marketsPlanned := job.markets
	if interrupted && agg.Market != nil && agg.Market.Markets() == 0 {
		agg.Market, marketsPlanned = nil, 0
	}
	m := &results.Manifest{Name: sm.Name, Version: sm.Version, Seed: sm.Seed, Start: sm.Start, Status: results.StatusComplete,
		RelationshipsPlanned: int64(job.relationships()), MarketsPlanned: int64(marketsPlanned)}
	writing := ctx
	if interrupted {
		m.Status, m.Reason = results.StatusInterrupted, "interrupted by signal; winwin run --resume "+dir+" finishes the run"
		// The folder holds what finished: its outputs are written,
		// whatever ctx says.
		writing = context.WithoutCancel(ctx)
	}
	res := &Result{Dir: dir, Manifest: m, Aggregate: agg}
	switch err := finish(writing, dir, rec, m, agg, early, true); {
	case errors.Is(err, ErrInterrupted):
		return res, err
	case err != nil:
		return res, fmt.Errorf("writing %s: %w", dir, err)
	case interrupted && marketsPlanned > 0:
		return res, fmt.Errorf("%w after %d of %d markets; the results folder holds what finished, and winwin run --resume %s finishes the run", ErrInterrupted, m.MarketsDone, marketsPlanned, dir)
	case interrupted:
		return res, fmt.Errorf("%w after %d of %d relationships; the results folder holds what finished, and winwin run --resume %s finishes the run", ErrInterrupted, m.RelationshipsDone, job.relationships(), dir)
	}
	// The folder is complete: its checkpoints are of no more use. Should
	// removing them fail, a resume finds the folder complete.
	_ = os.RemoveAll(ck)
	return res, nil
}

// entrantNames returns the names of cfg's entrants, in order.
func entrantNames(cfg *configs.Config) []string {
	names := make([]string, len(cfg.Strategies))
	for i, s := range cfg.Strategies {
		names[i] = s.Name
	}
	return names
}

// removeTemporaries removes from the run folder dir the temporary files
// that a process killed while it wrote its outputs left
// (results.WriteFileAtomic's), so that a resumed folder holds only what
// an uninterrupted run's does.
func removeTemporaries(dir string) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if n := e.Name(); e.Type().IsRegular() && strings.HasPrefix(n, ".") && strings.Contains(n, ".tmp-") {
			if err := os.Remove(filepath.Join(dir, n)); err != nil {
				return err
			}
		}
	}
	return nil
}
