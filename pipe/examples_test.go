package pipe

import (
	"context"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// The example agents of examples/agents, each with the interpreter it
// needs.
var exampleAgents = []struct {
	name, interpreter, file string
}{
	{"python", "python3", "../examples/agents/python/agent.py"},
	{"python-learner", "python3", "../examples/agents/python/learner.py"}, // with the helper module winwin.py
	{"node", "node", "../examples/agents/node/agent.js"},
}

// exampleConfig returns the pool config of an example agent, or skips the
// test if its interpreter is not installed.
func exampleConfig(t testing.TB, name, interpreter, file string) Config {
	t.Helper()
	if _, err := exec.LookPath(interpreter); err != nil {
		t.Skipf("%s is not installed: the %s example agent is not tested", interpreter, name)
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		t.Fatal(err)
	}
	// A generous move timeout: these agents answer in microseconds, and a
	// loaded CI machine under -race must not turn a slow start into a fault.
	return Config{Name: name + "-example", Command: []string{interpreter, abs}, Timeout: 30 * time.Second}
}

// outcomeSink keeps every period's outcome by ordered pair of names.
type outcomeSink struct {
	outs map[[2]string][]arena.Outcome
}

type outcomeCollector struct{ recs []arena.RelationshipRecord }

func (c *outcomeCollector) Add(r *arena.RelationshipRecord) {
	cp := *r
	cp.Periods = append([]arena.PeriodRecord(nil), r.Periods...)
	c.recs = append(c.recs, cp)
}

func (s *outcomeSink) NewCollector() arena.Collector { return &outcomeCollector{} }

func (s *outcomeSink) Merge(c arena.Collector) {
	for _, r := range c.(*outcomeCollector).recs {
		for _, p := range r.Periods {
			s.outs[r.Names] = append(s.outs[r.Names], p.Outcome)
		}
	}
}

// TestPipeExampleAgents plays each example agent in a tournament against
// the built-in strategies: it must never break the protocol, never take a
// deal worth less than its reservation value, reach deals with the
// conceding strategies, and play the same moves for the same seed with any
// number of workers.
func TestPipeExampleAgents(t *testing.T) {
	for _, ex := range exampleAgents {
		t.Run(ex.name, func(t *testing.T) {
			cfg := exampleConfig(t, ex.name, ex.interpreter, ex.file)
			run := func(workers int) map[[2]string][]arena.Outcome {
				c := cfg
				c.Processes = workers
				c.LogDir = t.TempDir()
				pl := newTestPool(t, c)
				es := []arena.Entrant{{Name: ex.name, Strategy: "exec", New: pl.NewAgent}}
				for _, b := range []string{"boulware", "conceder", "linear", "hardheaded", "tit-for-tat", "integrative", "flincher", "walk-away-disciplined"} {
					es = append(es, arena.Entrant{Name: b, Strategy: b, New: builtin(t, b)})
				}
				tour := arena.Tournament{
					Scenario: w1(11, 0.3), Entrants: es, Relationships: 2, Periods: 3, Deadline: 40,
					Jitter: 0.2, Seed: 9, Workers: workers, Model: arena.DefaultModel(),
				}
				sink := &outcomeSink{outs: map[[2]string][]arena.Outcome{}}
				if _, err := tour.Run(context.Background(), sink); err != nil {
					t.Fatal(err)
				}
				if st := pl.Stats(); st.Faults != 0 || st.Restarts != 0 {
					t.Errorf("%d workers: stats %+v, want no faults and no restarts", workers, st)
				}
				return sink.outs
			}
			one := run(1)
			deals := map[string]int{}
			for names, outs := range one {
				for _, o := range outs {
					if o.Fault != nil {
						t.Errorf("%s vs %s: fault %v", names[0], names[1], o.Fault)
					}
					for r, n := range names {
						if n == ex.name && o.Agreed && o.Surplus[r] < -1e-9 {
							t.Errorf("%s vs %s: the example agent agreed to a deal worth %.3f below its reservation value", names[0], names[1], -o.Surplus[r])
						}
					}
					if o.Agreed {
						deals[names[0]+" "+names[1]]++
					}
				}
			}
			for _, b := range []string{"conceder", "linear"} {
				if deals[ex.name+" "+b]+deals[b+" "+ex.name] == 0 {
					t.Errorf("no deal with %s in 12 negotiations", b)
				}
			}
			if testing.Short() {
				return
			}
			two := run(2)
			for names, outs := range one {
				for i, o := range outs {
					p := two[names][i]
					if o.Agreed != p.Agreed || o.Turns != p.Turns || !o.Offer.Equal(p.Offer) {
						t.Errorf("%s vs %s, period %d: 1 worker %v after %d turns, 2 workers %v after %d", names[0], names[1], i, o.Offer, o.Turns, p.Offer, p.Turns)
					}
				}
			}
		})
	}
}

// BenchmarkPipePython measures negotiation rounds per second through the
// pipe with the example Python agent as the seller against the built-in
// boulware, on one worker: the W1 workload (docs/model.md#workload-w1) (5 issues
// of 10 options, deadline 100 rounds). Run it with
//
//	go test -run '^$' -bench PipePython -benchtime 2000x ./pipe/
func BenchmarkPipePython(b *testing.B) {
	benchExample(b, "python", "python3", "../examples/agents/python/agent.py")
}

// BenchmarkPipeNode is BenchmarkPipePython for the Node.js example agent.
func BenchmarkPipeNode(b *testing.B) {
	benchExample(b, "node", "node", "../examples/agents/node/agent.js")
}

func benchExample(b *testing.B, name, interpreter, file string) {
	cfg := exampleConfig(b, name, interpreter, file)
	pl := newTestPool(b, cfg)
	a := pl.NewAgent()
	boulware := builtin(b, "boulware")()
	var (
		tab    arena.Table
		rounds int
	)
	sc := w1(1, 0)
	// One negotiation first, so the process start is not measured.
	warm := [2]*arena.Party{
		{Agent: a, Prefs: sc.Prefs[0], Rand: arena.NewRand(0, 0)},
		{Agent: boulware, Prefs: sc.Prefs[1], Rand: arena.NewRand(0, 1)},
	}
	tab.Negotiate(arena.Setup{Domain: sc.Domain, Deadline: 100, Opener: agents.Seller}, warm[0], warm[1])
	scs := make([]arena.Scenario, 16)
	for i := range scs {
		scs[i] = w1(uint64(i), 0)
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := range b.N {
		sc := scs[i%len(scs)]
		ps := [2]*arena.Party{
			{Agent: a, Prefs: sc.Prefs[0], Rand: arena.NewRand(uint64(i), 0)},
			{Agent: boulware, Prefs: sc.Prefs[1], Rand: arena.NewRand(uint64(i), 1)},
		}
		out := tab.Negotiate(arena.Setup{Domain: sc.Domain, Deadline: 100, Opener: agents.Seller}, ps[0], ps[1])
		if out.Fault != nil {
			b.Fatal(out.Fault)
		}
		rounds += out.Rounds
	}
	el := time.Since(start).Seconds()
	b.ReportMetric(float64(rounds)/el, "rounds/s")
	b.ReportMetric(float64(rounds)/float64(b.N), "rounds/op")
	_ = runtime.GOMAXPROCS(0)
}
