package play

import (
	"fmt"
	"slices"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/transcript"
)

// Points are the seed article's five ways to a win-win negotiation,
// numbered as in the article: Points[1] to Points[5].
var Points = [6]string{"",
	"Focus on interests",
	"Create opportunities for mutual gain",
	"Know your BATNA",
	"Prepare for price negotiation tactics",
	"Know your walk-away point",
}

// A Debrief is the coach's talk after a session: what the player did,
// deal by deal, and what to try next time, each piece of advice tied to
// one of the article's five points. It is made from the session's record
// alone ([NewDebrief]), so a saved session is debriefed again the same.
type Debrief struct {
	// Deals says in one sentence how each deal ended for the player.
	Deals []string `json:"deals"`
	// Did are the mistakes and the good moves the coach saw, in the order
	// they happened.
	Did []Note `json:"did"`
	// Try is the advice, one piece per kind of mistake made, then a
	// practice of the article the player did not use.
	Try []Advice `json:"try"`
}

// Advice is one thing to try next time.
type Advice struct {
	// Point is the article's point (1 to 5, see Points) it comes from.
	Point int `json:"point"`
	// For is the mistake it answers, if any.
	For  Kind   `json:"for,omitempty"`
	Text string `json:"text"`
}

// Mistakes lists the kinds of mistake in the debrief, each once, in the
// order they were first made.
func (db *Debrief) Mistakes() []Kind {
	var out []Kind
	for _, n := range db.Did {
		if n.Kind.Mistake() && !slices.Contains(out, n.Kind) {
			out = append(out, n.Kind)
		}
	}
	return out
}

// NewDebrief debriefs the player on side me of the relationship rel (one
// deal or several), as played in a role-play or read back from a saved
// session. quit says the session ended because the player quit or the
// input ended: the walk-away that ended it is no move to judge.
func NewDebrief(rel *transcript.Relationship, me agents.Role, quit bool) *Debrief {
	db := &Debrief{Did: []Note{}, Try: []Advice{}, Deals: []string{}}
	d := rel.Domain
	var p *agents.Preferences
	var prefs [2]*agents.Preferences
	used := agents.Tags(0)
	for k := range rel.Deals {
		n := &rel.Deals[k]
		prefs, p = n.Prefs, n.Prefs[me]
		db.Deals = append(db.Deals, dealSentence(n, me, k+1, quit && k == len(rel.Deals)-1))
		steps := n.Outcome.Transcript
		if o := &n.Outcome; quit && k == len(rel.Deals)-1 && o.WalkAway && o.EndedBy == me && len(steps) > 0 {
			steps = steps[:len(steps)-1]
		}
		for _, nt := range review(d, n.Prefs, me, steps) {
			nt.Deal = k + 1
			db.Did = append(db.Did, nt)
		}
		used |= n.Outcome.Used[me]
	}
	if p == nil {
		return db
	}
	shared := SharedIssues(arena.Scenario{Domain: d, Prefs: prefs})
	for _, k := range db.Mistakes() {
		db.Try = append(db.Try, adviceFor(k, d, p, shared))
	}
	if !used.Has(agents.TagAskWhy) {
		db.Try = append(db.Try, Advice{Point: 1, Text: "Ask about their interests: add \"why\" when they name a number or push back. " +
			"How they reached it tells you what they need, and whether the number is real."})
	}
	traded := slices.ContainsFunc(db.Did, func(n Note) bool { return n.Kind == Traded })
	if len(d.Issues) > 1 && !traded {
		db.Try = append(db.Try, Advice{Point: 2, Text: "Look for trades across issues: give way on what costs you little and matters to them, " +
			"ask for what matters to you. A trade makes both sides better off; a concession only moves value across the table."})
	}
	if len(db.Try) == 0 {
		db.Try = append(db.Try, Advice{Point: 5, Text: "You made none of the mistakes the coach looks for. Next time, try a harder partner " +
			"(winwin strategies lists them) or a relationship of several deals (--periods 4): " +
			"a partner who feels the deal was fair comes back."})
	}
	return db
}

