package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
)

// pythonAgent returns the absolute path of the example Python agent, or
// skips the test when python3 is not installed.
func pythonAgent(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed: the external agent commands are not tested")
	}
	p, err := filepath.Abs("../examples/agents/python/agent.py")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExecParse(t *testing.T) {
	cases := []struct {
		arg    string
		words  []string
		isExec bool
		err    string
	}{
		{"boulware", nil, false, ""},
		{"linear:e=2", nil, false, ""},
		{"exec:python3,agent.py", []string{"python3", "agent.py"}, true, ""},
		{"exec:./agent", []string{"./agent"}, true, ""},
		{"exec:node,agent.js,--e,0.5", []string{"node", "agent.js", "--e", "0.5"}, true, ""},
		{"exec:", nil, true, "exec: needs a command"},
		{"exec:,agent.py", nil, true, "exec: needs a command"},
	}
	for _, c := range cases {
		words, isExec, err := parseExec(c.arg)
		if isExec != c.isExec || strings.Join(words, "|") != strings.Join(c.words, "|") {
			t.Errorf("parseExec(%q) = %q, %v; want %q, %v", c.arg, words, isExec, c.words, c.isExec)
		}
		if (err == nil) != (c.err == "") || err != nil && !strings.Contains(err.Error(), c.err) {
			t.Errorf("parseExec(%q) error %v, want %q", c.arg, err, c.err)
		}
	}
}

