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
	// Stop, if not nil, ends the relationship early once it is closed
	// (arena.Relationship.Stop): the record is then partial.
	Stop <-chan struct{}
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
	rl := arena.Relationship{
		Domain: sc.Domain, Prefs: sc.Prefs, Agents: m.Agents,
		Rands:   [2]*rand.Rand{arena.NewRand(m.Seed, 0), arena.NewRand(m.Seed, 1)},
		Fate:    arena.NewRand(m.Seed, 2),
		Periods: m.Periods, Deadline: m.Deadline, Opener: m.Opener, Model: m.Model,
		Record: m.Record, Decides: m.Decides, AfterDeal: after, Stop: m.Stop,
	}
	rec := &arena.RelationshipRecord{Names: m.Names, Sampled: m.Record}
	var tab arena.Table
	rl.Run(&tab, rec)
	return rec, nil
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
