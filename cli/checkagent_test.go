package cli

import (
	"bytes"
	"context"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// brokenAgent returns the command of testdata/checkagent/broken.py in
// mode, or skips the test when python3 is not installed.
func brokenAgent(t *testing.T, mode string) []string {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed: the broken agents are not tested")
	}
	return []string{"python3", "testdata/checkagent/broken.py", mode}
}

// TestCheckAgentBroken: check-agent gives its verdict on each broken agent
// of issue #8 promptly — a fault made every time stops it after three,
// with the agent's own words — where it used to restart the agent for
// minutes. The time limit of the tests is a minute, so a verdict that
// came from the limit, not from the fault, fails the test.
func TestCheckAgentBroken(t *testing.T) {
	cases := []struct {
		mode string
		want []string
	}{
		{"sesion", []string{`the agent's move has an unknown field "sesion" — did you mean "session"?`, "made the same fault 3 times in a row"}},
		{"keyerror", []string{"made the same fault 3 times in a row", "The first time its process failed, the agent's stderr ended with:\n    Traceback (most recent call last):", "KeyError: 'rounds_left'"}},
		{"longline", []string{"longer than the protocol's limit of 1048576 bytes (1 MiB)", "made the same fault 3 times in a row"}},
		{"closestdout", []string{"the agent closed its stdout but kept running", "made the same fault 3 times in a row"}},
		{"wrongsession", []string{"the agent answered session 2, but winwin is waiting for a move in session 1", "made the same fault 3 times in a row"}},
		{"proto2", []string{"The agent could not start a negotiation:", "the agent speaks protocol 2; this winwin speaks protocol 1"}},
	}
	for _, c := range cases {
		t.Run(c.mode, func(t *testing.T) {
			t.Parallel()
			var out, errOut bytes.Buffer
			args := append([]string{"check-agent", "--log-dir", t.TempDir(), "--time-limit", "1m", "--processes", "2", "--"}, brokenAgent(t, c.mode)...)
			code := Main(context.Background(), args, WithIO(strings.NewReader(""), &out, &errOut, false))
			all := out.String() + errOut.String()
			if code != ExitFailure {
				t.Errorf("exit status %d, want %d:\n%s", code, ExitFailure, all)
			}
			for _, w := range append(c.want, "Checking python3 testdata/checkagent/broken.py") {
				if !strings.Contains(all, w) {
					t.Errorf("output lacks %q:\n%s", w, all)
				}
			}
			if strings.Contains(all, "time limit") {
				t.Errorf("the verdict came from the time limit:\n%s", all)
			}
			if m := regexp.MustCompile(`restarted (\d+) times`).FindStringSubmatch(all); m != nil {
				// One restart for each fault, and at most one more for each
				// of the two processes, which may have died on their own.
				if n, _ := strconv.Atoi(m[1]); n > checkStopAfter+2 {
					t.Errorf("the agent was restarted %d times", n)
				}
			}
			for _, goWord := range []string{"View", "goroutine", "newAgent", "panic"} {
				if strings.Contains(all, goWord) {
					t.Errorf("the verdict for a Python agent says %q:\n%s", goWord, all)
				}
			}
		})
	}
}

// syncBuffer is a bytes.Buffer safe to read while check-agent writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestCheckAgentStops: Ctrl-C (the context's end) stops check-agent while
// the agent takes a minute over a move it has ten to make, with exit
// status 130; the time limit stops it with a verdict that says so. Both
// print the check they were in first, as it began.
func TestCheckAgentStops(t *testing.T) {
	cases := []struct {
		name      string
		args      []string
		interrupt bool
		code      int
		want      string
	}{
		{"interrupted", nil, true, ExitInterrupted, "Interrupted: the check was stopped before its verdict."},
		{"time limit", []string{"--time-limit", "2s"}, false, ExitFailure, "stopped before the end because it reached its time limit of 2s"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var out syncBuffer
			args := append([]string{"check-agent", "--log-dir", t.TempDir(), "--timeout", "10m"}, c.args...)
			args = append(append(args, "--"), brokenAgent(t, "slow")...)
			done := make(chan int, 1)
			go func() { done <- Main(ctx, args, WithIO(strings.NewReader(""), &out, &out, false)) }()
			if c.interrupt {
				for !strings.Contains(out.String(), "valid-moves") {
					time.Sleep(10 * time.Millisecond)
				}
				time.Sleep(200 * time.Millisecond) // let the first turn reach the agent
				cancel()
			}
			var code int
			select {
			case code = <-done:
			case <-time.After(30 * time.Second):
				t.Fatalf("check-agent did not stop within 30s (the agent's move takes a minute):\n%s", out.String())
			}
			if code != c.code {
				t.Errorf("exit status %d, want %d", code, c.code)
			}
			for _, w := range []string{"…     valid-moves           every move is valid; no crashes", c.want} {
				if !strings.Contains(strings.Join(strings.Fields(out.String()), " "), strings.Join(strings.Fields(w), " ")) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
		})
	}
}
