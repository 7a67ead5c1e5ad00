// Package cli is the winwin command line as a library: cmd/winwin calls
// Main, and a student who keeps an agent in their own module builds their
// own winwin binary by calling Main with that agent registered (see
// WithStrategies).
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/winwin-sim/winwin/internal/didyoumean"
	"github.com/winwin-sim/winwin/strategies"
)

// Exit statuses of the winwin command.
const (
	// ExitOK: the command did what was asked.
	ExitOK = 0
	// ExitFailure: the run itself failed (an output could not be written…).
	ExitFailure = 1
	// ExitUsage: bad usage or a bad config; nothing was run.
	ExitUsage = 2
	// ExitInterrupted: interrupted (Ctrl-C); what finished was written and
	// marked interrupted.
	ExitInterrupted = 130
)

// An Env is what a command runs with: its streams and whether stderr is a
// terminal (for the progress bar).
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Terminal is true when Stderr is an interactive terminal.
	Terminal bool
	// Extra are strategies registered by the program embedding the CLI.
	Extra []strategies.Spec
}

// An Option configures Main.
type Option func(*Env)

// WithStrategies registers extra strategies (a student's own agents) next
// to the built-in ones, for every command.
func WithStrategies(specs ...strategies.Spec) Option {
	return func(e *Env) { e.Extra = append(e.Extra, specs...) }
}

// WithIO replaces the standard streams (for tests).
func WithIO(stdin io.Reader, stdout, stderr io.Writer, terminal bool) Option {
	return func(e *Env) { e.Stdin, e.Stdout, e.Stderr, e.Terminal = stdin, stdout, stderr, terminal }
}

type command struct {
	name, args, summary string
	run                 func(ctx context.Context, env *Env, args []string) error
}

func commands() []command {
	return []command{
		{"run", "[FILE]", "run a tournament (default: the embedded classic config) and write a results folder", runCmd},
		{"negotiate", "SELLER BUYER", "play one negotiation and print its transcript", negotiateCmd},
		{"play", "[FLAGS]", "negotiate yourself against a strategy in the terminal (role-play)", playCmd},
		{"explain", "RUN_DIR", "say what carries each strategy's long-run rank: learning, retention, tactic costs", explainCmd},
		{"evolve", "RUN_DIR", "replicator dynamics over a run's long-run payoffs: who takes over the population", evolveCmd},
		{"merge", "SHARD…", "put the shards of a run (run --shard i/n) together into its run folder", mergeCmd},
		{"report", "RUN_DIR", "write a run folder's report.html (again) from its files", reportCmd},
		{"slides", "RUN_DIR", "write a run folder's slides.html: a 16:9 deck to debrief the run with a class", slidesCmd},
		{"strategies", "", "list the strategies with their parameters", strategiesCmd},
		{"domains", "[import DIR]", "list the built-in domains; import DIR converts a GENIUS or GeniusWeb scenario", domainsCmd},
		{"validate", "FILE", "check a tournament config without running it", validateCmd},
		{"check-agent", "-- COMMAND…", "check an agent in any language (over the pipe protocol) and explain what to fix", checkAgentCmd},
		{"classroom", "[FLAGS]", "run a class: participants negotiate in browsers, the trainer debriefs live", classroomCmd},
		{"new-agent", "NAME [DIR]", "write a starter agent, its test and your own winwin into a new folder", newAgentCmd},
		{"bench-agent", "AGENT", "measure an agent's speed and rounds per negotiation against the built-in strategies", benchAgentCmd},
	}
}

// Main runs the winwin command line with args (without the program name)
// and returns the exit status.
func Main(ctx context.Context, args []string, opts ...Option) int {
	env := &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	for _, o := range opts {
		o(env)
	}
	if len(env.Extra) > 0 {
		if err := strategies.Register(env.Extra...); err != nil {
			fmt.Fprintln(env.Stderr, "winwin:", err)
			return ExitUsage
		}
	}
	if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help") {
		usage(env.Stdout)
		return ExitOK
	}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		// No command, or flags without one: the default command, run.
		args = append([]string{"run"}, args...)
	}
	name := args[0]
	for _, c := range commands() {
		if c.name == name {
			err := c.run(ctx, env, args[1:])
			return exitStatus(env, name, err)
		}
	}
	msg := fmt.Sprintf("winwin: unknown command %q", name)
	if s := didyoumean.Closest(name, commandNames()); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	fmt.Fprintf(env.Stderr, "%s\n\n", msg)
	usage(env.Stderr)
	return ExitUsage
}

func commandNames() []string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return names
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "winwin — negotiation tournaments: does win-win play pay over repeat business?")
	fmt.Fprintln(w, "\nUsage: winwin COMMAND [ARGS] [FLAGS]  (no command: winwin run)")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-11s %-14s %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'winwin COMMAND -h' for a command's flags.")
	fmt.Fprintf(w, "Exit status: %d ok, %d run failure, %d usage or config error, %d interrupted.\n", ExitOK, ExitFailure, ExitUsage, ExitInterrupted)
}

// usageError marks errors of usage or configuration (exit status 2).
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// errInterrupted reports a run stopped by the user after writing what was done.
var errInterrupted = errors.New("interrupted")

// exitStatus prints what went wrong with command cmd, if anything, and
// returns the exit status that says what kind of failure it was.
func exitStatus(env *Env, cmd string, err error) int {
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "winwin") {
		msg = "winwin " + cmd + ": " + msg
	}
	fmt.Fprintln(env.Stderr, msg)
	var ue usageError
	switch {
	case errors.As(err, &ue):
		return ExitUsage
	case errors.Is(err, errInterrupted):
		return ExitInterrupted
	}
	return ExitFailure
}

// parseOne parses flags like parse and returns the one positional argument
// the command takes, what (a "run folder", an "agent") naming it in the
// usage error when there is not exactly one.
func parseOne(fs *flag.FlagSet, args []string, what string) (string, error) {
	pos, err := parse(fs, args)
	if err != nil {
		return "", err
	}
	if len(pos) != 1 {
		fs.Usage()
		return "", usagef("want one %s, got %d arguments", what, len(pos))
	}
	return pos[0], nil
}

// parse parses flags that may come before, between or after positional
// arguments, and returns the positionals.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func newFlags(env *Env, name, args, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: winwin %s %s\n%s\n\nFlags:\n", name, args, summary)
		fs.PrintDefaults()
	}
	return fs
}
