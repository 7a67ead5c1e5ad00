package strategies

import (
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// walkAwayScenario is smallScenario with the seller's walk-away point at
// 0.5: its target is 0.5 + 0.5(1 − t²) at t = turn/19, and the partner's
// [1 2] (0.15 to it) and [2 2] (0.3) are below it, [3 1] (0.65) above.
func walkAwayScenario() scenario {
	sc := smallScenario()
	sc.own = sc.own.Clone()
	sc.own.Reservation = 0.5
	return sc
}

func TestWalkAway(t *testing.T) {
	stall := scriptOffer(0, 1, 2)
	better := scriptOffer(0, 2, 2)
	tests := []struct {
		name string
		opp  []agents.Move
		want string
		walk bool
	}{
		{
			// From t ≥ 0.5 (turn 10) the offers stall below 0.5: two
			// dissatisfied moves holding its offer, then it walks away.
			name: "disengages, then walks away",
			opp:  repeat(stall, 10),
			want: "offer[4 0], offer[4 0], offer[4 0], offer[4 0], offer[4 0], offer[4 0]+dissatisfied, offer[4 0]+dissatisfied, walk",
			walk: true,
		},
		{
			// The partner improves after the first signal (0.15 → 0.3):
			// it resumes without a tag; the partner stalls again and gets
			// two more signals, then offers [3 1], which it accepts.
			name: "resumes when the partner improves",
			opp:  append(append(repeat(stall, 5), repeat(better, 3)...), repeat(scriptOffer(0, 3, 1), 2)...),
			want: "offer[4 0], offer[4 0], offer[4 0], offer[4 0], offer[4 0], offer[4 0]+dissatisfied, offer[4 0], offer[4 0]+dissatisfied, offer[4 0]+dissatisfied, accept",
		},
		{
			// A flinch gets a question and the same offer again.
			name: "asks why at a flinch",
			opp:  []agents.Move{scriptOffer(agents.TagFlinch, 1, 2), stall},
			want: "offer[4 0], offer[4 0]+ask-why, offer[4 0]",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			moves, out := runScript(t, newArticle(t, "walk-away-disciplined", map[string]float64{"late": 0.5, "signals": 2}), walkAwayScenario(), tt.opp)
			if got := fmtMoves(moves); got != tt.want {
				t.Errorf("moves:\n got %s\nwant %s", got, tt.want)
			}
			if walked := out.WalkAway && out.EndedBy == agents.Seller; walked != tt.walk {
				t.Errorf("walked away: %v, want %v", walked, tt.walk)
			}
			for i, m := range moves {
				var want string
				switch {
				case m.Kind == agents.MoveWalkAway:
					want = sayWalkAway
				case m.Tags.Has(agents.TagDissatisfied):
					want = sayDissatisfied
				case m.Tags.Has(agents.TagAskWhy):
					want = sayAskFlinch
				}
				if m.Say != want {
					t.Errorf("move %d (%s) says %q, want %q", i, fmtMove(m), m.Say, want)
				}
			}
		})
	}
}

// Asked for its package without training at $130 and 1 week, the seller
// re-prices in bundleScenario: training out, but $140 and 4 weeks — the
// most it can ask without training.
func TestWalkAwayReprices(t *testing.T) {
	opp := []agents.Move{scriptOffer(0, 0, 0, 0, 1), scriptOffer(agents.TagUnbundle, 3, 0, 0, 1)}
	moves := playScript(t, newArticle(t, "walk-away-disciplined", nil), bundleScenario(), opp)
	if got, want := fmtMoves(moves), "offer[4 2 1 1], offer[4 2 1 1], offer[4 2 0 1]+reprice"; got != want {
		t.Errorf("moves:\n got %s\nwant %s", got, want)
	}
}

// Whatever the partner does, walk-away-disciplined never accepts a deal
// worth less than its reservation value: random scripted partners (random
// offers and tags, random deadlines, random preferences and walk-away
// points) over many seeds.
func TestWalkAwayNeverBelowReservation(t *testing.T) {
	tags := []agents.Tags{0, 0, agents.TagFlinch, agents.TagUnbundle, agents.TagAnchor, agents.TagDissatisfied, agents.TagAskWhy}
	accepted := 0
	for seed := range uint64(400) {
		r := arena.NewRand(0x57a1, seed)
		sc := smallScenario()
		if seed%2 == 1 {
			sc = bundleScenario()
		}
		sc.own = randomPrefs(r, sc.domain)
		sc.own.Reservation = r.Float64()
		sc.deadline = 1 + r.IntN(12)
		sc.agentOpens = r.IntN(2) == 0
		sc.role = agents.Role(r.IntN(2))
		sc.seed = seed
		opp := make([]agents.Move, 2*sc.deadline)
		for i := range opp {
			o := make(agents.Offer, len(sc.domain.Issues))
			for j, is := range sc.domain.Issues {
				o[j] = r.IntN(len(is.Options))
			}
			opp[i] = scriptOffer(tags[r.IntN(len(tags))], o...)
		}
		agent := newArticle(t, "walk-away-disciplined", nil)
		_, out := runScript(t, agent, sc, opp)
		if out.Agreed && out.EndedBy == sc.role {
			accepted++
			if u := sc.own.Utility(out.Offer); u < sc.own.Reservation {
				t.Errorf("seed %d: accepted %v worth %v, below its reservation value %v", seed, out.Offer, u, sc.own.Reservation)
			}
		}
	}
	if accepted < 50 {
		t.Errorf("accepted only %d of 400 deals: the property was hardly exercised", accepted)
	}
}

// randomPrefs draws preferences for d: uniform weights, normalised, and
// uniform option values.
func randomPrefs(r interface {
	Float64() float64
}, d *agents.Domain) *agents.Preferences {
	p := &agents.Preferences{Weights: make([]float64, len(d.Issues)), Values: make([][]float64, len(d.Issues))}
	sum := 0.0
	for i, is := range d.Issues {
		p.Weights[i] = 0.01 + r.Float64()
		sum += p.Weights[i]
		p.Values[i] = make([]float64, len(is.Options))
		for k := range p.Values[i] {
			p.Values[i][k] = r.Float64()
		}
	}
	for i := range p.Weights {
		p.Weights[i] /= sum
	}
	return p
}
