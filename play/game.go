package play

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/internal/words"
	"github.com/winwin-sim/winwin/strategies"
	"github.com/winwin-sim/winwin/transcript"
)

// A Game is a role-play: a person negotiates against a strategy, for one
// deal or a relationship of several, on a terminal.
type Game struct {
	// Scenario is the domain and both sides' preferences.
	Scenario arena.Scenario
	// Partner is the strategy on the other side, Params its parameter
	// overrides and PartnerName how it is called on screen (default: its
	// registered name).
	Partner     strategies.Spec
	Params      map[string]float64
	PartnerName string
	// As is the player's side.
	As agents.Role
	// Periods is the most deals (1: a single deal), Rounds the deadline of
	// each.
	Periods, Rounds int
	// Opener says who opens each deal.
	Opener arena.OpenerRule
	// Model decides how each deal feels and whether the partner returns.
	Model arena.Model
	// Seed seeds the partner and the draws of whether it returns.
	Seed uint64
	// Echo repeats the player's lines (for scripted input); Color turns on
	// ANSI colours.
	Echo, Color bool
	// Player is the player's name, for the saved session (optional).
	Player string
}

// Play runs the role-play, reading the player's lines from in and writing
// the screens to out, and returns the relationship as played. It returns
// an error only when the game cannot start or the screen cannot be
// written; bad input is answered with help, and the end of the input (or
// a cancelled ctx) makes the player walk away.
func (g *Game) Play(ctx context.Context, in io.Reader, out io.Writer) (*transcript.Relationship, error) {
	rel, _, err := g.play(ctx, in, out)
	return rel, err
}

// PlaySession runs the role-play as Play does and returns its record, to
// save (Session.WriteFile) or report on.
func (g *Game) PlaySession(ctx context.Context, in io.Reader, out io.Writer) (*Session, error) {
	rel, left, err := g.play(ctx, in, out)
	if err != nil {
		return nil, err
	}
	return NewSession(g, rel, left), nil
}

// play runs the role-play; left reports that the player left during a
// deal (quit, or the input ended).
func (g *Game) play(ctx context.Context, in io.Reader, out io.Writer) (rel *transcript.Relationship, left bool, err error) {
	if g.Partner.New == nil {
		return nil, false, errors.New("play: no partner strategy")
	}
	params, err := g.Partner.Resolve(g.Params)
	if err != nil {
		return nil, false, fmt.Errorf("play: %w", err)
	}
	name := g.PartnerName
	if name == "" {
		name = g.Partner.Name
	}
	h := NewHuman(ctx, in, out, g.Color)
	defer h.Close()
	h.Partner, h.Periods, h.Echo = name, g.Periods, g.Echo
	h.Coach = NewCoach(g.Scenario, g.As)
	var (
		agentsBy [2]agents.Agent
		names    [2]string
	)
	agentsBy[g.As], names[g.As] = h, "you"
	agentsBy[g.As.Other()], names[g.As.Other()] = g.Partner.New(params), name
	m := &arena.Match{Scenario: g.Scenario, Names: names, Agents: agentsBy, Periods: g.Periods, Deadline: g.Rounds,
		Opener: g.Opener, Model: g.Model, Seed: g.Seed, Record: true}
	m.Decides[g.As] = true
	if err := m.Validate(); err != nil {
		return nil, false, err
	}
	s := h.s
	g.intro(s, name)
	rec, err := m.Run(func(rec *arena.RelationshipRecord) { g.afterDeal(s, h, rec) })
	if err != nil {
		return nil, false, err
	}
	rel = transcript.FromRecord(g.Scenario.Domain, rec, g.Periods, g.Rounds, &g.Model)
	g.epilogue(s, h, rel)
	return rel, h.left, s.err
}

// intro prints the title, the player's private brief and how to play.
func (g *Game) intro(s *screen, partner string) {
	d := g.Scenario.Domain
	p := g.Scenario.Prefs[g.As]
	other := g.As.Other()
	s.banner(fmt.Sprintf("winwin play · %s · you are the %s", d.Name, strings.ToUpper(g.As.String())))
	if g.Periods > 1 {
		s.wrap("", "", fmt.Sprintf("You negotiate up to %d deals with the same %s, played by the strategy %s. "+
			"After each deal the %s decides whether to come back, by how the deal felt: repeat business.",
			g.Periods, other, s.bold(partner), other))
	} else {
		s.wrap("", "", fmt.Sprintf("You negotiate one deal with the %s, played by the strategy %s.", other, s.bold(partner)))
	}
	s.printf("\n%s\n", s.bold(fmt.Sprintf("Your private brief (the %s cannot see it)", other)))
	w := 0
	for _, is := range d.Issues {
		w = max(w, len([]rune(is.Name)))
	}
	for _, i := range p.Ranking() {
		is := &d.Issues[i]
		head := fmt.Sprintf("  %s %3.0f%%  ", pad(is.Name, w), 100*p.Weights[i])
		s.wrap(head, strings.Repeat(" ", len([]rune(head))), describeValues(is, p.Values[i]))
	}
	s.wrap("", "", "An offer's value to you is the weighted sum of its options' values: from 0 (worst) to 1 (best).")
	line := fmt.Sprintf("Your walk-away point is %.2f, what no deal is worth to you (your BATNA): accept nothing worth less.", p.Reservation)
	if ww := walkAwayWords(d, p); ww != "" {
		line = fmt.Sprintf("Your walk-away point is %.2f, what no deal is worth to you (your BATNA): %s. Accept nothing worse.", p.Reservation, ww)
	}
	s.wrap("", "", s.bold(line))
	s.printf("\n")
	s.wrap("", "  ", fmt.Sprintf("Type an offer like %s · accept · walk · ? for a hint · help", s.bold(example(d))))
}

