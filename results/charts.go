package results

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sync/semaphore"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/winwin-sim/winwin/arena"
)

// Charts are the charts of a run folder, in the order the report shows
// them: this table is the one place a chart is named, drawn and
// explained. The run draws every entry (ChartJobs), the report shows each
// with its Title and Caption in this order, and a new chart is one entry
// here (its draw function in a file chart_NAME.go of its own, if long).
var Charts = []Chart{
	{
		Name:    "ranking",
		Title:   "One-shot against long-run payoff",
		Caption: "Each strategy's mean payoff per relationship, with 95% confidence intervals: from the first deal alone (one-shot) and from every deal, discounted (long-run). A strategy that ranks high one-shot and low long-run wins deals and loses customers.",
		draw:    rankingChart,
	},
	{
		Name:    "cumulative",
		Title:   "Cumulative long-run payoff by deal",
		Caption: "The mean payoff earned up to each deal, later deals discounted. Lines that keep climbing belong to strategies whose partners keep coming back; flat lines, to relationships that ended. With many strategies, each gets its own panel, the others in grey behind it.",
		draw:    cumulativeChart,
	},
	{
		Name:    "survival",
		Title:   "How long relationships last",
		Caption: "The share of each strategy's relationships still going at each deal: the partner came back every time so far.",
		draw:    survivalChart,
	},
	{
		Name:    "heatmap",
		Title:   "Who does well against whom",
		Caption: "Each strategy's long-run payoff (a row) with each partner (a column), as seller and as buyer together; darker is more. Read along a row to see how one strategy fares with each partner. pairs.csv has each role's figure.",
		draw:    heatmapChart,
	},
	{
		Name:    "classes",
		Title:   "How each strategy's negotiations end",
		Caption: "The share of each strategy's negotiations in each outcome class, from its own seat: win-win (both won), it won and the partner lost, it lost and the partner won, lose-lose (a deal neither won), and no deal. A side wins a deal that gives it at least half its fair share of the surplus. No deal is its own class, not a loss: where no zone of agreement exists, walking away is right (the tables split no deals by reason).",
		draw:    classesChart,
	},
	{
		Name:    "winwin-deals",
		Title:   "Win-win deals and repeat business",
		Caption: "One point per strategy: how often its negotiations end with both sides winning (up), against how many deals its relationships last (right). The article's claim is that deals both sides feel good about bring the partner back; this chart shows how far the run bears it out.",
		draw:    winWinChart,
	},
	{
		Name:        "outcome-space",
		Title:       "One relationship's outcome space",
		Caption:     "Every possible deal as a point (its value to the seller, its value to the buyer), the Pareto frontier where no side can gain without the other losing, the Nash point (the fair and efficient deal), the walk-away points and the deals actually made. Deals below the frontier leave value on the table.",
		drawSamples: outcomeChart,
	},
	// The word-of-mouth market's charts (a run with a [market] table).
	{
		Name:    "market-share",
		Title:   "Market share when new clients come by word of mouth",
		Caption: "Each strategy's share of all customers, period by period, stacked. Customers come back as the tournament's partners do, review their deals, refer friends when pleased and warn them off when not; newcomers and switchers choose a seller by reputation, and a new client costs its seller more than a returning one.",
		Market:  true,
		draw:    marketShareChart,
	},
	{
		Name:    "market-customers",
		Title:   "Customer base",
		Caption: "How many customers each seller of a strategy dealt with in each period.",
		Market:  true,
		draw:    marketCustomersChart,
	},
	{
		Name:    "market-reputation",
		Title:   "Reputation",
		Caption: "A seller's public reputation, the running average of how its customers felt about their deals, which newcomers and switchers choose by.",
		Market:  true,
		draw:    marketReputationChart,
	},
	{
		Name:    "market-profit",
		Title:   "Cumulative profit",
		Caption: "Each seller's discounted surplus from its deals minus what it paid to win customers, summed up to each period.",
		Market:  true,
		draw:    marketProfitChart,
	},
	{
		Name:    "market-sources",
		Title:   "Where customers came from",
		Caption: "The share of each strategy's customer-periods that were repeat business, customers referred by a pleased customer, and customers won by choice (which cost the most).",
		Market:  true,
		draw:    marketSourcesChart,
	},
}

