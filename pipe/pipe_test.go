package pipe

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/strategies"
)

// w1 returns the W1 scenario (docs/model.md#workload-w1) with weights drawn from
// seed: 5 issues of 10 options, the sides opposed on issues 0–2 and in
// agreement on 3–4.
func w1(seed uint64, reservation float64) arena.Scenario {
	d := &agents.Domain{Name: "w1"}
	for i := range 5 {
		is, err := agents.NumericIssue(fmt.Sprintf("issue%d", i), 0, 9, 1, "", "")
		if err != nil {
			panic(err)
		}
		d.Issues = append(d.Issues, is)
	}
	r := arena.NewRand(seed)
	var sc arena.Scenario
	sc.Domain = d
	for side := range 2 {
		p := &agents.Preferences{Reservation: reservation}
		sum := 0.0
		for i := range 5 {
			w := r.Float64()
			p.Weights = append(p.Weights, w)
			sum += w
			p.Values = append(p.Values, agents.Linear(10, side == 0 || i >= 3))
		}
		for i := range p.Weights {
			p.Weights[i] /= sum
		}
		sc.Prefs[side] = p
	}
	return sc
}

func builtin(t testing.TB, name string) func() agents.Agent {
	t.Helper()
	f, err := strategies.Factory(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func newTestPool(t testing.TB, c Config) *Pool {
	t.Helper()
	pl, err := NewPool(c)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := pl.Close(); err != nil {
			t.Error(err)
		}
	})
	return pl
}

// negotiate plays one negotiation of seller against buyer on sc.
func negotiate(sc arena.Scenario, seller, buyer agents.Agent, seed uint64, deadline int) arena.Outcome {
	var tab arena.Table
	ps := [2]*arena.Party{
		{Agent: seller, Prefs: sc.Prefs[0], Rand: arena.NewRand(seed, 0)},
		{Agent: buyer, Prefs: sc.Prefs[1], Rand: arena.NewRand(seed, 1)},
	}
	return tab.Negotiate(arena.Setup{Domain: sc.Domain, Deadline: deadline, Opener: agents.Seller}, ps[0], ps[1])
}

func TestPipeNegotiate(t *testing.T) {
	sc := w1(1, 0.2)
	for _, mode := range []string{"steady", "labels"} {
		t.Run(mode, func(t *testing.T) {
			pl := newTestPool(t, testAgentConfig(t, "test-"+mode, mode))
			for r, side := range []agents.Role{agents.Seller, agents.Buyer} {
				exec := pl.NewAgent()
				ag := [2]agents.Agent{builtin(t, "conceder")(), builtin(t, "conceder")()}
				ag[side] = exec
				out := negotiate(sc, ag[0], ag[1], uint64(r), 30)
				if out.Fault != nil {
					t.Fatalf("%s: fault: %v", side, out.Fault)
				}
				if !out.Agreed {
					t.Fatalf("%s: a hardliner against a conceder should agree; outcome %+v", side, out)
				}
				if u := out.Utility[side]; u < sc.Prefs[side].Reservation {
					t.Errorf("%s: the test agent accepted utility %.3f below its reservation %.3f", side, u, sc.Prefs[side].Reservation)
				}
			}
			st := pl.Stats()
			if st.Started != 1 || st.Restarts != 0 || st.Sessions != 2 || st.Faults != 0 {
				t.Errorf("stats %+v, want one process, two sessions, no faults", st)
			}
			if got := pl.AgentName(); got != "test-"+mode {
				t.Errorf("AgentName() = %q, want %q", got, "test-"+mode)
			}
		})
	}
}

// faultSink collects what the fault tests check of each relationship.
type faultSink struct {
	mu   sync.Mutex
	rels int
	// faults[name] lists the faults of the side named name.
	faults map[string][]string
	// played[name] counts negotiations with name on either side; clean
	// those that ended without a fault.
	played, clean map[string]int
}

