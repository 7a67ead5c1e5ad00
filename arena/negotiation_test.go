package arena_test

import (
	"math"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// priceDomain is one price issue of n options; the seller wants the last,
// the buyer the first.
func priceDomain(n int, resSeller, resBuyer float64) (*agents.Domain, [2]*agents.Preferences) {
	is := agents.Issue{Name: "price"}
	for k := range n {
		is.Options = append(is.Options, string(rune('A'+k)))
	}
	return &agents.Domain{Name: "p", Issues: []agents.Issue{is}}, [2]*agents.Preferences{
		{Weights: []float64{1}, Values: [][]float64{agents.Linear(n, true)}, Reservation: resSeller},
		{Weights: []float64{1}, Values: [][]float64{agents.Linear(n, false)}, Reservation: resBuyer},
	}
}

// script replays moves; past its end it walks away.
func script(moves ...agents.Move) agents.Agent {
	i := 0
	return agents.AgentFunc(func(v *agents.View) agents.Move {
		if i >= len(moves) {
			return agents.WalkAway(0)
		}
		i++
		return moves[i-1]
	})
}

func offer(k int, tags agents.Tags) agents.Move { return agents.Propose(agents.Offer{k}, tags) }

func TestNegotiate(t *testing.T) {
	d, prefs := priceDomain(5, 0.2, 0.2)
	tests := []struct {
		name            string
		seller, buyer   agents.Agent
		opener          agents.Role
		deadline        int
		agreed          bool
		offer           int
		turns           int
		walk, deadline_ bool
		endedBy         agents.Role
		fault           string
		used            [2]agents.Tags
		yielded         [2]bool
	}{
		{name: "buyer accepts the opening", seller: script(offer(3, 0)), buyer: script(agents.Accept(0)),
			deadline: 3, agreed: true, offer: 3, turns: 2, endedBy: agents.Buyer},
		{name: "buyer opens, seller accepts", seller: script(agents.Accept(0)), buyer: script(offer(2, 0)), opener: agents.Buyer,
			deadline: 3, agreed: true, offer: 2, turns: 2, endedBy: agents.Seller},
		{name: "deadline", seller: script(offer(4, 0), offer(4, 0)), buyer: script(offer(0, 0), offer(0, 0)),
			deadline: 2, turns: 4, deadline_: true, used: [2]agents.Tags{agents.TagExtremeAnchor, agents.TagExtremeAnchor}},
		{name: "walk away", seller: script(offer(3, 0)), buyer: script(agents.WalkAway(agents.TagDissatisfied)),
			deadline: 5, turns: 2, walk: true, endedBy: agents.Buyer, used: [2]agents.Tags{0, agents.TagDissatisfied}},
		{name: "extreme anchor detected", seller: script(offer(4, agents.TagAnchor)), buyer: script(agents.Accept(0)),
			deadline: 2, agreed: true, offer: 4, turns: 2, endedBy: agents.Buyer,
			used: [2]agents.Tags{agents.TagAnchor | agents.TagExtremeAnchor, 0}},
		// On one price issue an offer worse for the partner is better for
		// oneself: it hardens, and is no retraction (a retraction is also
		// not better for oneself: TestRetraction).
		{name: "hardening is no retraction", seller: script(offer(3, 0), offer(4, 0)), buyer: script(offer(0, 0), agents.Accept(0)),
			deadline: 3, agreed: true, offer: 4, turns: 4, endedBy: agents.Buyer,
			used: [2]agents.Tags{0, agents.TagExtremeAnchor}},
		{name: "yielding to a flinch", seller: script(offer(3, 0), offer(2, 0)), buyer: script(offer(0, agents.TagFlinch), agents.Accept(0)),
			deadline: 3, agreed: true, offer: 2, turns: 4, endedBy: agents.Buyer,
			used: [2]agents.Tags{0, agents.TagFlinch | agents.TagExtremeAnchor}, yielded: [2]bool{true, false}},
		{name: "accepting after a flinch yields too", seller: script(offer(3, 0), agents.Accept(0)), buyer: script(offer(1, agents.TagFlinch)),
			deadline: 3, agreed: true, offer: 1, turns: 3, endedBy: agents.Seller,
			used: [2]agents.Tags{0, agents.TagFlinch}, yielded: [2]bool{true, false}},
		{name: "accept with nothing on the table", seller: script(agents.Accept(0)), buyer: script(),
			deadline: 3, turns: 0, endedBy: agents.Seller, fault: "no offer on the table"},
		{name: "invalid offer", seller: script(offer(9, 0)), buyer: script(),
			deadline: 3, turns: 0, endedBy: agents.Seller, fault: `issue "price" has no option 9`},
		{name: "unknown move kind", seller: script(offer(2, 0)), buyer: script(agents.Move{Kind: 42}),
			deadline: 3, turns: 1, endedBy: agents.Buyer, fault: "no known kind"},
		{name: "panic", seller: script(offer(2, 0)), buyer: agents.AgentFunc(func(*agents.View) agents.Move { panic("boom") }),
			deadline: 3, turns: 1, endedBy: agents.Buyer, fault: "panic: boom"},
	}
	var tab arena.Table
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := tab.Negotiate(arena.Setup{Domain: d, Deadline: tt.deadline, Opener: tt.opener, Record: true},
				&arena.Party{Agent: tt.seller, Prefs: prefs[0]}, &arena.Party{Agent: tt.buyer, Prefs: prefs[1]})
			if tt.fault != "" {
				if out.Fault == nil || !strings.Contains(out.Fault.Error(), tt.fault) {
					t.Fatalf("fault = %v, want %q", out.Fault, tt.fault)
				}
				if out.Fault.By != tt.endedBy || out.Agreed {
					t.Errorf("fault by %v agreed %v", out.Fault.By, out.Agreed)
				}
			} else if out.Fault != nil {
				t.Fatalf("unexpected fault %v", out.Fault)
			}
			if out.Agreed != tt.agreed || out.Turns != tt.turns || out.WalkAway != tt.walk || out.Deadline != tt.deadline_ {
				t.Fatalf("outcome %+v", out)
			}
			if !tt.deadline_ && out.EndedBy != tt.endedBy {
				t.Errorf("ended by %v, want %v", out.EndedBy, tt.endedBy)
			}
			if tt.agreed {
				if out.Offer[0] != tt.offer {
					t.Errorf("deal %v, want %d", out.Offer, tt.offer)
				}
				for r, p := range prefs {
					if out.Utility[r] != p.Utility(out.Offer) || out.Surplus[r] != out.Utility[r]-p.Reservation {
						t.Errorf("side %d utility %v surplus %v", r, out.Utility[r], out.Surplus[r])
					}
				}
			} else if out.Utility != [2]float64{0.2, 0.2} || out.Surplus != [2]float64{} {
				t.Errorf("no deal pays reservation: %v %v", out.Utility, out.Surplus)
			}
			if out.Used != tt.used {
				t.Errorf("used = %v / %v, want %v / %v", out.Used[0], out.Used[1], tt.used[0], tt.used[1])
			}
			if out.Yielded != tt.yielded {
				t.Errorf("yielded = %v, want %v", out.Yielded, tt.yielded)
			}
			if out.Rounds != (out.Turns+1)/2 {
				t.Errorf("rounds %d for %d turns", out.Rounds, out.Turns)
			}
			if len(out.Transcript) != out.Turns {
				t.Errorf("transcript has %d steps for %d turns", len(out.Transcript), out.Turns)
			}
		})
	}
}

