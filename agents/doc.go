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
// A move may carry tags the partner sees and the transcript prints. Each
// has a name, which the pipe protocol and agenttest's move notation use:
//
//   - [TagAnchor], `anchor`: an ambitious first number meant to pull the
//     range.
//   - [TagFlinch], `flinch`: a visible recoil at the partner's offer.
//   - [TagAskWhy], `ask-why`: asks how the partner's number was reached —
//     the counter to a flinch.
//   - [TagJustify], `justify`: explains the offer's basis.
//   - [TagDissatisfied], `dissatisfied`: displays dissatisfaction,
//     disengaging before a walk-away.
//   - [TagDisclose], `disclose`: shares issue priorities ([Move.Ranking]).
//   - [TagUnbundle], `unbundle`: the same price with bundle items removed.
//   - [TagReprice], `reprice`: answers changed terms with a new price.
//   - [TagExtremeAnchor], `extreme-anchor` (detected): an opening offer worth
//     less to the partner than its walk-away point, graded by how far below.
//   - [TagRetraction], `retraction` (detected): an offer worse for the
//     partner than one's own previous offer and no better for oneself.
//
// The arena detects the last two by behaviour, whether the move is tagged
// or not, so no strategy escapes their relationship cost by not tagging;
// it also records a walk-away. In repeat business that cost is real: the
// partner's satisfaction drops, and with it the chance it comes back.
//
// Two of them are easy to play by accident. An opening at one's best offer
// is an extreme anchor whenever that offer leaves the partner less than
// its walk-away point: [OfferSearch.Opening] gives the highest opening that
// does not, by the partner estimate. An agent that rebuilds its ladder as
// its partner model learns can find, at its next target, a package that
// gives back part of what its previous offer gave: [OfferSearch.Concede]
// searches like [OfferSearch.Find] but never takes anything back.
//
// # Optional hooks
//
// Implement [Starter] to prepare at the start of each negotiation,
// [Finisher] to learn from how it ended, and [Continuer] to decline the next
// deal of a relationship. The arena finds them by type assertion. An agent
// made by the thousand, one per relationship, can implement [Releaser] to
// reuse its memory: a tournament releases both agents of a relationship
// when it ends.
//
// # Rules the arena enforces
//
// An offer must pick a valid option for every issue; accepting needs an
// offer on the table. A move that breaks these rules, or a panic, ends the
// negotiation without a deal and is recorded as your fault; the tournament
// goes on. The offers in a View are only valid during the call: Clone one to
// keep it. Reuse your buffers: the fastest agents allocate nothing per turn.
// An agent that rebuilds its ladder after every partner offer, on a partner
// model whose option values seldom change, can call [OfferSearch.Reweigh]
// when only the model's weights moved ([FrequencyModel.EstimateWeights]).
package agents
