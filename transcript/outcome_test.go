package transcript_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/transcript"
)

// The outcome class in words: who won and who lost, named; a no deal with
// its reason in plain words and the value both lost.
func TestVerdict(t *testing.T) {
	deal := func(sat [2]float64) transcript.Negotiation {
		return transcript.Negotiation{Outcome: arena.Outcome{Agreed: true},
			Analysis: arena.Analysis{Satisfaction: sat, Class: arena.Classify(sat)}}
	}
	noDeal := func(why arena.NoDealReason, o arena.Outcome) transcript.Negotiation {
		a := arena.Analysis{Class: arena.NoDeal, NoDeal: why}
		if why != arena.NoZone {
			a.ValueLost = 0.53
		}
		return transcript.Negotiation{Outcome: o, Analysis: a}
	}
	tests := []struct {
		name string
		n    transcript.Negotiation
		want string
	}{
		{"the even split on price-haggle is win-win", deal([2]float64{1, 1}),
			"WIN-WIN: both sides won, each with at least half the surplus it could expect."},
		{"a satisfaction of exactly 0.5 is a win", deal([2]float64{0.5, 0.5}),
			"WIN-WIN: both sides won"},
		{"win-lose names the seller as the winner", deal([2]float64{1, 0.2}),
			"WIN-LOSE: the seller won, the buyer lost: the buyer got less than half the surplus it could expect."},
		{"lose-win names the buyer as the winner", deal([2]float64{0.49, 0.9}),
			"LOSE-WIN: the buyer won, the seller lost"},
		{"lose-lose", deal([2]float64{0.2, 0.3}),
			"LOSE-LOSE: a deal neither side cares for"},
		{"the hardliner walk-away without a zone is no deal: no zone of agreement",
			noDeal(arena.NoZone, arena.Outcome{WalkAway: true, EndedBy: agents.Seller}),
			"NO DEAL: there was no zone of agreement (no deal was worth its walk-away point to both sides): walking away was right."},
		{"walking away from a zone names who walked and what both lost",
			noDeal(arena.WalkedAway, arena.Outcome{WalkAway: true, EndedBy: agents.Buyer}),
			"NO DEAL: the buyer walked away from a deal both could have taken. Together they lost 0.53, the surplus of the fair deal."},
		{"the deadline", noDeal(arena.DeadlinePassed, arena.Outcome{Deadline: true}),
			"NO DEAL: time ran out before they agreed on a deal both could have taken. Together they lost 0.53"},
		{"a fault", noDeal(arena.Faulted, arena.Outcome{Fault: &arena.Fault{By: agents.Seller, Err: errors.New("bad offer")}}),
			"NO DEAL: the seller broke the protocol"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := transcript.Verdict(&tt.n); !strings.HasPrefix(got, tt.want) {
				t.Errorf("Verdict = %q, want it to start %q", got, tt.want)
			}
			if got := transcript.ClassSentence(&tt.n.Analysis); strings.Contains(got, "lose-lose") != strings.Contains(tt.want, "lose-lose") {
				t.Errorf("ClassSentence = %q", got)
			}
		})
	}
}

// Whether a side won is decided on the exact satisfaction, and the share
// shown is rounded down: exactly 0.50 is a win shown as 50%, just under it
// a loss shown as 49%, never a 50% that lost.
func TestWinWords(t *testing.T) {
	tests := []struct {
		name string
		sat  [2]float64
		want [2]string
	}{
		{"exactly 0.5 is a win", [2]float64{0.5, 0.5}, [2]string{"yes (50%)", "yes (50%)"}},
		{"just under 0.5 is a loss shown as 49%", [2]float64{0.4999999, 0.8}, [2]string{"no (49%)", "yes (80%)"}},
		{"all it could expect", [2]float64{1, 0.62}, [2]string{"yes (100%)", "yes (62%)"}},
		{"nothing", [2]float64{0, 1}, [2]string{"no (0%)", "yes (100%)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := arena.Analysis{Satisfaction: tt.sat, Class: arena.Classify(tt.sat)}
			for r := range 2 {
				if got := transcript.WinWords(&a, agents.Role(r)); got != tt.want[r] {
					t.Errorf("%s: %q, want %q", agents.Role(r), got, tt.want[r])
				}
			}
		})
	}
	if got := transcript.WinWords(&arena.Analysis{Class: arena.NoDeal}, agents.Seller); got != "no deal" {
		t.Errorf("without a deal: %q, want %q", got, "no deal")
	}
}

// The graded anchor in words: how far below the partner's walk-away point
// the opening lies, as a share of it, and how far outside the zone that is.
func TestAnchorWords(t *testing.T) {
	tests := []struct {
		x    float64
		want string
	}{
		{0.09, "9% below the seller's walk-away point 0.40, just outside the zone of agreement"},
		{0.43, "43% below the seller's walk-away point 0.40, well outside the zone of agreement"},
		{0.63, "63% below the seller's walk-away point 0.40, far outside the zone of agreement"},
		{0.001, "1% below the seller's walk-away point 0.40, just outside the zone of agreement"},
		{0.999, "99% below the seller's walk-away point 0.40, far outside the zone of agreement"},
		{1, "worth nothing to the seller, whose walk-away point is 0.40: as extreme as an anchor gets"},
	}
	for _, tt := range tests {
		if got := transcript.AnchorWords(tt.x, agents.Seller, 0.4); got != tt.want {
			t.Errorf("AnchorWords(%v) = %q, want %q", tt.x, got, tt.want)
		}
	}
}