type faultCollector struct{ recs []arena.RelationshipRecord }

func (c *faultCollector) Add(r *arena.RelationshipRecord) {
	cp := *r
	cp.Periods = slices.Clone(r.Periods)
	c.recs = append(c.recs, cp)
}

func (s *faultSink) NewCollector() arena.Collector { return &faultCollector{} }

func (s *faultSink) Merge(c arena.Collector) {
	for _, r := range c.(*faultCollector).recs {
		s.rels++
		for _, p := range r.Periods {
			for _, n := range r.Names {
				s.played[n]++
			}
			if f := p.Outcome.Fault; f != nil {
				s.faults[r.Names[f.By]] = append(s.faults[r.Names[f.By]], f.Error())
			} else {
				for _, n := range r.Names {
					s.clean[n]++
				}
			}
		}
	}
}

// TestPipeBrokenAgents runs tournaments with an agent that breaks the
// protocol at the 7th turn of each of its processes (so a process always
// finishes its first negotiation, which lasts at most 6 turns): it loses exactly those
// negotiations, as recorded faults without a Go stack trace, its process
// is restarted when it must be, and everyone else plays on.
func TestPipeBrokenAgents(t *testing.T) {
	cases := []struct {
		mode    string
		want    string // in the fault message
		restart bool   // the process is restarted
	}{
		{"crash:7", "exited with status 3; its stderr ended with: Traceback (most recent call last): | ZeroDivisionError: division by zero", true},
		{"hang:7", "no move within 300ms", true},
		{"garbage:7", `printed a line that is not a protocol message (not a JSON object): "debug: thinking about turn 7"`, true},
		{"wrongsession:7", "but winwin is waiting for a move in session", true},
		{"invalid:7", `invalid move: issue "issue0" (index 0) has no option 17 (options 0..9)`, false},
		{"badtag:7", `invalid move: unknown tag "bluff"`, false},
		{"sesion:7", `the agent's move has an unknown field "sesion" — did you mean "session"? and no "session"`, true},
		{"longline:7", "the agent wrote a line longer than the protocol's limit of 1048576 bytes (1 MiB) without a newline", true},
		{"closestdout:7", "the agent closed its stdout but kept running", true},
	}
	sc := w1(7, 0.1)
	for _, c := range cases {
		t.Run(c.mode, func(t *testing.T) {
			t.Parallel()
			cfg := testAgentConfig(t, "broken", c.mode)
			cfg.Timeout = 5 * time.Second // generous on a loaded machine…
			if strings.HasPrefix(c.mode, "hang") {
				cfg.Timeout = 300 * time.Millisecond // …but not for the hang
			}
			cfg.Backoff = time.Millisecond
			cfg.Processes = 2
			cfg.LogDir = t.TempDir()
			pl := newTestPool(t, cfg)
			tour := arena.Tournament{
				Scenario: sc,
				Entrants: []arena.Entrant{
					{Name: "broken", Strategy: "exec", New: pl.NewAgent},
					{Name: "boulware", Strategy: "boulware", New: builtin(t, "boulware")},
					{Name: "conceder", Strategy: "conceder", New: builtin(t, "conceder")},
				},
				Relationships: 3, Periods: 2, Deadline: 6, Seed: 5, Workers: 2,
				Model: arena.DefaultModel(),
			}
			sink := &faultSink{faults: map[string][]string{}, played: map[string]int{}, clean: map[string]int{}}
			n, err := tour.Run(context.Background(), sink)
			if err != nil {
				t.Fatalf("the run failed: %v", err)
			}
			if n != tour.Total() || sink.rels != n {
				t.Fatalf("%d of %d relationships finished, %d collected", n, tour.Total(), sink.rels)
			}
			if len(sink.faults["boulware"])+len(sink.faults["conceder"]) > 0 {
				t.Errorf("built-in agents were blamed: %v", sink.faults)
			}
			got := sink.faults["broken"]
			if len(got) == 0 {
				t.Fatal("no fault recorded for the broken agent")
			}
			for _, f := range got {
				if !strings.Contains(f, `exec agent "broken": `) {
					t.Errorf("fault %q does not name the agent", f)
				}
				if strings.Contains(f, "goroutine ") || strings.Contains(f, ".go:") {
					t.Errorf("fault carries a Go stack trace: %q", f)
				}
			}
			if !slices.ContainsFunc(got, func(f string) bool { return strings.Contains(f, c.want) }) {
				t.Errorf("no fault says %q; faults:\n%s", c.want, strings.Join(got, "\n"))
			}
			if sink.clean["broken"] == 0 {
				t.Errorf("the broken agent finished no negotiation cleanly (%d played): a fault must cost only its own negotiation", sink.played["broken"])
			}
			st := pl.Stats()
			if st.Faults != int64(len(got)) {
				t.Errorf("pool counted %d faults, the arena %d", st.Faults, len(got))
			}
			if c.restart != (st.Restarts > 0) {
				t.Errorf("restarts = %d, want restarts: %v", st.Restarts, c.restart)
			}
			if !c.restart && int64(len(got)) > int64(cfg.Processes) {
				t.Errorf("%d faults from %d processes that misbehave once each", len(got), cfg.Processes)
			}
			if err := pl.Close(); err != nil {
				t.Fatal(err)
			}
			log, err := os.ReadFile(filepath.Join(cfg.LogDir, "broken.stderr.log"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(log), "[winwin] process 0 (pid ") {
				t.Errorf("the log has no note of winwin's:\n%s", log)
			}
			if c.mode == "crash:7" && !strings.Contains(string(log), "ZeroDivisionError") {
				t.Errorf("the log misses the agent's stderr:\n%s", log)
			}
		})
	}
}

// TestPipeStartFailures: an agent that cannot start fails the
// negotiations it is in, then the pool gives up on it and fails them at
// once; the partner is never blamed.
func TestPipeStartFailures(t *testing.T) {
	cases := []struct{ mode, want string }{
		{"oldproto", "the agent speaks protocol 0; this winwin speaks protocol 1"},
		{"proto2", "the agent speaks protocol 2; this winwin speaks protocol 1"},
		{"exit", "the agent process exited (status 0)"},
		{"nohello", "no hello within"},
	}
	sc := w1(3, 0)
	for _, c := range cases {
		t.Run(c.mode, func(t *testing.T) {
			t.Parallel()
			cfg := testAgentConfig(t, "bad", c.mode)
			cfg.Backoff = time.Millisecond
			cfg.Timeout = 10 * time.Millisecond
			pl := newTestPool(t, cfg)
			pl.helloTimeout = 5 * time.Second // a test binary built with -race starts slowly
			if c.mode == "nohello" {
				pl.helloTimeout = 200 * time.Millisecond
			}
			var errs []string
			for i := range MaxStartFailures + 2 {
				out := negotiate(sc, pl.NewAgent(), builtin(t, "boulware")(), uint64(i), 5)
				if out.Fault == nil || out.Fault.By != agents.Seller || out.Fault.Turn != 0 {
					t.Fatalf("negotiation %d: fault %v, want the exec seller's at turn 0", i, out.Fault)
				}
				errs = append(errs, out.Fault.Err.Error())
			}
			if !strings.Contains(errs[0], c.want) {
				t.Errorf("first fault %q does not say %q", errs[0], c.want)
			}
			if last := errs[len(errs)-1]; !strings.Contains(last, fmt.Sprintf("gave up after %d failed starts in a row", MaxStartFailures)) {
				t.Errorf("last fault %q: the pool should have given up", last)
			}
			if st := pl.Stats(); st.Started != 0 {
				t.Errorf("%d processes counted as started", st.Started)
			}
		})
	}
}

func TestPipeConfigErrors(t *testing.T) {
	cases := []struct {
		c    Config
		want string
	}{
		{Config{Command: []string{"x"}}, "needs a name"},
		{Config{Name: "a"}, "no command"},
		{Config{Name: "a", Command: []string{"no-such-program-winwin"}}, `program "no-such-program-winwin" not found in $PATH`},
		{Config{Name: "a", Command: []string{"./missing.py"}, Dir: t.TempDir()}, `program "./missing.py"`},
		{Config{Name: "a", Command: []string{"sh"}, Timeout: -1}, "must not be negative"},
		{Config{Name: "a", Command: []string{"sh"}, Env: []string{"NOEQUALS"}}, "is not KEY=value"},
	}
	for _, c := range cases {
		_, err := NewPool(c.c)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("NewPool(%+v) = %v, want an error saying %q", c.c, err, c.want)
		}
	}
}

