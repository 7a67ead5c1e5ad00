package report

import (
	"errors"
	"fmt"
	"html/template"
	"image/color"
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/internal/words"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/strategies"
	"github.com/winwin-sim/winwin/transcript"
)

// page is what the template shows. Every string in it is plain text:
// html/template escapes it, so names and labels from a config cannot
// inject markup.
type page struct {
	// Sections are the sections the page shows (see sections.go).
	Sections        []shownSection
	Title, Subtitle string
	Status          string // "" for a complete run, else a warning
	Config          configView
	Findings        []template.HTML
	Ranking         []rankRow
	Charts          []chartView
	Market          *marketView
	Cards           []card
	Matrix          matrix
	Lessons         []lessonView
	NoLessons       string
	// MoneyNote says how the lessons' amounts are money, when they are.
	MoneyNote string
	// Missing says why a kind of lesson has no scene.
	Missing  []string
	Glossary []transcript.Tactic
	Footer   []string
}

type configView struct {
	Sentences []string
	// Params are the entrants' parameters in words: "boulware: e = 0.05".
	Params     []string
	Issues     []issueRow
	Entrants   []entrantRow
	Model      []string
	Raw, Error string
}

type issueRow struct {
	Name, Kind, Options string
	Seller, Buyer       string
}

type entrantRow struct {
	Name, Strategy, Params string
	Color                  template.CSS
}

type rankRow struct {
	Name              string
	Color             template.CSS
	LongRank, OneRank int
	Move              string // "▲ 2", "▼ 1", "="
	MoveClass         string
	LongRun, OneShot  string
	// LongMoney and OneMoney are the payoffs in the domain's money, about
	// (see rankMoney); empty without a price.
	LongMoney, OneMoney string
	WinWin              string
	Length              string
}

type chartView struct {
	Title, Caption, File string
	Src                  template.URL
}

type card struct {
	Name, Strategy, Params string
	Color                  template.CSS
	LongRank, OneRank      int
	Tactic, Counter        string
	Figures                []figure
}

type figure struct{ Label, Value, Note string }

type matrix struct {
	Names []string
	Rows  []matrixRow
	// MinWidth is the width in pixels below which the table scrolls
	// inside itself rather than squeeze its columns.
	MinWidth int
}

type matrixRow struct {
	Seller string
	Cells  []matrixCell
}

type matrixCell struct {
	Empty        bool
	Segments     []segment // the classes' shares, in arena.Classes order
	Label, Title string
}

// A segment is one class's share of a pairing's bar.
type segment struct {
	Class string  // the class's CSS class (classCSS)
	Width float64 // percentage
}

type lessonView struct {
	Kind, Title, Moral, Why string
	Strip                   []stripRow
	Focus                   dealView
	Others                  []dealView
}

type stripRow struct {
	Deal                  int
	Opener                string
	Class, ClassCSS       string
	Seller, Buyer         string
	Left                  string
	SellerBack, BuyerBack string
	Focus                 bool
}

type dealView struct {
	Number      int
	Heading     string
	Opener      string
	Rounds      []roundView
	Ending      string
	Score       []scoreRow
	Joint, Nash string
	Class       string
	ClassCSS    string
	ClassText   string
	Feelings    []string
	// Back says whether each side comes back, in words.
	Back string
}

type roundView struct {
	Label   string
	Quiet   bool
	Summary string
	Beats   []beatView
	// Fold is set for a run of rounds away from the lesson's moment,
	// folded away (Folded holds them).
	Fold   bool
	Folded []roundView
	// First and Last are the rounds it covers.
	First, Last int
}

type beatView struct {
	Quiet                                 bool
	Side, Who, Action, Detail, Value, Say string
	Notes                                 []noteView
}

type noteView struct{ Name, Text, Class string }

type scoreRow struct{ Side, Name, Surplus, Fair, Win, Exact string }