// afterDeal prints the deal's scorecard and whether the partner returns.
func (g *Game) afterDeal(s *screen, h *Human, rec *arena.RelationshipRecord) {
	k := len(rec.Periods) - 1
	pr := &rec.Periods[k]
	me, other := g.As, g.As.Other()
	n := transcript.Negotiation{Domain: g.Scenario.Domain, Names: rec.Names, Prefs: rec.Prefs, Deadline: g.Rounds, Outcome: pr.Outcome, Analysis: pr.Analysis,
		Feel: pr.Feel, Stayed: pr.Stayed, Relationship: true, Model: &g.Model, Period: pr.Period}
	n.SetNash(rec.Frontier)
	o, a := &pr.Outcome, &pr.Analysis
	s.printf("\n")
	s.banner(fmt.Sprintf("Deal %d: %s", pr.Period+1, strings.ToUpper(a.Class.String())))
	s.wrap("", "  ", ending(&n, me))
	s.wrap("", "  ", verdict(&n, me))
	col := 22
	s.printf("  %s%s  %s\n", pad("", 18), s.dim(pad("you ("+me.String()+")", col)), s.dim(clip(fmt.Sprintf("%s (%s)", other, rec.Names[other]), 30)))
	row := func(label, a, b string) { s.printf("  %s%s  %s\n", pad(label, 18), pad(a, col), b) }
	row("value", s.value(o.Utility[me], rec.Prefs[me].Reservation), fmt.Sprintf("%.2f", o.Utility[other]))
	row("walk-away point", fmt.Sprintf("%.2f", rec.Prefs[me].Reservation), fmt.Sprintf("%.2f", rec.Prefs[other].Reservation))
	row("surplus", fmt.Sprintf("%+.2f", o.Surplus[me]), fmt.Sprintf("%+.2f", o.Surplus[other]))
	row("expected", fmt.Sprintf("%.2f", a.Expectation[me]), fmt.Sprintf("%.2f", a.Expectation[other]))
	row("won?", transcript.WinWords(a, me), transcript.WinWords(a, other))
	s.wrap("  ", "  ", s.dim("Expected: the walk-away point plus the surplus the fair deal gives. "+
		"A side wins with at least half the surplus it could expect (in brackets: the share it got)."))
	best := a.JointSurplus + a.LeftOnTable
	if o.Agreed {
		s.wrap("  ", "  ", fmt.Sprintf("Value left on the table: %.2f (together you made %.2f of the %.2f possible).", a.LeftOnTable, a.JointSurplus, best))
	} else {
		s.wrap("  ", "  ", fmt.Sprintf("Value left on the table: %.2f: a deal could have given the two of you %.2f over your walk-away points.", a.LeftOnTable, best))
	}
	if o.Agreed && o.Surplus[me] < 0 {
		p := rec.Prefs[me]
		line := fmt.Sprintf("Know your walk-away point: this deal is worth %s less to you than no deal: "+
			"the %s took more than you could afford to give.", valueWords(g.Scenario.Domain, p, o.Surplus[me]), other)
		if a.LeftOnTable < 0.005 {
			line += " Nothing was left on the table between you, and that is no comfort."
		}
		s.wrap("  ", "  ", s.warn(line))
	}
	if n.Nash != nil {
		s.wrap("  ", "  ", fmt.Sprintf("A fair, efficient deal (the Nash point) was %s: %.2f to you, %.2f to the %s.",
			transcript.FormatTerms(termsOf(g.Scenario.Domain, n.Nash)), n.NashValue[me], n.NashValue[other], other))
	}
	if met := transcript.HardTacticsMet(&n, other); len(met) > 0 {
		s.wrap("  ", "  ", fmt.Sprintf("The %s met %s from you.", other, strings.Join(met, ", ")))
	}
	if g.Periods <= 1 {
		return
	}
	s.printf("\n")
	s.wrap("", "  ", fmt.Sprintf("Will the %s come back? Its %s", other, transcript.FeelingSentence(&n, other)))
	if !pr.Stayed[other] && pr.Period+1 < g.Periods {
		s.wrap("", "  ", s.warn(fmt.Sprintf("The %s takes its business elsewhere: the relationship ends after %s.", other, words.Count(pr.Period+1, "deal"))))
	}
	s.wrap("", "  ", s.dim(fmt.Sprintf("(How it felt to you: subjective value %.2f.)", pr.Feel[me].SV)))
}

