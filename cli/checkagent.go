package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/winwin-sim/winwin/agents/agenttest"
	"github.com/winwin-sim/winwin/pipe"
)

const checkAgentSummary = "Run the conformance suite on an agent in any language, through the pipe protocol, and\n" +
	"explain every problem. Put the agent's command after --:\n\n" +
	"    winwin check-agent -- python3 my_agent.py\n\n" +
	"Each check is announced as it starts and ends. An agent that makes the same fault three times in\n" +
	"a row stops the check, with its own first error (its traceback); Ctrl-C stops it at once.\n" +
	"The exit status is 0 when every check passes, 1 when one fails, the agent cannot start or the\n" +
	"time limit is reached, 130 when interrupted."

// checkStopAfter is how many identical faults in a row stop check-agent:
// enough to tell a fault the agent makes every time from a fluke.
const checkStopAfter = 3

// defaultCheckTimeLimit bounds a whole check-agent run: a broken agent's
// verdict comes in well under half a minute, and a healthy agent's full
// check (about a second for the example Python agent, some 1,200
// negotiations) fits many times over.
const defaultCheckTimeLimit = 25 * time.Second

func checkAgentCmd(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "check-agent", "[FLAGS] -- COMMAND [ARGS…]", checkAgentSummary)
	timeout := fs.Duration("timeout", pipe.DefaultTimeout, "time the agent may take for one move")
	timeLimit := fs.Duration("time-limit", defaultCheckTimeLimit, "time the whole check may take")
	seeds := fs.String("seeds", "1,2", "comma-separated random `seeds` every check game is played with")
	processes := fs.Int("processes", runtime.GOMAXPROCS(0), "agent processes run at once")
	logDir := fs.String("log-dir", "", "write the agent's stderr into this `folder` (default: a new temporary folder)")
	// Flags come first; everything after them (or after --) is the
	// agent's command, flags and all.
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	pos := fs.Args()
	if len(pos) == 0 {
		fs.Usage()
		return usagef("no agent to check: put its command after --, e.g. winwin check-agent -- python3 my_agent.py")
	}
	if *timeout <= 0 || *timeout > 10*time.Minute {
		return usagef("--timeout %v: must be more than 0 and at most 10m", *timeout)
	}
	if *timeLimit <= 0 || *timeLimit > 24*time.Hour {
		return usagef("--time-limit %v: must be more than 0 and at most 24h", *timeLimit)
	}
	if *processes < 1 || *processes > 256 {
		return usagef("--processes %d: must be 1..256", *processes)
	}
	var seedList []uint64
	for s := range strings.SplitSeq(*seeds, ",") {
		n, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
		if err != nil {
			return usagef("--seeds %q: must be whole numbers separated by commas", *seeds)
		}
		seedList = append(seedList, n)
	}

	if *logDir == "" {
		dir, err := os.MkdirTemp("", "winwin-check-agent-")
		if err != nil {
			return err
		}
		*logDir = dir
	}
	name := commandName(pos)
	pool, err := pipe.NewPool(pipe.Config{Name: name, Command: pos, Timeout: *timeout, Processes: *processes, LogDir: *logDir})
	if err != nil {
		return usageError{err}
	}
	defer pool.Close()
	log := pool.LogFile()

	// The time limit and the user's Ctrl-C both interrupt the pool, which
	// makes the move winwin waits for fail at once.
	limited := fmt.Errorf("it reached its time limit of %v (an agent that is only slow can have longer: --time-limit %v)", *timeLimit, 4**timeLimit)
	checkCtx, cancel := context.WithTimeoutCause(ctx, *timeLimit, limited)
	defer cancel()
	stop := context.AfterFunc(checkCtx, pool.Interrupt)
	defer stop()

	out := env.Stdout
	command := strings.Join(pos, " ")
	fmt.Fprintf(out, "Checking %s (protocol %d, %v per move, at most %v in all).\n", command, pipe.Version, *timeout, *timeLimit)
	fmt.Fprintf(out, "Starting %d agent processes… ", *processes)
	if err := pool.Warm(); err != nil {
		fmt.Fprintln(out, "failed.")
		switch {
		case ctx.Err() != nil:
			fmt.Fprintln(out, "Interrupted.")
			return errInterrupted
		case checkCtx.Err() != nil:
			fmt.Fprintf(out, "\nThe check was stopped: %v\n", context.Cause(checkCtx))
			return fmt.Errorf("%s did not start within the time limit", command)
		}
		fmt.Fprintf(out, "\nThe agent could not start a negotiation:\n  %v\n", err)
		writeTrouble(out, pool)
		fmt.Fprintf(out, "\nIt must answer winwin's first line with {\"type\":\"hello\",\"protocol\":%d} and flush stdout;\n", pipe.Version)
		fmt.Fprintf(out, "see pipe/PROTOCOL.md. The agent's stderr is in %s\n", log)
		return fmt.Errorf("%s did not start", command)
	}
	label := pool.AgentName()
	if label == "" {
		label = name
	}
	fmt.Fprintf(out, "ok, it calls itself %q.\n", label)
	rep, err := agenttest.CheckContext(checkCtx, pool.NewAgent, agenttest.Options{
		Name: label, Seeds: seedList, Pipe: true, StopAfter: checkStopAfter,
		Progress: func(e agenttest.Event) {
			if !e.Done {
				fmt.Fprintf(out, "  …     %-21s %s\n", e.Check, e.Rule)
				return
			}
			fmt.Fprintf(out, "  %-4s  %-21s %d negotiations in %.1fs\n", e.Finding.Status, e.Check, e.Finding.Negotiations, e.Elapsed.Seconds())
		},
	})
	if ctx.Err() != nil {
		fmt.Fprintln(out, "\nInterrupted: the check was stopped before its verdict.")
		return errInterrupted
	}
	fmt.Fprintln(out)
	if err := rep.Write(out); err != nil {
		return err
	}
	if !rep.Passed() {
		writeTrouble(out, pool)
	}
	st := pool.Stats()
	fmt.Fprintf(out, "\n%d negotiations through the pipe", st.Sessions)
	if st.Faults > 0 {
		fmt.Fprintf(out, ", %d lost to the agent's faults", st.Faults)
	}
	if st.Restarts > 0 {
		fmt.Fprintf(out, "; its process was restarted %d times", st.Restarts)
	}
	fmt.Fprintf(out, ". The agent's stderr is in %s\n", log)
	if st.Restarts > 0 && rep.Repeated == "" {
		fmt.Fprintln(out, "A restarted process takes the other negotiations it was serving down with it, so one fault\n"+
			"can fail several checks: fix the first failure above, then check again.")
	}
	if err != nil {
		return fmt.Errorf("%s: the check was stopped: %w", command, err)
	}
	if !rep.Passed() {
		var failed []string
		for _, f := range rep.Findings {
			if f.Status == agenttest.Failed {
				failed = append(failed, f.Check)
			}
		}
		if rep.Stopped != "" {
			return fmt.Errorf("%s failed %d checks (%s) and the check stopped: %s", command, len(failed), strings.Join(failed, ", "), rep.Stopped)
		}
		return fmt.Errorf("%s failed %d checks: %s", command, len(failed), strings.Join(failed, ", "))
	}
	return nil
}

// writeTrouble quotes what the agent wrote to stderr the first time one of
// its processes failed: its own words (a traceback) say more than winwin's.
func writeTrouble(w io.Writer, pool *pipe.Pool) {
	t := pool.FirstTrouble()
	if t == nil || len(t.Stderr) == 0 {
		return
	}
	fmt.Fprintln(w, "\nThe first time its process failed, the agent's stderr ended with:")
	for _, l := range t.Stderr {
		fmt.Fprintln(w, "    "+l)
	}
}
