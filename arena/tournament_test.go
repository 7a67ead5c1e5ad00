package arena_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"sync"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// fixedOffer proposes the same offer every time and accepts any offer on
// the table: a stationary per-deal gain.
func fixedOffer(k int) func() agents.Agent {
	return func() agents.Agent {
		o := agents.Offer{k}
		return agents.AgentFunc(func(v *agents.View) agents.Move {
			if v.Last.Kind == agents.MoveOffer {
				return agents.Accept(0)
			}
			return agents.Propose(o, 0)
		})
	}
}

// stats is a test sink keeping every relationship's payoffs by key.
type stats struct {
	mu      sync.Mutex
	payoffs map[[2]int][2]float64
	faults  map[string]int
	periods int
}

type statsCollector struct {
	payoffs map[[2]int][2]float64
	faults  map[string]int
	periods int
}

func newStats() *stats {
	return &stats{payoffs: map[[2]int][2]float64{}, faults: map[string]int{}}
}

func (s *stats) NewCollector() arena.Collector {
	return &statsCollector{payoffs: map[[2]int][2]float64{}, faults: map[string]int{}}
}

func (s *stats) Merge(c arena.Collector) {
	sc := c.(*statsCollector)
	for k, v := range sc.payoffs {
		s.payoffs[k] = v
	}
	for k, v := range sc.faults {
		s.faults[k] += v
	}
	s.periods += sc.periods
}

func (c *statsCollector) Add(r *arena.RelationshipRecord) {
	c.payoffs[[2]int{r.Pair.Index, r.Index}] = r.Payoff
	for _, p := range r.Periods {
		c.periods++
		if f := p.Outcome.Fault; f != nil {
			c.faults[r.Names[f.By]]++
		}
	}
}

func tournament(entrants ...arena.Entrant) arena.Tournament {
	d, prefs := priceDomain(11, 0.2, 0.2)
	return arena.Tournament{
		Scenario: arena.Scenario{Domain: d, Prefs: prefs},
		Entrants: entrants, SelfPlay: true,
		Relationships: 50, Periods: 6, Deadline: 5,
		Model: arena.DefaultModel(), Seed: 42,
	}
}

// The closed form (docs/model.md#closed-form): with a stationary gain g and a chance p
// that both sides stay, the expected long-run payoff over P periods is
// g·(1 − (δp)^P)/(1 − δp). Two fixed-offer agents reproduce it within the
// 95% confidence interval of the simulated mean.
func TestClosedForm(t *testing.T) {
	for _, k := range []int{5, 7} {
		t.Run(fmt.Sprintf("offer %d", k), func(t *testing.T) {
			tour := tournament(arena.Entrant{Name: "fixed", New: fixedOffer(k)})
			tour.Relationships = 20000
			tour.Periods = 8
			s := newStats()
			if _, err := tour.Run(context.Background(), s); err != nil {
				t.Fatal(err)
			}
			p := tour.Scenario.Prefs
			o := agents.Offer{k}
			out := arena.Outcome{Agreed: true, Offer: o}
			for r := range 2 {
				out.Utility[r] = p[r].Utility(o)
				out.Surplus[r] = out.Utility[r] - p[r].Reservation
			}
			m := tour.Model
			res := [2]float64{p[0].Reservation, p[1].Reservation}
			a := arena.Analyze(arena.NewFrontier(tour.Scenario.Domain, p[0], p[1]), &out, res, &m)
			f := m.Feel(&out, &a)
			q := f[0].Stay * f[1].Stay
			dq := m.Discount * q
			for r := range 2 {
				want := out.Surplus[r] * (1 - math.Pow(dq, float64(tour.Periods))) / (1 - dq)
				var sum, sq float64
				for _, v := range s.payoffs {
					sum += v[r]
					sq += v[r] * v[r]
				}
				n := float64(len(s.payoffs))
				mean := sum / n
				half := 1.96 * math.Sqrt((sq/n-mean*mean)/(n-1))
				if math.Abs(mean-want) > half {
					t.Errorf("side %d: simulated %.5f ± %.5f, closed form %.5f (g=%.3f, p=%.3f)", r, mean, half, want, out.Surplus[r], q)
				}
			}
		})
	}
}

