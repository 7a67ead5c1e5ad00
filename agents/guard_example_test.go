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
