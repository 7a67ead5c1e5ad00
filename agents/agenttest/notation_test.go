package agenttest

import (
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
)

func TestFormatParse(t *testing.T) {
	disclose := agents.Propose(agents.Offer{2, 2}, agents.TagDisclose)
	disclose.Ranking = []int{1, 0}
	tests := []struct {
		m    agents.Move
		want string
	}{
		{agents.Propose(agents.Offer{3, 1}, 0), "offer[3 1]"},
		{agents.Propose(agents.Offer{4, 0}, agents.TagAnchor), "offer[4 0] anchor"},
		{agents.Propose(agents.Offer{4, 0}, agents.TagAnchor|agents.TagFlinch), "offer[4 0] anchor+flinch"},
		{agents.Propose(agents.Offer{}, 0), "offer[]"},
		{disclose, "offer[2 2] disclose ranking[1 0]"},
		{agents.Accept(0), "accept"},
		{agents.Accept(agents.TagAskWhy), "accept ask-why"},
		{agents.WalkAway(agents.TagDissatisfied), "walk dissatisfied"},
		{agents.WalkAway(0), "walk"},
	}
	for _, tt := range tests {
		if got := Format(tt.m); got != tt.want {
			t.Errorf("Format(%+v) = %q, want %q", tt.m, got, tt.want)
		}
		back, err := ParseMove(tt.want)
		if err != nil {
			t.Errorf("ParseMove(%q): %v", tt.want, err)
			continue
		}
		if got := Format(back); got != tt.want {
			t.Errorf("ParseMove(%q) formats back as %q", tt.want, got)
		}
	}
	if got := Format(agents.Move{}); got != "none" {
		t.Errorf("Format(zero Move) = %q, want none", got)
	}
}

func TestParseMoveSpacing(t *testing.T) {
	m, err := ParseMove("  offer[ 3  1 ]   anchor+flinch ")
	if err != nil || Format(m) != "offer[3 1] anchor+flinch" {
		t.Errorf("ParseMove with loose spacing = %q, %v", Format(m), err)
	}
}

func TestParseMoveErrors(t *testing.T) {
	tests := []struct{ in, err string }{
		{"", "want offer"},
		{"bid[1]", "want offer"},
		{"offer", "want a list"},
		{"offer[1 2", "missing ]"},
		{"offer[1 x]", "not a whole number"},
		{"accept bluff", `unknown tag "bluff"`},
		{"walkaway", "want a space"},
		{"accept anchor extra", "unexpected"},
		{"offer[1] ranking[0", "missing ]"},
	}
	for _, tt := range tests {
		_, err := ParseMove(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("ParseMove(%q) error = %v, want %q", tt.in, err, tt.err)
		}
	}
}

func TestScriptPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Script with a malformed move did not panic")
		}
	}()
	Script("offer[1]", "hug")
}
