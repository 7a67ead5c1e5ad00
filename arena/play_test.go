package arena_test

import (
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// TestOffersAreCheckedAgainstTheDomain checks that an offer is valid when
// it picks an option of every issue of the domain, whatever the partner's
// preferences hold: a value list longer than the options does not
// make an option out of the domain valid, and a shorter one does not make
// an option of the domain invalid (reading its value fails, as it always
// has: the negotiation ends in a panic fault, not an invalid offer). The
// arena checks offers against the preferences as the negotiation began
// where they fit the domain; the cases here are the ones where they do
// not, played on one reused Table between fitting ones.
func TestOffersAreCheckedAgainstTheDomain(t *testing.T) {
	d, fit := priceDomain(5, 0, 0)
	long := &agents.Preferences{Weights: []float64{1}, Values: [][]float64{{1, 0.75, 0.5, 0.25, 0, 0.5, 1}}}
	short := &agents.Preferences{Weights: []float64{1}, Values: [][]float64{{1, 0.5, 0}}}
	tests := []struct {
		name   string
		buyer  *agents.Preferences
		seller agents.Agent
		fault  string // part of the fault's message; "" for none
		turns  int
		value  float64 // the deal's value to the buyer
	}{
		{name: "fitting preferences", buyer: fit[1], seller: script(offer(4, 0), offer(3, 0)),
			turns: 4, value: 0.25},
		{name: "longer values, an option out of the domain", buyer: long, seller: script(offer(5, 0)),
			fault: `invalid offer [5]: issue "price" has no option 5`},
		{name: "longer values, options of the domain", buyer: long, seller: script(offer(4, 0), offer(3, 0)),
			turns: 4, value: 0.25},
		{name: "fitting preferences again", buyer: fit[1], seller: script(offer(2, 0), offer(3, 0)),
			turns: 4, value: 0.25},
		{name: "shorter values, an option without one", buyer: short, seller: script(offer(2, 0), offer(3, 0)),
			turns: 2, fault: "panic: runtime error: index out of range [3] with length 3"},
		{name: "shorter values, an option out of the domain", buyer: short, seller: script(offer(7, 0)),
			fault: `invalid offer [7]: issue "price" has no option 7`},
		{name: "shorter values, options with one", buyer: short, seller: script(offer(2, 0), offer(1, 0)),
			turns: 4, value: 0.5},
	}
	var tab arena.Table
	for _, tt := range tests {
		buyer := script(offer(0, 0), agents.Accept(0))
		out := tab.Negotiate(arena.Setup{Domain: d, Deadline: 3, Opener: agents.Seller},
			&arena.Party{Agent: tt.seller, Prefs: fit[0]}, &arena.Party{Agent: buyer, Prefs: tt.buyer})
		if tt.fault != "" {
			if out.Fault == nil || !strings.Contains(out.Fault.Err.Error(), tt.fault) || out.Fault.By != agents.Seller || out.Fault.Turn != tt.turns {
				t.Errorf("%s: fault %v, want the seller's at turn %d: %q", tt.name, out.Fault, tt.turns, tt.fault)
			}
			continue
		}
		if out.Fault != nil || !out.Agreed || out.Turns != tt.turns || out.Utility[agents.Buyer] != tt.value {
			t.Errorf("%s: outcome %+v, want a deal worth %v to the buyer after %d turns", tt.name, out, tt.value, tt.turns)
		}
	}
}

// TestFaultCountsTheMovesMade checks Outcome.Turns and the fault's turn
// when an agent panics, or reading a value of its own preferences does,
// with and without a transcript: the moves counted are the ones made, and
// a move that was made and then failed to be written in the transcript
// counts.
func TestFaultCountsTheMovesMade(t *testing.T) {
	d, fit := priceDomain(5, 0, 0)
	short := &agents.Preferences{Weights: []float64{1}, Values: [][]float64{{0, 0.5, 1}}} // the seller's, no value for options 3 and 4
	boom := func(after int) agents.Agent {
		n := 0
		return agents.AgentFunc(func(*agents.View) agents.Move {
			if n++; n > after {
				panic("boom")
			}
			return offer(0, 0)
		})
	}
	tests := []struct {
		name          string
		record        bool
		seller        *agents.Preferences
		opening       int // the seller's first offer (then 4, 4)
		buyer         agents.Agent
		by            agents.Role
		turn, turns   int
		fault         string
		wantTranscrpt int
	}{
		{name: "the buyer panics on its second move", opening: 2, buyer: boom(1),
			by: agents.Buyer, turn: 3, turns: 3, fault: "panic: boom"},
		{name: "the buyer panics on its second move, recorded", record: true, opening: 2, buyer: boom(1),
			by: agents.Buyer, turn: 3, turns: 3, fault: "panic: boom", wantTranscrpt: 3},
		// The seller's second offer, option 4, is worse for the buyer
		// than its first: whether it retracts needs its value to the
		// seller.
		{name: "the seller's own value is missing", seller: short, opening: 2, buyer: boom(5),
			by: agents.Seller, turn: 2, turns: 2, fault: "index out of range [4] with length 3"},
		{name: "the seller's own value is missing, recorded", record: true, seller: short, opening: 2, buyer: boom(5),
			by: agents.Seller, turn: 2, turns: 2, fault: "index out of range [4] with length 3", wantTranscrpt: 2},
		// An opening offer's value to its maker is read only for the
		// transcript, after the move was made.
		{name: "an opening without a value to the seller", seller: short, opening: 4, buyer: boom(0),
			by: agents.Buyer, turn: 1, turns: 1, fault: "panic: boom"},
		{name: "an opening without a value to the seller, recorded", record: true, seller: short, opening: 4, buyer: boom(0),
			by: agents.Seller, turn: 0, turns: 1, fault: "index out of range [4] with length 3"},
	}
	var tab arena.Table
	for _, tt := range tests {
		seller := fit[0]
		if tt.seller != nil {
			seller = tt.seller
		}
		out := tab.Negotiate(arena.Setup{Domain: d, Deadline: 5, Opener: agents.Seller, Record: tt.record},
			&arena.Party{Agent: script(offer(tt.opening, 0), offer(4, 0), offer(4, 0)), Prefs: seller}, &arena.Party{Agent: tt.buyer, Prefs: fit[1]})
		if out.Fault == nil || out.Fault.By != tt.by || out.Fault.Turn != tt.turn || !strings.Contains(out.Fault.Err.Error(), tt.fault) {
			t.Errorf("%s: fault %v, want %v's at turn %d: %q", tt.name, out.Fault, tt.by, tt.turn, tt.fault)
			continue
		}
		if out.Turns != tt.turns || out.Rounds != (tt.turns+1)/2 || len(out.Transcript) != tt.wantTranscrpt || out.Agreed {
			t.Errorf("%s: %d turns, %d rounds, %d steps recorded, agreed %v; want %d turns, %d steps", tt.name,
				out.Turns, out.Rounds, len(out.Transcript), out.Agreed, tt.turns, tt.wantTranscrpt)
		}
	}
}

// TestStopEndsANegotiation checks Setup.Stop: looked at every 64 moves
// (before moves 63, 127, ...), it ends a negotiation without a deal once
// closed, and never without a Stop or before it is closed.
func TestStopEndsANegotiation(t *testing.T) {
	d, prefs := priceDomain(5, 0, 0)
	tests := []struct {
		name    string
		stop    bool // a Stop channel at all
		closeAt int  // the move whose agent closes it, as it moves; -1 never
		moves   int
	}{
		{name: "no Stop", closeAt: -1, moves: 200},
		{name: "never closed", stop: true, closeAt: -1, moves: 200},
		{name: "closed before the first move", stop: true, closeAt: 0, moves: 63},
		{name: "closed at move 62", stop: true, closeAt: 62, moves: 63},
		{name: "closed at move 64", stop: true, closeAt: 64, moves: 127},
		{name: "closed at move 190", stop: true, closeAt: 190, moves: 191},
		{name: "closed at the last move", stop: true, closeAt: 199, moves: 200},
	}
	var tab arena.Table
	for _, tt := range tests {
		var stop chan struct{}
		if tt.stop {
			stop = make(chan struct{})
		}
		hold := func(k int) agents.Agent {
			return agents.AgentFunc(func(v *agents.View) agents.Move {
				if v.Turn == tt.closeAt {
					close(stop)
				}
				return offer(k, 0)
			})
		}
		out := tab.Negotiate(arena.Setup{Domain: d, Deadline: 100, Opener: agents.Seller, Record: true, Stop: stop},
			&arena.Party{Agent: hold(4), Prefs: prefs[0]}, &arena.Party{Agent: hold(0), Prefs: prefs[1]})
		if len(out.Transcript) != tt.moves || out.Agreed || out.Fault != nil || out.Deadline != (tt.moves == 200) {
			t.Errorf("%s: %d moves, agreed %v, deadline %v, fault %v; want %d moves and no deal", tt.name,
				len(out.Transcript), out.Agreed, out.Deadline, out.Fault, tt.moves)
		}
	}
}

// TestPressureAndUnbundling checks the judgements play makes only now and
// then: a side pressed by its partner's last move (a flinch or an
// unbundle) yields when its next move is better for the partner, and only
// its next move; a re-price answering an unbundle is no retraction, while
// the same move without either tag is one.
func TestPressureAndUnbundling(t *testing.T) {
	// The seller wants a high price (weight 0.75) and volume (0.25), the
	// buyer a low price and a high volume (0.5 each).
	d, prefs := priceVolume()
	two := func(p, v int, tags agents.Tags) agents.Move { return agents.Propose(agents.Offer{p, v}, tags) }
	tests := []struct {
		name          string
		seller, buyer []agents.Move
		yielded       bool // the seller
		retraction    bool // the seller
	}{
		{name: "conceding after a flinch yields",
			seller: []agents.Move{two(3, 3, 0), two(2, 3, 0)}, buyer: []agents.Move{two(0, 0, agents.TagFlinch)},
			yielded: true},
		{name: "holding after a flinch does not",
			seller: []agents.Move{two(3, 3, 0), two(3, 3, 0)}, buyer: []agents.Move{two(0, 0, agents.TagFlinch)}},
		{name: "conceding a move later does not",
			seller: []agents.Move{two(3, 3, 0), two(3, 3, 0), two(2, 3, 0)}, buyer: []agents.Move{two(0, 0, agents.TagFlinch), two(0, 0, 0)}},
		{name: "conceding after an unbundle yields",
			seller: []agents.Move{two(3, 3, 0), two(3, 4, 0)}, buyer: []agents.Move{two(0, 0, agents.TagUnbundle)},
			yielded: true},
		{name: "a lose-lose move is a retraction",
			seller: []agents.Move{two(3, 3, 0), two(3, 1, 0)}, buyer: []agents.Move{two(0, 0, 0)},
			retraction: true},
		{name: "the same move re-pricing an unbundle is not",
			seller: []agents.Move{two(3, 3, 0), two(3, 1, agents.TagReprice)}, buyer: []agents.Move{two(0, 0, agents.TagUnbundle)}},
		{name: "the same move answering an unbundle without re-pricing is one",
			seller: []agents.Move{two(3, 3, 0), two(3, 1, 0)}, buyer: []agents.Move{two(0, 0, agents.TagUnbundle)},
			retraction: true},
		{name: "a re-price answering no unbundle is a retraction",
			seller: []agents.Move{two(3, 3, 0), two(3, 1, agents.TagReprice)}, buyer: []agents.Move{two(0, 0, agents.TagFlinch)},
			retraction: true},
	}
	var tab arena.Table
	for _, tt := range tests {
		out := tab.Negotiate(arena.Setup{Domain: d, Deadline: len(tt.seller), Opener: agents.Seller},
			&arena.Party{Agent: script(tt.seller...), Prefs: prefs[0]}, &arena.Party{Agent: script(append(tt.buyer, agents.Accept(0))...), Prefs: prefs[1]})
		if out.Fault != nil {
			t.Fatalf("%s: %v", tt.name, out.Fault)
		}
		if got := out.Yielded[agents.Seller]; got != tt.yielded {
			t.Errorf("%s: the seller yielded = %v, want %v", tt.name, got, tt.yielded)
		}
		if got := out.Used[agents.Seller].Has(agents.TagRetraction); got != tt.retraction {
			t.Errorf("%s: the seller retracted = %v, want %v", tt.name, got, tt.retraction)
		}
	}
}
