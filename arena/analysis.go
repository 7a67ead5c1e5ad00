package arena

import (
	"math"
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
	// LeftOnTable is the value left on the table: the best joint surplus on
	// the frontier minus the joint surplus achieved, at least 0.
	LeftOnTable float64
	// Satisfaction is each side's outcome satisfaction (Model.Satisfaction).
	Satisfaction [2]float64
	// Class is the article's outcome class, Classify(Satisfaction).
	Class Class
}

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
	if p, ok := f.Nash(res); ok {
		a.NashOK = true
		a.NashDistance = math.Hypot(p.U[0]-u[0], p.U[1]-u[1])
	}
	a.LeftOnTable = max(0, f.BestJointSurplus(res)-a.JointSurplus)
	for r := range a.Satisfaction {
		a.Satisfaction[r] = m.Satisfaction(o.Agreed, u[r], res[r])
	}
	a.Class = Classify(a.Satisfaction)
	return a
}
