package results

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// Defaults of an Aggregate's bounded lists.
const (
	// DefaultKeepSamples is how many sampled relationships an Aggregate
	// keeps in full.
	DefaultKeepSamples = 1
	// DefaultKeepFaults is how many fault notes an Aggregate keeps.
	DefaultKeepFaults = 20
)

// An Aggregate is the streaming summary of a tournament: an arena.Sink whose
// collectors fold every finished relationship into fixed-size tallies (per
// ordered pair of entrants and per entrant and period), so its memory does
// not grow with the number of negotiations or relationships.
//
// Every tally is a count or a Stat, whose merge is exact, and the bounded
// lists (samples, fault notes) keep the lowest (pair, relationship, period)
// keys whatever the arrival order. So the figures an Aggregate reports are
// bit-identical for any number of workers, any order in which tasks finish
// and any split of the tournament into shards merged with MergeAggregate.
//
// An Aggregate can also be fed directly with Add, one record at a time.
// Neither Add nor Merge may be called concurrently (arena.Tournament
// serialises its Merge calls).
type Aggregate struct {
	// KeepSamples is how many sampled relationships (arena.RelationshipRecord.Sampled)
	// are kept in full, with the lowest (pair, relationship) keys; set it
	// before the run. NewAggregate sets DefaultKeepSamples.
	KeepSamples int
	// KeepFaults is how many fault notes are kept, with the lowest (pair,
	// relationship, period) keys; set it before the run. NewAggregate sets
	// DefaultKeepFaults.
	KeepFaults int
	// Market, if not nil, holds the run's word-of-mouth market
	// (configs' [market]): its tables and charts are written beside
	// the tournament's.
	Market *MarketAggregate

	names    []string
	periods  int
	discount float64
	tally
	clusters *Clusters
}

// NewAggregate returns an empty Aggregate for a tournament of the entrants
// names (in entrant order: arena.Pair's Seller and Buyer index it), up to
// periods deals per relationship and the per-period discount factor of the
// long-run payoff (arena.Model.Discount). The entrant order is also the
// order of the chart palette: entrant i has the same colour in every chart.
func NewAggregate(names []string, periods int, discount float64) *Aggregate {
	return &Aggregate{
		KeepSamples: DefaultKeepSamples,
		KeepFaults:  DefaultKeepFaults,
		names:       slices.Clone(names),
		periods:     max(periods, 1),
		discount:    discount,
		tally:       newTally(),
		clusters:    NewClusters(len(names)),
	}
}

// Clusters returns the entrants' payoffs by cluster of relationships: the
// clustered statistics (docs/model.md#clustered-statistics). They must
// not be modified.
func (a *Aggregate) Clusters() *Clusters { return a.clusters }

// Names returns the entrants' names in entrant order.
func (a *Aggregate) Names() []string { return slices.Clone(a.names) }

// Periods returns the maximum number of deals per relationship.
func (a *Aggregate) Periods() int { return a.periods }

// Discount returns the per-period discount factor.
func (a *Aggregate) Discount() float64 { return a.discount }

// NewCollector returns an empty collector for one task of a run.
func (a *Aggregate) NewCollector() arena.Collector {
	return &collector{agg: a, tally: newTally()}
}

// Merge folds a collector made by a.NewCollector into a. It panics when c
// was made by another Sink: that is a programming error.
func (a *Aggregate) Merge(c arena.Collector) {
	col, ok := c.(*collector)
	if !ok || col.agg != a {
		panic(fmt.Sprintf("results: Aggregate.Merge of a collector it did not make (%T)", c))
	}
	a.merge(&col.tally, a.KeepSamples, a.KeepFaults)
	a.clusters.add(col.obs)
}

// Add folds one finished relationship into a directly.
func (a *Aggregate) Add(r *arena.RelationshipRecord) {
	a.add(r, a.names, a.periods, a.discount, a.KeepSamples, a.KeepFaults)
	a.clusters.add(appendObservations(nil, r))
}

// MergeAggregate folds o, the aggregate of another shard of the same
// tournament, into a. The two must have the same entrants, periods and
// discount.
func (a *Aggregate) MergeAggregate(o *Aggregate) error {
	switch {
	case !slices.Equal(a.names, o.names):
		return fmt.Errorf("results: merging aggregates of different entrants (%q and %q)", a.names, o.names)
	case a.periods != o.periods:
		return fmt.Errorf("results: merging aggregates of %d and %d periods", a.periods, o.periods)
	case a.discount != o.discount:
		return fmt.Errorf("results: merging aggregates with discounts %v and %v", a.discount, o.discount)
	}
	if a.Market != nil && o.Market != nil {
		if err := a.Market.MergeMarket(o.Market); err != nil {
			return err
		}
	}
	a.merge(&o.tally, a.KeepSamples, a.KeepFaults)
	a.clusters.Merge(o.clusters)
	return nil
}

