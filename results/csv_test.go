package results

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n%s", name, diffLines(string(got), string(want)))
	}
}

// goldenAggregate is a small synthetic tournament with self-play, faults
// and one sample.
func goldenAggregate() *Aggregate {
	opts := synthOptions{entrants: 3, rels: 6, periods: 4, seed: 2026, selfPlay: true, faultRate: 0.04,
		sample: func(pair, rel int) bool { return pair == 1 && rel == 2 }}
	agg := NewAggregate(synthNames[:3], opts.periods, 0.9)
	for _, r := range synthRecords(opts) {
		agg.Add(r)
	}
	return agg
}

func TestTablesGolden(t *testing.T) {
	dir := t.TempDir()
	paths, err := WriteTables(dir, goldenAggregate())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{SummaryFile, RolesFile, PairsFile, PeriodsFile}
	if len(paths) != len(want) {
		t.Fatalf("wrote %v, want %v", paths, want)
	}
	for i, p := range paths {
		if filepath.Base(p) != want[i] {
			t.Errorf("file %d is %s, want %s", i, filepath.Base(p), want[i])
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, want[i], b)
	}
}

func TestManifestGolden(t *testing.T) {
	agg := goldenAggregate()
	m := &Manifest{
		Name: "golden", Version: "v0.0.0-test", Seed: 2026,
		Start:  time.Date(2026, 11, 25, 18, 30, 0, 0, time.UTC),
		End:    time.Date(2026, 11, 25, 18, 31, 2, 500_000_000, time.UTC),
		Status: StatusInterrupted, Reason: "interrupted by signal",
		RelationshipsPlanned: 100,
		Files:                []string{SummaryFile, "ranking.png"},
		Config:               "name = \"golden\"\nseed = 2026\n",
	}
	m.SetTotals(agg)
	if m.RelationshipsDone != 54 || m.Faults == 0 || len(m.FaultNotes) == 0 {
		t.Fatalf("totals not set: %+v", m)
	}
	dir := t.TempDir()
	path, err := WriteManifest(dir, m)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, ManifestFile, b)
}

func TestFormatFloat(t *testing.T) {
	tests := []struct {
		x    float64
		want string
	}{
		{0, "0.000000"},
		{math.Copysign(0, -1), "0.000000"},
		{-1e-9, "0.000000"},
		{-0.5, "-0.500000"},
		{1.0 / 3, "0.333333"},
		{2.0 / 3, "0.666667"},
		{1e7, "10000000.000000"},
		{math.NaN(), ""},
		{math.Inf(1), "+Inf"},
	}
	for _, tt := range tests {
		if got := FormatFloat(tt.x); got != tt.want {
			t.Errorf("FormatFloat(%v) = %q, want %q", tt.x, got, tt.want)
		}
	}
}

func TestCSVQuotesNames(t *testing.T) {
	agg := NewAggregate([]string{`odd, "name"`, "plain"}, 1, 0.9)
	var b bytes.Buffer
	if err := WriteSummaryCSV(&b, agg.Summary()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"odd, ""name"""`) {
		t.Errorf("name not quoted:\n%s", b.String())
	}
	// Without data every figure is empty, the counts are zero.
	if !strings.Contains(b.String(), "plain,0,0,,,,,") {
		t.Errorf("empty row not as expected:\n%s", b.String())
	}
}
