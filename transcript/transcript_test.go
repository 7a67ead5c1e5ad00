package transcript_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/internal/golden"
	"github.com/winwin-sim/winwin/strategies"
	"github.com/winwin-sim/winwin/transcript"
)

// pairing is one built-in pairing told in a golden file: each shows one
// of the article's moments.
type pairing struct {
	name, domain, seller, buyer string
	rounds, periods             int
	seed                        uint64
	// want are phrases the transcript must contain: the moment it shows.
	want []string
}

var pairings = []pairing{
	{"anchor-vs-integrative", "supply-deal", "hard-anchorer", "integrative", 20, 1, 1,
		[]string{"The seller (hard-anchorer) opens.", "▸ anchor: opens at $140/unit", "▸ extreme anchor", "answers the anchor with its own first offer", "▸ asks why", "▸ justifies", "Scorecard", "left on the", "Nash point"}},
	{"flinch-vs-walk-away", "price-haggle", "walk-away-disciplined", "flincher", 10, 1, 1,
		[]string{"▸ flinch: recoils at the seller's offer as far too high", "“That much?! I bought something similar for half that!”",
			"▸ asks why: asks why the offer is too much for the buyer", "“Why is that too much for you?"}},
	{"dissatisfied-then-walk", "supply-deal", "walk-away-disciplined", "hardliner", 20, 1, 1,
		[]string{"(signal 1)", "(signal 3)", "walks away, after 3 signals of dissatisfaction", "No deal: the seller walked away",
			"“We'll sell elsewhere", "NO DEAL: the seller walked away from a deal both could have taken. Together they lost"}},
	{"unbundle-and-reprice", "bundle", "walk-away-disciplined", "unbundler", 20, 1, 1,
		[]string{"▸ unbundles: takes installation and support out of the package and expects", "▸ re-prices: answers the changed terms", "“Those are different terms, so we need to review the pricing for them.”"}},
	{"relationship-anchor-vs-integrative", "supply-deal", "hard-anchorer", "integrative", 20, 5, 3,
		[]string{"━━ Deal 1 of up to 5", "Will they deal again?", "chance to come back", "Long-run payoff"}},
	// The even split: flincher against flincher on a one-issue
	// price ends at the fair, efficient $400,000, and that is win-win.
	{"flinch-vs-flinch-even-split", "price-haggle", "flincher", "flincher", 20, 1, 7,
		[]string{"Deal in round", "price $400,000", "0.00 left on the", "yes (100%)", "WIN-WIN: both sides won"}},
	// The logroll: the integrative seller raises the buyer's value
	// at no cost to itself, printed as a trade that creates value.
	{"integrative-logroll-vs-anchor", "supply-deal", "integrative", "hard-anchorer", 20, 1, 7,
		[]string{"trades across issues, creating value", "“Here's what matters most to us in selling this.",
			"“We're only really looking to spend this much, no more.”"}},
	// A flincher selling says a seller's flinch, and the integrative buyer
	// asks a buyer's question why.
	{"seller-flinch-vs-integrative", "price-haggle", "flincher", "integrative", 20, 1, 3,
		[]string{"▸ flinch: recoils at the buyer's offer as far too low", "“That's far below what this is worth — I've sold the same for twice that!”",
			"▸ asks why: asks why the offer is not enough for the seller", "“Why is that not enough for you?"}},
}

