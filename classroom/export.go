package classroom

import (
	"encoding/csv"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/class"
	"github.com/winwin-sim/winwin/play"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/transcript"
)

// Files of an exported class.
const (
	DealsFile   = "deals.csv"   // one row per negotiation of the class
	DebriefFile = "debrief.csv" // the class beside the tournament, per round and partner
	ReportFile  = "report.html" // the boards and debriefs, one self-contained page
	// SessionsDir holds one saved session per participant and session,
	// in the role-play's format (play.Session: `winwin play --save`
	// writes the same), and the class report class.html made from them
	// (package class).
	SessionsDir = "sessions"
)

// Export writes the class into a new run folder under base, named after
// now, and returns it: every negotiation (deals.csv), the debrief
// (debrief.csv), each participant's sessions as saved role-play sessions
// with the class report they make (sessions/, class.html there), and
// report.html. Each file is written whole or not at all. The tournaments
// the debrief compares with are waited for.
func (r *Room) Export(base string, now time.Time) (string, error) {
	r.mu.Lock()
	n := len(r.rounds)
	var benches []*benchmark
	for _, rd := range r.rounds {
		benches = append(benches, r.benchFor(rd))
	}
	r.mu.Unlock()
	for _, b := range benches {
		select {
		case <-b.done:
		case <-time.After(2 * time.Minute):
			return "", fmt.Errorf("classroom: export: the tournament for comparison is still running; try again")
		}
	}
	dir, err := results.NewRunDir(base, "classroom", now)
	if err != nil {
		return "", fmt.Errorf("classroom: export: %w", err)
	}
	var (
		boards   []*RoundBoard
		debriefs []Debrief
	)
	for id := range n {
		b := r.Board(id)
		boards = append(boards, b.Round)
		debriefs = append(debriefs, r.Debrief(id))
	}
	if err := os.MkdirAll(filepath.Join(dir, SessionsDir), 0o755); err != nil {
		return "", fmt.Errorf("classroom: export: %w", err)
	}
	r.mu.Lock()
	type saved struct {
		name string
		s    *play.Session
	}
	var docs []saved
	for _, rd := range r.rounds {
		for _, s := range rd.sessions {
			if len(s.deals) > 0 {
				for side, st := range s.seats {
					if st != nil {
						name := fmt.Sprintf("round-%02d-session-%03d-%s.json", rd.id+1, s.id+1, agents.Role(side))
						docs = append(docs, saved{name, s.saved(agents.Role(side))})
					}
				}
			}
		}
	}
	rows := r.dealRows()
	r.mu.Unlock()
	for _, d := range docs {
		if err := d.s.WriteFile(filepath.Join(dir, SessionsDir, d.name)); err != nil {
			return "", fmt.Errorf("classroom: export: %w", err)
		}
	}
	if len(docs) > 0 {
		if _, err := class.Generate(filepath.Join(dir, SessionsDir)); err != nil {
			return "", fmt.Errorf("classroom: export: %w", err)
		}
	}
	if err := writeCSV(filepath.Join(dir, DealsFile), rows); err != nil {
		return "", err
	}
	drows := [][]string{{"round", "partner", "who", "negotiations", "agreement", "win_win_share", "won_share", "surplus", "partner_surplus"}}
	for _, d := range debriefs {
		for _, row := range d.Rows {
			for _, x := range []struct {
				who string
				f   Figures
			}{{"class", row.Class}, {"tournament", row.Tournament}} {
				drows = append(drows, []string{strconv.Itoa(d.Round + 1), row.Partner, x.who, strconv.Itoa(x.f.N), ff(x.f.Agreement), ff(x.f.WinWin), ff(x.f.Won), ff(x.f.Surplus), ff(x.f.Partner)})
			}
		}
	}
	if err := writeCSV(filepath.Join(dir, DebriefFile), drows); err != nil {
		return "", err
	}
	page := exportPage{Code: r.meta.Code, Written: now.UTC().Format(time.RFC3339)}
	for i := range boards {
		page.Rounds = append(page.Rounds, exportRound{Board: boards[i], Debrief: debriefs[i]})
	}
	err = results.WriteFileAtomic(filepath.Join(dir, ReportFile), func(w io.Writer) error { return reportPage.Execute(w, page) })
	if err != nil {
		return "", fmt.Errorf("classroom: export: %w", err)
	}
	return dir, results.SyncDir(dir)
}