// build makes the page of a run.
func build(r *Run) *page {
	m := &r.Manifest
	p := &page{Title: "winwin report: " + m.Name, Glossary: transcript.Tactics()}
	// Nothing here depends on when or where the run was made (its time,
	// its folder): the same configuration and seed give the same page.
	p.Subtitle = fmt.Sprintf("Run %s · seed %d · winwin %s", m.Name, m.Seed, m.Version)
	switch m.Status {
	case results.StatusComplete:
	case results.StatusFailed:
		p.Status = fmt.Sprintf("This run failed (%s): %d of %d relationships finished, and some of its outputs were not written.", m.Reason, m.RelationshipsDone, m.RelationshipsPlanned)
	default:
		p.Status = fmt.Sprintf("This run is %s (%s): %d of %d relationships finished. The figures cover those.", m.Status, m.Reason, m.RelationshipsDone, m.RelationshipsPlanned)
	}
	colors := map[string]template.CSS{}
	for i, n := range r.Names {
		colors[n] = cssColor(results.Color(i))
	}
	p.Config = describeConfig(r, colors)
	p.Findings = findings(r)
	rows := append([]results.StrategyRow(nil), r.Strategies...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].LongRunRank < rows[j].LongRunRank })
	for _, s := range rows {
		rr := rankRow{Name: s.Strategy, Color: colors[s.Strategy], LongRank: s.LongRunRank, OneRank: s.OneShotRank,
			LongRun: estimate(s.LongRun), OneShot: estimate(s.OneShot), WinWin: pct(s.Outcomes.WinWin), Length: f1(s.Length)}
		switch d := s.OneShotRank - s.LongRunRank; {
		case d > 0:
			rr.Move, rr.MoveClass = fmt.Sprintf("▲ %d", d), "up"
		case d < 0:
			rr.Move, rr.MoveClass = fmt.Sprintf("▼ %d", -d), "down"
		default:
			rr.Move, rr.MoveClass = "=", "same"
		}
		rr.LongMoney, rr.OneMoney = rankMoney(r, s.Strategy)
		p.Ranking = append(p.Ranking, rr)
		p.Cards = append(p.Cards, makeCard(r, s, colors[s.Strategy]))
	}
	for _, c := range r.Charts {
		p.Charts = append(p.Charts, chartView{Title: c.Title, Caption: c.Caption, File: c.File, Src: template.URL(c.DataURL())})
	}
	p.Market, p.Charts = makeMarket(r, p.Charts)
	p.Matrix = makeMatrix(r)
	picked := r.lessons
	if !r.picked {
		picked = Pick(r.Samples, avoidNames(r.Config, r.Names)...)
	}
	for _, l := range picked {
		p.Lessons = append(p.Lessons, makeLesson(l))
	}
	if len(picked) > 0 {
		p.Missing = missingLessons(r, picked)
	}
	priced := r.Config != nil && moneyOf(&transcript.Negotiation{Domain: r.Config.Scenario.Domain, Prefs: r.Config.Scenario.Prefs}).ok
	for _, rel := range r.Samples {
		if len(rel.Deals) > 0 {
			priced = priced || moneyOf(&rel.Deals[0]).ok
			break
		}
	}
	if priced {
		p.MoneyNote = "Gains are in the price's units: what the same gain would come to if it all came from the price, for that side."
	}
	if len(p.Lessons) == 0 {
		p.NoLessons = "This run recorded no transcripts to teach from: set sample_transcripts in the config's [output] section (3 is a good number) and run it again."
		if len(r.Samples) > 0 {
			p.NoLessons = fmt.Sprintf("None of the %d recorded relationships shows one of the article's moments clearly; run more relationships or record more of them (sample_transcripts).", len(r.Samples))
		}
	}
	p.Footer = []string{
		fmt.Sprintf("%d relationships, %d negotiations, %d faults.", m.RelationshipsDone, m.Negotiations, m.Faults),
		fmt.Sprintf("Made from the run folder's files: %s, %s, %s, the charts and %s (its time is in %s). Regenerate it with: winwin report RUN_DIR",
			results.ManifestFile, results.SummaryFile, results.PairsFile, SamplesFile, results.ManifestFile),
	}
	return p
}

