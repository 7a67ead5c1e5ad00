package market

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// Newcomers choose seller i with probability exp(rep_i/τ)/Σ exp(rep_j/τ)
// over the sellers they do not avoid: the frequencies of many draws fall
// within the 99% interval of those probabilities.
func TestChooseFrequencies(t *testing.T) {
	rep := []float64{0.5, 0.6, 0.9, 0.2, 0.85}
	for _, tc := range []struct {
		tau   float64
		avoid []bool
	}{
		{0.1, []bool{false, false, false, false, false}},
		{0.1, []bool{false, false, true, false, false}},
		{1, []bool{false, false, false, false, false}},
		{0.05, []bool{true, false, false, false, true}},
	} {
		t.Run(fmt.Sprintf("tau %v avoid %v", tc.tau, tc.avoid), func(t *testing.T) {
			want := Probabilities(rep, tc.tau, tc.avoid)
			// The closed form, computed directly.
			sum := 0.0
			for i, x := range rep {
				if !tc.avoid[i] {
					sum += math.Exp(x / tc.tau)
				}
			}
			for i, x := range rep {
				p := 0.0
				if !tc.avoid[i] {
					p = math.Exp(x/tc.tau) / sum
				}
				if math.Abs(want[i]-p) > 1e-12 {
					t.Fatalf("Probabilities[%d] = %v, want %v", i, want[i], p)
				}
			}
			const n = 200_000
			r := rand.New(rand.NewPCG(1, 2))
			count := make([]int, len(rep))
			w := make([]float64, len(rep))
			for range n {
				count[choose(rep, tc.tau, tc.avoid, r.Float64(), w)]++
			}
			for i, p := range want {
				got := float64(count[i]) / n
				half := 2.576 * math.Sqrt(p*(1-p)/n)
				if math.Abs(got-p) > half || (p == 0 && count[i] > 0) {
					t.Errorf("seller %d chosen %.4f of the time, want %.4f ± %.4f", i, got, p, half)
				}
			}
		})
	}
	if got := choose(rep, 0.1, []bool{true, true, true, true, true}, 0.5, make([]float64, 5)); got != -1 {
		t.Errorf("every seller avoided: chose %d, want -1", got)
	}
}

// poisson draws have the mean and variance of a Poisson distribution,
// small means and large (drawn in pieces) alike.
func TestPoisson(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, mean := range []float64{0, 0.12, 1.5, 29, 95} {
		const n = 50_000
		var s, sq float64
		for range n {
			x := float64(poisson(r, mean))
			s += x
			sq += x * x
		}
		m := s / n
		v := sq/n - m*m
		if half := 2.576 * math.Sqrt(mean/n); math.Abs(m-mean) > half+1e-12 {
			t.Errorf("mean %v: sample mean %.4f (±%.4f)", mean, m, half)
		}
		if mean > 0 && math.Abs(v/mean-1) > 0.05 {
			t.Errorf("mean %v: sample variance %.4f", mean, v)
		}
	}
}
