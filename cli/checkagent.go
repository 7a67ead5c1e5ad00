package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
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
	"The exit status is 0 when every check passes, 1 when one fails or the agent cannot start."

func checkAgentCmd(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "check-agent", "[FLAGS] -- COMMAND [ARGS…]", checkAgentSummary)
	timeout := fs.Duration("timeout", pipe.DefaultTimeout, "time the agent may take for one move")
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

	command := strings.Join(pos, " ")
	fmt.Fprintf(env.Stdout, "Checking %s (protocol %d, %v per move)…\n", command, pipe.Version, *timeout)
	if err := pool.Warm(); err != nil {
		fmt.Fprintf(env.Stdout, "\nThe agent could not start a negotiation:\n  %v\n", err)
		fmt.Fprintf(env.Stdout, "\nIt must answer winwin's first line with {\"type\":\"hello\",\"protocol\":%d} and flush stdout;\n", pipe.Version)
		fmt.Fprintf(env.Stdout, "see pipe/PROTOCOL.md. The agent's stderr is in %s\n", log)
		return fmt.Errorf("%s did not start", command)
	}
	label := pool.AgentName()
	if label == "" {
		label = name
	}
	rep := agenttest.Check(pool.NewAgent, agenttest.Options{Name: label, Seeds: seedList})
	fmt.Fprintln(env.Stdout)
	if err := rep.Write(env.Stdout); err != nil {
		return err
	}
	st := pool.Stats()
	fmt.Fprintf(env.Stdout, "\n%d negotiations through the pipe", st.Sessions)
	if st.Faults > 0 {
		fmt.Fprintf(env.Stdout, ", %d lost to the agent's faults", st.Faults)
	}
	if st.Restarts > 0 {
		fmt.Fprintf(env.Stdout, "; its process was restarted %d times", st.Restarts)
	}
	fmt.Fprintf(env.Stdout, ". The agent's stderr is in %s\n", log)
	if st.Restarts > 0 {
		fmt.Fprintln(env.Stdout, "A restarted process takes the other negotiations it was serving down with it, so one fault\n"+
			"can fail several checks: fix the first failure above, then check again.")
	}
	if !rep.Passed() {
		var failed []string
		for _, f := range rep.Findings {
			if f.Status == agenttest.Failed {
				failed = append(failed, f.Check)
			}
		}
		return fmt.Errorf("%s failed %d checks: %s", command, len(failed), strings.Join(failed, ", "))
	}
	return nil
}
