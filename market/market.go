package market

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// A Market is sellers competing for buyers over periods, replicated
// Params.Markets times (docs/model.md#word-of-mouth). Every entrant fields
// Params.SellersPerStrategy sellers; buyers play strategies drawn from
// Params.Mix over the same entrants. Each buyer–seller match is a
// relationship as in a tournament: fresh agents and the match's own
// preferences, one deal a period, memory carried from deal to deal.
type Market struct {
	Scenario arena.Scenario
	Entrants []arena.Entrant
	Params   Params
	// Deadline is the rounds of each negotiation; Opener says who opens
	// the k-th deal of a match.
	Deadline int
	Opener   arena.OpenerRule
	// Jitter perturbs each match's preferences, PeriodJitter each
	// period's on top (as arena.Tournament does).
	Jitter, PeriodJitter float64
	// Model is the repeat-business model: how a deal feels, the stay
	// curve, the discount of a seller's profit.
	Model arena.Model
	Seed  uint64
	// Workers is the number of replications played at once; 0 means one
	// per CPU (arena.Workers).
	Workers int
	// Progress, if set, is called after each replication with the number
	// done and the total; calls are serialised.
	Progress func(done, total int)
}

// A Sink receives finished replications. Add is called under a lock, in
// whatever order replications finish, with a record whose memory is
// reused afterwards: it must fold in what it keeps. For results that do
// not depend on scheduling, folding must be exact and order-independent
// (results.MarketAggregate is).
type Sink interface {
	Add(r *Replication)
}

// Sellers returns the entrant of each seller: entrant-major, each entrant's
// SellersPerStrategy sellers in a row.
func (m *Market) Sellers() []int {
	spp := max(m.Params.SellersPerStrategy, 1)
	s := make([]int, 0, len(m.Entrants)*spp)
	for e := range m.Entrants {
		for range spp {
			s = append(s, e)
		}
	}
	return s
}

// Validate checks the market's settings.
func (m *Market) Validate() error {
	switch {
	case m.Scenario.Domain == nil || m.Scenario.Prefs[0] == nil || m.Scenario.Prefs[1] == nil:
		return errors.New("market: no scenario")
	case len(m.Entrants) == 0:
		return errors.New("market: no entrants")
	case m.Deadline < 1:
		return fmt.Errorf("market: deadline must be ≥ 1 (got %d)", m.Deadline)
	case m.Jitter < 0 || m.Jitter >= 1 || m.PeriodJitter < 0 || m.PeriodJitter >= 1:
		return fmt.Errorf("market: jitter must be in [0,1) (got %v, %v)", m.Jitter, m.PeriodJitter)
	}
	return m.Params.Validate(len(m.Entrants))
}

// Run plays the market's replications, Workers at a time, handing each
// finished one to sink. It returns the number finished. When ctx ends, Run
// starts no more, discards those it was playing, and returns ctx's error:
// the sink holds every replication that finished.
func (m *Market) Run(ctx context.Context, sink Sink) (int, error) {
	return m.RunRange(ctx, sink, 0, m.Params.Markets)
}

// RunRange plays replications lo to hi−1 of the market's Params.Markets,
// like Run; Progress counts up to hi−lo. Replication k draws its
// randomness from (Seed, k) alone, so ranges played apart — the shards of
// a run on a cluster, the slices of a checkpointed run — and folded into
// one exact sink (results.MarketAggregate) give the bits of Run.
func (m *Market) RunRange(ctx context.Context, sink Sink, lo, hi int) (int, error) {
	if err := m.Validate(); err != nil {
		return 0, err
	}
	if lo < 0 || hi > m.Params.Markets || lo > hi {
		return 0, fmt.Errorf("market: replications %d to %d of %d", lo, hi-1, m.Params.Markets)
	}
	var (
		mu   sync.Mutex
		done atomic.Int64
	)
	total := hi - lo
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(arena.Workers(m.Workers))
	sims := sync.Pool{New: func() any { return new(sim) }}
	for k := lo; k < hi; k++ {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			s := sims.Get().(*sim)
			defer sims.Put(s)
			if !s.run(m, k, gctx.Done()) {
				return nil // stopped: discarded
			}
			mu.Lock()
			sink.Add(&s.rep)
			n := int(done.Add(1))
			if m.Progress != nil {
				m.Progress(n, total)
			}
			mu.Unlock()
			return nil
		})
	}
	err := g.Wait()
	if err == nil {
		err = ctx.Err()
	}
	return int(done.Load()), err
}