// Results do not depend on the number of workers.
func TestTournamentDeterministic(t *testing.T) {
	run := func(workers int) map[[2]int][2]float64 {
		tour := tournament(arena.Entrant{Name: "a", New: fixedOffer(6)}, arena.Entrant{Name: "b", New: fixedOffer(4)}, arena.Entrant{Name: "c", New: randomAgent})
		tour.Workers = workers
		tour.Jitter = 0.2
		tour.PeriodJitter = 0.1
		s := newStats()
		n, err := tour.Run(context.Background(), s)
		if err != nil || n != tour.Total() {
			t.Fatalf("workers %d: %d of %d, %v", workers, n, tour.Total(), err)
		}
		return s.payoffs
	}
	one, four := run(1), run(4)
	if len(one) != 9*50 {
		t.Fatalf("%d relationships", len(one))
	}
	for k, v := range one {
		if four[k] != v {
			t.Fatalf("relationship %v: %v with 1 worker, %v with 4", k, v, four[k])
		}
	}
}

// randomAgent draws its offers from the view's seeded source.
func randomAgent() agents.Agent {
	o := agents.Offer{0}
	return agents.AgentFunc(func(v *agents.View) agents.Move {
		if v.Last.Kind == agents.MoveOffer && v.Rand.IntN(3) == 0 {
			return agents.Accept(0)
		}
		o[0] = v.Rand.IntN(len(v.Domain.Issues[0].Options))
		return agents.Propose(o, 0)
	})
}

// A panicking agent fails its own negotiations; the run goes on and the
// faults are attributed to it.
func TestPanickingAgentFailsOnlyItsNegotiations(t *testing.T) {
	panicky := func() agents.Agent {
		return agents.AgentFunc(func(v *agents.View) agents.Move {
			if v.Turn >= 1 {
				panic("out of cheese")
			}
			return agents.Propose(agents.Offer{5}, 0)
		})
	}
	tour := tournament(arena.Entrant{Name: "fixed", New: fixedOffer(5)}, arena.Entrant{Name: "panicky", New: panicky})
	s := newStats()
	n, err := tour.Run(context.Background(), s)
	if err != nil || n != tour.Total() {
		t.Fatalf("run: %d of %d, %v", n, tour.Total(), err)
	}
	if s.faults["fixed"] != 0 || s.faults["panicky"] == 0 {
		t.Fatalf("faults %v", s.faults)
	}
	// fixed vs fixed never faults and always agrees: its payoff is positive.
	for k, v := range s.payoffs {
		if k[0] == 0 && v[0] <= 0 {
			t.Fatalf("fixed vs fixed relationship %v paid %v", k, v)
		}
	}
}

// Cancelling stops the run early and reports how much finished.
func TestTournamentCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	tour := tournament(arena.Entrant{Name: "a", New: fixedOffer(5)}, arena.Entrant{Name: "b", New: fixedOffer(6)})
	tour.Relationships = 2000
	tour.Workers = 2
	tour.Progress = func(done, total int) {
		if done == 100 {
			cancel()
		}
	}
	s := newStats()
	n, err := tour.Run(ctx, s)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n < 100 || n >= tour.Total() || len(s.payoffs) != n {
		t.Fatalf("done %d of %d, merged %d", n, tour.Total(), len(s.payoffs))
	}
}

// Cancelling stops a run inside a long negotiation, not after it: the
// relationship being played is discarded, not counted.
func TestTournamentCancelInsideNegotiation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var acts int
	stubborn := func() agents.Agent {
		return agents.AgentFunc(func(v *agents.View) agents.Move {
			if acts++; acts == 1000 {
				cancel()
			}
			return agents.Propose(agents.Offer{5}, 0)
		})
	}
	tour := tournament(arena.Entrant{Name: "stubborn", New: stubborn})
	tour.Relationships, tour.Periods, tour.Deadline, tour.Workers = 1, 5, 10000, 1
	s := newStats()
	n, err := tour.Run(ctx, s)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n != 0 || len(s.payoffs) != 0 {
		t.Errorf("done %d, merged %d: the interrupted relationship was counted", n, len(s.payoffs))
	}
	if acts > 1000+64 {
		t.Errorf("%d moves after the stop (of 100,000 the relationship could take): the negotiation did not stop", acts-1000)
	}
}

// A Continuer can decline the next deal.
type oneDeal struct{ agents.Agent }

func (oneDeal) Continue(v *agents.View) bool { return false }