func describeConfig(r *Run, colors map[string]template.CSS) configView {
	var v configView
	v.Raw = r.Manifest.Config
	if o := overridden(r.Manifest.Overrides); o != "" {
		v.Sentences = append(v.Sentences, "Run with "+o+" given on the command line over the configuration file's values; the configuration shown here has them written in.")
	}
	cfg := r.Config
	if cfg == nil {
		var ce *configs.Error
		switch {
		case errors.As(r.ConfigErr, &ce) && ce.Key == "domain":
			v.Error = fmt.Sprintf("The configuration could not be read back: the domain it names cannot be read from the run folder (%s). "+
				"A run folder reads no domain file but its own copy, %s. The configuration is shown as written.", ce.Msg, results.DomainFile)
		case r.ConfigErr != nil:
			v.Error = "The configuration could not be read back (" + r.ConfigErr.Error() + "); it is shown as written."
		}
		for _, n := range r.Names {
			v.Entrants = append(v.Entrants, entrantRow{Name: n, Color: colors[n]})
		}
		return v
	}
	d := cfg.Domain
	who := "each strategy as seller and as buyer"
	if cfg.SelfPlay {
		who += ", and against itself"
	}
	v.Sentences = append(v.Sentences,
		fmt.Sprintf("A round robin of %d strategies on the %s domain. %s", len(cfg.Strategies), d.Name, d.Description),
		fmt.Sprintf("Every ordered pair (%s) ran %d independent relationships of up to %d deals; each deal had a deadline of %d rounds. %s",
			who, cfg.Relationships, cfg.Periods, cfg.Rounds, openerSentence(cfg.Opener)),
		"After each deal, each side decides whether to come back by how the deal felt: its subjective value, from the outcome, "+
			"how it feels about itself, the process (hard tactics met) and the relationship (fairness). A relationship goes on while both come back.",
	)
	if cfg.Jitter > 0 || cfg.PeriodJitter > 0 {
		s := fmt.Sprintf("Each relationship's issue weights vary by up to ±%.0f%%", 100*cfg.Jitter)
		if cfg.PeriodJitter > 0 {
			s += fmt.Sprintf(", and each deal's by up to ±%.0f%% more", 100*cfg.PeriodJitter)
		}
		v.Sentences = append(v.Sentences, s+", so relationships differ.")
	}
	v.Sentences = append(v.Sentences, fmt.Sprintf("Seed %d: the same configuration and seed give the same figures, for any number of workers.", cfg.Seed))
	for i, is := range d.Issues {
		opts := cfg.Scenario.Domain.Issues[i].Options
		o := strings.Join(opts, ", ")
		if len(opts) > 6 {
			o = fmt.Sprintf("%s … %s (%d options)", opts[0], opts[len(opts)-1], len(opts))
		}
		v.Issues = append(v.Issues, issueRow{Name: is.Name, Kind: string(is.Kind), Options: o,
			Seller: fmt.Sprintf("%.0f%%", 100*is.Weight[0]), Buyer: fmt.Sprintf("%.0f%%", 100*is.Weight[1])})
	}
	for _, s := range cfg.Strategies {
		v.Entrants = append(v.Entrants, entrantRow{Name: s.Name, Strategy: s.Strategy, Params: params(s.Params), Color: colors[s.Name]})
		if p := params(s.Params); p != "" {
			v.Params = append(v.Params, s.Name+": "+p)
		}
	}
	md := &cfg.Model
	v.Model = []string{
		fmt.Sprintf("Walk-away points (the value of no deal): seller %.2f, buyer %.2f.",
			cfg.Scenario.Prefs[0].Reservation, cfg.Scenario.Prefs[1].Reservation),
		fmt.Sprintf("Each side expects its walk-away point plus %s of what the fair, efficient deal (the Nash point) gives it above that (expectation = %g); "+
			"a side wins a deal that gives it at least half of that fair share. Win-win: both win; win-lose and lose-win: one does; lose-lose: a deal neither does. "+
			"No deal is its own class, with its reason: no zone of agreement (walking away was right), walked away, or the deadline.",
			expectationWords(md.Expectation), md.Expectation),
		fmt.Sprintf("Process penalties for hard tactics met: extreme anchor up to %.2f (graded by how far the opening lies below the partner's walk-away point), flinch %.2f, unbundling %.2f, retraction %.2f, dissatisfaction %.2f; conceding to a flinch or an unbundle costs %.2f of self-esteem.",
			md.PenaltyExtremeAnchor, md.PenaltyFlinch, md.PenaltyUnbundle, md.PenaltyRetraction, md.PenaltyDissatisfied, md.SelfPenalty),
		fmt.Sprintf("The chance to come back runs from %.0f%% to %.0f%% with the subjective value (midpoint %.2f); no deal feels like %.2f.",
			100*md.PLow, 100*md.PHigh, md.Theta, md.ImpasseSV),
		fmt.Sprintf("The long-run payoff sums each deal's surplus over the walk-away point, discounted by %.2g a deal; the one-shot payoff is the first deal's.", md.Discount),
	}
	return v
}

