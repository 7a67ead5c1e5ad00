package strategies

// Properties every registered strategy must have, checked over every
// ordered pair of registered strategies (so a strategy added to the
// registry is covered without touching this file) on a few small domains:
//
//   - its offers are valid and it never panics, also on a 1-round
//     deadline, a domain with a single outcome, and against a partner who
//     walks away at once or accepts at once;
//   - the same seeds give the same moves;
//   - once its buffers exist, a whole negotiation allocates nothing (the
//     round loop of a tournament runs millions of turns);
//   - it never accepts an offer worth less than its reservation value,
//     except walk-away-disciplined, whose stronger discipline is a property
//     of its own (TestPropertyWalkAwayDisciplined).

import (
	"fmt"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/agents/agenttest"
	"github.com/winwin-sim/winwin/arena"
)

// walkAwayName is the strategy with a property of its own.
const walkAwayName = "walk-away-disciplined"

// A propDomain is a named scenario of the property tests.
type propDomain struct {
	name string
	sc   arena.Scenario
}

// propDomains returns the property tests' scenarios, all with reservation
// values above 0 so that accepting below them is possible:
//
//   - car: carScenario, both reservations 0.3;
//   - bundle: a price of 6 options, an add-on item and a single-option
//     issue (colour), reservations 0.35 (seller) and 0.4 (buyer);
//   - w1: one draw of the W1 workload (5 issues × 10 options), both 0.3;
//   - single: one outcome only, worth 1 to the seller and 0 to the buyer,
//     whose reservation value is 0.2: it must never take it.
func propDomains() []propDomain {
	car := carScenario()
	car.Prefs[agents.Seller].Reservation, car.Prefs[agents.Buyer].Reservation = 0.3, 0.3

	price, err := agents.NumericIssue("price", 100, 150, 10, "$", "")
	if err != nil {
		panic(err)
	}
	bundle := &agents.Domain{Name: "bundle", Issues: []agents.Issue{
		price,
		{Name: "installation", Options: []string{"left out", "included"}, Item: true},
		{Name: "colour", Options: []string{"grey"}},
	}}
	bundleS := &agents.Preferences{Weights: []float64{0.6, 0.3, 0.1}, Values: [][]float64{agents.Linear(6, true), {1, 0.3}, {1}}, Reservation: 0.35}
	bundleB := &agents.Preferences{Weights: []float64{0.5, 0.4, 0.1}, Values: [][]float64{agents.Linear(6, false), {0, 1}, {1}}, Reservation: 0.4}

	w1, w1S, w1B := w1Sample(arena.NewRand(0x77))
	w1S.Reservation, w1B.Reservation = 0.3, 0.3

	single := &agents.Domain{Name: "single", Issues: []agents.Issue{{Name: "deal", Options: []string{"as is"}}}}
	singleS := &agents.Preferences{Weights: []float64{1}, Values: [][]float64{{1}}, Reservation: 0.2}
	singleB := &agents.Preferences{Weights: []float64{1}, Values: [][]float64{{0}}, Reservation: 0.2}

	return []propDomain{
		{"car", car},
		{"bundle", arena.Scenario{Domain: bundle, Prefs: [2]*agents.Preferences{bundleS, bundleB}}},
		{"w1", arena.Scenario{Domain: w1, Prefs: [2]*agents.Preferences{w1S, w1B}}},
		{"single", arena.Scenario{Domain: single, Prefs: [2]*agents.Preferences{singleS, singleB}}},
	}
}

// A propRun is one negotiation of a property run.
type propRun struct {
	seller, buyer string // strategy names
	domain        string
	deadline      int
	period        int
	out           arena.Outcome
	prefs         [2]*agents.Preferences
}

// name says which negotiation it was, for failure messages.
func (r *propRun) name() string {
	return fmt.Sprintf("%s (seller) vs %s (buyer) on %s, deadline %d, period %d", r.seller, r.buyer, r.domain, r.deadline, r.period)
}