func TestContinuerDeclines(t *testing.T) {
	tour := tournament(arena.Entrant{Name: "once", New: func() agents.Agent { return oneDeal{fixedOffer(5)()} }})
	var ends []arena.End
	s := &recordSink{f: func(r *arena.RelationshipRecord) {
		ends = append(ends, r.End)
		if len(r.Periods) != 1 || (r.End == arena.Declined && (!r.LeftBy[0] || !r.LeftBy[1])) {
			t.Errorf("relationship %d: %d periods, left by %v", r.Index, len(r.Periods), r.LeftBy)
		}
	}}
	tour.Workers = 1
	if _, err := tour.Run(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	declined := 0
	for _, e := range ends {
		switch e {
		case arena.Declined:
			declined++
		case arena.Left: // a side did not come back before being asked
		default:
			t.Fatalf("end %v, want declined or left", e)
		}
	}
	if declined == 0 {
		t.Fatal("no relationship was declined")
	}
}

type recordSink struct {
	f func(*arena.RelationshipRecord)
}

func (s *recordSink) NewCollector() arena.Collector   { return s }
func (s *recordSink) Merge(arena.Collector)           {}
func (s *recordSink) Add(r *arena.RelationshipRecord) { s.f(r) }
func (s *recordSink) String() string                  { return "recordSink" }

var _ interface {
	Add(*arena.RelationshipRecord)
} = (*recordSink)(nil)

func TestTournamentValidate(t *testing.T) {
	good := tournament(arena.Entrant{Name: "a", New: fixedOffer(5)})
	tests := []struct {
		name   string
		mutate func(*arena.Tournament)
	}{
		{"no entrants", func(t *arena.Tournament) { t.Entrants = nil }},
		{"no pairs", func(t *arena.Tournament) { t.SelfPlay = false }},
		{"periods", func(t *arena.Tournament) { t.Periods = 0 }},
		{"jitter", func(t *arena.Tournament) { t.Jitter = 1 }},
		{"scenario", func(t *arena.Tournament) { t.Scenario.Prefs[1] = nil }},
	}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		tour := good
		tt.mutate(&tour)
		if err := tour.Validate(); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}

// frontierCheck is a sink that checks every record's frontier against one
// computed afresh from the record's own preferences.
type frontierCheck struct {
	t      *testing.T
	domain *agents.Domain
	mu     sync.Mutex
	prefs  map[int][2]*agents.Preferences // relationship → the first preferences seen
}

func (f *frontierCheck) NewCollector() arena.Collector { return f }
func (f *frontierCheck) Merge(arena.Collector)         {}

func (f *frontierCheck) Add(rec *arena.RelationshipRecord) {
	f.mu.Lock()
	defer f.mu.Unlock()
	want := arena.NewFrontier(f.domain, rec.Prefs[0], rec.Prefs[1])
	if !reflect.DeepEqual(rec.Frontier, want) {
		f.t.Errorf("pair %d relationship %d: frontier differs from one computed afresh", rec.Pair.Index, rec.Index)
	}
	if p, ok := f.prefs[rec.Index]; ok && !reflect.DeepEqual(p, rec.Prefs) {
		f.t.Errorf("relationship %d: pairs face different preferences (no common random numbers)", rec.Index)
	}
	f.prefs[rec.Index] = rec.Prefs
}

// Each relationship's preferences and frontier are made once and shared by
// every pair: the frontier a record carries is the one its preferences
// give, and every pair faces relationship i's same draw.
func TestTournamentSharesScenarios(t *testing.T) {
	for _, jitter := range []float64{0, 0.3} {
		greedy := func() agents.Agent {
			return agents.AgentFunc(func(v *agents.View) agents.Move {
				if v.Last.Kind == agents.MoveOffer && v.Rand.IntN(2) == 0 {
					return agents.Accept(0)
				}
				return agents.Propose(v.Prefs.Best(nil), 0)
			})
		}
		tour := tournament(arena.Entrant{Name: "a", New: greedy}, arena.Entrant{Name: "b", New: greedy})
		d, s, b := gridScenario(rand.New(rand.NewPCG(3, 4)), "grid", 4, 16, 2, 4, 9)
		s.Reservation, b.Reservation = 0.3, 0.3
		tour.Scenario = arena.Scenario{Domain: d, Prefs: [2]*agents.Preferences{s, b}}
		tour.Jitter, tour.Relationships, tour.Workers = jitter, 20, 2
		fc := &frontierCheck{t: t, domain: tour.Scenario.Domain, prefs: map[int][2]*agents.Preferences{}}
		if _, err := tour.Run(context.Background(), fc); err != nil {
			t.Fatal(err)
		}
		if jitter > 0 && reflect.DeepEqual(fc.prefs[0], fc.prefs[1]) {
			t.Errorf("jitter %v: relationships 0 and 1 drew the same preferences", jitter)
		}
	}
}

// Any cut of the task list into ranges plays every relationship exactly
// once, with the figures of a whole run; Task names task k's pair and
// relationship, relationship-major.
func TestRunRangeCoversTheTaskList(t *testing.T) {
	tour := tournament(arena.Entrant{Name: "a", New: fixedOffer(6)}, arena.Entrant{Name: "b", New: randomAgent})
	tour.Relationships, tour.Jitter = 13, 0.2
	whole := newStats()
	if _, err := tour.Run(context.Background(), whole); err != nil {
		t.Fatal(err)
	}
	total := tour.Total()
	if p, rel := tour.Task(5); p.Index != 1 || rel != 1 {
		t.Errorf("Task(5) = pair %d, relationship %d; want pair 1, relationship 1 (4 pairs)", p.Index, rel)
	}
	rng := rand.New(rand.NewPCG(14, 14))
	for trial := range 20 {
		s := newStats()
		played := 0
		for lo := 0; lo < total; {
			hi := min(total, lo+rng.IntN(9))
			n, err := tour.RunRange(context.Background(), s, lo, hi)
			if err != nil || n != hi-lo {
				t.Fatalf("RunRange(%d, %d) = %d, %v", lo, hi, n, err)
			}
			for k := lo; k < hi; k++ {
				p, rel := tour.Task(k)
				if _, ok := s.payoffs[[2]int{p.Index, rel}]; !ok {
					t.Fatalf("trial %d: task %d (pair %d, relationship %d) not played by RunRange(%d, %d)", trial, k, p.Index, rel, lo, hi)
				}
			}
			played += n
			lo = hi
		}
		if played != total || !reflect.DeepEqual(s.payoffs, whole.payoffs) {
			t.Fatalf("trial %d: %d relationships played in ranges, %d in a whole run, or other payoffs", trial, played, total)
		}
	}
	if _, err := tour.RunRange(context.Background(), newStats(), 3, total+1); err == nil {
		t.Error("a range beyond the task list ran")
	}
}

// historyChecker is a fixed-offer agent that checks, on every move, that
// its history holds this relationship's earlier deals and nothing else —
// one per period before this one, numbered in order — and counts its
// releases.
type historyChecker struct {
	agents.Agent
	bad      *[]string
	released *int
}

func (h historyChecker) Act(v *agents.View) agents.Move {
	ok := len(v.History) == v.Period
	for i, d := range v.History {
		ok = ok && d.Period == i
	}
	if !ok {
		*h.bad = append(*h.bad, fmt.Sprintf("period %d sees %d deals", v.Period, len(v.History)))
	}
	return h.Agent.Act(v)
}

func (h historyChecker) Release() { *h.released++ }

// TestHistoriesAreTheRelationships plays many relationships on one worker,
// whose table lends each relationship's histories the memory of the one
// before: an agent must see only its own relationship's deals. Each agent
// the tournament makes is released once, after its relationship.
func TestHistoriesAreTheRelationships(t *testing.T) {
	var bad []string
	made, released := 0, 0
	tour := tournament(arena.Entrant{Name: "checker", New: func() agents.Agent {
		made++
		return historyChecker{Agent: fixedOffer(5)(), bad: &bad, released: &released}
	}})
	tour.Workers = 1
	tour.Model.PLow, tour.Model.PHigh = 1, 1 // every relationship plays all its periods
	if _, err := tour.Run(context.Background(), newStats()); err != nil {
		t.Fatal(err)
	}
	if len(bad) > 0 {
		t.Fatalf("%d moves saw another relationship's deals, the first: %s", len(bad), bad[0])
	}
	if made == 0 || released != made {
		t.Fatalf("%d agents made, %d released", made, released)
	}
}

// panickyRelease is an agent whose Release hook panics.
type panickyRelease struct{ agents.Agent }

func (panickyRelease) Release() { panic("release failed") }

// TestReleaseSurvivesAPanic checks that Release calls an agent's hook and
// that a hook that panics does not take its caller down with it.
func TestReleaseSurvivesAPanic(t *testing.T) {
	released := 0
	arena.Release(historyChecker{released: &released})
	if released != 1 {
		t.Fatalf("Release called the hook %d times, want 1", released)
	}
	arena.Release(panickyRelease{}) // must not panic
	arena.Release(fixedOffer(1)())  // no hook: nothing to do
}
