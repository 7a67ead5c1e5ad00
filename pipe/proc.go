package pipe

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/winwin-sim/winwin/internal/safetext"
)

// A proc is one running agent process: its pipes, its open sessions and
// the goroutines that read its stdout and stderr and wait for its end.
type proc struct {
	pool  *Pool
	idx   int
	cmd   *exec.Cmd
	stdin *os.File
	out   *os.File

	wmu sync.Mutex // serialises writes to stdin

	mu       sync.Mutex
	sessions map[uint64]*session
	tail     [tailLines]string // the last lines of stderr
	ntail    int
	died     time.Time

	dead       chan struct{} // closed by fail
	err        error         // why it is dead; set before dead is closed
	once       sync.Once
	hello      chan error // the handshake's result
	exited     chan struct{}
	waited     chan struct{} // closed when the process has ended (before exited)
	stderrDone chan struct{}
	readDone   chan struct{} // closed when read returns
	served     atomic.Int64  // valid moves made
}

// start starts a process for slot idx and completes the handshake.
func (pl *Pool) start(idx int) (*proc, error) {
	c := &pl.cfg
	cmd := exec.Command(c.Command[0], c.Command[1:]...)
	cmd.Dir = c.Dir
	if len(c.Env) > 0 {
		cmd.Env = append(os.Environ(), c.Env...)
	}
	setProcessGroup(cmd)
	inR, inW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("cannot start %s: %w", pl.commandLine(), err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		inR.Close()
		inW.Close()
		return nil, fmt.Errorf("cannot start %s: %w", pl.commandLine(), err)
	}
	errR, errW, err := os.Pipe()
	if err != nil {
		inR.Close()
		inW.Close()
		outR.Close()
		outW.Close()
		return nil, fmt.Errorf("cannot start %s: %w", pl.commandLine(), err)
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = inR, outW, errW
	err = startProcess(cmd)
	inR.Close()
	outW.Close()
	errW.Close()
	if err != nil {
		inW.Close()
		outR.Close()
		errR.Close()
		pl.log.note(idx, 0, fmt.Sprintf("cannot start %s: %v", pl.commandLine(), err))
		return nil, fmt.Errorf("cannot start %s: %w", pl.commandLine(), err)
	}
	p := &proc{
		pool: pl, idx: idx, cmd: cmd, stdin: inW, out: outR,
		sessions: map[uint64]*session{},
		dead:     make(chan struct{}), hello: make(chan error, 1),
		exited: make(chan struct{}), waited: make(chan struct{}), stderrDone: make(chan struct{}), readDone: make(chan struct{}),
	}
	pl.log.note(idx, cmd.Process.Pid, "started "+pl.commandLine())
	pl.procs.Add(3)
	go p.copyStderr(errR)
	go p.read()
	go p.wait()

	if werr := p.write(appendHello(nil, c.Name, c.Timeout)); werr != nil {
		// The agent may have printed something and exited before reading
		// the hello: what it wrote explains more than a broken pipe.
		err = p.awaitHello(time.Second)
		if err == nil || errors.Is(err, errNoHello) {
			err = werr
		}
	} else {
		err = p.awaitHello(pl.helloTimeout)
	}
	if err != nil {
		p.fail(err)
		p.kill()
		return nil, err
	}
	return p, nil
}

// commandLine writes the command for messages: python3 agent.py.
func (pl *Pool) commandLine() string {
	q := make([]string, len(pl.cfg.Command))
	for i, a := range pl.cfg.Command {
		q[i] = a
		if a == "" || strings.ContainsAny(a, " \t\"'") {
			q[i] = fmt.Sprintf("%q", a)
		}
	}
	return strings.Join(q, " ")
}

func (p *proc) isDead() bool {
	select {
	case <-p.dead:
		return true
	default:
		return false
	}
}

func (p *proc) diedAt() time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.died
}

// fail marks the process dead for reason err (the first reason wins):
// every session waiting on it fails, and the next negotiation of its slot
// starts a new process. It does not kill the process.
func (p *proc) fail(err error) {
	p.once.Do(func() {
		p.mu.Lock()
		p.err = err
		p.died = time.Now()
		p.mu.Unlock()
		close(p.dead)
		pid := 0
		if p.cmd.Process != nil {
			pid = p.cmd.Process.Pid
		}
		p.pool.log.note(p.idx, pid, "stopped: "+err.Error())
		if err != errClosed && err != errInterrupted {
			p.pool.noteTrouble(err, p.stderrTail(tailLines))
		}
	})
}