// The view an agent gets is consistent turn after turn, and history grows
// deal by deal on the Party.
func TestViewAndHistory(t *testing.T) {
	d, prefs := priceDomain(5, 0.1, 0.1)
	var seen []string
	check := agents.AgentFunc(func(v *agents.View) agents.Move {
		if v.Role != agents.Buyer || v.Prefs != prefs[1] || v.Domain != d || v.Deadline != 4 {
			t.Fatalf("bad view %+v", v)
		}
		if len(v.Moves) != v.Turn || v.Round != v.Turn/2 || v.MoveBy(v.Turn-1) != agents.Seller {
			t.Fatalf("turn %d: %d moves, round %d", v.Turn, len(v.Moves), v.Round)
		}
		if v.Last.Kind != agents.MoveOffer || !v.Last.Offer.Equal(v.Moves[v.Turn-1].Offer) {
			t.Fatalf("last move %+v", v.Last)
		}
		seen = append(seen, v.Domain.Format(v.Last.Offer))
		if v.Turn >= 3 {
			return agents.Accept(0)
		}
		return agents.Propose(agents.Offer{1}, agents.TagDisclose)
	})
	seller := &arena.Party{Agent: script(offer(4, 0), offer(3, 0)), Prefs: prefs[0]}
	buyer := &arena.Party{Agent: check, Prefs: prefs[1]}
	var tab arena.Table
	out := tab.Negotiate(arena.Setup{Domain: d, Deadline: 4}, seller, buyer)
	if !out.Agreed || out.Offer[0] != 3 || strings.Join(seen, ",") != "price=E,price=D" {
		t.Fatalf("outcome %+v, seen %v", out, seen)
	}
	if len(seller.History) != 1 || len(buyer.History) != 1 {
		t.Fatal("history not recorded")
	}
	h := seller.History[0]
	if !h.Agreed || h.Offer[0] != 3 || h.PartnerFirst[0] != 1 || !h.PartnerTags.Has(agents.TagDisclose) || h.Utility != prefs[0].Utility(out.Offer) {
		t.Errorf("seller's deal record %+v", h)
	}
}

