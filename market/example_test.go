package market_test

import (
	"fmt"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/market"
)

// Two sellers who always name the same price, and buyers who accept any
// price a seller names: the seller whose price feels fair to its buyers
// keeps them, gets referrals and the better reputation; the one that takes
// almost everything loses most of its customers to it.
func Example() {
	m := market.Market{
		Scenario: priceDomain(),
		Entrants: []arena.Entrant{fixed(5), fixed(9)},
		Params:   market.DefaultParams(),
		Deadline: 5, Opener: arena.SellerOpens, Model: arena.DefaultModel(), Seed: 1,
	}
	m.Params.Buyers, m.Params.Prospects, m.Params.Periods = 200, 100, 10
	rep, err := m.Replicate(0)
	if err != nil {
		panic(err)
	}
	for i, e := range rep.Sellers {
		first, last := rep.Cell(0, i), rep.Cell(rep.Periods-1, i)
		fmt.Printf("%s: buyers' SV %.2f, customers %d → %d, reputation %.2f\n", m.Entrants[e].Name,
			feel(&m, []int{5, 9}[e])[agents.Buyer].SV, first.Customers, last.Customers, last.Reputation)
	}
	// Output:
	// fixed-5: buyers' SV 1.00, customers 98 → 280, reputation 1.00
	// fixed-9: buyers' SV 0.34, customers 102 → 20, reputation 0.33
}
