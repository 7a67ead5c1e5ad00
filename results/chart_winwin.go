package results

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// winWinChart draws the article's claim in one picture: for every
// strategy, the share of its negotiations that end win-win (up) against
// the deals its relationships last (right). Strategies whose deals leave
// both sides winning should keep their partners longest; the chart shows
// whether the run bears that out, whatever it finds.
func winWinChart(agg *Aggregate) *figure {
	rows := agg.Summary()
	if len(rows) == 0 || rows[0].Negotiations == 0 {
		return nil
	}
	periods := float64(agg.Periods())
	return &figure{w: 11 * vg.Inch, h: 7 * vg.Inch, draw: func(dc draw.Canvas) {
		dc = header(dc, "Win-win deals and repeat business",
			"one point per strategy, in both roles: the share of its negotiations both sides won, against how many deals its relationships last")
		p := newPlot("", fmt.Sprintf("deals per relationship (of up to %g)", periods), "share of negotiations win-win")
		p.Add(lightGrid())
		var (
			labels plotter.XYLabels
			styles []text.Style
		)
		for i := range rows {
			r := &rows[i]
			x, y := r.Length, r.Outcomes.WinWin
			if math.IsNaN(x) || math.IsNaN(y) {
				continue
			}
			sc, err := plotter.NewScatter(plotter.XYs{{X: x, Y: y}})
			if err != nil {
				continue
			}
			sc.GlyphStyle = glyphStyle(r.Entrant)
			sc.GlyphStyle.Radius = vg.Points(6)
			p.Add(sc)
			labels.XYs = append(labels.XYs, plotter.XY{X: x, Y: y})
			labels.Labels = append(labels.Labels, r.Strategy)
			st := textStyle(tickSize, true, draw.XLeft, draw.YCenter)
			st.Color = Color(r.Entrant)
			styles = append(styles, st)
		}
		// Points close together would print their names over each other:
		// spread the names apart vertically and tie each moved one to its
		// point with a thin line.
		at := spreadLabels(labels.XYs, 1.6, 0.045)
		for i, xy := range labels.XYs {
			if at[i] != xy.Y {
				if l, err := plotter.NewLine(plotter.XYs{xy, {X: xy.X + 0.12, Y: at[i]}}); err == nil {
					l.LineStyle = draw.LineStyle{Color: styles[i].Color, Width: vg.Points(0.7)}
					p.Add(l)
				}
			}
			labels.XYs[i].Y = at[i]
		}
		if l, err := plotter.NewLabels(labels); err == nil {
			l.TextStyle = styles
			l.Offset = vg.Point{X: 12}
			p.Add(l)
		}
		p.X.Min, p.X.Max = 0, math.Max(periods, 1)+0.15*math.Max(periods, 1)
		p.Y.Min, p.Y.Max = 0, 1.02
		p.X.Tick.Marker = intTicks{}
		p.Y.Tick.Marker = niceTicks{n: 10}
		p.Draw(dc)
	}}
}

// spreadLabels returns the heights at which to write the labels of pts so
// that two labels starting within dx of each other are at least dy apart:
// from the top down, each label moves down just enough to clear the ones
// above it that it would overlap. Labels with room stay at their point.
func spreadLabels(pts plotter.XYs, dx, dy float64) []float64 {
	idx := make([]int, len(pts))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return pts[idx[a]].Y > pts[idx[b]].Y })
	at := make([]float64, len(pts))
	for k, i := range idx {
		y := pts[i].Y
		for moved := true; moved; {
			moved = false
			for _, j := range idx[:k] {
				if math.Abs(pts[j].X-pts[i].X) < dx && math.Abs(at[j]-y) < dy*(1-1e-9) {
					y = at[j] - dy
					moved = true
				}
			}
		}
		at[i] = y
	}
	return at
}
