package pipe

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
)

// testDomain has a numeric issue, a categorical one and an item, with
// labels that need escaping in JSON.
func testDomain(t testing.TB) *agents.Domain {
	t.Helper()
	price, err := agents.NumericIssue("price", 100, 120, 10, "$", "")
	if err != nil {
		t.Fatal(err)
	}
	return &agents.Domain{Name: "test", Issues: []agents.Issue{
		price,
		{Name: "delivery", Options: []string{"7 days", "30 \"days\"", "écoute\n"}},
		{Name: "training", Options: []string{"left out", "included"}, Item: true},
	}}
}

func TestDecodeMove(t *testing.T) {
	di := newDomainInfo(testDomain(t))
	cases := []struct {
		line string
		want string // the move as kind/offer/tags/ranking/say, or the error
	}{
		{`{"type":"move","session":1,"kind":"offer","offer":[2,0,1]}`, "offer [2 0 1]"},
		{` { "session" : 1 , "kind" : "offer" , "offer" : [ 2 , 0 , 1 ] , "type" : "move" } `, "offer [2 0 1]"},
		{`{"type":"move","session":1,"kind":"offer","offer":[2.0,0,1e0]}`, "offer [2 0 1]"},
		{`{"type":"move","session":1,"kind":"offer","offer":{"training":"included","price":"$110","delivery":"30 \"days\""}}`, "offer [1 1 1]"},
		{`{"type":"move","session":1,"kind":"offer","offer":{"price":"$100","delivery":"\u00e9coute\n","training":"left out"}}`, "offer [0 2 0]"},
		{`{"type":"move","session":1,"kind":"offer","offer":[0,0,0],"tags":["anchor","ask-why"],"say":"Let\u2019s talk"}`, "offer [0 0 0] anchor+ask-why say=Let’s talk"},
		{`{"type":"move","session":1,"kind":"offer","offer":[0,0,0],"tags":["disclose"],"ranking":[2,0,1]}`, "offer [0 0 0] disclose ranking=[2 0 1]"},
		{`{"type":"move","session":1,"kind":"accept","tags":[],"say":null,"offer":null}`, "accept"},
		// What an agent says is printed in transcripts: no escape sequence gets through.
		{`{"type":"move","session":1,"kind":"walk","say":"bye\u001b[2J\r\u202e!\tok"}`, "walk away say=bye?[2J??!\tok"},
		{`{"type":"move","session":1,"kind":"walk","tags":["dissatisfied"]}`, "walk away dissatisfied"},

		{`{"type":"move","session":1,"kind":"offer","offer":[3,0,0]}`, `issue "price" (index 0) has no option 3 (options 0..2)`},
		{`{"type":"move","session":1,"kind":"offer","offer":[0,-1,0]}`, `issue "delivery" (index 1) has no option -1`},
		{`{"type":"move","session":1,"kind":"offer","offer":[0,0]}`, "the offer has 2 options for the domain's 3 issues"},
		{`{"type":"move","session":1,"kind":"offer","offer":[0,0,0,0]}`, "more than the domain's 3 issues"},
		{`{"type":"move","session":1,"kind":"offer","offer":[0,0.5,0]}`, "has no option 0.5"},
		{`{"type":"move","session":1,"kind":"offer","offer":{"price":"$100","delivery":"7 days"}}`, `the offer leaves out issue "training"`},
		{`{"type":"move","session":1,"kind":"offer","offer":{"price":"$105"}}`, `issue "price" has no option "$105"`},
		{`{"type":"move","session":1,"kind":"offer","offer":{"colour":"red"}}`, `names issue "colour", which the domain does not have`},
		{`{"type":"move","session":1,"kind":"offer","offer":{"price":0}}`, "want an option label"},
		{`{"type":"move","session":1,"kind":"offer","offer":"cheap"}`, `"offer" is "cheap", want a list`},
		{`{"type":"move","session":1,"kind":"offer"}`, `an "offer" move needs "offer"`},
		{`{"type":"move","session":1,"kind":"accept","offer":[0,0,0]}`, `a move of kind "accept" carries no offer`},
		{`{"type":"move","session":1,"kind":"counter"}`, `"kind" is "counter", want "offer", "accept" or "walk"`},
		{`{"type":"move","session":1}`, `the move has no "kind"`},
		{`{"type":"move","session":1,"kind":"walk","tags":["bluff"]}`, `unknown tag "bluff" (tags: anchor, flinch`},
		{`{"type":"move","session":1,"kind":"walk","tags":"anchor"}`, `"tags" is "anchor", want a list`},
		{`{"type":"move","session":1,"kind":"walk","ranking":[0,3]}`, `"ranking" holds 3, want issue indices 0..2`},
		{`{"type":"move","session":1,"kind":"walk","say":7}`, `"say" is 7, want a string`},
		{`{"type":"move","session":1,"kind":"walk","say":"` + strings.Repeat("x", maxSay+1) + `"}`, "at most 500 allowed"},
		{`{"type":"move","session":1,"kind":"walk","offr":[0,0,0]}`, `unknown field "offr" — did you mean "offer"?`},
	}
	var m message
	var r reply
	for _, c := range cases {
		if err := m.parse([]byte(c.line)); err != nil {
			t.Errorf("parse(%s): %v", c.line, err)
			continue
		}
		var got string
		if err := m.move(di, &r); err != nil {
			got = err.Error()
		} else {
			mv := agents.Move{Kind: r.kind, Offer: r.offer, Tags: r.tags}
			got = mv.Kind.String()
			if mv.Kind == agents.MoveOffer {
				got += " " + strings.Trim(strings.ReplaceAll(jsonOf(t, r.offer), ",", " "), "")
			}
			if r.tags != 0 {
				got += " " + r.tags.String()
			}
			if len(r.ranking) > 0 {
				got += " ranking=" + strings.ReplaceAll(jsonOf(t, r.ranking), ",", " ")
			}
			if len(r.say) > 0 {
				got += " say=" + string(r.say)
			}
		}
		if !strings.Contains(got, c.want) {
			t.Errorf("%s\n got %s\nwant %s", c.line, got, c.want)
		}
	}
}

