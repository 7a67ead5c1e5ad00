package agenttest

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/internal/golden"
)

// steady concedes linearly from its best offer to its reservation value
// and accepts an offer worth at least its own next offer and its
// reservation value: a well-behaved agent that passes every check. The
// broken agents below each add one classic mistake to it.
type steady struct {
	search agents.OfferSearch
	next   agents.Offer
	// greedy accepts anything at all.
	greedy bool
}

func (s *steady) Start(v *agents.View) { s.search.Build(v.Prefs, nil) }

func (s *steady) Act(v *agents.View) agents.Move {
	o, u := s.offer(v, v.Time())
	if v.Last.Kind == agents.MoveOffer {
		if pu := v.Prefs.Utility(v.Last.Offer); s.greedy || pu >= u && pu >= v.Prefs.Reservation {
			return agents.Accept(0)
		}
	}
	return agents.Propose(o, 0)
}

func (s *steady) offer(v *agents.View, t float64) (agents.Offer, float64) {
	var u float64
	s.next, u = s.search.Find(agents.TargetUtility(t, 1, v.Prefs.Reservation, v.Prefs.MaxUtility()), s.next)
	return s.next, u
}

// outOfRange offers an option one past the last of issue 0 from round 3.
type outOfRange struct{ steady }

func (a *outOfRange) Act(v *agents.View) agents.Move {
	m := a.steady.Act(v)
	if m.Kind == agents.MoveOffer && v.Round >= 2 {
		m.Offer[0] = len(v.Domain.Issues[0].Options)
	}
	return m
}

// mapOrder picks among its four best offers by ranging over a map.
type mapOrder struct{ steady }

func (a *mapOrder) Act(v *agents.View) agents.Move {
	choices := map[int]bool{0: true, 1: true, 2: true, 3: true}
	for r := range choices {
		o, _ := a.search.Rung(min(r, a.search.Len()-1))
		a.next = append(a.next[:0], o...)
		break
	}
	return agents.Propose(a.next, 0)
}

// sharedClock counts turns in a package-level counter that each
// negotiation resets: alone it behaves, next to another agent it does not.
var sharedClock atomic.Int64

type sharedClockAgent struct{ steady }

func (a *sharedClockAgent) Start(v *agents.View) {
	a.steady.Start(v)
	sharedClock.Store(0)
}

func (a *sharedClockAgent) Act(v *agents.View) agents.Move {
	n := sharedClock.Add(1)
	o, _ := a.offer(v, min(1, float64(n)/float64(v.Deadline)))
	return agents.Propose(o, 0)
}

// mutator writes its counter-offer into the partner's offer in the View.
type mutator struct{ steady }

func (a *mutator) Act(v *agents.View) agents.Move {
	m := a.steady.Act(v)
	if m.Kind == agents.MoveOffer && v.Last.Kind == agents.MoveOffer {
		copy(v.Last.Offer, m.Offer)
		return agents.Propose(v.Last.Offer, 0)
	}
	return m
}

// perRound divides by the number of rounds after the first.
type perRound struct{ steady }

func (a *perRound) Act(v *agents.View) agents.Move {
	step := 100 / (v.Deadline - 1) // panics when Deadline is 1
	o, _ := a.offer(v, float64(v.Round*step)/100)
	return agents.Propose(o, 0)
}

// secondChoice concedes on issue 0 by offering its option 1.
type secondChoice struct{ steady }

func (a *secondChoice) Act(v *agents.View) agents.Move {
	m := a.steady.Act(v)
	if m.Kind == agents.MoveOffer && v.Domain.Name == "fixed" {
		m.Offer[0] = 1
	}
	return m
}

// dealReader reads the agreed offer in Finish without checking for a deal.
type dealReader struct {
	steady
	firstOption int
}

func (a *dealReader) Finish(v *agents.View, d *agents.Deal) { a.firstOption = d.Offer[0] }

// quitter's Continue panics.
type quitter struct{ steady }

func (a *quitter) Continue(*agents.View) bool { panic("no more deals") }

