package arena

import (
	"fmt"
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
	// Expectation κ scales each side's expectation of a deal, its fair
	// share: e = r + κ·(u* − r), with u* its utility at the Nash point
	// (docs/model.md#outcome-classes). 1 expects exactly the fair share.
	Expectation float64
	// SelfPenalty is taken from S when a side conceded to a flinch or an unbundle.
	SelfPenalty float64
	// Penalties of hard tactics experienced, each counted once per deal.
	// PenaltyExtremeAnchor is graded: it is multiplied by the anchor's
	// extremity (Outcome.AnchorExtremity).
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
		Expectation: 1, SelfPenalty: 0.1,
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

// Satisfaction returns a side's outcome satisfaction
// I = clip((u−r)/(e−r), 0, 1) for a deal worth u to a side with reservation
// value r and expectation e (docs/model.md#outcome-classes). Where e ≤ r
// (the fair deal gives the side nothing above walking away, or there is no
// zone of agreement and e = r), I is 1 for u ≥ r and 0 below. Without a
// deal I is 0: Analyze does not call Satisfaction then.
func Satisfaction(u, r, e float64) float64 {
	den := e - r
	if den <= 0 {
		if u >= r {
			return 1
		}
		return 0
	}
	return clip((u-r)/den, 0, 1)
}

// Expectations returns each side's expectation e_i = r_i + κ·(u*_i − r_i),
// with u* the Nash point of frontier f for reservation values res and κ the
// model's Expectation. Without a zone of agreement there is no Nash point:
// it returns res and false.
func (m *Model) Expectations(f *Frontier, res [2]float64) ([2]float64, bool) {
	p, ok := f.Nash(res)
	return m.expectations(p, ok, res), ok
}

// expectations returns the expectations given the Nash point p (ok false:
// there is none, and the expectations are res).
func (m *Model) expectations(p Point, ok bool, res [2]float64) [2]float64 {
	e := res
	if ok {
		for r := range e {
			e[r] = res[r] + m.Expectation*(p.U[r]-res[r])
		}
	}
	return e
}

// Feel computes both sides' subjective value of outcome o, whose analysis
// (by Analyze, with the same model) is a: the outcome component I is
// a.Satisfaction, so the feeling and the outcome class never disagree.
func (m *Model) Feel(o *Outcome, a *Analysis) [2]Feeling {
	var f [2]Feeling
	for r := range f {
		other := 1 - r
		x := &f[r]
		x.I = a.Satisfaction[r]
		x.S = x.I
		if o.Yielded[r] {
			x.S = clip(x.I-m.SelfPenalty, 0, 1)
		}
		x.P = clip(1-m.Penalty(o.Used[other], o.AnchorExtremity[other]), 0, 1)
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

// Penalty sums the process penalties of the hard tactics in t that the
// model charges a side for meeting, the extreme anchor's graded by its
// extremity x in [0,1] (Outcome.AnchorExtremity).
func (m *Model) Penalty(t agents.Tags, x float64) float64 {
	p := 0.0
	if t&agents.TagExtremeAnchor != 0 {
		p = m.PenaltyExtremeAnchor * x
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

// Class is the outcome class of one negotiation (docs/model.md#outcome-classes):
// the article's three outcomes, with win-lose split by role, and no deal.
// The zero Class is NoDeal.
type Class uint8

// Outcome classes. WinLose and LoseWin name the seller's result first.
const (
	// NoDeal: the negotiation ended without agreement (never lose-lose;
	// Analysis.NoDeal says why).
	NoDeal Class = iota
	// WinWin: both sides got at least half their fair share.
	WinWin
	// WinLose: the seller won, the buyer lost.
	WinLose
	// LoseWin: the seller lost, the buyer won.
	LoseWin
	// LoseLose: a deal neither side got half its fair share from.
	LoseLose

	// NumClasses is the number of classes: counts can be kept in a
	// [NumClasses]T indexed by Class.
	NumClasses = 5
)

// Classes lists the classes in display order: win-win, win-lose, lose-win,
// lose-lose, no deal.
var Classes = [NumClasses]Class{WinWin, WinLose, LoseWin, LoseLose, NoDeal}

var classNames = [NumClasses]string{NoDeal: "no deal", WinWin: "win-win", WinLose: "win-lose", LoseWin: "lose-win", LoseLose: "lose-lose"}

// String returns "win-win", "win-lose", "lose-win", "lose-lose" or
// "no deal".
func (c Class) String() string {
	if int(c) < len(classNames) {
		return classNames[c]
	}
	return fmt.Sprintf("Class(%d)", uint8(c))
}

// ParseClass returns the class whose String is s.
func ParseClass(s string) (Class, error) {
	for c, n := range classNames {
		if n == s {
			return Class(c), nil
		}
	}
	return 0, fmt.Errorf("unknown outcome class %q: want win-win, win-lose, lose-win, lose-lose or no deal", s)
}

// Won reports whether side r won in a negotiation of class c: both in a
// win-win, the seller in a win-lose, the buyer in a lose-win, neither in
// a lose-lose or without a deal.
func (c Class) Won(r agents.Role) bool {
	switch c {
	case WinWin:
		return true
	case WinLose:
		return r == agents.Seller
	case LoseWin:
		return r == agents.Buyer
	}
	return false
}

// Wins reports whether a satisfaction I is a win: at least half the fair
// share, I ≥ 0.5 on the exact value.
func Wins(i float64) bool { return i >= 0.5 }

// Classify returns the class of a deal whose sides' satisfactions are sat
// (indexed by role): a side wins when Wins(sat[r]). It never returns
// NoDeal: a negotiation without a deal is classed by Analyze.
func Classify(sat [2]float64) Class {
	s, b := Wins(sat[agents.Seller]), Wins(sat[agents.Buyer])
	switch {
	case s && b:
		return WinWin
	case s:
		return WinLose
	case b:
		return LoseWin
	}
	return LoseLose
}

// NoDealReason says why a negotiation ended without a deal.
type NoDealReason uint8

// Reasons for no deal. The zero value is for a deal.
const (
	// Agreed: there was a deal.
	Agreed NoDealReason = iota
	// NoZone: no outcome was worth at least its walk-away point to both
	// sides (no zone of agreement): walking away was right.
	NoZone
	// WalkedAway: a side walked away from a zone of agreement that existed.
	WalkedAway
	// DeadlinePassed: the deadline passed with a zone of agreement left
	// unused.
	DeadlinePassed
	// Faulted: an agent broke the protocol (Outcome.Fault) with a zone of
	// agreement left unused.
	Faulted
)

var noDealNames = [...]string{Agreed: "", NoZone: "no zone of agreement", WalkedAway: "walked away", DeadlinePassed: "deadline", Faulted: "fault"}

// String returns "no zone of agreement", "walked away", "deadline",
// "fault", or "" for Agreed.
func (n NoDealReason) String() string {
	if int(n) < len(noDealNames) {
		return noDealNames[n]
	}
	return fmt.Sprintf("NoDealReason(%d)", uint8(n))
}

// ParseNoDealReason returns the reason whose String is s ("" is Agreed).
func ParseNoDealReason(s string) (NoDealReason, error) {
	for n, name := range noDealNames {
		if name == s {
			return NoDealReason(n), nil
		}
	}
	return 0, fmt.Errorf("unknown no-deal reason %q: want no zone of agreement, walked away, deadline or fault", s)
}

func clip(x, lo, hi float64) float64 { return math.Min(hi, math.Max(lo, x)) }
