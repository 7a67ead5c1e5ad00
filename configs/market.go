package configs

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/internal/didyoumean"
	"github.com/winwin-sim/winwin/market"
)

// Limits of the [market] settings.
const (
	MaxMarkets            = 100_000
	MaxSellersPerStrategy = 100
	MaxBuyers             = 1_000_000
	MaxMarketPeriods      = 10_000
)

// A marketInt maps one integer [market] key to its field of market.Params.
type marketInt struct {
	key    string
	field  func(*market.Params) *int
	lo, hi int64
}

// A marketNum maps one number [market] key to its field of market.Params.
type marketNum struct {
	key    string
	field  func(*market.Params) *float64
	lo, hi float64
}

// marketInts and marketNums list the [market] keys but buyer_mix, in the
// order of market.Params; docs/model.md#word-of-mouth explains each.
var (
	marketInts = []marketInt{
		{"markets", func(p *market.Params) *int { return &p.Markets }, 1, MaxMarkets},
		{"sellers_per_strategy", func(p *market.Params) *int { return &p.SellersPerStrategy }, 1, MaxSellersPerStrategy},
		{"buyers", func(p *market.Params) *int { return &p.Buyers }, 1, MaxBuyers},
		{"prospects", func(p *market.Params) *int { return &p.Prospects }, 0, MaxBuyers},
		{"periods", func(p *market.Params) *int { return &p.Periods }, 1, MaxMarketPeriods},
	}
	marketNums = []marketNum{
		{"omega", func(p *market.Params) *float64 { return &p.Omega }, 0, 1},
		{"prior", func(p *market.Params) *float64 { return &p.Prior }, 0, 1},
		{"refer_above", func(p *market.Params) *float64 { return &p.ReferAbove }, 0, 1},
		{"lambda", func(p *market.Params) *float64 { return &p.Lambda }, 0, 10},
		{"rho", func(p *market.Params) *float64 { return &p.Rho }, 0, 1},
		{"warn_below", func(p *market.Params) *float64 { return &p.WarnBelow }, 0, 1},
		{"mu", func(p *market.Params) *float64 { return &p.Mu }, 0, 10},
		{"nu", func(p *market.Params) *float64 { return &p.Nu }, 0, 100_000},
		{"tau", func(p *market.Params) *float64 { return &p.Tau }, 0.001, 100},
		{"c_new", func(p *market.Params) *float64 { return &p.CostNew }, 0, 10},
		{"c_ref", func(p *market.Params) *float64 { return &p.CostRef }, 0, 10},
	}
)

// marketKeys returns every key a [market] table may hold.
func marketKeys() []string {
	var keys []string
	for _, k := range marketInts {
		keys = append(keys, k.key)
	}
	for _, k := range marketNums {
		keys = append(keys, k.key)
	}
	return append(keys, "buyer_mix")
}

// market reads the optional [market] table: a run with one plays the
// word-of-mouth market too. It needs the entrants read first (buyer_mix
// names them).
func (c *Config) market(t *table) error {
	mt, err := t.sub("market")
	if err != nil || mt == nil {
		return err
	}
	if err := mt.check(marketKeys()...); err != nil {
		return err
	}
	p := market.DefaultParams()
	for _, k := range marketInts {
		n, err := mt.integer(k.key, int64(*k.field(&p)), k.lo, k.hi)
		if err != nil {
			return err
		}
		*k.field(&p) = int(n)
	}
	for _, k := range marketNums {
		f := k.field(&p)
		if *f, err = mt.number(k.key, *f, k.lo, k.hi); err != nil {
			return err
		}
	}
	mix, err := mt.sub("buyer_mix")
	if err != nil {
		return err
	}
	if mix != nil {
		names := make([]string, len(c.Strategies))
		for i, s := range c.Strategies {
			names[i] = s.Name
		}
		p.Mix = make([]float64, len(names))
		sum := 0.0
		for _, k := range slices.Sorted(maps.Keys(mix.m)) {
			i := slices.Index(names, k)
			if i < 0 {
				msg := fmt.Sprintf("market.buyer_mix: %q is not an entrant", k)
				if s := didyoumean.Closest(k, names); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				return mix.src.errAt(mix.key(k), false, nil, "%s; the mix weighs the entrants' display names: %s", msg, strings.Join(names, ", "))
			}
			if p.Mix[i], err = mix.number(k, 0, 0, 1e6); err != nil {
				return err
			}
			sum += p.Mix[i]
		}
		if sum == 0 {
			return mt.bad("buyer_mix", nil, "gives every strategy weight 0: give at least one entrant a positive weight, or leave buyer_mix out for the entrants uniformly")
		}
	}
	if p.WarnBelow > p.ReferAbove {
		return mt.bad("warn_below", nil, "must not exceed refer_above = %v (a buyer cannot both refer and warn)", p.ReferAbove)
	}
	// Every market in flight holds a frontier per buyer.
	fp := c.Footprint()
	workers := int64(arena.Workers(c.Workers))
	if need := workers * int64(p.Buyers+p.Prospects) * 2 * fp.FrontierBytes; need > MaxMemory {
		return mt.bad("buyers", nil, "with prospects = %d, the %d markets played at once (one per worker) would hold a Pareto frontier per buyer, about %s, more than the %s allowed: lower buyers, prospects or workers",
			p.Prospects, workers, bytesText(need), bytesText(MaxMemory))
	}
	c.Market = &p
	return nil
}

// MarketRun returns the word-of-mouth market the config describes, or
// false when it has no [market] table.
func (c *Config) MarketRun() (market.Market, bool, error) {
	if c.Market == nil {
		return market.Market{}, false, nil
	}
	es, err := c.Entrants()
	if err != nil {
		return market.Market{}, false, err
	}
	return market.Market{
		Scenario: c.Scenario, Entrants: es, Params: *c.Market,
		Deadline: c.Rounds, Opener: c.Opener, Jitter: c.Jitter, PeriodJitter: c.PeriodJitter,
		Model: c.Model, Seed: c.Seed, Workers: c.Workers,
	}, true, nil
}
