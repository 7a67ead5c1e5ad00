package strategies

import (
	"slices"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/agents/agenttest"
	"github.com/winwin-sim/winwin/arena"
)

// walkAwayScenario is carScenario with the seller's walk-away point at
// 0.5: its target is 0.5 + 0.5(1 − t²) at t = turn/19, and the partner's
// [1 2] (0.15 to it) and [2 2] (0.3) are below it, [3 1] (0.65) above.
func walkAwayScenario() arena.Scenario {
	sc := carScenario()
	sc.Prefs[agents.Seller].Reservation = 0.5
	return sc
}

func TestWalkAway(t *testing.T) {
	tests := []struct {
		name string
		opp  []string
		want []string
		walk bool
	}{
		{
			// From t ≥ 0.5 (turn 10) the offers stall below 0.5: two
			// dissatisfied moves holding its offer, then it walks away.
			name: "disengages, then walks away",
			opp:  times(10, "offer[1 2]"),
			want: slices.Concat(times(5, "offer[4 0]"), times(2, "offer[4 0] dissatisfied"), []string{"walk"}),
			walk: true,
		},
		{
			// The partner improves after the first signal (0.15 → 0.3):
			// it resumes without a tag; the partner stalls again and gets
			// two more signals, then offers [3 1], which it accepts.
			name: "resumes when the partner improves",
			opp:  slices.Concat(times(5, "offer[1 2]"), times(3, "offer[2 2]"), times(2, "offer[3 1]")),
			want: slices.Concat(times(5, "offer[4 0]"), []string{"offer[4 0] dissatisfied", "offer[4 0]"}, times(2, "offer[4 0] dissatisfied"), []string{"accept"}),
		},
		{
			// A flinch gets a question and the same offer again.
			name: "asks why at a flinch",
			opp:  []string{"offer[1 2] flinch", "offer[1 2]"},
			want: []string{"offer[4 0]", "offer[4 0] ask-why", "offer[4 0]"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := agenttest.VersusTest(t, factory(t, "walk-away-disciplined", map[string]float64{"late": 0.5, "signals": 2}), agenttest.Versus{
				Scenario: walkAwayScenario(),
				Opponent: agenttest.Script(tt.opp...),
				Want:     tt.want,
			})
			if walked := res.Outcome.WalkAway && res.Outcome.EndedBy == agents.Seller; walked != tt.walk {
				t.Errorf("walked away: %v, want %v", walked, tt.walk)
			}
			for i, m := range res.Moves {
				var want string
				switch {
				case m.Kind == agents.MoveWalkAway:
					want = sayWalkAway[agents.Seller]
				case m.Tags.Has(agents.TagDissatisfied):
					want = sayDissatisfied[agents.Seller]
				case m.Tags.Has(agents.TagAskWhy):
					want = sayAskFlinch[agents.Seller]
				}
				if m.Say != want {
					t.Errorf("move %d (%s) says %q, want %q", i, agenttest.Format(m), m.Say, want)
				}
			}
		})
	}
}

// Asked for its package without training at $130 and 1 week, the seller
// re-prices in copierScenario: training out, but $140 and 4 weeks — the
// most it can ask without training.
func TestWalkAwayReprices(t *testing.T) {
	agenttest.VersusTest(t, factory(t, "walk-away-disciplined", nil), agenttest.Versus{
		Scenario: copierScenario(),
		Opponent: agenttest.Script("offer[0 0 0 1]", "offer[3 0 0 1] unbundle"),
		Want:     []string{"offer[4 2 1 1]", "offer[4 2 1 1]", "offer[4 2 0 1] reprice"},
	})
}

// Whatever the partner does, walk-away-disciplined never accepts a deal
// worth less than its reservation value: random scripted partners (random
// offers and tags, random deadlines, random preferences and walk-away
// points) over many seeds.
func TestWalkAwayNeverBelowReservation(t *testing.T) {
	tags := []agents.Tags{0, 0, agents.TagFlinch, agents.TagUnbundle, agents.TagAnchor, agents.TagDissatisfied, agents.TagAskWhy}
	newAgent := factory(t, "walk-away-disciplined", nil)
	accepted := 0
	for seed := range uint64(400) {
		r := arena.NewRand(0x57a1, seed)
		v := agenttest.Versus{Scenario: carScenario(), Seed: seed}
		if seed%2 == 1 {
			v.Scenario = copierScenario()
		}
		own := randomPrefs(r, v.Scenario.Domain)
		own.Reservation = r.Float64()
		v.Deadline = 1 + r.IntN(12)
		agentOpens := r.IntN(2) == 0
		v.Role = agents.Role(r.IntN(2))
		v.Scenario.Prefs[v.Role] = own
		v.Opener = v.Role.Other()
		if agentOpens {
			v.Opener = v.Role
		}
		v.Opponent = make([]agents.Move, 2*v.Deadline)
		for i := range v.Opponent {
			o := make(agents.Offer, len(v.Scenario.Domain.Issues))
			for j, is := range v.Scenario.Domain.Issues {
				o[j] = r.IntN(len(is.Options))
			}
			v.Opponent[i] = agents.Propose(o, tags[r.IntN(len(tags))])
		}
		res, err := agenttest.Play(newAgent, v)
		if err != nil {
			t.Fatal(err)
		}
		out := res.Outcome
		if out.Fault != nil && out.Fault.By == v.Role {
			t.Fatalf("seed %d: the agent broke the rules: %v\nits moves: %s", seed, out.Fault, agenttest.FormatMoves(res.Moves))
		}
		if out.Agreed && out.EndedBy == v.Role {
			accepted++
			if u := own.Utility(out.Offer); u < own.Reservation {
				t.Errorf("seed %d: accepted %v worth %v, below its reservation value %v", seed, out.Offer, u, own.Reservation)
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