// transcript writes the negotiation's moves, one per line.
func (r *propRun) transcript() string {
	var b strings.Builder
	for _, st := range r.out.Transcript {
		fmt.Fprintf(&b, "  %-6s %s", st.By, agenttest.Format(st.Move))
		if st.Detected != 0 {
			fmt.Fprintf(&b, " (detected %s)", st.Detected)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// propRelationships plays, for every ordered pair of registered strategies
// on every property domain, one relationship of periods deals (the
// opener alternating, the agents kept across deals as in a tournament),
// with seeds from (seed, pair, side), and returns every negotiation.
func propRelationships(t *testing.T, seed uint64, deadline, periods int) []propRun {
	t.Helper()
	specs := All()
	var runs []propRun
	var tbl arena.Table
	for di, dom := range propDomains() {
		for i, sa := range specs {
			for j, sb := range specs {
				pair := uint64(di*len(specs)*len(specs) + i*len(specs) + j)
				seller := &arena.Party{Agent: newStrategy(t, sa.Name, nil), Prefs: dom.sc.Prefs[agents.Seller], Rand: arena.NewRand(seed, pair, 0)}
				buyer := &arena.Party{Agent: newStrategy(t, sb.Name, nil), Prefs: dom.sc.Prefs[agents.Buyer], Rand: arena.NewRand(seed, pair, 1)}
				for p := range periods {
					setup := arena.Setup{Domain: dom.sc.Domain, Deadline: deadline, Opener: arena.Alternate.Opener(p), Period: p, Record: true}
					out := tbl.Negotiate(setup, seller, buyer)
					runs = append(runs, propRun{seller: sa.Name, buyer: sb.Name, domain: dom.name, deadline: deadline, period: p, out: out, prefs: dom.sc.Prefs})
				}
			}
		}
	}
	return runs
}

// checkNoFault fails the test for every negotiation an agent broke: an
// invalid offer, an accept with nothing on the table, a panic.
func checkNoFault(t *testing.T, runs []propRun) {
	t.Helper()
	for i := range runs {
		r := &runs[i]
		if f := r.out.Fault; f != nil {
			who := r.seller
			if f.By == agents.Buyer {
				who = r.buyer
			}
			t.Errorf("%s: %s faulted: %v\n%s", r.name(), who, f, r.transcript())
		}
	}
}

// TestPropertyValidAndDeterministic plays every pair on every domain over
// three deals, twice with fresh agents and tables: no agent may fault
// (offers are valid, nothing panics), and the second run must repeat the
// first move for move.
func TestPropertyValidAndDeterministic(t *testing.T) {
	first := propRelationships(t, 11, 8, 3)
	checkNoFault(t, first)
	second := propRelationships(t, 11, 8, 3)
	if len(first) != len(second) {
		t.Fatalf("second run played %d negotiations, the first %d", len(second), len(first))
	}
	for i := range first {
		a, b := first[i].transcript(), second[i].transcript()
		if a != b {
			t.Errorf("%s: same seeds, different moves:\nfirst run:\n%ssecond run:\n%s", first[i].name(), a, b)
		}
	}
}

// TestPropertyEdgeCases checks that no strategy faults on a 1-round
// deadline, or against a partner who walks away or accepts at once (as
// opener and as responder, on every domain, the single-outcome one
// included).
func TestPropertyEdgeCases(t *testing.T) {
	t.Run("1-round deadline", func(t *testing.T) {
		checkNoFault(t, propRelationships(t, 12, 1, 2))
	})
	walker := agents.AgentFunc(func(*agents.View) agents.Move { return agents.WalkAway(0) })
	accepter := agents.AgentFunc(func(v *agents.View) agents.Move {
		if v.Last.Kind == agents.MoveOffer {
			return agents.Accept(0)
		}
		return agents.Propose(v.Prefs.Worst(nil), 0)
	})
	partners := []struct {
		name  string
		agent agents.Agent
	}{{"walks away at once", walker}, {"accepts at once", accepter}}
	for _, partner := range partners {
		t.Run(partner.name, func(t *testing.T) {
			var tbl arena.Table
			for _, dom := range propDomains() {
				for _, s := range All() {
					for _, role := range []agents.Role{agents.Seller, agents.Buyer} {
						for _, opener := range []agents.Role{agents.Seller, agents.Buyer} {
							me := &arena.Party{Agent: newStrategy(t, s.Name, nil), Prefs: dom.sc.Prefs[role], Rand: arena.NewRand(13)}
							them := &arena.Party{Agent: partner.agent, Prefs: dom.sc.Prefs[role.Other()], Rand: arena.NewRand(14)}
							parties := [2]*arena.Party{}
							parties[role], parties[role.Other()] = me, them
							for p := range 2 { // a second deal after the first ended this way
								out := tbl.Negotiate(arena.Setup{Domain: dom.sc.Domain, Deadline: 5, Opener: opener, Period: p}, parties[0], parties[1])
								if out.Fault != nil {
									t.Errorf("%s as %s on %s, %s opens, deal %d: fault %v", s.Name, role, dom.name, opener, p, out.Fault)
								}
							}
						}
					}
				}
			}
		})
	}
}

// TestPropertyNeverAcceptsBelowReservation: whatever the partner, no
// strategy accepts an offer worth less to it than its reservation value
// (walk-away-disciplined has its own, stronger property below).
func TestPropertyNeverAcceptsBelowReservation(t *testing.T) {
	var runs []propRun
	for _, deadline := range []int{1, 3, 8} {
		runs = append(runs, propRelationships(t, 21, deadline, 3)...)
	}
	checked := 0
	for i := range runs {
		r := &runs[i]
		if !r.out.Agreed {
			continue
		}
		by := r.out.EndedBy
		name := r.seller
		if by == agents.Buyer {
			name = r.buyer
		}
		if name == walkAwayName {
			continue
		}
		checked++
		if u, res := r.out.Utility[by], r.prefs[by].Reservation; u < res {
			t.Errorf("%s: %s (%s) accepted a deal worth %.3f to it, below its reservation value %.3f\n%s", r.name(), name, by, u, res, r.transcript())
		}
	}
	t.Logf("%d acceptances checked", checked)
	if checked < 100 {
		t.Errorf("only %d acceptances checked: the property was hardly exercised", checked)
	}
}

// TestPropertyWalkAwayDisciplined checks what walk-away-disciplined
// promises (docs/model.md#built-in-strategies). It knows its walk-away point exactly: it never
// accepts an offer worth less to it than its reservation value, and where
// it has anything worth that much to ask for, no deal it is part of,
// whoever closes it, is worth less. It disengages before walking away: it
// never walks away without first signalling dissatisfied in that
// negotiation. Its side gets a high reservation value (0.55) to put the
// discipline under pressure, and deadlines long enough for it to walk.
func TestPropertyWalkAwayDisciplined(t *testing.T) {
	if _, ok := Lookup(walkAwayName); !ok {
		t.Skipf("%s is not registered", walkAwayName)
	}
	var tbl arena.Table
	deals, walks := 0, 0
	for _, dom := range propDomains() {
		for _, s := range All() {
			for _, role := range []agents.Role{agents.Seller, agents.Buyer} {
				for _, deadline := range []int{1, 4, 30} {
					prefs := dom.sc.Prefs
					mine := prefs[role].Clone()
					mine.Reservation = 0.55
					prefs[role] = mine
					me := &arena.Party{Agent: newStrategy(t, walkAwayName, nil), Prefs: mine, Rand: arena.NewRand(31, uint64(deadline))}
					them := &arena.Party{Agent: newStrategy(t, s.Name, nil), Prefs: prefs[role.Other()], Rand: arena.NewRand(32, uint64(deadline))}
					parties := [2]*arena.Party{}
					parties[role], parties[role.Other()] = me, them
					for p := range 3 {
						out := tbl.Negotiate(arena.Setup{Domain: dom.sc.Domain, Deadline: deadline, Opener: arena.Alternate.Opener(p), Period: p, Record: true}, parties[0], parties[1])
						r := propRun{seller: s.Name, buyer: walkAwayName, domain: dom.name, deadline: deadline, period: p, out: out, prefs: prefs}
						if role == agents.Seller {
							r.seller, r.buyer = walkAwayName, s.Name
						}
						if out.Fault != nil {
							t.Errorf("%s: fault %v", r.name(), out.Fault)
							continue
						}
						if u := out.Utility[role]; out.Agreed && u < mine.Reservation {
							switch {
							case out.EndedBy == role:
								t.Errorf("%s: %s accepted a deal worth %.3f to it, below its walk-away point %.3f\n%s", r.name(), walkAwayName, u, mine.Reservation, r.transcript())
							case mine.MaxUtility() >= mine.Reservation:
								t.Errorf("%s: %s proposed a deal worth %.3f to it, below its walk-away point %.3f\n%s", r.name(), walkAwayName, u, mine.Reservation, r.transcript())
							}
						}
						if out.Agreed {
							deals++
						}
						if out.WalkAway && out.EndedBy == role {
							walks++
							signalled := false
							for _, st := range out.Transcript {
								signalled = signalled || (st.By == role && st.Move.Tags.Has(agents.TagDissatisfied))
							}
							if !signalled {
								t.Errorf("%s: %s walked away without first signalling dissatisfied\n%s", r.name(), walkAwayName, r.transcript())
							}
						}
					}
				}
			}
		}
	}
	t.Logf("%d deals, %d walk-aways by %s", deals, walks, walkAwayName)
	if deals < 20 || walks < 5 {
		t.Errorf("%d deals and %d walk-aways: the property was hardly exercised", deals, walks)
	}
}

// concessionBaselines are the strategies built on the bidder's ladder.
var concessionBaselines = []string{"boulware", "linear", "conceder", "hardliner", "tit-for-tat", "hardheaded"}

// TestPropertyBaselinesNeverRetract: the strategies built on the offer
// ladder never take a concession back against one another (an offer worse
// for the partner than their previous one, which the arena detects as a
// retraction), though the ladder is rebuilt as the partner's estimate
// changes; tit-for-tat retaliates only when the partner retracts first. On
// every property and ladder domain, for every ordered pair, over
// relationships of three deals with deadlines of 8 and 40 rounds.
func TestPropertyBaselinesNeverRetract(t *testing.T) {
	doms := propDomains()
	for _, sc := range ladderDomains() {
		doms = append(doms, propDomain{sc.Domain.Name, sc})
	}
	var tbl arena.Table
	moves := 0
	for _, dom := range doms {
		for _, sa := range concessionBaselines {
			for _, sb := range concessionBaselines {
				for _, deadline := range []int{8, 40} {
					seller := &arena.Party{Agent: newStrategy(t, sa, nil), Prefs: dom.sc.Prefs[agents.Seller], Rand: arena.NewRand(41)}
					buyer := &arena.Party{Agent: newStrategy(t, sb, nil), Prefs: dom.sc.Prefs[agents.Buyer], Rand: arena.NewRand(42)}
					for p := range 3 {
						out := tbl.Negotiate(arena.Setup{Domain: dom.sc.Domain, Deadline: deadline, Opener: arena.Alternate.Opener(p), Period: p, Record: true}, seller, buyer)
						r := propRun{seller: sa, buyer: sb, domain: dom.name, deadline: deadline, period: p, out: out, prefs: dom.sc.Prefs}
						moves += len(out.Transcript)
						for _, st := range out.Transcript {
							if st.Detected.Has(agents.TagRetraction) {
								t.Errorf("%s: the %s retracted\n%s", r.name(), st.By, r.transcript())
								break
							}
						}
					}
				}
			}
		}
	}
	t.Logf("%d moves checked", moves)
}

// TestRoundLoopAllocatesNothing plays whole negotiations between every
// ordered pair of registered strategies on W1, without the arena (see
// duel), after one negotiation of warm-up (an agent makes its buffers on
// first use), and requires that they allocate nothing.
func TestRoundLoopAllocatesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation counts need a full run")
	}
	dom, pa, pb := w1Sample(arena.NewRand(3))
	for _, na := range Names() {
		for _, nb := range Names() {
			a, b := newStrategy(t, na, nil), newStrategy(t, nb, nil)
			ra, rb := arena.NewRand(1), arena.NewRand(2)
			var d duel
			moves := d.play(dom, a, b, pa, pb, ra, rb, 100) // warm-up
			allocs := testing.AllocsPerRun(20, func() { d.play(dom, a, b, pa, pb, ra, rb, 100) })
			if allocs != 0 {
				t.Errorf("%s vs %s: %v allocations per negotiation of %d moves, want 0", na, nb, allocs, moves)
			}
		}
	}
}
