package arena_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/strategies"
)

// seen wraps an agent and records what it was shown each turn: the
// partner's last move and every move so far, copied.
type seen struct {
	inner agents.Agent
	log   []string
}

func (s *seen) Act(v *agents.View) agents.Move {
	s.log = append(s.log, fmt.Sprintf("turn %d last %v %v %v %q moves %v", v.Turn, v.Last.Kind, v.Last.Offer, v.Last.Tags, v.Last.Say, movesText(v.Moves)))
	return s.inner.Act(v)
}

func movesText(ms []agents.Move) string {
	out := ""
	for _, m := range ms {
		out += fmt.Sprintf("[%v %v %v %v %q]", m.Kind, m.Offer, m.Tags, m.Ranking, m.Say)
	}
	return out
}

// vandal is an agent that writes into the View it is given — what the
// conformance check forbids — after choosing its move: it appends to
// View.Moves (into the arena's spare capacity), points View.Last.Offer
// at a buffer of its own, and sometimes drops View.Moves. The arena must
// go on recording the moves that were made.
type vandal struct {
	inner      agents.Agent
	buf, saved agents.Offer
	n          int
	overwrote  bool // the arena wrote into buf
}

func (a *vandal) Act(v *agents.View) agents.Move {
	a.overwrote = a.overwrote || !a.buf.Equal(a.saved)
	m := a.inner.Act(v)
	a.n++
	junk := agents.Move{Kind: agents.MoveWalkAway, Offer: agents.Offer{0, 0, 0}}
	if a.n%2 == 0 {
		junk.Ranking, junk.Say = []int{1}, "junk"
	}
	_ = append(v.Moves, junk, junk)
	a.buf = append(a.buf[:0], v.Last.Offer...)
	for i := range a.buf {
		a.buf[i] = -1 - a.buf[i]
	}
	a.saved = append(a.saved[:0], a.buf...)
	v.Last.Offer = a.buf
	if a.n%3 == 0 {
		v.Moves = nil
	}
	return m
}

// TestTableKeepsTheMoves checks what agents rely on from a Table reused
// across negotiations of different shapes (issues, deadline), with moves
// that carry rankings and lines: each negotiation gives the outcome, the
// transcript and the views of a fresh Table, and an agent that writes
// into its View changes none of them for its partner.
func TestTableKeepsTheMoves(t *testing.T) {
	d3 := w1Domain()
	d3.Issues = d3.Issues[:3]
	type game struct {
		d        *agents.Domain
		deadline int
		a, b     string
		vandal   bool
	}
	games := []game{
		{w1Domain(), 30, "boulware", "conceder", false},
		{d3, 12, "tit-for-tat", "hardheaded", false},
		{w1Domain(), 30, "boulware", "conceder", true},
		{w1Domain(), 5, "hardliner", "hardliner", false},
		{d3, 40, "linear", "boulware", true},
		{w1Domain(), 30, "boulware", "conceder", false},
	}
	play := func(tbl *arena.Table, g game, i int, vandalise bool) (arena.Outcome, []string) {
		newA, err := strategies.Factory(g.a, nil)
		if err != nil {
			t.Fatal(err)
		}
		newB, err := strategies.Factory(g.b, nil)
		if err != nil {
			t.Fatal(err)
		}
		r := arena.NewRand(3, uint64(i))
		pa, pb := w1Prefs(r, false), w1Prefs(r, true)
		for _, p := range []*agents.Preferences{pa, pb} {
			p.Weights, p.Values = p.Weights[:len(g.d.Issues)], p.Values[:len(g.d.Issues)]
			sum := 0.0
			for _, w := range p.Weights {
				sum += w
			}
			for k := range p.Weights {
				p.Weights[k] /= sum
			}
		}
		var a agents.Agent = newA()
		if vandalise {
			va := &vandal{inner: a}
			a = va
			defer func() {
				if va.overwrote {
					t.Errorf("game %d: the arena wrote into the buffer the agent put in View.Last.Offer", i)
				}
			}()
		}
		watch := &seen{inner: newB()}
		out := tbl.Negotiate(arena.Setup{Domain: g.d, Deadline: g.deadline, Opener: agents.Seller, Record: true},
			&arena.Party{Agent: a, Prefs: pa, Rand: arena.NewRand(3, uint64(i), 1)},
			&arena.Party{Agent: watch, Prefs: pb, Rand: arena.NewRand(3, uint64(i), 2)})
		return out, watch.log
	}
	var reused arena.Table
	for i, g := range games {
		var fresh arena.Table
		want, wantSeen := play(&fresh, g, i, false)
		got, gotSeen := play(&reused, g, i, g.vandal)
		if want.Fault != nil || got.Fault != nil {
			t.Fatalf("game %d: faults %v, %v", i, want.Fault, got.Fault)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("game %d (%s vs %s, vandal %v): outcome on a reused table\n%+v\nwant\n%+v", i, g.a, g.b, g.vandal, got, want)
		}
		if !reflect.DeepEqual(gotSeen, wantSeen) {
			t.Errorf("game %d (%s vs %s, vandal %v): the partner saw\n%v\nwant\n%v", i, g.a, g.b, g.vandal, gotSeen, wantSeen)
		}
	}
}

// TestTableRankingsAndLines checks that moves' rankings and lines reach
// the partner's View.Last and View.Moves and the transcript, and that a
// later move without them shows none, on one reused Table.
func TestTableRankingsAndLines(t *testing.T) {
	d, prefs := priceDomain(5, 0, 0)
	ranked := agents.Propose(agents.Offer{4}, agents.TagDisclose)
	ranked.Ranking, ranked.Say = []int{0}, "first things first"
	var tbl arena.Table
	for range 2 {
		watch := &seen{inner: script(offer(0, 0), offer(1, 0), agents.Accept(0))}
		out := tbl.Negotiate(arena.Setup{Domain: d, Deadline: 5, Opener: agents.Seller, Record: true},
			&arena.Party{Agent: script(ranked, offer(3, 0), offer(2, 0)), Prefs: prefs[0], Rand: arena.NewRand(1)},
			&arena.Party{Agent: watch, Prefs: prefs[1], Rand: arena.NewRand(2)})
		want := []string{
			`turn 1 last offer [4] disclose "first things first" moves [offer [4] disclose [0] "first things first"]`,
			`turn 3 last offer [3]  "" moves [offer [4] disclose [0] "first things first"][offer [0]  [] ""][offer [3]  [] ""]`,
			`turn 5 last offer [2]  "" moves [offer [4] disclose [0] "first things first"][offer [0]  [] ""][offer [3]  [] ""][offer [1]  [] ""][offer [2]  [] ""]`,
		}
		if !reflect.DeepEqual(watch.log, want) {
			t.Errorf("the buyer saw\n%q\nwant\n%q", watch.log, want)
		}
		if !out.Agreed || out.Offer[0] != 2 || out.Transcript[0].Move.Say != "first things first" || out.Transcript[2].Move.Say != "" {
			t.Errorf("outcome %+v", out)
		}
	}
}
