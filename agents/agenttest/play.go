package agenttest

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// A game is one relationship the checks play: the agent under test on one
// side of a scenario against one partner, for a few deals in a row with
// the opener alternating.
type game struct {
	scenario string
	partner  partner
	role     agents.Role
	opener   agents.Role // opener of the first deal
	seed     uint64
	deadline int
	periods  int
}

// where says in words which negotiation of g, naming the agent under test
// name: `as buyer against "linear" on scenario "car", seed 2, 12-round
// deadline, deal 1 of 2 (the partner opens)`.
func (g *game) where(period int, name string) string {
	opens := "the partner opens"
	if g.openerOf(period) == g.role {
		opens = name + " opens"
	}
	return fmt.Sprintf("as %s against %q on scenario %q, seed %d, %d-round deadline, deal %d of %d (%s)",
		g.role, g.partner.name, g.scenario, g.seed, g.deadline, period+1, g.periods, opens)
}

func (g *game) openerOf(period int) agents.Role {
	if period%2 == 1 {
		return g.opener.Other()
	}
	return g.opener
}

// A turnRec is one call of the agent under test, as the guard saw it.
type turnRec struct {
	period, turn int
	hook         string // "" for Act, else "Start", "Finish" or "Continue"
	did          string // the move, in Format's notation
	against      string // the partner's move it answered; "" when opening
	// For an acceptance of a valid offer: what the agent took.
	accepted      bool
	acceptU, resv float64
	offer         string // the accepted offer in the domain's words
	// changed names the parts of the View the call modified, "" if none.
	changed string
}

// detected are the tags the arena adds to a move by judging it.
const detected = agents.TagExtremeAnchor | agents.TagRetraction

// A guard wraps the agent under test: it records every move, and
// optionally checks that no call modifies the View it is given. It passes
// the optional hooks through.
type guard struct {
	inner agents.Agent
	views bool
	recs  []turnRec
	// panicked says what a Continue hook panicked with, before deal
	// panicPeriod (the arena reports panics of the other calls as faults).
	panicked    string
	panicPeriod int
}

func (g *guard) Act(v *agents.View) agents.Move {
	var before viewSum
	if g.views {
		before = sumView(v)
	}
	m := g.inner.Act(v)
	r := turnRec{period: v.Period, turn: v.Turn, did: Format(m)}
	if v.Turn > 0 {
		last := v.Last
		last.Tags &^= detected // as the partner sent it; transcripts show what the arena detected
		r.against = Format(last)
	}
	if m.Kind == agents.MoveAccept && v.Last.Kind == agents.MoveOffer && v.Domain.Valid(v.Last.Offer) {
		r.accepted = true
		r.acceptU, r.resv = v.Prefs.Utility(v.Last.Offer), v.Prefs.Reservation
		r.offer = v.Domain.Format(v.Last.Offer)
	}
	if g.views {
		r.changed = before.diff(sumView(v))
	}
	g.recs = append(g.recs, r)
	return m
}

func (g *guard) hook(v *agents.View, name string, call func()) {
	var before viewSum
	if g.views {
		before = sumView(v)
	}
	call()
	if g.views {
		if c := before.diff(sumView(v)); c != "" {
			g.recs = append(g.recs, turnRec{period: v.Period, turn: v.Turn, hook: name, changed: c})
		}
	}
}

func (g *guard) Start(v *agents.View) {
	if s, ok := g.inner.(agents.Starter); ok {
		g.hook(v, "Start", func() { s.Start(v) })
	}
}

func (g *guard) Finish(v *agents.View, d *agents.Deal) {
	if f, ok := g.inner.(agents.Finisher); ok {
		g.hook(v, "Finish", func() { f.Finish(v, d) })
	}
}

func (g *guard) Continue(v *agents.View) (stay bool) {
	c, ok := g.inner.(agents.Continuer)
	if !ok {
		return true
	}
	defer func() {
		if e := recover(); e != nil {
			g.panicked = fmt.Sprintf("panicked in its Continue hook, asked before deal %d: %v", v.Period+1, e)
			g.panicPeriod = v.Period
			stay = true // as in a tournament: a panicking hook does not end the relationship
		}
	}()
	g.hook(v, "Continue", func() { stay = c.Continue(v) })
	return stay
}

