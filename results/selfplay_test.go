package results

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestSelfPlayEstimateIsClustered checks the interval of an entrant with
// self-play against the cluster-robust formula computed directly: each
// self-play relationship one cluster of its two payoffs, every other
// relationship a cluster of one.
func TestSelfPlayEstimateIsClustered(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	var all, seller, buyer, cross Stat
	var clusters [][]float64
	for range 40 { // relationships with other entrants
		y := r.NormFloat64()
		all.Add(y)
		clusters = append(clusters, []float64{y})
	}
	for range 12 { // self-play: two payoffs that go together
		common := r.NormFloat64()
		ys, yb := common+0.2*r.NormFloat64(), common+0.2*r.NormFloat64()
		all.Add(ys)
		all.Add(yb)
		seller.Add(ys)
		buyer.Add(yb)
		cross.Add(ys * yb)
		clusters = append(clusters, []float64{ys, yb})
	}
	var sum, n float64
	for _, c := range clusters {
		for _, y := range c {
			sum += y
			n++
		}
	}
	mean := sum / n
	ss := 0.0
	for _, c := range clusters {
		d := 0.0
		for _, y := range c {
			d += y - mean
		}
		ss += d * d
	}
	g := float64(len(clusters))
	half := TQuantile975(int64(g)-1) * math.Sqrt(g/(g-1)*ss/(n*n))
	got := selfPlayEstimate(all, seller, buyer, cross)
	if math.Abs(got.Mean-mean) > 1e-8 || math.Abs((got.High-got.Mean)-half) > 1e-7 || math.Abs((got.Mean-got.Low)-half) > 1e-7 {
		t.Errorf("got %+v, want %v ± %v", got, mean, half)
	}
	naive := all.Estimate()
	if got.High-got.Low <= naive.High-naive.Low {
		t.Errorf("positively correlated self-play payoffs should widen the interval: %v against %v", got.High-got.Low, naive.High-naive.Low)
	}
	var none Stat
	if e := selfPlayEstimate(all, none, none, none); e != all.Estimate() {
		t.Errorf("without self-play: %+v, want %+v", e, all.Estimate())
	}
}
