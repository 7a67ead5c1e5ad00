package pipe

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/winwin-sim/winwin/agents"
)

// BenchmarkCodec measures the codec's share of one negotiation round —
// writing a turn, reading the move that answers it — on the W1 domain,
// with the hand-written codec and with the same messages through
// encoding/json, the alternative the package doc weighs it against:
//
//	go test ./pipe/ -run '^$' -bench Codec -benchmem
//
// Both sides are checked to agree on the benchmark's messages before they
// are timed.
func BenchmarkCodec(b *testing.B) {
	sc := w1(1, 0)
	di := newDomainInfo(sc.Domain)
	v := &agents.View{Domain: sc.Domain, Prefs: sc.Prefs[0], Role: agents.Seller, Opener: agents.Seller, Deadline: 100, Round: 37, Turn: 74,
		Last: agents.Move{Kind: agents.MoveOffer, Offer: agents.Offer{2, 7, 4, 9, 0}}}
	// A move as the Python example agent writes it (json.dumps).
	line := []byte(`{"kind": "offer", "offer": [9, 3, 0, 7, 2], "type": "move", "session": 1234}`)

	var viaJSON jsonCodec
	want := appendTurn(nil, 1234, di, v)
	got, err := viaJSON.appendTurn(nil, 1234, di, v)
	if err != nil {
		b.Fatal(err)
	}
	var wantV, gotV any
	if json.Unmarshal(want, &wantV) != nil || json.Unmarshal(got, &gotV) != nil || !reflect.DeepEqual(wantV, gotV) {
		b.Fatalf("the codecs write different turns:\nhand:          %s\nencoding/json: %s", want, got)
	}
	var (
		m message
		r reply
	)
	if err := m.parse(line); err != nil {
		b.Fatal(err)
	}
	if err := m.move(di, &r); err != nil {
		b.Fatal(err)
	}
	if _, err := viaJSON.decodeMove(line, di, false); err != nil {
		b.Fatal(err)
	}
	if !reflect.DeepEqual(r, viaJSON.r) {
		b.Fatalf("the codecs read different moves: hand %+v, encoding/json %+v", r, viaJSON.r)
	}

	b.Run("encode-turn/hand", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			buf = appendTurn(buf[:0], 1234, di, v)
		}
	})
	b.Run("encode-turn/encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			buf, _ = viaJSON.appendTurn(buf[:0], 1234, di, v)
		}
	})
	b.Run("decode-move/hand", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if m.parse(line) != nil {
				b.Fatal("parse")
			}
			if _, ok := integer(m.session); !ok {
				b.Fatal("session")
			}
			if m.move(di, &r) != nil {
				b.Fatal("move")
			}
		}
	})
	// encoding-json is json.Unmarshal, which ignores unknown fields and
	// matches keys regardless of case: the least encoding/json can do.
	b.Run("decode-move/encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := viaJSON.decodeMove(line, di, false); err != nil {
				b.Fatal(err)
			}
		}
	})
	// encoding-json-strict refuses unknown fields, as the protocol does
	// (json.Decoder.DisallowUnknownFields; still case-insensitive).
	b.Run("decode-move/encoding-json-strict", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := viaJSON.decodeMove(line, di, true); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// jsonCodec writes turns and reads moves with encoding/json, reusing what
// it can between calls as a careful user of that package would. It is
// the alternative BenchmarkCodec measures, not a second codec.
type jsonCodec struct {
	out   bytes.Buffer
	enc   *json.Encoder
	turn  jsonTurn
	last  jsonLast
	in    jsonMove
	offer []float64
	label map[string]string
	r     reply
}

type jsonTurn struct {
	Type    string    `json:"type"`
	Session uint64    `json:"session"`
	Round   int       `json:"round"`
	Turn    int       `json:"turn"`
	Time    float64   `json:"time"`
	Last    *jsonLast `json:"last"`
}

type jsonLast struct {
	Kind    string            `json:"kind"`
	Offer   []int             `json:"offer,omitempty"`
	Labels  map[string]string `json:"labels,omitempty"` // keys sorted, not in the domain's order
	Tags    []string          `json:"tags"`
	Ranking []int             `json:"ranking,omitempty"`
	Say     string            `json:"say,omitempty"`
}

type jsonMove struct {
	Type    *string         `json:"type"`
	Session *json.Number    `json:"session"`
	Kind    *string         `json:"kind"`
	Offer   json.RawMessage `json:"offer"`
	Tags    []string        `json:"tags"`
	Ranking []int           `json:"ranking"`
	Say     *string         `json:"say"`
}

func (c *jsonCodec) appendTurn(b []byte, session uint64, di *domainInfo, v *agents.View) ([]byte, error) {
	if c.enc == nil {
		c.enc = json.NewEncoder(&c.out)
		c.enc.SetEscapeHTML(false)
		c.last.Labels = map[string]string{}
		c.last.Tags = make([]string, 0, len(tagNames))
	}
	c.turn = jsonTurn{Type: "turn", Session: session, Round: v.Round, Turn: v.Turn, Time: v.Time()}
	if m := &v.Last; m.Kind == agents.MoveOffer || m.Kind == agents.MoveAccept || m.Kind == agents.MoveWalkAway {
		l := &c.last
		l.Kind = string(kindNames[m.Kind][1 : len(kindNames[m.Kind])-1])
		l.Offer = nil
		clear(l.Labels)
		if m.Kind == agents.MoveOffer {
			l.Offer = m.Offer
			for i, k := range m.Offer {
				l.Labels[di.d.Issues[i].Name] = di.d.Issues[i].Options[k]
			}
		}
		l.Tags = l.Tags[:0]
		for i, n := range tagNames {
			if m.Tags&(1<<i) != 0 && n != nil {
				l.Tags = append(l.Tags, string(n[1:len(n)-1]))
			}
		}
		l.Ranking, l.Say = m.Ranking, m.Say
		c.turn.Last = l
	}
	c.out.Reset()
	if err := c.enc.Encode(&c.turn); err != nil {
		return b, err
	}
	return append(b, c.out.Bytes()...), nil
}

func (c *jsonCodec) decodeMove(line []byte, di *domainInfo, strict bool) (int64, error) {
	c.in = jsonMove{Tags: c.in.Tags[:0], Ranking: c.in.Ranking[:0]}
	if strict {
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c.in); err != nil {
			return 0, err
		}
		if dec.More() {
			return 0, errors.New("text after the closing brace")
		}
	} else if err := json.Unmarshal(line, &c.in); err != nil {
		return 0, err
	}
	if c.in.Session == nil {
		return 0, errors.New("no session")
	}
	id, err := c.in.Session.Int64()
	if err != nil {
		return 0, err
	}
	r := &c.r
	switch {
	case c.in.Kind == nil:
		return 0, errors.New(`no "kind"`)
	case *c.in.Kind == "offer":
		r.kind = agents.MoveOffer
	case *c.in.Kind == "accept":
		r.kind = agents.MoveAccept
	case *c.in.Kind == "walk":
		r.kind = agents.MoveWalkAway
	default:
		return 0, fmt.Errorf(`"kind" is %q`, *c.in.Kind)
	}
	r.tags = 0
	for _, n := range c.in.Tags {
		t, ok := tagByName[n]
		if !ok {
			return 0, fmt.Errorf("unknown tag %q", n)
		}
		r.tags |= t
	}
	r.ranking = append(r.ranking[:0], c.in.Ranking...)
	r.say = r.say[:0]
	if c.in.Say != nil {
		r.say = append(r.say, *c.in.Say...)
	}
	if r.kind != agents.MoveOffer {
		return id, nil
	}
	d := di.d
	r.offer = r.offer[:0]
	switch first := firstNonSpace(c.in.Offer); first {
	case '[':
		if err := json.Unmarshal(c.in.Offer, &c.offer); err != nil {
			return 0, err
		}
		if len(c.offer) != len(d.Issues) {
			return 0, errors.New("wrong number of options")
		}
		for i, x := range c.offer {
			k := int(x)
			if float64(k) != x || k < 0 || k >= len(d.Issues[i].Options) {
				return 0, fmt.Errorf("issue %q has no option %v", d.Issues[i].Name, x)
			}
			r.offer = append(r.offer, k)
		}
	case '{':
		if c.label == nil {
			c.label = map[string]string{}
		}
		clear(c.label)
		if err := json.Unmarshal(c.in.Offer, &c.label); err != nil {
			return 0, err
		}
		for i, is := range d.Issues {
			k, ok := di.option[i][c.label[is.Name]]
			if !ok {
				return 0, fmt.Errorf("issue %q has no option %q", is.Name, c.label[is.Name])
			}
			r.offer = append(r.offer, k)
		}
	default:
		return 0, errors.New(`no "offer"`)
	}
	return id, nil
}
