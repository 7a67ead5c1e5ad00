package agents

import "math"

// TargetUtility is the time-dependent concession curve of Faratin, Sierra &
// Jennings (1998):
//
//	p(t) = min + (max − min) · (1 − t^(1/e))
//
// at relative time t in [0,1]. The concession exponent e shapes it: e < 1
// concedes late (Boulware, e = 0.2), e = 1 evenly (linear), e > 1 early
// (Conceder, e = 2), and e = 0 never (a hardliner stays at max).
func TargetUtility(t, e, min, max float64) float64 {
	if e <= 0 || t <= 0 {
		return max
	}
	if t >= 1 {
		return min
	}
	var f float64
	switch inv := 1 / e; {
	case e == 2:
		f = math.Sqrt(t)
	case inv == math.Trunc(inv) && inv <= 16:
		// t^n by squaring: e = 1/n covers Boulware (n = 5) and linear.
		f = 1.0
		for b, n := t, int(inv); n > 0; n >>= 1 {
			if n&1 == 1 {
				f *= b
			}
			b *= b
		}
	default:
		f = math.Pow(t, inv)
	}
	return min + (max-min)*(1-f)
}
