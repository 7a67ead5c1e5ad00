package cli_test

import (
	"context"
	"testing"

	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/results"
)

// BenchmarkClassicTournament plays the default tournament (no files
// written) on one worker: go test -run X -bench Classic -benchtime 1x ./cli/
func BenchmarkClassicTournament(b *testing.B) {
	cfg, err := configs.Default()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		t, err := cfg.Tournament()
		if err != nil {
			b.Fatal(err)
		}
		t.Workers = 1
		agg := results.NewAggregate(make([]string, len(t.Entrants)), cfg.Periods, cfg.Model.Discount)
		if _, err := t.Run(context.Background(), agg); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(agg.Negotiations())/b.Elapsed().Seconds()*float64(b.N), "negotiations/s")
	}
}
