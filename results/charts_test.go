package results

import (
	"bytes"
	"flag"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/market"
)

var chartsOut = flag.String("charts-out", "", "also write the test charts into this folder, to look at them")

// chartAggregate aggregates a synthetic tournament of n entrants.
func chartAggregate(n int) *Aggregate {
	recs := synthRecords(synthOptions{entrants: n, rels: 40, periods: 10, seed: 7, faultRate: 0.01,
		sample: func(pair, rel int) bool { return rel == 3 }})
	agg := NewAggregate(synthNames[:n], 10, 0.9)
	for _, r := range recs {
		agg.Add(r)
	}
	return agg
}

func TestWriteChartsDeterministic(t *testing.T) {
	agg := chartAggregate(4)
	var dirs [2]string
	var paths [2][]string
	for i := range dirs {
		dirs[i] = t.TempDir()
		var err error
		paths[i], err = WriteCharts(dirs[i], agg, ChartFormats)
		if err != nil {
			t.Fatal(err)
		}
	}
	// Every entry of the table is drawn, in every format, in order.
	var want []string
	for _, c := range Charts {
		if c.Market {
			continue // a run without a market draws none of them
		}
		for _, f := range ChartFormats {
			want = append(want, c.Name+"."+f)
		}
	}
	var got []string
	for _, p := range paths[0] {
		got = append(got, filepath.Base(p))
	}
	if !slices.Equal(got, want) {
		t.Fatalf("charts = %v, want %v", got, want)
	}
	for _, name := range want {
		a, err := os.ReadFile(filepath.Join(dirs[0], name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dirs[1], name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two writes of the same data", name)
		}
		switch filepath.Ext(name) {
		case ".png":
			img, err := png.Decode(bytes.NewReader(a))
			if err != nil {
				t.Errorf("%s: %v", name, err)
			} else if w := img.Bounds().Dx(); w < 900 {
				t.Errorf("%s is %d pixels wide, want a readable size", name, w)
			}
		case ".svg":
			s := string(a)
			if !strings.HasPrefix(s, "<?xml") || !strings.Contains(s, "</svg>") {
				t.Errorf("%s is not a complete SVG", name)
			}
			if !strings.Contains(s, "sans-serif") {
				t.Errorf("%s has no font fallback", name)
			}
			// Every strategy is named in every chart but the outcome space.
			if !strings.HasPrefix(name, "outcome-space") {
				for _, n := range agg.Names() {
					if !strings.Contains(s, ">"+n) {
						t.Errorf("%s does not name strategy %s", name, n)
					}
				}
			}
		}
	}
}

func TestChartsUseEntrantColours(t *testing.T) {
	agg := chartAggregate(3)
	dir := t.TempDir()
	if _, err := WriteCharts(dir, agg, []string{"svg"}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"cumulative", "ranking", "survival"} {
		b, err := os.ReadFile(filepath.Join(dir, name+".svg"))
		if err != nil {
			t.Fatal(err)
		}
		for i := range agg.Names() {
			c := Color(i)
			hex := fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B)
			if !bytes.Contains(b, []byte(hex)) {
				t.Errorf("%s does not use entrant %d's colour %s", name, i, hex)
			}
		}
	}
}

func TestWriteChartsErrorsAndEmpty(t *testing.T) {
	if _, err := WriteCharts(t.TempDir(), chartAggregate(2), []string{"gif"}); err == nil {
		t.Error("unknown format: no error")
	}
	// Nothing aggregated: no chart, no error.
	paths, err := WriteCharts(t.TempDir(), NewAggregate([]string{"a", "b"}, 3, 0.9), ChartFormats)
	if err != nil || len(paths) != 0 {
		t.Errorf("empty aggregate: charts %v, error %v", paths, err)
	}
	// One relationship of one period, without preferences or frontier:
	// degenerate ranges and missing parts must not break the charts.
	agg := NewAggregate([]string{"a", "b"}, 1, 0.9)
	agg.Add(&arena.RelationshipRecord{Pair: arena.Pair{Seller: 0, Buyer: 1}, Names: [2]string{"a", "b"},
		Periods: []arena.PeriodRecord{{}}})
	paths, err = WriteCharts(t.TempDir(), agg, ChartFormats)
	if err != nil {
		t.Errorf("degenerate aggregate: %v", err)
	}
	// Without a frontier or preferences there is no outcome space to draw.
	if len(paths) != 2*(len(Charts)-1-marketCharts()) || slices.ContainsFunc(paths, func(p string) bool { return strings.Contains(p, "outcome-space") }) {
		t.Errorf("degenerate aggregate charts = %v, want all the others", paths)
	}
}

