// Package agents is the SDK for writing a winwin negotiator.
//
// # The model in five lines
//
// A [Domain] lists the issues under negotiation (price, delivery, warranty…),
// each with a finite, ordered list of options. An [Offer] picks one option
// index per issue. Each side has private [Preferences]: issue weights that
// sum to 1, a value in [0,1] for every option, and a reservation value — what
// walking away (its BATNA) is worth. Utility is the weighted sum of the
// chosen options' values, so a deal is worth more to you than walking away
// exactly when its utility beats your reservation value.
//
// # Your first agent
//
// An agent is anything with an Act method. The arena calls Act on every turn
// with a [View] of everything you may know, and you return a [Move]: an
// offer, an acceptance or a walk-away. Here is a complete agent that concedes
// linearly from its best offer to its walk-away point and accepts an offer
// at least as good as what it would propose next — but never one worth less
// than walking away:
//
//	type Steady struct {
//		search agents.OfferSearch // finds offers at a target utility
//		next   agents.Offer       // reused buffer: no allocation per turn
//	}
//
//	func (s *Steady) Start(v *agents.View) {
//		s.search.Build(v.Prefs, nil) // the offer ladder for this deal
//	}
//
//	func (s *Steady) Act(v *agents.View) agents.Move {
//		target := agents.TargetUtility(v.Time(), 1, v.Prefs.Reservation, v.Prefs.MaxUtility())
//		var u float64
//		s.next, u = s.search.Find(target, s.next)
//		if v.Last.Kind == agents.MoveOffer {
//			if theirs := v.Prefs.Utility(v.Last.Offer); theirs >= u && theirs >= v.Prefs.Reservation {
//				return agents.Accept(0)
//			}
//		}
//		return agents.Propose(s.next, 0)
//	}
//
// Line by line: [OfferSearch] is a ladder of offers from your best downwards,
// each the best for the partner at its level of your utility (with a nil
// partner model it assumes the partner wants the opposite of you on every
// issue); Start, an optional hook ([Starter]), builds it before each
// negotiation. [TargetUtility] is the classic time-dependent concession
// curve: at relative time 0 it is your best utility, at the deadline your
// reservation value; its exponent (1 here) says whether you concede early
// (>1) or late (<1). [View.Last] is the partner's previous move; if it is an
// offer worth at least what you would propose, take it — unless it is worth
// less than no deal, which can happen when even your best offer is: know
// your walk-away point. Otherwise propose.
//
// # Testing an agent
//
// Package agents/agenttest checks any agent: agenttest.VersusTest asserts
// its exact moves against a scripted opponent, and agenttest.Conformance
// plays it against a panel of partners and checks the rules every built-in
// strategy keeps (valid moves, never below the reservation value, same seed
// same moves, no shared state, edge cases). `winwin new-agent NAME` writes a
// starter agent with those tests and a main.go that builds your own winwin
// with the agent entered; the README's "Write your own agent" walks through
// it.
//
// # What an agent sees
//
// The [View] holds your own preferences (never the partner's), the domain,
// your role, the round and turn, the deadline and the relative time
// ([View.Time]), the partner's last move with its tactic [Tag]s (and
// [View.LastValue], what its offer is worth to you), every move
// of this negotiation ([View.Moves]), your history with this partner across
// earlier deals ([View.History]), and a seeded random source ([View.Rand]) —
// use it and never global randomness, so every run reproduces to the bit.
//
// One agent value plays one side of one relationship: every deal with the
// same partner. Fields you keep in your struct therefore carry over from
// deal to deal, which is how a learning agent (say, a [FrequencyModel] of
// the partner's offers) gets better with a repeat customer.
//
// # Tactics are tags
//
// A move may carry tags the partner sees and the transcript prints:
// [TagAnchor], [TagFlinch], [TagAskWhy], [TagDissatisfied], [TagDisclose]
// (with [Move.Ranking]), [TagUnbundle], [TagReprice]… The arena also detects
// hard tactics by behaviour — an opening offer below the partner's walk-away
// point is an extreme anchor, an offer worse for the partner than your own
// previous one a retraction — so no strategy escapes their relationship cost
// by not tagging. In repeat business that cost is real: the partner's
// satisfaction drops, and with it the chance it comes back.
//
// # Optional hooks
//
// Implement [Starter] to prepare at the start of each negotiation,
// [Finisher] to learn from how it ended, and [Continuer] to decline the next
// deal of a relationship. The arena finds them by type assertion.
//
// # Rules the arena enforces
//
// An offer must pick a valid option for every issue; accepting needs an
// offer on the table. A move that breaks these rules, or a panic, ends the
// negotiation without a deal and is recorded as your fault; the tournament
// goes on. The offers in a View are only valid during the call: Clone one to
// keep it. Reuse your buffers: the fastest agents allocate nothing per turn.
package agents
