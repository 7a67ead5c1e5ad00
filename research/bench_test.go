package research_test

import (
	"context"
	"testing"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/research"
)

// BenchmarkSweepClassic10 runs the performance target of a sweep: the
// classic tournament at 10 values of relationship.p_hi, which share one
// play. go test ./research -run '^$' -bench SweepClassic10 -benchtime 1x
func BenchmarkSweepClassic10(b *testing.B) {
	src, err := configs.Example("classic")
	if err != nil {
		b.Fatal(err)
	}
	text := string(src) + "\n[sweep]\nrelationship.p_hi = { from = 0.55, to = 1.0, steps = 10 }\n"
	cfg, err := configs.Parse([]byte(text), "classic-sweep.toml")
	if err != nil {
		b.Fatal(err)
	}
	cfg.Output.Charts = false
	for b.Loop() {
		if _, err := research.RunSweep(context.Background(), research.SweepOptions{Config: cfg, Name: "bench", Base: b.TempDir()}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRescore measures what a sweep pays per relationship and point
// instead of negotiating: rescoring a classic relationship of 10 deals
// under another model. It allocates nothing.
func BenchmarkRescore(b *testing.B) {
	cfg, err := configs.Default()
	if err != nil {
		b.Fatal(err)
	}
	cfg.Relationships, cfg.Workers = 1, 1
	t, err := cfg.Tournament()
	if err != nil {
		b.Fatal(err)
	}
	t.Model = arena.Always(t.Model)
	var recs []*arena.RelationshipRecord
	sink := &keep{f: func(r *arena.RelationshipRecord) {
		c := *r
		c.Periods = append([]arena.PeriodRecord(nil), r.Periods...)
		recs = append(recs, &c)
	}}
	if _, err := t.Run(context.Background(), sink); err != nil {
		b.Fatal(err)
	}
	m := cfg.Model
	m.PHigh = 0.8
	dst := arena.RelationshipRecord{Periods: make([]arena.PeriodRecord, 0, cfg.Periods)}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		arena.Rescore(recs[i%len(recs)], &m, cfg.Periods, &dst)
		i++
	}
	b.ReportMetric(float64(len(recs)), "relationships")
}

type keep struct {
	f func(*arena.RelationshipRecord)
}

func (k *keep) NewCollector() arena.Collector   { return k }
func (k *keep) Merge(arena.Collector)           {}
func (k *keep) Add(r *arena.RelationshipRecord) { k.f(r) }
