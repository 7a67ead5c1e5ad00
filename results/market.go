package results

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/winwin-sim/winwin/market"
)

// File names of the market's tables in a run folder.
const (
	MarketFile        = "market.csv"
	MarketSummaryFile = "market-summary.csv"
)

// A MarketAggregate folds the replications of a word-of-mouth market
// (package market) into per-seller, per-period tallies and a per-strategy
// summary over replications. Its memory depends on the sellers and periods,
// not on the number of replications: each is folded in as it finishes.
//
// Every tally is a Stat or a count, so adding replications in any order,
// or merging the aggregates of any split of them (MergeMarket), gives
// identical bits: a replication is the unit of work, and the aggregate of
// one replication merges exactly with any other's.
type MarketAggregate struct {
	names    []string // entrants
	sellers  []int    // entrant of each seller
	periods  int
	discount float64

	markets, negotiations, faults, buyers int64
	cells                                 []marketCell     // periods × sellers
	strategies                            []marketStrategy // per entrant
}

// marketCell tallies one seller in one period over replications.
type marketCell struct {
	customers, newc, referred, lost, deals, surplus, costs, reputation, share, profit Stat
}

// marketStrategy tallies one entrant's sellers, one value per replication.
type marketStrategy struct {
	share, peak, customers, profit, surplus, costs, reputation, won, referred Stat
	// customer-periods by source, over every replication
	repeat, byReferral, byChoice int64
}

// NewMarketAggregate returns an empty aggregate for a market of the
// entrants names, whose sellers are of the entrants sellers
// (market.Market.Sellers), over periods, with the discount factor of the
// sellers' profit.
func NewMarketAggregate(names []string, sellers []int, periods int, discount float64) *MarketAggregate {
	return &MarketAggregate{
		names: slices.Clone(names), sellers: slices.Clone(sellers), periods: periods, discount: discount,
		cells:      make([]marketCell, periods*len(sellers)),
		strategies: make([]marketStrategy, len(names)),
	}
}

// Names returns the entrants' names; Sellers each seller's entrant.
func (a *MarketAggregate) Names() []string { return slices.Clone(a.names) }

// Sellers returns the entrant of each seller.
func (a *MarketAggregate) Sellers() []int { return slices.Clone(a.sellers) }

// Periods returns the market's horizon; Markets the replications folded in.
func (a *MarketAggregate) Periods() int { return a.periods }

// Markets returns the number of replications folded in.
func (a *MarketAggregate) Markets() int64 { return a.markets }

// Negotiations returns the negotiations of the replications folded in, and
// Faults how many of them an agent broke.
func (a *MarketAggregate) Negotiations() int64 { return a.negotiations }

// Faults returns how many negotiations an agent broke.
func (a *MarketAggregate) Faults() int64 { return a.faults }

