package class

import (
	_ "embed"
	"fmt"
	"html/template"
	"image/color"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/internal/words"
	"github.com/winwin-sim/winwin/play"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/transcript"
)

//go:embed class.html
var pageText string

var pageTemplate = template.Must(template.New("class").Parse(pageText))

// Write writes the class report of c as HTML.
func Write(w io.Writer, c *Class) error {
	if err := pageTemplate.Execute(w, build(c)); err != nil {
		return fmt.Errorf("class: %w", err)
	}
	return nil
}

// page is what the template shows.
type page struct {
	Title    string
	Summary  string
	Domains  []domainView
	Mistakes []mistakeRow
	Anchored string
	Walked   string
	Cold     string
	Legend   []legendItem
	Other    int
}

type domainView struct {
	Name    string
	Space   template.HTML // the outcome-space chart, inline SVG
	Prices  template.HTML // the price spread, or ""
	Spread  string        // the price spread in words
	Rows    []row
	Players int
}

// row is one deal in the table.
type row struct {
	N                                  int
	Player, Side, Partner, Deal, Class string
	Color                              string
	Terms, Value, Anchor, Walk         string
	Mistakes                           string
}

type mistakeRow struct {
	What    string
	Players int
	Point   string
}

type legendItem struct{ Name, Color string }

// kindWords says a mistake as a heading of the class table.
var kindWords = map[play.Kind]string{
	play.ExtremeAnchor:                "opened with an extreme anchor",
	play.UnreciprocatedConcession:     "conceded when the partner had not moved",
	play.GaveUpSharedIssue:            "gave up an issue both sides want",
	play.AcceptedFirstOffer:           "accepted the partner's first offer",
	play.AcceptedBelowWalkAway:        "accepted a deal below their walk-away point",
	play.WalkedWithoutDissatisfaction: "walked away without first showing dissatisfaction",
	play.WalkedFromBetterThanNoDeal:   "walked away from an offer better than no deal",
}

// kindPoint is the article's point each mistake is about.
var kindPoint = map[play.Kind]int{
	play.ExtremeAnchor: 4, play.UnreciprocatedConcession: 4, play.GaveUpSharedIssue: 2, play.AcceptedFirstOffer: 4,
	play.AcceptedBelowWalkAway: 3, play.WalkedWithoutDissatisfaction: 5, play.WalkedFromBetterThanNoDeal: 3,
}

func build(c *Class) *page {
	ct := c.Counts()
	p := &page{Title: "Class report", Other: c.Other,
		Anchored: namesOrNone(ct.Anchored), Walked: namesOrNone(ct.Walked), Cold: namesOrNone(ct.WalkedCold)}
	var parts []string
	for _, cl := range classOrder {
		if n := ct.Classes[cl]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, cl))
			p.Legend = append(p.Legend, legendItem{cl.String(), hex(classColor(cl))})
		}
	}
	p.Summary = fmt.Sprintf("%s, %s: %s.", words.Count(ct.Sessions, "session"), words.Count(ct.Deals, "deal"), strings.Join(parts, ", "))
	kinds := make([]play.Kind, 0, len(ct.Mistakes))
	for k := range ct.Mistakes {
		kinds = append(kinds, k)
	}
	slices.SortFunc(kinds, func(a, b play.Kind) int {
		if ct.Mistakes[a] != ct.Mistakes[b] {
			return ct.Mistakes[b] - ct.Mistakes[a]
		}
		return strings.Compare(string(a), string(b))
	})
	for _, k := range kinds {
		p.Mistakes = append(p.Mistakes, mistakeRow{What: kindWords[k], Players: ct.Mistakes[k],
			Point: fmt.Sprintf("%d. %s", kindPoint[k], play.Points[kindPoint[k]])})
	}
	n := 0
	for _, deals := range c.domains() {
		slices.SortStableFunc(deals, func(a, b deal) int { return byPlayer(a.e, b.e) })
		dv := domainView{Name: deals[0].e.Rel.Domain.Name}
		players := map[*Entry]bool{}
		for _, dl := range deals {
			n++
			players[dl.e] = true
			dv.Rows = append(dv.Rows, makeRow(n, dl))
		}
		dv.Players = len(players)
		dv.Space = outcomeSpace(deals, dv.Rows)
		dv.Prices, dv.Spread = priceSpread(deals, dv.Rows)
		p.Domains = append(p.Domains, dv)
	}
	return p
}

