package results

import (
	"cmp"
	"math"
	"slices"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// Role names used in StrategyRow.Role.
const (
	RoleAll    = "all"
	RoleSeller = "seller"
	RoleBuyer  = "buyer"
)

// A StrategyRow summarises one entrant over its relationships: in both
// roles (Role "all") or in one. Shares are of negotiations unless said
// otherwise; a figure without data is NaN.
type StrategyRow struct {
	// Entrant is the entrant's index (its palette colour), Strategy its
	// display name.
	Entrant  int
	Strategy string
	Role     string
	// Relationships and Negotiations played.
	Relationships, Negotiations int64
	// OneShot is the period-0 surplus; LongRun the discounted payoff
	// Σ δ^t·s_t over the relationship; both per relationship.
	OneShot, LongRun Estimate
	// Agreement is the share of negotiations that reached a deal.
	Agreement float64
	// Outcomes are the shares of the outcome classes, seen from the
	// entrant's own seat: WonLost is the share it won and its partner
	// lost, whichever role it played.
	Outcomes Outcomes
	// Length is the mean number of periods a relationship lasted.
	Length float64
	// SV is the mean subjective value of the entrant's own deals.
	SV float64
	// Retention is the share of relationships that reached the last period.
	Retention float64
	// LeftOnTable is the mean joint surplus left on the table per
	// negotiation.
	LeftOnTable float64
	// Faults counts the negotiations the entrant broke.
	Faults int64
	// OneShotRank and LongRunRank rank the entrant by mean one-shot and
	// long-run payoff among the rows of the same role (1 is best; ties
	// go to the name first in order).
	OneShotRank, LongRunRank int
	// Tactics count the negotiations in which it played each tactic.
	Tactics TacticCounts
	// RoundsToDeal is the mean number of rounds of its negotiations that
	// ended in a deal (NaN without a deal).
	RoundsToDeal float64
	// Next is the entrant ranked just below it long-run, and Gap its mean
	// long-run payoff minus Next's, paired by cluster of relationships
	// with its 95% CI (Clusters.Contrast): a rank whose gap holds 0 is not
	// a finding. Summary rows only; empty (NaN) for the last and in the
	// roles table.
	Next string
	Gap  Estimate
}

// A PairRow summarises the relationships of one ordered pair: a seller
// entrant meeting a buyer entrant.
type PairRow struct {
	SellerEntrant, BuyerEntrant int
	Seller, Buyer               string
	Relationships, Negotiations int64
	// OneShot and LongRun payoffs to each side (indexed by agents.Role),
	// and the joint long-run payoff of both.
	OneShot, LongRun [2]Estimate
	JointLongRun     Estimate
	// Agreement, Length, Retention and LeftOnTable as in StrategyRow.
	Agreement, Length, Retention, LeftOnTable float64
	// Outcomes are the shares of the outcome classes, seen from the
	// seller's seat: WonLost is the seller's win over the buyer (the
	// class win-lose), LostWon the buyer's (lose-win).
	Outcomes Outcomes
	// SV is each side's mean subjective value; Faults the negotiations
	// each side broke.
	SV     [2]float64
	Faults [2]int64
}

// Outcomes are the shares of a set of negotiations by outcome class
// (docs/model.md#outcome-classes), seen from one seat: the shares of the
// five classes add up to 1, and so do the four reasons for no deal to
// NoDeal. A share without negotiations is NaN.
type Outcomes struct {
	// WinWin: both sides got at least half their fair share of the
	// surplus.
	WinWin float64
	// WonLost: this seat won and its partner lost; LostWon: the other
	// way round.
	WonLost, LostWon float64
	// LoseLose: a deal that gave neither side half its fair share.
	LoseLose float64
	// NoDeal: no agreement, for any reason (never counted as lose-lose).
	NoDeal float64
	// NoZone, WalkedAway, Deadline and Fault split NoDeal by its reason:
	// no zone of agreement existed (walking away was right), a side
	// walked away from one that did, the deadline passed, or an agent
	// broke the protocol.
	NoZone, WalkedAway, Deadline, Fault float64
	// ValueLost is the mean, per negotiation, of the value both sides
	// lost to no deal: the joint surplus at the Nash point of each no
	// deal with a zone of agreement, 0 for a deal or a no deal without
	// one. ValueLost / NoDeal is the mean loss of a no deal.
	ValueLost float64
}

// Share returns the share of class c seen from the seat: arena.WinLose
// is WonLost and arena.LoseWin is LostWon.
func (o *Outcomes) Share(c arena.Class) float64 {
	switch c {
	case arena.WinWin:
		return o.WinWin
	case arena.WinLose:
		return o.WonLost
	case arena.LoseWin:
		return o.LostWon
	case arena.LoseLose:
		return o.LoseLose
	}
	return o.NoDeal
}

// A PeriodRow follows one entrant's relationships, in both roles, through
// period t.
type PeriodRow struct {
	Entrant  int
	Strategy string
	Period   int
	// Relationships counts all of the entrant's relationships (alive or
	// not): every figure is over all of them.
	Relationships int64
	// Surplus is the entrant's surplus at period t, 0 once the relationship
	// has ended.
	Surplus Estimate
	// Cumulative is the discounted payoff Σ_{k≤t} δ^k·s_k up to t; at the
	// last period it is the long-run payoff.
	Cumulative Estimate
	// Alive is the share of relationships that played period t (survival).
	Alive float64
}

// Summary returns one row per entrant over both roles, sorted by mean
// long-run payoff, best first (ties by name).
func (a *Aggregate) Summary() []StrategyRow {
	rows := make([]StrategyRow, len(a.names))
	for e := range a.names {
		var s sideTally
		for r := range 2 {
			st := a.roleTally(e, agents.Role(r))
			s.merge(&st)
		}
		rows[e] = a.strategyRow(e, RoleAll, &s)
		if pt := a.pairs[[2]int{e, e}]; pt != nil {
			rows[e].OneShot = selfPlayEstimate(s.oneShot, pt.side[0].oneShot, pt.side[1].oneShot, pt.cross[0])
			rows[e].LongRun = selfPlayEstimate(s.longRun, pt.side[0].longRun, pt.side[1].longRun, pt.cross[1])
		}
	}
	rankRows(rows)
	for i := 0; i+1 < len(rows); i++ {
		w := make([]float64, len(a.names))
		w[rows[i].Entrant], w[rows[i+1].Entrant] = 1, -1
		rows[i].Next, rows[i].Gap = rows[i+1].Strategy, a.clusters.Contrast(LongRunPayoff, w)
	}
	return rows
}

// selfPlayEstimate returns the estimate of all, an entrant's payoffs over
// both roles, whose confidence interval counts each self-play
// relationship once (docs/model.md#statistics): the relationship is a
// cluster of its two payoffs, every other relationship a cluster of one.
// seller and buyer are the self-play pair's payoffs by side, cross the
// sum of their products. With n payoffs, m of them self-play
// relationships, and G = n − m clusters, the ratio estimator's variance
// is G/(G−1) · (Σ(y−ȳ)² + 2·Σ_self (y_s−ȳ)(y_b−ȳ)) / n², and the
// interval uses Student's t with G − 1 degrees of freedom. The mean and
// SD are all's.
func selfPlayEstimate(all, seller, buyer, cross Stat) Estimate {
	e := all.Estimate()
	n, m := all.N(), seller.N()
	g := n - m
	if m == 0 || g < 2 {
		return e
	}
	mean := e.Mean
	within := float64(n-1) * all.Variance() // Σ(y−ȳ)²
	pairs := cross.Sum() - mean*(seller.Sum()+buyer.Sum()) + float64(m)*mean*mean
	ss := within + 2*pairs
	if ss < 0 {
		ss = 0
	}
	nf := float64(n)
	h := TQuantile975(g-1) * math.Sqrt(float64(g)/float64(g-1)*ss/(nf*nf))
	e.Low, e.High = mean-h, mean+h
	return e
}

// Roles returns two rows per entrant, as seller and as buyer, sorted by
// role (sellers first) and then like Summary within each role; ranks are
// within the role.
func (a *Aggregate) Roles() []StrategyRow {
	var rows []StrategyRow
	for r, name := range []string{RoleSeller, RoleBuyer} {
		part := make([]StrategyRow, len(a.names))
		for e := range a.names {
			s := a.roleTally(e, agents.Role(r))
			part[e] = a.strategyRow(e, name, &s)
		}
		rankRows(part)
		rows = append(rows, part...)
	}
	return rows
}

// roleTally sums entrant e's relationships in role r over its pairs.
func (a *Aggregate) roleTally(e int, r agents.Role) sideTally {
	var s sideTally
	for other := range a.names {
		k := [2]int{e, other}
		if r == agents.Buyer {
			k = [2]int{other, e}
		}
		if pt := a.pairs[k]; pt != nil {
			s.merge(&pt.side[r])
		}
	}
	return s
}

func (a *Aggregate) strategyRow(e int, role string, s *sideTally) StrategyRow {
	return StrategyRow{
		Entrant: e, Strategy: a.names[e], Role: role,
		Relationships: s.rels, Negotiations: s.negs,
		OneShot: s.oneShot.Estimate(), LongRun: s.longRun.Estimate(),
		Agreement: share(s.agreed, s.negs), Outcomes: s.outcomes(),
		Length: s.length.Mean(), SV: s.sv.Mean(), Retention: share(s.retained, s.rels),
		LeftOnTable: s.left.Mean(), Faults: s.faults,
		Tactics: s.tactics, RoundsToDeal: share(s.dealRounds, s.agreed),
		Gap: Estimate{Mean: math.NaN(), SD: math.NaN(), Low: math.NaN(), High: math.NaN()},
	}
}

// rankRows sets the ranks of rows and sorts them by long-run payoff.
func rankRows(rows []StrategyRow) {
	rank := func(mean func(*StrategyRow) float64, set func(*StrategyRow, int)) {
		slices.SortStableFunc(rows, func(x, y StrategyRow) int {
			return cmp.Or(-cmp.Compare(mean(&x), mean(&y)), cmp.Compare(x.Strategy, y.Strategy), cmp.Compare(x.Entrant, y.Entrant))
		})
		for i := range rows {
			set(&rows[i], i+1)
		}
	}
	// cmp.Compare orders NaN first: negated, rows without data rank last.
	rank(func(r *StrategyRow) float64 { return r.OneShot.Mean }, func(r *StrategyRow, k int) { r.OneShotRank = k })
	rank(func(r *StrategyRow) float64 { return r.LongRun.Mean }, func(r *StrategyRow, k int) { r.LongRunRank = k })
}

// PairRows returns one row per ordered pair that played, seller-major in
// entrant order.
func (a *Aggregate) PairRows() []PairRow {
	var rows []PairRow
	for s := range a.names {
		for b := range a.names {
			pt := a.pairs[[2]int{s, b}]
			if pt == nil {
				continue
			}
			x := &pt.side[0]
			row := PairRow{
				SellerEntrant: s, BuyerEntrant: b, Seller: a.names[s], Buyer: a.names[b],
				Relationships: x.rels, Negotiations: x.negs,
				JointLongRun: pt.joint.Estimate(),
				Agreement:    share(x.agreed, x.negs), Outcomes: x.outcomes(),
				Length: x.length.Mean(), Retention: share(x.retained, x.rels), LeftOnTable: x.left.Mean(),
			}
			for r := range pt.side {
				y := &pt.side[r]
				row.OneShot[r] = y.oneShot.Estimate()
				row.LongRun[r] = y.longRun.Estimate()
				row.SV[r] = y.sv.Mean()
				row.Faults[r] = y.faults
			}
			rows = append(rows, row)
		}
	}
	return rows
}

// PeriodRows returns one row per entrant and period, in entrant order and
// then by period. Entrants that played nothing have no rows.
func (a *Aggregate) PeriodRows() []PeriodRow {
	var rows []PeriodRow
	for e, name := range a.names {
		et := a.entries[e]
		if et == nil {
			continue
		}
		for t := range et.period {
			p := &et.period[t]
			rows = append(rows, PeriodRow{
				Entrant: e, Strategy: name, Period: t,
				Relationships: p.surplus.N(),
				Surplus:       p.surplus.Estimate(), Cumulative: p.cum.Estimate(),
				Alive: share(p.alive, p.surplus.N()),
			})
		}
	}
	return rows
}

// Relationships returns the number of relationships aggregated.
func (a *Aggregate) Relationships() int64 {
	var n int64
	for _, pt := range a.pairs {
		n += pt.side[0].rels
	}
	return n
}

// Negotiations returns the number of negotiations aggregated.
func (a *Aggregate) Negotiations() int64 {
	var n int64
	for _, pt := range a.pairs {
		n += pt.side[0].negs
	}
	return n
}

// Faults returns the number of negotiations an agent broke.
func (a *Aggregate) Faults() int64 {
	var n int64
	for _, pt := range a.pairs {
		n += pt.side[0].faults + pt.side[1].faults
	}
	return n
}

// FaultNotes returns the kept fault notes (at most KeepFaults), lowest
// (pair, relationship, period) first.
func (a *Aggregate) FaultNotes() []FaultNote { return slices.Clone(a.faults) }

// Samples returns deep copies of the kept sampled relationships (at most
// KeepSamples), lowest (pair, relationship) first, with their frontiers,
// deals and transcripts. When no relationship was sampled it returns the
// relationship with the lowest key instead (its Sampled field is false and
// it has no transcripts), so that a run always has an outcome space to
// chart; it returns nil only when nothing was aggregated. The records
// must not be modified.
func (a *Aggregate) Samples() []*arena.RelationshipRecord {
	if len(a.samples) > 0 {
		return slices.Clone(a.samples)
	}
	if a.first != nil {
		return []*arena.RelationshipRecord{a.first}
	}
	return nil
}

// ReleaseSamples lets go of the sampled relationships a kept (their
// moves are most of its memory beside the tables): a run does once it
// has written them into samples.json and drawn its charts. Samples then
// returns nil; every other figure stays.
func (a *Aggregate) ReleaseSamples() {
	a.samples, a.first = nil, nil
}

// share returns k/n, or NaN when n is 0.
func share(k, n int64) float64 {
	if n == 0 {
		return math.NaN()
	}
	return float64(k) / float64(n)
}