func TestPalette(t *testing.T) {
	seen := map[[3]uint8]bool{}
	for i := range len(strategyColors) {
		c := Color(i)
		k := [3]uint8{c.R, c.G, c.B}
		if seen[k] {
			t.Errorf("colour %d repeats", i)
		}
		seen[k] = true
	}
	if Color(-1) != Color(len(strategyColors)-1) || Color(len(strategyColors)) != Color(0) {
		t.Error("palette does not cycle")
	}
	// Beyond the colours, dash or marker still tell entrants apart.
	for i := range len(strategyColors) {
		j := i + len(strategyColors)
		if fmt.Sprint(lineStyle(i).Dashes) == fmt.Sprint(lineStyle(j).Dashes) && glyphStyle(i).Shape == glyphStyle(j).Shape {
			t.Errorf("entrants %d and %d look the same", i, j)
		}
	}
}

func TestCompressRuns(t *testing.T) {
	tests := []struct {
		in   []int
		want string
	}{
		{[]int{0}, "0"},
		{[]int{0, 1, 2, 5}, "0–2, 5"},
		{[]int{1, 3, 4}, "1, 3–4"},
	}
	for _, tt := range tests {
		if got := compressRuns(tt.in); got != tt.want {
			t.Errorf("compressRuns(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNiceTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		n      int
		want   string
	}{
		{0, 1, 10, "0.0 0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9 1.0"},
		{0.24, 0.33, 6, "0.24 0.26 0.28 0.30 0.32"},
		{-1, 1.6, 6, "-1.0 -0.5 0.0 0.5 1.0 1.5"},
		{0, 10, 4, "0.0 2.5 5.0 7.5 10.0"},
	}
	for _, tt := range tests {
		var labels []string
		for _, tk := range (niceTicks{n: tt.n}).Ticks(tt.lo, tt.hi) {
			if tk.Label != "" {
				labels = append(labels, tk.Label)
			}
		}
		if got := strings.Join(labels, " "); got != tt.want {
			t.Errorf("ticks of [%v, %v] = %s, want %s", tt.lo, tt.hi, got, tt.want)
		}
	}
}

func TestWriteChartsPreview(t *testing.T) {
	if *chartsOut == "" {
		t.Skip("no -charts-out folder")
	}
	for _, n := range []int{3, 12} {
		dir := filepath.Join(*chartsOut, fmt.Sprint(n))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		paths, err := WriteCharts(dir, chartAggregate(n), ChartFormats)
		if err != nil {
			t.Fatal(err)
		}
		t.Log(paths)
	}
}

// Every chart has a name fit for a file, unlike the others', a title, a
// caption and a draw function.
func TestChartsTable(t *testing.T) {
	seen := map[string]bool{}
	for i, c := range Charts {
		if c.Name == "" || c.Name != sanitizeName(c.Name) || seen[c.Name] {
			t.Errorf("chart %d: name %q is empty, unfit for a file name or taken", i, c.Name)
		}
		seen[c.Name] = true
		if c.Title == "" || c.Caption == "" || (c.draw == nil) == (c.drawSamples == nil) {
			t.Errorf("chart %q: title %q, caption %q, one draw function set: %v", c.Name, c.Title, c.Caption, (c.draw == nil) != (c.drawSamples == nil))
		}
	}
}

// marketCharts counts the charts of a word-of-mouth market.
func marketCharts() int {
	n := 0
	for _, c := range Charts {
		if c.Market {
			n++
		}
	}
	return n
}

// ProjectorWidth is the width, in CSS pixels, at which the report shows
// every chart on a 1280-pixel screen (report.html's figure width; the
// browser check measures it).
const projectorWidth = 1080

// TestChartsLegibleOnProjector: every piece of text in every chart is at
// least 14 pixels high when the report shows the chart at projectorWidth,
// for a field as large as the classic tournament's and larger.
func TestChartsLegibleOnProjector(t *testing.T) {
	fontSize := regexp.MustCompile(`font-size:([0-9.]+)px`)
	viewBox := regexp.MustCompile(`viewBox="0 0 ([0-9.]+) [0-9.]+"`)
	for _, n := range []int{4, 12, len(synthNames)} {
		dir := t.TempDir()
		agg := chartAggregate(n)
		agg.Market = synthMarket(n)
		if _, err := WriteCharts(dir, agg, []string{"svg"}); err != nil {
			t.Fatal(err)
		}
		for _, c := range Charts {
			b, err := os.ReadFile(filepath.Join(dir, c.Name+".svg"))
			if err != nil {
				t.Fatal(err)
			}
			m := viewBox.FindSubmatch(b)
			if m == nil {
				t.Fatalf("%s: no viewBox", c.Name)
			}
			width, _ := strconv.ParseFloat(string(m[1]), 64)
			smallest := math.Inf(1)
			for _, f := range fontSize.FindAllSubmatch(b, -1) {
				size, _ := strconv.ParseFloat(string(f[1]), 64)
				smallest = math.Min(smallest, size)
			}
			if px := smallest * projectorWidth / width; px < 14 {
				t.Errorf("%d strategies: chart %s: smallest text %.1f px at %d px wide (the chart is %.0f points wide), want ≥ 14",
					n, c.Name, px, projectorWidth, width)
			}
		}
	}
}

// synthMarket returns the aggregate of three made-up replications of a
// market of n sellers, one per strategy, over 10 periods.
func synthMarket(n int) *MarketAggregate {
	sellers := make([]int, n)
	for i := range sellers {
		sellers[i] = i
	}
	m := NewMarketAggregate(synthNames[:n], sellers, 10, 0.9)
	for k := range 3 {
		r := market.Replication{Market: k, Sellers: sellers, Periods: 10, Cells: make([]market.Cell, 10*n)}
		for t := range 10 {
			for i := range n {
				c := r.Cell(t, i)
				c.Customers = 20 + (i*7+t*(i%3)+k)%30
				c.New, c.Referred, c.Lost, c.Deals = c.Customers/10, c.Customers/20, c.Customers/8, c.Customers
				c.Surplus, c.Costs, c.Reputation = 0.3*float64(c.Customers), 0.1*float64(c.New), 0.5+0.04*float64(i%10)
			}
		}
		m.Add(&r)
	}
	return m
}

// TestChartPixelBudget checks that a PNG chart keeps chartDPI while it
// fits MaxChartPixels and otherwise takes the highest whole DPI that fits,
// so that no chart, however many entrants, takes more memory to draw.
func TestChartPixelBudget(t *testing.T) {
	tests := []struct {
		name    string
		w, h    vg.Length
		wantDPI int // 0: below chartDPI, the highest that fits
	}{
		{"classic-sized", 11 * vg.Inch, 6.5 * vg.Inch, chartDPI},
		{"just fits", vg.Length(math.Sqrt(MaxChartPixels)) / chartDPI * vg.Inch, vg.Length(math.Sqrt(MaxChartPixels)) / chartDPI * vg.Inch * 0.999, chartDPI},
		{"heat map of 96", 12 * vg.Inch, 49 * vg.Inch, chartDPI},
		{"heat map of 200", 12 * vg.Inch, 98 * vg.Inch, 0},
		{"outcome classes of 200", 12 * vg.Inch, 86 * vg.Inch, 0},
		{"wide and tall", 75.9 * vg.Inch, 37.9 * vg.Inch, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &figure{w: tt.w, h: tt.h}
			dpi := f.dpi()
			if tt.wantDPI != 0 && dpi != tt.wantDPI {
				t.Fatalf("dpi %d, want %d", dpi, tt.wantDPI)
			}
			if px := pixelsAt(tt.w, tt.h, dpi); px > MaxChartPixels {
				t.Fatalf("dpi %d: %d pixels, more than %d", dpi, px, MaxChartPixels)
			}
			if dpi < chartDPI && pixelsAt(tt.w, tt.h, dpi+1) <= MaxChartPixels {
				t.Fatalf("dpi %d, but %d fits too", dpi, dpi+1)
			}
		})
	}
}

// TestRenderKeepsThePixelBudget renders a figure the size of the heat map
// of 200 entrants and checks the PNG it writes: the pixels pixels() says,
// within MaxChartPixels.
func TestRenderKeepsThePixelBudget(t *testing.T) {
	fig := &figure{w: 12 * vg.Inch, h: 98 * vg.Inch, draw: func(dc draw.Canvas) {
		dc.SetColor(color.Black)
		dc.Fill(dc.Rectangle.Path())
	}}
	var buf bytes.Buffer
	if err := fig.render(&buf, "png"); err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(&buf)
	if err != nil {
		t.Fatal(err)
	}
	w, h := fig.pixels()
	if cfg.Width != w || cfg.Height != h || int64(w)*int64(h) > MaxChartPixels {
		t.Fatalf("%d×%d px, pixels() says %d×%d, budget %d", cfg.Width, cfg.Height, w, h, MaxChartPixels)
	}
}
