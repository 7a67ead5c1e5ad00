package strategies_test

import (
	"fmt"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/strategies"
)

// A hard anchorer sells a car to an integrative buyer. The seller opens at
// its best outcome, tagged anchor (and detected as extreme: it is worth
// less to the buyer than the buyer's walk-away point); the buyer does not
// react to the number: it makes its own first offer and asks how the
// number was reached. The seller justifies its number and holds it until
// its last move, when it gives the warranty; the buyer, which cares most
// about the warranty, gives way on price only. They meet at $14k with a
// 3-year warranty: worth 0.6 and 0.7, more for both than splitting each
// issue down the middle (0.5 each).
func Example() {
	price, err := agents.NumericIssue("price", 10, 14, 1, "$", "k")
	if err != nil {
		panic(err)
	}
	car := &agents.Domain{Name: "car", Issues: []agents.Issue{
		price,
		{Name: "warranty", Options: []string{"1 year", "2 years", "3 years"}},
	}}
	seller := &arena.Party{Prefs: &agents.Preferences{
		Weights:     []float64{0.6, 0.4},
		Values:      [][]float64{agents.Linear(5, true), agents.Linear(3, false)},
		Reservation: 0.2,
	}, Rand: arena.NewRand(1, 0)}
	buyer := &arena.Party{Prefs: &agents.Preferences{
		Weights:     []float64{0.3, 0.7},
		Values:      [][]float64{agents.Linear(5, false), agents.Linear(3, true)},
		Reservation: 0.2,
	}, Rand: arena.NewRand(1, 1)}
	for _, p := range []struct {
		party *arena.Party
		name  string
	}{{seller, "hard-anchorer"}, {buyer, "integrative"}} {
		newAgent, err := strategies.Factory(p.name, nil)
		if err != nil {
			panic(err)
		}
		p.party.Agent = newAgent()
	}

	var table arena.Table
	out := table.Negotiate(arena.Setup{Domain: car, Deadline: 6, Opener: agents.Seller, Record: true}, seller, buyer)
	for _, st := range out.Transcript {
		line := fmt.Sprintf("%-6s %s", st.By, st.Move.Kind)
		if st.Move.Kind == agents.MoveOffer {
			line += " " + car.Format(st.Move.Offer)
		}
		if tags := st.Move.Tags | st.Detected; tags != 0 {
			line += " [" + tags.String() + "]"
		}
		if st.Move.Say != "" {
			line += " " + fmt.Sprintf("%q", st.Move.Say)
		}
		fmt.Println(line)
	}
	fmt.Printf("agreed=%v utilities: seller %.2f, buyer %.2f\n", out.Agreed, out.Utility[agents.Seller], out.Utility[agents.Buyer])
	// Output:
	// seller offer price=$14k warranty=1 year [anchor+extreme-anchor] "This is our price, and it's a fair one for what you get."
	// buyer  offer price=$12k warranty=3 years [ask-why] "How did you arrive at that price? What is it based on?"
	// seller offer price=$14k warranty=1 year [justify] "That's what it costs us to deliver, and what it's worth to you."
	// buyer  offer price=$13k warranty=3 years
	// seller offer price=$14k warranty=1 year
	// buyer  offer price=$13k warranty=3 years
	// seller offer price=$14k warranty=1 year
	// buyer  offer price=$13k warranty=3 years
	// seller offer price=$14k warranty=1 year
	// buyer  offer price=$13k warranty=3 years
	// seller offer price=$14k warranty=3 years
	// buyer  accept
	// agreed=true utilities: seller 0.60, buyer 0.70
}