// A Chart is one entry of Charts: a figure drawn from an aggregate, and
// what the report says of it.
type Chart struct {
	// Name is the chart's file name without its extension: the run
	// folder holds Name.png and Name.svg.
	Name string
	// Title and Caption are the report's heading of the chart and the
	// text that tells a reader how to read it. (The image carries its
	// own, more technical heading, drawn by draw.)
	Title, Caption string
	// Market marks the charts of a word-of-mouth market (Aggregate.Market):
	// drawn only for a run that played one.
	Market bool
	// draw returns the figure of agg, or nil when agg holds nothing it
	// could show; drawSamples, set instead for a chart drawn from the
	// run's samples alone, the figure of agg.Samples().
	draw        func(agg *Aggregate) *figure
	drawSamples func(samples []*arena.RelationshipRecord) *figure
}

// ChartFormats are the formats WriteCharts can write.
var ChartFormats = []string{"png", "svg"}

// chartDPI is the resolution of PNG charts.
const chartDPI = 120

// MaxChartPixels is the most pixels a PNG chart has. Charts are at most
// 12 inches wide but grow in height with the entrants: one that would have
// more pixels at chartDPI (the heat map of more than about 140 entrants,
// the outcome classes of more than about 160) is drawn at the highest
// whole DPI that fits; its SVG, which the report shows, keeps every
// detail. Drawing a PNG takes 8 bytes a pixel for a moment (the drawing
// library copies the blank image it is given), and the charts ChartJobs
// draws at once share this budget, weighed by their pixels in either
// format, so that drawing charts takes about 100 MB at most, however many
// entrants and workers: the heat map, outcome classes and ranking PNGs of
// 200 entrants, drawn at once at full size, took 350 MB.
const MaxChartPixels = 12 << 20

// bigChart is the size from which a PNG chart's image is collected as
// soon as it is written: 4 megapixels, 32 MB while it is drawn.
const bigChart = 4 << 20

// WriteCharts draws the charts of agg (the entries of Charts, in order)
// into dir, each in every one of formats ("png", "svg"), atomically, and
// returns the paths written. A chart that agg gives nothing to draw (the
// outcome space, when nothing was aggregated) is skipped.
//
// A strategy has the same colour, dash and marker in every chart (Color).
// The same aggregate gives the same bytes: the charts use the Liberation
// fonts embedded in gonum/plot and carry no timestamps.
func WriteCharts(dir string, agg *Aggregate, formats []string) ([]string, error) {
	jobs, err := ChartJobs(dir, agg, formats)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, j := range jobs {
		if err := j.Write(); err != nil {
			return paths, err
		}
		paths = append(paths, j.Path)
	}
	return paths, nil
}

// A ChartJob writes one chart file, atomically.
type ChartJob struct {
	Path  string
	Write func() error
	// Pixels is the chart's size as a PNG, width × height: what its
	// raster costs to render, roughly (see writeOutputs).
	Pixels int64
	// Samples says the chart is drawn from the run's samples alone
	// (Aggregate.Samples): SampleChartJobs gives its job too.
	Samples bool
}

// ChartJobs returns the chart files WriteCharts writes, in its order, as
// jobs that touch nothing but their own file: a caller with cores to spare
// may run them in any order or at once. agg must not change meanwhile.
func ChartJobs(dir string, agg *Aggregate, formats []string) ([]ChartJob, error) {
	return chartJobs(dir, formats, func(c Chart) *figure {
		if c.drawSamples != nil {
			return c.drawSamples(agg.Samples())
		}
		return c.draw(agg)
	})
}