// kill kills the process and everything it started.
func (p *proc) kill() { killProcess(p.cmd) }

// write sends one or more complete lines to the process, giving up after
// the move timeout if the process does not read them.
func (p *proc) write(b []byte) error {
	p.wmu.Lock()
	defer p.wmu.Unlock()
	// Pipes support deadlines where the OS lets them be polled (Linux,
	// macOS); elsewhere the deadline is ignored and a stuck write is
	// ended by the move timeout's kill.
	_ = p.stdin.SetWriteDeadline(time.Now().Add(p.pool.cfg.Timeout))
	if _, err := p.stdin.Write(b); err != nil {
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return fmt.Errorf("the agent did not read its input for %v", p.pool.cfg.Timeout)
		}
		return fmt.Errorf("cannot write to the agent: %w", err)
	}
	return nil
}

// send writes b and, if that fails, fails and kills the process.
func (p *proc) send(b []byte) error {
	err := p.write(b)
	if err != nil {
		p.fail(err)
		p.kill()
	}
	return err
}

// shutdown closes stdin, waits up to grace for the process to exit and
// kills it after that.
func (p *proc) shutdown(grace time.Duration) {
	p.fail(errClosed)
	p.wmu.Lock()
	p.stdin.Close()
	p.wmu.Unlock()
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-p.exited:
	case <-t.C:
		p.pool.log.note(p.idx, p.cmd.Process.Pid, fmt.Sprintf("still running %v after its input was closed: killed", grace))
		p.kill()
		<-p.exited
	}
}

// wait waits for the process to end and fails it with its exit status and
// its last words on stderr.
func (p *proc) wait() {
	defer p.pool.procs.Done()
	err := p.cmd.Wait()
	close(p.waited)
	p.kill() // whatever it started, too
	// Let the reader take what the process wrote before it ended (its
	// last line may explain the end better than the exit status), and
	// the stderr copier its last words; a child still holding the pipes
	// open gets half a second.
	expired := make(chan struct{})
	t := time.AfterFunc(500*time.Millisecond, func() { close(expired) })
	for _, done := range []chan struct{}{p.readDone, p.stderrDone} {
		select {
		case <-done:
		case <-expired:
		}
	}
	t.Stop()
	p.fail(p.exitError(err))
	p.out.Close() // ends read, should a child of the process hold stdout open
	p.wmu.Lock()
	p.stdin.Close()
	p.wmu.Unlock()
	close(p.exited)
}

// exitError describes how the process ended, with the end of its stderr.
func (p *proc) exitError(err error) error {
	var msg string
	var ee *exec.ExitError
	switch {
	case err == nil:
		msg = "the agent process exited (status 0) while winwin still needed it"
	case errors.As(err, &ee) && ee.ExitCode() >= 0:
		msg = fmt.Sprintf("the agent process exited with status %d", ee.ExitCode())
	case errors.As(err, &ee):
		msg = "the agent process was killed (" + ee.String() + ")"
	default:
		msg = "the agent process ended: " + err.Error()
	}
	if lines := p.stderrTail(faultLines); len(lines) > 0 {
		msg += "; its stderr ended with: " + joinLines(lines)
	}
	return errors.New(msg)
}

// How many of the last lines of its stderr a process keeps: tailLines for
// Pool.FirstTrouble (a whole Python traceback, say), the last faultLines
// of them in a fault message.
const (
	tailLines  = 16
	faultLines = 3
)

// joinLines joins lines of stderr for a one-line message.
func joinLines(lines []string) string {
	t := make([]string, len(lines))
	for i, l := range lines {
		t[i] = strings.TrimSpace(l)
	}
	return strings.Join(t, " | ")
}

// stderrTail returns the last n (at most tailLines) non-blank lines the
// process wrote to stderr, oldest first.
func (p *proc) stderrTail(n int) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	n = min(n, p.ntail, len(p.tail))
	lines := make([]string, 0, n)
	for i := p.ntail - n; i < p.ntail; i++ {
		lines = append(lines, p.tail[i%len(p.tail)])
	}
	return lines
}

