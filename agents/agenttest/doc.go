// Package agenttest is a kit for testing a winwin agent, in the spirit of
// testing/slogtest and testing/fstest: it drives any agents.Agent through
// negotiations and says, in words, where it breaks the rules.
//
// It has two tools.
//
// # Exact moves against a script: VersusTest
//
// A Versus negotiation pits the agent against an opponent that replays a
// fixed list of moves, and lists the moves the agent must make, exactly,
// in a compact notation (see Format):
//
//	func TestOpening(t *testing.T) {
//		agenttest.VersusTest(t, func() agents.Agent { return &MyAgent{} }, agenttest.Versus{
//			Scenario: agenttest.Scenario("car"),
//			Opponent: agenttest.Script("offer[0 2] flinch", "offer[1 2]"),
//			Want:     []string{"offer[4 0]", "offer[4 0]", "offer[3 0]"},
//		})
//	}
//
// A mismatch reports the round, the opponent's move the agent was
// answering, what it did and what was wanted, with the negotiation so far.
// These tests pin a strategy down: change its behaviour and they tell you
// exactly what changed.
//
// # Rules every agent must keep: Conformance and Check
//
// Conformance(t, newAgent) plays the agent against a panel of partners —
// a hardliner, Boulware, linear and Conceder time-dependent negotiators, a
// tactician that anchors, flinches, discloses and walks away, a random
// bidder, and partners that give everything away or accept anything — on
// the kit's small scenarios (see Scenario), in both roles, with several
// seeds, two deals per relationship, and checks that
//
//   - every move is valid: an offer picks an existing option of every
//     issue, an acceptance answers an offer, and the agent never panics
//     (valid-moves);
//   - it never accepts a deal worth less than its reservation value
//     (reservation), unless Options.MayAcceptBelowReservation says its
//     documentation explains why;
//   - the same seed gives the same moves (deterministic);
//   - two agents share no state: playing turn about with another agent, or
//     at the same time in other goroutines as a tournament's workers do,
//     each plays as it does alone (independent);
//   - it does not modify the View it is given (read-only-view);
//   - it survives the edge cases: a one-round deadline (one-round), issues
//     with a single option and a domain with one possible outcome worth
//     less than walking away (single-option), a partner that walks away at
//     once (partner-walks-away), and a partner that breaks the rules, which
//     the arena must blame on the partner while the agent plays on
//     (partner-breaks-rules).
//
// Each check is a subtest, so a failure names its rule; its message says
// in which negotiation and round the rule was first broken, what the agent
// did, against what, and how agents usually fix it. Every built-in
// strategy passes the same suite.
//
// Check is the same suite without a testing.T: it returns a Report that
// Report.Write prints for a person, which is what `winwin check-agent`
// shows for an agent written in any language. CheckContext is Check for a
// caller that must stay in control: it stops when its context ends (a
// time limit, Ctrl-C), reports each check as it starts and ends through
// Options.Progress, stops a check after Options.StopAfter identical faults
// in a row (an agent that crashes the same way every time need not be
// restarted hundreds of times), and with Options.Pipe words its findings
// in the pipe protocol's terms, with no Go names, for authors of agents in
// other languages.
//
// # Engine
//
// The kit plays through the real engine, arena.Table, so what it checks is
// what a tournament does. That is why this package imports arena while
// package agents must not: agents is the SDK an agent is written against,
// agenttest a harness that drives one. Its partners, though, are written
// here with the SDK alone, so testing a built-in strategy never depends on
// the other built-in strategies.
package agenttest
