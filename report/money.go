package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/transcript"
)

// money says a side's value in the domain's own units where the domain has
// a price: a surplus of 0.06 to a seller who weighs a $300,000–$500,000
// price fully is "$12,000". A side's utility moves with the price at a
// fixed rate (its weight on the price times the value of a dollar), so
// any change of its value, whatever issue it came from, has a price that
// would have made the same change: that is the amount said. Domains
// without a numeric price, or whose price values are not linear, keep the
// 0–1 scale.
type money struct {
	ok             bool
	rate           [2]float64 // money per unit of utility, per role
	prefix, suffix string
}

// moneyOf finds the price of n's domain, an issue named "price" with
// numeric options whose values run linearly for both sides.
func moneyOf(n *transcript.Negotiation) money {
	if n == nil || n.Domain == nil || n.Prefs[0] == nil || n.Prefs[1] == nil {
		return money{}
	}
	for i, is := range n.Domain.Issues {
		if !strings.EqualFold(is.Name, "price") || len(is.Numeric) < 2 || len(is.Numeric) != len(is.Options) {
			continue
		}
		var m money
		for r := range 2 {
			p := n.Prefs[r]
			if i >= len(p.Weights) || i >= len(p.Values) || len(p.Values[i]) != len(is.Numeric) {
				return money{}
			}
			vs, xs := p.Values[i], is.Numeric
			slope := (vs[len(vs)-1] - vs[0]) / (xs[len(xs)-1] - xs[0])
			for k := range xs {
				if math.Abs(vs[0]+slope*(xs[k]-xs[0])-vs[k]) > 1e-6 {
					return money{} // not linear: no one rate
				}
			}
			if slope == 0 || p.Weights[i] <= 0 {
				return money{}
			}
			m.rate[r] = 1 / (p.Weights[i] * math.Abs(slope))
		}
		num := agents.FormatNumber(is.Numeric[0])
		pre, suf, found := strings.Cut(is.Options[0], num)
		if !found {
			return money{}
		}
		m.ok, m.prefix, m.suffix = true, pre, suf
		return m
	}
	return money{}
}

// amount says u, a value or a change of value to role r, in money: "$12,000",
// "$14/unit"; without a price, "0.12".
func (m money) amount(r agents.Role, u float64) string {
	if !m.ok {
		return fmt.Sprintf("%.2f", math.Abs(u))
	}
	return m.prefix + agents.FormatNumber(roundMoney(math.Abs(u)*m.rate[r])) + m.suffix
}

// signed says a change of value with its sign: "+$3/unit", "−$1,000".
func (m money) signed(r agents.Role, u float64) string {
	sign := "+"
	if u < 0 && m.amount(r, u) != m.amount(r, 0) {
		sign = "−"
	}
	return sign + m.amount(r, u)
}

// surplus says a side's surplus against its walk-away point: "$12,000
// above its walk-away point", "$3/unit below it".
func (m money) surplus(r agents.Role, s float64) string {
	switch a := m.amount(r, s); {
	case a == m.amount(r, 0):
		return "at its walk-away point"
	case s < 0:
		return a + " below its walk-away point"
	default:
		return a + " above its walk-away point"
	}
}

// roundMoney keeps three significant digits, whole amounts from 10 up and
// two decimals at most below: 12,345 → 12,300; 22.86 → 23; 2.345 → 2.35.
func roundMoney(x float64) float64 {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	mag := math.Pow(10, math.Floor(math.Log10(x))-2)
	if x >= 10 {
		mag = math.Max(mag, 1) // whole amounts: "$23/unit", not "$22.9/unit"
	}
	mag = math.Max(mag, 0.01)
	return math.Round(x/mag) * mag
}
