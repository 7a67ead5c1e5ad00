package play

import (
	"errors"
	"fmt"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/internal/words"
	"github.com/winwin-sim/winwin/strategies"
	"github.com/winwin-sim/winwin/transcript"
)

// handle acts on one line; done reports that m is the move.
func (h *Human) handle(v *agents.View, line string) (m agents.Move, done bool) {
	d, p := v.Domain, v.Prefs
	h.confirming, h.holding = nil, false
	if h.hasPend {
		h.hasPend = false
		w := strings.ToLower(strings.TrimSpace(line))
		if w == "y" || w == "yes" {
			return h.commit(v, h.pending), true
		}
		// The same command again confirms it: "walkaway" after "walk".
		if in, err := ParseInput(d, line); err == nil && h.pending.Kind != agents.MoveOffer && in.Command == h.pendingCommand() {
			m := h.pending
			m.Tags |= in.Tags
			m.Say = strategies.Say(m.Tags, v.Last.Tags, v.Role)
			return h.commit(v, m), true
		}
		if h.pending.Kind == agents.MoveOffer {
			h.confirming = h.pending.Offer
		}
	}
	in, err := ParseInput(d, line)
	if err != nil {
		h.s.wrap("  ", "  ", h.warn(sentence(err.Error())))
		h.s.printf("  %s\n", h.s.dim(`Type "help" for how to play, "?" for a hint.`))
		return m, false
	}
	for _, n := range in.Notes {
		h.s.printf("  (%s)\n", n)
	}
	switch in.Command {
	case Empty:
		h.s.wrap("  ", "  ", fmt.Sprintf("Type an offer (%s), accept, walk, ? for a hint or help.", example(d)))
	case Help:
		h.help(d)
	case Hint:
		hints := h.Coach.Hint(v)
		if len(hints) == 0 {
			h.s.printf("  %s\n", h.s.dim("(The coach has nothing to add this round.)"))
		}
		for _, t := range hints {
			h.s.wrap(h.s.coach("  Coach: "), "         ", t)
		}
	case Accept:
		if v.Last.Kind != agents.MoveOffer {
			h.s.printf("  There is no offer on the table to accept yet: make the first offer.\n")
			return m, false
		}
		u := p.Utility(v.Last.Offer)
		if u < p.Reservation {
			h.s.wrap("  ", "  ", h.warn(fmt.Sprintf("Careful: their offer is worth %.2f to you, less than walking away (%.2f). "+
				"Type yes to accept it anyway, or make another move.", u, p.Reservation)))
			h.pending, h.hasPend = agents.Accept(0), true
			return m, false
		}
		return h.commit(v, agents.Accept(0)), true
	case Walk, Quit:
		if in.Command == Quit {
			h.quit, h.left = true, true
			h.ended = "You quit"
		}
		walk := agents.Move{Kind: agents.MoveWalkAway, Tags: in.Tags, Say: strategies.Say(in.Tags, v.Last.Tags, v.Role)}
		if in.Command == Walk {
			// Walking away cannot be undone: it is always confirmed, with
			// what the article would say first.
			h.s.wrap("  ", "  ", h.warn(h.walkWarning(v)+" Type yes to walk away, or make another move."))
			h.pending, h.hasPend = walk, true
			return m, false
		}
		return h.commit(v, walk), true
	case Hold:
		if h.lastOwn == nil {
			h.s.wrap("  ", "  ", fmt.Sprintf("You have not made an offer in this deal yet: type one (%s).", example(d)))
			return m, false
		}
		h.offer = append(h.offer[:0], h.lastOwn...)
		h.holding = true
		return h.propose(v, in.Tags)
	case Prompt, Offer:
		tags := in.Tags
		if !h.prompt(v, in.Terms, &tags) {
			if h.quit {
				return h.endedMove(), true
			}
			return m, false
		}
		return h.propose(v, tags)
	}
	return m, false
}

// pendingCommand is the command that confirms the pending move.
func (h *Human) pendingCommand() Command {
	if h.pending.Kind == agents.MoveAccept {
		return Accept
	}
	return Walk
}

