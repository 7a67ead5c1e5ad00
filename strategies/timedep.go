package strategies

import (
	"math"
	"sync/atomic"

	"github.com/winwin-sim/winwin/agents"
)

// A timeDependent agent is the time-dependent family of Faratin, Sierra &
// Jennings (1998): boulware, linear, conceder and hardliner are this one
// type with different exponents e (their specs are below). It bids with a
// bidder (bidder.go), as tit-for-tat and hardheaded do, and concedes on a
// clock. Its target utility follows
//
//	p(t) = Pmin + (Pmax − Pmin) · (1 − t^(1/e))
//
// (agents.TargetUtility) at relative time t, from its best outcome Pmax down
// to its reservation value Pmin at the deadline: e < 1 concedes late
// (Boulware), e = 1 evenly, e > 1 early (Conceder), e = 0 never (hardliner).
//
// Tactic: patience as leverage. A Boulware agent makes the partner carry the
// concessions; a Conceder buys agreement early with its own surplus.
//
// Counter-tactic: none by design. It ignores anchors, justifications and
// ask-why; it answers every offer by its own clock and accepts an offer
// worth at least its own next offer (AC_next). With flinch_sensitivity > 0
// (linear, conceder) it models the naive negotiator the article warns
// about: every flinch makes it give up that share of what is left of its
// range, once per flinch, for the rest of the negotiation.
type timeDependent struct {
	bidder
	curve  curve       // agents.TargetUtility for the concession exponent e (0 never concedes)
	tab    *curveTable // the curve's values at this negotiation's turns, or nil
	flinch float64     // share of the remaining range given up per flinch
	kept   float64     // product of (1 − flinch) over the flinches received
}

// Act makes the agent's move: accept the partner's offer if it is worth at
// least the offer the agent would make now, otherwise make that offer.
func (a *timeDependent) Act(v *agents.View) (m agents.Move) {
	if a.begin(v) {
		a.kept = 1
		a.tab = a.curve.table(v.Deadline)
	}
	// The move is most often an offer in a.offer (written by accepts), so
	// it goes into the result now, long before the caller copies the
	// result: the processor forwards a copy's wide loads from recent small
	// stores only by waiting for them (see respond).
	m.Kind, m.Offer = agents.MoveOffer, a.offer
	// The clock next: its division and root (when not in the table)
	// need nothing observe changes, so the processor works them out
	// while it tallies.
	var p float64
	if tb := a.tab; tb != nil && uint(v.Turn-1) < uint(len(tb.g)) && tb.deadline == v.Deadline {
		p = a.pmin + (a.pmax-a.pmin)*tb.g[v.Turn-1]
	} else {
		p = a.curve.at(v.Time(), a.pmin, a.pmax)
	}
	a.observe(v)
	if a.flinch > 0 && v.Last.Kind == agents.MoveOffer && v.Last.Tags&agents.TagFlinch != 0 {
		a.kept *= 1 - a.flinch
	}
	if a.accepts(v, a.pmin+a.kept*(p-a.pmin)) {
		m = agents.Move{Kind: agents.MoveAccept}
	}
	return m
}

// newTimeDependent returns a fresh agent of exponent e and flinch
// sensitivity flinch: a released one made fresh if there is one (see
// recycle.go), else a new one.
func newTimeDependent(e, flinch float64) *timeDependent {
	a, _ := timeDeps.Get().(*timeDependent)
	if a == nil {
		return &timeDependent{curve: newCurve(e), flinch: flinch, kept: 1}
	}
	// Field by field: copying the bidder into a new value would cost
	// W1 0.7% (TestRenewedIsNew checks that no field is left out).
	a.bidder.fresh()
	a.curve, a.tab, a.flinch, a.kept = newCurve(e), nil, flinch, 1
	return a
}

// Release gives the agent back for a later newTimeDependent to reuse
// (agents.Releaser).
func (a *timeDependent) Release() { recycle(&timeDeps, a, a.release()) }

