// Package research answers "when does win-win pay?" (docs/model.md#when-does-win-win-pay)
// with three tools over the tournaments of package arena, and the honest
// statistics they share.
//
//   - [RunSweep] runs a config with a [sweep] table (configs.Sweep): the
//     tournament at every point of one or two keys, every point on the
//     same seed, into one folder with sweep.csv, crossover.csv, charts
//     and a "when does it pay" report.html. Points that differ only in
//     [relationship] keys and periods share one play: the tournament is
//     played once with everyone always coming back (arena.Always), and
//     each relationship is rescored for each point (arena.Rescore), which
//     gives the same records, bit for bit, as playing every point.
//   - [Explain] re-runs a tournament on its seeds with learning off,
//     partners never leaving and tactic costs off, and gives each
//     strategy's long-run effect of each with its paired confidence
//     interval (`winwin explain`).
//   - [Replicate] runs the replicator dynamics over a run's long-run
//     payoff matrix ([Payoffs], from pairs.csv) to its rest point, from
//     the starts of [Starts] (`winwin evolve`).
//
// Every figure with an interval comes from [Clusters]: each strategy's
// payoffs summed by cluster of relationships, so that a self-play
// relationship, and the relationships of every pair that share its
// preference draws, count once; differences between strategies, between
// a run and its counterfactual, and between the win-win strategies and
// the hard bargainers are paired by cluster. A difference whose interval
// holds zero is not a finding ([Separated]).
//
// A point's figures come from a results.Aggregate and a Clusters, both
// of which merge exactly, so a point can be split across machines and
// merged again without changing a bit: [SweepJob] is a sweep as a task
// list of relationships (its plays' one after the other) with a state of
// one aggregate per point, which package runfolder shards, checkpoints
// and merges.
package research
