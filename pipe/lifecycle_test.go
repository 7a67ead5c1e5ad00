package pipe

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/winwin-sim/winwin/arena"
)

// within fails the test if f does not return within d: a bound for code
// that must stop at once, generous enough not to flake on a loaded
// machine, tight enough to catch a wait for the move timeout or for ever.
func within(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s did not return within %v", what, d)
	}
}

// TestPoolInterrupt: Interrupt fails a negotiation waiting for a move the
// agent will take a minute to make, a wait for a hello, and every later
// negotiation; Close after it does not wait for the full grace.
func TestPoolInterrupt(t *testing.T) {
	sc := w1(1, 0)
	t.Run("waiting for a move", func(t *testing.T) {
		cfg := testAgentConfig(t, "hang", "hang:1")
		cfg.Timeout = time.Minute
		cfg.Grace = time.Minute
		pl := newTestPool(t, cfg)
		if err := pl.Warm(); err != nil {
			t.Fatal(err)
		}
		done := make(chan arena.Outcome, 1)
		go func() { done <- negotiate(sc, pl.NewAgent(), builtin(t, "boulware")(), 1, 5) }()
		for pl.Stats().Sessions == 0 {
			time.Sleep(time.Millisecond)
		}
		time.Sleep(20 * time.Millisecond) // let the turn reach the hanging agent
		pl.Interrupt()
		var out arena.Outcome
		within(t, 5*time.Second, "the interrupted negotiation", func() { out = <-done })
		if out.Fault == nil || !errors.Is(out.Fault.Err, errInterrupted) {
			t.Errorf("the interrupted negotiation: fault %v, want %v", out.Fault, errInterrupted)
		}
		out = negotiate(sc, pl.NewAgent(), builtin(t, "boulware")(), 2, 5)
		if out.Fault == nil || !errors.Is(out.Fault.Err, errInterrupted) {
			t.Errorf("a negotiation after Interrupt: fault %v, want %v", out.Fault, errInterrupted)
		}
		within(t, 5*time.Second, "Close after Interrupt (grace of a minute)", func() { pl.Close() })
		pl.Interrupt() // harmless after Close
	})
	t.Run("waiting for a hello", func(t *testing.T) {
		pl := newTestPool(t, testAgentConfig(t, "nohello", "nohello"))
		go func() {
			time.Sleep(50 * time.Millisecond)
			pl.Interrupt()
		}()
		var err error
		within(t, 5*time.Second, "Warm of an agent that never says hello", func() { err = pl.Warm() })
		if !errors.Is(err, errInterrupted) {
			t.Errorf("Warm = %v, want %v", err, errInterrupted)
		}
		if pl.FirstTrouble() != nil {
			t.Errorf("an interrupted start counts as the agent's trouble: %v", pl.FirstTrouble().Err)
		}
	})
}

// TestAgentsDieWithWinwin kills a winwin (the test binary playing it) with
// SIGKILL while it runs an agent that ignores the end of its input: the
// agent must die with it.
func TestAgentsDieWithWinwin(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the parent-death signal is Linux's; elsewhere an agent learns of winwin's death from its stdin")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	pidFile := filepath.Join(t.TempDir(), "agent.pid")
	parent := exec.Command(exe)
	parent.Env = append(os.Environ(), "WINWIN_PIPE_TEST_PARENT=1", "WINWIN_PIPE_TEST_PIDFILE="+pidFile, "GORACE=atexit_sleep_ms=0")
	parent.Stderr = os.Stderr
	stdout, err := parent.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := parent.Start(); err != nil {
		t.Fatal(err)
	}
	defer parent.Process.Kill()
	ready := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		ready <- line
	}()
	select {
	case line := <-ready:
		if line != "ready\n" {
			t.Fatalf("the parent said %q, want ready", line)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the parent did not start its agent")
	}
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(string(b))
	if err != nil {
		t.Fatal(err)
	}
	if !alive(pid) {
		t.Fatalf("the agent (pid %d) is not running before its parent is killed", pid)
	}
	defer syscall.Kill(pid, syscall.SIGKILL) // should the test fail
	if err := parent.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = parent.Wait()
	deadline := time.Now().Add(5 * time.Second)
	for alive(pid) {
		if time.Now().After(deadline) {
			t.Fatalf("the agent (pid %d) outlived its killed parent by 5s", pid)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// alive reports whether process pid runs (a zombie waiting for its
// reaper does not).
func alive(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	// pid (comm) state …: the state follows the last ')'.
	i := bytes.LastIndexByte(b, ')')
	return i < 0 || i+2 >= len(b) || b[i+2] != 'Z'
}

// TestLogWriterCap: a capped log keeps its first and last halves exactly,
// cut at a line's start, and says how many bytes it left out.
func TestLogWriterCap(t *testing.T) {
	var in bytes.Buffer
	for i := range 1000 {
		fmt.Fprintf(&in, "line %d\n", i)
	}
	all := in.Bytes()
	cases := []struct {
		name        string
		limit       int
		chunk       int
		wantDropped bool
	}{
		{"under the cap", 2 * len(all), 7, false},
		{"exactly the cap", len(all), 100, false},
		{"small chunks", 1000, 3, true},
		{"line chunks", 1000, 9, true},
		{"chunks larger than the tail", 1000, 4096, true},
		{"one write", 1000, len(all), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			l := &logWriter{w: &out, head: int64(c.limit - c.limit/2), tail: make([]byte, c.limit/2)}
			for b := all; len(b) > 0; {
				n := min(c.chunk, len(b))
				l.write(b[:n])
				b = b[n:]
			}
			l.flush()
			got := out.String()
			if !c.wantDropped {
				if got != string(all) {
					t.Fatalf("log under its cap changed:\n%q", got)
				}
				return
			}
			head := c.limit - c.limit/2
			if !strings.HasPrefix(got, string(all[:head])) {
				t.Errorf("the log does not start with the first %d bytes", head)
			}
			m := regexp.MustCompile(`\n\[winwin\] … (\d+) bytes of this log were left out here: it keeps the first (\d+) and the last (\d+) bytes …\n`).FindStringSubmatchIndex(got)
			if m == nil {
				t.Fatalf("no truncation note in the log:\n%s", got)
			}
			dropped, _ := strconv.Atoi(got[m[2]:m[3]])
			tail := got[m[1]:]
			if !strings.HasSuffix(string(all), tail) || len(tail) > c.limit/2 {
				t.Errorf("the log's end (%d bytes) is not the input's last %d at most", len(tail), c.limit/2)
			}
			if tail != "" && !strings.HasPrefix(tail, "line ") {
				t.Errorf("the kept end starts inside a line: %q", tail[:min(20, len(tail))])
			}
			if head+dropped+len(tail) != len(all) {
				t.Errorf("kept %d + %d bytes and dropped %d of %d", head, len(tail), dropped, len(all))
			}
		})
	}
}

// TestStderrLogCap: an agent that writes 5 MB to stderr leaves a log of
// about 1 MB, its first and last lines kept.
func TestStderrLogCap(t *testing.T) {
	const lines = 50_000 // 100 bytes each
	cfg := testAgentConfig(t, "chatty", fmt.Sprintf("stderr:%d", lines))
	cfg.LogDir = t.TempDir()
	pl := newTestPool(t, cfg)
	if err := pl.Warm(); err != nil {
		t.Fatal(err)
	}
	if err := pl.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(pl.LogFile())
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > DefaultLogLimit+500 {
		t.Errorf("the log has %d bytes, want about %d", len(b), DefaultLogLimit)
	}
	for _, want := range []string{"line 0000000 ", fmt.Sprintf("line %07d ", lines-1), "bytes of this log were left out here", "[winwin] process 0 (pid "} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("the log lacks %q", want)
		}
	}
}

