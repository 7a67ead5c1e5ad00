package results

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// heatControls are the control colours of the heat map's sequential
// palette (ColorBrewer YlGnBu), dark to light.
var heatControls = []color.Color{
	color.RGBA{0x08, 0x1d, 0x58, 0xff},
	color.RGBA{0x22, 0x5e, 0xa8, 0xff},
	color.RGBA{0x41, 0xb6, 0xc4, 0xff},
	color.RGBA{0xc7, 0xe9, 0xb4, 0xff},
	color.RGBA{0xff, 0xff, 0xd9, 0xff},
}

// heatColors returns the heat map's colour map over [lo, hi]: light for
// low payoffs, dark for high ones.
func heatColors(lo, hi float64) palette.ColorMap {
	cm, err := moreland.NewLuminance(heatControls)
	if err != nil {
		panic(err) // the controls are constant and increase in luminance
	}
	cm.SetMin(lo)
	cm.SetMax(hi)
	return palette.Reverse(cm)
}

// matrix is a square grid of pair figures, sellers in rows (row 0 drawn at
// the top) and buyers in columns.
type matrix struct {
	n int
	z []float64 // z[s*n+b]
}

// Dims implements plotter.GridXYZ.
func (m matrix) Dims() (c, r int) { return m.n, m.n }

// Z implements plotter.GridXYZ.
func (m matrix) Z(c, r int) float64 { return m.z[(m.n-1-r)*m.n+c] }

// X implements plotter.GridXYZ.
func (m matrix) X(c int) float64 { return float64(c) }

// Y implements plotter.GridXYZ.
func (m matrix) Y(r int) float64 { return float64(r) }

