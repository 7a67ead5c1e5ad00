package arena_test

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/strategies"
)

// Performance workload W1 (docs/model.md#workload-w1): 5 issues × 10 options. Side A (the
// seller, who opens) draws weights uniform(0,1), normalised, and values
// option v at v/9; side B draws its own weights and values v at (9−v)/9 on
// issues 0–2 (distributive) and v/9 on issues 3–4 (compatible).
// Reservation 0, deadline 100 rounds, fresh weights every negotiation.
//
// Run it on one core:
//
//	go test ./arena/ -run '^$' -bench W1 -benchmem -cpu 1

const (
	w1Issues   = 5
	w1Options  = 10
	w1Deadline = 100
)

// w1Domain returns the W1 domain: issues "i0".."i4" with options "0".."9".
func w1Domain() *agents.Domain {
	d := &agents.Domain{Name: "W1"}
	for i := range w1Issues {
		is := agents.Issue{Name: "i" + strconv.Itoa(i)}
		for k := range w1Options {
			is.Options = append(is.Options, strconv.Itoa(k))
		}
		d.Issues = append(d.Issues, is)
	}
	return d
}

// w1Values are the fixed option values: ascending v/9 and descending (9−v)/9.
var (
	w1Up   = agents.Linear(w1Options, true)
	w1Down = agents.Linear(w1Options, false)
)

// w1Prefs returns fresh preferences for side A (b false) or B (b true) with
// weights drawn from r. The value tables are the workload's constants and
// are shared read-only.
func w1Prefs(r *rand.Rand, b bool) *agents.Preferences {
	p := &agents.Preferences{Weights: make([]float64, w1Issues), Values: make([][]float64, w1Issues)}
	sum := 0.0
	for i := range p.Weights {
		p.Weights[i] = r.Float64()
		sum += p.Weights[i]
	}
	for i := range p.Weights {
		p.Weights[i] /= sum
		p.Values[i] = w1Up
		if b && i < 3 {
			p.Values[i] = w1Down
		}
	}
	return p
}

// w1Stats sums what the benchmark reports.
type w1Stats struct {
	negotiations, offers, rounds, agreed int
}

// w1Run runs n W1 negotiations of strategy a (side A, opening) against b
// (side B), each with fresh preferences and fresh agents, on one reused
// table.
func w1Run(tb testing.TB, n int, a, b string) w1Stats {
	newA, err := strategies.Factory(a, nil)
	if err != nil {
		tb.Fatal(err)
	}
	newB, err := strategies.Factory(b, nil)
	if err != nil {
		tb.Fatal(err)
	}
	d := w1Domain()
	setup := arena.Setup{Domain: d, Deadline: w1Deadline, Opener: agents.Seller}
	weights := arena.NewRand(1, 7)
	randA, randB := arena.NewRand(1, 7, 1), arena.NewRand(1, 7, 2)
	var tbl arena.Table
	var st w1Stats
	for range n {
		pa := arena.Party{Agent: newA(), Prefs: w1Prefs(weights, false), Rand: randA}
		pb := arena.Party{Agent: newB(), Prefs: w1Prefs(weights, true), Rand: randB}
		out := tbl.Negotiate(setup, &pa, &pb)
		if out.Fault != nil {
			tb.Fatalf("%s vs %s: %v", a, b, out.Fault)
		}
		st.negotiations++
		st.rounds += out.Rounds
		st.offers += out.Turns
		if !out.Deadline {
			st.offers-- // the last move accepted or walked away
		}
		if out.Agreed {
			st.agreed++
		}
	}
	return st
}

func benchW1(b *testing.B, sideA, sideB string) {
	b.ReportAllocs()
	st := w1Run(b, b.N, sideA, sideB)
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(st.negotiations)/sec, "negotiations/s")
	b.ReportMetric(float64(st.offers)/sec, "offers/s")
	b.ReportMetric(float64(st.rounds)/float64(st.negotiations), "rounds/negotiation")
	b.ReportMetric(100*float64(st.agreed)/float64(st.negotiations), "%agreed")
}

// BenchmarkW1BoulwareConceder is W1 with Boulware (e = 0.2) opening against
// Conceder (e = 2). Time-dependent agents elsewhere agree after about 37
// rounds.
func BenchmarkW1BoulwareConceder(b *testing.B) { benchW1(b, "boulware", "conceder") }

// BenchmarkW1BoulwareBoulware is W1 with Boulware against Boulware, who
// elsewhere agree after about 81 rounds.
func BenchmarkW1BoulwareBoulware(b *testing.B) { benchW1(b, "boulware", "boulware") }

// TestW1 checks the workload's shape on a fixed sample: the pairings agree
// nearly always, Boulware against Conceder well before Boulware against
// Boulware, and both within the deadline's last stretch where the
// literature puts them (about 37 and 81 rounds).
func TestW1(t *testing.T) {
	tests := []struct {
		a, b     string
		lo, hi   float64 // bounds on mean rounds
		minAgree float64
	}{
		{"boulware", "conceder", 25, 50, 0.99},
		{"boulware", "boulware", 70, 95, 0.99},
	}
	for _, tt := range tests {
		st := w1Run(t, 300, tt.a, tt.b)
		mean := float64(st.rounds) / float64(st.negotiations)
		agree := float64(st.agreed) / float64(st.negotiations)
		t.Logf("%s vs %s: mean rounds %.1f, agreed %.1f%%", tt.a, tt.b, mean, 100*agree)
		if mean < tt.lo || mean > tt.hi {
			t.Errorf("%s vs %s: mean rounds %.1f, want %v..%v", tt.a, tt.b, mean, tt.lo, tt.hi)
		}
		if agree < tt.minAgree {
			t.Errorf("%s vs %s: agreed in %.1f%%, want at least %.0f%%", tt.a, tt.b, 100*agree, 100*tt.minAgree)
		}
	}
}
