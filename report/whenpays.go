package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"

	"github.com/winwin-sim/winwin/results"
)

// The page of a sweep folder (docs/model.md#sweeps): "when does it pay",
// the crossover of the win-win strategies and the hard bargainers in
// sentences, the sweep's charts and a row per point. Package research
// fills a WhenItPays and calls WriteWhenItPays; the page, like a run's,
// is one self-contained file.

//go:embed whenpays.html
var whenPaysText string

var whenPaysTemplate = template.Must(template.New("whenpays").Parse(whenPaysText))

// A WhenItPays is what the page of a sweep folder shows.
type WhenItPays struct {
	// Name is the sweep's, What one line on what it varied.
	Name, What string
	// Warning, if set, says the folder is not complete.
	Warning string
	// WinWin and Hard name the groups' strategies.
	WinWin, Hard string
	// Sentences say where the crossover is, one per value of the second
	// axis.
	Sentences []string
	// Charts are the chart files of the folder, by name without extension.
	Charts []SweepChart
	// Keys are the swept keys, Rows a row per point.
	Keys []string
	Rows []SweepRow
	// Config is the sweep's configuration text.
	Config string
}

// A SweepChart is a chart of a sweep folder.
type SweepChart struct {
	Name, Title, Caption string
	// Src is the image as a data: URL, filled by WriteWhenItPays.
	Src template.URL
}

// A SweepRow is one point of the sweep.
type SweepRow struct {
	Values        []string
	First, Second string
	// Tied is set when First and Second cannot be told apart.
	Tied bool
	// Difference is the win-win minus hard long-run payoff with its CI,
	// Verdict what it says, Class its style (ahead, behind, tie).
	Difference, Verdict, Class string
}

// WriteWhenItPays writes dir/report.html for a sweep folder, atomically,
// embedding the charts it names (PNG, or SVG without a PNG) from dir.
func WriteWhenItPays(dir string, page *WhenItPays) error {
	for i := range page.Charts {
		c := &page.Charts[i]
		for _, f := range []struct{ ext, mime string }{{"png", "image/png"}, {"svg", "image/svg+xml"}} {
			b, err := os.ReadFile(filepath.Join(dir, c.Name+"."+f.ext))
			if err != nil {
				continue
			}
			c.Src = template.URL(Chart{MIME: f.mime, Data: b}.DataURL())
			break
		}
	}
	return results.WriteFileAtomic(filepath.Join(dir, File), func(w io.Writer) error {
		if err := whenPaysTemplate.Execute(w, page); err != nil {
			return fmt.Errorf("report: %w", err)
		}
		return nil
	})
}