// TestExecConfig: a [[strategies]] entry with strategy = "exec" names a
// command, run in the config file's folder, and an optional timeout.
func TestExecConfig(t *testing.T) {
	const head = "relationships = 1\nperiods = 1\nworkers = 1\nself_play = false\n[[strategies]]\nname = \"boulware\"\n"
	cases := []struct {
		name, entry string
		err         string
	}{
		{"ok", "[[strategies]]\nname = \"my-py\"\nstrategy = \"exec\"\ncommand = [\"python3\", \"agent.py\", \"--e\", \"0.3\"]\ntimeout_ms = 1500\n", ""},
		{"no-timeout", "[[strategies]]\nname = \"my-py\"\nstrategy = \"exec\"\ncommand = [\"./agent\"]\n", ""},
		{"no-command", "[[strategies]]\nname = \"my-py\"\nstrategy = \"exec\"\n", `has no command: name the program and its arguments`},
		{"string-command", "[[strategies]]\nname = \"my-py\"\nstrategy = \"exec\"\ncommand = \"python3 agent.py\"\n", `must be a non-empty list of strings`},
		{"empty-command", "[[strategies]]\nname = \"my-py\"\nstrategy = \"exec\"\ncommand = []\n", `must be a non-empty list of strings`},
		{"number-in-command", "[[strategies]]\nname = \"my-py\"\nstrategy = \"exec\"\ncommand = [\"python3\", 3]\n", `command: 3 is not a usable word`},
		{"params", "[[strategies]]\nname = \"my-py\"\nstrategy = \"exec\"\ncommand = [\"x\"]\nparams = { e = 1 }\n", "an external agent has no params"},
		{"bad-timeout", "[[strategies]]\nname = \"my-py\"\nstrategy = \"exec\"\ncommand = [\"x\"]\ntimeout_ms = 0\n", "must be an integer 1..600000"},
		{"command-not-exec", "[[strategies]]\nname = \"linear\"\ncommand = [\"x\"]\n", `only an external agent has a command: add strategy = "exec"`},
		{"typo", "[[strategies]]\nname = \"my-py\"\nstrategy = \"exe\"\n", `did you mean "exec"?`},
		{"unknown-key", "[[strategies]]\nname = \"my-py\"\nstrategy = \"exec\"\ncommand = [\"x\"]\ntimeout = 5\n", `unknown key "timeout" in [[strategies]] (did you mean "timeout_ms"?)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := filepath.Join("some", "folder", "t.toml")
			cfg, err := configs.Parse([]byte(head+c.entry), file)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			s := cfg.Strategies[1]
			if s.Strategy != configs.ExecStrategy || s.Dir != filepath.Join("some", "folder") {
				t.Errorf("entry %+v: want strategy exec run in some/folder", s)
			}
			if c.name == "ok" && (strings.Join(s.Command, " ") != "python3 agent.py --e 0.3" || s.Timeout != 1500*time.Millisecond) {
				t.Errorf("command %q, timeout %v", s.Command, s.Timeout)
			}
			if c.name == "no-timeout" && s.Timeout != 0 {
				t.Errorf("timeout %v, want 0 (the default)", s.Timeout)
			}
			tour, err := cfg.Tournament()
			if err != nil {
				t.Fatal(err)
			}
			fc := &faultCount{negs: map[string]int{}, faults: map[string]int{}}
			if _, err := tour.Run(context.Background(), fc); err != nil {
				t.Fatal(err)
			}
			if fc.faults["my-py"] != fc.negs["my-py"] || !strings.Contains(fc.last, "processes were not started") {
				t.Errorf("a run whose external agent was never started: %d faults in %d negotiations, the last %q", fc.faults["my-py"], fc.negs["my-py"], fc.last)
			}
		})
	}
}

// faultCount counts negotiations and faults by entrant name, keeping
// the last fault's message. It is its own collector, shared by the
// workers under a lock.
type faultCount struct {
	mu           sync.Mutex
	negs, faults map[string]int
	last         string
}

func (f *faultCount) NewCollector() arena.Collector { return f }
func (f *faultCount) Merge(arena.Collector)         {}
func (f *faultCount) Add(r *arena.RelationshipRecord) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, p := range r.Periods {
		for _, n := range r.Names {
			f.negs[n]++
		}
		if p.Outcome.Fault != nil {
			f.faults[r.Names[p.Outcome.Fault.By]]++
			f.last = p.Outcome.Fault.Error()
		}
	}
}

// TestExecRun runs a tournament config with the example Python agent
// entered from a folder of its own: the command is found relative to the
// config, the agent plays without a fault, and its stderr log is in the
// run folder.
func TestExecRun(t *testing.T) {
	agent := pythonAgent(t)
	dir := t.TempDir()
	src, err := os.ReadFile(agent)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "my_agent.py"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(dir, "t.toml")
	text := "relationships = 2\nperiods = 2\nrounds = 20\nworkers = 2\n" +
		"[[strategies]]\nname = \"boulware\"\n[[strategies]]\nname = \"conceder\"\n" +
		"[[strategies]]\nname = \"my-py\"\nstrategy = \"exec\"\ncommand = [\"python3\", \"my_agent.py\"]\n" +
		"timeout_ms = 30000\n" // generous: a loaded CI machine must not turn a slow start into a fault
	if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := configs.Load(conf)
	if err != nil {
		t.Fatal(err)
	}
	tour, err := cfg.Tournament()
	if err != nil {
		t.Fatal(err)
	}
	runDir := t.TempDir()
	done, err := startExecAgents(context.Background(), &tour, cfg, runDir)
	if err != nil {
		t.Fatal(err)
	}
	fc := &faultCount{negs: map[string]int{}, faults: map[string]int{}}
	n, err := tour.Run(context.Background(), fc)
	if cerr := done(); cerr != nil {
		t.Errorf("closing the agents: %v", cerr)
	}
	if err != nil || n != tour.Total() {
		t.Fatalf("%d of %d relationships, error %v", n, tour.Total(), err)
	}
	if fc.negs["my-py"] == 0 || len(fc.faults) > 0 {
		t.Errorf("my-py played %d negotiations; faults %v", fc.negs["my-py"], fc.faults)
	}
	if _, err := os.Stat(filepath.Join(runDir, "agents", "my-py.stderr.log")); err != nil {
		t.Errorf("no stderr log in the run folder: %v", err)
	}

	// A command that does not start is an error before the run.
	cfg.Strategies[2].Command = []string{"sh", "-c", "echo not the protocol"}
	tour, _ = cfg.Tournament()
	if _, err := startExecAgents(context.Background(), &tour, cfg, t.TempDir()); err == nil || !strings.Contains(err.Error(), `strategy "my-py"`) || !strings.Contains(err.Error(), `"not the protocol"`) {
		t.Errorf("an agent that does not speak the protocol: %v", err)
	}
}

// TestExecCommandStrategy plays the example Python agent named on the
// command line (exec:python3,…) against a built-in strategy.
func TestExecCommandStrategy(t *testing.T) {
	agent := pythonAgent(t)
	var stderr bytes.Buffer
	env := &Env{Stderr: &stderr}
	var news [2]func() agents.Agent
	for r, arg := range []string{"exec:python3," + agent, "conceder"} {
		f, done, err := commandStrategy(context.Background(), env, arg)
		if err != nil {
			t.Fatal(err)
		}
		defer done()
		news[r] = f
	}
	sc, _, err := configs.LoadDomain("supply-deal")
	if err != nil {
		t.Fatal(err)
	}
	var tab arena.Table
	out := tab.Negotiate(arena.Setup{Domain: sc.Domain, Deadline: 20, Opener: agents.Seller},
		&arena.Party{Agent: news[0](), Prefs: sc.Prefs[0], Rand: arena.NewRand(1, 0)},
		&arena.Party{Agent: news[1](), Prefs: sc.Prefs[1], Rand: arena.NewRand(1, 1)})
	if out.Fault != nil || !out.Agreed {
		t.Errorf("outcome %+v; stderr:\n%s", out, stderr.String())
	}
	if _, _, err := commandStrategy(context.Background(), env, "exec:no-such-program-winwin"); err == nil || !strings.Contains(err.Error(), "not found in $PATH") {
		t.Errorf("a program that does not exist: %v", err)
	}
}

func TestCheckAgent(t *testing.T) {
	agent := pythonAgent(t)
	cases := []struct {
		name    string
		args    []string
		status  int
		outputs []string
	}{
		{"python example", []string{"--", "python3", agent}, ExitOK,
			[]string{"Conformance check of python-example: all 9 checks passed.", "ok    valid-moves", "negotiations through the pipe. The agent's stderr is in ", "agent.py.stderr.log"}},
		{"no hello", []string{"--seeds", "1", "--", "sh", "-c", "read line; echo hello there"}, ExitFailure,
			[]string{"The agent could not start a negotiation:", `printed a line that is not a protocol message (not a JSON object): "hello there"`}},
		{"bad moves", []string{"--seeds", "1", "--timeout", "500ms", "--", "sh", "-c", `read line; echo '{"type":"hello","protocol":1}'; while read line; do s=${line#*'"session":'}; s=${s%%,*}; case "$line" in *'"type":"turn"'*) echo '{"type":"move","session":'$s',"kind":"offer","offer":[99]}';; esac; done`}, ExitFailure,
			[]string{"FAIL  valid-moves", "Conformance check of sh: ", "sh.stderr.log", `invalid move: issue "price" (index 0) has no option 99`, "lost to the agent's faults"}},
		{"no command", nil, ExitUsage, []string{"no agent to check"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			args := append([]string{"check-agent", "--log-dir", t.TempDir()}, c.args...)
			code := Main(context.Background(), args, WithIO(strings.NewReader(""), &out, &errOut, false))
			if code != c.status {
				t.Errorf("exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", code, c.status, out.String(), errOut.String())
			}
			all := out.String() + errOut.String()
			for _, want := range c.outputs {
				if !strings.Contains(all, want) {
					t.Errorf("output lacks %q:\n%s", want, all)
				}
			}
		})
	}
}

// TestExampleAgentConfigs loads the tournament configs beside the example
// agents: each enters its agent from its own folder.
func TestExampleAgentConfigs(t *testing.T) {
	files, err := filepath.Glob("../examples/agents/*/tournament.toml")
	if err != nil || len(files) < 2 {
		t.Fatalf("example configs: %v, %v", files, err)
	}
	for _, f := range files {
		cfg, err := configs.Load(f)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		n := 0
		for _, s := range cfg.Strategies {
			if s.Strategy != configs.ExecStrategy {
				continue
			}
			n++
			if s.Dir != filepath.Dir(f) {
				t.Errorf("%s: %s runs in %q, want the config's folder", f, s.Name, s.Dir)
			}
			if len(s.Command) < 2 {
				t.Errorf("%s: %s: command %q names no script", f, s.Name, s.Command)
				continue
			}
			if _, err := os.Stat(filepath.Join(s.Dir, s.Command[1])); err != nil {
				t.Errorf("%s: %s: %v", f, s.Name, err)
			}
		}
		if n == 0 {
			t.Errorf("%s enters no external agent", f)
		}
	}
}

// sulker greets and then never answers: an agent thinking for ever.
const sulker = `import sys
for line in sys.stdin:
    if '"hello"' in line:
        print('{"type":"hello","protocol":1,"name":"sulker"}', flush=True)
`

// Ctrl-C stops `negotiate` while an external agent is thinking: the
// command returns the interrupted status instead of waiting out the
// agent's per-move timeouts, deal after deal.
func TestNegotiateInterruptedWhileAgentThinks(t *testing.T) {
	pythonAgent(t)
	script := filepath.Join(t.TempDir(), "sulker.py")
	if err := os.WriteFile(script, []byte(sulker), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, periods := range []string{"1", "5"} {
		t.Run("periods "+periods, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(300*time.Millisecond, cancel)
			env := &Env{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}}
			done := make(chan error, 1)
			go func() {
				done <- negotiateCmd(ctx, env, []string{"exec:python3," + script, "boulware", "--rounds", "50", "--periods", periods})
			}()
			select {
			case err := <-done:
				if code := exitStatus(env, "negotiate", err); code != ExitInterrupted {
					t.Errorf("exit %d (%v), want %d", code, err, ExitInterrupted)
				}
			case <-time.After(time.Minute): // 50 rounds × 2 s per move when nothing stops it
				t.Fatal("negotiate went on after it was interrupted")
			}
		})
	}
}