// overridden lists the overrides that change figures as the flags that
// gave them: "--seed 8, --relationships 50". The number of workers changes
// none, and is left out so that the page is the same for any.
func overridden(list []results.Override) string {
	var s []string
	for _, o := range list {
		if o.Key != "workers" {
			s = append(s, fmt.Sprintf("--%s %d", o.Key, o.Value))
		}
	}
	return strings.Join(s, ", ")
}

func openerSentence(o arena.OpenerRule) string {
	switch o {
	case arena.SellerOpens:
		return "The seller opens every deal."
	case arena.BuyerOpens:
		return "The buyer opens every deal."
	}
	return "The seller opens the first deal, the buyer the second, and so on."
}

func params(p map[string]float64) string {
	if len(p) == 0 {
		return ""
	}
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s = %g", k, p[k])
	}
	return strings.Join(parts, ", ")
}

// findings states what the ranking shows, in sentences, with the names
// in bold (escaped: they come from the configuration).
func findings(r *Run) []template.HTML {
	var one, long, drop *results.StrategyRow
	for i := range r.Strategies {
		s := &r.Strategies[i]
		if s.OneShotRank == 1 {
			one = s
		}
		if s.LongRunRank == 1 {
			long = s
		}
		if d := s.LongRunRank - s.OneShotRank; d > 0 && (drop == nil || d > drop.LongRunRank-drop.OneShotRank) {
			drop = s
		}
	}
	if one == nil || long == nil {
		return nil
	}
	b := func(name string) string { return "<b>" + template.HTMLEscapeString(name) + "</b>" }
	var out []template.HTML
	if one == long {
		out = append(out, template.HTML(fmt.Sprintf("%s leads both rankings: the most surplus in the first deal (%.2f) and over the whole relationship (%.2f).",
			b(long.Strategy), long.OneShot.Mean, long.LongRun.Mean)))
	} else {
		out = append(out, template.HTML(fmt.Sprintf("%s earns the most in a single deal (one-shot %.2f) but ranks #%d over the long run; %s, #%d one-shot, earns the most over the relationship (long-run %.2f).",
			b(one.Strategy), one.OneShot.Mean, one.LongRunRank, b(long.Strategy), long.OneShotRank, long.LongRun.Mean)))
	}
	out = append(out, template.HTML(fmt.Sprintf("%s's relationships last %.1f deals on average (of up to %d); %s of its negotiations end win-win and %s without a deal.",
		b(long.Strategy), long.Length, periods(r), pct(long.Outcomes.WinWin), pct(long.Outcomes.NoDeal))))
	if drop != nil && drop != one {
		out = append(out, template.HTML(fmt.Sprintf("The biggest fall from one-shot to long-run rank: %s, #%d → #%d.", b(drop.Strategy), drop.OneShotRank, drop.LongRunRank)))
	}
	return out
}

func periods(r *Run) int {
	if r.Config != nil {
		return r.Config.Periods
	}
	best := 0.0
	for _, s := range r.Strategies {
		best = math.Max(best, s.Length)
	}
	return int(math.Ceil(best))
}

func makeCard(r *Run, s results.StrategyRow, c template.CSS) card {
	k := card{Name: s.Strategy, Color: c, LongRank: s.LongRunRank, OneRank: s.OneShotRank}
	reg := s.Strategy
	if r.Config != nil {
		for _, sc := range r.Config.Strategies {
			if sc.Name == s.Strategy {
				reg = sc.Strategy
				k.Params = params(sc.Params)
			}
		}
	}
	if reg != s.Strategy {
		k.Strategy = reg
	}
	if spec, ok := strategies.Lookup(reg); ok {
		k.Tactic, k.Counter = plainWords(spec.Tactic), plainWords(spec.Counter)
		if k.Tactic == "" {
			k.Tactic = plainWords(spec.Summary)
		}
	} else {
		k.Tactic = "Not a strategy this program knows: it was registered by the program that made the run."
	}
	n := periods(r)
	k.Figures = []figure{
		{"Long-run payoff", f2(s.LongRun.Mean), ci(s.LongRun)},
		{"One-shot payoff", f2(s.OneShot.Mean), ci(s.OneShot)},
		{"Agreement", pct(s.Agreement), agreementNote(&s.Outcomes)},
		{"Win-win", pct(s.Outcomes.WinWin), fmt.Sprintf("it won and the partner lost %s, the reverse %s; lose-lose %s",
			pct(s.Outcomes.WonLost), pct(s.Outcomes.LostWon), pct(s.Outcomes.LoseLose))},
		{"Relationships last", f1(s.Length) + " deals", fmt.Sprintf("of up to %d; %s ran all", n, pct(s.Retention))},
		{"How its deals felt", f2(s.SV), "to itself, from 0 (awful) to 1 (great)"},
	}
	return k
}

