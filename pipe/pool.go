package pipe

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/winwin-sim/winwin/agents"
)

// Version is the protocol version this package speaks. It is sent in the
// hello message; an agent that answers with another version is not used.
const Version = 1

// Defaults of a Config.
const (
	// DefaultTimeout is how long an agent may think about one move.
	DefaultTimeout = 2 * time.Second
	// DefaultGrace is how long Close waits for a process to exit after
	// closing its stdin before killing it.
	DefaultGrace = 2 * time.Second
	// DefaultBackoff is the wait before restarting a process that died;
	// it doubles with every failure in a row, up to MaxBackoff.
	DefaultBackoff = 100 * time.Millisecond
	// MaxBackoff caps the wait between restarts.
	MaxBackoff = 5 * time.Second
	// MaxStartFailures is how many processes in a row may fail to start
	// (or to answer hello) before the pool gives up and every further
	// negotiation of the agent fails at once.
	MaxStartFailures = 5
	// HelloTimeout is how long a new process may take to answer hello,
	// on top of the per-move timeout (interpreters take a while to start).
	HelloTimeout = 10 * time.Second
	// MaxLine is the longest line an agent may write, in bytes.
	MaxLine = 1 << 20
	// DefaultLogLimit is how much of an agent's stderr its log file
	// keeps: its first and last halves, with a line in between saying how
	// many bytes were left out.
	DefaultLogLimit = 1 << 20
	// InterruptGrace is how long Close waits for a process to exit after
	// an Interrupt, instead of the Config's Grace.
	InterruptGrace = 250 * time.Millisecond
)

// A Config says how to run an external agent.
type Config struct {
	// Name identifies the agent in errors and names its log file
	// ("my-py" logs to LogDir/my-py.stderr.log). Required.
	Name string
	// Command is the program and its arguments: ["python3", "agent.py"].
	// A program name without a slash is looked up in $PATH; a relative
	// path is relative to Dir.
	Command []string
	// Dir is the working directory of the processes ("" = winwin's own).
	Dir string
	// Env lists extra environment variables ("KEY=value") on top of
	// winwin's own environment.
	Env []string
	// Timeout is how long the agent may take for one move (0 =
	// DefaultTimeout). An agent that takes longer loses the negotiation
	// and its process is restarted.
	Timeout time.Duration
	// Processes is the number of processes in the pool, normally the
	// run's number of workers (0 = 1). They are started when first needed.
	Processes int
	// LogDir, if set, receives the processes' stderr in
	// LogDir/<Name>.stderr.log, with a note from winwin whenever a process
	// starts or stops. Without it, stderr goes to Stderr (without notes)
	// and the pool writes no file at all.
	LogDir string
	// LogLimit caps the log file in LogDir, in bytes (0 = DefaultLogLimit;
	// negative = no cap). An agent that writes more keeps the first and
	// the last LogLimit/2 bytes, with a line between them saying how many
	// were left out; the last part is written when the pool is closed.
	// Stderr is never capped.
	LogLimit int64
	// Stderr receives the processes' stderr when LogDir is empty (nil
	// discards it).
	Stderr io.Writer
	// Grace is how long Close waits for each process to exit once its
	// stdin is closed before killing it (0 = DefaultGrace).
	Grace time.Duration
	// Backoff is the first wait before restarting a process that died (0
	// = DefaultBackoff).
	Backoff time.Duration
}

// Validate reports whether the config can be used.
func (c *Config) Validate() error {
	switch {
	case c.Name == "":
		return errors.New("pipe: the agent needs a name")
	case len(c.Command) == 0 || c.Command[0] == "":
		return fmt.Errorf("pipe: agent %q: no command to run", c.Name)
	case c.Timeout < 0 || c.Grace < 0 || c.Backoff < 0 || c.Processes < 0:
		return fmt.Errorf("pipe: agent %q: timeout, grace, backoff and processes must not be negative", c.Name)
	}
	for _, kv := range c.Env {
		if !strings.Contains(kv, "=") {
			return fmt.Errorf("pipe: agent %q: environment entry %q is not KEY=value", c.Name, kv)
		}
	}
	return nil
}

