package play

import (
	"fmt"

	"github.com/winwin-sim/winwin/agents"
)

// showTurn prints the round header, the partner's last move and its value.
func (h *Human) showTurn(v *agents.View) {
	s := h.s
	d, p := v.Domain, v.Prefs
	s.printf("\n")
	s.rule(fmt.Sprintf("Deal %d · round %d of %d", v.Period+1, v.Round+1, v.Deadline))
	other := v.Role.Other()
	if v.Last.Kind != agents.MoveOffer {
		s.printf("No offer on the table yet: yours is the first.\n")
		return
	}
	verb := "counters"
	switch last := len(v.Moves) - 1; {
	case last == 0:
		verb = "opens"
	case last == 1:
		verb = "answers with its first offer"
	}
	if len(d.Issues) == 1 {
		s.printf("The %s %s: %s %s\n", other, verb, d.Issues[0].Name, s.bold(d.Issues[0].Options[v.Last.Offer[0]]))
	} else {
		s.printf("The %s %s:\n", other, verb)
		h.offerTable(v)
	}
	for _, n := range partnerNotes(d, p, v.Role, v.Last, h.table, v.LastOwn().Tags) {
		s.wrap("  ▸ ", "    ", n)
	}
	if v.Last.Say != "" {
		s.printf("  “%s”\n", v.Last.Say)
	}
	u := p.Utility(v.Last.Offer)
	line := fmt.Sprintf("  Worth to you %s  %s  walk-away %.2f", s.value(u, p.Reservation), s.bar(u, p.Reservation), p.Reservation)
	if h.lastOwn != nil {
		line += fmt.Sprintf(" · yours %.2f", p.Utility(h.lastOwn))
	}
	s.printf("%s\n", line)
	lines := h.Coach.Remarks(v)
	if c := coachLine(v.Last.Tags, v.Role, h.lastOwn != nil); c != "" {
		lines = append(lines, h.Coach.say([]string{c})...)
	}
	for _, c := range lines {
		s.wrap(s.coach("  Coach: "), "         ", c)
	}
}

// offerTable prints the partner's offer beside the player's last one,
// marking what changed since the partner's previous offer.
func (h *Human) offerTable(v *agents.View) {
	s := h.s
	d := v.Domain
	theirs := v.Last.Offer
	var prevTheirs agents.Offer
	for i := len(v.Moves) - 3; i >= 0; i -= 2 {
		if v.Moves[i].Kind == agents.MoveOffer {
			prevTheirs = v.Moves[i].Offer
			break
		}
	}
	w := 0
	for _, is := range d.Issues {
		w = max(w, len([]rune(is.Name)))
	}
	cw := 0
	for i, is := range d.Issues {
		cw = max(cw, len([]rune(is.Options[theirs[i]]))+2)
	}
	cw = max(cw, len("their offer")+2)
	s.printf("    %s  %s  %s\n", pad("", w), s.dim(pad("their offer", cw)), s.dim(yourLabel(h.lastOwn)))
	for i, is := range d.Issues {
		mark := "  "
		if prevTheirs != nil && prevTheirs[i] != theirs[i] {
			mark = " *"
		}
		mine := ""
		if h.lastOwn != nil {
			mine = is.Options[h.lastOwn[i]]
		}
		s.printf("    %s  %s  %s\n", pad(is.Name, w), pad(is.Options[theirs[i]]+mark, cw), mine)
	}
	if prevTheirs != nil && !prevTheirs.Equal(theirs) {
		s.printf("    %s\n", s.dim("* changed since their previous offer"))
	}
}

func yourLabel(own agents.Offer) string {
	if own == nil {
		return ""
	}
	return "your last offer"
}

// help prints how to type moves.
func (h *Human) help(d *agents.Domain) {
	s := h.s
	s.printf("  How to play:\n")
	s.wrap("    ", "      ", fmt.Sprintf("an offer: issue=option, e.g. %s. Names and options may be shortened "+
		"and typed in any case; numbers may be written 400k, $400,000 or 30d. Issues you leave out stay as in your last offer.", example(d)))
	s.printf("    offer      make an offer issue by issue\n")
	s.printf("    same       repeat your last offer\n")
	s.printf("    accept     accept their offer       walk   walk away from this deal\n")
	s.printf("    ?          a hint from the coach    quit   leave the table for good\n")
	s.wrap("    ", "      ", "signals: add a word to a move to send a signal: "+tagList()+
		". For example: "+example(d)+" why")
	s.printf("  The issues:\n")
	for i := range d.Issues {
		is := &d.Issues[i]
		s.wrap(fmt.Sprintf("    %-10s ", is.Name), "               ", describeOptions(is))
	}
}
