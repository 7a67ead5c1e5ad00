package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/pipe"
)

// This file connects external agents (package pipe) to the commands: the
// exec: syntax of the command line and the processes of a run's exec
// entrants.

// execPrefix introduces an external agent on the command line: exec:
// followed by the command's words separated by commas, as in
// exec:python3,my_agent.py.
const execPrefix = configs.ExecStrategy + ":"

// parseExec returns the command of an exec: strategy argument, and false
// if arg is not one.
func parseExec(arg string) ([]string, bool, error) {
	rest, ok := strings.CutPrefix(arg, execPrefix)
	if !ok {
		return nil, false, nil
	}
	words := strings.Split(rest, ",")
	if rest == "" || words[0] == "" {
		return nil, true, fmt.Errorf("strategy %q: exec: needs a command, its words separated by commas, e.g. exec:python3,my_agent.py", arg)
	}
	return words, true, nil
}

// commandStrategy resolves a strategy named on the command line: a
// registered one ("NAME" or "NAME:param=value,…", see strategyFactory) or
// an external agent ("exec:CMD,ARG,…"), whose single process sends its
// stderr to env.Stderr. When ctx ends, a move the agent is thinking about
// fails at once. The returned done ends the process; call it when the
// command is over.
func commandStrategy(ctx context.Context, env *Env, arg string) (newAgent func() agents.Agent, done func() error, err error) {
	words, isExec, err := parseExec(arg)
	if err != nil {
		return nil, nil, err
	}
	if !isExec {
		f, err := strategyFactory(arg)
		return f, func() error { return nil }, err
	}
	pool, err := pipe.NewPool(pipe.Config{Name: commandName(words), Command: words, Stderr: env.Stderr})
	if err != nil {
		return nil, nil, err
	}
	unhook := context.AfterFunc(ctx, pool.Interrupt)
	return pool.NewAgent, func() error { unhook(); return pool.Close() }, nil
}

// commandName names an agent after its command: the last word that is an
// existing file (the script: "agent.py" for python3 agent.py), else the
// program ("sh" for sh -c '…').
func commandName(words []string) string {
	for i := len(words) - 1; i >= 0; i-- {
		if fi, err := os.Stat(words[i]); err == nil && !fi.IsDir() {
			return filepath.Base(words[i])
		}
	}
	return filepath.Base(words[0])
}

// startExecAgents starts the processes of the tournament's external
// agents (the entrants of cfg with strategy "exec"): a pool per entrant
// with one process per worker, each sending its stderr to
// runDir/agents/<name>.stderr.log. It sets those entrants' New, and checks
// that every agent starts and answers the protocol's hello, so a broken
// command is an error before the run rather than a fault in every
// negotiation. When ctx ends, every negotiation waiting on an agent fails
// at once, so an interrupted run stops within moments. Call done when the
// run is over: it closes the processes.
func startExecAgents(ctx context.Context, t *arena.Tournament, cfg *configs.Config, runDir string) (done func() error, err error) {
	workers := arena.Workers(t.Workers)
	var pools []*pipe.Pool
	var unhook []func() bool
	done = func() error {
		var errs []error
		for _, p := range pools {
			errs = append(errs, p.Close())
		}
		for _, u := range unhook {
			u()
		}
		return errors.Join(errs...)
	}
	for i, s := range cfg.Strategies {
		if s.Strategy != configs.ExecStrategy {
			continue
		}
		pool, err := pipe.NewPool(pipe.Config{
			Name: s.Name, Command: s.Command, Dir: s.Dir, Timeout: s.Timeout,
			Processes: workers, LogDir: filepath.Join(runDir, "agents"),
		})
		if err == nil {
			pools = append(pools, pool)
			unhook = append(unhook, context.AfterFunc(ctx, pool.Interrupt))
			err = pool.Warm()
		}
		if err != nil {
			done()
			return nil, fmt.Errorf("strategy %q: %w", s.Name, err)
		}
		t.Entrants[i].New = pool.NewAgent
	}
	return done, nil
}

// probeExecAgents checks, before a run, that every external agent of cfg
// starts and greets with this protocol version (pipe.Probe), one process
// each, and writes nothing. A refusal is a usage error naming the entrant;
// an interruption is reported as such.
func probeExecAgents(ctx context.Context, cfg *configs.Config) error {
	for _, s := range cfg.Strategies {
		if s.Strategy != configs.ExecStrategy {
			continue
		}
		err := pipe.Probe(ctx, pipe.Config{Name: s.Name, Command: s.Command, Dir: s.Dir, Timeout: s.Timeout})
		switch {
		case err == nil:
		case ctx.Err() != nil:
			return fmt.Errorf("%w while starting %s", errInterrupted, s.Name)
		default:
			return usageError{fmt.Errorf("strategy %q: %w", s.Name, err)}
		}
	}
	return nil
}
