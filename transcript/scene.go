package transcript

import (
	"fmt"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/internal/words"
)

// A Beat is one move of a negotiation told as part of a scene: what the
// mover did in words, the offer or the changes it made, what the offer on
// the table is worth to each side, and the tactics it used, explained.
// Scene computes the beats; Write prints them as text and the report as
// HTML.
type Beat struct {
	// Move is the index of the move in the negotiation, Round its round
	// (from 1).
	Move, Round int
	By          agents.Role
	Kind        agents.MoveKind
	// Action is what the move does, in words, without a subject: "opens
	// with", "concedes", "holds its offer", "accepts", "walks away".
	Action string
	// Terms is the whole offer of an offer move; First is set when it is
	// the mover's first offer of the negotiation.
	Terms []Term
	First bool
	// Changes are the issues the offer changes from the mover's own
	// previous offer (empty for a first offer, or when it holds; from the
	// partner's offer for an unbundle).
	Changes []Change
	// Value is the offer on the table after the move (made or accepted)
	// to each side, indexed by role; after a walk-away, each side's
	// walk-away point.
	Value [2]float64
	// Delta is the change of Value from the mover's own previous offer
	// (valid when HasDelta): a negative Delta[By] is a concession. An
	// unbundle is told against the partner's package it rewrites: its
	// Changes and Delta are from that offer.
	Delta    [2]float64
	HasDelta bool
	// Notes explain the tactics the move used, sent or detected.
	Notes []Note
	// Shift is what an offer that changes the mover's previous offer does
	// to the two sides' values (ShiftNone otherwise): a trade, a
	// concession, a hardening, a lose-lose move.
	Shift Shift
	// Say is what the mover said.
	Say string
	// Quiet is set for an offer that repeats the mover's previous offer
	// without any signal: nothing happens.
	Quiet bool
}

// A Term is one issue's option of an offer, in the domain's words.
type Term struct{ Issue, Option string }

// A Change is one issue an offer changes: From the mover's previous offer
// To this one.
type Change struct{ Issue, From, To string }

// A Note explains one tactic a move used, in the context of the scene.
type Note struct {
	Tactic Tactic
	// Text is the explanation in context: "worth only 0.10 to the buyer,
	// below its walk-away point 0.40".
	Text string
}

// terms lists an offer's options in the domain's words.
func terms(d *agents.Domain, o agents.Offer) []Term {
	out := make([]Term, 0, len(o))
	for i, k := range o {
		if i < len(d.Issues) && k >= 0 && k < len(d.Issues[i].Options) {
			out = append(out, Term{Issue: d.Issues[i].Name, Option: d.Issues[i].Options[k]})
		}
	}
	return out
}

// FormatTerms writes terms as "price $140/unit, delivery 8 weeks".
func FormatTerms(ts []Term) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.Issue + " " + t.Option
	}
	return strings.Join(parts, ", ")
}

// FormatChanges writes changes as "price $135/unit (was $140/unit)".
func FormatChanges(cs []Change) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("%s %s (was %s)", c.Issue, c.To, c.From)
	}
	return strings.Join(parts, ", ")
}

