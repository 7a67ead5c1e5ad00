package arena_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
)

// story writes what a relationship record says, every float in full
// precision, so two stories are equal only when the records are bit for
// bit.
func story(r *arena.RelationshipRecord) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v %v %v %v %v\n", r.Payoff, r.OneShot, r.End, r.LeftBy, len(r.Periods))
	for _, p := range r.Periods {
		fmt.Fprintf(&b, "%d %v %v %+v %+v %v %v\n", p.Period, p.Outcome.Agreed, p.Outcome.Surplus, p.Analysis, p.Feel, p.Stayed, p.Draws)
	}
	return b.String()
}

// play runs t and returns each relationship's story by (pair, index).
func play(t *testing.T, tour arena.Tournament) map[[2]int]string {
	t.Helper()
	var mu sync.Mutex
	out := map[[2]int]string{}
	sink := &recordSink{f: func(r *arena.RelationshipRecord) {
		mu.Lock()
		defer mu.Unlock()
		out[[2]int{r.Pair.Index, r.Index}] = story(r)
	}}
	if _, err := tour.Run(context.Background(), sink); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRescoreIsPlaying checks what a sweep relies on: a relationship
// played with everyone always coming back and rescored under a model
// (and a number of periods) is, bit for bit, the relationship played
// under that model with the same seeds.
func TestRescoreIsPlaying(t *testing.T) {
	cfg, err := configs.Default()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Relationships, cfg.Workers = 3, 2
	// Every tactic the model charges for, and HardHeaded's late deals:
	// six of the classic entrants keep the test quick under -race.
	var some []configs.StrategyConfig
	for _, s := range cfg.Strategies {
		switch s.Name {
		case "hard-anchorer", "integrative", "flincher", "unbundler", "boulware", "hardheaded":
			some = append(some, s)
		}
	}
	cfg.Strategies = some
	base, err := cfg.Tournament()
	if err != nil {
		t.Fatal(err)
	}
	// Played once, for the most periods, everyone always coming back.
	forced := base
	forced.Model = arena.Always(base.Model)
	var mu sync.Mutex
	full := map[[2]int]*arena.RelationshipRecord{}
	keep := &recordSink{f: func(r *arena.RelationshipRecord) {
		c := *r
		c.Periods = append([]arena.PeriodRecord(nil), r.Periods...)
		mu.Lock()
		defer mu.Unlock()
		full[[2]int{r.Pair.Index, r.Index}] = &c
	}}
	if _, err := forced.Run(context.Background(), keep); err != nil {
		t.Fatal(err)
	}

	models := map[string]func(m *arena.Model){
		"default":         func(*arena.Model) {},
		"p_hi 0.5":        func(m *arena.Model) { m.PHigh = 0.5 },
		"discount 0.6":    func(m *arena.Model) { m.Discount = 0.6 },
		"expectation 1.6": func(m *arena.Model) { m.Expectation = 1.6 },
		"no penalties":    func(m *arena.Model) { m.PenaltyFlinch, m.PenaltyExtremeAnchor, m.PenaltyUnbundle = 0, 0, 0 },
		"always":          func(m *arena.Model) { *m = arena.Always(*m) },
	}
	for name, set := range models {
		for _, periods := range []int{base.Periods, 3} {
			t.Run(fmt.Sprintf("%s/%d periods", name, periods), func(t *testing.T) {
				direct := base
				set(&direct.Model)
				direct.Periods = periods
				want := play(t, direct)
				var dst arena.RelationshipRecord
				for k, src := range full {
					arena.Rescore(src, &direct.Model, periods, &dst)
					if got := story(&dst); got != want[k] {
						t.Fatalf("relationship %v rescored:\n%s\nplayed:\n%s", k, got, want[k])
					}
				}
			})
		}
	}
}

// TestForgetPlaysFreshAgents checks that with learning off every deal
// after the first is the one fresh agents make: the relationship's
// second deal is the first deal of a relationship that starts there.
func TestForgetChangesOnlyLaterDeals(t *testing.T) {
	cfg, err := configs.Default()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Relationships, cfg.Workers = 2, 2
	tour, err := cfg.Tournament()
	if err != nil {
		t.Fatal(err)
	}
	tour.Model = arena.Always(tour.Model)
	learn := play(t, tour)
	tour.Forget = true
	forget := play(t, tour)
	same, differ := 0, 0
	for k, s := range learn {
		f := forget[k]
		first := func(s string) string { return strings.SplitN(s, "\n", 3)[1] }
		if first(s) != first(f) {
			t.Fatalf("relationship %v: learning off changed the first deal:\n%s\n%s", k, first(s), first(f))
		}
		if s == f {
			same++
		} else {
			differ++
		}
	}
	if differ == 0 {
		t.Fatalf("learning off changed no relationship (%d the same)", same)
	}
}
