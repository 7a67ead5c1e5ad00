package research

import (
	"math"
	"testing"

	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/results"
)

// TestCrossing checks where the difference of the groups is found to
// cross zero, and the interval its CI bounds give.
func TestCrossing(t *testing.T) {
	ax := configs.Axis{Key: "relationship.p_hi", Values: []configs.SweepValue{{Num: 0}, {Num: 1}, {Num: 2}, {Num: 3}}}
	xs := []float64{0, 1, 2, 3}
	e := func(m, h float64) results.Estimate { return results.Estimate{Mean: m, Low: m - h, High: m + h} }
	tests := []struct {
		name          string
		ds            []results.Estimate
		at, low, high float64
		verdict       string
	}{
		{"rising", []results.Estimate{e(-3, 1), e(-1, 1), e(1, 1), e(3, 1)}, 1.5, 1, 2, "win-win ahead above relationship.p_hi ≈ 1.5 (CI of the crossing 1–2)"},
		{"falling", []results.Estimate{e(3, 1), e(1, 0.5), e(-1, 0.5), e(-3, 1)}, 1.5, 1.25, 1.75, "win-win ahead below relationship.p_hi ≈ 1.5 (CI of the crossing 1.25–1.75)"},
		{"always ahead", []results.Estimate{e(3, 1), e(3, 1), e(3, 1), e(3, 1)}, math.NaN(), math.NaN(), math.NaN(), "win-win ahead throughout"},
		{"never separable", []results.Estimate{e(0.1, 1), e(-0.1, 1), e(0.1, 1), e(0, 1)}, 0.5, math.NaN(), math.NaN(), "no difference throughout (every CI contains 0)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := crossing(ax, xs, tt.ds, nil)
			same := func(a, b float64) bool { return math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) < 1e-12 }
			if !same(c.At, tt.at) || !same(c.Low, tt.low) || !same(c.High, tt.high) || c.Verdict != tt.verdict {
				t.Errorf("got at %v [%v, %v] %q, want %v [%v, %v] %q", c.At, c.Low, c.High, c.Verdict, tt.at, tt.low, tt.high, tt.verdict)
			}
		})
	}
}
