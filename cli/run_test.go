package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/cli"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/results"
)

// winwin runs the command line in-process and returns its exit status and
// output.
func winwin(t *testing.T, ctx context.Context, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cli.Main(ctx, args, cli.WithIO(strings.NewReader(""), &stdout, &stderr, false))
	return code, stdout.String(), stderr.String()
}

// runDir returns the single run folder under base.
func runDir(t *testing.T, base string) string {
	t.Helper()
	ents, err := os.ReadDir(base)
	if err != nil || len(ents) != 1 {
		t.Fatalf("want one run folder in %s, got %v (%v)", base, ents, err)
	}
	return filepath.Join(base, ents[0].Name())
}

// The same config and seed give byte-identical tables and charts for any
// number of workers.
func TestRunDeterministicAcrossWorkers(t *testing.T) {
	dirs := map[string]string{}
	for _, w := range []string{"1", "4"} {
		base := t.TempDir()
		code, _, stderr := winwin(t, context.Background(), "run", "../configs/quick.toml", "--relationships", "6", "--workers", w, "--out", base)
		if code != cli.ExitOK {
			t.Fatalf("workers %s: exit %d: %s", w, code, stderr)
		}
		dirs[w] = runDir(t, base)
	}
	ents, err := os.ReadDir(dirs["1"])
	if err != nil {
		t.Fatal(err)
	}
	compared := 0
	for _, e := range ents {
		if e.Name() == results.ManifestFile {
			continue // times differ
		}
		a, _ := os.ReadFile(filepath.Join(dirs["1"], e.Name()))
		b, err := os.ReadFile(filepath.Join(dirs["4"], e.Name()))
		if err != nil {
			t.Fatalf("%s missing with 4 workers", e.Name())
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between 1 and 4 workers", e.Name())
		}
		compared++
	}
	for _, want := range []string{"summary.csv", "pairs.csv", "periods.csv", "cumulative.png", "cumulative.svg", "ranking.png", "heatmap.svg", "survival.png", "outcome-space.png"} {
		if _, err := os.Stat(filepath.Join(dirs["1"], want)); err != nil {
			t.Errorf("run folder lacks %s", want)
		}
	}
	if compared < 10 {
		t.Errorf("compared only %d files", compared)
	}
}

// Every example config runs (with few relationships, to stay quick).
func TestExampleConfigsRun(t *testing.T) {
	for _, name := range configs.Examples() {
		t.Run(name, func(t *testing.T) {
			base := t.TempDir()
			code, stdout, stderr := winwin(t, context.Background(), "run", "../configs/"+name+".toml", "--relationships", "2", "--out", base)
			if code != cli.ExitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if !strings.Contains(stdout, "long-run") || !strings.Contains(stdout, "Results: ") {
				t.Errorf("no ranking table:\n%s", stdout)
			}
			m := readManifest(t, runDir(t, base))
			if m.Status != results.StatusComplete || m.RelationshipsDone != m.RelationshipsPlanned || m.RelationshipsDone == 0 {
				t.Errorf("manifest: %+v", m)
			}
		})
	}
}