// SampleChartJobs returns the jobs of the charts drawn from a run's
// samples alone (the outcome space), as ChartJobs gives them for an
// aggregate whose Samples are samples: a run writes them with its
// samples.json while its last relationships play.
func SampleChartJobs(dir string, samples []*arena.RelationshipRecord, formats []string) ([]ChartJob, error) {
	return chartJobs(dir, formats, func(c Chart) *figure {
		if c.drawSamples == nil {
			return nil
		}
		return c.drawSamples(samples)
	})
}

// chartJobs returns the jobs of the charts that figure draws (those it
// gives nil are skipped), in the order of Charts.
func chartJobs(dir string, formats []string, figure func(Chart) *figure) ([]ChartJob, error) {
	for _, f := range formats {
		if !slices.Contains(ChartFormats, f) {
			return nil, fmt.Errorf("results: chart format %q not supported (use one of %q)", f, ChartFormats)
		}
	}
	var jobs []ChartJob
	// Charts drawn at once share MaxChartPixels, weighed by their pixels
	// in either format: a PNG's image, and the plots an SVG of the same
	// size draws (the small multiples of 200 entrants build 60 MB of
	// them). A run with many workers draws its biggest charts one after
	// the other, not at once.
	pixels := semaphore.NewWeighted(MaxChartPixels)
	for _, c := range Charts {
		fig := figure(c)
		if fig == nil {
			continue
		}
		w, h := fig.pixels()
		size := int64(w) * int64(h)
		for _, f := range formats {
			path := filepath.Join(dir, c.Name+"."+f)
			jobs = append(jobs, ChartJob{Path: path, Samples: c.drawSamples != nil, Pixels: size, Write: func() error {
				n := min(size, MaxChartPixels)
				// Acquire fails only on a cancelled context.
				_ = pixels.Acquire(context.Background(), n)
				defer pixels.Release(n)
				if n >= bigChart {
					// Collect the chart's memory now: the heap goal the
					// garbage collector set while it was live (twice
					// the live heap, the chart's included) would
					// otherwise let the heap grow that far again.
					defer runtime.GC()
				}
				if err := WriteFileAtomic(path, func(w io.Writer) error { return fig.render(w, f) }); err != nil {
					return fmt.Errorf("results: chart %s: %w", c.Name, err)
				}
				return nil
			}})
		}
	}
	return jobs, nil
}

// A figure is a chart of a given size drawn by a function.
type figure struct {
	w, h vg.Length
	draw func(dc draw.Canvas)
}

// dpi returns the resolution c is drawn at as a PNG: chartDPI, or less
// for a figure that would have more than MaxChartPixels.
func (c *figure) dpi() int {
	dpi := chartDPI
	for dpi > 1 && pixelsAt(c.w, c.h, dpi) > MaxChartPixels {
		dpi--
	}
	return dpi
}

// pixels returns the width and height of c as a PNG.
func (c *figure) pixels() (w, h int) {
	dpi := c.dpi()
	return dots(c.w, dpi), dots(c.h, dpi)
}

// dots returns the pixels of length l at dpi, rounded as vgimg rounds.
func dots(l vg.Length, dpi int) int { return int(l/vg.Inch*vg.Length(dpi) + 0.5) }

// pixelsAt returns the pixels of a w×h figure at dpi.
func pixelsAt(w, h vg.Length, dpi int) int64 { return int64(dots(w, dpi)) * int64(dots(h, dpi)) }

// gcPaused serialises newPNGCanvas's pauses of the garbage collector.
var gcPaused sync.Mutex

