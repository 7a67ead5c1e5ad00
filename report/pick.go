package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/transcript"
)

// A Lesson is a sampled relationship chosen to teach one of the article's
// points, with the deal to open and why it was chosen, in figures.
type Lesson struct {
	// Kind is what it teaches: LessonHardBargaining, LessonLogrolling or
	// LessonWalkAway, LessonFlinch, LessonUnbundle.
	Kind string
	// Title and Moral say it in words; Why gives the figures it was
	// chosen by.
	Title, Moral, Why string
	Rel               *transcript.Relationship
	// Focus is the index of the deal to show in full.
	Focus int
}

// The kinds of lesson, in the order the report shows them.
const (
	LessonHardBargaining = "hard-bargaining"
	LessonLogrolling     = "logrolling"
	LessonWalkAway       = "walk-away"
	LessonFlinch         = "flinch"
	LessonUnbundle       = "unbundle"
)

// hardTags are the tactics of hard bargaining, sent or detected.
const hardTags = agents.TagAnchor | agents.TagExtremeAnchor | agents.TagFlinch | agents.TagUnbundle | agents.TagRetraction

// Pick chooses up to three relationships to teach from, by their figures
// (never by strategy names), among those recorded move by move:
//
//   - hard bargaining: a side that used hard tactics wins the first deal
//     (more surplus than its partner; win-lose or lose-win, it the winner:
//     at least half its fair share, the partner less than half of its, though
//     the deal still beats the partner's walk-away point) and the partner
//     does not come back: the larger the first-deal advantage and the
//     sooner the partner left, the better, and a tactic sent on purpose
//     (an anchor, a flinch, an unbundle) counts more than an ambitious
//     opening the arena judged extreme;
//   - logrolling: a win-win deal with the least value left on the table,
//     preferring deals where a side gave the partner more at little cost
//     to itself or disclosed its priorities;
//   - a third moment of the article, the first found of: dissatisfaction
//     shown before a walk-away, a flinch answered by asking why, an
//     unbundle answered by a re-price.
//
// Ties go to the relationship listed first, so the same samples always
// give the same lessons.
func Pick(samples []*transcript.Relationship) []Lesson {
	samples = recorded(samples)
	var out []Lesson
	used := map[*transcript.Relationship]bool{}
	take := func(ls []Lesson) {
		for _, l := range ls {
			if !used[l.Rel] {
				out = append(out, l)
				used[l.Rel] = true
				return
			}
		}
	}
	take(hardLessons(samples))
	take(logrollLessons(samples))
	for _, m := range moments {
		n := len(out)
		take(m.lessons(samples))
		if len(out) > n {
			break
		}
	}
	return out
}

// Candidates returns the relationships Pick could choose from samples,
// whatever was chosen before: the best k of each kind of lesson. A samples
// file that keeps the transcripts of these (and only the figures of the
// others) makes Pick choose as it would with every transcript.
func Candidates(samples []*transcript.Relationship, k int) map[*transcript.Relationship]bool {
	samples = recorded(samples)
	keep := map[*transcript.Relationship]bool{}
	add := func(ls []Lesson) {
		for i, l := range ls {
			if i == k {
				break
			}
			keep[l.Rel] = true
		}
	}
	add(hardLessons(samples))
	add(logrollLessons(samples))
	for _, m := range moments {
		add(m.lessons(samples))
	}
	return keep
}

// recorded keeps the relationships whose every deal was recorded move by
// move.
func recorded(samples []*transcript.Relationship) []*transcript.Relationship {
	var out []*transcript.Relationship
	for _, rel := range samples {
		ok := len(rel.Deals) > 0
		for i := range rel.Deals {
			ok = ok && len(rel.Deals[i].Outcome.Transcript) > 0
		}
		if ok {
			out = append(out, rel)
		}
	}
	return out
}

// byScore sorts lessons by score, best first, keeping the samples' order
// among equals.
func byScore(ls []Lesson, score []float64) []Lesson {
	idx := make([]int, len(ls))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return score[idx[a]] > score[idx[b]] })
	out := make([]Lesson, len(ls))
	for i, j := range idx {
		out[i] = ls[j]
	}
	return out
}

