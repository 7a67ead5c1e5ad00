package pipe

import (
	"strconv"
	"time"

	"github.com/winwin-sim/winwin/agents"
)

// This file writes the messages winwin sends to an agent, field by field,
// with the value writers of json.go. They are built by appending to a
// reused buffer: after the first negotiation on a domain, a turn message
// costs no allocation.

// domainInfo is what the encoder and decoder need to know about one
// domain, computed once per domain and pool.
type domainInfo struct {
	d *agents.Domain
	// json is the "domain" object of a start message.
	json []byte
	// names[i] is issue i's name as a JSON string (quoted); labels[i][k]
	// option k's label.
	names  [][]byte
	labels [][][]byte
	// issue maps an issue name to its index; option[i] a label of issue i
	// to its option index (for offers written as {issue: label}).
	issue  map[string]int
	option []map[string]int
}

func newDomainInfo(d *agents.Domain) *domainInfo {
	di := &domainInfo{d: d, issue: make(map[string]int, len(d.Issues))}
	b := append([]byte(nil), `{"name":`...)
	b = appendJSONString(b, d.Name)
	b = append(b, `,"issues":[`...)
	for i, is := range d.Issues {
		di.issue[is.Name] = i
		name := appendJSONString(nil, is.Name)
		di.names = append(di.names, name)
		labels := make([][]byte, len(is.Options))
		index := make(map[string]int, len(is.Options))
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"name":`...)
		b = append(b, name...)
		b = append(b, `,"options":[`...)
		for k, o := range is.Options {
			labels[k] = appendJSONString(nil, o)
			if _, dup := index[o]; !dup {
				index[o] = k
			}
			if k > 0 {
				b = append(b, ',')
			}
			b = append(b, labels[k]...)
		}
		b = append(b, ']')
		if is.Numeric != nil {
			b = append(b, `,"numeric":`...)
			b = appendFloats(b, is.Numeric)
		}
		b = append(b, `,"item":`...)
		b = strconv.AppendBool(b, is.Item)
		b = append(b, '}')
		di.labels = append(di.labels, labels)
		di.option = append(di.option, index)
	}
	di.json = append(b, "]}"...)
	return di
}

// tagNames[i] is the JSON string of tag 1<<i ("anchor"), nil past the
// last tag; tagByName maps a name back to its tag.
var tagNames, tagByName = tagTables()

func tagTables() (names [16][]byte, byName map[string]agents.Tag) {
	byName = map[string]agents.Tag{}
	for i := range names {
		t := agents.Tag(1) << i
		n := t.Names()
		if len(n) != 1 {
			continue
		}
		names[i] = appendJSONString(nil, n[0])
		byName[n[0]] = t
	}
	return names, byName
}

func appendTags(b []byte, t agents.Tags) []byte {
	b = append(b, '[')
	first := true
	for i, name := range tagNames {
		if t&(1<<i) == 0 || name == nil {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, name...)
	}
	return append(b, ']')
}

// appendOffer appends `"offer":[…],"labels":{…}` (or null for both when o
// is nil).
func (di *domainInfo) appendOffer(b []byte, key string, o agents.Offer) []byte {
	b = append(b, `"`...)
	b = append(b, key...)
	b = append(b, `":`...)
	b = appendInts(b, o)
	if key == "offer" {
		b = append(b, `,"labels":`...)
	} else {
		b = append(b, `,"`...)
		b = append(b, key...)
		b = append(b, `_labels":`...)
	}
	if o == nil || !di.d.Valid(o) {
		return append(b, "null"...)
	}
	b = append(b, '{')
	for i, k := range o {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, di.names[i]...)
		b = append(b, ':')
		b = append(b, di.labels[i][k]...)
	}
	return append(b, '}')
}

var roleNames = [2]string{`"seller"`, `"buyer"`}

func appendRole(b []byte, r agents.Role) []byte {
	if r > agents.Buyer {
		return append(b, "null"...)
	}
	return append(b, roleNames[r]...)
}

func appendHeader(b []byte, typ string, session uint64) []byte {
	b = append(b, `{"type":"`...)
	b = append(b, typ...)
	b = append(b, `","session":`...)
	return strconv.AppendUint(b, session, 10)
}

// appendHello appends the handshake winwin opens every process with.
func appendHello(b []byte, name string, timeout time.Duration) []byte {
	b = append(b, `{"type":"hello","protocol":`...)
	b = strconv.AppendInt(b, Version, 10)
	b = append(b, `,"name":`...)
	b = appendJSONString(b, name)
	b = append(b, `,"timeout_ms":`...)
	b = strconv.AppendInt(b, timeout.Milliseconds(), 10)
	return append(b, "}\n"...)
}

// appendStart appends the start message of a negotiation.
func appendStart(b []byte, session uint64, di *domainInfo, v *agents.View, seed uint64) []byte {
	b = appendHeader(b, "start", session)
	b = append(b, `,"role":`...)
	b = appendRole(b, v.Role)
	b = append(b, `,"opener":`...)
	b = appendRole(b, v.Opener)
	b = append(b, `,"period":`...)
	b = strconv.AppendInt(b, int64(v.Period), 10)
	b = append(b, `,"deadline":`...)
	b = strconv.AppendInt(b, int64(v.Deadline), 10)
	b = append(b, `,"seed":`...)
	b = strconv.AppendUint(b, seed, 10)
	b = append(b, `,"domain":`...)
	b = append(b, di.json...)
	b = append(b, `,"prefs":{"weights":`...)
	b = appendFloats(b, v.Prefs.Weights)
	b = append(b, `,"values":[`...)
	for i, vs := range v.Prefs.Values {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendFloats(b, vs)
	}
	b = append(b, `],"reservation":`...)
	b = appendFloat(b, v.Prefs.Reservation)
	b = append(b, `},"history":[`...)
	for i := range v.History {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		b = di.appendDeal(b, &v.History[i])
		b = append(b, '}')
	}
	return append(b, "]}\n"...)
}

// appendDeal appends the fields of one finished negotiation, seen from
// the agent's side (no braces): the body of an end message and of a
// history entry.
func (di *domainInfo) appendDeal(b []byte, d *agents.Deal) []byte {
	b = append(b, `"period":`...)
	b = strconv.AppendInt(b, int64(d.Period), 10)
	b = append(b, `,"agreed":`...)
	b = strconv.AppendBool(b, d.Agreed)
	b = append(b, `,"reason":`...)
	switch {
	case d.Agreed:
		b = append(b, `"agreement"`...)
	case d.WalkAway:
		b = append(b, `"walk-away"`...)
	case d.Deadline:
		b = append(b, `"deadline"`...)
	default:
		b = append(b, `"fault"`...)
	}
	b = append(b, `,"ended_by":`...)
	if d.Deadline {
		b = append(b, "null"...)
	} else {
		b = appendRole(b, d.EndedBy)
	}
	b = append(b, ',')
	b = di.appendOffer(b, "offer", d.Offer)
	b = append(b, `,"utility":`...)
	b = appendFloat(b, d.Utility)
	b = append(b, `,"rounds":`...)
	b = strconv.AppendInt(b, int64(d.Rounds), 10)
	b = append(b, `,"partner_tags":`...)
	b = appendTags(b, d.PartnerTags)
	b = append(b, ',')
	b = di.appendOffer(b, "partner_first", d.PartnerFirst)
	b = append(b, `,"partner_ranking":`...)
	return appendInts(b, d.PartnerRanking)
}

// appendTurn appends the turn message asking for the agent's move.
func appendTurn(b []byte, session uint64, di *domainInfo, v *agents.View) []byte {
	b = appendHeader(b, "turn", session)
	b = append(b, `,"round":`...)
	b = strconv.AppendInt(b, int64(v.Round), 10)
	b = append(b, `,"turn":`...)
	b = strconv.AppendInt(b, int64(v.Turn), 10)
	b = append(b, `,"time":`...)
	b = appendFloat(b, v.Time())
	b = append(b, `,"last":`...)
	m := &v.Last
	switch m.Kind {
	case agents.MoveOffer, agents.MoveAccept, agents.MoveWalkAway:
	default:
		return append(b, "null}\n"...)
	}
	b = append(b, `{"kind":`...)
	b = append(b, kindNames[m.Kind]...)
	if m.Kind == agents.MoveOffer {
		b = append(b, ',')
		b = di.appendOffer(b, "offer", m.Offer)
	}
	b = append(b, `,"tags":`...)
	b = appendTags(b, m.Tags)
	if len(m.Ranking) > 0 {
		b = append(b, `,"ranking":`...)
		b = appendInts(b, m.Ranking)
	}
	if m.Say != "" {
		b = append(b, `,"say":`...)
		b = appendJSONString(b, m.Say)
	}
	return append(b, "}}\n"...)
}

// kindNames are the protocol's words for the kinds of move.
var kindNames = [...]string{
	agents.MoveOffer:    `"offer"`,
	agents.MoveAccept:   `"accept"`,
	agents.MoveWalkAway: `"walk"`,
}

// appendEnd appends the end message: how the negotiation ended, from the
// agent's side.
func appendEnd(b []byte, session uint64, di *domainInfo, d *agents.Deal) []byte {
	b = appendHeader(b, "end", session)
	b = append(b, ',')
	b = di.appendDeal(b, d)
	return append(b, "}\n"...)
}

// appendClose appends the close message of a session that ends without an
// outcome to report.
func appendClose(b []byte, session uint64, reason string) []byte {
	b = appendHeader(b, "close", session)
	b = append(b, `,"reason":`...)
	b = appendJSONString(b, reason)
	return append(b, "}\n"...)
}
