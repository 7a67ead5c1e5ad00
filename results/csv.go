package results

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
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
// periods.csv (PeriodRows), and for a run with a market market.csv
// (MarketAggregate.Rows) and market-summary.csv (MarketAggregate.Summary).
// It returns the paths written.
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
	if m := agg.Market; m != nil {
		tables = append(tables, []struct {
			name  string
			write func(io.Writer) error
		}{
			{MarketFile, func(w io.Writer) error { return WriteMarketCSV(w, m.Rows()) }},
			{MarketSummaryFile, func(w io.Writer) error { return WriteMarketSummaryCSV(w, m.Summary()) }},
		}...)
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

// The columns of each table, in the order they are written. A column is
// defined once, by its name and the field of the row it holds: the writer
// and the reader of the table both follow these lists, so a new column is
// one line here (and a field of the row).

// strategyColumns are the columns of summary.csv; roles.csv has roleColumn
// after the first.
var strategyColumns = slices.Concat(
	[]column[StrategyRow]{
		textColumn("strategy", func(r *StrategyRow) *string { return &r.Strategy }),
		countColumn("relationships", func(r *StrategyRow) *int64 { return &r.Relationships }),
		countColumn("negotiations", func(r *StrategyRow) *int64 { return &r.Negotiations }),
	},
	estimateColumns("one_shot", func(r *StrategyRow) *Estimate { return &r.OneShot }),
	estimateColumns("long_run", func(r *StrategyRow) *Estimate { return &r.LongRun }),
	[]column[StrategyRow]{
		floatColumn("agreement_rate", func(r *StrategyRow) *float64 { return &r.Agreement }),
	},
	outcomeColumns("won_lost_share", "lost_won_share", func(r *StrategyRow) *Outcomes { return &r.Outcomes }),
	[]column[StrategyRow]{
		floatColumn("mean_length", func(r *StrategyRow) *float64 { return &r.Length }),
		floatColumn("mean_sv", func(r *StrategyRow) *float64 { return &r.SV }),
		floatColumn("retention", func(r *StrategyRow) *float64 { return &r.Retention }),
		floatColumn("left_on_table", func(r *StrategyRow) *float64 { return &r.LeftOnTable }),
		countColumn("faults", func(r *StrategyRow) *int64 { return &r.Faults }),
		rankColumn("one_shot_rank", func(r *StrategyRow) *int { return &r.OneShotRank }),
		rankColumn("long_run_rank", func(r *StrategyRow) *int { return &r.LongRunRank }),
		textColumn("next", func(r *StrategyRow) *string { return &r.Next }),
	},
	estimateColumns("gap_to_next", func(r *StrategyRow) *Estimate { return &r.Gap }),
	tacticColumns(),
)

// roleColumn is the column roles.csv adds after the strategy's name.
var roleColumn = textColumn("role", func(r *StrategyRow) *string { return &r.Role })

// roleColumns are the columns of roles.csv.
var roleColumns = slices.Insert(slices.Clone(strategyColumns), 1, roleColumn)

// pairColumns are the columns of pairs.csv.
var pairColumns = slices.Concat(
	[]column[PairRow]{
		textColumn("seller", func(r *PairRow) *string { return &r.Seller }),
		textColumn("buyer", func(r *PairRow) *string { return &r.Buyer }),
		countColumn("relationships", func(r *PairRow) *int64 { return &r.Relationships }),
		countColumn("negotiations", func(r *PairRow) *int64 { return &r.Negotiations }),
	},
	estimateColumns("seller_one_shot", func(r *PairRow) *Estimate { return &r.OneShot[0] }),
	estimateColumns("buyer_one_shot", func(r *PairRow) *Estimate { return &r.OneShot[1] }),
	estimateColumns("seller_long_run", func(r *PairRow) *Estimate { return &r.LongRun[0] }),
	estimateColumns("buyer_long_run", func(r *PairRow) *Estimate { return &r.LongRun[1] }),
	estimateColumns("joint_long_run", func(r *PairRow) *Estimate { return &r.JointLongRun }),
	[]column[PairRow]{
		floatColumn("agreement_rate", func(r *PairRow) *float64 { return &r.Agreement }),
	},
	outcomeColumns("seller_won_share", "buyer_won_share", func(r *PairRow) *Outcomes { return &r.Outcomes }),
	[]column[PairRow]{
		floatColumn("mean_length", func(r *PairRow) *float64 { return &r.Length }),
		floatColumn("retention", func(r *PairRow) *float64 { return &r.Retention }),
		floatColumn("left_on_table", func(r *PairRow) *float64 { return &r.LeftOnTable }),
		floatColumn("seller_mean_sv", func(r *PairRow) *float64 { return &r.SV[0] }),
		floatColumn("buyer_mean_sv", func(r *PairRow) *float64 { return &r.SV[1] }),
		countColumn("seller_faults", func(r *PairRow) *int64 { return &r.Faults[0] }),
		countColumn("buyer_faults", func(r *PairRow) *int64 { return &r.Faults[1] }),
	},
)

// periodColumns are the columns of periods.csv.
var periodColumns = slices.Concat(
	[]column[PeriodRow]{
		textColumn("strategy", func(r *PeriodRow) *string { return &r.Strategy }),
		rankColumn("period", func(r *PeriodRow) *int { return &r.Period }),
		countColumn("relationships", func(r *PeriodRow) *int64 { return &r.Relationships }),
	},
	estimateColumns("surplus", func(r *PeriodRow) *Estimate { return &r.Surplus }),
	estimateColumns("cumulative", func(r *PeriodRow) *Estimate { return &r.Cumulative }),
	[]column[PeriodRow]{
		floatColumn("alive_share", func(r *PeriodRow) *float64 { return &r.Alive }),
	},
)

// WriteSummaryCSV writes strategy rows as CSV (summary.csv, roles.csv). A
// role column appears when any row is not over both roles (as with
// Aggregate.Roles).
func WriteSummaryCSV(w io.Writer, rows []StrategyRow) error {
	cols := strategyColumns
	if slices.ContainsFunc(rows, func(r StrategyRow) bool { return r.Role != RoleAll }) {
		cols = roleColumns
	}
	return writeTable(w, cols, rows)
}

// ReadSummaryCSV reads strategy rows written by WriteSummaryCSV. Rows of a
// table without a role column are over both roles (RoleAll); a table
// written before the tactic columns existed reads with zero counts and an
// undefined RoundsToDeal. The columns
// are found by name, in any order; the confidence intervals' N is the
// row's relationships, and Entrant and the gap's N (its clusters) are
// left zero (the table does not hold them).
func ReadSummaryCSV(r io.Reader) ([]StrategyRow, error) {
	rows, head, err := readTable(r, roleColumns, append(tacticColumnNames(), roleColumn.name)...)
	for i := range rows {
		if !slices.Contains(head, roleColumn.name) {
			rows[i].Role = RoleAll
		}
		if !slices.Contains(head, "mean_rounds_to_deal") {
			rows[i].RoundsToDeal = math.NaN() // a folder written before the column
		}
		rows[i].OneShot.N, rows[i].LongRun.N = rows[i].Relationships, rows[i].Relationships
	}
	return rows, err
}

// WritePairsCSV writes pair rows as CSV (pairs.csv).
func WritePairsCSV(w io.Writer, rows []PairRow) error {
	return writeTable(w, pairColumns, rows)
}

// ReadPairsCSV reads pair rows written by WritePairsCSV, as
// ReadSummaryCSV reads strategy rows (the entrants' indices are left
// zero).
func ReadPairsCSV(r io.Reader) ([]PairRow, error) {
	rows, _, err := readTable(r, pairColumns)
	for i := range rows {
		p := &rows[i]
		for _, e := range []*Estimate{&p.OneShot[0], &p.OneShot[1], &p.LongRun[0], &p.LongRun[1], &p.JointLongRun} {
			e.N = p.Relationships
		}
	}
	return rows, err
}

// WritePeriodsCSV writes period rows as CSV (periods.csv).
func WritePeriodsCSV(w io.Writer, rows []PeriodRow) error {
	return writeTable(w, periodColumns, rows)
}

// ReadPeriodsCSV reads period rows written by WritePeriodsCSV, as
// ReadSummaryCSV reads strategy rows.
func ReadPeriodsCSV(r io.Reader) ([]PeriodRow, error) {
	rows, _, err := readTable(r, periodColumns)
	for i := range rows {
		rows[i].Surplus.N, rows[i].Cumulative.N = rows[i].Relationships, rows[i].Relationships
	}
	return rows, err
}

// A column is one column of a table of rows R: its name in the header
// row, how a row's cell is written and how it is read back.
type column[R any] struct {
	name   string
	format func(r *R) string
	parse  func(r *R, cell string) error
}

// textColumn is a column of names, written as they are.
func textColumn[R any](name string, field func(*R) *string) column[R] {
	return column[R]{name: name,
		format: func(r *R) string { return *field(r) },
		parse:  func(r *R, cell string) error { *field(r) = cell; return nil }}
}

// countColumn is a column of counts, in decimal.
func countColumn[R any](name string, field func(*R) *int64) column[R] {
	return column[R]{name: name,
		format: func(r *R) string { return strconv.FormatInt(*field(r), 10) },
		parse: func(r *R, cell string) (err error) {
			*field(r), err = strconv.ParseInt(cell, 10, 64)
			return err
		}}
}

// rankColumn is a column of small whole numbers (ranks, periods), in
// decimal.
func rankColumn[R any](name string, field func(*R) *int) column[R] {
	return column[R]{name: name,
		format: func(r *R) string { return strconv.Itoa(*field(r)) },
		parse: func(r *R, cell string) (err error) {
			*field(r), err = strconv.Atoi(cell)
			return err
		}}
}

// floatColumn is a column of figures, written by FormatFloat: an empty
// cell is NaN.
func floatColumn[R any](name string, field func(*R) *float64) column[R] {
	return column[R]{name: name,
		format: func(r *R) string { return FormatFloat(*field(r)) },
		parse: func(r *R, cell string) (err error) {
			*field(r), err = parseFloat(cell)
			return err
		}}
}

// estimateColumns are the four columns of an estimate: prefix_mean,
// prefix_sd, prefix_ci_low and prefix_ci_high. Its N is not written: it is
// the row's count of relationships.
func estimateColumns[R any](prefix string, field func(*R) *Estimate) []column[R] {
	return []column[R]{
		floatColumn(prefix+"_mean", func(r *R) *float64 { return &field(r).Mean }),
		floatColumn(prefix+"_sd", func(r *R) *float64 { return &field(r).SD }),
		floatColumn(prefix+"_ci_low", func(r *R) *float64 { return &field(r).Low }),
		floatColumn(prefix+"_ci_high", func(r *R) *float64 { return &field(r).High }),
	}
}

// outcomeColumns are the columns of the outcome classes
// (docs/model.md#outcome-classes), seen from one seat: win_win_share, won
// (this seat won, its partner lost), lost (the other way round),
// lose_lose_share, no_deal_share, the four reasons for no deal
// (no_deal_no_zone_share, no_deal_walked_away_share,
// no_deal_deadline_share, no_deal_fault_share) and no_deal_value_lost.
func outcomeColumns[R any](won, lost string, field func(*R) *Outcomes) []column[R] {
	col := func(name string, f func(o *Outcomes) *float64) column[R] {
		return floatColumn(name, func(r *R) *float64 { return f(field(r)) })
	}
	return []column[R]{
		col("win_win_share", func(o *Outcomes) *float64 { return &o.WinWin }),
		col(won, func(o *Outcomes) *float64 { return &o.WonLost }),
		col(lost, func(o *Outcomes) *float64 { return &o.LostWon }),
		col("lose_lose_share", func(o *Outcomes) *float64 { return &o.LoseLose }),
		col("no_deal_share", func(o *Outcomes) *float64 { return &o.NoDeal }),
		col("no_deal_no_zone_share", func(o *Outcomes) *float64 { return &o.NoZone }),
		col("no_deal_walked_away_share", func(o *Outcomes) *float64 { return &o.WalkedAway }),
		col("no_deal_deadline_share", func(o *Outcomes) *float64 { return &o.Deadline }),
		col("no_deal_fault_share", func(o *Outcomes) *float64 { return &o.Fault }),
		col("no_deal_value_lost", func(o *Outcomes) *float64 { return &o.ValueLost }),
	}
}

// writeTable writes a header row of the columns' names, then a row of
// cells per row.
func writeTable[R any](w io.Writer, cols []column[R], rows []R) error {
	cw := csv.NewWriter(w)
	rec := make([]string, len(cols))
	for i, c := range cols {
		rec[i] = c.name
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	for k := range rows {
		for i, c := range cols {
			rec[i] = c.format(&rows[k])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// readTable reads a table written by writeTable with these columns (in
// any order; more columns are ignored) and returns its rows and its
// header. Every column must be present but those named in optional. Row
// numbers in errors count the header as row 1, as a spreadsheet does.
func readTable[R any](r io.Reader, cols []column[R], optional ...string) ([]R, []string, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil, errors.New("empty: no header row")
	}
	if err != nil {
		return nil, nil, err
	}
	head = slices.Clone(head)
	at := make([]int, len(cols)) // at[i]: the position of cols[i], or -1
	for i, c := range cols {
		at[i] = slices.Index(head, c.name)
		if at[i] < 0 && !slices.Contains(optional, c.name) {
			return nil, head, fmt.Errorf("no column %q", c.name)
		}
	}
	var rows []R
	for n := 2; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, head, nil
		}
		if err != nil {
			return nil, head, err
		}
		var row R
		for i, c := range cols {
			if at[i] < 0 {
				continue
			}
			if err := c.parse(&row, rec[at[i]]); err != nil {
				return nil, head, fmt.Errorf("row %d, %s: %w", n, c.name, err)
			}
		}
		rows = append(rows, row)
	}
}

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

// parseFloat reads a figure written by FormatFloat: "" is NaN.
func parseFloat(s string) (float64, error) {
	if s == "" {
		return math.NaN(), nil
	}
	return strconv.ParseFloat(s, 64)
}
