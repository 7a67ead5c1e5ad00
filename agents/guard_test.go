package agents_test

import (
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/agents/agenttest"
)

// opposedPartner returns preferences opposed to own on every issue: each
// option worth 1 − own's value, with random weights.
func opposedPartner(r *rand.Rand, own *agents.Preferences) *agents.Preferences {
	p := &agents.Preferences{Reservation: r.Float64() * 0.5}
	sum := 0.0
	for i, vs := range own.Values {
		opp := make([]float64, len(vs))
		for k, v := range vs {
			opp[k] = 1 - v
		}
		p.Values = append(p.Values, opp)
		p.Weights = append(p.Weights, r.Float64()+0.01)
		sum += p.Weights[i]
	}
	for i := range p.Weights {
		p.Weights[i] /= sum
	}
	return p
}

// Concede never retracts against a partner opposed on every issue, however
// the ladder is rebuilt between moves (a model that learns, or guesses at
// random) and whatever the partner asks: on no issue does an offer give an
// option worth more to oneself than the previous offer did unless the
// whole offer is worth more (a hardening), each offer is worth at least
// the target (or holds), and a retraction as the arena judges it (worse
// for the partner and no better for the mover) never happens.
func TestConcedeNeverRetracts(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var s agents.OfferSearch
	for trial := range 300 {
		_, own, _ := randomScenario(r)
		partner := opposedPartner(r, own)
		var next agents.Offer
		// The partner always asks for its own best offer.
		var theirs agents.Offer
		for i, vs := range partner.Values {
			best := 0
			for k := range vs {
				if vs[k] > vs[best] {
					best = k
				}
			}
			theirs = append(theirs, best)
			_ = i
		}
		v := &agents.View{Prefs: own, Role: agents.Seller, Opener: agents.Seller}
		target := own.MaxUtility()
		for move := range 12 {
			// A new estimate each move: nil, the truth, or random nonsense.
			var model *agents.Preferences
			switch move % 3 {
			case 1:
				model = partner
			case 2:
				_, _, model = randomScenario(rand.New(rand.NewPCG(uint64(trial), uint64(move))))
				if len(model.Values) != len(own.Values) {
					model = nil
				} else {
					for i := range model.Values {
						model.Values[i] = model.Values[i][:0]
						for range own.Values[i] {
							model.Values[i] = append(model.Values[i], r.Float64())
						}
					}
				}
			}
			s.Build(own, model)
			target -= r.Float64() * 0.15
			var prev agents.Offer
			if move > 0 {
				prev = v.Moves[len(v.Moves)-2].Offer
			}
			var u float64
			next, u = s.Concede(v, target, next)
			if math.Abs(own.Utility(next)-u) > 1e-9 {
				t.Fatalf("trial %d move %d: utility %v reported as %v", trial, move, own.Utility(next), u)
			}
			if prev != nil {
				for i, k := range next {
					if own.Values[i][k] > own.Values[i][prev[i]]+1e-12 && u <= own.Utility(prev)+1e-9 {
						t.Fatalf("trial %d move %d: issue %d takes back, and the offer is no better for the mover: %v after %v", trial, move, i, next, prev)
					}
				}
				if partner.Utility(next) < partner.Utility(prev)-1e-9 && own.Utility(next) <= own.Utility(prev)+1e-9 {
					t.Fatalf("trial %d move %d: retraction %v after %v", trial, move, next, prev)
				}
				if u < target-1e-9 && u < own.Utility(prev)-1e-9 {
					t.Fatalf("trial %d move %d: %v worth %v below target %v, and not a hold", trial, move, next, u, target)
				}
			}
			// In odd trials the partner makes random offers, which may
			// propose one's favourite option on an issue it opposes: a
			// concession of its own, not a shared interest.
			ask := theirs
			if trial%2 == 1 {
				ask = make(agents.Offer, len(own.Values))
				for i, vs := range own.Values {
					ask[i] = r.IntN(len(vs))
				}
			}
			v.Moves = append(v.Moves, agents.Propose(next.Clone(), 0), agents.Propose(ask, 0))
		}
	}
}

