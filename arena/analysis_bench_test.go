package arena_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// frontierW1 draws a scenario of the shape of workload W1 (docs/model.md#workload-w1): 5
// issues of 10 options, seller values v/9, buyer values (9−v)/9 on issues
// 0–2 and v/9 on issues 3–4, independent uniform weights.
func frontierW1(r *rand.Rand) (*agents.Domain, *agents.Preferences, *agents.Preferences) {
	d := &agents.Domain{Name: "w1"}
	s := &agents.Preferences{}
	b := &agents.Preferences{}
	for i := range 5 {
		is := agents.Issue{Name: fmt.Sprintf("i%d", i)}
		for v := range 10 {
			is.Options = append(is.Options, fmt.Sprint(v))
		}
		d.Issues = append(d.Issues, is)
		s.Values = append(s.Values, agents.Linear(10, true))
		b.Values = append(b.Values, agents.Linear(10, i >= 3))
	}
	s.Weights = frontierWeights(r, 5)
	b.Weights = frontierWeights(r, 5)
	return d, s, b
}

// frontierDistributive draws issues × options where every issue is
// distributive (the sides' value orders are opposed) and the sides weigh the
// issues independently: the frontier is as large as it gets.
func frontierDistributive(r *rand.Rand, issues, options int) (*agents.Domain, *agents.Preferences, *agents.Preferences) {
	d := &agents.Domain{Name: "distributive"}
	s := &agents.Preferences{Weights: frontierWeights(r, issues)}
	b := &agents.Preferences{Weights: frontierWeights(r, issues)}
	for i := range issues {
		is := agents.Issue{Name: fmt.Sprintf("i%d", i)}
		for k := range options {
			is.Options = append(is.Options, fmt.Sprint(k))
		}
		d.Issues = append(d.Issues, is)
		s.Values = append(s.Values, agents.Linear(options, true))
		b.Values = append(b.Values, agents.Linear(options, false))
	}
	return d, s, b
}

// frontierUniform draws issues × options with independent uniform weights
// and option values for both sides.
func frontierUniform(r *rand.Rand, issues, options int) (*agents.Domain, *agents.Preferences, *agents.Preferences) {
	d := &agents.Domain{Name: "uniform"}
	s := &agents.Preferences{Weights: frontierWeights(r, issues)}
	b := &agents.Preferences{Weights: frontierWeights(r, issues)}
	for i := range issues {
		is := agents.Issue{Name: fmt.Sprintf("i%d", i)}
		sv, bv := make([]float64, options), make([]float64, options)
		for k := range options {
			is.Options = append(is.Options, fmt.Sprint(k))
			sv[k], bv[k] = r.Float64(), r.Float64()
		}
		d.Issues = append(d.Issues, is)
		s.Values = append(s.Values, sv)
		b.Values = append(b.Values, bv)
	}
	return d, s, b
}

// frontierWeights returns n uniform(0,1) weights normalised to sum to 1.
func frontierWeights(r *rand.Rand, n int) []float64 {
	w := make([]float64, n)
	sum := 0.0
	for i := range w {
		w[i] = r.Float64()
		sum += w[i]
	}
	for i := range w {
		w[i] /= sum
	}
	return w
}

// frontierZeroSum draws issues × options where both sides weigh the issues
// alike and value every option oppositely (v and 1−v): every outcome's
// utilities sum to 1, so every outcome is on the frontier (up to rounding)
// and the frontier must be thinned. The worst case for NewFrontier.
func frontierZeroSum(r *rand.Rand, issues, options int) (*agents.Domain, *agents.Preferences, *agents.Preferences) {
	d, s, b := frontierUniform(r, issues, options)
	copy(b.Weights, s.Weights)
	for i := range s.Values {
		for k, v := range s.Values[i] {
			b.Values[i][k] = 1 - v
		}
	}
	return d, s, b
}

type frontierGen func(*rand.Rand) (*agents.Domain, *agents.Preferences, *agents.Preferences)

// benchFrontier runs NewFrontier over a rotation of scenarios drawn by gen
// and reports the mean frontier size and the share of exact frontiers.
func benchFrontier(b *testing.B, gen frontierGen) {
	type scenario struct {
		d    *agents.Domain
		s, u *agents.Preferences
	}
	var all [8]scenario
	r := arena.NewRand(7)
	for k := range all {
		all[k].d, all[k].s, all[k].u = gen(r)
	}
	points, exact, i := 0, 0, 0
	for b.Loop() {
		x := &all[i%len(all)]
		f := arena.NewFrontier(x.d, x.s, x.u)
		points += len(f.Points)
		if f.Exact {
			exact++
		}
		i++
	}
	b.ReportMetric(float64(points)/float64(i), "points/op")
	b.ReportMetric(float64(exact)/float64(i), "exact/op")
}

// BenchmarkFrontier20x20 builds frontiers of 20 issues × 20 options (1e26
// outcomes): with independent uniform values, with every issue
// distributive, and in the zero-sum worst case where the frontier is thinned.
func BenchmarkFrontier20x20(b *testing.B) {
	for _, c := range []struct {
		name string
		gen  func(*rand.Rand, int, int) (*agents.Domain, *agents.Preferences, *agents.Preferences)
	}{
		{"uniform", frontierUniform},
		{"distributive", frontierDistributive},
		{"zero-sum", frontierZeroSum},
	} {
		b.Run(c.name, func(b *testing.B) {
			benchFrontier(b, func(r *rand.Rand) (*agents.Domain, *agents.Preferences, *agents.Preferences) {
				return c.gen(r, 20, 20)
			})
		})
	}
}

// BenchmarkFrontier5x10 builds frontiers of workload W1's scenarios.
func BenchmarkFrontier5x10(b *testing.B) { benchFrontier(b, frontierW1) }

// BenchmarkAnalyze measures the per-negotiation analysis on a W1 frontier.
func BenchmarkAnalyze(b *testing.B) {
	d, s, u := frontierW1(arena.NewRand(5, 10))
	f := arena.NewFrontier(d, s, u)
	m := arena.DefaultModel()
	res := [2]float64{0.3, 0.3}
	off := agents.Offer{3, 4, 5, 9, 9}
	o := &arena.Outcome{Agreed: true, Offer: off}
	o.Utility = [2]float64{s.Utility(off), u.Utility(off)}
	o.Surplus = [2]float64{o.Utility[0] - res[0], o.Utility[1] - res[1]}
	for b.Loop() {
		arena.Analyze(f, o, res, &m)
	}
}
