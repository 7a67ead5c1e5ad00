package results

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// A Negotiation is one recorded negotiation to chart with
// WriteNegotiationChart: the picture of `winwin negotiate --plot`.
type Negotiation struct {
	// Domain names the domain; Names are the seller's and the buyer's.
	Domain string
	Names  [2]string
	// Prefs are both sides' preferences, seller first.
	Prefs [2]*agents.Preferences
	// Frontier is the Pareto frontier of the preferences (nil: not drawn,
	// and neither is the Nash point).
	Frontier *arena.Frontier
	// Outcome is how it ended, with every move (arena.Setup.Record).
	Outcome *arena.Outcome
}

// Colours of the offers of each side in the negotiation chart: Okabe-Ito
// blue and bluish green, which colour-blind readers tell apart from each
// other and from the deal's magenta and the Nash point's orange.
var sideInk = [2]color.RGBA{{0x00, 0x72, 0xb2, 0xff}, {0x00, 0x9e, 0x73, 0xff}}

// WriteNegotiationChart draws n in utility space and writes it to w in
// format ("png" or "svg"): every outcome in grey (when there are at most
// MaxChartOutcomes), the Pareto frontier, the Nash point, both walk-away
// points, each side's offers in order joined by a line and numbered by
// round, and the deal. An offer that moves along a side's own axis while
// the partner's utility stays put is a concession the partner does not
// value; one that moves away from the frontier leaves value on the table.
func WriteNegotiationChart(w io.Writer, format string, n *Negotiation) error {
	if n.Outcome == nil || n.Prefs[0] == nil || n.Prefs[1] == nil {
		return fmt.Errorf("results: negotiation chart: no recorded negotiation")
	}
	fig := &figure{w: 10.5 * vg.Inch, h: 7.5 * vg.Inch, draw: func(dc draw.Canvas) { drawNegotiation(dc, n) }}
	return fig.render(w, format)
}

// ChartFormatOf returns the chart format of a file name by its extension,
// "png" or "svg", or an error saying which extensions are allowed.
func ChartFormatOf(path string) (string, error) {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	for _, f := range ChartFormats {
		if ext == f {
			return f, nil
		}
	}
	return "", fmt.Errorf("%s: a chart file ends in .png or .svg", path)
}