// A Pool runs the processes of one external agent and hands out agents
// that negotiate through them. Each process serves many negotiations at
// once, told apart by session id; a new negotiation goes to the process
// with the fewest open sessions, so with as many processes as workers
// every worker has a process of its own. A Pool is safe for concurrent
// use; Close it when the run is over.
type Pool struct {
	cfg          Config
	helloTimeout time.Duration
	closing      chan struct{}
	interrupted  chan struct{} // closed by Interrupt
	interruptMu  sync.Once
	log          *logWriter
	logFile      *os.File

	mu            sync.Mutex
	slots         []*slot
	closed        bool
	startFailures int
	giveUp        error
	domains       map[*agents.Domain]*domainInfo
	agentName     string
	trouble       *Trouble // the first process failure

	saysMu sync.RWMutex
	says   map[string]string // interned say lines
	nextID atomic.Uint64
	procs  sync.WaitGroup

	started, restarts, sessions, faults atomic.Int64
}

// A slot is one place in the pool: the current process and its history
// of failures.
type slot struct {
	idx    int
	active int // open sessions; guarded by Pool.mu

	mu    sync.Mutex // guards the fields below; held while starting
	p     *proc
	fails int       // failures in a row: deaths before any move, failed starts
	died  time.Time // when the last process died or failed to start
}

// NewPool checks the config, opens the log file and returns a pool whose
// processes start when first needed.
func NewPool(c Config) (*Pool, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	c.Command = append([]string(nil), c.Command...)
	c.Env = append([]string(nil), c.Env...)
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if c.Grace == 0 {
		c.Grace = DefaultGrace
	}
	if c.Backoff == 0 {
		c.Backoff = DefaultBackoff
	}
	if c.Processes == 0 {
		c.Processes = 1
	}
	if err := lookProgram(c.Command[0], c.Dir); err != nil {
		return nil, fmt.Errorf("pipe: agent %q: %w", c.Name, err)
	}
	if c.LogLimit == 0 {
		c.LogLimit = DefaultLogLimit
	}
	pl := &Pool{cfg: c, helloTimeout: HelloTimeout + c.Timeout, closing: make(chan struct{}), interrupted: make(chan struct{}),
		domains: map[*agents.Domain]*domainInfo{}}
	var w io.Writer = io.Discard
	switch {
	case c.LogDir != "":
		if err := os.MkdirAll(c.LogDir, 0o755); err != nil {
			return nil, fmt.Errorf("pipe: agent %q: log folder: %w", c.Name, err)
		}
		f, err := os.OpenFile(pl.LogFile(), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return nil, fmt.Errorf("pipe: agent %q: %w", c.Name, err)
		}
		pl.logFile, w = f, f
	case c.Stderr != nil:
		w = c.Stderr
	}
	pl.log = &logWriter{w: w, notes: c.LogDir != ""}
	if c.LogDir != "" && c.LogLimit > 0 {
		pl.log.head = c.LogLimit - c.LogLimit/2
		pl.log.tail = make([]byte, c.LogLimit/2)
	}
	for i := range c.Processes {
		pl.slots = append(pl.slots, &slot{idx: i})
	}
	return pl, nil
}

// lookProgram checks that the program exists and can be run, so that a
// typo is a clear error before the run rather than a fault in every
// negotiation.
func lookProgram(prog, dir string) error {
	if !strings.ContainsRune(prog, filepath.Separator) && !strings.ContainsRune(prog, '/') {
		if _, err := exec.LookPath(prog); err != nil {
			return fmt.Errorf("program %q not found in $PATH", prog)
		}
		return nil
	}
	p := prog
	if !filepath.IsAbs(p) && dir != "" {
		p = filepath.Join(dir, p)
	}
	fi, err := os.Stat(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("program %q: there is no such file (%s)", prog, p)
	case err != nil:
		return fmt.Errorf("program %q: %w", prog, err)
	case fi.IsDir():
		return fmt.Errorf("program %q is a folder, not a program", prog)
	case runtime.GOOS != "windows" && fi.Mode().Perm()&0o111 == 0:
		return fmt.Errorf("program %q is not executable: make it so (chmod +x %s) or name its interpreter first (command = [\"python3\", %q])", prog, prog, prog)
	}
	return nil
}

// LogFile returns the path of the stderr log, or "" without a LogDir.
func (pl *Pool) LogFile() string {
	if pl.cfg.LogDir == "" {
		return ""
	}
	return filepath.Join(pl.cfg.LogDir, safeName(pl.cfg.Name)+".stderr.log")
}

// safeName keeps a name usable as a file name.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return '_'
	}, s)
}

