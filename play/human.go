package play

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
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
	// Coach gives the hints and remarks; nil: a coach that knows only the
	// player's own preferences, made on the first turn.
	Coach *Coach

	ctx  context.Context
	in   *lines
	s    *screen
	quit bool
	// left: the session ended during a deal (quit, or the input ended),
	// not by a move of the player's.
	left  bool
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
	if h.Coach == nil {
		var prefs [2]*agents.Preferences
		prefs[v.Role] = v.Prefs
		h.Coach = NewCoach(arena.Scenario{Domain: v.Domain, Prefs: prefs}, v.Role)
	}
	h.showTurn(v)
	if h.quit {
		h.left = true
		return agents.WalkAway(0)
	}
	for {
		line, ok := h.requeued()
		if !ok {
			line, ok = h.read(h.s.bold("Your move › "))
		}
		if !ok {
			h.s.printf("%s\n", h.warn(h.ended+": you walk away from the table."))
			h.left = true
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
