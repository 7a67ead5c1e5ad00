package pipe

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/internal/didyoumean"
	"github.com/winwin-sim/winwin/internal/safetext"
)

// This file gives the lines an agent writes their meaning. A line is
// checked in two steps. First its syntax (json.go): it must be one JSON
// object; a line that is not is garbage, and since nothing it says can be
// trusted, the process is restarted. Then its meaning, here: which of the
// protocol's fields it has, and whether a move fits the domain. A move
// with a known session but, say, an option that does not exist is an
// invalid move and loses only that session's negotiation. Reading a line
// allocates nothing beyond the reused buffers of the session it answers.

// A message is one line from an agent, split into its fields' raw JSON
// values (spans of the line; absent fields are nil).
type message struct {
	scanner
	typ, session, protocol, name    []byte
	kind, offer, tags, ranking, say []byte
	unknown                         []byte // the first key that is not the protocol's
}

// parse splits line into m's fields. An error means the line is not a
// JSON object at all.
func (m *message) parse(line []byte) error {
	*m = message{scanner: scanner{line: line, scratch: m.scratch[:0]}}
	return m.object(m.set)
}

// set records the value of key (raw, still escaped; the protocol's keys
// need no escapes).
func (m *message) set(key, v []byte) {
	switch string(key) {
	case "type":
		m.typ = v
	case "session":
		m.session = v
	case "protocol":
		m.protocol = v
	case "name":
		m.name = v
	case "kind":
		m.kind = v
	case "offer":
		m.offer = v
	case "tags":
		m.tags = v
	case "ranking":
		m.ranking = v
	case "say":
		m.say = v
	default:
		if m.unknown == nil {
			m.unknown = key
		}
	}
}

// The fields of the agent's messages, for did-you-mean suggestions.
var (
	moveFields    = []string{"type", "session", "kind", "offer", "tags", "ranking", "say"}
	helloFields   = []string{"type", "protocol", "name"}
	moveFieldList = strings.Join(moveFields, ", ")
)

// unknownField names a key the protocol does not have and, when it looks
// like a typo of one of fields, the field meant: unknown field "sesion" —
// did you mean "session"?
func unknownField(key []byte, fields []string) string {
	k := show(key)
	if s := didyoumean.Closest(k, fields); s != "" {
		return fmt.Sprintf("unknown field %q — did you mean %q?", k, s)
	}
	return fmt.Sprintf("unknown field %q", k)
}

// show returns a short printable excerpt of raw JSON for error messages.
func show(v []byte) string {
	const max = 60
	if len(v) > max {
		return string(v[:max]) + "…"
	}
	return string(v)
}

// A reply is a decoded move, written into buffers owned by the session.
type reply struct {
	kind    agents.MoveKind
	offer   agents.Offer
	tags    agents.Tags
	ranking []int
	say     []byte
}

