package main

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// These tests drive the real winwin binary as a user's shell does: they
// signal the process and look for what it left behind.

// stubborn is an external agent at its worst: it greets, then never
// answers a move, ignores SIGTERM and the end of its input, and writes its
// process id where the test can find it.
const stubborn = `import os, signal, sys, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)
signal.signal(signal.SIGINT, signal.SIG_IGN)
with open(sys.argv[1], "a") as f:
    f.write("%d\n" % os.getpid())
for line in sys.stdin:
    if '"hello"' in line:
        print('{"type":"hello","protocol":1,"name":"stubborn"}', flush=True)
while True:
    time.sleep(1)
`

// setup builds winwin and writes a tournament with the stubborn agent;
// it returns the binary, the config, the pid file and the output folder.
func setup(t *testing.T) (bin, config, pids, out string) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("process checks use /proc")
	}
	if testing.Short() {
		t.Skip("builds winwin")
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed")
	}
	dir := t.TempDir()
	bin = filepath.Join(dir, "winwin")
	if b, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	pids, out = filepath.Join(dir, "pids"), filepath.Join(dir, "out")
	if err := os.WriteFile(filepath.Join(dir, "stubborn.py"), []byte(stubborn), 0o644); err != nil {
		t.Fatal(err)
	}
	config = filepath.Join(dir, "stubborn.toml")
	toml := `seed = 1
relationships = 2
periods = 3
rounds = 50
workers = 2

[[strategies]]
name = "stubborn"
strategy = "exec"
command = ["python3", "stubborn.py", "` + pids + `"]
timeout_ms = 60000

[[strategies]]
name = "boulware"
`
	if err := os.WriteFile(config, []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	return bin, config, pids, out
}

// started waits until at least n agent processes have started (the first
// is the probe winwin runs before the run) and they have had a moment to be
// asked for a move, and returns their ids.
func started(t *testing.T, pids string, n int, cmd *exec.Cmd) []int {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if ids := readPids(pids); len(ids) >= n {
			time.Sleep(500 * time.Millisecond)
			return readPids(pids)
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Kill()
	t.Fatal("the agent never started")
	return nil
}

func readPids(file string) []int {
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	var ids []int
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if n, err := strconv.Atoi(strings.TrimSpace(sc.Text())); err == nil {
			ids = append(ids, n)
		}
	}
	return ids
}

// alive lists the processes of ids that still run (zombies count as gone).
func alive(ids []int) []int {
	var live []int
	for _, id := range ids {
		b, err := os.ReadFile("/proc/" + strconv.Itoa(id) + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) STATE …: the state follows the last ')'.
		s := string(b)
		if i := strings.LastIndexByte(s, ')'); i >= 0 && i+2 < len(s) && s[i+2] == 'Z' {
			continue
		}
		live = append(live, id)
	}
	return live
}

// waitGone waits (up to a generous bound) for every process of ids to end.
func waitGone(t *testing.T, ids []int) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for len(alive(ids)) > 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if live := alive(ids); len(live) > 0 {
		for _, id := range live {
			syscall.Kill(id, syscall.SIGKILL)
		}
		t.Errorf("agent processes %v outlived winwin", live)
	}
}

// Ctrl-C (SIGINT) and SIGTERM stop a run inside a negotiation with an
// agent that is thinking: winwin exits 130 and leaves no agent behind.
func TestSignalStopsRunInsideNegotiation(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			bin, config, pids, out := setup(t)
			cmd := exec.Command(bin, "run", config, "--out", out, "--no-progress")
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			ids := started(t, pids, 2, cmd)
			sent := time.Now()
			cmd.Process.Signal(sig)
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			select {
			case err := <-exited:
				var ee *exec.ExitError
				if !errors.As(err, &ee) || ee.ExitCode() != 130 {
					t.Errorf("exit %v, want status 130", err)
				}
				t.Logf("stopped %v after the signal", time.Since(sent).Round(time.Millisecond))
			case <-time.After(30 * time.Second): // a 60 s move timeout and 3 deals of 50 rounds if nothing stops it
				cmd.Process.Kill()
				t.Fatal("winwin went on after the signal")
			}
			waitGone(t, ids)
		})
	}
}

// SIGKILL gives winwin no chance to clean up: its agents still end with it.
func TestAgentsDieWithKilledWinwin(t *testing.T) {
	bin, config, pids, out := setup(t)
	cmd := exec.Command(bin, "run", config, "--out", out, "--no-progress")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ids := started(t, pids, 2, cmd)
	cmd.Process.Kill()
	cmd.Wait()
	waitGone(t, ids)
}
