// Package transcript tells a recorded negotiation as a scene a trainer can
// read aloud, and writes it as one machine-readable JSON document.
//
// The scene follows the seed article's story of a negotiation: who opens,
// the anchor (and whether it lies outside the zone of agreement), the
// flinch, the ask-why that answers it, the disclosure that makes
// logrolling possible, the unbundle and the re-pricing that answers it, the
// signals of dissatisfaction that come before a walk-away, and each move's
// value to the mover and to its partner. Rounds where nothing happens are
// told in one line. At the end comes the scorecard: each side's surplus
// over its walk-away point, the value left on the table against the
// Pareto frontier, the fair and efficient deal (the Nash point), and the
// outcome class judged against what the deal space made possible: win-win,
// win-lose (naming who won), lose-lose, or no deal with its reason and the
// value both lost. In a
// relationship, the scorecard also says how each side felt and whether it
// comes back.
//
// [Scene] computes the story as data ([Beat]s), so that the text writer
// ([Write], [WriteRelationship]), the HTML report and the role-play share
// one telling; [Tactics] explains every signal in the same words.
package transcript

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/internal/textwrap"
)

// A Negotiation is everything needed to tell the story of one negotiation.
type Negotiation struct {
	Domain *agents.Domain
	// Names[r] is the strategy playing role r.
	Names [2]string
	Prefs [2]*agents.Preferences
	// Deadline in rounds; Period in the relationship; Seed of the run.
	Deadline, Period int
	Seed             uint64
	Outcome          arena.Outcome
	Analysis         arena.Analysis
	// Nash, if known, is the fair and efficient deal of the scenario (the
	// Nash bargaining point) and NashValue its value to each side; see
	// SetNash.
	Nash      agents.Offer
	NashValue [2]float64
	// Feel, when Relationship is set, is how each side felt about the deal
	// and Stayed whether it comes back; Last marks the relationship's
	// last deal (for a relationship that ran all its periods nobody had
	// to leave).
	Feel         [2]arena.Feeling
	Stayed       [2]bool
	Relationship bool
	Last         bool
	// Model is the relationship model the feelings were computed with
	// (nil: arena.DefaultModel): the scorecard names the hard tactics it
	// charges for.
	Model *arena.Model
}

// SetNash sets n.Nash from the scenario's frontier: the fair and efficient
// deal given both walk-away points. It leaves n.Nash nil when there is no
// zone of agreement.
func (n *Negotiation) SetNash(f *arena.Frontier) {
	if f == nil {
		return
	}
	p, ok := f.Nash([2]float64{n.Prefs[0].Reservation, n.Prefs[1].Reservation})
	if !ok {
		n.Nash = nil
		return
	}
	n.Nash, n.NashValue = p.Offer.Clone(), p.U
}

// Floor2 rounds x down to two decimals (within float error), so that a
// satisfaction just under the win line of 0.5 never shows as 0.50.
func Floor2(x float64) float64 { return math.Floor(x*100+1e-9) / 100 }

// Width is the column at which the text transcripts wrap.
const Width = 88

// RoleTitle is a role's name with a capital: "Seller", "Buyer".
func RoleTitle(r agents.Role) string {
	if r == agents.Buyer {
		return "Buyer"
	}
	return "Seller"
}

// Write prints the negotiation as a scene followed by the scorecard.
func Write(w io.Writer, n *Negotiation) error {
	ew := &errWriter{w: w}
	writeHeader(ew, n)
	writeScene(ew, n)
	writeScorecard(ew, n)
	return ew.err
}

func writeHeader(ew *errWriter, n *Negotiation) {
	d := n.Domain
	ew.printf("%s · seller: %s · buyer: %s", d.Name, n.Names[0], n.Names[1])
	if n.Relationship {
		ew.printf(" · deal %d", n.Period+1)
	}
	ew.printf("\n")
	ew.printf("Walk-away points (the value of no deal, on a 0-1 scale): seller %.2f · buyer %.2f\n",
		n.Prefs[0].Reservation, n.Prefs[1].Reservation)
	ew.printf("Deadline %d rounds. What each side cares about (private: the other side cannot see it):\n", n.Deadline)
	for r := range 2 {
		ew.printf("  %-7s %s\n", agents.Role(r), priorities(d, n.Prefs[r], len(d.Issues)))
	}
	ew.printf("\n")
}

