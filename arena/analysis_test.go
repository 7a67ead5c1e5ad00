package arena_test

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// frontierGrid draws a scenario whose utilities are exact in floating point:
// weights are multiples of 1/16 (some of them 0) and values multiples of 1/8,
// so every utility is a multiple of 1/128 and sums do not round. Ties,
// duplicate options and dominated options are frequent.
func frontierGrid(r *rand.Rand, issues int) (*agents.Domain, *agents.Preferences, *agents.Preferences) {
	return gridScenario(r, "grid", issues, 16, 1, 6, 8)
}

// gridScenario draws a scenario of issues issues whose weights are
// multiples of 1/units (each unit given to a random issue, so some weights
// are 0), each issue having minOptions..minOptions+spread−1 options, and
// whose option values are multiples of 1/den.
func gridScenario(r *rand.Rand, name string, issues, units, minOptions, spread, den int) (*agents.Domain, *agents.Preferences, *agents.Preferences) {
	d := &agents.Domain{Name: name}
	var p [2]*agents.Preferences
	for side := range p {
		share := make([]int, issues)
		for range units {
			share[r.IntN(issues)]++
		}
		p[side] = &agents.Preferences{}
		for _, u := range share {
			p[side].Weights = append(p[side].Weights, float64(u)/float64(units))
		}
	}
	for i := range issues {
		k := minOptions + r.IntN(spread)
		is := agents.Issue{Name: fmt.Sprintf("i%d", i)}
		for o := range k {
			is.Options = append(is.Options, fmt.Sprint(o))
		}
		d.Issues = append(d.Issues, is)
		for _, q := range p {
			v := make([]float64, k)
			for o := range v {
				v[o] = float64(r.IntN(den+1)) / float64(den)
			}
			q.Values = append(q.Values, v)
		}
	}
	return d, p[0], p[1]
}

// frontierRandom draws a scenario with continuous random weights and values,
// some issues distributive (opposed linear values) and some duplicated
// options.
func frontierRandom(r *rand.Rand, issues int) (*agents.Domain, *agents.Preferences, *agents.Preferences) {
	d := &agents.Domain{Name: "random"}
	s := &agents.Preferences{Weights: frontierWeights(r, issues)}
	b := &agents.Preferences{Weights: frontierWeights(r, issues)}
	for i := range issues {
		k := 1 + r.IntN(6)
		is := agents.Issue{Name: fmt.Sprintf("i%d", i)}
		for o := range k {
			is.Options = append(is.Options, fmt.Sprint(o))
		}
		d.Issues = append(d.Issues, is)
		sv, bv := make([]float64, k), make([]float64, k)
		switch {
		case r.IntN(4) == 0:
			sv, bv = agents.Linear(k, true), agents.Linear(k, false)
		default:
			for o := range k {
				sv[o], bv[o] = r.Float64(), r.Float64()
			}
		}
		if k > 1 && r.IntN(3) == 0 {
			src, dst := r.IntN(k), r.IntN(k)
			sv[dst], bv[dst] = sv[src], bv[src]
		}
		s.Values = append(s.Values, sv)
		b.Values = append(b.Values, bv)
	}
	return d, s, b
}

// frontierOpposed draws issues × options where the sides value every
// issue's options in opposed orders with random spacings and weigh the
// issues independently: a large frontier with no lattice structure.
func frontierOpposed(r *rand.Rand, issues, options int) (*agents.Domain, *agents.Preferences, *agents.Preferences) {
	d, s, b := frontierUniform(r, issues, options)
	for i := range s.Values {
		slices.Sort(s.Values[i])
		slices.Sort(b.Values[i])
		slices.Reverse(b.Values[i])
	}
	return d, s, b
}

// bruteOutcomes lists every outcome of d with its utilities.
func bruteOutcomes(d *agents.Domain, s, b *agents.Preferences) []arena.Point {
	var all []arena.Point
	o := make(agents.Offer, len(d.Issues))
	for {
		all = append(all, arena.Point{U: [2]float64{s.Utility(o), b.Utility(o)}, Offer: o.Clone()})
		i := 0
		for ; i < len(o); i++ {
			if o[i]++; o[i] < len(d.Issues[i].Options) {
				break
			}
			o[i] = 0
		}
		if i == len(o) {
			return all
		}
	}
}