func jsonOf(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestParseGarbage: lines that are not one JSON object are garbage, and
// every line encoding/json accepts as an object parses.
func TestParseGarbage(t *testing.T) {
	garbage := []string{
		``, `debug: here`, `[1,2]`, `"move"`, `{`, `{"type":"move"`, `{"type":"move",}`, `{"type" "move"}`,
		`{"a":1}{"b":2}`, `{"a":01}`, `{"a":1.}`, `{"a":-}`, `{"a":1e}`, `{"a":"\x"}`, `{"a":"\u12"}`,
		`{"a":"tab	in string"}`, `{"a":tru}`, `{"a":[1,2}`, `{"a":{"b"}}`, `{a:1}`, `{"a":1,"b"}`,
		`{"a":` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `}`,
	}
	var m message
	for _, g := range garbage {
		if json.Valid([]byte(g)) && strings.HasPrefix(strings.TrimSpace(g), "{") && !strings.Contains(g, "[[[[") {
			t.Errorf("test case %q is valid JSON", g)
		}
		if err := m.parse([]byte(g)); err == nil {
			t.Errorf("parse(%q) accepted garbage", g)
		}
	}
	valid := []string{
		`{}`, ` {"type":"move"} `, `{"a":[],"b":{},"c":[{"d":[null,true,false,-0.5e+3,"\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"]}]}`,
	}
	for _, v := range valid {
		if !json.Valid([]byte(v)) {
			t.Fatalf("test case %q is not valid JSON", v)
		}
		if err := m.parse([]byte(v)); err != nil {
			t.Errorf("parse(%q): %v", v, err)
		}
	}
}

// TestEncodeValidJSON: every message winwin writes is one line of valid
// JSON that reads back as what was meant.
func TestEncodeValidJSON(t *testing.T) {
	d := testDomain(t)
	di := newDomainInfo(d)
	prefs := &agents.Preferences{
		Weights:     []float64{0.5, 0.3, 0.2},
		Values:      [][]float64{{0, 0.5, 1}, {1, 0.25, 0}, {0, 1}},
		Reservation: 0.1,
	}
	hist := []agents.Deal{
		{Period: 0, Agreed: true, Offer: agents.Offer{1, 1, 0}, Utility: 0.325, Rounds: 4, EndedBy: agents.Buyer, PartnerTags: agents.TagFlinch | agents.TagExtremeAnchor, PartnerFirst: agents.Offer{0, 0, 1}, PartnerRanking: []int{0, 2, 1}},
		{Period: 1, Deadline: true, Utility: 0.1, Rounds: 10},
		{Period: 2, WalkAway: true, EndedBy: agents.Seller, Utility: 0.1, Rounds: 2},
		{Period: 3, EndedBy: agents.Seller, Utility: 0.1, Rounds: 2},
	}
	v := &agents.View{Domain: d, Prefs: prefs, Role: agents.Buyer, Opener: agents.Seller, Period: 4, Round: 1, Turn: 3, Deadline: 5, History: hist,
		Last: agents.Move{Kind: agents.MoveOffer, Offer: agents.Offer{2, 1, 1}, Tags: agents.TagDisclose, Ranking: []int{1, 0, 2}, Say: "Fair \"enough\"\t\x01"}}
	msgs := map[string][]byte{
		"hello": appendHello(nil, "my \"agent\"", 1500e6),
		"start": appendStart(nil, 7, di, v, 1<<63+5),
		"turn":  appendTurn(nil, 7, di, v),
		"end":   appendEnd(nil, 7, di, &hist[0]),
		"close": appendClose(nil, 7, "no move within 2s\n"),
	}
	v.Last = agents.Move{}
	msgs["opening turn"] = appendTurn(nil, 7, di, v)
	for name, b := range msgs {
		if !strings.HasSuffix(string(b), "\n") || strings.Count(string(b), "\n") != 1 {
			t.Errorf("%s: not one line: %q", name, b)
		}
		var got map[string]any
		if err := json.Unmarshal(b, &got); err != nil {
			t.Errorf("%s: %v\n%s", name, err, b)
			continue
		}
		switch name {
		case "start":
			want := map[string]any{"type": "start", "session": 7.0, "role": "buyer", "opener": "seller", "period": 4.0, "deadline": 5.0}
			for k, x := range want {
				if got[k] != x {
					t.Errorf("start: %s = %v, want %v", k, got[k], x)
				}
			}
			var exact struct{ Seed uint64 }
			if err := json.Unmarshal(b, &exact); err != nil || exact.Seed != 1<<63+5 {
				t.Errorf("start: seed %d (%v), want %d", exact.Seed, err, uint64(1<<63+5))
			}
			dom := got["domain"].(map[string]any)["issues"].([]any)
			if opt := dom[1].(map[string]any)["options"].([]any)[2]; opt != "écoute\n" {
				t.Errorf("start: option label %q", opt)
			}
			h := got["history"].([]any)
			var reasons []string
			for _, e := range h {
				reasons = append(reasons, e.(map[string]any)["reason"].(string))
			}
			if strings.Join(reasons, " ") != "agreement deadline walk-away fault" {
				t.Errorf("start: history reasons %v", reasons)
			}
			h0 := h[0].(map[string]any)
			if h0["partner_tags"].([]any)[1] != "extreme-anchor" || h0["labels"].(map[string]any)["delivery"] != `30 "days"` {
				t.Errorf("start: history entry %v", h0)
			}
		case "turn":
			last := got["last"].(map[string]any)
			if last["say"] != "Fair \"enough\"\t\x01" || last["kind"] != "offer" || last["labels"].(map[string]any)["price"] != "$120" {
				t.Errorf("turn: last %v", last)
			}
		case "opening turn":
			if l, ok := got["last"]; !ok || l != nil {
				t.Errorf("opening turn: last = %v, want null", l)
			}
		}
	}
}

// TestCodecAllocs: once a session's buffers have grown, writing a turn
// and reading a move allocate nothing.
func TestCodecAllocs(t *testing.T) {
	d := testDomain(t)
	di := newDomainInfo(d)
	prefs := &agents.Preferences{Weights: []float64{0.5, 0.3, 0.2}, Values: [][]float64{{0, 0.5, 1}, {1, 0.25, 0}, {0, 1}}}
	v := &agents.View{Domain: d, Prefs: prefs, Deadline: 5, Turn: 3,
		Last: agents.Move{Kind: agents.MoveOffer, Offer: agents.Offer{2, 1, 1}, Tags: agents.TagAnchor, Say: "Take it"}}
	line := []byte(`{"type":"move","session":12,"kind":"offer","offer":{"price":"$110","delivery":"7 days","training":"included"},"tags":["ask-why"],"say":"How?"}`)
	var (
		buf []byte
		m   message
		r   reply
	)
	allocs := testing.AllocsPerRun(100, func() {
		buf = appendTurn(buf[:0], 12, di, v)
		if err := m.parse(line); err != nil {
			t.Fatal(err)
		}
		if _, ok := integer(m.session); !ok {
			t.Fatal("no session")
		}
		if err := m.move(di, &r); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("a turn and a move cost %v allocations, want 0", allocs)
	}
}