// collector is the per-task arena.Collector of an Aggregate. It reads its
// Aggregate's settings, which do not change during a run, and writes only
// its own tally.
type collector struct {
	agg *Aggregate
	tally
	obs []observation // for the aggregate's clusters
}

// Add folds one finished relationship into the collector.
func (c *collector) Add(r *arena.RelationshipRecord) {
	a := c.agg
	c.add(r, a.names, a.periods, a.discount, a.KeepSamples, a.KeepFaults)
	c.obs = appendObservations(c.obs, r)
}

// A tally holds the sums of some set of relationships. Collectors only
// allocate the pairs and entrants they see.
type tally struct {
	pairs   map[[2]int]*pairTally
	entries map[int]*entrantTally
	// samples are deep copies of the sampled relationships with the lowest
	// keys, sorted; first is the relationship with the lowest key of all,
	// sampled or not (the stand-in when nothing was sampled).
	samples []*arena.RelationshipRecord
	first   *arena.RelationshipRecord
	// faults are the fault notes with the lowest keys, sorted.
	faults []FaultNote
}

func newTally() tally {
	return tally{pairs: make(map[[2]int]*pairTally), entries: make(map[int]*entrantTally)}
}

// A sideTally sums one side of an ordered pair's relationships.
type sideTally struct {
	rels, negs, agreed, retained, faults int64
	// class counts negotiations by arena.Class seen from this side's
	// seat, as if it were the seller: class[arena.WinLose] counts the
	// ones it won and its partner lost.
	class [arena.NumClasses]int64
	// noDeal counts the negotiations without a deal by
	// arena.NoDealReason (noDeal[arena.Agreed] stays 0).
	noDeal                             [numReasons]int64
	oneShot, longRun, length, sv, left Stat
	// lost sums each negotiation's Analysis.ValueLost.
	lost Stat
	// tactics counts the tactics this side played; dealRounds sums the
	// rounds of its negotiations that ended in a deal.
	tactics    TacticCounts
	dealRounds int64
}

// numReasons is the number of arena.NoDealReason values, Agreed included.
const numReasons = int(arena.Faulted) + 1

// outcomes returns the shares of the classes in s.
func (s *sideTally) outcomes() Outcomes {
	sh := func(k int64) float64 { return share(k, s.negs) }
	return Outcomes{
		WinWin: sh(s.class[arena.WinWin]), WonLost: sh(s.class[arena.WinLose]), LostWon: sh(s.class[arena.LoseWin]),
		LoseLose: sh(s.class[arena.LoseLose]), NoDeal: sh(s.class[arena.NoDeal]),
		NoZone: sh(s.noDeal[arena.NoZone]), WalkedAway: sh(s.noDeal[arena.WalkedAway]),
		Deadline: sh(s.noDeal[arena.DeadlinePassed]), Fault: sh(s.noDeal[arena.Faulted]),
		ValueLost: s.lost.Mean(),
	}
}

// seatClass returns class c as role r sees it, as if it were the seller:
// a buyer's lose-win is its win-lose.
func seatClass(c arena.Class, r agents.Role) arena.Class {
	if r == agents.Buyer {
		switch c {
		case arena.WinLose:
			return arena.LoseWin
		case arena.LoseWin:
			return arena.WinLose
		}
	}
	return c
}

func (s *sideTally) merge(o *sideTally) {
	s.rels += o.rels
	s.negs += o.negs
	s.agreed += o.agreed
	s.retained += o.retained
	s.faults += o.faults
	for k := range s.class {
		s.class[k] += o.class[k]
	}
	for k := range s.noDeal {
		s.noDeal[k] += o.noDeal[k]
	}
	s.lost.Merge(o.lost)
	s.tactics.merge(&o.tactics)
	s.dealRounds += o.dealRounds
	s.oneShot.Merge(o.oneShot)
	s.longRun.Merge(o.longRun)
	s.length.Merge(o.length)
	s.sv.Merge(o.sv)
	s.left.Merge(o.left)
}

// A pairTally sums the relationships of one ordered pair, per side.
type pairTally struct {
	side  [2]sideTally // by agents.Role
	joint Stat         // long-run payoff of both sides together
	// cross sums, over a self-play pair's relationships, the product of
	// the two sides' one-shot (0) and long-run (1) payoffs: what the
	// entrant's interval needs to count a self-play relationship as one
	// cluster (selfPlayEstimate). Empty for other pairs.
	cross [2]Stat
}

