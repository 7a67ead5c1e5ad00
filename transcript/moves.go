package transcript

import "github.com/winwin-sim/winwin/agents"

// A Shift is what an offer does to the two sides' values compared with the
// mover's own previous offer (DESIGN "Moves in words",
// docs/model.md#signals-and-detection): a move that raises the partner's
// value without lowering one's own trades across issues and creates
// value; one that lowers one's own and raises the partner's concedes; one
// that raises one's own at the partner's expense hardens; one that lowers
// both is a lose-lose move.
type Shift uint8

// The shifts an offer can make.
const (
	// ShiftNone: no change to compare (a first offer, a held offer, an
	// accept or a walk-away).
	ShiftNone Shift = iota
	// ShiftTrade raises the partner's value and lowers one's own by less
	// than OwnTolerance: a logroll, a Pareto improvement, creating value.
	ShiftTrade
	// ShiftConcession lowers one's own value (by OwnTolerance or more) and
	// raises the partner's.
	ShiftConcession
	// ShiftHardening raises one's own value and lowers the partner's.
	ShiftHardening
	// ShiftLoseLose lowers both sides' values.
	ShiftLoseLose
	// ShiftTakeBack lowers the partner's value and leaves one's own where
	// it was: taking ground back for nothing.
	ShiftTakeBack
	// ShiftSelfGain raises one's own value and leaves the partner's where
	// it was: value created for oneself at no cost to the partner.
	ShiftSelfGain
	// ShiftWaste lowers one's own value and leaves the partner's where it
	// was: ground given that the partner does not value.
	ShiftWaste
	// ShiftReshuffle changes the terms and leaves both values where they
	// were.
	ShiftReshuffle
)

// OwnTolerance is how much an offer may lower the mover's own value and
// still count as "without lowering one's own": a trade that costs the
// mover less than half a hundredth — a change that shows as 0.00 at the
// two decimals transcripts print — is a trade, not a concession. Every
// other comparison counts any change above floating-point noise
// (changeEps).
const OwnTolerance = 0.005

// changeEps is the change of value below which a side's value counts as
// unchanged: far above rounding error, far below anything shown.
const changeEps = 1e-9

// ShiftOf classifies a change of value to the mover (own) and to its
// partner (partner), each from the mover's previous offer.
func ShiftOf(own, partner float64) Shift {
	switch {
	case partner > changeEps && own >= -OwnTolerance:
		return ShiftTrade
	case partner > changeEps:
		return ShiftConcession
	case partner < -changeEps && own > changeEps:
		return ShiftHardening
	case partner < -changeEps && own < -changeEps:
		return ShiftLoseLose
	case partner < -changeEps:
		return ShiftTakeBack
	case own > changeEps:
		return ShiftSelfGain
	case own < -changeEps:
		return ShiftWaste
	}
	return ShiftReshuffle
}

// String names the shift as the design does: "trade", "concession",
// "hardening", "lose-lose move".
func (s Shift) String() string {
	switch s {
	case ShiftTrade:
		return "trade"
	case ShiftConcession:
		return "concession"
	case ShiftHardening:
		return "hardening"
	case ShiftLoseLose:
		return "lose-lose move"
	case ShiftTakeBack:
		return "take-back"
	case ShiftSelfGain:
		return "gain at no cost"
	case ShiftWaste:
		return "wasted concession"
	case ShiftReshuffle:
		return "reshuffle"
	}
	return "none"
}

// Concedes reports whether the shift gives the partner something at a
// cost to the mover: a concession.
func (s Shift) Concedes() bool { return s == ShiftConcession }

// Action says what a move of this shift does, in words, without a subject
// and without a colon (the transcript follows it with the changes), to a
// partner in role partner; own is the change of value to the mover (a
// trade that also raises its own value creates value for both).
func (s Shift) Action(partner agents.Role, own float64) string {
	p := partner.String()
	switch s {
	case ShiftTrade:
		if own > changeEps {
			return "trades across issues, creating value for both sides"
		}
		return "trades across issues, creating value for the " + p + " at no cost to itself"
	case ShiftConcession:
		return "concedes"
	case ShiftHardening:
		return "hardens its offer, at the " + p + "'s expense"
	case ShiftLoseLose:
		return "makes a lose-lose move, worse for both sides"
	case ShiftTakeBack:
		return "takes ground back, worse for the " + p + " and no better for itself"
	case ShiftSelfGain:
		return "improves its own terms at no cost to the " + p
	case ShiftWaste:
		return "gives ground the " + p + " does not value, worse for itself and no better for the " + p
	case ShiftReshuffle:
		return "reshuffles its offer, the same to both sides"
	}
	return ""
}
