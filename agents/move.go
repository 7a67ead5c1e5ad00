package agents

import (
	"fmt"
	"strings"
)

// A Role is a side of the table.
type Role uint8

// The two roles.
const (
	Seller Role = iota
	Buyer
)

// Other returns the opposite role.
func (r Role) Other() Role { return 1 - r }

// String returns "seller" or "buyer".
func (r Role) String() string {
	switch r {
	case Seller:
		return "seller"
	case Buyer:
		return "buyer"
	}
	return fmt.Sprintf("Role(%d)", uint8(r))
}

// A MoveKind says what a move does.
type MoveKind uint8

// The kinds of move. MoveNone is the zero Move: what View.Last holds when
// the agent opens.
const (
	MoveNone MoveKind = iota
	// MoveOffer proposes Move.Offer (a first offer or a counter-offer).
	MoveOffer
	// MoveAccept accepts the partner's last offer: the deal is made.
	MoveAccept
	// MoveWalkAway ends the negotiation without a deal.
	MoveWalkAway
)

// String returns "offer", "accept", "walk away" or "none".
func (k MoveKind) String() string {
	switch k {
	case MoveOffer:
		return "offer"
	case MoveAccept:
		return "accept"
	case MoveWalkAway:
		return "walk away"
	case MoveNone:
		return "none"
	}
	return fmt.Sprintf("MoveKind(%d)", uint8(k))
}

// A Tag is a tactic signal carried by a move: the partner sees it, and the
// transcript prints it in words. Tags are bits and combine with |. The
// tags, with the names String, ParseTag and the pipe protocol use:
//
//	TagAnchor         anchor          an ambitious first number
//	TagFlinch         flinch          a visible recoil at the partner's offer
//	TagAskWhy         ask-why         asks how the partner's number was reached
//	TagJustify        justify         explains the offer's basis
//	TagDissatisfied   dissatisfied    displays dissatisfaction before a walk-away
//	TagDisclose       disclose        shares issue priorities (Move.Ranking)
//	TagUnbundle       unbundle        the same price with bundle items removed
//	TagReprice        reprice         answers changed terms with a new price
//	TagExtremeAnchor  extreme-anchor  detected: an opening below the partner's walk-away point
//	TagRetraction     retraction      detected: worse for the partner than one's previous offer
type Tag uint16

// Tags strategies send. The arena adds TagExtremeAnchor and TagRetraction
// itself when it detects them by behaviour, whether or not the mover tagged.
const (
	// TagAnchor: an ambitious first number meant to pull the range.
	TagAnchor Tag = 1 << iota
	// TagFlinch: a visible recoil at the partner's offer ("that much?!").
	TagFlinch
	// TagAskWhy: asks how the partner's number was reached.
	TagAskWhy
	// TagJustify: explains the offer's basis.
	TagJustify
	// TagDissatisfied: displays dissatisfaction, disengaging before a walk-away.
	TagDissatisfied
	// TagDisclose: shares issue priorities (Move.Ranking).
	TagDisclose
	// TagUnbundle: proposes the same price with bundle items removed.
	TagUnbundle
	// TagReprice: answers changed terms with a new price.
	TagReprice
	// TagExtremeAnchor (detected): an opening offer worth less to the
	// partner than the partner's reservation value; the arena grades it by
	// its extremity (arena.Outcome.AnchorExtremity).
	TagExtremeAnchor
	// TagRetraction (detected): an offer worse for the partner than the
	// mover's own previous offer and not better for the mover.
	TagRetraction

	tagEnd
)

// Tags is a set of tags.
type Tags = Tag

// Has reports whether every tag in u is set in t.
func (t Tag) Has(u Tag) bool { return t&u == u && u != 0 }

var tagNames = [...]string{"anchor", "flinch", "ask-why", "justify", "dissatisfied", "disclose", "unbundle", "reprice", "extreme-anchor", "retraction"}

// String lists the tags by name, joined with "+": "anchor+flinch".
func (t Tag) String() string {
	if t == 0 {
		return ""
	}
	var parts []string
	for i, n := range tagNames {
		if t&(1<<i) != 0 {
			parts = append(parts, n)
		}
	}
	if t >= tagEnd {
		parts = append(parts, fmt.Sprintf("0x%x", uint16(t&^(tagEnd-1))))
	}
	return strings.Join(parts, "+")
}

// Names returns the names of the tags set in t, in a fixed order.
func (t Tag) Names() []string {
	var out []string
	for i, n := range tagNames {
		if t&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

// ParseTag returns the tag called name ("anchor", "ask-why", …).
func ParseTag(name string) (Tag, error) {
	for i, n := range tagNames {
		if n == name {
			return 1 << i, nil
		}
	}
	return 0, fmt.Errorf("agents: unknown tag %q (valid: %s)", name, strings.Join(tagNames[:], ", "))
}

// A Move is one turn: an offer, an acceptance or a walk-away, with tags.
type Move struct {
	Kind MoveKind
	// Offer is the proposal of a MoveOffer. In a View, offers are only
	// valid during the call: Clone one to keep it.
	Offer Offer
	// Tags are the tactic signals the move carries.
	Tags Tags
	// Ranking is the issue order (most important first) shared with
	// TagDisclose; truthful or not.
	Ranking []int
	// Say is an optional line the mover speaks, printed in transcripts
	// ("I bought something similar for half that."). Use constant strings:
	// building one every turn allocates.
	Say string
}

// Propose returns an offer move.
func Propose(o Offer, tags Tags) Move { return Move{Kind: MoveOffer, Offer: o, Tags: tags} }

// Accept returns a move accepting the partner's last offer.
func Accept(tags Tags) Move { return Move{Kind: MoveAccept, Tags: tags} }

// WalkAway returns a move that ends the negotiation without a deal.
func WalkAway(tags Tags) Move { return Move{Kind: MoveWalkAway, Tags: tags} }