// copyStderr copies the process's stderr into the log and keeps its last
// lines for error messages.
func (p *proc) copyStderr(r *os.File) {
	defer p.pool.procs.Done()
	defer close(p.stderrDone)
	defer r.Close()
	br := bufio.NewReaderSize(r, 4096)
	prefix := ""
	if len(p.pool.slots) > 1 {
		prefix = fmt.Sprintf("[%d] ", p.idx)
	}
	var line []byte
	for {
		chunk, isPrefix, err := br.ReadLine()
		if err != nil {
			return
		}
		line = append(line[:0], prefix...)
		line = append(line, chunk...)
		line = append(line, '\n')
		p.pool.log.write(line)
		if isPrefix {
			for isPrefix && err == nil { // a very long line: log it, keep its start
				chunk, isPrefix, err = br.ReadLine()
				p.pool.log.write(chunk)
			}
			p.pool.log.write([]byte{'\n'})
		}
		if s := safetext.Replace(strings.TrimRight(string(chunk), " \t\r")); strings.TrimSpace(s) != "" {
			if len(s) > 200 {
				s = strings.ToValidUTF8(s[:200], "") + "…"
			}
			p.mu.Lock()
			p.tail[p.ntail%len(p.tail)] = s
			p.ntail++
			p.mu.Unlock()
		}
	}
}

// errNoHello: the agent did not answer the hello in time.
var errNoHello = errors.New("no hello")

// awaitHello waits up to timeout for the agent's hello and returns the
// handshake's verdict. When the process dies first, a line it wrote before
// dying (read a moment later) is the better explanation than its exit.
func (p *proc) awaitHello(timeout time.Duration) error {
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case err := <-p.hello:
		return err
	case <-p.dead:
		t.Reset(500 * time.Millisecond)
		select {
		case err := <-p.hello:
			if err != nil {
				return err
			}
		case <-p.readDone:
			select {
			case err := <-p.hello:
				if err != nil {
					return err
				}
			default:
			}
		case <-t.C:
		}
		return p.err
	case <-t.C:
		err := fmt.Errorf("%w within %v: the agent must answer winwin's hello line with {\"type\":\"hello\",\"protocol\":%d} and flush stdout", errNoHello, timeout, Version)
		if lines := p.stderrTail(faultLines); len(lines) > 0 {
			err = fmt.Errorf("%w; its stderr ended with: %s", err, joinLines(lines))
		}
		return err
	case <-p.pool.closing:
		return errClosed
	case <-p.pool.interrupted:
		return errInterrupted
	}
}

// read reads the process's stdout: first the hello, then moves, each
// handed to the session it answers. A line that is not a protocol
// message fails the process.
func (p *proc) read() {
	defer p.pool.procs.Done()
	defer close(p.readDone)
	br := bufio.NewReaderSize(p.out, 64<<10)
	var (
		long []byte
		m    message
	)
	first := true
	for {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			long = append(long[:0], line...)
			for errors.Is(err, bufio.ErrBufferFull) && len(long) <= MaxLine {
				line, err = br.ReadSlice('\n')
				long = append(long, line...)
			}
			if len(long) > MaxLine {
				p.fail(fmt.Errorf("the agent wrote a line longer than the protocol's limit of %d bytes (1 MiB) without a newline: %q", MaxLine, show(long)))
				p.kill()
				return
			}
			line = long
		}
		if err != nil {
			// EOF or a closed pipe: the process is ending, and wait
			// reports how (a last line without a newline is ignored). A
			// process that is still running a moment later has closed its
			// stdout and can answer no more.
			t := time.NewTimer(closedStdoutWait)
			select {
			case <-p.waited:
			case <-p.dead:
			case <-t.C:
				p.fail(errors.New("the agent closed its stdout but kept running: winwin reads its moves there, so it can answer nothing more (do not close sys.stdout or process.stdout; exit when stdin ends)"))
				p.kill()
			}
			t.Stop()
			return
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if first {
			first = false
			p.hello <- p.handshake(&m, line)
			continue
		}
		if err := p.dispatch(&m, line); err != nil {
			p.fail(err)
			p.kill()
			return
		}
	}
}