// adviceFor is what to try after a mistake of kind k.
func adviceFor(k Kind, d *agents.Domain, p *agents.Preferences, shared []int) Advice {
	switch k {
	case ExtremeAnchor:
		return Advice{4, k, "Open ambitiously, but inside what they could accept. An anchor worse for them than no deal pulls little " +
			"and makes the deal feel one-sided: you may win the negotiation and lose the customer."}
	case UnreciprocatedConcession:
		return Advice{4, k, "When they push back without moving, don't concede to calm them: ask why, listen, and answer the objection. " +
			"Trade concessions: move when they move."}
	case GaveUpSharedIssue:
		var names []string
		for _, i := range shared {
			names = append(names, d.Issues[i].Name)
		}
		return Advice{2, k, fmt.Sprintf("Find what you both want (here: %s) and keep it in every offer; "+
			"create value by trading on the issues where you differ.", strings.Join(names, ", "))}
	case AcceptedFirstOffer:
		return Advice{4, k, "Take the lead: answer their first number with your own, and ask how they reached theirs. " +
			"Their first offer is an anchor, meant to pull the range their way."}
	case AcceptedBelowWalkAway:
		limit := fmt.Sprintf("no deal is worth %.2f to you", p.Reservation)
		if w := walkAwayWords(d, p); w != "" {
			limit = w
		}
		return Advice{3, k, fmt.Sprintf("Know your BATNA before you start (here: %s) and dismiss any offer worth less than no deal, "+
			"however the pressure builds.", limit)}
	case WalkedWithoutDissatisfaction:
		return Advice{5, k, "Before walking away, disengage: show dissatisfaction with how it is going (add \"unhappy\" to a move) " +
			"and give them a round to pick up the signal. If they don't, bow out gracefully."}
	case WalkedFromBetterThanNoDeal:
		return Advice{3, k, "An offer worth more than your walk-away point beats no deal: walk away only from offers below it."}
	}
	return Advice{Text: string(k)}
}

// dealSentence says how deal k ended for the player on side me; quit
// says the player left the session during it.
func dealSentence(n *transcript.Negotiation, me agents.Role, k int, quit bool) string {
	d, p := n.Domain, n.Prefs[me]
	o, a := &n.Outcome, &n.Analysis
	other := me.Other()
	head := fmt.Sprintf("Deal %d: ", k)
	switch {
	case o.Agreed && o.Surplus[me] < 0:
		return head + fmt.Sprintf("a deal worth %s less to you than no deal (%s).", valueWords(d, p, o.Surplus[me]), a.Class)
	case o.Agreed:
		return head + fmt.Sprintf("%s; you got %s over your walk-away point, %s of the surplus you could fairly expect.",
			a.Class, valueWords(d, p, o.Surplus[me]), shareWords(a, me))
	case a.NoDeal == arena.NoZone:
		return head + "no deal, and none was possible: walking away was right."
	case o.WalkAway && o.EndedBy == me && quit:
		return head + fmt.Sprintf("no deal: you left in round %d; a deal worth %.2f to the two of you was possible.", o.Rounds, a.ValueLost)
	case o.WalkAway && o.EndedBy == me:
		return head + fmt.Sprintf("no deal: you walked away in round %d; a deal worth %.2f to the two of you was possible.", o.Rounds, a.ValueLost)
	case o.WalkAway:
		return head + fmt.Sprintf("no deal: the %s walked away in round %d.", other, o.Rounds)
	case o.Deadline:
		return head + fmt.Sprintf("no deal: the deadline of %d rounds passed; a deal worth %.2f to the two of you was possible.", n.Deadline, a.ValueLost)
	}
	return head + "no deal."
}

// shareWords is the share of the surplus side r could expect that the
// deal gave it, rounded down ("68%").
func shareWords(a *arena.Analysis, r agents.Role) string {
	return fmt.Sprintf("%.0f%%", 100*transcript.Floor2(min(1, max(0, a.Satisfaction[r]))))
}
