package classroom

import (
	"log"
	"strconv"
	"strings"
	"sync"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/report"
	"github.com/winwin-sim/winwin/transcript"
)

// A Debrief sets the class's results beside the tournament's for the same
// strategies, and picks lessons from the class's own transcripts.
type Debrief struct {
	Round int `json:"round"`
	// Rows compare, per partner faced, how the class did with how the
	// tournament's strategies did facing the same partner.
	Rows []DebriefRow `json:"rows"`
	// Tournament says what the tournament was; Pending is set while it
	// still runs (the page asks again).
	Tournament string       `json:"tournament"`
	Pending    bool         `json:"pending"`
	Lessons    []LessonView `json:"lessons"`
}

// A DebriefRow compares the class and the tournament against one partner.
type DebriefRow struct {
	Partner    string  `json:"partner"`
	Class      Figures `json:"class"`
	Tournament Figures `json:"tournament"`
}

// Figures sum up negotiations from the side facing a partner.
type Figures struct {
	N int `json:"n"`
	// Agreement, WinWin and Won are shares of the negotiations: a deal,
	// a win-win deal, a deal the facing side won (win-win included).
	Agreement float64 `json:"agreement"`
	WinWin    float64 `json:"winWin"`
	Won       float64 `json:"won"`
	// Surplus is the facing side's mean surplus per negotiation, Partner
	// the partner's.
	Surplus float64 `json:"surplus"`
	Partner float64 `json:"partner"`
}

// A LessonView is a lesson picked from the class's transcripts (as the
// report picks them from a tournament's), with the deal told in full.
type LessonView struct {
	Title      string `json:"title"`
	Moral      string `json:"moral"`
	Why        string `json:"why"`
	Transcript string `json:"transcript"`
}

// humansKey is the partner row of participants facing each other.
const humansKey = "another participant"

// tally sums negotiations by partner, in fixed point, so that the sums do
// not depend on the order the tournament's tasks finish in.
type tally map[string]*sums

type sums struct{ n, agreed, winwin, won, surplus, partner int64 }

const fixed = 1e9

func (t tally) add(partner string, o *arena.Outcome, a *arena.Analysis, facing agents.Role) {
	s := t[partner]
	if s == nil {
		s = &sums{}
		t[partner] = s
	}
	s.n++
	if o.Agreed {
		s.agreed++
	}
	if a.Class == arena.WinWin {
		s.winwin++
	}
	if a.Class.Won(facing) {
		s.won++
	}
	s.surplus += int64(o.Surplus[facing] * fixed)
	s.partner += int64(o.Surplus[facing.Other()] * fixed)
}

func (t tally) merge(o tally) {
	for k, v := range o {
		s := t[k]
		if s == nil {
			s = &sums{}
			t[k] = s
		}
		s.n, s.agreed, s.winwin, s.won = s.n+v.n, s.agreed+v.agreed, s.winwin+v.winwin, s.won+v.won
		s.surplus, s.partner = s.surplus+v.surplus, s.partner+v.partner
	}
}

func (t tally) figures(partner string) Figures {
	s := t[partner]
	if s == nil || s.n == 0 {
		return Figures{}
	}
	n := float64(s.n)
	return Figures{N: int(s.n), Agreement: float64(s.agreed) / n, WinWin: float64(s.winwin) / n, Won: float64(s.won) / n,
		Surplus: float64(s.surplus) / fixed / n, Partner: float64(s.partner) / fixed / n}
}

// A benchmark is the tournament of a round's setup: the config's
// strategies on the round's domain, deals and deadline.
type benchmark struct {
	done  chan struct{}
	tally tally
	about string
}

// benchRelationships is the most relationships per pair the benchmark
// plays: enough for figures within a few hundredths, quick on a laptop.
const benchRelationships = 40

// tournamentSink is the arena.Sink of a benchmark: per partner, the
// figures of every side that faced it, and of everyone ("" key) for the
// participants' row.
type tournamentSink struct {
	mu    sync.Mutex
	tally tally
}

type tournamentCollector struct{ tally tally }

func (s *tournamentSink) NewCollector() arena.Collector { return &tournamentCollector{tally: tally{}} }
func (s *tournamentSink) Merge(c arena.Collector) {
	s.mu.Lock()
	s.tally.merge(c.(*tournamentCollector).tally)
	s.mu.Unlock()
}

func (c *tournamentCollector) Add(r *arena.RelationshipRecord) {
	for i := range r.Periods {
		pr := &r.Periods[i]
		for side := range 2 {
			facing := agents.Role(side)
			c.tally.add(r.Names[facing.Other()], &pr.Outcome, &pr.Analysis, facing)
			c.tally.add(humansKey, &pr.Outcome, &pr.Analysis, facing)
		}
	}
}

