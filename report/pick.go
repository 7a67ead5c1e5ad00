package report

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/internal/words"
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
	// Focus is the index of the deal the lesson shows.
	Focus int
	// From and To are the rounds of the focus deal the scene shows move by
	// move (with its last round): the moment and what answered it. The
	// other rounds are folded away.
	From, To int
}

// The kinds of lesson: one per tactic of the article, and the hard
// bargainer who wins a deal and loses the customer.
const (
	LessonAnchor         = "anchor"
	LessonFlinch         = "flinch"
	LessonUnbundle       = "unbundle"
	LessonWalkAway       = "walk-away"
	LessonLogrolling     = "logrolling"
	LessonHardBargaining = "hard-bargaining"
)

// LessonKinds are the kinds of lesson in the order the report shows them:
// the article's five tactics, each answered, then what hard bargaining
// costs over the relationship.
var LessonKinds = []string{LessonAnchor, LessonFlinch, LessonUnbundle, LessonWalkAway, LessonLogrolling, LessonHardBargaining}

// hardTags are the tactics of hard bargaining, sent or detected.
const hardTags = agents.TagAnchor | agents.TagExtremeAnchor | agents.TagFlinch | agents.TagUnbundle | agents.TagRetraction

// Pick chooses a lesson of each kind (LessonKinds) that the samples show,
// by their figures and moves (never by strategy names), among the
// relationships recorded move by move in which no side is one of avoid
// (the report avoids strategies that move at random: a lesson needs a
// partner who means what it does):
//
//   - anchor: an opening anchor answered by the partner's own first offer
//     and a question how the number was reached;
//   - flinch: a flinch answered by asking why;
//   - unbundle: an unbundle answered by a re-price;
//   - walk-away: dissatisfaction shown, then a walk-away;
//   - logrolling: a win-win deal with the least value left on the table,
//     preferring deals where a side gave the partner more at little cost
//     to itself or disclosed its priorities, and where the side that
//     first did so, and then its partner, used no hard tactic before it;
//   - hard bargaining: a side that used hard tactics wins the first deal
//     (at least half its fair share of the surplus, the partner less than
//     half of its, though the deal beats the partner's walk-away point)
//     and the partner does not come back: the larger the first-deal lead
//     and the sooner the partner left, the better, and a tactic sent on
//     purpose counts more than an ambitious opening the arena judged
//     extreme.
//
// A scene whose answering side used a hard tactic of its own before its
// answer (an opening the arena judged an extreme anchor, say) is chosen
// only when no other shows the kind: the answer is the example to follow.
// Among relationships showing a moment, the shortest scene wins: the
// fewest rounds to the moment's answer. Each relationship teaches once
// while another shows the kind; ties go to the relationship listed first,
// so the same samples always give the same lessons.
func Pick(samples []*transcript.Relationship, avoid ...string) []Lesson {
	byKind := lessonsByKind(usable(samples, avoid))
	var out []Lesson
	used := map[*transcript.Relationship]bool{}
	for _, kind := range LessonKinds {
		ls := byKind[kind]
		if len(ls) == 0 {
			continue
		}
		pick := ls[0]
		for _, l := range ls {
			if !used[l.Rel] {
				pick = l
				break
			}
		}
		out = append(out, pick)
		used[pick.Rel] = true
	}
	return out
}

// Candidates returns the relationships Pick could choose from samples,
// whatever was chosen before: the best k of each kind of lesson. A samples
// file that keeps the transcripts of these (and only the figures of the
// others) makes Pick choose as it would with every transcript.
func Candidates(samples []*transcript.Relationship, k int, avoid ...string) map[*transcript.Relationship]bool {
	byKind := lessonsByKind(usable(samples, avoid))
	keep := map[*transcript.Relationship]bool{}
	for _, kind := range LessonKinds {
		for i, l := range byKind[kind] {
			if i == k+len(LessonKinds) {
				break
			}
			keep[l.Rel] = true
		}
	}
	return keep
}