// Config returns the pool's configuration, defaults filled in.
func (pl *Pool) Config() Config {
	c := pl.cfg
	c.Command = append([]string(nil), c.Command...)
	c.Env = append([]string(nil), c.Env...)
	return c
}

// AgentName returns the name the agent gave in its hello ("" before a
// process has started or if it gave none).
func (pl *Pool) AgentName() string {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	return pl.agentName
}

// NewAgent returns an agent that negotiates through the pool's processes:
// one per side of a relationship (use it as arena.Entrant.New).
func (pl *Pool) NewAgent() agents.Agent { return &Agent{pool: pl} }

// Stats counts what happened in a pool.
type Stats struct {
	// Started is the number of processes started; Restarts how many of
	// them replaced a process that had died.
	Started, Restarts int64
	// Sessions is the number of negotiations begun; Faults how many the
	// agent lost by crashing, hanging, printing garbage or moving
	// invalidly.
	Sessions, Faults int64
}

// Stats returns the pool's counters so far.
func (pl *Pool) Stats() Stats {
	return Stats{Started: pl.started.Load(), Restarts: pl.restarts.Load(), Sessions: pl.sessions.Load(), Faults: pl.faults.Load()}
}

var errClosed = errors.New("the run is over (the agent's pool was closed)")

// errInterrupted fails the negotiations of an interrupted pool.
var errInterrupted = errors.New("the run was interrupted")

// Interrupt makes every negotiation of the pool that waits for the agent
// — for a move, for a process to start or answer hello, for a pause
// between restarts — fail at once, and every later one fail without
// waiting, so that a run stops within moments wherever its workers are.
// Processes are not stopped until Close, which after an Interrupt gives
// each at most InterruptGrace to exit. Interrupt is safe to call more
// than once and from any goroutine; to interrupt when a context ends:
//
//	stop := context.AfterFunc(ctx, pool.Interrupt)
//	defer stop()
func (pl *Pool) Interrupt() {
	pl.interruptMu.Do(func() {
		close(pl.interrupted)
		pl.log.note(-1, 0, "interrupted: every waiting negotiation fails")
	})
}

func (pl *Pool) isInterrupted() bool {
	select {
	case <-pl.interrupted:
		return true
	default:
		return false
	}
}

// A Trouble is what went wrong with a process of a pool: the reason it
// was stopped and the last lines it wrote to stderr (at most 16, each cut
// to 200 bytes, control characters replaced with "?").
type Trouble struct {
	Err    error
	Stderr []string
}

// FirstTrouble returns the first failure of any of the pool's processes —
// a crash, a hang, a line that is not a protocol message, a failed start —
// or nil if none failed. A stopped check quotes it: the agent's own first
// error, its traceback, says more than the faults that followed it.
func (pl *Pool) FirstTrouble() *Trouble {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	if pl.trouble == nil {
		return nil
	}
	t := *pl.trouble
	t.Stderr = slices.Clone(t.Stderr)
	return &t
}

func (pl *Pool) noteTrouble(err error, stderr []string) {
	pl.mu.Lock()
	if pl.trouble == nil {
		pl.trouble = &Trouble{Err: err, Stderr: stderr}
	}
	pl.mu.Unlock()
}

// checkout picks the slot with the fewest open sessions and returns it
// with a live process, starting one if needed.
func (pl *Pool) checkout() (*slot, *proc, error) {
	pl.mu.Lock()
	if pl.closed {
		pl.mu.Unlock()
		return nil, nil, errClosed
	}
	if pl.giveUp != nil {
		err := pl.giveUp
		pl.mu.Unlock()
		return nil, nil, err
	}
	if pl.isInterrupted() {
		pl.mu.Unlock()
		return nil, nil, errInterrupted
	}
	s := pl.slots[0]
	for _, t := range pl.slots[1:] {
		if t.active < s.active {
			s = t
		}
	}
	s.active++
	pl.mu.Unlock()
	p, err := pl.live(s)
	if err != nil {
		pl.release(s)
		return nil, nil, err
	}
	return s, p, nil
}

// release gives back a slot's session.
func (pl *Pool) release(s *slot) {
	pl.mu.Lock()
	s.active--
	pl.mu.Unlock()
}