// Replicate plays replication k alone and returns its record (for tests
// and examples; Run reuses the memory of its replications).
func (m *Market) Replicate(k int) (*Replication, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	s := new(sim)
	s.run(m, k, nil)
	return &s.rep, nil
}

// A Replication is the story of one market, seller by seller and period
// by period. Its memory is reused: a Sink copies what it keeps.
type Replication struct {
	// Market is the replication's index.
	Market int
	// Sellers[i] is seller i's entrant; Periods the market's horizon.
	Sellers []int
	Periods int
	// Cells[t·len(Sellers)+i] is seller i in period t (Cell).
	Cells []Cell
	// Negotiations made, and how many of them an agent broke.
	Negotiations, Faults int64
	// Buyers is the number of buyers the market had at its end.
	Buyers int
}

// Cell returns seller i's record of period t.
func (r *Replication) Cell(t, i int) *Cell { return &r.Cells[t*len(r.Sellers)+i] }

// A Cell is what one seller did in one period of one market.
type Cell struct {
	// Customers dealt with the seller this period; New of them were won
	// this period by choice, Referred by referral (the rest are repeat
	// business).
	Customers, New, Referred int
	// Lost is how many of them did not come back after this period (the
	// buyer left, or the seller walked away).
	Lost int
	// Deals is how many of the negotiations ended in agreement; Surplus is
	// the seller's surplus summed over them; Costs the acquisition costs
	// paid this period.
	Deals   int
	Surplus float64
	Costs   float64
	// Reputation is the seller's reputation at the end of the period;
	// Reviews the sum of its customers' subjective values this period.
	Reputation, Reviews float64
	// Referrals is how many prospects its customers referred to it,
	// Warnings how many people they warned off it.
	Referrals, Warnings int
}

// A customer is one buyer of a market and its current match.
type customer struct {
	strategy int // the buyer's entrant
	seller   int // its seller; -1 while it has none
	deals    int // deals in the current match
	agents   [2]agents.Agent
	prefs    [2]*agents.Preferences
	frontier *arena.Frontier
	history  [2][]agents.Deal
	dropped  bool // the seller walked away from it in the last deal
}

// An arrival is a buyer looking for a seller at the start of a period.
type arrival struct {
	buyer    int
	referred int // the seller it was referred to and signs with, or -1
	avoid    int // the seller it just left, or -1
}

// sim plays replications, reusing its memory from one to the next.
type sim struct {
	tab       arena.Table
	rep       Replication
	buyers    []customer
	arrivals  []arrival
	next      []arrival
	rep0      []float64 // reputations
	warnings  []int     // warnings per seller, to land next period
	referrals []int     // sellers referred once the prospects ran out, to land next period
	avoided   []bool    // avoided[a·sellers+s]: arrival a was warned off s
	weights   []float64 // softmax scratch
	mix       []float64 // cumulative buyer mix
	src       [3]rand.PCG
	rnd       [3]*rand.Rand
	pool      int
}

