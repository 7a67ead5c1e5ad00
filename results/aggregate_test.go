package results

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// snapshot renders everything an Aggregate reports, for comparisons.
func snapshot(t *testing.T, agg *Aggregate) string {
	t.Helper()
	var b bytes.Buffer
	for _, w := range []func() error{
		func() error { return WriteSummaryCSV(&b, agg.Summary()) },
		func() error { return WriteSummaryCSV(&b, agg.Roles()) },
		func() error { return WritePairsCSV(&b, agg.PairRows()) },
		func() error { return WritePeriodsCSV(&b, agg.PeriodRows()) },
	} {
		if err := w(); err != nil {
			t.Fatal(err)
		}
	}
	fmt.Fprintf(&b, "rels %d negs %d faults %d\n", agg.Relationships(), agg.Negotiations(), agg.Faults())
	for _, f := range agg.FaultNotes() {
		fmt.Fprintf(&b, "fault %+v\n", f)
	}
	for _, s := range agg.Samples() {
		fmt.Fprintf(&b, "sample %d/%d sampled=%v periods=%d frontier=%d\n", s.Pair.Index, s.Index, s.Sampled, len(s.Periods), len(s.Frontier.Points))
	}
	return b.String()
}

// TestAggregateOrderIndependent feeds the same relationships through
// collectors split and merged at random, and through shards merged with
// MergeAggregate, and expects every output byte-identical to adding them
// in order.
func TestAggregateOrderIndependent(t *testing.T) {
	opts := synthOptions{entrants: 5, rels: 12, periods: 6, seed: 3, faultRate: 0.05, selfPlay: true,
		sample: func(pair, rel int) bool { return rel%5 == 4 }}
	recs := synthRecords(opts)
	names := synthNames[:opts.entrants]
	newAgg := func() *Aggregate {
		a := NewAggregate(names, opts.periods, 0.9)
		a.KeepSamples = 3
		a.KeepFaults = 7
		return a
	}
	ref := newAgg()
	for _, r := range recs {
		ref.Add(r)
	}
	want := snapshot(t, ref)
	if ref.Faults() <= int64(ref.KeepFaults) || len(ref.Samples()) != 3 {
		t.Fatalf("test data too tame: %d faults, %d samples", ref.Faults(), len(ref.Samples()))
	}

	rng := rand.New(rand.NewPCG(9, 9))
	for trial := range 20 {
		perm := rng.Perm(len(recs))
		// Collectors over random groups of records in random order.
		agg := newAgg()
		var cols []arena.Collector
		for i := 0; i < len(perm); {
			j := i + 1 + rng.IntN(10)
			c := agg.NewCollector()
			for _, k := range perm[i:min(j, len(perm))] {
				c.Add(recs[k])
			}
			cols = append(cols, c)
			i = j
		}
		rng.Shuffle(len(cols), func(i, j int) { cols[i], cols[j] = cols[j], cols[i] })
		for _, c := range cols {
			agg.Merge(c)
		}
		if got := snapshot(t, agg); got != want {
			t.Fatalf("trial %d: collectors merged in another order give other results:\n%s", trial, diffLines(got, want))
		}

		// Shards: each an Aggregate of its own, merged in random order.
		shards := make([]*Aggregate, 1+rng.IntN(4))
		for i := range shards {
			shards[i] = newAgg()
		}
		for _, k := range perm {
			shards[rng.IntN(len(shards))].Add(recs[k])
		}
		total := newAgg()
		for _, i := range rng.Perm(len(shards)) {
			if err := total.MergeAggregate(shards[i]); err != nil {
				t.Fatal(err)
			}
		}
		if got := snapshot(t, total); got != want {
			t.Fatalf("trial %d: shards merged give other results:\n%s", trial, diffLines(got, want))
		}
	}
}

// diffLines shows the first differing line of two texts.
func diffLines(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines vs %d", len(g), len(w))
}

