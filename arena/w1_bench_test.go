package arena_test

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/strategies"
)

// Performance workload W1 (docs/model.md#workload-w1): 5 issues × 10 options. Side A (the
// seller, who opens) draws weights uniform(0,1), normalised, and values
// option v at v/9; side B draws its own weights and values v at (9−v)/9 on
// issues 0–2 (distributive) and v/9 on issues 3–4 (compatible).
// Reservation 0, deadline 100 rounds, fresh weights every negotiation.
//
// Run it on one core:
//
//	go test ./arena/ -run '^$' -bench W1 -benchmem -cpu 1

const (
	w1Issues   = 5
	w1Options  = 10
	w1Deadline = 100
)

// w1Domain returns the W1 domain: issues "i0".."i4" with options "0".."9".
func w1Domain() *agents.Domain {
	d := &agents.Domain{Name: "W1"}
	for i := range w1Issues {
		is := agents.Issue{Name: "i" + strconv.Itoa(i)}
		for k := range w1Options {
			is.Options = append(is.Options, strconv.Itoa(k))
		}
		d.Issues = append(d.Issues, is)
	}
	return d
}

// w1Values are the fixed option values: ascending v/9 and descending (9−v)/9.
var (
	w1Up   = agents.Linear(w1Options, true)
	w1Down = agents.Linear(w1Options, false)
)

// w1Side is one side's preferences with their weights and value lists, in
// one allocation.
type w1Side struct {
	p agents.Preferences
	w [w1Issues]float64
	v [w1Issues][]float64
}

// w1Prefs returns fresh preferences for side A (b false) or B (b true) with
// weights drawn from r. The value tables are the workload's constants and
// are shared read-only.
func w1Prefs(r *rand.Rand, b bool) *agents.Preferences {
	s := new(w1Side)
	p := &s.p
	p.Weights, p.Values = s.w[:], s.v[:]
	sum := 0.0
	for i := range p.Weights {
		p.Weights[i] = r.Float64()
		sum += p.Weights[i]
	}
	for i := range p.Weights {
		p.Weights[i] /= sum
		p.Values[i] = w1Up
		if b && i < 3 {
			p.Values[i] = w1Down
		}
	}
	return p
}

// w1Stats sums what the benchmark reports.
type w1Stats struct {
	negotiations, offers, rounds, agreed int
}

// add counts one negotiation of turns moves (both sides), agreed or not:
// its rounds, and its offers — every move but the last when that one
// accepted or walked away (ended).
func (st *w1Stats) add(turns int, ended, agreed bool) {
	st.negotiations++
	st.rounds += (turns + 1) / 2
	st.offers += turns
	if ended {
		st.offers--
	}
	if agreed {
		st.agreed++
	}
}

// w1Run runs n W1 negotiations of strategy a (side A, opening) against b
// (side B), each with fresh preferences and fresh agents from the
// strategies' factories, on one reused table. Each negotiation is a
// relationship of one deal, and ends as a tournament's relationships do:
// both agents are released (agents.Releaser), and the factories may reuse
// their memory for the next fresh agents.
func w1Run(tb testing.TB, n int, a, b string) w1Stats {
	newA, err := strategies.Factory(a, nil)
	if err != nil {
		tb.Fatal(err)
	}
	newB, err := strategies.Factory(b, nil)
	if err != nil {
		tb.Fatal(err)
	}
	d := w1Domain()
	setup := arena.Setup{Domain: d, Deadline: w1Deadline, Opener: agents.Seller}
	weights := arena.NewRand(1, 7)
	randA, randB := arena.NewRand(1, 7, 1), arena.NewRand(1, 7, 2)
	var tbl arena.Table
	var st w1Stats
	for range n {
		pa := arena.Party{Agent: newA(), Prefs: w1Prefs(weights, false), Rand: randA}
		pb := arena.Party{Agent: newB(), Prefs: w1Prefs(weights, true), Rand: randB}
		out := tbl.Negotiate(setup, &pa, &pb)
		if out.Fault != nil {
			tb.Fatalf("%s vs %s: %v", a, b, out.Fault)
		}
		st.add(out.Turns, !out.Deadline, out.Agreed)
		w1Release(pa.Agent, pb.Agent)
	}
	return st
}

// w1Release ends a W1 relationship, of one negotiation, as a tournament
// ends one: it releases both agents (agents.Releaser), whose memory the
// next fresh agents then reuse.
func w1Release(as ...agents.Agent) {
	for _, a := range as {
		arena.Release(a)
	}
}