// run plays replication k of m into s.rep; false if stop closed first.
func (s *sim) run(m *Market, k int, stop <-chan struct{}) bool {
	p := &m.Params
	sellers := m.Sellers()
	ns := len(sellers)
	s.rep = Replication{Market: k, Sellers: sellers, Periods: p.Periods, Cells: resize(s.rep.Cells, p.Periods*ns)}
	clear(s.rep.Cells)
	for i := range s.rnd {
		if s.rnd[i] == nil {
			s.rnd[i] = rand.New(&s.src[i])
		}
	}
	s.rep0 = resize(s.rep0, ns)
	for i := range s.rep0 {
		s.rep0[i] = p.Prior
	}
	s.warnings = resize(s.warnings, ns)
	clear(s.warnings)
	s.referrals = s.referrals[:0]
	s.weights = resize(s.weights, ns)
	s.mix = s.mix[:0]
	acc := 0.0
	for e := range m.Entrants {
		w := 1.0
		if p.Mix != nil {
			w = p.Mix[e]
		}
		acc += w
		s.mix = append(s.mix, acc)
	}
	s.buyers = s.buyers[:0]
	s.arrivals = s.arrivals[:0]
	s.pool = p.Prospects
	for range p.Buyers {
		s.arrivals = append(s.arrivals, arrival{buyer: s.newBuyer(m, k), referred: -1, avoid: -1})
	}
	for t := 0; t < p.Periods; t++ {
		if stopped(stop) {
			return false
		}
		s.arrive(m, k, t)
		s.trade(m, k, t, stop)
		if stopped(stop) {
			return false
		}
	}
	s.rep.Buyers = len(s.buyers)
	return true
}

// newBuyer adds a buyer to the market, its strategy drawn from the mix,
// and returns its index.
func (s *sim) newBuyer(m *Market, k int) int {
	b := len(s.buyers)
	r := arena.NewRand(m.Seed, arena.StreamMarket, uint64(k), uint64(b), 3)
	x := r.Float64() * s.mix[len(s.mix)-1]
	e := 0
	for e < len(s.mix)-1 && x >= s.mix[e] {
		e++
	}
	s.buyers = append(s.buyers, customer{strategy: e, seller: -1})
	return b
}

// arrive brings period t's newcomers, lands last period's warnings on the
// buyers choosing a seller, and matches every arrival with a seller.
func (s *sim) arrive(m *Market, k, t int) {
	p := &m.Params
	ns := len(s.rep.Sellers)
	r := s.rnd[0]
	arena.Reseed(&s.src[0], m.Seed, arena.StreamMarket, uint64(k), uint64(t))
	if t > 0 {
		n := min(poisson(r, p.Nu), s.pool)
		s.pool -= n
		for range n {
			s.arrivals = append(s.arrivals, arrival{buyer: s.newBuyer(m, k), referred: -1, avoid: -1})
		}
	}
	var choosers []int32
	for a := range s.arrivals {
		if s.arrivals[a].referred < 0 {
			choosers = append(choosers, int32(a))
		}
	}
	// Referrals made once the prospects ran out reach people choosing a
	// seller this period, uniformly: one who has not been referred yet and
	// did not just leave that seller signs with it with probability ρ.
	for _, i := range s.referrals {
		if len(choosers) == 0 {
			break
		}
		ar := &s.arrivals[choosers[r.IntN(len(choosers))]]
		if ar.referred < 0 && ar.avoid != i && r.Float64() < p.Rho {
			ar.referred = i
		}
	}
	s.referrals = s.referrals[:0]
	// Warnings reach people choosing a seller this period, uniformly.
	s.avoided = resize(s.avoided, len(s.arrivals)*ns)
	clear(s.avoided)
	for i, w := range s.warnings {
		for range w {
			if len(choosers) == 0 {
				break
			}
			a := choosers[r.IntN(len(choosers))]
			s.avoided[int(a)*ns+i] = true
		}
	}
	clear(s.warnings)
	s.next = s.next[:0]
	for a, ar := range s.arrivals {
		seller, cost := ar.referred, p.CostRef
		var c *Cell
		if seller < 0 {
			avoid := s.avoided[a*ns : (a+1)*ns]
			if ar.avoid >= 0 {
				avoid[ar.avoid] = true
			}
			seller = choose(s.rep0, p.Tau, avoid, r.Float64(), s.weights)
			if seller < 0 {
				// Nobody left to choose: the buyer sits this period out
				// and chooses afresh next period.
				s.next = append(s.next, arrival{buyer: ar.buyer, referred: -1, avoid: -1})
				continue
			}
			cost = p.CostNew
			c = s.rep.Cell(t, seller)
			c.New++
		} else {
			c = s.rep.Cell(t, seller)
			c.Referred++
		}
		c.Costs += cost
		s.match(m, k, ar.buyer, seller)
	}
	s.arrivals, s.next = s.next, s.arrivals
}

