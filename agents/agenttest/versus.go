package agenttest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// Versus is one negotiation of the agent under test against a scripted
// opponent, and the moves the agent must make in it.
type Versus struct {
	// Scenario is the domain and both sides' preferences: the agent plays
	// Role with Scenario.Prefs[Role]; the opponent's preferences are the
	// other side's (the arena judges extreme anchors and retractions by
	// them). Scenario("car") and configs.LoadDomain give ready-made ones.
	Scenario arena.Scenario
	// Role is the agent's side; the zero value is the seller.
	Role agents.Role
	// Opener is the side that makes the first offer; the zero value is the
	// seller.
	Opener agents.Role
	// Deadline is the number of rounds; 0 means 10.
	Deadline int
	// Seed seeds the agent's View.Rand (and the opponent's, unused).
	Seed uint64
	// Period and History are what the agent sees as View.Period and
	// View.History: set them to test how it treats a repeat customer.
	Period  int
	History []agents.Deal
	// Opponent are the opponent's moves, one per turn, in order (see
	// Script). When they run out the opponent walks away. A scripted move
	// that breaks the rules ends the negotiation as the opponent's fault:
	// that is how to test that the agent survives it.
	Opponent []agents.Move
	// Want are the agent's moves, exactly and in order, in Format's
	// notation: "offer[3 1] anchor", "accept", "walk dissatisfied".
	Want []string
}

// A Result is what happened in a Versus negotiation.
type Result struct {
	// Moves are the moves the agent made (copies), including a last
	// invalid one that ended the negotiation as its fault.
	Moves []agents.Move
	// Outcome is the arena's outcome, with the transcript recorded.
	Outcome arena.Outcome
}

// Play runs the Versus negotiation with a fresh agent from newAgent and
// returns what happened, without judging it: VersusTest is Play plus the
// comparison with v.Want.
func Play(newAgent func() agents.Agent, v Versus) (Result, error) {
	if v.Scenario.Domain == nil || v.Scenario.Prefs[0] == nil || v.Scenario.Prefs[1] == nil {
		return Result{}, fmt.Errorf("agenttest: Versus.Scenario needs a domain and both sides' preferences (try agenttest.Scenario(%q))", "car")
	}
	if v.Role > agents.Buyer || v.Opener > agents.Buyer {
		return Result{}, fmt.Errorf("agenttest: Versus.Role %v or Opener %v is not a side", v.Role, v.Opener)
	}
	if v.Deadline == 0 {
		v.Deadline = 10
	}
	a := newAgent()
	if a == nil {
		return Result{}, fmt.Errorf("agenttest: newAgent returned nil")
	}
	rec := &recorder{inner: a}
	next := 0
	opp := agents.AgentFunc(func(*agents.View) agents.Move {
		if next >= len(v.Opponent) {
			return agents.WalkAway(0)
		}
		m := v.Opponent[next]
		next++
		return m
	})
	parties := [2]*arena.Party{}
	parties[v.Role] = &arena.Party{Agent: rec, Prefs: v.Scenario.Prefs[v.Role], Rand: arena.NewRand(v.Seed, 1), History: v.History}
	parties[v.Role.Other()] = &arena.Party{Agent: opp, Prefs: v.Scenario.Prefs[v.Role.Other()], Rand: arena.NewRand(v.Seed, 2)}
	var tab arena.Table
	out := tab.Negotiate(arena.Setup{Domain: v.Scenario.Domain, Deadline: v.Deadline, Opener: v.Opener, Period: v.Period, Record: true},
		parties[agents.Seller], parties[agents.Buyer])
	return Result{Moves: rec.moves, Outcome: out}, nil
}