// TestPipeClose: Close kills a process that ignores the end of its input
// after the grace period, and negotiations after Close fail.
func TestPipeClose(t *testing.T) {
	cfg := testAgentConfig(t, "hang", "hang:1")
	cfg.Grace = 50 * time.Millisecond
	cfg.Timeout = 5 * time.Second
	pl, err := NewPool(cfg)
	if err != nil {
		t.Fatal(err)
	}
	sc := w1(1, 0)
	done := make(chan arena.Outcome)
	go func() { done <- negotiate(sc, pl.NewAgent(), builtin(t, "boulware")(), 1, 5) }()
	for pl.Stats().Sessions == 0 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond) // let the turn reach the hanging agent
	start := time.Now()
	if err := pl.Close(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Close took %v with a grace of %v", d, cfg.Grace)
	}
	out := <-done
	if out.Fault == nil || !strings.Contains(out.Fault.Error(), "the run is over") {
		t.Errorf("the negotiation cut by Close: fault %v", out.Fault)
	}
	out = negotiate(sc, pl.NewAgent(), builtin(t, "boulware")(), 2, 5)
	if out.Fault == nil || !errors.Is(out.Fault.Err, errClosed) {
		t.Errorf("a negotiation after Close: fault %v, want errClosed", out.Fault)
	}
	if err := pl.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// TestPipeTurnAllocs: a turn through the pipe allocates nothing on winwin's
