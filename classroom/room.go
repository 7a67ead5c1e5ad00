package classroom

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/strategies"
)

// Limits of a room.
const (
	// MaxPeople is the most participants a room takes.
	MaxPeople = 500
	// MaxName is the longest name, in characters.
	MaxName = 40
	// MaxRounds is the most rounds a room sets up.
	MaxRounds = 200
	// MaxDeals is the most deals of a round's relationships, MaxDeadline
	// the most rounds of a negotiation in class.
	MaxDeals, MaxDeadline = 10, 50
)

// Roles, the sides participants take in a round.
const (
	RolesMixed  = "mixed"  // alternately seller and buyer, in order of joining
	RolesSeller = "seller" // every participant facing a strategy sells
	RolesBuyer  = "buyer"  // every participant facing a strategy buys
)

// Opponents, whom participants face in a round.
const (
	VsStrategy = "strategy" // each a built-in strategy, taken in turn from the round's list
	VsHumans   = "humans"   // each other, paired by the server (an odd one out faces a strategy)
	VsMix      = "mix"      // the first half each other, the rest strategies
)

// A RoundSpec is how the trainer sets up a round.
type RoundSpec struct {
	// Domain is a built-in domain name (winwin domains) or "" for the
	// config's.
	Domain string `json:"domain"`
	// Roles is RolesMixed, RolesSeller or RolesBuyer.
	Roles string `json:"roles"`
	// Opponents is VsStrategy, VsHumans or VsMix; Strategies are the
	// strategies faced, by the names the config gives them (its entrants).
	Opponents  string   `json:"opponents"`
	Strategies []string `json:"strategies"`
	// Deals is the most deals with the same partner (1: one deal; more:
	// repeat business), Deadline the rounds of each negotiation.
	Deals    int `json:"deals"`
	Deadline int `json:"deadline"`
}

// A Room is one class: the participants, the rounds the trainer set up and
// every session played in them. All its state is guarded by mu; the
// sessions' goroutines take it to publish what they do.
type Room struct {
	cfg     *configs.Config
	store   *store
	meta    meta
	trainer [32]byte // SHA-256 of the trainer's token

	mu       sync.Mutex
	people   []*person
	byToken  map[[32]byte]*person
	rounds   []*round
	changed  chan struct{} // closed and replaced on every change the board shows
	replay   bool          // true while the log is replayed
	sessions sync.WaitGroup
	closed   bool
	// quit ends the background tournaments when the room closes; busy
	// counts them.
	quit   context.Context
	cancel context.CancelFunc
	busy   sync.WaitGroup
	bench  map[string]*benchmark // tournament figures by round setup key
	// rate and burst limit each participant's requests (limitRate,
	// limitBurst; tests of scripted classes raise them).
	rate, burst float64
}

// A person is a participant.
type person struct {
	id      int
	name    string
	token   [32]byte
	changed chan struct{}
	limit   limiter
	streams int // event streams open (guarded by the room's mu)
	// sessions are the person's sessions, oldest first.
	sessions []*session
}

// A round is one setup the trainer started: its sessions run at once.
type round struct {
	id       int
	spec     RoundSpec
	scenario arena.Scenario
	frontier *arena.Frontier
	sessions []*session
	stopped  bool
}

// NewRoom opens the room stored in the database at path (making it if
// the file does not exist), with the config cfg (its domain, model, seed
// and strategies), and resumes every session where it was.
func NewRoom(cfg *configs.Config, path string, opts ...Option) (*Room, error) {
	st, m, log, err := openStore(path, func() meta {
		return meta{Seed: cfg.Seed, Code: newCode(), Trainer: newToken(), Created: time.Now().UTC().Format(time.RFC3339)}
	})
	if err != nil {
		return nil, err
	}
	r := &Room{cfg: cfg, store: st, meta: m, byToken: map[[32]byte]*person{}, changed: make(chan struct{}), bench: map[string]*benchmark{},
		rate: limitRate, burst: limitBurst}
	r.trainer = sha256.Sum256([]byte(m.Trainer))
	r.quit, r.cancel = context.WithCancel(context.Background())
	for _, o := range opts {
		o(r)
	}
	if err := r.load(log); err != nil {
		st.close()
		return nil, err
	}
	return r, nil
}

// An Option changes how a room runs.
type Option func(*Room)

// WithRateLimit lets each participant send burst requests at once and
// perSecond a second after that (default 5 a second, bursts of 20: far
// above what a person clicks, far below what floods the server).
func WithRateLimit(perSecond, burst float64) Option {
	return func(r *Room) { r.rate, r.burst = perSecond, burst }
}

// Code returns the room code participants type to join.
func (r *Room) Code() string { return r.meta.Code }

// TrainerToken returns the trainer's secret token.
func (r *Room) TrainerToken() string { return r.meta.Trainer }

// Close stops every session (they resume on the next start: nothing is
// lost) and closes the database.
func (r *Room) Close() error {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return nil
	}
	r.closed = true
	for _, rd := range r.rounds {
		for _, s := range rd.sessions {
			s.shutdown()
		}
	}
	r.mu.Unlock()
	r.cancel()
	r.sessions.Wait()
	r.busy.Wait()
	return r.store.close()
}

