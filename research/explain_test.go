package research_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/winwin-sim/winwin/research"
	"github.com/winwin-sim/winwin/results"
)

// TestExplain checks the decomposition: its ranks as run are those of
// running the tournament, its figures are the same for any number of
// workers, and switching partners leaving off (everyone comes back) can
// only add deals, so no strategy here (none loses money on a deal, as
// random does) gains from partners leaving.
func TestExplain(t *testing.T) {
	var first string
	for _, workers := range []int{1, 3} {
		cfg := parse(t, small)
		cfg.Sweep, cfg.Workers = nil, workers
		ex, err := research.Explain(context.Background(), cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		text := fmt.Sprintf("%+v", ex.Rows)
		if first == "" {
			first = text
			tour, err := cfg.Tournament()
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, e := range tour.Entrants {
				names = append(names, e.Name)
			}
			agg := results.NewAggregate(names, cfg.Periods, cfg.Model.Discount)
			if _, err := tour.Run(context.Background(), agg); err != nil {
				t.Fatal(err)
			}
			for i, r := range agg.Summary() {
				if ex.Rows[i].Strategy != r.Strategy || ex.Rows[i].LongRunRank != r.LongRunRank || ex.Rows[i].OneShotRank != r.OneShotRank {
					t.Errorf("row %d: explain %s #%d/#%d, run %s #%d/#%d", i, ex.Rows[i].Strategy, ex.Rows[i].OneShotRank, ex.Rows[i].LongRunRank, r.Strategy, r.OneShotRank, r.LongRunRank)
				}
			}
			for _, r := range ex.Rows {
				if leaving := r.Effect[1]; leaving.Mean > 1e-9 {
					t.Errorf("%s gains %v from partners leaving", r.Strategy, leaving.Mean)
				}
			}
			continue
		}
		if text != first {
			t.Errorf("explain differs between 1 and %d workers:\n%s\n%s", workers, first, text)
		}
	}
}