func benchW1(b *testing.B, sideA, sideB string) {
	b.ReportAllocs()
	st := w1Run(b, b.N, sideA, sideB)
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(st.negotiations)/sec, "negotiations/s")
	b.ReportMetric(float64(st.offers)/sec, "offers/s")
	b.ReportMetric(float64(st.rounds)/float64(st.negotiations), "rounds/negotiation")
	b.ReportMetric(100*float64(st.agreed)/float64(st.negotiations), "%agreed")
}

// w1Minimal plays the negotiations of w1Run (the same agents, preferences
// and random streams, so the same decisions) in a minimal hand-written
// loop: a view, a move list and an offer buffer, the partner's value of
// each offer, and nothing else of the arena (no validation, detection,
// tags, faults, outcome utilities, history or agent start/finish calls).
// Its time against BenchmarkW1BoulwareConceder's is what the arena adds to
// the agents' own work; against BenchmarkW1Reference's (w1_reference_test.go:
// the same decisions written out for W1 alone), what the general agents
// cost. each, if not nil, receives every negotiation's moves and whether
// it ended in agreement.
func w1Minimal(tb testing.TB, n int, a, b string, each func(moves []agents.Move, agreed bool)) w1Stats {
	newA, err := strategies.Factory(a, nil)
	if err != nil {
		tb.Fatal(err)
	}
	newB, err := strategies.Factory(b, nil)
	if err != nil {
		tb.Fatal(err)
	}
	d := w1Domain()
	weights := arena.NewRand(1, 7)
	randA, randB := arena.NewRand(1, 7, 1), arena.NewRand(1, 7, 2)
	// As in the arena, every move's offer has its slot in one buffer, set
	// once, and each view's Last.Offer a buffer of its own: a turn writes
	// no pointer (see arena.Table).
	moves := make([]agents.Move, 2*w1Deadline)
	buf := make([]int, (2*w1Deadline+2)*w1Issues)
	for i := range moves {
		moves[i].Offer = buf[i*w1Issues : (i+1)*w1Issues : (i+1)*w1Issues]
	}
	var views [2]agents.View
	var st w1Stats
	for range n {
		ag := [2]agents.Agent{newA(), newB()}
		prefs := [2]*agents.Preferences{w1Prefs(weights, false), w1Prefs(weights, true)}
		for r, rnd := range [2]*rand.Rand{randA, randB} {
			views[r] = agents.View{Domain: d, Prefs: prefs[r], Role: agents.Role(r), Opener: agents.Seller, Deadline: w1Deadline, Rand: rnd, Moves: moves[:0]}
		}
		last, agreed, turns := 0.0, false, 2*w1Deadline
		for turn := range 2 * w1Deadline {
			me := turn & 1
			v := &views[me]
			v.Turn, v.Round, v.LastValue = turn, turn/2, last
			v.Moves = v.Moves[:turn]
			if turn > 0 {
				if v.Last.Offer == nil {
					v.Last.Offer = buf[(2*w1Deadline+me)*w1Issues : (2*w1Deadline+me+1)*w1Issues]
				}
				v.Last.Kind = agents.MoveOffer
				copy(v.Last.Offer, moves[turn-1].Offer)
			}
			m := ag[me].Act(v)
			if m.Kind != agents.MoveOffer {
				agreed, turns = m.Kind == agents.MoveAccept, turn+1
				break
			}
			slot := moves[turn].Offer
			copy(slot, m.Offer)
			moves[turn].Kind = agents.MoveOffer
			last = prefs[1-me].Utility(slot)
		}
		if each != nil {
			ms := moves[:turns]
			if turns < len(moves) { // the last move accepted or walked away: no offer
				ms = append(ms[:turns-1:turns-1], agents.Move{Kind: agents.MoveAccept})
				if !agreed {
					ms[turns-1].Kind = agents.MoveWalkAway
				}
			}
			each(ms, agreed)
		}
		st.add(turns, turns < 2*w1Deadline, agreed)
		w1Release(ag[0], ag[1])
	}
	return st
}

// BenchmarkW1MinimalLoop is BenchmarkW1BoulwareConceder's negotiations,
// with the same agents, in w1Minimal's loop: run it beside the arena and
// the hand-written reference to read what each layer costs,
//
//	go test ./arena/ -run '^$' -bench 'W1(BoulwareConceder|MinimalLoop|Reference)$' -benchmem -cpu 1 -count 5
func BenchmarkW1MinimalLoop(b *testing.B) {
	b.ReportAllocs()
	st := w1Minimal(b, b.N, "boulware", "conceder", nil)
	b.ReportMetric(float64(st.negotiations)/b.Elapsed().Seconds(), "negotiations/s")
	b.ReportMetric(float64(st.rounds)/float64(st.negotiations), "rounds/negotiation")
}

