package play

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/transcript"
)

// A Human is an agents.Agent played by a person: on each turn it shows the
// partner's move on a terminal, in the domain's words with its tactics
// explained and what it is worth to the player, and reads the player's
// move. The arena drives it like any agent, so the arena detects the
// player's hard tactics and analyses the deals as it does for strategies.
//
// Bad input (an unknown issue, an impossible option, an empty line) is
// answered with help and asked again; when the input ends or the context
// is cancelled the player walks away and Quit reports true.
type Human struct {
	// Partner names the strategy on the other side, Periods the most deals
	// of the relationship.
	Partner string
	Periods int
	// Echo repeats each line read after its prompt: for scripted input,
	// so that the screen reads as a conversation.
	Echo bool

	ctx   context.Context
	in    *lines
	s     *screen
	quit  bool
	ended string // why the input ended, once it has

	lastOwn agents.Offer // the player's previous offer in this deal
	offer   agents.Offer // the move's offer, handed to the arena
	table   agents.Offer // the player's offer the partner answered
	pending agents.Move  // a move waiting for confirmation
	hasPend bool
	// confirming is a pending offer the player may confirm by typing it
	// again.
	confirming agents.Offer
	holding    bool        // the move repeats the player's last offer
	requeue    string      // a line typed at an issue prompt, to handle as the next move
	used       agents.Tags // the signals the player sent in this session
}

// NewHuman returns a Human reading lines from in and writing screens to
// out, in colour if color is set. ctx ends the session early: the player
// walks away.
func NewHuman(ctx context.Context, in io.Reader, out io.Writer, color bool) *Human {
	return &Human{ctx: ctx, in: newLines(in), s: &screen{w: out, color: color}}
}

// Quit reports whether the player quit or the input ended.
func (h *Human) Quit() bool { return h.quit }

// Err returns the first error writing to the screen.
func (h *Human) Err() error { return h.s.err }

// Close stops reading input.
func (h *Human) Close() { h.in.close() }

// Start shows who opens the deal.
func (h *Human) Start(v *agents.View) {
	h.lastOwn, h.table, h.hasPend = nil, nil, false
	h.s.printf("\n")
	title := fmt.Sprintf("Deal %d", v.Period+1)
	if h.Periods > 1 {
		title += fmt.Sprintf(" of up to %d", h.Periods)
	}
	h.s.banner(title)
	if v.Opener == v.Role {
		h.s.wrap("", "", fmt.Sprintf("You open this deal: make the first offer. %d rounds; a round is one move each.", v.Deadline))
	} else {
		h.s.wrap("", "", fmt.Sprintf("The %s (%s) opens this deal. %d rounds; a round is one move each.", v.Role.Other(), h.Partner, v.Deadline))
	}
}

// Act shows the partner's move and reads the player's.
func (h *Human) Act(v *agents.View) agents.Move {
	h.showTurn(v)
	if h.quit {
		return agents.WalkAway(0)
	}
	for {
		line, ok := h.requeued()
		if !ok {
			line, ok = h.read(h.s.bold("Your move › "))
		}
		if !ok {
			h.s.printf("%s\n", h.warn(h.ended+": you walk away from the table."))
			return agents.WalkAway(0)
		}
		if m, done := h.handle(v, line); done {
			return m
		}
	}
}

func (h *Human) warn(t string) string { return h.s.warn(t) }

