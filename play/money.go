package play

import (
	"fmt"
	"math"
	"strings"

	"github.com/winwin-sim/winwin/agents"
)

// Money says what a change of value du is worth to the side with
// preferences p in the domain's money: the change of price that moves p's
// value by as much ("$60,000", "$16/unit"). It returns "" when the domain
// has no numeric issue called price, or when p's value of the price is
// not a straight line of it (then no single amount of money says it).
func Money(d *agents.Domain, p *agents.Preferences, du float64) string {
	i, perUnit, ok := moneyScale(d, p)
	if !ok {
		return ""
	}
	is := &d.Issues[i]
	step := math.Abs(is.Numeric[1] - is.Numeric[0])
	grain := step / 5
	amount := math.Round(math.Abs(du)/perUnit/grain) * grain
	return moneyLabel(is, amount)
}

// moneyScale finds the price issue of d and how much value to p one unit
// of money on it is worth.
func moneyScale(d *agents.Domain, p *agents.Preferences) (i int, perUnit float64, ok bool) {
	if p == nil {
		return -1, 0, false
	}
	i = d.IssueIndex("price")
	if i < 0 || i >= len(p.Weights) || d.Issues[i].Numeric == nil || len(d.Issues[i].Numeric) < 2 || p.Weights[i] <= 0 {
		return -1, 0, false
	}
	xs, vs := d.Issues[i].Numeric, p.Values[i]
	n := len(xs)
	span := xs[n-1] - xs[0]
	if span == 0 {
		return -1, 0, false
	}
	slope := (vs[n-1] - vs[0]) / span
	if slope == 0 {
		return -1, 0, false
	}
	for k := range xs {
		if math.Abs(vs[0]+slope*(xs[k]-xs[0])-vs[k]) > 1e-6 {
			return -1, 0, false
		}
	}
	return i, p.Weights[i] * math.Abs(slope), true
}

// moneyLabel writes amount as the issue writes its options: "$12,000",
// "$16/unit".
func moneyLabel(is *agents.Issue, amount float64) string {
	lab := is.Options[0]
	num := agents.FormatNumber(is.Numeric[0])
	s := agents.FormatNumber(amount)
	if j := strings.Index(lab, num); j >= 0 {
		return lab[:j] + s + lab[j+len(num):]
	}
	return s
}

// valueWords writes a value difference with its money, when the domain
// has a price: "0.30 ($60,000 on the price)", else "0.30".
func valueWords(d *agents.Domain, p *agents.Preferences, du float64) string {
	v := fmt.Sprintf("%.2f", math.Abs(du))
	if m := Money(d, p, du); m != "" && m != moneyLabel(&d.Issues[d.IssueIndex("price")], 0) {
		return v + " (" + m + " on the price)"
	}
	return v
}