func readManifest(t *testing.T, dir string) results.Manifest {
	t.Helper()
	var m results.Manifest
	b, err := os.ReadFile(filepath.Join(dir, results.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// An interrupted run writes what finished, marks it interrupted and exits
// with its own status.
func TestRunInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	base := t.TempDir()
	code, _, stderr := winwin(t, ctx, "run", "../configs/quick.toml", "--out", base)
	if code != cli.ExitInterrupted {
		t.Fatalf("exit %d, want %d: %s", code, cli.ExitInterrupted, stderr)
	}
	dir := runDir(t, base)
	m := readManifest(t, dir)
	if m.Status != results.StatusInterrupted || m.RelationshipsDone >= m.RelationshipsPlanned {
		t.Errorf("manifest %+v", m)
	}
	if _, err := os.Stat(filepath.Join(dir, "summary.csv")); err != nil {
		t.Error("interrupted run wrote no summary.csv")
	}
	if !strings.Contains(stderr, "interrupted") {
		t.Errorf("stderr: %s", stderr)
	}
}

// A second run never overwrites the first.
func TestRunNewFolderEachTime(t *testing.T) {
	base := t.TempDir()
	for range 2 {
		if code, _, stderr := winwin(t, context.Background(), "run", "../configs/quick.toml", "--relationships", "1", "--out", base); code != 0 {
			t.Fatal(stderr)
		}
	}
	ents, _ := os.ReadDir(base)
	if len(ents) != 2 {
		t.Fatalf("%d folders after two runs", len(ents))
	}
}

func TestExitStatuses(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.toml")
	os.WriteFile(bad, []byte("seed = 1\nrelationshps = 3\n[[strategies]]\nname = \"linear\"\n"), 0o644)
	tests := []struct {
		args   []string
		code   int
		stderr []string
		stdout []string
	}{
		{[]string{"bogus"}, cli.ExitUsage, []string{`unknown command "bogus"`, "Commands:"}, nil},
		{[]string{"negotiate", "hard-anchorer"}, cli.ExitUsage, []string{"want two strategies"}, nil},
		{[]string{"negotiate", "hard-anchorer", "nobody"}, cli.ExitUsage, []string{`unknown strategy "nobody"`, "integrative", "boulware"}, nil},
		{[]string{"negotiate", "linear", "linear", "--domain", "moon"}, cli.ExitUsage, []string{`"moon"`, "supply-deal", "price-haggle"}, nil},
		{[]string{"negotiate", "linear:e=9", "linear"}, cli.ExitUsage, []string{"out of range"}, nil},
		{[]string{"negotiate", "linear", "linear", "--rounds", "0"}, cli.ExitUsage, []string{"flag -rounds", "1..10000"}, nil},
		{[]string{"run", bad}, cli.ExitUsage, []string{"relationshps", "bad.toml:2:1", "did you mean \"relationships\"", "2 | relationshps = 3"}, nil},
		{[]string{"validate", bad}, cli.ExitUsage, []string{"relationshps"}, nil},
		{[]string{"validate", "../configs/classic.toml"}, cli.ExitOK, nil, []string{"ok", "12 strategies"}},
		{[]string{"run", "--workers", "x"}, cli.ExitUsage, []string{"invalid value"}, nil},
		{[]string{"help"}, cli.ExitOK, nil, []string{"Usage", "negotiate", "Exit status"}},
		{[]string{"strategies"}, cli.ExitOK, nil, []string{"hard-anchorer", "flinch_sensitivity", "walk-away-disciplined"}},
		{[]string{"domains"}, cli.ExitOK, nil, []string{"supply-deal", "price-haggle", "bundle"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := winwin(t, context.Background(), tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout, stderr)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
			for _, s := range tt.stdout {
				if !strings.Contains(stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout)
				}
			}
		})
	}
}

func TestNegotiate(t *testing.T) {
	code, stdout, stderr := winwin(t, context.Background(), "negotiate", "hard-anchorer", "integrative", "--domain", "supply-deal", "--seed", "7")
	if code != 0 {
		t.Fatal(stderr)
	}
	for _, s := range []string{"hard-anchorer", "integrative", "Round 1", "anchor", "Scorecard", "left on the"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("transcript lacks %q:\n%s", s, stdout)
		}
	}
	code, stdout, _ = winwin(t, context.Background(), "negotiate", "boulware", "conceder", "--json", "--domain", "price-haggle")
	var doc map[string]any
	if code != 0 || json.Unmarshal([]byte(stdout), &doc) != nil {
		t.Fatalf("--json: exit %d, output %q", code, stdout)
	}
	for _, k := range []string{"sides", "moves", "outcome", "analysis", "domain"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
}