// An entrantTally sums an entrant's relationships in both roles by period.
type entrantTally struct {
	period []periodTally
}

// A periodTally sums one period over an entrant's relationships.
type periodTally struct {
	surplus, cum Stat  // surplus at t (0 after the end); Σ_{k≤t} δ^k·s_k
	alive        int64 // relationships that played period t
}

// add folds record r into t.
func (t *tally) add(r *arena.RelationshipRecord, names []string, periods int, discount float64, keepSamples, keepFaults int) {
	ents := [2]int{r.Pair.Seller, r.Pair.Buyer}
	for _, e := range ents {
		if e < 0 || e >= len(names) {
			panic(fmt.Sprintf("results: relationship of entrant %d, but the aggregate has %d entrants", e, len(names)))
		}
	}
	pt := t.pairs[ents]
	if pt == nil {
		pt = new(pairTally)
		t.pairs[ents] = pt
	}
	n := len(r.Periods)
	for role := range pt.side {
		s := &pt.side[role]
		s.rels++
		s.negs += int64(n)
		if n >= periods {
			s.retained++
		}
		s.oneShot.Add(r.OneShot[role])
		s.longRun.Add(r.Payoff[role])
		s.length.Add(float64(n))
		for i := range r.Periods {
			p := &r.Periods[i]
			if p.Outcome.Agreed {
				s.agreed++
				s.dealRounds += int64(p.Outcome.Rounds)
			}
			s.tactics.add(&p.Outcome, agents.Role(role))
			a := &p.Analysis
			if int(a.Class) >= len(s.class) || int(a.NoDeal) >= len(s.noDeal) {
				panic(fmt.Sprintf("results: negotiation of class %d, no-deal reason %d, which the aggregate does not know", a.Class, a.NoDeal))
			}
			s.class[seatClass(a.Class, agents.Role(role))]++
			s.noDeal[a.NoDeal]++
			s.lost.Add(a.ValueLost)
			s.sv.Add(p.Feel[role].SV)
			s.left.Add(p.Analysis.LeftOnTable)
			if f := p.Outcome.Fault; f != nil && int(f.By) == role {
				s.faults++
			}
		}

		et := t.entries[ents[role]]
		if et == nil {
			et = &entrantTally{period: make([]periodTally, periods)}
			t.entries[ents[role]] = et
		}
		disc, cum := 1.0, 0.0
		for k := range et.period {
			pk := &et.period[k]
			s := 0.0
			if k < n {
				s = r.Periods[k].Outcome.Surplus[role]
				pk.alive++
			}
			// The same operations, in the same order, as the arena's
			// long-run payoff: the last cumulative value is Payoff.
			cum += disc * s
			disc *= discount
			pk.surplus.Add(s)
			pk.cum.Add(cum)
		}
	}
	pt.joint.Add(r.Payoff[0] + r.Payoff[1])
	if ents[0] == ents[1] {
		pt.cross[0].Add(r.OneShot[0] * r.OneShot[1])
		pt.cross[1].Add(r.Payoff[0] * r.Payoff[1])
	}

	for i := range r.Periods {
		if f := r.Periods[i].Outcome.Fault; f != nil {
			t.faults = insertBounded(t.faults, newFaultNote(r, i), keepFaults, FaultNote.compare)
		}
	}
	if r.Sampled && keepSamples > 0 &&
		(len(t.samples) < keepSamples || compareKeys(r, t.samples[len(t.samples)-1]) < 0) {
		t.samples = insertBounded(t.samples, copyRecord(r), keepSamples, compareKeys)
	}
	if t.first == nil || compareKeys(r, t.first) < 0 {
		t.first = copyRecord(r)
	}
}

// merge folds o into t.
func (t *tally) merge(o *tally, keepSamples, keepFaults int) {
	for k, op := range o.pairs {
		pt := t.pairs[k]
		if pt == nil {
			pt = new(pairTally)
			t.pairs[k] = pt
		}
		for r := range pt.side {
			pt.side[r].merge(&op.side[r])
		}
		pt.joint.Merge(op.joint)
		pt.cross[0].Merge(op.cross[0])
		pt.cross[1].Merge(op.cross[1])
	}
	for e, oe := range o.entries {
		et := t.entries[e]
		if et == nil {
			et = &entrantTally{period: make([]periodTally, len(oe.period))}
			t.entries[e] = et
		}
		for k := range et.period {
			et.period[k].surplus.Merge(oe.period[k].surplus)
			et.period[k].cum.Merge(oe.period[k].cum)
			et.period[k].alive += oe.period[k].alive
		}
	}
	for _, s := range o.samples {
		t.samples = insertBounded(t.samples, s, keepSamples, compareKeys)
	}
	if o.first != nil && (t.first == nil || compareKeys(o.first, t.first) < 0) {
		t.first = o.first
	}
	for _, f := range o.faults {
		t.faults = insertBounded(t.faults, f, keepFaults, FaultNote.compare)
	}
}

