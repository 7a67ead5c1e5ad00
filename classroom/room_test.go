package classroom

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/internal/golden"
)

// newRoom opens a room on the classic config in a database under dir.
func newRoom(t testing.TB, path string) *Room {
	t.Helper()
	cfg, err := configs.Default()
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRoom(cfg, path, WithRateLimit(1e6, 1e6))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// joinAs joins name and returns the participant.
func joinAs(t testing.TB, r *Room, name string) *person {
	t.Helper()
	tok, err := r.Join(name, r.Code())
	if err != nil {
		t.Fatal(err)
	}
	p := r.who(tok)
	if p == nil {
		t.Fatal("joined, but the token finds nobody")
	}
	return p
}

// waitPhase waits until p's page shows one of phases, and returns it.
func waitPhase(t testing.TB, r *Room, p *person, phases ...string) PersonView {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		r.mu.Lock()
		v := r.view(p)
		ch := p.changed
		r.mu.Unlock()
		if slices.Contains(phases, v.Phase) {
			return v
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("%s: phase %q, want one of %q", p.name, v.Phase, phases)
		}
	}
}

// offerFrom makes an offer request from the options the view shows.
func offerFrom(v PersonView, pick func(is IssueView) string) MoveRequest {
	s := v.Session
	req := MoveRequest{Round: s.Round, Session: s.Session, Period: s.Period, Turn: s.Turn, Kind: "offer", Offer: map[string]string{}}
	for _, is := range s.Brief.Issues {
		req.Offer[is.Name] = pick(is)
	}
	return req
}

// best picks the participant's best option of an issue.
func best(is IssueView) string {
	k := 0
	for i, v := range is.Values {
		if v > is.Values[k] {
			k = i
		}
	}
	return is.Options[k]
}

func TestTwoParticipantsDealAndRestartLosesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "class.db")
	r := newRoom(t, path)
	ana, ben := joinAs(t, r, "Ana"), joinAs(t, r, "Ben")
	if _, err := r.StartRound(RoundSpec{Domain: "price-haggle", Opponents: VsHumans, Deals: 2, Deadline: 10}); err != nil {
		t.Fatal(err)
	}
	// The seller (Ana) opens deal 1 under the alternate rule.
	v := waitPhase(t, r, ana, "move")
	if v.Session.Role != "seller" {
		t.Fatalf("Ana is the %s", v.Session.Role)
	}
	if err := r.Move(ana, offerFrom(v, func(IssueView) string { return "$450,000" })); err != nil {
		t.Fatal(err)
	}
	vb := waitPhase(t, r, ben, "move")
	if got := vb.Session.Moves; len(got) != 1 || got[0].Mine || got[0].Terms[0] != "price: $450,000" {
		t.Fatalf("Ben sees %+v", got)
	}
	// Ben's cookie cannot move for Ana: it is not Ana's turn, and a move
	// in Ana's name is Ben's move in Ben's seat.
	if err := r.Move(ana, offerFrom(vb, best)); !errors.Is(err, ErrNotYourTurn) {
		t.Fatalf("Ana moving on Ben's turn: %v, want ErrNotYourTurn", err)
	}
	if err := r.Move(ben, offerFrom(vb, func(IssueView) string { return "$400k" })); err != nil {
		t.Fatal(err)
	}
	before := waitPhase(t, r, ana, "move")

	// Restart mid-negotiation.
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	r = newRoom(t, path)
	defer r.Close()
	ana, ben = r.people[0], r.people[1]
	after := waitPhase(t, r, ana, "move")
	if len(after.Session.Moves) != len(before.Session.Moves) || after.Session.Turn != before.Session.Turn {
		t.Fatalf("after restart: %d moves at turn %d, before %d at turn %d", len(after.Session.Moves), after.Session.Turn, len(before.Session.Moves), before.Session.Turn)
	}
	// Ana accepts $400,000: a deal.
	acc := MoveRequest{Round: 0, Session: 0, Period: after.Session.Period, Turn: after.Session.Turn, Kind: "accept"}
	if err := r.Move(ana, acc); err != nil {
		t.Fatal(err)
	}
	vc := waitPhase(t, r, ana, "continue")
	if len(vc.Session.Results) != 1 || vc.Session.Results[0].Terms != "price $400,000" {
		t.Fatalf("results %+v", vc.Session.Results)
	}
	b := r.Board(-1)
	if len(b.Round.Deals) != 1 || !b.Round.Deals[0].Agreed {
		t.Fatalf("board deals %+v", b.Round.Deals)
	}
}

