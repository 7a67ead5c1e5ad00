// Package arena is where winwin's negotiators meet: the protocol of one
// negotiation, the analysis of its outcome, repeat business between the
// same two sides, and tournaments of many such relationships.
//
// # One negotiation
//
// A [Table] runs alternating offers between two [Party] values — an agent,
// its private preferences, its random source and its history with this
// partner — under a [Setup] (domain, deadline in rounds, who opens):
//
//	var table arena.Table
//	out := table.Negotiate(arena.Setup{Domain: d, Deadline: 20, Opener: agents.Seller},
//		&arena.Party{Agent: seller, Prefs: sp, Rand: arena.NewRand(seed, 0)},
//		&arena.Party{Agent: buyer, Prefs: bp, Rand: arena.NewRand(seed, 1)})
//
// The [Outcome] says whether and how it ended, what each side got, which
// tactics each used — tagged by the agent or detected by the table (an
// opening below the partner's walk-away point is an extreme anchor, an
// offer worse for the partner than one's own previous offer a retraction)
// — and, with Setup.Record, every move. A panic or an invalid move loses
// that negotiation as a [Fault] of the side that made it. A Table reuses
// its memory: after the first negotiation its round loop allocates
// nothing.
//
// # What the outcome was worth
//
// [NewFrontier] computes the Pareto frontier of a scenario without
// enumerating the outcome space (issue by issue: the frontier of issues
// 1..k is the Pareto filter of the frontier of 1..k−1 plus the options of
// issue k), exactly, or thinned to a stated utility tolerance where it
// would explode. [Analyze] places an outcome against it: joint surplus,
// Nash product, distances to the frontier and to the Nash point, value
// left on the table, and the article's class (win-win, win-lose,
// lose-lose; [Classify]).
//
// # Repeat business
//
// A [Relationship] is the same seller and buyer dealing period after
// period. After each deal a [Model] turns the outcome into each side's
// subjective value ([Feeling]: outcome, self, process, relationship) and
// that into the chance that it comes back; the relationship goes on while
// both do. Its record carries every deal and the long-run payoff
// Σ δ^t · surplus_t.
//
// # Tournaments
//
// A [Tournament] plays Relationships for every ordered pair of entrants on
// a pool of workers and hands each finished [RelationshipRecord] to a
// [Collector] of a [Sink] (package results aggregates them). Every random
// draw comes from [NewRand] seeded by the run seed and the task's identity
// (pair, relationship, side) — never from scheduling — so a tournament
// gives the same results for any number of workers.
package arena
