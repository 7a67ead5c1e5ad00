// Package market simulates the article's second channel of win-win
// business: a satisfied customer comes back *and* tells others, while a
// new client costs more than a returning one (docs/model.md#word-of-mouth,
// DESIGN §8). Where a tournament (package arena) pairs strategies in
// isolated relationships, a market lets sellers compete for one population
// of buyers:
//
//   - every entrant fields Params.SellersPerStrategy sellers; Params.Buyers
//     buyers, playing strategies drawn from Params.Mix, each choose one;
//   - each period every buyer with a seller makes one deal with it — an
//     arena relationship, agents keeping what they learn from deal to deal —
//     and comes back by the stay curve of arena.Model (the seller keeps it
//     unless it walked away);
//   - the buyer's subjective value of the deal is a review that moves the
//     seller's public reputation; a pleased buyer refers prospects, who
//     mostly sign with its seller, and a displeased one warns people off;
//   - newcomers and switchers choose a seller by softmax over reputation,
//     never the one they just left nor one they were warned off;
//   - a customer won by choice costs the seller Params.CostNew, one won by
//     referral Params.CostRef, repeat business nothing.
//
// Build a Market (configs.Config.MarketRun does it from a [market] table),
// then either Run it, Params.Markets independent replications on Workers
// goroutines, each handed to a Sink as it finishes, or play one
// replication with Replicate:
//
//	m := market.Market{Scenario: sc, Entrants: es, Params: market.DefaultParams(),
//		Deadline: 50, Model: arena.DefaultModel(), Seed: 1}
//	agg := results.NewMarketAggregate(names, m.Sellers(), m.Params.Periods, m.Model.Discount)
//	n, err := m.Run(ctx, agg)
//
// A Replication records, per seller and period, its customers and where
// they came from, the customers it lost, its deals, surplus, acquisition
// costs and reputation (a Cell). results.MarketAggregate folds
// replications into the run folder's market.csv and market-summary.csv,
// with exact sums, so that a replication is the unit of work: replications
// may run on any number of workers or machines and merge to the same
// bytes.
//
// Every random draw comes from a stream of arena.StreamMarket keyed by
// (seed, market, period[, buyer]) — docs/model.md#market-seeding — never
// from scheduling, and a negotiation's generators are reseeded in place
// (arena.Reseed) rather than made anew.
package market