// TestProbe: Probe accepts a working agent and says what is wrong with
// the others, writing no file.
func TestProbe(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "agent.py")
	if err := os.WriteFile(plain, []byte("print('hi')\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		cfg  Config
		want []string // in the error; none for no error
	}{
		{"steady", testAgentConfig(t, "a", "steady"), nil},
		{"protocol 2", testAgentConfig(t, "a", "proto2"), []string{`pipe: agent "a" did not start: the agent speaks protocol 2; this winwin speaks protocol 1`}},
		{"crash at start", testAgentConfig(t, "a", "crashstart"), []string{
			"exited with status 1", "ModuleNotFoundError: No module named 'numpy'", "run it by hand"}},
		{"exits at once", testAgentConfig(t, "a", "exit"), []string{"exited (status 0)"}},
		{"missing program", Config{Name: "a", Command: []string{"./nope.py"}, Dir: dir}, []string{`program "./nope.py": there is no such file`}},
		{"not executable", Config{Name: "a", Command: []string{"./agent.py"}, Dir: dir}, []string{`program "./agent.py" is not executable`, `chmod +x`}},
		{"a folder", Config{Name: "a", Command: []string{dir}}, []string{"is a folder"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.cfg.Dir = dir
			c.cfg.LogDir = filepath.Join(dir, "logs") // ignored
			err := Probe(context.Background(), c.cfg)
			if len(c.want) == 0 {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Probe accepted it; want %q", c.want)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Probe = %v\nwant it to say %q", err, w)
				}
			}
		})
	}
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		var err error
		within(t, 5*time.Second, "Probe of a silent agent, cancelled", func() { err = Probe(ctx, testAgentConfig(t, "a", "nohello")) })
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Probe = %v, want context.Canceled", err)
		}
	})
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("Probe wrote files: %v", entries)
	}
}

// TestNoLogDirWritesNothing: a pool without a LogDir writes no file, even
// when its agent crashes, is restarted and writes to stderr.
func TestNoLogDirWritesNothing(t *testing.T) {
	dir := t.TempDir()
	cfg := testAgentConfig(t, "crash", "crash:2")
	cfg.Dir = dir
	cfg.Backoff = time.Millisecond
	pl := newTestPool(t, cfg)
	sc := w1(1, 0.2)
	for i := range 3 {
		negotiate(sc, pl.NewAgent(), builtin(t, "boulware")(), uint64(i), 5)
	}
	if err := pl.Close(); err != nil {
		t.Fatal(err)
	}
	if pl.LogFile() != "" {
		t.Errorf("LogFile() = %q without a LogDir", pl.LogFile())
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Errorf("the pool wrote %v", entries)
	}
	tr := pl.FirstTrouble()
	if tr == nil {
		t.Fatal("no trouble recorded for a crash")
	}
	if want := []string{"Traceback (most recent call last):", "ZeroDivisionError: division by zero"}; strings.Join(tr.Stderr, "\n") != strings.Join(want, "\n") {
		t.Errorf("FirstTrouble().Stderr = %q, want %q", tr.Stderr, want)
	}
	if !strings.Contains(tr.Err.Error(), "exited with status 3") {
		t.Errorf("FirstTrouble().Err = %v", tr.Err)
	}
}

// The hello is checked field by field: a typo is named with the field
// meant.
func TestHandshakeUnknownField(t *testing.T) {
	p := &proc{pool: &Pool{}}
	var m message
	err := p.handshake(&m, []byte(`{"type":"hello","protocl":1}`))
	if err == nil || !strings.Contains(err.Error(), `unknown field "protocl" — did you mean "protocol"?`) {
		t.Errorf("handshake = %v", err)
	}
}
