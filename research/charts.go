package research

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/results"
)

// A figure is a chart of a given size drawn by a function.
type figure struct {
	w, h vg.Length
	draw func(dc draw.Canvas)
}

// A namedFigure is a chart file to write, without its extension.
type namedFigure struct {
	name, title, caption string
	fig                  *figure
}

// writeFigure writes fig as dir/name.FORMAT for every format, each
// atomically; it returns the file names written.
func writeFigure(dir, name string, fig *figure, formats []string) ([]string, error) {
	var out []string
	for _, f := range formats {
		file := name + "." + f
		err := results.WriteFileAtomic(filepath.Join(dir, file), func(w io.Writer) error { return fig.render(w, f) })
		if err != nil {
			return out, fmt.Errorf("research: chart %s: %w", name, err)
		}
		out = append(out, file)
	}
	return out, nil
}

func (c *figure) render(w io.Writer, format string) (err error) {
	var cw vg.CanvasWriterTo
	switch format {
	case "png":
		cw = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(c.w, c.h), vgimg.UseDPI(120), vgimg.UseBackgroundColor(color.White))}
	case "svg":
		cw = vgsvg.New(c.w, c.h)
	default:
		return fmt.Errorf("format %q not supported", format)
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("drawing: %v", p)
		}
	}()
	dc := draw.New(cw)
	c.draw(draw.Crop(dc, 10, -10, 10, -10))
	var buf bytes.Buffer
	if _, err := cw.WriteTo(&buf); err != nil {
		return err
	}
	b := buf.Bytes()
	if format == "svg" {
		b = bytes.ReplaceAll(b, []byte("font-family:Liberation Sans;"), []byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
	}
	_, err = w.Write(b)
	return err
}

var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

func textStyle(size vg.Length, xa text.XAlignment, ya text.YAlignment) draw.TextStyle {
	return draw.TextStyle{Color: color.Black, Font: font.From(sans, size), XAlign: xa, YAlign: ya, Handler: plot.DefaultTextHandler}
}

// axisTicks labels the points of the first axis: its values, which may be
// names (domains) placed at 0, 1, 2…
type axisTicks struct{ ax configs.Axis }

// Ticks marks every value of the axis (plot.Ticker).
func (a axisTicks) Ticks(lo, hi float64) []plot.Tick {
	var ts []plot.Tick
	// A value too close to the last labelled one gets a tick without a
	// label, so that labels never overlap; the last value is labelled.
	minGap := (hi - lo) / 20
	last := -1
	for i, v := range a.ax.Values {
		x := xOf(a.ax, i)
		t := plot.Tick{Value: x}
		if last < 0 || x-ts[last].Value >= minGap {
			t.Label = v.String()
			last = len(ts)
		}
		ts = append(ts, t)
	}
	if n := len(ts) - 1; n > 0 && ts[n].Label == "" {
		ts[n].Label = a.ax.Values[n].String()
		if ts[n].Value-ts[last].Value < minGap {
			ts[last].Label = ""
		}
	}
	return ts
}

// xOf is where value i of an axis sits on a chart's x axis: the number, or
// i for a named value.
func xOf(ax configs.Axis, i int) float64 {
	if ax.Values[i].Text != "" {
		return float64(i)
	}
	return ax.Values[i].Num
}

// slices of the points by the second axis: one per value (one slice with
// one axis), each in first-axis order.
func byOther(sw *Sweep) (titles []string, groups [][]*Point) {
	n0 := len(sw.Axes[0].Values)
	if len(sw.Axes) == 1 {
		var g []*Point
		for i := range sw.Points {
			g = append(g, &sw.Points[i])
		}
		return []string{""}, [][]*Point{g}
	}
	for j, v := range sw.Axes[1].Values {
		titles = append(titles, fmt.Sprintf("%s = %s", sw.Axes[1].Key, v))
		var g []*Point
		for i := range sw.Points {
			if sw.Points[i].Index/n0 == j {
				g = append(g, &sw.Points[i])
			}
		}
		groups = append(groups, g)
	}
	return titles, groups
}

func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, 13)
	p.X.Label.Text, p.Y.Label.Text = xlabel, ylabel
	p.X.Label.TextStyle.Font, p.Y.Label.TextStyle.Font = font.From(sans, 11), font.From(sans, 11)
	p.X.Tick.Label.Font, p.Y.Tick.Label.Font = font.From(sans, 9.5), font.From(sans, 9.5)
	p.Legend.TextStyle.Font = font.From(sans, 9.5)
	g := plotter.NewGrid()
	g.Vertical.Color, g.Horizontal.Color = color.Gray{Y: 225}, color.Gray{Y: 225}
	p.Add(g)
	return p
}

