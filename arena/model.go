package arena

import (
	"math"

	"github.com/winwin-sim/winwin/agents"
)

// A Model holds the parameters of repeat business (docs/model.md#repeat-business): how a deal
// feels to each side (its subjective value, after Curhan, Elfenbein & Xu
// 2006) and how that feeling drives the chance of dealing again. The
// defaults are assumptions grounded only in direction: subjective value
// predicts the wish to deal again better than the economic outcome does
// (Curhan, Elfenbein & Eisenkraft 2010); the numbers are not measured.
type Model struct {
	// Aspiration a: the utility at which the outcome feels fully won.
	Aspiration float64
	// SelfPenalty is taken from S when a side conceded to a flinch or an unbundle.
	SelfPenalty float64
	// Penalties of hard tactics experienced, each counted once per deal.
	PenaltyExtremeAnchor, PenaltyFlinch, PenaltyUnbundle, PenaltyRetraction, PenaltyDissatisfied float64
	// Alpha weighs disadvantageous inequity, Beta advantageous inequity.
	Alpha, Beta float64
	// ImpasseSV is the subjective value of no deal.
	ImpasseSV float64
	// Stay probability p = PLow + (PHigh − PLow)/(1 + exp(−K·(SV − Theta))).
	PLow, PHigh, K, Theta float64
	// Discount δ per period in the long-run payoff Σ δ^t·s_t.
	Discount float64
}

// DefaultModel returns the default parameters (docs/model.md#model-parameters).
func DefaultModel() Model {
	return Model{
		Aspiration: 0.8, SelfPenalty: 0.1,
		PenaltyExtremeAnchor: 0.10, PenaltyFlinch: 0.15, PenaltyUnbundle: 0.25, PenaltyRetraction: 0.10, PenaltyDissatisfied: 0.10,
		Alpha: 0.8, Beta: 0.2, ImpasseSV: 0.2,
		PLow: 0.30, PHigh: 0.97, K: 10, Theta: 0.4,
		Discount: 0.9,
	}
}

// Feeling is one side's subjective value of one deal, by component.
type Feeling struct {
	// Instrumental outcome I, Self S, Process P, Relationship R, all in [0,1].
	I, S, P, R float64
	// SV = (I+S+P+R)/4, or the model's ImpasseSV without a deal.
	SV float64
	// Stay is the probability that this side comes back for the next deal.
	Stay float64
}

// Satisfaction returns a side's outcome satisfaction I = clip((u−r)/(a−r), 0, 1);
// 0 without a deal. The outcome class uses it: both ≥ 0.5 is win-win.
func (m *Model) Satisfaction(agreed bool, u, r float64) float64 {
	if !agreed {
		return 0
	}
	den := m.Aspiration - r
	if den <= 0 {
		if u >= r {
			return 1
		}
		return 0
	}
	return clip((u-r)/den, 0, 1)
}

// Feel computes both sides' subjective value of an outcome, given each
// side's reservation value.
func (m *Model) Feel(o *Outcome, res [2]float64) [2]Feeling {
	var f [2]Feeling
	for r := range f {
		other := 1 - r
		x := &f[r]
		x.I = m.Satisfaction(o.Agreed, o.Utility[r], res[r])
		x.S = x.I
		if o.Yielded[r] {
			x.S = clip(x.I-m.SelfPenalty, 0, 1)
		}
		x.P = clip(1-m.penalty(o.Used[other]), 0, 1)
		x.R = clip(1-m.Alpha*math.Max(0, o.Surplus[other]-o.Surplus[r])-m.Beta*math.Max(0, o.Surplus[r]-o.Surplus[other]), 0, 1)
		if o.Agreed {
			x.SV = (x.I + x.S + x.P + x.R) / 4
		} else {
			x.SV = m.ImpasseSV
		}
		x.Stay = m.StayProbability(x.SV)
	}
	return f
}

// penalty sums the process penalties of the hard tactics in tags.
func (m *Model) penalty(t agents.Tags) float64 {
	p := 0.0
	if t&agents.TagExtremeAnchor != 0 {
		p += m.PenaltyExtremeAnchor
	}
	if t&agents.TagFlinch != 0 {
		p += m.PenaltyFlinch
	}
	if t&agents.TagUnbundle != 0 {
		p += m.PenaltyUnbundle
	}
	if t&agents.TagRetraction != 0 {
		p += m.PenaltyRetraction
	}
	if t&agents.TagDissatisfied != 0 {
		p += m.PenaltyDissatisfied
	}
	return p
}

// StayProbability maps a subjective value to the chance of dealing again.
func (m *Model) StayProbability(sv float64) float64 {
	return m.PLow + (m.PHigh-m.PLow)/(1+math.Exp(-m.K*(sv-m.Theta)))
}

// Class is the article's three outcomes.
type Class uint8

// Outcome classes.
const (
	LoseLose Class = iota
	WinLose
	WinWin
)

// String returns "win-win", "win-lose" or "lose-lose".
func (c Class) String() string {
	switch c {
	case WinWin:
		return "win-win"
	case WinLose:
		return "win-lose"
	}
	return "lose-lose"
}

// Classify returns win-win when both satisfactions are at least 0.5,
// lose-lose when neither is, win-lose otherwise.
func Classify(sat [2]float64) Class {
	a, b := sat[0] >= 0.5, sat[1] >= 0.5
	switch {
	case a && b:
		return WinWin
	case a || b:
		return WinLose
	}
	return LoseLose
}

func clip(x, lo, hi float64) float64 { return math.Min(hi, math.Max(lo, x)) }
