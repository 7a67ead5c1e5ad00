package transcript

import "github.com/winwin-sim/winwin/agents"

// A Tactic explains one signal a move can carry, for people: what it is
// called, what it means, and how the seed article advises answering it.
// Transcripts, the report and the role-play coach share these words.
type Tactic struct {
	Tag agents.Tag
	// Name is the signal's display name: "anchor", "extreme anchor"; Noun
	// names one use of it in a sentence: "an extreme anchor".
	Name, Noun string
	// Meaning says what the mover does, in the third person, without a
	// subject: "opens with an ambitious number …".
	Meaning string
	// Answer is the article's advice to the side receiving it, in the
	// imperative: "put your own number on the table …". Empty when there
	// is nothing to answer.
	Answer string
	// Hard marks the tactics the relationship model charges for: a partner
	// who meets them feels the process was worse (docs/model.md#subjective-value).
	Hard bool
	// Detected marks the tactics the arena judges by behaviour, whether or
	// not the mover tagged them.
	Detected bool
}

// tactics lists every signal, in the order transcripts print them.
var tactics = []Tactic{
	{Tag: agents.TagAnchor, Noun: "an anchor", Name: "anchor",
		Meaning: "opens with an ambitious number to pull the bargaining range its way",
		Answer:  "don't bargain inside their range: put your own number on the table, and ask how theirs was calculated"},
	{Tag: agents.TagExtremeAnchor, Noun: "an extreme anchor", Name: "extreme anchor", Hard: true, Detected: true,
		Meaning: "opens with an offer worth less to the partner than the partner's walk-away point: outside any zone of agreement. It is graded by how far below that point the offer lies, as a share of it, and costs the relationship in proportion",
		Answer:  "it is worse than no deal for you: never accept it; answer with your own first offer and ask how their number was reached"},
	{Tag: agents.TagFlinch, Noun: "a flinch", Name: "flinch", Hard: true,
		Meaning: "recoils at the offer (a buyer: \"that much?!\"; a seller: \"that little?!\"), hoping the partner concedes to calm it",
		Answer:  "don't concede to calm it: ask why your offer is too much (or, to a seller, not enough), listen, and answer the objection"},
	{Tag: agents.TagAskWhy, Noun: "a question why", Name: "asks why",
		Meaning: "asks how the partner's number was reached, or why an offer is too much (or not enough) for the partner, and listens",
		Answer:  "explain the basis of your number (or admit there is none and move)"},
	{Tag: agents.TagJustify, Noun: "a justification", Name: "justifies",
		Meaning: "explains how its number was reached",
		Answer:  "test the reasons: a number with a basis is firmer than one without"},
	{Tag: agents.TagDisclose, Noun: "a disclosure of priorities", Name: "discloses",
		Meaning: "shares its priorities, so both sides can trade what matters less for what matters more",
		Answer:  "use it: give way where they care most and you care least, and ask for the reverse (logrolling)"},
	{Tag: agents.TagUnbundle, Noun: "an unbundling", Name: "unbundles", Hard: true,
		Meaning: "takes items out of the package and expects the price to stay",
		Answer:  "you need not accept changed terms at the old price: re-price for the new terms"},
	{Tag: agents.TagReprice, Noun: "a re-pricing", Name: "re-prices",
		Meaning: "answers changed terms with a new price: the price depends on the terms",
		Answer:  "the package changed, so the price did: compare whole packages, not prices"},
	{Tag: agents.TagDissatisfied, Noun: "a show of dissatisfaction", Name: "dissatisfied", Hard: true,
		Meaning: "shows dissatisfaction with how this is going: disengaging before walking away",
		Answer:  "they are close to walking away: if a deal still beats your walk-away point, move now or close"},
	{Tag: agents.TagRetraction, Noun: "a retraction", Name: "retracts", Hard: true, Detected: true,
		Meaning: "takes ground back: the offer is worse for the partner than its own previous one, and no better for itself",
		Answer:  "name it, and don't reward it with a concession"},
}

// AnswerFor is the article's advice to side r receiving the tactic, in
// r's situation: a seller facing a buyer's flinch asks why the price is
// too much, a buyer facing a seller's asks why the offer is not enough; a
// seller facing an anchor asks how the figure fits the buyer's budget, a
// buyer asks what the price is based on. It is Answer where the advice is
// the same for both sides.
func (t Tactic) AnswerFor(r agents.Role) string {
	seller := r == agents.Seller
	switch t.Tag {
	case agents.TagAnchor:
		if seller {
			return "don't bargain inside their range: put your own number on the table, and ask how they calculated theirs and how it fits their budget"
		}
		return "don't bargain inside their range: put your own number on the table, and ask what theirs is based on"
	case agents.TagFlinch:
		if seller {
			return "don't concede to calm it: ask why the price is too much for them, listen, and answer the objection"
		}
		return "don't concede to calm it: ask why your offer is not enough for them, listen, and answer the objection"
	case agents.TagUnbundle:
		if !seller {
			return "you need not accept fewer extras at the same price: ask for a new price for the new terms"
		}
	}
	return t.Answer
}

// Tactics returns every signal's explanation, in the order transcripts
// print them.
func Tactics() []Tactic { return append([]Tactic(nil), tactics...) }

// TacticOf returns the explanation of the single tag t.
func TacticOf(t agents.Tag) (Tactic, bool) {
	for _, x := range tactics {
		if x.Tag == t {
			return x, true
		}
	}
	return Tactic{}, false
}