// VersusTest plays v with a fresh agent from newAgent and checks that the
// agent made exactly the moves v.Want. A mismatch fails t with the round,
// the opponent's move the agent was answering, what it did and what was
// wanted, and the whole negotiation so far; so does a fault of the agent
// (a panic or an invalid move). A fault of the scripted opponent is not a
// failure: it ends the negotiation, as it would in a tournament.
//
// It returns what happened, for the checks the notation leaves out: what
// the agent's moves say (Move.Say) and how the negotiation ended
// (Result.Outcome: the deal, who walked away).
func VersusTest(t testing.TB, newAgent func() agents.Agent, v Versus) Result {
	t.Helper()
	want := make([]string, len(v.Want))
	for i, s := range v.Want {
		m, err := ParseMove(s)
		if err != nil {
			t.Fatalf("Versus.Want[%d]: %v", i, err)
			return Result{}
		}
		want[i] = Format(m)
	}
	res, err := Play(newAgent, v)
	if err != nil {
		t.Fatal(err)
		return Result{}
	}
	got := make([]string, len(res.Moves))
	for i, m := range res.Moves {
		got[i] = Format(m)
	}
	out := res.Outcome
	var msg strings.Builder
	role := v.Role
	if f := out.Fault; f != nil && f.By == role {
		fmt.Fprintf(&msg, "the agent broke the rules in round %d: %s\n", f.Turn/2+1, faultText(f.Err))
		if len(got) > 0 {
			fmt.Fprintf(&msg, "its move: %s\n", got[len(got)-1])
		}
	}
	if i := firstDiff(got, want); i >= 0 {
		turn := agentTurn(v, i)
		fmt.Fprintf(&msg, "in round %d (the agent's move %d of %d)", turn/2+1, i+1, len(got))
		if turn > 0 && turn-1 < len(out.Transcript) {
			fmt.Fprintf(&msg, ", answering the opponent's %s", Format(out.Transcript[turn-1].Move))
		} else if turn == 0 {
			msg.WriteString(", opening")
		}
		switch {
		case i >= len(got):
			fmt.Fprintf(&msg, ":\n\tthe agent made no move (%s)\n\twant %s\n", ending(&out, role), want[i])
		case i >= len(want):
			fmt.Fprintf(&msg, ":\n\tthe agent played %s\n\twant no more moves\n", got[i])
		default:
			fmt.Fprintf(&msg, ":\n\tthe agent played %s\n\twant            %s\n", got[i], want[i])
		}
		fmt.Fprintf(&msg, "got moves:  %s\nwant moves: %s\n", strings.Join(got, ", "), strings.Join(want, ", "))
	}
	if msg.Len() == 0 {
		return res
	}
	msg.WriteString("the negotiation:\n")
	writeTranscript(&msg, &out, role, "agent", "opponent")
	t.Errorf("agenttest.VersusTest as %s, %s opens, seed %d:\n%s", role, v.Opener, v.Seed, strings.TrimRight(msg.String(), "\n"))
	return res
}

// agentTurn returns the turn of the agent's i-th move.
func agentTurn(v Versus, i int) int {
	if v.Opener == v.Role {
		return 2 * i
	}
	return 2*i + 1
}

func firstDiff(got, want []string) int {
	for i := range max(len(got), len(want)) {
		if i >= len(got) || i >= len(want) || got[i] != want[i] {
			return i
		}
	}
	return -1
}

// ending says in words how a negotiation ended, seen from side me.
func ending(out *arena.Outcome, me agents.Role) string {
	who := func(r agents.Role) string {
		if r == me {
			return "the agent"
		}
		return "the partner"
	}
	switch {
	case out.Fault != nil:
		return fmt.Sprintf("it ended in round %d: %s broke the rules: %s", out.Fault.Turn/2+1, who(out.Fault.By), faultText(out.Fault.Err))
	case out.Agreed:
		return fmt.Sprintf("it ended in round %d: %s accepted", out.Rounds, who(out.EndedBy))
	case out.WalkAway:
		return fmt.Sprintf("it ended in round %d: %s walked away", out.Rounds, who(out.EndedBy))
	}
	return fmt.Sprintf("the deadline of %d rounds passed", out.Rounds)
}

// faultText is the first line of a fault's error: a panic's stack trace
// helps a debugger, not a report.
func faultText(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// writeTranscript writes a recorded negotiation one move a line.
func writeTranscript(b *strings.Builder, out *arena.Outcome, me agents.Role, meName, otherName string) {
	width := max(len(meName), len(otherName)) + 2
	side := func(r agents.Role) string {
		name := otherName
		if r == me {
			name = meName
		}
		return fmt.Sprintf("%-6s %-*s", r, width, "("+name+")")
	}
	for i, st := range out.Transcript {
		fmt.Fprintf(b, "\tround %-2d %s %s", i/2+1, side(st.By), Format(st.Move))
		if st.Detected != 0 {
			fmt.Fprintf(b, " (the arena detects: %s)", st.Detected)
		}
		b.WriteByte('\n')
	}
	if f := out.Fault; f != nil {
		fmt.Fprintf(b, "\tround %-2d %s broke the rules: %s\n", f.Turn/2+1, side(f.By), faultText(f.Err))
	}
}

// A recorder wraps an agent, keeping a copy of every move it returns and
// passing the optional hooks through.
type recorder struct {
	inner agents.Agent
	moves []agents.Move
}

func (r *recorder) Act(v *agents.View) agents.Move {
	m := r.inner.Act(v)
	c := m
	c.Offer = m.Offer.Clone()
	if m.Ranking != nil {
		c.Ranking = append([]int(nil), m.Ranking...)
	}
	r.moves = append(r.moves, c)
	return m
}

func (r *recorder) Start(v *agents.View) {
	if s, ok := r.inner.(agents.Starter); ok {
		s.Start(v)
	}
}

func (r *recorder) Finish(v *agents.View, d *agents.Deal) {
	if f, ok := r.inner.(agents.Finisher); ok {
		f.Finish(v, d)
	}
}