// Scene tells the negotiation n move by move.
func Scene(n *Negotiation) []Beat {
	d := n.Domain
	steps := n.Outcome.Transcript
	beats := make([]Beat, 0, len(steps))
	var (
		prev      [2]agents.Offer // each side's previous offer
		prevValue [2][2]float64   // value of each side's previous offer to both
		lastValue [2]float64      // the value of the offer on the table to each side
		signals   [2]int          // dissatisfied signals sent by each side
		lastOffer agents.Offer    // the offer on the table
		lastBy    agents.Role     // who made it
		lastTags  [2]agents.Tags  // each side's previous move's tags
	)
	for i, st := range steps {
		r := st.By
		other := r.Other()
		b := Beat{Move: i, Round: i/2 + 1, By: r, Kind: st.Move.Kind, Value: st.Utility, Say: st.Move.Say}
		tags := st.Move.Tags | st.Detected
		switch st.Move.Kind {
		case agents.MoveOffer:
			o := st.Move.Offer
			b.Terms = terms(d, o)
			if prev[r] == nil {
				b.First = true
				switch {
				case i == 0:
					b.Action = "opens"
				case lastTags[other]&(agents.TagAnchor|agents.TagExtremeAnchor) != 0:
					b.Action = "answers the anchor with its own first offer"
				default:
					b.Action = "makes its first offer"
				}
			} else {
				// An unbundle rewrites the partner's package: tell it
				// against that package, not the mover's own offer.
				base, baseValue := prev[r], prevValue[r]
				unbundle := tags.Has(agents.TagUnbundle) && lastOffer != nil && lastBy == other
				if unbundle {
					base, baseValue = lastOffer, lastValue
				}
				b.HasDelta = true
				b.Delta = [2]float64{st.Utility[0] - baseValue[0], st.Utility[1] - baseValue[1]}
				for j, k := range o {
					if j < len(d.Issues) && k != base[j] {
						b.Changes = append(b.Changes, Change{Issue: d.Issues[j].Name, From: label(d, j, base[j]), To: label(d, j, k)})
					}
				}
				if len(b.Changes) > 0 {
					b.Shift = ShiftOf(b.Delta[r], b.Delta[other])
				}
				switch {
				case unbundle:
					b.Action = "takes the " + other.String() + "'s package and unbundles it"
				case len(b.Changes) > 0 && tags.Has(agents.TagReprice):
					b.Action = "re-prices the new terms"
				case len(b.Changes) == 0:
					b.Action = "holds its offer"
					b.Quiet = tags == 0 && st.Move.Say == ""
				default:
					b.Action = b.Shift.Action(other, b.Delta[r])
				}
			}
			prev[r] = o
			prevValue[r] = st.Utility
		case agents.MoveAccept:
			b.Action = "accepts"
			if lastOffer != nil {
				b.Terms = terms(d, lastOffer)
			}
		case agents.MoveWalkAway:
			switch {
			case signals[r] > 0:
				b.Action = fmt.Sprintf("walks away, after %s of dissatisfaction", words.Count(signals[r], "signal"))
			default:
				b.Action = "walks away without warning"
			}
		}
		b.Notes = notes(n, st, tags, lastOffer, lastBy, signals[r], b.First, b.HasDelta && len(b.Changes) == 0, b.Shift, lastTags[other])
		if tags.Has(agents.TagDissatisfied) {
			signals[r]++
		}
		if st.Move.Kind == agents.MoveOffer {
			lastOffer, lastBy, lastValue = st.Move.Offer, r, st.Utility
		}
		lastTags[r] = tags
		beats = append(beats, b)
	}
	return beats
}

// notes explains the tactics of one move in context. table is the offer on
// the table before the move and tableBy who made it; first marks the
// mover's first offer and holds an offer that repeats its previous one,
// shift is what the move did to the two sides' values and answered the
// tags of the partner's previous move.
func notes(n *Negotiation, st arena.Step, tags agents.Tags, table agents.Offer, tableBy agents.Role, signalsSoFar int, first, holds bool, shift Shift, answered agents.Tags) []Note {
	d := n.Domain
	r := st.By
	other := r.Other()
	var out []Note
	for _, t := range tactics {
		if !tags.Has(t.Tag) {
			continue
		}
		text := t.Meaning
		switch t.Tag {
		case agents.TagAnchor:
			if st.Move.Kind == agents.MoveOffer {
				text = "opens at " + headline(d, st.Move.Offer) + " to pull the bargaining range its way"
			}
		case agents.TagExtremeAnchor:
			text = fmt.Sprintf("worth only %.2f to the %s: %s", st.Utility[other], other,
				AnchorWords(n.Outcome.AnchorExtremity[r], other, n.Prefs[other].Reservation))
			if n.Outcome.AnchorExtremity[r] >= 1 {
				text = AnchorWords(1, other, n.Prefs[other].Reservation)
			}
		case agents.TagFlinch:
			text = fmt.Sprintf("recoils at the %s's offer as %s, hoping the %s concedes to calm it", other, farFrom(r), other)
		case agents.TagAskWhy:
			text = askWhyText(r, answered, st.Move.Kind == agents.MoveOffer && !first && !shift.Concedes())
		case agents.TagDisclose:
			if names := rankingNames(d, st.Move.Ranking); len(names) > 0 {
				text = "shares its priorities: " + strings.Join(names, " > ")
			}
		case agents.TagUnbundle:
			if dropped := droppedItems(d, table, st.Move.Offer); len(dropped) > 0 && tableBy != r {
				text = "takes " + joinAnd(dropped) + " out of the package and expects the price to stay"
			}
		case agents.TagReprice:
			text = "answers the changed terms with a new price: the price depends on the terms"
			if holds {
				text = "answers the changed terms by keeping its own package at its price: the price depends on the terms"
			}
		case agents.TagDissatisfied:
			text = fmt.Sprintf("shows dissatisfaction with how this is going (signal %d): disengaging before walking away", signalsSoFar+1)
		case agents.TagRetraction:
			text = fmt.Sprintf("takes ground back: worse for the %s than its own previous offer, and no better for itself", other)
		}
		out = append(out, Note{Tactic: t, Text: text})
	}
	return out
}

