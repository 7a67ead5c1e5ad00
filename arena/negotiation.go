package arena

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime/debug"
	"unsafe"

	"github.com/winwin-sim/winwin/agents"
)

// A Party is one side at the table: its agent, its private preferences, its
// random source and its history with this partner. A relationship keeps one
// Party per side for all its periods; Negotiate appends each deal to
// History.
type Party struct {
	Agent   agents.Agent
	Prefs   *agents.Preferences
	Rand    *rand.Rand
	History []agents.Deal
}

// Setup describes one negotiation.
type Setup struct {
	Domain *agents.Domain
	// Deadline in rounds (a round is one move by each side); at least 1.
	Deadline int
	// Opener is the side that makes the first offer.
	Opener agents.Role
	// Period is the index of this deal in its relationship.
	Period int
	// Record keeps every move in Outcome.Transcript (allocates; for
	// transcripts and samples, not for bulk runs).
	Record bool
	// Stop, if not nil, ends the negotiation early, with no deal, once it
	// is closed (looked at every 64 moves): a run that is interrupted does
	// not wait for a long negotiation, and its caller discards the result.
	Stop <-chan struct{}
}

// A Step is one recorded move of a transcript.
type Step struct {
	By   agents.Role
	Move agents.Move // Offer and Ranking are copies owned by the Step
	// Detected are the tags the arena judged by behaviour (extreme anchor,
	// retraction); Move.Tags holds what the mover sent.
	Detected agents.Tags
	// Utility[r] is the value of the offer on the table after this move to
	// side r: of the offer made, or of the offer accepted.
	Utility [2]float64
}

// A Fault records an agent that broke the protocol: it panicked, returned an
// invalid move, or (for external agents) crashed or timed out. The
// negotiation ends without a deal.
type Fault struct {
	By   agents.Role
	Turn int
	Err  error
}

func (f *Fault) Error() string { return fmt.Sprintf("%s at turn %d: %v", f.By, f.Turn, f.Err) }

// An Outcome is how one negotiation ended. Arrays are indexed by role
// (agents.Seller, agents.Buyer).
type Outcome struct {
	Agreed bool
	// Offer is the agreement (a copy), nil without a deal.
	Offer agents.Offer
	// Turns is the number of moves made; Rounds = ⌈Turns/2⌉.
	Turns, Rounds int
	// EndedBy is the side whose move ended the negotiation (accept, walk
	// away or fault); not meaningful when Deadline is set.
	EndedBy            agents.Role
	WalkAway, Deadline bool
	// Utility is each side's utility: of the deal, or its reservation value.
	Utility [2]float64
	// Surplus is Utility minus the side's reservation value.
	Surplus [2]float64
	// Used[r] is every tactic side r sent or was detected using.
	Used [2]agents.Tags
	// AnchorExtremity[r] is the extremity x of side r's opening offer,
	// 0 when it was no extreme anchor (docs/model.md#signals-and-detection):
	// x = clip((r_p − u_p)/r_p, 0, 1), how far the opening lies below the
	// partner's walk-away point r_p, as a share of it (1 for an opening
	// worth nothing to the partner). Side r was detected making an extreme
	// anchor (agents.TagExtremeAnchor) exactly when it is above 0.
	AnchorExtremity [2]float64
	// Yielded[r] is true if side r conceded right after a flinch or an
	// unbundle (a better offer for the partner, or acceptance).
	Yielded [2]bool
	// Fault is non-nil if an agent broke the protocol.
	Fault *Fault
	// Transcript holds every move when Setup.Record is set.
	Transcript []Step
}

