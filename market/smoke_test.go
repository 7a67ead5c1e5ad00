package market_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/market"
)

func TestSmoke(t *testing.T) {
	cfg, err := configs.Default()
	if err != nil {
		t.Fatal(err)
	}
	tour, _ := cfg.Tournament()
	m := market.Market{Scenario: tour.Scenario, Entrants: tour.Entrants, Params: market.DefaultParams(), Deadline: cfg.Rounds, Jitter: cfg.Jitter, Model: cfg.Model, Seed: 1}
	m.Params.Periods = 50
	start := time.Now()
	rep, err := m.Replicate(0)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%v: %d negotiations, %d buyers", time.Since(start), rep.Negotiations, rep.Buyers)
	for _, tt := range []int{0, 1, 5, 20, 49} {
		line := ""
		for i := range rep.Sellers {
			c := rep.Cell(tt, i)
			line += " " + tour.Entrants[rep.Sellers[i]].Name[:4] + ":" + itoa(c.Customers) + "/" + ftoa(c.Reputation)
		}
		t.Log(tt, line)
	}
}
func itoa(i int) string     { return fmt.Sprint(i) }
func ftoa(f float64) string { return fmt.Sprintf("%.2f", f) }