// live returns the slot's process, (re)starting it if it is not running.
func (pl *Pool) live(s *slot) (*proc, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.p != nil && !s.p.isDead() {
		return s.p, nil
	}
	restart := s.p != nil || s.fails > 0
	if s.p != nil {
		if s.p.served.Load() > 0 {
			s.fails = 0
		} else {
			s.fails++
		}
		s.died = s.p.diedAt()
		s.p = nil
	}
	if restart {
		d := pl.cfg.Backoff << min(s.fails, 10)
		d = min(d, MaxBackoff) - time.Since(s.died)
		if d > 0 {
			t := time.NewTimer(d)
			select {
			case <-t.C:
			case <-pl.closing:
				t.Stop()
				return nil, errClosed
			case <-pl.interrupted:
				t.Stop()
				return nil, errInterrupted
			}
		}
	}
	p, err := pl.start(s.idx)
	if errors.Is(err, errInterrupted) || errors.Is(err, errClosed) {
		return nil, err // not the agent's failure
	}
	if err != nil {
		s.fails++
		s.died = time.Now()
		pl.mu.Lock()
		pl.startFailures++
		if pl.startFailures >= MaxStartFailures && pl.giveUp == nil {
			pl.giveUp = fmt.Errorf("gave up after %d failed starts in a row; the last: %w", pl.startFailures, err)
			pl.log.note(-1, 0, fmt.Sprintf("giving up: %v", pl.giveUp))
		}
		pl.mu.Unlock()
		return nil, err
	}
	pl.mu.Lock()
	pl.startFailures = 0
	pl.mu.Unlock()
	pl.started.Add(1)
	if restart {
		pl.restarts.Add(1)
	}
	s.p = p
	return p, nil
}

// Warm starts every process of the pool now rather than when first
// needed, and returns the first that fails to start or to answer the
// hello: a way to learn before a run that the agent is usable at all.
func (pl *Pool) Warm() error {
	pl.mu.Lock()
	closed, slots := pl.closed, pl.slots
	pl.mu.Unlock()
	if closed {
		return fmt.Errorf("pipe: agent %q: %w", pl.cfg.Name, errClosed)
	}
	for _, s := range slots {
		if _, err := pl.live(s); err != nil {
			return fmt.Errorf("pipe: agent %q: %w", pl.cfg.Name, err)
		}
	}
	return nil
}

// Probe checks before a run that the agent c describes can be used: its
// program exists and can be run, and a process of it starts and answers
// winwin's hello with protocol Version within the hello timeout
// (HelloTimeout plus the move timeout). The process is then shut down. Probe
// writes no file: it ignores c.LogDir and c.Stderr and keeps the agent's
// stderr in memory, to quote its last lines in the error, which says what
// to fix. When ctx ends first, Probe stops at once and returns its cause.
func Probe(ctx context.Context, c Config) error {
	c.LogDir, c.Stderr, c.Processes = "", nil, 1
	pl, err := NewPool(c)
	if err != nil {
		return err
	}
	stop := context.AfterFunc(ctx, pl.Interrupt)
	_, err = pl.live(pl.slots[0])
	stop()
	_ = pl.Close() // without a log file, Close has nothing to report
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return fmt.Errorf("pipe: agent %q: %w", c.Name, context.Cause(ctx))
	}
	err = fmt.Errorf("pipe: agent %q did not start: %w", c.Name, err)
	if t := pl.FirstTrouble(); t != nil && len(t.Stderr) > 0 {
		err = fmt.Errorf("%w (to see all it says, run it by hand: %s)", err, pl.commandLine())
	}
	return err
}

// domain returns the encoder's and decoder's view of d.
func (pl *Pool) domain(d *agents.Domain) *domainInfo {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	di := pl.domains[d]
	if di == nil {
		di = newDomainInfo(d)
		pl.domains[d] = di
	}
	return di
}

// maxSays bounds the interned say strings of a pool.
const maxSays = 4096

// intern returns s as a string, shared with earlier identical lines: an
// agent that repeats its lines costs no allocation.
func (pl *Pool) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	pl.saysMu.RLock()
	s, ok := pl.says[string(b)]
	pl.saysMu.RUnlock()
	if ok {
		return s
	}
	s = string(b)
	pl.saysMu.Lock()
	if pl.says == nil {
		pl.says = map[string]string{}
	}
	if len(pl.says) < maxSays {
		pl.says[s] = s
	}
	pl.saysMu.Unlock()
	return s
}

