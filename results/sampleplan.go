package results

// Bounds of the relationships a run records move by move (its sample
// transcripts). A recorded relationship is kept in memory until the run
// ends, with every move of every deal, so the number kept is bounded
// whatever the configuration asks: a run's memory for transcripts does not
// grow with its entrants, pairs or relationships.
const (
	// MaxSampledRelationships is the most relationships a run records.
	MaxSampledRelationships = 1000
	// SampleMoveBudget bounds the moves the recorded relationships may
	// hold at worst (periods × rounds each): with long relationships of
	// long negotiations fewer are recorded, never fewer than one.
	SampleMoveBudget = 4_000_000
)

// A SamplePlan says which relationships a run records move by move: the
// first PerPair relationships of every pair when that stays within the
// bounds (MaxSampledRelationships, SampleMoveBudget), else as many whole
// rounds of one relationship per pair as fit, and one more relationship
// of pairs spread evenly over the pair order for what is left.
//
// The choice depends only on (pair, relationship index), never on the
// order in which relationships finish, so it is the same for any number
// of workers.
type SamplePlan struct {
	pairs int
	// full relationships of every pair are recorded; extra pairs, spread
	// evenly, record one more.
	full, extra int
}

// NewSamplePlan plans the recording of perPair relationships of each of
// pairs pairs, in a tournament of relationships of up to periods deals of
// up to rounds rounds. perPair is the configuration's sample_transcripts,
// at most its relationships per pair; the plan caps it to the bounds.
func NewSamplePlan(pairs, perPair, periods, rounds int) SamplePlan {
	limit := SampleLimit(periods, rounds)
	if pairs <= 0 || perPair <= 0 {
		return SamplePlan{}
	}
	if pairs*perPair <= limit {
		return SamplePlan{pairs: pairs, full: perPair}
	}
	return SamplePlan{pairs: pairs, full: limit / pairs, extra: limit % pairs}
}

// SampleLimit returns how many relationships of up to periods deals of up
// to rounds rounds a run records at most: MaxSampledRelationships, fewer
// when SampleMoveBudget would not hold them at worst, never fewer than one.
func SampleLimit(periods, rounds int) int {
	worst := max(periods, 1) * max(rounds, 1)
	return max(1, min(MaxSampledRelationships, SampleMoveBudget/worst))
}

// Sampled reports whether relationship rel of pair pair is recorded; use
// it as arena.Tournament.Sample.
func (p SamplePlan) Sampled(pair, rel int) bool {
	switch {
	case pair < 0 || pair >= p.pairs || rel < 0:
		return false
	case rel < p.full:
		return true
	case rel > p.full || p.extra == 0:
		return false
	}
	// Pair pair gets one of the extra recordings when the even spread of
	// extra over pairs steps up at it.
	return (pair+1)*p.extra/p.pairs != pair*p.extra/p.pairs
}

// Count returns how many relationships the plan records (every pair runs
// at least perPair relationships): the run's Aggregate.KeepSamples.
func (p SamplePlan) Count() int { return p.pairs*p.full + p.extra }

// Relationships returns how many of each pair's first relationships hold
// every relationship the plan records: once relationships 0 to
// Relationships()−1 of every pair are played, a run has all its samples.
// It is 0 for a plan that records nothing.
func (p SamplePlan) Relationships() int {
	if p.extra > 0 {
		return p.full + 1
	}
	return p.full
}