// A Table runs negotiations. It reuses its memory from one negotiation to
// the next, so the round loop does not allocate; a Table is not safe for
// concurrent use (use one per worker).
//
// The moves of a negotiation live in one array whose offers are laid out
// once in one flat buffer (see layout): a turn writes a move's kind, tags
// and choices into its place, not a new Move holding slices, so the round
// loop makes no pointer writes for the garbage collector to track unless
// an agent sends a ranking or a line. Each view's Last is a copy in a
// buffer of its own, for the same reason. An agent that writes into its
// View anyway (appends to Moves, points Last.Offer elsewhere) changes
// nothing the table records or shows its partner (TestTableKeepsTheMoves).
type Table struct {
	views [2]agents.View
	// moves holds the moves made; while play runs, their number is the
	// turn (t.turn), and len(moves) catches up when it ends or records
	// a move.
	moves  []agents.Move
	offbuf []int
	// slots[i] is move i's place in offbuf: what moves[i].Offer is,
	// unless an agent moved it.
	slots []agents.Offer
	// seats[r] is what an offer to side r is checked and copied with.
	seats [2]seat
	// nopt[i] is the number of options of issue i of the negotiation's
	// domain, read once per negotiation so that checking an offer loads
	// no Issue.
	nopt []int
	// n and turns are the shape laid out in moves and offbuf (issues,
	// moves); loose is the index of a move whose Offer is not its slot
	// (an accept or walk-away that came with one), or -1.
	n, turns, loose int
	// acting and turn are the side whose agent is being called (in Start
	// or Act) and the turn, for the fault of a panic.
	acting agents.Role
	turn   int
	// first[r] and ranked[r] are the turns of side r's first offer and of
	// its last disclosed ranking in this negotiation, or -1.
	first, ranked [2]int
	// ps is play's state from one turn to the next.
	ps playState
	// hist is the memory of Relationship.Run's two histories, reused
	// from one relationship to the next (see histories).
	hist []agents.Deal
}

// playState is what a turn of play needs to know of the moves before it,
// all offers (any other move ends the negotiation). It lives in the Table,
// not in play's locals: carried in registers from one turn to the next
// around the agents' calls, it cost more moves and spills than it saves
// loads (W1 BC play 10.8k → 10.3k instructions per negotiation).
type playState struct {
	// lastValue is what move turn−1's offer is worth to the mover (0
	// before the first), prevPU what move turn−2's is worth to the
	// mover's partner; pressured is whether move turn−1 flinched or
	// unbundled.
	lastValue, prevPU float64
	pressured         bool
	// stopAt is the next turn before which Setup.Stop is looked at:
	// every 64 moves (turn&63 == 63), never without a Stop.
	stopAt int
}

// A seat is what taking an offer to one side needs, laid out once per
// negotiation: the side's copy of its partner's last offer (what its
// View.Last.Offer is, unless its agent moved it), and its preferences as
// the negotiation began, each issue's values cut to the domain's options.
// Where the preferences fit the domain (Preferences.Validate), the values'
// lengths are the option counts, so that one comparison per issue checks
// an offer against the domain and bounds the value's index; where they do
// not, take refuses what takeChecked, the check against the domain, then
// decides (TestOffersAreCheckedAgainstTheDomain). An agent that changed
// its preferences' slices during a negotiation (its View is read-only)
// would not change what its partner's offers are checked against.
type seat struct {
	last    agents.Offer
	weights []float64
	values  [][]float64
}

// sit lays out seat st for preferences p on a domain of the option counts
// nopt.
func (st *seat) sit(p *agents.Preferences, nopt []int) {
	st.weights = p.Weights
	if cap(st.values) < len(nopt) {
		st.values = make([][]float64, len(nopt))
	}
	vs, pv := st.values[:len(nopt)], p.Values
	if len(pv) < len(nopt) {
		clear(vs) // no values for the issues past len(pv)
		pv = pv[:len(pv):len(pv)]
	}
	for i, v := range pv {
		if i < len(vs) {
			vs[i] = v[:min(len(v), nopt[i])]
		}
	}
	st.values = vs
}