// bruteFrontier returns the utility pairs of the non-dominated outcomes,
// one per pair, by seller utility ascending.
func bruteFrontier(all []arena.Point) [][2]float64 {
	us := make([][2]float64, len(all))
	for i, p := range all {
		us[i] = p.U
	}
	// Best seller utility first, ties best buyer utility first: a pair is
	// non-dominated when it beats everything before it for the buyer.
	slices.SortFunc(us, func(a, b [2]float64) int {
		if c := cmp.Compare(b[0], a[0]); c != 0 {
			return c
		}
		return cmp.Compare(b[1], a[1])
	})
	var front [][2]float64
	best := math.Inf(-1)
	for _, u := range us {
		if u[1] > best {
			front = append(front, u)
			best = u[1]
		}
	}
	slices.Reverse(front)
	return front
}

// checkFrontierShape checks the invariants of any frontier: strictly
// ascending seller and descending buyer utilities, and every offer valid and
// worth exactly its point.
func checkFrontierShape(t *testing.T, f *arena.Frontier, d *agents.Domain, s, b *agents.Preferences) {
	t.Helper()
	if len(f.Points) == 0 {
		t.Fatal("frontier has no points")
	}
	for j, p := range f.Points {
		if j > 0 {
			q := f.Points[j-1]
			if !(q.U[0] < p.U[0] && q.U[1] > p.U[1]) {
				t.Fatalf("points %d %v and %d %v are not a strict staircase", j-1, q.U, j, p.U)
			}
		}
		if err := d.Check(p.Offer); err != nil {
			t.Fatalf("point %d: %v", j, err)
		}
		if u := [2]float64{s.Utility(p.Offer), b.Utility(p.Offer)}; u != p.U {
			t.Fatalf("point %d: offer %v reaches %v, point says %v", j, p.Offer, u, p.U)
		}
	}
}

func TestFrontierMatchesBruteForce(t *testing.T) {
	const domains = 300
	for seed := range uint64(domains) {
		r := arena.NewRand(0xF4, seed)
		issues := 1 + r.IntN(5)
		gen, kind := frontierGrid, "grid"
		if seed%2 == 1 {
			gen, kind = frontierRandom, "random"
		}
		d, s, b := gen(r, issues)
		for _, p := range []*agents.Preferences{s, b} {
			if err := p.Validate(d); err != nil {
				t.Fatalf("seed %d: generator made invalid preferences: %v", seed, err)
			}
		}
		name := fmt.Sprintf("seed %d (%s, %d issues)", seed, kind, issues)

		f := arena.NewFrontier(d, s, b)
		if !f.Exact || f.Tolerance != 0 {
			t.Fatalf("%s: Exact=%v Tolerance=%v, want an exact frontier", name, f.Exact, f.Tolerance)
		}
		checkFrontierShape(t, f, d, s, b)
		all := bruteOutcomes(d, s, b)
		want := bruteFrontier(all)
		if len(f.Points) != len(want) {
			t.Fatalf("%s: %d frontier points, brute force finds %d:\n got %v\nwant %v", name, len(f.Points), len(want), frontierUs(f), want)
		}
		for j, p := range f.Points {
			if math.Abs(p.U[0]-want[j][0]) > 1e-12 || math.Abs(p.U[1]-want[j][1]) > 1e-12 {
				t.Fatalf("%s: point %d is %v, brute force %v", name, j, p.U, want[j])
			}
		}

		for k := range 6 {
			res := [2]float64{0.8 * r.Float64(), 0.8 * r.Float64()}
			if k == 0 {
				res = [2]float64{0.95, 0.9} // usually no zone of agreement
			}
			// Nash point and best joint surplus over all outcomes.
			nashOK, nashP, joint := false, math.Inf(-1), 0.0
			for _, o := range all {
				if o.U[0] >= res[0] && o.U[1] >= res[1] {
					nashOK = true
					nashP = max(nashP, (o.U[0]-res[0])*(o.U[1]-res[1]))
					joint = max(joint, o.U[0]-res[0]+o.U[1]-res[1])
				}
			}
			p, ok := f.Nash(res)
			if ok != nashOK {
				t.Fatalf("%s res %v: Nash ok=%v, brute force %v", name, res, ok, nashOK)
			}
			if ok {
				got := (p.U[0] - res[0]) * (p.U[1] - res[1])
				if p.U[0] < res[0] || p.U[1] < res[1] || math.Abs(got-nashP) > 1e-12 {
					t.Fatalf("%s res %v: Nash point %v has product %v, brute force max %v", name, res, p.U, got, nashP)
				}
			}
			if got := f.BestJointSurplus(res); math.Abs(got-joint) > 1e-12 {
				t.Fatalf("%s res %v: BestJointSurplus %v, brute force %v", name, res, got, joint)
			}
		}

		queries := [][2]float64{{0, 0}, {1, 1}, {-0.5, 0.5}}
		for range 8 {
			queries = append(queries, [2]float64{1.2*r.Float64() - 0.1, 1.2*r.Float64() - 0.1})
			queries = append(queries, all[r.IntN(len(all))].U)
		}
		for _, u := range queries {
			want := math.Inf(1)
			for _, v := range bruteFrontier(all) {
				want = min(want, math.Hypot(v[0]-u[0], v[1]-u[1]))
			}
			if got := f.Distance(u); math.Abs(got-want) > 1e-12 {
				t.Fatalf("%s: Distance(%v) = %v, brute force %v", name, u, got, want)
			}
		}
	}
}

