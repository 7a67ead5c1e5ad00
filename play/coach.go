package play

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/internal/textwrap"
	"github.com/winwin-sim/winwin/internal/words"
	"github.com/winwin-sim/winwin/transcript"
)

// The coach's words come from the seed article: focus on interests,
// create options for mutual gain, know your BATNA, prepare for the price
// tactics (anchoring, flinching, unbundling) and know your walk-away
// point, disengaging before walking away.

// describeValues says in words what each option of issue i is worth to p.
func describeValues(is *agents.Issue, vs []float64) string {
	n := len(vs)
	if n <= 5 {
		parts := make([]string, n)
		for k, v := range vs {
			parts[k] = strings.ReplaceAll(fmt.Sprintf("%s %.2f", is.Options[k], v), " ", textwrap.NoBreak)
		}
		return strings.Join(parts, " · ")
	}
	inc, dec := true, true
	for k := 1; k < n; k++ {
		inc = inc && vs[k] >= vs[k-1]
		dec = dec && vs[k] <= vs[k-1]
	}
	switch {
	case inc && is.Numeric != nil:
		return fmt.Sprintf("higher is better: %s %.2f … %s %.2f", is.Options[0], vs[0], is.Options[n-1], vs[n-1])
	case dec && is.Numeric != nil:
		return fmt.Sprintf("lower is better: %s %.2f … %s %.2f", is.Options[0], vs[0], is.Options[n-1], vs[n-1])
	}
	best, worst := 0, 0
	for k, v := range vs {
		if v > vs[best] {
			best = k
		}
		if v < vs[worst] {
			worst = k
		}
	}
	return fmt.Sprintf("best %s %.2f, worst %s %.2f", is.Options[best], vs[best], is.Options[worst], vs[worst])
}

// walkAwayWords says where the walk-away point lies in the domain's words
// when one issue carries all the weight ("the worst price you can accept
// is $440,000"), or "" otherwise.
func walkAwayWords(d *agents.Domain, p *agents.Preferences) string {
	only := -1
	for i, w := range p.Weights {
		if w > 0 {
			if only >= 0 {
				return ""
			}
			only = i
		}
	}
	if only < 0 {
		return ""
	}
	vs := p.Values[only]
	worst := -1
	for k, v := range vs {
		u := p.Weights[only] * v
		if u >= p.Reservation-1e-9 && (worst < 0 || v < vs[worst]) {
			worst = k
		}
	}
	if worst < 0 {
		return ""
	}
	return fmt.Sprintf("the worst %s you can accept is %s", d.Issues[only].Name, d.Issues[only].Options[worst])
}

// partnerNotes explain the tactics of the partner's move, speaking to the
// player on side me. table is the player's offer the move answered (nil
// if none) and answered the tags the player sent with it.
func partnerNotes(d *agents.Domain, prefs *agents.Preferences, me agents.Role, m agents.Move, table agents.Offer, answered agents.Tags) []string {
	var out []string
	u := 0.0
	if m.Kind == agents.MoveOffer {
		u = prefs.Utility(m.Offer)
	}
	for _, t := range transcript.Tactics() {
		if !m.Tags.Has(t.Tag) {
			continue
		}
		var text string
		switch t.Tag {
		case agents.TagAnchor:
			text = "they open high to pull the bargaining range their way"
			if m.Kind == agents.MoveOffer {
				text = "they open at " + headline(d, m.Offer) + " to pull the bargaining range their way"
			}
		case agents.TagExtremeAnchor:
			text = fmt.Sprintf("worth only %.2f to you, below your walk-away point %.2f: worse than no deal", u, prefs.Reservation)
		case agents.TagFlinch:
			text = "they recoil at your offer as far too high, hoping you concede to calm them"
			if me == agents.Buyer {
				text = "they recoil at your offer as far too low, hoping you concede to calm them"
			}
		case agents.TagAskWhy:
			text = "they ask how your number was reached"
			if answered.Has(agents.TagFlinch) {
				text = "they ask why your offer is so far off for them, and listen"
			}
		case agents.TagJustify:
			text = "they explain how their number was reached"
		case agents.TagDisclose:
			text = "they share their priorities"
			var names []string
			for _, i := range m.Ranking {
				if i >= 0 && i < len(d.Issues) {
					names = append(names, d.Issues[i].Name)
				}
			}
			if len(names) > 0 {
				text += ": " + strings.Join(names, " > ")
			}
		case agents.TagUnbundle:
			text = "they take items out of the package and expect the price to stay"
			if dropped := dropped(d, table, m.Offer); len(dropped) > 0 {
				text = "they take " + strings.Join(dropped, " and ") + " out of the package and expect the price to stay"
			}
		case agents.TagReprice:
			text = "they answer your changed terms with a new price"
		case agents.TagDissatisfied:
			text = "they are unhappy with how this is going: disengaging, close to walking away"
		case agents.TagRetraction:
			text = "this is worse for you than their own previous offer: they took back a concession"
		}
		out = append(out, strings.ToUpper(t.Name[:1])+t.Name[1:]+": "+text+".")
	}
	return out
}

