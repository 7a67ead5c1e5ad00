package play

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/transcript"
)

// SessionFormat is the "format" field of a saved session: a JSON file is
// a session exactly when it carries it.
const SessionFormat = "winwin-play-session"

// SessionVersion is the version of the saved-session format. Fields may
// be added without changing it; it changes when a field changes meaning
// or goes, and ReadSession refuses other versions.
const SessionVersion = 1

// A Session is the record of one role-play, as `winwin play --save FILE`
// writes it (see the package doc for the format). It is complete on its
// own: the domain, both sides' preferences and every move are in
// Relationship, so a session is replayed, debriefed and reported without
// the config it was played with.
type Session struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	// Player is the name the player gave (play --name), or "".
	Player string `json:"player,omitempty"`
	// As is the player's side, "seller" or "buyer"; Partner the strategy
	// on the other side as it was given (NAME or NAME:param=value,…).
	As      string `json:"as"`
	Partner string `json:"partner"`
	// Seed seeded the partner and whether it came back; Opener is the
	// rule of who opens each deal (alternate, seller or buyer).
	Seed   uint64 `json:"seed"`
	Opener string `json:"opener"`
	// Left is true when the session ended during a deal because the
	// player quit or the input ended.
	Left bool `json:"left"`
	// Relationship holds the deals as the arena recorded them, the
	// player's included: offers by option index, signals sent and
	// detected, outcomes and their analysis.
	Relationship *transcript.RelationshipDoc `json:"relationship"`
	// Debrief is the coach's debrief, as shown at the end of the session.
	// It is derived from Relationship (NewDebrief): kept so that a reader
	// needs no winwin to see it.
	Debrief *Debrief `json:"debrief"`
}

// NewSession records a session: the game g as played, the relationship
// rel it gave, and whether the player left during a deal. A session
// played elsewhere (in a browser) is recorded by filling a Session
// directly: Format and Version as here, Relationship from
// transcript.NewRelationshipDoc, Debrief from NewDebrief.
func NewSession(g *Game, rel *transcript.Relationship, left bool) *Session {
	partner := g.PartnerName
	if partner == "" {
		partner = g.Partner.Name
	}
	return &Session{Format: SessionFormat, Version: SessionVersion, Player: g.Player, As: g.As.String(), Partner: partner,
		Seed: g.Seed, Opener: g.Opener.String(), Left: left, Relationship: transcript.NewRelationshipDoc(rel),
		Debrief: NewDebrief(rel, g.As, left)}
}

// Role is the player's side.
func (s *Session) Role() (agents.Role, error) {
	switch s.As {
	case "seller":
		return agents.Seller, nil
	case "buyer":
		return agents.Buyer, nil
	}
	return 0, fmt.Errorf("play: session: side %q, want seller or buyer", s.As)
}

// Rebuild returns the relationship the session records, checking that
// every offer fits its domain.
func (s *Session) Rebuild() (*transcript.Relationship, error) {
	if s.Relationship == nil {
		return nil, errors.New("play: session: no relationship")
	}
	m := arena.DefaultModel()
	rel, err := s.Relationship.Relationship(&m)
	if err != nil {
		return nil, fmt.Errorf("play: session: %w", err)
	}
	return rel, nil
}

// Write writes the session as indented JSON.
func (s *Session) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

// WriteFile writes the session to path atomically: a reader sees the old
// file or the whole new one, never a part.
func (s *Session) WriteFile(path string) error {
	if err := results.WriteFileAtomic(path, s.Write); err != nil {
		return fmt.Errorf("play: saving the session: %w", err)
	}
	return nil
}

// ErrNotSession is returned by ReadSession for JSON that is not a saved
// session (no "format": "winwin-play-session").
var ErrNotSession = errors.New("not a saved winwin play session")

// ReadSession reads a saved session and checks it: its format, its
// version, the player's side and that its relationship rebuilds.
func ReadSession(r io.Reader) (*Session, error) {
	var s Session
	if err := json.NewDecoder(r).Decode(&s); err != nil {
		return nil, fmt.Errorf("play: reading a session: %w", err)
	}
	if s.Format != SessionFormat {
		return nil, ErrNotSession
	}
	if s.Version != SessionVersion {
		return nil, fmt.Errorf("play: session version %d, this winwin reads version %d", s.Version, SessionVersion)
	}
	if _, err := s.Role(); err != nil {
		return nil, err
	}
	if _, err := s.Rebuild(); err != nil {
		return nil, err
	}
	return &s, nil
}

// ReadSessionFile reads the saved session at path.
func ReadSessionFile(path string) (*Session, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("play: %w", err)
	}
	defer f.Close()
	s, err := ReadSession(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}
