package strategies

// This file is the shared kit for driving one strategy against a scripted
// opponent, in the style of the Axelrod library's strategy tests: the
// opponent replays a fixed list of moves, and the test asserts the exact
// sequence of the agent's moves, written compactly by fmtMoves:
//
//	got := playScript(t, agent, sc, []agents.Move{scriptOffer(0, 0, 2), agents.Accept(0)})
//	want := "offer[4 0], accept"
//	if s := fmtMoves(got); s != want { … }
//
// Every strategy test in package strategies may use scenario, smallScenario,
// playScript, runScript, scriptOffer, fmtMove and fmtMoves; keep their
// signatures stable.

import (
	"fmt"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// A scenario is one negotiation for a scripted test: the domain, both
// sides' preferences, the deadline and who opens. The agent under test
// plays role (the zero value: the seller) with preferences own; the
// scripted opponent plays the other role with preferences partner, which
// the arena needs to judge extreme anchors and retractions.
type scenario struct {
	domain     *agents.Domain
	own        *agents.Preferences
	partner    *agents.Preferences
	deadline   int         // rounds; 0 means 10
	agentOpens bool        // the agent under test makes the first offer
	role       agents.Role // the agent's side
	period     int         // Setup.Period and View.Period
	history    []agents.Deal
	seed       uint64 // seeds the agent's View.Rand
}

// smallScenario returns a two-issue car sale, small enough to follow by
// hand. Issue 0, "price", has the options $10k…$14k; issue 1, "warranty",
// has 1, 2 or 3 years. The seller (own, the agent's default role) weighs
// price 0.6 (values 0, .25, .5, .75, 1) and warranty 0.4 (values 1, .5, 0);
// the buyer (partner) weighs price 0.3 (values 1 … 0) and warranty 0.7
// (values 0, .5, 1). Both reservation values are 0, the deadline is 10
// rounds and the agent opens. Price is distributive and the weights differ,
// so [4 2] (seller 0.6, buyer 0.7) beats the split [2 1] (0.5, 0.5): room
// for logrolling.
func smallScenario() scenario {
	price, err := agents.NumericIssue("price", 10, 14, 1, "$", "k")
	if err != nil {
		panic(err)
	}
	d := &agents.Domain{Name: "car", Issues: []agents.Issue{
		price,
		{Name: "warranty", Options: []string{"1 year", "2 years", "3 years"}},
	}}
	seller := &agents.Preferences{
		Weights: []float64{0.6, 0.4},
		Values:  [][]float64{agents.Linear(5, true), agents.Linear(3, false)},
	}
	buyer := &agents.Preferences{
		Weights: []float64{0.3, 0.7},
		Values:  [][]float64{agents.Linear(5, false), agents.Linear(3, true)},
	}
	return scenario{domain: d, own: seller, partner: buyer, deadline: 10, agentOpens: true, seed: 1}
}

// scriptOffer returns an offer move choosing options ks, with tags.
func scriptOffer(tags agents.Tags, ks ...int) agents.Move {
	return agents.Propose(agents.Offer(ks), tags)
}

// playScript runs one negotiation of agent a against an opponent that
// replays opp, one scripted move per turn, and returns the moves a made
// (offers copied, tags as a sent them, without the arena's detected tags).
// When the script runs out the opponent walks away. A fault by either side
// (a panic, an invalid move) fails the test.
func playScript(t *testing.T, a agents.Agent, sc scenario, opp []agents.Move) []agents.Move {
	t.Helper()
	moves, _ := runScript(t, a, sc, opp)
	return moves
}

// runScript is playScript that also returns the arena's outcome, with the
// transcript recorded.
func runScript(t *testing.T, a agents.Agent, sc scenario, opp []agents.Move) ([]agents.Move, arena.Outcome) {
	t.Helper()
	if sc.deadline == 0 {
		sc.deadline = 10
	}
	rec := &recorder{agent: a}
	next := 0
	script := agents.AgentFunc(func(*agents.View) agents.Move {
		if next >= len(opp) {
			return agents.WalkAway(0)
		}
		m := opp[next]
		next++
		return m
	})
	me := &arena.Party{Agent: rec, Prefs: sc.own, Rand: arena.NewRand(sc.seed, 1), History: sc.history}
	them := &arena.Party{Agent: script, Prefs: sc.partner, Rand: arena.NewRand(sc.seed, 2)}
	parties := [2]*arena.Party{}
	parties[sc.role], parties[sc.role.Other()] = me, them
	opener := sc.role.Other()
	if sc.agentOpens {
		opener = sc.role
	}
	var tbl arena.Table
	out := tbl.Negotiate(arena.Setup{Domain: sc.domain, Deadline: sc.deadline, Opener: opener, Period: sc.period, Record: true}, parties[agents.Seller], parties[agents.Buyer])
	if out.Fault != nil {
		who := "agent under test"
		if out.Fault.By != sc.role {
			who = "scripted opponent"
		}
		t.Fatalf("%s faulted: %v\nagent's moves: %s", who, out.Fault, fmtMoves(rec.moves))
	}
	return rec.moves, out
}

// A recorder wraps the agent under test, keeping a copy of every move it
// returns and passing the optional hooks through.
type recorder struct {
	agent agents.Agent
	moves []agents.Move
}

func (r *recorder) Act(v *agents.View) agents.Move {
	m := r.agent.Act(v)
	c := m
	c.Offer = m.Offer.Clone()
	c.Ranking = append([]int(nil), m.Ranking...)
	r.moves = append(r.moves, c)
	return m
}

func (r *recorder) Start(v *agents.View) {
	if s, ok := r.agent.(agents.Starter); ok {
		s.Start(v)
	}
}

func (r *recorder) Finish(v *agents.View, d *agents.Deal) {
	if f, ok := r.agent.(agents.Finisher); ok {
		f.Finish(v, d)
	}
}

// fmtMove writes a move compactly for exact assertions: "offer[3 1]",
// "accept", "walk", with the tags it carries appended by "+":
// "offer[4 0]+anchor", "walk+dissatisfied", "accept+ask-why".
func fmtMove(m agents.Move) string {
	var b strings.Builder
	switch m.Kind {
	case agents.MoveOffer:
		fmt.Fprintf(&b, "offer%v", []int(m.Offer))
	case agents.MoveAccept:
		b.WriteString("accept")
	case agents.MoveWalkAway:
		b.WriteString("walk")
	default:
		b.WriteString(m.Kind.String())
	}
	if m.Tags != 0 {
		b.WriteByte('+')
		b.WriteString(m.Tags.String())
	}
	return b.String()
}

// fmtMoves writes moves with fmtMove, joined by ", ".
func fmtMoves(ms []agents.Move) string {
	s := make([]string, len(ms))
	for i, m := range ms {
		s[i] = fmtMove(m)
	}
	return strings.Join(s, ", ")
}

// TestScriptKit checks the kit itself with an agent made of a function.
func TestScriptKit(t *testing.T) {
	sc := smallScenario()
	// The agent opens at its best, repeats it, then accepts.
	turn := 0
	a := agents.AgentFunc(func(v *agents.View) agents.Move {
		turn++
		if turn == 3 {
			return agents.Accept(agents.TagAskWhy)
		}
		return agents.Propose(v.Prefs.Best(nil), agents.TagAnchor)
	})
	moves, out := runScript(t, a, sc, []agents.Move{scriptOffer(agents.TagFlinch, 0, 2), scriptOffer(0, 1, 2)})
	if got, want := fmtMoves(moves), "offer[4 0]+anchor, offer[4 0]+anchor, accept+ask-why"; got != want {
		t.Errorf("moves = %q, want %q", got, want)
	}
	if !out.Agreed || !out.Offer.Equal(agents.Offer{1, 2}) {
		t.Errorf("outcome agreed=%v offer=%v, want agreement on [1 2]", out.Agreed, out.Offer)
	}

	// A script that runs out walks away.
	sc.agentOpens = false
	turn = 0
	moves, out = runScript(t, a, sc, []agents.Move{scriptOffer(0, 0, 2)})
	if got, want := fmtMoves(moves), "offer[4 0]+anchor"; got != want {
		t.Errorf("moves = %q, want %q", got, want)
	}
	if !out.WalkAway || out.EndedBy != agents.Buyer {
		t.Errorf("outcome walkaway=%v by %v, want the scripted buyer to walk away", out.WalkAway, out.EndedBy)
	}
}

func TestFmtMove(t *testing.T) {
	tests := []struct {
		m    agents.Move
		want string
	}{
		{agents.Propose(agents.Offer{3, 1}, 0), "offer[3 1]"},
		{agents.Propose(agents.Offer{0}, agents.TagAnchor|agents.TagFlinch), "offer[0]+anchor+flinch"},
		{agents.Accept(0), "accept"},
		{agents.WalkAway(agents.TagDissatisfied), "walk+dissatisfied"},
		{agents.Move{}, "none"},
	}
	for _, tt := range tests {
		if got := fmtMove(tt.m); got != tt.want {
			t.Errorf("fmtMove(%+v) = %q, want %q", tt.m, got, tt.want)
		}
	}
}
