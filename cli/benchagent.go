package cli

import (
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/strategies"
)

// This file is `winwin bench-agent`: how fast an agent moves, and how long
// its negotiations last next to the built-in strategies', against the same
// opponents.

func benchAgentCmd(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "bench-agent", "AGENT", "Measure an agent (a registered strategy, or exec:COMMAND,ARG… for any language) against every\n"+
		"built-in strategy, in both roles: its moves per second and time per move (p50, p99), the rounds\n"+
		"its negotiations last next to those of the built-in strategies against the same opponents, and\n"+
		"the negotiations in which the arena detected its extreme anchors and retractions.")
	domain := fs.String("domain", "supply-deal", "built-in domain name or a domain TOML `file`")
	rounds := intVar(fs, "rounds", configs.DefaultRounds, 1, configs.MaxRounds, "deadline in `rounds`")
	negs := intVar(fs, "negotiations", 20, 1, 10_000, "`number` of negotiations per opponent and role")
	seed := seedVar(fs, "seed", 1, math.MaxUint64, "random `seed` (preferences are jittered by 0.1 per negotiation)")
	arg, err := parseOne(fs, args, "agent")
	if err != nil {
		return err
	}
	sc, _, err := configs.LoadDomain(*domain)
	if err != nil {
		return usageError{err}
	}
	newAgent, done, err := commandStrategy(ctx, env, arg)
	if err != nil {
		return usageError{err}
	}
	defer done()
	b := &bench{scenario: sc, deadline: rounds.v, negotiations: negs.v, seed: seed.v, stop: ctx.Done()}
	for _, name := range strategies.Names() {
		if slices.ContainsFunc(env.Extra, func(s strategies.Spec) bool { return s.Name == name }) {
			continue // a student's own agent is no built-in
		}
		f, err := strategies.Factory(name, nil)
		if err != nil {
			return err
		}
		b.opponents = append(b.opponents, opponent{name: name, new: f})
	}
	res, err := b.run(newAgent)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return fmt.Errorf("%w: the benchmark was stopped", errInterrupted)
	}
	res.print(env.Stdout, arg, sc.Domain.Name, b)
	return nil
}

type opponent struct {
	name string
	new  func() agents.Agent
}

// A bench plays an agent, and each built-in strategy for comparison,
// against every opponent in both roles.
type bench struct {
	scenario     arena.Scenario
	deadline     int
	negotiations int
	seed         uint64
	opponents    []opponent
	stop         <-chan struct{}
}

// benchResult is what a bench measured.
type benchResult struct {
	// per opponent: the agent's negotiations, deals and rounds, and the
	// built-ins' rounds against the same opponent.
	rows []benchRow
	// moves are the agent's time per move; faults its broken negotiations.
	moves  []time.Duration
	faults int
}

type benchRow struct {
	opponent                string
	negs, deals, rounds     int
	builtinNegs, builtinRds int
	// anchors and retractions count the agent's negotiations with an
	// extreme anchor, and with a retraction, as the arena detects them.
	anchors, retractions int
}

// run plays the bench with the agent newAgent makes.
func (b *bench) run(newAgent func() agents.Agent) (*benchResult, error) {
	var tab arena.Table
	res := &benchResult{}
	timed := &timedAgent{}
	for oi, opp := range b.opponents {
		row := benchRow{opponent: opp.name}
		for role := range 2 {
			for i := range b.negotiations {
				if stopped(b.stop) {
					return res, nil
				}
				timed.inner = newAgent()
				out := b.play(&tab, timed, opp.new(), agents.Role(role), oi, i)
				row.negs++
				row.rounds += out.Rounds
				if out.Agreed {
					row.deals++
				}
				if out.AnchorExtremity[role] > 0 {
					row.anchors++
				}
				if out.Used[role].Has(agents.TagRetraction) {
					row.retractions++
				}
				if out.Fault != nil && int(out.Fault.By) == role {
					res.faults++
				}
				// The built-ins in the same seat, on the same preferences.
				for _, ref := range b.opponents {
					o := b.play(&tab, ref.new(), opp.new(), agents.Role(role), oi, i)
					row.builtinNegs++
					row.builtinRds += o.Rounds
				}
			}
		}
		res.rows = append(res.rows, row)
	}
	res.moves = timed.times
	return res, nil
}