// newPNGCanvas returns a blank white PNG canvas of w×h at dpi. vgimg makes
// the image, then its drawing context makes a copy and drops the first:
// for a big chart, newPNGCanvas keeps the garbage collector from starting
// a cycle in between, which would count both images as live and let the
// heap grow to twice that before the next (a 96-entrant run peaked 60 MB
// higher for it).
func newPNGCanvas(w, h vg.Length, dpi int) vgimg.PngCanvas {
	if pixelsAt(w, h, dpi) >= bigChart {
		gcPaused.Lock()
		defer gcPaused.Unlock()
		defer debug.SetGCPercent(debug.SetGCPercent(-1))
	}
	return vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(color.White))}
}

// render draws c in format to w.
func (c *figure) render(w io.Writer, format string) (err error) {
	var cw vg.CanvasWriterTo
	switch format {
	case "png":
		cw = newPNGCanvas(c.w, c.h, c.dpi())
	case "svg":
		cw = vgsvg.New(c.w, c.h)
	default:
		return fmt.Errorf("format %q not supported", format)
	}
	defer func() {
		// gonum/plot panics on some degenerate input; a chart must not
		// take the run's other outputs down with it.
		if p := recover(); p != nil {
			err = fmt.Errorf("drawing: %v", p)
		}
	}()
	dc := draw.New(cw)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	c.draw(draw.Crop(dc, margin, -margin, margin, -margin))
	var buf bytes.Buffer
	if _, err := cw.WriteTo(&buf); err != nil {
		return err
	}
	b := buf.Bytes()
	if format == "svg" {
		b = svgFontFallback(b)
	}
	_, err = w.Write(b)
	return err
}

// svgFontFallback lets SVG viewers without the Liberation fonts fall back
// to the metric-compatible Arial or to any sans-serif font, rather than to
// their default serif font.
func svgFontFallback(b []byte) []byte {
	return bytes.ReplaceAll(b, []byte("font-family:Liberation Sans;"), []byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
}

// Layout lengths.
const (
	margin    = vg.Length(10)
	gap       = vg.Length(12)
	thumbSize = vg.Length(30)
)

// textStyle returns a text style in the charts' font.
func textStyle(f vg.Length, bold bool, xa text.XAlignment, ya text.YAlignment) text.Style {
	fnt := sansFont(f)
	if bold {
		fnt = boldFont(f)
	}
	return text.Style{Color: color.Black, Font: fnt, XAlign: xa, YAlign: ya, Handler: plot.DefaultTextHandler}
}

// header draws a figure's title and note across the top of dc and returns
// the space left below.
func header(dc draw.Canvas, title, note string) draw.Canvas {
	y := dc.Max.Y
	ts := textStyle(titleSize, true, draw.XCenter, draw.YTop)
	dc.FillText(ts, vg.Point{X: dc.Center().X, Y: y}, title)
	y -= ts.Height(title) + 4
	if note != "" {
		ns := textStyle(noteSize, false, draw.XCenter, draw.YTop)
		ns.Color = color.Gray{Y: 0x40}
		for _, line := range wrapText(ns, note, dc.Max.X-dc.Min.X) {
			dc.FillText(ns, vg.Point{X: dc.Center().X, Y: y}, line)
			y -= ns.Height(line)
		}
	}
	dc.Max.Y = y - gap
	return dc
}

// wrapText breaks s into lines no wider than width in style ts, at
// spaces.
func wrapText(ts text.Style, s string, width vg.Length) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && ts.Width(line+" "+w) > width {
			lines = append(lines, line)
			line = w
			continue
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}

// A legendEntry is one line of a side legend.
type legendEntry struct {
	label  string
	thumbs []plot.Thumbnailer
}

// sideLegend draws a legend with a heading in a column at the right of dc,
// outside the plotting area, and returns the space left of it.
func sideLegend(dc draw.Canvas, heading string, entries []legendEntry) draw.Canvas {
	l := plot.NewLegend()
	l.TextStyle = textStyle(legendSize, false, draw.XLeft, draw.YBottom)
	l.Top, l.Left = true, true
	l.ThumbnailWidth = thumbSize
	l.Padding = 6
	hs := textStyle(legendSize, true, draw.XLeft, draw.YTop)
	width := hs.Width(heading)
	for _, e := range entries {
		l.Add(e.label, e.thumbs...)
		width = max(width, thumbSize+l.TextStyle.Width(" "+e.label))
	}
	col := dc
	col.Min.X = dc.Max.X - width
	col.FillText(hs, vg.Point{X: col.Min.X, Y: col.Max.Y}, heading)
	col.Max.Y -= hs.Height(heading) + 6
	l.Draw(col)
	dc.Max.X = col.Min.X - gap
	return dc
}

// newPlot returns a plot in the charts' style.
func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle = textStyle(labelSize, true, draw.XCenter, draw.YTop)
	p.Title.Padding = 6
	p.X.Label.Text, p.Y.Label.Text = xlabel, ylabel
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = sansFont(labelSize)
		ax.Label.Padding = 4
		ax.Tick.Label.Font = sansFont(tickSize)
	}
	p.Legend.TextStyle.Font = sansFont(legendSize)
	return p
}

