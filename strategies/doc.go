// Package strategies holds winwin's built-in negotiators: the tactics of the
// win-win negotiation article (hard anchoring, integrative bargaining,
// flinching, walk-away discipline, unbundling) and the classic baselines of
// automated negotiation (the time-dependent family, tit-for-tat,
// HardHeaded, random). Each is registered with its parameters in an
// explicit registry (All, Lookup, Factory).
//
// # What a strategy is
//
// A strategy is an agents.Agent: its Act method is given an agents.View
// (the domain, its own preferences, the clock, the partner's last move,
// the history of the relationship) and returns its move, an offer, an
// acceptance or a walk-away, with tags and a line to say. The arena makes
// one agent for each side of each relationship and keeps it through the
// relationship's negotiations, so an agent may learn about its partner
// from one deal to the next. Two rules keep tournaments reproducible and
// fast: an agent draws randomness only from View.Rand, and once it has
// made its buffers (on its first move) a move allocates nothing.
//
// A Spec registers a strategy: its Name (as configs and the command line
// write it), a one-line Summary for `winwin strategies`, its Tactic and
// Counter in plain words for reports and coaching, its Params (name,
// default, allowed range) and New, which makes a fresh agent from resolved
// parameter values. Spec.Resolve fills in defaults and checks overrides;
// Factory does both and returns a constructor.
//
// # Where things are
//
// Each strategy's file holds its type, its constructor and its Spec:
//
//	hardanchorer.go  hard-anchorer          anchors, concedes late, no trade-offs
//	integrative.go   integrative            learns the partner, logrolls, aims at a fair deal
//	flincher.go      flincher               recoils at first offers
//	walkaway.go      walk-away-disciplined  never below its BATNA, walks away
//	unbundler.go     unbundler              takes a bundle apart near agreement
//	timedep.go       boulware, linear, conceder, hardliner: one type, four exponents
//	titfortat.go     tit-for-tat            mirrors the partner's concessions
//	hardheaded.go    hardheaded             ANAC 2011 winner: late, above a floor
//	random.go        random                 the noise baseline
//
// The strategies of a family share an engine, each in a file named for it:
//
//	pace.go    the article strategies' engine: an offer ladder from
//	           agents.OfferSearch, learning (a frequency model of the
//	           partner kept for the relationship), conceding without taking
//	           anything back, holding, re-pricing an unbundle; and the lines
//	           the article strategies speak
//	bidder.go  the baselines' engine (time-dependent, tit-for-tat,
//	           HardHeaded): a tally of the partner's offers, the offer
//	           ladder built from it, and AC_next acceptance, all without
//	           allocating in the round loop
//
// registry.go holds the one ordered list of built-in strategies, and
// Register, by which a program embedding winwin adds its own. The order
// of the list is output: it is the order of `winwin strategies`, of a
// tournament's entrants and of the charts' colours.
//
// # Adding a strategy
//
// A new strategy, say "stubborn", takes one new file, one line in the
// registry and its tests. The file, stubborn.go, holds its type (with a
// doc comment that says its tactic and its counter-tactic), its Act
// method and its Spec; built on the engine of its family, embedding pace
// or bidder, it need not write its own ladder:
//
//	// stubborn is the strategy "stubborn": …
//	type stubborn struct {
//		bidder
//		e float64
//	}
//
//	// Act makes the stubborn negotiator's move.
//	func (a *stubborn) Act(v *agents.View) agents.Move {
//		a.begin(v)
//		a.observe(v)
//		return a.respond(v, agents.TargetUtility(v.Time(), a.e, a.pmin, a.pmax))
//	}
//
//	// stubbornSpec registers stubborn (listed in registry.go).
//	var stubbornSpec = Spec{
//		Name:    "stubborn",
//		Summary: "…",
//		Tactic:  "…",
//		Counter: "…",
//		Params:  []Param{{Name: "e", Doc: "…", Default: 0.1, Min: 0.01, Max: 1}},
//		New:     func(p Params) agents.Agent { return &stubborn{e: p["e"]} },
//	}
//
// Then:
//
//  1. Add stubbornSpec to the list in registry.go, at the end of its
//     family: an entry in the middle would move every later strategy's
//     place and colour.
//  2. Write stubborn_test.go: scripted tests that play it against an
//     opponent replaying fixed moves and assert its exact moves with
//     agenttest.VersusTest, on the small scenarios of scenarios_test.go
//     (carScenario, copierScenario), each with a comment that derives the
//     expected moves by hand. VersusTest returns what happened, for what
//     the notation leaves out (what a move says, the deal).
//  3. Run go test ./strategies. The property tests (property_test.go) and
//     the conformance test (conformance_test.go) iterate over the registry
//     and pick the new strategy up without an edit: valid moves and no
//     panic against every registered partner and on edge cases, the same
//     moves from the same seeds, never accepting below its reservation
//     value, and whole negotiations that allocate nothing.
//
// The output of a run changes with a new strategy (it is a new entrant);
// goldens that list the strategies must then be updated on purpose.
package strategies