// play negotiates once: a in role against opp, on negotiation i against
// opponent oi (its seed and jittered preferences), the seller opening in
// even negotiations and the buyer in odd ones.
func (b *bench) play(tab *arena.Table, a, opp agents.Agent, role agents.Role, oi, i int) arena.Outcome {
	seed := arena.Seed(b.seed, arena.StreamBench, uint64(oi), uint64(i))
	pr := arena.PrefsRand(seed)
	var prefs [2]*agents.Preferences
	for r := range prefs {
		prefs[r] = arena.Jitter(b.scenario.Prefs[r], pr, 0.1)
	}
	var parties [2]*arena.Party
	parties[role] = &arena.Party{Agent: a, Prefs: prefs[role], Rand: arena.NewRand(seed, uint64(role))}
	parties[1-role] = &arena.Party{Agent: opp, Prefs: prefs[1-role], Rand: arena.NewRand(seed, uint64(1-role))}
	return tab.Negotiate(arena.Setup{Domain: b.scenario.Domain, Deadline: b.deadline, Opener: agents.Role(i % 2), Stop: b.stop},
		parties[0], parties[1])
}

// stopped reports whether stop is closed.
func stopped(stop <-chan struct{}) bool {
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

// A timedAgent times every move of the agent it wraps, and passes the
// optional hooks on.
type timedAgent struct {
	inner agents.Agent
	times []time.Duration
}

func (t *timedAgent) Act(v *agents.View) agents.Move {
	start := time.Now()
	m := t.inner.Act(v)
	t.times = append(t.times, time.Since(start))
	return m
}

// Start passes the hook on; its time is not a move's.
func (t *timedAgent) Start(v *agents.View) {
	if s, ok := t.inner.(agents.Starter); ok {
		s.Start(v)
	}
}

// Finish passes the hook on.
func (t *timedAgent) Finish(v *agents.View, d *agents.Deal) {
	if f, ok := t.inner.(agents.Finisher); ok {
		f.Finish(v, d)
	}
}

// print writes the bench's table and timings.
func (r *benchResult) print(w io.Writer, agent, domain string, b *bench) {
	fmt.Fprintf(w, "%s on %s: %d negotiations against each of %d built-in strategies in each role, deadline %d rounds\n\n",
		agent, domain, b.negotiations, len(b.opponents), b.deadline)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "against\tdeals\trounds per negotiation\tthe built-ins' rounds\textreme anchors\tretractions")
	var all benchRow
	line := func(row benchRow) {
		fmt.Fprintf(tw, "%s\t%d/%d\t%.1f\t%.1f\t%d\t%d\n", row.opponent, row.deals, row.negs,
			float64(row.rounds)/float64(row.negs), float64(row.builtinRds)/float64(row.builtinNegs), row.anchors, row.retractions)
	}
	for _, row := range r.rows {
		line(row)
		all.negs += row.negs
		all.deals += row.deals
		all.rounds += row.rounds
		all.builtinNegs += row.builtinNegs
		all.builtinRds += row.builtinRds
		all.anchors += row.anchors
		all.retractions += row.retractions
	}
	if all.negs > 0 {
		all.opponent = "all"
		line(all)
	}
	tw.Flush()
	if r.faults > 0 {
		fmt.Fprintf(w, "\nThe agent broke %d negotiations (winwin check-agent explains why).\n", r.faults)
	}
	if len(r.moves) == 0 {
		fmt.Fprintln(w, "\nThe agent made no move.")
		return
	}
	times := slices.Clone(r.moves)
	slices.Sort(times)
	var total time.Duration
	for _, d := range times {
		total += d
	}
	pct := func(p float64) time.Duration { return times[min(len(times)-1, int(p*float64(len(times))))] }
	fmt.Fprintf(w, "\n%d moves in %v of the agent's own time: %.0f moves/s.\n", len(times), total.Round(time.Millisecond), float64(len(times))/total.Seconds())
	fmt.Fprintf(w, "Time per move: p50 %v, p99 %v, max %v.\n", roundDuration(pct(0.50)), roundDuration(pct(0.99)), roundDuration(times[len(times)-1]))
	fmt.Fprintln(w, "(Measured on this machine as it is now: close other programs for steadier figures.)")
}

// roundDuration keeps three significant digits.
func roundDuration(d time.Duration) time.Duration {
	for unit := time.Duration(1); unit < time.Hour; unit *= 10 {
		if d < 1000*unit {
			return d.Round(unit)
		}
	}
	return d
}