// tell negotiates a pairing and returns its relationship (one deal when
// periods is 1).
func tell(t *testing.T, p pairing) *transcript.Relationship {
	t.Helper()
	sc, _, err := configs.LoadDomain(p.domain)
	if err != nil {
		t.Fatal(err)
	}
	var ag [2]agents.Agent
	for r, name := range [2]string{p.seller, p.buyer} {
		f, err := strategies.Factory(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		ag[r] = f()
	}
	m := &arena.Match{Scenario: sc, Names: [2]string{p.seller, p.buyer}, Agents: ag, Periods: p.periods, Deadline: p.rounds,
		Opener: arena.Alternate, Model: arena.DefaultModel(), Seed: p.seed, Record: true}
	rec, err := m.Run(nil)
	if err != nil {
		t.Fatal(err)
	}
	return transcript.FromRecord(sc.Domain, rec, p.periods, p.rounds, &m.Model)
}

func write(t *testing.T, p pairing, rel *transcript.Relationship) []byte {
	t.Helper()
	var b bytes.Buffer
	var err error
	if p.periods == 1 {
		n := rel.Deals[0]
		n.Relationship = false
		err = transcript.Write(&b, &n)
	} else {
		err = transcript.WriteRelationship(&b, rel)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestTranscriptGolden(t *testing.T) {
	for _, p := range pairings {
		t.Run(p.name, func(t *testing.T) {
			got := write(t, p, tell(t, p))
			for _, w := range p.want {
				if !bytes.Contains(got, []byte(w)) {
					t.Errorf("the transcript lacks %q", w)
				}
			}
			for i, line := range strings.Split(string(got), "\n") {
				if n := len([]rune(line)); n > transcript.Width {
					t.Errorf("line %d has %d columns, more than %d: %q", i+1, n, transcript.Width, line)
				}
			}
			golden.Check(t, filepath.Join("testdata", p.name+".golden"), got)
		})
	}
}

// TestTranscriptDocumentRoundTrip: a negotiation written as JSON and read back tells
// the same story.
func TestTranscriptDocumentRoundTrip(t *testing.T) {
	for _, p := range pairings {
		t.Run(p.name, func(t *testing.T) {
			rel := tell(t, p)
			for i := range rel.Deals {
				n := &rel.Deals[i]
				var js bytes.Buffer
				if err := transcript.WriteJSON(&js, n); err != nil {
					t.Fatal(err)
				}
				back, err := transcript.ReadDocument(&js)
				if err != nil {
					t.Fatal(err)
				}
				back.Last, back.Model = n.Last, n.Model
				var a, b bytes.Buffer
				if err := transcript.Write(&a, n); err != nil {
					t.Fatal(err)
				}
				if err := transcript.Write(&b, back); err != nil {
					t.Fatal(err)
				}
				if a.String() != b.String() {
					t.Errorf("deal %d reads back differently:\n%s\nvs\n%s", i+1, a.String(), b.String())
				}
			}
			doc := transcript.NewRelationshipDoc(rel)
			data, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			var back transcript.RelationshipDoc
			if err := json.Unmarshal(data, &back); err != nil {
				t.Fatal(err)
			}
			rel2, err := back.Relationship(nil)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := write(t, p, rel2), write(t, p, rel); !bytes.Equal(got, want) {
				t.Errorf("the relationship reads back differently:\n%s", got)
			}
		})
	}
}

func TestTranscriptReadDocumentErrors(t *testing.T) {
	rel := tell(t, pairings[0])
	var js bytes.Buffer
	if err := transcript.WriteJSON(&js, &rel.Deals[0]); err != nil {
		t.Fatal(err)
	}
	good := js.String()
	tests := []struct{ name, from, to, want string }{
		{"version", `"version": 1`, `"version": 9`, "version 9"},
		{"bad option", `"offer_index": [`, `"offer_index": [99, `, "offer has"},
		{"bad tag", `"tags": [`, `"tags": ["bluff", `, `unknown tag "bluff"`},
		{"bad class", `"class": "`, `"class": "x`, "unknown outcome class"},
		{"bad role", `"by": "seller"`, `"by": "broker"`, `unknown role "broker"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := strings.Replace(good, tt.from, tt.to, 1)
			if bad == good {
				t.Fatalf("%q not in the document", tt.from)
			}
			_, err := transcript.ReadDocument(strings.NewReader(bad))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestTranscriptTactics(t *testing.T) {
	seen := agents.Tags(0)
	for _, x := range transcript.Tactics() {
		if x.Name == "" || x.Meaning == "" {
			t.Errorf("tactic %v is not explained", x.Tag)
		}
		if seen.Has(x.Tag) {
			t.Errorf("tactic %v listed twice", x.Tag)
		}
		seen |= x.Tag
		if y, ok := transcript.TacticOf(x.Tag); !ok || y.Name != x.Name {
			t.Errorf("TacticOf(%v) = %v, %v", x.Tag, y, ok)
		}
	}
	for _, name := range []string{"anchor", "flinch", "ask-why", "justify", "dissatisfied", "disclose", "unbundle", "reprice", "extreme-anchor", "retraction"} {
		tag, err := agents.ParseTag(name)
		if err != nil {
			t.Fatal(err)
		}
		if !seen.Has(tag) {
			t.Errorf("tag %s has no explanation", name)
		}
	}
}
