package classroom

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// policy is a scripted participant: it asks for less as the deal goes on,
// accepts an offer close to what it asks, and comes back after a deal
// that beat its walk-away point. Its moves depend only on its page.
func policy(v PersonView) (MoveRequest, *AnswerRequest) {
	s := v.Session
	if v.Phase == "continue" {
		last := s.Results[len(s.Results)-1]
		return MoveRequest{}, &AnswerRequest{Round: s.Round, Session: s.Session, Period: s.Period, Stay: last.Surplus >= 0}
	}
	target := max(s.Brief.WalkAway+0.05, 1-0.09*float64(s.Turn/2))
	if n := len(s.Moves); n > 0 && !s.Moves[n-1].Mine && s.Moves[n-1].Kind == "offer" && s.Moves[n-1].Value >= target-0.05 {
		return MoveRequest{Round: s.Round, Session: s.Session, Period: s.Period, Turn: s.Turn, Kind: "accept"}, nil
	}
	req := offerFrom(v, func(is IssueView) string {
		k := 0
		for i, x := range is.Values {
			if math.Abs(x-target) < math.Abs(is.Values[k]-target) {
				k = i
			}
		}
		return is.Options[k]
	})
	if s.Turn%5 == 3 {
		req.Signals = []string{"ask-why"}
	}
	return req, nil
}

// drive plays every participant of r by policy until all sessions are
// over, or until stopAfter moves were made (−1: no limit). It returns the
// number of moves made.
func drive(t *testing.T, r *Room, stopAfter int) int {
	t.Helper()
	moves := 0
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		r.mu.Lock()
		people := append([]*person(nil), r.people...)
		r.mu.Unlock()
		busy := false
		for _, p := range people {
			r.mu.Lock()
			v := r.view(p)
			r.mu.Unlock()
			if v.Phase != "done" {
				busy = true
			}
			if v.Phase != "move" && v.Phase != "continue" {
				continue
			}
			if moves == stopAfter {
				return moves
			}
			req, ans := policy(v)
			var err error
			if ans != nil {
				err = r.Answer(p, *ans)
			} else {
				err = r.Move(p, req)
			}
			if err != nil {
				t.Fatalf("%s: %v", p.name, err)
			}
			moves++
		}
		if !busy {
			return moves
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatal("the class did not finish")
	return moves
}

// outcomes lists every deal of every session of r.
func outcomes(r *Room) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, rd := range r.rounds {
		for _, s := range rd.sessions {
			end := "running"
			if s.rec != nil {
				end = s.rec.End.String()
			}
			out = append(out, fmt.Sprintf("r%d s%d %v end=%s", rd.id, s.id, s.names(), end))
			for i := range s.deals {
				o := &s.deals[i].Outcome
				out = append(out, fmt.Sprintf("  deal %d: agreed=%v offer=%v turns=%d used=%v utility=%.6f stayed=%v",
					i+1, o.Agreed, o.Offer, o.Turns, o.Used, o.Utility, s.deals[i].Stayed))
			}
		}
	}
	return out
}

func newClass(t *testing.T, path string) *Room {
	r := newRoom(t, path)
	for _, n := range []string{"Ana", "Ben", "Cy", "Di", "Ed", "Flo", "Gus"} {
		joinAs(t, r, n)
	}
	if _, err := r.StartRound(RoundSpec{Domain: "supply-deal", Opponents: VsMix, Strategies: []string{"hard-anchorer", "integrative", "tit-for-tat"}, Deals: 3, Deadline: 8}); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestRestartLosesNothing plays a class of seven on supply-deal (two
// pairs of participants, three facing strategies, relationships of up to
// three deals) twice: once straight through, once with the server closed
// and reopened on its database after every few moves. Every deal of
// every session comes out the same, and so does every exported file
// (the room code aside).
func TestRestartLosesNothing(t *testing.T) {
	dir := t.TempDir()
	straight := newClass(t, filepath.Join(dir, "straight.db"))
	total := drive(t, straight, -1)
	want := outcomes(straight)
	wantDir, err := straight.Export(filepath.Join(dir, "straight"), time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	straight.Close()
	if total < 20 {
		t.Fatalf("only %d moves: the script does not negotiate", total)
	}

	path := filepath.Join(dir, "restarted.db")
	r := newClass(t, path)
	restarts := 0
	for {
		n := drive(t, r, 7)
		if err := r.Close(); err != nil {
			t.Fatal(err)
		}
		r = newRoom(t, path)
		restarts++
		if n < 7 {
			break
		}
	}
	drive(t, r, -1)
	got := outcomes(r)
	gotDir, err := r.Export(filepath.Join(dir, "restarted"), time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	codes := strings.NewReplacer(r.Code(), "CODE", straight.Code(), "CODE")
	r.Close()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after %d restarts:\n%q\nstraight through:\n%q", restarts, got, want)
	}
	// The exports are the same, byte for byte, but for the room code.
	files, _ := filepath.Glob(filepath.Join(wantDir, "*", "*"))
	more, _ := filepath.Glob(filepath.Join(wantDir, "*"))
	files = append(files, more...)
	for _, f := range files {
		if fi, err := os.Stat(f); err != nil || fi.IsDir() {
			continue
		}
		rel, _ := filepath.Rel(wantDir, f)
		a, _ := os.ReadFile(f)
		b, err := os.ReadFile(filepath.Join(gotDir, rel))
		if err != nil || codes.Replace(string(a)) != codes.Replace(string(b)) {
			t.Errorf("%s differs after restarts (%v)", rel, err)
		}
	}
	if len(files) < 10 {
		t.Errorf("only %d exported files", len(files))
	}
	if restarts < 3 {
		t.Errorf("only %d restarts", restarts)
	}
	t.Logf("%d moves, %d restarts", total, restarts)
}
