package results

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The charts of a word-of-mouth market (Aggregate.Market); each returns
// nil for a run without one.

// marketSeries returns one series per strategy of f over the periods: the
// mean over replications, averaged over the strategy's sellers (sum: added
// up over them instead).
func marketSeries(m *MarketAggregate, sum bool, f func(c *marketCell) float64) []series {
	ns := len(m.sellers)
	var ss []series
	for e, name := range m.names {
		s := series{entrant: e, name: name}
		for t := range m.periods {
			v, n := 0.0, 0
			for i, se := range m.sellers {
				if se == e {
					v += f(&m.cells[t*ns+i])
					n++
				}
			}
			if n == 0 {
				break
			}
			if !sum {
				v /= float64(n)
			}
			if !math.IsNaN(v) {
				s.xys = append(s.xys, plotter.XY{X: float64(t + 1), Y: v}) // periods counted from 1, as deals are
			}
		}
		if len(s.xys) > 0 {
			ss = append(ss, s)
		}
	}
	return ss
}

// marketNote says what the market charts average over.
func marketNote(m *MarketAggregate, what string) string {
	return fmt.Sprintf("%s; mean over %d markets of %d sellers", what, m.markets, len(m.sellers))
}

// marketShareChart stacks the strategies' shares of all customers period
// by period: the chart of how word of mouth moves a market.
func marketShareChart(agg *Aggregate) *figure {
	m := agg.Market
	if m == nil || m.markets == 0 {
		return nil
	}
	ss := marketSeries(m, true, func(c *marketCell) float64 { return c.share.Mean() })
	if len(ss) == 0 {
		return nil
	}
	return &figure{w: 11 * vg.Inch, h: 6.5 * vg.Inch, draw: func(dc draw.Canvas) {
		dc = header(dc, "Market share by strategy",
			marketNote(m, "each strategy's sellers' share of all customers in each period, stacked"))
		p := newPlot("", "period", "share of customers")
		base := make([]float64, m.periods)
		type entry struct {
			last float64
			e    legendEntry
			ent  int
		}
		var entries []entry
		for _, s := range ss {
			var poly plotter.XYs
			for _, xy := range s.xys {
				poly = append(poly, plotter.XY{X: xy.X, Y: base[int(xy.X)-1] + xy.Y})
			}
			for k := len(s.xys) - 1; k >= 0; k-- {
				poly = append(poly, plotter.XY{X: s.xys[k].X, Y: base[int(s.xys[k].X)-1]})
			}
			pg, err := plotter.NewPolygon(poly)
			if err != nil {
				continue
			}
			pg.Color = Color(s.entrant)
			pg.LineStyle = draw.LineStyle{Color: color.White, Width: vg.Points(0.6)}
			p.Add(pg)
			for _, xy := range s.xys {
				base[int(xy.X)-1] += xy.Y
			}
			last := s.xys[len(s.xys)-1].Y
			entries = append(entries, entry{last: last, ent: s.entrant,
				e: legendEntry{label: fmt.Sprintf("%s (%.0f%% at the start, %.0f%% at the end)", s.name, 100*s.xys[0].Y, 100*last), thumbs: []plot.Thumbnailer{pg}}})
		}
		// The legend lists the bands top to bottom, as they are stacked.
		slices.Reverse(entries)
		les := make([]legendEntry, len(entries))
		for i, e := range entries {
			les[i] = e.e
		}
		p.X.Tick.Marker = intTicks{}
		p.Y.Tick.Marker = niceTicks{n: 10}
		p.X.Min, p.X.Max = 1, math.Max(float64(m.periods), 2)
		p.Y.Min, p.Y.Max = 0, 1
		rest := sideLegend(dc, "strategy, top to bottom", les)
		p.Draw(rest)
	}}
}

// marketCustomersChart draws each strategy's customers per seller by period.
func marketCustomersChart(agg *Aggregate) *figure {
	m := agg.Market
	if m == nil || m.markets == 0 {
		return nil
	}
	return lineChart("Customer base by strategy", marketNote(m, "customers who dealt with a seller in each period, per seller of the strategy"),
		"period", "customers per seller",
		marketSeries(m, false, func(c *marketCell) float64 { return c.customers.Mean() }),
		func(p *plot.Plot) { p.Y.Min = 0 })
}

