package play

import (
	"fmt"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/transcript"
)

// A Kind names something a player did that the debrief comments on: a
// mistake the article warns against, or a move it recommends. Kinds are
// stable words, kept in saved sessions and counted in class reports.
type Kind string

// The mistakes the coach names.
const (
	// ExtremeAnchor: the player's opening was worse for the partner than
	// no deal, by the arena's graded detection.
	ExtremeAnchor Kind = "extreme-anchor"
	// UnreciprocatedConcession: the player conceded although the partner
	// had not moved since the player's previous offer.
	UnreciprocatedConcession Kind = "unreciprocated-concession"
	// GaveUpSharedIssue: the player's offer gave up part of an issue both
	// sides want the same way (see SharedIssues): worse for both.
	GaveUpSharedIssue Kind = "gave-up-shared-issue"
	// AcceptedFirstOffer: the player accepted the partner's first offer.
	AcceptedFirstOffer Kind = "accepted-first-offer"
	// AcceptedBelowWalkAway: the player accepted a deal worth less to
	// them than no deal.
	AcceptedBelowWalkAway Kind = "accepted-below-walk-away"
	// WalkedWithoutDissatisfaction: the player walked away without first
	// showing dissatisfaction in that deal.
	WalkedWithoutDissatisfaction Kind = "walked-without-dissatisfaction"
	// WalkedFromBetterThanNoDeal: the player walked away from an offer
	// worth more to them than no deal.
	WalkedFromBetterThanNoDeal Kind = "walked-from-better-than-no-deal"
)

// The moves the coach praises.
const (
	// AskedWhy: the player answered an anchor or a flinch by asking why.
	AskedWhy Kind = "asked-why"
	// Repriced: the player answered an unbundle with a new price.
	Repriced Kind = "repriced"
	// Traded: the player's offer gave the partner more at (almost) no cost
	// to the player: a trade across issues that creates value.
	Traded Kind = "traded"
	// Disclosed: the player shared their priorities.
	Disclosed Kind = "disclosed"
	// DisengagedFirst: the player showed dissatisfaction before walking
	// away.
	DisengagedFirst Kind = "disengaged-first"
)

// Mistake reports whether k is one of the mistakes the coach names.
func (k Kind) Mistake() bool {
	switch k {
	case ExtremeAnchor, UnreciprocatedConcession, GaveUpSharedIssue, AcceptedFirstOffer,
		AcceptedBelowWalkAway, WalkedWithoutDissatisfaction, WalkedFromBetterThanNoDeal:
		return true
	}
	return false
}

// A Note is one thing the coach saw the player do in a negotiation.
type Note struct {
	Kind Kind `json:"kind"`
	// Deal and Round locate it, counted from 1.
	Deal  int `json:"deal"`
	Round int `json:"round"`
	// Text says it to the player, in the domain's words.
	Text string `json:"text"`

	turn int    // the move's index in its negotiation
	live string // what the coach says of it during the deal, or "" (only after)
}

