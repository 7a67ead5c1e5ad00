package results

import (
	"math"
	"math/big"
	"math/bits"
)

// Fixed-point parameters of Stat.
const (
	// StatResolution is the quantum to which Stat rounds every value:
	// 2^-32 ≈ 2.3e-10.
	StatResolution = 1.0 / (1 << fracBits)
	// StatLimit bounds the magnitude of the values Stat accumulates: larger
	// ones (and infinities) are clamped to ±StatLimit, NaN counts as 0. At
	// this bound 2^23 values fit before the sum of squares could overflow;
	// payoffs in utility units are many orders of magnitude smaller.
	StatLimit = 1 << 20
	fracBits  = 32
)

// A Stat accumulates the count, sum and sum of squares of a stream of
// values, from which it derives their mean, standard deviation and a 95%
// confidence interval of the mean.
//
// Floating-point addition is not associative: summing the same values in
// another order, or in partial sums merged in another order, changes the
// last bits. A Stat therefore rounds each value to a multiple of
// StatResolution and keeps the sums as exact 128-bit integers, so adding and
// merging are exact: any split of the same values into Stats, merged in any
// order, gives identical bits. That is what makes a tournament's results
// independent of its number of workers and shards.
//
// The zero Stat is empty and ready to use.
type Stat struct {
	n   int64
	sum int128 // Σ q, q = round(x·2^32)
	sq  int128 // Σ q², in units of 2^-64
}

// Add accumulates x.
func (s *Stat) Add(x float64) {
	q := quantize(x)
	s.n++
	s.sum = s.sum.add(fromInt64(q))
	a := uint64(q)
	if q < 0 {
		a = uint64(-q)
	}
	hi, lo := bits.Mul64(a, a)
	s.sq = s.sq.add(int128{hi: hi, lo: lo})
}

// Merge adds the values accumulated by o, exactly.
func (s *Stat) Merge(o Stat) {
	s.n += o.n
	s.sum = s.sum.add(o.sum)
	s.sq = s.sq.add(o.sq)
}

// N returns the number of values accumulated.
func (s Stat) N() int64 { return s.n }

// Sum returns the sum of the (rounded) values.
func (s Stat) Sum() float64 {
	f, _ := new(big.Float).SetInt(s.sum.big()).Float64()
	return f * StatResolution
}

// Mean returns the mean of the (rounded) values, correctly rounded to
// float64; NaN when the Stat is empty.
func (s Stat) Mean() float64 {
	if s.n == 0 {
		return math.NaN()
	}
	// Σq and n both exact in a float64: IEEE division rounds their
	// quotient correctly, and the power of two is exact. Otherwise the
	// exact rational below (TestStatMeanFastPath checks they agree).
	if q := int64(s.sum.lo); s.sum.hi == uint64(q>>63) && q >= -1<<53 && q <= 1<<53 && s.n <= 1<<53 {
		return math.Ldexp(float64(q)/float64(s.n), -fracBits)
	}
	return s.meanExact()
}

// meanExact is Mean computed from the exact rational Σq / (n·2^32).
func (s Stat) meanExact() float64 {
	den := new(big.Int).Lsh(big.NewInt(s.n), fracBits)
	f, _ := new(big.Rat).SetFrac(s.sum.big(), den).Float64()
	return f
}

// Variance returns the sample variance (with n−1 in the denominator),
// computed exactly from the integer sums and rounded once; NaN with fewer
// than two values.
func (s Stat) Variance() float64 {
	if s.n < 2 {
		return math.NaN()
	}
	n := big.NewInt(s.n)
	sum := s.sum.big()
	num := new(big.Int).Mul(n, s.sq.big())        // n·Σq²
	num.Sub(num, new(big.Int).Mul(sum, sum))      // − (Σq)²
	den := new(big.Int).Mul(n, big.NewInt(s.n-1)) // n(n−1)
	den.Lsh(den, 2*fracBits)
	f, _ := new(big.Rat).SetFrac(num, den).Float64()
	return math.Max(f, 0)
}

// SD returns the sample standard deviation; NaN with fewer than two values.
func (s Stat) SD() float64 { return math.Sqrt(s.Variance()) }

