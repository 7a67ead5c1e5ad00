package research

import (
	"fmt"
	"math"
	"strings"

	"github.com/winwin-sim/winwin/report"
	"github.com/winwin-sim/winwin/results"
)

// writeSweepReport writes the sweep folder's report.html: the "when does
// it pay" page (report.WriteWhenItPays).
func writeSweepReport(dir string, sw *Sweep) error {
	page := &report.WhenItPays{
		Name: sw.Manifest.Name, WinWin: joinNames(sw.WinWin), Hard: joinNames(sw.Hard),
		Config: sw.Manifest.Config,
	}
	var what []string
	for _, a := range sw.Axes {
		var vs []string
		for _, v := range a.Values {
			vs = append(vs, v.String())
		}
		what = append(what, fmt.Sprintf("%s over %s", a.Key, strings.Join(vs, ", ")))
		page.Keys = append(page.Keys, a.Key)
	}
	page.What = strings.Join(what, "; by ") + fmt.Sprintf(" — %d points, seed %d", len(sw.Points), sw.Manifest.Seed)
	if sw.Manifest.Status != "complete" {
		page.Warning = "This sweep did not finish: " + sw.Manifest.Reason
	}
	page.Sentences = Sentences(sw)
	for _, c := range sweepCharts(sw) {
		page.Charts = append(page.Charts, report.SweepChart{Name: c.name, Title: c.title, Caption: c.caption})
	}
	for i := range sw.Points {
		p := &sw.Points[i]
		row := report.SweepRow{Verdict: verdict(p.Group)}
		for _, v := range p.Values {
			row.Values = append(row.Values, v.String())
		}
		for _, r := range p.Rows {
			switch r.LongRunRank {
			case 1:
				row.First, row.Tied = r.Strategy, !results.Separated(r.Gap)
			case 2:
				row.Second = r.Strategy
			}
		}
		row.Difference = ciText(p.Group.Mean, p.Group.Low, p.Group.High)
		row.Class = map[string]string{"win-win ahead": "ahead", "hard bargainers ahead": "behind"}[row.Verdict]
		if row.Class == "" {
			row.Class = "tie"
		}
		page.Rows = append(page.Rows, row)
	}
	return report.WriteWhenItPays(dir, page)
}

// Sentences says where the win-win strategies out-earn the hard
// bargainers in a sweep, one sentence per value of the second axis.
func Sentences(sw *Sweep) []string {
	var out []string
	for _, c := range sw.Crossovers {
		s := c.Verdict
		if c.Other != nil {
			s = fmt.Sprintf("At %s = %s: %s", sw.Axes[1].Key, c.Other, s)
		} else {
			s = strings.ToUpper(s[:1]) + s[1:]
		}
		out = append(out, s+".")
	}
	return out
}

func ciText(m, lo, hi float64) string {
	if math.IsNaN(m) {
		return ""
	}
	if math.IsNaN(lo) {
		return fmt.Sprintf("%+.3f", m)
	}
	return fmt.Sprintf("%+.3f [%+.3f, %+.3f]", m, lo, hi)
}