// coachPriority orders the tactics whose answer the coach gives first.
// A flinch or an unbundle answers the player's own offer, so it comes
// first: it is what the player must answer now.
var coachPriority = []agents.Tag{
	agents.TagFlinch, agents.TagUnbundle, agents.TagExtremeAnchor, agents.TagAnchor,
	agents.TagDissatisfied, agents.TagRetraction, agents.TagDisclose, agents.TagAskWhy,
}

// coachLine is the article's answer to the most important tactic in tags,
// for the player on side me, or "". offered says the player has made an
// offer in this deal already: an anchor is then answered by holding it.
func coachLine(tags agents.Tags, me agents.Role, offered bool) string {
	for _, t := range coachPriority {
		if tags.Has(t) {
			x, _ := transcript.TacticOf(t)
			a := x.AnswerFor(me)
			if offered && (t == agents.TagAnchor || t == agents.TagExtremeAnchor) {
				a = "don't bargain inside their range: you have put your own number on the table; hold it, and ask how they reached theirs"
				if t == agents.TagExtremeAnchor {
					a = "it is worse than no deal for you: never accept it; hold your own offer and ask how they reached their number"
				}
			}
			switch t {
			case agents.TagAnchor, agents.TagExtremeAnchor:
				a += ` (add "why" to your offer)`
			case agents.TagFlinch:
				a += ` (add "why"; hold with "same why")`
			case agents.TagUnbundle:
				a += ` (add "reprice")`
			case agents.TagAskWhy:
				a += ` (add "justify")`
			}
			return strings.ToUpper(a[:1]) + a[1:] + "."
		}
	}
	return ""
}

// A Coach advises one player in a role-play, in the seed article's words
// and the domain's: a hint for the player's turn ([Coach.Hint]), remarks
// on the player's own moves as the arena saw them ([Coach.Remarks]) and,
// after the session, a debrief ([NewDebrief]). It never advises giving
// up an issue both sides want (see [SharedIssues]) and never says the
// same sentence twice. A Coach writes nothing itself: its words are
// returned, for a terminal or a web page to show.
type Coach struct {
	d      *agents.Domain
	prefs  [2]*agents.Preferences
	me     agents.Role
	shared []int
	said   map[string]bool
	// period and remarked are the deal and the number of its moves the
	// remarks have looked at.
	period, remarked int
}

// NewCoach returns the coach of the player on side me of scenario sc.
// The partner's preferences in sc are used only to tell which issues both
// sides want the same way; the coach never reveals them otherwise.
func NewCoach(sc arena.Scenario, me agents.Role) *Coach {
	return &Coach{d: sc.Domain, prefs: sc.Prefs, me: me, shared: SharedIssues(sc), said: map[string]bool{}}
}

// SharedIssues lists the issues of sc on which both sides like the same
// option best (volume on supply-deal, training on bundle): giving one up
// is worse for both, so the coach never advises it.
func SharedIssues(sc arena.Scenario) []int {
	var out []int
	if sc.Prefs[0] == nil || sc.Prefs[1] == nil {
		return nil
	}
	for i := range sc.Domain.Issues {
		if sc.Prefs[0].Weights[i] > 0 && sc.Prefs[1].Weights[i] > 0 &&
			argmax(sc.Prefs[0].Values[i]) == argmax(sc.Prefs[1].Values[i]) {
			out = append(out, i)
		}
	}
	return out
}

