package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/runfolder"
	"github.com/winwin-sim/winwin/shard"
)

// shardFlags are run's flags for shards and resumes.
type shardFlags struct {
	shard  *shard.Spec
	shards *intFlag
	resume *string
}

// addShardFlags defines --shard, --shards and --resume on fs.
func addShardFlags(fs *flag.FlagSet) *shardFlags {
	sf := &shardFlags{}
	fs.Func("shard", "run only shard `i/n` of the run (i from 0 to n-1) into a shard folder; winwin merge puts the shards together", func(s string) error {
		sp, err := shard.ParseSpec(s)
		if err != nil {
			return err
		}
		sf.shard = &sp
		return nil
	})
	sf.shards = intVar(fs, "shards", 0, 1, shard.MaxShards, "cut the run into `n` shards and run the one the scheduler's index names ("+shard.EnvSlurmID+" or "+shard.EnvK8sIndex+")")
	sf.resume = fs.String("resume", "", "finish the interrupted run (or shard) in `dir` from its checkpoints")
	return sf
}

// spec returns the shard the flags and the environment name, and whether
// the run is a shard at all.
func (sf *shardFlags) spec() (shard.Spec, bool, error) {
	switch {
	case sf.shard != nil && sf.shards.set:
		return shard.Spec{}, false, usagef("give --shard i/n or --shards n (with the index from the scheduler), not both")
	case sf.shard != nil:
		return *sf.shard, true, nil
	case sf.shards.set:
		sp, err := shard.SpecFromEnv(nil, sf.shards.v)
		if errors.Is(err, shard.ErrNoSchedulerEnv) {
			return shard.Spec{}, false, usagef("--shards %d takes the shard's index from the scheduler, but there is %v: run it as a Slurm array task or a Kubernetes Indexed Job, or give --shard i/%d", sf.shards.v, err, sf.shards.v)
		}
		if err != nil {
			return shard.Spec{}, false, usageError{err}
		}
		return sp, true, nil
	}
	return shard.Spec{}, false, nil
}

// progress shows a run's progress bar on a terminal and says what runs.
type progress struct {
	env        *Env
	noProgress bool
	bar        *progressbar.ProgressBar
}

func (p *progress) started(what string, total int) {
	if p.env.Terminal && !p.noProgress {
		p.bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(p.env.Stderr),
			progressbar.OptionSetDescription("relationships"), progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
	}
	fmt.Fprintf(p.env.Stderr, "winwin: %s\n", what)
}

func (p *progress) set(done, _ int) {
	if p.bar != nil {
		_ = p.bar.Set(done)
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

// runShard runs shard spec of cfg's tournament into its shard folder
// under out (or the config's output.dir).
func runShard(ctx context.Context, env *Env, cfg *configs.Config, name, out string, overridden, args []string, spec shard.Spec, noProgress bool) error {
	p := &progress{env: env, noProgress: noProgress}
	defer p.finish()
	res, err := runfolder.RunShard(ctx, runfolder.Options{
		Config: cfg, Name: name, Base: out,
		Overridden: overridden, Command: append([]string{"winwin", "run"}, args...),
		Version: version(),
		StartAgents: func(ctx context.Context, t *arena.Tournament, dir string) (func() error, error) {
			return startExecAgents(ctx, t, cfg, dir)
		},
		Started: func(dir string, t *arena.Tournament) {
			p.started(fmt.Sprintf("%s: shard %s, %s into %s", name, spec, shardTasks(t.Total(), cfg, spec), dir), spec.Range(runTasks(t.Total(), cfg)).Len())
		},
		Progress: p.set,
	}, spec)
	var refused *runfolder.RefusedError
	switch {
	case errors.As(err, &refused):
		return usageError{refused.Err}
	case err != nil:
		return runError(err)
	}
	markets := ""
	if res.Manifest.MarketsPlanned > 0 {
		markets = fmt.Sprintf(", %d market replications", res.Manifest.MarketsDone)
	}
	fmt.Fprintf(env.Stdout, "Shard %s done: %d relationships, %d negotiations, %d faults%s.\nShard folder: %s\n(winwin merge puts the %d shards together.)\n",
		spec, res.Manifest.RelationshipsDone, res.Manifest.Negotiations, res.Manifest.Faults, markets, res.Dir, spec.Count)
	return nil
}

// resumeRun finishes the run or shard in dir from its checkpoints.
func resumeRun(ctx context.Context, env *Env, dir string, workers *intFlag, noProgress bool, args []string) error {
	cp, err := runfolder.OpenCheckpoint(dir)
	if errors.Is(err, runfolder.ErrComplete) {
		fmt.Fprintf(env.Stdout, "%s is complete: nothing to resume.\n", dir)
		return nil
	}
	if err != nil {
		return usageError{err}
	}
	cfg := cp.Config
	if workers.set {
		cfg.Workers = workers.v
	}
	if err := checkBeforeRun(ctx, cfg); err != nil {
		return err
	}
	p := &progress{env: env, noProgress: noProgress}
	defer p.finish()
	res, err := runfolder.Resume(ctx, cp, runfolder.Options{
		Version: version(),
		StartAgents: func(ctx context.Context, t *arena.Tournament, dir string) (func() error, error) {
			return startExecAgents(ctx, t, cfg, dir)
		},
		Started: func(dir string, t *arena.Tournament) {
			p.started(fmt.Sprintf("%s: resuming %s (%s) from its checkpoints", cp.Manifest.Name, dir, cp.Manifest.Range), cp.Manifest.Range.Len())
		},
		Progress: p.set,
	})
	var refused *runfolder.RefusedError
	switch {
	case errors.As(err, &refused):
		return usageError{refused.Err}
	case res == nil || err != nil && !errors.Is(err, runfolder.ErrInterrupted):
		return runError(err)
	}
	if cp.RunDir == "" {
		markets := ""
		if res.Manifest.MarketsPlanned > 0 {
			markets = fmt.Sprintf(", %d market replications", res.Manifest.MarketsDone)
		}
		fmt.Fprintf(env.Stdout, "Shard %s done: %d relationships%s.\nShard folder: %s\n", cp.Manifest.Shard, res.Manifest.RelationshipsDone, markets, res.Dir)
		return nil
	}
	if res.Sweep != nil {
		printSweep(env, res.Sweep)
		fmt.Fprintf(env.Stdout, "\nResults: %s\n", res.Dir)
		return runError(err)
	}
	printRanking(env.Stdout, res.Aggregate)
	if res.Aggregate.Market != nil {
		printMarket(env.Stdout, res.Aggregate.Market)
	}
	fmt.Fprintf(env.Stdout, "\nResults: %s\n", res.Dir)
	return runError(err)
}

func mergeCmd(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "merge", "SHARD…", "Put the shards of a run (winwin run --shard i/n) together: check that they belong\ntogether and cover the run exactly once, and write the run folder, byte for byte\nthe one a single process would have written. A SHARD is a shard folder, or a\nfolder of shard folders.")
	out := fs.String("out", "", "write the run folder under this `dir` (default: the config's output.dir)")
	workers := intVar(fs, "workers", 0, 0, configs.MaxWorkers, "outputs written at once, 0 = one per CPU")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fs.Usage()
		return usagef("want the shard folders to merge")
	}
	res, err := runfolder.MergeShards(ctx, pos, runfolder.MergeOptions{Base: *out, Version: version(),
		Command: append([]string{"winwin", "merge"}, args...), Workers: workers.v})
	var refused *runfolder.RefusedError
	switch {
	case errors.As(err, &refused):
		return usageError{refused.Err}
	case res == nil || err != nil:
		return runError(err)
	}
	if res.Sweep != nil {
		printSweep(env, res.Sweep)
		fmt.Fprintf(env.Stdout, "\nMerged %d shards of a sweep. Results: %s\n", res.Manifest.Shards, res.Dir)
		return nil
	}
	printRanking(env.Stdout, res.Aggregate)
	if res.Aggregate.Market != nil {
		printMarket(env.Stdout, res.Aggregate.Market)
	}
	fmt.Fprintf(env.Stdout, "\nMerged %d shards. Results: %s\n", res.Manifest.Shards, res.Dir)
	return nil
}