// layout sizes the move array and the offer buffer for maxTurns moves of
// n choices and points every move's Offer at its slot: moves[i].Offer is
// slots[i], offbuf[i·n:(i+1)·n], and the last two n-sized pieces of offbuf
// are the views' copies of the partner's last offer, seats[0].last and
// seats[1].last.
func (t *Table) layout(n, maxTurns int) {
	if n == t.n && maxTurns == t.turns && t.moves != nil {
		if i := t.loose; i >= 0 {
			t.moves[i].Offer = t.slots[i]
			t.loose = -1
		}
		t.moves = t.moves[:0]
		return
	}
	t.n, t.turns, t.loose = n, maxTurns, -1
	if cap(t.moves) < maxTurns {
		t.moves = make([]agents.Move, maxTurns)
	}
	t.moves = t.moves[:maxTurns]
	if need := (maxTurns + 2) * n; cap(t.offbuf) < need {
		t.offbuf = make([]int, need)
	}
	if cap(t.slots) < maxTurns {
		t.slots = make([]agents.Offer, maxTurns)
	}
	t.slots = t.slots[:maxTurns]
	for i := range t.moves {
		t.slots[i] = t.offbuf[i*n : (i+1)*n : (i+1)*n]
		t.moves[i] = agents.Move{Offer: t.slots[i]}
	}
	for r := range t.seats {
		at := (maxTurns + r) * n
		t.seats[r].last = t.offbuf[at : at+n : at+n]
	}
	t.moves = t.moves[:0]
}

var (
	errAcceptNothing = errors.New("accepted, but there is no offer on the table")
	errBadKind       = errors.New("returned a move of no known kind")
)

// Negotiate runs one alternating-offers negotiation between seller and
// buyer and returns its outcome. A panicking agent or an invalid move ends
// the negotiation without a deal and is reported in Outcome.Fault.
func (t *Table) Negotiate(s Setup, seller, buyer *Party) (out Outcome) {
	parties := [2]*Party{seller, buyer}
	d := s.Domain
	t.layout(len(d.Issues), 2*s.Deadline)
	t.nopt = t.nopt[:0]
	for i := range d.Issues {
		t.nopt = append(t.nopt, len(d.Issues[i].Options))
	}
	for r := range parties {
		p := parties[r]
		t.seats[r].sit(p.Prefs, t.nopt)
		t.views[r] = agents.View{
			Domain: d, Prefs: p.Prefs, Role: agents.Role(r), Opener: s.Opener,
			Period: s.Period, Deadline: s.Deadline, History: p.History, Rand: p.Rand,
		}
	}
	defer func() {
		if e := recover(); e != nil {
			out.Fault = &Fault{By: t.acting, Turn: t.turn, Err: fmt.Errorf("panic: %v\n%s", e, debug.Stack())}
			if f, ok := e.(*agents.Failure); ok {
				out.Fault.Err = f // the agent's own account of what failed: no stack trace
			}
			// The moves made: play counts them in t.turn, and in
			// len(t.moves) only once it ends or records a move.
			t.settleFault(&out, max(len(t.moves), t.turn))
		}
		t.finish(&out, s, parties)
	}()
	t.turn = 0
	t.first, t.ranked = [2]int{-1, -1}, [2]int{-1, -1}
	for r := range parties {
		if st, ok := parties[r].Agent.(agents.Starter); ok {
			t.acting = agents.Role(r)
			st.Start(&t.views[r])
		}
	}
	t.play(&out, s, parties)
	return out
}