// writeScene prints the beats, round by round, telling quiet rounds in one
// line.
func writeScene(ew *errWriter, n *Negotiation) {
	beats := Scene(n)
	if len(beats) == 0 {
		ew.printf("Nobody moved.\n\n")
		return
	}
	opener := beats[0].By
	ew.printf("The %s (%s) opens.\n", opener, n.Names[opener])
	for _, r := range Rounds(beats) {
		if r.Quiet {
			ew.printf("%s: %s.\n", r.Label(), r.Summary)
			continue
		}
		ew.printf("%s\n", r.Label())
		for _, b := range r.Beats {
			writeBeat(ew, n, &b)
		}
	}
	ew.printf("\n")
}

const beatIndent = "          "

func writeBeat(ew *errWriter, n *Negotiation, b *Beat) {
	r := b.By
	head := fmt.Sprintf("  %-7s ", RoleTitle(r))
	switch b.Kind {
	case agents.MoveOffer:
		var line string
		switch {
		case b.First:
			line = b.Action + ": " + FormatTerms(b.Terms)
		case len(b.Changes) == 0:
			line = b.Action
		default:
			line = b.Action + ": " + FormatChanges(b.Changes)
		}
		ew.printf("%s", wrap(head, beatIndent, line))
		if b.HasDelta && len(b.Changes) > 0 {
			ew.printf("%sworth %.2f to the %s (%+.2f) · %.2f to the %s (%+.2f)\n", beatIndent,
				b.Value[r], r, b.Delta[r], b.Value[r.Other()], r.Other(), b.Delta[r.Other()])
		} else if len(b.Changes) > 0 || b.First {
			ew.printf("%sworth %.2f to the %s · %.2f to the %s\n", beatIndent, b.Value[r], r, b.Value[r.Other()], r.Other())
		}
	case agents.MoveAccept:
		ew.printf("%s", wrap(head, beatIndent, fmt.Sprintf("accepts: worth %.2f to the %s (walk-away %.2f), %.2f to the %s",
			b.Value[r], r, n.Prefs[r].Reservation, b.Value[r.Other()], r.Other())))
	case agents.MoveWalkAway:
		ew.printf("%s", wrap(head, beatIndent, b.Action))
	}
	for _, nt := range b.Notes {
		ew.printf("%s", wrap(beatIndent+"▸ ", beatIndent+"  ", nt.Tactic.Name+": "+nt.Text))
	}
	if b.Say != "" {
		ew.printf("%s“%s”\n", beatIndent, b.Say)
	}
}

// Ending says how the negotiation ended, in one sentence.
func Ending(n *Negotiation) string {
	o := &n.Outcome
	switch {
	case o.Fault != nil:
		return fmt.Sprintf("No deal: the %s (%s) broke the protocol at move %d: %v.", o.Fault.By, n.Names[o.Fault.By&1], o.Fault.Turn+1, firstLine(o.Fault.Err))
	case o.Agreed:
		return fmt.Sprintf("Deal in round %d: %s.", o.Rounds, FormatTerms(terms(n.Domain, o.Offer)))
	case o.WalkAway:
		return fmt.Sprintf("No deal: the %s walked away in round %d.", o.EndedBy, o.Rounds)
	}
	return fmt.Sprintf("No deal: the deadline of %d rounds passed.", n.Deadline)
}

func writeScorecard(ew *errWriter, n *Negotiation) {
	o, a := &n.Outcome, &n.Analysis
	ew.printf("%s", wrap("", "  ", Ending(n)))
	ew.printf("%-31s %5s  %9s  %7s  %8s  %s\n", "Scorecard", "value", "walk-away", "surplus", "expected", "won?")
	for r := range 2 {
		ew.printf("  %-6s %-22s %5.2f  %9.2f  %+7.2f  %8.2f  %s\n", RoleTitle(agents.Role(r)), clipName(n.Names[r], 22),
			o.Utility[r], n.Prefs[r].Reservation, o.Surplus[r], a.Expectation[r], WinWords(a, agents.Role(r)))
	}
	ew.printf("%s", wrap("  ", "  ", "Expected: its walk-away point plus the surplus the fair deal gives it. "+
		"A side wins with at least half the surplus it could expect (in brackets: the share it got)."))
	best := a.JointSurplus + a.LeftOnTable
	ew.printf("%s", wrap("  ", "  ", fmt.Sprintf("Joint surplus %.2f of the %.2f the two could have made together: %.2f left on the table.",
		a.JointSurplus, best, a.LeftOnTable)))
	if n.Nash != nil {
		ew.printf("%s", wrap("  ", "  ", fmt.Sprintf("The fair, efficient deal (Nash point): %s, worth %.2f to the seller and %.2f to the buyer.",
			FormatTerms(terms(n.Domain, n.Nash)), n.NashValue[0], n.NashValue[1])))
	}
	ew.printf("%s", wrap("  ", "  ", Verdict(n)))
	if n.Relationship {
		writeFeelings(ew, n)
	}
	ew.printf("\n")
}