// lightGrid returns a faint grid for the background of a plot.
func lightGrid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{Y: 0xe0}
	g.Horizontal.Color = color.Gray{Y: 0xe0}
	g.Vertical.Width, g.Horizontal.Width = 0.6, 0.6
	return g
}

// intTicks marks whole numbers (periods) at a round step, at most most
// steps across (12 when most is 0).
type intTicks struct{ most int }

// Ticks implements plot.Ticker.
func (t intTicks) Ticks(lo, hi float64) []plot.Tick {
	most := t.most
	if most <= 0 {
		most = 12
	}
	step := 1.0
	for _, s := range []float64{1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000} {
		step = s
		if (hi-lo)/s <= float64(most) {
			break
		}
	}
	var ticks []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi; v += step {
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	return ticks
}

// niceTicks marks about n round values (steps of 1, 2, 2.5 or 5 times a
// power of ten), with unlabelled minor ticks between them.
type niceTicks struct{ n int }

// Ticks implements plot.Ticker.
func (t niceTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return []plot.Tick{{Value: lo, Label: strconv.FormatFloat(lo, 'g', 4, 64)}}
	}
	raw := (hi - lo) / float64(max(t.n, 2))
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step, prec := 10*mag, 0
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw*(1-1e-9) {
			step = m * mag
			prec = max(0, -int(math.Floor(math.Log10(step)+1e-9)))
			if m == 2.5 {
				prec++
			}
			break
		}
	}
	var ticks []plot.Tick
	first := math.Ceil(lo/step-1e-9) * step
	if minor := first - step/2; minor >= lo {
		ticks = append(ticks, plot.Tick{Value: minor})
	}
	for i := 0; ; i++ {
		v := first + float64(i)*step
		if v > hi+step*1e-9 {
			break
		}
		label := strconv.FormatFloat(v, 'f', prec, 64)
		if strings.Trim(label, "-0.") == "" {
			label = strings.TrimPrefix(label, "-")
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: label})
		if m := v + step/2; m <= hi {
			ticks = append(ticks, plot.Tick{Value: m})
		}
	}
	return ticks
}

// A series is one strategy's line in a line chart.
type series struct {
	entrant int
	name    string
	xys     plotter.XYs
}