func TestStrategyAnswersAtOnce(t *testing.T) {
	r := newRoom(t, filepath.Join(t.TempDir(), "class.db"))
	defer r.Close()
	p := joinAs(t, r, "Cy")
	if _, err := r.StartRound(RoundSpec{Domain: "price-haggle", Roles: RolesSeller, Strategies: []string{"hard-anchorer"}, Deadline: 5}); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		v := waitPhase(t, r, p, "move")
		if err := r.Move(p, offerFrom(v, best)); err != nil {
			t.Fatal(err)
		}
		r.mu.Lock()
		v = r.view(p)
		r.mu.Unlock()
		if v.Phase == "done" {
			break
		}
	}
	v := waitPhase(t, r, p, "done")
	if len(v.Session.Results) != 1 || v.Session.Ended == "" {
		t.Fatalf("results %+v ended %q", v.Session.Results, v.Session.Ended)
	}
}

func TestANewRoundStopsTheRunningOne(t *testing.T) {
	path := filepath.Join(t.TempDir(), "class.db")
	r := newRoom(t, path)
	p := joinAs(t, r, "Di")
	if _, err := r.StartRound(RoundSpec{Domain: "price-haggle", Strategies: []string{"boulware"}}); err != nil {
		t.Fatal(err)
	}
	waitPhase(t, r, p, "move")
	if _, err := r.StartRound(RoundSpec{Domain: "price-haggle", Strategies: []string{"linear"}}); err != nil {
		t.Fatal(err)
	}
	v := waitPhase(t, r, p, "move")
	if v.Session.Round != 1 {
		t.Fatalf("Di plays round %d", v.Session.Round+1)
	}
	b := r.Board(0)
	for i := 0; i < 200 && b.Rounds[0].Done != 1; i++ {
		time.Sleep(10 * time.Millisecond) // the stopped session ends in its own goroutine
		b = r.Board(0)
	}
	if !b.Rounds[0].Stopped || b.Rounds[0].Done != 1 {
		t.Fatalf("round 1: %+v", b.Rounds[0])
	}
	r.Close()
	r = newRoom(t, path) // and so it is after a restart
	defer r.Close()
	if b := r.Board(0); !b.Rounds[0].Stopped {
		t.Fatalf("after a restart, round 1: %+v", b.Rounds[0])
	}
	waitPhase(t, r, r.people[0], "move")
}

// TestTheParticipantsPage records what a participant's page receives
// (testdata/*.json, rewritten with -update): a buyer on supply-deal
// facing the hard anchorer for a relationship, after a few scripted
// moves, and after the first deal. Read them as the page's words: the
// brief, the partner's tactics explained, each offer's value, the
// scorecard.
func TestTheParticipantsPage(t *testing.T) {
	r := newRoom(t, filepath.Join(t.TempDir(), "class.db"))
	defer r.Close()
	p := joinAs(t, r, "Ana")
	if _, err := r.StartRound(RoundSpec{Domain: "supply-deal", Roles: RolesBuyer, Strategies: []string{"hard-anchorer"}, Deals: 2, Deadline: 6}); err != nil {
		t.Fatal(err)
	}
	page := func(v PersonView) []byte {
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		return append(b, '\n')
	}
	var mid []byte
	for i := 0; ; i++ {
		r.mu.Lock()
		v := r.view(p)
		r.mu.Unlock()
		if v.Phase == "continue" || v.Phase == "done" {
			golden.Check(t, "testdata/page-after-deal.json", page(v))
			break
		}
		// The partner's answer may end the deal before Ana's turn comes.
		if v = waitPhase(t, r, p, "move", "continue", "done"); v.Phase != "move" {
			continue
		}
		if i == 2 {
			mid = page(v)
		}
		req, _ := policy(v)
		if i == 1 {
			req.Signals = []string{"flinch", "disclose"}
		}
		if err := r.Move(p, req); err != nil {
			t.Fatal(err)
		}
	}
	golden.Check(t, "testdata/page-mid-deal.json", mid)
}