func drawNegotiation(dc draw.Canvas, n *Negotiation) {
	out := n.Outcome
	res := [2]float64{n.Prefs[0].Reservation, n.Prefs[1].Reservation}
	end := "no deal"
	switch {
	case out.Agreed:
		end = fmt.Sprintf("deal in round %d (%.2f, %.2f)", out.Rounds, out.Utility[0], out.Utility[1])
	case out.WalkAway:
		end = fmt.Sprintf("no deal: the %s walked away in round %d", out.EndedBy, out.Rounds)
	case out.Deadline:
		end = fmt.Sprintf("no deal by the deadline, %d rounds", out.Rounds)
	case out.Fault != nil:
		end = fmt.Sprintf("no deal: %s broke the rules", out.Fault.By)
	}
	dc = header(dc, fmt.Sprintf("One negotiation: %s (seller) vs %s (buyer)", n.Names[0], n.Names[1]),
		fmt.Sprintf("%s; %s. Utilities are each side's own (0 = worst, 1 = best); numbers are rounds", n.Domain, end))
	p := newPlot("", "seller utility", "buyer utility")
	p.Add(lightGrid())
	var entries []legendEntry

	if all := allOutcomes(n.Prefs[0], n.Prefs[1], MaxChartOutcomes); len(all) > 0 {
		if sc, err := plotter.NewScatter(all); err == nil {
			sc.GlyphStyle = draw.GlyphStyle{Color: outcomeGrey, Radius: vg.Points(1.6), Shape: draw.CircleGlyph{}}
			p.Add(sc)
			entries = append(entries, legendEntry{fmt.Sprintf("all %d outcomes", len(all)), []plot.Thumbnailer{sc}})
		}
	}
	if f := n.Frontier; f != nil && len(f.Points) > 0 {
		xys := make(plotter.XYs, len(f.Points))
		for i, pt := range f.Points {
			xys[i] = plotter.XY{X: pt.U[0], Y: pt.U[1]}
		}
		if l, err := plotter.NewLine(xys); err == nil {
			l.LineStyle = draw.LineStyle{Color: frontierInk, Width: vg.Points(1.6)}
			p.Add(l)
			entries = append(entries, legendEntry{"Pareto frontier", []plot.Thumbnailer{l}})
		}
		if nash, ok := f.Nash(res); ok {
			ring, _ := plotter.NewScatter(plotter.XYs{{X: nash.U[0], Y: nash.U[1]}})
			ring.GlyphStyle = draw.GlyphStyle{Color: nashInk, Radius: vg.Points(7), Shape: polyGlyph{pts: diamond}}
			p.Add(ring)
			entries = append(entries, legendEntry{fmt.Sprintf("Nash point, the fair deal (%.2f, %.2f)", nash.U[0], nash.U[1]), []plot.Thumbnailer{ring}})
		}
	}
	var firstRes *plotter.Line
	for r := range res {
		a, b := plotter.XY{X: res[0], Y: 0}, plotter.XY{X: res[0], Y: 1}
		if r == 1 {
			a, b = plotter.XY{X: 0, Y: res[1]}, plotter.XY{X: 1, Y: res[1]}
		}
		if l, err := plotter.NewLine(plotter.XYs{a, b}); err == nil {
			l.LineStyle = draw.LineStyle{Color: reserveInk, Width: vg.Points(1.2), Dashes: reserveDash}
			p.Add(l)
			if firstRes == nil {
				firstRes = l
			}
		}
	}
	if firstRes != nil {
		entries = append(entries, legendEntry{fmt.Sprintf("walk-away points (seller %.2f, buyer %.2f)", res[0], res[1]), []plot.Thumbnailer{firstRes}})
	}

	for side := range 2 {
		var xys plotter.XYs
		var rounds []int
		for i, st := range out.Transcript {
			if int(st.By) != side || st.Move.Kind != agents.MoveOffer {
				continue
			}
			xys = append(xys, plotter.XY{X: st.Utility[0], Y: st.Utility[1]})
			rounds = append(rounds, i/2+1)
		}
		if len(xys) == 0 {
			continue
		}
		l, sc, err := plotter.NewLinePoints(xys)
		if err != nil {
			continue
		}
		l.LineStyle = draw.LineStyle{Color: sideInk[side], Width: vg.Points(1), Dashes: []vg.Length{vg.Points(3), vg.Points(2)}}
		sc.GlyphStyle = draw.GlyphStyle{Color: sideInk[side], Radius: vg.Points(3.2), Shape: strategyGlyphs[side]}
		p.Add(l, sc)
		entries = append(entries, legendEntry{fmt.Sprintf("%s's offers (%s), in order", agents.Role(side), n.Names[side]), []plot.Thumbnailer{l, sc}})
		// Number the offers by round; a side that holds its offer repeats
		// the point, labelled once with the rounds it held: "3–7".
		var pts plotter.XYs
		var texts []string
		for i := 0; i < len(xys); {
			j := i
			for j+1 < len(xys) && xys[j+1] == xys[i] {
				j++
			}
			text := strconv.Itoa(rounds[i])
			if j > i {
				text += "–" + strconv.Itoa(rounds[j])
			}
			pts = append(pts, xys[i])
			texts = append(texts, text)
			i = j + 1
		}
		if lb, err := plotter.NewLabels(plotter.XYLabels{XYs: pts, Labels: texts}); err == nil {
			for i := range lb.TextStyle {
				lb.TextStyle[i] = textStyle(tickSize, false, draw.XLeft, draw.YBottom)
				lb.TextStyle[i].Color = sideInk[side]
			}
			lb.Offset = vg.Point{X: 4, Y: 3}
			if side == 1 {
				lb.Offset = vg.Point{X: -4, Y: -3}
				for i := range lb.TextStyle {
					lb.TextStyle[i].XAlign, lb.TextStyle[i].YAlign = draw.XRight, draw.YTop
				}
			}
			p.Add(lb)
		}
	}
	if out.Agreed {
		if sc, err := plotter.NewScatter(plotter.XYs{{X: out.Utility[0], Y: out.Utility[1]}}); err == nil {
			sc.GlyphStyle = draw.GlyphStyle{Color: dealInk, Radius: vg.Points(6), Shape: draw.CircleGlyph{}}
			p.Add(sc)
			entries = append(entries, legendEntry{fmt.Sprintf("deal (%.2f, %.2f)", out.Utility[0], out.Utility[1]), []plot.Thumbnailer{sc}})
		}
	}
	p.X.Tick.Marker, p.Y.Tick.Marker = niceTicks{n: 10}, niceTicks{n: 10}
	p.X.Min, p.Y.Min = math.Min(p.X.Min, 0), math.Min(p.Y.Min, 0)
	p.X.Max, p.Y.Max = math.Max(p.X.Max, 1), math.Max(p.Y.Max, 1)
	rest := sideLegend(dc, "key", entries)
	p.Draw(rest)
}