// lessonsByKind lists the lessons of each kind in samples, best first.
// Every kind reads the scenes (transcript.Scene) of a relationship's
// deals, and making them is most of the work: each relationship's are made
// once, for all kinds, and dropped before the next relationship's, so that
// no more than one relationship's scenes are held at a time.
func lessonsByKind(samples []*transcript.Relationship) map[string][]Lesson {
	ls := map[string][]Lesson{}
	scores := map[string][]float64{}
	add := func(l Lesson, score float64) {
		ls[l.Kind] = append(ls[l.Kind], l)
		scores[l.Kind] = append(scores[l.Kind], score)
	}
	var scenes [][]transcript.Beat
	for _, rel := range samples {
		scenes = append(scenes[:0], make([][]transcript.Beat, len(rel.Deals))...)
		scene := func(i int) []transcript.Beat {
			if scenes[i] == nil {
				scenes[i] = transcript.Scene(&rel.Deals[i])
			}
			return scenes[i]
		}
		for _, m := range moments {
			if l, score, ok := m.lesson(rel, scene); ok {
				add(l, score)
			}
		}
		if l, score, ok := logrollLesson(rel, scene); ok {
			add(l, score)
		}
		if l, score, ok := hardLesson(rel); ok {
			add(l, score)
		}
	}
	for kind := range ls {
		ls[kind] = byScore(ls[kind], scores[kind])
	}
	return ls
}

