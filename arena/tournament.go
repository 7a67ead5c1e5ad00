package arena

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"github.com/winwin-sim/winwin/agents"
)

// A Tournament is a round robin of repeat-business relationships: every
// ordered pair of entrants (each as seller and as buyer; with itself too
// when SelfPlay is set) plays Relationships independent relationships of up
// to Periods deals each.
//
// Every relationship draws its randomness from (Seed, pair, relationship)
// and its preferences from (Seed, relationship), so pairs face the same
// preference draws (common random numbers) and results are bit-identical
// for any number of workers.
type Tournament struct {
	Scenario Scenario
	Entrants []Entrant
	// SelfPlay pairs each entrant with itself too.
	SelfPlay bool
	// Relationships per ordered pair, Periods per relationship, Deadline
	// rounds per negotiation.
	Relationships, Periods, Deadline int
	Opener                           OpenerRule
	// Jitter perturbs each relationship's issue weights by a factor drawn
	// from [1−Jitter, 1+Jitter] (then renormalised); PeriodJitter does the
	// same for each period on top.
	Jitter, PeriodJitter float64
	Model                Model
	Seed                 uint64
	// Workers is the number of concurrent workers; 0 means GOMAXPROCS.
	Workers int
	// Progress, if set, is called after each relationship with the number
	// done so far and the total; calls are serialised.
	Progress func(done, total int)
	// Sample, if set, selects relationships whose negotiations are recorded
	// in full (transcripts) in their RelationshipRecord.
	Sample func(pair, rel int) bool
	// Forget turns learning off: every deal after a relationship's first
	// is played by fresh agents with an empty history (Relationship.Renew),
	// a counterfactual of `winwin explain`.
	Forget bool

	scenarios *scenarioCache // set by Run: each relationship's preferences and frontier, made once
}

// An Entrant is one strategy in a tournament under its display name (the
// same strategy may enter twice with different parameters).
type Entrant struct {
	Name string
	// Strategy is the registered strategy name, for reports.
	Strategy string
	// New returns a fresh agent for one side of one relationship.
	New func() agents.Agent
}

// A Pair is an ordered pairing of entrants.
type Pair struct {
	Index         int
	Seller, Buyer int // entrant indices
}

// Pairs lists the ordered pairs of the round robin, seller-major.
func (t *Tournament) Pairs() []Pair {
	var ps []Pair
	for s := range t.Entrants {
		for b := range t.Entrants {
			if s == b && !t.SelfPlay {
				continue
			}
			ps = append(ps, Pair{Index: len(ps), Seller: s, Buyer: b})
		}
	}
	return ps
}

// Validate checks the tournament's settings.
func (t *Tournament) Validate() error {
	switch {
	case t.Scenario.Domain == nil || t.Scenario.Prefs[0] == nil || t.Scenario.Prefs[1] == nil:
		return errors.New("arena: tournament has no scenario")
	case len(t.Entrants) == 0:
		return errors.New("arena: tournament has no entrants")
	case len(t.Entrants) == 1 && !t.SelfPlay:
		return errors.New("arena: one entrant without self-play makes no pairs")
	case t.Relationships < 1 || t.Periods < 1 || t.Deadline < 1:
		return fmt.Errorf("arena: relationships, periods and deadline must be ≥ 1 (got %d, %d, %d)", t.Relationships, t.Periods, t.Deadline)
	case t.Jitter < 0 || t.Jitter >= 1 || t.PeriodJitter < 0 || t.PeriodJitter >= 1:
		return fmt.Errorf("arena: jitter must be in [0,1) (got %v, %v)", t.Jitter, t.PeriodJitter)
	}
	if err := t.Scenario.Domain.Validate(); err != nil {
		return fmt.Errorf("arena: %w", err)
	}
	for r, p := range t.Scenario.Prefs {
		if err := p.Validate(t.Scenario.Domain); err != nil {
			return fmt.Errorf("arena: %s preferences: %w", agents.Role(r), err)
		}
	}
	return nil
}