func makeMatrix(r *Run) matrix {
	m := matrix{Names: r.Names, MinWidth: 190 + 58*len(r.Names)}
	// Rows by index, not copies: a wide run has tens of thousands.
	byPair := make(map[[2]string]int, len(r.Pairs))
	for i, p := range r.Pairs {
		byPair[[2]string{p.Seller, p.Buyer}] = i
	}
	for _, s := range r.Names {
		row := matrixRow{Seller: s}
		for _, b := range r.Names {
			i, ok := byPair[[2]string{s, b}]
			if !ok || r.Pairs[i].Negotiations == 0 {
				row.Cells = append(row.Cells, matrixCell{Empty: true})
				continue
			}
			p := &r.Pairs[i]
			o := &p.Outcomes
			var c matrixCell
			for _, k := range arena.Classes {
				c.Segments = append(c.Segments, segment{Class: classCSS(k), Width: 100 * nz(o.Share(k))})
			}
			c.Label = pct(o.WinWin)
			c.Title = fmt.Sprintf("%s (seller) with %s (buyer), %d negotiations: win-win %s; win-lose (the seller won, the buyer lost) %s; "+
				"lose-win (the buyer won, the seller lost) %s; lose-lose %s; no deal %s (%s). Relationships last %.1f deals.",
				s, b, p.Negotiations, pct(o.WinWin), pct(o.WonLost), pct(o.LostWon), pct(o.LoseLose), pct(o.NoDeal), noDealNote(o), p.Length)
			row.Cells = append(row.Cells, c)
		}
		m.Rows = append(m.Rows, row)
	}
	return m
}

func makeLesson(l Lesson) lessonView {
	v := lessonView{Kind: l.Kind, Title: l.Title, Moral: l.Moral, Why: l.Why}
	rel := l.Rel
	for i := range rel.Deals {
		d := &rel.Deals[i]
		mo := moneyOf(d)
		row := stripRow{Deal: i + 1, Class: classLabel(&d.Analysis), ClassCSS: classCSS(d.Analysis.Class),
			Seller: mo.signed(agents.Seller, d.Outcome.Surplus[0]), Buyer: mo.signed(agents.Buyer, d.Outcome.Surplus[1]),
			Left: leftShare(&d.Analysis), Focus: i == l.Focus}
		if len(d.Outcome.Transcript) > 0 {
			row.Opener = d.Outcome.Transcript[0].By.String()
		}
		back := func(r int) string {
			chance := fmt.Sprintf(" (%.0f%% chance)", 100*d.Feel[r].Stay)
			switch {
			case !d.Stayed[r]:
				return "leaves" + chance
			case i == len(rel.Deals)-1 && rel.End != arena.Completed:
				return "would stay" + chance
			}
			return "stays" + chance
		}
		row.SellerBack, row.BuyerBack = back(0), back(1)
		v.Strip = append(v.Strip, row)
		if i == l.Focus {
			v.Focus = makeDeal(d, i, l.From, l.To)
		}
	}
	return v
}

