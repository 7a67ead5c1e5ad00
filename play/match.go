package play

import (
	"errors"
	"fmt"
	"math/rand/v2"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// A Match is one repeat-business relationship between two given agents:
// the arena's relationship of a tournament (DESIGN §4), played on its own
// so that a person can sit on one side, or `winwin negotiate --periods`
// can tell it deal by deal. Each deal runs on an arena.Table with the same
// detection and analysis as a tournament.
type Match struct {
	// Scenario is the domain with both sides' preferences.
	Scenario arena.Scenario
	// Names[r] names the side playing role r (for the record).
	Names [2]string
	// Agents[r] plays role r for every deal of the relationship.
	Agents [2]agents.Agent
	// Periods is the most deals; Deadline the rounds of each.
	Periods, Deadline int
	// Opener says who opens each deal.
	Opener arena.OpenerRule
	// Model is the relationship model: feelings, stay chances, discount.
	Model arena.Model
	// Seed seeds both agents' random sources and the draws of who comes
	// back.
	Seed uint64
	// Decides[r] marks a side that decides for itself whether to come
	// back (a person, through its agents.Continuer hook): its stay is not
	// drawn from its feelings.
	Decides [2]bool
	// Record keeps every move (for transcripts); Play sets it.
	Record bool
}

// Run plays the relationship and returns its record, shaped like a
// tournament's (arena.RelationshipRecord, pair and index 0) so that the
// same analysis and transcripts apply. after, if not nil, is called after
// each deal with the record so far; its last period is the deal just made,
// with the stay draws done.
func (m *Match) Run(after func(rec *arena.RelationshipRecord)) (*arena.RelationshipRecord, error) {
	if err := m.validate(); err != nil {
		return nil, err
	}
	sc := m.Scenario
	parties := [2]*arena.Party{
		{Agent: m.Agents[0], Prefs: sc.Prefs[0], Rand: arena.NewRand(m.Seed, 0)},
		{Agent: m.Agents[1], Prefs: sc.Prefs[1], Rand: arena.NewRand(m.Seed, 1)},
	}
	fate := arena.NewRand(m.Seed, 2)
	rec := &arena.RelationshipRecord{Names: m.Names, Prefs: sc.Prefs, Sampled: m.Record}
	rec.Frontier = arena.NewFrontier(sc.Domain, sc.Prefs[0], sc.Prefs[1])
	res := [2]float64{sc.Prefs[0].Reservation, sc.Prefs[1].Reservation}
	var tab arena.Table
	disc := 1.0
	for period := 0; period < m.Periods; period++ {
		if period > 0 && m.declines(parties, period, rec) {
			rec.End = arena.Declined
			return rec, nil
		}
		setup := arena.Setup{Domain: sc.Domain, Deadline: m.Deadline, Opener: m.Opener.Opener(period), Period: period, Record: m.Record}
		out := tab.Negotiate(setup, parties[0], parties[1])
		pr := arena.PeriodRecord{Period: period, Opener: setup.Opener, Outcome: out}
		pr.Analysis = arena.Analyze(rec.Frontier, &out, res, &m.Model)
		pr.Feel = m.Model.Feel(&out, res)
		pr.Stayed = m.stays(fate, pr.Feel)
		for r := range rec.Payoff {
			rec.Payoff[r] += disc * out.Surplus[r]
		}
		if period == 0 {
			rec.OneShot = out.Surplus
		}
		disc *= m.Model.Discount
		rec.Periods = append(rec.Periods, pr)
		leaving := !pr.Stayed[0] || !pr.Stayed[1]
		if leaving && period+1 < m.Periods {
			rec.End = arena.Left
			rec.LeftBy = [2]bool{!pr.Stayed[0], !pr.Stayed[1]}
		}
		if after != nil {
			after(rec)
		}
		if rec.End == arena.Left {
			return rec, nil
		}
	}
	rec.End = arena.Completed
	return rec, nil
}

// stays draws whether each side comes back: one draw per side, in role
// order, whether or not the side decides for itself, so that the draws
// do not depend on who plays.
func (m *Match) stays(fate *rand.Rand, f [2]arena.Feeling) [2]bool {
	var out [2]bool
	for r := range out {
		x := fate.Float64()
		out[r] = m.Decides[r] || x < f[r].Stay
	}
	return out
}

// declines asks the agents that have a Continue hook whether to deal again.
func (m *Match) declines(parties [2]*arena.Party, period int, rec *arena.RelationshipRecord) bool {
	any := false
	for r, p := range parties {
		c, ok := p.Agent.(agents.Continuer)
		if !ok {
			continue
		}
		v := agents.View{Domain: m.Scenario.Domain, Prefs: p.Prefs, Role: agents.Role(r), Period: period,
			Deadline: m.Deadline, Opener: m.Opener.Opener(period), History: p.History, Rand: p.Rand}
		if !c.Continue(&v) {
			rec.LeftBy[r] = true
			any = true
		}
	}
	return any
}

func (m *Match) validate() error {
	sc := m.Scenario
	switch {
	case sc.Domain == nil || sc.Prefs[0] == nil || sc.Prefs[1] == nil:
		return errors.New("play: match has no scenario")
	case m.Agents[0] == nil || m.Agents[1] == nil:
		return errors.New("play: match needs an agent on each side")
	case m.Periods < 1 || m.Deadline < 1:
		return fmt.Errorf("play: periods and deadline must be ≥ 1 (got %d, %d)", m.Periods, m.Deadline)
	}
	if err := sc.Domain.Validate(); err != nil {
		return fmt.Errorf("play: %w", err)
	}
	for r, p := range sc.Prefs {
		if err := p.Validate(sc.Domain); err != nil {
			return fmt.Errorf("play: %s preferences: %w", agents.Role(r), err)
		}
	}
	return nil
}
