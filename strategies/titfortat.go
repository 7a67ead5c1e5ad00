package strategies

import "github.com/winwin-sim/winwin/agents"

// A titForTat agent reciprocates concessions: relative tit-for-tat
// (Faratin, Sierra & Jennings 1998; Baarslag, Hindriks & Jonker 2013). It
// measures how far the partner has come, in its own utility, from the
// partner's opening offer u₁ towards its own best outcome Pmax,
//
//	f = (u_last − u₁) / (Pmax − u₁)   clipped to [0,1],
//
// and gives up the same share of its own range: its mirror target is
// Pmax − f·(Pmax − Pmin). It opens with its best offer and, as goodwill,
// makes its second offer one step down its offer ladder whatever the
// partner did, so that two reciprocators get going. From then on it answers
// every concession of the partner with one of its own (down to the mirror
// target, and at least one step down its ladder), holds its ground while
// the partner holds, and retaliates when the partner takes a concession
// back: its target returns to the mirror, above its previous offer.
//
// Tactic: reciprocity — concede when, and as much as, the partner does.
//
// Counter-tactic: none against framing, which makes it the article's
// vulnerable negotiator twice over. It is anchorable: its scale starts at
// the partner's opening, so an extreme first offer makes every later move
// of the partner look like a large concession, and it answers with a large
// one. It is flinchable: each flinch gives up flinch_sensitivity of its
// remaining range, once per flinch. It accepts an offer worth at least its
// own next offer.
type titForTat struct {
	bidder
	flinch float64
	kept   float64 // product of (1 − flinch) over the flinches received
	first  float64 // own utility of the partner's opening offer
	prev   float64 // own utility of the partner's previous offer
	offers int     // partner offers seen in this negotiation
}

// Act makes the agent's move.
func (a *titForTat) Act(v *agents.View) agents.Move {
	if a.begin(v) {
		a.kept, a.offers = 1, 0
	}
	a.observe(v)
	f, conceded, retracted := 0.0, false, false
	if v.Last.Kind == agents.MoveOffer {
		if a.flinch > 0 && v.Last.Tags&agents.TagFlinch != 0 {
			a.kept *= 1 - a.flinch
		}
		u := a.prefs.Utility(v.Last.Offer)
		if a.offers == 0 {
			a.first = u
		} else {
			conceded, retracted = u > a.prev+acceptSlack, u < a.prev-acceptSlack
		}
		a.prev = u
		a.offers++
		if span := a.pmax - a.first; span > 0 {
			f = min(1, max(0, (u-a.first)/span))
		}
	}
	target := a.pmin + a.kept*(1-f)*(a.pmax-a.pmin)
	if a.own > 0 && !retracted {
		target = min(target, a.lastU) // no concession is taken back unprovoked
		if conceded || a.own == 1 {
			target = min(target, a.stepBelow(a.lastU))
		}
	}
	return a.respond(v, target)
}

// titForTatSpec registers tit-for-tat (listed in registry.go).
var titForTatSpec = Spec{
	Name:    "tit-for-tat",
	Summary: "relative tit-for-tat: mirrors the partner's concessions, measured from the partner's opening",
	Tactic:  "Reciprocity: after one step of goodwill it concedes only when the partner does, as large a share of its range as the partner has come towards it since the partner's first offer (at least one step), and takes back what the partner takes back.",
	Counter: "Naive: it is anchorable (an extreme opening inflates every later concession it mirrors) and flinchable (each flinch gives up flinch_sensitivity of its remaining range); it accepts an offer worth at least its own next offer.",
	Params:  []Param{flinchParam},
	New:     func(p Params) agents.Agent { return newTitForTat(p["flinch_sensitivity"]) },
}

// newTitForTat returns a fresh agent of flinch sensitivity flinch: a
// released one made fresh if there is one (see recycle.go), else a new one.
func newTitForTat(flinch float64) *titForTat {
	a, _ := titForTats.Get().(*titForTat)
	if a == nil {
		return &titForTat{flinch: flinch, kept: 1}
	}
	a.bidder.fresh()
	*a = titForTat{bidder: a.bidder, flinch: flinch, kept: 1}
	return a
}

// Release gives the agent back for a later newTitForTat to reuse
// (agents.Releaser).
func (a *titForTat) Release() { recycle(&titForTats, a, a.release()) }