// makeDeal tells deal i of a relationship: the rounds from to to in full,
// with the deal's last round; the others folded away. to = 0 shows every
// round.
func makeDeal(n *transcript.Negotiation, i, from, to int) dealView {
	dv := dealView{Number: i + 1, Heading: fmt.Sprintf("Deal %d", i+1), Ending: transcript.Ending(n),
		Class: classLabel(&n.Analysis), ClassCSS: classCSS(n.Analysis.Class), ClassText: transcript.ClassSentence(&n.Analysis)}
	if n.Analysis.Class == arena.NoDeal {
		// The transcript's sentence gives the value lost in utilities.
		dv.ClassText = outcomeWords(&n.Analysis) + "."
	}
	mo := moneyOf(n)
	beats := transcript.Scene(n)
	if len(beats) > 0 {
		dv.Opener = fmt.Sprintf("The %s (%s) opens.", beats[0].By, n.Names[beats[0].By])
	}
	rounds := transcript.Rounds(beats)
	var fold []foldedRound
	flush := func() {
		if len(fold) == 0 {
			return
		}
		moves := 0
		for _, f := range fold {
			for _, b := range f.Beats {
				if !b.Quiet {
					moves++
				}
			}
		}
		first, last := fold[0].first, fold[len(fold)-1].last
		label := fmt.Sprintf("Round %d", first)
		if last > first {
			label = fmt.Sprintf("Rounds %d–%d", first, last)
		}
		summary := "nothing new: both sides hold"
		if moves > 0 {
			summary = words.Count(moves, "move") + " away from the lesson, folded"
		}
		var inner []roundView
		for _, f := range fold {
			inner = append(inner, f.roundView)
		}
		dv.Rounds = append(dv.Rounds, roundView{Label: label, Fold: true, Summary: summary, Folded: inner})
		fold = nil
	}
	for k, r := range rounds {
		rv := roundView{Label: strings.Replace(r.Label(), "-", "–", 1), Quiet: r.Quiet, Summary: r.Summary, First: r.First, Last: r.Last}
		for _, b := range r.Beats {
			rv.Beats = append(rv.Beats, makeBeat(n, &b, mo))
		}
		shown := to == 0 || (r.Last >= from && r.First <= to) || k == len(rounds)-1
		if shown {
			flush()
			dv.Rounds = append(dv.Rounds, rv)
			continue
		}
		fold = append(fold, foldedRound{rv, r.First, r.Last})
	}
	flush()
	o, a := &n.Outcome, &n.Analysis
	for r := range 2 {
		role := agents.Role(r)
		win := "no deal"
		if o.Agreed {
			win = "no"
			if a.Won(role) {
				win = "yes"
			}
		}
		dv.Score = append(dv.Score, scoreRow{Side: transcript.RoleTitle(role), Name: n.Names[r],
			Surplus: mo.surplus(role, o.Surplus[r]), Fair: mo.amount(role, a.Expectation[r]-n.Prefs[r].Reservation) + " above it",
			Win: win, Exact: fmt.Sprintf("value %.2f, walk-away point %.2f, expects %.2f, satisfaction %.2f",
				o.Utility[r], n.Prefs[r].Reservation, a.Expectation[r], transcript.Floor2(a.Satisfaction[r]))})
	}
	dv.Joint = fmt.Sprintf("Together they made %s of what the two could have made; %s was left on the table.",
		pctOf(a.JointSurplus, a.JointSurplus+a.LeftOnTable), leftShare(a))
	if n.Nash != nil {
		var ts []transcript.Term
		for j, k := range n.Nash {
			ts = append(ts, transcript.Term{Issue: n.Domain.Issues[j].Name, Option: n.Domain.Issues[j].Options[k]})
		}
		dv.Nash = fmt.Sprintf("The fair, efficient deal: %s.", transcript.FormatTerms(ts))
	}
	if n.Relationship {
		var back []string
		for r := range 2 {
			dv.Feelings = append(dv.Feelings, transcript.RoleTitle(agents.Role(r))+": "+transcript.FeelingSentence(n, agents.Role(r)))
			chance := 100 * n.Feel[r].Stay
			switch {
			case !n.Stayed[r]:
				back = append(back, fmt.Sprintf("the %s does not come back (how the deal felt gave it a %.0f%% chance to)", agents.Role(r), chance))
			case n.Last:
				back = append(back, fmt.Sprintf("the %s would have come back (a %.0f%% chance)", agents.Role(r), chance))
			default:
				back = append(back, fmt.Sprintf("the %s comes back (a %.0f%% chance, from how the deal felt)", agents.Role(r), chance))
			}
		}
		dv.Back = "After the deal " + back[0] + "; " + back[1] + "."
	}
	return dv
}

// A foldedRound is a round kept out of a lesson's scene, with the rounds
// it covers.
type foldedRound struct {
	roundView
	first, last int
}

// pctOf is a as a share of b: "88%".
func pctOf(a, b float64) string {
	if b <= 0 {
		return "all"
	}
	return fmt.Sprintf("%.0f%%", 100*a/b)
}

