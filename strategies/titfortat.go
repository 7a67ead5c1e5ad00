package strategies

import "github.com/winwin-sim/winwin/agents"

// A titForTat agent reciprocates concessions: relative tit-for-tat
// (Faratin, Sierra & Jennings 1998; Baarslag, Hindriks & Jonker 2013). It
// measures how far the partner has come, in its own utility, from the
// partner's opening offer u₁ towards its own best outcome Pmax,
//
//	f = (u_last − u₁) / (Pmax − u₁)   clipped to [0,1],
//
// and gives up the same share of its own range: its target is
// Pmax − (f + goodwill)·(Pmax − Pmin), from its second offer on (it opens
// with its best). The goodwill step keeps it one small step ahead of the
// partner, so two reciprocators do not freeze, while a partner who never
// moves gets nothing more. A partner who retracts is mirrored too.
//
// Tactic: reciprocity — concede exactly as much as the partner does.
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
	goodwill float64
	flinch   float64
	kept     float64 // product of (1 − flinch) over the flinches received
	first    float64 // own utility of the partner's opening offer
	opened   bool    // the partner has made an offer in this negotiation
}

// Act makes the agent's move.
func (a *titForTat) Act(v *agents.View) agents.Move {
	if a.begin(v) {
		a.kept, a.opened = 1, false
	}
	a.observe(v)
	f := 0.0
	if v.Last.Kind == agents.MoveOffer {
		if a.flinch > 0 && v.Last.Tags&agents.TagFlinch != 0 {
			a.kept *= 1 - a.flinch
		}
		u := a.prefs.Utility(v.Last.Offer)
		if !a.opened {
			a.first, a.opened = u, true
		}
		if span := a.pmax - a.first; span > 0 {
			f = min(1, max(0, (u-a.first)/span))
		}
	}
	if a.own > 0 {
		f = min(1, f+a.goodwill)
	}
	return a.respond(v, a.pmin+a.kept*(1-f)*(a.pmax-a.pmin))
}

var titForTatSpec = Spec{
	Name:    "tit-for-tat",
	Summary: "relative tit-for-tat: mirrors the partner's concessions, measured from the partner's opening",
	Tactic:  "Reciprocity: it gives up the same share of its range as the partner has come towards it since the partner's first offer, plus a small goodwill step.",
	Counter: "Naive: it is anchorable (an extreme opening inflates every later concession it mirrors) and flinchable (each flinch gives up flinch_sensitivity of its remaining range); it accepts an offer worth at least its own next offer.",
	Params: []Param{
		{Name: "goodwill", Doc: "share of its range it concedes beyond the partner's, from its second offer on, so two reciprocators do not freeze", Default: 0.02, Min: 0, Max: 0.2},
		flinchParam,
	},
	New: func(p Params) agents.Agent {
		return &titForTat{goodwill: p["goodwill"], flinch: p["flinch_sensitivity"], kept: 1}
	},
}
