package results

import (
	"image/color"

	stdfont "golang.org/x/image/font"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// strategyColors are the 16 colours of the strategy palette: the ten of
// Tableau 10, then six darker or more saturated ones that stay apart from
// them and from each other.
var strategyColors = [...]color.RGBA{
	{0x1f, 0x77, 0xb4, 0xff}, // blue
	{0xff, 0x7f, 0x0e, 0xff}, // orange
	{0x2c, 0xa0, 0x2c, 0xff}, // green
	{0xd6, 0x27, 0x28, 0xff}, // red
	{0x94, 0x67, 0xbd, 0xff}, // purple
	{0x8c, 0x56, 0x4b, 0xff}, // brown
	{0xe3, 0x77, 0xc2, 0xff}, // pink
	{0x7f, 0x7f, 0x7f, 0xff}, // grey
	{0xbc, 0xbd, 0x22, 0xff}, // olive
	{0x17, 0xbe, 0xcf, 0xff}, // cyan
	{0x39, 0x3b, 0x79, 0xff}, // navy
	{0x00, 0x00, 0x00, 0xff}, // black
	{0x84, 0x3c, 0x39, 0xff}, // maroon
	{0xe7, 0xba, 0x52, 0xff}, // gold
	{0x7b, 0x41, 0x73, 0xff}, // plum
	{0x63, 0x79, 0x39, 0xff}, // moss
}

// strategyDashes are the line dash patterns, cycled with the colours so
// that neighbouring entrants differ in dash too (and lines stay apart in
// grey-scale print).
var strategyDashes = [...][]vg.Length{
	nil,
	{vg.Points(6), vg.Points(3)},
	{vg.Points(2), vg.Points(2)},
	{vg.Points(8), vg.Points(3), vg.Points(2), vg.Points(3)},
}

// strategyGlyphs are the marker shapes, cycled likewise: filled shapes and
// bold strokes that stay visible at marker size.
var strategyGlyphs = [...]draw.GlyphDrawer{
	draw.CircleGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{},
	polyGlyph{pts: diamond, fill: true}, polyGlyph{pts: downTriangle, fill: true},
	strokeGlyph{lines: cross}, strokeGlyph{lines: plus}, polyGlyph{pts: diamond},
}

// Glyph outlines, in units of the glyph radius.
var (
	diamond      = []vg.Point{{X: 0, Y: 1.25}, {X: 1.1, Y: 0}, {X: 0, Y: -1.25}, {X: -1.1, Y: 0}}
	downTriangle = []vg.Point{{X: -1.05, Y: 0.65}, {X: 1.05, Y: 0.65}, {X: 0, Y: -1.15}}
	cross        = [][2]vg.Point{{{X: -1, Y: -1}, {X: 1, Y: 1}}, {{X: -1, Y: 1}, {X: 1, Y: -1}}}
	plus         = [][2]vg.Point{{{X: 0, Y: -1.2}, {X: 0, Y: 1.2}}, {{X: -1.2, Y: 0}, {X: 1.2, Y: 0}}}
)

// polyGlyph draws a polygon, filled or outlined with a bold stroke.
type polyGlyph struct {
	pts  []vg.Point
	fill bool
}

// DrawGlyph implements draw.GlyphDrawer.
func (g polyGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	p := make(vg.Path, 0, len(g.pts)+2)
	for i, q := range g.pts {
		v := vg.Point{X: pt.X + q.X*sty.Radius, Y: pt.Y + q.Y*sty.Radius}
		if i == 0 {
			p.Move(v)
		} else {
			p.Line(v)
		}
	}
	p.Close()
	if g.fill {
		c.Fill(p)
		return
	}
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: vg.Points(1.4)})
	c.Stroke(p)
}

// strokeGlyph draws line segments with a bold stroke.
type strokeGlyph struct{ lines [][2]vg.Point }

// DrawGlyph implements draw.GlyphDrawer.
func (g strokeGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: vg.Points(1.6)})
	for _, l := range g.lines {
		p := make(vg.Path, 0, 2)
		p.Move(vg.Point{X: pt.X + l[0].X*sty.Radius, Y: pt.Y + l[0].Y*sty.Radius})
		p.Line(vg.Point{X: pt.X + l[1].X*sty.Radius, Y: pt.Y + l[1].Y*sty.Radius})
		c.Stroke(p)
	}
}

// Color returns the colour of entrant i in every chart: a fixed palette of
// 16 distinguishable colours indexed by entrant order (it repeats beyond
// 16 entrants, where the dash and marker cycles still tell entrants apart).
func Color(i int) color.RGBA {
	return strategyColors[mod(i, len(strategyColors))]
}

// lineStyle returns entrant i's line style.
func lineStyle(i int) draw.LineStyle {
	k := mod(i, len(strategyColors))
	turn := mod(i, 1<<30) / len(strategyColors)
	return draw.LineStyle{
		Color:  Color(i),
		Width:  vg.Points(1.8),
		Dashes: strategyDashes[(k+turn)%len(strategyDashes)],
	}
}

// glyphStyle returns entrant i's marker style.
func glyphStyle(i int) draw.GlyphStyle {
	k := mod(i, len(strategyColors))
	turn := mod(i, 1<<30) / len(strategyColors)
	return draw.GlyphStyle{
		Color:  Color(i),
		Radius: vg.Points(3),
		Shape:  strategyGlyphs[(k+3*turn)%len(strategyGlyphs)],
	}
}

func mod(i, n int) int { return ((i % n) + n) % n }

// Text sizes of the charts, in points. A chart is at most 12 inches wide
// (maxChartWidth), so the smallest text, shown at the report's width on a
// 1280-pixel screen, stays at 14 pixels or more: legible from the back of
// a room with a projector (TestChartsLegibleOnProjector).
const (
	titleSize  = 17
	labelSize  = 14
	tickSize   = 12
	legendSize = 12.5
	noteSize   = 12
)

// maxChartWidth is the widest a chart may be drawn: the report shows every
// chart at the same width, so a wider one would shrink its text.
const maxChartWidth = 12 * vg.Inch

// sans is the charts' typeface. Liberation Sans is embedded in gonum/plot
// (so the PNGs look the same everywhere) and is metric-compatible with
// Arial, which SVG viewers fall back to (see svgFontFallback).
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

func sansFont(size vg.Length) font.Font { return font.From(sans, size) }

func boldFont(size vg.Length) font.Font {
	f := font.From(sans, size)
	f.Weight = stdfont.WeightBold
	return f
}