// handshake checks the agent's hello.
func (p *proc) handshake(m *message, line []byte) error {
	if err := m.parse(line); err != nil {
		return garbage(line, err)
	}
	if m.unknown != nil {
		return fmt.Errorf("the agent's hello has an %s (a hello has %s): %q", unknownField(m.unknown, helloFields), strings.Join(helloFields, ", "), show(line))
	}
	if typ, _ := m.str(m.typ); string(typ) != "hello" {
		return fmt.Errorf("the agent's first line must be its hello, {\"type\":\"hello\",\"protocol\":%d}; it wrote %q", Version, show(line))
	}
	v, ok := integer(m.protocol)
	switch {
	case m.protocol == nil:
		return fmt.Errorf("the agent's hello has no \"protocol\" (this winwin speaks protocol %d)", Version)
	case !ok || v != Version:
		return fmt.Errorf("the agent speaks protocol %s; this winwin speaks protocol %d", show(m.protocol), Version)
	}
	if m.name != nil {
		if name, ok := m.str(m.name); ok {
			p.pool.mu.Lock()
			p.pool.agentName = safetext.Replace(string(name)) // it is printed
			p.pool.mu.Unlock()
		}
	}
	return nil
}

// garbage describes a line that is not a protocol message.
func garbage(line []byte, err error) error {
	return fmt.Errorf("the agent printed a line that is not a protocol message (%v): %q; stdout is for protocol messages only: print debugging output to stderr", err, show(line))
}

// dispatch decodes a move and hands it to its session. An error means
// the process broke the protocol and must be restarted.
func (p *proc) dispatch(m *message, line []byte) (err error) {
	defer func() {
		// A line the decoder trips over fails this agent, not the run.
		if e := recover(); e != nil {
			err = fmt.Errorf("winwin could not read the agent's line %q: %v", show(line), e)
		}
	}()
	if err := m.parse(line); err != nil {
		return garbage(line, err)
	}
	typ, _ := m.str(m.typ)
	if string(typ) != "move" {
		if m.typ == nil && m.unknown != nil {
			return fmt.Errorf("the agent wrote a message with an %s and no \"type\": %q (answer a turn with {\"type\":\"move\",\"session\":…})", unknownField(m.unknown, moveFields), show(line))
		}
		if m.typ == nil {
			return fmt.Errorf("the agent wrote a message without \"type\": %q (answer a turn with {\"type\":\"move\",\"session\":…})", show(line))
		}
		return fmt.Errorf("the agent wrote a message of type %s, but only \"move\" messages answer winwin (after the hello): %q", show(m.typ), show(line))
	}
	id, ok := integer(m.session)
	if !ok || id < 0 {
		if m.session == nil && m.unknown != nil {
			return fmt.Errorf("the agent's move has an %s and no \"session\" (copy the session of the turn it answers): %q", unknownField(m.unknown, moveFields), show(line))
		}
		return fmt.Errorf("the agent's move has no valid \"session\": %q (copy the session of the turn it answers)", show(line))
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.sessions[uint64(id)]
	if s == nil || !s.waiting {
		if p.pool.isInterrupted() {
			return nil // the session was given up when the run was interrupted
		}
		return p.notWaiting(id)
	}
	s.waiting = false
	s.err = m.move(s.di, &s.r)
	select {
	case s.ch <- struct{}{}:
	default:
	}
	return nil
}

// notWaiting describes an answer for session id, which is not waiting for
// a move, naming the session that is when there is just one. p.mu is held.
func (p *proc) notWaiting(id int64) error {
	var waiting []uint64
	for sid, s := range p.sessions {
		if s.waiting {
			waiting = append(waiting, sid)
		}
	}
	if len(waiting) == 1 && waiting[0] != uint64(id) {
		return fmt.Errorf("the agent answered session %d, but winwin is waiting for a move in session %d (copy the \"session\" of the turn into the move)", id, waiting[0])
	}
	return fmt.Errorf("the agent answered session %d, which is not waiting for a move (answer each turn exactly once, with the \"session\" of the turn)", id)
}

// closedStdoutWait is how long a process whose stdout ended may take to
// exit before winwin concludes it closed its stdout and lives on.
const closedStdoutWait = 250 * time.Millisecond
