package class_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/class"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/play"
	"github.com/winwin-sim/winwin/strategies"
)

// Two players save their sessions in one folder (as winwin play --save
// does); the class report reads them.
func ExampleLoad() {
	dir, err := os.MkdirTemp("", "class")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	sc, _, err := configs.LoadDomain("price-haggle")
	if err != nil {
		panic(err)
	}
	spec, _ := strategies.Lookup("integrative")
	for name, script := range map[string]string{
		"ada": "price=$380,000 why\nprice=$400,000\naccept\nyes\n",
		"bo":  "walk\nyes\n",
	} {
		g := &play.Game{Scenario: sc, Partner: spec, As: agents.Buyer, Periods: 1, Rounds: 6, Model: arena.DefaultModel(), Seed: 1, Player: name}
		s, err := g.PlaySession(context.Background(), strings.NewReader(script), io.Discard)
		if err != nil {
			panic(err)
		}
		if err := s.WriteFile(filepath.Join(dir, name+".json")); err != nil {
			panic(err)
		}
	}
	c, err := class.Load(dir)
	if err != nil {
		panic(err)
	}
	fmt.Print(c.Summary())
	// Output:
	// 2 sessions, 2 deals, 1 agreed · win-win 1 · no deal 1
	// Opened with an extreme anchor: nobody
	// Walked away: bo (without first showing dissatisfaction: bo)
}