func frontierUs(f *arena.Frontier) [][2]float64 {
	us := make([][2]float64, len(f.Points))
	for i, p := range f.Points {
		us[i] = p.U
	}
	return us
}

func TestFrontierOnFrontierDistanceIsZero(t *testing.T) {
	d, s, b := frontierW1(arena.NewRand(1))
	f := arena.NewFrontier(d, s, b)
	for j, p := range f.Points {
		if got := f.Distance([2]float64{s.Utility(p.Offer), b.Utility(p.Offer)}); got != 0 {
			t.Fatalf("point %d: distance of its own offer %v, want 0", j, got)
		}
	}
}

func TestFrontierThinned(t *testing.T) {
	tests := []struct {
		name      string
		gen       func(*rand.Rand, int, int) (*agents.Domain, *agents.Preferences, *agents.Preferences)
		maxPoints int
		tol       float64
		// mayBeExact: the tolerance is so fine that thinning may find
		// nothing to drop.
		mayBeExact bool
	}{
		// Thinning starts after the second issue and goes on in the
		// bucket sweep.
		{"opposed/coarse", frontierOpposed, 30, 0.05, false},
		{"opposed/fine", frontierOpposed, 60, 0.002, false},
		{"zero-sum/coarse", frontierZeroSum, 30, 0.05, false},
		{"zero-sum/fine", frontierZeroSum, 500, 1e-3, false},
		// A grid far larger than the candidates: thinning falls back to
		// merging.
		{"zero-sum/tiny-tolerance", frontierZeroSum, 30, 1e-9, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, s, b := tt.gen(arena.NewRand(0x7417, 6, 7), 6, 7)
			all := bruteOutcomes(d, s, b)
			exact := bruteFrontier(all)
			f := arena.NewFrontierTol(d, s, b, tt.maxPoints, tt.tol)
			switch {
			case f.Exact && tt.mayBeExact:
				if f.Tolerance != 0 || len(f.Points) != len(exact) {
					t.Fatalf("Exact with Tolerance %v and %d points, the true frontier has %d", f.Tolerance, len(f.Points), len(exact))
				}
			case f.Exact:
				t.Fatalf("Exact with %d points (true frontier %d, cap %d), want thinned", len(f.Points), len(exact), tt.maxPoints)
			case !(f.Tolerance > 0 && f.Tolerance <= tt.tol*(1+1e-12)):
				t.Fatalf("Tolerance %v, want in (0, %v]", f.Tolerance, tt.tol)
			case len(f.Points) >= len(exact):
				t.Fatalf("thinned frontier has %d points, the true one %d", len(f.Points), len(exact))
			}
			t.Logf("true frontier %d points, thinned %d, Exact=%v, Tolerance %v", len(exact), len(f.Points), f.Exact, f.Tolerance)
			checkFrontierShape(t, f, d, s, b)

			// The promise: every true frontier point has a thinned point at
			// least as good for the buyer and less than Tolerance worse for
			// the seller. Of the points that are good enough for the
			// seller, the first is the best for the buyer.
			const eps = 1e-12
			for _, u := range exact {
				j, _ := slices.BinarySearchFunc(f.Points, u[0]-f.Tolerance-eps, func(p arena.Point, x float64) int { return cmp.Compare(p.U[0], x) })
				if j == len(f.Points) || f.Points[j].U[1] < u[1]-eps {
					t.Fatalf("true frontier point %v has no thinned point within tolerance %v", u, f.Tolerance)
				}
			}

			// The summaries are off by no more than the thinning allows.
			ex := arena.NewFrontierTol(d, s, b, len(all), tt.tol)
			if !ex.Exact || len(ex.Points) != len(exact) {
				t.Fatalf("reference frontier: Exact=%v with %d points, want exact with %d", ex.Exact, len(ex.Points), len(exact))
			}
			for _, res := range [][2]float64{{0, 0}, {0.3, 0.3}, {0.45, 0.5}} {
				got, want := f.BestJointSurplus(res), ex.BestJointSurplus(res)
				if got > want+eps || got < want-f.Tolerance-eps {
					t.Errorf("res %v: BestJointSurplus %v, exact %v, tolerance %v", res, got, want, f.Tolerance)
				}
			}
		})
	}
}