// A config whose external agent cannot be used is refused by validate and
// by run before anything is written: exit 2, the entrant named, and no
// run folder.
func TestBrokenAgentRefusedBeforeRun(t *testing.T) {
	pythonAgent(t)
	agents := map[string]string{
		"crashes.py":   "import sys\nraise KeyError('session')\n",
		"exits.py":     "import sys\nsys.exit(0)\n",
		"protocol2.py": "import sys\nfor line in sys.stdin:\n    print('{\"type\":\"hello\",\"protocol\":2}', flush=True)\n",
	}
	tests := []struct {
		name, command string
		want          []string
	}{
		{"missing program", `["no-such-program-winwin"]`, []string{"broken.toml:5:12", `program "no-such-program-winwin" is not found`}},
		{"crashes at start", `["python3", "crashes.py"]`, []string{`"broken"`, "KeyError"}},
		{"exits at once", `["python3", "exits.py"]`, []string{`"broken"`}},
		{"other protocol", `["python3", "protocol2.py"]`, []string{`"broken"`, "protocol"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range agents {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			config := filepath.Join(dir, "broken.toml")
			toml := "relationships = 1\n[[strategies]]\nname = \"broken\"\nstrategy = \"exec\"\ncommand = " + tt.command +
				"\ntimeout_ms = 2000\n[[strategies]]\nname = \"boulware\"\n"
			if err := os.WriteFile(config, []byte(toml), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out")
			for _, args := range [][]string{{"validate", config}, {"run", config, "--out", out}} {
				env := &Env{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}}
				var err error
				if args[0] == "validate" {
					err = validateCmd(context.Background(), env, args[1:])
				} else {
					err = runCmd(context.Background(), env, args[1:])
				}
				if code := exitStatus(env, args[0], err); code != ExitUsage {
					t.Errorf("%s: exit %d (%v), want %d", args[0], code, err, ExitUsage)
				}
				for _, w := range tt.want {
					if err == nil || !strings.Contains(err.Error(), w) {
						t.Errorf("%s: error %v lacks %q", args[0], err, w)
					}
				}
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				ents, _ := os.ReadDir(out)
				t.Errorf("the refused run left %s behind: %v", out, ents)
			}
		})
	}
}
