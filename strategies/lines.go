package strategies

import "github.com/winwin-sim/winwin/agents"

// A line is what a side says with a tactic, in the seller's and in the
// buyer's words, indexed by agents.Role. The article tells its tactics from
// a seller's chair — the buyer anchors at a budget, flinches at the price,
// dismantles the bundle — and a strategy may play either side, so every
// line exists in both roles: a seller never says a buyer's line. The lines
// are constants held in arrays, so saying one allocates nothing.
type line [2]string

// The lines the article's strategies speak, one per tactic and role.
var (
	// sayAnchor opens with an ambitious number ("we're only really looking
	// to spend no more than $350,000 for this").
	sayAnchor = line{
		agents.Seller: "This is our price, and it's a fair one for what you get.",
		agents.Buyer:  "We're only really looking to spend this much, no more.",
	}
	// sayJustify says how the number was reached when asked.
	sayJustify = line{
		agents.Seller: "That's what it costs us to deliver, and what it's worth to you.",
		agents.Buyer:  "That's what our budget allows for this.",
	}
	// sayAskNumber answers an anchor: ask how the figure was calculated
	// (and, of a buyer, how it fits the budget).
	sayAskNumber = line{
		agents.Seller: "How did you calculate that figure, and how does it fit your budget?",
		agents.Buyer:  "How did you arrive at that price? What is it based on?",
	}
	// sayAskFlinch answers a flinch: ask why, and listen. A buyer flinches
	// at a price too high, a seller at an offer too low.
	sayAskFlinch = line{
		agents.Seller: "Why is that too much for you? Tell me what you're comparing it with.",
		agents.Buyer:  "Why is that not enough for you? Tell me what you're comparing it with.",
	}
	// sayFlinch recoils at the partner's offer.
	sayFlinch = line{
		agents.Seller: "That's far below what this is worth — I've sold the same for twice that!",
		agents.Buyer:  "That much?! I bought something similar for half that!",
	}
	// sayDisclose shares the side's priorities and asks for the partner's.
	sayDisclose = line{
		agents.Seller: "Here's what matters most to us in selling this. What matters most to you?",
		agents.Buyer:  "Here's what matters most to us in buying this. What matters most to you?",
	}
	// sayDissatisfied disengages before walking away.
	sayDissatisfied = line{
		agents.Seller: "We're not happy with where this is going: we can't sell on these terms.",
		agents.Buyer:  "We're not happy with where this is going: we can't buy on these terms.",
	}
	// sayWalkAway ends the talks for the side's alternative.
	sayWalkAway = line{
		agents.Seller: "We'll sell elsewhere: our alternative is better than this.",
		agents.Buyer:  "We'll buy elsewhere: our alternative is better than this.",
	}
	// sayUnbundle takes items out of the package and keeps the price.
	sayUnbundle = line{
		agents.Seller: "We'll leave those extras out, at the same price.",
		agents.Buyer:  "Take those extras out and keep the price.",
	}
	// sayReprice answers changed terms with a new price.
	sayReprice = line{
		agents.Seller: "Those are different terms, so we need to review the pricing for them.",
		agents.Buyer:  "Those are different terms, so we need to review what we can pay for them.",
	}
)

// A Line is one of the built-in strategies' spoken lines: the tactic it
// goes with and its words in each role.
type Line struct {
	// Tag is the signal the line is said with; 0 for a walk-away, which
	// carries no tag.
	Tag agents.Tag
	// When says in which situation the line is said: "anchor",
	// "ask why (after a flinch)".
	When string
	// Words are the line in each role, indexed by agents.Role.
	Words [2]string
}

// lines lists every line the built-in strategies can say.
var lines = []struct {
	tag  agents.Tag
	when string
	l    *line
}{
	{agents.TagAnchor, "anchor", &sayAnchor},
	{agents.TagJustify, "justify", &sayJustify},
	{agents.TagAskWhy, "ask why (after an anchor)", &sayAskNumber},
	{agents.TagAskWhy, "ask why (after a flinch)", &sayAskFlinch},
	{agents.TagFlinch, "flinch", &sayFlinch},
	{agents.TagDisclose, "disclose", &sayDisclose},
	{agents.TagDissatisfied, "dissatisfied", &sayDissatisfied},
	{0, "walk away", &sayWalkAway},
	{agents.TagUnbundle, "unbundle", &sayUnbundle},
	{agents.TagReprice, "re-price", &sayReprice},
}

// Lines returns every line the built-in strategies can say, in both roles.
// The role-play gives the player the same words.
func Lines() []Line {
	out := make([]Line, len(lines))
	for i, x := range lines {
		out[i] = Line{Tag: x.tag, When: x.when, Words: *x.l}
	}
	return out
}

// Say returns what side r says with the signals in tags, when its move
// answers a partner's move tagged last: the line of the most telling
// signal (a flinch, then a question why — about the partner's flinch if
// last flinched, else about its number — dissatisfaction, an unbundle, a
// re-pricing, a justification, a disclosure, an anchor), or "" when tags
// has none of them.
func Say(tags, last agents.Tags, r agents.Role) string {
	switch {
	case tags.Has(agents.TagFlinch):
		return sayFlinch[r]
	case tags.Has(agents.TagAskWhy) && last.Has(agents.TagFlinch):
		return sayAskFlinch[r]
	case tags.Has(agents.TagAskWhy):
		return sayAskNumber[r]
	case tags.Has(agents.TagDissatisfied):
		return sayDissatisfied[r]
	case tags.Has(agents.TagUnbundle):
		return sayUnbundle[r]
	case tags.Has(agents.TagReprice):
		return sayReprice[r]
	case tags.Has(agents.TagJustify):
		return sayJustify[r]
	case tags.Has(agents.TagDisclose):
		return sayDisclose[r]
	case tags.Has(agents.TagAnchor):
		return sayAnchor[r]
	}
	return ""
}

// WalkAwayLine is what side r says when it walks away.
func WalkAwayLine(r agents.Role) string { return sayWalkAway[r] }
