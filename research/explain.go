package research

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/results"
)

// ExplainDir is the folder `winwin explain` writes inside a run folder,
// ExplainFile its table.
const (
	ExplainDir  = "explain"
	ExplainFile = "explain.csv"
)

// Counterfactuals of the decomposition, in the order of Explanation's
// figures (docs/model.md#decomposition): the mechanisms switched off.
// "partners leaving" is switched off by retention off (everyone always
// comes back): its effect is what partners who leave cost a strategy.
var Counterfactuals = []string{"learning", "partners leaving", "tactic costs"}

// An Explanation attributes each strategy's move from its one-shot rank
// to its long-run rank to what changes between the two: learning across
// deals, partners coming back (retention), and the process cost of hard
// tactics. Each is switched off in turn, on the same seeds, and the
// tournament scored again: what a strategy gains from a mechanism is its
// long-run payoff with it minus without it, paired by cluster.
type Explanation struct {
	// Rows are the strategies, best long-run first.
	Rows []ExplainRow
	// Relationships played (twice: with learning and without).
	Relationships int
}

// An ExplainRow is one strategy's decomposition.
type ExplainRow struct {
	Entrant  int
	Strategy string
	// OneShotRank and LongRunRank are its ranks in the run; Without[k]
	// its long-run rank with Counterfactuals[k] switched off.
	OneShotRank, LongRunRank int
	Without                  [3]int
	// LongRun is its long-run payoff in the run (clustered CI), and
	// Effect[k] its long-run payoff minus its payoff with
	// Counterfactuals[k] switched off, paired by cluster: what that
	// mechanism is worth to it (negative: it costs it).
	LongRun results.Estimate
	Effect  [3]results.Estimate
}

// Explain re-runs the tournament of cfg on its seeds with learning off
// (fresh agents and memories every deal: arena.Tournament.Forget),
// retention off (everyone always comes back: p_lo = p_hi = 1) and tactic
// costs off (every process and self penalty 0), and compares each with
// the run as configured. It plays the tournament twice (with and without
// learning), everyone always coming back, and scores the rest
// (arena.Rescore).
func Explain(ctx context.Context, cfg *configs.Config, progress func(done, total int)) (*Explanation, error) {
	t, err := cfg.Tournament()
	if err != nil {
		return nil, err
	}
	total := 2 * t.Total()
	actual, noRetention, noCosts := newVariant(cfg), newVariant(cfg), newVariant(cfg)
	noRetention.model = arena.Always(cfg.Model)
	m := &noCosts.model
	m.PenaltyExtremeAnchor, m.PenaltyFlinch, m.PenaltyUnbundle, m.PenaltyRetraction, m.PenaltyDissatisfied, m.SelfPenalty = 0, 0, 0, 0, 0, 0
	report := func(offset int) func(int) {
		return func(d int) {
			if progress != nil {
				progress(offset+d, total)
			}
		}
	}
	n1, err := play(ctx, cfg, false, []*variant{actual, noRetention, noCosts}, report(0))
	if err != nil {
		return nil, interrupted(ctx, err)
	}
	noLearning := newVariant(cfg)
	n2, err := play(ctx, cfg, true, []*variant{noLearning}, report(n1))
	if err != nil {
		return nil, interrupted(ctx, err)
	}
	without := []*variant{noLearning, noRetention, noCosts}
	rank := func(v *variant) map[int]int {
		out := map[int]int{}
		for _, r := range v.agg.Summary() {
			out[r.Entrant] = r.LongRunRank
		}
		return out
	}
	ranks := make([]map[int]int, len(without))
	for k, v := range without {
		ranks[k] = rank(v)
	}
	ex := &Explanation{Relationships: n1 + n2}
	for _, r := range actual.agg.Summary() {
		row := ExplainRow{Entrant: r.Entrant, Strategy: r.Strategy, OneShotRank: r.OneShotRank, LongRunRank: r.LongRunRank,
			LongRun: actual.cl.Estimate(results.LongRunPayoff, r.Entrant)}
		for k, v := range without {
			row.Without[k] = ranks[k][r.Entrant]
			row.Effect[k] = actual.cl.Paired(v.cl, results.LongRunPayoff, r.Entrant)
		}
		ex.Rows = append(ex.Rows, row)
	}
	return ex, nil
}

func interrupted(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("%w: nothing was written", ErrInterrupted)
	}
	return err
}

// WriteExplanation writes dir/explain/explain.csv and the chart
// explain.FORMAT, each atomically; it returns the folder.
func WriteExplanation(dir string, ex *Explanation, names []string, formats []string) (string, error) {
	out := filepath.Join(dir, ExplainDir)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return "", fmt.Errorf("research: %w", err)
	}
	if err := results.WriteFileAtomic(filepath.Join(out, ExplainFile), func(w io.Writer) error { return writeExplainCSV(w, ex) }); err != nil {
		return "", err
	}
	if _, err := writeFigure(out, "explain", explainChart(ex, names), formats); err != nil {
		return "", err
	}
	return out, results.SyncDir(out)
}

func writeExplainCSV(w io.Writer, ex *Explanation) error {
	cw := csv.NewWriter(w)
	head := []string{"strategy", "one_shot_rank", "long_run_rank", "rank_without_learning", "rank_without_retention", "rank_without_tactic_costs",
		"long_run", "long_run_low", "long_run_high"}
	for _, c := range []string{"learning", "leaving", "tactic_costs"} {
		head = append(head, c+"_effect", c+"_effect_low", c+"_effect_high")
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, r := range ex.Rows {
		row := []string{r.Strategy, strconv.Itoa(r.OneShotRank), strconv.Itoa(r.LongRunRank),
			strconv.Itoa(r.Without[0]), strconv.Itoa(r.Without[1]), strconv.Itoa(r.Without[2])}
		row = append(row, estimateCells(r.LongRun)...)
		for _, e := range r.Effect {
			row = append(row, estimateCells(e)...)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Words says what carries a strategy's long-run rank, in a sentence: the
// mechanisms whose effect is separated from zero, largest first.
func (r *ExplainRow) Words() string {
	s := fmt.Sprintf("%s: #%d one-shot, #%d long-run", r.Strategy, r.OneShotRank, r.LongRunRank)
	for k, name := range Counterfactuals {
		e := r.Effect[k]
		sign := "adds"
		if e.Mean < 0 {
			sign = "takes"
		}
		if !results.Separated(e) {
			s += fmt.Sprintf("; %s: no effect told apart from 0 (%+.3f [%+.3f, %+.3f])", name, e.Mean, e.Low, e.High)
			continue
		}
		s += fmt.Sprintf("; %s %s %.3f [%.3f, %.3f] (#%d without)", name, sign, math.Abs(e.Mean), math.Min(math.Abs(e.Low), math.Abs(e.High)), math.Max(math.Abs(e.Low), math.Abs(e.High)), r.Without[k])
	}
	return s
}