func makeRow(n int, dl deal) row {
	e, nn := dl.e, dl.n
	d, me := nn.Domain, e.Me
	pr := nn.Prefs[me]
	o, a := &nn.Outcome, &nn.Analysis
	r := row{N: n, Player: e.Player(), Side: me.String(), Partner: e.Session.Partner,
		Deal: fmt.Sprintf("%d of %d", dl.k+1, len(e.Rel.Deals)), Class: a.Class.String(), Color: hex(classColor(a.Class))}
	if o.Agreed {
		r.Terms = transcript.FormatTerms(terms(d, o.Offer))
		better := "better"
		if o.Surplus[me] < 0 {
			better = "worse"
		}
		r.Value = fmt.Sprintf("%s %s than no deal (value %.2f, walk-away point %.2f)", amount(d, pr, o.Surplus[me]), better, o.Utility[me], pr.Reservation)
	} else {
		r.Terms = "no deal"
		r.Value = "no deal: " + a.NoDeal.String()
	}
	if x := o.AnchorExtremity[me]; x > 0 {
		r.Anchor = fmt.Sprintf("%.0f%% below the %s's walk-away point", min(99, max(1, math.Round(100*x))), me.Other())
		if x >= 1 {
			r.Anchor = "worth nothing to the " + me.Other().String()
		}
	}
	last := dl.k == len(e.Rel.Deals)-1
	if o.WalkAway && o.EndedBy == me {
		switch {
		case last && e.Session.Left:
			r.Walk = fmt.Sprintf("left the session in round %d", o.Rounds)
		case dissatisfied(nn, me):
			r.Walk = fmt.Sprintf("round %d, after showing dissatisfaction", o.Rounds)
		default:
			r.Walk = fmt.Sprintf("round %d, without showing dissatisfaction first", o.Rounds)
		}
	}
	var ms []string
	for _, nt := range e.Debrief.Did {
		if nt.Deal == dl.k+1 && nt.Kind.Mistake() && !slices.Contains(ms, kindWords[nt.Kind]) {
			ms = append(ms, kindWords[nt.Kind])
		}
	}
	r.Mistakes = strings.Join(ms, "; ")
	return r
}

// dissatisfied reports whether side me showed dissatisfaction in n before
// its last move.
func dissatisfied(n *transcript.Negotiation, me agents.Role) bool {
	st := n.Outcome.Transcript
	for i := 0; i < len(st)-1; i++ {
		if st[i].By == me && st[i].Move.Tags.Has(agents.TagDissatisfied) {
			return true
		}
	}
	return false
}

// amount writes a value difference in money where the domain has a
// price ("$20,000"), else as a value ("0.13").
func amount(d *agents.Domain, p *agents.Preferences, du float64) string {
	if m := play.Money(d, p, du); m != "" {
		return m
	}
	return fmt.Sprintf("%.2f", math.Abs(du))
}

func terms(d *agents.Domain, o agents.Offer) []transcript.Term {
	out := make([]transcript.Term, 0, len(o))
	for i, k := range o {
		out = append(out, transcript.Term{Issue: d.Issues[i].Name, Option: d.Issues[i].Options[k]})
	}
	return out
}

func classColor(c arena.Class) color.RGBA { return results.ClassColor(c) }