// bump tells every listener of the room that something changed. r.mu is
// held.
func (r *Room) bump() {
	close(r.changed)
	r.changed = make(chan struct{})
}

func (p *person) bump() {
	close(p.changed)
	p.changed = make(chan struct{})
}

// ErrFull, ErrName and ErrCode are a join's refusals.
var (
	ErrFull = errors.New("the room is full")
	ErrName = fmt.Errorf("give a name of 1 to %d letters", MaxName)
	ErrCode = errors.New("that is not this room's code")
)

// Join adds a participant called name to the room, if code is the room's
// code, and returns the participant's secret token (for its cookie).
func (r *Room) Join(name, code string) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	if n := len([]rune(name)); n == 0 || n > MaxName || strings.ContainsFunc(name, isControl) {
		return "", ErrName
	}
	if !strings.EqualFold(strings.TrimSpace(code), r.meta.Code) {
		return "", ErrCode
	}
	tok := newToken()
	h := sha256.Sum256([]byte(tok))
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.people) >= MaxPeople {
		return "", ErrFull
	}
	ev := event{Kind: evJoin, Person: len(r.people), Name: name, Token: hex.EncodeToString(h[:])}
	if err := r.store.append(ev); err != nil {
		return "", err
	}
	r.addPerson(name, h)
	r.bump()
	return tok, nil
}

func isControl(c rune) bool { return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) }

// addPerson adds a participant. r.mu is held.
func (r *Room) addPerson(name string, token [32]byte) *person {
	p := &person{id: len(r.people), name: name, token: token, changed: make(chan struct{}), limit: newLimiter(r.rate, r.burst)}
	r.people = append(r.people, p)
	r.byToken[token] = p
	return p
}

// who returns the participant whose token is tok, or nil.
func (r *Room) who(tok string) *person {
	if tok == "" {
		return nil
	}
	h := sha256.Sum256([]byte(tok))
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.byToken[h]
}

// isTrainer reports whether tok is the trainer's token.
func (r *Room) isTrainer(tok string) bool {
	h := sha256.Sum256([]byte(tok))
	return tok != "" && subtleEqual(h[:], r.trainer[:])
}

// Strategies returns the names of the strategies participants can face:
// the config's entrants, external agents left out.
func (r *Room) Strategies() []string {
	var out []string
	for _, s := range r.cfg.Strategies {
		if s.Strategy != configs.ExecStrategy {
			out = append(out, s.Name)
		}
	}
	return out
}

// strategy returns a fresh agent of the config's entrant called name.
func (r *Room) strategy(name string) (agents.Agent, error) {
	for _, s := range r.cfg.Strategies {
		if s.Name == name && s.Strategy != configs.ExecStrategy {
			f, err := strategies.Factory(s.Strategy, s.Params)
			if err != nil {
				return nil, err
			}
			return f(), nil
		}
	}
	return nil, fmt.Errorf("no strategy %q in this class (strategies: %s)", name, strings.Join(r.Strategies(), ", "))
}

// check validates a round's setup and fills its defaults.
func (r *Room) check(s *RoundSpec) (arena.Scenario, error) {
	if s.Roles == "" {
		s.Roles = RolesMixed
	}
	if s.Opponents == "" {
		s.Opponents = VsStrategy
	}
	if s.Deals == 0 {
		s.Deals = 1
	}
	if s.Deadline == 0 {
		s.Deadline = 10
	}
	switch {
	case !slices.Contains([]string{RolesMixed, RolesSeller, RolesBuyer}, s.Roles):
		return arena.Scenario{}, fmt.Errorf("roles %q: must be mixed, seller or buyer", s.Roles)
	case !slices.Contains([]string{VsStrategy, VsHumans, VsMix}, s.Opponents):
		return arena.Scenario{}, fmt.Errorf("opponents %q: must be strategy, humans or mix", s.Opponents)
	case s.Deals < 1 || s.Deals > MaxDeals:
		return arena.Scenario{}, fmt.Errorf("deals %d: must be 1 to %d", s.Deals, MaxDeals)
	case s.Deadline < 1 || s.Deadline > MaxDeadline:
		return arena.Scenario{}, fmt.Errorf("rounds per deal %d: must be 1 to %d", s.Deadline, MaxDeadline)
	case len(s.Strategies) > len(r.cfg.Strategies):
		return arena.Scenario{}, fmt.Errorf("%d strategies: this class has %d", len(s.Strategies), len(r.cfg.Strategies))
	}
	if len(s.Strategies) == 0 {
		s.Strategies = r.Strategies()[:1]
	}
	for _, name := range s.Strategies {
		if _, err := r.strategy(name); err != nil {
			return arena.Scenario{}, err
		}
	}
	if s.Domain == "" || s.Domain == r.cfg.DomainName {
		s.Domain = r.cfg.DomainName
		return r.cfg.Scenario, nil
	}
	if !slices.Contains(configs.Domains(), s.Domain) {
		return arena.Scenario{}, fmt.Errorf("domain %q: must be one of %s", s.Domain, strings.Join(r.Domains(), ", "))
	}
	sc, _, err := configs.LoadDomain(s.Domain)
	return sc, err
}