// marketReputationChart draws each strategy's reputation by period.
func marketReputationChart(agg *Aggregate) *figure {
	m := agg.Market
	if m == nil || m.markets == 0 {
		return nil
	}
	return lineChart("Reputation by strategy", marketNote(m, "a seller's reputation at the end of each period: the exponentially weighted average of its customers' subjective values"),
		"period", "reputation (0..1)",
		marketSeries(m, false, func(c *marketCell) float64 { return c.reputation.Mean() }),
		func(p *plot.Plot) { p.Y.Min, p.Y.Max = 0, 1 })
}

// marketProfitChart draws each strategy's cumulative discounted profit
// per seller by period.
func marketProfitChart(agg *Aggregate) *figure {
	m := agg.Market
	if m == nil || m.markets == 0 {
		return nil
	}
	return lineChart("Cumulative profit by strategy", marketNote(m, fmt.Sprintf("per seller: each period's surplus minus what winning new customers cost, added up, each period worth %g of the one before", m.discount)),
		"period", "profit so far",
		marketSeries(m, false, func(c *marketCell) float64 { return c.profit.Mean() }),
		func(p *plot.Plot) { p.Y.Min = math.Min(p.Y.Min, 0) })
}

// Source colours (Okabe–Ito): repeat business blue, referral green,
// choice orange.
var sourceColors = [3]color.RGBA{{0x00, 0x72, 0xB2, 0xff}, {0x00, 0x9E, 0x73, 0xff}, {0xE6, 0x9F, 0x00, 0xff}}

// marketSourcesChart draws, per strategy, where its customers came from:
// the shares of its customer-periods that were repeat business, won by
// referral and won by choice.
func marketSourcesChart(agg *Aggregate) *figure {
	m := agg.Market
	if m == nil || m.markets == 0 {
		return nil
	}
	rows := m.Summary()
	slices.SortStableFunc(rows, func(a, b MarketSummaryRow) int { return cmp.Compare(a.ProfitRank, b.ProfitRank) })
	n := len(rows)
	if n == 0 {
		return nil
	}
	h := max(4.5*vg.Inch, 1.9*vg.Inch+vg.Length(n)*0.42*vg.Inch)
	return &figure{w: 12 * vg.Inch, h: h, draw: func(dc draw.Canvas) {
		dc = header(dc, "Where each strategy's customers came from",
			marketNote(m, "share of each strategy's customer-periods: repeat business, customers won by referral, customers won by choice; strategies sorted by profit"))
		p := newPlot("", "share of customer-periods", "")
		ticks := make([]plot.Tick, n)
		for i := range rows {
			ticks[i] = plot.Tick{Value: float64(n - 1 - i), Label: rows[i].Strategy}
		}
		names := [3]string{"repeat business", "won by referral", "won by choice"}
		var (
			entries []legendEntry
			below   *plotter.BarChart
			labels  plotter.XYLabels
			start   = make([]float64, n)
		)
		for k := range 3 {
			vals := make(plotter.Values, n)
			for i, r := range rows {
				vals[n-1-i] = nzero([3]float64{r.RepeatShare, r.ReferralShare, r.ChoiceShare}[k])
			}
			bars, err := plotter.NewBarChart(vals, vg.Points(22))
			if err != nil {
				continue
			}
			bars.Horizontal = true
			bars.Color = sourceColors[k]
			bars.LineStyle = draw.LineStyle{Color: color.White, Width: vg.Points(0.8)}
			if below != nil {
				bars.StackOn(below)
			}
			below = bars
			p.Add(bars)
			entries = append(entries, legendEntry{names[k], []plot.Thumbnailer{bars}})
			for j, v := range vals {
				if v >= 0.04 {
					labels.XYs = append(labels.XYs, plotter.XY{X: start[j] + v/2, Y: float64(j)})
					labels.Labels = append(labels.Labels, fmt.Sprintf("%.0f%%", 100*v))
				}
				start[j] += v
			}
		}
		if l, err := plotter.NewLabels(labels); err == nil {
			for i := range l.TextStyle {
				l.TextStyle[i] = textStyle(tickSize, true, draw.XCenter, draw.YCenter)
				l.TextStyle[i].Color = color.White
			}
			p.Add(l)
		}
		p.Y.Tick.Marker = plot.ConstantTicks(ticks)
		p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
		p.X.Min, p.X.Max = 0, 1
		p.X.Tick.Marker = niceTicks{n: 10}
		rest := sideLegend(dc, "customers", entries)
		p.Draw(rest)
	}}
}
