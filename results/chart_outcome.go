package results

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// MaxChartOutcomes is the largest outcome space whose every outcome the
// outcome-space chart draws; larger spaces show the frontier only.
const MaxChartOutcomes = 20000

// Colours of the outcome-space chart.
var (
	outcomeGrey  = color.Gray{Y: 0xc8}
	frontierInk  = color.RGBA{0x22, 0x22, 0x22, 0xff}
	dealInk      = color.RGBA{0xc5, 0x1b, 0x7d, 0xff}
	nashInk      = color.RGBA{0xe6, 0x55, 0x0d, 0xff}
	reserveInk   = color.Gray{Y: 0x70}
	reserveDash  = []vg.Length{vg.Points(5), vg.Points(3)}
	outcomeNames = [2]string{"seller", "buyer"}
)

// outcomeChart draws the first sample relationship in utility space, with
// its Pareto frontier, Nash point, reservation values and deals; nil when
// nothing was aggregated.
func outcomeChart(samples []*arena.RelationshipRecord) *figure {
	if len(samples) == 0 {
		return nil
	}
	rec := samples[0]
	if rec.Frontier == nil && (rec.Prefs[0] == nil || rec.Prefs[1] == nil) {
		return nil // nothing to draw the deals against
	}
	return &figure{w: 10.5 * vg.Inch, h: 7.5 * vg.Inch, draw: func(dc draw.Canvas) {
		deals := 0
		for _, p := range rec.Periods {
			if p.Outcome.Agreed {
				deals++
			}
		}
		dc = header(dc, fmt.Sprintf("Outcome space: %s (seller) vs %s (buyer)", rec.Names[0], rec.Names[1]),
			fmt.Sprintf("one relationship of the run: %s made in %s (%s); values are each side's own (0 = worst, 1 = best outcome)",
				plural(deals, "deal"), plural(len(rec.Periods), "negotiation"), rec.End))
		p := newPlot("", "value to the seller", "value to the buyer")
		p.Add(lightGrid())
		var entries []legendEntry

		if rec.Prefs[0] != nil && rec.Prefs[1] != nil {
			if all := allOutcomes(rec.Prefs[0], rec.Prefs[1], MaxChartOutcomes); len(all) > 0 {
				sc, err := plotter.NewScatter(all)
				if err == nil {
					sc.GlyphStyle = draw.GlyphStyle{Color: outcomeGrey, Radius: vg.Points(1.6), Shape: draw.CircleGlyph{}}
					p.Add(sc)
					entries = append(entries, legendEntry{fmt.Sprintf("all %d outcomes", len(all)), []plot.Thumbnailer{sc}})
				}
			}
		}

		var res [2]float64
		haveRes := rec.Prefs[0] != nil && rec.Prefs[1] != nil
		if haveRes {
			res = [2]float64{rec.Prefs[0].Reservation, rec.Prefs[1].Reservation}
		}

		if f := rec.Frontier; f != nil && len(f.Points) > 0 {
			xys := make(plotter.XYs, len(f.Points))
			for i, pt := range f.Points {
				xys[i] = plotter.XY{X: pt.U[0], Y: pt.U[1]}
			}
			l, err := plotter.NewLine(xys)
			if err == nil {
				l.LineStyle = draw.LineStyle{Color: frontierInk, Width: vg.Points(1.6)}
				p.Add(l)
				thumbs := []plot.Thumbnailer{l}
				if len(xys) <= 300 {
					if sc, err := plotter.NewScatter(xys); err == nil {
						sc.GlyphStyle = draw.GlyphStyle{Color: frontierInk, Radius: vg.Points(2), Shape: draw.CircleGlyph{}}
						p.Add(sc)
						thumbs = append(thumbs, sc)
					}
				}
				label := fmt.Sprintf("Pareto frontier (%d points)", len(f.Points))
				if !f.Exact {
					label = fmt.Sprintf("Pareto frontier (thinned, ±%g)", f.Tolerance)
				}
				entries = append(entries, legendEntry{label, thumbs})
			}
			if haveRes {
				if nash, ok := f.Nash(res); ok {
					ring, _ := plotter.NewScatter(plotter.XYs{{X: nash.U[0], Y: nash.U[1]}})
					ring.GlyphStyle = draw.GlyphStyle{Color: nashInk, Radius: vg.Points(6.5), Shape: polyGlyph{pts: diamond}}
					dot, _ := plotter.NewScatter(plotter.XYs{{X: nash.U[0], Y: nash.U[1]}})
					dot.GlyphStyle = draw.GlyphStyle{Color: nashInk, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}
					p.Add(ring, dot)
					entries = append(entries, legendEntry{fmt.Sprintf("Nash point (%.2f, %.2f)", nash.U[0], nash.U[1]), []plot.Thumbnailer{ring, dot}})
				}
			}
		}

		if haveRes {
			var first *plotter.Line
			for r := range res {
				a, b := plotter.XY{X: res[0], Y: 0}, plotter.XY{X: res[0], Y: 1}
				if r == 1 {
					a, b = plotter.XY{X: 0, Y: res[1]}, plotter.XY{X: 1, Y: res[1]}
				}
				l, err := plotter.NewLine(plotter.XYs{a, b})
				if err != nil {
					continue
				}
				l.LineStyle = draw.LineStyle{Color: reserveInk, Width: vg.Points(1.2), Dashes: reserveDash}
				p.Add(l)
				if first == nil {
					first = l
				}
			}
			if first != nil {
				entries = append(entries, legendEntry{fmt.Sprintf("walk-away points (%s %.2f, %s %.2f)",
					outcomeNames[0], res[0], outcomeNames[1], res[1]), []plot.Thumbnailer{first}})
			}
		}

		if pts, labels := dealPoints(rec.Periods); len(pts) > 0 {
			sc, err := plotter.NewScatter(pts)
			if err == nil {
				sc.GlyphStyle = draw.GlyphStyle{Color: dealInk, Radius: vg.Points(4.5), Shape: draw.CircleGlyph{}}
				p.Add(sc)
				entries = append(entries, legendEntry{"deal made (label: which deals)", []plot.Thumbnailer{sc}})
			}
			if l, err := plotter.NewLabels(plotter.XYLabels{XYs: pts, Labels: labels}); err == nil {
				for i := range l.TextStyle {
					l.TextStyle[i] = textStyle(tickSize, true, draw.XLeft, draw.YBottom)
					l.TextStyle[i].Color = dealInk
				}
				l.Offset = vg.Point{X: 5, Y: 4}
				p.Add(l)
			}
		}

		p.X.Tick.Marker, p.Y.Tick.Marker = niceTicks{n: 10}, niceTicks{n: 10}
		p.X.Min, p.Y.Min = math.Min(p.X.Min, 0), math.Min(p.Y.Min, 0)
		p.X.Max, p.Y.Max = math.Max(p.X.Max, 1), math.Max(p.Y.Max, 1)
		rest := sideLegend(dc, "key", entries)
		p.Draw(rest)
	}}
}