// hardLessons lists the hard-bargaining lessons in samples, best first:
// one per relationship, for its side with the larger first-deal lead.
func hardLessons(samples []*transcript.Relationship) []Lesson {
	var (
		ls     []Lesson
		scores []float64
	)
	for _, rel := range samples {
		if rel.End != arena.Left {
			continue
		}
		d := &rel.Deals[0]
		o := &d.Outcome
		var (
			best  Lesson
			score float64
			found bool
		)
		for x := range 2 {
			y := 1 - x
			// The partner made a deal at least as good as no deal, and
			// still left: the deal felt one-sided.
			if !o.Agreed || o.Used[x]&hardTags == 0 || o.Surplus[x] <= o.Surplus[y] || o.Surplus[y] < 0 ||
				!d.Analysis.Won(agents.Role(x)) || d.Analysis.Won(agents.Role(y)) || !rel.LeftBy[y] || rel.LeftBy[x] {
				continue
			}
			s := o.Surplus[x] - o.Surplus[y] - 0.05*float64(len(rel.Deals))
			if o.Used[x]&(agents.TagAnchor|agents.TagFlinch|agents.TagUnbundle) != 0 {
				s += 0.1 // a tactic sent on purpose, not only an ambitious opening
			}
			if found && s <= score {
				continue
			}
			hx, hy := agents.Role(x), agents.Role(y)
			last := &rel.Deals[len(rel.Deals)-1]
			best = Lesson{
				Kind: LessonHardBargaining, Rel: rel, Focus: 0,
				Title: fmt.Sprintf("Hard bargaining wins the deal and loses the customer: %s (%s) against %s (%s)",
					rel.Names[x], hx, rel.Names[y], hy),
				Why: fmt.Sprintf("In deal 1 the %s used %s and took %+.2f against the %s's %+.2f (%s). "+
					"The %s left after deal %d (its subjective value %.2f gave it a %.0f%% chance to come back). "+
					"Long-run payoff: %s %+.2f, %s %+.2f.",
					hx, joinNames(o.Used[x]&hardTags), o.Surplus[x], hy, o.Surplus[y], outcomeWords(&d.Analysis),
					hy, len(rel.Deals), last.Feel[y].SV, 100*last.Feel[y].Stay,
					hx, rel.Payoff[x], hy, rel.Payoff[y]),
				Moral: "You may win at one negotiation but lose in the long run: a deal that feels one-sided, " +
					"reached with hard tactics, makes the partner less likely to come back.",
			}
			score, found = s, true
		}
		if found {
			ls, scores = append(ls, best), append(scores, score)
		}
	}
	return byScore(ls, scores)
}

// logrollLessons lists the logrolling lessons in samples, best first: one
// per relationship, for its best win-win deal.
func logrollLessons(samples []*transcript.Relationship) []Lesson {
	var (
		ls     []Lesson
		scores []float64
	)
	for _, rel := range samples {
		var (
			best  Lesson
			score float64
			found bool
		)
		for i := range rel.Deals {
			d := &rel.Deals[i]
			if !d.Outcome.Agreed || d.Analysis.Class != arena.WinWin {
				continue
			}
			trades := 0
			for _, b := range transcript.Scene(d) {
				if b.Kind == agents.MoveOffer && b.HasDelta && len(b.Changes) > 0 && b.Delta[b.By] > -0.02 && b.Delta[b.By.Other()] > 0.02 {
					trades++
				}
			}
			disclosed := (d.Outcome.Used[0] | d.Outcome.Used[1]).Has(agents.TagDisclose)
			s := -d.Analysis.LeftOnTable + 0.02*float64(min(trades, 5))
			if disclosed {
				s += 0.05
			}
			if rel.End == arena.Completed {
				s += 0.02
			}
			if found && s <= score {
				continue
			}
			why := fmt.Sprintf("Deal %d is win-win: the seller's surplus %+.2f, the buyer's %+.2f, %.2f left on the table",
				i+1, d.Outcome.Surplus[0], d.Outcome.Surplus[1], d.Analysis.LeftOnTable)
			if trades > 0 {
				why += fmt.Sprintf("; %d offers gave the partner more at little cost to the mover", trades)
			}
			if disclosed {
				why += "; priorities were shared"
			}
			why += ". " + rel.Story()
			best = Lesson{
				Kind: LessonLogrolling, Rel: rel, Focus: i,
				Title: fmt.Sprintf("Creating value: %s (seller) and %s (buyer) trade across issues to a win-win deal", rel.Names[0], rel.Names[1]),
				Why:   why,
				Moral: "Focus on interests and create options for mutual gain: giving way where it costs you little " +
					"and the partner gains much leaves both better off, and both come back.",
			}
			score, found = s, true
		}
		if found {
			ls, scores = append(ls, best), append(scores, score)
		}
	}
	return byScore(ls, scores)
}

