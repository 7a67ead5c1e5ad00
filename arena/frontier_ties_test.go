package arena_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
)

// dominatesUpToRounding reports whether utility pair q dominates p up to
// rounding: at least as good for both sides within arena.TieTolerance and
// better for one by more than it.
func dominatesUpToRounding(q, p [2]float64) bool {
	const tol = arena.TieTolerance
	return q[0] >= p[0]-tol && q[1] >= p[1]-tol && (q[0] > p[0]+tol || q[1] > p[1]+tol)
}

// checkFrontierUpToRounding compares f with every outcome of its scenario:
// no frontier point is dominated up to rounding by an outcome, and every
// outcome is matched or beaten, up to rounding, by a frontier point.
func checkFrontierUpToRounding(t *testing.T, name string, f *arena.Frontier, all []arena.Point) {
	t.Helper()
	const tol = arena.TieTolerance
	for j, p := range f.Points {
		for _, o := range all {
			if dominatesUpToRounding(o.U, p.U) {
				t.Fatalf("%s: frontier point %d %v (offer %v) is dominated up to rounding by %v (offer %v)", name, j, p.U, p.Offer, o.U, o.Offer)
			}
		}
	}
	for _, o := range all {
		covered := false
		for _, p := range f.Points {
			if p.U[0] >= o.U[0]-tol && p.U[1] >= o.U[1]-tol {
				covered = true
				break
			}
		}
		if !covered {
			t.Fatalf("%s: outcome %v (offer %v) is neither on the frontier nor dominated by a frontier point", name, o.U, o.Offer)
		}
	}
}

// The built-in domains at jitter 0: their weights and values (0.35, 0.75,
// …) make many outcomes tie up to rounding. The issue's bundle frontier
// kept 5 dominated points of 34, supply-deal 1 of 33.
func TestFrontierBuiltInDomainsUpToRounding(t *testing.T) {
	for _, name := range configs.Domains() {
		t.Run(name, func(t *testing.T) {
			sc, _, err := configs.LoadDomain(name)
			if err != nil {
				t.Fatal(err)
			}
			s, b := sc.Prefs[agents.Seller], sc.Prefs[agents.Buyer]
			f := arena.NewFrontier(sc.Domain, s, b)
			if !f.Exact {
				t.Fatalf("frontier of %s is thinned", name)
			}
			checkFrontierShape(t, f, sc.Domain, s, b)
			all := bruteOutcomes(sc.Domain, s, b)
			checkFrontierUpToRounding(t, name, f, all)
			t.Logf("%d outcomes, %d frontier points; a strict filter keeps %d points", len(all), len(f.Points), len(bruteFrontier(all)))
		})
	}
}

// frontierGridN draws a small scenario whose weights are multiples of 1/20
// and whose option values are multiples of 1/den (k/9 or k/20): neither is
// exact in binary floating point, so sums that are equal on paper differ by
// rounding, and the order in which they are added decides which is larger.
func frontierGridN(r *rand.Rand, issues int, den int) (*agents.Domain, *agents.Preferences, *agents.Preferences) {
	return gridScenario(r, fmt.Sprintf("grid/%d", den), issues, 20, 2, 5, den)
}

func TestFrontierGridDomainsUpToRounding(t *testing.T) {
	const domains = 200
	strict := 0 // points a strict (rounding-blind) filter would keep dominated
	for _, den := range []int{9, 20} {
		for seed := range uint64(domains) {
			r := arena.NewRand(0x71E5, uint64(den), seed)
			d, s, b := frontierGridN(r, 2+r.IntN(4), den)
			for _, p := range []*agents.Preferences{s, b} {
				if err := p.Validate(d); err != nil {
					t.Fatalf("den %d seed %d: generator made invalid preferences: %v", den, seed, err)
				}
			}
			name := fmt.Sprintf("k/%d seed %d (%d issues)", den, seed, len(d.Issues))
			f := arena.NewFrontier(d, s, b)
			if !f.Exact {
				t.Fatalf("%s: frontier is thinned", name)
			}
			checkFrontierShape(t, f, d, s, b)
			all := bruteOutcomes(d, s, b)
			checkFrontierUpToRounding(t, name, f, all)
			// The strict brute-force frontier, with its points dominated
			// up to rounding dropped, is the frontier.
			var want [][2]float64
			for _, u := range bruteFrontier(all) {
				dominated := false
				for _, o := range all {
					if dominatesUpToRounding(o.U, u) {
						dominated = true
						break
					}
				}
				if dominated {
					strict++
				} else {
					want = append(want, u)
				}
			}
			if len(want) != len(f.Points) {
				t.Fatalf("%s: %d frontier points, brute force (up to rounding) %d:\n got %v\nwant %v", name, len(f.Points), len(want), frontierUs(f), want)
			}
			for j, u := range want {
				if math.Abs(u[0]-f.Points[j].U[0]) > arena.TieTolerance || math.Abs(u[1]-f.Points[j].U[1]) > arena.TieTolerance {
					t.Fatalf("%s: point %d is %v, brute force %v", name, j, f.Points[j].U, u)
				}
			}
		}
	}
	// The test must meet the case it is about.
	if strict == 0 {
		t.Fatal("no grid domain had a point dominated up to rounding: the test does not exercise ties")
	}
	t.Logf("%d points dominated up to rounding that a strict filter keeps", strict)
}