// dealPoints returns the distinct deals of a relationship in utility
// space, each labelled with the deals, counted from 1, that reached it ("deal 1–3, 6").
func dealPoints(periods []arena.PeriodRecord) (plotter.XYs, []string) {
	type deal struct {
		u       [2]float64
		periods []int
	}
	var ds []deal
	for _, p := range periods {
		if !p.Outcome.Agreed {
			continue
		}
		u := p.Outcome.Utility
		if k := slices.IndexFunc(ds, func(d deal) bool { return d.u == u }); k >= 0 {
			ds[k].periods = append(ds[k].periods, p.Period+1)
			continue
		}
		ds = append(ds, deal{u: u, periods: []int{p.Period + 1}})
	}
	pts := make(plotter.XYs, len(ds))
	labels := make([]string, len(ds))
	for i, d := range ds {
		pts[i] = plotter.XY{X: d.u[0], Y: d.u[1]}
		labels[i] = "deal " + compressRuns(d.periods)
	}
	return pts, labels
}

// compressRuns writes sorted integers with runs collapsed: 0–2, 5.
func compressRuns(xs []int) string {
	var b strings.Builder
	for i := 0; i < len(xs); {
		j := i
		for j+1 < len(xs) && xs[j+1] == xs[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(xs[i]))
		if j > i {
			b.WriteString("–")
			b.WriteString(strconv.Itoa(xs[j]))
		}
		i = j + 1
	}
	return b.String()
}

// allOutcomes returns every outcome of the preferences' domain in utility
// space, or nil when there are more than limit.
func allOutcomes(seller, buyer *agents.Preferences, limit int) plotter.XYs {
	n := len(seller.Values)
	if n == 0 || len(buyer.Values) != n {
		return nil
	}
	size := 1
	for _, v := range seller.Values {
		if len(v) == 0 {
			return nil
		}
		size *= len(v)
		if size > limit {
			return nil
		}
	}
	out := make(plotter.XYs, 0, size)
	o := make(agents.Offer, n)
	for {
		out = append(out, plotter.XY{X: seller.Utility(o), Y: buyer.Utility(o)})
		i := n - 1
		for ; i >= 0; i-- {
			o[i]++
			if o[i] < len(seller.Values[i]) {
				break
			}
			o[i] = 0
		}
		if i < 0 {
			return out
		}
	}
}

// plural writes a count with its noun: "1 deal", "3 deals".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
