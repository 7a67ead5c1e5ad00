package results

import (
	"bytes"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
)

// The tactic counts and the mean rounds to a deal of summary.csv and
// roles.csv, against a count by brute force over the same negotiations,
// and the same however the negotiations are split into shards.
func TestTacticCounts(t *testing.T) {
	opts := synthOptions{entrants: 4, rels: 10, periods: 5, seed: 11, faultRate: 0.05}
	recs := synthRecords(opts)
	rng := rand.New(rand.NewPCG(1, 2))
	tags := []agents.Tag{agents.TagAnchor, agents.TagFlinch, agents.TagUnbundle, agents.TagRetraction, agents.TagDissatisfied, agents.TagAskWhy}
	for _, r := range recs {
		for i := range r.Periods {
			o := &r.Periods[i].Outcome
			for side := range 2 {
				o.Used[side] = 0
				for _, tg := range tags {
					if rng.IntN(3) == 0 {
						o.Used[side] |= tg
					}
				}
				o.AnchorExtremity[side] = []float64{0, 0, 0.1, 1.0 / 3, 0.5, 2.0 / 3, 0.9, 1}[rng.IntN(8)]
			}
		}
	}
	names := synthNames[:opts.entrants]
	want := make([]TacticCounts, len(names))
	rounds, deals := make([]int64, len(names)), make([]int64, len(names))
	for _, r := range recs {
		for side, e := range [2]int{r.Pair.Seller, r.Pair.Buyer} {
			w := &want[e]
			for _, p := range r.Periods {
				o := p.Outcome
				used := o.Used[side]
				for _, c := range []struct {
					n *int64
					t agents.Tag
				}{{&w.Anchors, agents.TagAnchor}, {&w.Flinches, agents.TagFlinch}, {&w.Unbundles, agents.TagUnbundle},
					{&w.Retractions, agents.TagRetraction}, {&w.Dissatisfied, agents.TagDissatisfied}} {
					if used&c.t != 0 {
						*c.n++
					}
				}
				switch x := o.AnchorExtremity[side]; {
				case x == 0:
				case x < 1.0/3:
					w.ExtremeLow++
				case x < 2.0/3:
					w.ExtremeMid++
				default:
					w.ExtremeHigh++
				}
				if o.WalkAway && int(o.EndedBy) == side {
					w.WalkAways++
				}
				if o.Agreed {
					rounds[e] += int64(o.Rounds)
					deals[e]++
				}
			}
		}
	}
	whole := NewAggregate(names, opts.periods, 0.9)
	a, b := NewAggregate(names, opts.periods, 0.9), NewAggregate(names, opts.periods, 0.9)
	for i, r := range recs {
		whole.Add(r)
		if i%3 == 0 {
			a.Add(r)
		} else {
			b.Add(r)
		}
	}
	if err := b.MergeAggregate(a); err != nil {
		t.Fatal(err)
	}
	walks := int64(0)
	for _, agg := range []*Aggregate{whole, b} {
		for _, row := range agg.Summary() {
			e := row.Entrant
			if row.Tactics != want[e] {
				t.Errorf("%s: counts %+v, want %+v", row.Strategy, row.Tactics, want[e])
			}
			if wr := float64(rounds[e]) / float64(deals[e]); math.Abs(row.RoundsToDeal-wr) > 1e-12 {
				t.Errorf("%s: mean rounds to a deal %v, want %v", row.Strategy, row.RoundsToDeal, wr)
			}
			walks += row.Tactics.WalkAways
		}
	}
	if walks == 0 || want[0].ExtremeHigh == 0 || want[0].ExtremeMid == 0 || want[0].ExtremeLow == 0 {
		t.Fatalf("the synthetic negotiations do not exercise every count: %+v", want)
	}
	// Per role, the two rows of an entrant add up to its summary row.
	sum := make([]TacticCounts, len(names))
	for _, row := range whole.Roles() {
		sum[row.Entrant].merge(&row.Tactics)
	}
	for e := range names {
		if sum[e] != want[e] {
			t.Errorf("%s: seller and buyer rows add up to %+v, want %+v", names[e], sum[e], want[e])
		}
	}
}

// A summary.csv written before the tactic columns still reads.
func TestReadSummaryWithoutTacticColumns(t *testing.T) {
	recs := synthRecords(synthOptions{entrants: 2, rels: 3, periods: 2, seed: 1})
	agg := NewAggregate(synthNames[:2], 2, 0.9)
	for _, r := range recs {
		agg.Add(r)
	}
	var full bytes.Buffer
	if err := WriteSummaryCSV(&full, agg.Summary()); err != nil {
		t.Fatal(err)
	}
	// Cut the columns from anchors on, as an older winwin wrote the table.
	var old strings.Builder
	for line := range strings.Lines(full.String()) {
		cells := strings.Split(strings.TrimSuffix(line, "\n"), ",")
		old.WriteString(strings.Join(cells[:len(cells)-len(tacticColumns())], ",") + "\n")
	}
	rows, err := ReadSummaryCSV(strings.NewReader(old.String()))
	if err != nil || len(rows) != 2 {
		t.Fatalf("read %d rows: %v", len(rows), err)
	}
	if rows[0].Tactics != (TacticCounts{}) || !math.IsNaN(rows[0].RoundsToDeal) {
		t.Errorf("an old table reads as %+v, %v; want no counts and an undefined mean", rows[0].Tactics, rows[0].RoundsToDeal)
	}
}