// TestTournamentWorkersIdentical runs a real tournament of scripted agents
// (one of which sometimes panics) with 1 and 3 workers and expects the same
// bytes.
func TestTournamentWorkersIdentical(t *testing.T) {
	d, prefs := synthScenario()
	entrants := []arena.Entrant{
		{Name: "stubborn", New: func() agents.Agent { return thresholdAgent(0.2) }},
		{Name: "yielding", New: func() agents.Agent { return thresholdAgent(0.8) }},
		{Name: "erratic", New: func() agents.Agent { return erraticAgent() }},
	}
	run := func(workers int) string {
		tour := &arena.Tournament{
			Scenario: arena.Scenario{Domain: d, Prefs: prefs}, Entrants: entrants, SelfPlay: true,
			Relationships: 20, Periods: 5, Deadline: 10, Model: arena.DefaultModel(), Seed: 42, Workers: workers,
			Sample: func(pair, rel int) bool { return rel == 1 },
		}
		agg := NewAggregate([]string{"stubborn", "yielding", "erratic"}, tour.Periods, tour.Model.Discount)
		n, err := tour.Run(context.Background(), agg)
		if err != nil {
			t.Fatal(err)
		}
		if int64(n) != agg.Relationships() || n != tour.Total() {
			t.Fatalf("ran %d of %d relationships, aggregated %d", n, tour.Total(), agg.Relationships())
		}
		if agg.Faults() == 0 {
			t.Fatal("the erratic agent never faulted: the test does not test faults")
		}
		return snapshot(t, agg)
	}
	one, three := run(1), run(3)
	if one != three {
		t.Fatalf("1 and 3 workers differ:\n%s", diffLines(three, one))
	}
}

// thresholdAgent asks for its best outcome and accepts any offer worth at
// least a target falling from 1 to floor.
func thresholdAgent(floor float64) agents.Agent {
	return agents.AgentFunc(func(v *agents.View) agents.Move {
		target := 1 - (1-floor)*v.Time()
		if v.Last.Kind == agents.MoveOffer && v.Prefs.Utility(v.Last.Offer) >= target {
			return agents.Accept(0)
		}
		return agents.Propose(v.Prefs.Best(nil), agents.TagAnchor)
	})
}

// erraticAgent proposes random offers, accepts above its reservation value
// and now and then panics.
func erraticAgent() agents.Agent {
	return agents.AgentFunc(func(v *agents.View) agents.Move {
		if v.Rand.IntN(40) == 0 {
			panic("erratic agent gave up")
		}
		if v.Last.Kind == agents.MoveOffer && v.Prefs.Utility(v.Last.Offer) >= v.Prefs.Reservation+0.1 {
			return agents.Accept(0)
		}
		o := make(agents.Offer, len(v.Domain.Issues))
		for i, is := range v.Domain.Issues {
			o[i] = v.Rand.IntN(len(is.Options))
		}
		return agents.Propose(o, 0)
	})
}

