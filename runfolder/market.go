package runfolder

import (
	"context"
	"fmt"

	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/results"
)

// playMarket plays the word-of-mouth market of cfg's [market] table, if
// it has one, into agg.Market, after the tournament: the replications
// that finish are folded in as they do, so an interrupted market keeps
// them. It returns the replications planned (0 without a market) and the
// market's error (ctx's when interrupted).
func playMarket(ctx context.Context, cfg *configs.Config, agg *results.Aggregate, o Options) (int, error) {
	mk, ok, err := cfg.MarketRun()
	if err != nil || !ok {
		return 0, err
	}
	agg.Market = results.NewMarketAggregate(entrantNames(cfg), mk.Sellers(), mk.Params.Periods, cfg.Model.Discount)
	if o.MarketStarted != nil {
		o.MarketStarted(len(mk.Sellers()), mk.Params)
	}
	mk.Progress = o.MarketProgress
	if _, err := mk.Run(ctx, agg.Market); err != nil && ctx.Err() == nil {
		return mk.Params.Markets, fmt.Errorf("market: %w", err)
	}
	return mk.Params.Markets, ctx.Err()
}
