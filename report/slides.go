package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"path/filepath"
	"strings"

	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/strategies"
)

// SlidesFile is the name of the slide deck in a run folder.
const SlidesFile = "slides.html"

//go:embed slides.html
var slidesText string

var slidesTemplate = template.Must(template.New("slides").Parse(slidesText))

// A deck is what the slides show: a ten-minute debrief of a run for a
// class, from the same figures as the report.
type deck struct {
	Title, Subtitle string
	// Question is the run's question; Field the entrants, each with its
	// tactic in a line; Domain what they negotiated.
	Question string
	Domain   string
	Field    []fieldRow
	Ranking  []rankRow
	Findings []template.HTML
	// Charts shown, by name: the ranking, the cumulative payoff, the
	// win-win share against deals kept.
	Ranked, Cumulative, WinWin *chartView
	Lessons                    []slideLesson
	Takeaways                  []takeaway
	Footer                     string
}

type fieldRow struct {
	Name, Tactic string
	Color        template.CSS
}

// A slideLesson is a lesson told on one slide: its moral, a few beats of
// its scene and how it ended.
type slideLesson struct {
	Title, Who, Moral, Why, Ending, Class, ClassCSS string
	Beats                                           []slideBeat
	More                                            bool // beats were left out
}

type slideBeat struct {
	Side, Who, Action, Say string
	Tags                   []string
	// Times counts the same move made again right after, beyond the first.
	Times int
}

func (b slideBeat) same(o slideBeat) bool {
	return b.Side == o.Side && b.Action == o.Action && b.Say == o.Say && strings.Join(b.Tags, ",") == strings.Join(o.Tags, ",")
}

// A takeaway is one of the article's five points and what the run showed
// of it.
type takeaway struct {
	Point, Advice string
	Showed        []string
}

// maxSlideBeats is the most moves a lesson's slide shows.
const maxSlideBeats = 4

// WriteSlides writes the slide deck of run r: a self-contained 16:9 HTML
// page (its charts inline, no other file, no network), one slide per
// printed page, that arrow keys, space and Page Up/Down step through.
func WriteSlides(w io.Writer, r *Run) error {
	if err := slidesTemplate.Execute(w, makeDeck(r)); err != nil {
		return fmt.Errorf("report: slides: %w", err)
	}
	return nil
}

// GenerateSlides reads the run folder dir and writes dir/slides.html,
// atomically. It returns the deck's path.
func GenerateSlides(dir string) (string, error) {
	r, err := Load(dir)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, SlidesFile)
	return path, results.WriteFileAtomic(path, func(w io.Writer) error { return WriteSlides(w, r) })
}