// TestAggregateFigures checks the figures of a hand-made tournament of two
// entrants against values worked out by hand.
func TestAggregateFigures(t *testing.T) {
	rec := func(pair, idx, seller, buyer int, surplus [][2]float64, classes []arena.Class, fault int) *arena.RelationshipRecord {
		r := &arena.RelationshipRecord{Pair: arena.Pair{Index: pair, Seller: seller, Buyer: buyer}, Index: idx,
			Names: [2]string{[]string{"a", "b"}[seller], []string{"a", "b"}[buyer]}}
		disc := 1.0
		for t, s := range surplus {
			p := arena.PeriodRecord{Period: t}
			p.Outcome.Agreed = s != [2]float64{}
			p.Outcome.Surplus = s
			p.Analysis.Class = classes[t]
			if classes[t] == arena.NoDeal {
				p.Analysis.NoDeal, p.Analysis.ValueLost = arena.DeadlinePassed, 0.3
			}
			p.Feel = [2]arena.Feeling{{SV: 0.5}, {SV: 0.25}}
			if t == fault {
				p.Outcome.Fault = &arena.Fault{By: agents.Buyer, Turn: 2, Err: errors.New("bad offer")}
				p.Analysis.NoDeal = arena.Faulted
			}
			r.Periods = append(r.Periods, p)
			for k := range r.Payoff {
				r.Payoff[k] += disc * s[k]
			}
			disc *= 0.5
		}
		r.OneShot = surplus[0]
		return r
	}
	agg := NewAggregate([]string{"a", "b"}, 3, 0.5)
	// a sells to b twice, b sells to a once.
	agg.Add(rec(0, 0, 0, 1, [][2]float64{{0.4, 0.2}, {0.4, 0.2}, {0.2, 0.2}}, []arena.Class{arena.WinWin, arena.WinWin, arena.WinLose}, -1))
	agg.Add(rec(0, 1, 0, 1, [][2]float64{{0.6, 0}}, []arena.Class{arena.WinLose}, -1))
	agg.Add(rec(1, 0, 1, 0, [][2]float64{{0, 0}, {0.3, 0.1}}, []arena.Class{arena.NoDeal, arena.WinLose}, 0))

	sum := agg.Summary()
	if len(sum) != 2 || sum[0].Strategy != "a" || sum[1].Strategy != "b" {
		t.Fatalf("summary order = %v, want a then b", []string{sum[0].Strategy, sum[1].Strategy})
	}
	a, b := sum[0], sum[1]
	// a: as seller payoffs 0.4+0.2+0.05 = 0.65 and 0.6; as buyer 0+0.05 = 0.05.
	approx := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	approx("a long-run mean", a.LongRun.Mean, (0.65+0.6+0.05)/3)
	approx("a one-shot mean", a.OneShot.Mean, (0.4+0.6+0)/3)
	approx("b long-run mean", b.LongRun.Mean, (0.35+0+0.15)/3)
	approx("a agreement", a.Agreement, 5.0/6)
	// a wins twice as the seller (win-lose) and loses once as the buyer
	// (win-lose, seen from the buyer's seat); b the other way round.
	approx("a win-win", a.Outcomes.WinWin, 2.0/6)
	approx("a won-lost", a.Outcomes.WonLost, 2.0/6)
	approx("a lost-won", a.Outcomes.LostWon, 1.0/6)
	approx("a lose-lose", a.Outcomes.LoseLose, 0)
	approx("a no deal", a.Outcomes.NoDeal, 1.0/6)
	approx("a no deal by fault", a.Outcomes.Fault, 1.0/6)
	approx("a no deal at the deadline", a.Outcomes.Deadline, 0)
	approx("a value lost per negotiation", a.Outcomes.ValueLost, 0.3/6)
	approx("b won-lost", b.Outcomes.WonLost, 1.0/6)
	approx("b lost-won", b.Outcomes.LostWon, 2.0/6)
	approx("a length", a.Length, (3+1+2)/3.0)
	approx("a retention", a.Retention, 1.0/3)
	approx("a SV", a.SV, (4*0.5+2*0.25)/6)
	// The fault is by the buyer of b→a: entrant a.
	if a.Faults != 1 || b.Faults != 0 || agg.Faults() != 1 {
		t.Errorf("faults a %d b %d total %d, want 1, 0, 1", a.Faults, b.Faults, agg.Faults())
	}
	if a.LongRunRank != 1 || b.LongRunRank != 2 || a.OneShotRank != 1 || b.OneShotRank != 2 {
		t.Errorf("ranks a %d/%d b %d/%d, want a first in both", a.OneShotRank, a.LongRunRank, b.OneShotRank, b.LongRunRank)
	}
	if agg.Relationships() != 3 || agg.Negotiations() != 6 {
		t.Errorf("relationships %d negotiations %d, want 3 and 6", agg.Relationships(), agg.Negotiations())
	}

	roles := agg.Roles()
	if len(roles) != 4 || roles[0].Role != RoleSeller || roles[0].Strategy != "a" || roles[3].Role != RoleBuyer {
		t.Fatalf("roles = %+v", roles)
	}
	approx("a as seller long-run", roles[0].LongRun.Mean, (0.65+0.6)/2)
	for _, r := range roles {
		if r.Strategy == "a" && r.Role == RoleBuyer {
			// b's win as the seller (win-lose) is a's loss: lost-won from
			// a's seat.
			approx("a as buyer lost-won", r.Outcomes.LostWon, 1.0/2)
			approx("a as buyer won-lost", r.Outcomes.WonLost, 0)
		}
	}

	pairs := agg.PairRows()
	if len(pairs) != 2 || pairs[0].Seller != "a" || pairs[0].Buyer != "b" {
		t.Fatalf("pairs = %+v", pairs)
	}
	approx("pair a→b buyer long-run", pairs[0].LongRun[1].Mean, (0.2+0.1+0.05+0)/2)
	approx("pair a→b joint long-run", pairs[0].JointLongRun.Mean, (0.65+0.35+0.6)/2)
	// Pairs are seen from the seller's seat: win-lose is the seller's win.
	approx("pair a→b win-win", pairs[0].Outcomes.WinWin, 2.0/4)
	approx("pair a→b seller won", pairs[0].Outcomes.WonLost, 2.0/4)
	approx("pair b→a seller won", pairs[1].Outcomes.WonLost, 1.0/2)
	approx("pair b→a buyer won", pairs[1].Outcomes.LostWon, 0)
	approx("pair b→a no deal", pairs[1].Outcomes.NoDeal, 1.0/2)
	approx("pair b→a no deal by fault", pairs[1].Outcomes.Fault, 1.0/2)
	approx("pair b→a value lost", pairs[1].Outcomes.ValueLost, 0.3/2)
	if pairs[1].Faults != [2]int64{0, 1} {
		t.Errorf("pair b→a faults = %v, want [0 1]", pairs[1].Faults)
	}

	// Periods of a: surplus 0 after a relationship ended; survival.
	rows := agg.PeriodRows()
	if len(rows) != 6 {
		t.Fatalf("%d period rows, want 6", len(rows))
	}
	approx("a surplus at 1", rows[1].Surplus.Mean, (0.4+0+0.1)/3)
	approx("a alive at 1", rows[1].Alive, 2.0/3)
	approx("a alive at 2", rows[2].Alive, 1.0/3)
	approx("a cumulative at 2", rows[2].Cumulative.Mean, a.LongRun.Mean)
	if rows[0].Alive != 1 {
		t.Errorf("alive at period 0 = %v, want 1", rows[0].Alive)
	}

	notes := agg.FaultNotes()
	if len(notes) != 1 || notes[0].By != "a" || notes[0].Role != "buyer" || notes[0].Message != "bad offer" {
		t.Errorf("fault notes = %+v", notes)
	}
}