// lineChart draws one line per series with markers, and a legend outside
// the plot listing the series by their last value, highest first. With
// more than maxLines series one chart would bury them under each other,
// so it draws small multiples instead (smallMultiples).
func lineChart(title, note, xlabel, ylabel string, ss []series, yRange func(p *plot.Plot)) *figure {
	if len(ss) == 0 {
		return nil
	}
	if len(ss) > maxLines {
		return smallMultiples(title, note, xlabel, ylabel, ss, yRange)
	}
	return &figure{w: 11 * vg.Inch, h: 6.5 * vg.Inch, draw: func(dc draw.Canvas) {
		dc = header(dc, title, note)
		p := newPlot("", xlabel, ylabel)
		p.Add(lightGrid())
		type entry struct {
			last float64
			e    legendEntry
			ent  int
		}
		var entries []entry
		for _, s := range ss {
			l, err := plotter.NewLine(s.xys)
			if err != nil {
				continue
			}
			l.LineStyle = lineStyle(s.entrant)
			marks := markerPoints(s.xys)
			sc, err := plotter.NewScatter(marks)
			if err != nil {
				continue
			}
			sc.GlyphStyle = glyphStyle(s.entrant)
			p.Add(l, sc)
			last := s.xys[len(s.xys)-1].Y
			entries = append(entries, entry{last: last, ent: s.entrant,
				e: legendEntry{label: fmt.Sprintf("%s (%.2f)", s.name, last), thumbs: []plot.Thumbnailer{l, sc}}})
		}
		slices.SortStableFunc(entries, func(a, b entry) int { return cmp.Or(-cmp.Compare(a.last, b.last), cmp.Compare(a.ent, b.ent)) })
		les := make([]legendEntry, len(entries))
		for i, e := range entries {
			les[i] = e.e
		}
		p.X.Tick.Marker = intTicks{}
		p.Y.Tick.Marker = niceTicks{n: 8}
		p.X.Min, p.X.Max = 1, math.Max(p.X.Max, 2)
		if yRange != nil {
			yRange(p)
		}
		rest := sideLegend(dc, "strategy (last value)", les)
		p.Draw(rest)
	}}
}

// maxLines is the most lines one line chart draws; more become small
// multiples.
const maxLines = 6

// smallMultiples draws one small panel per series, highest last value
// first, on shared axes: the series in its colour over the others in
// light grey, so each line can be read on its own and against the field.
func smallMultiples(title, note, xlabel, ylabel string, ss []series, yRange func(p *plot.Plot)) *figure {
	order := make([]int, len(ss))
	for i := range order {
		order[i] = i
	}
	last := func(s series) float64 { return s.xys[len(s.xys)-1].Y }
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(-cmp.Compare(last(ss[a]), last(ss[b])), cmp.Compare(ss[a].entrant, ss[b].entrant))
	})
	cols := 4
	if len(ss) <= 9 {
		cols = 3
	}
	rows := (len(ss) + cols - 1) / cols
	// The shared axes span every series.
	xmax, ylo, yhi := 2.0, math.Inf(1), math.Inf(-1)
	for _, s := range ss {
		for _, p := range s.xys {
			xmax = math.Max(xmax, p.X)
			ylo, yhi = math.Min(ylo, p.Y), math.Max(yhi, p.Y)
		}
	}
	h := 1.4*vg.Inch + vg.Length(rows)*2.7*vg.Inch
	return &figure{w: maxChartWidth, h: h, draw: func(dc draw.Canvas) {
		dc = header(dc, title, note+"; one panel per strategy, the others in grey behind it")
		plots := make([][]*plot.Plot, rows)
		for r := range plots {
			plots[r] = make([]*plot.Plot, cols)
		}
		// Each series in grey, made once and shared by the panels that
		// show it behind their own (drawing reads it only): n lines, not
		// n², which at 200 entrants would take 25 MB.
		grey := make([]*plotter.Line, len(ss))
		for j, o := range ss {
			if l, err := plotter.NewLine(o.xys); err == nil {
				l.LineStyle = draw.LineStyle{Color: color.Gray{Y: 0xc8}, Width: vg.Points(1)}
				grey[j] = l
			}
		}
		for k, i := range order {
			s := ss[i]
			p := newPlot(fmt.Sprintf("%s (%.2f)", s.name, last(s)), "", "")
			p.Title.TextStyle = textStyle(labelSize, true, draw.XCenter, draw.YTop)
			p.Title.TextStyle.Color = Color(s.entrant)
			p.Add(lightGrid())
			for j, l := range grey {
				if j != i && l != nil {
					p.Add(l)
				}
			}
			if l, err := plotter.NewLine(s.xys); err == nil {
				l.LineStyle = lineStyle(s.entrant)
				l.LineStyle.Width = vg.Points(2.6)
				l.LineStyle.Dashes = nil
				p.Add(l)
			}
			// A small panel holds ten one-digit labels, fewer of two digits.
			p.X.Tick.Marker = intTicks{most: 10}
			if xmax >= 20 {
				p.X.Tick.Marker = intTicks{most: 5}
			}
			p.Y.Tick.Marker = niceTicks{n: 4}
			p.X.Min, p.X.Max = 1, xmax
			p.Y.Min, p.Y.Max = ylo, yhi
			if yRange != nil {
				yRange(p)
			}
			r, c := k/cols, k%cols
			if r == rows-1 || k+cols >= len(ss) {
				p.X.Label.Text = xlabel
			}
			if c == 0 {
				p.Y.Label.Text = ylabel
			}
			plots[r][c] = p
		}
		cs := plot.Align(plots, draw.Tiles{Rows: rows, Cols: cols, PadX: gap, PadY: gap}, dc)
		for r := range plots {
			for c, p := range plots[r] {
				if p != nil {
					p.Draw(cs[r][c])
				}
			}
		}
	}}
}