// Add folds one replication into a (market.Sink). The replication must be
// of a market with a's sellers and periods.
func (a *MarketAggregate) Add(r *market.Replication) {
	if !slices.Equal(r.Sellers, a.sellers) || r.Periods != a.periods {
		panic(fmt.Sprintf("results: market replication of sellers %v × %d periods added to an aggregate of %v × %d", r.Sellers, r.Periods, a.sellers, a.periods))
	}
	a.markets++
	a.negotiations += r.Negotiations
	a.faults += r.Faults
	a.buyers += int64(r.Buyers)
	ns := len(a.sellers)
	ne := len(a.names)
	profit := make([]float64, ns)
	surplus := make([]float64, ns)
	costs := make([]float64, ns)
	peak := make([]float64, ne)
	won := make([]float64, ne)
	referred := make([]float64, ne)
	disc := 1.0
	for t := range a.periods {
		total := 0
		for i := range ns {
			total += r.Cell(t, i).Customers
		}
		share := make([]float64, ne)
		for i, e := range a.sellers {
			c := r.Cell(t, i)
			x := &a.cells[t*ns+i]
			x.customers.Add(float64(c.Customers))
			x.newc.Add(float64(c.New))
			x.referred.Add(float64(c.Referred))
			x.lost.Add(float64(c.Lost))
			x.deals.Add(float64(c.Deals))
			x.surplus.Add(c.Surplus)
			x.costs.Add(c.Costs)
			x.reputation.Add(c.Reputation)
			s := 0.0
			if total > 0 {
				s = float64(c.Customers) / float64(total)
			}
			x.share.Add(s)
			share[e] += s
			surplus[i] += disc * c.Surplus
			costs[i] += disc * c.Costs
			profit[i] += disc * (c.Surplus - c.Costs)
			x.profit.Add(profit[i])
			st := &a.strategies[e]
			st.byChoice += int64(c.New)
			st.byReferral += int64(c.Referred)
			st.repeat += int64(c.Customers - c.New - c.Referred)
			won[e] += float64(c.New + c.Referred)
			referred[e] += float64(c.Referred)
		}
		for e := range share {
			peak[e] = math.Max(peak[e], share[e])
		}
		disc *= a.discount
	}
	last := a.periods - 1
	total := 0
	for i := range ns {
		total += r.Cell(last, i).Customers
	}
	for e := range a.names {
		st := &a.strategies[e]
		n := 0.0
		var sh, cu, pr, su, co, re float64
		for i, se := range a.sellers {
			if se != e {
				continue
			}
			n++
			c := r.Cell(last, i)
			if total > 0 {
				sh += float64(c.Customers) / float64(total)
			}
			cu += float64(c.Customers)
			pr += profit[i]
			su += surplus[i]
			co += costs[i]
			re += c.Reputation
		}
		if n == 0 {
			continue
		}
		st.share.Add(sh)
		st.peak.Add(peak[e])
		st.customers.Add(cu / n)
		st.profit.Add(pr / n)
		st.surplus.Add(su / n)
		st.costs.Add(co / n)
		st.reputation.Add(re / n)
		st.won.Add(won[e] / n)
		st.referred.Add(referred[e] / n)
	}
}

// MergeMarket folds o, the aggregate of other replications of the same
// market, into a, exactly.
func (a *MarketAggregate) MergeMarket(o *MarketAggregate) error {
	if !slices.Equal(a.names, o.names) || !slices.Equal(a.sellers, o.sellers) || a.periods != o.periods || a.discount != o.discount {
		return fmt.Errorf("results: merging market aggregates of different markets")
	}
	a.markets += o.markets
	a.negotiations += o.negotiations
	a.faults += o.faults
	a.buyers += o.buyers
	for i := range a.cells {
		x, y := &a.cells[i], &o.cells[i]
		for _, p := range []struct{ d, s *Stat }{{&x.customers, &y.customers}, {&x.newc, &y.newc}, {&x.referred, &y.referred},
			{&x.lost, &y.lost}, {&x.deals, &y.deals}, {&x.surplus, &y.surplus}, {&x.costs, &y.costs},
			{&x.reputation, &y.reputation}, {&x.share, &y.share}, {&x.profit, &y.profit}} {
			p.d.Merge(*p.s)
		}
	}
	for e := range a.strategies {
		x, y := &a.strategies[e], &o.strategies[e]
		for _, p := range []struct{ d, s *Stat }{{&x.share, &y.share}, {&x.peak, &y.peak}, {&x.customers, &y.customers},
			{&x.profit, &y.profit}, {&x.surplus, &y.surplus}, {&x.costs, &y.costs}, {&x.reputation, &y.reputation},
			{&x.won, &y.won}, {&x.referred, &y.referred}} {
			p.d.Merge(*p.s)
		}
		x.repeat += y.repeat
		x.byReferral += y.byReferral
		x.byChoice += y.byChoice
	}
	return nil
}

// A MarketRow is one seller in one period of market.csv: means over the
// replications.
type MarketRow struct {
	Period int
	// Seller names the seller: its strategy, numbered when the strategy
	// fields more than one ("boulware-2"); Strategy is its entrant's name.
	Seller, Strategy string
	Markets          int64
	// Customers who dealt with it; New won by choice this period,
	// Referred by referral; Lost did not come back.
	Customers, New, Referred, Lost float64
	// Deals closed; Surplus its surplus and Costs its acquisition costs
	// this period; Profit its cumulative discounted profit so far.
	Deals, Surplus, Costs, Profit float64
	// Reputation at the end of the period.
	Reputation float64
	// Share of all customers, with its 95% confidence interval.
	Share Estimate
}

