package strategies_test

// Properties of the moves every built-in strategy makes (DESIGN §3: "no
// built-in strategy except random makes a lose-lose move, offers below its
// own walk-away point, or retracts by accident"), checked over every
// ordered pair of registered strategies on every built-in domain, with
// preference jitter 0 and 0.3, the seller or the buyer opening, deadlines
// of 8 and 50 rounds, over relationships of three deals (the agents and
// their histories kept from deal to deal, as in a tournament). The
// negotiations are played on an arena.Table directly; every check reads
// the true preferences of the relationship, never what the arena detects,
// so the properties hold whatever the arena's detection rules say.
//
// Relative to the mover's own previous offer in the same negotiation (its
// first offer has none), with u_m and u_p the mover's and the partner's
// true utilities and a tolerance of 1e-9 for rounding:
//
//   - below walk-away: an offer worth less to the mover than its
//     reservation value;
//   - lose-lose move (docs/model.md#moves-in-words): u_m and u_p both fall;
//   - retraction: u_p falls and u_m does not rise (a move worse for the
//     partner and not better for oneself; hardening, which takes for
//     oneself what it takes from the partner, is no retraction, and a
//     lose-lose move is one too);
//   - lose-lose on a compatible issue: an offer that does not give a
//     compatible issue (both sides' favourite option is the same) its
//     shared favourite, when every offer the partner has made in the
//     negotiation so far proposed it: the partner's own offers show it
//     wants the same thing, and anything else is worse for both.
//
// random is exempt by design (its Spec says so), and so is one open
// problem of the integrative negotiator, its blind opening (see misread).
// The integrative negotiator's opening has a property of its own below.

import (
	"fmt"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/agents/agenttest"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/strategies"
)

// exempt is the one strategy whose moves are random by design.
const exempt = "random"

// moveTol absorbs rounding when utilities of different offers are compared.
const moveTol = 1e-9

// A builtin is a built-in domain with its base preferences.
type builtin struct {
	name string
	sc   arena.Scenario
}

// builtinDomains loads every built-in domain.
func builtinDomains(t testing.TB) []builtin {
	t.Helper()
	var out []builtin
	for _, name := range configs.Domains() {
		sc, _, err := configs.LoadDomain(name)
		if err != nil {
			t.Fatalf("loading built-in domain %s: %v", name, err)
		}
		out = append(out, builtin{name, sc})
	}
	if len(out) == 0 {
		t.Fatal("no built-in domains")
	}
	return out
}

// A played negotiation of the move properties, with what it was played
// under for failure messages.
type played struct {
	seller, buyer string
	domain        string
	jitter        float64
	seed          uint64
	opener        agents.Role
	deadline      int
	period        int
	prefs         [2]*agents.Preferences
	out           arena.Outcome
	blind         bool // see misread
}

func (p *played) name(role agents.Role) string {
	if role == agents.Seller {
		return p.seller
	}
	return p.buyer
}

// misread reports whether a move, from the mover's previous offer prev
// to offer, may come from misreading the partner's interests, so that the
// lose-lose and retraction checks, which judge by the true preferences, do
// not apply to it (such moves are counted and logged instead):
//
//   - random proposes options it does not want, so its offers show
//     nothing, and whatever a model reads from them can be wrong: every
//     move of a negotiation with random;
//   - blind: the relationship's integrative side made an offer before
//     its partner had made any (its opening of the first deal) that gave
//     up a compatible issue (volume in supply-deal, training in bundle).
//     Before any offer it cannot know which issues are opposed, and its
//     opening must still reach its estimate of the partner's walk-away
//     point (TestPropertyIntegrativeOpensInsideTheZone): its prior takes
//     every issue as opposed, and a compatible issue it gives up there is
//     read by its partner as one integrative wants the other way, from
//     then on in the relationship. No rule that reads only its own
//     preferences tells a compatible issue from an opposed one
//     (docs/model.md#the-blind-opening), so this is an open problem: in
//     such a relationship, a move that gives up more of a compatible
//     issue (by either side) is counted and logged. Every other move
//     there is checked.
func (p *played) misread(shared []int, mover agents.Role, prev, offer agents.Offer) bool {
	if p.seller == exempt || p.buyer == exempt {
		return true
	}
	if !p.blind {
		return false
	}
	vs := p.prefs[mover].Values
	for i, k := range shared {
		if k >= 0 && vs[i][offer[i]] < vs[i][prev[i]] {
			return true
		}
	}
	return false
}