// TestW1MinimalLoopDecidesAlike checks that the minimal loop makes the
// arena's decisions: the same moves, negotiation by negotiation.
func TestW1MinimalLoopDecidesAlike(t *testing.T) {
	const n = 200
	var want [][]agents.Move
	w1Minimal(t, n, "boulware", "conceder", func(moves []agents.Move, _ bool) {
		c := make([]agents.Move, len(moves))
		for i, m := range moves {
			c[i] = agents.Move{Kind: m.Kind, Offer: m.Offer.Clone()}
		}
		want = append(want, c)
	})
	w1ArenaMovesAre(t, want, "the minimal loop")
}

// w1ArenaMovesAre plays len(want) W1 negotiations of Boulware against
// Conceder in the arena, with w1Run's preferences and random streams, and
// fails unless each makes the moves of want's (kinds and offers), which
// the loop called by name made.
func w1ArenaMovesAre(t *testing.T, want [][]agents.Move, by string) {
	t.Helper()
	d := w1Domain()
	newA, _ := strategies.Factory("boulware", nil)
	newB, _ := strategies.Factory("conceder", nil)
	weights := arena.NewRand(1, 7)
	randA, randB := arena.NewRand(1, 7, 1), arena.NewRand(1, 7, 2)
	var tbl arena.Table
	for i := range want {
		pa := arena.Party{Agent: newA(), Prefs: w1Prefs(weights, false), Rand: randA}
		pb := arena.Party{Agent: newB(), Prefs: w1Prefs(weights, true), Rand: randB}
		out := tbl.Negotiate(arena.Setup{Domain: d, Deadline: w1Deadline, Opener: agents.Seller, Record: true}, &pa, &pb)
		if len(out.Transcript) != len(want[i]) {
			t.Fatalf("negotiation %d: the arena made %d moves, %s %d", i, len(out.Transcript), by, len(want[i]))
		}
		for j, st := range out.Transcript {
			if st.Move.Kind != want[i][j].Kind || !slices.Equal(st.Move.Offer, want[i][j].Offer) {
				t.Fatalf("negotiation %d, move %d: arena %v %v, %s %v %v", i, j, st.Move.Kind, st.Move.Offer, by, want[i][j].Kind, want[i][j].Offer)
			}
		}
	}
}

// BenchmarkW1BoulwareConceder is W1 with Boulware (e = 0.2) opening against
// Conceder (e = 2). Time-dependent agents elsewhere agree after about 37
// rounds.
func BenchmarkW1BoulwareConceder(b *testing.B) { benchW1(b, "boulware", "conceder") }

// BenchmarkW1BoulwareBoulware is W1 with Boulware against Boulware, who
// elsewhere agree after about 81 rounds.
func BenchmarkW1BoulwareBoulware(b *testing.B) { benchW1(b, "boulware", "boulware") }

// TestW1 checks the workload's shape on a fixed sample: the pairings agree
// nearly always, Boulware against Conceder well before Boulware against
// Boulware, and both within the deadline's last stretch where the
// literature puts them (about 37 and 81 rounds).
func TestW1(t *testing.T) {
	tests := []struct {
		a, b     string
		lo, hi   float64 // bounds on mean rounds
		minAgree float64
	}{
		{"boulware", "conceder", 25, 50, 0.99},
		{"boulware", "boulware", 70, 95, 0.99},
	}
	for _, tt := range tests {
		st := w1Run(t, 300, tt.a, tt.b)
		mean := float64(st.rounds) / float64(st.negotiations)
		agree := float64(st.agreed) / float64(st.negotiations)
		t.Logf("%s vs %s: mean rounds %.1f, agreed %.1f%%", tt.a, tt.b, mean, 100*agree)
		if mean < tt.lo || mean > tt.hi {
			t.Errorf("%s vs %s: mean rounds %.1f, want %v..%v", tt.a, tt.b, mean, tt.lo, tt.hi)
		}
		if agree < tt.minAgree {
			t.Errorf("%s vs %s: agreed in %.1f%%, want at least %.0f%%", tt.a, tt.b, 100*agree, 100*tt.minAgree)
		}
	}
}
