package results

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/winwin-sim/winwin/arena"
)

// ClassColor returns the colour of outcome class c in charts, from the
// Okabe–Ito palette, which readers with any common colour-vision
// deficiency tell apart: win-win bluish green, win-lose orange, lose-win
// sky blue, lose-lose vermillion, and no deal a neutral grey, never a hue
// that could pass for lose-lose. The report's pairing view uses the same
// colours.
func ClassColor(c arena.Class) color.RGBA {
	switch c {
	case arena.WinWin:
		return color.RGBA{0x00, 0x9e, 0x73, 0xff}
	case arena.WinLose:
		return color.RGBA{0xe6, 0x9f, 0x00, 0xff}
	case arena.LoseWin:
		return color.RGBA{0x56, 0xb4, 0xe9, 0xff}
	case arena.LoseLose:
		return color.RGBA{0xd5, 0x5e, 0x00, 0xff}
	}
	return color.RGBA{0xa8, 0xa8, 0xa8, 0xff}
}

// classLegend names each class in the outcome-classes chart, seen from
// the strategy's seat.
var classLegend = map[arena.Class]string{
	arena.WinWin:   "win-win: both won",
	arena.WinLose:  "it won, the partner lost",
	arena.LoseWin:  "it lost, the partner won",
	arena.LoseLose: "lose-lose: a deal neither won",
	arena.NoDeal:   "no deal (any reason)",
}

// classesChart draws, for every strategy (sorted by long-run payoff, as
// in the ranking chart), how its negotiations ended: a bar of the five
// outcome classes' shares, seen from its own seat in both roles.
func classesChart(agg *Aggregate) *figure {
	rows := agg.Summary()
	if len(rows) == 0 || rows[0].Negotiations == 0 {
		return nil
	}
	n := len(rows)
	h := max(4.5*vg.Inch, 1.9*vg.Inch+vg.Length(n)*0.42*vg.Inch)
	return &figure{w: 12 * vg.Inch, h: h, draw: func(dc draw.Canvas) {
		dc = header(dc, "Outcome classes by strategy",
			"share of each strategy's negotiations in both roles, from its own seat; a side wins at half its fair share of the surplus or more; strategies sorted by long-run payoff")
		p := newPlot("", "share of negotiations", "")
		ticks := make([]plot.Tick, n)
		for i := range rows {
			ticks[i] = plot.Tick{Value: float64(n - 1 - i), Label: rows[i].Strategy}
		}
		var (
			entries []legendEntry
			below   *plotter.BarChart
			labels  plotter.XYLabels
			inks    []color.Color
			start   = make([]float64, n)
		)
		for _, c := range arena.Classes {
			vals := make(plotter.Values, n)
			for i := range rows {
				vals[n-1-i] = nzero(rows[i].Outcomes.Share(c))
			}
			bars, err := plotter.NewBarChart(vals, vg.Points(22))
			if err != nil {
				continue
			}
			bars.Horizontal = true
			bars.Color = ClassColor(c)
			bars.LineStyle = draw.LineStyle{Color: color.White, Width: vg.Points(0.8)}
			if below != nil {
				bars.StackOn(below)
			}
			below = bars
			p.Add(bars)
			entries = append(entries, legendEntry{classLegend[c], []plot.Thumbnailer{bars}})
			for k, v := range vals {
				if v >= 0.06 {
					labels.XYs = append(labels.XYs, plotter.XY{X: start[k] + v/2, Y: float64(k)})
					labels.Labels = append(labels.Labels, fmt.Sprintf("%.0f%%", 100*v))
					inks = append(inks, classInk(c))
				}
				start[k] += v
			}
		}
		if l, err := plotter.NewLabels(labels); err == nil {
			for i, ink := range inks {
				l.TextStyle[i] = textStyle(tickSize, true, draw.XCenter, draw.YCenter)
				l.TextStyle[i].Color = ink
			}
			p.Add(l)
		}
		p.Y.Tick.Marker = plot.ConstantTicks(ticks)
		p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
		p.X.Min, p.X.Max = 0, 1
		p.X.Tick.Marker = niceTicks{n: 10}
		rest := sideLegend(dc, "outcome class", entries)
		p.Draw(rest)
	}}
}

// classInk is the ink of a label on class c's colour: black on the
// light colours, white on the dark ones.
func classInk(c arena.Class) color.Color {
	if luminance(ClassColor(c)) < 0.35 {
		return color.White
	}
	return color.Black
}

// nzero is x, or 0 for NaN.
func nzero(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return x
}
