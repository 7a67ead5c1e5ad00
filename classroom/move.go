package classroom

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/play"
)

// A MoveRequest is a participant's move as the page sends it. Round,
// Session, Period and Turn name the turn the page showed: a move for any
// other turn is refused (ErrStale), so a page that lagged or sent twice
// never moves by accident.
type MoveRequest struct {
	Round   int    `json:"round"`
	Session int    `json:"session"`
	Period  int    `json:"period"`
	Turn    int    `json:"turn"`
	Kind    string `json:"kind"` // "offer", "accept" or "walk"
	// Offer gives each issue's option by its label or a typed value
	// ("$420,000", "420k"; the nearest option is taken, as in winwin play).
	Offer map[string]string `json:"offer,omitempty"`
	// Signals are the article's signals sent with the move: "ask-why",
	// "flinch", "dissatisfied", "disclose" (shares the priorities of the
	// brief, truthfully).
	Signals []string `json:"signals,omitempty"`
}

// An AnswerRequest is a participant's answer to "come back for the next
// deal?".
type AnswerRequest struct {
	Round   int  `json:"round"`
	Session int  `json:"session"`
	Period  int  `json:"period"`
	Stay    bool `json:"stay"`
}

// signals a participant may send, by name.
var signals = map[string]agents.Tag{
	"ask-why": agents.TagAskWhy, "flinch": agents.TagFlinch,
	"dissatisfied": agents.TagDissatisfied, "disclose": agents.TagDisclose,
}

// ErrRate is the refusal of a participant who sends too fast.
var ErrRate = errors.New("too many requests: wait a moment")

// A moveError is a move refused for what it says (not for its timing).
type moveError struct{ msg string }

func (e *moveError) Error() string { return e.msg }

func badMove(format string, args ...any) error { return &moveError{fmt.Sprintf(format, args...)} }

// seatOf returns p's seat in session (round, id). r.mu is held.
func (r *Room) seatOf(p *person, rd, id int) (*seat, error) {
	if rd < 0 || rd >= len(r.rounds) || id < 0 || id >= len(r.rounds[rd].sessions) {
		return nil, ErrNoSession
	}
	for _, st := range r.rounds[rd].sessions[id].seats {
		if st != nil && st.person == p {
			return st, nil
		}
	}
	return nil, ErrNoSession
}

// settleWait is how long a move's request waits for the session to
// settle (the partner strategy's answer) before it returns.
const settleWait = 3 * time.Second

// Move makes participant p's move. It is validated against p's own seat:
// a session p sits in, p's turn, the turn p saw, an offer in the domain.
// The move is on disk before the arena sees it; Move returns once the
// session settled (a strategy partner answered, or the partner's turn
// began), so the page can show the answer at once.
func (r *Room) Move(p *person, req MoveRequest) error {
	if !p.limit.allow() {
		return ErrRate
	}
	r.mu.Lock()
	st, err := r.seatOf(p, req.Round, req.Session)
	if err != nil {
		r.mu.Unlock()
		return err
	}
	switch {
	case st.waiting != waitMove:
		r.mu.Unlock()
		return ErrNotYourTurn
	case st.period != req.Period || st.turn != req.Turn:
		r.mu.Unlock()
		return ErrStale
	}
	m, err := st.build(req)
	if err != nil {
		r.mu.Unlock()
		return err
	}
	st.waiting = waitNone // reserved: no other request moves for this turn
	changed := p.changed
	period, turn := st.period, st.turn
	r.mu.Unlock()
	rec := &moveRec{Kind: m.Kind, Offer: m.Offer, Tags: m.Tags, Ranking: m.Ranking}
	ev := event{Kind: evMove, Round: req.Round, Session: req.Session, Role: int(st.role), Period: period, Turn: turn, Move: rec}
	if err := r.store.append(ev); err != nil {
		r.mu.Lock()
		st.waiting = waitMove
		r.mu.Unlock()
		return err
	}
	st.in <- submission{move: m}
	select {
	case <-changed:
	case <-time.After(settleWait):
	}
	return nil
}

