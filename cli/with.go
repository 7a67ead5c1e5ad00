package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/internal/didyoumean"
	"github.com/winwin-sim/winwin/internal/strategyarg"
	"github.com/winwin-sim/winwin/internal/tomltext"
	"github.com/winwin-sim/winwin/strategies"
)

// This file adds entrants named on the command line to a tournament
// config: winwin run --with AGENT, where AGENT is a registered strategy
// ("my-agent", "boulware:e=0.2") or an external agent
// ("exec:python3,agent.py"), optionally named: "NAME=AGENT".

// withList collects the values of a repeatable --with flag.
type withList []string

func (w *withList) String() string { return strings.Join(*w, " ") }

// Set adds one value.
func (w *withList) Set(v string) error {
	if strings.TrimSpace(v) == "" {
		return fmt.Errorf("want a strategy, e.g. --with my-agent or --with exec:python3,agent.py")
	}
	*w = append(*w, v)
	return nil
}

// addEntrants returns cfg with the agents of with entered after its own
// strategies, in order. Each becomes a [[strategies]] entry appended to
// the config's text, which is parsed again, so that the entry is checked
// like one written in the file and the run folder's config.toml records
// it: run again, that file makes the same run. An external agent's words
// that name existing files are written as absolute paths, so that its
// command runs the same from any folder.
func addEntrants(cfg *configs.Config, with []string) (*configs.Config, error) {
	if len(with) == 0 {
		return cfg, nil
	}
	names := make([]string, 0, len(cfg.Strategies)+len(with))
	for _, s := range cfg.Strategies {
		names = append(names, s.Name)
	}
	var b strings.Builder
	b.WriteString(cfg.Source)
	if !strings.HasSuffix(cfg.Source, "\n") {
		b.WriteByte('\n')
	}
	for _, arg := range with {
		entry, name, err := withEntry(arg)
		if err != nil {
			return nil, usagef("--with %s: %v", arg, err)
		}
		if slices.Contains(names, name) {
			return nil, usagef("--with %s: the tournament has an entrant named %q already; give yours another name: --with NAME=%s", arg, name, strings.TrimPrefix(arg, name+"="))
		}
		names = append(names, name)
		fmt.Fprintf(&b, "\n# added by winwin run --with %s\n%s", arg, entry)
	}
	out, err := configs.Parse([]byte(b.String()), cfg.File)
	if err != nil {
		return nil, usageError{fmt.Errorf("--with: %w", err)}
	}
	// The command line's external agents run in the current folder, as
	// negotiate's do.
	wd, err := os.Getwd()
	if err != nil {
		return nil, fmt.Errorf("--with: %w", err)
	}
	for i := len(cfg.Strategies); i < len(out.Strategies); i++ {
		if out.Strategies[i].Strategy == configs.ExecStrategy {
			out.Strategies[i].Dir = wd
		}
	}
	return out, nil
}

// withEntry returns the [[strategies]] entry of one --with value, and
// the entrant's name.
func withEntry(arg string) (entry, name string, err error) {
	spec := arg
	if n, rest, ok := strings.Cut(arg, "="); ok && n != "" && !strings.ContainsAny(n, ":,") {
		name, spec = n, rest
	}
	words, isExec, err := parseExec(spec)
	if err != nil {
		return "", "", err
	}
	if isExec {
		abs := make([]string, len(words))
		for i, w := range words {
			abs[i] = w
			if fi, err := os.Stat(w); err == nil && fi.Mode().IsRegular() && !filepath.IsAbs(w) {
				if a, err := filepath.Abs(w); err == nil {
					abs[i] = a
				}
			}
		}
		if name == "" {
			name = strings.TrimSuffix(commandName(words), filepath.Ext(commandName(words)))
		}
		return fmt.Sprintf("[[strategies]]\nname = %s\nstrategy = %s\ncommand = %s\n", tomltext.String(name), tomltext.String(configs.ExecStrategy), quoteList(abs)), name, nil
	}
	strategy, params, err := strategyarg.Parse(spec)
	if err != nil {
		return "", "", err
	}
	if _, err := strategies.Factory(strategy, params); err != nil {
		var unknown *strategies.UnknownError
		if errors.As(err, &unknown) {
			msg := fmt.Sprintf("unknown strategy %q", strategy)
			if s := didyoumean.Closest(strategy, strategies.Names()); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			return "", "", fmt.Errorf("%s; registered strategies: %s; an agent in another language: exec:COMMAND,ARG…", msg, strings.Join(strategies.Names(), ", "))
		}
		return "", "", err
	}
	if name == "" {
		name = spec
	}
	var b strings.Builder
	fmt.Fprintf(&b, "[[strategies]]\nname = %s\nstrategy = %s\n", tomltext.String(name), tomltext.String(strategy))
	if len(params) > 0 {
		b.WriteString("params = {")
		keys := make([]string, 0, len(params))
		for k := range params {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, " %s = %s", tomltext.String(k), strconv.FormatFloat(params[k], 'g', -1, 64))
		}
		b.WriteString(" }\n")
	}
	return b.String(), name, nil
}

func quoteList(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = tomltext.String(w)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
