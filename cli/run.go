package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"runtime/debug"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/market"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/runfolder"
)

// Version is the program version written into every manifest.
var Version = "0.1.0"

func version() string {
	v := Version
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += "+" + s.Value[:12]
			}
		}
	}
	return v
}

func runCmd(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "run", "[FILE]", "Run a tournament from a TOML config (default: the embedded classic tournament)\nand write a new results folder: manifest.json, CSV tables and charts.")
	workers := intVar(fs, "workers", 0, 0, configs.MaxWorkers, "concurrent `workers`, 0 = one per CPU (default: the config's)")
	seed := seedVar(fs, "seed", 0, math.MaxInt64, "override the config's random `seed`")
	out := fs.String("out", "", "write the run folder under this `dir` (default: the config's output.dir)")
	rels := intVar(fs, "relationships", 0, 1, configs.MaxRelationships, "override the `number` of relationships per pair")
	domain := fs.String("domain", "", "run on this `domain` instead of the config's: a built-in name, a .toml file, or genius:DIR for a GENIUS or GeniusWeb scenario")
	noProgress := fs.Bool("no-progress", false, "no progress bar (it is shown only when stderr is a terminal)")
	var with withList
	fs.Var(&with, "with", "enter one more `agent` beside the config's strategies (repeatable): a registered strategy\n(my-agent, boulware:e=0.2), an external one (exec:python3,agent.py), optionally named (NAME=exec:…)")
	sf := addShardFlags(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *sf.resume != "" {
		if len(pos) > 0 || seed.set || rels.set || *out != "" || sf.shard != nil || sf.shards.set || len(with) > 0 {
			return usagef("--resume %s finishes the run as it started: give no config file, --seed, --relationships, --out, --shard, --shards or --with with it (--workers may change)", *sf.resume)
		}
		return resumeRun(ctx, env, *sf.resume, workers, *noProgress, args)
	}
	if len(pos) > 1 {
		return usagef("want at most one config file, got %d arguments", len(pos))
	}
	cfg, name, err := loadConfig(pos)
	if err != nil {
		return err
	}
	if cfg, err = addEntrants(cfg, with); err != nil {
		return err
	}
	// overridden lists the config keys the command line set, in the
	// order of the flags.
	var overridden []string
	if workers.set {
		cfg.Workers = workers.v
		overridden = append(overridden, "workers")
	}
	if seed.set {
		cfg.Seed = seed.v
		overridden = append(overridden, "seed")
	}
	if rels.set {
		cfg.Relationships = rels.v
		overridden = append(overridden, "relationships")
	}
	if *domain != "" {
		if cfg.Sweep != nil {
			return usagef("--domain does not apply to a sweep's points: set domain in its config, or sweep it ([sweep] domain = [...])")
		}
		sc, info, err := configs.LoadDomain(*domain)
		if err != nil {
			return usageError{err}
		}
		cfg.Scenario, cfg.Domain, cfg.DomainName = sc, info, *domain
		overridden = append(overridden, "domain")
		if err := cfg.CheckLimits(); err != nil {
			return usageError{err}
		}
	}
	if cfg.Sweep != nil {
		spec, sharded, err := sf.spec()
		if err != nil {
			return err
		}
		if sharded {
			return runSweepShard(ctx, env, cfg, name, *out, overridden, args, spec, *noProgress)
		}
		return runSweep(ctx, env, cfg, name, *out, overridden, append([]string{"winwin", "run"}, args...), *noProgress)
	}
	// The tournament is checked before the agents are probed.
	if _, err := cfg.Tournament(); err != nil {
		return usageError{err}
	}
	spec, sharded, err := sf.spec()
	if err != nil {
		return err
	}
	// Everything that can be known before the run is checked before its
	// folder exists: a refused run leaves nothing behind.
	if err := checkBeforeRun(ctx, cfg); err != nil {
		return err
	}
	if sharded {
		return runShard(ctx, env, cfg, name, *out, overridden, args, spec, *noProgress)
	}

	var bar *progressbar.ProgressBar
	defer func() {
		if bar != nil {
			bar.Finish()
		}
	}()
	res, err := runfolder.Run(ctx, runfolder.Options{
		Config: cfg, Name: name, Base: *out,
		Overridden: overridden, Command: append([]string{"winwin", "run"}, args...),
		Version: version(),
		StartAgents: func(ctx context.Context, t *arena.Tournament, dir string) (func() error, error) {
			return startExecAgents(ctx, t, cfg, dir)
		},
		Started: func(dir string, t *arena.Tournament) {
			if env.Terminal && !*noProgress {
				bar = progressbar.NewOptions(t.Total(), progressbar.OptionSetWriter(env.Stderr),
					progressbar.OptionSetDescription("relationships"), progressbar.OptionShowCount(),
					progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
			}
			fmt.Fprintf(env.Stderr, "winwin: %s: %d strategies, %d relationships of up to %d deals on %s\n",
				name, len(t.Entrants), t.Total(), cfg.Periods, cfg.Scenario.Domain.Name)
		},
		Progress: func(done, total int) {
			if bar != nil {
				_ = bar.Set(done)
			}
		},
		MarketStarted: func(sellers int, p market.Params) {
			if bar != nil {
				bar.Finish()
				bar = progressbar.NewOptions(p.Markets, progressbar.OptionSetWriter(env.Stderr),
					progressbar.OptionSetDescription("markets"), progressbar.OptionShowCount(),
					progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
			}
			marketStarted(env.Stderr, name, sellers, p)
		},
		MarketProgress: func(done, total int) {
			if bar != nil {
				_ = bar.Set(done)
			}
		},
	})
	var refused *runfolder.RefusedError
	switch {
	case errors.As(err, &refused):
		return usageError{refused.Err}
	case res == nil || err != nil && !errors.Is(err, runfolder.ErrInterrupted):
		return runError(err)
	}
	printRanking(env.Stdout, res.Aggregate)
	printTies(env.Stdout, res.Aggregate.Summary())
	if res.Aggregate.Market != nil {
		printMarket(env.Stdout, res.Aggregate.Market)
	}
	if res.Manifest.Faults > 0 {
		fmt.Fprintf(env.Stdout, "\n%d negotiations failed because an agent broke the protocol; see manifest.json.\n", res.Manifest.Faults)
	}
	fmt.Fprintf(env.Stdout, "\nResults: %s\n", res.Dir)
	return runError(err)
}

// runError returns the error of a run as the command's: an interruption
// (runfolder.ErrInterrupted) is the command's too (exit status 130), with
// the same message.
func runError(err error) error {
	if errors.Is(err, runfolder.ErrInterrupted) {
		return interruptedRun{err}
	}
	return err
}

// interruptedRun is a run's interruption, as the command's.
type interruptedRun struct{ error }

// Is reports that the run's interruption is the command's.
func (e interruptedRun) Is(target error) bool { return target == errInterrupted }

// Unwrap returns the run's error.
func (e interruptedRun) Unwrap() error { return e.error }

// checkBeforeRun checks what a run of cfg (with the command line's
// overrides applied) needs beyond a valid config: that the memory it
// implies is within bounds, and that every external agent's program exists
// and starts and greets with this protocol version. validate and run both
// call it, run before its folder exists.
func checkBeforeRun(ctx context.Context, cfg *configs.Config) error {
	if err := cfg.CheckLimits(); err != nil {
		return usageError{err}
	}
	if err := cfg.CheckPrograms(); err != nil {
		return usageError{err}
	}
	return probeExecAgents(ctx, cfg)
}

// loadConfig reads the config named on the command line, or the embedded
// classic one, and names the run after it.
func loadConfig(pos []string) (*configs.Config, string, error) {
	if len(pos) == 0 {
		cfg, err := configs.Default()
		if err != nil {
			return nil, "", err
		}
		return cfg, "classic", nil
	}
	cfg, err := configs.Load(pos[0])
	if err != nil {
		return nil, "", usageError{err}
	}
	return cfg, strings.TrimSuffix(filepath.Base(pos[0]), filepath.Ext(pos[0])), nil
}

// printRanking prints the one-shot vs long-run ranking table.
func printRanking(w io.Writer, agg *results.Aggregate) {
	rows := agg.Summary()
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "long-run\tone-shot\tstrategy\tlong-run payoff (95% CI)\tone-shot payoff (95% CI)\tagreement\twin-win\tdeals kept\t")
	fmt.Fprintln(tw, "rank\trank\t\t\t\t\t\t(mean periods)\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%.0f%%\t%.0f%%\t%.1f\t\n", r.LongRunRank, r.OneShotRank, r.Strategy,
			ci(r.LongRun), ci(r.OneShot), 100*r.Agreement, 100*r.Outcomes.WinWin, r.Length)
	}
	tw.Flush()
}

