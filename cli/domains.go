package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/configs/genius"
	"github.com/winwin-sim/winwin/internal/safetext"
	"github.com/winwin-sim/winwin/results"
)

// domainsImportCmd converts a GENIUS or GeniusWeb scenario folder into a
// winwin domain file: `winwin domains import DIR`.
func domainsImportCmd(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "domains import", "[FLAGS] DIR",
		"Convert a GENIUS (XML) or GeniusWeb (JSON) scenario folder - a domain and two or more\n"+
			"profiles - into a winwin domain file with the same utility for every outcome, to edit\n"+
			"and share. Without --out it is printed.")
	seller := fs.String("seller", "", "the seller's `profile`: a file name in DIR or its number among DIR's profiles (default: the first of two)")
	buyer := fs.String("buyer", "", "the buyer's `profile` (default: the second of two)")
	steps := intVar(fs, "real-steps", genius.DefaultRealSteps, 1, genius.MaxRealSteps, "cut each real issue into this `number` of even steps")
	discount := fs.String("discount", "refuse", "a profile with a discount factor below 1: `refuse` it, or ignore the discount")
	out := fs.String("out", "", "write the domain to this `file` (atomically) instead of printing it")
	arg, err := parseOne(fs, args, "scenario folder")
	if err != nil {
		return err
	}
	if *discount != "refuse" && *discount != "ignore" {
		return usagef(`--discount %q: must be "refuse" or "ignore"`, *discount)
	}
	name := configs.GeniusPrefix + arg
	for _, kv := range [][2]string{{"seller", *seller}, {"buyer", *buyer}} {
		if strings.Contains(kv[1], ",") {
			return usagef("--%s %q: a profile name with a comma cannot be chosen; rename the file", kv[0], kv[1])
		}
		if kv[1] != "" {
			name += "," + kv[0] + "=" + kv[1]
		}
	}
	if strings.Contains(arg, ",") {
		return usagef("%q: a folder name with a comma cannot be imported; rename or link it", arg)
	}
	name += fmt.Sprintf(",real_steps=%d,discount=%s", steps.v, *discount)
	sc, info, err := configs.LoadDomain(name)
	if err != nil {
		return usageError{err}
	}
	if *out == "" {
		_, err := env.Stdout.Write(info.Converted)
		return err
	}
	if err := results.WriteFileAtomic(*out, func(w io.Writer) error {
		_, err := w.Write(info.Converted)
		return err
	}); err != nil {
		return fmt.Errorf("domains import: %w", err)
	}
	fmt.Fprintf(env.Stderr, "wrote %s: domain %q, %d issues, %.4g outcomes; seller %s, buyer %s\n",
		safetext.Escape(*out), safetext.Escape(sc.Domain.Name), len(sc.Domain.Issues), sc.Domain.Size(),
		describeSide(sc.Prefs[agents.Seller]), describeSide(sc.Prefs[agents.Buyer]))
	return nil
}

// describeSide says a side's walk-away point.
func describeSide(p *agents.Preferences) string {
	return fmt.Sprintf("walks away below %.3g", p.Reservation)
}
