package strategies

import (
	"fmt"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// TestPaceLearnEqualsFresh checks that what a learning pace keeps between
// partner offers — the option values it rewrites only where a shared
// interest appears or goes, and a ladder it reweighs when they stay — is
// exactly what it would compute from scratch: after every offer of a
// partner, over several negotiations of one relationship (the model
// carries over, the preferences change), its estimate equals the frequency
// model's weights with structuralValues, and its ladder equals a fresh
// agents.OfferSearch built on that estimate, rung for rung. The partner
// keeps or changes options at random and sometimes proposes the agent's
// favourite, so that shared interests come and go.
func TestPaceLearnEqualsFresh(t *testing.T) {
	r := arena.NewRand(13)
	for trial := range 40 {
		d := &agents.Domain{Name: "random"}
		for i := range 2 + r.IntN(4) {
			is := agents.Issue{Name: fmt.Sprint("i", i)}
			for k := range 2 + r.IntN(5) {
				is.Options = append(is.Options, fmt.Sprint(k))
			}
			d.Issues = append(d.Issues, is)
		}
		var p pace
		model := agents.NewFrequencyModel(d)
		want := model.NewEstimate()
		o := make(agents.Offer, len(d.Issues))
		for deal := range 3 {
			own := randomPrefs(r, d)
			if deal == 1 { // values on a grid: equal rates across issues
				for _, vs := range own.Values {
					for k := range vs {
						vs[k] = float64(r.IntN(3)) / 2
					}
				}
			}
			p.begin(&agents.View{Domain: d, Prefs: own}, true)
			best := own.Best(nil)
			for offer := range 25 {
				if offer > 0 {
					for i, is := range d.Issues {
						switch r.IntN(4) {
						case 0:
							o[i] = r.IntN(len(is.Options))
						case 1:
							o[i] = best[i]
						}
					}
					model.Observe(o)
					p.learn(own, o)
				}
				model.EstimateWeights(want)
				structuralValues(want, own, best, model)
				if !equalPrefs(p.est, want) {
					t.Fatalf("trial %d deal %d offer %d: estimate %+v, want %+v", trial, deal, offer, p.est, want)
				}
				var fresh agents.OfferSearch
				fresh.Build(own, want)
				if p.search.Len() != fresh.Len() {
					t.Fatalf("trial %d deal %d offer %d: %d rungs, fresh %d", trial, deal, offer, p.search.Len(), fresh.Len())
				}
				for k := range fresh.Len() {
					fo, fu := fresh.Rung(k)
					fo = fo.Clone()
					po, pu := p.search.Rung(k)
					if !po.Equal(fo) || pu != fu {
						t.Fatalf("trial %d deal %d offer %d rung %d: %v (%v), fresh %v (%v)", trial, deal, offer, k, po, pu, fo, fu)
					}
				}
			}
		}
	}
}

// equalPrefs reports whether a and b hold the same numbers, bit for bit.
func equalPrefs(a, b *agents.Preferences) bool {
	if a.Reservation != b.Reservation || len(a.Weights) != len(b.Weights) {
		return false
	}
	for i := range a.Weights {
		if a.Weights[i] != b.Weights[i] || len(a.Values[i]) != len(b.Values[i]) {
			return false
		}
		for k := range a.Values[i] {
			if a.Values[i][k] != b.Values[i][k] {
				return false
			}
		}
	}
	return true
}
