package cli

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/report"
	"github.com/winwin-sim/winwin/research"
	"github.com/winwin-sim/winwin/results"
)

// explainCmd: winwin explain RUN_DIR, the decomposition of a run's
// long-run ranking (docs/model.md#decomposition).
func explainCmd(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "explain", "RUN_DIR", "Re-run a run folder's tournament on the same seeds with learning off (fresh agents every deal),\n"+
		"retention off (everyone always comes back) and tactic costs off, and say what carries each strategy\n"+
		"from its one-shot to its long-run rank. Writes RUN_DIR/explain/: explain.csv and a chart.")
	workers := intVar(fs, "workers", 0, 0, configs.MaxWorkers, "concurrent `workers`, 0 = one per CPU")
	arg, err := parseOne(fs, args, "run folder")
	if err != nil {
		return err
	}
	run, err := report.Load(arg)
	if err != nil {
		return usageError{err}
	}
	if run.Config == nil {
		return usageError{fmt.Errorf("%s: its configuration cannot be read back: %w", arg, run.ConfigErr)}
	}
	cfg := run.Config
	if cfg.Sweep != nil {
		return usagef("%s is a sweep folder: explain a run folder (winwin run CONFIG without [sweep])", arg)
	}
	cfg.Workers = workers.v
	fmt.Fprintf(env.Stderr, "winwin: explain: playing the tournament twice (with and without learning) on seed %d\n", cfg.Seed)
	ex, err := research.Explain(ctx, cfg, nil)
	if err != nil {
		if errors.Is(err, research.ErrInterrupted) {
			return interruptedRun{err}
		}
		return err
	}
	dir, err := research.WriteExplanation(arg, ex, run.Names, cfg.Output.Formats)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tone-shot\tlong-run\trank w/o\trank w/o\trank w/o\teffect of learning\teffect of partners leaving\teffect of tactic costs\t")
	fmt.Fprintln(tw, "strategy\trank\trank\tlearning\tleaving\ttactic costs\t(95% CI, paired)\t(95% CI, paired)\t(95% CI, paired)\t")
	for _, r := range ex.Rows {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t\n", r.Strategy, r.OneShotRank, r.LongRunRank, r.Without[0], r.Without[1], r.Without[2],
			effect(r.Effect[0]), effect(r.Effect[1]), effect(r.Effect[2]))
	}
	tw.Flush()
	fmt.Fprintln(env.Stdout, "\nAn effect is the strategy's long-run payoff minus its payoff with the mechanism off, on the same seeds:\n"+
		"learning off plays every deal with fresh agents, leaving off has everyone always come back, tactic costs\n"+
		"off sets every process penalty to 0. * marks an effect whose 95% CI excludes 0.")
	fmt.Fprintf(env.Stdout, "\nResults: %s\n", dir)
	return nil
}

// effect writes a paired difference with its CI, starred when the CI
// excludes 0.
func effect(e results.Estimate) string {
	if math.IsNaN(e.Mean) {
		return ""
	}
	star := " "
	if results.Separated(e) {
		star = "*"
	}
	return fmt.Sprintf("%+.3f [%+.3f, %+.3f]%s", e.Mean, e.Low, e.High, star)
}

// evolveCmd: winwin evolve RUN_DIR, the replicator dynamics of a run's
// long-run payoff matrix (docs/model.md#population-dynamics).
func evolveCmd(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "evolve", "RUN_DIR", "Replicator dynamics over a run folder's long-run payoff matrix (pairs.csv): the population's\n"+
		"shares by generation from a uniform start and from hard bargainers with a few win-win invaders,\n"+
		"and where they come to rest. Writes RUN_DIR/evolve/: evolve.csv and a chart.")
	winWin := fs.String("win-win", strings.Join(configs.DefaultWinWin, ","), "the win-win `strategies`, comma-separated (the invaders)")
	hard := fs.String("hard", strings.Join(configs.DefaultHard, ","), "the hard bargainers, comma-separated `strategies` (the invaded)")
	arg, err := parseOne(fs, args, "run folder")
	if err != nil {
		return err
	}
	run, err := report.Load(arg)
	if err != nil {
		return usageError{err}
	}
	names, a, err := research.Payoffs(run.Pairs)
	if err != nil {
		return usageError{fmt.Errorf("%s: %w", arg, err)}
	}
	uniform, invasion := research.Starts(names, strings.Split(*winWin, ","), strings.Split(*hard, ","))
	pops := []*research.Population{research.Replicate("uniform", a, uniform)}
	if invasion != nil {
		pops = append(pops, research.Replicate("invasion", a, invasion))
	} else {
		fmt.Fprintf(env.Stderr, "winwin: evolve: no invasion start: the run has none of the win-win strategies (%s) or none of the hard bargainers (%s)\n", *winWin, *hard)
	}
	formats := []string{"png", "svg"}
	if run.Config != nil {
		formats = run.Config.Output.Formats
	}
	dir, err := research.WriteEvolution(arg, names, pops, formats)
	if err != nil {
		return err
	}
	for _, p := range pops {
		rest := fmt.Sprintf("at rest after %d generations", len(p.Shares)-1)
		if !p.Rest {
			rest = fmt.Sprintf("still moving after %d generations", len(p.Shares)-1)
		}
		fmt.Fprintf(env.Stdout, "From the %s start (%s):", p.Start, rest)
		for i, x := range p.Final() {
			if x >= research.Extinct {
				fmt.Fprintf(env.Stdout, " %s %.1f%%", names[i], 100*x)
			}
		}
		fmt.Fprintln(env.Stdout)
	}
	fmt.Fprintf(env.Stdout, "\nResults: %s\n", dir)
	return nil
}