// Close ends the pool: it closes every process's stdin, waits up to the
// grace period for it to exit and kills it after that. Negotiations still
// running fail. Close returns when every process is gone; it is safe to
// call more than once.
func (pl *Pool) Close() error {
	pl.mu.Lock()
	if pl.closed {
		pl.mu.Unlock()
		return nil
	}
	pl.closed = true
	close(pl.closing)
	slots := pl.slots
	pl.mu.Unlock()
	grace := pl.cfg.Grace
	if pl.isInterrupted() {
		grace = min(grace, InterruptGrace)
	}
	var wg sync.WaitGroup
	for _, s := range slots {
		s.mu.Lock()
		p := s.p
		s.mu.Unlock()
		if p != nil {
			wg.Go(func() { p.shutdown(grace) })
		}
	}
	wg.Wait()
	pl.procs.Wait()
	if pl.logFile != nil {
		pl.log.flush()
		return pl.logFile.Close()
	}
	return nil
}

// A logWriter serialises writes to the stderr log from the processes'
// copiers and winwin's own notes. With a cap (head > 0), it writes the
// first head bytes through and keeps the last len(tail) bytes after them
// in a ring, which flush writes after a line saying how many bytes were
// left out between.
type logWriter struct {
	mu sync.Mutex
	w  io.Writer
	// notes is set when the log is a file of its own, which then also
	// receives winwin's notes; a shared Stderr gets the agent's lines only.
	notes bool

	head    int64  // bytes to write through; 0: no cap
	written int64  // bytes written through
	tail    []byte // ring of the latest bytes after the head
	end     int    // where the next byte goes in tail
	full    bool   // tail has wrapped around
	dropped int64  // bytes overwritten in tail
}

func (l *logWriter) write(b []byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.head > 0 && l.written >= l.head {
		l.keep(b)
		return
	}
	if l.head > 0 && l.written+int64(len(b)) > l.head {
		n := l.head - l.written
		l.keep(b[n:])
		b = b[:n]
	}
	l.written += int64(len(b))
	l.w.Write(b) //nolint:errcheck // a failing log must not fail the run
}

// keep puts b in the tail ring, overwriting its oldest bytes.
func (l *logWriter) keep(b []byte) {
	if len(l.tail) == 0 {
		l.dropped += int64(len(b))
		return
	}
	if len(b) >= len(l.tail) {
		l.dropped += l.size() + int64(len(b)-len(l.tail))
		copy(l.tail, b[len(b)-len(l.tail):])
		l.end, l.full = 0, true
		return
	}
	if over := l.size() + int64(len(b)) - int64(len(l.tail)); over > 0 {
		l.dropped += over
	}
	n := copy(l.tail[l.end:], b)
	if n < len(b) {
		copy(l.tail, b[n:])
		l.full = true
	}
	l.end = (l.end + len(b)) % len(l.tail)
	if l.end == 0 {
		l.full = true
	}
}

func (l *logWriter) size() int64 {
	if l.full {
		return int64(len(l.tail))
	}
	return int64(l.end)
}

// flush writes what the tail ring holds, after a line saying how much was
// left out (starting the tail at a line's start).
func (l *logWriter) flush() {
	l.mu.Lock()
	defer l.mu.Unlock()
	var t []byte
	if l.full {
		t = append(append(t, l.tail[l.end:]...), l.tail[:l.end]...)
	} else {
		t = l.tail[:l.end]
	}
	dropped := l.dropped
	if dropped > 0 {
		if i := bytes.IndexByte(t, '\n'); i >= 0 && i+1 < len(t) {
			dropped += int64(i + 1)
			t = t[i+1:]
		}
		fmt.Fprintf(l.w, "\n[winwin] … %d bytes of this log were left out here: it keeps the first %d and the last %d bytes …\n",
			dropped, l.head, len(l.tail))
	}
	l.w.Write(t) //nolint:errcheck // a failing log must not fail the run
	l.end, l.full, l.dropped = 0, false, 0
}

// note writes a line of winwin's own about process idx (pid, if known).
func (l *logWriter) note(idx, pid int, msg string) {
	if !l.notes {
		return
	}
	var who string
	switch {
	case idx < 0:
		who = ""
	case pid > 0:
		who = fmt.Sprintf(" process %d (pid %d)", idx, pid)
	default:
		who = fmt.Sprintf(" process %d", idx)
	}
	l.write([]byte("[winwin]" + who + ": " + msg + "\n"))
}