func (p *played) String() string {
	return fmt.Sprintf("%s (seller) vs %s (buyer) on %s, jitter %v, seed %d, %s opens, deadline %d, deal %d",
		p.seller, p.buyer, p.domain, p.jitter, p.seed, p.opener, p.deadline, p.period)
}

// transcript writes the moves with both sides' true utilities.
func (p *played) transcript() string {
	var b strings.Builder
	for _, st := range p.out.Transcript {
		fmt.Fprintf(&b, "  %-6s %-40s seller %.4f buyer %.4f\n", st.By, agenttest.Format(st.Move), st.Utility[agents.Seller], st.Utility[agents.Buyer])
	}
	return b.String()
}

// playAll plays, for every built-in domain, jitter, seed, opener and
// deadline, a relationship of three deals between every ordered pair of
// registered strategies, and calls check on each negotiation.
func playAll(t *testing.T, check func(p *played)) int {
	t.Helper()
	names := strategies.Names()
	var tab arena.Table
	n := 0
	for di, dom := range builtinDomains(t) {
		for ji, jitter := range []float64{0, 0.3} {
			for _, seed := range []uint64{1, 2, 3} {
				for i, sa := range names {
					for j, sb := range names {
						key := []uint64{seed, uint64(di), uint64(ji), uint64(i), uint64(j)}
						var prefs [2]*agents.Preferences
						for r := range prefs {
							prefs[r] = arena.Jitter(dom.sc.Prefs[r], arena.NewRand(append(key, 7, uint64(r))...), jitter)
						}
						for _, opener := range []agents.Role{agents.Seller, agents.Buyer} {
							for _, deadline := range []int{8, 50} {
								k := append(key, uint64(opener), uint64(deadline))
								seller := &arena.Party{Agent: newAgent(t, sa), Prefs: prefs[0], Rand: arena.NewRand(append(k, 0)...)}
								buyer := &arena.Party{Agent: newAgent(t, sb), Prefs: prefs[1], Rand: arena.NewRand(append(k, 1)...)}
								var blind blindOpening
								for period := range 3 {
									setup := arena.Setup{Domain: dom.sc.Domain, Deadline: deadline, Opener: opener, Period: period, Record: true}
									p := played{seller: sa, buyer: sb, domain: dom.name, jitter: jitter, seed: seed, opener: opener,
										deadline: deadline, period: period, prefs: prefs, out: tab.Negotiate(setup, seller, buyer)}
									if f := p.out.Fault; f != nil {
										t.Fatalf("%s: %s faulted: %v", &p, p.name(f.By), f)
									}
									p.blind = blind.read(&p)
									check(&p)
									n++
								}
							}
						}
					}
				}
			}
		}
	}
	return n
}

// A blindOpening follows a relationship for misread's blind case.
type blindOpening struct {
	offered [2]bool // each side has made an offer in the relationship
	gaveUp  bool
}

// read takes in the next negotiation of the relationship and reports
// whether, by its end, an integrative side has made an offer before any
// of its partner that gave up a compatible issue.
func (b *blindOpening) read(p *played) bool {
	shared := compatible(p.prefs)
	for _, st := range p.out.Transcript {
		if st.Move.Kind != agents.MoveOffer {
			continue
		}
		m := st.By
		if p.name(m) == "integrative" && !b.offered[m.Other()] {
			for i, k := range shared {
				b.gaveUp = b.gaveUp || k >= 0 && st.Move.Offer[i] != k
			}
		}
		b.offered[m] = true
	}
	return b.gaveUp
}

