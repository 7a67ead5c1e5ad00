package pipe

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"
)

// TestPythonHelperModule runs the tests of examples/agents/python/winwin.py,
// the helper module for Python agents (its offer search against brute
// force, concede against retractions, the protocol loop, the 40-line
// limit of learner.py); TestPipeExampleAgents plays learner.py, which uses
// it, against the built-in strategies.
func TestPythonHelperModule(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed: the Python helper module is not tested")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "python3", "test_winwin.py")
	cmd.Dir = "../examples/agents/python"
	cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("python3 test_winwin.py: %v\n%s", err, out)
	}
}
