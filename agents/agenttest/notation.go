package agenttest

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/winwin-sim/winwin/agents"
)

// Format writes a move in the kit's compact notation, the one Versus.Want
// and Script use:
//
//	offer[3 1]                 an offer choosing option 3 of issue 0, option 1 of issue 1
//	offer[4 0] anchor          the same kind of move with a tag
//	offer[4 0] anchor+flinch   several tags, joined by "+"
//	offer[2 2] disclose ranking[1 0]   a disclosed issue ranking, most important first
//	accept                     accepts the partner's last offer
//	walk dissatisfied          walks away, showing dissatisfaction
//
// Say (the line a move speaks) is not part of the notation.
func Format(m agents.Move) string {
	var b strings.Builder
	switch m.Kind {
	case agents.MoveOffer:
		b.WriteString("offer")
		writeInts(&b, m.Offer)
	case agents.MoveAccept:
		b.WriteString("accept")
	case agents.MoveWalkAway:
		b.WriteString("walk")
	case agents.MoveNone:
		b.WriteString("none")
	default:
		fmt.Fprintf(&b, "kind(%d)", uint8(m.Kind))
	}
	if m.Tags != 0 {
		b.WriteByte(' ')
		b.WriteString(m.Tags.String())
	}
	if m.Ranking != nil {
		b.WriteString(" ranking")
		writeInts(&b, m.Ranking)
	}
	return b.String()
}

// FormatMoves writes moves with Format, joined by ", ".
func FormatMoves(ms []agents.Move) string {
	s := make([]string, len(ms))
	for i, m := range ms {
		s[i] = Format(m)
	}
	return strings.Join(s, ", ")
}

func writeInts(b *strings.Builder, xs []int) {
	b.WriteByte('[')
	for i, x := range xs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(x))
	}
	b.WriteByte(']')
}

// ParseMove reads a move written in Format's notation. Spaces around the
// parts do not matter; tags are named as agents.ParseTag knows them.
func ParseMove(s string) (agents.Move, error) {
	var m agents.Move
	rest := strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(rest, "offer"):
		m.Kind = agents.MoveOffer
		xs, r, err := parseInts(strings.TrimSpace(rest[len("offer"):]))
		if err != nil {
			return agents.Move{}, fmt.Errorf("agenttest: move %q: offer: %w", s, err)
		}
		m.Offer, rest = agents.Offer(xs), r
	case strings.HasPrefix(rest, "accept"):
		m.Kind, rest = agents.MoveAccept, rest[len("accept"):]
	case strings.HasPrefix(rest, "walk"):
		m.Kind, rest = agents.MoveWalkAway, rest[len("walk"):]
	default:
		return agents.Move{}, fmt.Errorf("agenttest: move %q: want offer[…], accept or walk", s)
	}
	if rest != "" && rest[0] != ' ' {
		return agents.Move{}, fmt.Errorf("agenttest: move %q: want a space after the kind of move", s)
	}
	rest = strings.TrimSpace(rest)
	if rest != "" && !strings.HasPrefix(rest, "ranking") {
		word, r, _ := strings.Cut(rest, " ")
		for name := range strings.SplitSeq(word, "+") {
			tag, err := agents.ParseTag(name)
			if err != nil {
				return agents.Move{}, fmt.Errorf("agenttest: move %q: %w", s, err)
			}
			m.Tags |= tag
		}
		rest = strings.TrimSpace(r)
	}
	if strings.HasPrefix(rest, "ranking") {
		xs, r, err := parseInts(strings.TrimSpace(rest[len("ranking"):]))
		if err != nil {
			return agents.Move{}, fmt.Errorf("agenttest: move %q: ranking: %w", s, err)
		}
		m.Ranking, rest = xs, strings.TrimSpace(r)
	}
	if rest != "" {
		return agents.Move{}, fmt.Errorf("agenttest: move %q: unexpected %q at the end", s, rest)
	}
	return m, nil
}

// parseInts reads "[3 1]" at the start of s and returns the numbers and
// what follows.
func parseInts(s string) ([]int, string, error) {
	if !strings.HasPrefix(s, "[") {
		return nil, "", fmt.Errorf("want a list like [3 1]")
	}
	body, rest, ok := strings.Cut(s[1:], "]")
	if !ok {
		return nil, "", fmt.Errorf("missing ]")
	}
	xs := []int{}
	for f := range strings.FieldsSeq(body) {
		x, err := strconv.Atoi(f)
		if err != nil {
			return nil, "", fmt.Errorf("%q is not a whole number", f)
		}
		xs = append(xs, x)
	}
	return xs, rest, nil
}

// Script parses moves written in Format's notation, for a Versus opponent:
//
//	Opponent: agenttest.Script("offer[0 2] flinch", "offer[1 2]", "accept")
//
// It panics on a malformed move, as regexp.MustCompile does: scripts are
// written in tests, where a typo should stop the test at once.
func Script(moves ...string) []agents.Move {
	out := make([]agents.Move, len(moves))
	for i, s := range moves {
		m, err := ParseMove(s)
		if err != nil {
			panic(err)
		}
		out[i] = m
	}
	return out
}