// Workers is the rule for a configured number of workers n: n itself, or
// one per CPU (GOMAXPROCS) when n is 0 (or less). Everything that sizes
// itself by a run's workers (its goroutines, agent processes, output
// writers) asks this function.
func Workers(n int) int {
	if n <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return n
}

// Total returns the number of relationships the tournament plays.
func (t *Tournament) Total() int { return len(t.Pairs()) * t.Relationships }

// chunk is the number of relationships one task plays.
const chunk = 8

// Run plays the tournament, handing every finished relationship to a
// collector of sink. It returns the number of relationships finished. When
// ctx is cancelled, Run stops starting relationships, merges what finished
// and returns ctx's error.
func (t *Tournament) Run(ctx context.Context, sink Sink) (int, error) {
	return t.RunRange(ctx, sink, 0, t.Total())
}

// Task returns task k of the tournament's task list, 0 ≤ k < Total():
// relationship rel of pair p. The list runs relationship-major — the first
// relationship of every pair, then the second of every pair, and so on —
// so that any stretch of it (a shard, a checkpointed slice) holds every
// pair alike and costs about the same as any other stretch of its length.
func (t *Tournament) Task(k int) (p Pair, rel int) {
	pairs := t.Pairs()
	return pairs[k%len(pairs)], k / len(pairs)
}

// RunRange plays tasks lo to hi−1 of the task list (see Task), handing
// every finished relationship to a collector of sink, like Run. Progress
// counts up to hi−lo. Which relationships a stretch plays changes no
// figure of any of them: every relationship draws its randomness from
// (Seed, pair, relationship) alone, so stretches played apart and merged
// give the bits of the whole.
func (t *Tournament) RunRange(ctx context.Context, sink Sink, lo, hi int) (int, error) {
	if err := t.Validate(); err != nil {
		return 0, err
	}
	t.scenarios = newScenarioCache(t)
	pairs := t.Pairs()
	if lo < 0 || hi > len(pairs)*t.Relationships || lo > hi {
		return 0, fmt.Errorf("arena: tasks %d to %d of a tournament of %d", lo, hi, len(pairs)*t.Relationships)
	}
	workers := Workers(t.Workers)
	total := hi - lo
	var (
		mu       sync.Mutex
		done     atomic.Int64
		progress sync.Mutex
	)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	tables := sync.Pool{New: func() any { return new(Table) }}
	// The range's relationships are played pair by pair, in chunks of one
	// pair's consecutive relationships, as a whole run plays them: a
	// collector then holds one pair's tallies.
	np := len(pairs)
	for j, p := range pairs {
		// Tasks k in [lo, hi) with k mod np = j are relationships
		// ⌈(lo−j)/np⌉ to ⌈(hi−j)/np⌉−1 of pair j.
		first, end := max(0, ceilDiv(lo-j, np)), max(0, ceilDiv(hi-j, np))
		for from := first; from < end; from += chunk {
			if gctx.Err() != nil {
				break
			}
			to := min(from+chunk, end)
			g.Go(func() error {
				tab := tables.Get().(*Table)
				defer tables.Put(tab)
				c := sink.NewCollector()
				var rec RelationshipRecord
				for i := from; i < to; i++ {
					if gctx.Err() != nil {
						break
					}
					if err := t.play(tab, p, i, &rec, gctx.Done()); err != nil {
						return err
					}
					if gctx.Err() != nil {
						break // stopped while it played: partial, not counted
					}
					c.Add(&rec)
					n := int(done.Add(1))
					if t.Progress != nil {
						progress.Lock()
						t.Progress(n, total)
						progress.Unlock()
					}
				}
				mu.Lock()
				sink.Merge(c)
				mu.Unlock()
				return nil
			})
		}
	}
	err := g.Wait()
	if err == nil {
		err = ctx.Err()
	}
	return int(done.Load()), err
}

// ceilDiv returns ⌈a/b⌉ for b > 0.
func ceilDiv(a, b int) int {
	if a <= 0 {
		return -(-a / b)
	}
	return (a + b - 1) / b
}

