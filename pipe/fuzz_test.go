package pipe

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/winwin-sim/winwin/agents"
)

// FuzzDecodeLine feeds arbitrary lines to the decoder, as an agent could
// write them. The decoder must never panic (in a run a panic is caught and
// costs the agent its process, but it is still a bug), must agree with
// encoding/json on what is a JSON object, and every move it accepts must
// fit the domain.
//
//	go test ./pipe/ -run '^$' -fuzz FuzzDecodeLine -parallel 1
//
// What the fuzzer finds goes in testdata/fuzz/FuzzDecodeLine.
func FuzzDecodeLine(f *testing.F) {
	for _, s := range []string{
		`{"type":"move","session":1,"kind":"offer","offer":[2,0,1]}`,
		`{"type":"move","session":1,"kind":"offer","offer":{"training":"included","price":"$110","delivery":"30 \"days\""}}`,
		`{"type":"move","session":1,"kind":"offer","offer":{"price":"$100","delivery":"\u00e9coute\n","training":"left out"}}`,
		`{"type":"move","session":1,"kind":"offer","offer":[0,0,0],"tags":["disclose"],"ranking":[2,0,1],"say":"Let\u2019s talk \ud83d\ude00"}`,
		`{"type":"move","session":1,"kind":"accept","tags":[],"say":null,"offer":null}`,
		`{"type":"move","sesion":1,"kind":"walk"}`,
		`{"type":"hello","protocol":1,"name":"x"}`,
		`{"type":"move","session":1e400,"kind":"offer","offer":[-0,1.0e0,2E+0]}`,
		`{"a":[{"b":[[],{}]}],"say":"\\\/\b\f\r\t"}`,
		`{"type":"move","session":1,"offer":{"price":"$100","price":"$110"}}`,
		` { } `,
		`[1,2]`,
		`{"type":"move",}`,
		`{"say":"\ud800"}`,
	} {
		f.Add([]byte(s))
	}
	di := newDomainInfo(testDomain(f))
	f.Fuzz(func(t *testing.T, line []byte) {
		var m message
		err := m.parse(line)
		valid := json.Valid(line) && firstNonSpace(line) == '{'
		switch {
		case err == nil && !valid:
			t.Fatalf("the decoder accepts %q, which is not a JSON object", line)
		case err != nil && valid && depth(line) <= maxDepth:
			t.Fatalf("the decoder refuses the JSON object %q: %v", line, err)
		case err != nil:
			return
		}
		// What a process does with a line: the handshake's and the
		// dispatcher's reads, then the move itself.
		m.str(m.typ)
		m.str(m.name)
		integer(m.protocol)
		integer(m.session)
		if m.unknown != nil {
			unknownField(m.unknown, moveFields)
		}
		var r reply
		if m.move(di, &r) != nil {
			return
		}
		if r.kind == agents.MoveOffer && !di.d.Valid(r.offer) {
			t.Fatalf("the decoder accepts the offer %v, which is not valid in the domain: %q", r.offer, line)
		}
		for _, k := range r.ranking {
			if k < 0 || k >= len(di.d.Issues) {
				t.Fatalf("the decoder accepts the ranking %v: %q", r.ranking, line)
			}
		}
		if len(r.say) > maxSay {
			t.Fatalf("the decoder accepts a say of %d bytes: %q", len(r.say), line)
		}
	})
}

func firstNonSpace(b []byte) byte {
	if i := skipSpace(b, 0); i < len(b) {
		return b[i]
	}
	return 0
}

// depth returns how deep the JSON value b nests arrays and objects, below
// the top level (b is valid JSON).
func depth(b []byte) int {
	d, most := 0, 0
	dec := json.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := dec.Token()
		if err != nil {
			return most
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			d++
			most = max(most, d-1)
		case json.Delim('}'), json.Delim(']'):
			d--
		}
	}
}