func TestCheck(t *testing.T) {
	tests := []struct {
		name     string
		newAgent func() agents.Agent
		opts     Options
		fail     string // the check that must fail; "" for none
		also     []string
	}{
		{"steady", func() agents.Agent { return &steady{} }, Options{}, "", nil},
		{"greedy", func() agents.Agent { return &steady{greedy: true} }, Options{}, CheckReservation, nil},
		{"greedy excused", func() agents.Agent { return &steady{greedy: true} }, Options{MayAcceptBelowReservation: true}, "", nil},
		{"out of range", func() agents.Agent { return &outOfRange{} }, Options{}, CheckValidMoves, []string{CheckSingleOption, CheckPartnerWalks, CheckPartnerInvalid}},
		{"map order", func() agents.Agent { return &mapOrder{} }, Options{}, CheckDeterministic, []string{CheckIndependent}},
		{"shared clock", func() agents.Agent { return &sharedClockAgent{} }, Options{}, CheckIndependent, nil},
		{"mutator", func() agents.Agent { return &mutator{} }, Options{}, CheckReadOnlyView, nil},
		{"per round", func() agents.Agent { return &perRound{} }, Options{}, CheckOneRound, nil},
		{"second choice", func() agents.Agent { return &secondChoice{} }, Options{}, CheckSingleOption, []string{CheckOneRound, CheckPartnerWalks}},
		{"deal reader", func() agents.Agent { return &dealReader{} }, Options{}, CheckPartnerWalks, []string{CheckValidMoves, CheckOneRound, CheckSingleOption, CheckPartnerInvalid}},
		{"quitter", func() agents.Agent { return &quitter{} }, Options{}, CheckValidMoves, []string{CheckOneRound, CheckSingleOption, CheckPartnerWalks, CheckPartnerInvalid}},
		{"nil", func() agents.Agent { return nil }, Options{}, CheckValidMoves, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := Check(tt.newAgent, tt.opts)
			if tt.fail == "" && !rep.Passed() {
				t.Fatalf("want every check passed, got:\n%s", rep.String())
			}
			if tt.fail == "" {
				return
			}
			f := rep.Find(tt.fail)
			if f == nil || f.Status != Failed {
				t.Fatalf("want %s failed, got:\n%s", tt.fail, rep.String())
			}
			if f.Problem == "" || f.Hint == "" || f.About == "" {
				t.Errorf("failed finding lacks an explanation: %+v", *f)
			}
			if tt.name != "nil" && (f.Where == "" || f.Failures == 0 || f.Failures > f.Negotiations) {
				t.Errorf("failed finding lacks its negotiation: %+v", *f)
			}
			allowed := map[string]bool{tt.fail: true}
			for _, c := range tt.also {
				allowed[c] = true
			}
			for _, g := range rep.Findings {
				if g.Status == Failed && !allowed[g.Check] {
					t.Errorf("check %s failed too:\n%s", g.Check, g.String())
				}
			}
		})
	}
}

func TestCheckOrderAndSkip(t *testing.T) {
	rep := Check(func() agents.Agent { return &steady{} }, Options{MayAcceptBelowReservation: true, Seeds: []uint64{5}})
	var names []string
	for _, f := range rep.Findings {
		names = append(names, f.Check)
	}
	want := []string{CheckValidMoves, CheckReservation, CheckDeterministic, CheckIndependent, CheckReadOnlyView,
		CheckOneRound, CheckSingleOption, CheckPartnerWalks, CheckPartnerInvalid}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("checks = %v, want %v", names, want)
	}
	if f := rep.Find(CheckReservation); f.Status != Skipped || f.Note == "" {
		t.Errorf("reservation = %+v, want skipped with a reason", *f)
	}
	if f := rep.Find(CheckValidMoves); f.Negotiations != 4*2*len(panel)*2 {
		t.Errorf("valid-moves judged %d negotiations, want %d (4 scenarios, 2 roles, %d partners, 2 deals, one seed)", f.Negotiations, 4*2*len(panel)*2, len(panel))
	}
}

// The detailed failure, as a student reads it: golden file.
func TestReportGolden(t *testing.T) {
	rep := Check(func() agents.Agent { return &outOfRange{} }, Options{Name: "my-agent"})
	got := rep.String()
	golden.Check(t, filepath.Join("testdata", "out-of-range.golden"), []byte(got))
}

// The rogue partners break the rules in every negotiation they get to move
// in, and the arena blames them.
func TestRoguesAreBlamed(t *testing.T) {
	c := newChecker(func() agents.Agent { return &steady{} }, Options{})
	for _, g := range c.edgeGames(CheckPartnerInvalid) {
		p := solo(c.newAgent, g, false)
		for period, out := range p.outs {
			if g.partner.name == "accepts with no offer on the table" && g.openerOf(period) == g.role {
				continue // answering, accepting is legal
			}
			if out.Fault == nil || out.Fault.By != g.role.Other() {
				t.Errorf("%s: fault %v, want one by the partner", g.where(period, "steady"), out.Fault)
			}
		}
	}
}

// interleaved really alternates the two agents' calls.
func TestInterleavedAlternates(t *testing.T) {
	var mu sync.Mutex
	var log []int
	next := 0
	newAgent := func() agents.Agent {
		mu.Lock()
		id := next
		next++
		mu.Unlock()
		return agents.AgentFunc(func(v *agents.View) agents.Move {
			mu.Lock()
			log = append(log, id)
			mu.Unlock()
			return agents.Propose(v.Prefs.Best(nil), 0)
		})
	}
	g := game{scenario: "price", partner: panel[0], deadline: 4, periods: 1}
	a, b := interleaved(newAgent, g, g)
	if len(a.recs) != 4 || len(b.recs) != 4 {
		t.Fatalf("recorded %d and %d moves, want 4 each", len(a.recs), len(b.recs))
	}
	for i, id := range log {
		if id != i%2 {
			t.Fatalf("call order %v, want the two agents alternating", log)
		}
	}
}

