package results

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestStatKnownSample(t *testing.T) {
	// The textbook sample 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample variance
	// 32/7, t(0.975, 7) = 2.3646242515927853.
	var s Stat
	for _, x := range []float64{2, 4, 4, 4, 5, 5, 7, 9} {
		s.Add(x)
	}
	sd := math.Sqrt(32.0 / 7)
	half := 2.3646242515927853 * sd / math.Sqrt(8)
	e := s.Estimate()
	checks := []struct {
		name      string
		got, want float64
	}{
		{"mean", e.Mean, 5},
		{"sd", e.SD, sd},
		{"ci low", e.Low, 5 - half},
		{"ci high", e.High, 5 + half},
		{"sum", s.Sum(), 40},
	}
	for _, c := range checks {
		if math.Abs(c.got-c.want) > 1e-12 {
			t.Errorf("%s = %.15g, want %.15g", c.name, c.got, c.want)
		}
	}
	if e.N != 8 {
		t.Errorf("N = %d, want 8", e.N)
	}
	// The interval matches the one computed by hand for this sample.
	if math.Abs(e.Low-3.2125120817637893) > 1e-12 || math.Abs(e.High-6.787487918236211) > 1e-12 {
		t.Errorf("CI = [%v, %v], want [3.21251208176379, 6.78748791823621]", e.Low, e.High)
	}
}

func TestStatSmallSamples(t *testing.T) {
	var s Stat
	e := s.Estimate()
	if e.N != 0 || !math.IsNaN(e.Mean) || !math.IsNaN(e.SD) || !math.IsNaN(e.Low) || !math.IsNaN(e.High) {
		t.Errorf("empty Stat estimate = %+v, want N 0 and NaNs", e)
	}
	s.Add(-1.25)
	e = s.Estimate()
	if e.Mean != -1.25 || !math.IsNaN(e.SD) || !math.IsNaN(e.Low) || !math.IsNaN(e.High) {
		t.Errorf("single value estimate = %+v, want mean -1.25 and NaN spread", e)
	}
	s.Add(-1.25)
	if e = s.Estimate(); e.SD != 0 || e.Low != -1.25 || e.High != -1.25 {
		t.Errorf("two equal values estimate = %+v, want sd 0 and a point interval", e)
	}
}

func TestStatClampsAndRounds(t *testing.T) {
	tests := []struct {
		name string
		x    float64
		mean float64
	}{
		{"NaN counts as zero", math.NaN(), 0},
		{"+Inf clamps", math.Inf(1), StatLimit},
		{"-Inf clamps", math.Inf(-1), -StatLimit},
		{"huge clamps", 1e300, StatLimit},
		{"rounds to the quantum", 0.1, math.Round(0.1/StatResolution) * StatResolution},
		{"negative", -0.3, math.Round(-0.3/StatResolution) * StatResolution},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s Stat
			s.Add(tt.x)
			if got := s.Mean(); got != tt.mean {
				t.Errorf("Mean after Add(%v) = %v, want %v", tt.x, got, tt.mean)
			}
		})
	}
}

func TestStatVarianceIsExact(t *testing.T) {
	// A large mean with a tiny spread: the naive Σx²/n − mean² formula in
	// floating point loses every digit here; the exact integer sums do not.
	var s Stat
	xs := []float64{1000 + 1e-6, 1000 - 1e-6, 1000 + 2e-6, 1000 - 2e-6, 1000}
	for _, x := range xs {
		s.Add(x)
	}
	// Two-pass reference on the rounded values.
	var q []float64
	for _, x := range xs {
		q = append(q, math.Round(x/StatResolution)*StatResolution)
	}
	m := 0.0
	for _, x := range q {
		m += x
	}
	m /= float64(len(q))
	v := 0.0
	for _, x := range q {
		v += (x - m) * (x - m)
	}
	v /= float64(len(q) - 1)
	if got := s.Variance(); math.Abs(got-v) > 1e-9*v {
		t.Errorf("Variance = %g, want %g", got, v)
	}
}