// review finds what the player on side me did in one negotiation, from
// its steps (each move's tags with what the arena detected, and both
// sides' values). prefs[me.Other()] may be nil: then only what the
// player's own values tell is found.
func review(d *agents.Domain, prefs [2]*agents.Preferences, me agents.Role, steps []arena.Step) []Note {
	var out []Note
	p := prefs[me]
	other := me.Other()
	shared := SharedIssues(arena.Scenario{Domain: d, Prefs: prefs})
	add := func(k Kind, i int, live bool, format string, args ...any) {
		n := Note{Kind: k, Round: i/2 + 1, Text: fmt.Sprintf(format, args...), turn: i}
		if live {
			n.live = n.Text
		}
		out = append(out, n)
	}
	prevOwn, prevTheirs := -1, -1 // steps of the player's and the partner's previous offers
	theirsBeforeOwn := -1         // the partner's offer the player's previous offer answered
	theirOffers := 0              // the partner's offers so far
	for i, st := range steps {
		tags := st.Move.Tags | st.Detected
		if st.By != me {
			if st.Move.Kind == agents.MoveOffer {
				prevTheirs = i
				theirOffers++
			}
			continue
		}
		var before agents.Tags // the partner's move this one answers
		if i > 0 {
			before = steps[i-1].Move.Tags | steps[i-1].Detected
		}
		switch st.Move.Kind {
		case agents.MoveOffer:
			if tags.Has(agents.TagAskWhy) && before&(agents.TagAnchor|agents.TagExtremeAnchor|agents.TagFlinch) != 0 {
				add(AskedWhy, i, false, "You asked why when they %s: the article's answer.", pressureWords(before))
			}
			if tags.Has(agents.TagReprice) && before.Has(agents.TagUnbundle) {
				add(Repriced, i, false, "You answered their unbundling with a new price for the new terms: the article's answer.")
			}
			if tags.Has(agents.TagDisclose) {
				add(Disclosed, i, false, "You shared your priorities, which shows where both of you can gain.")
			}
			if prevOwn < 0 {
				if tags.Has(agents.TagExtremeAnchor) && prefs[other] != nil {
					rp := prefs[other].Reservation
					x := min(1, max(0, (rp-st.Utility[other])/rp))
					words := transcript.AnchorWords(x, other, rp)
					add(ExtremeAnchor, i, false, "Your opening %s was an extreme anchor: %s. Ambition is fine, but an offer worse for them "+
						"than no deal wins little and costs goodwill and repeat business.", offerWords(d, st.Move.Offer), words)
					// During the deal the partner's walk-away point stays
					// private: only how far outside the zone it was.
					live := fmt.Sprintf("Your opening was as extreme as an anchor gets: worth nothing to the %s.", other)
					if j := strings.LastIndex(words, ", "); x < 1 && j >= 0 {
						live = fmt.Sprintf("Your opening was an extreme anchor, %s: worse for the %s than no deal.", words[j+2:], other)
					}
					out[len(out)-1].live = live + " Ambition is fine, but such an offer wins little and costs goodwill and repeat business."
				}
			} else {
				ownD := st.Utility[me] - steps[prevOwn].Utility[me]
				theirD := st.Utility[other] - steps[prevOwn].Utility[other]
				shift := transcript.ShiftOf(ownD, theirD)
				if prefs[other] == nil && ownD < -transcript.OwnTolerance {
					shift = transcript.ShiftConcession
				}
				moved := prevTheirs >= 0 && theirsBeforeOwn >= 0 && prevTheirs != theirsBeforeOwn &&
					steps[prevTheirs].Utility[me] > steps[theirsBeforeOwn].Utility[me]+1e-9
				if shift.Concedes() && theirsBeforeOwn >= 0 && !moved {
					add(UnreciprocatedConcession, i, true, "You conceded %s although the %s had not moved since your last offer. "+
						"Concede only in exchange for a move of theirs; first ask why (add \"why\").", valueWords(d, p, ownD), other)
				}
				if shift == transcript.ShiftTrade && prefs[other] != nil {
					add(Traded, i, false, "You traded across issues: your offer gave them more at almost no cost to you. That creates value.")
				}
				if gave := gaveUpShared(d, prefs, shared, steps[prevOwn].Move.Offer, st.Move.Offer); gave != "" {
					add(GaveUpSharedIssue, i, true, "You moved %s, which both of you want: worse for both of you. "+
						"Keep what you both want in every offer, and give way where you differ.", gave)
				}
			}
			if prevTheirs >= 0 {
				theirsBeforeOwn = prevTheirs
			}
			prevOwn = i
		case agents.MoveAccept:
			u := st.Utility[me]
			if theirOffers == 1 {
				add(AcceptedFirstOffer, i, false, "You accepted their first offer. A first offer is an anchor, rarely their last word: answer it with your own number.")
			}
			if u < p.Reservation-1e-9 {
				add(AcceptedBelowWalkAway, i, false, "You accepted a deal worth %.2f to you, %s below your walk-away point %.2f: no deal would have been better.",
					u, valueWords(d, p, p.Reservation-u), p.Reservation)
			}
		case agents.MoveWalkAway:
			if dissatisfiedBefore(steps[:i], me) {
				add(DisengagedFirst, i, false, "You showed dissatisfaction before you walked away, which gave them the chance to move.")
			} else {
				add(WalkedWithoutDissatisfaction, i, false, "You walked away without first showing dissatisfaction, so they never had a chance to move.")
			}
			if prevTheirs >= 0 {
				if u := steps[prevTheirs].Utility[me]; u > p.Reservation+1e-9 {
					add(WalkedFromBetterThanNoDeal, i, false, "You walked away from an offer worth %.2f to you, %s above your walk-away point: no deal left you worse off.",
						u, valueWords(d, p, u-p.Reservation))
				}
			}
		}
	}
	return out
}

// dissatisfiedBefore reports whether side me showed dissatisfaction in
// steps.
func dissatisfiedBefore(steps []arena.Step, me agents.Role) bool {
	for _, st := range steps {
		if st.By == me && st.Move.Tags.Has(agents.TagDissatisfied) {
			return true
		}
	}
	return false
}

// pressureWords names the partner's tactic a question why answered.
func pressureWords(t agents.Tags) string {
	switch {
	case t.Has(agents.TagFlinch):
		return "flinched"
	case t.Has(agents.TagExtremeAnchor):
		return "opened with an extreme anchor"
	}
	return "anchored"
}

// gaveUpShared names the shared issues on which cur is worse for both
// sides than prev ("volume from 5,000 units to 2,000 units"), or "".
func gaveUpShared(d *agents.Domain, prefs [2]*agents.Preferences, shared []int, prev, cur agents.Offer) string {
	var out []string
	for _, i := range shared {
		if prev == nil || cur == nil || prev[i] == cur[i] {
			continue
		}
		if prefs[0].Values[i][cur[i]] < prefs[0].Values[i][prev[i]] && prefs[1].Values[i][cur[i]] < prefs[1].Values[i][prev[i]] {
			out = append(out, fmt.Sprintf("%s from %s to %s", d.Issues[i].Name, d.Issues[i].Options[prev[i]], d.Issues[i].Options[cur[i]]))
		}
	}
	return strings.Join(out, " and ")
}

// offerWords names an offer: by its price when it has one ("of
// $300,000"), else by its terms.
func offerWords(d *agents.Domain, o agents.Offer) string {
	if len(d.Issues) == 1 {
		return "of " + d.Issues[0].Options[o[0]]
	}
	return "(" + transcript.FormatTerms(termsOf(d, o)) + ")"
}
