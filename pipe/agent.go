package pipe

import (
	"errors"
	"fmt"
	"time"

	"github.com/winwin-sim/winwin/agents"
)

// An Agent is one side of one relationship played by an external agent:
// each negotiation is a session on one of its pool's processes. It
// implements agents.Agent with the Starter and Finisher hooks, so the
// arena runs it like any Go agent. When the process fails — it crashes,
// hangs past the timeout, prints garbage or makes an invalid move — Act
// panics with an *agents.Failure saying what happened, which the arena
// records as the agent's fault; the negotiation is lost and the run goes
// on.
type Agent struct {
	pool *Pool
	slot *slot
	proc *proc
	sess *session // the current negotiation's, nil between negotiations
	own  session  // reused by every negotiation of the agent
	di   *domainInfo
	buf  []byte
	// sent is true once the start message has gone out (it is sent with
	// the first turn, so a negotiation the agent never moves in costs
	// nothing).
	sent  bool
	seed  uint64
	timer *time.Timer
	offer agents.Offer
}

// A session is one negotiation on a process. The process's reader writes
// the reply while waiting is set (both under proc.mu), then signals ch.
type session struct {
	id      uint64
	ch      chan struct{}
	waiting bool
	di      *domainInfo
	r       reply
	err     error // what is wrong with the reply, if anything
}

// Start begins a session for the negotiation on the least busy process,
// starting one if needed. It panics with an *agents.Failure if no process
// can be had.
func (a *Agent) Start(v *agents.View) {
	if a.sess != nil {
		a.close("the negotiation was abandoned")
	}
	a.seed = v.Rand.Uint64() // drawn even when it fails: the stream stays the same
	s, p, err := a.pool.checkout()
	if err != nil {
		a.pool.faults.Add(1)
		panic(a.failure(err))
	}
	a.slot, a.proc = s, p
	a.di = a.pool.domain(v.Domain)
	a.sess = &a.own
	if a.own.ch == nil {
		a.own.ch = make(chan struct{}, 1)
	}
	a.own.id = a.pool.nextID.Add(1)
	a.own.di = a.di
	a.own.err = nil
	p.mu.Lock()
	p.sessions[a.own.id] = &a.own
	p.mu.Unlock()
	a.pool.sessions.Add(1)
	a.sent = false
}

// Act sends the turn (with the start message on the agent's first turn)
// and returns the agent's move. It panics with an *agents.Failure if the
// process fails or the move is invalid.
func (a *Agent) Act(v *agents.View) agents.Move {
	if a.sess == nil {
		a.Start(v)
	}
	s, p := a.sess, a.proc
	if p.isDead() {
		a.abort(fmt.Errorf("its process stopped during another negotiation: %w", p.err))
	}
	if a.pool.isInterrupted() {
		a.abort(errInterrupted)
	}
	a.buf = a.buf[:0]
	if !a.sent {
		a.buf = appendStart(a.buf, s.id, a.di, v, a.seed)
		a.sent = true
	}
	a.buf = appendTurn(a.buf, s.id, a.di, v)
	p.mu.Lock()
	s.waiting = true
	p.mu.Unlock()
	if err := p.send(a.buf); err != nil {
		a.abort(err)
	}
	timeout := a.pool.cfg.Timeout
	if a.timer == nil {
		a.timer = time.NewTimer(timeout)
	} else {
		a.timer.Reset(timeout)
	}
	select {
	case <-s.ch:
		a.timer.Stop()
	case <-p.dead:
		a.timer.Stop()
		a.abort(p.err)
	case <-a.pool.interrupted:
		a.timer.Stop()
		a.abort(errInterrupted)
	case <-a.timer.C:
		err := fmt.Errorf("no move within %v (does the agent flush stdout after each line?); its process was restarted", timeout)
		p.fail(err)
		p.kill()
		a.abort(err)
	}
	if s.err != nil {
		a.abort(fmt.Errorf("invalid move: %w", s.err))
	}
	r := &s.r
	m := agents.Move{Kind: r.kind, Tags: r.tags, Say: a.pool.intern(r.say)}
	switch r.kind {
	case agents.MoveOffer:
		a.offer = append(a.offer[:0], r.offer...)
		m.Offer = a.offer
	case agents.MoveAccept:
		if v.Last.Kind != agents.MoveOffer {
			a.abort(errors.New("invalid move: accept, but there is no offer on the table (the agent opens: make an offer)"))
		}
	}
	if len(r.ranking) > 0 {
		// The arena keeps every move of the negotiation, so a ranking is
		// not reused; only a disclosing move carries one.
		m.Ranking = append([]int(nil), r.ranking...)
	}
	p.served.Add(1)
	return m
}

// Finish tells the agent how the negotiation ended and closes the session.
func (a *Agent) Finish(v *agents.View, d *agents.Deal) {
	if a.sess == nil {
		return
	}
	if a.sent && !a.proc.isDead() {
		a.buf = appendEnd(a.buf[:0], a.sess.id, a.di, d)
		_ = a.proc.send(a.buf) // a process that cannot take it is restarted
	}
	a.release()
}

// close ends the session without an outcome, telling the agent why.
func (a *Agent) close(reason string) {
	if a.sent && !a.proc.isDead() {
		a.buf = appendClose(a.buf[:0], a.sess.id, reason)
		_ = a.proc.send(a.buf)
	}
	a.release()
}

// release forgets the session and gives its slot back.
func (a *Agent) release() {
	p, s := a.proc, a.sess
	p.mu.Lock()
	delete(p.sessions, s.id)
	s.waiting = false
	select { // a reply that raced a timeout
	case <-s.ch:
	default:
	}
	p.mu.Unlock()
	a.pool.release(a.slot)
	a.sess, a.proc, a.slot = nil, nil, nil
}

// abort loses the negotiation: it closes the session and panics with an
// *agents.Failure the arena records as the agent's fault.
func (a *Agent) abort(err error) {
	a.pool.faults.Add(1)
	a.close(err.Error())
	panic(a.failure(err))
}

func (a *Agent) failure(err error) *agents.Failure {
	return &agents.Failure{Err: fmt.Errorf("exec agent %q: %w", a.pool.cfg.Name, err)}
}
