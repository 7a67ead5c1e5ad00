package report

import (
	"errors"
	"fmt"
	"html/template"
	"image/color"
	"math"
	"sort"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/strategies"
	"github.com/winwin-sim/winwin/transcript"
)

// page is what the template shows. Every string in it is plain text:
// html/template escapes it, so names and labels from a config cannot
// inject markup.
type page struct {
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
	Glossary        []transcript.Tactic
	Footer          []string
}

type configView struct {
	Sentences  []string
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
	WinWin            string
	Length            string
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
}

type roundView struct {
	Label   string
	Quiet   bool
	Summary string
	Beats   []beatView
}

type beatView struct {
	Quiet                                 bool
	Side, Who, Action, Detail, Value, Say string
	Notes                                 []noteView
}

type noteView struct{ Name, Text, Class string }

type scoreRow struct{ Side, Name, Value, Walk, Expect, Surplus, Win string }

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
		p.Ranking = append(p.Ranking, rr)
		p.Cards = append(p.Cards, makeCard(r, s, colors[s.Strategy]))
	}
	for _, c := range r.Charts {
		p.Charts = append(p.Charts, chartView{Title: c.Title, Caption: c.Caption, File: c.File, Src: template.URL(c.DataURL())})
	}
	p.Market, p.Charts = makeMarket(r, p.Charts)
	p.Matrix = makeMatrix(r)
	for _, l := range Pick(r.Samples) {
		p.Lessons = append(p.Lessons, makeLesson(l))
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
		out = append(out, template.HTML(fmt.Sprintf("%s leads both rankings: the most surplus in the first deal (%.3f) and over the whole relationship (%.3f).",
			b(long.Strategy), long.OneShot.Mean, long.LongRun.Mean)))
	} else {
		out = append(out, template.HTML(fmt.Sprintf("%s earns the most in a single deal (one-shot %.3f) but ranks #%d over the long run; %s, #%d one-shot, earns the most over the relationship (long-run %.3f).",
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
		k.Tactic, k.Counter = spec.Tactic, spec.Counter
		if k.Tactic == "" {
			k.Tactic = spec.Summary
		}
	} else {
		k.Tactic = "Not a strategy this program knows: it was registered by the program that made the run."
	}
	n := periods(r)
	k.Figures = []figure{
		{"Long-run payoff", f3(s.LongRun.Mean), ci(s.LongRun)},
		{"One-shot payoff", f3(s.OneShot.Mean), ci(s.OneShot)},
		{"Agreement", pct(s.Agreement), agreementNote(&s.Outcomes)},
		{"Win-win", pct(s.Outcomes.WinWin), fmt.Sprintf("it won and the partner lost %s, the reverse %s; lose-lose %s",
			pct(s.Outcomes.WonLost), pct(s.Outcomes.LostWon), pct(s.Outcomes.LoseLose))},
		{"Relationships last", f1(s.Length) + " deals", fmt.Sprintf("of up to %d; %s ran all", n, pct(s.Retention))},
		{"Felt value", f2(s.SV), "mean subjective value of its own deals (0 to 1)"},
	}
	return k
}

func makeMatrix(r *Run) matrix {
	m := matrix{Names: r.Names}
	byPair := map[[2]string]results.PairRow{}
	for _, p := range r.Pairs {
		byPair[[2]string{p.Seller, p.Buyer}] = p
	}
	for _, s := range r.Names {
		row := matrixRow{Seller: s}
		for _, b := range r.Names {
			p, ok := byPair[[2]string{s, b}]
			if !ok || p.Negotiations == 0 {
				row.Cells = append(row.Cells, matrixCell{Empty: true})
				continue
			}
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
		row := stripRow{Deal: i + 1, Class: classLabel(&d.Analysis), ClassCSS: classCSS(d.Analysis.Class), Seller: signed(d.Outcome.Surplus[0]), Buyer: signed(d.Outcome.Surplus[1]),
			Left: f2(d.Analysis.LeftOnTable), Focus: i == l.Focus}
		if len(d.Outcome.Transcript) > 0 {
			row.Opener = d.Outcome.Transcript[0].By.String()
		}
		back := func(r int) string {
			s := fmt.Sprintf("SV %.2f → %.0f%%: ", d.Feel[r].SV, 100*d.Feel[r].Stay)
			switch {
			case !d.Stayed[r]:
				return s + "leaves"
			case i == len(rel.Deals)-1 && rel.End != arena.Completed:
				return s + "would stay"
			}
			return s + "stays"
		}
		row.SellerBack, row.BuyerBack = back(0), back(1)
		v.Strip = append(v.Strip, row)
		dv := makeDeal(d, i)
		if i == l.Focus {
			v.Focus = dv
		} else {
			v.Others = append(v.Others, dv)
		}
	}
	return v
}

func makeDeal(n *transcript.Negotiation, i int) dealView {
	dv := dealView{Number: i + 1, Heading: fmt.Sprintf("Deal %d", i+1), Ending: transcript.Ending(n),
		Class: classLabel(&n.Analysis), ClassCSS: classCSS(n.Analysis.Class), ClassText: transcript.ClassSentence(&n.Analysis)}
	beats := transcript.Scene(n)
	if len(beats) > 0 {
		dv.Opener = fmt.Sprintf("The %s (%s) opens.", beats[0].By, n.Names[beats[0].By])
	}
	for _, r := range transcript.Rounds(beats) {
		rv := roundView{Label: r.Label(), Quiet: r.Quiet, Summary: r.Summary}
		for _, b := range r.Beats {
			rv.Beats = append(rv.Beats, makeBeat(n, &b))
		}
		dv.Rounds = append(dv.Rounds, rv)
	}
	o, a := &n.Outcome, &n.Analysis
	for r := range 2 {
		win := "no deal"
		if o.Agreed {
			win = "no"
			if a.Won(agents.Role(r)) {
				win = "yes"
			}
			win = fmt.Sprintf("%s (%.2f)", win, transcript.Floor2(a.Satisfaction[r]))
		}
		dv.Score = append(dv.Score, scoreRow{Side: transcript.RoleTitle(agents.Role(r)), Name: n.Names[r], Value: f2(o.Utility[r]),
			Walk: f2(n.Prefs[r].Reservation), Expect: f2(a.Expectation[r]), Surplus: signed(o.Surplus[r]), Win: win})
	}
	dv.Joint = fmt.Sprintf("Joint surplus %.2f of the %.2f the two could have made together: %.2f left on the table.", a.JointSurplus, a.JointSurplus+a.LeftOnTable, a.LeftOnTable)
	if n.Nash != nil {
		var ts []transcript.Term
		for j, k := range n.Nash {
			ts = append(ts, transcript.Term{Issue: n.Domain.Issues[j].Name, Option: n.Domain.Issues[j].Options[k]})
		}
		dv.Nash = fmt.Sprintf("The fair, efficient deal (Nash point): %s, worth %.2f to the seller and %.2f to the buyer.", transcript.FormatTerms(ts), n.NashValue[0], n.NashValue[1])
	}
	if n.Relationship {
		for r := range 2 {
			dv.Feelings = append(dv.Feelings, transcript.RoleTitle(agents.Role(r))+": "+transcript.FeelingSentence(n, agents.Role(r)))
		}
	}
	return dv
}

func makeBeat(n *transcript.Negotiation, b *transcript.Beat) beatView {
	r := b.By
	bv := beatView{Quiet: b.Quiet, Side: r.String(), Who: fmt.Sprintf("%s · %s", transcript.RoleTitle(r), n.Names[r]), Action: b.Action, Say: b.Say}
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
			bv.Value = fmt.Sprintf("worth %.2f to the %s (%+.2f), %.2f to the %s (%+.2f)", b.Value[r], r, b.Delta[r], b.Value[r.Other()], r.Other(), b.Delta[r.Other()])
		case b.First:
			bv.Value = fmt.Sprintf("worth %.2f to the %s, %.2f to the %s", b.Value[r], r, b.Value[r.Other()], r.Other())
		}
	case agents.MoveAccept:
		bv.Value = fmt.Sprintf("worth %.2f to the %s (walk-away %.2f), %.2f to the %s", b.Value[r], r, n.Prefs[r].Reservation, b.Value[r.Other()], r.Other())
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
		return fmt.Sprintf("%s, and the two lost %.2f, the joint surplus of the fair deal", classLabel(a), a.ValueLost)
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
func f3(x float64) string { return num(x, "%.3f") }

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
	return fmt.Sprintf("95%% CI %.3f to %.3f", e.Low, e.High)
}

func estimate(e results.Estimate) string {
	if c := ci(e); c != "" {
		return fmt.Sprintf("%.3f [%.3f, %.3f]", e.Mean, e.Low, e.High)
	}
	return f3(e.Mean)
}
