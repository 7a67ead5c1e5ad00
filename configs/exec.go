package configs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/winwin-sim/winwin/agents"
)

// ExecStrategy is the strategy of an external agent: a program in any
// language that negotiates over stdin/stdout (see package pipe and its
// PROTOCOL.md). Its entry names the program instead of parameters:
//
//	[[strategies]]
//	name = "my-py"
//	strategy = "exec"
//	command = ["python3", "my_agent.py"]   # run in the config file's folder
//	timeout_ms = 2000                      # per move (optional)
//
// A config only describes the agent; whoever runs the tournament starts
// its processes (winwin run does).
const ExecStrategy = "exec"

// MaxTimeoutMs is the longest per-move timeout an external agent may have.
const MaxTimeoutMs = 600_000

// execEntry reads the rest of an external agent's [[strategies]] entry.
func execEntry(e *table, s StrategyConfig) (StrategyConfig, error) {
	if s.Strategy != ExecStrategy {
		k := "command"
		if e.m[k] == nil {
			k = "timeout_ms"
		}
		return s, e.bad(k, nil, `only an external agent has a %s: add strategy = "exec" (or remove it)`, k)
	}
	if _, ok := e.m["params"]; ok {
		return s, e.bad("params", nil, "an external agent has no params: pass its settings as arguments in its command")
	}
	v, ok := e.m["command"]
	if !ok {
		return s, e.missing("command", `name the program and its arguments, e.g. command = ["python3", "my_agent.py"]`)
	}
	list, isList := v.([]any)
	if !isList || len(list) == 0 {
		return s, e.bad("command", nil, `must be a non-empty list of strings, the program and its arguments, e.g. ["python3", "my_agent.py"]`)
	}
	for k, a := range list {
		str, isStr := a.(string)
		if !isStr || (k == 0 && strings.TrimSpace(str) == "") || strings.ContainsRune(str, 0) {
			return s, e.src.errAt(index(e.key("command"), k), true, nil, "command: %s is not a usable word of a command line: each must be a string (the first one, the program, not empty)", e.showElem("command", k))
		}
		s.Command = append(s.Command, str)
	}
	if e.src.file != "" {
		s.Dir = filepath.Dir(e.src.file)
	}
	ms, err := e.integer("timeout_ms", 0, 1, MaxTimeoutMs)
	if err != nil {
		return s, err
	}
	s.Timeout = time.Duration(ms) * time.Millisecond
	s.Params = map[string]float64{}
	s.path = e.path
	return s, nil
}

// CheckPrograms checks that the program of every external agent exists
// and is executable, found the way its processes will find it: a name
// without a slash is looked up in $PATH, a relative path is taken from
// the config's folder (StrategyConfig.Dir). A missing program, a folder
// or a file without permission to run is an *Error at the entry's
// command. Call it before running a config (winwin validate and run do);
// Load, Parse and ParseFS do not, so that a config can be read on a
// machine without its agents.
func (c *Config) CheckPrograms() error {
	for _, s := range c.Strategies {
		if s.Strategy != ExecStrategy || len(s.Command) == 0 {
			continue
		}
		err := checkProgram(s.Command[0], s.Dir)
		if err == nil {
			continue
		}
		if c.src == nil {
			return fmt.Errorf("configs: strategy %q: %w", s.Name, err)
		}
		return c.src.errAt(index(join(s.path, "command"), 0), true, err, "command: %v", err)
	}
	return nil
}

// checkProgram checks the program prog of a command run in dir.
func checkProgram(prog, dir string) error {
	if !strings.ContainsAny(prog, `/`+string(filepath.Separator)) {
		if _, err := exec.LookPath(prog); err != nil {
			return fmt.Errorf("program %q is not found in $PATH: install it, or give the path to it", prog)
		}
		return nil
	}
	p := prog
	if dir != "" && !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	fi, err := os.Stat(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if p != prog {
			return fmt.Errorf("program %q is not found (no file %s; a relative path is taken from the config's folder)", prog, p)
		}
		return fmt.Errorf("program %q is not found", prog)
	case err != nil:
		return fmt.Errorf("program %q cannot be checked: %w", prog, err)
	case fi.IsDir():
		return fmt.Errorf("program %q is a folder, not a program", prog)
	case runtime.GOOS != "windows" && fi.Mode()&0o111 == 0:
		return fmt.Errorf("program %q is not executable: make it so (chmod +x %s) or name its interpreter first (command = [\"python3\", %q])", prog, p, prog)
	}
	return nil
}

// unattached stands in for the constructor of an external agent until the
// caller has started its processes and set Entrant.New.
func unattached(name string) func() agents.Agent {
	return func() agents.Agent {
		panic(fmt.Sprintf("configs: strategy %q is an external agent whose processes were not started (start them with pipe.NewPool and set the entrant's New)", name))
	}
}
