package research_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/research"
	"github.com/winwin-sim/winwin/results"
)

// small is a quick tournament with a sweep over the relationship model
// and periods, the keys a sweep scores from one play.
const small = `
seed = 3
relationships = 6
periods = 4
rounds = 30
domain = "supply-deal"
[output]
sample_transcripts = 0
formats = ["svg"]
[sweep]
relationship.p_hi = { from = 0.4, to = 1.0, steps = 3 }
periods = [2, 4]
[[strategies]]
name = "hard-anchorer"
[[strategies]]
name = "integrative"
[[strategies]]
name = "walk-away-disciplined"
[[strategies]]
name = "hardheaded"
[[strategies]]
name = "boulware"
`

func parse(t *testing.T, text string) *configs.Config {
	t.Helper()
	cfg, err := configs.Parse([]byte(text), "small.toml")
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func sweep(t *testing.T, cfg *configs.Config) *research.Sweep {
	t.Helper()
	sw, err := research.RunSweep(context.Background(), research.SweepOptions{Config: cfg, Name: "small", Base: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	return sw
}

// TestSweepPointIsARun checks what a sweep promises: each point's figures
// are those of running the point's configuration on its own, although the
// sweep played the negotiations once for all of them.
func TestSweepPointIsARun(t *testing.T) {
	// The first sweep shares one play; the second plays once per value of
	// the strategy parameter, each play scored at two discounts.
	bySweep := strings.Replace(small, "relationship.p_hi = { from = 0.4, to = 1.0, steps = 3 }\nperiods = [2, 4]",
		"strategies.boulware.e = [0.1, 0.6]\nrelationship.discount = [0.5, 0.9]", 1)
	if bySweep == small {
		t.Fatal("the second sweep is the first")
	}
	for _, text := range []string{small, bySweep} {
		pointsAreRuns(t, text)
	}
}

func pointsAreRuns(t *testing.T, text string) {
	cfg := parse(t, text)
	cfg.Output.Charts = false
	sw := sweep(t, cfg)
	if len(sw.Points) != len(cfg.Sweep.Points()) {
		t.Fatalf("%d points, want %d", len(sw.Points), len(cfg.Sweep.Points()))
	}
	for _, p := range cfg.Sweep.Points() {
		tour, err := p.Config.Tournament()
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range tour.Entrants {
			names = append(names, e.Name)
		}
		agg := results.NewAggregate(names, p.Config.Periods, p.Config.Model.Discount)
		if _, err := tour.Run(context.Background(), agg); err != nil {
			t.Fatal(err)
		}
		for _, want := range agg.Summary() {
			got := sw.Points[p.Index].Rows[want.Entrant]
			if got.LongRun.Mean != want.LongRun.Mean || got.OneShot.Mean != want.OneShot.Mean ||
				got.LongRunRank != want.LongRunRank || got.Kept != want.Length || got.WinWin != want.Outcomes.WinWin {
				t.Errorf("point %d (%v), %s: sweep %+v, run %+v", p.Index, p.Values, want.Strategy, got, want)
			}
		}
	}
}

// TestSweepDeterministic checks that a sweep folder's tables are the same
// bytes for any number of workers.
func TestSweepDeterministic(t *testing.T) {
	var first map[string][]byte
	for _, workers := range []int{1, 3} {
		cfg := parse(t, small)
		cfg.Workers = workers
		sw := sweep(t, cfg)
		files := map[string][]byte{}
		for _, f := range []string{research.SweepFile, research.CrossoverFile, "crossover.svg", "rankmap.svg", "report.html"} {
			b, err := os.ReadFile(filepath.Join(sw.Dir, f))
			if err != nil {
				t.Fatal(err)
			}
			files[f] = b
		}
		if first == nil {
			first = files
			continue
		}
		for f, b := range files {
			if !bytes.Equal(b, first[f]) {
				t.Errorf("%s differs between 1 and %d workers", f, workers)
			}
		}
	}
}

// TestSweepFolder checks what a sweep folder holds and that its manifest,
// written last, lists every file.
func TestSweepFolder(t *testing.T) {
	sw := sweep(t, parse(t, small))
	if sw.Manifest.Status != results.StatusComplete {
		t.Fatalf("status %s: %s", sw.Manifest.Status, sw.Manifest.Reason)
	}
	for _, f := range append(sw.Manifest.Files, results.ManifestFile) {
		if _, err := os.Stat(filepath.Join(sw.Dir, f)); err != nil {
			t.Errorf("listed file: %v", err)
		}
	}
	csv, err := os.ReadFile(filepath.Join(sw.Dir, research.SweepFile))
	if err != nil {
		t.Fatal(err)
	}
	head, _, _ := strings.Cut(string(csv), "\n")
	if !strings.HasPrefix(head, "point,relationship.p_hi,periods,strategy,one_shot,") {
		t.Errorf("sweep.csv header %q", head)
	}
	if n := strings.Count(string(csv), "\n"); n != 1+6*5 {
		t.Errorf("sweep.csv has %d lines, want %d", n, 1+6*5)
	}
	page, err := os.ReadFile(filepath.Join(sw.Dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"When does it pay", "data:image/svg", "integrative, walk-away-disciplined"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	if len(sw.Crossovers) != 2 {
		t.Errorf("%d crossovers, want one per value of periods", len(sw.Crossovers))
	}
}

// TestSweepInterrupted checks that a sweep stopped before it starts
// keeps a folder whose manifest says so.
func TestSweepInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sw, err := research.RunSweep(ctx, research.SweepOptions{Config: parse(t, small), Name: "small", Base: t.TempDir()})
	if err == nil || sw == nil {
		t.Fatalf("err %v, sweep %v", err, sw)
	}
	if sw.Manifest.Status != results.StatusInterrupted {
		t.Errorf("status %q", sw.Manifest.Status)
	}
}