// On an issue where every offer of the partner proposed one's own
// favourite option (a shared interest), Concede keeps that option, even
// when the ladder, built on the opposed prior, would concede it.
func TestConcedeKeepsSharedInterests(t *testing.T) {
	// Issue 0 is opposed; issue 1, a volume, both want high (option 2).
	own := &agents.Preferences{Weights: []float64{0.7, 0.3}, Values: [][]float64{{1, 0.5, 0}, {0, 0.5, 1}}, Reservation: 0.1}
	var s agents.OfferSearch
	s.Build(own, nil)
	v := &agents.View{Prefs: own, Role: agents.Buyer, Opener: agents.Seller,
		Moves: []agents.Move{agents.Propose(agents.Offer{2, 2}, 0)}}
	// The prior ladder gives the volume away first: Find(0.75) is [0 0].
	o, u := s.Concede(v, 0.75, nil)
	if o[1] != 2 || u < 0.75 {
		t.Errorf("Concede after a partner who asked for volume 2 = %v (worth %v); want volume 2 kept", o, u)
	}
	if f, _ := s.Find(0.75, nil); f[1] == 2 {
		t.Fatalf("the test does not test: Find(0.75) = %v keeps the volume by itself", f)
	}
}

// Opening is the best rung the estimate values at least the partner's
// guessed walk-away point; on the kit's car scenario, with the opposed
// prior, that is [4 2], worth 0.6 to the seller.
func TestOpening(t *testing.T) {
	sc := agenttest.Scenario("car")
	seller := sc.Prefs[agents.Seller]
	var s agents.OfferSearch
	s.Build(seller, nil)
	if got := s.Opening(0.3); math.Abs(got-0.6) > 1e-9 {
		t.Errorf("Opening(0.3) = %v, want 0.6", got)
	}
	if got := s.Opening(0); got != seller.MaxUtility() {
		t.Errorf("Opening(0) = %v, want the best utility %v", got, seller.MaxUtility())
	}
	if got := s.Opening(2); got != seller.MaxUtility() {
		t.Errorf("Opening(2), no zone by the estimate, = %v, want the best utility %v", got, seller.MaxUtility())
	}
	// With the true buyer as the model: [4 1] is worth 0.35 to it.
	s.Build(seller, sc.Prefs[agents.Buyer])
	if got := s.Opening(0.3); math.Abs(got-0.8) > 1e-9 {
		t.Errorf("Opening(0.3) with the true buyer = %v, want 0.8 ([4 1])", got)
	}
}

func TestConcedeAllocatesNothing(t *testing.T) {
	_, own, partner := randomScenario(rand.New(rand.NewPCG(3, 4)))
	var s agents.OfferSearch
	s.Build(own, partner)
	prev, _ := s.Find(own.MaxUtility(), nil)
	theirs, _ := s.Find(0, nil)
	v := &agents.View{Prefs: own, Role: agents.Seller, Opener: agents.Seller, Moves: []agents.Move{agents.Propose(prev, 0), agents.Propose(theirs.Clone(), 0)}}
	dst := make(agents.Offer, len(own.Weights))
	if n := testing.AllocsPerRun(100, func() {
		s.Build(own, partner)
		dst, _ = s.Concede(v, 0.5, dst)
		_ = s.Opening(0.3)
	}); n != 0 {
		t.Errorf("Build+Concede+Opening allocate %v times, want 0", n)
	}
}

// `go doc agents` and `go doc agents.Tag` list every tag by name, without
// -all.
func TestDocListsEveryTag(t *testing.T) {
	for _, file := range []string{"doc.go", "move.go"} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range agents.Tag(math.MaxUint16).Names() {
			tag, err := agents.ParseTag(name)
			if err != nil {
				t.Fatal(err)
			}
			want := "`" + name + "`"
			if file == "move.go" {
				want = " " + name + " "
			}
			if !strings.Contains(string(data), want) {
				t.Errorf("%s does not list tag %v as %s", file, tag, want)
			}
		}
	}
}
