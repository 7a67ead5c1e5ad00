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

// heatmapChart draws the long-run payoff of every ordered pair, to the
// seller and to the buyer, on one colour scale.
func heatmapChart(agg *Aggregate) *figure {
	rows := agg.PairRows()
	names := agg.Names()
	n := len(names)
	if len(rows) == 0 || n == 0 {
		return nil
	}
	var mats [2]matrix
	for r := range mats {
		mats[r] = matrix{n: n, z: make([]float64, n*n)}
		for i := range mats[r].z {
			mats[r].z[i] = math.NaN()
		}
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, row := range rows {
		for r := range mats {
			v := row.LongRun[r].Mean
			mats[r].z[row.SellerEntrant*n+row.BuyerEntrant] = v
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
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
	cell := vg.Length(math.Max(26, math.Min(48, 380/float64(n))))
	side := cell * vg.Length(n)
	w := 2*(side+longest+40) + 130 + 4*gap
	h := side + longest*0.75 + 150
	// The figure keeps the matrices, not the rows: a run of 200 entrants
	// has 40,000 rows (18 MB) that need not live while charts are drawn.
	missing := len(rows) < n*n
	return &figure{w: max(w, 9*vg.Inch), h: max(h, 5*vg.Inch), draw: func(dc draw.Canvas) {
		note := fmt.Sprintf("mean discounted utility surplus per relationship (δ = %g); rows: seller strategy, columns: buyer strategy", agg.Discount())
		if missing {
			note += "; — : pair not played"
		}
		dc = header(dc, "Pairwise long-run payoff", note)
		cm := heatColors(lo, hi)
		panels := [2]*plot.Plot{
			heatPanel(mats[0], names, cm, lo, hi, "to the seller (row strategy)", true),
			heatPanel(mats[1], names, cm, lo, hi, "to the buyer (column strategy)", false),
		}
		// Colour bar in a column at the right, spanning the cells' height.
		barW := vg.Length(110)
		area := dc
		area.Max.X -= barW + gap
		cs := plot.Align([][]*plot.Plot{{panels[0], panels[1]}}, draw.Tiles{Rows: 1, Cols: 2, PadX: 2 * gap}, area)
		for i, p := range panels {
			p.Draw(cs[0][i])
		}
		data := panels[0].DataCanvas(cs[0][0])
		bar := newPlot("", "", "long-run payoff (utility surplus)")
		bar.HideX()
		bar.Add(&plotter.ColorBar{ColorMap: cm, Vertical: true})
		bar.Y.Tick.Marker = niceTicks{n: 8}
		bc := dc
		bc.Min.X = area.Max.X + gap
		bc.Min.Y, bc.Max.Y = data.Min.Y, data.Max.Y
		// Leave the bar's own axis the room it needs, then draw it so that
		// its colours span exactly the cells' height.
		bd := bar.DataCanvas(bc)
		bc.Min.Y -= bd.Min.Y - data.Min.Y
		bc.Max.Y += data.Max.Y - bd.Max.Y
		bc.Min.X += bd.Max.X - bd.Min.X - 22 // a bar 22 points wide
		bar.Draw(bc)
	}}
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
	case n <= 6:
		return 11
	case n <= 10:
		return 9.5
	case n <= 16:
		return 8
	}
	return 0
}

// luminance returns the relative luminance of c in [0, 1].
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
}