// play runs the turns. What a turn's checks need to know of the moves
// before it is kept in t.ps (playState): every move before the current one
// was an offer (any other move ends the negotiation), so a side has made
// an offer before exactly when turn >= 2, its previous offer is move
// turn−2, and its partner's last one move turn−1. The judgements that
// matter only for a side's first offer, an offer worse for the partner
// than the mover's previous one, or a side under pressure are made by
// judge, off the common path; the moves that end the negotiation by end.
func (t *Table) play(out *Outcome, s Setup, parties [2]*Party) {
	maxTurns := 2 * s.Deadline
	// What a turn looks up, held in locals: the views, the partners'
	// preferences, and every move's place and offer slot (layout made
	// maxTurns of each).
	views := [2]*agents.View{&t.views[0], &t.views[1]}
	seats := [2]*seat{&t.seats[0], &t.seats[1]}
	prefs := [2]*agents.Preferences{parties[0].Prefs, parties[1].Prefs}
	moves, slots := t.moves[:maxTurns], t.slots[:maxTurns]
	mover := s.Opener
	ps := &t.ps
	ps.lastValue, ps.prevPU, ps.pressured = 0, 0, false
	ps.stopAt = maxTurns
	if s.Stop != nil {
		ps.stopAt = 63
	}
	for r := range t.views {
		// Set once: each turn reslices Moves and copies into Last.Offer,
		// neither of which writes a pointer.
		t.views[r].Moves = t.moves[:0]
		t.views[r].Last = agents.Move{}
	}
	for turn := 0; turn < maxTurns; turn++ {
		if turn == ps.stopAt {
			if stopped(s.Stop) {
				t.moves = t.moves[:turn]
				return
			}
			ps.stopAt += 64
		}
		t.turn = turn
		v := views[mover]
		v.Turn, v.Round = turn, turn/2
		if unsafe.SliceData(v.Moves) == unsafe.SliceData(t.moves) && cap(v.Moves) == cap(t.moves) {
			v.Moves = v.Moves[:turn] // no pointer written
		} else {
			v.Moves = t.moves[:turn] // the agent changed it; the view is the arena's
		}
		if turn > 0 {
			showLast(v, seats[mover].last, &moves[turn-1])
		}
		v.LastValue = ps.lastValue
		t.acting = mover
		m := parties[mover].Agent.Act(v)
		if m.Kind != agents.MoveOffer {
			t.end(out, s, parties, turn, mover, &m, ps.pressured)
			return
		}
		other := mover.Other()
		pu, ok := t.take(turn, m.Offer, seats[other])
		if !ok {
			// Refused by the preferences as the negotiation began: the
			// domain decides (see seat).
			if pu, ok = t.takeChecked(turn, other, m.Offer, prefs[other]); !ok {
				t.badOffer(out, s, turn, mover, m.Offer)
				return
			}
		}
		var detected agents.Tags
		if turn < 2 || ps.pressured || pu < ps.prevPU-moveEps {
			detected = t.judge(out, turn, mover, m.Tags, ps.pressured, pu, ps.prevPU, prefs[mover], prefs[other])
		}
		ps.prevPU, ps.lastValue = ps.lastValue, pu // for the partner's turn: what it answers is worth pu to it
		if m.Tags|detected != 0 {
			m.Tags |= detected
			out.Used[mover] |= m.Tags
			if m.Tags.Has(agents.TagDisclose) && m.Ranking != nil {
				t.ranked[mover] = turn
			}
		}
		ps.pressured = m.Tags&(agents.TagFlinch|agents.TagUnbundle) != 0
		// The move goes to its place: the offer is in its slot already,
		// and the pointer fields are written only when an agent that
		// appended to View.Moves moved them, or for a ranking or a line.
		mv := &moves[turn]
		mv.Kind, mv.Tags = agents.MoveOffer, m.Tags
		if unsafe.SliceData(mv.Offer) != unsafe.SliceData(slots[turn]) || extras(&m, mv) {
			mv.Offer, mv.Ranking, mv.Say = slots[turn], m.Ranking, m.Say
		}
		if s.Record {
			t.moves = t.moves[:turn+1] // as the transcript's reader expects (a panic in it counts this move)
			m.Offer = slots[turn]
			t.record(out, parties, turn, mover, &m, detected)
		}
		mover = other
	}
	t.moves = t.moves[:maxTurns]
	out.Deadline = true
	out.Turns = maxTurns
}

