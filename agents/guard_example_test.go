package agents_test

import (
	"fmt"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/agents/agenttest"
)

// A seller on the kit's car scenario (price 0–4, warranty 0–2) opens where
// the partner keeps its walk-away point by the opposed prior, then
// concedes without taking back the warranty it gave.
func ExampleOfferSearch_Concede() {
	seller := agenttest.Scenario("car").Prefs[agents.Seller]
	var s agents.OfferSearch
	s.Build(seller, nil)
	open := s.Opening(seller.Reservation)
	fmt.Printf("best %.2f, opening %.2f\n", seller.MaxUtility(), open)

	v := &agents.View{Prefs: seller, Role: agents.Seller, Opener: agents.Seller}
	var mine agents.Offer
	for _, target := range []float64{open, 0.5, 0.4} {
		var u float64
		mine, u = s.Concede(v, target, mine)
		fmt.Printf("target %.2f: offer %v worth %.2f\n", target, mine, u)
		// The partner answers with its own best offer each time.
		v.Moves = append(v.Moves, agents.Propose(mine.Clone(), 0), agents.Propose(agents.Offer{0, 2}, 0))
	}
	// Output:
	// best 1.00, opening 0.60
	// target 0.60: offer [4 2] worth 0.60
	// target 0.50: offer [4 2] worth 0.60
	// target 0.40: offer [3 2] worth 0.45
}

// A buyer on the kit's car scenario (price 0–4, warranty 0–2) learns from
// the seller's offers. The seller comes down on price but never moves on
// warranty, so a frequency model weighs warranty more with every offer.
// The buyer keeps the estimate's option values fixed (the seller opposed
// on every issue), so only the weights change: it reweighs the ladder
// instead of building it anew. Once warranty weighs three times price,
// the ladder concedes warranty first.
func ExampleOfferSearch_Reweigh() {
	sc := agenttest.Scenario("car")
	buyer := sc.Prefs[agents.Buyer]
	model := agents.NewFrequencyModel(sc.Domain)
	est := model.NewEstimate()
	for i, vs := range buyer.Values {
		for k, x := range vs {
			est.Values[i][k] = 1 - x
		}
	}
	var s agents.OfferSearch
	model.EstimateWeights(est)
	s.Build(buyer, est)
	for _, seller := range []agents.Offer{{4, 0}, {3, 0}, {2, 0}} {
		model.Observe(seller)
		model.EstimateWeights(est)
		s.Reweigh(buyer, est)
		fmt.Printf("after %v: weights %.2f, ladder", seller, est.Weights)
		for r := range s.Len() {
			o, _ := s.Rung(r)
			fmt.Printf(" %v", o)
		}
		fmt.Println()
	}
	// Output:
	// after [4 0]: weights [0.50 0.50], ladder [0 2] [1 2] [2 2] [3 2] [4 2] [4 1] [4 0]
	// after [3 0]: weights [0.33 0.67], ladder [0 2] [1 2] [2 2] [3 2] [4 2] [4 1] [4 0]
	// after [2 0]: weights [0.25 0.75], ladder [0 2] [0 1] [0 0] [1 0] [2 0] [3 0] [4 0]
}
