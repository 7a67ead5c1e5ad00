package market_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/market"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/strategies"
)

// priceDomain is one issue of 11 prices, the seller preferring the high
// ones, both sides walking away below 0.2.
func priceDomain() arena.Scenario {
	const n = 11
	is := agents.Issue{Name: "price"}
	for k := range n {
		is.Options = append(is.Options, fmt.Sprint(k))
	}
	return arena.Scenario{Domain: &agents.Domain{Name: "p", Issues: []agents.Issue{is}}, Prefs: [2]*agents.Preferences{
		{Weights: []float64{1}, Values: [][]float64{agents.Linear(n, true)}, Reservation: 0.2},
		{Weights: []float64{1}, Values: [][]float64{agents.Linear(n, false)}, Reservation: 0.2},
	}}
}

// fixed enters an agent that proposes price k and accepts any offer, so
// every deal is price k and feels the same.
func fixed(k int) arena.Entrant {
	return arena.Entrant{Name: fmt.Sprintf("fixed-%d", k), New: func() agents.Agent {
		o := agents.Offer{k}
		return agents.AgentFunc(func(v *agents.View) agents.Move {
			if v.Last.Kind == agents.MoveOffer {
				return agents.Accept(0)
			}
			return agents.Propose(o, 0)
		})
	}}
}

// feel returns how the deal at price k feels to both sides.
func feel(m *market.Market, k int) [2]arena.Feeling {
	p := m.Scenario.Prefs
	o := agents.Offer{k}
	out := arena.Outcome{Agreed: true, Offer: o}
	for r := range 2 {
		out.Utility[r] = p[r].Utility(o)
		out.Surplus[r] = out.Utility[r] - p[r].Reservation
	}
	a := arena.Analyze(arena.NewFrontier(m.Scenario.Domain, p[0], p[1]), &out, [2]float64{p[0].Reservation, p[1].Reservation}, &m.Model)
	return m.Model.Feel(&out, &a)
}

// quiet returns a market of fixed-price sellers with word of mouth,
// newcomers and churn off: every parameter a test turns on is its own.
func quiet(entrants ...arena.Entrant) market.Market {
	p := market.DefaultParams()
	p.Markets, p.Buyers, p.Prospects, p.Periods = 20, 100, 0, 6
	p.Lambda, p.Mu, p.Nu = 0, 0, 0
	model := arena.DefaultModel()
	model.PLow, model.PHigh = 1, 1
	return market.Market{Scenario: priceDomain(), Entrants: entrants, Params: p, Deadline: 5, Model: model, Seed: 7, Workers: 2}
}

// collect is a sink that keeps a copy of every replication.
type collect struct{ reps []market.Replication }

func (c *collect) Add(r *market.Replication) {
	cp := *r
	cp.Cells = append([]market.Cell(nil), r.Cells...)
	c.reps = append(c.reps, cp)
}

func run(t *testing.T, m *market.Market) []market.Replication {
	t.Helper()
	var c collect
	n, err := m.Run(context.Background(), &c)
	if err != nil || n != m.Params.Markets {
		t.Fatalf("ran %d of %d markets: %v", n, m.Params.Markets, err)
	}
	return c.reps
}

// within fails unless want lies in the 99% confidence interval of the
// mean of xs (99% rather than 95%: a test checks several figures, and
// each would miss a true value one time in twenty).
func within(t *testing.T, what string, xs []float64, want float64) {
	t.Helper()
	var s results.Stat
	for _, x := range xs {
		s.Add(x)
	}
	half := 2.576 * s.SD() / math.Sqrt(float64(s.N()))
	lo, hi := s.Mean()-half, s.Mean()+half
	if !(want >= lo && want <= hi) {
		t.Errorf("%s: simulated %.4f [%.4f, %.4f] (99%% CI over %d markets), closed form %.4f", what, s.Mean(), lo, hi, s.N(), want)
	}
}

// With referrals, newcomers and churn off, every seller keeps the
// customers it won in period 0, period after period.
func TestCustomerBaseConstant(t *testing.T) {
	m := quiet(fixed(4), fixed(5), fixed(6))
	m.Params.Mu = 0.5 // warnings land on nobody: no one is choosing
	for _, rep := range run(t, &m) {
		total := 0
		for i := range rep.Sellers {
			c0 := rep.Cell(0, i).Customers
			total += c0
			for tt := 1; tt < rep.Periods; tt++ {
				c := rep.Cell(tt, i)
				if c.Customers != c0 || c.New != 0 || c.Referred != 0 || c.Lost != 0 {
					t.Fatalf("market %d seller %d period %d: %+v, want %d customers and no movement", rep.Market, i, tt, *c, c0)
				}
			}
		}
		if total != m.Params.Buyers {
			t.Fatalf("market %d: %d customers, want %d", rep.Market, total, m.Params.Buyers)
		}
	}
}

