package runfolder

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/report"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/shard"
)

// testConfig is a small tournament: three strategies, two relationships
// per ordered pair (self-play included: 18), every chart, one worker (so that outputs are written one at a
// time, in order).
const testConfig = `
seed = 11
relationships = 2
periods = 4
rounds = 30
workers = 1
domain = "supply-deal"

[[strategies]]
name = "integrative"

[[strategies]]
name = "hard-anchorer"

[[strategies]]
name = "linear"

[output]
sample_transcripts = 1
`

func testOptions(t *testing.T) Options {
	t.Helper()
	cfg, err := configs.Parse([]byte(testConfig), "test.toml")
	if err != nil {
		t.Fatal(err)
	}
	return Options{Config: cfg, Name: "test", Base: t.TempDir(), Command: []string{"winwin", "run", "test.toml"}, Version: "test"}
}

// readManifest reads dir's manifest and checks that every file it lists
// is there and that the folder holds no other file (the agents' logs
// aside, and the checkpoints of a run that did not complete).
func readManifest(t *testing.T, dir string) *results.Manifest {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, results.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := results.ReadManifest(f)
	if err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var held []string
	for _, e := range ents {
		if e.Name() == CheckpointDir && m.Status != results.StatusComplete {
			continue
		}
		if e.Name() != results.ManifestFile {
			held = append(held, e.Name())
		}
	}
	listed := slices.Sorted(slices.Values(m.Files))
	if !slices.Equal(held, listed) {
		t.Errorf("the folder holds %q, its manifest (%s) lists %q", held, m.Status, listed)
	}
	return m
}

// A whole run leaves a complete folder that the report reads, and returns
// what its manifest says.
func TestRunComplete(t *testing.T) {
	o := testOptions(t)
	var started, last int
	o.Started = func(dir string, _ *arena.Tournament) { started++ }
	o.Progress = func(done, total int) { last = done }
	res, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	m := readManifest(t, res.Dir)
	if m.Status != results.StatusComplete || m.RelationshipsDone != m.RelationshipsPlanned || m.RelationshipsDone != 18 {
		t.Errorf("manifest: status %s, %d of %d relationships", m.Status, m.RelationshipsDone, m.RelationshipsPlanned)
	}
	if !slices.Equal(m.Files, res.Manifest.Files) || m.Status != res.Manifest.Status {
		t.Errorf("the result's manifest is not the folder's")
	}
	if started != 1 || last != 18 {
		t.Errorf("Started called %d times, Progress last at %d; want 1 and 18", started, last)
	}
	for _, c := range results.Charts {
		if !slices.Contains(m.Files, c.Name+".png") && !c.Market {
			t.Errorf("no %s chart", c.Name)
		}
	}
	if _, err := report.Load(res.Dir); err != nil {
		t.Errorf("the report cannot read the folder: %v", err)
	}
}

// A run interrupted while its tournament plays still writes what finished,
// and says it was interrupted.
func TestRunInterrupted(t *testing.T) {
	o := testOptions(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := Run(ctx, o)
	if !errors.Is(err, ErrInterrupted) || res == nil {
		t.Fatalf("Run = %v, %v; want a result and ErrInterrupted", res, err)
	}
	m := readManifest(t, res.Dir)
	if m.Status != results.StatusInterrupted || !strings.HasPrefix(m.Reason, "interrupted by signal; winwin run --resume") || !slices.Contains(m.Files, report.File) {
		t.Errorf("manifest: status %s (%s), files %q", m.Status, m.Reason, m.Files)
	}
	if _, err := os.Stat(filepath.Join(res.Dir, CheckpointDir, "shard.json")); err != nil {
		t.Errorf("an interrupted run keeps no checkpoints to resume from: %v", err)
	}
}

// A run that cannot be recorded is refused before its folder exists.
func TestRunRefused(t *testing.T) {
	o := testOptions(t)
	o.Overridden = []string{"colour"}
	res, err := Run(context.Background(), o)
	var refused *RefusedError
	if !errors.As(err, &refused) || res != nil {
		t.Fatalf("Run = %v, %v; want a RefusedError", res, err)
	}
	if ents, _ := os.ReadDir(o.Base); len(ents) != 0 {
		t.Errorf("a refused run left %v", ents)
	}
}

// endAfter is a context that ends once its Err was asked n times: it
// ends at a known point among the outputs Finish writes.
type endAfter struct {
	context.Context
	mu sync.Mutex
	n  int
}

func (c *endAfter) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n <= 0 {
		return context.Canceled
	}
	c.n--
	return nil
}

// Interrupted while it writes the outputs, Finish starts no more of them,
// writes no report and leaves a manifest that says interrupted and lists
// what was written; never one that says complete.
func TestFinishInterrupted(t *testing.T) {
	o := testOptions(t)
	res, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	whole := len(res.Manifest.Files)
	// Run let go of its aggregate's samples once written: Finish is
	// given an aggregate of its own, with them.
	job, err := newTournamentJob(o.Config)
	if err != nil {
		t.Fatal(err)
	}
	st, err := job.Play(context.Background(), shard.Range{Lo: 0, Hi: job.Tasks()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	agg := st.(aggState).agg
	rec, err := NewRecord(o.Config, nil, o.Command)
	if err != nil {
		t.Fatal(err)
	}
	// With one worker the outputs are written in order, one per check of
	// the context: the four tables (at once), samples.json, each chart
	// file (the PNGs first, the biggest first), config.toml; one more
	// check comes before the report.
	charts, err := results.ChartJobs(t.TempDir(), agg, o.Config.Output.Formats)
	if err != nil {
		t.Fatal(err)
	}
	var biggest results.ChartJob
	for _, c := range charts {
		if filepath.Ext(c.Path) == ".png" && c.Pixels > biggest.Pixels {
			biggest = c
		}
	}
	tests := []struct {
		checks int
		files  []string
	}{
		{0, nil},
		{1, []string{results.SummaryFile, results.RolesFile, results.PairsFile, results.PeriodsFile}},
		{3, []string{results.SummaryFile, results.RolesFile, results.PairsFile, results.PeriodsFile, report.SamplesFile, filepath.Base(biggest.Path)}},
		{whole - 4, res.Manifest.Files[:whole-1]}, // all but the report
	}
	for _, tt := range tests {
		dir := t.TempDir()
		m := &results.Manifest{Name: "test", Status: results.StatusComplete}
		err := Finish(&endAfter{Context: context.Background(), n: tt.checks}, dir, rec, m, agg)
		if !errors.Is(err, ErrInterrupted) {
			t.Errorf("after %d checks: Finish = %v, want ErrInterrupted", tt.checks, err)
		}
		got := readManifest(t, dir)
		if got.Status != results.StatusInterrupted || !strings.Contains(got.Reason, "outputs") {
			t.Errorf("after %d checks: manifest status %s (%s)", tt.checks, got.Status, got.Reason)
		}
		if !slices.Equal(got.Files, tt.files) {
			t.Errorf("after %d checks: manifest lists %q, want %q", tt.checks, got.Files, tt.files)
		}
	}
}