// insertBounded inserts x into the sorted list s and keeps at most limit
// elements, the lowest.
func insertBounded[T any](s []T, x T, limit int, compare func(a, b T) int) []T {
	if limit <= 0 {
		return s[:0]
	}
	i, _ := slices.BinarySearchFunc(s, x, compare)
	if i >= limit {
		return s
	}
	s = slices.Insert(s, i, x)
	if len(s) > limit {
		s = s[:limit]
	}
	return s
}

// compareKeys orders relationships by (pair, relationship index).
func compareKeys(a, b *arena.RelationshipRecord) int {
	return cmp.Or(cmp.Compare(a.Pair.Index, b.Pair.Index), cmp.Compare(a.Index, b.Index))
}

// A FaultNote records one negotiation that an agent broke (see arena.Fault).
type FaultNote struct {
	// Pair is the tournament's pair index; Relationship and Period locate
	// the negotiation within it.
	Pair         int `json:"pair"`
	Relationship int `json:"relationship"`
	Period       int `json:"period"`
	// Seller and Buyer name the entrants of the pair.
	Seller string `json:"seller"`
	Buyer  string `json:"buyer"`
	// By names the entrant at fault, Role its side.
	By   string `json:"by"`
	Role string `json:"role"`
	// Turn is the move at which it happened.
	Turn int `json:"turn"`
	// Message is the first line of the error, at most MaxFaultMessage
	// bytes: stack traces are dropped, as they differ from run to run.
	Message string `json:"message"`
}

// MaxFaultMessage bounds the length of FaultNote.Message in bytes.
const MaxFaultMessage = 240

func newFaultNote(r *arena.RelationshipRecord, period int) FaultNote {
	f := r.Periods[period].Outcome.Fault
	msg := "unknown error"
	if f.Err != nil {
		msg = f.Err.Error()
	}
	msg, _, _ = strings.Cut(msg, "\n")
	if len(msg) > MaxFaultMessage {
		cut := MaxFaultMessage
		for cut > 0 && !utf8.RuneStart(msg[cut]) {
			cut--
		}
		msg = msg[:cut] + "…"
	}
	return FaultNote{
		Pair: r.Pair.Index, Relationship: r.Index, Period: r.Periods[period].Period,
		Seller: r.Names[0], Buyer: r.Names[1],
		By: r.Names[f.By&1], Role: f.By.String(), Turn: f.Turn, Message: msg,
	}
}

func (f FaultNote) compare(g FaultNote) int {
	return cmp.Or(cmp.Compare(f.Pair, g.Pair), cmp.Compare(f.Relationship, g.Relationship), cmp.Compare(f.Period, g.Period))
}

// copyRecord returns a deep copy of r: a collector must not keep memory
// that the arena reuses.
func copyRecord(r *arena.RelationshipRecord) *arena.RelationshipRecord {
	c := *r
	for i, p := range r.Prefs {
		if p != nil {
			c.Prefs[i] = p.Clone()
		}
	}
	if r.Frontier != nil {
		f := *r.Frontier
		f.Points = slices.Clone(r.Frontier.Points)
		if len(f.Points) > 0 {
			n := len(f.Points[0].Offer)
			flat := make([]int, 0, n*len(f.Points))
			for i := range f.Points {
				start := len(flat)
				flat = append(flat, f.Points[i].Offer...)
				f.Points[i].Offer = agents.Offer(flat[start:len(flat):len(flat)])
			}
		}
		c.Frontier = &f
	}
	c.Periods = slices.Clone(r.Periods)
	for i := range c.Periods {
		o := &c.Periods[i].Outcome
		o.Offer = o.Offer.Clone()
		if o.Fault != nil {
			f := *o.Fault
			o.Fault = &f
		}
		o.Transcript = slices.Clone(o.Transcript)
		for j := range o.Transcript {
			m := &o.Transcript[j].Move
			m.Offer = m.Offer.Clone()
			m.Ranking = slices.Clone(m.Ranking)
		}
	}
	return &c
}
