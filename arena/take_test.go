package arena_test

import (
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// TestOffersAreCheckedAgainstTheDomain checks that an offer is valid when
// it picks an option of every issue of the domain, whatever the partner's
// preferences hold: a value list longer than the options does not
// make an option out of the domain valid, and a shorter one does not make
// an option of the domain invalid (reading its value fails, as it always
// has: the negotiation ends in a panic fault, not an invalid offer). The
// arena checks offers against the preferences as the negotiation began
// where they fit the domain; the cases here are the ones where they do
// not, played on one reused Table between fitting ones.
func TestOffersAreCheckedAgainstTheDomain(t *testing.T) {
	d, fit := priceDomain(5, 0, 0)
	long := &agents.Preferences{Weights: []float64{1}, Values: [][]float64{{1, 0.75, 0.5, 0.25, 0, 0.5, 1}}}
	short := &agents.Preferences{Weights: []float64{1}, Values: [][]float64{{1, 0.5, 0}}}
	tests := []struct {
		name   string
		buyer  *agents.Preferences
		seller agents.Agent
		fault  string // part of the fault's message; "" for none
		turns  int
		value  float64 // the deal's value to the buyer
	}{
		{name: "fitting preferences", buyer: fit[1], seller: script(offer(4, 0), offer(3, 0)),
			turns: 4, value: 0.25},
		{name: "longer values, an option out of the domain", buyer: long, seller: script(offer(5, 0)),
			fault: `invalid offer [5]: issue "price" has no option 5`},
		{name: "longer values, options of the domain", buyer: long, seller: script(offer(4, 0), offer(3, 0)),
			turns: 4, value: 0.25},
		{name: "fitting preferences again", buyer: fit[1], seller: script(offer(2, 0), offer(3, 0)),
			turns: 4, value: 0.25},
		{name: "shorter values, an option without one", buyer: short, seller: script(offer(2, 0), offer(3, 0)),
			turns: 2, fault: "panic: runtime error: index out of range [3] with length 3"},
		{name: "shorter values, an option out of the domain", buyer: short, seller: script(offer(7, 0)),
			fault: `invalid offer [7]: issue "price" has no option 7`},
		{name: "shorter values, options with one", buyer: short, seller: script(offer(2, 0), offer(1, 0)),
			turns: 4, value: 0.5},
	}
	var tab arena.Table
	for _, tt := range tests {
		buyer := script(offer(0, 0), agents.Accept(0))
		out := tab.Negotiate(arena.Setup{Domain: d, Deadline: 3, Opener: agents.Seller},
			&arena.Party{Agent: tt.seller, Prefs: fit[0]}, &arena.Party{Agent: buyer, Prefs: tt.buyer})
		if tt.fault != "" {
			if out.Fault == nil || !strings.Contains(out.Fault.Err.Error(), tt.fault) || out.Fault.By != agents.Seller || out.Fault.Turn != tt.turns {
				t.Errorf("%s: fault %v, want the seller's at turn %d: %q", tt.name, out.Fault, tt.turns, tt.fault)
			}
			continue
		}
		if out.Fault != nil || !out.Agreed || out.Turns != tt.turns || out.Utility[agents.Buyer] != tt.value {
			t.Errorf("%s: outcome %+v, want a deal worth %v to the buyer after %d turns", tt.name, out, tt.value, tt.turns)
		}
	}
}