// A moment is one of the article's other moments, found in a deal's beats.
type moment struct {
	kind, title, moral string
	find               func(bs []transcript.Beat) (string, bool)
}

// lessons lists the relationships showing the moment, in the samples'
// order, each at its first deal that shows it.
func (m moment) lessons(samples []*transcript.Relationship) []Lesson {
	var out []Lesson
	for _, rel := range samples {
		for i := range rel.Deals {
			if what, ok := m.find(transcript.Scene(&rel.Deals[i])); ok {
				d := &rel.Deals[i]
				out = append(out, Lesson{Kind: m.kind, Rel: rel, Focus: i, Moral: m.moral,
					Title: fmt.Sprintf("%s: %s (seller) and %s (buyer)", m.title, rel.Names[0], rel.Names[1]),
					Why:   fmt.Sprintf("In deal %d %s. Outcome: %s.", i+1, what, outcomeSummary(&d.Analysis))})
				break
			}
		}
	}
	return out
}

// moments are the third lesson's candidates, in order of preference.
var moments = []moment{
	{LessonWalkAway, "Knowing the walk-away point: dissatisfaction shown, then a walk-away",
		"Before walking away, disengage by showing dissatisfaction; if the partner does not pick up the signals, bow out gracefully.",
		func(bs []transcript.Beat) (string, bool) {
			signals := 0
			for _, b := range bs {
				if hasNote(b, agents.TagDissatisfied) {
					signals++
				}
				if b.Kind == agents.MoveWalkAway && signals > 0 {
					return fmt.Sprintf("the %s showed dissatisfaction %d time(s), then walked away in round %d", b.By, signals, b.Round), true
				}
			}
			return "", false
		}},
	{LessonFlinch, "A flinch, answered by asking why",
		"Against a flinch, ask why the price is too much and listen; don't concede just to calm the partner.",
		func(bs []transcript.Beat) (string, bool) {
			for i, b := range bs {
				if hasNote(b, agents.TagFlinch) && i+1 < len(bs) && hasNote(bs[i+1], agents.TagAskWhy) {
					return fmt.Sprintf("the %s flinched in round %d and the %s asked why", b.By, b.Round, bs[i+1].By), true
				}
			}
			return "", false
		}},
	{LessonUnbundle, "An unbundle, answered by a re-price",
		"You need not accept changed terms at the old price: state that the price depends on the terms.",
		func(bs []transcript.Beat) (string, bool) {
			for i, b := range bs {
				if hasNote(b, agents.TagUnbundle) && i+1 < len(bs) && hasNote(bs[i+1], agents.TagReprice) {
					return fmt.Sprintf("the %s unbundled in round %d and the %s re-priced", b.By, b.Round, bs[i+1].By), true
				}
			}
			return "", false
		}},
}

// outcomeSummary is the outcome of a deal in words with the value it
// left on the table, or for no deal the value both lost.
func outcomeSummary(a *arena.Analysis) string {
	if a.Class == arena.NoDeal {
		return outcomeWords(a)
	}
	return fmt.Sprintf("%s; %.2f left on the table", outcomeWords(a), a.LeftOnTable)
}

func hasNote(b transcript.Beat, t agents.Tag) bool {
	for _, n := range b.Notes {
		if n.Tactic.Tag == t {
			return true
		}
	}
	return false
}

// joinNames names the tactics in t: "an anchor and a flinch".
func joinNames(t agents.Tags) string {
	var names []string
	for _, x := range transcript.Tactics() {
		if t.Has(x.Tag) {
			names = append(names, x.Noun)
		}
	}
	switch len(names) {
	case 0:
		return "no tactic"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