// requeued returns a line typed at an issue prompt that was a move of
// its own, to be handled as one.
func (h *Human) requeued() (string, bool) {
	line := h.requeue
	h.requeue = ""
	return line, line != ""
}

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
	for _, n := range partnerNotes(d, p, v.Last, h.table) {
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
	if c := coachLine(v.Last.Tags); c != "" {
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

// read prints a prompt and reads one line; false when the input ended.
func (h *Human) read(prompt string) (string, bool) {
	if h.quit {
		return "", false
	}
	h.s.printf("%s", prompt)
	line, ok := h.in.next(h.ctx)
	if !ok {
		h.quit = true
		h.ended = "Input ended"
		if h.ctx.Err() != nil {
			h.ended = "Interrupted"
		}
		h.s.printf("\n")
		return "", false
	}
	if h.Echo {
		h.s.printf("%s\n", line)
	}
	return line, true
}

// handle acts on one line; done reports that m is the move.
func (h *Human) handle(v *agents.View, line string) (m agents.Move, done bool) {
	d, p := v.Domain, v.Prefs
	h.confirming, h.holding = nil, false
	if h.hasPend {
		h.hasPend = false
		w := strings.ToLower(strings.TrimSpace(line))
		if w == "y" || w == "yes" || (h.pending.Kind != agents.MoveOffer && normalize(w) == h.pendingWord()) {
			return h.commit(v, h.pending), true
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
		for _, t := range h.hint(v) {
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
			h.quit = true
			h.ended = "You quit"
		}
		if v.Last.Kind == agents.MoveOffer && in.Command == Walk {
			if u := p.Utility(v.Last.Offer); u > p.Reservation {
				h.s.wrap("  ", "  ", h.warn(fmt.Sprintf("Careful: their offer is worth %.2f to you, more than walking away (%.2f). "+
					"Type yes to walk away anyway, or make another move.", u, p.Reservation)))
				h.pending, h.hasPend = agents.WalkAway(0), true
				return m, false
			}
		}
		return h.commit(v, agents.Move{Kind: agents.MoveWalkAway, Tags: in.Tags, Say: tagSay(in.Tags)}), true
	case Hold:
		if h.lastOwn == nil {
			h.s.wrap("  ", "  ", fmt.Sprintf("You have not made an offer in this deal yet: type one (%s).", example(d)))
			return m, false
		}
		h.offer = append(h.offer[:0], h.lastOwn...)
		h.holding = true
		return h.propose(v, in.Tags)
	case Prompt, Offer:
		if !h.prompt(v, in.Terms) {
			if h.quit {
				return h.endedMove(), true
			}
			return m, false
		}
		return h.propose(v, in.Tags)
	}
	return m, false
}

func (h *Human) pendingWord() string {
	if h.pending.Kind == agents.MoveAccept {
		return "accept"
	}
	return "walk"
}

func (h *Human) endedMove() agents.Move {
	h.s.printf("%s\n", h.warn(h.ended+": you walk away from the table."))
	return agents.WalkAway(0)
}

// propose checks the offer in h.offer and makes it, or asks to confirm
// one worth less to the player than walking away.
func (h *Human) propose(v *agents.View, tags agents.Tags) (agents.Move, bool) {
	p := v.Prefs
	m := agents.Move{Kind: agents.MoveOffer, Offer: h.offer, Tags: tags, Say: tagSay(tags)}
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
// terms leaves out that the player's last offer cannot fill. It reports
// false when the input ended or the player cancelled.
func (h *Human) prompt(v *agents.View, terms map[int]int) bool {
	d := v.Domain
	n := len(d.Issues)
	h.offer = sized(h.offer, n)
	var theirs agents.Offer
	if v.Last.Kind == agents.MoveOffer {
		theirs = v.Last.Offer
	}
	var kept []string
	asking := terms == nil
	switch {
	case asking:
		h.s.printf("  Your offer, issue by issue (Enter: the default · ?: values · cancel):\n")
	case h.lastOwn == nil && len(terms) < n:
		h.s.printf("  A first offer names every issue; the others one by one (?: values):\n")
	}
	for i := range d.Issues {
		if k, ok := terms[i]; ok {
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
		k, ok := h.askIssue(v, i, def)
		if !ok {
			return false
		}
		h.offer[i] = k
	}
	if len(kept) > 0 && len(kept) < n {
		h.s.wrap("  (", "   ", strings.Join(kept, ", ")+" as in your last offer)")
	}
	return true
}

// askIssue asks for one issue's option until one matches; def (if ≥ 0)
// is taken on an empty line.
func (h *Human) askIssue(v *agents.View, i int, def int) (int, bool) {
	is := &v.Domain.Issues[i]
	hint := strings.TrimPrefix(describeOptions(is), "the options are ")
	hint = strings.Replace(hint, "from ", "", 1)
	if def >= 0 {
		hint += fmt.Sprintf("; Enter = %s", is.Options[def])
	}
	for {
		line, ok := h.read(fmt.Sprintf("    %s (%s) › ", h.s.bold(is.Name), hint))
		if !ok {
			return -1, false
		}
		t := strings.TrimSpace(line)
		switch strings.ToLower(t) {
		case "":
			if def >= 0 {
				return def, true
			}
			h.s.printf("    %s needs an option: %s.\n", is.Name, describeOptions(is))
			continue
		case "cancel", "back":
			h.s.printf("  Cancelled: make another move.\n")
			return -1, false
		case "?", "help":
			h.s.wrap("    ", "    ", fmt.Sprintf("%s is %.0f%% of your value; each option is worth: %s.",
				is.Name, 100*v.Prefs.Weights[i], describeValues(is, v.Prefs.Values[i])))
			continue
		}
		k, note, err := MatchOption(is, t)
		if err != nil {
			// A move of its own ("accept", "price=…") ends the prompt.
			if in, perr := ParseInput(v.Domain, t); perr == nil && in.Command != Empty && (in.Command != Offer || strings.ContainsAny(t, "=:")) {
				h.s.printf("  (That is a move of its own: the offer issue by issue is dropped.)\n")
				h.requeue = t
				return -1, false
			}
		}
		if err != nil {
			h.s.wrap("    ", "    ", h.warn(sentence(err.Error())))
			continue
		}
		if note != "" {
			h.s.printf("    (%s)\n", note)
		}
		return k, true
	}
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

// Finish says how the deal ended.
func (h *Human) Finish(v *agents.View, d *agents.Deal) {
	if len(v.Moves) == 0 {
		return
	}
	last := v.Moves[len(v.Moves)-1]
	by := v.MoveBy(len(v.Moves) - 1)
	s := h.s
	switch {
	case d.Deadline:
		s.printf("\nTime is up: %d rounds passed without a deal.\n", v.Deadline)
	case by == v.Role:
		// The player's own move ended it; it was shown.
	case last.Kind == agents.MoveAccept:
		s.printf("\nThe %s accepts your offer.\n", by)
	case last.Kind == agents.MoveWalkAway:
		s.printf("\nThe %s walks away from the table.", by)
		if last.Say != "" {
			s.printf(" “%s”", last.Say)
		}
		s.printf("\n")
	}
}

// Continue asks the player whether to start the next deal.
func (h *Human) Continue(v *agents.View) bool {
	if h.quit {
		return false
	}
	who := "you open"
	if v.Opener != v.Role {
		who = "the " + v.Opener.String() + " opens"
	}
	for {
		line, ok := h.read(h.s.bold(fmt.Sprintf("Deal %d is next (%s). Press Enter to start, or type quit › ", v.Period+1, who)))
		if !ok {
			return false
		}
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "", "y", "yes", "go", "next", "start", "ok":
			return true
		case "quit", "q", "exit", "no", "n", "stop":
			h.quit = true
			h.ended = "You quit"
			return false
		}
		h.s.printf("  Press Enter for the next deal, or type quit.\n")
	}
}

func sized(o agents.Offer, n int) agents.Offer {
	if cap(o) < n {
		return make(agents.Offer, n)
	}
	return o[:n]
}

// lines reads lines in the background, so that a cancelled context can
// end a session waiting for input.
type lines struct {
	ch   chan string
	done chan struct{}
}

// maxLine bounds the length of a line read.
const maxLine = 4096

func newLines(r io.Reader) *lines {
	l := &lines{ch: make(chan string), done: make(chan struct{})}
	go func() {
		defer close(l.ch)
		br := bufio.NewReader(r)
		for {
			s, err := br.ReadString('\n')
			if s != "" {
				s = strings.TrimRight(s, "\r\n")
				if len(s) > maxLine {
					s = s[:maxLine]
				}
				select {
				case l.ch <- s:
				case <-l.done:
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	return l
}

func (l *lines) next(ctx context.Context) (string, bool) {
	select {
	case <-ctx.Done():
		return "", false
	case s, ok := <-l.ch:
		return s, ok
	}
}

func (l *lines) close() {
	select {
	case <-l.done:
	default:
		close(l.done)
	}
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