func makeBeat(n *transcript.Negotiation, b *transcript.Beat, mo money) beatView {
	r := b.By
	o := r.Other()
	bv := beatView{Quiet: b.Quiet, Side: r.String(), Who: fmt.Sprintf("%s · %s", transcript.RoleTitle(r), n.Names[r]), Action: b.Action, Say: b.Say}
	over := func(x agents.Role) string { return mo.surplus(x, b.Value[x]-n.Prefs[x].Reservation) }
	switch b.Kind {
	case agents.MoveOffer:
		switch {
		case b.First:
			bv.Detail = transcript.FormatTerms(b.Terms)
		case len(b.Changes) > 0:
			bv.Detail = transcript.FormatChanges(b.Changes)
		}
		switch {
		case b.HasDelta && len(b.Changes) > 0:
			bv.Value = fmt.Sprintf("the %s %s (%s), the %s %s (%s)", r, over(r), mo.signed(r, b.Delta[r]), o, over(o), mo.signed(o, b.Delta[o]))
		case b.First:
			bv.Value = fmt.Sprintf("the %s %s, the %s %s", r, over(r), o, over(o))
		}
	case agents.MoveAccept:
		bv.Value = fmt.Sprintf("the %s %s, the %s %s", r, over(r), o, over(o))
	}
	for _, nt := range b.Notes {
		class := "soft"
		if nt.Tactic.Hard {
			class = "hard"
		}
		bv.Notes = append(bv.Notes, noteView{Name: nt.Tactic.Name, Text: nt.Text, Class: class})
	}
	return bv
}

// plainWords drops the parameters a strategy's description names in
// parentheses ("(e = 0.05, …)"), which the report gives behind its "how
// this is computed" toggle, and writes the names of those it mentions in
// words.
func plainWords(s string) string {
	s = paramAside.ReplaceAllString(s, "")
	// A parameter named in the text reads as words: "flinch_sensitivity"
	// as "flinch sensitivity".
	s = paramName.ReplaceAllStringFunc(s, func(w string) string { return strings.ReplaceAll(w, "_", " ") })
	return strings.TrimSpace(s)
}

var paramName = regexp.MustCompile(`\b[a-z]+(_[a-z]+)+\b`)

var paramAside = regexp.MustCompile(`\s*\([^()]*=[^()]*\)`)

// classCSS is the CSS class of an outcome class: "win-win", "win-lose",
// "lose-win", "lose-lose" or "no-deal".
func classCSS(c arena.Class) string {
	if c == arena.NoDeal {
		return "no-deal"
	}
	return c.String()
}

// classLabel names the class of a negotiation, with the reason for no
// deal: "win-lose", "no deal: walked away".
func classLabel(a *arena.Analysis) string {
	if a.Class == arena.NoDeal && a.NoDeal != arena.Agreed {
		return "no deal: " + a.NoDeal.String()
	}
	return a.Class.String()
}

// outcomeWords says the class of a negotiation in words, with who won
// or, for no deal, its reason and the value both lost.
func outcomeWords(a *arena.Analysis) string {
	switch a.Class {
	case arena.WinLose:
		return "win-lose: the seller won, the buyer lost"
	case arena.LoseWin:
		return "lose-win: the buyer won, the seller lost"
	case arena.LoseLose:
		return "lose-lose: a deal that gave neither side half its fair share"
	case arena.NoDeal:
		if a.NoDeal == arena.NoZone {
			return "no deal: no zone of agreement, so walking away was right"
		}
		return classLabel(a) + ", and the two lost all the fair deal would have given them"
	}
	return a.Class.String()
}

// noDealNote splits a share of no deals by reason: "no zone of agreement
// 5%, walked away 10%, deadline 3%; 0.04 lost a negotiation". A reason
// without any share is left out.
func noDealNote(o *results.Outcomes) string {
	if math.IsNaN(o.NoDeal) {
		return ""
	}
	if o.NoDeal == 0 {
		return "every negotiation ended in a deal"
	}
	var parts []string
	for _, r := range []struct {
		name  string
		share float64
	}{{arena.NoZone.String(), o.NoZone}, {arena.WalkedAway.String(), o.WalkedAway}, {arena.DeadlinePassed.String(), o.Deadline}, {arena.Faulted.String(), o.Fault}} {
		if r.share > 0 {
			parts = append(parts, r.name+" "+pct(r.share))
		}
	}
	return fmt.Sprintf("%s; value both lost %s a negotiation", strings.Join(parts, ", "), f2(o.ValueLost))
}

// agreementNote says what became of the negotiations without a deal:
// "no deal 2%: deadline 2%; value both lost 0.01 a negotiation".
func agreementNote(o *results.Outcomes) string {
	if math.IsNaN(o.NoDeal) || o.NoDeal == 0 {
		return noDealNote(o)
	}
	return fmt.Sprintf("of its negotiations; no deal %s: %s", pct(o.NoDeal), noDealNote(o))
}