// With a fixed subjective value s above refer_above and no churn, each
// customer brings Poisson(λs) prospects a period, all of whom end up with
// the only seller: the customer base grows as a branching process,
// E[C_t] = C_0·(1 + λs)^t, and E[referred signed] = ρ·λs·Σ_{t<T−1} E[C_t].
func TestReferralsBranch(t *testing.T) {
	m := quiet(fixed(6))
	m.Params.Markets, m.Params.Buyers, m.Params.Prospects, m.Params.Periods = 400, 50, 1_000_000, 8
	m.Params.Lambda = 0.15
	sv := feel(&m, 6)[agents.Buyer].SV
	if sv <= m.Params.ReferAbove {
		t.Fatalf("SV %.3f does not refer", sv)
	}
	g := 1 + m.Params.Lambda*sv
	reps := run(t, &m)
	for _, tt := range []int{1, 4, m.Params.Periods - 1} {
		var xs []float64
		for _, r := range reps {
			xs = append(xs, float64(r.Cell(tt, 0).Customers))
		}
		within(t, fmt.Sprintf("customers in period %d", tt), xs, float64(m.Params.Buyers)*math.Pow(g, float64(tt)))
	}
	var xs []float64
	want := 0.0
	for tt := 0; tt < m.Params.Periods-1; tt++ {
		want += m.Params.Rho * m.Params.Lambda * sv * float64(m.Params.Buyers) * math.Pow(g, float64(tt))
	}
	for _, r := range reps {
		n := 0
		for tt := range r.Periods {
			n += r.Cell(tt, 0).Referred
		}
		xs = append(xs, float64(n))
	}
	within(t, "customers signed by referral", xs, want)
}

// With acquisition cost c for a customer won by choice, stay probability
// p and no word of mouth, N customers are won in period 0 and N(1−p) are
// won back by a rival each later period: the discounted cost of the
// customer base is c·N·(1 + (1−p)·Σ_{t=1}^{T−1} δ^t).
func TestAcquisitionCost(t *testing.T) {
	for _, p := range []float64{0.5, 0.8} {
		t.Run(fmt.Sprint(p), func(t *testing.T) {
			m := quiet(fixed(5), fixed(6))
			m.Params.Markets, m.Params.Buyers = 100, 200
			m.Model.PLow, m.Model.PHigh = p, p
			m.Params.CostNew = 0.1
			want, d := 1.0, 1.0
			for range m.Params.Periods - 1 {
				d *= m.Model.Discount
				want += (1 - p) * d
			}
			want *= m.Params.CostNew * float64(m.Params.Buyers)
			var xs, lost []float64
			for _, r := range run(t, &m) {
				cost, d, l := 0.0, 1.0, 0
				for tt := range r.Periods {
					for i := range r.Sellers {
						cost += d * r.Cell(tt, i).Costs
						l += r.Cell(tt, i).Lost
					}
					d *= m.Model.Discount
				}
				xs = append(xs, cost)
				lost = append(lost, float64(l))
			}
			within(t, "discounted acquisition costs", xs, want)
			within(t, "customers lost", lost, float64(m.Params.Buyers*m.Params.Periods)*(1-p))
		})
	}
}