// side, so a negotiation of 40 rounds costs no more allocations than one
// of 10 (the agent and its partner never agree; the partner only ever
// offers the agent's worst outcome).
func TestPipeTurnAllocs(t *testing.T) {
	if testing.Short() {
		t.Skip("measures allocations over real processes")
	}
	pl := newTestPool(t, testAgentConfig(t, "steady", "steady"))
	sc := w1(2, 0.2)
	worst := sc.Prefs[0].Worst(nil)
	partner := agents.AgentFunc(func(v *agents.View) agents.Move {
		return agents.Move{Kind: agents.MoveOffer, Offer: worst, Say: "Take it or leave it."}
	})
	a := pl.NewAgent()
	var tab arena.Table
	measure := func(deadline int) float64 {
		return testing.AllocsPerRun(20, func() {
			ps := [2]*arena.Party{
				{Agent: a, Prefs: sc.Prefs[0], Rand: arena.NewRand(1, 0)},
				{Agent: partner, Prefs: sc.Prefs[1], Rand: arena.NewRand(1, 1)},
			}
			out := tab.Negotiate(arena.Setup{Domain: sc.Domain, Deadline: deadline, Opener: agents.Seller}, ps[0], ps[1])
			if out.Fault != nil || !out.Deadline {
				t.Fatalf("want a negotiation to the deadline, got %+v", out)
			}
		})
	}
	short, long := measure(10), measure(40)
	if long > short {
		t.Errorf("allocations per negotiation: %v for 10 rounds, %v for 40: turns allocate", short, long)
	}
}