// judge makes the checks of offer turn (valid, worth pu to the partner)
// that play does not make on every turn, and returns what it detected:
// on the mover's first offer (turn < 2), whether it is an extreme anchor;
// on a later one, whether it retracts (worse for the partner than the
// mover's previous offer, worth prevPU to it, and not better for the
// mover; re-pricing changed terms is the counter to an unbundle, not a
// retraction) and whether a pressured mover yielded (an offer better for
// the partner than its previous one).
func (t *Table) judge(out *Outcome, turn int, mover agents.Role, tags agents.Tags, pressured bool, pu, prevPU float64, own, partner *agents.Preferences) agents.Tags {
	var detected agents.Tags
	if turn < 2 {
		if x := anchorExtremity(pu, partner.Reservation); x > 0 {
			detected |= agents.TagExtremeAnchor
			out.AnchorExtremity[mover] = x
		}
		t.first[mover] = turn
		return detected
	}
	// The mover's own utilities matter only for an offer worse for the
	// partner: its previous offer is the move before the partner's.
	moves := t.moves[:turn]
	answersUnbundle := tags.Has(agents.TagReprice) && moves[turn-1].Tags.Has(agents.TagUnbundle)
	if pu < prevPU-moveEps && !answersUnbundle {
		ownNow, prevOwn := own.Utility(t.slots[turn]), own.Utility(moves[turn-2].Offer)
		if isRetraction(pu, prevPU, ownNow, prevOwn) {
			detected |= agents.TagRetraction
		}
	}
	if pressured && pu > prevPU+moveEps {
		out.Yielded[mover] = true
	}
	return detected
}

// badOffer ends the negotiation on turn's offer o, which takeChecked
// refused.
func (t *Table) badOffer(out *Outcome, s Setup, turn int, mover agents.Role, o agents.Offer) {
	if turn >= 2 { // the partner's copy shows the mover's previous offer again
		copy(t.seats[mover.Other()].last, t.slots[turn-2])
	}
	out.Fault = &Fault{By: mover, Turn: turn, Err: fmt.Errorf("invalid offer %v: %w", []int(o), s.Domain.Check(o))}
	t.settleFault(out, turn)
}

// end plays move m of turn, which is no offer: an accept or a walk-away
// ends the negotiation, any other kind is a fault. A pressured side that
// accepts yields.
func (t *Table) end(out *Outcome, s Setup, parties [2]*Party, turn int, mover agents.Role, m *agents.Move, pressured bool) {
	switch m.Kind {
	case agents.MoveAccept:
		if turn == 0 {
			out.Fault = &Fault{By: mover, Turn: turn, Err: errAcceptNothing}
			t.settleFault(out, turn)
			return
		}
		if pressured {
			out.Yielded[mover] = true
		}
	case agents.MoveWalkAway:
	default:
		out.Fault = &Fault{By: mover, Turn: turn, Err: fmt.Errorf("%w (%d)", errBadKind, m.Kind)}
		t.settleFault(out, turn)
		return
	}
	out.Used[mover] |= m.Tags
	if m.Tags.Has(agents.TagDisclose) && m.Ranking != nil {
		t.ranked[mover] = turn
	}
	// The move goes to its place as the agent sent it: its Offer is not
	// the slot (nil, or whatever it held) until layout puts it back.
	t.moves = t.moves[:turn+1]
	mv := &t.moves[turn]
	mv.Kind, mv.Tags, mv.Offer, mv.Ranking, mv.Say = m.Kind, m.Tags, m.Offer, m.Ranking, m.Say
	t.loose = turn
	if s.Record {
		t.record(out, parties, turn, mover, m, 0)
	}
	out.EndedBy = mover
	out.Turns = turn + 1
	if m.Kind == agents.MoveAccept {
		out.Agreed = true
		out.Offer = t.moves[turn-1].Offer // copied out of the table in finish
	} else {
		out.WalkAway = true
	}
}

