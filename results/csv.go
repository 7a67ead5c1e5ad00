package results

import (
	"encoding/csv"
	"io"
	"math"
	"path/filepath"
	"strconv"
)

// File names of the tables in a run folder.
const (
	SummaryFile = "summary.csv"
	RolesFile   = "roles.csv"
	PairsFile   = "pairs.csv"
	PeriodsFile = "periods.csv"
)

// WriteTables writes the tidy tables of agg into dir, each atomically:
// summary.csv (Summary), roles.csv (Roles), pairs.csv (PairRows) and
// periods.csv (PeriodRows). It returns the paths written.
//
// Every table has a header row; floats are written with six decimals
// ('f' format, so the bytes depend only on the figures), an undefined
// figure (NaN: no data, or a confidence interval of fewer than two values)
// as an empty cell.
func WriteTables(dir string, agg *Aggregate) ([]string, error) {
	tables := []struct {
		name  string
		write func(io.Writer) error
	}{
		{SummaryFile, func(w io.Writer) error { return WriteSummaryCSV(w, agg.Summary()) }},
		{RolesFile, func(w io.Writer) error { return WriteSummaryCSV(w, agg.Roles()) }},
		{PairsFile, func(w io.Writer) error { return WritePairsCSV(w, agg.PairRows()) }},
		{PeriodsFile, func(w io.Writer) error { return WritePeriodsCSV(w, agg.PeriodRows()) }},
	}
	var paths []string
	for _, t := range tables {
		path := filepath.Join(dir, t.name)
		if err := WriteFileAtomic(path, t.write); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// WriteSummaryCSV writes strategy rows as CSV. A role column appears when
// any row is not over both roles (as with Aggregate.Roles).
func WriteSummaryCSV(w io.Writer, rows []StrategyRow) error {
	withRole := false
	for _, r := range rows {
		withRole = withRole || r.Role != RoleAll
	}
	head := []string{"strategy"}
	if withRole {
		head = append(head, "role")
	}
	head = append(head, "relationships", "negotiations")
	head = append(head, estimateHeader("one_shot")...)
	head = append(head, estimateHeader("long_run")...)
	head = append(head, "agreement_rate", "win_win_share", "win_lose_share", "lose_lose_share",
		"mean_length", "mean_sv", "retention", "left_on_table", "faults", "one_shot_rank", "long_run_rank")
	t := newTable(w, head)
	for _, r := range rows {
		rec := []string{r.Strategy}
		if withRole {
			rec = append(rec, r.Role)
		}
		rec = append(rec, formatInt(r.Relationships), formatInt(r.Negotiations))
		rec = appendEstimate(rec, r.OneShot)
		rec = appendEstimate(rec, r.LongRun)
		rec = appendFloats(rec, r.Agreement, r.WinWin, r.WinLose, r.LoseLose, r.Length, r.SV, r.Retention, r.LeftOnTable)
		rec = append(rec, formatInt(r.Faults), strconv.Itoa(r.OneShotRank), strconv.Itoa(r.LongRunRank))
		t.row(rec)
	}
	return t.flush()
}

// WritePairsCSV writes pair rows as CSV.
func WritePairsCSV(w io.Writer, rows []PairRow) error {
	head := []string{"seller", "buyer", "relationships", "negotiations"}
	for _, side := range []string{"seller", "buyer"} {
		head = append(head, estimateHeader(side+"_one_shot")...)
	}
	for _, side := range []string{"seller", "buyer", "joint"} {
		head = append(head, estimateHeader(side+"_long_run")...)
	}
	head = append(head, "agreement_rate", "win_win_share", "win_lose_share", "lose_lose_share",
		"mean_length", "retention", "left_on_table", "seller_mean_sv", "buyer_mean_sv", "seller_faults", "buyer_faults")
	t := newTable(w, head)
	for _, r := range rows {
		rec := []string{r.Seller, r.Buyer, formatInt(r.Relationships), formatInt(r.Negotiations)}
		rec = appendEstimate(rec, r.OneShot[0])
		rec = appendEstimate(rec, r.OneShot[1])
		rec = appendEstimate(rec, r.LongRun[0])
		rec = appendEstimate(rec, r.LongRun[1])
		rec = appendEstimate(rec, r.JointLongRun)
		rec = appendFloats(rec, r.Agreement, r.WinWin, r.WinLose, r.LoseLose, r.Length, r.Retention, r.LeftOnTable, r.SV[0], r.SV[1])
		rec = append(rec, formatInt(r.Faults[0]), formatInt(r.Faults[1]))
		t.row(rec)
	}
	return t.flush()
}

// WritePeriodsCSV writes period rows as CSV.
func WritePeriodsCSV(w io.Writer, rows []PeriodRow) error {
	head := []string{"strategy", "period", "relationships"}
	head = append(head, estimateHeader("surplus")...)
	head = append(head, estimateHeader("cumulative")...)
	head = append(head, "alive_share")
	t := newTable(w, head)
	for _, r := range rows {
		rec := []string{r.Strategy, strconv.Itoa(r.Period), formatInt(r.Relationships)}
		rec = appendEstimate(rec, r.Surplus)
		rec = appendEstimate(rec, r.Cumulative)
		rec = appendFloats(rec, r.Alive)
		t.row(rec)
	}
	return t.flush()
}

// table writes CSV records, remembering the first error.
type table struct {
	w   *csv.Writer
	err error
}

func newTable(w io.Writer, head []string) *table {
	t := &table{w: csv.NewWriter(w)}
	t.row(head)
	return t
}

func (t *table) row(rec []string) {
	if t.err == nil {
		t.err = t.w.Write(rec)
	}
}

func (t *table) flush() error {
	if t.err != nil {
		return t.err
	}
	t.w.Flush()
	return t.w.Error()
}

func estimateHeader(prefix string) []string {
	return []string{prefix + "_mean", prefix + "_sd", prefix + "_ci_low", prefix + "_ci_high"}
}

func appendEstimate(rec []string, e Estimate) []string {
	return appendFloats(rec, e.Mean, e.SD, e.Low, e.High)
}

func appendFloats(rec []string, xs ...float64) []string {
	for _, x := range xs {
		rec = append(rec, FormatFloat(x))
	}
	return rec
}

func formatInt(n int64) string { return strconv.FormatInt(n, 10) }

// FormatFloat formats x as the tables do: six decimals, no exponent, "" for
// NaN, and no negative zero ("-0.000000" becomes "0.000000").
func FormatFloat(x float64) string {
	if math.IsNaN(x) {
		return ""
	}
	s := strconv.FormatFloat(x, 'f', 6, 64)
	if s == "-0.000000" {
		s = "0.000000"
	}
	return s
}
