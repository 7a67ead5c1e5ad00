package results

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestClustersAgainstBruteForce checks the cluster-robust interval and
// the paired contrast against their formulas computed directly.
func TestClustersAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const entrants, rels = 2, 7
	type obs struct {
		e, i int
		y    float64
	}
	var all []obs
	for i := range rels {
		shared := r.NormFloat64()
		for e := range entrants {
			for range 1 + r.IntN(3) {
				all = append(all, obs{e, i, shared + float64(e) + 0.3*r.NormFloat64()})
			}
		}
	}
	c := NewClusters(entrants)
	var os []observation
	for _, o := range all {
		os = append(os, observation{entrant: o.e, index: o.i, oneShot: o.y, longRun: o.y})
	}
	c.add(os)

	for e := range entrants {
		var sum, n float64
		sums, ns := make([]float64, rels), make([]float64, rels)
		for _, o := range all {
			if o.e == e {
				sum += o.y
				n++
				sums[o.i] += o.y
				ns[o.i]++
			}
		}
		mean := sum / n
		ss := 0.0
		for g := range rels {
			d := sums[g] - mean*ns[g]
			ss += d * d
		}
		half := TQuantile975(rels-1) * math.Sqrt(float64(rels)/float64(rels-1)*ss/(n*n))
		got := c.Estimate(LongRunPayoff, e)
		if !near(got.Mean, mean) || !near(got.High-got.Mean, half) || got.N != rels {
			t.Errorf("entrant %d: got %+v, want mean %v ± %v over %d clusters", e, got, mean, half, rels)
		}
	}
	// The paired difference of entrant 1 and 0: cluster by cluster.
	var ds []float64
	for g := range rels {
		var m [2]float64
		var n [2]float64
		for _, o := range all {
			if o.i == g {
				m[o.e] += o.y
				n[o.e]++
			}
		}
		ds = append(ds, m[1]/n[1]-m[0]/n[0])
	}
	mean, ss := 0.0, 0.0
	for _, d := range ds {
		mean += d / rels
	}
	for _, d := range ds {
		ss += (d - mean) * (d - mean)
	}
	half := TQuantile975(rels-1) * math.Sqrt(ss/(rels-1)) / math.Sqrt(rels)
	got := c.Contrast(LongRunPayoff, []float64{-1, 1})
	if !near(got.Mean, mean) || !near(got.High-got.Mean, half) {
		t.Errorf("contrast %+v, want %v ± %v", got, mean, half)
	}
	if !Separated(got) {
		t.Errorf("a difference of 1 with noise 0.3 is not separated: %+v", got)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }
