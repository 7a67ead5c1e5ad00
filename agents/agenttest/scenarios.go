package agenttest

import (
	"fmt"
	"slices"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// scenarios are the kit's small test domains, each small enough to follow
// by hand, and each probing something:
var scenarios = []struct {
	name, doc string
	make      func() arena.Scenario
}{
	{"car", "a car: price $10k…$14k and a 1–3 year warranty; the buyer cares more about the warranty, so there is room to trade (reservations 0.3 and 0.25)", car},
	{"price", "one price of 11 options, every gain of one side the other's loss; both walk away below 0.4", price},
	{"bundle", "price, delivery, colour (both want blue), an installation add-on and a venue with a single option", bundle},
	{"no-deal", "one price where both walk away below 0.7: no offer is good enough for both", noDeal},
	{"fixed", "two issues with a single option each, so only one outcome exists, worth 1 to the seller but 0.3 to the buyer, who walks away below 0.5", fixed},
}

// Scenario returns a fresh copy of one of the kit's small test scenarios,
// for Versus negotiations:
//
//	car      price ($10k…$14k, options 0–4) and warranty (1, 2 or 3 years,
//	         options 0–2). The seller weighs price 0.6 (values rise with
//	         the price) and warranty 0.4 (values fall: 1, .5, 0), walking
//	         away below 0.3; the buyer weighs price 0.3 (values fall) and
//	         warranty 0.7 (values rise), walking away below 0.25.
//	price    one issue of 11 options, opposed linear values, both sides
//	         walking away below 0.4.
//	bundle   price (6 options), delivery (4), colour (3: both like blue,
//	         option 1, best), installation (an add-on: 0 left out, 1
//	         included) and venue (a single option).
//	no-deal  like price, but both sides walk away below 0.7.
//	fixed    two issues with one option each: the only outcome is worth 1
//	         to the seller and 0.3 to the buyer, whose reservation is 0.5.
//
// It panics on an unknown name.
func Scenario(name string) arena.Scenario {
	for _, s := range scenarios {
		if s.name == name {
			return s.make()
		}
	}
	names := make([]string, len(scenarios))
	for i, s := range scenarios {
		names[i] = s.name
	}
	panic(fmt.Sprintf("agenttest: no scenario %q (have %s)", name, strings.Join(names, ", ")))
}

func mustIssue(is agents.Issue, err error) agents.Issue {
	if err != nil {
		panic(err)
	}
	return is
}

func car() arena.Scenario {
	d := &agents.Domain{Name: "car", Issues: []agents.Issue{
		mustIssue(agents.NumericIssue("price", 10, 14, 1, "$", "k")),
		{Name: "warranty", Options: []string{"1 year", "2 years", "3 years"}},
	}}
	return arena.Scenario{Domain: d, Prefs: [2]*agents.Preferences{
		{Weights: []float64{0.6, 0.4}, Values: [][]float64{agents.Linear(5, true), agents.Linear(3, false)}, Reservation: 0.3},
		{Weights: []float64{0.3, 0.7}, Values: [][]float64{agents.Linear(5, false), agents.Linear(3, true)}, Reservation: 0.25},
	}}
}

func opposed(name string, res float64) arena.Scenario {
	d := &agents.Domain{Name: name, Issues: []agents.Issue{mustIssue(agents.NumericIssue("price", 100, 200, 10, "$", ""))}}
	return arena.Scenario{Domain: d, Prefs: [2]*agents.Preferences{
		{Weights: []float64{1}, Values: [][]float64{agents.Linear(11, true)}, Reservation: res},
		{Weights: []float64{1}, Values: [][]float64{agents.Linear(11, false)}, Reservation: res},
	}}
}

func price() arena.Scenario  { return opposed("price", 0.4) }
func noDeal() arena.Scenario { return opposed("no-deal", 0.7) }

func bundle() arena.Scenario {
	d := &agents.Domain{Name: "bundle", Issues: []agents.Issue{
		mustIssue(agents.NumericIssue("price", 50, 100, 10, "$", "")),
		{Name: "delivery", Options: []string{"1 week", "2 weeks", "4 weeks", "8 weeks"}},
		{Name: "colour", Options: []string{"red", "blue", "green"}},
		{Name: "installation", Options: []string{"left out", "included"}, Item: true},
		{Name: "venue", Options: []string{"their site"}},
	}}
	blue := []float64{0.2, 1, 0}
	return arena.Scenario{Domain: d, Prefs: [2]*agents.Preferences{
		{Weights: []float64{0.5, 0.1, 0.1, 0.2, 0.1}, Values: [][]float64{agents.Linear(6, true), agents.Linear(4, true), blue, {1, 0}, {1}}, Reservation: 0.35},
		{Weights: []float64{0.3, 0.3, 0.1, 0.2, 0.1}, Values: [][]float64{agents.Linear(6, false), agents.Linear(4, false), slices.Clone(blue), {0, 1}, {1}}, Reservation: 0.35},
	}}
}

func fixed() arena.Scenario {
	d := &agents.Domain{Name: "fixed", Issues: []agents.Issue{
		{Name: "venue", Options: []string{"the hall"}},
		{Name: "date", Options: []string{"1 May"}},
	}}
	return arena.Scenario{Domain: d, Prefs: [2]*agents.Preferences{
		{Weights: []float64{0.5, 0.5}, Values: [][]float64{{1}, {1}}, Reservation: 0.2},
		{Weights: []float64{0.5, 0.5}, Values: [][]float64{{0.2}, {0.4}}, Reservation: 0.5},
	}}
}
