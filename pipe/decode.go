package pipe

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/winwin-sim/winwin/agents"
)

// This file reads the lines an agent writes. A line is checked in two
// steps. First its syntax: it must be one JSON object whose keys are the
// protocol's; a line that is not is garbage, and since nothing it says can
// be trusted, the process is restarted. Then its meaning: a move with a
// known session but, say, an option that does not exist is an invalid move
// and loses only that session's negotiation. Reading a line allocates
// nothing beyond the reused buffers of the session it answers.

// A message is one line from an agent, split into its fields' raw JSON
// values (spans of the line; absent fields are nil).
type message struct {
	line                            []byte
	typ, session, protocol, name    []byte
	kind, offer, tags, ranking, say []byte
	unknown                         []byte // the first key that is not the protocol's
	scratch                         []byte // unescaped strings
	depth                           int
}

// errGarbage wraps every syntax problem of a line.
var errGarbage = errors.New("not a JSON object")

// parse splits line into m's fields. An error means the line is not a
// JSON object at all.
func (m *message) parse(line []byte) error {
	*m = message{line: line, scratch: m.scratch[:0]}
	i := skipSpace(line, 0)
	if i >= len(line) || line[i] != '{' {
		return errGarbage
	}
	i = skipSpace(line, i+1)
	if i < len(line) && line[i] == '}' {
		return m.end(i + 1)
	}
	for {
		ks, ke, err := m.skipString(i)
		if err != nil {
			return err
		}
		i = skipSpace(line, ke)
		if i >= len(line) || line[i] != ':' {
			return fmt.Errorf("%w: missing ':' after key %s", errGarbage, line[ks:ke])
		}
		vs := skipSpace(line, i+1)
		ve, err := m.skipValue(vs)
		if err != nil {
			return err
		}
		m.set(line[ks+1:ke-1], line[vs:ve])
		i = skipSpace(line, ve)
		if i >= len(line) {
			return fmt.Errorf("%w: the line ends inside the object", errGarbage)
		}
		switch line[i] {
		case ',':
			i = skipSpace(line, i+1)
		case '}':
			return m.end(i + 1)
		default:
			return fmt.Errorf("%w: unexpected %q after a value", errGarbage, line[i])
		}
	}
}

func (m *message) end(i int) error {
	if i = skipSpace(m.line, i); i != len(m.line) {
		return fmt.Errorf("%w: text after the closing brace", errGarbage)
	}
	return nil
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

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

const maxDepth = 32

// skipValue checks the JSON value starting at i and returns where it ends.
func (m *message) skipValue(i int) (int, error) {
	b := m.line
	if i >= len(b) {
		return i, fmt.Errorf("%w: a value is missing", errGarbage)
	}
	switch c := b[i]; {
	case c == '"':
		_, e, err := m.skipString(i)
		return e, err
	case c == '{' || c == '[':
		m.depth++
		if m.depth > maxDepth {
			return i, fmt.Errorf("%w: nested too deep", errGarbage)
		}
		defer func() { m.depth-- }()
		closer := byte('}')
		if c == '[' {
			closer = ']'
		}
		i = skipSpace(b, i+1)
		if i < len(b) && b[i] == closer {
			return i + 1, nil
		}
		for {
			if c == '{' {
				_, ke, err := m.skipString(i)
				if err != nil {
					return i, err
				}
				i = skipSpace(b, ke)
				if i >= len(b) || b[i] != ':' {
					return i, fmt.Errorf("%w: missing ':' in an object", errGarbage)
				}
				i = skipSpace(b, i+1)
			}
			e, err := m.skipValue(i)
			if err != nil {
				return i, err
			}
			i = skipSpace(b, e)
			if i >= len(b) {
				return i, fmt.Errorf("%w: the line ends inside a value", errGarbage)
			}
			if b[i] == closer {
				return i + 1, nil
			}
			if b[i] != ',' {
				return i, fmt.Errorf("%w: unexpected %q inside a value", errGarbage, b[i])
			}
			i = skipSpace(b, i+1)
		}
	case c == '-' || (c >= '0' && c <= '9'):
		return skipNumber(b, i)
	}
	for _, lit := range [...]string{"true", "false", "null"} {
		if len(b)-i >= len(lit) && string(b[i:i+len(lit)]) == lit {
			return i + len(lit), nil
		}
	}
	return i, fmt.Errorf("%w: unexpected %q", errGarbage, b[i])
}

// skipNumber checks the JSON number at i.
func skipNumber(b []byte, i int) (int, error) {
	start := i
	digits := func() bool {
		s := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i > s
	}
	if b[i] == '-' {
		i++
	}
	if i < len(b) && b[i] == '0' {
		i++
	} else if !digits() {
		return i, fmt.Errorf("%w: bad number %q", errGarbage, b[start:min(i+1, len(b))])
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			return i, fmt.Errorf("%w: bad number %q", errGarbage, b[start:min(i+1, len(b))])
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			return i, fmt.Errorf("%w: bad number %q", errGarbage, b[start:min(i+1, len(b))])
		}
	}
	return i, nil
}