// move decodes the fields of a move message into r for domain di. An
// error says what is wrong with the move, in the agent author's terms.
func (m *message) move(di *domainInfo, r *reply) error {
	if m.unknown != nil {
		return fmt.Errorf("the move has an %s (a move has %s)", unknownField(m.unknown, moveFields), moveFieldList)
	}
	kind, ok := m.str(m.kind)
	switch {
	case m.kind == nil:
		return errors.New(`the move has no "kind" (want "offer", "accept" or "walk")`)
	case !ok:
		return fmt.Errorf(`"kind" is %s, want "offer", "accept" or "walk"`, show(m.kind))
	}
	switch string(kind) {
	case "offer":
		r.kind = agents.MoveOffer
	case "accept":
		r.kind = agents.MoveAccept
	case "walk":
		r.kind = agents.MoveWalkAway
	default:
		return fmt.Errorf(`"kind" is %q, want "offer", "accept" or "walk"`, kind)
	}
	r.tags = 0
	if m.tags != nil && string(m.tags) != "null" {
		isArr, err := m.elems(m.tags, func(e []byte) error {
			name, ok := m.str(e)
			if !ok {
				return fmt.Errorf(`"tags" holds %s, want tag names such as "anchor"`, show(e))
			}
			t, ok := tagByName[string(name)]
			if !ok {
				return fmt.Errorf("unknown tag %q (tags: %s)", name, tagList)
			}
			r.tags |= t
			return nil
		})
		if err != nil {
			return err
		}
		if !isArr {
			return fmt.Errorf(`"tags" is %s, want a list of tag names`, show(m.tags))
		}
	}
	r.ranking = r.ranking[:0]
	if m.ranking != nil && string(m.ranking) != "null" {
		n := len(di.d.Issues)
		isArr, err := m.elems(m.ranking, func(e []byte) error {
			k, ok := integer(e)
			if !ok || k < 0 || k >= int64(n) {
				return fmt.Errorf(`"ranking" holds %s, want issue indices 0..%d`, show(e), n-1)
			}
			r.ranking = append(r.ranking, int(k))
			return nil
		})
		if err != nil {
			return err
		}
		if !isArr {
			return fmt.Errorf(`"ranking" is %s, want a list of issue indices`, show(m.ranking))
		}
	}
	r.say = r.say[:0]
	if m.say != nil && string(m.say) != "null" {
		s, ok := m.str(m.say)
		if !ok {
			return fmt.Errorf(`"say" is %s, want a string`, show(m.say))
		}
		if len(s) > maxSay {
			return fmt.Errorf(`"say" is %d bytes long, at most %d allowed`, len(s), maxSay)
		}
		r.say = safetext.AppendReplaced(r.say, s) // a transcript prints it
	}
	if r.kind != agents.MoveOffer {
		if m.offer != nil && string(m.offer) != "null" {
			return fmt.Errorf(`a move of kind %q carries no offer, got "offer": %s`, kind, show(m.offer))
		}
		return nil
	}
	if m.offer == nil || string(m.offer) == "null" {
		return errors.New(`an "offer" move needs "offer": a list of option indices, one per issue, or an object {issue: option label}`)
	}
	return m.decodeOffer(di, r)
}

// maxSay is the longest line an agent may speak.
const maxSay = 500

var tagList = func() string {
	s := ""
	for _, n := range tagNames {
		if n != nil {
			if s != "" {
				s += ", "
			}
			s += string(n[1 : len(n)-1])
		}
	}
	return s
}()

// decodeOffer reads an offer written as option indices [2, 0, 5] or as
// labels {"price": "$350,000", …} into r.offer.
func (m *message) decodeOffer(di *domainInfo, r *reply) error {
	d := di.d
	n := len(d.Issues)
	r.offer = r.offer[:0]
	isArr, err := m.elems(m.offer, func(e []byte) error {
		i := len(r.offer)
		if i >= n {
			return fmt.Errorf("the offer has more than the domain's %d issues", n)
		}
		k, ok := integer(e)
		if !ok || k < 0 || k >= int64(len(d.Issues[i].Options)) {
			return fmt.Errorf("issue %q (index %d) has no option %s (options 0..%d)", d.Issues[i].Name, i, show(e), len(d.Issues[i].Options)-1)
		}
		r.offer = append(r.offer, int(k))
		return nil
	})
	if err != nil {
		return err
	}
	if isArr {
		if len(r.offer) != n {
			return fmt.Errorf("the offer has %d options for the domain's %d issues", len(r.offer), n)
		}
		return nil
	}
	r.offer = slices.Grow(r.offer[:0], n)[:n]
	for i := range r.offer {
		r.offer[i] = -1
	}
	isObj, err := m.members(m.offer, func(k, v []byte) error {
		i, ok := di.issue[string(k)]
		if !ok {
			return fmt.Errorf("the offer names issue %q, which the domain does not have", k)
		}
		if r.offer[i] >= 0 {
			return fmt.Errorf("the offer names issue %q twice", k)
		}
		label, ok := m.str(v)
		if !ok {
			return fmt.Errorf("the offer gives issue %q the value %s, want an option label (a string)", k, show(v))
		}
		o, ok := di.option[i][string(label)]
		if !ok {
			return fmt.Errorf("issue %q has no option %q", d.Issues[i].Name, label)
		}
		r.offer[i] = o
		return nil
	})
	if err != nil {
		return err
	}
	if !isObj {
		return fmt.Errorf(`"offer" is %s, want a list of option indices or an object {issue: option label}`, show(m.offer))
	}
	for i, k := range r.offer {
		if k < 0 {
			return fmt.Errorf("the offer leaves out issue %q", d.Issues[i].Name)
		}
	}
	return nil
}
