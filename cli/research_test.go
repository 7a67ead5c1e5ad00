package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/cli"
)

// TestRunSweep runs a config with a [sweep] table: one folder with the
// sweep's tables, charts and report, a row per point printed, the
// crossover said in words, and --seed written into its config.toml.
func TestRunSweep(t *testing.T) {
	src, err := os.ReadFile("../configs/quick.toml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cfg := filepath.Join(dir, "sweep.toml")
	writeTestFile(t, cfg, string(src)+"\n[sweep]\nrelationship.p_hi = [0.5, 1.0]\n")
	base := t.TempDir()
	code, stdout, stderr := winwin(t, context.Background(), "run", cfg, "--relationships", "4", "--seed", "9", "--out", base)
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	run := runDir(t, base)
	for _, f := range []string{"sweep.csv", "crossover.csv", "crossover.png", "rankmap.png", "payoff.svg", "report.html", "manifest.json", "config.toml"} {
		if _, err := os.Stat(filepath.Join(run, f)); err != nil {
			t.Errorf("sweep folder: %v", err)
		}
	}
	for _, want := range []string{"relationship.p_hi", "long-run #1", "Win-win (", "Results: "} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	text, err := os.ReadFile(filepath.Join(run, "config.toml"))
	if err != nil || !strings.Contains(string(text), "seed = 9") {
		t.Errorf("config.toml does not record --seed 9: %v\n%s", err, text)
	}
	if m := readManifest(t, run); m.Status != "complete" || m.Seed != 9 {
		t.Errorf("manifest: %s, seed %d", m.Status, m.Seed)
	}
}

// TestExplainAndEvolve runs the decomposition and the replicator dynamics
// on a run folder: each writes its own subfolder and prints its findings.
func TestExplainAndEvolve(t *testing.T) {
	base := t.TempDir()
	if code, _, stderr := winwin(t, context.Background(), "run", "../configs/quick.toml", "--relationships", "4", "--out", base); code != cli.ExitOK {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	run := runDir(t, base)
	code, stdout, stderr := winwin(t, context.Background(), "explain", run)
	if code != cli.ExitOK {
		t.Fatalf("explain: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"of learning", "of partners leaving", "of tactic costs"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("explain output lacks %q:\n%s", want, stdout)
		}
	}
	for _, f := range []string{"explain/explain.csv", "explain/explain.png"} {
		if _, err := os.Stat(filepath.Join(run, f)); err != nil {
			t.Error(err)
		}
	}
	code, stdout, stderr = winwin(t, context.Background(), "evolve", run)
	if code != cli.ExitOK {
		t.Fatalf("evolve: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "From the uniform start") {
		t.Errorf("evolve output:\n%s", stdout)
	}
	if _, err := os.Stat(filepath.Join(run, "evolve", "evolve.csv")); err != nil {
		t.Error(err)
	}
	if code, _, _ := winwin(t, context.Background(), "explain", t.TempDir()); code != cli.ExitUsage {
		t.Errorf("explain of an empty folder: exit %d, want %d", code, cli.ExitUsage)
	}
}