type hooked struct {
	started, finished int
	last              *agents.Deal
}

func (h *hooked) Act(v *agents.View) agents.Move {
	if v.Turn == 0 {
		return agents.Propose(agents.Offer{2}, 0)
	}
	return agents.Accept(0)
}
func (h *hooked) Start(v *agents.View)                  { h.started++ }
func (h *hooked) Finish(v *agents.View, d *agents.Deal) { h.finished++; h.last = d }

func TestHooks(t *testing.T) {
	d, prefs := priceDomain(5, 0.1, 0.1)
	a, b := &hooked{}, &hooked{}
	var tab arena.Table
	out := tab.Negotiate(arena.Setup{Domain: d, Deadline: 4}, &arena.Party{Agent: a, Prefs: prefs[0]}, &arena.Party{Agent: b, Prefs: prefs[1]})
	if !out.Agreed || a.started != 1 || b.started != 1 || a.finished != 1 || b.finished != 1 || !b.last.Agreed {
		t.Fatalf("hooks: %+v %+v %+v", out, a, b)
	}
}

// The round loop allocates nothing once the table is warm.
func TestNegotiateAllocatesNothing(t *testing.T) {
	d, prefs := priceDomain(21, 0.2, 0.2)
	mk := func(role agents.Role) agents.Agent {
		buf := agents.Offer{0}
		return agents.AgentFunc(func(v *agents.View) agents.Move {
			k := v.Round
			if role == agents.Buyer {
				k = 20 - v.Round
			}
			if v.Last.Kind == agents.MoveOffer && v.Prefs.Utility(v.Last.Offer) >= 0.45 {
				return agents.Accept(0)
			}
			if role == agents.Seller {
				buf[0] = 20 - k
			} else {
				buf[0] = 20 - k
			}
			return agents.Propose(buf, 0)
		})
	}
	s, b := &arena.Party{Agent: mk(agents.Seller), Prefs: prefs[0]}, &arena.Party{Agent: mk(agents.Buyer), Prefs: prefs[1]}
	var tab arena.Table
	setup := arena.Setup{Domain: d, Deadline: 30}
	tab.Negotiate(setup, s, b)
	allocs := testing.AllocsPerRun(50, func() {
		s.History, b.History = s.History[:0], b.History[:0]
		tab.Negotiate(setup, s, b)
	})
	// Per negotiation (not per round): the agreed offer is cloned and the
	// partner's first offer is kept in each side's history.
	if allocs > 4 {
		t.Errorf("a negotiation allocates %v times, want at most 4 (none per round)", allocs)
	}
}

