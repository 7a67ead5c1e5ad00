package pipe

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/internal/golden"
)

const (
	exchangeBegin = "<!-- exchange:begin (written by go test ./pipe/ -run Protocol -update) -->\n"
	exchangeEnd   = "<!-- exchange:end -->\n"
)

// scriptedBuyer plays fixed moves, one per turn it gets.
type scriptedBuyer struct {
	moves []agents.Move
	n     int
}

func (s *scriptedBuyer) Act(v *agents.View) agents.Move {
	m := s.moves[s.n%len(s.moves)]
	s.n++
	return m
}

// TestProtocolExample records a real exchange between winwin and an agent
// — two deals of a relationship, the second with the first in its history
// — and checks that PROTOCOL.md shows exactly that exchange.
func TestProtocolExample(t *testing.T) {
	price, err := agents.NumericIssue("price", 100, 120, 10, "$", "")
	if err != nil {
		t.Fatal(err)
	}
	d := &agents.Domain{Name: "example", Issues: []agents.Issue{price, {Name: "delivery", Options: []string{"7 days", "30 days"}}}}
	seller := &agents.Preferences{Weights: []float64{0.7, 0.3}, Values: [][]float64{{0, 0.5, 1}, {1, 0}}, Reservation: 0.3}
	buyer := &agents.Preferences{Weights: []float64{0.6, 0.4}, Values: [][]float64{{1, 0.5, 0}, {0.2, 1}}, Reservation: 0.3}

	rec := filepath.Join(t.TempDir(), "exchange.txt")
	cfg := testAgentConfig(t, "my-agent", "steady")
	cfg.Env = append(cfg.Env, "WINWIN_PIPE_TEST_RECORD="+rec)
	pl := newTestPool(t, cfg)
	ps := [2]*arena.Party{
		{Agent: pl.NewAgent(), Prefs: seller, Rand: arena.NewRand(1, 0)},
		{Prefs: buyer, Rand: arena.NewRand(1, 1)},
	}
	var tab arena.Table
	ps[1].Agent = &scriptedBuyer{moves: []agents.Move{
		{Kind: agents.MoveOffer, Offer: agents.Offer{0, 1}, Tags: agents.TagFlinch, Say: "That much?!"},
		agents.Propose(agents.Offer{1, 0}, 0),
	}}
	out := tab.Negotiate(arena.Setup{Domain: d, Deadline: 3, Opener: agents.Seller}, ps[0], ps[1])
	if out.Fault != nil || !out.Agreed {
		t.Fatalf("period 0: %+v", out)
	}
	ps[1].Agent = &scriptedBuyer{moves: []agents.Move{agents.Propose(agents.Offer{1, 0}, 0), agents.Accept(0)}}
	out = tab.Negotiate(arena.Setup{Domain: d, Deadline: 3, Opener: agents.Buyer, Period: 1}, ps[0], ps[1])
	if out.Fault != nil || !out.Agreed {
		t.Fatalf("period 1: %+v", out)
	}
	if err := pl.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(rec)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("```\n")
	for _, l := range strings.SplitAfter(strings.TrimSpace(string(raw)), "\n") {
		dir, msg, _ := strings.Cut(l, " ")
		if dir == ">" {
			b.WriteString("→ " + msg)
		} else {
			b.WriteString("← " + msg)
		}
	}
	b.WriteString("\n```\n")
	got := b.String()
	for _, want := range []string{`"type":"hello"`, `"type":"start"`, `"type":"turn"`, `"kind":"accept"`, `"type":"end"`, `"history":[{"period":0`} {
		if !strings.Contains(got, want) {
			t.Errorf("the exchange lacks %s:\n%s", want, got)
		}
	}

	doc, err := os.ReadFile("PROTOCOL.md")
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(doc, []byte(exchangeBegin))
	j := bytes.Index(doc, []byte(exchangeEnd))
	if i < 0 || j < i {
		t.Fatalf("PROTOCOL.md has no %q … %q section", exchangeBegin, exchangeEnd)
	}
	cur := string(doc[i+len(exchangeBegin) : j])
	if cur == got {
		return
	}
	if golden.Updating() {
		doc = append(doc[:i+len(exchangeBegin):i+len(exchangeBegin)], append([]byte(got), doc[j:]...)...)
		if err := os.WriteFile("PROTOCOL.md", doc, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("PROTOCOL.md's example exchange is out of date (go test ./pipe/ -run Protocol -update rewrites it); recorded:\n%s", got)
}