// record appends move m of turn, as stored in its place, to the transcript;
// detected are the tags the arena added to the mover's.
func (t *Table) record(out *Outcome, parties [2]*Party, turn int, mover agents.Role, m *agents.Move, detected agents.Tags) {
	st := Step{By: mover, Move: *m, Detected: detected}
	st.Move.Offer = m.Offer.Clone()
	st.Move.Ranking = append([]int(nil), m.Ranking...)
	st.Move.Tags = m.Tags &^ detected
	switch m.Kind {
	case agents.MoveOffer:
		st.Utility = [2]float64{parties[0].Prefs.Utility(m.Offer), parties[1].Prefs.Utility(m.Offer)}
	case agents.MoveAccept:
		o := t.moves[turn-1].Offer
		st.Utility = [2]float64{parties[0].Prefs.Utility(o), parties[1].Prefs.Utility(o)}
	default:
		st.Utility = [2]float64{parties[0].Prefs.Reservation, parties[1].Prefs.Reservation}
	}
	out.Transcript = append(out.Transcript, st)
}

// take checks that o, the offer of move turn, picks an option of every
// issue that the partner's seat st has a value for and, if it does,
// copies it into the move's slot and into st.last, the copy the partner's
// view shows as Last.Offer on its next turn, and returns its utility to
// the partner (summed as Preferences.Utility sums it), in one pass. Where
// the partner's preferences fit the domain, that is the domain's check;
// an offer it refuses goes to takeChecked. An invalid offer leaves both
// copies partly written. (Few arguments: passing the slices would cost a
// quarter of its work.)
func (t *Table) take(turn int, o agents.Offer, st *seat) (pu float64, ok bool) {
	vs := st.values
	if len(o) != len(vs) {
		return 0, false
	}
	vs, slot, last := vs[:len(o)], t.slots[turn][:len(o)], st.last[:len(o)]
	pw := st.weights[:len(o)]
	for i, k := range o {
		v := vs[i]
		if uint(k) >= uint(len(v)) {
			return 0, false
		}
		slot[i], last[i] = k, k
		pu += pw[i] * v[k]
	}
	return pu, true
}

// takeChecked is take for an offer take refused: it checks o against the
// domain, with the partner's preferences as they are, as take does where
// they fit the domain.
func (t *Table) takeChecked(turn int, other agents.Role, o agents.Offer, partner *agents.Preferences) (pu float64, ok bool) {
	nopt := t.nopt
	if len(o) != len(nopt) {
		return 0, false
	}
	nopt, slot, last := nopt[:len(o)], t.slots[turn][:len(o)], t.seats[other].last[:len(o)]
	pw, pv := partner.Weights[:len(o)], partner.Values[:len(o)]
	for i, k := range o {
		if uint(k) >= uint(nopt[i]) {
			return 0, false
		}
		slot[i], last[i] = k, k
		pu += pw[i] * pv[i][k]
	}
	return pu, true
}

// extras reports whether either move carries a ranking or a line: one test
// of their four pointer and length words OR-ed together, not four.
func extras(a, b *agents.Move) bool {
	return uintptr(unsafe.Pointer(unsafe.SliceData(a.Ranking)))|uintptr(unsafe.Pointer(unsafe.SliceData(b.Ranking)))|
		uintptr(len(a.Say))|uintptr(len(b.Say)) != 0
}

// showLast puts the partner's previous move pm, an offer (any other move
// ends the negotiation), into v.Last: its Offer is buf, the copy in the
// view's own buffer that take wrote when the offer was made (its seat's
// last); pointer fields are written only when they change.
func showLast(v *agents.View, buf agents.Offer, pm *agents.Move) {
	l := &v.Last
	l.Kind, l.Tags = pm.Kind, pm.Tags
	if unsafe.SliceData(l.Offer) != unsafe.SliceData(buf) || len(l.Offer) != len(buf) || extras(pm, l) {
		// Once per negotiation for the buffer (or after an agent
		// changed it), or for a ranking or a line.
		l.Offer, l.Ranking, l.Say = buf, pm.Ranking, pm.Say
	}
}

// settleFault ends the negotiation on out.Fault after turns moves.
func (t *Table) settleFault(out *Outcome, turns int) {
	t.moves = t.moves[:turns]
	out.Agreed = false
	out.Offer = nil
	out.EndedBy = out.Fault.By
	out.Turns = turns
}

