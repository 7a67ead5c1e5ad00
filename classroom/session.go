package classroom

import (
	"fmt"
	"log"
	"sync"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// A session is one relationship of a round: a participant and a strategy,
// or two participants, for up to RoundSpec.Deals deals. It runs as an
// arena.Match in its own goroutine; a participant's side is a seat, an
// agents.Agent whose Act waits for the person's move.
type session struct {
	room     *Room
	round    *round
	id       int
	strategy string   // the strategy's name, "" for two participants
	seats    [2]*seat // nil on the strategy's side
	stop     chan struct{}
	stopOnce sync.Once

	// Guarded by room.mu:
	period int
	opener agents.Role
	live   []agents.Move // the moves of the deal under way, both sides
	deals  []arena.PeriodRecord
	rec    *arena.RelationshipRecord // once the relationship is over
	done   bool
	err    error
}

// wait says what a seat waits for.
type wait uint8

const (
	waitNone     wait = iota
	waitMove          // the person's move
	waitContinue      // whether the person comes back for the next deal
)

// A seat is a participant's side of a session.
type seat struct {
	sess   *session
	role   agents.Role
	person *person
	in     chan submission

	// Guarded by room.mu:
	waiting      wait
	period, turn int     // what the seat waits for
	queue        []event // stored moves and answers, replayed first
}

// A submission is what reaches a waiting seat: a move, an answer to "come
// back?", or the round's stop.
type submission struct {
	move agents.Move
	stay bool
	stop bool
}

func newSession(r *Room, rd *round, pl plan) *session {
	s := &session{room: r, round: rd, id: pl.ID, strategy: pl.Strategy, stop: make(chan struct{})}
	for side, id := range pl.Seats {
		if id >= 0 && id < len(r.people) {
			s.seats[side] = &seat{sess: s, role: agents.Role(side), person: r.people[id], in: make(chan submission, 1)}
		}
	}
	return s
}

// seed is the session's Match seed.
func (s *session) seed() uint64 { return arena.ClassroomSeed(s.room.meta.Seed, s.round.id, s.id) }

// names returns who sits on each side, for the record.
func (s *session) names() [2]string {
	var n [2]string
	for side, st := range s.seats {
		if st != nil {
			n[side] = st.person.name
		} else {
			n[side] = s.strategy
		}
	}
	return n
}

// shutdown ends the session's goroutine without recording an end: the
// server stops, and the session resumes from the log on the next start.
// room.mu is held.
func (s *session) shutdown() {
	s.stopOnce.Do(func() { close(s.stop) })
	for _, st := range s.seats {
		if st != nil && st.waiting != waitNone {
			st.waiting = waitNone
			st.in <- submission{stop: true}
		}
	}
}

// run plays the session's relationship.
func (s *session) run() {
	r := s.room
	defer r.sessions.Done()
	var m arena.Match
	m.Scenario = s.round.scenario
	m.Names = s.names()
	for side, st := range s.seats {
		if st != nil {
			m.Agents[side] = st
			m.Decides[side] = true
			continue
		}
		a, err := r.strategy(s.strategy)
		if err != nil {
			s.finish(nil, err)
			return
		}
		m.Agents[side] = a
	}
	m.Periods, m.Deadline = s.round.spec.Deals, s.round.spec.Deadline
	m.Opener, m.Model, m.Seed = r.cfg.Opener, r.cfg.Model, s.seed()
	m.Record, m.Stop = true, s.stop
	rec, err := m.Run(func(rec *arena.RelationshipRecord) {
		r.mu.Lock()
		s.deals = append(s.deals[:0], rec.Periods...)
		s.live = nil
		s.notify()
		r.mu.Unlock()
	})
	s.finish(rec, err)
}

// finish records the end of the relationship.
func (s *session) finish(rec *arena.RelationshipRecord, err error) {
	r := s.room
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed && (rec == nil || rec.End == arena.Cancelled) && !s.round.stopped {
		return // the server stops: the session resumes on the next start
	}
	if err != nil {
		log.Printf("classroom: round %d session %d: %v", s.round.id+1, s.id+1, err)
	}
	s.rec, s.err, s.done = rec, err, true
	if rec != nil {
		s.deals = append(s.deals[:0], rec.Periods...)
	}
	s.live = nil
	for _, st := range s.seats {
		if st != nil {
			st.waiting = waitNone
		}
	}
	s.notify()
}

// notify tells the session's participants and the board that it changed.
// room.mu is held.
func (s *session) notify() {
	for _, st := range s.seats {
		if st != nil {
			st.person.bump()
		}
	}
	s.room.bump()
}

// sync copies the moves of the deal under way that the arena shows in v.
// room.mu is held.
func (s *session) sync(v *agents.View) {
	s.period, s.opener = v.Period, v.Opener
	if len(s.live) > len(v.Moves) {
		s.live = s.live[:0]
	}
	for _, m := range v.Moves[len(s.live):] {
		c := m
		c.Offer = m.Offer.Clone()
		c.Ranking = append([]int(nil), m.Ranking...)
		s.live = append(s.live, c)
	}
}

// Start resets the deal under way.
func (st *seat) Start(v *agents.View) {
	r := st.sess.room
	r.mu.Lock()
	st.sess.sync(v)
	r.mu.Unlock()
}

// Finish keeps the deal's last moves.
func (st *seat) Finish(v *agents.View, _ *agents.Deal) {
	r := st.sess.room
	r.mu.Lock()
	st.sess.sync(v)
	r.mu.Unlock()
}

// Act returns the person's move: the next stored one while the log is
// replayed, then the one the person sends.
func (st *seat) Act(v *agents.View) agents.Move {
	s := st.sess
	r := s.room
	r.mu.Lock()
	s.sync(v)
	if ev, ok := st.next(evMove, v.Period, v.Turn); ok {
		r.mu.Unlock()
		return ev.Move.move()
	}
	if s.round.stopped || r.closed {
		s.stopOnce.Do(func() { close(s.stop) })
		r.mu.Unlock()
		return agents.WalkAway(0)
	}
	st.waiting, st.period, st.turn = waitMove, v.Period, v.Turn
	s.notify()
	r.mu.Unlock()
	sub := <-st.in
	if sub.stop {
		s.stopOnce.Do(func() { close(s.stop) })
		return agents.WalkAway(0)
	}
	return sub.move
}

// Continue asks the person whether to come back for the next deal.
func (st *seat) Continue(v *agents.View) bool {
	s := st.sess
	r := s.room
	r.mu.Lock()
	s.period, s.live = v.Period, nil
	if ev, ok := st.next(evContinue, v.Period, 0); ok {
		r.mu.Unlock()
		return ev.Stay
	}
	if s.round.stopped || r.closed {
		s.stopOnce.Do(func() { close(s.stop) })
		r.mu.Unlock()
		return false
	}
	st.waiting, st.period, st.turn = waitContinue, v.Period, 0
	s.notify()
	r.mu.Unlock()
	sub := <-st.in
	if sub.stop {
		s.stopOnce.Do(func() { close(s.stop) })
		return false
	}
	return sub.stay
}

// next pops the seat's next stored event if it is kind at (period, turn).
// A stored event that does not fit is a log that does not match the
// session: the rest of the queue is dropped and the person asked again.
// room.mu is held.
func (st *seat) next(kind string, period, turn int) (event, bool) {
	if len(st.queue) == 0 {
		return event{}, false
	}
	ev := st.queue[0]
	if ev.Kind != kind || ev.Period != period || ev.Turn != turn || (kind == evMove && ev.Move == nil) {
		log.Printf("classroom: round %d session %d: stored %s at deal %d turn %d does not fit the %s at deal %d turn %d; asking again",
			st.sess.round.id+1, st.sess.id+1, ev.Kind, ev.Period+1, ev.Turn, kind, period+1, turn)
		st.queue = nil
		return event{}, false
	}
	st.queue = st.queue[1:]
	return ev, true
}

// ErrNotYourTurn and the others are a move's refusals.
var (
	ErrNotYourTurn = fmt.Errorf("it is not your turn")
	ErrNoSession   = fmt.Errorf("you are not in this session")
	ErrStale       = fmt.Errorf("the negotiation has moved on: reload")
)
