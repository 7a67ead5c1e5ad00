package arena

import (
	"math/rand/v2"

	"github.com/winwin-sim/winwin/agents"
)

// Every random draw of a run comes from a stream seeded from the run seed
// and the identity of what draws, never from scheduling or the clock, so a
// run reproduces bit for bit with any number of workers or shards. The
// recipe, in one place:
//
//	preferences' jitter   (seed, streamPrefs, key…)      PrefsRand
//	side r's own source   (seed, key…, r)                RelationshipStreams
//	who comes back        (seed, key…, 2)                RelationshipStreams
//	bench-agent's deals   (Seed(seed, StreamBench, opponent, i), …)  as above
//	a classroom session   (seed, StreamClassroom, round, session)  ClassroomSeed
//
// key identifies the relationship: (pair, relationship index) in a
// tournament, nothing for a single relationship (winwin negotiate, the
// role-play). Preferences are keyed by the relationship index alone, so
// every pair of a tournament meets the same draws (common random numbers:
// differences between strategies are paired), and a period's jitter adds
// period+1 to the key.

// streamPrefs names the preferences' stream ("PR").
const streamPrefs = 0x5052

// StreamMarket names the streams of a word-of-mouth market ("MK",
// package market): (seed, StreamMarket, market, period) draws the
// market's own events in a period (choices, newcomers, where warnings
// land); (seed, StreamMarket, market, period, buyer, r) is side r's own
// source in that buyer's negotiation, and r = 2 its fate (whether the
// buyer comes back, whom it tells); (seed, streamPrefs, StreamMarket,
// market, buyer, seller) jitters the preferences of that match, and
// (seed, StreamMarket, market, buyer, 3) draws the buyer's strategy.
const StreamMarket = 0x4D4B

// StreamBench names the streams of winwin bench-agent ("BA"): its
// negotiation i against opponent o draws from the single-relationship
// recipe above with the seed Seed(seed, StreamBench, o, i).
const StreamBench = 0x4241

// StreamClassroom names the stream of the classroom's sessions ("CL"):
// each session of a classroom round is a Match seeded with
// ClassroomSeed, so its strategies' choices replay exactly when the
// server restarts and feeds the stored moves again.
const StreamClassroom = 0x434C

// ClassroomSeed returns the Match seed of session of round in a classroom
// seeded with seed.
func ClassroomSeed(seed uint64, round, session int) uint64 {
	return Seed(seed, StreamClassroom, uint64(round), uint64(session))
}

// fateStream is the last key part of the draws of who comes back; the
// sides' own streams end in their role (0, 1).
const fateStream = 2

// Streams are the random sources of one relationship.
type Streams struct {
	// Agents[r] is side r's own source (agents.View.Rand).
	Agents [2]*rand.Rand
	// Fate draws whether each side comes back after a deal.
	Fate *rand.Rand
}

// RelationshipStreams returns the streams of the relationship key of a run
// seeded with seed.
func RelationshipStreams(seed uint64, key ...uint64) Streams {
	part := func(last uint64) *rand.Rand {
		return NewRand(append(append([]uint64{seed}, key...), last)...)
	}
	return Streams{Agents: [2]*rand.Rand{part(uint64(agents.Seller)), part(uint64(agents.Buyer))}, Fate: part(fateStream)}
}

// PrefsRand returns the source of the preferences' jitter for key (see
// the recipe above).
func PrefsRand(seed uint64, key ...uint64) *rand.Rand {
	return NewRand(append([]uint64{seed, streamPrefs}, key...)...)
}

// Seed derives a 64-bit seed from a run seed and a task's identity with
// SplitMix64 mixing, so that every relationship, side and period has its
// own stream whatever the scheduling.
func Seed(parts ...uint64) uint64 {
	h := uint64(0x9E3779B97F4A7C15)
	for _, p := range parts {
		h = mix(h ^ mix(p+0x9E3779B97F4A7C15))
	}
	return h
}

func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// Reseed reseeds p in place exactly as NewRand(parts…) seeds its source,
// without allocating a new one: a loop that needs a fresh stream per
// negotiation reuses its generators.
func Reseed(p *rand.PCG, parts ...uint64) {
	s := Seed(parts...)
	p.Seed(s, mix(s^0xD1B54A32D192ED03))
}

// NewRand returns a PCG random source seeded from the given parts.
func NewRand(parts ...uint64) *rand.Rand {
	s := Seed(parts...)
	return rand.New(rand.NewPCG(s, mix(s^0xD1B54A32D192ED03)))
}