// A curve is agents.TargetUtility for one exponent e, with what depends on
// e alone (1/e and the branch it selects) worked out once instead of on
// every move: the same arithmetic, so the same targets to the bit
// (TestCurveIsTargetUtility).
type curve struct {
	e   float64
	how int32   // curveSqrt, curvePowN or curvePow
	n   int32   // the integer 1/e of curvePowN (int32s: see bidder's size)
	inv float64 // 1/e
}

const (
	curveSqrt = iota // e = 2: √t
	curvePowN        // 1/e a whole number up to 16: t^n by squaring
	curvePow         // any other e: math.Pow(t, 1/e)
)

// newCurve works out the curve of exponent e.
func newCurve(e float64) curve {
	c := curve{e: e, how: curvePow}
	if e <= 0 {
		return c
	}
	c.inv = 1 / e
	switch {
	case e == 2:
		c.how = curveSqrt
	case c.inv == math.Trunc(c.inv) && c.inv <= 16:
		c.how, c.n = curvePowN, int32(c.inv)
	}
	return c
}

// at is agents.TargetUtility(t, c.e, min, max).
func (c *curve) at(t, min, max float64) float64 {
	if c.e <= 0 || t <= 0 {
		return max
	}
	if t >= 1 {
		return min
	}
	return min + (max-min)*c.fall(t)
}

// fall is 1 − t^(1/e) for 0 < t < 1, as at works it out: the share of its
// range the curve has yet to concede at t.
func (c *curve) fall(t float64) float64 {
	var f float64
	switch c.how {
	case curveSqrt:
		f = math.Sqrt(t)
	case curvePowN:
		f = 1.0
		for b, n := t, c.n; n > 0; n >>= 1 {
			if n&1 == 1 {
				f *= b
			}
			b *= b
		}
	default:
		f = math.Pow(t, c.inv)
	}
	return 1 - f
}

// A curveTable holds a curve's fall at every turn of a negotiation of one
// deadline but the first and the last (where the target is the best and
// the reservation value): g[turn−1] = fall(t) for the relative time t of
// that turn, View.Time's. A target read from it is the one at works out,
// to the bit (TestCurveTableIsAt), without a division and a root or power
// on every move; every negotiation of a run has the same few curves and
// deadlines, so the tables are shared, made once each.
type curveTable struct {
	e        float64
	deadline int
	g        []float64
}

// curveTables is a small cache of tables, one per slot of a hash of the
// exponent and the deadline. A table is read-only once published, and a
// slot keeps the first table published in it: a curve whose slot holds
// another curve's table works itself out on every move, as without a
// table, rather than making its table anew for every negotiation (two
// curves taking turns in a slot would make both, hundreds of roots or
// powers each, at every start).
var curveTables [64]atomic.Pointer[curveTable]

// holds reports whether tb is the table of exponent e (matched by its
// bits: an exponent that is not a number equals no other) and deadline.
func (tb *curveTable) holds(e float64, deadline int) bool {
	return math.Float64bits(tb.e) == math.Float64bits(e) && tb.deadline == deadline
}

// maxTableDeadline bounds the deadlines tabled (a table is 16 bytes a
// round); longer negotiations work the curve out on every move.
const maxTableDeadline = 2000

// table returns the curve's table for negotiations of deadline rounds,
// made if need be, or nil for a curve that never concedes, a deadline
// out of the table's range, or a slot another curve's table holds.
func (c *curve) table(deadline int) *curveTable {
	if c.e <= 0 || deadline < 2 || deadline > maxTableDeadline {
		return nil
	}
	slot := &curveTables[tableSlot(c.e, deadline)]
	if tb := slot.Load(); tb != nil {
		if !tb.holds(c.e, deadline) {
			tb = nil // another curve's
		}
		return tb
	}
	tb := c.newTable(deadline)
	if !slot.CompareAndSwap(nil, tb) {
		// Another goroutine published first: its table if it is this
		// curve's (an equal one), else none.
		if tb = slot.Load(); !tb.holds(c.e, deadline) {
			tb = nil
		}
	}
	return tb
}

