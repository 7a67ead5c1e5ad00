package arena

import (
	"math"

	"github.com/winwin-sim/winwin/agents"
)

// Analysis measures one negotiated outcome against its scenario's frontier
// (docs/model.md#outcome-analysis).
type Analysis struct {
	// JointSurplus is Surplus[Seller]+Surplus[Buyer] of the deal, 0 without
	// a deal.
	JointSurplus float64
	// NashProduct is Surplus[Seller]·Surplus[Buyer] of the deal, 0 without
	// a deal.
	NashProduct float64
	// ParetoDistance is the Euclidean distance in utility space from the
	// outcome (the reservation point without a deal) to the frontier.
	ParetoDistance float64
	// NashDistance is the distance from the outcome to the Nash point; 0
	// when NashOK is false.
	NashDistance float64
	// NashOK is false when no frontier point is individually rational (no
	// zone of agreement), so there is no Nash point.
	NashOK bool
	// Nash is each side's utility at the Nash point (0 when NashOK is
	// false): what Model.Reanalyze needs to judge the outcome against
	// another expectation without the frontier.
	Nash [2]float64
	// LeftOnTable is the value left on the table: the best joint surplus on
	// the frontier minus the joint surplus achieved, at least 0.
	LeftOnTable float64
	// Expectation is each side's expectation e = r + κ·(u* − r), its fair
	// share (Model.Expectations); the reservation value when NashOK is
	// false.
	Expectation [2]float64
	// Satisfaction is each side's outcome satisfaction I
	// (Satisfaction(u, r, e)), 0 without a deal.
	Satisfaction [2]float64
	// Class is the outcome class: Classify(Satisfaction) for a deal,
	// NoDeal without one.
	Class Class
	// NoDeal says why there was no deal (Agreed for a deal).
	NoDeal NoDealReason
	// ValueLost is, for a no deal with a zone of agreement, the joint
	// surplus at the Nash point: the value both sides lost. 0 otherwise.
	ValueLost float64
}

// Won reports whether side r won: Class.Won(r).
func (a *Analysis) Won(r agents.Role) bool { return a.Class.Won(r) }

// Analyze measures outcome o of a scenario with frontier f (not nil) and
// reservation values res under model m (nil means DefaultModel). Without a
// deal the outcome sits at the reservation point res, whatever o.Utility
// holds. It does not allocate.
func Analyze(f *Frontier, o *Outcome, res [2]float64, m *Model) Analysis {
	if m == nil {
		dm := DefaultModel()
		m = &dm
	}
	var a Analysis
	u := res
	if o.Agreed {
		u = o.Utility
		a.JointSurplus = o.Surplus[0] + o.Surplus[1]
		a.NashProduct = o.Surplus[0] * o.Surplus[1]
	}
	a.ParetoDistance = f.Distance(u)
	p, zone := f.Nash(res)
	if zone {
		a.NashOK = true
		a.Nash = p.U
		a.NashDistance = math.Hypot(p.U[0]-u[0], p.U[1]-u[1])
	}
	a.LeftOnTable = max(0, f.BestJointSurplus(res)-a.JointSurplus)
	a.Expectation = m.expectations(p, zone, res)
	if !o.Agreed {
		a.Class = NoDeal
		switch {
		case !zone:
			a.NoDeal = NoZone
		case o.Fault != nil:
			a.NoDeal = Faulted
		case o.WalkAway:
			a.NoDeal = WalkedAway
		default:
			a.NoDeal = DeadlinePassed
		}
		if zone {
			a.ValueLost = p.U[0] - res[0] + p.U[1] - res[1]
		}
		return a
	}
	for r := range a.Satisfaction {
		a.Satisfaction[r] = Satisfaction(u[r], res[r], a.Expectation[r])
	}
	a.Class = Classify(a.Satisfaction)
	return a
}

// Reanalyze returns analysis a of outcome o (made by Analyze under any
// model, with reservation values res) as Analyze would have made it under
// model m: the expectations, satisfactions and class follow m's
// Expectation, the rest of a is kept. It gives the same bits as Analyze
// with m, without the frontier. It does not allocate.
func (m *Model) Reanalyze(a Analysis, o *Outcome, res [2]float64) Analysis {
	a.Expectation = m.expectations(Point{U: a.Nash}, a.NashOK, res)
	if !o.Agreed {
		return a
	}
	u := o.Utility
	for r := range a.Satisfaction {
		a.Satisfaction[r] = Satisfaction(u[r], res[r], a.Expectation[r])
	}
	a.Class = Classify(a.Satisfaction)
	return a
}