// TestStatMergeExact checks the property that makes results independent of
// scheduling: any split of the same values into Stats, merged in any order
// and any grouping, gives the same bits as adding them one by one.
func TestStatMergeExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		n := 1 + rng.IntN(300)
		xs := make([]float64, n)
		for i := range xs {
			switch rng.IntN(4) {
			case 0:
				xs[i] = rng.NormFloat64()
			case 1:
				xs[i] = rng.Float64() * 1e-7
			case 2:
				xs[i] = -rng.ExpFloat64() * 50
			default:
				xs[i] = float64(rng.IntN(10)) / 3
			}
		}
		var want Stat
		for _, x := range xs {
			want.Add(x)
		}
		// Split into random contiguous parts, shuffle the values first.
		rng.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
		var parts []Stat
		for i := 0; i < len(xs); {
			j := i + 1 + rng.IntN(len(xs)-i)
			var p Stat
			for _, x := range xs[i:j] {
				p.Add(x)
			}
			parts = append(parts, p)
			i = j
		}
		// Merge them pairwise at random until one is left.
		for len(parts) > 1 {
			i := rng.IntN(len(parts))
			j := rng.IntN(len(parts) - 1)
			if j >= i {
				j++
			}
			parts[i].Merge(parts[j])
			parts = append(parts[:j], parts[j+1:]...)
		}
		got := parts[0]
		if got != want {
			t.Fatalf("trial %d: merged Stat %+v differs from sequential %+v", trial, got, want)
		}
		ge, we := got.Estimate(), want.Estimate()
		if !sameBits(ge.Mean, we.Mean) || !sameBits(ge.SD, we.SD) || !sameBits(ge.Low, we.Low) || !sameBits(ge.High, we.High) {
			t.Fatalf("trial %d: estimates differ: %+v vs %+v", trial, ge, we)
		}
	}
}

func TestInt128(t *testing.T) {
	// Carries across the 64-bit boundary, in both directions.
	a := fromInt64(-1)
	b := fromInt64(1)
	if got := a.add(b); got != (int128{}) {
		t.Errorf("-1 + 1 = %+v, want 0", got)
	}
	big := int128{hi: 0, lo: math.MaxUint64}
	if got := big.add(fromInt64(1)); got != (int128{hi: 1, lo: 0}) {
		t.Errorf("2^64-1 + 1 = %+v, want 2^64", got)
	}
	if got := (int128{hi: 1}).add(fromInt64(-1)).big().String(); got != "18446744073709551615" {
		t.Errorf("2^64 - 1 = %s", got)
	}
	if got := fromInt64(math.MinInt64).big().String(); got != "-9223372036854775808" {
		t.Errorf("MinInt64 = %s", got)
	}
}

func TestTQuantile975(t *testing.T) {
	// Reference values from the inverse of the regularised incomplete beta
	// function (mpmath, 30 digits).
	tests := []struct {
		df   int64
		want float64
	}{
		{1, 12.706204736174704},
		{2, 4.3026527297494637},
		{7, 2.3646242515927853},
		{30, 2.0422724563012383},
		{31, 2.0395134463964085},
		{40, 2.0210753903062734},
		{60, 2.0002978220142605},
		{120, 1.9799304050824408},
		{1000, 1.9623390808264085},
	}
	for _, tt := range tests {
		if got := TQuantile975(tt.df); math.Abs(got-tt.want) > 1e-6 {
			t.Errorf("TQuantile975(%d) = %.12f, want %.12f", tt.df, got, tt.want)
		}
	}
	if got := TQuantile975(0); !math.IsNaN(got) {
		t.Errorf("TQuantile975(0) = %v, want NaN", got)
	}
	if got := TQuantile975(1 << 40); math.Abs(got-1.959963984540054) > 1e-9 {
		t.Errorf("TQuantile975(2^40) = %v, want the normal quantile", got)
	}
}

func sameBits(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }

// TestStatMeanFastPath checks that Mean, which divides in float64 when the
// sum fits 53 bits, gives the bits of the exact rational it stands for,
// on sums near the edges of the fast path and beyond it.
func TestStatMeanFastPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 20000 {
		var s Stat
		s.n = 1 + rng.Int64N(1<<uint(1+i%40))
		q := rng.Int64N(1<<uint(1+i%55)) - rng.Int64N(1<<uint(1+i%55))
		if i%7 == 0 {
			q = 1<<53 - rng.Int64N(3) // around the bound
		}
		s.sum = fromInt64(q)
		if got, want := s.Mean(), s.meanExact(); math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("Σq=%d n=%d: Mean %v, exact %v", q, s.n, got, want)
		}
	}
}