// tableSlot returns the slot of curveTables for exponent e and deadline.
func tableSlot(e float64, deadline int) uint64 {
	return (math.Float64bits(e)*0x9e3779b97f4a7c15 ^ uint64(deadline)*0xbf58476d1ce4e5b9) >> 58
}

// newTable makes the curve's table for negotiations of deadline rounds.
func (c *curve) newTable(deadline int) *curveTable {
	tb := &curveTable{e: c.e, deadline: deadline, g: make([]float64, 2*deadline-2)}
	for i := range tb.g {
		v := agents.View{Turn: i + 1, Deadline: deadline}
		tb.g[i] = c.fall(v.Time())
	}
	return tb
}

// The family's specs, listed in registry.go: one type, four exponents.

const (
	timeDepCounter = "None by design: it ignores anchors, justifications and questions, concedes by its own clock, and accepts an offer worth at least its own next offer."
	naiveCounter   = "Naive: it accepts an offer worth at least its own next offer, and gives up flinch_sensitivity of its remaining range each time the partner flinches."
)

// eParam is the family's concession exponent e, with a default and range
// that give each member its character.
func eParam(def, lo, hi float64, doc string) Param {
	return Param{Name: "e", Doc: "concession exponent of p(t) = Pmin + (Pmax−Pmin)(1 − t^(1/e)); " + doc, Default: def, Min: lo, Max: hi}
}

// flinchParam is the naive negotiator's flinch sensitivity, shared by
// linear, conceder and tit-for-tat (titfortat.go).
var flinchParam = Param{
	Name:    "flinch_sensitivity",
	Doc:     "share of its remaining range (target − reservation) it gives up each time the partner flinches; 0 ignores flinches",
	Default: 0.05, Min: 0, Max: 0.5,
}

var (
	boulwareSpec = Spec{
		Name:    "boulware",
		Summary: "time-dependent, concedes late (e = 0.2): holds out until the deadline looms",
		Tactic:  "Patience as leverage: it stays near its best offer for most of the time and concedes only close to the deadline, so the partner carries the concessions.",
		Counter: timeDepCounter,
		Params:  []Param{eParam(0.2, 0.01, 1, "below 1 concedes late")},
		New:     func(p Params) agents.Agent { return newTimeDependent(p["e"], 0) },
	}
	linearSpec = Spec{
		Name:    "linear",
		Summary: "time-dependent, concedes evenly from its best offer to its reservation value (e = 1)",
		Tactic:  "Steady concession: it gives up the same utility every round, a predictable partner.",
		Counter: naiveCounter,
		Params:  []Param{eParam(1, 0.5, 2, "1 concedes evenly"), flinchParam},
		New:     func(p Params) agents.Agent { return newTimeDependent(p["e"], p["flinch_sensitivity"]) },
	}
	concederSpec = Spec{
		Name:    "conceder",
		Summary: "time-dependent, concedes early (e = 2): buys agreement with its own surplus",
		Tactic:  "Early concession: it gives up most of its surplus in the first rounds to make sure of a deal.",
		Counter: naiveCounter,
		Params:  []Param{eParam(2, 1, 10, "above 1 concedes early"), flinchParam},
		New:     func(p Params) agents.Agent { return newTimeDependent(p["e"], p["flinch_sensitivity"]) },
	}
	hardlinerSpec = Spec{
		Name:    "hardliner",
		Summary: "time-dependent with e = 0: never concedes, accepts only its best outcome",
		Tactic:  "Take it or leave it: it repeats its best offer to the deadline.",
		Counter: "None: it cannot be anchored, flinched or moved; it accepts only an offer as good as its own best.",
		New:     func(Params) agents.Agent { return newTimeDependent(0, 0) },
	}
)