// play runs relationship i of pair p into rec.
// A closed stop ends it early (the record is then partial).
func (t *Tournament) play(tab *Table, p Pair, i int, rec *RelationshipRecord, stop <-chan struct{}) error {
	sellerE, buyerE := t.Entrants[p.Seller], t.Entrants[p.Buyer]
	var (
		base     [2]*agents.Preferences
		frontier *Frontier
	)
	if t.scenarios != nil {
		base, frontier = t.scenarios.get(t, i)
	} else {
		base = basePrefs(t, i)
	}
	rl := Relationship{
		Domain: t.Scenario.Domain, Prefs: base, Frontier: frontier,
		Streams: RelationshipStreams(t.Seed, uint64(p.Index), uint64(i)),
		Periods: t.Periods, Deadline: t.Deadline, Opener: t.Opener, Model: t.Model,
		Stop: stop,
	}
	for r, e := range [2]Entrant{sellerE, buyerE} {
		a, err := newAgent(e)
		if err != nil {
			// An agent that cannot be made fails its negotiations, not the run.
			err = fmt.Errorf("arena: pair %s vs %s: %w", sellerE.Name, buyerE.Name, err)
			a = agents.AgentFunc(func(*agents.View) agents.Move { panic(&agents.Failure{Err: err}) })
		}
		rl.Agents[r] = a
	}
	// The relationship's agents, and each deal's under Forget, are the
	// tournament's own: each is released once it plays no more (see
	// Release).
	cur := rl.Agents
	defer func() { Release(cur[0]); Release(cur[1]) }()
	if t.Forget {
		rl.Renew = func(r agents.Role) agents.Agent {
			Release(cur[r])
			cur[r] = nil
			e := [2]Entrant{sellerE, buyerE}[r]
			a, err := newAgent(e)
			if err != nil {
				err = fmt.Errorf("arena: pair %s vs %s: %w", sellerE.Name, buyerE.Name, err)
				return agents.AgentFunc(func(*agents.View) agents.Move { panic(&agents.Failure{Err: err}) })
			}
			cur[r] = a
			return a
		}
	}
	if t.PeriodJitter > 0 {
		rl.PeriodPrefs = func(period int) [2]*agents.Preferences {
			pr := PrefsRand(t.Seed, uint64(i), uint64(period)+1)
			return [2]*agents.Preferences{Jitter(base[0], pr, t.PeriodJitter), Jitter(base[1], pr, t.PeriodJitter)}
		}
	}
	rec.Pair, rec.Index, rec.Names = p, i, [2]string{sellerE.Name, buyerE.Name}
	rec.Sampled = t.Sample != nil && t.Sample(p.Index, i)
	rl.Record = rec.Sampled
	rl.Run(tab, rec)
	return nil
}

// Release gives a back through its agents.Releaser hook, if it has one,
// for a caller that is done with it (a is not called again). A panic in
// the hook is dropped: the agent's deals are all recorded by then, and a
// failing agent fails its negotiations, never the run.
func Release(a agents.Agent) {
	r, ok := a.(agents.Releaser)
	if !ok {
		return
	}
	defer func() { _ = recover() }()
	r.Release()
}

// newAgent builds an entrant's agent, turning a panic into an error.
func newAgent(e Entrant) (a agents.Agent, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("creating %s: panic: %v", e.Name, p)
		}
	}()
	a = e.New()
	if a == nil {
		return nil, fmt.Errorf("creating %s: constructor returned nil", e.Name)
	}
	return a, nil
}

// Jitter returns a copy of p whose issue weights are each multiplied by a
// factor drawn uniformly from [1−amount, 1+amount] and renormalised. With
// amount 0 it returns p itself.
func Jitter(p *agents.Preferences, r interface{ Float64() float64 }, amount float64) *agents.Preferences {
	if amount == 0 {
		return p
	}
	q := p.Clone()
	sum := 0.0
	for i := range q.Weights {
		q.Weights[i] *= 1 + amount*(2*r.Float64()-1)
		sum += q.Weights[i]
	}
	if sum <= 0 || math.IsNaN(sum) {
		return p
	}
	for i := range q.Weights {
		q.Weights[i] /= sum
	}
	return q
}
