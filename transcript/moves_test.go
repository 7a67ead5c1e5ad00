package transcript_test

import (
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/transcript"
)

// Moves in words, compared with the mover's own previous offer: raising the
// partner's value without lowering one's own (by more than
// transcript.OwnTolerance) is a trade that creates value — a logroll is
// printed as a trade; lowering one's own and raising the partner's is a
// concession; raising one's own at the partner's expense is hardening;
// lowering both is a lose-lose move.
func TestShiftOf(t *testing.T) {
	tests := []struct {
		name          string
		own, partner  float64
		want          transcript.Shift
		action        string // a phrase of its words, to a buyer
		notConcession bool
	}{
		// The integrative logroll on supply-deal: +0.01 to itself,
		// +0.18 to the buyer, once printed "hardens its offer".
		{"a logroll is printed as a trade", 0.01, 0.18, transcript.ShiftTrade, "trades across issues, creating value for both sides", true},
		{"a trade at no cost", 0, 0.07, transcript.ShiftTrade, "creating value for the buyer at no cost to itself", true},
		{"a trade that costs less than the tolerance", -0.0025, 0.08, transcript.ShiftTrade, "at no cost to itself", true},
		{"a trade at exactly the tolerance", -transcript.OwnTolerance, 0.08, transcript.ShiftTrade, "at no cost to itself", true},
		{"a concession just beyond the tolerance", -transcript.OwnTolerance - 1e-6, 0.08, transcript.ShiftConcession, "concedes", false},
		{"a concession", -0.06, 0.07, transcript.ShiftConcession, "concedes", false},
		{"hardening", 0.05, -0.1, transcript.ShiftHardening, "hardens its offer, at the buyer's expense", true},
		// The hard-anchorer cutting volume 5,000 → 2,000 units:
		// worse for both, once printed "gives ground".
		{"cutting a shared issue is lose-lose", -0.01, -0.05, transcript.ShiftLoseLose, "makes a lose-lose move, worse for both sides", true},
		{"taking ground back for nothing", 0, -0.05, transcript.ShiftTakeBack, "takes ground back, worse for the buyer and no better for itself", true},
		{"a gain at no cost to the partner", 0.04, 0, transcript.ShiftSelfGain, "improves its own terms at no cost to the buyer", true},
		{"ground the partner does not value", -0.04, 0, transcript.ShiftWaste, "gives ground the buyer does not value", true},
		{"a reshuffle", 0, 0, transcript.ShiftReshuffle, "reshuffles its offer", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := transcript.ShiftOf(tt.own, tt.partner)
			if s != tt.want {
				t.Fatalf("ShiftOf(%+.4f, %+.4f) = %v, want %v", tt.own, tt.partner, s, tt.want)
			}
			if a := s.Action(agents.Buyer, tt.own); !strings.Contains(a, tt.action) || strings.Contains(a, ":") {
				t.Errorf("%v says %q, want a phrase without a colon holding %q", s, a, tt.action)
			}
			if s.Concedes() == tt.notConcession {
				t.Errorf("%v concedes: %v", s, s.Concedes())
			}
		})
	}
}
