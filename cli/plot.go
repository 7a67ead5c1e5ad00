package cli

import (
	"fmt"
	"io"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/results"
)

// This file draws `winwin negotiate --plot FILE`: one negotiation in the
// outcome space (results.WriteNegotiationChart).

// checkPlot checks the --plot flag before anything is played.
func checkPlot(file string, periods int) error {
	if file == "" {
		return nil
	}
	if _, err := results.ChartFormatOf(file); err != nil {
		return usagef("--plot %v", err)
	}
	if periods != 1 {
		return usagef("--plot draws one negotiation: use it without --periods (or with --periods 1)")
	}
	return nil
}

// writePlot draws period p of the relationship rec into file, atomically,
// when file is set.
func writePlot(file string, sc arena.Scenario, names [2]string, rec *arena.RelationshipRecord, p *arena.PeriodRecord) error {
	if file == "" {
		return nil
	}
	format, err := results.ChartFormatOf(file)
	if err != nil {
		return usagef("--plot %v", err)
	}
	n := &results.Negotiation{Domain: sc.Domain.Name, Names: names, Prefs: rec.Prefs, Frontier: rec.Frontier, Outcome: &p.Outcome}
	if n.Prefs[0] == nil || n.Prefs[1] == nil {
		n.Prefs = sc.Prefs
	}
	err = results.WriteFileAtomic(file, func(w io.Writer) error { return results.WriteNegotiationChart(w, format, n) })
	if err != nil {
		return fmt.Errorf("--plot: %w", err)
	}
	return nil
}