func ci(e results.Estimate) string {
	if math.IsNaN(e.Low) {
		return fmt.Sprintf("%.3f", e.Mean)
	}
	return fmt.Sprintf("%.3f [%.3f, %.3f]", e.Mean, e.Low, e.High)
}

func validateCmd(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "validate", "FILE", "Check a tournament config without running it.")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return usagef("want one config file")
	}
	cfg, err := configs.Load(pos[0])
	if err != nil {
		return usageError{err}
	}
	t, err := cfg.Tournament()
	if err != nil {
		return usageError{err}
	}
	if err := t.Validate(); err != nil {
		return usageError{err}
	}
	if err := checkBeforeRun(ctx, cfg); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s: ok — %d strategies, %d pairs × %d relationships × up to %d deals of %d rounds on %s\n",
		pos[0], len(t.Entrants), len(t.Pairs()), t.Relationships, t.Periods, t.Deadline, t.Scenario.Domain.Name)
	if p := cfg.Market; p != nil {
		fmt.Fprintf(env.Stdout, "  and a word-of-mouth market: %d sellers, %d buyers (up to %d) over %d periods, %d replications\n",
			len(t.Entrants)*p.SellersPerStrategy, p.Buyers, p.Buyers+p.Prospects, p.Periods, p.Markets)
	}
	if cfg.Sweep != nil {
		fmt.Fprintf(env.Stdout, "%s: a sweep of %d points over %s\n", pos[0], len(cfg.Sweep.Points()), sweepKeys(cfg.Sweep))
	}
	return nil
}