// TestCumulativeEndsAtLongRun checks that the per-period cumulative payoff
// reaches the long-run payoff exactly at the last period.
func TestCumulativeEndsAtLongRun(t *testing.T) {
	opts := synthOptions{entrants: 4, rels: 15, periods: 7, seed: 11}
	agg := NewAggregate(synthNames[:4], opts.periods, synthModel.Discount)
	for _, r := range synthRecords(opts) {
		agg.Add(r)
	}
	last := map[string]float64{}
	for _, r := range agg.PeriodRows() {
		if r.Period == opts.periods-1 {
			last[r.Strategy] = r.Cumulative.Mean
		}
	}
	for _, s := range agg.Summary() {
		if !sameBits(last[s.Strategy], s.LongRun.Mean) {
			t.Errorf("%s: cumulative payoff at the last period %v ≠ long-run payoff %v", s.Strategy, last[s.Strategy], s.LongRun.Mean)
		}
	}
}

func TestSamplesLowestKeyAndDeepCopy(t *testing.T) {
	opts := synthOptions{entrants: 3, rels: 6, periods: 3, seed: 5, sample: func(pair, rel int) bool { return rel >= 2 }}
	recs := synthRecords(opts)
	agg := NewAggregate(synthNames[:3], 3, 0.9)
	agg.KeepSamples = 2
	for _, r := range slices.Backward(recs) {
		agg.Add(r)
	}
	got := agg.Samples()
	if len(got) != 2 || got[0].Pair.Index != 0 || got[0].Index != 2 || got[1].Pair.Index != 0 || got[1].Index != 3 {
		t.Fatalf("samples = %v, want pair 0 relationships 2 and 3", keys(got))
	}
	// The kept copy shares no memory with the record.
	orig := recs[2]
	before := snapshotRecord(got[0])
	orig.Periods[0].Outcome.Surplus[0] = 99
	orig.Frontier.Points[0].Offer[0] = 99
	orig.Prefs[0].Weights[0] = 99
	if after := snapshotRecord(got[0]); after != before {
		t.Errorf("changing the added record changed the kept sample:\n%s\n%s", before, after)
	}

	// Nothing sampled: the lowest relationship stands in.
	agg = NewAggregate(synthNames[:3], 3, 0.9)
	for _, r := range slices.Backward(synthRecords(synthOptions{entrants: 3, rels: 4, periods: 3, seed: 5})) {
		agg.Add(r)
	}
	if got := agg.Samples(); len(got) != 1 || got[0].Pair.Index != 0 || got[0].Index != 0 || got[0].Sampled {
		t.Errorf("stand-in sample = %v, want pair 0 relationship 0, not sampled", keys(got))
	}
	if got := NewAggregate(nil, 1, 0.9).Samples(); got != nil {
		t.Errorf("empty aggregate samples = %v, want nil", keys(got))
	}

	// Released, the samples go and every other figure stays.
	// (Printed: NaN, for figures of nothing, is not equal to itself.)
	summary, pairs := fmt.Sprint(agg.Summary()), fmt.Sprint(agg.PairRows())
	agg.ReleaseSamples()
	if got := agg.Samples(); got != nil {
		t.Errorf("samples after ReleaseSamples = %v, want none", keys(got))
	}
	if fmt.Sprint(agg.Summary()) != summary || fmt.Sprint(agg.PairRows()) != pairs {
		t.Error("ReleaseSamples changed the tables")
	}
}

