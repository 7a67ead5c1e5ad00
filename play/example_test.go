package play_test

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/play"
	"github.com/winwin-sim/winwin/strategies"
)

// A scripted buyer accepts the hard anchorer's opening at once; the
// debrief names the two mistakes and ties each piece of advice to the
// article.
func ExampleNewDebrief() {
	sc, _, err := configs.LoadDomain("price-haggle")
	if err != nil {
		panic(err)
	}
	spec, _ := strategies.Lookup("hard-anchorer")
	g := &play.Game{Scenario: sc, Partner: spec, As: agents.Buyer, Periods: 1, Rounds: 6, Model: arena.DefaultModel(), Seed: 1}
	rel, err := g.Play(context.Background(), strings.NewReader("accept\nyes\n"), io.Discard)
	if err != nil {
		panic(err)
	}
	db := play.NewDebrief(rel, agents.Buyer, false)
	fmt.Println(db.Deals[0])
	for _, n := range db.Did {
		fmt.Println("-", n.Kind)
	}
	for _, a := range db.Try {
		fmt.Printf("%d. %s (%s)\n", a.Point, play.Points[a.Point], a.For)
	}
	// Output:
	// Deal 1: a deal worth 0.30 ($60,000 on the price) less to you than no deal (win-lose).
	// - accepted-first-offer
	// - accepted-below-walk-away
	// 4. Prepare for price negotiation tactics (accepted-first-offer)
	// 3. Know your BATNA (accepted-below-walk-away)
	// 1. Focus on interests ()
}

func ExampleSharedIssues() {
	sc, _, err := configs.LoadDomain("supply-deal")
	if err != nil {
		panic(err)
	}
	for _, i := range play.SharedIssues(sc) {
		fmt.Println(sc.Domain.Issues[i].Name)
	}
	// Output:
	// volume
}

func ExampleMoney() {
	sc, _, err := configs.LoadDomain("price-haggle")
	if err != nil {
		panic(err)
	}
	// The buyer's value falls from 1 at $300,000 to 0 at $500,000.
	fmt.Println(play.Money(sc.Domain, sc.Prefs[agents.Buyer], 0.30))
	// Output:
	// $60,000
}
