package report

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/winwin-sim/winwin/internal/words"
	"github.com/winwin-sim/winwin/results"
)

// marketQuote is the article's sentence the market tests.
const marketQuote = "It is cheaper to obtain repeat business than to gain a new client, and customer reviews and word of mouth can help you gain new clients."

// marketView is the report's market section (sections/market.html):
// present for a run whose folder holds market-summary.csv.
type marketView struct {
	Quote, Setup, Note string
	Rows               []marketRow
	Charts             []chartView
}

type marketRow struct {
	Rank                                      int
	Name                                      string
	Color                                     template.CSS
	Profit, Start, Share, Reputation, Sources string
	LongRank                                  string
}

// readMarket reads market-summary.csv and the first period of market.csv
// when the folder has them (a run with a [market] table); nil otherwise.
func readMarket(root *os.Root) (*Market, error) {
	if _, err := root.Lstat(results.MarketSummaryFile); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	m := &Market{}
	var err error
	if m.Summary, err = readTable(root, results.MarketSummaryFile, results.ReadMarketSummaryCSV); err != nil {
		return nil, err
	}
	if m.Periods, err = readTable(root, results.MarketFile, results.ReadMarketCSV); err != nil {
		return nil, err
	}
	return m, nil
}

// A Market is what a run folder holds of its word-of-mouth market: the
// rows of market-summary.csv and market.csv.
type Market struct {
	Summary []results.MarketSummaryRow
	Periods []results.MarketRow
}

// makeMarket builds the market section of r, taking the market's charts
// out of charts (they are shown in the section); nil without a market.
func makeMarket(r *Run, charts []chartView) (*marketView, []chartView) {
	if r.Market == nil || len(r.Market.Summary) == 0 {
		return nil, charts
	}
	v := &marketView{Quote: marketQuote}
	var rest []chartView
	for _, c := range charts {
		if strings.HasPrefix(c.File, "market-") {
			v.Charts = append(v.Charts, c)
		} else {
			rest = append(rest, c)
		}
	}
	start := map[string]float64{}
	last := 0
	for _, p := range r.Market.Periods {
		last = max(last, p.Period)
		if p.Period == 0 {
			start[p.Strategy] += p.Share.Mean
		}
	}
	longRank := map[string]int{}
	for _, s := range r.Strategies {
		longRank[s.Strategy] = s.LongRunRank
	}
	rows := slices.Clone(r.Market.Summary)
	slices.SortStableFunc(rows, func(a, b results.MarketSummaryRow) int { return a.ProfitRank - b.ProfitRank })
	for _, s := range rows {
		lr := "–"
		if n, ok := longRank[s.Strategy]; ok {
			lr = fmt.Sprint(n)
		}
		v.Rows = append(v.Rows, marketRow{Rank: s.ProfitRank, Name: s.Strategy, Color: cssColor(results.Color(slices.Index(r.Names, s.Strategy))),
			Profit: ci1(s.Profit), Start: pct(start[s.Strategy]), Share: pctCI(s.Share), Reputation: f2(s.Reputation.Mean),
			Sources: fmt.Sprintf("%s / %s / %s", pct(s.RepeatShare), pct(s.ReferralShare), pct(s.ChoiceShare)), LongRank: lr})
	}
	s0 := rows[0]
	v.Setup = fmt.Sprintf("each strategy fields %s, competing over %d periods for buyers who come back by how their deals felt, review them, refer friends when pleased and warn them off when not; newcomers and switchers choose a seller by reputation, and a customer won by choice costs its seller more than a referred or returning one. Figures are per seller, with 95%% confidence intervals over %d independent markets; shares are of all customers, in the first and the last period.",
		words.Count(s0.Sellers, "seller"), last+1, s0.Markets)
	v.Note = "Profit is the seller's discounted surplus from its deals minus its acquisition costs; market share is its strategy's share of all customers; the last column is the strategy's long-run rank in this run's tournament: the repeat-business result, without word of mouth."
	return v, rest
}

// ci1 writes a mean and its 95% confidence interval with one decimal.
func ci1(e results.Estimate) string {
	if math.IsNaN(e.Low) {
		return f1(e.Mean)
	}
	return fmt.Sprintf("%s [%s, %s]", f1(e.Mean), f1(e.Low), f1(e.High))
}

// pctCI writes a share and its 95% confidence interval in per cent, to
// a tenth: "11.4% [10.9, 11.8]".
func pctCI(e results.Estimate) string {
	if math.IsNaN(e.Mean) {
		return "–"
	}
	if math.IsNaN(e.Low) { // a single market
		return fmt.Sprintf("%.1f%%", 100*e.Mean)
	}
	return fmt.Sprintf("%.1f%% [%.1f, %.1f]", 100*e.Mean, 100*e.Low, 100*e.High)
}