// A MarketSummaryRow is one strategy of market-summary.csv: its sellers'
// figures, one value per replication, with 95% confidence intervals over
// replications.
type MarketSummaryRow struct {
	Strategy string
	// Sellers it fields in each market; Markets replications.
	Sellers int
	Markets int64
	// Share is its sellers' combined share of customers in the last
	// period; Peak their highest combined share in any period.
	Share, Peak Estimate
	// Per seller: Customers in the last period, Profit (Σ δ^t (surplus −
	// costs)), its discounted Surplus and acquisition Costs, Reputation at
	// the end, customers Won (by choice or referral) and of them Referred.
	Customers, Profit, Surplus, Costs, Reputation, Won, Referred Estimate
	// RepeatShare, ReferralShare and ChoiceShare split its customer-periods
	// by where the customer came from.
	RepeatShare, ReferralShare, ChoiceShare float64
	// ProfitRank orders the strategies by mean profit, best first.
	ProfitRank int
}

// Rows returns market.csv's rows: period-major, sellers in order.
func (a *MarketAggregate) Rows() []MarketRow {
	ns := len(a.sellers)
	names := a.SellerNames()
	rows := make([]MarketRow, 0, len(a.cells))
	for t := range a.periods {
		for i, e := range a.sellers {
			x := &a.cells[t*ns+i]
			rows = append(rows, MarketRow{Period: t, Seller: names[i], Strategy: a.names[e], Markets: a.markets,
				Customers: x.customers.Mean(), New: x.newc.Mean(), Referred: x.referred.Mean(), Lost: x.lost.Mean(),
				Deals: x.deals.Mean(), Surplus: x.surplus.Mean(), Costs: x.costs.Mean(), Profit: x.profit.Mean(),
				Reputation: x.reputation.Mean(), Share: x.share.Estimate()})
		}
	}
	return rows
}

// SellerNames names the sellers: the strategy's name, numbered from 1
// when it fields more than one.
func (a *MarketAggregate) SellerNames() []string {
	count := make([]int, len(a.names))
	for _, e := range a.sellers {
		count[e]++
	}
	seen := make([]int, len(a.names))
	out := make([]string, len(a.sellers))
	for i, e := range a.sellers {
		seen[e]++
		out[i] = a.names[e]
		if count[e] > 1 {
			out[i] = fmt.Sprintf("%s-%d", a.names[e], seen[e])
		}
	}
	return out
}

// Summary returns market-summary.csv's rows, in entrant order.
func (a *MarketAggregate) Summary() []MarketSummaryRow {
	count := make([]int, len(a.names))
	for _, e := range a.sellers {
		count[e]++
	}
	var rows []MarketSummaryRow
	for e, st := range a.strategies {
		if count[e] == 0 {
			continue
		}
		all := float64(st.repeat + st.byReferral + st.byChoice)
		frac := func(n int64) float64 {
			if all == 0 {
				return math.NaN()
			}
			return float64(n) / all
		}
		rows = append(rows, MarketSummaryRow{Strategy: a.names[e], Sellers: count[e], Markets: a.markets,
			Share: st.share.Estimate(), Peak: st.peak.Estimate(), Customers: st.customers.Estimate(),
			Profit: st.profit.Estimate(), Surplus: st.surplus.Estimate(), Costs: st.costs.Estimate(),
			Reputation: st.reputation.Estimate(), Won: st.won.Estimate(), Referred: st.referred.Estimate(),
			RepeatShare: frac(st.repeat), ReferralShare: frac(st.byReferral), ChoiceShare: frac(st.byChoice)})
	}
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		pi, pj := rows[i].Profit.Mean, rows[j].Profit.Mean
		switch {
		case math.IsNaN(pi) && math.IsNaN(pj):
		case math.IsNaN(pi):
			return 1
		case math.IsNaN(pj):
			return -1
		}
		return cmp.Or(-cmp.Compare(pi, pj), cmp.Compare(rows[i].Strategy, rows[j].Strategy))
	})
	for r, i := range order {
		rows[i].ProfitRank = r + 1
	}
	return rows
}