// epilogue prints the relationship's summary and what the partner's
// strategy did.
func (g *Game) epilogue(s *screen, h *Human, rel *transcript.Relationship) {
	me, other := g.As, g.As.Other()
	s.printf("\n")
	s.banner("The end")
	if g.Periods > 1 {
		k := len(rel.Deals)
		switch {
		case rel.End == arena.Completed:
			s.printf("All %d deals were negotiated: the relationship ran its full course.\n", k)
		case rel.LeftBy[other]:
			s.printf("The %s did not come back after deal %d of up to %d.\n", other, k, g.Periods)
		default:
			s.printf("You left after deal %d of up to %d.\n", k, g.Periods)
		}
		s.printf("  %s\n", s.dim(fmt.Sprintf("%-5s %-10s %8s %8s %10s", "deal", "outcome", "you", other.String(), "left over")))
		for i := range rel.Deals {
			n := &rel.Deals[i]
			s.printf("  %-5d %-10s %+8.2f %+8.2f %10.2f\n", i+1, n.Analysis.Class, n.Outcome.Surplus[me], n.Outcome.Surplus[other], n.Analysis.LeftOnTable)
		}
		s.wrap("", "  ", fmt.Sprintf("Long-run payoff (each deal's surplus, discounted by %.2g a deal): you %+.2f, the %s %+.2f.",
			rel.Discount, rel.Payoff[me], other, rel.Payoff[other]))
	}
	s.printf("\n%s\n", s.bold(fmt.Sprintf("What the %s's strategy (%s) did", other, g.Partner.Name)))
	if g.Partner.Tactic != "" {
		s.wrap("  Tactic:  ", "           ", g.Partner.Tactic)
	}
	if g.Partner.Counter != "" {
		s.wrap("  Counter: ", "           ", g.Partner.Counter)
	}
	var theirs, mine agents.Tags
	for i := range rel.Deals {
		theirs |= rel.Deals[i].Outcome.Used[other]
		mine |= rel.Deals[i].Outcome.Used[me]
	}
	s.wrap("  Signals it used:  ", "                    ", orNone(tagNames(theirs)))
	s.wrap("  Signals you used: ", "                    ", orNone(tagNames(mine)))
	writeDebrief(s, NewDebrief(rel, me, h.left))
}

// writeDebrief prints the coach's debrief: what the player did, what to
// try.
func writeDebrief(s *screen, db *Debrief) {
	s.printf("\n")
	s.banner("Debrief")
	s.printf("%s\n", s.bold("What you did"))
	for _, l := range db.Deals {
		s.wrap("  ", "    ", l)
	}
	for _, n := range db.Did {
		mark := "  ✓ "
		if n.Kind.Mistake() {
			mark = "  ✗ "
		}
		head := fmt.Sprintf("Round %d: ", n.Round)
		if len(db.Deals) > 1 {
			head = fmt.Sprintf("Deal %d, round %d: ", n.Deal, n.Round)
		}
		s.wrap(mark, "    ", head+n.Text)
	}
	s.printf("%s\n", s.bold("What to try (the article's five ways to a win-win deal)"))
	for _, a := range db.Try {
		s.wrap("  • ", "    ", fmt.Sprintf("%s (%d. %s)", a.Text, a.Point, Points[a.Point]))
	}
}

func orNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ", ")
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// verdict says who won and who lost, or why there was no deal and what it
// cost, speaking to the player on side me.
func verdict(n *transcript.Negotiation, me agents.Role) string {
	a := &n.Analysis
	other := me.Other()
	switch a.Class {
	case arena.WinWin:
		return "Win-win: you both won, each with at least half the surplus you could expect."
	case arena.LoseLose:
		return "Lose-lose: a deal neither of you cares for: each got less than half the surplus it could expect."
	case arena.WinLose, arena.LoseWin:
		if a.Won(me) {
			return fmt.Sprintf("You won, the %s lost: it got less than half the surplus it could expect. "+
				"A one-sided deal can cost you the relationship.", other)
		}
		return fmt.Sprintf("The %s won, you lost: you got less than half the surplus you could expect.", other)
	}
	if a.NoDeal == arena.NoZone {
		return "There was no zone of agreement (no deal was worth its walk-away point to both of you): walking away was right."
	}
	return fmt.Sprintf("A deal both of you could have taken was possible: together you lost %.2f, the surplus of the fair deal.", a.ValueLost)
}

// ending says how the deal ended, speaking to the player on side me.
func ending(n *transcript.Negotiation, me agents.Role) string {
	o := &n.Outcome
	switch {
	case o.Fault == nil && !o.Agreed && o.WalkAway && o.EndedBy == me:
		return fmt.Sprintf("No deal: you walked away in round %d.", o.Rounds)
	case o.Fault == nil && !o.Agreed && o.WalkAway:
		return fmt.Sprintf("No deal: the %s walked away in round %d.", o.EndedBy, o.Rounds)
	}
	return transcript.Ending(n)
}
