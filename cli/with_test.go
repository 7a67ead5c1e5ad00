package cli_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/cli"
	"github.com/winwin-sim/winwin/results"
)

// winwin run --with enters a Python agent and a tuned built-in beside the
// config's strategies; both are placed in the ranking, and the folder's
// config.toml records them, so that it makes the same run again from
// another folder.
func TestRunWith(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed")
	}
	root := repo(t)
	agent := filepath.Join(root, "examples", "agents", "python", "agent.py")
	// A config in another folder than the agent, which is found from the
	// folder the command runs in.
	config := filepath.Join(t.TempDir(), "small.toml")
	writeTestFile(t, config, "seed = 3\nrelationships = 2\nperiods = 3\nrounds = 20\n\n[[strategies]]\nname = \"linear\"\n\n"+
		"[[strategies]]\nname = \"boulware-late\"\nstrategy = \"boulware\"\nparams = { e = 0.1 }\n\n[output]\ncharts = false\n")
	t.Chdir(filepath.Dir(agent))
	base := t.TempDir()
	code, stdout, stderr := winwin(t, context.Background(), "run", config,
		"--with", "exec:python3,agent.py", "--with", "b2=boulware:e=0.3", "--out", base)
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range []string{" agent ", " b2 ", " boulware-late ", " linear "} {
		if !strings.Contains(stdout, name) {
			t.Errorf("the ranking lacks %q:\n%s", name, stdout)
		}
	}
	dir := runDir(t, base)
	text, err := os.ReadFile(filepath.Join(dir, results.ConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"# added by winwin run --with exec:python3,agent.py\n[[strategies]]\nname = \"agent\"\nstrategy = \"exec\"\ncommand = [\"python3\", \"" + agent + "\"]\n",
		"# added by winwin run --with b2=boulware:e=0.3\n[[strategies]]\nname = \"b2\"\nstrategy = \"boulware\"\nparams = { \"e\" = 0.3 }\n",
	} {
		if !strings.Contains(string(text), want) {
			t.Errorf("%s lacks\n%s\nit holds:\n%s", results.ConfigFile, want, text)
		}
	}
	t.Chdir(t.TempDir())
	base2 := t.TempDir()
	if code, _, stderr := winwin(t, context.Background(), "run", filepath.Join(dir, results.ConfigFile), "--out", base2); code != cli.ExitOK {
		t.Fatalf("run %s: exit %d: %s", results.ConfigFile, code, stderr)
	}
	again := runDir(t, base2)
	for _, name := range []string{results.SummaryFile, results.RolesFile, results.PairsFile, results.PeriodsFile, results.ConfigFile} {
		a, errA := os.ReadFile(filepath.Join(dir, name))
		b, errB := os.ReadFile(filepath.Join(again, name))
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs when run again from the folder's config (%v, %v)", name, errA, errB)
		}
	}
}

// A --with the tournament cannot take is refused before anything runs.
func TestRunWithRefused(t *testing.T) {
	tests := []struct {
		with string
		err  string
	}{
		{"linear", `has an entrant named "linear" already; give yours another name: --with NAME=linear`},
		{"boulwar", `did you mean "boulware"?`},
		{"b2=boulware:e=9", "e"},
		{"b2=boulware:e", "not name=number"},
		{"exec:", "exec: needs a command"},
		{"", "want a strategy"},
	}
	for _, tt := range tests {
		base := t.TempDir()
		code, _, stderr := winwin(t, context.Background(), "run", "../configs/quick.toml", "--with", tt.with, "--out", base)
		if code != cli.ExitUsage || !strings.Contains(stderr, tt.err) {
			t.Errorf("--with %q: exit %d, %q; want %d and %q", tt.with, code, stderr, cli.ExitUsage, tt.err)
		}
		if ents, _ := os.ReadDir(base); len(ents) > 0 {
			t.Errorf("--with %q: a refused run wrote %v", tt.with, ents)
		}
	}
}

func repo(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// The promise: a Python agent of under 40 lines, written with the
// helper module, enters the classic field with --with and is placed in the
// ranking.
func TestRunWithPythonLearnerInClassic(t *testing.T) {
	if testing.Short() {
		t.Skip("plays the classic field")
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed")
	}
	root := repo(t)
	t.Chdir(filepath.Join(root, "examples", "agents", "python"))
	t.Setenv("PYTHONDONTWRITEBYTECODE", "1")
	base := t.TempDir()
	code, stdout, stderr := winwin(t, context.Background(), "run", "--with", "exec:python3,learner.py", "--relationships", "2", "--out", base)
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "13 strategies") {
		t.Errorf("the classic field plus one should be 13 strategies:\n%s", stderr)
	}
	ranked := false
	for line := range strings.Lines(stdout) {
		if f := strings.Fields(line); len(f) > 3 && f[2] == "learner" {
			ranked = true
		}
	}
	if !ranked {
		t.Errorf("learner is not placed in the ranking:\n%s", stdout)
	}
}
