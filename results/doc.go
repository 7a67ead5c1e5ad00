// Package results turns a tournament's finished relationships into the
// outputs of a run folder: tidy CSV tables, a JSON manifest and charts.
//
// # Streaming aggregation
//
// An [Aggregate] is an arena.Sink. arena.Tournament.Run gives every task
// its own collector (Aggregate.NewCollector) and merges the collectors
// (Aggregate.Merge) in whatever order the tasks finish. Collectors fold each
// relationship into fixed-size tallies — per ordered pair of entrants, and
// per entrant and period — so memory does not grow with the number of
// negotiations, and keep only bounded lists: the first sampled
// relationships and the first fault notes, "first" meaning the lowest
// (pair, relationship, period) key, never the first to arrive.
//
// Means, standard deviations and confidence intervals come from a [Stat],
// which rounds every value to 2^-32 and sums in exact 128-bit integers.
// Floating-point sums depend on the order of the additions; these do not.
// So a run's figures, tables and charts are byte-identical for any number
// of workers and for any split into shards merged with
// Aggregate.MergeAggregate. Confidence intervals are Student-t intervals of
// the mean: mean ± t(0.975, n−1)·sd/√n, which is 1.96·sd/√n for large n and
// wider, honestly, for small n.
//
// The figures are read as rows: Aggregate.Summary (one [StrategyRow] per
// entrant over both roles, ranked by one-shot and by long-run payoff),
// Aggregate.Roles (the same per role), Aggregate.PairRows ([PairRow]) and
// Aggregate.PeriodRows ([PeriodRow]: surplus, cumulative discounted payoff
// and survival by period).
//
// # Outcome classes
//
// Every negotiation has one outcome class (docs/model.md#outcome-classes):
// win-win, win-lose, lose-win, lose-lose, or no deal with its reason (no
// zone of agreement, walked away, deadline, fault). A strategy's row counts
// them from its own seat, whichever role it played, so that a reader
// learns how often it won: [Outcomes].WonLost is the share of negotiations
// it won while its partner lost (a seller's win-lose, a buyer's lose-win),
// LostWon the reverse. A pair's row counts them from the seller's seat:
// WonLost is the class win-lose. In the tables these are the columns
// win_win_share, won_lost_share and lost_won_share (pairs.csv:
// seller_won_share and buyer_won_share), lose_lose_share, no_deal_share,
// its split by reason no_deal_no_zone_share, no_deal_walked_away_share,
// no_deal_deadline_share and no_deal_fault_share, and no_deal_value_lost,
// the mean per negotiation of the value both sides lost to no deal. The
// five class shares add up to 1, the four reasons to no_deal_share; a no
// deal is never counted as lose-lose.
//
// # Tactics and rounds
//
// summary.csv and roles.csv also count, per strategy, the negotiations in
// which it played each tactic ([TacticCounts]), sent as a tag or detected
// by the arena: anchors (tagged), extreme_anchors_low, _mid and _high (the
// detected extreme anchors by extremity x: below 1/3, below 2/3, and 2/3
// or more, up to an opening worth nothing to the partner), flinches,
// unbundles, retractions, dissatisfied and walk_aways (the negotiations it
// ended by walking away); and mean_rounds_to_deal, the mean rounds of its
// negotiations that ended in a deal. They are integer tallies, so they
// merge exactly.
//
// # Files
//
// [NewRunDir] makes a new folder per run and never reuses one.
// [WriteTables] writes summary.csv, roles.csv, pairs.csv and periods.csv,
// [WriteManifest] writes manifest.json and [WriteCharts] the charts, as PNG
// and SVG. Every file is written atomically ([WriteFileAtomic]): a reader, or
// a run interrupted half-way, never leaves half a file.
//
// The package reads back what it writes: [ReadSummaryCSV], [ReadPairsCSV],
// [ReadPeriodsCSV] and [ReadManifest] take an io.Reader, which a caller
// reading a folder it does not trust opens and caps (package report does).
// Each table's columns are listed once, in csv.go, with the field of the
// row each holds: its writer and its reader both follow that list, so a
// new column is one line there.
//
// # Charts
//
// Six charts tell the story of a run: one-shot against long-run ranking
// with 95% confidence intervals, cumulative long-run payoff by period (how
// win-win play pays over time), relationship survival, a pairwise heat map
// of long-run payoffs, each strategy's outcome classes (in colours
// [ClassColor] gives, which colour-blind readers tell apart), and one sample relationship's outcome space with its
// Pareto frontier, Nash point, reservation values and deals. [Charts] lists
// them, each with its file name, the title and caption the report shows and
// its draw function: the run and the report both follow that table (`go
// doc results.Charts` prints it), and a new chart is one entry in it. A strategy keeps its
// colour, dash and marker in every chart ([Color] gives the colour of
// entrant i), legends sit outside the plotted data, and the same aggregate
// always draws the same bytes. A PNG chart has at most [MaxChartPixels]
// (the heat map of more than about 140 entrants is drawn at a lower DPI;
// its SVG keeps every detail), and the charts [ChartJobs] draws at once
// share that budget, so that drawing charts takes about 100 MB at most
// however wide the tournament.
//
// The package knows nothing of goroutines or configuration files: the
// arena runs the tournament, the configs package reads the TOML, and the
// command ties them together.
package results
