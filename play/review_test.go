package play

import (
	"slices"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// mv is a move of a scripted negotiation: by whom, what, and the tags
// (sent and detected) it carries.
type mv struct {
	by   agents.Role
	kind agents.MoveKind
	o    agents.Offer
	tags agents.Tags
}

// steps values each move of ms with both sides' preferences, as the arena
// records them.
func steps(sc arena.Scenario, ms []mv) []arena.Step {
	var out []arena.Step
	var last agents.Offer
	for _, m := range ms {
		st := arena.Step{By: m.by, Move: agents.Move{Kind: m.kind, Offer: m.o, Tags: m.tags}}
		o := m.o
		if m.kind == agents.MoveAccept {
			o = last
		}
		for r := range 2 {
			if o != nil {
				st.Utility[r] = sc.Prefs[r].Utility(o)
			} else {
				st.Utility[r] = sc.Prefs[r].Reservation
			}
		}
		if m.kind == agents.MoveOffer {
			last = m.o
		}
		out = append(out, st)
	}
	return out
}

// TestReviewRules: each of the coach's findings on short negotiations that
// make it, and on their near misses that do not. On price-haggle option k
// is $300,000 + k·$10,000; the buyer's walk-away point is $440,000 (k=14),
// the seller's $360,000 (k=6).
func TestReviewRules(t *testing.T) {
	haggle := loadScenario(t, "price-haggle")
	supply := loadScenario(t, "supply-deal")
	S, B := agents.Seller, agents.Buyer
	off, acc, walk := agents.MoveOffer, agents.MoveAccept, agents.MoveWalkAway
	o := func(k ...int) agents.Offer { return agents.Offer(k) }
	tests := []struct {
		name string
		sc   arena.Scenario
		me   agents.Role
		ms   []mv
		want []Kind
	}{
		{"an extreme anchor", haggle, B, []mv{{S, off, o(15), 0}, {B, off, o(0), agents.TagExtremeAnchor}}, []Kind{ExtremeAnchor}},
		{"an ambitious opening inside the zone", haggle, B, []mv{{S, off, o(15), 0}, {B, off, o(7), 0}}, nil},
		{"a concession the seller had not earned", haggle, B,
			[]mv{{S, off, o(20), 0}, {B, off, o(8), 0}, {S, off, o(20), 0}, {B, off, o(10), 0}}, []Kind{UnreciprocatedConcession}},
		{"a concession answering one", haggle, B,
			[]mv{{S, off, o(20), 0}, {B, off, o(8), 0}, {S, off, o(18), 0}, {B, off, o(10), 0}}, nil},
		{"a concession after one's own opening: nothing to compare", haggle, B,
			[]mv{{B, off, o(8), 0}, {S, off, o(20), 0}, {B, off, o(10), 0}}, nil},
		{"holding is no concession", haggle, B,
			[]mv{{S, off, o(20), 0}, {B, off, o(8), 0}, {S, off, o(20), 0}, {B, off, o(8), 0}}, nil},
		{"accepting the first offer, inside the zone", haggle, B, []mv{{S, off, o(12), 0}, {B, acc, nil, 0}}, []Kind{AcceptedFirstOffer}},
		{"accepting the first offer, below the walk-away point", haggle, B, []mv{{S, off, o(20), 0}, {B, acc, nil, 0}},
			[]Kind{AcceptedFirstOffer, AcceptedBelowWalkAway}},
		{"accepting a second offer", haggle, B, []mv{{S, off, o(14), 0}, {B, off, o(8), 0}, {S, off, o(12), 0}, {B, acc, nil, 0}}, nil},
		{"accepting below the walk-away point as seller", haggle, S, []mv{{B, off, o(0), 0}, {S, off, o(15), 0}, {B, off, o(3), 0}, {S, acc, nil, 0}},
			[]Kind{AcceptedBelowWalkAway}},
		{"walking in round 1", haggle, B, []mv{{S, off, o(20), 0}, {B, walk, nil, 0}}, []Kind{WalkedWithoutDissatisfaction}},
		{"dissatisfaction on the walk itself is not first", haggle, B, []mv{{S, off, o(20), 0}, {B, walk, nil, agents.TagDissatisfied}},
			[]Kind{WalkedWithoutDissatisfaction}},
		{"dissatisfaction first, then walking", haggle, B,
			[]mv{{S, off, o(20), 0}, {B, off, o(8), agents.TagDissatisfied}, {S, off, o(20), 0}, {B, walk, nil, 0}}, []Kind{DisengagedFirst}},
		{"walking from an offer better than no deal", haggle, B,
			[]mv{{S, off, o(12), 0}, {B, off, o(8), agents.TagDissatisfied}, {S, off, o(12), 0}, {B, walk, nil, 0}},
			[]Kind{DisengagedFirst, WalkedFromBetterThanNoDeal}},
		{"asking why after an anchor", haggle, B, []mv{{S, off, o(20), agents.TagAnchor}, {B, off, o(8), agents.TagAskWhy}}, []Kind{AskedWhy}},
		// supply-deal: price, delivery, warranty, volume, payment; volume
		// (index 3) is shared, its option 3 (5,000 units) best for both.
		{"cutting volume, which both want", supply, B,
			[]mv{{S, off, o(8, 3, 0, 3, 0), 0}, {B, off, o(0, 0, 3, 3, 3), 0}, {S, off, o(7, 3, 0, 3, 0), 0}, {B, off, o(0, 0, 3, 1, 3), 0}},
			[]Kind{GaveUpSharedIssue}},
		{"a trade across issues", supply, B,
			[]mv{{S, off, o(8, 3, 0, 3, 0), 0}, {B, off, o(0, 0, 3, 1, 3), 0}, {S, off, o(7, 3, 0, 3, 0), 0}, {B, off, o(0, 0, 3, 3, 3), 0}},
			[]Kind{Traded}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []Kind
			for _, n := range review(tt.sc.Domain, tt.sc.Prefs, tt.me, steps(tt.sc, tt.ms)) {
				got = append(got, n.Kind)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("found %v, want %v", got, tt.want)
			}
		})
	}
}