// CI returns the 95% confidence interval of the mean,
// mean ± t·sd/√n, where t is the 0.975 quantile of Student's t
// distribution with n−1 degrees of freedom (12.71 for n = 2, 2.09 for
// n = 20, 1.96 as n grows). With fewer than two values the interval is
// undefined and both bounds are NaN.
func (s Stat) CI() (lo, hi float64) {
	if s.n < 2 {
		return math.NaN(), math.NaN()
	}
	return s.ci(s.Mean(), s.SD())
}

// ci returns the interval of CI from the Stat's mean m and sd.
func (s Stat) ci(m, sd float64) (lo, hi float64) {
	h := TQuantile975(s.n-1) * sd / math.Sqrt(float64(s.n))
	return m - h, m + h
}

// Estimate summarises the Stat. It computes the exact mean and variance
// once each (CI would compute them again).
func (s Stat) Estimate() Estimate {
	e := Estimate{N: s.n, Mean: s.Mean(), SD: s.SD(), Low: math.NaN(), High: math.NaN()}
	if s.n >= 2 {
		e.Low, e.High = s.ci(e.Mean, e.SD)
	}
	return e
}

// An Estimate is a mean with its spread: the number of values, their mean
// and sample standard deviation, and the 95% confidence interval [Low,
// High] of the mean (see Stat.CI). Undefined figures are NaN: all of them
// without values, SD, Low and High with a single value.
type Estimate struct {
	N                   int64
	Mean, SD, Low, High float64
}

// quantize rounds x to the nearest multiple of StatResolution, in units of
// StatResolution.
func quantize(x float64) int64 {
	switch {
	case math.IsNaN(x):
		return 0
	case x > StatLimit:
		x = StatLimit
	case x < -StatLimit:
		x = -StatLimit
	}
	return int64(math.Round(math.Ldexp(x, fracBits)))
}

// t975 holds the 0.975 quantiles of Student's t distribution for 1 to 30
// degrees of freedom.
var t975 = [...]float64{
	12.706204736174704, 4.3026527297494637, 3.1824463052837095, 2.7764451051977943, 2.5705818356363155,
	2.4469118511449699, 2.3646242515927853, 2.3060041352041666, 2.2621571627982055, 2.2281388519862747,
	2.2009851600916398, 2.1788128296672288, 2.1603686564627925, 2.1447866879178038, 2.1314495455597757,
	2.1199052992212546, 2.1098155778333171, 2.1009220402410385, 2.0930240544083097, 2.0859634472658648,
	2.0796138447276804, 2.0738730679040261, 2.0686576104190486, 2.0638985616280258, 2.0595385527532977,
	2.0555294386428732, 2.0518305164802855, 2.0484071417952451, 2.0452296421327043, 2.0422724563012383,
}

// TQuantile975 returns the 0.975 quantile of Student's t distribution with
// df degrees of freedom: the factor of a two-sided 95% confidence interval.
// Up to 30 degrees of freedom it comes from a table; beyond, from the
// Cornish–Fisher expansion around the normal quantile 1.959964
// (Abramowitz & Stegun 26.7.5), accurate there to better than 1e-6. It
// returns NaN for df < 1.
func TQuantile975(df int64) float64 {
	if df < 1 {
		return math.NaN()
	}
	if df <= int64(len(t975)) {
		return t975[df-1]
	}
	const z = 1.959963984540054
	v := float64(df)
	z2 := z * z
	g1 := (z2 + 1) * z / 4
	g2 := ((5*z2+16)*z2 + 3) * z / 96
	g3 := (((3*z2+19)*z2+17)*z2 - 15) * z / 384
	g4 := ((((79*z2+776)*z2+1482)*z2-1920)*z2 - 945) * z / 92160
	return z + g1/v + g2/(v*v) + g3/(v*v*v) + g4/(v*v*v*v)
}

// int128 is a signed 128-bit integer in two's complement: hi holds the
// upper 64 bits (its top bit is the sign), lo the lower.
type int128 struct{ hi, lo uint64 }

func fromInt64(x int64) int128 { return int128{hi: uint64(x >> 63), lo: uint64(x)} }

func (a int128) add(b int128) int128 {
	lo, carry := bits.Add64(a.lo, b.lo, 0)
	hi, _ := bits.Add64(a.hi, b.hi, carry)
	return int128{hi: hi, lo: lo}
}

// big returns a as a big.Int.
func (a int128) big() *big.Int {
	b := big.NewInt(int64(a.hi))
	b.Lsh(b, 64)
	return b.Add(b, new(big.Int).SetUint64(a.lo))
}
