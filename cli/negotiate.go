package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/play"
	"github.com/winwin-sim/winwin/strategies"
	"github.com/winwin-sim/winwin/transcript"
)

func negotiateCmd(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "negotiate", "SELLER BUYER", "Play one negotiation between two strategies and print its transcript.")
	domain := fs.String("domain", "supply-deal", "built-in domain name or a domain TOML `file`")
	seed := seedVar(fs, "seed", 1, "random `seed`")
	rounds := intVar(fs, "rounds", 20, 1, configs.MaxRounds, "deadline in `rounds` (a round is one move by each side)")
	opener := fs.String("opener", "seller", "who opens: seller, buyer or alternate (the seller in odd deals, the buyer in even ones)")
	periods := intVar(fs, "periods", 1, 1, configs.MaxPeriods, "`deals` with the same partner: more than 1 plays a relationship, deal by deal, until a side does not come back")
	jitter := fractionVar(fs, "jitter", 0, 0, 0.9, "perturb issue weights by up to this `fraction`, drawn from the seed")
	asJSON := fs.Bool("json", false, "print one JSON document instead of the transcript")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		fs.Usage()
		return usagef("want two strategies, SELLER and BUYER, got %d arguments", len(pos))
	}
	rule, err := arena.ParseOpenerRule(*opener)
	if err != nil {
		return usagef("--%v", err)
	}
	op := rule.Opener(0)
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
	if periods.v > 1 {
		return negotiateRelationship(ctx, env, sc, pos, news, periods.v, rounds.v, rule, seed.v, jitter.v, *asJSON)
	}
	pr := arena.NewRand(seed.v, 0x5052)
	var parties [2]*arena.Party
	for r := range parties {
		parties[r] = &arena.Party{Agent: news[r](), Prefs: arena.Jitter(sc.Prefs[r], pr, jitter.v), Rand: arena.NewRand(seed.v, uint64(r))}
	}
	var tab arena.Table
	setup := arena.Setup{Domain: sc.Domain, Deadline: rounds.v, Opener: op, Record: true, Stop: ctx.Done()}
	out := tab.Negotiate(setup, parties[0], parties[1])
	if ctx.Err() != nil {
		return fmt.Errorf("%w: the negotiation was stopped at move %d", errInterrupted, len(out.Transcript))
	}
	res := [2]float64{parties[0].Prefs.Reservation, parties[1].Prefs.Reservation}
	model := arena.DefaultModel()
	fr := arena.NewFrontier(sc.Domain, parties[0].Prefs, parties[1].Prefs)
	n := &transcript.Negotiation{
		Domain: sc.Domain, Names: [2]string{pos[0], pos[1]}, Prefs: [2]*agents.Preferences{parties[0].Prefs, parties[1].Prefs},
		Deadline: rounds.v, Seed: seed.v, Outcome: out, Analysis: arena.Analyze(fr, &out, res, &model),
	}
	n.SetNash(fr)
	if *asJSON {
		return transcript.WriteJSON(env.Stdout, n)
	}
	return transcript.Write(env.Stdout, n)
}

// negotiateRelationship plays a relationship of up to periods deals
// between the strategies named in pos and prints it deal by deal.
func negotiateRelationship(ctx context.Context, env *Env, sc arena.Scenario, pos []string, news [2]func() agents.Agent, periods, rounds int,
	rule arena.OpenerRule, seed uint64, jitter float64, asJSON bool) error {
	pr := arena.NewRand(seed, 0x5052)
	for r := range sc.Prefs {
		sc.Prefs[r] = arena.Jitter(sc.Prefs[r], pr, jitter)
	}
	m := &play.Match{Scenario: sc, Names: [2]string{pos[0], pos[1]}, Agents: [2]agents.Agent{news[0](), news[1]()},
		Periods: periods, Deadline: rounds, Opener: rule, Model: arena.DefaultModel(), Seed: seed, Record: true, Stop: ctx.Done()}
	rec, err := m.Run(nil)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return fmt.Errorf("%w: the relationship was stopped in deal %d", errInterrupted, len(rec.Periods)+1)
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
	name, rest, _ := strings.Cut(arg, ":")
	params := map[string]float64{}
	if rest != "" {
		for _, kv := range strings.Split(rest, ",") {
			k, v, ok := strings.Cut(kv, "=")
			var x float64
			if _, err := fmt.Sscan(v, &x); !ok || err != nil {
				return nil, fmt.Errorf("strategy %q: parameter %q is not name=number", arg, kv)
			}
			params[k] = x
		}
	}
	f, err := strategies.Factory(name, params)
	var ue *strategies.UnknownError
	if errors.As(err, &ue) {
		return nil, err
	}
	return f, err
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
	fs := newFlags(env, "domains", "", "List the built-in domains.")
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