// build turns a request into a move for seat st. r.mu is held.
func (st *seat) build(req MoveRequest) (agents.Move, error) {
	var tags agents.Tags
	if len(req.Signals) > len(signals) {
		return agents.Move{}, badMove("too many signals")
	}
	for _, s := range req.Signals {
		t, ok := signals[s]
		if !ok {
			return agents.Move{}, badMove("unknown signal %q: send ask-why, flinch, dissatisfied or disclose", s)
		}
		tags |= t
	}
	prefs := st.sess.round.scenario.Prefs[st.role]
	var m agents.Move
	switch req.Kind {
	case "accept":
		if st.turn == 0 {
			return agents.Move{}, badMove("there is no offer to accept yet: make the first offer")
		}
		m = agents.Accept(tags &^ agents.TagDisclose)
	case "walk":
		m = agents.WalkAway(tags &^ agents.TagDisclose)
	case "offer":
		d := st.sess.round.scenario.Domain
		if len(req.Offer) != len(d.Issues) {
			return agents.Move{}, badMove("an offer names an option for each of the %d issues", len(d.Issues))
		}
		o := make(agents.Offer, len(d.Issues))
		for name, text := range req.Offer {
			if len(name) > 100 || len(text) > 100 {
				return agents.Move{}, badMove("issue or option too long")
			}
			i := d.IssueIndex(name)
			if i < 0 {
				return agents.Move{}, badMove("there is no issue %q", name)
			}
			k, _, err := play.MatchOption(&d.Issues[i], text)
			if err != nil {
				return agents.Move{}, badMove("%v", err)
			}
			o[i] = k
		}
		if err := d.Check(o); err != nil {
			return agents.Move{}, badMove("%v", err)
		}
		m = agents.Propose(o, tags)
		if tags.Has(agents.TagDisclose) {
			m.Ranking = prefs.Ranking()
		}
	default:
		return agents.Move{}, badMove("kind %q: must be offer, accept or walk", req.Kind)
	}
	return m, nil
}

// Answer gives participant p's answer to whether to come back for the
// next deal.
func (r *Room) Answer(p *person, req AnswerRequest) error {
	if !p.limit.allow() {
		return ErrRate
	}
	r.mu.Lock()
	st, err := r.seatOf(p, req.Round, req.Session)
	if err != nil {
		r.mu.Unlock()
		return err
	}
	switch {
	case st.waiting != waitContinue:
		r.mu.Unlock()
		return ErrNotYourTurn
	case st.period != req.Period:
		r.mu.Unlock()
		return ErrStale
	}
	st.waiting = waitNone
	changed := p.changed
	ev := event{Kind: evContinue, Round: req.Round, Session: req.Session, Role: int(st.role), Period: st.period, Stay: req.Stay}
	r.mu.Unlock()
	if err := r.store.append(ev); err != nil {
		r.mu.Lock()
		st.waiting = waitContinue
		r.mu.Unlock()
		return err
	}
	st.in <- submission{stay: req.Stay}
	select {
	case <-changed:
	case <-time.After(settleWait):
	}
	return nil
}

// A limiter is a token bucket: a participant may send limitBurst
// requests at once and limitRate a second after that.
type limiter struct {
	mu          sync.Mutex
	rate, burst float64
	tokens      float64
	last        time.Time
}

const (
	limitRate  = 5
	limitBurst = 20
)

func newLimiter(rate, burst float64) limiter { return limiter{rate: rate, burst: burst, tokens: burst} }

func (l *limiter) allow() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if !l.last.IsZero() {
		l.tokens = min(l.burst, l.tokens+now.Sub(l.last).Seconds()*l.rate)
	}
	l.last = now
	if l.tokens < 1 {
		return false
	}
	l.tokens--
	return true
}

func subtleEqual(a, b []byte) bool { return subtle.ConstantTimeCompare(a, b) == 1 }