func argmax(vs []float64) int {
	b := 0
	for k, v := range vs {
		if v > vs[b] {
			b = k
		}
	}
	return b
}

// say keeps the lines of out the coach has not said before, and marks
// them said.
func (c *Coach) say(out []string) []string {
	kept := out[:0]
	for _, l := range out {
		if l != "" && !c.said[l] {
			c.said[l] = true
			kept = append(kept, l)
		}
	}
	return kept
}

// Hint is the coach's advice for the player's turn in v, drawn from the
// article and the state of the deal, leaving out what it said before. When
// nothing is new it says so once a round; after that it returns nothing.
func (c *Coach) Hint(v *agents.View) []string {
	d, p := v.Domain, v.Prefs
	r := p.Reservation
	var out []string
	last := v.Last
	own := lastOwnOffer(v)
	if last.Kind != agents.MoveOffer {
		out = append(out, "Take the lead: open with your own number. An ambitious first offer anchors the range your way; "+
			"one that is worse for them than no deal can cost you the relationship.")
	} else {
		u := p.Utility(last.Offer)
		switch {
		case u < r:
			out = append(out, fmt.Sprintf("Know your BATNA: their offer is worth %.2f to you, %s less than no deal (%.2f). Don't accept it. "+
				"If it stays there near the deadline, show dissatisfaction first (add \"unhappy\"), then walk away.", u, valueWords(d, p, r-u), r))
		case own != nil && u >= p.Utility(own)-1e-9:
			out = append(out, fmt.Sprintf("Their offer is worth %.2f to you, at least as much as your own last offer (%.2f): accept it.", u, p.Utility(own)))
		default:
			out = append(out, fmt.Sprintf("Their offer is worth %.2f to you: %s above your walk-away point %.2f. "+
				"Accepting beats no deal; whether you can do better depends on what they care about.", u, valueWords(d, p, u-r), r))
		}
		if l := coachLine(last.Tags, v.Role, own != nil); l != "" {
			out = append(out, l)
		}
		if last.Tags.Has(agents.TagDisclose) {
			out = append(out, "They told you their priorities: give way on what they rank first if it costs you little, and ask for what you rank first.")
		}
		if len(v.Moves) == 1 {
			out = append(out, "This is their first offer: it is an anchor, rarely their last word. Answer with your own number before you think of accepting.")
		}
	}
	out = append(out, c.valueAdvice(p)...)
	left := v.Deadline - v.Round - 1
	switch {
	case left <= 0:
		out = append(out, "This is the last round: if there is no deal now, there is none. Accept anything above your walk-away point, or walk.")
	case left <= 2:
		out = append(out, fmt.Sprintf("Only %s left after this one: at the deadline there is no deal.", words.Count(left, "round")))
	}
	if v.Period > 0 {
		out = append(out, "This is repeat business: a partner who feels the deal was fair and the process respectful comes back. Hard tactics win deals and lose customers.")
	}
	if kept := c.say(out); len(kept) > 0 {
		return kept
	}
	line := fmt.Sprintf("Nothing new since my last hint, in round %d of %d.", v.Round+1, v.Deadline)
	if last.Kind == agents.MoveOffer {
		line = fmt.Sprintf("Nothing new since my last hint: in round %d of %d their offer is worth %.2f to you, your walk-away point %.2f.",
			v.Round+1, v.Deadline, p.Utility(last.Offer), r)
	}
	return c.say([]string{line})
}

