package results

import (
	"errors"
	"math"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// Synthetic tournaments: records made without any strategy, from a small
// scenario and a per-entrant "generosity" that drives how often deals are
// made, how they split the frontier and so how both sides feel.

// synthScenario returns a 3-issue domain of 9×5×4 = 180 outcomes with
// integrative potential (the sides weigh delivery and warranty
// differently).
func synthScenario() (*agents.Domain, [2]*agents.Preferences) {
	price, err := agents.NumericIssue("price", 300000, 380000, 10000, "$", "")
	if err != nil {
		panic(err)
	}
	d := &agents.Domain{Name: "synthetic", Issues: []agents.Issue{
		price,
		{Name: "delivery", Options: []string{"1 week", "2 weeks", "3 weeks", "4 weeks", "6 weeks"}},
		{Name: "warranty", Options: []string{"none", "1 year", "2 years", "3 years"}},
	}}
	seller := &agents.Preferences{
		Weights:     []float64{0.6, 0.3, 0.1},
		Values:      [][]float64{agents.Linear(9, true), agents.Linear(5, true), agents.Linear(4, false)},
		Reservation: 0.25,
	}
	buyer := &agents.Preferences{
		Weights:     []float64{0.35, 0.15, 0.5},
		Values:      [][]float64{agents.Linear(9, false), agents.Linear(5, false), agents.Linear(4, true)},
		Reservation: 0.2,
	}
	return d, [2]*agents.Preferences{seller, buyer}
}

// synthNames are display names of synthetic entrants, as long as real ones.
var synthNames = []string{
	"integrative", "hard-anchorer", "flincher", "walk-away-disciplined", "unbundler", "boulware",
	"linear", "conceder", "hardliner", "tit-for-tat", "hardheaded", "random", "extra-1", "extra-2",
}

// synthModel is the repeat-business model of synthetic tournaments: the
// defaults of DESIGN §4, spelled out so that the golden files do not move
// when the arena's defaults do.
var synthModel = arena.Model{
	Expectation: 1, SelfPenalty: 0.1,
	PenaltyExtremeAnchor: 0.10, PenaltyFlinch: 0.15, PenaltyUnbundle: 0.25, PenaltyRetraction: 0.10, PenaltyDissatisfied: 0.10,
	Alpha: 0.8, Beta: 0.2, ImpasseSV: 0.2,
	PLow: 0.30, PHigh: 0.97, K: 10, Theta: 0.4,
	Discount: 0.9,
}

// synthOptions shape a synthetic tournament.
type synthOptions struct {
	entrants, rels, periods int
	seed                    uint64
	selfPlay                bool
	// sample marks relationship (pair, rel) as sampled.
	sample func(pair, rel int) bool
	// faultRate is the chance that a negotiation faults.
	faultRate float64
}

// synthRecords plays a synthetic tournament and returns its records in
// (pair, relationship) order, each with its own memory.
func synthRecords(o synthOptions) []*arena.RelationshipRecord {
	d, prefs := synthScenario()
	frontier := arena.NewFrontier(d, prefs[0], prefs[1])
	res := [2]float64{prefs[0].Reservation, prefs[1].Reservation}
	model := synthModel
	gen := make([]float64, o.entrants)
	for i := range gen {
		gen[i] = math.Mod(0.95-0.37*float64(i), 1)
		if gen[i] < 0 {
			gen[i]++
		}
	}
	var recs []*arena.RelationshipRecord
	pair := 0
	for s := range o.entrants {
		for b := range o.entrants {
			if s == b && !o.selfPlay {
				continue
			}
			for i := range o.rels {
				recs = append(recs, synthRelationship(d, prefs, frontier, res, &model, gen, o, arena.Pair{Index: pair, Seller: s, Buyer: b}, i))
			}
			pair++
		}
	}
	return recs
}

func synthRelationship(d *agents.Domain, prefs [2]*agents.Preferences, f *arena.Frontier, res [2]float64, m *arena.Model,
	gen []float64, o synthOptions, p arena.Pair, i int) *arena.RelationshipRecord {
	rng := arena.NewRand(o.seed, uint64(p.Index), uint64(i))
	rec := &arena.RelationshipRecord{
		Pair: p, Index: i, Names: [2]string{synthNames[p.Seller], synthNames[p.Buyer]},
		Prefs: prefs, Frontier: f,
	}
	rec.Sampled = o.sample != nil && o.sample(p.Index, i)
	lo, hi := 0, len(f.Points)
	for lo < hi && f.Points[lo].U[0] < res[0] {
		lo++
	}
	for hi > lo && f.Points[hi-1].U[1] < res[1] {
		hi--
	}
	g := [2]float64{gen[p.Seller], gen[p.Buyer]}
	disc := 1.0
	rec.End = arena.Completed
	for t := range o.periods {
		out := arena.Outcome{Turns: 2 + rng.IntN(30)}
		out.Rounds = (out.Turns + 1) / 2
		for r := range 2 {
			if g[r] < 0.35 {
				out.Used[r] |= agents.TagExtremeAnchor
			}
		}
		switch {
		case rng.Float64() < o.faultRate:
			by := agents.Role(rng.IntN(2))
			out.Fault = &arena.Fault{By: by, Turn: rng.IntN(out.Turns), Err: errors.New("panic: synthetic failure\ngoroutine 7 [running]:\nmain.main()")}
			out.EndedBy = by
		case rng.Float64() < 0.45+0.25*(g[0]+g[1]) && hi > lo:
			// The tougher side pulls the deal its way; generous pairs
			// also find the frontier more often.
			pos := 0.5 + 0.45*(g[1]-g[0]) + 0.15*(rng.Float64()-0.5)
			k := lo + int(math.Round(math.Max(0, math.Min(1, pos))*float64(hi-lo-1)))
			offer := f.Points[k].Offer.Clone()
			if rng.Float64() > 0.3+0.6*(g[0]+g[1])/2 {
				offer[2] = rng.IntN(len(d.Issues[2].Options)) // a careless warranty
			}
			out.Agreed = true
			out.Offer = offer
			out.EndedBy = agents.Role(rng.IntN(2))
		default:
			out.Deadline = rng.Float64() < 0.5
			out.WalkAway = !out.Deadline
		}
		for r := range 2 {
			out.Utility[r] = res[r]
			if out.Agreed {
				out.Utility[r] = prefs[r].Utility(out.Offer)
			}
			out.Surplus[r] = out.Utility[r] - res[r]
		}
		pr := arena.PeriodRecord{Period: t, Opener: agents.Role(t % 2), Outcome: out}
		pr.Analysis = arena.Analyze(f, &pr.Outcome, res, m)
		pr.Feel = m.Feel(&pr.Outcome, &pr.Analysis)
		for r := range pr.Stayed {
			pr.Stayed[r] = rng.Float64() < pr.Feel[r].Stay
		}
		for r := range rec.Payoff {
			rec.Payoff[r] += disc * out.Surplus[r]
		}
		if t == 0 {
			rec.OneShot = out.Surplus
		}
		disc *= m.Discount
		rec.Periods = append(rec.Periods, pr)
		if (!pr.Stayed[0] || !pr.Stayed[1]) && t+1 < o.periods {
			rec.End = arena.Left
			rec.LeftBy = [2]bool{!pr.Stayed[0], !pr.Stayed[1]}
			break
		}
	}
	return rec
}
