package arena

import (
	"errors"
	"fmt"

	"github.com/winwin-sim/winwin/agents"
)

// A Match is one relationship between two given agents, played on its own:
// the single entry point for everything that is not a tournament — `winwin
// negotiate` (one deal, or deal by deal with --periods), the role-play
// (package play), where a person sits on one side. It is a Relationship
// seeded by the same recipe as a tournament's (RelationshipStreams with no
// key), so each deal runs with the same detection and analysis.
type Match struct {
	// Scenario is the domain with both sides' preferences.
	Scenario Scenario
	// Names[r] names the side playing role r (for the record).
	Names [2]string
	// Agents[r] plays role r for every deal of the relationship.
	Agents [2]agents.Agent
	// Periods is the most deals; Deadline the rounds of each.
	Periods, Deadline int
	// Opener says who opens each deal.
	Opener OpenerRule
	// Model is the relationship model: feelings, stay chances, discount.
	Model Model
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
	// (Relationship.Stop): the record is then partial.
	Stop <-chan struct{}
}

// Run plays the relationship and returns its record, shaped like a
// tournament's (RelationshipRecord, pair and index 0) so that the
// same analysis and transcripts apply. after, if not nil, is called after
// each deal with the record so far; its last period is the deal just made,
// with the stay draws done.
func (m *Match) Run(after func(rec *RelationshipRecord)) (*RelationshipRecord, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	sc := m.Scenario
	rl := Relationship{
		Domain: sc.Domain, Prefs: sc.Prefs, Agents: m.Agents,
		Streams: RelationshipStreams(m.Seed),
		Periods: m.Periods, Deadline: m.Deadline, Opener: m.Opener, Model: m.Model,
		Record: m.Record, Decides: m.Decides, AfterDeal: after, Stop: m.Stop,
	}
	rec := &RelationshipRecord{Names: m.Names, Sampled: m.Record}
	var tab Table
	rl.Run(&tab, rec)
	return rec, nil
}

// Validate reports a match that cannot be played: no scenario, a missing
// agent, no periods or rounds, or a domain or preferences that do not hold
// together.
func (m *Match) Validate() error {
	sc := m.Scenario
	switch {
	case sc.Domain == nil || sc.Prefs[0] == nil || sc.Prefs[1] == nil:
		return errors.New("arena: match: match has no scenario")
	case m.Agents[0] == nil || m.Agents[1] == nil:
		return errors.New("arena: match: match needs an agent on each side")
	case m.Periods < 1 || m.Deadline < 1:
		return fmt.Errorf("arena: match: periods and deadline must be ≥ 1 (got %d, %d)", m.Periods, m.Deadline)
	}
	if err := sc.Domain.Validate(); err != nil {
		return fmt.Errorf("arena: match: %w", err)
	}
	for r, p := range sc.Prefs {
		if err := p.Validate(sc.Domain); err != nil {
			return fmt.Errorf("arena: match: %s preferences: %w", agents.Role(r), err)
		}
	}
	return nil
}
