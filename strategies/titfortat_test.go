package strategies

import (
	"testing"

	"github.com/winwin-sim/winwin/agents"
)

// The tit-for-tat agent is the seller of smallScenario and responds: the
// scripted buyer opens. Utilities below are the seller's: [0 2] 0,
// [1 2] 0.15, [2 2] 0.3, [2 1] 0.5, [4 2] 0.6, [4 0] 1.
func TestTitForTatScripted(t *testing.T) {
	sc := smallScenario()
	sc.agentOpens = false
	conceding := []agents.Move{scriptOffer(0, 0, 2), scriptOffer(0, 1, 2), scriptOffer(0, 2, 2), scriptOffer(0, 2, 1)}
	flinching := make([]agents.Move, len(conceding))
	for i, m := range conceding {
		m.Tags = agents.TagFlinch
		flinching[i] = m
	}
	tests := []struct {
		name      string
		overrides map[string]float64
		opp       []agents.Move
		want      string
	}{{
		// It opens at its best. The buyer has then come 0.15, 0.3 and
		// 0.5 of the way from its opening (0) to the seller's best (1);
		// with goodwill 0.02 the seller's targets are 0.83, 0.68, 0.48.
		// Its ladder (built from the buyer's offers) is [4 0], [4 2],
		// and [4 2] is the first rung to meet a target, at 0.48.
		name: "reciprocates", opp: conceding,
		want: "offer[4 0], offer[4 0], offer[4 0], offer[4 2]",
	}, {
		// A buyer who never moves gets the goodwill step and nothing
		// more: 0.98 is still the best offer.
		name: "does not chase a hardliner", opp: repeatMove(5, scriptOffer(0, 0, 2)),
		want: repeatFmt(5, "offer[4 0]"),
	}, {
		// Anchored: the buyer opens at [0 2] (worth 0) and comes to
		// [2 1] (0.5), half the way to the seller's best: the seller's
		// target is 1 − 0.52 = 0.48, below [2 1] itself, so it accepts.
		name: "anchored by an extreme opening", opp: []agents.Move{scriptOffer(0, 0, 2), scriptOffer(0, 2, 1)},
		want: "offer[4 0], accept",
	}, {
		// The same [2 1] without the anchor is no concession at all.
		name: "not anchored by a moderate opening", opp: []agents.Move{scriptOffer(0, 2, 1), scriptOffer(0, 2, 1)},
		want: "offer[4 0], offer[4 0]",
	}, {
		// Each flinch keeps 0.95 of the remaining range: by its third
		// offer the target is 0.95³ × 0.68 = 0.58, below [4 2]'s 0.6, a
		// round earlier than without the flinches.
		name: "flinchable", opp: flinching,
		want: "offer[4 0], offer[4 0], offer[4 2], offer[4 2]",
	}, {
		name: "flinch-proof when sensitivity is 0", overrides: map[string]float64{"flinch_sensitivity": 0}, opp: flinching,
		want: "offer[4 0], offer[4 0], offer[4 0], offer[4 2]",
	}, {
		// Without goodwill it mirrors exactly: after [1 2] (0.15) its
		// target is 0.85, still the best offer.
		name: "no goodwill", overrides: map[string]float64{"goodwill": 0}, opp: repeatMove(3, scriptOffer(0, 0, 2)),
		want: repeatFmt(3, "offer[4 0]"),
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fmtMoves(playScript(t, newStrategy(t, "tit-for-tat", tt.overrides), sc, tt.opp))
			if got != tt.want {
				t.Errorf("moves:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestTitForTatRetaliates checks that the mirror works both ways: when
// the partner takes back its concessions, so does tit-for-tat. The buyer
// comes from [0 2] to [3 2] (0.45): the seller's target falls to 0.53 and
// it offers [4 2]; then the buyer returns to [0 2], the target goes back
// to 0.98, and the seller to [4 0].
func TestTitForTatRetaliates(t *testing.T) {
	sc := smallScenario()
	sc.agentOpens = false
	opp := []agents.Move{scriptOffer(0, 0, 2), scriptOffer(0, 1, 2), scriptOffer(0, 2, 2), scriptOffer(0, 3, 2), scriptOffer(0, 0, 2)}
	got := fmtMoves(playScript(t, newStrategy(t, "tit-for-tat", nil), sc, opp))
	want := "offer[4 0], offer[4 0], offer[4 0], offer[4 2], offer[4 0]"
	if got != want {
		t.Errorf("moves:\n got %s\nwant %s", got, want)
	}
}