// walkWarning says what walking away now means: giving up an offer better
// than no deal, or leaving without first showing dissatisfaction, as the
// article advises, while rounds are left.
func (h *Human) walkWarning(v *agents.View) string {
	p := v.Prefs
	left := v.Deadline - v.Round - 1
	if v.Last.Kind == agents.MoveOffer {
		if u := p.Utility(v.Last.Offer); u > p.Reservation {
			return fmt.Sprintf("Careful: their offer is worth %.2f to you, more than walking away (%.2f): no deal leaves you worse off.", u, p.Reservation)
		}
	}
	if !shownDissatisfaction(v) && left > 0 {
		return fmt.Sprintf("Walking away ends this deal for good, with %s left. Know your walk-away point, "+
			"but show dissatisfaction before you walk (add \"unhappy\" to a move, or type \"same unhappy\"): "+
			"it gives them a chance to move.", words.Count(left, "round"))
	}
	return "Walking away ends this deal for good."
}

// shownDissatisfaction reports whether the player has shown
// dissatisfaction in this deal.
func shownDissatisfaction(v *agents.View) bool {
	for i, m := range v.Moves {
		if v.MoveBy(i) == v.Role && m.Tags.Has(agents.TagDissatisfied) {
			return true
		}
	}
	return false
}

func (h *Human) endedMove() agents.Move {
	h.s.printf("%s\n", h.warn(h.ended+": you walk away from the table."))
	h.left = true
	return agents.WalkAway(0)
}

// propose checks the offer in h.offer and makes it, or asks to confirm
// one worth less to the player than walking away.
func (h *Human) propose(v *agents.View, tags agents.Tags) (agents.Move, bool) {
	p := v.Prefs
	m := agents.Move{Kind: agents.MoveOffer, Offer: h.offer, Tags: tags, Say: strategies.Say(tags, v.Last.Tags, v.Role)}
	if tags.Has(agents.TagDisclose) {
		m.Ranking = p.Ranking()
	}
	if u := p.Utility(h.offer); u < p.Reservation && !h.offer.Equal(h.confirming) {
		h.s.wrap("  ", "  ", h.warn(fmt.Sprintf("Careful: this offer is worth %.2f to you, less than walking away (%.2f): "+
			"if they accept, you are worse off than with no deal. Type yes to make it anyway, or make another move.", u, p.Reservation)))
		m.Offer = h.offer.Clone()
		h.pending, h.hasPend = m, true
		return agents.Move{}, false
	}
	return h.commit(v, m), true
}

// commit reports the player's move on the screen and makes it.
func (h *Human) commit(v *agents.View, m agents.Move) agents.Move {
	p := v.Prefs
	h.used |= m.Tags
	switch m.Kind {
	case agents.MoveOffer:
		h.offer = append(h.offer[:0], m.Offer...)
		m.Offer = h.offer
		h.lastOwn = append(h.lastOwn[:0], h.offer...)
		h.table = h.lastOwn
		if h.holding {
			h.s.printf("  You hold your offer: worth %s to you.\n", h.s.value(p.Utility(h.offer), p.Reservation))
		} else {
			line := fmt.Sprintf("You offer %s: worth %s to you.", transcript.FormatTerms(termsOf(v.Domain, h.offer)), h.s.value(p.Utility(h.offer), p.Reservation))
			h.s.wrap("  ", "  ", line)
		}
	case agents.MoveAccept:
		h.s.printf("  You accept their offer: worth %s to you.\n", h.s.value(p.Utility(v.Last.Offer), p.Reservation))
	case agents.MoveWalkAway:
		h.s.printf("  You walk away from this deal.\n")
	}
	if names := tagNames(m.Tags); len(names) > 0 {
		h.s.printf("  You signal: %s. “%s”\n", strings.Join(names, ", "), m.Say)
	}
	return m
}