func keys(rs []*arena.RelationshipRecord) []string {
	var k []string
	for _, r := range rs {
		k = append(k, fmt.Sprintf("%d/%d", r.Pair.Index, r.Index))
	}
	return k
}

func snapshotRecord(r *arena.RelationshipRecord) string {
	return fmt.Sprintf("%v %v %v", r.Periods[0].Outcome.Surplus, r.Frontier.Points[0].Offer, r.Prefs[0].Weights)
}

func TestFaultNotesBounded(t *testing.T) {
	opts := synthOptions{entrants: 3, rels: 30, periods: 4, seed: 8, faultRate: 0.3}
	recs := synthRecords(opts)
	agg := NewAggregate(synthNames[:3], 4, 0.9)
	for _, r := range slices.Backward(recs) {
		agg.Add(r)
	}
	notes := agg.FaultNotes()
	if len(notes) != DefaultKeepFaults || agg.Faults() <= DefaultKeepFaults {
		t.Fatalf("%d notes of %d faults, want %d notes", len(notes), agg.Faults(), DefaultKeepFaults)
	}
	// The notes are the lowest keys of all faults, sorted.
	var all []FaultNote
	for _, r := range recs {
		for i := range r.Periods {
			if r.Periods[i].Outcome.Fault != nil {
				all = append(all, newFaultNote(r, i))
			}
		}
	}
	if !slices.Equal(notes, all[:DefaultKeepFaults]) {
		t.Errorf("notes are not the first faults:\n%+v\n%+v", notes, all[:DefaultKeepFaults])
	}
	for _, n := range notes {
		if strings.Contains(n.Message, "\n") || strings.Contains(n.Message, "goroutine") {
			t.Errorf("note message keeps the stack trace: %q", n.Message)
		}
	}
}

func TestFaultMessageTruncated(t *testing.T) {
	r := &arena.RelationshipRecord{Names: [2]string{"s", "b"}, Periods: []arena.PeriodRecord{{
		Outcome: arena.Outcome{Fault: &arena.Fault{By: agents.Seller, Err: errors.New(strings.Repeat("é", 300))}},
	}}}
	n := newFaultNote(r, 0)
	if len(n.Message) > MaxFaultMessage+len("…") || !strings.HasSuffix(n.Message, "…") || !utf8Valid(n.Message) {
		t.Errorf("message of %d bytes not cut cleanly: %q", len(n.Message), n.Message)
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func TestMergeMismatches(t *testing.T) {
	a := NewAggregate([]string{"x", "y"}, 3, 0.9)
	for _, o := range []*Aggregate{
		NewAggregate([]string{"x", "z"}, 3, 0.9),
		NewAggregate([]string{"x", "y"}, 4, 0.9),
		NewAggregate([]string{"x", "y"}, 3, 0.8),
	} {
		if err := a.MergeAggregate(o); err == nil {
			t.Errorf("merging %v/%d/%v into %v/%d/%v: no error", o.names, o.periods, o.discount, a.names, a.periods, a.discount)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("merging another aggregate's collector did not panic")
		}
	}()
	a.Merge(NewAggregate([]string{"x", "y"}, 3, 0.9).NewCollector())
}

// BenchmarkCollectorAdd measures folding one relationship of 10 periods
// into a collector that has seen its pair before: it should not allocate.
func BenchmarkCollectorAdd(b *testing.B) {
	recs := synthRecords(synthOptions{entrants: 2, rels: 64, periods: 10, seed: 1})
	agg := NewAggregate(synthNames[:2], 10, 0.9)
	c := agg.NewCollector()
	for _, r := range recs {
		c.Add(r)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		r := recs[i%len(recs)]
		c.Add(r)
	}
}
