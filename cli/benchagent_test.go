package cli_test

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/cli"
	"github.com/winwin-sim/winwin/strategies"
)

// bench-agent plays a Go strategy, or a Python agent through the pipe,
// against every built-in and reports its speed and its rounds next to the
// built-ins'.
func TestBenchAgent(t *testing.T) {
	list := []string{"boulware:e=0.3"}
	if _, err := exec.LookPath("python3"); err == nil {
		list = append(list, "exec:python3,"+filepath.Join(repo(t), "examples", "agents", "python", "learner.py"))
	}
	for _, agent := range list {
		t.Setenv("PYTHONDONTWRITEBYTECODE", "1")
		code, stdout, stderr := winwin(t, context.Background(), "bench-agent", agent, "--negotiations", "1", "--rounds", "10")
		if code != cli.ExitOK {
			t.Fatalf("%s: exit %d: %s", agent, code, stderr)
		}
		want := []string{"1 negotiations against each of", "deadline 10 rounds", "rounds per negotiation", "the built-ins' rounds", "extreme anchors", "retractions", "\nall ", "moves/s", "p50 ", "p99 "}
		for _, name := range strategies.Names() {
			want = append(want, "\n"+name+" ")
		}
		for _, w := range want {
			if !strings.Contains(stdout, w) {
				t.Errorf("%s: the output lacks %q:\n%s", agent, w, stdout)
			}
		}
	}
}

func TestBenchAgentRefuses(t *testing.T) {
	tests := []struct {
		args []string
		err  string
	}{
		{nil, "want one agent"},
		{[]string{"boulwar"}, `did you mean "boulware"`},
		{[]string{"boulware", "--negotiations", "0"}, "negotiations"},
		{[]string{"boulware", "--domain", "nowhere"}, "nowhere"},
	}
	for _, tt := range tests {
		code, _, stderr := winwin(t, context.Background(), append([]string{"bench-agent"}, tt.args...)...)
		if code != cli.ExitUsage || !strings.Contains(stderr, tt.err) {
			t.Errorf("bench-agent %q: exit %d, %q; want %d and %q", tt.args, code, stderr, cli.ExitUsage, tt.err)
		}
	}
}
