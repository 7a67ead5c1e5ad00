package market_test

import (
	"testing"

	"github.com/winwin-sim/winwin/configs"
)

// BenchmarkMarket plays one replication of configs/market.toml's market
// (10 sellers, its 10 strategies as buyers, supply-deal) at a tenth of its
// size per operation — 100 buyers (up to 150) over 50 periods — and
// reports negotiations per second; allocations per negotiation are in
// setup (fresh agents and frontiers for new matches), not in the round
// loop. Run it with
//
//	go test ./market -run '^$' -bench Market -benchmem -cpu 1
func BenchmarkMarket(b *testing.B) {
	data, err := configs.Example("market")
	if err != nil {
		b.Fatal(err)
	}
	cfg, err := configs.Parse(data, "market.toml")
	if err != nil {
		b.Fatal(err)
	}
	m, _, err := cfg.MarketRun()
	if err != nil {
		b.Fatal(err)
	}
	m.Params.Buyers, m.Params.Prospects = 100, 50
	var negotiations int64
	b.ResetTimer()
	for i := range b.N {
		rep, err := m.Replicate(i)
		if err != nil {
			b.Fatal(err)
		}
		negotiations += rep.Negotiations
	}
	b.ReportMetric(float64(negotiations)/b.Elapsed().Seconds(), "negotiations/s")
	b.ReportMetric(float64(negotiations)/float64(b.N), "negotiations/op")
}