// benchFor returns the benchmark of rd's setup, starting it if it has not
// run. r.mu is held.
func (r *Room) benchFor(rd *round) *benchmark {
	key := strings.Join([]string{rd.spec.Domain, itoa(rd.spec.Deals), itoa(rd.spec.Deadline)}, "|")
	if b := r.bench[key]; b != nil {
		return b
	}
	b := &benchmark{done: make(chan struct{}), tally: tally{}}
	r.bench[key] = b
	t, err := r.cfg.Tournament()
	if r.closed {
		close(b.done)
		return b
	}
	if err != nil {
		log.Printf("classroom: tournament: %v", err)
		close(b.done)
		return b
	}
	var keep []arena.Entrant
	for _, e := range t.Entrants {
		if e.Strategy != "exec" {
			keep = append(keep, e)
		}
	}
	t.Entrants, t.Scenario = keep, rd.scenario
	t.Periods, t.Deadline = rd.spec.Deals, rd.spec.Deadline
	t.Relationships = min(t.Relationships, benchRelationships)
	t.Workers = 1
	b.about = "the config's " + itoa(len(keep)) + " strategies, every ordered pair, " + itoa(t.Relationships) +
		" relationships each, on " + rd.spec.Domain + ", up to " + deals(t.Periods) + " of " + itoa(t.Deadline) + " rounds, seed " + uitoa(t.Seed)
	r.busy.Add(1)
	go func() {
		defer r.busy.Done()
		sink := &tournamentSink{tally: tally{}}
		if _, err := t.Run(r.quit, sink); err != nil {
			if r.quit.Err() == nil {
				log.Printf("classroom: tournament: %v", err)
			}
			sink.tally = tally{} // a tournament cut short compares with nothing
		}
		r.mu.Lock()
		b.tally = sink.tally
		close(b.done)
		r.bump()
		r.mu.Unlock()
	}()
	return b
}

// Debrief returns the debrief of round id (-1: the latest).
func (r *Room) Debrief(id int) Debrief {
	r.mu.Lock()
	if id < 0 || id >= len(r.rounds) {
		id = len(r.rounds) - 1
	}
	if id < 0 {
		r.mu.Unlock()
		return Debrief{Round: -1, Rows: []DebriefRow{}, Lessons: []LessonView{}}
	}
	rd := r.rounds[id]
	db := Debrief{Round: id, Rows: []DebriefRow{}, Lessons: []LessonView{}}
	class := tally{}
	var rels []*transcript.Relationship
	for _, s := range rd.sessions {
		partner := s.strategy
		if partner == "" {
			partner = humansKey
		}
		for i := range s.deals {
			pr := &s.deals[i]
			for side, st := range s.seats {
				if st != nil {
					class.add(partner, &pr.Outcome, &pr.Analysis, agents.Role(side))
				}
			}
		}
		if len(s.deals) > 0 {
			rels = append(rels, s.relationship())
		}
	}
	b := r.benchFor(rd)
	select {
	case <-b.done:
	default:
		db.Pending = true
	}
	db.Tournament = b.about
	// The partners faced, in the order of the round's list.
	var partners []string
	for _, name := range append(append([]string(nil), rd.spec.Strategies...), humansKey) {
		for _, s := range rd.sessions {
			if s.strategy == name || (name == humansKey && s.strategy == "") {
				partners = append(partners, name)
				break
			}
		}
	}
	for _, p := range partners {
		row := DebriefRow{Partner: p, Class: class.figures(p)}
		if !db.Pending {
			row.Tournament = b.tally.figures(p)
		}
		db.Rows = append(db.Rows, row)
	}
	r.mu.Unlock()
	for _, l := range report.Pick(rels) {
		var sb strings.Builder
		if l.Focus >= 0 && l.Focus < len(l.Rel.Deals) {
			transcript.Write(&sb, &l.Rel.Deals[l.Focus])
		}
		db.Lessons = append(db.Lessons, LessonView{Title: l.Title, Moral: l.Moral, Why: l.Why, Transcript: sb.String()})
	}
	return db
}

// relationship tells the session's deals so far as a transcript
// relationship. room.mu is held.
func (s *session) relationship() *transcript.Relationship {
	sc := s.round.scenario
	rec := s.rec
	if rec == nil {
		rec = &arena.RelationshipRecord{Names: s.names(), Prefs: sc.Prefs, Periods: s.deals, End: arena.Cancelled}
	}
	rec2 := *rec
	rec2.Frontier, rec2.Sampled = s.round.frontier, true
	rec2.Periods = append([]arena.PeriodRecord(nil), s.deals...)
	rec2.Pair.Index, rec2.Index = s.round.id, s.id
	return transcript.FromRecord(sc.Domain, &rec2, s.round.spec.Deals, s.round.spec.Deadline, &s.room.cfg.Model)
}

func itoa(n int) string     { return strconv.Itoa(n) }
func uitoa(n uint64) string { return strconv.FormatUint(n, 10) }