// markerPoints thins a line's points to at most about a dozen markers.
func markerPoints(xys plotter.XYs) plotter.XYs {
	step := max(1, (len(xys)+11)/12)
	var m plotter.XYs
	for i := 0; i < len(xys); i += step {
		m = append(m, xys[i])
	}
	return m
}

// periodSeries collects one series per entrant from the period rows.
func periodSeries(agg *Aggregate, y func(r *PeriodRow) float64) []series {
	var ss []series
	rows := agg.PeriodRows()
	for i := 0; i < len(rows); {
		j := i
		s := series{entrant: rows[i].Entrant, name: rows[i].Strategy}
		for ; j < len(rows) && rows[j].Entrant == rows[i].Entrant; j++ {
			if v := y(&rows[j]); !math.IsNaN(v) && !math.IsInf(v, 0) {
				s.xys = append(s.xys, plotter.XY{X: float64(rows[j].Period + 1), Y: v})
			}
		}
		if len(s.xys) > 0 {
			ss = append(ss, s)
		}
		i = j
	}
	return ss
}

// cumulativeChart draws the mean cumulative discounted payoff by period,
// one line per strategy.
func cumulativeChart(agg *Aggregate) *figure {
	note := fmt.Sprintf("mean payoff so far, each deal discounted by %g a deal; deal 1 is the one-shot payoff, the last deal the long-run payoff", agg.Discount())
	return lineChart("Cumulative long-run payoff by deal", note,
		"deal", "payoff so far",
		periodSeries(agg, func(r *PeriodRow) float64 { return r.Cumulative.Mean }),
		func(p *plot.Plot) { p.Y.Min = math.Min(p.Y.Min, 0) })
}

// survivalChart draws the share of each strategy's relationships still
// alive by period.
func survivalChart(agg *Aggregate) *figure {
	return lineChart("Relationship survival by strategy",
		"share of each strategy's relationships (both roles) still dealing at each deal; a relationship ends when either side does not come back",
		"deal", "share still dealing",
		periodSeries(agg, func(r *PeriodRow) float64 { return r.Alive }),
		func(p *plot.Plot) { p.Y.Min, p.Y.Max = 0, 1 })
}

