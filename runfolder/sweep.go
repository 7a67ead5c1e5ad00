package runfolder

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/research"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/shard"
)

// A sweep (a configuration with a [sweep] table) shards like a
// tournament, through research.SweepJob: its task list is its plays'
// relationships one play after the other, each rescored for every point
// of its play, and its state one exact aggregate per point. Its shard
// folders record the configuration as research.RunSweep's folder does
// (config.toml with the command line's settings written in), and the
// merge writes the sweep folder RunSweep writes, byte for byte.

// sweepRecord returns what the folders of a sweep of cfg record: the
// configuration as RunSweep writes it. A sweep whose domain is a file
// (rather than built in or inline) is refused: its recorded configuration
// names the file, which a merge elsewhere may not find.
func sweepRecord(cfg *configs.Config, overridden, command []string) (*Record, error) {
	rec, err := NewRecord(cfg, overridden, command)
	if err != nil {
		return nil, err
	}
	if rec.Domain != nil {
		return nil, errors.New("a sweep on a domain file runs whole, not in shards: put the domain inline in the config ([domain] table), or run it in one process")
	}
	var written []results.Override
	for _, ov := range rec.Overrides {
		if ov.Key != "workers" {
			written = append(written, ov)
		}
	}
	text, err := results.EffectiveConfig(cfg.Source, written, "")
	if err != nil {
		return nil, err
	}
	if text != rec.Text {
		return nil, errors.New("this sweep's configuration cannot be recorded in its shards as its folder records it: run it in one process")
	}
	return rec, nil
}

// runSweepShard is RunShard of a sweep.
func runSweepShard(ctx context.Context, o Options, s shard.Spec) (*Result, error) {
	cfg := o.Config
	job, err := newSweepJob(cfg)
	if err != nil {
		return nil, &RefusedError{err}
	}
	rec, err := sweepRecord(cfg, o.Overridden, o.Command)
	if err != nil {
		return nil, &RefusedError{err}
	}
	dir, sm, err := openShard(o, s, research.KindSweep, rec, job.Tasks(), nil)
	if err != nil {
		return nil, err
	}
	return playSweepShard(ctx, o, dir, job, sm)
}

// playSweepShard plays the slices of the sweep's shard folder dir it
// lacks and marks it complete.
func playSweepShard(ctx context.Context, o Options, dir string, job *research.SweepJob, sm *shard.Manifest) (*Result, error) {
	if o.Started != nil {
		o.Started(dir, nil)
	}
	st, err := shard.Play(ctx, job, dir, sm.Range, 1, func(done int) {
		if o.Progress != nil {
			o.Progress(done, sm.Range.Len())
		}
	})
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, fmt.Errorf("%w; the shard folder %s keeps the slices that finished: run the same command again, or winwin run --resume %s", ErrInterrupted, dir, dir)
	case err != nil:
		return nil, fmt.Errorf("shard %s: %w", sm.Shard, err)
	}
	if sm.Status != shard.StatusComplete {
		if err := shard.Complete(dir, sm); err != nil {
			return nil, err
		}
	}
	m := &results.Manifest{Name: sm.Name, Version: sm.Version, Seed: sm.Seed, Start: sm.Start, End: sm.End,
		Status: results.StatusComplete, RelationshipsPlanned: int64(sm.Range.Len()), RelationshipsDone: job.Played(st)}
	return &Result{Dir: dir, Manifest: m}, nil
}

// mergeSweep is MergeShards of a sweep's shards, whose configuration is
// cfg (text as recorded).
func mergeSweep(ctx context.Context, parts []shard.Part, slices []shard.Slice, cfg *configs.Config, text string, o MergeOptions) (*Result, error) {
	m0 := parts[0].Manifest
	job, err := newSweepJob(cfg)
	if err != nil {
		return nil, &RefusedError{err}
	}
	if job.Tasks() != m0.Tasks {
		return nil, &RefusedError{fmt.Errorf("%s: its configuration makes %d tasks, its manifest says %d", parts[0].Dir, job.Tasks(), m0.Tasks)}
	}
	total, err := mergeSlices(ctx, job, slices)
	if err != nil {
		return nil, err
	}
	if n := job.Played(total); n != int64(job.Tasks()) {
		return nil, &RefusedError{fmt.Errorf("the shards hold %d relationships of the sweep's %d", n, job.Tasks())}
	}
	start := earliestStart(parts)
	var overrides []results.Override
	for _, ov := range m0.Overrides {
		if ov.Key != "workers" {
			overrides = append(overrides, ov)
		}
	}
	base := o.Base
	if base == "" {
		base = cfg.Output.Dir
	}
	dir, err := results.NewRunDir(base, m0.Name, time.Now())
	if err != nil {
		return nil, err
	}
	m := &results.Manifest{Start: start, Status: results.StatusComplete, Shards: m0.Shard.Count}
	sw, err := job.Finish(total, research.SweepFolder{Dir: dir, Name: m0.Name, Version: m0.Version, Command: o.Command,
		Text: text, Overrides: overrides, Manifest: m})
	res := &Result{Dir: dir, Manifest: m, Sweep: sw}
	if err != nil {
		return res, fmt.Errorf("writing %s: %w", dir, err)
	}
	return res, nil
}

