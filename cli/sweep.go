package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/research"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/runfolder"
)

// runSweep runs a config with a [sweep] table (winwin run sweep.toml):
// one folder for the whole sweep, the crossover printed.
func runSweep(ctx context.Context, env *Env, cfg *configs.Config, name, out string, overridden, command []string, noProgress bool) error {
	for _, s := range cfg.Strategies {
		if s.Strategy == configs.ExecStrategy {
			return usagef("%s is an external agent: a sweep runs built-in strategies only", s.Name)
		}
	}
	if err := cfg.CheckLimits(); err != nil {
		return usageError{err}
	}
	var bar *progressbar.ProgressBar
	defer func() {
		if bar != nil {
			bar.Finish()
		}
	}()
	res, err := runfolder.RunSweep(ctx, runfolder.Options{
		Config: cfg, Name: name, Base: out, Overridden: overridden, Command: command, Version: version(),
		Started: func(dir string, _ *arena.Tournament) {
			total := 0
			if j, err := research.NewSweepJob(cfg); err == nil {
				total = j.Tasks()
			}
			if env.Terminal && !noProgress {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(env.Stderr),
					progressbar.OptionSetDescription("relationships"), progressbar.OptionShowCount(),
					progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
			}
			fmt.Fprintf(env.Stderr, "winwin: %s: a sweep of %d points, %d strategies, %d relationships to play\n",
				name, len(cfg.Sweep.Points()), len(cfg.Strategies), total)
		},
		Progress: func(done, total int) {
			if bar != nil {
				_ = bar.Set(done)
			}
		},
	})
	var refused *runfolder.RefusedError
	if errors.As(err, &refused) {
		return usageError{refused.Err}
	}
	var sw *research.Sweep
	if res != nil {
		sw = res.Sweep
	}
	if sw == nil {
		if errors.Is(err, context.Canceled) || ctx.Err() != nil {
			return interruptedRun{fmt.Errorf("%w: %v", errInterrupted, err)}
		}
		return err
	}
	if bar != nil {
		bar.Finish()
		bar = nil
	}
	printSweep(env, sw)
	fmt.Fprintf(env.Stdout, "\nResults: %s\n", sw.Dir)
	return runError(err)
}

// printSweep prints a row per point: the long-run leader and the groups'
// difference, then where the win-win strategies pay.
func printSweep(env *Env, sw *research.Sweep) {
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	for _, a := range sw.Axes {
		fmt.Fprintf(tw, "%s\t", a.Key)
	}
	fmt.Fprintln(tw, "long-run #1\twin-win − hard (95% CI)\tverdict\t")
	for _, p := range sw.Points {
		for _, v := range p.Values {
			fmt.Fprintf(tw, "%s\t", v)
		}
		first := ""
		for _, r := range p.Rows {
			if r.LongRunRank == 1 {
				first = r.Strategy
				if !results.Separated(r.Gap) {
					first += " ≈ " + r.Next
				}
			}
		}
		d := p.Group
		ci := fmt.Sprintf("%+.3f [%+.3f, %+.3f]", d.Mean, d.Low, d.High)
		if math.IsNaN(d.Mean) {
			ci = ""
		}
		v := "not separable"
		switch {
		case d.Low > 0:
			v = "win-win ahead"
		case d.High < 0:
			v = "hard bargainers ahead"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t\n", first, ci, v)
	}
	tw.Flush()
	fmt.Fprintf(env.Stdout, "\nWin-win (%s) against hard bargainers (%s), long-run:\n", joinComma(sw.WinWin), joinComma(sw.Hard))
	for _, s := range research.Sentences(sw) {
		fmt.Fprintf(env.Stdout, "  %s\n", s)
	}
}

func joinComma(names []string) string {
	s := ""
	for i, n := range names {
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s
}

// sweepKeys names a sweep's keys: "relationship.p_hi × relationship.discount".
func sweepKeys(s *configs.Sweep) string {
	k := ""
	for i, a := range s.Axes {
		if i > 0 {
			k += " × "
		}
		k += fmt.Sprintf("%s (%d values)", a.Key, len(a.Values))
	}
	return k
}

// printTies says which neighbours in the long-run ranking cannot be told
// apart: the paired 95% CI of their gap holds 0, so their order is not a
// finding (docs/model.md#clustered-statistics).
func printTies(w io.Writer, rows []results.StrategyRow) {
	var ties []string
	for _, r := range rows {
		if r.Next != "" && !math.IsNaN(r.Gap.Mean) && !results.Separated(r.Gap) {
			ties = append(ties, fmt.Sprintf("#%d %s ≈ #%d %s (%+.3f [%+.3f, %+.3f])", r.LongRunRank, r.Strategy, r.LongRunRank+1, r.Next, r.Gap.Mean, r.Gap.Low, r.Gap.High))
		}
	}
	if len(ties) == 0 {
		return
	}
	fmt.Fprintf(w, "\nNot told apart long-run (the paired 95%% CI of the gap holds 0):\n  %s\n", strings.Join(ties, "\n  "))
}

// isSweepFolder reports whether dir holds a sweep's table.
func isSweepFolder(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, research.SweepFile))
	return err == nil
}