// marketColumns are the columns of market.csv.
var marketColumns = slices.Concat(
	[]column[MarketRow]{
		rankColumn("period", func(r *MarketRow) *int { return &r.Period }),
		textColumn("seller", func(r *MarketRow) *string { return &r.Seller }),
		textColumn("strategy", func(r *MarketRow) *string { return &r.Strategy }),
		countColumn("markets", func(r *MarketRow) *int64 { return &r.Markets }),
		floatColumn("customers", func(r *MarketRow) *float64 { return &r.Customers }),
		floatColumn("new", func(r *MarketRow) *float64 { return &r.New }),
		floatColumn("referred", func(r *MarketRow) *float64 { return &r.Referred }),
		floatColumn("lost", func(r *MarketRow) *float64 { return &r.Lost }),
		floatColumn("deals", func(r *MarketRow) *float64 { return &r.Deals }),
		floatColumn("surplus", func(r *MarketRow) *float64 { return &r.Surplus }),
		floatColumn("costs", func(r *MarketRow) *float64 { return &r.Costs }),
		floatColumn("profit", func(r *MarketRow) *float64 { return &r.Profit }),
		floatColumn("reputation", func(r *MarketRow) *float64 { return &r.Reputation }),
	},
	estimateColumns("share", func(r *MarketRow) *Estimate { return &r.Share }),
)

// marketSummaryColumns are the columns of market-summary.csv.
var marketSummaryColumns = slices.Concat(
	[]column[MarketSummaryRow]{
		textColumn("strategy", func(r *MarketSummaryRow) *string { return &r.Strategy }),
		rankColumn("sellers", func(r *MarketSummaryRow) *int { return &r.Sellers }),
		countColumn("markets", func(r *MarketSummaryRow) *int64 { return &r.Markets }),
	},
	estimateColumns("final_share", func(r *MarketSummaryRow) *Estimate { return &r.Share }),
	estimateColumns("peak_share", func(r *MarketSummaryRow) *Estimate { return &r.Peak }),
	estimateColumns("profit", func(r *MarketSummaryRow) *Estimate { return &r.Profit }),
	estimateColumns("surplus", func(r *MarketSummaryRow) *Estimate { return &r.Surplus }),
	estimateColumns("costs", func(r *MarketSummaryRow) *Estimate { return &r.Costs }),
	estimateColumns("final_customers", func(r *MarketSummaryRow) *Estimate { return &r.Customers }),
	estimateColumns("final_reputation", func(r *MarketSummaryRow) *Estimate { return &r.Reputation }),
	estimateColumns("customers_won", func(r *MarketSummaryRow) *Estimate { return &r.Won }),
	estimateColumns("customers_referred", func(r *MarketSummaryRow) *Estimate { return &r.Referred }),
	[]column[MarketSummaryRow]{
		floatColumn("repeat_share", func(r *MarketSummaryRow) *float64 { return &r.RepeatShare }),
		floatColumn("referral_share", func(r *MarketSummaryRow) *float64 { return &r.ReferralShare }),
		floatColumn("choice_share", func(r *MarketSummaryRow) *float64 { return &r.ChoiceShare }),
		rankColumn("profit_rank", func(r *MarketSummaryRow) *int { return &r.ProfitRank }),
	},
)

// WriteMarketCSV writes market.csv's rows.
func WriteMarketCSV(w io.Writer, rows []MarketRow) error { return writeTable(w, marketColumns, rows) }

// ReadMarketCSV reads rows written by WriteMarketCSV.
func ReadMarketCSV(r io.Reader) ([]MarketRow, error) {
	rows, _, err := readTable(r, marketColumns)
	return rows, err
}

// WriteMarketSummaryCSV writes market-summary.csv's rows.
func WriteMarketSummaryCSV(w io.Writer, rows []MarketSummaryRow) error {
	return writeTable(w, marketSummaryColumns, rows)
}

// ReadMarketSummaryCSV reads rows written by WriteMarketSummaryCSV.
func ReadMarketSummaryCSV(r io.Reader) ([]MarketSummaryRow, error) {
	rows, _, err := readTable(r, marketSummaryColumns)
	return rows, err
}
