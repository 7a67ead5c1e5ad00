package transcript

import (
	"fmt"
	"io"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/internal/words"
)

// A Relationship is the story of one repeat-business relationship: its
// deals, one Negotiation each, and how it ended.
type Relationship struct {
	Domain *agents.Domain
	// Names[r] is the strategy playing role r.
	Names [2]string
	// Pair and Index locate the relationship in its tournament.
	Pair, Index int
	// Periods is the most deals the relationship could have had; Deadline
	// the rounds of each negotiation.
	Periods, Deadline int
	// Deals are the negotiations, one per period played.
	Deals []Negotiation
	// End says why it ended; LeftBy[r] is set when side r chose not to
	// come back.
	End    arena.End
	LeftBy [2]bool
	// Payoff is each side's long-run payoff Σ δ^t·s_t; OneShot the surplus
	// of the first deal.
	Payoff, OneShot [2]float64
	// Discount is the per-period discount δ of the payoff.
	Discount float64
}

// FromRecord tells a tournament's relationship record. d is the domain,
// periods the most deals per relationship, deadline the rounds per
// negotiation and m the relationship model of the run (nil:
// arena.DefaultModel). The record's frontier, if any, gives each deal's
// Nash point.
func FromRecord(d *agents.Domain, rec *arena.RelationshipRecord, periods, deadline int, m *arena.Model) *Relationship {
	if m == nil {
		dm := arena.DefaultModel()
		m = &dm
	}
	rel := &Relationship{
		Domain: d, Names: rec.Names, Pair: rec.Pair.Index, Index: rec.Index,
		Periods: periods, Deadline: deadline, End: rec.End, LeftBy: rec.LeftBy,
		Payoff: rec.Payoff, OneShot: rec.OneShot, Discount: m.Discount,
	}
	for i := range rec.Periods {
		p := &rec.Periods[i]
		n := Negotiation{
			Domain: d, Names: rec.Names, Prefs: rec.Prefs, Deadline: deadline, Period: p.Period,
			Outcome: p.Outcome, Analysis: p.Analysis, Feel: p.Feel, Stayed: p.Stayed,
			Relationship: true, Last: i == len(rec.Periods)-1, Model: m,
		}
		n.SetNash(rec.Frontier)
		rel.Deals = append(rel.Deals, n)
	}
	return rel
}

// Story says in one sentence how the relationship went: how many deals,
// and who left when.
func (rel *Relationship) Story() string {
	k := len(rel.Deals)
	switch rel.End {
	case arena.Completed:
		return fmt.Sprintf("The relationship ran its full %s.", words.Count(k, "deal"))
	case arena.Left, arena.Declined:
		var who []string
		for r := range 2 {
			if rel.LeftBy[r] {
				who = append(who, "the "+agents.Role(r).String())
			}
		}
		if len(who) == 0 {
			return fmt.Sprintf("The relationship ended after %s.", words.Count(k, "deal"))
		}
		return fmt.Sprintf("The relationship ended after %s of up to %d: %s did not come back.", words.Count(k, "deal"), rel.Periods, joinAnd(who))
	}
	return fmt.Sprintf("The relationship was interrupted after %s.", words.Count(k, "deal"))
}

// WriteRelationship prints every deal of the relationship as a scene with
// its scorecard, then how the relationship ended and each side's one-shot
// and long-run payoff.
func WriteRelationship(w io.Writer, rel *Relationship) error {
	ew := &errWriter{w: w}
	for i := range rel.Deals {
		n := &rel.Deals[i]
		title := fmt.Sprintf("━━ Deal %d of up to %d ", i+1, rel.Periods)
		ew.printf("%s%s\n", title, strings.Repeat("━", max(0, Width-len([]rune(title)))))
		if i == 0 {
			writeHeader(ew, n)
		}
		writeScene(ew, n)
		writeScorecard(ew, n)
	}
	ew.printf("%s\n", strings.Repeat("━", Width))
	ew.printf("%s", wrap("", "", rel.Story()))
	ew.printf("%-36s seller %+.2f · buyer %+.2f\n", "One-shot payoff (first deal's surplus):", rel.OneShot[0], rel.OneShot[1])
	ew.printf("%-36s seller %+.2f · buyer %+.2f\n", fmt.Sprintf("Long-run payoff (Σ %.2g^t × surplus):", rel.Discount), rel.Payoff[0], rel.Payoff[1])
	return ew.err
}
