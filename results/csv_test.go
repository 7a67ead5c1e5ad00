package results

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/winwin-sim/winwin/internal/golden"
)

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
		golden.Check(t, filepath.Join("testdata", want[i]), b)
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
	golden.Check(t, filepath.Join("testdata", ManifestFile), b)
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

// Every table reads back to the rows it was written from: writing what
// was read gives the same bytes, and the rows equal those written but for
// what the table does not hold (the entrants' indices) and the figures'
// rounding to six decimals.
func TestTablesReadBack(t *testing.T) {
	agg := goldenAggregate()
	tests := []struct {
		name  string
		write func(*bytes.Buffer) error
		again func(*bytes.Buffer, *bytes.Buffer) (n int, err error)
	}{
		{SummaryFile, func(b *bytes.Buffer) error { return WriteSummaryCSV(b, agg.Summary()) },
			func(in, out *bytes.Buffer) (int, error) {
				rows, err := ReadSummaryCSV(in)
				if err == nil {
					checkRows(t, rows, agg.Summary(), func(r *StrategyRow) { r.Entrant, r.Gap.N = 0, 0 })
					err = WriteSummaryCSV(out, rows)
				}
				return len(rows), err
			}},
		{RolesFile, func(b *bytes.Buffer) error { return WriteSummaryCSV(b, agg.Roles()) },
			func(in, out *bytes.Buffer) (int, error) {
				rows, err := ReadSummaryCSV(in)
				if err == nil {
					checkRows(t, rows, agg.Roles(), func(r *StrategyRow) { r.Entrant = 0 })
					err = WriteSummaryCSV(out, rows)
				}
				return len(rows), err
			}},
		{PairsFile, func(b *bytes.Buffer) error { return WritePairsCSV(b, agg.PairRows()) },
			func(in, out *bytes.Buffer) (int, error) {
				rows, err := ReadPairsCSV(in)
				if err == nil {
					checkRows(t, rows, agg.PairRows(), func(r *PairRow) { r.SellerEntrant, r.BuyerEntrant = 0, 0 })
					err = WritePairsCSV(out, rows)
				}
				return len(rows), err
			}},
		{PeriodsFile, func(b *bytes.Buffer) error { return WritePeriodsCSV(b, agg.PeriodRows()) },
			func(in, out *bytes.Buffer) (int, error) {
				rows, err := ReadPeriodsCSV(in)
				if err == nil {
					checkRows(t, rows, agg.PeriodRows(), func(r *PeriodRow) { r.Entrant = 0 })
					err = WritePeriodsCSV(out, rows)
				}
				return len(rows), err
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var first, second bytes.Buffer
			if err := tt.write(&first); err != nil {
				t.Fatal(err)
			}
			want := first.String()
			n, err := tt.again(&first, &second)
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				t.Fatal("read no rows")
			}
			if second.String() != want {
				t.Errorf("written again, the table differs:\n%s", diffLines(second.String(), want))
			}
		})
	}
}

// checkRows compares rows read back with the rows written, after clearing
// in the latter what a table does not hold and rounding their figures as
// the table does.
func checkRows[R any](t *testing.T, got, want []R, clear func(*R)) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("read %d rows, wrote %d", len(got), len(want))
	}
	for i := range want {
		clear(&want[i])
		roundFloats(reflect.ValueOf(&want[i]).Elem())
		// Printed, NaN equals NaN.
		if fmt.Sprint(got[i]) != fmt.Sprint(want[i]) {
			t.Errorf("row %d read back as\n%+v\nwritten as\n%+v", i, got[i], want[i])
		}
	}
}

// roundFloats rounds every float of v as FormatFloat writes it.
func roundFloats(v reflect.Value) {
	switch v.Kind() {
	case reflect.Float64:
		if x := v.Float(); !math.IsNaN(x) {
			y, _ := strconv.ParseFloat(FormatFloat(x), 64)
			v.SetFloat(y)
		}
	case reflect.Struct, reflect.Array:
		n := v.Len
		if v.Kind() == reflect.Struct {
			n = v.NumField
		}
		for i := range n() {
			if v.Kind() == reflect.Struct {
				roundFloats(v.Field(i))
			} else {
				roundFloats(v.Index(i))
			}
		}
	}
}

// A table that is not what a run writes is an error that says where.
func TestReadTableErrors(t *testing.T) {
	var good bytes.Buffer
	if err := WriteSummaryCSV(&good, goldenAggregate().Summary()); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(good.String(), "\n")
	tests := []struct{ name, text, want string }{
		{"empty", "", "no header row"},
		{"missing column", strings.Replace(good.String(), "long_run_rank", "rank", 1), `no column "long_run_rank"`},
		{"bad figure", lines[0] + replaceCell(lines[1], 7, "abc"), "row 2, long_run_mean"},
		{"bad count", lines[0] + lines[1] + replaceCell(lines[2], 1, "1.5"), "row 3, relationships"},
		{"short row", lines[0] + "a,1\n", "wrong number of fields"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadSummaryCSV(strings.NewReader(tt.text))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadSummaryCSV: %v, want an error about %q", err, tt.want)
			}
		})
	}
}

// Columns are found by name: in another order, and with a column more,
// a table reads as the same rows.
func TestReadTableByName(t *testing.T) {
	var good bytes.Buffer
	if err := WriteSummaryCSV(&good, goldenAggregate().Summary()); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(good.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var shuffled bytes.Buffer
	w := csv.NewWriter(&shuffled)
	for i, rec := range recs {
		rec = slices.Clone(rec)
		slices.Reverse(rec)
		extra := "note"
		if i > 0 {
			extra = "anything"
		}
		if err := w.Write(append(rec, extra)); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	want, err := ReadSummaryCSV(&good)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadSummaryCSV(&shuffled)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("columns in another order read as\n%v\nwant\n%v", got, want)
	}
}

// replaceCell replaces cell i of a CSV line without quotes.
func replaceCell(line string, i int, cell string) string {
	cells := strings.Split(strings.TrimSuffix(line, "\n"), ",")
	cells[i] = cell
	return strings.Join(cells, ",") + "\n"
}

func TestManifestReadBack(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	m, err := ReadManifest(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := m.Encode(&again); err != nil {
		t.Fatal(err)
	}
	if again.String() != string(b) {
		t.Errorf("the manifest read and written again differs:\n%s", diffLines(again.String(), string(b)))
	}
	for _, bad := range []string{"", "{", `{"seed": -1}`, "{} {}"} {
		if _, err := ReadManifest(strings.NewReader(bad)); err == nil {
			t.Errorf("ReadManifest(%q): no error", bad)
		}
	}
}