func hex(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// The charts' geometry, in SVG user units (CSS pixels at full size).
const (
	chartW, chartH = 560.0, 480.0
	padL, padR     = 70.0, 20.0
	padT, padB     = 20.0, 60.0
	maxOutcomes    = 5000
)

// outcomeSpace draws the deals of one domain on its outcome space: every
// possible deal as a grey dot (when there are few enough), the Pareto
// frontier, the walk-away points, the Nash point and the deals made,
// numbered as in the table and coloured by outcome class.
func outcomeSpace(deals []deal, rows []row) template.HTML {
	n0 := deals[0].n
	d, ps, pb := n0.Domain, n0.Prefs[agents.Seller], n0.Prefs[agents.Buyer]
	w, h := chartW-padL-padR, chartH-padT-padB
	// Values run from -0.04 to 1.04, so that deals at 0 or 1 show whole.
	x := func(u float64) float64 { return padL + (u+0.04)/1.08*w }
	y := func(u float64) float64 { return padT + (1.04-u)/1.08*h }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %g %g" role="img" aria-label="The deals on the outcome space of %s">`, chartW, chartH, template.HTMLEscapeString(d.Name))
	fmt.Fprintf(&b, `<rect x="%g" y="%g" width="%g" height="%g" fill="#fff" stroke="#888"/>`, padL, padT, w, h)
	for _, t := range []float64{0, 0.25, 0.5, 0.75, 1} {
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#eee"/>`, x(t), padT, x(t), padT+h)
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#eee"/>`, padL, y(t), padL+w, y(t))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" class="tick">%g</text>`, x(t), padT+h+20, t)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="end" class="tick">%g</text>`, padL-8, y(t)+5, t)
	}
	fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" class="axis">value to the seller</text>`, x(0.5), chartH-12)
	fmt.Fprintf(&b, `<text transform="translate(18 %.1f) rotate(-90)" text-anchor="middle" class="axis">value to the buyer</text>`, y(0.5))
	if pts := allOutcomes(ps, pb); pts != nil {
		for _, pt := range pts {
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="1.5" fill="#ccc"/>`, x(pt[0]), y(pt[1]))
		}
	}
	f := arena.NewFrontier(d, ps, pb)
	var line []string
	for _, pt := range f.Points {
		line = append(line, fmt.Sprintf("%.1f,%.1f", x(pt.U[0]), y(pt.U[1])))
	}
	fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="#333" stroke-width="2"/>`, strings.Join(line, " "))
	fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#666" stroke-dasharray="6 4"/>`, x(ps.Reservation), y(0), x(ps.Reservation), y(1))
	fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#666" stroke-dasharray="6 4"/>`, x(0), y(pb.Reservation), x(1), y(pb.Reservation))
	fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" class="note">seller's walk-away point</text>`, x(ps.Reservation)+4, y(1)+16)
	fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="end" class="note">buyer's walk-away point</text>`, x(1)-4, y(pb.Reservation)-6)
	if nash, ok := f.Nash([2]float64{ps.Reservation, pb.Reservation}); ok {
		cx, cy := x(nash.U[0]), y(nash.U[1])
		fmt.Fprintf(&b, `<path d="M%.1f %.1fl8 8l-8 8l-8 -8z" fill="none" stroke="#000" stroke-width="2"/>`, cx, cy-8)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" class="note">fair deal (Nash point)</text>`, cx+12, cy+18)
	}
	for i, dl := range deals {
		o := &dl.n.Outcome
		if !o.Agreed {
			continue
		}
		cx, cy := x(o.Utility[agents.Seller]), y(o.Utility[agents.Buyer])
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="9" fill="%s" stroke="#000"/>`, cx, cy, rows[i].Color)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" class="num">%d</text>`, cx, cy+4.5, rows[i].N)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// allOutcomes lists every deal of the domain as (seller value, buyer
// value), or nil when there are more than maxOutcomes.
func allOutcomes(ps, pb *agents.Preferences) [][2]float64 {
	size := 1
	for _, v := range ps.Values {
		size *= len(v)
		if size > maxOutcomes {
			return nil
		}
	}
	n := len(ps.Values)
	o := make(agents.Offer, n)
	out := make([][2]float64, 0, size)
	for {
		out = append(out, [2]float64{ps.Utility(o), pb.Utility(o)})
		i := n - 1
		for ; i >= 0; i-- {
			if o[i]++; o[i] < len(ps.Values[i]) {
				break
			}
			o[i] = 0
		}
		if i < 0 {
			return out
		}
	}
}

// priceSpread draws the prices agreed in one domain, one line per side
// the players took, with the fair deal's price; it returns "" when the
// domain has no numeric price or no deal was made.
func priceSpread(deals []deal, rows []row) (template.HTML, string) {
	d := deals[0].n.Domain
	pi := d.IssueIndex("price")
	if pi < 0 || d.Issues[pi].Numeric == nil {
		return "", ""
	}
	is := &d.Issues[pi]
	lo, hi := is.Numeric[0], is.Numeric[len(is.Numeric)-1]
	if lo > hi {
		lo, hi = hi, lo
	}
	var prices []float64
	sides := []agents.Role{}
	for _, dl := range deals {
		if dl.n.Outcome.Agreed {
			prices = append(prices, is.Numeric[dl.n.Outcome.Offer[pi]])
			if !slices.Contains(sides, dl.e.Me) {
				sides = append(sides, dl.e.Me)
			}
		}
	}
	if len(prices) == 0 {
		return "", ""
	}
	slices.Sort(sides)
	const h0, lane = 40.0, 70.0
	height := h0 + lane*float64(len(sides)) + 50
	w := chartW - padL - padR - 110
	left := padL + 60
	x := func(v float64) float64 { return left + (v-lo)/(hi-lo)*w }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %g %g" role="img" aria-label="The prices agreed">`, chartW, height)
	axisY := h0 + lane*float64(len(sides))
	fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#888"/>`, left, axisY, left+w, axisY)
	for _, k := range []int{0, len(is.Numeric) / 2, len(is.Numeric) - 1} {
		v := is.Numeric[k]
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#888"/>`, x(v), axisY, x(v), axisY+6)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" class="tick">%s</text>`, x(v), axisY+24, template.HTMLEscapeString(is.Options[k]))
	}
	fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" class="axis">price agreed</text>`, left+w/2, height-6)
	n0 := deals[0].n
	if n0.Nash != nil {
		v := is.Numeric[n0.Nash[pi]]
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#000" stroke-width="2" stroke-dasharray="4 3"/>`, x(v), h0-20, x(v), axisY)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" class="note">fair deal %s</text>`, x(v), h0-26, template.HTMLEscapeString(is.Options[n0.Nash[pi]]))
	}
	for li, side := range sides {
		cy := h0 + lane*float64(li) + lane/2
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="end" class="tick">as %ss</text>`, left-10, cy+5, side)
		seen := map[int]int{}
		for i, dl := range deals {
			o := &dl.n.Outcome
			if !o.Agreed || dl.e.Me != side {
				continue
			}
			k := o.Offer[pi]
			// Equal prices stack, three high, then overlap.
			dy := 18 - 18*float64(seen[k]%3)
			seen[k]++
			cx := x(is.Numeric[k])
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="9" fill="%s" stroke="#000"/>`, cx, cy+dy, rows[i].Color)
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" class="num">%d</text>`, cx, cy+dy+4.5, rows[i].N)
		}
	}
	b.WriteString(`</svg>`)
	slices.Sort(prices)
	med := prices[len(prices)/2]
	if len(prices)%2 == 0 {
		med = (prices[len(prices)/2-1] + prices[len(prices)/2]) / 2
	}
	words := fmt.Sprintf("%s agreed: from %s to %s, the median %s.", words.Count(len(prices), "price"),
		label(is, prices[0]), label(is, prices[len(prices)-1]), label(is, med))
	if len(prices) == 1 {
		words = fmt.Sprintf("1 price agreed: %s.", label(is, prices[0]))
	}
	return template.HTML(b.String()), words
}

// label writes a price as the issue writes its options.
func label(is *agents.Issue, v float64) string {
	lab := is.Options[0]
	num := agents.FormatNumber(is.Numeric[0])
	if j := strings.Index(lab, num); j >= 0 {
		return lab[:j] + agents.FormatNumber(v) + lab[j+len(num):]
	}
	return agents.FormatNumber(v)
}
