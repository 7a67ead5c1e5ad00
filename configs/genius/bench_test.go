package genius_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/configs/genius"
	"github.com/winwin-sim/winwin/strategies"
)

// officeLease is the shipped example: 6 issues (two discrete, three
// integer, one real), 69,300 outcomes, two profiles.
const officeLease = "../scenarios/office-lease"

// Importing a 6-issue scenario of 69,300 outcomes takes well under a
// millisecond; through configs.LoadDomain, which also writes and reads
// back its winwin domain, a few milliseconds.
//
//	go test ./configs/genius/ -run '^$' -bench Import -benchmem -cpu 1
func BenchmarkImport(b *testing.B) {
	b.Run("genius.Load", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := genius.Load(officeLease, genius.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("configs.LoadDomain", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := configs.LoadDomain("genius:" + officeLease); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// sameShape returns a winwin domain written by hand with the issues and
// option counts of sc: every issue distributive, "ascending" for the
// seller and "descending" for the buyer, weights even, reservations 0.3.
func sameShape(b *testing.B, sc *genius.Scenario) arena.Scenario {
	var t strings.Builder
	t.WriteString("name = \"same-shape\"\n")
	w := 1 / float64(len(sc.Domain.Issues))
	for i, is := range sc.Domain.Issues {
		fmt.Fprintf(&t, "\n[[issues]]\nname = \"i%d\"\noptions = [", i)
		for k := range is.Options {
			if k > 0 {
				t.WriteString(", ")
			}
			fmt.Fprintf(&t, "\"%d\"", k)
		}
		fmt.Fprintf(&t, "]\nseller = { weight = %v, values = \"ascending\" }\nbuyer = { weight = %v, values = \"descending\" }\n", w, w)
	}
	t.WriteString("\n[seller]\nreservation = 0.3\n\n[buyer]\nreservation = 0.3\n")
	out, err := configs.ParseDomain([]byte(t.String()), "same-shape.toml")
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// A negotiation on an imported scenario costs what one on a winwin domain
// of the same size does: the import ends in the same agents.Domain and
// agents.Preferences, and the round loop allocates nothing on either.
//
//	go test ./configs/genius/ -run '^$' -bench Negotiate -benchmem -cpu 1
func BenchmarkNegotiate(b *testing.B) {
	sc, err := genius.Load(officeLease, genius.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		sc   arena.Scenario
	}{
		{"imported", arena.Scenario{Domain: sc.Domain, Prefs: sc.Prefs}},
		{"winwin-same-shape", sameShape(b, sc)},
	} {
		for _, pair := range [][2]string{{"boulware", "conceder"}, {"integrative", "hard-anchorer"}} {
			b.Run(c.name+"/"+pair[0]+"-"+pair[1], func(b *testing.B) {
				var news [2]func() agents.Agent
				for r, name := range pair {
					if news[r], err = strategies.Factory(name, nil); err != nil {
						b.Fatal(err)
					}
				}
				setup := arena.Setup{Domain: c.sc.Domain, Deadline: 50, Opener: agents.Seller}
				rs, rb := arena.NewRand(1, 18, 1), arena.NewRand(1, 18, 2)
				var tbl arena.Table
				rounds := 0
				b.ReportAllocs()
				for b.Loop() {
					ps := arena.Party{Agent: news[0](), Prefs: c.sc.Prefs[0], Rand: rs}
					pb := arena.Party{Agent: news[1](), Prefs: c.sc.Prefs[1], Rand: rb}
					out := tbl.Negotiate(setup, &ps, &pb)
					if out.Fault != nil {
						b.Fatal(out.Fault)
					}
					rounds += out.Rounds
				}
				b.ReportMetric(float64(rounds)/float64(b.N), "rounds/negotiation")
			})
		}
	}
}

// The Pareto frontier each relationship computes, on the imported
// scenario and on a winwin domain of the same size.
func BenchmarkFrontier(b *testing.B) {
	sc, err := genius.Load(officeLease, genius.Options{})
	if err != nil {
		b.Fatal(err)
	}
	same := sameShape(b, sc)
	b.Run("imported", func(b *testing.B) {
		for b.Loop() {
			arena.NewFrontier(sc.Domain, sc.Prefs[0], sc.Prefs[1])
		}
	})
	b.Run("winwin-same-shape", func(b *testing.B) {
		for b.Loop() {
			arena.NewFrontier(same.Domain, same.Prefs[0], same.Prefs[1])
		}
	})
}