// runTasks returns the length of the task list of a run of cfg whose
// tournament has relationships tasks: those, then the market's
// replications, if cfg has a [market] table.
func runTasks(relationships int, cfg *configs.Config) int {
	if cfg.Market != nil {
		return relationships + cfg.Market.Markets
	}
	return relationships
}

// shardTasks says which tasks shard spec of a run of cfg plays: "3333 of
// 10000 relationships (tasks 0 to 3332)", "… and 2 of 4 market
// replications (tasks …)".
func shardTasks(relationships int, cfg *configs.Config, spec shard.Spec) string {
	r := spec.Range(runTasks(relationships, cfg))
	rels := min(r.Hi, relationships) - min(r.Lo, relationships)
	s := fmt.Sprintf("%d of %d relationships", rels, relationships)
	if cfg.Market != nil {
		s += fmt.Sprintf(" and %d of %d market replications", r.Len()-rels, cfg.Market.Markets)
	}
	if r.Len() == 0 {
		return s + " (no tasks)"
	}
	return fmt.Sprintf("%s (tasks %d to %d)", s, r.Lo, r.Hi-1)
}

// runSweepShard runs shard spec of cfg's sweep into its shard folder
// under out (or the config's output.dir).
func runSweepShard(ctx context.Context, env *Env, cfg *configs.Config, name, out string, overridden, args []string, spec shard.Spec, noProgress bool) error {
	if err := checkBeforeRun(ctx, cfg); err != nil {
		return err
	}
	p := &progress{env: env, noProgress: noProgress}
	defer p.finish()
	said := false
	res, err := runfolder.RunShard(ctx, runfolder.Options{
		Config: cfg, Name: name, Base: out,
		Overridden: overridden, Command: append([]string{"winwin", "run"}, args...),
		Version: version(),
		Progress: func(done, total int) {
			if !said {
				said = true
				p.started(fmt.Sprintf("%s: shard %s of a sweep of %d points, %d relationships to play", name, spec, len(cfg.Sweep.Points()), total), total)
			}
			p.set(done, total)
		},
	}, spec)
	var refused *runfolder.RefusedError
	switch {
	case errors.As(err, &refused):
		return usageError{refused.Err}
	case err != nil:
		return runError(err)
	}
	fmt.Fprintf(env.Stdout, "Shard %s of the sweep done: %d relationships.\nShard folder: %s\n(winwin merge puts the %d shards together.)\n",
		spec, res.Manifest.RelationshipsDone, res.Dir, spec.Count)
	return nil
}