// usable keeps the relationships recorded move by move in which neither
// side is one of avoid.
func usable(samples []*transcript.Relationship, avoid []string) []*transcript.Relationship {
	var out []*transcript.Relationship
	for _, rel := range recorded(samples) {
		if !slices.Contains(avoid, rel.Names[0]) && !slices.Contains(avoid, rel.Names[1]) {
			out = append(out, rel)
		}
	}
	return out
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

// hardLesson returns rel's hard-bargaining lesson, if it shows one, for
// its side with the larger first-deal lead, and the lesson's score.
func hardLesson(rel *transcript.Relationship) (Lesson, float64, bool) {
	if rel.End != arena.Left {
		return Lesson{}, 0, false
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
		mo := moneyOf(d)
		best = Lesson{
			Kind: LessonHardBargaining, Rel: rel, Focus: 0, From: 1, To: 1,
			Title: fmt.Sprintf("Hard bargaining wins the deal and loses the customer: %s (%s) against %s (%s)",
				rel.Names[x], hx, rel.Names[y], hy),
			Why: fmt.Sprintf("In deal 1 the %s used %s and came out %s; the %s, %s (%s). "+
				"The deal felt one-sided: the %s had a %.0f%% chance to come back, and left after deal %d.",
				hx, joinNames(o.Used[x]&hardTags), mo.surplus(hx, o.Surplus[x]), hy, mo.surplus(hy, o.Surplus[y]), outcomeWords(&d.Analysis),
				hy, 100*last.Feel[y].Stay, len(rel.Deals)),
			Moral: "You may win one negotiation and lose in the long run: a deal that feels one-sided, " +
				"reached with hard tactics, makes the partner less likely to come back.",
		}
		score, found = s, true
	}
	return best, score, found
}

// logrollLesson returns rel's logrolling lesson, if it shows one, for its
// best win-win deal (scene gives deal i's scene), and the lesson's score.
func logrollLesson(rel *transcript.Relationship, scene func(i int) []transcript.Beat) (Lesson, float64, bool) {
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
		trades, firstTrade, trader := 0, 1, agents.Seller
		bs := scene(i)
		for _, b := range bs {
			if b.Kind == agents.MoveOffer && b.HasDelta && len(b.Changes) > 0 && b.Delta[b.By] > -0.02 && b.Delta[b.By.Other()] > 0.02 {
				if trades == 0 {
					firstTrade, trader = b.Round, b.By
				}
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
		if trades > 0 && !cleanUpTo(bs, trader, firstTrade) {
			s -= unclean // the example to follow opened with a hard tactic
		}
		if trades > 0 && !cleanUpTo(bs, trader.Other(), firstTrade) {
			s -= unclean / 2 // a scene of two clean sides teaches value creation best
		}
		if found && s <= score {
			continue
		}
		mo := moneyOf(d)
		why := fmt.Sprintf("Deal %d is win-win: the seller came out %s, the buyer %s",
			i+1, mo.surplus(agents.Seller, d.Outcome.Surplus[0]), mo.surplus(agents.Buyer, d.Outcome.Surplus[1]))
		if trades > 0 {
			why += fmt.Sprintf("; %s gave the partner more at little cost to the mover", words.Count(trades, "offer"))
		}
		if disclosed {
			why += "; priorities were shared"
		}
		why += ". " + rel.Story()
		best = Lesson{
			Kind: LessonLogrolling, Rel: rel, Focus: i, From: 1, To: firstTrade,
			Title: fmt.Sprintf("Creating value: %s (seller) and %s (buyer) trade across issues to a win-win deal", rel.Names[0], rel.Names[1]),
			Why:   why,
			Moral: "Give way where it costs you little and the partner gains much: both end better off, and both come back.",
		}
		score, found = s, true
	}
	return best, score, found
}

// A moment is one of the article's tactics and its answer, found in a
// deal's beats.
type moment struct {
	kind, title, moral string
	// find returns what happened in words, the rounds from the tactic to
	// its answer, and the side whose answer the lesson teaches.
	find func(bs []transcript.Beat) (what string, from, to int, by agents.Role, ok bool)
}

// lesson returns rel's lesson of the moment, if it shows one, at its
// first deal that does (scene gives deal i's scene), and the lesson's
// score: first the scenes whose answering side used no hard tactic of its
// own up to its answer (a trainer shows the answer as the example to
// follow, and an example that opened with an extreme anchor itself would
// need correcting in front of the class), then the others; within each,
// the shortest scene first (the fewest rounds up to the answer).
func (m moment) lesson(rel *transcript.Relationship, scene func(i int) []transcript.Beat) (Lesson, float64, bool) {
	for i := range rel.Deals {
		bs := scene(i)
		what, from, to, by, ok := m.find(bs)
		if !ok {
			continue
		}
		score := -float64(to)
		if !cleanUpTo(bs, by, to) {
			score -= unclean
		}
		d := &rel.Deals[i]
		return Lesson{Kind: m.kind, Rel: rel, Focus: i, Moral: m.moral, From: from, To: to,
			Title: fmt.Sprintf("%s: %s (seller) and %s (buyer)", m.title, rel.Names[0], rel.Names[1]),
			Why:   fmt.Sprintf("In deal %d %s. Outcome: %s.", i+1, what, outcomeSummary(&d.Analysis))}, score, true
	}
	return Lesson{}, 0, false
}

// unclean ranks a scene whose answering side used a hard tactic below
// every clean one: no scene is this many rounds long.
const unclean = 1e6

// cleanUpTo reports whether side by used no hard tactic (hardTags, sent or
// detected) in the beats up to round to.
func cleanUpTo(bs []transcript.Beat, by agents.Role, to int) bool {
	for _, b := range bs {
		if b.Round > to {
			break
		}
		if b.By != by {
			continue
		}
		for _, n := range b.Notes {
			if hardTags.Has(n.Tactic.Tag) {
				return false
			}
		}
	}
	return true
}

// moments are the lessons found by a tactic and its answer.
var moments = []moment{
	{LessonAnchor, "An anchor, answered by a first offer and a question",
		"Answer an anchor with your own first offer and ask how the number was reached, rather than bargaining from theirs.",
		func(bs []transcript.Beat) (string, int, int, agents.Role, bool) {
			for i, b := range bs {
				if !b.First || !(hasNote(b, agents.TagAnchor) || hasNote(b, agents.TagExtremeAnchor)) {
					continue
				}
				for _, c := range bs[i+1:] {
					if c.By == b.By || c.Quiet {
						continue
					}
					if c.First && hasNote(c, agents.TagAskWhy) {
						return fmt.Sprintf("the %s opened with an anchor in round %d and the %s answered with its own first offer and asked how the number was reached", b.By, b.Round, c.By), b.Round, c.Round, c.By, true
					}
					break
				}
			}
			return "", 0, 0, 0, false
		}},
	{LessonFlinch, "A flinch, answered by asking why",
		"Against a flinch, ask why the price is too much and listen; don't concede just to calm the partner.",
		func(bs []transcript.Beat) (string, int, int, agents.Role, bool) {
			for i, b := range bs {
				if hasNote(b, agents.TagFlinch) && i+1 < len(bs) && hasNote(bs[i+1], agents.TagAskWhy) {
					return fmt.Sprintf("the %s flinched in round %d and the %s asked why", b.By, b.Round, bs[i+1].By), b.Round, bs[i+1].Round, bs[i+1].By, true
				}
			}
			return "", 0, 0, 0, false
		}},
	{LessonUnbundle, "An unbundle, answered by a re-price",
		"You need not accept changed terms at the old price: say that the price depends on the terms.",
		func(bs []transcript.Beat) (string, int, int, agents.Role, bool) {
			for i, b := range bs {
				if hasNote(b, agents.TagUnbundle) && i+1 < len(bs) && hasNote(bs[i+1], agents.TagReprice) {
					return fmt.Sprintf("the %s unbundled in round %d and the %s re-priced", b.By, b.Round, bs[i+1].By), b.Round, bs[i+1].Round, bs[i+1].By, true
				}
			}
			return "", 0, 0, 0, false
		}},
	{LessonWalkAway, "Knowing the walk-away point: dissatisfaction shown, then a walk-away",
		"Before walking away, disengage by showing dissatisfaction; if the partner does not pick up the signals, bow out gracefully.",
		func(bs []transcript.Beat) (string, int, int, agents.Role, bool) {
			signals, first := 0, 0
			for _, b := range bs {
				if hasNote(b, agents.TagDissatisfied) {
					if signals == 0 {
						first = b.Round
					}
					signals++
				}
				if b.Kind == agents.MoveWalkAway && signals > 0 {
					return fmt.Sprintf("the %s showed dissatisfaction %s, then walked away in round %d", b.By, times(signals), b.Round), first, b.Round, b.By, true
				}
			}
			return "", 0, 0, 0, false
		}},
}

// times says how many times: "once", "twice", "3 times".
func times(k int) string {
	switch k {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return fmt.Sprintf("%d times", k)
}

// outcomeSummary is the outcome of a deal in words with the value it
// left on the table, or for no deal the value both lost.
func outcomeSummary(a *arena.Analysis) string {
	if a.Class == arena.NoDeal {
		return outcomeWords(a)
	}
	return fmt.Sprintf("%s; %s of what the two could have made left on the table", outcomeWords(a), leftShare(a))
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

// leftShare says the value left on the table as a share of what the two
// could have made together: "12%".
func leftShare(a *arena.Analysis) string {
	total := a.JointSurplus + a.LeftOnTable
	if total <= 0 {
		return "none"
	}
	return fmt.Sprintf("%.0f%%", 100*a.LeftOnTable/total)
}

// avoidNames returns the entrants the lessons avoid: those that move at
// random (the strategy "random"), by their display names. Without a
// configuration, the names that are "random".
func avoidNames(cfg *configs.Config, names []string) []string {
	var out []string
	if cfg == nil {
		for _, n := range names {
			if n == "random" {
				out = append(out, n)
			}
		}
		return out
	}
	for _, s := range cfg.Strategies {
		if s.Strategy == "random" || (s.Strategy == "" && s.Name == "random") {
			out = append(out, s.Name)
		}
	}
	return out
}
