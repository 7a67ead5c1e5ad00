package agenttest

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// picky repeats its best offer (tagged anchor the first time), accepts any
// offer worth at least 0.6 to it, and walks away, dissatisfied, in the
// last round: simple enough to predict every move by hand.
func picky() agents.Agent {
	var best agents.Offer
	return agents.AgentFunc(func(v *agents.View) agents.Move {
		if v.Last.Kind == agents.MoveOffer && v.Prefs.Utility(v.Last.Offer) >= 0.6 {
			return agents.Accept(0)
		}
		if v.Round == v.Deadline-1 && v.Last.Kind == agents.MoveOffer {
			return agents.WalkAway(agents.TagDissatisfied)
		}
		var tags agents.Tags
		if best == nil {
			tags = agents.TagAnchor
		}
		best = v.Prefs.Best(best)
		return agents.Propose(best, tags)
	})
}

// fakeT records what a test reports; Fatal ends the goroutine as the
// testing package does.
type fakeT struct {
	testing.TB
	errs  []string
	fatal bool
}

func (f *fakeT) Helper()                   {}
func (f *fakeT) Errorf(s string, a ...any) { f.errs = append(f.errs, fmt.Sprintf(s, a...)) }
func (f *fakeT) Error(a ...any)            { f.errs = append(f.errs, fmt.Sprint(a...)) }
func (f *fakeT) Fatalf(s string, a ...any) { f.Errorf(s, a...); f.fatal = true; runtime.Goexit() }
func (f *fakeT) Fatal(a ...any)            { f.Error(a...); f.fatal = true; runtime.Goexit() }

// runVersus runs VersusTest against a fakeT and returns what it reported.
func runVersus(newAgent func() agents.Agent, v Versus) *fakeT {
	ft := &fakeT{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		VersusTest(ft, newAgent, v)
	}()
	<-done
	return ft
}

func TestVersus(t *testing.T) {
	// On the car, the seller's best is [4 0], worth 1. The buyer's offers
	// are worth 0 ([0 2]), 0.6·0.5 + 0.4·0.5 = 0.5 ([2 1]) and
	// 0.6·0.75 + 0.4·0.5 = 0.65 ([3 1]) to it.
	script := Script("offer[0 2] flinch", "offer[2 1]", "offer[3 1]")
	tests := []struct {
		name string
		v    Versus
		errs []string // substrings of the reported failure; none for a pass
	}{
		{"seller opens", Versus{Opponent: script, Want: []string{"offer[4 0] anchor", "offer[4 0]", "offer[4 0]", "accept"}}, nil},
		{"buyer opens", Versus{Opener: agents.Buyer, Opponent: script, Want: []string{"offer[4 0] anchor", "offer[4 0]", "accept"}}, nil},
		{"agent as buyer", Versus{Role: agents.Buyer, Opponent: Script("offer[4 0]", "offer[1 2]"), Want: []string{"offer[0 2] anchor", "accept"}}, nil},
		{"last round", Versus{Deadline: 2, Opponent: Script("offer[0 2]", "offer[1 2]"), Want: []string{"offer[4 0] anchor", "walk dissatisfied"}}, nil},
		{"script runs out", Versus{Opponent: script[:1], Want: []string{"offer[4 0] anchor", "offer[4 0]"}}, nil},
		{"opponent breaks the rules", Versus{Opponent: Script("offer[9 9]"), Want: []string{"offer[4 0] anchor"}}, nil},
		{"wrong move", Versus{Opponent: script, Want: []string{"offer[4 0] anchor", "offer[4 0]", "offer[3 0]", "accept"}},
			[]string{"in round 3 (the agent's move 3 of 4), answering the opponent's offer[2 1]", "the agent played offer[4 0]\n\twant            offer[3 0]", "round 2  buyer  (opponent) offer[2 1]"}},
		{"missing move", Versus{Opponent: script, Want: []string{"offer[4 0] anchor", "offer[4 0]", "offer[4 0]", "accept", "walk"}},
			[]string{"the agent made no move (it ended in round 4: the agent accepted)", "want walk"}},
		{"extra move", Versus{Opponent: script, Want: []string{"offer[4 0] anchor", "offer[4 0]"}},
			[]string{"the agent played offer[4 0]\n\twant no more moves"}},
		{"tags matter", Versus{Opponent: script, Want: []string{"offer[4 0]", "offer[4 0]", "offer[4 0]", "accept"}},
			[]string{"opening:", "the agent played offer[4 0] anchor"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.v.Scenario = Scenario("car")
			ft := runVersus(picky, tt.v)
			got := strings.Join(ft.errs, "\n")
			if len(tt.errs) == 0 && got != "" {
				t.Fatalf("VersusTest failed:\n%s", got)
			}
			for _, want := range tt.errs {
				if !strings.Contains(got, want) {
					t.Errorf("VersusTest report lacks %q:\n%s", want, got)
				}
			}
		})
	}
}

func TestVersusAgentFault(t *testing.T) {
	bad := func() agents.Agent {
		return agents.AgentFunc(func(v *agents.View) agents.Move { return agents.Propose(agents.Offer{7, 0}, 0) })
	}
	ft := runVersus(bad, Versus{Scenario: Scenario("car"), Want: []string{"offer[7 0]"}})
	got := strings.Join(ft.errs, "\n")
	for _, want := range []string{"the agent broke the rules in round 1", `issue "price" has no option 7`, "its move: offer[7 0]"} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
}