// match starts buyer b's relationship with seller i: fresh agents on both
// sides, the match's own preferences.
func (s *sim) match(m *Market, k, b, i int) {
	c := &s.buyers[b]
	c.seller, c.deals, c.dropped = i, 0, false
	c.history = [2][]agents.Deal{c.history[0][:0], c.history[1][:0]}
	pr := arena.PrefsRand(m.Seed, arena.StreamMarket, uint64(k), uint64(b), uint64(i))
	for r := range c.prefs {
		c.prefs[r] = arena.Jitter(m.Scenario.Prefs[r], pr, m.Jitter)
	}
	c.frontier = arena.NewFrontier(m.Scenario.Domain, c.prefs[0], c.prefs[1])
	c.agents[0] = newAgent(m.Entrants[s.rep.Sellers[i]])
	c.agents[1] = newAgent(m.Entrants[c.strategy])
}

// trade plays period t: every buyer with a seller makes one deal with it,
// reviews it, tells others, and comes back or not.
func (s *sim) trade(m *Market, k, t int, stop <-chan struct{}) {
	p := &m.Params
	ns := len(s.rep.Sellers)
	fate := s.rnd[2]
	for b := range s.buyers {
		c := &s.buyers[b]
		if c.seller < 0 {
			continue
		}
		i := c.seller
		cell := s.rep.Cell(t, i)
		cell.Customers++
		for r := range 2 {
			arena.Reseed(&s.src[r], m.Seed, arena.StreamMarket, uint64(k), uint64(t), uint64(b), uint64(r))
		}
		arena.Reseed(&s.src[2], m.Seed, arena.StreamMarket, uint64(k), uint64(t), uint64(b), 2)
		prefs, fr := c.prefs, c.frontier
		if m.PeriodJitter > 0 {
			pr := arena.PrefsRand(m.Seed, arena.StreamMarket, uint64(k), uint64(b), uint64(i), uint64(c.deals)+1)
			prefs = [2]*agents.Preferences{arena.Jitter(c.prefs[0], pr, m.PeriodJitter), arena.Jitter(c.prefs[1], pr, m.PeriodJitter)}
			fr = arena.NewFrontier(m.Scenario.Domain, prefs[0], prefs[1])
		}
		seller := arena.Party{Agent: c.agents[0], Prefs: prefs[0], Rand: s.rnd[0], History: c.history[0]}
		buyer := arena.Party{Agent: c.agents[1], Prefs: prefs[1], Rand: s.rnd[1], History: c.history[1]}
		setup := arena.Setup{Domain: m.Scenario.Domain, Deadline: m.Deadline, Opener: m.Opener.Opener(c.deals), Period: c.deals, Stop: stop}
		out := s.tab.Negotiate(setup, &seller, &buyer)
		c.history = [2][]agents.Deal{seller.History, buyer.History}
		c.deals++
		s.rep.Negotiations++
		if out.Fault != nil {
			s.rep.Faults++
		}
		a := arena.Analyze(fr, &out, [2]float64{prefs[0].Reservation, prefs[1].Reservation}, &m.Model)
		feel := m.Model.Feel(&out, &a)
		sv := feel[agents.Buyer].SV
		if out.Agreed {
			cell.Deals++
			cell.Surplus += out.Surplus[agents.Seller]
		}
		cell.Reviews += sv
		s.rep0[i] = (1-p.Omega)*s.rep0[i] + p.Omega*sv
		// The buyer comes back by the stay curve; the seller keeps it
		// unless it walked away itself.
		stays := fate.Float64() < feel[agents.Buyer].Stay
		walked := !out.Agreed && out.WalkAway && out.EndedBy == agents.Seller
		switch {
		case sv > p.ReferAbove:
			n := poisson(fate, p.Lambda*sv)
			cell.Referrals += n
			for range n {
				if s.pool == 0 {
					// No one is left outside the market: the referral
					// reaches someone choosing a seller next period.
					s.referrals = append(s.referrals, i)
					continue
				}
				s.pool--
				nb := s.newBuyer(m, k)
				c = &s.buyers[b] // newBuyer may move the slice
				if fate.Float64() < p.Rho {
					s.arrivals = append(s.arrivals, arrival{buyer: nb, referred: i, avoid: -1})
				} else {
					s.arrivals = append(s.arrivals, arrival{buyer: nb, referred: -1, avoid: -1})
				}
			}
		case sv < p.WarnBelow:
			n := poisson(fate, p.Mu*(1-sv))
			cell.Warnings += n
			s.warnings[i] += n
		}
		if !stays || walked {
			cell.Lost++
			c.seller = -1
			for _, a := range c.agents { // the relationship is over: its agents play no more
				arena.Release(a)
			}
			c.agents = [2]agents.Agent{}
			s.arrivals = append(s.arrivals, arrival{buyer: b, referred: -1, avoid: i})
		}
	}
	for i := range ns {
		s.rep.Cell(t, i).Reputation = s.rep0[i]
	}
}