// stack draws plots one above the other on dc.
func stack(dc draw.Canvas, ps []*plot.Plot) {
	tiles := draw.Tiles{Rows: len(ps), Cols: 1, PadY: 14}
	grid := make([][]*plot.Plot, len(ps))
	for i, p := range ps {
		grid[i] = []*plot.Plot{p}
	}
	cs := plot.Align(grid, tiles, dc)
	for i, p := range ps {
		p.Draw(cs[i][0])
	}
}

// sweepCharts returns the charts of a sweep folder, in the report's order.
func sweepCharts(sw *Sweep) []namedFigure {
	if len(sw.Points) == 0 {
		return nil
	}
	figs := []namedFigure{
		{"crossover", "When the win-win strategies out-earn the hard bargainers",
			fmt.Sprintf("The long-run payoff of the win-win strategies (%s) minus the hard bargainers' (%s), each group averaged, with its 95%% confidence interval paired by cluster of relationships (every point runs on the same seeds). Above zero the win-win strategies earn more over the relationship; where the band holds zero the sweep cannot tell them apart.", joinNames(sw.WinWin), joinNames(sw.Hard)),
			crossoverChart(sw)},
		{"payoff", "Long-run payoff against the swept value",
			"Each strategy's mean long-run payoff per relationship at each point, with 95% confidence intervals clustered by relationship.",
			payoffChart(sw)},
		{"rankmap", "Long-run rank at each point",
			"Each strategy's long-run rank (1 is best) at each point of the sweep. A rank marked ≈ is not a finding: its payoff cannot be told apart from the next-ranked strategy's (the paired 95% CI of the gap contains zero).",
			rankMap(sw)},
	}
	if len(sw.Axes) == 2 {
		figs = append(figs, namedFigure{"winner", "Who comes first long-run",
			"The strategy with the highest long-run payoff at each combination of the two swept values. A cell marked ≈ names the runner-up too: the two cannot be told apart (the paired 95% CI of their gap contains zero).",
			winnerMap(sw)})
	}
	return figs
}

