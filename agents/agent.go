package agents

import "math/rand/v2"

// An Agent negotiates. The arena calls Act once per turn with everything the
// agent may know; Act returns the agent's move. One Agent value plays one
// side of one relationship (every deal with the same partner), so it may
// keep state across turns and periods; it is never shared between
// goroutines.
//
// Optional hooks, detected by type assertion: Starter, Finisher, Continuer,
// Releaser.
type Agent interface {
	Act(v *View) Move
}

// AgentFunc adapts a function to the Agent interface.
type AgentFunc func(v *View) Move

// Act calls f(v).
func (f AgentFunc) Act(v *View) Move { return f(v) }

// A Starter is told when a negotiation starts, before any turn.
type Starter interface {
	Start(v *View)
}

// A Finisher is told how each negotiation ended. v.History already holds d
// as its last entry.
type Finisher interface {
	Finish(v *View, d *Deal)
}

// A Continuer may decline the next deal of a relationship: Continue is asked
// before every period after the first; false ends the relationship.
type Continuer interface {
	Continue(v *View) bool
}

// A Releaser can give back what it holds for reuse. The arena calls
// Release once it is done with the agent, after the last deal of its
// relationship and its Finish, and never calls the agent again: the
// built-in strategies then hand the agent's memory to a fresh agent of
// their own, instead of leaving it all to the garbage collector. An agent
// without the hook is simply dropped; one that a caller keeps using must
// not be released.
type Releaser interface {
	Release()
}

// A View is what an agent sees on its turn. The arena reuses one View per
// side: keep nothing that points into it beyond the call (Clone offers).
type View struct {
	// Domain is what is negotiated.
	Domain *Domain
	// Prefs are this agent's own private preferences.
	Prefs *Preferences
	// Role is this agent's side.
	Role Role
	// Opener is the side that made the first offer of this negotiation.
	Opener Role
	// Period counts deals in this relationship from 0.
	Period int
	// Round counts rounds from 0; a round is one move by each side.
	Round int
	// Turn counts moves of this negotiation from 0 (both sides).
	Turn int
	// Deadline is the number of rounds; after 2·Deadline moves without a
	// deal the negotiation ends with none.
	Deadline int
	// Last is the partner's previous move; its Kind is MoveNone when this
	// agent makes the opening offer. It is the move Moves ends with, its
	// Offer a copy in a buffer of its own: like every slice of the View,
	// read it during the call (and Clone what you keep).
	Last Move
	// LastValue is what the partner's last offer is worth to this agent,
	// Prefs.Utility(Last.Offer), computed once by the arena; 0 when Last
	// is not an offer.
	LastValue float64
	// Moves are all moves of this negotiation so far, both sides, oldest
	// first: Moves[i] was made by Opener when i is even.
	Moves []Move
	// History lists the earlier negotiations with this partner, oldest first.
	History []Deal
	// Rand is this agent's random source, seeded from the run seed and the
	// relationship: use it, never global randomness, so runs reproduce.
	Rand *rand.Rand
}

// Time returns the relative time in [0,1]: 0 at the first move, 1 at the
// last move before the deadline.
func (v *View) Time() float64 {
	total := 2 * v.Deadline
	if total <= 1 {
		return 1
	}
	t := float64(v.Turn) / float64(total-1)
	if t > 1 {
		t = 1
	}
	return t
}

// MoveBy reports which side made v.Moves[i].
func (v *View) MoveBy(i int) Role {
	if i%2 == 0 {
		return v.Opener
	}
	return v.Opener.Other()
}

// LastOwn returns this agent's previous move in this negotiation, or the
// zero Move.
func (v *View) LastOwn() Move {
	if i := len(v.Moves) - 2; i >= 0 {
		return v.Moves[i]
	}
	return Move{}
}

// PartnerFirst returns the partner's first move of this negotiation, or the
// zero Move if it has not moved yet.
func (v *View) PartnerFirst() Move {
	i := 0
	if v.Opener == v.Role {
		i = 1
	}
	if i < len(v.Moves) {
		return v.Moves[i]
	}
	return Move{}
}

// A Deal records how one earlier negotiation with this partner ended, seen
// from this agent's side.
type Deal struct {
	// Period of the negotiation in the relationship.
	Period int
	// Agreed is true if a deal was made.
	Agreed bool
	// Offer is the agreed offer (nil without a deal).
	Offer Offer
	// Utility is this agent's utility: of the deal, or its reservation value.
	Utility float64
	// Rounds used.
	Rounds int
	// EndedBy is the side whose move ended it (acceptance or walk-away);
	// meaningless when Deadline is true.
	EndedBy Role
	// WalkAway is true if a side walked away; Deadline if time ran out.
	WalkAway, Deadline bool
	// PartnerTags is every tag the partner sent or was detected using.
	PartnerTags Tags
	// PartnerFirst is the partner's first offer, nil if it made none.
	PartnerFirst Offer
	// PartnerRanking is the last issue ranking the partner disclosed, nil if none.
	PartnerRanking []int
}