// skipString checks the JSON string at i and returns its span, quotes
// included.
func (m *message) skipString(i int) (int, int, error) {
	b := m.line
	if i >= len(b) || b[i] != '"' {
		return i, i, fmt.Errorf("%w: expected a string", errGarbage)
	}
	start := i
	for i++; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			return start, i + 1, nil
		case c == '\\':
			i++
			if i >= len(b) {
				break
			}
			switch b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(b) {
					return start, i, fmt.Errorf("%w: bad \\u escape", errGarbage)
				}
				for _, h := range b[i+1 : i+5] {
					if !isHex(h) {
						return start, i, fmt.Errorf("%w: bad \\u escape", errGarbage)
					}
				}
				i += 4
			default:
				return start, i, fmt.Errorf("%w: bad escape \\%c", errGarbage, b[i])
			}
		case c < 0x20:
			return start, i, fmt.Errorf("%w: control character in a string", errGarbage)
		}
	}
	return start, len(b), fmt.Errorf("%w: unterminated string", errGarbage)
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// str returns the content of the JSON string v (checked by skipString),
// unescaped: a span of the line when it has no escapes, otherwise a span
// of m.scratch (valid until the next call that unescapes). ok is false if
// v is not a string.
func (m *message) str(v []byte) ([]byte, bool) {
	if len(v) < 2 || v[0] != '"' {
		return nil, false
	}
	s := v[1 : len(v)-1]
	esc := false
	for _, c := range s {
		if c == '\\' {
			esc = true
			break
		}
	}
	if !esc {
		return s, true
	}
	start := len(m.scratch)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			m.scratch = append(m.scratch, c)
			continue
		}
		i++
		switch s[i] {
		case 'b':
			m.scratch = append(m.scratch, '\b')
		case 'f':
			m.scratch = append(m.scratch, '\f')
		case 'n':
			m.scratch = append(m.scratch, '\n')
		case 'r':
			m.scratch = append(m.scratch, '\r')
		case 't':
			m.scratch = append(m.scratch, '\t')
		case 'u':
			r := hexRune(s[i+1 : i+5])
			i += 4
			if utf16.IsSurrogate(r) && i+7 <= len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
				if r2 := hexRune(s[i+3 : i+7]); utf16.IsSurrogate(r2) {
					r = utf16.DecodeRune(r, r2)
					i += 6
				}
			}
			m.scratch = utf8.AppendRune(m.scratch, r)
		default: // '"', '\\', '/'
			m.scratch = append(m.scratch, s[i])
		}
	}
	return m.scratch[start:], true
}

func hexRune(h []byte) rune {
	var r rune
	for _, c := range h {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		default:
			r |= rune(c - 'A' + 10)
		}
	}
	return r
}

// integer returns the JSON number v as an int64 if it is a whole number.
func integer(v []byte) (int64, bool) {
	if len(v) == 0 || v[0] == '"' {
		return 0, false
	}
	n, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil {
		// 3.0 and 3e0 are whole numbers too (some JSON writers emit them).
		f, ferr := strconv.ParseFloat(string(v), 64)
		if ferr != nil || f != float64(int64(f)) {
			return 0, false
		}
		return int64(f), true
	}
	return n, true
}

// elems calls f with each element of the JSON array v (checked by
// skipValue) and reports whether v is an array.
func (m *message) elems(v []byte, f func(e []byte) error) (bool, error) {
	if len(v) < 2 || v[0] != '[' {
		return false, nil
	}
	i := skipSpace(v, 1)
	if v[i] == ']' {
		return true, nil
	}
	sub := message{line: v}
	for {
		e, _ := sub.skipValue(i)
		if err := f(v[i:e]); err != nil {
			return true, err
		}
		i = skipSpace(v, e)
		if v[i] == ']' {
			return true, nil
		}
		i = skipSpace(v, i+1)
	}
}

// members calls f with each key (unescaped) and value of the JSON object
// v and reports whether v is an object.
func (m *message) members(v []byte, f func(k, val []byte) error) (bool, error) {
	if len(v) < 2 || v[0] != '{' {
		return false, nil
	}
	i := skipSpace(v, 1)
	if v[i] == '}' {
		return true, nil
	}
	sub := message{line: v}
	for {
		ks, ke, _ := sub.skipString(i)
		key, _ := m.str(v[ks:ke])
		i = skipSpace(v, ke)
		vs := skipSpace(v, i+1)
		ve, _ := sub.skipValue(vs)
		if err := f(key, v[vs:ve]); err != nil {
			return true, err
		}
		i = skipSpace(v, ve)
		if v[i] == '}' {
			return true, nil
		}
		i = skipSpace(v, i+1)
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
	if s := suggest(k, fields); s != "" {
		return fmt.Sprintf("unknown field %q — did you mean %q?", k, s)
	}
	return fmt.Sprintf("unknown field %q", k)
}

// suggest returns the field closest to s by edit distance, or "" if none
// is close enough to be a likely typo.
func suggest(s string, fields []string) string {
	ls := strings.ToLower(s)
	best, bestD := "", 0
	for _, f := range fields {
		d := distance(ls, f)
		if best == "" || d < bestD {
			best, bestD = f, d
		}
	}
	if best == "" || bestD > max(2, len(s)/3) || bestD >= len(s) {
		return ""
	}
	return best
}

// distance is the Levenshtein edit distance between a and b, in bytes.
func distance(a, b string) int {
	if len(a) > 64 {
		return len(a) // no field is that long
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
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
		r.say = append(r.say, s...)
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