// VersusTest returns what happened, passed or failed, for the checks the
// notation leaves out: what the moves say and how the negotiation ended.
func TestVersusResult(t *testing.T) {
	talker := func() agents.Agent {
		return agents.AgentFunc(func(v *agents.View) agents.Move {
			if v.Last.Kind == agents.MoveOffer {
				return agents.Move{Kind: agents.MoveAccept, Say: "Deal."}
			}
			return agents.Move{Kind: agents.MoveOffer, Offer: v.Prefs.Best(nil), Say: "Our best."}
		})
	}
	for _, tt := range []struct {
		name   string
		want   []string
		failed bool
	}{
		{"passed", []string{"offer[4 0]", "accept"}, false},
		{"failed", []string{"offer[4 0]", "walk"}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var res Result
			ft := &fakeT{}
			done := make(chan struct{})
			go func() {
				defer close(done)
				res = VersusTest(ft, talker, Versus{Scenario: Scenario("car"), Opponent: Script("offer[3 1]"), Want: tt.want})
			}()
			<-done
			if failed := len(ft.errs) > 0; failed != tt.failed {
				t.Errorf("failed = %v, want %v: %q", failed, tt.failed, ft.errs)
			}
			if len(res.Moves) != 2 || res.Moves[0].Say != "Our best." || res.Moves[1].Say != "Deal." {
				t.Errorf("moves %+v, want the offer and the acceptance with what they say", res.Moves)
			}
			if o := res.Outcome; !o.Agreed || !o.Offer.Equal(agents.Offer{3, 1}) || len(o.Transcript) != 3 {
				t.Errorf("outcome agreed=%v offer=%v with %d moves recorded, want the deal on [3 1] after 3", o.Agreed, o.Offer, len(o.Transcript))
			}
		})
	}
}

func TestVersusBadSetup(t *testing.T) {
	ft := runVersus(picky, Versus{Scenario: Scenario("car"), Want: []string{"offer[4 0"}})
	if !ft.fatal || !strings.Contains(strings.Join(ft.errs, ""), "Versus.Want[0]") {
		t.Errorf("malformed Want: fatal=%v %q", ft.fatal, ft.errs)
	}
	ft = runVersus(picky, Versus{})
	if !ft.fatal || !strings.Contains(strings.Join(ft.errs, ""), "Versus.Scenario") {
		t.Errorf("empty scenario: fatal=%v %q", ft.fatal, ft.errs)
	}
	if _, err := Play(func() agents.Agent { return nil }, Versus{Scenario: Scenario("car")}); err == nil {
		t.Error("Play with a nil agent: no error")
	}
}

// Play sees the history it is given: the agent's View.History and Period.
func TestPlayHistory(t *testing.T) {
	var seen []int
	spy := func() agents.Agent {
		return agents.AgentFunc(func(v *agents.View) agents.Move {
			seen = append(seen, v.Period, len(v.History))
			return agents.WalkAway(0)
		})
	}
	res, err := Play(spy, Versus{Scenario: Scenario("price"), Period: 3, History: make([]agents.Deal, 3)})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(seen) != "[3 3]" || !res.Outcome.WalkAway || len(res.Moves) != 1 {
		t.Errorf("seen %v, outcome %+v", seen, res.Outcome)
	}
}

func TestScenarios(t *testing.T) {
	for _, s := range scenarios {
		sc := Scenario(s.name)
		if err := sc.Domain.Validate(); err != nil {
			t.Errorf("%s: %v", s.name, err)
		}
		for r, p := range sc.Prefs {
			if err := p.Validate(sc.Domain); err != nil {
				t.Errorf("%s %s: %v", s.name, agents.Role(r), err)
			}
		}
	}
	a, b := Scenario("car"), Scenario("car")
	a.Prefs[0].Weights[0] = 0
	if b.Prefs[0].Weights[0] == 0 {
		t.Error("Scenario returns shared preferences")
	}
	// What the scenarios promise.
	fixed := Scenario("fixed")
	if fixed.Domain.Size() != 1 || fixed.Prefs[agents.Buyer].Utility(agents.Offer{0, 0}) >= fixed.Prefs[agents.Buyer].Reservation {
		t.Error("fixed: want one outcome, worth less to the buyer than walking away")
	}
	nd := Scenario("no-deal")
	for k := range nd.Domain.Issues[0].Options {
		o := agents.Offer{k}
		if nd.Prefs[0].Utility(o) >= nd.Prefs[0].Reservation && nd.Prefs[1].Utility(o) >= nd.Prefs[1].Reservation {
			t.Errorf("no-deal: %v is acceptable to both", o)
		}
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "have car, price") {
			t.Errorf("Scenario(unknown) panic = %v", r)
		}
	}()
	Scenario("moon")
}

// The panel partners never break the rules themselves.
func TestPanelBehaves(t *testing.T) {
	var tab arena.Table
	for _, s := range scenarios {
		for _, p := range panel {
			for _, q := range panel {
				sc := Scenario(s.name)
				out := tab.Negotiate(arena.Setup{Domain: sc.Domain, Deadline: 12},
					&arena.Party{Agent: p.new(), Prefs: sc.Prefs[0], Rand: arena.NewRand(1, 1)},
					&arena.Party{Agent: q.new(), Prefs: sc.Prefs[1], Rand: arena.NewRand(1, 2)})
				if out.Fault != nil {
					t.Errorf("%s: %s vs %s: %v", s.name, p.name, q.name, out.Fault)
				}
			}
		}
	}
}