// saved records the participant on side me of the session as a saved
// role-play session. room.mu is held.
func (s *session) saved(me agents.Role) *play.Session {
	rel := s.relationship()
	partner := s.strategy
	if partner == "" {
		partner = s.seats[me.Other()].person.name
	}
	left := s.rec == nil || s.rec.End == arena.Cancelled
	return &play.Session{Format: play.SessionFormat, Version: play.SessionVersion, Player: s.seats[me].person.name,
		As: me.String(), Partner: partner, Seed: s.seed(), Opener: s.room.cfg.Opener.String(), Left: left,
		Relationship: transcript.NewRelationshipDoc(rel), Debrief: play.NewDebrief(rel, me, left)}
}

func ff(x float64) string { return strconv.FormatFloat(x, 'f', 4, 64) }

func writeCSV(path string, rows [][]string) error {
	err := results.WriteFileAtomic(path, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		cw.WriteAll(rows)
		return cw.Error()
	})
	if err != nil {
		return fmt.Errorf("classroom: export: %w", err)
	}
	return nil
}

// dealRows are the rows of deals.csv. r.mu is held.
func (r *Room) dealRows() [][]string {
	rows := [][]string{{"round", "session", "domain", "seller", "buyer", "seller_is_participant", "buyer_is_participant", "deal",
		"class", "agreed", "terms", "seller_utility", "buyer_utility", "seller_surplus", "buyer_surplus", "left_on_table", "rounds", "ended_by", "walk_away",
		"seller_signals", "buyer_signals"}}
	for _, rd := range r.rounds {
		for _, s := range rd.sessions {
			names := s.names()
			for i := range s.deals {
				pr := &s.deals[i]
				o, a := &pr.Outcome, &pr.Analysis
				terms := ""
				if o.Agreed {
					terms = rd.scenario.Domain.Format(o.Offer)
				}
				rows = append(rows, []string{strconv.Itoa(rd.id + 1), strconv.Itoa(s.id + 1), rd.spec.Domain, names[0], names[1],
					strconv.FormatBool(s.seats[0] != nil), strconv.FormatBool(s.seats[1] != nil), strconv.Itoa(pr.Period + 1),
					a.Class.String(), strconv.FormatBool(o.Agreed), terms, ff(o.Utility[0]), ff(o.Utility[1]), ff(o.Surplus[0]), ff(o.Surplus[1]),
					ff(a.LeftOnTable), strconv.Itoa(o.Rounds), o.EndedBy.String(), strconv.FormatBool(o.WalkAway),
					strings.Join(o.Used[0].Names(), "+"), strings.Join(o.Used[1].Names(), "+")})
			}
		}
	}
	return rows
}

type exportPage struct {
	Code, Written string
	Rounds        []exportRound
}

type exportRound struct {
	Board   *RoundBoard
	Debrief Debrief
}

