package strategies

// This file holds what the strategies' scripted tests share: the
// scenarios they play and how they make agents. The scripted tests drive
// one strategy against an opponent that replays a fixed list of moves,
// with agenttest.VersusTest, and assert the exact sequence of the agent's
// moves in agenttest's notation:
//
//	agenttest.VersusTest(t, factory(t, "boulware", nil), agenttest.Versus{
//		Scenario: carScenario(),
//		Opponent: agenttest.Script("offer[0 2]", "offer[1 2]"),
//		Want:     []string{"offer[4 0]", "offer[4 0]"},
//	})
//
// VersusTest returns what happened, for the checks the notation leaves out
// (what a move says, the deal).

import (
	"slices"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/agents/agenttest"
	"github.com/winwin-sim/winwin/arena"
)

// carScenario returns agenttest's car with both reservation values at 0, a
// two-issue sale small enough to follow by hand. Issue 0, "price", has the
// options $10k…$14k; issue 1, "warranty", 1, 2 or 3 years. The seller
// weighs price 0.6 (values 0, .25, .5, .75, 1) and warranty 0.4 (values 1,
// .5, 0); the buyer weighs price 0.3 (values 1 … 0) and warranty 0.7
// (values 0, .5, 1). Price is distributive and the weights differ, so
// [4 2] (seller 0.6, buyer 0.7) beats the split [2 1] (0.5, 0.5): room for
// logrolling. Each call returns fresh preferences, free to change.
func carScenario() arena.Scenario {
	sc := agenttest.Scenario("car")
	sc.Prefs[agents.Seller].Reservation, sc.Prefs[agents.Buyer].Reservation = 0, 0
	return sc
}

// copierScenario returns a copier sale with two bundle items. Issue 0,
// "price", runs $100…$140; issue 1, "delivery", 1, 2 or 4 weeks; issues 2
// and 3 are the items "training" and "installation" (option 0 leaves the
// item out). The seller weighs price 0.5 (values 0 … 1), delivery 0.15
// (later is better), training 0.2 (included 1, left out 0: its margin) and
// installation 0.15 (included 1, left out 0.2), reservation 0.35. The
// buyer weighs price 0.45 (1 … 0), delivery 0.3 (sooner is better),
// training 0.15 (left out 1, included 0.4: staff time) and installation
// 0.1 (included 1, left out 0), reservation 0.3. Training is the item a
// buyer would unbundle; installation both sides want.
func copierScenario() arena.Scenario {
	price, err := agents.NumericIssue("price", 100, 140, 10, "$", "")
	if err != nil {
		panic(err)
	}
	d := &agents.Domain{Name: "copier", Issues: []agents.Issue{
		price,
		{Name: "delivery", Options: []string{"1 week", "2 weeks", "4 weeks"}},
		{Name: "training", Options: []string{"none", "included"}, Item: true},
		{Name: "installation", Options: []string{"none", "included"}, Item: true},
	}}
	return arena.Scenario{Domain: d, Prefs: [2]*agents.Preferences{
		{
			Weights:     []float64{0.5, 0.15, 0.2, 0.15},
			Values:      [][]float64{agents.Linear(5, true), agents.Linear(3, true), {0, 1}, {0.2, 1}},
			Reservation: 0.35,
		},
		{
			Weights:     []float64{0.45, 0.3, 0.15, 0.1},
			Values:      [][]float64{agents.Linear(5, false), agents.Linear(3, false), {1, 0.4}, {0, 1}},
			Reservation: 0.3,
		},
	}}
}

// factory returns the constructor of a registered strategy with parameter
// overrides, failing the test on a bad name or value.
func factory(t testing.TB, name string, overrides map[string]float64) func() agents.Agent {
	t.Helper()
	f, err := Factory(name, overrides)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// newStrategy returns a fresh agent of a registered strategy with
// parameter overrides, failing the test on a bad name or value.
func newStrategy(t testing.TB, name string, overrides map[string]float64) agents.Agent {
	t.Helper()
	return factory(t, name, overrides)()
}

// same returns a constructor that returns a, for a test that plays one
// agent through several negotiations, as in a relationship.
func same(a agents.Agent) func() agents.Agent { return func() agents.Agent { return a } }

// times returns n copies of the move written s: a partner who says the
// same thing every turn (agenttest.Script(times(6, "offer[0 2]")...)), or
// an agent who does.
func times(n int, s string) []string { return slices.Repeat([]string{s}, n) }