// newSweepJob is research.NewSweepJob with the slices of runs (sliceMin).
func newSweepJob(cfg *configs.Config) (*research.SweepJob, error) {
	j, err := research.NewSweepJob(cfg)
	if err == nil {
		j.SliceMin = sliceMin
	}
	return j, err
}

// RunSweep runs the sweep of o.Config (a configuration with a [sweep]
// table) into a new folder under o.Base, as research.RunSweep does — the
// same files, byte for byte — but checkpointed as a run is: its slices'
// states go to the folder's checkpoint/ as they finish, so that an
// interrupted sweep (which writes the points of the plays that finished,
// as research.RunSweep does) is finished by Resume. o.Started is called
// with the folder and a nil tournament; o.Progress counts relationships.
//
// A sweep whose configuration cannot be recorded for a resume (its
// domain is a file: sweepRecord) runs through research.RunSweep, without
// checkpoints.
func RunSweep(ctx context.Context, o Options) (*Result, error) {
	cfg := o.Config
	job, err := newSweepJob(cfg)
	if err != nil {
		return nil, &RefusedError{err}
	}
	rec, err := sweepRecord(cfg, o.Overridden, o.Command)
	if err != nil {
		return runSweepWhole(ctx, o)
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
	sm := &shard.Manifest{Kind: research.KindSweep, Name: o.Name, Version: o.Version, Seed: cfg.Seed,
		ConfigSHA256: shard.ConfigHash(rec.Text, rec.Domain), Tasks: total,
		Shard: shard.Spec{Index: 0, Count: 1}, Range: shard.Range{Lo: 0, Hi: total},
		Overrides: rec.Overrides, Command: rec.Command, Status: shard.StatusRunning, Start: start.UTC()}
	ck := filepath.Join(dir, CheckpointDir)
	if err := writeCheckpoint(ck, rec, sm); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return playSweep(ctx, o, dir, ck, job, rec, sm)
}

// runSweepWhole runs the sweep through research.RunSweep.
func runSweepWhole(ctx context.Context, o Options) (*Result, error) {
	var ovs []results.Override
	cfg := o.Config
	for _, k := range o.Overridden {
		v := map[string]int64{"seed": int64(cfg.Seed), "relationships": int64(cfg.Relationships), "workers": int64(cfg.Workers)}[k]
		ovs = append(ovs, results.Override{Key: k, Value: v})
	}
	sw, err := research.RunSweep(ctx, research.SweepOptions{Config: cfg, Name: o.Name, Base: o.Base, Overrides: ovs,
		Command: o.Command, Version: o.Version,
		Started: func(dir string, _ int) {
			if o.Started != nil {
				o.Started(dir, nil)
			}
		},
		Progress: o.Progress})
	if sw == nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%w: %v", ErrInterrupted, err)
		}
		return nil, err
	}
	res := &Result{Dir: sw.Dir, Manifest: sw.Manifest, Sweep: sw}
	if errors.Is(err, research.ErrInterrupted) {
		return res, fmt.Errorf("%w: %v", ErrInterrupted, err)
	}
	return res, err
}

// playSweep plays the sweep of job into the checkpoint folder ck of the
// sweep folder dir, from the slices ck holds, and writes the sweep's
// files (research.SweepJob.Finish). Once the folder is complete the
// checkpoints are removed.
func playSweep(ctx context.Context, o Options, dir, ck string, job *research.SweepJob, rec *Record, sm *shard.Manifest) (*Result, error) {
	if err := removeTemporaries(dir); err != nil {
		return nil, err
	}
	if o.Started != nil {
		o.Started(dir, nil)
	}
	total := job.Tasks()
	st, runErr := shard.Play(ctx, job, ck, sm.Range, 1, func(done int) {
		if o.Progress != nil {
			o.Progress(done, total)
		}
	})
	interrupted := runErr != nil && ctx.Err() != nil
	if runErr != nil && !interrupted {
		return nil, fmt.Errorf("sweep %s: %w", sm.Name, runErr)
	}
	if st == nil {
		st = job.Empty()
	}
	m := &results.Manifest{Start: sm.Start, Status: results.StatusComplete}
	if interrupted {
		m.Status = results.StatusInterrupted
	}
	sw, err := job.Finish(st, research.SweepFolder{Dir: dir, Name: sm.Name, Version: sm.Version, Command: rec.Command,
		Text: rec.Text, Overrides: rec.Overrides, Manifest: m})
	res := &Result{Dir: dir, Manifest: m, Sweep: sw}
	switch {
	case err != nil:
		return res, fmt.Errorf("writing %s: %w", dir, err)
	case interrupted:
		return res, fmt.Errorf("%w after %d of %d points; the sweep folder holds what finished, and winwin run --resume %s finishes the sweep", ErrInterrupted, len(sw.Points), job.Points(), dir)
	}
	_ = os.RemoveAll(ck)
	return res, nil
}