// finish fills utilities and tells both agents how it ended.
func (t *Table) finish(out *Outcome, s Setup, parties [2]*Party) {
	out.Rounds = (out.Turns + 1) / 2
	for r, p := range parties {
		if out.Agreed {
			out.Utility[r] = p.Prefs.Utility(out.Offer)
		} else {
			out.Utility[r] = p.Prefs.Reservation
		}
		out.Surplus[r] = out.Utility[r] - p.Prefs.Reservation
	}
	// The deal and both sides' records of the partner's first offer share
	// one allocation.
	n := len(s.Domain.Issues)
	var offers []int
	if out.Agreed || t.first[0] >= 0 || t.first[1] >= 0 {
		offers = make([]int, 3*n)
	}
	if out.Agreed && len(out.Offer) == n {
		out.Offer = append(agents.Offer(offers[:0:n]), out.Offer...)
	}
	// Two histories without room for the deal (the first deal of parties
	// whose relationship made none, as W1's fresh ones) share one
	// allocation for it.
	if p0, p1 := parties[0], parties[1]; p0 != p1 && cap(p0.History) == 0 && cap(p1.History) == 0 {
		pair := make([]agents.Deal, 2)
		p0.History, p1.History = pair[0:0:1], pair[1:1:2]
	}
	for r, p := range parties {
		other := 1 - r
		d := agents.Deal{
			Period: s.Period, Agreed: out.Agreed, Offer: out.Offer, Utility: out.Utility[r],
			Rounds: out.Rounds, EndedBy: out.EndedBy, WalkAway: out.WalkAway, Deadline: out.Deadline,
			PartnerTags: out.Used[other],
		}
		if i := t.first[other]; i >= 0 && i < len(t.moves) {
			d.PartnerFirst = append(agents.Offer(offers[(1+r)*n:(1+r)*n:(2+r)*n]), t.moves[i].Offer...)
		}
		if i := t.ranked[other]; i >= 0 && i < len(t.moves) {
			d.PartnerRanking = append([]int(nil), t.moves[i].Ranking...)
		}
		p.History = append(p.History, d)
		if out.Fault != nil && out.Fault.By == agents.Role(r) {
			continue // a broken agent is not asked again in this negotiation
		}
		if f, ok := p.Agent.(agents.Finisher); ok {
			v := &t.views[r]
			v.History = p.History
			v.Moves = t.moves
			func() {
				defer func() {
					if e := recover(); e != nil && out.Fault == nil {
						out.Fault = &Fault{By: agents.Role(r), Turn: out.Turns, Err: fmt.Errorf("panic in Finish: %v", e)}
					}
				}()
				f.Finish(v, &p.History[len(p.History)-1])
			}()
		}
	}
}

// moveEps is the utility difference below which the arena counts two
// offers as equally good for a side: far above floating-point rounding,
// far below any difference a negotiator would notice.
const moveEps = 1e-9

// anchorExtremity returns the extremity of an opening worth pu to a partner
// whose walk-away point is rp: clip((rp − pu)/rp, 0, 1), and 0 when rp is
// 0 (nothing is below a walk-away point of 0). It is 0 for an opening
// inside the zone of agreement, 1 for one worth nothing to the partner.
func anchorExtremity(pu, rp float64) float64 {
	if rp <= 0 {
		return 0
	}
	return clip((rp-pu)/rp, 0, 1)
}

// isRetraction reports whether an offer worth pu to the partner and own to
// the mover retracts from the mover's previous offer (worth prevPU and
// prevOwn): it is worse for the partner and not better for the mover. An
// offer that is better for the mover at the partner's expense hardens; one
// that gives on one issue and takes on another is a trade; neither is a
// retraction.
func isRetraction(pu, prevPU, own, prevOwn float64) bool {
	return pu < prevPU-moveEps && own <= prevOwn+moveEps
}

// stopped reports whether stop is closed; a nil stop never is.
func stopped(stop <-chan struct{}) bool {
	if stop == nil {
		return false
	}
	select {
	case <-stop:
		return true
	default:
		return false
	}
}
