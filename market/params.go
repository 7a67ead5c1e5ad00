package market

import (
	"errors"
	"fmt"
)

// Params are the parameters of a market (docs/model.md#word-of-mouth), the
// [market] table of a config. DefaultParams gives the defaults of the
// model; every field has its key.
type Params struct {
	// Markets is the number of independent replications.
	Markets int
	// SellersPerStrategy is the number of sellers each entrant fields.
	SellersPerStrategy int
	// Buyers is the number of buyers in the market at the start, each
	// choosing a seller in period 0; Prospects the people outside it
	// whom newcomers and referrals draw from (the market grows to at
	// most Buyers + Prospects).
	Buyers, Prospects int
	// Periods is the market's horizon: every customer makes one deal a
	// period.
	Periods int
	// Mix weighs the buyers' strategies, by entrant index; nil means the
	// entrants uniformly.
	Mix []float64
	// Omega is the weight of a new review in a seller's reputation, an
	// exponentially weighted average that starts at Prior.
	Omega, Prior float64
	// A buyer whose subjective value of a deal is above ReferAbove refers
	// Poisson(Lambda·SV) prospects to its seller, each of whom signs with
	// probability Rho (else chooses like a newcomer; once the prospects
	// ran out, a referral reaches a buyer choosing a seller); one below WarnBelow
	// warns Poisson(Mu·(1−SV)) people choosing a seller off it.
	ReferAbove, Lambda, Rho float64
	WarnBelow, Mu           float64
	// Nu is the mean number of newcomers a period, Poisson(Nu), drawn
	// from the prospects.
	Nu float64
	// Tau is the temperature of the softmax over reputation by which
	// newcomers and switchers choose a seller.
	Tau float64
	// CostNew is what a seller pays for a customer won by choice, CostRef
	// for one won by referral; repeat business costs nothing.
	CostNew, CostRef float64
}

// DefaultParams returns the defaults (DESIGN §8; docs/model.md#word-of-mouth).
func DefaultParams() Params {
	return Params{
		Markets: 20, SellersPerStrategy: 1, Buyers: 1000, Prospects: 500, Periods: 50,
		Omega: 0.2, Prior: 0.5,
		ReferAbove: 0.6, Lambda: 0.15, Rho: 0.8,
		WarnBelow: 0.3, Mu: 0.1,
		Nu: 5, Tau: 0.1, CostNew: 0.1, CostRef: 0,
	}
}

// Validate checks the parameters for a market of n entrants.
func (p *Params) Validate(n int) error {
	switch {
	case p.Markets < 1 || p.SellersPerStrategy < 1 || p.Buyers < 1 || p.Periods < 1:
		return fmt.Errorf("market: markets, sellers_per_strategy, buyers and periods must be ≥ 1 (got %d, %d, %d, %d)", p.Markets, p.SellersPerStrategy, p.Buyers, p.Periods)
	case p.Prospects < 0 || p.Nu < 0 || p.Lambda < 0 || p.Mu < 0 || p.CostNew < 0 || p.CostRef < 0:
		return errors.New("market: prospects, nu, lambda, mu, c_new and c_ref must be ≥ 0")
	case p.Tau <= 0:
		return fmt.Errorf("market: tau must be > 0 (got %v)", p.Tau)
	}
	for name, x := range map[string]float64{"omega": p.Omega, "prior": p.Prior, "rho": p.Rho, "refer_above": p.ReferAbove, "warn_below": p.WarnBelow} {
		if x < 0 || x > 1 {
			return fmt.Errorf("market: %s must be in [0,1] (got %v)", name, x)
		}
	}
	if p.Mix != nil {
		if len(p.Mix) != n {
			return fmt.Errorf("market: the buyer mix has %d weights for %d entrants", len(p.Mix), n)
		}
		sum := 0.0
		for _, w := range p.Mix {
			if w < 0 {
				return errors.New("market: buyer mix weights must be ≥ 0")
			}
			sum += w
		}
		if sum <= 0 {
			return errors.New("market: the buyer mix gives every strategy weight 0")
		}
	}
	return nil
}