// A played game: the guard's records and the outcome of every deal.
type played struct {
	g    game
	recs []turnRec
	outs []arena.Outcome
	// broke says how the agent broke down outside a negotiation: newAgent
	// failed, or Continue panicked before deal brokeAt.
	broke   string
	brokeAt int
}

// continuer is the agent the relationship loop talks to: a guard, or a
// gate around one.
type continuer interface {
	agents.Agent
	agents.Starter
	agents.Finisher
	Continue(v *agents.View) bool
}

// play runs game g with agent a (a guard or a gate around one), recording
// every deal's transcript.
func play(a continuer, gd *guard, g game) played {
	sc := Scenario(g.scenario)
	me := &arena.Party{Agent: a, Prefs: sc.Prefs[g.role], Rand: arena.NewRand(g.seed, 1)}
	them := &arena.Party{Agent: g.partner.new(), Prefs: sc.Prefs[g.role.Other()], Rand: arena.NewRand(g.seed, 2)}
	parties := [2]*arena.Party{}
	parties[g.role], parties[g.role.Other()] = me, them
	p := played{g: g}
	var tab arena.Table
	for period := range g.periods {
		if period > 0 {
			v := agents.View{Domain: sc.Domain, Prefs: me.Prefs, Role: g.role, Opener: g.openerOf(period), Period: period,
				Deadline: g.deadline, History: me.History, Rand: me.Rand}
			if !a.Continue(&v) {
				break
			}
		}
		setup := arena.Setup{Domain: sc.Domain, Deadline: g.deadline, Opener: g.openerOf(period), Period: period, Record: true}
		p.outs = append(p.outs, tab.Negotiate(setup, parties[agents.Seller], parties[agents.Buyer]))
	}
	p.recs, p.broke, p.brokeAt = gd.recs, gd.panicked, gd.panicPeriod
	return p
}

// create calls newAgent, turning a panic or a nil agent into an error.
func create(newAgent func() agents.Agent) (a agents.Agent, err error) {
	defer func() {
		if e := recover(); e != nil {
			err = fmt.Errorf("newAgent panicked: %v", e)
		}
	}()
	if a = newAgent(); a == nil {
		return nil, fmt.Errorf("newAgent returned nil")
	}
	return a, nil
}

// solo plays g with a fresh agent of its own.
func solo(newAgent func() agents.Agent, g game, views bool) played {
	a, err := create(newAgent)
	if err != nil {
		return played{g: g, broke: "could not be created: " + err.Error()}
	}
	gd := &guard{inner: a, views: views}
	return play(gd, gd, g)
}

// concurrently plays every game at once, each with a fresh agent in its
// own goroutine, the way a tournament's workers do.
func concurrently(newAgent func() agents.Agent, games []game) []played {
	out := make([]played, len(games))
	var wg sync.WaitGroup
	for i, g := range games {
		wg.Go(func() { out[i] = solo(newAgent, g, false) })
	}
	wg.Wait()
	return out
}

// A gate makes a guard's calls take turns with another gate's: each call
// waits for resume and signals done when it returns (even by panicking).
type gate struct {
	*guard
	resume <-chan struct{}
	done   chan<- bool
}

func (g *gate) enter() { <-g.resume }
func (g *gate) leave() { g.done <- false }

func (g *gate) Act(v *agents.View) agents.Move {
	g.enter()
	defer g.leave()
	return g.guard.Act(v)
}

func (g *gate) Start(v *agents.View) {
	g.enter()
	defer g.leave()
	g.guard.Start(v)
}

func (g *gate) Finish(v *agents.View, d *agents.Deal) {
	g.enter()
	defer g.leave()
	g.guard.Finish(v, d)
}

func (g *gate) Continue(v *agents.View) bool {
	g.enter()
	defer g.leave()
	return g.guard.Continue(v)
}