// heatmapChart draws, for every strategy (a row), its own long-run payoff
// with each partner (a column): the mean of its payoff as the seller
// against the partner as buyer and as the buyer against the partner as
// seller, which weigh the same (every ordered pair runs as many
// relationships). One panel, so that the cells and the values in them stay
// large enough to read on a projector; pairs.csv keeps each role's figure.
func heatmapChart(agg *Aggregate) *figure {
	rows := agg.PairRows()
	names := agg.Names()
	n := len(names)
	if len(rows) == 0 || n == 0 {
		return nil
	}
	// role[r][s*n+b]: role r's payoff in the pair (seller s, buyer b).
	var role [2][]float64
	for r := range role {
		role[r] = make([]float64, n*n)
		for i := range role[r] {
			role[r][i] = math.NaN()
		}
	}
	for _, row := range rows {
		for r := range role {
			role[r][row.SellerEntrant*n+row.BuyerEntrant] = row.LongRun[r].Mean
		}
	}
	m := matrix{n: n, z: make([]float64, n*n)}
	lo, hi := math.Inf(1), math.Inf(-1)
	missing := false
	for i := range n {
		for j := range n {
			v := meanKnown(role[0][i*n+j], role[1][j*n+i])
			m.z[i*n+j] = v
			if math.IsNaN(v) {
				missing = true
				continue
			}
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if lo > hi {
		return nil
	}
	if hi-lo < 1e-9 {
		lo, hi = lo-0.5, hi+0.5
	}
	longest := vg.Length(0)
	ts := textStyle(tickSize, false, draw.XLeft, draw.YCenter)
	for _, name := range names {
		longest = max(longest, ts.Width(name))
	}
	cell := vg.Length(math.Max(34, math.Min(60, 560/float64(n))))
	side := cell * vg.Length(n)
	w := min(maxChartWidth, max(side+longest+barWidth+90+3*gap, 9*vg.Inch))
	h := side + longest*0.75 + 170
	return &figure{w: w, h: max(h, 5*vg.Inch), draw: func(dc draw.Canvas) {
		note := fmt.Sprintf("row strategy's mean surplus per relationship with the column strategy, as seller and as buyer, each later deal discounted by %g", agg.Discount())
		if missing {
			note += "; — : pair not played"
		}
		dc = header(dc, "Pairwise long-run payoff", note)
		cm := heatColors(lo, hi)
		panel := heatPanel(m, names, cm, lo, hi, "", true)
		panel.X.Label.Text, panel.Y.Label.Text = "partner", "strategy"
		area := dc
		area.Max.X -= barWidth + 60 + gap
		// Square cells: the panel takes the width its height allows.
		pd := panel.DataCanvas(area)
		if extra := (pd.Max.X - pd.Min.X) - (pd.Max.Y - pd.Min.Y); extra > 0 {
			area.Max.X -= extra
		}
		panel.Draw(area)
		data := panel.DataCanvas(area)
		colorBar(dc, cm, lo, hi, area.Max.X+gap, data.Min.Y, data.Max.Y, "long-run payoff")
	}}
}

// barWidth is the width of a colour bar.
const barWidth = vg.Length(26)

// colorBar draws a vertical colour bar of cm over [lo, hi] from x, between
// the heights y0 and y1, with its ticks and label at its right. It fills
// the bar with rectangles rather than an image: some SVG viewers keep an
// embedded image's aspect ratio, which squeezed a one-pixel-wide image
// into a hairline.
func colorBar(dc draw.Canvas, cm palette.ColorMap, lo, hi float64, x, y0, y1 vg.Length, label string) {
	const steps = 64
	hgt := y1 - y0
	for i := range steps {
		v := lo + (hi-lo)*(float64(i)+0.5)/steps
		c, err := cm.At(v)
		if err != nil {
			continue
		}
		a := y0 + hgt*vg.Length(i)/steps
		b := y0 + hgt*vg.Length(i+1)/steps
		dc.SetColor(c)
		// Overlap the next step a little so no hairline shows between them.
		dc.Fill(rectPath(x, a, x+barWidth, b+0.3))
	}
	dc.SetLineStyle(draw.LineStyle{Color: color.Gray{Y: 0x60}, Width: vg.Points(0.6)})
	dc.Stroke(rectPath(x, y0, x+barWidth, y1))
	ts := textStyle(tickSize, false, draw.XLeft, draw.YCenter)
	for _, t := range (niceTicks{n: 6}).Ticks(lo, hi) {
		if t.Label == "" {
			continue
		}
		y := y0 + hgt*vg.Length((t.Value-lo)/(hi-lo))
		dc.StrokeLine2(draw.LineStyle{Color: color.Black, Width: vg.Points(0.6)}, x+barWidth, y, x+barWidth+5, y)
		dc.FillText(ts, vg.Point{X: x + barWidth + 8, Y: y}, t.Label)
	}
	ls := textStyle(labelSize, false, draw.XCenter, draw.YBottom)
	ls.Rotation = -math.Pi / 2
	dc.FillText(ls, vg.Point{X: x + barWidth + 56, Y: y0 + hgt/2}, label)
}

// rectPath is the outline of the rectangle from (x0, y0) to (x1, y1).
func rectPath(x0, y0, x1, y1 vg.Length) vg.Path {
	var p vg.Path
	p.Move(vg.Point{X: x0, Y: y0})
	p.Line(vg.Point{X: x1, Y: y0})
	p.Line(vg.Point{X: x1, Y: y1})
	p.Line(vg.Point{X: x0, Y: y1})
	p.Close()
	return p
}

// meanKnown is the mean of a and b, or the one that is known, or NaN.
func meanKnown(a, b float64) float64 {
	switch {
	case math.IsNaN(a):
		return b
	case math.IsNaN(b):
		return a
	}
	return (a + b) / 2
}

// heatPanel draws one matrix as coloured cells with their values.
func heatPanel(m matrix, names []string, cm palette.ColorMap, lo, hi float64, title string, rowNames bool) *plot.Plot {
	n := m.n
	xlabel, ylabel := "buyer strategy", ""
	if rowNames {
		ylabel = "seller strategy"
	}
	p := newPlot(title, xlabel, ylabel)
	hm := plotter.NewHeatMap(m, cm.Palette(256))
	hm.Min, hm.Max = lo, hi
	hm.NaN = color.Gray{Y: 0xee}
	p.Add(hm)
	xt := make([]plot.Tick, n)
	yt := make([]plot.Tick, n)
	for i, name := range names {
		xt[i] = plot.Tick{Value: float64(i), Label: name}
		yt[i] = plot.Tick{Value: float64(n - 1 - i)}
		if rowNames {
			yt[i].Label = name
		}
	}
	p.X.Tick.Marker = plot.ConstantTicks(xt)
	p.Y.Tick.Marker = plot.ConstantTicks(yt)
	p.X.Tick.Label.Rotation = math.Pi / 4
	p.X.Tick.Label.XAlign = draw.XRight
	p.X.Tick.Label.YAlign = draw.YCenter
	p.X.Padding, p.Y.Padding = 0, 0
	if size := cellFontSize(n); size > 0 {
		var labels plotter.XYLabels
		var styles []text.Style
		for s := range n {
			for b := range n {
				v := m.z[s*n+b]
				label := "—"
				st := textStyle(size, false, draw.XCenter, draw.YCenter)
				if !math.IsNaN(v) {
					label = fmt.Sprintf("%.2f", v)
					if c, err := cm.At(math.Max(lo, math.Min(hi, v))); err == nil && luminance(c) < 0.5 {
						st.Color = color.White
					}
				}
				labels.XYs = append(labels.XYs, plotter.XY{X: float64(b), Y: float64(n - 1 - s)})
				labels.Labels = append(labels.Labels, label)
				styles = append(styles, st)
			}
		}
		if l, err := plotter.NewLabels(labels); err == nil {
			l.TextStyle = styles
			p.Add(l)
		}
	}
	return p
}

// cellFontSize returns the size of the values written in the cells, 0 when
// the cells are too small to hold them.
func cellFontSize(n int) vg.Length {
	switch {
	case n <= 10:
		return 13
	case n <= 16:
		return 12
	}
	return 0
}

// luminance returns the relative luminance of c in [0, 1].
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
}