func TestFeel(t *testing.T) {
	m := arena.DefaultModel()
	o := &arena.Outcome{Agreed: true, Utility: [2]float64{0.8, 0.5}, Surplus: [2]float64{0.5, 0.2},
		Used: [2]agents.Tags{agents.TagExtremeAnchor | agents.TagFlinch, 0}, AnchorExtremity: [2]float64{1, 0},
		Yielded: [2]bool{false, true}}
	f := m.Feel(o, &arena.Analysis{Satisfaction: [2]float64{1, 0.4}, Class: arena.LoseWin})
	// I is the analysis's satisfaction.
	// Seller: I = 1, S = 1, P = 1 (buyer used nothing),
	// R = 1 − 0.2·0.3 = 0.94.
	// Buyer: I = 0.4, S = 0.3 (yielded), P = 1 − 0.10·1 − 0.15 = 0.75,
	// R = 1 − 0.8·0.3 = 0.76.
	want := [2]arena.Feeling{{I: 1, S: 1, P: 1, R: 0.94}, {I: 0.4, S: 0.3, P: 0.75, R: 0.76}}
	for r := range want {
		w := want[r]
		w.SV = (w.I + w.S + w.P + w.R) / 4
		w.Stay = m.StayProbability(w.SV)
		g := f[r]
		for _, pair := range [][2]float64{{g.I, w.I}, {g.S, w.S}, {g.P, w.P}, {g.R, w.R}, {g.SV, w.SV}, {g.Stay, w.Stay}} {
			if math.Abs(pair[0]-pair[1]) > 1e-12 {
				t.Errorf("side %d: got %+v, want %+v", r, g, w)
				break
			}
		}
	}
	imp := m.Feel(&arena.Outcome{Utility: [2]float64{0.3, 0.3}}, &arena.Analysis{})
	if imp[0].SV != 0.2 || imp[1].SV != 0.2 {
		t.Errorf("impasse SV = %v, %v", imp[0].SV, imp[1].SV)
	}
	if p := m.StayProbability(m.Theta); math.Abs(p-(m.PLow+m.PHigh)/2) > 1e-12 {
		t.Errorf("p(θ) = %v, want midpoint", p)
	}
}

func TestClassify(t *testing.T) {
	for _, tt := range []struct {
		s    [2]float64
		want arena.Class
	}{
		{[2]float64{0.5, 0.9}, arena.WinWin},
		{[2]float64{0.49, 0.9}, arena.LoseWin},
		{[2]float64{0.6, 0.1}, arena.WinLose},
		{[2]float64{0, 0.2}, arena.LoseLose},
		// A satisfaction of exactly 0.5 is a win; one just below is not.
		{[2]float64{0.5, 0.5}, arena.WinWin},
		{[2]float64{math.Nextafter(0.5, 0), 0.5}, arena.LoseWin},
	} {
		if got := arena.Classify(tt.s); got != tt.want {
			t.Errorf("Classify(%v) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestSeedIndependence(t *testing.T) {
	seen := map[uint64]bool{}
	for a := range uint64(20) {
		for b := range uint64(20) {
			s := arena.Seed(7, a, b)
			if seen[s] {
				t.Fatalf("seed collision at %d,%d", a, b)
			}
			seen[s] = true
		}
	}
	if arena.Seed(1, 2) == arena.Seed(2, 1) {
		t.Error("Seed is symmetric in its parts")
	}
	if arena.NewRand(5, 6).Uint64() != arena.NewRand(5, 6).Uint64() {
		t.Error("NewRand not reproducible")
	}
}
