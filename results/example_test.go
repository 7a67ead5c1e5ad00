package results_test

import (
	"fmt"
	"os"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/results"
)

// record makes a finished relationship in which the seller and buyer earned
// the given surpluses, one pair per period, discounted by δ = 0.9.
func record(pair arena.Pair, index int, surplus ...[2]float64) *arena.RelationshipRecord {
	names := []string{"integrative", "hard-anchorer"}
	r := &arena.RelationshipRecord{Pair: pair, Index: index, Names: [2]string{names[pair.Seller], names[pair.Buyer]}}
	disc := 1.0
	for t, s := range surplus {
		p := arena.PeriodRecord{Period: t}
		p.Outcome.Agreed = true
		p.Outcome.Surplus = s
		r.Periods = append(r.Periods, p)
		for k := range s {
			r.Payoff[k] += disc * s[k]
		}
		disc *= 0.9
	}
	r.OneShot = surplus[0]
	return r
}

// An Aggregate folds finished relationships into per-strategy, per-pair and
// per-period figures; arena.Tournament.Run feeds it through collectors, here
// records are added by hand. Here the hard anchorer takes the larger share
// of every deal and leads on both counts; the period rows follow the
// integrative negotiator's relationships as they end (surplus 0, alive
// share falling) while its cumulative payoff climbs to its long-run payoff.
func Example() {
	agg := results.NewAggregate([]string{"integrative", "hard-anchorer"}, 3, 0.9)
	ih := arena.Pair{Index: 0, Seller: 0, Buyer: 1}
	hi := arena.Pair{Index: 1, Seller: 1, Buyer: 0}
	agg.Add(record(ih, 0, [2]float64{0.3, 0.3}, [2]float64{0.3, 0.3}, [2]float64{0.3, 0.3}))
	agg.Add(record(ih, 1, [2]float64{0.2, 0.4}, [2]float64{0.3, 0.3}))
	agg.Add(record(hi, 0, [2]float64{0.5, 0.1}))
	agg.Add(record(hi, 1, [2]float64{0.6, 0.1}))

	for _, r := range agg.Summary() {
		fmt.Printf("%-13s one-shot %.3f (#%d)  long-run %.3f (#%d)  mean length %.2f\n",
			r.Strategy, r.OneShot.Mean, r.OneShotRank, r.LongRun.Mean, r.LongRunRank, r.Length)
	}
	if err := results.WritePeriodsCSV(os.Stdout, agg.PeriodRows()[:3]); err != nil {
		fmt.Println(err)
	}
	// Output:
	// hard-anchorer one-shot 0.450 (#1)  long-run 0.646 (#1)  mean length 1.75
	// integrative   one-shot 0.175 (#2)  long-run 0.371 (#2)  mean length 1.75
	// strategy,period,relationships,surplus_mean,surplus_sd,surplus_ci_low,surplus_ci_high,cumulative_mean,cumulative_sd,cumulative_ci_low,cumulative_ci_high,alive_share
	// integrative,0,4,0.175000,0.095743,0.022652,0.327348,0.175000,0.095743,0.022652,0.327348,1.000000
	// integrative,1,4,0.150000,0.173205,-0.125608,0.425608,0.310000,0.245900,-0.081281,0.701281,0.500000
	// integrative,2,4,0.075000,0.150000,-0.163683,0.313683,0.370750,0.342562,-0.174343,0.915843,0.250000
}