// farFrom says how an offer looks to a side that flinches at it: a seller
// finds it far too low, a buyer far too high.
func farFrom(r agents.Role) string {
	if r == agents.Seller {
		return "far too low"
	}
	return "far too high"
}

// askWhyText explains a question why asked by side r in answer to a move
// tagged answered: after a flinch it asks why the offer is too much (of a
// buyer) or not enough (of a seller) and listens, else how the partner's
// number was reached. "Instead of conceding" (insteadOfConceding) is said
// only of a later offer that does not concede: never of a concession, nor
// of a first offer, which has nothing to concede from.
func askWhyText(r agents.Role, answered agents.Tags, insteadOfConceding bool) string {
	other := r.Other()
	var text string
	if answered.Has(agents.TagFlinch) {
		why := "too much"
		if other == agents.Seller {
			why = "not enough"
		}
		text = fmt.Sprintf("asks why the offer is %s for the %s, and listens to the objection", why, other)
	} else {
		text = fmt.Sprintf("asks how the %s's number was reached", other)
	}
	if insteadOfConceding {
		text += " instead of conceding"
	}
	return text
}

func label(d *agents.Domain, issue, k int) string {
	if issue < len(d.Issues) && k >= 0 && k < len(d.Issues[issue].Options) {
		return d.Issues[issue].Options[k]
	}
	return fmt.Sprintf("#%d", k)
}

func rankingNames(d *agents.Domain, ranking []int) []string {
	var names []string
	for _, i := range ranking {
		if i >= 0 && i < len(d.Issues) {
			names = append(names, d.Issues[i].Name)
		}
	}
	return names
}

// joinAnd joins words as "a, b and c".
func joinAnd(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// A Round is a round of a scene, or a run of rounds in which nothing
// happens (every move holds its offer without a signal), told as one.
type Round struct {
	// First and Last are the rounds it covers (equal for one round).
	First, Last int
	// Quiet is set for rounds in which nothing happens; Summary then says
	// so ("both sides hold their offers").
	Quiet   bool
	Summary string
	// Beats are the moves of a round that is not quiet.
	Beats []Beat
}

// Rounds groups beats by round, folding runs of quiet rounds into one.
func Rounds(beats []Beat) []Round {
	var out []Round
	for i := 0; i < len(beats); {
		round := beats[i].Round
		j := i
		for j < len(beats) && beats[j].Round == round {
			j++
		}
		if !quietRound(beats[i:j]) {
			out = append(out, Round{First: round, Last: round, Beats: beats[i:j]})
			i = j
			continue
		}
		summary := "both sides hold their offers"
		if j-i == 1 {
			summary = "the " + beats[i].By.String() + " holds its offer"
		}
		r := Round{First: round, Last: round, Quiet: true, Summary: summary}
		k := j
		for k < len(beats) {
			e := k
			for e < len(beats) && beats[e].Round == beats[k].Round {
				e++
			}
			if !quietRound(beats[k:e]) || e-k != j-i {
				break
			}
			r.Last = beats[k].Round
			k = e
		}
		out = append(out, r)
		i = k
	}
	return out
}

func quietRound(bs []Beat) bool {
	for _, b := range bs {
		if !b.Quiet {
			return false
		}
	}
	return true
}

// Label names the rounds: "Round 3" or "Rounds 3-5".
func (r Round) Label() string {
	if r.Last > r.First {
		return fmt.Sprintf("Rounds %d-%d", r.First, r.Last)
	}
	return fmt.Sprintf("Round %d", r.First)
}
