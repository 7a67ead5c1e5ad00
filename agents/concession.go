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
	switch e {
	case 1:
		f = t
	case 0.5:
		f = t * t
	case 2:
		f = math.Sqrt(t)
	default:
		f = math.Pow(t, 1/e)
	}
	return min + (max-min)*(1-f)
}