// rankingChart draws one-shot and long-run payoffs side by side, mean and
// 95% confidence interval, strategies sorted by long-run payoff.
func rankingChart(agg *Aggregate) *figure {
	rows := agg.Summary()
	if len(rows) == 0 || rows[0].Relationships == 0 {
		return nil
	}
	n := len(rows)
	h := max(4.5*vg.Inch, 1.9*vg.Inch+vg.Length(n)*0.36*vg.Inch)
	return &figure{w: 12 * vg.Inch, h: h, draw: func(dc draw.Canvas) {
		dc = header(dc, "One-shot vs long-run ranking",
			"strategies sorted by long-run payoff; point = mean over relationships, bar = 95% confidence interval, #k = rank")
		left := rankPanel(rows, "One-shot payoff (deal 1)", "mean surplus of the first deal",
			func(r *StrategyRow) (Estimate, int) { return r.OneShot, r.OneShotRank }, true)
		right := rankPanel(rows, "Long-run payoff (every deal)", fmt.Sprintf("mean surplus over the relationship, each deal discounted by %g", agg.Discount()),
			func(r *StrategyRow) (Estimate, int) { return r.LongRun, r.LongRunRank }, false)
		cs := plot.Align([][]*plot.Plot{{left, right}}, draw.Tiles{Rows: 1, Cols: 2, PadX: 2 * gap}, dc)
		left.Draw(cs[0][0])
		right.Draw(cs[0][1])
	}}
}

// rankPanel draws one payoff of every strategy as a point with its
// confidence interval, the first row at the top.
func rankPanel(rows []StrategyRow, title, xlabel string, get func(*StrategyRow) (Estimate, int), names bool) *plot.Plot {
	p := newPlot(title, xlabel, "")
	p.Add(lightGrid())
	n := len(rows)
	ticks := make([]plot.Tick, n)
	var labels plotter.XYLabels
	var styles []text.Style
	for i := range rows {
		r := &rows[i]
		y := float64(n - 1 - i)
		ticks[i] = plot.Tick{Value: y}
		if names {
			ticks[i].Label = r.Strategy
		}
		est, rank := get(r)
		if math.IsNaN(est.Mean) {
			continue
		}
		end := est.Mean
		if !math.IsNaN(est.Low) {
			bars, err := plotter.NewXErrorBars(ciBar{x: est.Mean, y: y, lo: est.Mean - est.Low, hi: est.High - est.Mean})
			if err == nil {
				bars.LineStyle = draw.LineStyle{Color: Color(r.Entrant), Width: vg.Points(1.8)}
				bars.CapWidth = vg.Points(9)
				p.Add(bars)
				end = est.High
			}
		}
		sc, err := plotter.NewScatter(plotter.XYs{{X: est.Mean, Y: y}})
		if err != nil {
			continue
		}
		sc.GlyphStyle = glyphStyle(r.Entrant)
		sc.GlyphStyle.Radius = vg.Points(4.5)
		p.Add(sc)
		labels.XYs = append(labels.XYs, plotter.XY{X: end, Y: y})
		labels.Labels = append(labels.Labels, fmt.Sprintf("#%d", rank))
		st := textStyle(tickSize, true, draw.XLeft, draw.YCenter)
		st.Color = Color(r.Entrant)
		styles = append(styles, st)
	}
	if len(labels.XYs) > 0 {
		if l, err := plotter.NewLabels(labels); err == nil {
			l.TextStyle = styles
			l.Offset = vg.Point{X: 7, Y: 1.5}
			p.Add(l)
		}
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	p.X.Tick.Marker = niceTicks{n: 6}
	// The axis spans the intervals, not zero: what matters is how the
	// strategies compare and whether their intervals overlap.
	if p.X.Max <= p.X.Min {
		p.X.Min, p.X.Max = p.X.Min-0.5, p.X.Min+0.5
	}
	return p
}

// ciBar is one point with an asymmetric horizontal error.
type ciBar struct{ x, y, lo, hi float64 }

func (b ciBar) Len() int                       { return 1 }
func (b ciBar) XY(int) (float64, float64)      { return b.x, b.y }
func (b ciBar) XError(int) (low, high float64) { return b.lo, b.hi }