func TestCheckIsDeterministic(t *testing.T) {
	a := Check(func() agents.Agent { return &outOfRange{} }, Options{})
	b := Check(func() agents.Agent { return &outOfRange{} }, Options{})
	if a.String() != b.String() {
		t.Errorf("two checks of the same agent differ:\n%s\n---\n%s", a.String(), b.String())
	}
}

// crasher fails every move the same way but for a number, as an agent
// behind the pipe whose process crashes on every turn does.
type crasher struct{ n *atomic.Int64 }

func (a crasher) Act(v *agents.View) agents.Move {
	panic(fmt.Sprintf("KeyError: %d", a.n.Add(1)))
}

// TestCheckStopAfter: identical faults in a row (but for their numbers)
// stop Check after StopAfter of them; the check in progress fails, saying
// so, the rest are not run, and the agent is asked for few moves.
func TestCheckStopAfter(t *testing.T) {
	var moves atomic.Int64
	var events []string
	rep := Check(func() agents.Agent { return crasher{&moves} }, Options{Name: "crashy", StopAfter: 3, Progress: func(e Event) {
		if e.Done {
			events = append(events, e.Check+" "+e.Finding.Status.String())
		} else {
			events = append(events, e.Check)
		}
	}})
	// The third fault comes in the first deal of the second game, whose
	// second deal is still played: four moves.
	if n := moves.Load(); n > 4 {
		t.Errorf("the agent was asked for %d moves, after its 3rd identical fault", n)
	}
	if rep.Passed() || rep.Stopped != "crashy made the same fault 3 times in a row" || !strings.Contains(rep.Repeated, "KeyError: 1") {
		t.Errorf("Stopped = %q, Repeated = %q", rep.Stopped, rep.Repeated)
	}
	f := rep.Find(CheckValidMoves)
	if f.Status != Failed || f.Stopped == "" {
		t.Errorf("valid-moves = %+v, want failed and stopped", *f)
	}
	for _, g := range rep.Findings {
		if g.Check != CheckValidMoves && (g.Status != Skipped || g.Note != notRun) {
			t.Errorf("%s: %v %q, want skipped as not run", g.Check, g.Status, g.Note)
		}
	}
	if got := strings.Join(events, ", "); got != "valid-moves, valid-moves FAIL" {
		t.Errorf("progress: %s", got)
	}
	out := rep.String()
	for _, want := range []string{"stopped before the end because crashy made the same fault 3 times in a row. 1 check failed; 8 checks not run or not finished.", "The fault: panic: KeyError: 1", "The check stopped there:"} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

// TestCheckContext: a cancelled context stops Check between games; the
// games already played keep their verdicts, and the cause is returned.
func TestCheckContext(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	stop := errors.New("enough")
	var events []string
	rep, err := CheckContext(ctx, func() agents.Agent { return &steady{} }, Options{Progress: func(e Event) {
		if e.Done {
			events = append(events, e.Check+" "+e.Finding.Status.String())
			if e.Check == CheckOneRound {
				cancel(stop)
			}
		}
	}})
	if !errors.Is(err, stop) || rep.Stopped != "enough" || rep.Passed() {
		t.Errorf("CheckContext = %v, Stopped %q, Passed %v", err, rep.Stopped, rep.Passed())
	}
	if got, want := strings.Join(events, ", "), "valid-moves ok, one-round ok"; got != want {
		t.Errorf("checks run: %s, want %s", got, want)
	}
	if f := rep.Find(CheckValidMoves); f.Status != Passed {
		t.Errorf("valid-moves, finished before the stop: %v", f.Status)
	}
	if f := rep.Find(CheckIndependent); f.Status != Skipped || f.Note != notRun {
		t.Errorf("independent, never begun: %v %q", f.Status, f.Note)
	}
	// Already done: nothing is played.
	rep, err = CheckContext(ctx, func() agents.Agent { t.Fatal("an agent was made"); return nil }, Options{})
	if err == nil || len(rep.Findings) != len(checks) {
		t.Errorf("CheckContext on a done context = %v with %d findings", err, len(rep.Findings))
	}
}

// TestCheckPipeWords: a report for an agent behind the pipe speaks the
// protocol's words, not Go's.
func TestCheckPipeWords(t *testing.T) {
	rep := Check(func() agents.Agent { return &outOfRange{} }, Options{Name: "my-py", Pipe: true, Seeds: []uint64{1}})
	out := strings.Join(strings.Fields(rep.String()), " ")
	for _, goWord := range []string{"View", "goroutine", "newAgent", "len(", "panic", "struct", "package-level", "Clone"} {
		if strings.Contains(out, goWord) {
			t.Errorf("a report for an agent behind the pipe says %q:\n%s", goWord, out)
		}
	}
	if !strings.Contains(out, `copy the turn's "session" into the move`) {
		t.Errorf("the valid-moves hint is not in the protocol's words:\n%s", out)
	}
}
