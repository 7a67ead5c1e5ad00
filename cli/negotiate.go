package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"sort"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/internal/strategyarg"
	"github.com/winwin-sim/winwin/strategies"
	"github.com/winwin-sim/winwin/transcript"
)

func negotiateCmd(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "negotiate", "SELLER BUYER", "Play one negotiation between two strategies and print its transcript.")
	domain := fs.String("domain", "supply-deal", "built-in domain name, a domain TOML `file`, or genius:DIR[,seller=…,buyer=…] for a GENIUS or GeniusWeb scenario")
	seed := seedVar(fs, "seed", 1, math.MaxUint64, "random `seed`")
	rounds := intVar(fs, "rounds", 20, 1, configs.MaxRounds, "deadline in `rounds` (a round is one move by each side)")
	opener := fs.String("opener", "seller", "who opens: seller, buyer or alternate (the seller in odd deals, the buyer in even ones)")
	periods := intVar(fs, "periods", 1, 1, configs.MaxPeriods, "`deals` with the same partner: more than 1 plays a relationship, deal by deal, until a side does not come back")
	jitter := fractionVar(fs, "jitter", 0, 0, 0.9, "perturb issue weights by up to this `fraction`, drawn from the seed")
	asJSON := fs.Bool("json", false, "print one JSON document instead of the transcript")
	plotFile := fs.String("plot", "", "also draw the negotiation into this `file` (.png or .svg): both sides' offers over time\nin the outcome space, with the Pareto frontier, the Nash point and the deal")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		fs.Usage()
		return usagef("want two strategies, SELLER and BUYER, got %d arguments", len(pos))
	}
	if err := checkPlot(*plotFile, periods.v); err != nil {
		return err
	}
	rule, err := arena.ParseOpenerRule(*opener)
	if err != nil {
		return usagef("--%v", err)
	}
	sc, _, err := configs.LoadDomain(*domain)
	if err != nil {
		return usageError{err}
	}
	var news [2]func() agents.Agent
	for r, name := range pos {
		f, done, err := commandStrategy(ctx, env, name)
		if err != nil {
			return usageError{fmt.Errorf("%s: %w", agents.Role(r), err)}
		}
		defer done()
		news[r] = f
	}
	return negotiateMatch(ctx, env, sc, pos, news, periods.v, rounds.v, rule, seed.v, jitter.v, *asJSON, *plotFile)
}

// negotiateMatch plays one deal, or a relationship of up to periods deals,
// between the strategies named in pos, and prints it: one deal as a
// transcript with its scorecard, a relationship deal by deal.
func negotiateMatch(ctx context.Context, env *Env, sc arena.Scenario, pos []string, news [2]func() agents.Agent, periods, rounds int,
	rule arena.OpenerRule, seed uint64, jitter float64, asJSON bool, plotFile string) error {
	pr := arena.PrefsRand(seed)
	for r := range sc.Prefs {
		sc.Prefs[r] = arena.Jitter(sc.Prefs[r], pr, jitter)
	}
	m := &arena.Match{Scenario: sc, Names: [2]string{pos[0], pos[1]}, Agents: [2]agents.Agent{news[0](), news[1]()},
		Periods: periods, Deadline: rounds, Opener: rule, Model: arena.DefaultModel(), Seed: seed, Record: true, Stop: ctx.Done()}
	rec, err := m.Run(nil)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return fmt.Errorf("%w: stopped in deal %d", errInterrupted, len(rec.Periods)+1)
	}
	if periods == 1 {
		p := &rec.Periods[0]
		n := &transcript.Negotiation{
			Domain: sc.Domain, Names: m.Names, Prefs: sc.Prefs,
			Deadline: rounds, Seed: seed, Outcome: p.Outcome, Analysis: p.Analysis,
		}
		n.SetNash(rec.Frontier)
		if err := writePlot(plotFile, sc, m.Names, rec, p); err != nil {
			return err
		}
		if asJSON {
			return transcript.WriteJSON(env.Stdout, n)
		}
		return transcript.Write(env.Stdout, n)
	}
	rel := transcript.FromRecord(sc.Domain, rec, periods, rounds, &m.Model)
	if asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(transcript.NewRelationshipDoc(rel))
	}
	return transcript.WriteRelationship(env.Stdout, rel)
}

// strategyFactory resolves a strategy named on the command line:
// "NAME" or "NAME:param=value,param=value".
func strategyFactory(arg string) (func() agents.Agent, error) {
	name, params, err := strategyarg.Parse(arg)
	if err != nil {
		return nil, err
	}
	return strategies.Factory(name, params)
}

func strategiesCmd(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "strategies", "", "List the strategies with their parameters.")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	for _, s := range strategies.All() {
		fmt.Fprintf(env.Stdout, "%-22s %s\n", s.Name, s.Summary)
		ps := append([]strategies.Param(nil), s.Params...)
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].Name < ps[j].Name })
		for _, p := range ps {
			fmt.Fprintf(env.Stdout, "    %-20s default %-6v range %v..%v  %s\n", p.Name, p.Default, p.Min, p.Max, p.Doc)
		}
	}
	return nil
}

func domainsCmd(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 && args[0] == "import" {
		return domainsImportCmd(ctx, env, args[1:])
	}
	fs := newFlags(env, "domains", "[import DIR]", "List the built-in domains, or import a GENIUS or GeniusWeb scenario folder\n(winwin domains import -h).")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	for _, name := range configs.Domains() {
		sc, info, err := configs.LoadDomain(name)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "%-12s %2d issues, %.3g outcomes  %s\n", name, len(sc.Domain.Issues), sc.Domain.Size(), info.Description)
	}
	return nil
}