func joinNames(names []string) string {
	s := ""
	for i, n := range names {
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s
}

func crossoverChart(sw *Sweep) *figure {
	titles, groups := byOther(sw)
	ax := sw.Axes[0]
	p := newPlot("Win-win minus hard bargainers, long-run payoff", ax.Key, "difference in long-run payoff")
	p.X.Tick.Marker = axisTicks{ax}
	zero := plotter.NewFunction(func(float64) float64 { return 0 })
	zero.Color, zero.Width = color.Black, vg.Points(1)
	p.Add(zero)
	for j, g := range groups {
		var band, line plotter.XYs
		var lows, highs plotter.XYs
		for _, pt := range g {
			i := pt.Index % len(ax.Values)
			x := xOf(ax, i)
			if math.IsNaN(pt.Group.Mean) {
				continue
			}
			line = append(line, plotter.XY{X: x, Y: pt.Group.Mean})
			if !math.IsNaN(pt.Group.Low) {
				lows = append(lows, plotter.XY{X: x, Y: pt.Group.Low})
				highs = append(highs, plotter.XY{X: x, Y: pt.Group.High})
			}
		}
		c := results.Color(j)
		if len(lows) > 1 {
			band = append(band, lows...)
			for k := len(highs) - 1; k >= 0; k-- {
				band = append(band, highs[k])
			}
			if poly, err := plotter.NewPolygon(band); err == nil {
				poly.Color = color.NRGBA{R: c.R, G: c.G, B: c.B, A: 50}
				poly.LineStyle.Width = 0
				p.Add(poly)
			}
		}
		if len(line) == 0 {
			continue
		}
		l, pts, err := plotter.NewLinePoints(line)
		if err != nil {
			continue
		}
		l.Color, l.Width = c, vg.Points(2)
		pts.Color, pts.Radius, pts.Shape = c, vg.Points(3), draw.CircleGlyph{}
		p.Add(l, pts)
		if titles[j] != "" {
			p.Legend.Add(titles[j], l, pts)
		}
	}
	for j, c := range sw.Crossovers {
		if math.IsNaN(c.At) {
			continue
		}
		mark, err := plotter.NewScatter(plotter.XYs{{X: c.At, Y: 0}})
		if err != nil {
			continue
		}
		mark.Color, mark.Radius, mark.Shape = results.Color(j), vg.Points(5), draw.RingGlyph{}
		p.Add(mark)
	}
	p.Legend.Top, p.Legend.Left = true, true
	return &figure{w: 8 * vg.Inch, h: 5 * vg.Inch, draw: func(dc draw.Canvas) { p.Draw(dc) }}
}

func payoffChart(sw *Sweep) *figure {
	titles, groups := byOther(sw)
	ax := sw.Axes[0]
	var ps []*plot.Plot
	for j, g := range groups {
		title := "Long-run payoff per relationship"
		if titles[j] != "" {
			title += " at " + titles[j]
		}
		p := newPlot(title, ax.Key, "long-run payoff")
		p.X.Tick.Marker = axisTicks{ax}
		for e, name := range sw.Names {
			var xys plotter.XYs
			var errs plotter.YErrors
			for _, pt := range g {
				r := pt.Rows[e]
				if math.IsNaN(r.LongRun.Mean) {
					continue
				}
				xys = append(xys, plotter.XY{X: xOf(ax, pt.Index%len(ax.Values)), Y: r.LongRun.Mean})
				lo, hi := r.LongRun.Mean-r.LongRun.Low, r.LongRun.High-r.LongRun.Mean
				if math.IsNaN(lo) {
					lo, hi = 0, 0
				}
				errs = append(errs, struct{ Low, High float64 }{lo, hi})
			}
			if len(xys) == 0 {
				continue
			}
			l, pts, err := plotter.NewLinePoints(xys)
			if err != nil {
				continue
			}
			c := results.Color(e)
			l.Color, l.Width = c, vg.Points(1.6)
			pts.Color, pts.Radius = c, vg.Points(2.5)
			p.Add(l, pts)
			if eb, err := plotter.NewYErrorBars(struct {
				plotter.XYs
				plotter.YErrors
			}{xys, errs}); err == nil {
				eb.Color = c
				p.Add(eb)
			}
			if j == 0 {
				p.Legend.Add(name, l, pts)
			}
		}
		p.Legend.Left, p.Legend.Top = true, true
		p.Legend.XOffs = vg.Points(8)
		ps = append(ps, p)
	}
	h := vg.Length(len(ps)) * 4.2 * vg.Inch
	return &figure{w: 9 * vg.Inch, h: h, draw: func(dc draw.Canvas) { stack(dc, ps) }}
}

// rankMap draws a grid of strategies (rows) by first-axis values
// (columns) with the long-run rank in each cell, one grid per value of
// the second axis.
func rankMap(sw *Sweep) *figure {
	titles, groups := byOther(sw)
	ax := sw.Axes[0]
	n := len(sw.Names)
	const (
		cellH = vg.Length(18)
		nameW = vg.Length(150)
		headH = vg.Length(40)
	)
	cellW := vg.Length(math.Max(40, math.Min(70, 560/float64(len(ax.Values)))))
	blockH := headH + vg.Length(n)*cellH + 16
	w := nameW + vg.Length(len(ax.Values))*cellW + 20
	h := blockH * vg.Length(len(groups))
	return &figure{w: w, h: h, draw: func(dc draw.Canvas) {
		top := dc.Max.Y
		for j, g := range groups {
			title := "Long-run rank (1 = best)"
			if titles[j] != "" {
				title += " at " + titles[j]
			}
			dc.FillText(textStyle(12, draw.XLeft, draw.YTop), vg.Point{X: dc.Min.X, Y: top}, title)
			dc.FillText(textStyle(9.5, draw.XCenter, draw.YBottom), vg.Point{X: dc.Min.X + nameW + vg.Length(len(ax.Values))*cellW/2, Y: top - headH + 14}, ax.Key)
			for i, v := range ax.Values {
				dc.FillText(textStyle(9, draw.XCenter, draw.YBottom), vg.Point{X: dc.Min.X + nameW + (vg.Length(i)+0.5)*cellW, Y: top - headH + 2}, v.String())
			}
			for e, name := range sw.Names {
				y := top - headH - vg.Length(e+1)*cellH
				dc.FillText(textStyle(10, draw.XRight, draw.YCenter), vg.Point{X: dc.Min.X + nameW - 6, Y: y + cellH/2}, name)
				for _, pt := range g {
					i := pt.Index % len(ax.Values)
					r := pt.Rows[e]
					x := dc.Min.X + nameW + vg.Length(i)*cellW
					shade := 1 - float64(r.LongRunRank-1)/float64(max(n-1, 1))
					fill := color.NRGBA{R: uint8(255 - 200*shade), G: uint8(255 - 90*shade), B: uint8(255 - 170*shade), A: 255}
					rect := vg.Rectangle{Min: vg.Point{X: x + 1, Y: y + 1}, Max: vg.Point{X: x + cellW - 1, Y: y + cellH - 1}}
					dc.SetColor(fill)
					dc.Fill(rect.Path())
					st := textStyle(10, draw.XCenter, draw.YCenter)
					if shade > 0.6 {
						st.Color = color.White
					}
					label := fmt.Sprint(r.LongRunRank)
					if r.Next != "" && !results.Separated(r.Gap) || tiedWithAbove(pt, e) {
						label += " ≈"
					}
					dc.FillText(st, vg.Point{X: x + cellW/2, Y: y + cellH/2}, label)
				}
			}
			top -= blockH
		}
	}}
}

// tiedWithAbove reports whether entrant e's long-run payoff cannot be
// told apart from the strategy ranked just above it.
func tiedWithAbove(pt *Point, e int) bool {
	for _, r := range pt.Rows {
		if r.Next == pt.Rows[e].Strategy {
			return !results.Separated(r.Gap)
		}
	}
	return false
}

// winnerMap draws the grid of the two axes with the long-run winner of
// each point.
func winnerMap(sw *Sweep) *figure {
	a0, a1 := sw.Axes[0], sw.Axes[1]
	const (
		cellH = vg.Length(34)
		headW = vg.Length(110)
		legH  = vg.Length(20)
	)
	cellW := vg.Length(math.Max(70, math.Min(110, 700/float64(len(a0.Values)))))
	w := headW + vg.Length(len(a0.Values))*cellW + 20
	h := vg.Length(len(a1.Values))*cellH + legH + 40
	return &figure{w: w, h: h, draw: func(dc draw.Canvas) {
		top := dc.Max.Y
		dc.FillText(textStyle(12, draw.XLeft, draw.YTop), vg.Point{X: dc.Min.X, Y: top}, "Long-run winner at each point (≈: cannot be told apart from the runner-up)")
		top -= 24
		for _, pt := range sw.Points {
			i, j := pt.Index%len(a0.Values), pt.Index/len(a0.Values)
			x := dc.Min.X + headW + vg.Length(i)*cellW
			y := top - vg.Length(j+1)*cellH
			var first, second *StrategyPoint
			for k := range pt.Rows {
				switch pt.Rows[k].LongRunRank {
				case 1:
					first = &pt.Rows[k]
				case 2:
					second = &pt.Rows[k]
				}
			}
			if first == nil {
				continue
			}
			c := results.Color(first.Entrant)
			rect := vg.Rectangle{Min: vg.Point{X: x + 1, Y: y + 1}, Max: vg.Point{X: x + cellW - 1, Y: y + cellH - 1}}
			dc.SetColor(color.NRGBA{R: c.R, G: c.G, B: c.B, A: 110})
			dc.Fill(rect.Path())
			label := first.Strategy
			st := textStyle(8.5, draw.XCenter, draw.YCenter)
			if second != nil && !results.Separated(first.Gap) {
				dc.FillText(st, vg.Point{X: x + cellW/2, Y: y + cellH*0.68}, label)
				dc.FillText(st, vg.Point{X: x + cellW/2, Y: y + cellH*0.3}, "≈ "+second.Strategy)
			} else {
				dc.FillText(st, vg.Point{X: x + cellW/2, Y: y + cellH/2}, label)
			}
		}
		for j, v := range a1.Values {
			y := top - vg.Length(j+1)*cellH
			dc.FillText(textStyle(9.5, draw.XRight, draw.YCenter), vg.Point{X: dc.Min.X + headW - 6, Y: y + cellH/2}, fmt.Sprintf("%s = %s", shortKey(a1.Key), v))
		}
		yb := top - vg.Length(len(a1.Values))*cellH - 4
		for i, v := range a0.Values {
			dc.FillText(textStyle(9.5, draw.XCenter, draw.YTop), vg.Point{X: dc.Min.X + headW + (vg.Length(i)+0.5)*cellW, Y: yb}, v.String())
		}
		dc.FillText(textStyle(10.5, draw.XCenter, draw.YTop), vg.Point{X: dc.Min.X + headW + vg.Length(len(a0.Values))*cellW/2, Y: yb - 16}, a0.Key)
	}}
}

func shortKey(k string) string {
	for i := len(k) - 1; i >= 0; i-- {
		if k[i] == '.' {
			return k[i+1:]
		}
	}
	return k
}

// explainChart draws, per strategy, what each mechanism is worth to its
// long-run payoff: a bar per counterfactual with its paired 95% CI.
func explainChart(ex *Explanation, names []string) *figure {
	p := newPlot("What each mechanism adds to a strategy's long-run payoff", "long-run payoff with it minus without it (95% CI, paired)", "")
	n := len(ex.Rows)
	colors := []color.RGBA{{0, 114, 178, 255}, {230, 159, 0, 255}, {204, 121, 167, 255}}
	const barH = 0.26
	for k, name := range Counterfactuals {
		var xys plotter.XYs
		var errs plotter.XErrors
		for i, r := range ex.Rows {
			y := float64(n-1-i) + (1-float64(k))*barH
			e := r.Effect[k]
			xys = append(xys, plotter.XY{X: e.Mean, Y: y})
			lo, hi := e.Mean-e.Low, e.High-e.Mean
			if math.IsNaN(lo) {
				lo, hi = 0, 0
			}
			errs = append(errs, struct{ Low, High float64 }{lo, hi})
		}
		bars := &hbars{xys: xys, h: barH * 0.9, c: colors[k]}
		p.Add(bars)
		if eb, err := plotter.NewXErrorBars(struct {
			plotter.XYs
			plotter.XErrors
		}{xys, errs}); err == nil {
			eb.Color = color.Black
			p.Add(eb)
		}
		p.Legend.Add(name, bars)
	}
	var ticks []plot.Tick
	for i, r := range ex.Rows {
		ticks = append(ticks, plot.Tick{Value: float64(n - 1 - i), Label: fmt.Sprintf("%s (#%d→#%d)", r.Strategy, r.OneShotRank, r.LongRunRank)})
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	p.Legend.Top = true
	return &figure{w: 9 * vg.Inch, h: vg.Length(1.2+0.42*float64(n)) * vg.Inch, draw: func(dc draw.Canvas) { p.Draw(dc) }}
}

// hbars are horizontal bars from 0 to each X at each Y.
type hbars struct {
	xys plotter.XYs
	h   float64
	c   color.Color
}

// Plot draws the bars and the zero line (plot.Plotter).
func (b *hbars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, xy := range b.xys {
		if math.IsNaN(xy.X) {
			continue
		}
		x0, x1 := trX(0), trX(xy.X)
		y0, y1 := trY(xy.Y-b.h/2), trY(xy.Y+b.h/2)
		r := vg.Rectangle{Min: vg.Point{X: min(x0, x1), Y: y0}, Max: vg.Point{X: max(x0, x1), Y: y1}}
		c.SetColor(b.c)
		c.Fill(r.Path())
	}
	c.SetColor(color.Black)
	c.StrokeLine2(draw.LineStyle{Color: color.Black, Width: vg.Points(0.8)}, trX(0), c.Min.Y, trX(0), c.Max.Y)
}

// DataRange spans the bars and zero (plot.DataRanger).
func (b *hbars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = 0, 0
	ymin, ymax = math.Inf(1), math.Inf(-1)
	for _, xy := range b.xys {
		if !math.IsNaN(xy.X) {
			xmin, xmax = math.Min(xmin, xy.X), math.Max(xmax, xy.X)
		}
		ymin, ymax = math.Min(ymin, xy.Y), math.Max(ymax, xy.Y)
	}
	return
}

// Thumbnail is the bars' legend swatch (plot.Thumbnailer).
func (b *hbars) Thumbnail(c *draw.Canvas) {
	c.SetColor(b.c)
	c.Fill(c.Rectangle.Path())
}

// evolveChart draws each population's shares by generation, one panel per
// start, on a logarithmic generation axis.
func evolveChart(names []string, pops []*Population) *figure {
	var ps []*plot.Plot
	for _, pop := range pops {
		title := "Replicator dynamics from a uniform population"
		if pop.Start == "invasion" {
			title = fmt.Sprintf("Replicator dynamics: hard bargainers with %g%% win-win invaders", 100*InvaderShare)
		}
		p := newPlot(title, "generation (+1, log scale)", "share of the population")
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = plot.LogTicks{Prec: -1}
		p.Y.Min, p.Y.Max = 0, 1
		for i, name := range names {
			var xys plotter.XYs
			present := false
			for t, xs := range pop.Shares {
				xys = append(xys, plotter.XY{X: float64(t + 1), Y: xs[i]})
				present = present || xs[i] > 0
			}
			if !present {
				continue
			}
			l, err := plotter.NewLine(xys)
			if err != nil {
				continue
			}
			l.Color, l.Width = results.Color(i), vg.Points(2)
			p.Add(l)
			p.Legend.Add(fmt.Sprintf("%s %.2f", name, pop.Final()[i]), l)
		}
		p.Legend.Left, p.Legend.Top = true, true
		p.Legend.XOffs = vg.Points(8)
		ps = append(ps, p)
	}
	return &figure{w: 9 * vg.Inch, h: vg.Length(len(ps)) * 4.5 * vg.Inch, draw: func(dc draw.Canvas) { stack(dc, ps) }}
}