// valueAdvice is the article's "create value" advice for a domain of
// several issues: concede where it costs the player least among the
// issues the two sides want differently, hold what matters most, and
// never give up an issue both want.
func (c *Coach) valueAdvice(p *agents.Preferences) []string {
	d := c.d
	if len(d.Issues) < 2 {
		return nil
	}
	var out []string
	rk := p.Ranking()
	dear := rk[0]
	cheap := -1
	for j := len(rk) - 1; j >= 0; j-- {
		if !slices.Contains(c.shared, rk[j]) && rk[j] != dear {
			cheap = rk[j]
			break
		}
	}
	if cheap >= 0 {
		out = append(out, fmt.Sprintf("Create value: concede where it costs you least (%s, %.0f%% of your value) and hold on what matters most (%s, %.0f%%). "+
			"Trading across issues (logrolling) can make both sides better off.",
			d.Issues[cheap].Name, 100*p.Weights[cheap], d.Issues[dear].Name, 100*p.Weights[dear]))
	}
	if len(c.shared) > 0 {
		var names []string
		for _, i := range c.shared {
			names = append(names, fmt.Sprintf("%s at %s", d.Issues[i].Name, d.Issues[i].Options[argmax(p.Values[i])]))
		}
		out = append(out, fmt.Sprintf("Some of it you both want: %s. Never give that up to make a concession: it is worse for both of you. "+
			"Put it in every offer and trade on the rest.", strings.Join(names, ", ")))
	}
	return out
}

// lastOwnOffer is the player's latest offer in v's negotiation, or nil.
func lastOwnOffer(v *agents.View) agents.Offer {
	for i := len(v.Moves) - 1; i >= 0; i-- {
		if v.MoveBy(i) == v.Role && v.Moves[i].Kind == agents.MoveOffer {
			return v.Moves[i].Offer
		}
	}
	return nil
}

// Remarks comments on the player's own moves made since the last call,
// as the arena saw them: an opening it judged an extreme anchor, a
// concession the partner had not earned by moving, an issue both want
// given up. Call it on each of the player's turns.
func (c *Coach) Remarks(v *agents.View) []string {
	if v.Period != c.period {
		c.period, c.remarked = v.Period, 0
	}
	steps := viewSteps(v, c.prefs)
	var out []string
	for _, n := range review(c.d, c.prefs, c.me, steps) {
		if n.turn >= c.remarked && n.live != "" {
			out = append(out, n.live)
		}
	}
	c.remarked = len(steps)
	return c.say(out)
}

// viewSteps rebuilds a negotiation's steps so far from a player's view,
// valuing each offer with both sides' preferences (the partner's may be
// nil: then its values are 0).
func viewSteps(v *agents.View, prefs [2]*agents.Preferences) []arena.Step {
	out := make([]arena.Step, len(v.Moves))
	for i, m := range v.Moves {
		st := arena.Step{By: v.MoveBy(i), Move: m}
		var o agents.Offer
		switch {
		case m.Kind == agents.MoveOffer:
			o = m.Offer
		case m.Kind == agents.MoveAccept && i > 0:
			o = v.Moves[i-1].Offer
		}
		for r, p := range prefs {
			switch {
			case p == nil:
			case o != nil:
				st.Utility[r] = p.Utility(o)
			default:
				st.Utility[r] = p.Reservation
			}
		}
		out[i] = st
	}
	return out
}

// headline names an offer by its price if it has one, else in full.
func headline(d *agents.Domain, o agents.Offer) string {
	if i := d.IssueIndex("price"); i >= 0 && i < len(o) {
		return d.Issues[i].Options[o[i]]
	}
	return transcript.FormatTerms(termsOf(d, o))
}

func termsOf(d *agents.Domain, o agents.Offer) []transcript.Term {
	out := make([]transcript.Term, 0, len(o))
	for i, k := range o {
		out = append(out, transcript.Term{Issue: d.Issues[i].Name, Option: d.Issues[i].Options[k]})
	}
	return out
}

// dropped names the bundle items that cur leaves out and prev included.
func dropped(d *agents.Domain, prev, cur agents.Offer) []string {
	var out []string
	for i, is := range d.Issues {
		if is.Item && i < len(cur) && cur[i] == 0 && (prev == nil || prev[i] != 0) {
			out = append(out, is.Name)
		}
	}
	return out
}

// round2 rounds to two decimals, as shown.
func round2(x float64) float64 { return math.Round(x*100) / 100 }

// tagNames lists the signals in t by their display names.
func tagNames(t agents.Tags) []string {
	var out []string
	for _, x := range transcript.Tactics() {
		if t.Has(x.Tag) {
			out = append(out, x.Name)
		}
	}
	return slices.Clip(out)
}