// prompt builds h.offer from terms, asking issue by issue for the issues
// terms leaves out that the player's last offer cannot fill. Terms typed
// at an issue's prompt ("payment=net30" when asked for delivery) are
// placed, and their signals added to tags. It reports false when the
// input ended or the player cancelled.
func (h *Human) prompt(v *agents.View, terms map[int]int, tags *agents.Tags) bool {
	d := v.Domain
	n := len(d.Issues)
	h.offer = sized(h.offer, n)
	var theirs agents.Offer
	if v.Last.Kind == agents.MoveOffer {
		theirs = v.Last.Offer
	}
	given := make(map[int]int, n)
	for i, k := range terms {
		given[i] = k
	}
	var kept []string
	asking := terms == nil
	switch {
	case asking:
		h.s.printf("  Your offer, issue by issue (Enter: the default · ?: values · cancel):\n")
	case h.lastOwn == nil && len(terms) < n:
		h.s.printf("  A first offer names every issue; the others one by one (?: values):\n")
	}
	for i := 0; i < n; i++ {
		if k, ok := given[i]; ok {
			h.offer[i] = k
			continue
		}
		if !asking && h.lastOwn != nil {
			h.offer[i] = h.lastOwn[i]
			kept = append(kept, d.Issues[i].Name)
			continue
		}
		def := -1
		switch {
		case h.lastOwn != nil:
			def = h.lastOwn[i]
		case theirs != nil:
			def = theirs[i]
		}
		k, extra, ok := h.askIssue(v, i, def)
		if !ok {
			return false
		}
		if extra != nil {
			var placed []transcript.Term
			for j := range n {
				if kj, ok := extra.Terms[j]; ok {
					given[j] = kj
					if j < i {
						h.offer[j] = kj
					}
					placed = append(placed, transcript.Term{Issue: d.Issues[j].Name, Option: d.Issues[j].Options[kj]})
				}
			}
			*tags |= extra.Tags
			h.s.wrap("    (", "     ", "placed: "+transcript.FormatTerms(placed)+")")
			i-- // issue i again: placed now, or asked for again
			continue
		}
		h.offer[i] = k
	}
	if len(kept) > 0 && len(kept) < n {
		h.s.wrap("  (", "   ", strings.Join(kept, ", ")+" as in your last offer)")
	}
	return true
}

// askIssue asks for one issue's option until one matches; def (if ≥ 0)
// is taken on an empty line. Terms or signals typed instead ("payment=net
// 30", "why") come back in extra, for the caller to place.
func (h *Human) askIssue(v *agents.View, i int, def int) (k int, extra *Input, ok bool) {
	is := &v.Domain.Issues[i]
	hint := strings.TrimPrefix(describeOptions(is), "the options are ")
	hint = strings.Replace(hint, "from ", "", 1)
	if def >= 0 {
		hint += fmt.Sprintf("; Enter = %s", is.Options[def])
	}
	for {
		line, ok := h.read(fmt.Sprintf("    %s (%s) › ", h.s.bold(is.Name), hint))
		if !ok {
			return -1, nil, false
		}
		t := strings.TrimSpace(line)
		switch strings.ToLower(t) {
		case "":
			if def >= 0 {
				return def, nil, true
			}
			h.s.printf("    %s needs an option: %s.\n", is.Name, describeOptions(is))
			continue
		case "cancel", "back":
			h.s.printf("  Cancelled: make another move.\n")
			return -1, nil, false
		case "?", "help":
			h.s.wrap("    ", "    ", fmt.Sprintf("%s is %.0f%% of your value; each option is worth: %s.",
				is.Name, 100*v.Prefs.Weights[i], describeValues(is, v.Prefs.Values[i])))
			continue
		}
		k, note, err := MatchOption(is, t)
		if strings.ContainsAny(t, "=:") {
			err = errTerms // terms, never one issue's option
		}
		if err != nil {
			in, perr := ParseInput(v.Domain, t)
			switch {
			case perr == nil && in.Command == Offer && strings.ContainsAny(t, "=:"):
				return -1, &in, true // terms of their own: placed
			case perr == nil && in.Command == Hold && in.Tags != 0 && commandWords[strings.ToLower(strings.Fields(t)[0])] != Hold:
				return -1, &in, true // signals to add to the offer
			case perr == nil && in.Command != Empty && in.Command != Offer:
				// A move of its own ("accept", "walk") ends the prompt.
				h.s.printf("  (That is a move of its own: the offer issue by issue is dropped.)\n")
				h.requeue = t
				return -1, nil, false
			case perr != nil && strings.ContainsAny(t, "=:"):
				err = perr // "installation=maybe": the terms' own error
			}
			h.s.wrap("    ", "    ", h.warn(sentence(err.Error())))
			continue
		}
		if note != "" {
			h.s.printf("    (%s)\n", note)
		}
		return k, nil, true
	}
}

var errTerms = errors.New("terms typed at an issue's prompt")

func sized(o agents.Offer, n int) agents.Offer {
	if cap(o) < n {
		return make(agents.Offer, n)
	}
	return o[:n]
}

// sentence capitalises s and ends it with a full stop.
func sentence(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if r[0] >= 'a' && r[0] <= 'z' {
		r[0] -= 'a' - 'A'
	}
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, ")") && !strings.HasSuffix(s, "?") {
		return string(r) + "."
	}
	return string(r)
}