// interleaved plays games a and b with two fresh agents whose every call
// alternates: a's first call, b's first, a's second… (once one game is
// over the other goes on alone). Creating the agents takes turns too. The
// result is deterministic; it differs from playing each game alone only
// if the two agents share state.
func interleaved(newAgent func() agents.Agent, a, b game) (played, played) {
	var resume [2]chan struct{}
	done := make(chan bool)
	var out [2]played
	for i, g := range [2]game{a, b} {
		resume[i] = make(chan struct{})
		go func() {
			<-resume[i]
			ag, err := create(newAgent)
			if err != nil {
				out[i] = played{g: g, broke: "could not be created: " + err.Error()}
			} else {
				done <- false
				gd := &guard{inner: ag}
				out[i] = play(&gate{guard: gd, resume: resume[i], done: done}, gd, g)
				<-resume[i]
			}
			done <- true
		}()
	}
	alive := [2]bool{true, true}
	for alive[0] || alive[1] {
		for i := range alive {
			if alive[i] {
				resume[i] <- struct{}{}
				if <-done {
					alive[i] = false
				}
			}
		}
	}
	return out[0], out[1]
}

// A viewSum is a fingerprint of each part of a View an agent must not
// modify.
type viewSum struct{ domain, prefs, moves, history uint64 }

func (s viewSum) diff(t viewSum) string {
	var parts []string
	if s.domain != t.domain {
		parts = append(parts, "View.Domain")
	}
	if s.prefs != t.prefs {
		parts = append(parts, "View.Prefs")
	}
	if s.moves != t.moves {
		parts = append(parts, "the offers in View.Moves (View.Last)")
	}
	if s.history != t.history {
		parts = append(parts, "View.History")
	}
	return strings.Join(parts, ", ")
}

type fnv uint64

func (h *fnv) u64(x uint64) {
	for range 8 {
		*h = (*h ^ fnv(x&0xff)) * 1099511628211
		x >>= 8
	}
}
func (h *fnv) int(x int)       { h.u64(uint64(x)) }
func (h *fnv) float(x float64) { h.u64(math.Float64bits(x)) }
func (h *fnv) ints(xs []int) {
	h.int(len(xs))
	for _, x := range xs {
		h.int(x)
	}
}
func (h *fnv) floats(x []float64) {
	h.int(len(x))
	for _, v := range x {
		h.float(v)
	}
}
func (h *fnv) str(s string) {
	h.int(len(s))
	for i := range len(s) {
		h.u64(uint64(s[i]))
	}
}

const fnvOffset = 14695981039346656037

func sumView(v *agents.View) viewSum {
	var s viewSum
	d, p, m, hi := fnv(fnvOffset), fnv(fnvOffset), fnv(fnvOffset), fnv(fnvOffset)
	if v.Domain != nil {
		d.str(v.Domain.Name)
		for _, is := range v.Domain.Issues {
			d.str(is.Name)
			d.int(len(is.Options))
			for _, o := range is.Options {
				d.str(o)
			}
			d.floats(is.Numeric)
			if is.Item {
				d.int(1)
			}
		}
	}
	if v.Prefs != nil {
		p.floats(v.Prefs.Weights)
		for _, vs := range v.Prefs.Values {
			p.floats(vs)
		}
		p.float(v.Prefs.Reservation)
	}
	for _, mv := range v.Moves {
		m.int(int(mv.Kind))
		m.ints(mv.Offer)
		m.int(int(mv.Tags))
		m.ints(mv.Ranking)
	}
	// View.Last too: the arena gives it a copy of the partner's offer,
	// not the one in View.Moves.
	m.int(int(v.Last.Kind))
	m.ints(v.Last.Offer)
	m.int(int(v.Last.Tags))
	m.ints(v.Last.Ranking)
	for _, dl := range v.History {
		hi.int(dl.Period)
		hi.ints(dl.Offer)
		hi.float(dl.Utility)
		hi.int(dl.Rounds)
		hi.int(int(dl.PartnerTags))
		hi.ints(dl.PartnerFirst)
		hi.ints(dl.PartnerRanking)
	}
	s.domain, s.prefs, s.moves, s.history = uint64(d), uint64(p), uint64(m), uint64(hi)
	return s
}
