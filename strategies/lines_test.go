package strategies

import (
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
)

// Every tactic's line in both roles matches the role: a seller's line is a
// seller's (it sells, it has sold, it delivers) and a buyer's is a buyer's
// (it buys, it has bought, it spends from a budget), and the two differ.
// The table states each line in each role; the words that only one side
// can say are checked against the other side's lines.
func TestLinesMatchTheRole(t *testing.T) {
	want := map[string][2]string{
		"anchor": {
			"This is our price, and it's a fair one for what you get.",
			"We're only really looking to spend this much, no more."},
		"justify": {
			"That's what it costs us to deliver, and what it's worth to you.",
			"That's what our budget allows for this."},
		"ask why (after an anchor)": {
			"How did you calculate that figure, and how does it fit your budget?",
			"How did you arrive at that price? What is it based on?"},
		"ask why (after a flinch)": {
			"Why is that too much for you? Tell me what you're comparing it with.",
			"Why is that not enough for you? Tell me what you're comparing it with."},
		"flinch": {
			"That's far below what this is worth — I've sold the same for twice that!",
			"That much?! I bought something similar for half that!"},
		"disclose": {
			"Here's what matters most to us in selling this. What matters most to you?",
			"Here's what matters most to us in buying this. What matters most to you?"},
		"dissatisfied": {
			"We're not happy with where this is going: we can't sell on these terms.",
			"We're not happy with where this is going: we can't buy on these terms."},
		"walk away": {
			"We'll sell elsewhere: our alternative is better than this.",
			"We'll buy elsewhere: our alternative is better than this."},
		"unbundle": {
			"We'll leave those extras out, at the same price.",
			"Take those extras out and keep the price."},
		"re-price": {
			"Those are different terms, so we need to review the pricing for them.",
			"Those are different terms, so we need to review what we can pay for them."},
	}
	// Words only one side says: a buyer never sells or delivers, a seller
	// never buys, spends or pays from a budget, and the price is too much
	// only for the one who pays it.
	only := [2][]string{
		agents.Seller: {"sell", "sold", "deliver", "too much", "pricing"},
		agents.Buyer:  {"buy", "bought", "spend", "budget allows", "not enough", "can pay"},
	}
	got := Lines()
	if len(got) != len(want) {
		t.Errorf("%d lines, want %d", len(got), len(want))
	}
	for _, l := range got {
		w, ok := want[l.When]
		if !ok {
			t.Errorf("line %q: not in the table", l.When)
			continue
		}
		if l.Words != w {
			t.Errorf("line %q: %q, want %q", l.When, l.Words, w)
		}
		if l.Words[agents.Seller] == l.Words[agents.Buyer] {
			t.Errorf("line %q: the same words in both roles", l.When)
		}
		for r := range 2 {
			words := strings.ToLower(l.Words[r])
			if words == "" {
				t.Errorf("line %q: no words for the %s", l.When, agents.Role(r))
			}
			for _, o := range only[1-r] {
				if strings.Contains(words, o) {
					t.Errorf("line %q in the %s's mouth says %q, which only the %s says: %q",
						l.When, agents.Role(r), o, agents.Role(1-r), l.Words[r])
				}
			}
		}
	}
}

// Say picks the line of the most telling signal in the mover's own role,
// and asks about a flinch only after one.
func TestSay(t *testing.T) {
	tests := []struct {
		name       string
		tags, last agents.Tags
		want       line
	}{
		{"flinch", agents.TagFlinch, 0, sayFlinch},
		{"ask why after a flinch", agents.TagAskWhy, agents.TagFlinch, sayAskFlinch},
		{"ask why after an anchor", agents.TagAskWhy, agents.TagAnchor, sayAskNumber},
		{"ask why after an untagged offer", agents.TagAskWhy, 0, sayAskNumber},
		{"dissatisfied", agents.TagDissatisfied, 0, sayDissatisfied},
		{"unbundle", agents.TagUnbundle, 0, sayUnbundle},
		{"re-price", agents.TagReprice, agents.TagUnbundle, sayReprice},
		{"justify", agents.TagJustify, agents.TagAskWhy, sayJustify},
		{"disclose", agents.TagDisclose, 0, sayDisclose},
		{"ask why and disclose: the question", agents.TagAskWhy | agents.TagDisclose, 0, sayAskNumber},
		{"anchor", agents.TagAnchor, 0, sayAnchor},
		{"nothing to say", 0, agents.TagFlinch, line{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for r := range 2 {
				if got := Say(tt.tags, tt.last, agents.Role(r)); got != tt.want[r] {
					t.Errorf("%s: %q, want %q", agents.Role(r), got, tt.want[r])
				}
			}
		})
	}
	for r := range 2 {
		if got := WalkAwayLine(agents.Role(r)); got != sayWalkAway[r] {
			t.Errorf("walk-away line of the %s: %q, want %q", agents.Role(r), got, sayWalkAway[r])
		}
	}
}