var reportPage = template.Must(template.New("report").Funcs(template.FuncMap{
	"pct":   func(x float64) string { return strconv.Itoa(int(x*100+0.5)) + "%" },
	"f3":    func(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) },
	"inc":   func(i int) int { return i + 1 },
	"space": outcomeSVG,
}).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>winwin classroom {{.Code}}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#1d2330}
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{padding:.25rem .5rem;border-bottom:1px solid #d9dde5;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}pre{white-space:pre-wrap;background:#f3f4f7;padding:.5rem;font-size:.8rem}
.dim{color:#5b6475}
</style></head><body>
<h1>winwin classroom · room {{.Code}}</h1>
<p class="dim">Exported {{.Written}}. deals.csv holds every negotiation, debrief.csv the comparison with the tournament, sessions/ each participant's sessions move by move (saved as winwin play saves them) and sessions/class.html the coach's view of the class.</p>
{{range .Rounds}}{{$b := .Board}}
<h2>Round {{inc $b.ID}}: {{$b.Spec.Domain}}, {{$b.Spec.Roles}} roles, opponents: {{$b.Spec.Opponents}} {{range $b.Spec.Strategies}}· {{.}} {{end}}</h2>
<p>{{$b.Negotiations}} negotiations · win-win {{pct $b.WinWin}}{{with $b.Price}}{{if .Values}} · agreed {{.Issue}} from {{.Min}} to {{.Max}}, median {{.Median}}{{end}}{{end}}</p>
{{space $b}}
<table><tr><th>signal</th><th>participants</th><th>strategies</th></tr>
{{range $b.Tactics}}<tr><td>{{.Name}}</td><td class="n">{{.People}}</td><td class="n">{{.Machines}}</td></tr>{{end}}</table>
<table><tr><th>seller</th><th>buyer</th><th>deal</th><th>outcome</th><th>seller value</th><th>buyer value</th></tr>
{{range $b.Deals}}<tr><td>{{index .Names 0}}</td><td>{{index .Names 1}}</td><td class="n">{{.Deal}}</td><td>{{.Class}}</td><td class="n">{{f3 (index .U 0)}}</td><td class="n">{{f3 (index .U 1)}}</td></tr>{{end}}</table>
<h3>The class beside the tournament</h3>
<p class="dim">Tournament: {{.Debrief.Tournament}}.</p>
<table><tr><th>partner</th><th></th><th>n</th><th>deal</th><th>win-win</th><th>won</th><th>own surplus</th><th>partner's</th></tr>
{{range .Debrief.Rows}}<tr><td>{{.Partner}}</td><td>class</td><td class="n">{{.Class.N}}</td><td class="n">{{pct .Class.Agreement}}</td><td class="n">{{pct .Class.WinWin}}</td><td class="n">{{pct .Class.Won}}</td><td class="n">{{f3 .Class.Surplus}}</td><td class="n">{{f3 .Class.Partner}}</td></tr>
<tr><td></td><td>tournament</td><td class="n">{{.Tournament.N}}</td><td class="n">{{pct .Tournament.Agreement}}</td><td class="n">{{pct .Tournament.WinWin}}</td><td class="n">{{pct .Tournament.Won}}</td><td class="n">{{f3 .Tournament.Surplus}}</td><td class="n">{{f3 .Tournament.Partner}}</td></tr>{{end}}</table>
{{range .Debrief.Lessons}}<h3>{{.Title}}</h3><p>{{.Moral}}</p><p class="dim">{{.Why}}</p><pre>{{.Transcript}}</pre>{{end}}
{{end}}
</body></html>
`))

// classColors are the outcome classes' colours, as results.ClassColor
// gives them (Okabe-Ito, told apart by colour-blind readers).
var classColors = map[string]string{"win-win": "#009e73", "win-lose": "#e69f00", "lose-win": "#56b4e9", "lose-lose": "#d55e00", "no deal": "#a8a8a8"}

// outcomeSVG draws a round's deals on the outcome space, as the trainer's
// board does: the frontier, both walk-away points, the Nash point and one
// dot per negotiation in its class's colour. Every text in it is escaped.
func outcomeSVG(rb *RoundBoard) template.HTML {
	const l, t, w, h = 40.0, 10.0, 360.0, 300.0
	x := func(u float64) float64 { return l + u*w }
	y := func(u float64) float64 { return t + (1-u)*h }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg viewBox="0 0 420 350" width="420" height="350" role="img" aria-label="deals on the outcome space">`)
	fmt.Fprintf(&b, `<rect x="%g" y="%g" width="%g" height="%g" fill="#fafbfc" stroke="#d9dde5"/>`, l, t, w, h)
	fmt.Fprintf(&b, `<line x1="%.1f" y1="%g" x2="%.1f" y2="%g" stroke="#999" stroke-dasharray="4 3"/>`, x(rb.Walk[0]), t, x(rb.Walk[0]), t+h)
	fmt.Fprintf(&b, `<line x1="%g" y1="%.1f" x2="%g" y2="%.1f" stroke="#999" stroke-dasharray="4 3"/>`, l, y(rb.Walk[1]), l+w, y(rb.Walk[1]))
	b.WriteString(`<polyline fill="none" stroke="#1d2330" stroke-width="1.5" points="`)
	for _, p := range rb.Frontier {
		fmt.Fprintf(&b, "%.1f,%.1f ", x(p[0]), y(p[1]))
	}
	b.WriteString(`"/>`)
	if rb.Nash != nil {
		fmt.Fprintf(&b, `<path d="M%.1f %.1fh12M%.1f %.1fv12" stroke="#1d2330" stroke-width="2"/>`, x(rb.Nash[0])-6, y(rb.Nash[1]), x(rb.Nash[0]), y(rb.Nash[1])-6)
	}
	for _, d := range rb.Deals {
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="5" fill="%s" fill-opacity="0.8"><title>%s</title></circle>`, x(d.U[0]), y(d.U[1]), classColors[d.Class],
			template.HTMLEscapeString(fmt.Sprintf("%s (seller) – %s (buyer), deal %d: %s", d.Names[0], d.Names[1], d.Deal, d.Class)))
	}
	fmt.Fprintf(&b, `<text x="%g" y="340" font-size="11" text-anchor="middle">value to the seller → (the buyer's up; dashed: walk-away points; +: the fair deal)</text></svg>`, l+w/2)
	return template.HTML(b.String())
}