// Domains returns the domains a round can use: the config's and the
// built-in ones.
func (r *Room) Domains() []string {
	out := []string{r.cfg.DomainName}
	for _, d := range configs.Domains() {
		if d != r.cfg.DomainName {
			out = append(out, d)
		}
	}
	return out
}

// ErrNobody is the refusal to start a round without participants.
var ErrNobody = errors.New("nobody has joined yet")

// StartRound sets up a round as spec says, pairs the participants who
// have joined and starts every session. A round still running is stopped
// first (StopRound): each participant plays one session at a time. It
// returns the round's number.
func (r *Room) StartRound(spec RoundSpec) (int, error) {
	sc, err := r.check(&spec)
	if err != nil {
		return 0, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.closed:
		return 0, errors.New("the room is closed")
	case len(r.people) == 0:
		return 0, ErrNobody
	case len(r.rounds) >= MaxRounds:
		return 0, fmt.Errorf("a class runs at most %d rounds", MaxRounds)
	}
	for _, rd := range r.rounds {
		if !rd.stopped && rd.running() {
			if err := r.store.append(event{Kind: evStop, Round: rd.id}); err != nil {
				return 0, err
			}
			r.stopRound(rd)
		}
	}
	plans := pair(len(r.people), spec)
	ev := event{Kind: evRound, Round: len(r.rounds), Spec: &spec, Sessions: plans}
	if err := r.store.append(ev); err != nil {
		return 0, err
	}
	rd := r.addRound(spec, sc, plans, nil)
	r.bump()
	return rd.id, nil
}

// pair seats n participants (by id, in order of joining) for a round.
func pair(n int, spec RoundSpec) []plan {
	var plans []plan
	humans := 0
	switch spec.Opponents {
	case VsHumans:
		humans = n - n%2
	case VsMix:
		humans = n / 2
		humans -= humans % 2
	}
	for i := 0; i+1 < humans; i += 2 {
		plans = append(plans, plan{ID: len(plans), Seats: [2]int{i, i + 1}})
	}
	for i := humans; i < n; i++ {
		role := agents.Role(i % 2)
		switch spec.Roles {
		case RolesSeller:
			role = agents.Seller
		case RolesBuyer:
			role = agents.Buyer
		}
		p := plan{ID: len(plans), Seats: [2]int{-1, -1}, Strategy: spec.Strategies[(i-humans)%len(spec.Strategies)]}
		p.Seats[role] = i
		plans = append(plans, p)
	}
	return plans
}

// addRound makes a round and starts its sessions; queued holds each
// session's stored moves when the log is replayed. r.mu is held.
func (r *Room) addRound(spec RoundSpec, sc arena.Scenario, plans []plan, queued map[int][2][]event) *round {
	rd := &round{id: len(r.rounds), spec: spec, scenario: sc, frontier: arena.NewFrontier(sc.Domain, sc.Prefs[0], sc.Prefs[1])}
	r.rounds = append(r.rounds, rd)
	for _, pl := range plans {
		s := newSession(r, rd, pl)
		for side := range s.seats {
			if s.seats[side] != nil {
				s.seats[side].queue = queued[pl.ID][side]
			}
		}
		rd.sessions = append(rd.sessions, s)
		for _, st := range s.seats {
			if st != nil {
				st.person.sessions = append(st.person.sessions, s)
				st.person.bump()
			}
		}
	}
	for _, s := range rd.sessions {
		r.sessions.Add(1)
		go s.run()
	}
	return rd
}

// StopRound stops round id: sessions waiting for a person end at once
// (the deal under way is not counted), those whose person's move is on
// its way end at their next turn.
func (r *Room) StopRound(id int) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if id < 0 || id >= len(r.rounds) {
		return fmt.Errorf("no round %d", id+1)
	}
	rd := r.rounds[id]
	if rd.stopped {
		return nil
	}
	if err := r.store.append(event{Kind: evStop, Round: id}); err != nil {
		return err
	}
	r.stopRound(rd)
	r.bump()
	return nil
}

// running reports whether a session of rd is not over. Its room's mu is
// held.
func (rd *round) running() bool {
	for _, s := range rd.sessions {
		if !s.done {
			return true
		}
	}
	return false
}

// stopRound marks rd stopped and wakes its waiting seats. r.mu is held.
func (r *Room) stopRound(rd *round) {
	rd.stopped = true
	for _, s := range rd.sessions {
		for _, st := range s.seats {
			if st != nil && st.waiting != waitNone {
				st.waiting = waitNone
				st.in <- submission{stop: true}
			}
		}
	}
}

// newCode returns a room code: six letters that are hard to misread.
func newCode() string {
	const letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
	b := make([]byte, 6)
	rand.Read(b)
	for i := range b {
		b[i] = letters[int(b[i])%len(letters)]
	}
	return string(b)
}

// newToken returns a secret token: 32 random bytes in hex.
func newToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return hex.EncodeToString(b)
}