// writeFeelings says how each side felt about the deal and whether it
// comes back.
func writeFeelings(ew *errWriter, n *Negotiation) {
	ew.printf("Will they deal again?\n")
	for r := range 2 {
		ew.printf("%s", wrap(fmt.Sprintf("  %-7s ", RoleTitle(agents.Role(r))), beatIndent, FeelingSentence(n, agents.Role(r))))
	}
}

// FeelingSentence says how side r felt about the deal (its subjective
// value, by component) and whether it comes back.
func FeelingSentence(n *Negotiation, r agents.Role) string {
	f := n.Feel[r]
	var b strings.Builder
	if n.Outcome.Agreed {
		fmt.Fprintf(&b, "subjective value %.2f (outcome %.2f, self %.2f, process %.2f, relationship %.2f)", f.SV, Floor2(f.I), Floor2(f.S), f.P, f.R)
		if met := HardTacticsMet(n, r); len(met) > 0 {
			fmt.Fprintf(&b, "; it met %s", joinAnd(met))
		}
		if n.Outcome.Yielded[r] {
			b.WriteString(" and gave way to one")
		}
	} else {
		fmt.Fprintf(&b, "subjective value %.2f (no deal)", f.SV)
	}
	fmt.Fprintf(&b, " → %.0f%% chance to come back: ", 100*f.Stay)
	switch {
	case n.Stayed[r] && n.Last:
		b.WriteString("would come back.")
	case n.Stayed[r]:
		b.WriteString("comes back.")
	default:
		b.WriteString("does not come back.")
	}
	return b.String()
}

// HardTacticsMet names the hard tactics side r met from its partner in n
// that the relationship model charges for ("an extreme anchor", "a
// flinch"): what cost the process its points.
func HardTacticsMet(n *Negotiation, r agents.Role) []string {
	m := n.Model
	if m == nil {
		dm := arena.DefaultModel()
		m = &dm
	}
	used := n.Outcome.Used[r.Other()]
	var out []string
	for _, t := range tactics {
		if t.Hard && used.Has(t.Tag) && m.Penalty(t.Tag, 1) > 0 {
			noun := t.Noun
			if x := n.Outcome.AnchorExtremity[r.Other()]; t.Tag == agents.TagExtremeAnchor && x > 0 {
				noun += " (" + anchorShort(x) + ")"
			}
			out = append(out, noun)
		}
	}
	return out
}

// priorities lists the k heaviest issues with their weights.
func priorities(d *agents.Domain, p *agents.Preferences, k int) string {
	rk := p.Ranking()
	var parts []string
	for j, i := range rk {
		if j == k {
			break
		}
		parts = append(parts, fmt.Sprintf("%s %.0f%%", d.Issues[i].Name, 100*p.Weights[i]))
	}
	return strings.Join(parts, " · ")
}

// headline names the offer by its price if it has one, else in full.
func headline(d *agents.Domain, o agents.Offer) string {
	if i := d.IssueIndex("price"); i >= 0 && i < len(o) {
		return d.Issues[i].Options[o[i]]
	}
	if len(d.Issues) == 1 {
		return d.Issues[0].Options[o[0]]
	}
	return FormatTerms(terms(d, o))
}

// droppedItems names the bundle items that cur leaves out and the package
// on the table (prev) included.
func droppedItems(d *agents.Domain, prev, cur agents.Offer) []string {
	var out []string
	for i, is := range d.Issues {
		if !is.Item || i >= len(cur) {
			continue
		}
		if cur[i] == 0 && (prev == nil || (i < len(prev) && prev[i] != 0)) {
			out = append(out, is.Name)
		}
	}
	return out
}

func clipName(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func firstLine(err error) string {
	if err == nil {
		return "unknown error"
	}
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// wrap breaks text into lines of at most Width columns: the first line
// starts with first, the others with rest (see textwrap.Wrap). It returns
// the lines, each ending in a newline.
func wrap(first, rest, text string) string { return textwrap.Wrap(Width, first, rest, text) }

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	_, e.err = fmt.Fprintf(e.w, format, args...)
}
