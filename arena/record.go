package arena

import "github.com/winwin-sim/winwin/agents"

// The records a relationship leaves: every deal with its analysis and how
// it felt, and how the relationship ended. A tournament hands each finished
// record to a Collector of its Sink; a Match returns it.

// A PeriodRecord is one deal of a relationship.
type PeriodRecord struct {
	Period   int
	Opener   agents.Role
	Outcome  Outcome
	Analysis Analysis
	Feel     [2]Feeling
	// Stayed[r] is whether side r chose to come back (drawn from Feel[r].Stay).
	Stayed [2]bool
	// Draws[r] is the uniform draw in [0,1) that decided Stayed[r]: side r
	// stayed when Draws[r] < Feel[r].Stay. Rescore replays the
	// relationship under another model with the same draws.
	Draws [2]float64
}

// End says why a relationship ended.
type End uint8

// Ways a relationship ends.
const (
	// Completed: it ran all its periods.
	Completed End = iota
	// Left: a side chose not to come back after a deal.
	Left
	// Declined: an agent's Continue hook declined the next deal.
	Declined
	// Cancelled: the run was interrupted (not reported for finished records).
	Cancelled
)

// String names the end.
func (e End) String() string {
	return [...]string{"completed", "left", "declined", "cancelled"}[e]
}

// A RelationshipRecord is the full story of one relationship, handed to a
// Collector once finished. Its memory is reused for the next relationship:
// a Collector must copy what it keeps.
type RelationshipRecord struct {
	Pair  Pair
	Index int
	// Names of the seller and buyer entrants.
	Names [2]string
	// Prefs are the relationship's preferences (before any period jitter).
	Prefs [2]*agents.Preferences
	// Frontier of the relationship's scenario (for charts of samples).
	Frontier *Frontier
	Periods  []PeriodRecord
	// Payoff is the long-run payoff Σ δ^t·s_t; OneShot the period-0 surplus.
	Payoff, OneShot [2]float64
	End             End
	// LeftBy[r] is set when side r chose not to come back (or declined).
	LeftBy [2]bool
	// Sampled is true when transcripts were recorded.
	Sampled bool
}

// A Collector receives finished relationships. Each task of a run gets its
// own Collector, so Add needs no locking.
type Collector interface {
	Add(r *RelationshipRecord)
}

// A Sink makes collectors and merges them when their tasks are done. Merge
// is called under a lock, in whatever order tasks finish: for results that
// do not depend on scheduling, merging must be exact and order-independent.
type Sink interface {
	NewCollector() Collector
	Merge(c Collector)
}
