package cli

import (
	"fmt"
	"io"
	"slices"
	"text/tabwriter"

	"github.com/winwin-sim/winwin/market"
	"github.com/winwin-sim/winwin/results"
)

// marketStarted tells stderr what market a run plays after its tournament.
func marketStarted(w io.Writer, name string, sellers int, p market.Params) {
	fmt.Fprintf(w, "winwin: %s: market of %d sellers, %d buyers (up to %d), %d periods, %d replications\n",
		name, sellers, p.Buyers, p.Buyers+p.Prospects, p.Periods, p.Markets)
}

// printMarket prints the market's per-strategy summary, by profit.
func printMarket(w io.Writer, m *results.MarketAggregate) {
	rows := m.Summary()
	slices.SortStableFunc(rows, func(a, b results.MarketSummaryRow) int { return a.ProfitRank - b.ProfitRank })
	fmt.Fprintf(w, "\nWord-of-mouth market: %d replications, seller figures by strategy (95%% CI over replications)\n", m.Markets())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "rank\tstrategy\tprofit per seller\tfinal market share\tcustomers from\t")
	fmt.Fprintln(tw, "\t\t\t\trepeat/referral/choice\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%.0f%%/%.0f%%/%.0f%%\t\n", r.ProfitRank, r.Strategy, ci(r.Profit), ci(r.Share),
			100*r.RepeatShare, 100*r.ReferralShare, 100*r.ChoiceShare)
	}
	tw.Flush()
}