// NewFrontier reuses scratch memory across calls; concurrent calls must not
// share it.
func TestFrontierConcurrent(t *testing.T) {
	type scenario struct {
		d    *agents.Domain
		s, b *agents.Preferences
		want *arena.Frontier
	}
	var all []scenario
	r := arena.NewRand(0xC0)
	for k := range 8 {
		d, s, b := frontierOpposed(r, 3+k%4, 6)
		all = append(all, scenario{d, s, b, arena.NewFrontier(d, s, b)})
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(all))
	for g := range 4 {
		wg.Go(func() {
			for k := range 3 * len(all) {
				x := all[(k+g)%len(all)]
				got := arena.NewFrontier(x.d, x.s, x.b)
				if !slices.EqualFunc(got.Points, x.want.Points, func(p, q arena.Point) bool { return p.U == q.U && p.Offer.Equal(q.Offer) }) {
					errs <- fmt.Sprintf("goroutine %d, scenario %d: frontier differs from the sequential one", g, (k+g)%len(all))
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestFrontierDefaults(t *testing.T) {
	d, s, b := frontierOpposed(arena.NewRand(3), 6, 7)
	want := arena.NewFrontier(d, s, b)
	for _, args := range []struct {
		maxPoints int
		tol       float64
	}{{0, 0}, {-1, -1}, {0, math.NaN()}} {
		got := arena.NewFrontierTol(d, s, b, args.maxPoints, args.tol)
		if got.Exact != want.Exact || !slices.Equal(frontierUs(got), frontierUs(want)) {
			t.Errorf("NewFrontierTol(%d, %v) differs from NewFrontier", args.maxPoints, args.tol)
		}
	}
	// A zero-sum domain of 8 issues × 10 options is thinned by default,
	// within the default tolerance.
	d, s, b = frontierZeroSum(arena.NewRand(4), 8, 10)
	f := arena.NewFrontier(d, s, b)
	if f.Exact || f.Tolerance <= 0 || f.Tolerance > arena.DefaultFrontierTolerance {
		t.Errorf("zero-sum 8×10: Exact=%v Tolerance=%v, want thinned within %v", f.Exact, f.Tolerance, arena.DefaultFrontierTolerance)
	}
}

// analysisScenario is a two-issue deal with room for logrolling: the
// seller cares about the price, the buyer about the warranty.
func analysisScenario() (*agents.Domain, *agents.Preferences, *agents.Preferences) {
	d := &agents.Domain{Name: "machine", Issues: []agents.Issue{
		{Name: "price", Options: []string{"$100", "$150", "$200"}},
		{Name: "warranty", Options: []string{"none", "1 year", "3 years"}},
	}}
	seller := &agents.Preferences{
		Weights: []float64{0.75, 0.25},
		Values:  [][]float64{{0, 0.5, 1}, {1, 0.5, 0}},
	}
	buyer := &agents.Preferences{
		Weights: []float64{0.25, 0.75},
		Values:  [][]float64{{1, 0.5, 0}, {0, 0.5, 1}},
	}
	return d, seller, buyer
}

func TestAnalyze(t *testing.T) {
	d, seller, buyer := analysisScenario()
	f := arena.NewFrontier(d, seller, buyer)
	m := arena.DefaultModel() // expectation κ = 1: the fair share
	deal := func(price, warranty int, res [2]float64) *arena.Outcome {
		o := agents.Offer{price, warranty}
		u := [2]float64{seller.Utility(o), buyer.Utility(o)}
		return &arena.Outcome{Agreed: true, Offer: o, Utility: u, Surplus: [2]float64{u[0] - res[0], u[1] - res[1]}}
	}
	deadline := func(res [2]float64) *arena.Outcome { return &arena.Outcome{Deadline: true, Utility: res} }
	low := [2]float64{0.25, 0.25}
	high := [2]float64{0.8, 0.8}
	// With low reservation values the Nash point is (0.75, 0.75): each
	// side expects 0.75, a fair share of 0.5 above its walk-away point.
	fair := [2]float64{0.75, 0.75}
	tests := []struct {
		name string
		o    *arena.Outcome
		res  [2]float64
		want arena.Analysis
	}{{
		// Logrolling: the seller gets its price, the buyer its warranty.
		name: "win-win at the Nash point",
		o:    deal(2, 2, low), res: low,
		want: arena.Analysis{
			JointSurplus: 1, NashProduct: 0.25, NashOK: true,
			Expectation: fair, Satisfaction: [2]float64{1, 1}, Class: arena.WinWin,
		},
	}, {
		// Splitting the difference on every issue wastes half the
		// surplus, but each side still gets exactly half its fair share:
		// I = 0.5 is a win.
		name: "split the difference: exactly half the fair share is win-win",
		o:    deal(1, 1, low), res: low,
		want: arena.Analysis{
			JointSurplus: 0.5, NashProduct: 0.0625,
			ParetoDistance: math.Sqrt(0.125), NashDistance: math.Sqrt(0.125), NashOK: true,
			LeftOnTable: 0.5,
			Expectation: fair, Satisfaction: [2]float64{0.5, 0.5}, Class: arena.WinWin,
		},
	}, {
		name: "win-lose on the frontier: the seller wins",
		o:    deal(2, 1, low), res: low,
		want: arena.Analysis{
			JointSurplus: 0.75, NashProduct: 0.625 * 0.125,
			NashDistance: math.Sqrt(0.125*0.125 + 0.375*0.375), NashOK: true,
			LeftOnTable: 0.25,
			Expectation: fair, Satisfaction: [2]float64{1, 0.25}, Class: arena.WinLose,
		},
	}, {
		// The seller took a deal worth less than walking away.
		name: "lose-win: a deal below the seller's reservation value",
		o:    deal(0, 2, low), res: low,
		want: arena.Analysis{
			JointSurplus: 0.5, NashProduct: -0.25 * 0.75,
			NashDistance: math.Sqrt(0.75*0.75 + 0.25*0.25), NashOK: true,
			LeftOnTable: 0.5,
			Expectation: fair, Satisfaction: [2]float64{0, 1}, Class: arena.LoseWin,
		},
	}, {
		// A deal worth exactly the walk-away point to both.
		name: "lose-lose: a deal neither side gains from",
		o:    deal(0, 0, low), res: low,
		want: arena.Analysis{
			ParetoDistance: math.Sqrt(0.125*0.125 + 0.625*0.625),
			NashDistance:   math.Sqrt(0.5*0.5 + 0.5*0.5), NashOK: true,
			LeftOnTable: 1,
			Expectation: fair, Class: arena.LoseLose,
		},
	}, {
		name: "no deal at the deadline loses the fair deal's joint surplus",
		o:    deadline(low), res: low,
		want: arena.Analysis{
			ParetoDistance: math.Sqrt(0.125*0.125 + 0.625*0.625),
			NashDistance:   math.Sqrt(0.5*0.5 + 0.5*0.5), NashOK: true,
			LeftOnTable: 1, Expectation: fair,
			Class: arena.NoDeal, NoDeal: arena.DeadlinePassed, ValueLost: 1,
		},
	}, {
		name: "no deal: walked away from a zone of agreement",
		o:    &arena.Outcome{WalkAway: true, EndedBy: agents.Buyer, Utility: low}, res: low,
		want: arena.Analysis{
			ParetoDistance: math.Sqrt(0.125*0.125 + 0.625*0.625),
			NashDistance:   math.Sqrt(0.5*0.5 + 0.5*0.5), NashOK: true,
			LeftOnTable: 1, Expectation: fair,
			Class: arena.NoDeal, NoDeal: arena.WalkedAway, ValueLost: 1,
		},
	}, {
		name: "no deal: a fault with a zone of agreement",
		o:    &arena.Outcome{Fault: &arena.Fault{By: agents.Seller}, Utility: low}, res: low,
		want: arena.Analysis{
			ParetoDistance: math.Sqrt(0.125*0.125 + 0.625*0.625),
			NashDistance:   math.Sqrt(0.5*0.5 + 0.5*0.5), NashOK: true,
			LeftOnTable: 1, Expectation: fair,
			Class: arena.NoDeal, NoDeal: arena.Faulted, ValueLost: 1,
		},
	}, {
		// Both reservation values beat every deal: no Nash point, nothing
		// to leave on the table or lose, however it ended.
		name: "no deal: no zone of agreement",
		o:    &arena.Outcome{WalkAway: true, Utility: high}, res: high,
		want: arena.Analysis{
			ParetoDistance: math.Sqrt(0.05 * 0.05 * 2), Expectation: high,
			Class: arena.NoDeal, NoDeal: arena.NoZone,
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := arena.Analyze(f, tt.o, tt.res, &m)
			if !analysisClose(got, tt.want) {
				t.Errorf("Analyze:\n got %+v\nwant %+v", got, tt.want)
			}
			if nilModel := arena.Analyze(f, tt.o, tt.res, nil); nilModel != got {
				t.Errorf("Analyze with a nil model:\n got %+v\nwant %+v", nilModel, got)
			}
			for r := range 2 {
				role := agents.Role(r)
				if won := got.Won(role); won != (got.Class != arena.NoDeal && arena.Wins(got.Satisfaction[r])) {
					t.Errorf("Won(%v) = %v with class %v and satisfaction %v", role, won, got.Class, got.Satisfaction)
				}
			}
		})
	}
}

func analysisClose(a, b arena.Analysis) bool {
	near := func(x, y float64) bool { return math.Abs(x-y) <= 1e-12 }
	return near(a.JointSurplus, b.JointSurplus) && near(a.NashProduct, b.NashProduct) &&
		near(a.ParetoDistance, b.ParetoDistance) && near(a.NashDistance, b.NashDistance) &&
		a.NashOK == b.NashOK && near(a.LeftOnTable, b.LeftOnTable) &&
		near(a.Expectation[0], b.Expectation[0]) && near(a.Expectation[1], b.Expectation[1]) &&
		near(a.Satisfaction[0], b.Satisfaction[0]) && near(a.Satisfaction[1], b.Satisfaction[1]) &&
		a.Class == b.Class && a.NoDeal == b.NoDeal && near(a.ValueLost, b.ValueLost)
}

func ExampleNewFrontier() {
	d, seller, buyer := analysisScenario()
	f := arena.NewFrontier(d, seller, buyer)
	for _, p := range f.Points {
		fmt.Printf("seller %.3f  buyer %.3f  %s\n", p.U[agents.Seller], p.U[agents.Buyer], d.Format(p.Offer))
	}
	nash, _ := f.Nash([2]float64{0.25, 0.25})
	fmt.Println("exact:", f.Exact, " Nash point:", d.Format(nash.Offer))
	// Output:
	// seller 0.000  buyer 1.000  price=$100 warranty=3 years
	// seller 0.375  buyer 0.875  price=$150 warranty=3 years
	// seller 0.750  buyer 0.750  price=$200 warranty=3 years
	// seller 0.875  buyer 0.375  price=$200 warranty=1 year
	// seller 1.000  buyer 0.000  price=$200 warranty=none
	// exact: true  Nash point: price=$200 warranty=3 years
}

func ExampleAnalyze() {
	d, seller, buyer := analysisScenario()
	f := arena.NewFrontier(d, seller, buyer)
	res := [2]float64{0.25, 0.25}
	// Splitting the difference on both issues: half the surplus is wasted,
	// but each side gets exactly half its fair share, which is a win.
	o := agents.Offer{1, 1}
	u := [2]float64{seller.Utility(o), buyer.Utility(o)}
	out := &arena.Outcome{Agreed: true, Offer: o, Utility: u, Surplus: [2]float64{u[0] - res[0], u[1] - res[1]}}
	a := arena.Analyze(f, out, res, nil)
	fmt.Printf("joint surplus %.2f, left on the table %.2f, distance to frontier %.3f, satisfaction %v: %v\n",
		a.JointSurplus, a.LeftOnTable, a.ParetoDistance, a.Satisfaction, a.Class)
	// Output:
	// joint surplus 0.50, left on the table 0.50, distance to frontier 0.354, satisfaction [0.5 0.5]: win-win
}