// choose draws a seller by softmax over reputation rep with temperature
// tau, among those avoid does not mark, from the uniform draw u in [0,1):
// seller i with probability exp(rep_i/tau) / Σ_eligible exp(rep_j/tau).
// It returns -1 when every seller is avoided. w is scratch of len(rep).
func choose(rep []float64, tau float64, avoid []bool, u float64, w []float64) int {
	top := math.Inf(-1)
	for i, x := range rep {
		if !avoid[i] && x > top {
			top = x
		}
	}
	if math.IsInf(top, -1) {
		return -1
	}
	sum := 0.0
	for i, x := range rep {
		w[i] = 0
		if !avoid[i] {
			w[i] = math.Exp((x - top) / tau)
		}
		sum += w[i]
	}
	x := u * sum
	last := -1
	for i := range rep {
		if w[i] == 0 {
			continue
		}
		last = i
		if x < w[i] {
			return i
		}
		x -= w[i]
	}
	return last // rounding
}

// Probabilities returns the softmax choice probabilities over reputations
// rep with temperature tau, avoided sellers excluded (nil avoids none):
// what a newcomer's choice draws from.
func Probabilities(rep []float64, tau float64, avoid []bool) []float64 {
	if avoid == nil {
		avoid = make([]bool, len(rep))
	}
	w := make([]float64, len(rep))
	if choose(rep, tau, avoid, 0, w) < 0 {
		return w
	}
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	for i := range w {
		w[i] /= sum
	}
	return w
}

// poisson draws from a Poisson distribution of the given mean: Knuth's
// product of uniforms, in pieces of mean at most 30 (a sum of independent
// Poisson draws is Poisson), so large means neither underflow nor lose
// exactness.
func poisson(r *rand.Rand, mean float64) int {
	n := 0
	for mean > 0 {
		part := math.Min(mean, 30)
		mean -= part
		l, prod := math.Exp(-part), r.Float64()
		for prod > l {
			n++
			prod *= r.Float64()
		}
	}
	return n
}

// newAgent makes an entrant's agent; one that cannot be made fails its
// negotiations, not the run.
func newAgent(e arena.Entrant) (a agents.Agent) {
	defer func() {
		if p := recover(); p != nil {
			err := fmt.Errorf("market: creating %s: panic: %v", e.Name, p)
			a = agents.AgentFunc(func(*agents.View) agents.Move { panic(&agents.Failure{Err: err}) })
		}
	}()
	a = e.New()
	if a == nil {
		err := fmt.Errorf("market: creating %s: constructor returned nil", e.Name)
		a = agents.AgentFunc(func(*agents.View) agents.Move { panic(&agents.Failure{Err: err}) })
	}
	return a
}

func stopped(stop <-chan struct{}) bool {
	if stop == nil {
		return false
	}
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

// resize returns s with length n, reusing its memory when it can.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