// A replication's outcome depends on the seed and its index alone: the
// tables are byte-identical for any number of workers.
func TestDeterministicAcrossWorkers(t *testing.T) {
	var names []string
	var es []arena.Entrant
	for _, n := range []string{"hard-anchorer", "integrative", "boulware"} {
		f, err := strategies.Factory(n, nil)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
		es = append(es, arena.Entrant{Name: n, Strategy: n, New: f})
	}
	tables := func(workers int) string {
		m := quiet(es...)
		m.Scenario = priceDomain()
		m.Params = market.DefaultParams()
		m.Params.Markets, m.Params.Buyers, m.Params.Prospects, m.Params.Periods, m.Params.SellersPerStrategy = 6, 40, 30, 8, 2
		m.Model = arena.DefaultModel()
		m.Jitter, m.PeriodJitter = 0.1, 0.05
		m.Deadline = 20
		m.Workers = workers
		agg := results.NewMarketAggregate(names, m.Sellers(), m.Params.Periods, m.Model.Discount)
		if _, err := m.Run(context.Background(), agg); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := results.WriteMarketCSV(&b, agg.Rows()); err != nil {
			t.Fatal(err)
		}
		if err := results.WriteMarketSummaryCSV(&b, agg.Summary()); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	one := tables(1)
	for _, w := range []int{3, 8} {
		if got := tables(w); got != one {
			t.Fatalf("tables with %d workers differ from those with 1", w)
		}
	}
}

// An interrupted market keeps the replications that finished and
// discards the one it was playing.
func TestInterrupted(t *testing.T) {
	m := quiet(fixed(5), fixed(6))
	m.Params.Markets, m.Workers = 50, 1
	ctx, cancel := context.WithCancel(context.Background())
	var c collect
	m.Progress = func(done, total int) {
		if done == 3 {
			cancel()
		}
	}
	n, err := m.Run(ctx, &c)
	if err == nil || n != 3 || len(c.reps) != 3 {
		t.Fatalf("got %d markets, %d kept, error %v; want 3 and context.Canceled", n, len(c.reps), err)
	}
}

// The replication is the unit of work: aggregates of any split of the
// replications, merged in any order, give the same tables as one
// aggregate of them all.
func TestAggregateMergesExactly(t *testing.T) {
	m := quiet(fixed(4), fixed(6))
	m.Params.Lambda, m.Params.Mu, m.Params.Nu, m.Params.Prospects = 0.2, 0.3, 2, 50
	m.Model.PLow, m.Model.PHigh = 0.3, 0.97
	reps := run(t, &m)
	names := []string{"fixed-4", "fixed-6"}
	agg := func(parts ...[]market.Replication) string {
		all := results.NewMarketAggregate(names, m.Sellers(), m.Params.Periods, m.Model.Discount)
		for _, p := range parts {
			a := results.NewMarketAggregate(names, m.Sellers(), m.Params.Periods, m.Model.Discount)
			for i := range p {
				a.Add(&p[i])
			}
			if err := all.MergeMarket(a); err != nil {
				t.Fatal(err)
			}
		}
		var b bytes.Buffer
		results.WriteMarketCSV(&b, all.Rows())
		results.WriteMarketSummaryCSV(&b, all.Summary())
		return b.String()
	}
	whole := agg(reps)
	if got := agg(reps[13:], reps[:5], reps[5:13]); got != whole {
		t.Error("merging three slices of the replications out of order changed the tables")
	}
	// A run's aggregate state (a checkpoint, a shard's) carries its market
	// bit for bit.
	run := results.NewAggregate(names, 1, m.Model.Discount)
	run.Market = results.NewMarketAggregate(names, m.Sellers(), m.Params.Periods, m.Model.Discount)
	for i := range reps {
		run.Market.Add(&reps[i])
	}
	var state bytes.Buffer
	if err := run.WriteState(&state); err != nil {
		t.Fatal(err)
	}
	back, err := results.ReadState(&state)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	results.WriteMarketCSV(&b, back.Market.Rows())
	results.WriteMarketSummaryCSV(&b, back.Market.Summary())
	if b.String() != whole {
		t.Error("the market read back from the aggregate's state gives other tables")
	}
}

// Once no prospect is left outside the market, a referral reaches someone
// choosing a seller: switchers then sign by referral, with the seller
// whose customers are pleased enough to refer, never with one whose are
// not, and at c_ref instead of c_new.
func TestReferralsReachSwitchers(t *testing.T) {
	m := quiet(fixed(5), fixed(9))
	m.Params.Lambda, m.Params.Rho, m.Params.CostRef = 2, 1, 0.01
	m.Opener = arena.SellerOpens // every deal at the seller's price
	m.Model.PLow, m.Model.PHigh = 0.5, 0.5
	if sv := feel(&m, 9)[agents.Buyer].SV; sv > m.Params.ReferAbove {
		t.Fatalf("fixed-9's buyers feel %.2f: they would refer", sv)
	}
	referred := 0
	for _, r := range run(t, &m) {
		for tt := range r.Periods {
			pleased, displeased := r.Cell(tt, 0), r.Cell(tt, 1)
			if displeased.Referred != 0 || displeased.Referrals != 0 {
				t.Fatalf("market %d period %d: the seller nobody refers got %+v", r.Market, tt, *displeased)
			}
			referred += pleased.Referred
			if want := float64(pleased.New)*m.Params.CostNew + float64(pleased.Referred)*m.Params.CostRef; math.Abs(pleased.Costs-want) > 1e-9 {
				t.Fatalf("costs %v, want %v", pleased.Costs, want)
			}
		}
	}
	if referred == 0 {
		t.Error("no switcher signed by referral")
	}
}
