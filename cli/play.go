package cli

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/term"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/internal/strategyarg"
	"github.com/winwin-sim/winwin/play"
	"github.com/winwin-sim/winwin/strategies"
)

func playCmd(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "play", "", "Negotiate yourself, in the terminal, against a strategy: one deal or a relationship of several.\n"+
		"Type offers like price=$400,000 delivery=30d, or accept, walk, ? for a hint, help.")
	strategy := fs.String("strategy", "hard-anchorer", "the partner's `strategy` (NAME or NAME:param=value,…; see winwin strategies)")
	domain := fs.String("domain", "price-haggle", "built-in domain name, a domain TOML `file` (see winwin domains), or genius:DIR[,seller=…,buyer=…] for a GENIUS or GeniusWeb scenario")
	as := fs.String("as", "buyer", "your side: buyer or seller")
	periods := intVar(fs, "periods", 1, 1, configs.MaxPeriods, "`deals` with the same partner (a relationship when more than 1)")
	rounds := intVar(fs, "rounds", 10, 1, 1000, "deadline of each deal in `rounds` (a round is one move each)")
	seed := seedVar(fs, "seed", 1, math.MaxUint64, "random `seed` (the partner's choices and whether it comes back)")
	opener := fs.String("opener", "alternate", "who opens each deal: alternate (the seller first), seller or buyer")
	noColor := fs.Bool("no-color", false, "no colours (also when NO_COLOR is set or the output is not a terminal)")
	save := fs.String("save", "", "save the session to this JSON `file` when it ends (for the class report: winwin report SESSIONS_DIR)")
	player := fs.String("name", "", "your `name`, kept in the saved session for the class report")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		fs.Usage()
		return usagef("play takes flags only, got %q", strings.Join(pos, " "))
	}
	var g play.Game
	switch *as {
	case "buyer":
		g.As = agents.Buyer
	case "seller":
		g.As = agents.Seller
	default:
		return usagef("--as %q: must be buyer or seller", *as)
	}
	if g.Opener, err = arena.ParseOpenerRule(*opener); err != nil {
		return usagef("--%v", err)
	}
	name, params, err := strategyarg.Parse(*strategy)
	if err != nil {
		return usageError{err}
	}
	spec, ok := strategies.Lookup(name)
	if !ok {
		return usageError{&strategies.UnknownError{Name: name}}
	}
	if _, err := spec.Resolve(params); err != nil {
		return usageError{err}
	}
	sc, _, err := configs.LoadDomain(*domain)
	if err != nil {
		return usageError{err}
	}
	g.Scenario, g.Partner, g.Params, g.PartnerName = sc, spec, params, *strategy
	g.Periods, g.Rounds, g.Seed, g.Model = periods.v, rounds.v, seed.v, arena.DefaultModel()
	if *save != "" {
		// Checked before the session, not after it: a session is not
		// played to be lost.
		if fi, err := os.Stat(filepath.Dir(*save)); err != nil || !fi.IsDir() {
			return usagef("--save %q: the folder %s does not exist", *save, filepath.Dir(*save))
		}
	}
	g.Player = *player
	g.Echo = !isTerminal(env.Stdin)
	g.Color = !*noColor && os.Getenv("NO_COLOR") == "" && isTerminal(env.Stdout)
	sess, err := g.PlaySession(ctx, env.Stdin, env.Stdout)
	if err != nil {
		return fmt.Errorf("play: %w", err)
	}
	if *save != "" {
		// An interrupted session is saved too: it keeps what was played.
		if err := sess.WriteFile(*save); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "\nSession saved: %s\n", *save)
	}
	if ctx.Err() != nil {
		return errInterrupted
	}
	return nil
}

// isTerminal reports whether f is an interactive terminal.
func isTerminal(f any) bool {
	if x, ok := f.(*os.File); ok {
		return term.IsTerminal(int(x.Fd()))
	}
	return false
}