func newAgent(t testing.TB, name string) agents.Agent {
	t.Helper()
	f, err := strategies.Factory(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	return f()
}

// compatible returns, for each issue of a domain, the option both sides
// value most (the first among equals) when it is the same, or -1.
func compatible(prefs [2]*agents.Preferences) []int {
	out := make([]int, len(prefs[0].Values))
	for i := range out {
		a, b := favourite(prefs[0].Values[i]), favourite(prefs[1].Values[i])
		out[i] = -1
		if a == b && prefs[0].Weights[i] > 0 && prefs[1].Weights[i] > 0 {
			out[i] = a
		}
	}
	return out
}

func favourite(vs []float64) int {
	b := 0
	for k, x := range vs {
		if x > vs[b] {
			b = k
		}
	}
	return b
}

// A violation kind of the move properties.
type violation int

const (
	belowWalkAway violation = iota
	loseLoseMove
	retraction
	loseLoseIssue
	violations
)

var violationNames = [violations]string{"offer below its walk-away point", "lose-lose move", "retraction", "lose-lose on a compatible issue"}

// checkMoves returns the violations of the move properties in one
// negotiation, with the index of the step that made each.
// A lose-lose move or retraction that may come from misreading the
// partner (see misread) is reported with misread set.
func checkMoves(p *played, report func(k violation, step int, misread bool)) {
	shared := compatible(p.prefs)
	var prev [2][2]float64 // prev[mover]: utilities of the mover's previous offer
	var prevOffer [2]agents.Offer
	var offered [2]bool
	var partnerShows [2][]bool // partnerShows[r][i]: every offer of r so far proposed the shared option of i
	for r := range partnerShows {
		partnerShows[r] = make([]bool, len(shared))
		for i := range shared {
			partnerShows[r][i] = true
		}
	}
	var partnerOffered [2]bool
	for s, st := range p.out.Transcript {
		if st.Move.Kind != agents.MoveOffer {
			continue
		}
		m, o := st.By, st.By.Other()
		if p.name(m) != exempt {
			if st.Utility[m] < p.prefs[m].Reservation-moveTol {
				report(belowWalkAway, s, false)
			}
			if offered[m] && !st.Move.Tags.Has(agents.TagUnbundle) {
				mis := p.misread(shared, m, prevOffer[m], st.Move.Offer)
				dm, dp := st.Utility[m]-prev[m][m], st.Utility[o]-prev[m][o]
				if dm < -moveTol && dp < -moveTol {
					report(loseLoseMove, s, mis)
				}
				if dp < -moveTol && dm <= moveTol {
					report(retraction, s, mis)
				}
			}
			if partnerOffered[o] {
				for i, k := range shared {
					if k >= 0 && partnerShows[o][i] && st.Move.Offer[i] != k {
						report(loseLoseIssue, s, false)
						break
					}
				}
			}
		}
		prev[m], offered[m] = st.Utility, true
		prevOffer[m] = st.Move.Offer
		partnerOffered[m] = true
		for i, k := range shared {
			partnerShows[m][i] = partnerShows[m][i] && st.Move.Offer[i] == k
		}
	}
}

// TestPropertyMovesInWords: no built-in strategy but random offers below
// its walk-away point, makes a lose-lose move, gives up a compatible issue
// the partner has shown it shares, or retracts, on any built-in domain.
func TestPropertyMovesInWords(t *testing.T) {
	var counts [violations]map[string]int
	for k := range counts {
		counts[k] = map[string]int{}
	}
	var misread [violations]int
	misreadBy := map[string]int{} // lose-lose moves and retractions by mover
	shown := map[string]bool{}    // one example of each kind by each strategy
	moves, blind := 0, 0
	n := playAll(t, func(p *played) {
		moves += len(p.out.Transcript)
		if p.blind && !(p.seller == exempt || p.buyer == exempt) {
			blind++
		}
		checkMoves(p, func(k violation, s int, mis bool) {
			st := p.out.Transcript[s]
			if mis {
				misread[k]++
				misreadBy[fmt.Sprintf("%s by %s vs %s", violationNames[k], p.name(st.By), p.name(st.By.Other()))]++
				return
			}
			who := p.name(st.By)
			counts[k][who]++
			if key := fmt.Sprint(k, who); !shown[key] {
				shown[key] = true
				t.Errorf("%s: the %s (%s) made a %s at move %d:\n%s", p, st.By, p.name(st.By), violationNames[k], s, p.transcript())
			}
		})
	})
	t.Logf("%d negotiations, %d moves checked; %d negotiations without random follow a blind opening of integrative that gave up a compatible issue", n, moves, blind)
	for _, k := range []violation{loseLoseMove, retraction} {
		t.Logf("with random, or giving up more of a compatible issue after a blind opening of integrative that gave it up, not checked: %d moves (by a strategy other than random) are a %s by the true preferences", misread[k], violationNames[k])
	}
	for k, n := range misreadBy {
		t.Logf("  %s: %d", k, n)
	}
	for k, c := range counts {
		if len(c) > 0 {
			t.Errorf("%s, by strategy: %v", violationNames[k], c)
		}
	}
}

// TestPropertyIntegrativeOpensInsideTheZone states what the integrative
// negotiator guarantees about its opening: it never opens below its own
// estimate of the partner's walk-away point (docs/model.md#built-in-strategies).
// Before the partner's preferences are known it estimates them as opposed
// to its own (1 − its value of each option) with every issue weighing the
// same, and assumes the partner's walk-away point is its own; after the
// partner's first offer it also takes that offer's options as the
// partner's favourites where they are its own too. So where that
// estimate is right, its opening is no extreme anchor by the partner's
// true preferences (worth at least the partner's reservation value):
//
//   - on price-haggle, whose one issue is opposed and whose walk-away
//     points are equal, the estimate is exact whatever the partner and
//     the jitter: every opening of integrative, in every pair, either
//     side opening, is worth at least the partner's reservation value;
//   - on every built-in domain against a partner whose preferences are
//     exactly the estimate (the mirror of its own: opposed values, equal
//     weights, the same reservation value), opening the first deal.
func TestPropertyIntegrativeOpensInsideTheZone(t *testing.T) {
	const name = "integrative"
	openings := 0
	playAll(t, func(p *played) {
		if p.domain != "price-haggle" || p.seller == exempt || p.buyer == exempt {
			return
		}
		for r, side := range []string{p.seller, p.buyer} {
			if side != name {
				continue
			}
			me := agents.Role(r)
			for _, st := range p.out.Transcript {
				if st.By != me || st.Move.Kind != agents.MoveOffer {
					continue
				}
				openings++
				if u, res := st.Utility[me.Other()], p.prefs[me.Other()].Reservation; u < res-moveTol {
					t.Errorf("%s: integrative (%s) opened at %v, worth %.4f to the partner, below its walk-away point %.4f\n%s",
						p, me, st.Move.Offer, u, res, p.transcript())
				}
				break
			}
		}
	})
	if openings == 0 {
		t.Fatal("no opening of integrative on price-haggle was checked")
	}

	var tab arena.Table
	for _, dom := range builtinDomains(t) {
		for _, jitter := range []float64{0, 0.3} {
			for _, role := range []agents.Role{agents.Seller, agents.Buyer} {
				mine := arena.Jitter(dom.sc.Prefs[role], arena.NewRand(5), jitter)
				mirror := &agents.Preferences{Weights: make([]float64, len(mine.Weights)), Reservation: mine.Reservation}
				for i, vs := range mine.Values {
					mirror.Weights[i] = 1 / float64(len(mine.Weights))
					opp := make([]float64, len(vs))
					for k, x := range vs {
						opp[k] = 1 - x
					}
					mirror.Values = append(mirror.Values, opp)
				}
				var prefs [2]*agents.Preferences
				prefs[role], prefs[role.Other()] = mine, mirror
				parties := [2]*arena.Party{}
				parties[role] = &arena.Party{Agent: newAgent(t, name), Prefs: mine, Rand: arena.NewRand(6)}
				parties[role.Other()] = &arena.Party{Agent: agents.AgentFunc(func(*agents.View) agents.Move { return agents.WalkAway(0) }), Prefs: mirror, Rand: arena.NewRand(7)}
				out := tab.Negotiate(arena.Setup{Domain: dom.sc.Domain, Deadline: 10, Opener: role, Record: true}, parties[0], parties[1])
				if len(out.Transcript) == 0 || out.Transcript[0].Move.Kind != agents.MoveOffer {
					t.Fatalf("%s, jitter %v: integrative (%s) did not open with an offer", dom.name, jitter, role)
				}
				if u := mirror.Utility(out.Transcript[0].Move.Offer); u < mirror.Reservation-moveTol {
					t.Errorf("%s, jitter %v: integrative (%s) opened at %v, worth %.4f to a partner it read exactly, below its walk-away point %.4f",
						dom.name, jitter, role, out.Transcript[0].Move.Offer, u, mirror.Reservation)
				}
			}
		}
	}
}
