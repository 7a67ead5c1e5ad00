package transcript

import (
	"fmt"
	"math"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// The outcome in words (docs/model.md#outcome-classes): a side wins when
// its satisfaction I — the share of the surplus it could expect (its
// expectation e above its walk-away point r; at the default κ = 1, what
// the fair, efficient deal gives it) that the deal gave it — is at least
// one half, compared on the exact value (arena.Class.Won), never on the
// rounded one shown.

// ClassSentence explains the outcome class of an analysis in words, for
// a reader who does not know who walked away: Verdict names the side.
func ClassSentence(a *arena.Analysis) string {
	if a.Class == arena.NoDeal {
		return noDealSentence(a, "")
	}
	return classSentence(a.Class)
}

// Verdict explains the outcome class of n in words: who won and who lost,
// or why there was no deal and the value both lost ("NO DEAL: the buyer
// walked away from a deal both could have taken …").
func Verdict(n *Negotiation) string {
	a := &n.Analysis
	if a.Class != arena.NoDeal {
		return classSentence(a.Class)
	}
	who := ""
	switch o := &n.Outcome; {
	case o.Fault != nil:
		who = "the " + (o.Fault.By & 1).String()
	case o.WalkAway:
		who = "the " + o.EndedBy.String()
	}
	return noDealSentence(a, who)
}

func classSentence(c arena.Class) string {
	switch c {
	case arena.WinWin:
		return "WIN-WIN: both sides won, each with at least half the surplus it could expect."
	case arena.WinLose:
		return "WIN-LOSE: the seller won, the buyer lost: the buyer got less than half the surplus it could expect."
	case arena.LoseWin:
		return "LOSE-WIN: the buyer won, the seller lost: the seller got less than half the surplus it could expect."
	case arena.LoseLose:
		return "LOSE-LOSE: a deal neither side cares for: each got less than half the surplus it could expect."
	}
	return "NO DEAL."
}

// noDealSentence says why there was no deal and what it cost; who names
// the side that walked away or broke the protocol ("the buyer"), or is
// empty when unknown.
func noDealSentence(a *arena.Analysis, who string) string {
	lost := fmt.Sprintf(" Together they lost %.2f, the surplus of the fair deal.", a.ValueLost)
	switch a.NoDeal {
	case arena.NoZone:
		return "NO DEAL: there was no zone of agreement (no deal was worth its walk-away point to both sides): walking away was right."
	case arena.WalkedAway:
		if who == "" {
			who = "a side"
		}
		return "NO DEAL: " + who + " walked away from a deal both could have taken." + lost
	case arena.DeadlinePassed:
		return "NO DEAL: time ran out before they agreed on a deal both could have taken." + lost
	case arena.Faulted:
		if who == "" {
			who = "a side"
		}
		return "NO DEAL: " + who + " broke the protocol, with a deal both could have taken on the table." + lost
	}
	return "NO DEAL."
}

// WinWords says whether side r won, with the share of the surplus it
// could expect that the deal gave it (its satisfaction): "yes (62%)", "no
// (31%)", "yes (100%)" for all of it or more, "no deal". The share shown
// is rounded down, so a side that lost never shows 50%; the yes or no is
// decided on the exact value.
func WinWords(a *arena.Analysis, r agents.Role) string {
	if a.Class == arena.NoDeal {
		return "no deal"
	}
	yes := "no"
	if a.Won(r) {
		yes = "yes"
	}
	return fmt.Sprintf("%s (%.0f%%)", yes, 100*Floor2(min(1, a.Satisfaction[r])))
}

// AnchorWords says how extreme an anchor of extremity x (arena
// Outcome.AnchorExtremity: how far the opening lies below the partner's
// walk-away point, as a share of it) is, for a partner in role partner
// with walk-away point rp: "40% below the seller's walk-away point 0.40,
// well outside the zone of agreement".
func AnchorWords(x float64, partner agents.Role, rp float64) string {
	if x >= 1 {
		return fmt.Sprintf("worth nothing to the %s, whose walk-away point is %.2f: as extreme as an anchor gets", partner, rp)
	}
	return fmt.Sprintf("%.0f%% below the %s's walk-away point %.2f, %s", anchorPercent(x), partner, rp, anchorGrade(x))
}

// anchorShort says how extreme an anchor of extremity x was for the side
// that met it: "63% below its walk-away point", "worth nothing to it".
func anchorShort(x float64) string {
	if x >= 1 {
		return "worth nothing to it"
	}
	return fmt.Sprintf("%.0f%% below its walk-away point", anchorPercent(x))
}

// anchorPercent is an extremity in (0, 1) as a whole percentage from 1 to
// 99: never 0% for an anchor outside the zone, never 100% for one worth
// something.
func anchorPercent(x float64) float64 { return min(99, max(1, math.Round(100*x))) }

// anchorGrade places an extremity between "just outside" and "far outside"
// the zone of agreement.
func anchorGrade(x float64) string {
	switch {
	case x < 0.25:
		return "just outside the zone of agreement"
	case x < 0.6:
		return "well outside the zone of agreement"
	}
	return "far outside the zone of agreement"
}
