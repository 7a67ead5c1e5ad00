package agenttest

import "github.com/winwin-sim/winwin/agents"

// The partners the kit plays the agent under test against. They are built
// here from the agents SDK alone, so the kit does not depend on the
// built-in strategies it also checks. Each keeps its state in its own
// struct and draws randomness only from View.Rand.

// A partner is a named kind of opponent.
type partner struct {
	name string
	new  func() agents.Agent
}

// panel are the well-behaved partners of the main checks, from the hardest
// to the softest.
var panel = []partner{
	{"hardliner", func() agents.Agent { return &hardliner{} }},
	{"boulware", func() agents.Agent { return &timeDep{e: 0.2} }},
	{"linear", func() agents.Agent { return &timeDep{e: 1} }},
	{"conceder", func() agents.Agent { return &timeDep{e: 2} }},
	{"tactician", func() agents.Agent { return &tactician{} }},
	{"random", func() agents.Agent { return &randomOffers{} }},
	{"generous", func() agents.Agent { return &generous{} }},
	{"accepter", func() agents.Agent { return &accepter{} }},
}

// rogues break the protocol in the ways the arena must blame on them.
var rogues = []partner{
	{"offers option out of range", func() agents.Agent { return &rogue{bad: badRange} }},
	{"offers too few issues", func() agents.Agent { return &rogue{bad: badLength} }},
	{"accepts with no offer on the table", func() agents.Agent { return &rogue{bad: badAccept} }},
	{"returns an empty move", func() agents.Agent { return &rogue{bad: badNone} }},
	{"panics", func() agents.Agent { return &rogue{bad: badPanic} }},
	{"offers out of range after three fair offers", func() agents.Agent { return &rogue{bad: badRange, after: 3} }},
}

// walker walks away at its first move, whether it opens or answers.
type walker struct{}

func (walker) Act(*agents.View) agents.Move { return agents.WalkAway(0) }

// A hardliner repeats its best offer and accepts only its best outcome.
type hardliner struct{ best agents.Offer }

func (a *hardliner) Act(v *agents.View) agents.Move {
	a.best = v.Prefs.Best(a.best)
	if v.Last.Kind == agents.MoveOffer && v.Prefs.Utility(v.Last.Offer) >= v.Prefs.MaxUtility()-1e-9 {
		return agents.Accept(0)
	}
	return agents.Propose(a.best, 0)
}

// A timeDep concedes on the clock from its best offer to its reservation
// value (agents.TargetUtility with exponent e) and accepts an offer worth
// at least its own next one.
type timeDep struct {
	e      float64
	search agents.OfferSearch
	next   agents.Offer
}

func (a *timeDep) Start(v *agents.View) { a.search.Build(v.Prefs, nil) }

func (a *timeDep) target(v *agents.View) (agents.Offer, float64) {
	var u float64
	a.next, u = a.search.Find(agents.TargetUtility(v.Time(), a.e, v.Prefs.Reservation, v.Prefs.MaxUtility()), a.next)
	return a.next, u
}

func (a *timeDep) Act(v *agents.View) agents.Move {
	o, u := a.target(v)
	if v.Last.Kind == agents.MoveOffer {
		if pu := v.Prefs.Utility(v.Last.Offer); pu >= u && pu >= v.Prefs.Reservation {
			return agents.Accept(0)
		}
	}
	return agents.Propose(o, 0)
}

// A tactician plays every tactic tag: it anchors, flinches at the first two
// offers, discloses its priorities, asks why, concedes linearly, shows
// dissatisfaction late and walks away near the deadline if no offer beats
// its reservation value by a margin.
type tactician struct {
	timeDep
	answered int
}

func (a *tactician) Start(v *agents.View) {
	a.e = 1
	a.answered = 0
	a.timeDep.Start(v)
}

func (a *tactician) Act(v *agents.View) agents.Move {
	o, u := a.target(v)
	t := v.Time()
	if v.Last.Kind == agents.MoveOffer {
		pu := v.Prefs.Utility(v.Last.Offer)
		if pu >= u && pu >= v.Prefs.Reservation {
			return agents.Accept(agents.TagJustify)
		}
		a.answered++
		switch {
		case t >= 0.85:
			return agents.WalkAway(agents.TagDissatisfied)
		case a.answered <= 2:
			return agents.Propose(v.Prefs.Best(o), agents.TagFlinch|agents.TagAskWhy)
		case a.answered == 3:
			m := agents.Propose(o, agents.TagDisclose)
			m.Ranking = v.Prefs.Ranking()
			return m
		case t >= 0.6:
			return agents.Propose(o, agents.TagDissatisfied)
		}
		return agents.Propose(o, agents.TagJustify)
	}
	return agents.Propose(v.Prefs.Best(o), agents.TagAnchor)
}

// randomOffers proposes uniformly random offers and accepts, with even
// odds, any offer worth at least its reservation value.
type randomOffers struct{ offer agents.Offer }

func (a *randomOffers) Act(v *agents.View) agents.Move {
	if v.Last.Kind == agents.MoveOffer && v.Prefs.Utility(v.Last.Offer) >= v.Prefs.Reservation && v.Rand.IntN(2) == 0 {
		return agents.Accept(0)
	}
	if len(a.offer) != len(v.Domain.Issues) {
		a.offer = make(agents.Offer, len(v.Domain.Issues))
	}
	for i, is := range v.Domain.Issues {
		a.offer[i] = v.Rand.IntN(len(is.Options))
	}
	return agents.Propose(a.offer, 0)
}

// generous offers its own worst outcome every turn (the agent's best when
// interests are opposed) and accepts any offer.
type generous struct{ worst agents.Offer }

func (a *generous) Act(v *agents.View) agents.Move {
	if v.Last.Kind == agents.MoveOffer {
		return agents.Accept(0)
	}
	a.worst = v.Prefs.Worst(a.worst)
	return agents.Propose(a.worst, 0)
}

// An accepter accepts any offer at once; opening, it offers its best.
type accepter struct{ best agents.Offer }

func (a *accepter) Act(v *agents.View) agents.Move {
	if v.Last.Kind == agents.MoveOffer {
		return agents.Accept(0)
	}
	a.best = v.Prefs.Best(a.best)
	return agents.Propose(a.best, 0)
}

// How a rogue breaks the rules.
const (
	badRange  = iota // an option index one past the last
	badLength        // an offer missing its last issue
	badAccept        // accepting on the opening turn (answering, it offers first)
	badNone          // a zero Move
	badPanic         // a panic
)

// A rogue makes after fair offers (its best), then breaks the rules its
// way. A rogue told to accept with nothing on the table can only do so
// when it opens; answering, it makes its fair offers and then accepts,
// which is legal, so the arena must not blame it.
type rogue struct {
	bad, after int
	made       int
	offer      agents.Offer
}

func (a *rogue) Start(*agents.View) { a.made = 0 }

func (a *rogue) Act(v *agents.View) agents.Move {
	if a.made < a.after {
		a.made++
		a.offer = v.Prefs.Best(a.offer)
		return agents.Propose(a.offer, 0)
	}
	switch a.bad {
	case badRange:
		a.offer = v.Prefs.Best(a.offer)
		a.offer[len(a.offer)-1] = len(v.Domain.Issues[len(a.offer)-1].Options)
		return agents.Propose(a.offer, 0)
	case badLength:
		a.offer = v.Prefs.Best(a.offer)
		return agents.Propose(a.offer[:len(a.offer)-1], 0)
	case badAccept:
		return agents.Accept(0)
	case badNone:
		return agents.Move{}
	}
	panic("agenttest: a rogue partner panics on purpose")
}