// expectationWords says κ as a share of the fair surplus: "all", "80%".
func expectationWords(k float64) string {
	if k == 1 {
		return "all"
	}
	return fmt.Sprintf("%.0f%%", 100*k)
}

func cssColor(c color.RGBA) template.CSS {
	return template.CSS(fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B))
}

func nz(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return x
}

func pct(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", 100*x)
}

func f1(x float64) string { return num(x, "%.1f") }
func f2(x float64) string { return num(x, "%.2f") }

func signed(x float64) string { return num(x, "%+.2f") }

func num(x float64, format string) string {
	if math.IsNaN(x) {
		return "–"
	}
	return fmt.Sprintf(format, x)
}

func ci(e results.Estimate) string {
	if math.IsNaN(e.Low) || math.IsNaN(e.High) {
		return ""
	}
	return fmt.Sprintf("95%% sure: %.2f to %.2f", e.Low, e.High)
}

// estimate says a mean with its 95% confidence interval, to two decimals:
// "1.26 (1.24–1.29)". summary.csv keeps every digit.
func estimate(e results.Estimate) string {
	if c := ci(e); c != "" {
		return fmt.Sprintf("%.2f (%.2f–%.2f)", e.Mean, e.Low, e.High)
	}
	return f2(e.Mean)
}

// rankMoney says a strategy's long-run and one-shot payoffs in the
// domain's money: each role's mean (roles.csv) at that role's rate, from
// the scenario's weights, averaged over the two roles, which count the
// same relationships. With jittered weights the rate of each relationship
// differs a little from the scenario's: the figure is "about". Empty
// without a price, a configuration or roles.csv.
func rankMoney(r *Run, name string) (long, one string) {
	if r.Config == nil || len(r.Roles) == 0 {
		return "", ""
	}
	mo := moneyOf(&transcript.Negotiation{Domain: r.Config.Scenario.Domain, Prefs: r.Config.Scenario.Prefs})
	if !mo.ok {
		return "", ""
	}
	var sums [2]float64
	seen := 0
	for _, row := range r.Roles {
		if row.Strategy != name {
			continue
		}
		role := agents.Seller
		if row.Role == agents.Buyer.String() {
			role = agents.Buyer
		} else if row.Role != agents.Seller.String() {
			continue
		}
		sums[0] += row.LongRun.Mean * mo.rate[role]
		sums[1] += row.OneShot.Mean * mo.rate[role]
		seen++
	}
	if seen != 2 || math.IsNaN(sums[0]) || math.IsNaN(sums[1]) {
		return "", ""
	}
	say := func(x float64) string {
		sign := ""
		if x < 0 {
			sign = "−"
		}
		return "about " + sign + mo.prefix + agents.FormatNumber(roundMoney(math.Abs(x))) + mo.suffix
	}
	return say(sums[0] / 2), say(sums[1] / 2)
}

// lessonNames name the kinds of lesson in a sentence.
var lessonNames = map[string]string{
	LessonAnchor:         "an anchor answered by a first offer and a question",
	LessonFlinch:         "a flinch answered by asking why",
	LessonUnbundle:       "an unbundle answered by a re-price",
	LessonWalkAway:       "dissatisfaction shown before a walk-away",
	LessonLogrolling:     "a logroll to a win-win deal",
	LessonHardBargaining: "a hard bargainer who wins the first deal and loses the customer",
}

// missingLessons says, for each kind of lesson the run has no scene of,
// why: a domain without bundle items cannot be unbundled; otherwise none
// of the recorded relationships showed it.
func missingLessons(r *Run, picked []Lesson) []string {
	has := map[string]bool{}
	for _, l := range picked {
		has[l.Kind] = true
	}
	var out []string
	for _, k := range LessonKinds {
		if has[k] {
			continue
		}
		if k == LessonUnbundle && r.Config != nil && !hasItems(r.Config.Scenario.Domain) {
			out = append(out, fmt.Sprintf("No scene of %s: the %s domain has no add-ons to take out of the package, so nobody can unbundle (the bundle domain has them; configs/workshop.toml runs on it).",
				lessonNames[k], r.Config.Domain.Name))
			continue
		}
		out = append(out, fmt.Sprintf("No scene of %s: none of the %d relationships recorded move by move shows one; record more (sample_transcripts) or run more relationships.",
			lessonNames[k], len(r.Samples)))
	}
	return out
}

func hasItems(d *agents.Domain) bool {
	for _, is := range d.Issues {
		if is.Item {
			return true
		}
	}
	return false
}