func makeDeck(r *Run) *deck {
	p := build(r)
	d := &deck{Title: "Win-win or win-lose?", Subtitle: p.Subtitle, Ranking: p.Ranking, Findings: p.Findings,
		Question: "Does bargaining hard pay? In one deal, and over a relationship in which the partner decides, after every deal, whether to come back.",
		Footer:   fmt.Sprintf("winwin · %s · made from the run folder's files; the report (report.html) has every figure", r.Manifest.Name)}
	if r.Config != nil {
		d.Domain = fmt.Sprintf("%s %d relationships per pairing, up to %d deals each.", r.Config.Domain.Description, r.Config.Relationships, r.Config.Periods)
	}
	for _, e := range p.Config.Entrants {
		row := fieldRow{Name: e.Name, Color: e.Color}
		reg := e.Strategy
		if reg == "" {
			reg = e.Name
		}
		if spec, ok := strategies.Lookup(reg); ok {
			row.Tactic = firstClause(plainWords(spec.Tactic))
			if row.Tactic == "" {
				row.Tactic = firstClause(plainWords(spec.Summary))
			}
		}
		d.Field = append(d.Field, row)
	}
	for i := range p.Charts {
		c := &p.Charts[i]
		switch r.Charts[i].Name {
		case "ranking":
			d.Ranked = c
		case "cumulative":
			d.Cumulative = c
		case "winwin-deals":
			d.WinWin = c
		}
	}
	picked := Pick(r.Samples, avoidNames(r.Config, r.Names)...)
	for i, l := range p.Lessons {
		from, to := picked[i].From, picked[i].To
		title, who := l.Title, ""
		if i := strings.LastIndex(title, ": "); i > 0 {
			title, who = title[:i], title[i+2:]
		}
		sl := slideLesson{Title: title, Who: who, Moral: l.Moral, Why: l.Why, Ending: l.Focus.Ending, Class: l.Focus.Class, ClassCSS: l.Focus.ClassCSS}
		for _, rv := range l.Focus.Rounds {
			// The moment only: the rounds from the tactic to its answer.
			if rv.Fold || rv.Quiet || rv.Last < from || rv.First > to {
				continue
			}
			for _, b := range rv.Beats {
				if b.Quiet {
					continue
				}
				sb := slideBeat{Side: b.Side, Who: b.Who, Action: b.Action, Say: b.Say}
				if b.Detail != "" && len(b.Detail) < 120 {
					sb.Action += ": " + b.Detail
				}
				for _, n := range b.Notes {
					sb.Tags = append(sb.Tags, n.Name)
				}
				// The same move again (a side holding and saying so) is
				// told once, with how many times.
				if k := len(sl.Beats) - 1; k >= 0 && sl.Beats[k].same(sb) {
					sl.Beats[k].Times++
					continue
				}
				if len(sl.Beats) == maxSlideBeats {
					sl.More = true
					continue
				}
				sl.Beats = append(sl.Beats, sb)
			}
		}
		d.Lessons = append(d.Lessons, sl)
	}
	d.Takeaways = takeaways(r)
	return d
}

// firstClause keeps a description's first clause: up to its first colon
// or full stop.
func firstClause(s string) string {
	if i := strings.IndexAny(s, ":."); i > 0 {
		return s[:i]
	}
	return s
}

// articlePoints are the article's five ways to a win-win negotiation, with
// the strategies of the run that act them out.
var articlePoints = []struct {
	point, advice string
	by            []string
}{
	{"1. Focus on interests", "Learn what the other side wants and why.", []string{"integrative"}},
	{"2. Create opportunities for mutual gain", "Trade what costs you little for what the partner values.", []string{"integrative"}},
	{"3. Know your BATNA", "Know what you do without a deal: it lets you ask for what you want.", []string{"walk-away-disciplined"}},
	{"4. Prepare for price tactics", "Anchors, flinches and unbundling: answer them, don't reward them.", []string{"hard-anchorer", "flincher", "unbundler"}},
	{"5. Know your walk-away point", "Show dissatisfaction first; if it is not picked up, bow out gracefully.", []string{"walk-away-disciplined"}},
}

// takeaways ties each of the article's points to what the run showed of
// the strategies that act it out: their ranks one-shot and long-run, their
// win-win share and how long their relationships lasted. A point whose
// strategies did not run says so.
func takeaways(r *Run) []takeaway {
	byStrategy := map[string]string{}
	if r.Config != nil {
		for _, s := range r.Config.Strategies {
			byStrategy[s.Strategy] = s.Name
		}
	} else {
		for _, n := range r.Names {
			byStrategy[n] = n
		}
	}
	var out []takeaway
	for _, ap := range articlePoints {
		t := takeaway{Point: ap.point, Advice: ap.advice}
		for _, reg := range ap.by {
			name, ok := byStrategy[reg]
			if !ok {
				continue
			}
			for _, s := range r.Strategies {
				if s.Strategy == name {
					t.Showed = append(t.Showed, fmt.Sprintf("%s: #%d in one deal, #%d over the relationship, %s win-win, %.1f deals kept",
						name, s.OneShotRank, s.LongRunRank, pct(s.Outcomes.WinWin), s.Length))
				}
			}
		}
		if len(t.Showed) == 0 {
			t.Showed = []string{"No strategy of this run acts it out."}
		}
		out = append(out, t)
	}
	return out
}
