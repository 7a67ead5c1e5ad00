package agenttest_test

import (
	"fmt"
	"os"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/agents/agenttest"
)

// Eager opens at its best and accepts any offer at all: it forgets its
// walk-away point.
type Eager struct{ best agents.Offer }

func (e *Eager) Act(v *agents.View) agents.Move {
	if v.Last.Kind == agents.MoveOffer {
		return agents.Accept(0)
	}
	e.best = v.Prefs.Best(e.best)
	return agents.Propose(e.best, agents.TagAnchor)
}

// Check judges an agent without a testing.T: here an agent that accepts
// anything fails the reservation check. Report.Write prints the whole
// explanation, as `winwin check-agent` does.
func ExampleCheck() {
	rep := agenttest.Check(func() agents.Agent { return &Eager{} }, agenttest.Options{Name: "eager"})
	for _, f := range rep.Findings {
		fmt.Println(f.Status, f.Check)
	}
	f := rep.Find(agenttest.CheckReservation)
	fmt.Printf("first broken in round %d, answering %s: %s\n", f.Round, f.Against, f.Did)
	// Output:
	// ok valid-moves
	// FAIL reservation
	// ok deterministic
	// ok independent
	// ok read-only-view
	// ok one-round
	// ok single-option
	// ok partner-walks-away
	// ok partner-breaks-rules
	// first broken in round 2, answering offer[0 2]: accept
}

// Play runs a scripted negotiation and returns what happened; VersusTest
// does the same and compares the agent's moves with the ones wanted.
func ExamplePlay() {
	res, err := agenttest.Play(func() agents.Agent { return &Eager{} }, agenttest.Versus{
		Scenario: agenttest.Scenario("car"),
		Role:     agents.Buyer,
		Opponent: agenttest.Script("offer[4 0] anchor+justify"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(agenttest.FormatMoves(res.Moves))
	fmt.Printf("deal %v on %s\n", res.Outcome.Agreed, agenttest.Scenario("car").Domain.Format(res.Outcome.Offer))
	// Output:
	// accept
	// deal true on price=$14k warranty=1 year
}

// The notation of Versus.Want and Script, both ways.
func ExampleFormat() {
	m, _ := agenttest.ParseMove("offer[3 1] anchor+flinch")
	fmt.Println(m.Kind, []int(m.Offer), m.Tags.Names())
	fmt.Println(agenttest.Format(agents.WalkAway(agents.TagDissatisfied)))
	// Output:
	// offer [3 1] [anchor flinch]
	// walk dissatisfied
}

// Report.Write explains a failure to a person.
func ExampleReport_Write() {
	rep := agenttest.Check(func() agents.Agent { return &Eager{} }, agenttest.Options{Name: "eager"})
	f := rep.Find(agenttest.CheckReservation)
	one := agenttest.Report{Agent: rep.Agent, Findings: []agenttest.Finding{*f}}
	one.Write(os.Stdout)
	// Output:
	// Conformance check of eager: 1 of 1 checks failed.
	//
	// FAIL  reservation           never accepts less than its walk-away value
	//       The agent must never accept a deal worth less to it than its reservation value:
	//       walking away pays that much.
	//       Broken in 151 of 450 negotiations. The first time:
	//       Playing as seller against "hardliner" on scenario "car", seed 1, 12-round
	//       deadline, deal 1 of 2 (eager opens), in round 2, answering the partner's
	//       offer[0 2], it played accept:
	//       eager accepted price=$10k warranty=3 years, worth 0.000 to it, below its
	//       reservation value 0.300: walking away was worth more.
	//       The negotiation:
	//         round 1  seller (eager)   offer[4 0] anchor (the arena detects: extreme-anchor)
	//         round 1  buyer  (partner) offer[0 2] (the arena detects: extreme-anchor)
	//         round 2  seller (eager)   accept
	//       How to fix it: Before accepting, check that View.Prefs.Utility(View.Last.Offer) is
	//       at least View.Prefs.Reservation: no deal is better than a bad deal.
	//
	// Failed: reservation. Each failure above names the negotiation and the round where the
	// rule was first broken.
}
