package classroom

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/winwin-sim/winwin/agents"
)

// The store is an append-only log of everything that happened in the room,
// in one bbolt file: who joined, each round as set up and paired, every
// move and every "come back?" answer, each stop. The room is rebuilt on
// restart by replaying the log (replay.go); the strategies' moves are not
// stored, because each session is seeded (arena.ClassroomSeed) and the
// strategies answer the replayed human moves exactly as they did.
//
// Bucket "meta" holds the room's identity (seed, code, trainer token);
// bucket "log" the events, keyed by an 8-byte big-endian sequence number.
var (
	bucketMeta = []byte("meta")
	bucketLog  = []byte("log")
	keyMeta    = []byte("room")
)

// meta is the room's identity, written once when the database is made.
type meta struct {
	Seed    uint64 `json:"seed"`
	Code    string `json:"code"`
	Trainer string `json:"trainer"` // the trainer's token, in clear: it is printed at every start
	Created string `json:"created"`
}

// Event kinds.
const (
	evJoin     = "join"
	evRound    = "round"
	evMove     = "move"
	evContinue = "continue"
	evStop     = "stop"
)

// An event is one entry of the log.
type event struct {
	Kind string `json:"kind"`
	// Person and Name for a join; Token is the hex SHA-256 of the
	// participant's cookie token (the token itself is never stored).
	Person int    `json:"person,omitempty"`
	Name   string `json:"name,omitempty"`
	Token  string `json:"token,omitempty"`
	// Round and its setup and pairing (for round), or the round stopped.
	Round    int        `json:"round,omitempty"`
	Spec     *RoundSpec `json:"spec,omitempty"`
	Sessions []plan     `json:"sessions,omitempty"`
	// Session, Role, Period and Turn locate a move or an answer.
	Session int      `json:"session,omitempty"`
	Role    int      `json:"role,omitempty"`
	Period  int      `json:"period,omitempty"`
	Turn    int      `json:"turn,omitempty"`
	Move    *moveRec `json:"move,omitempty"`
	Stay    bool     `json:"stay,omitempty"`
}

// A plan is one session of a round as paired: who sits on each side (a
// person's id, or -1 for the strategy) and the strategy, if any.
type plan struct {
	ID       int    `json:"id"`
	Seats    [2]int `json:"seats"`
	Strategy string `json:"strategy,omitempty"`
}

// moveRec is a human move as stored.
type moveRec struct {
	Kind    agents.MoveKind `json:"kind"`
	Offer   []int           `json:"offer,omitempty"`
	Tags    agents.Tags     `json:"tags,omitempty"`
	Ranking []int           `json:"ranking,omitempty"`
}

func (m *moveRec) move() agents.Move {
	return agents.Move{Kind: m.Kind, Offer: agents.Offer(m.Offer), Tags: m.Tags, Ranking: m.Ranking}
}

// store is the room's database.
type store struct {
	db  *bolt.DB
	seq atomic.Uint64
	// took, if set, is told how long each append took (the load test's
	// share of the disk in a move's latency).
	took func(time.Duration)
}

// openStore opens (or makes) the database at path and returns it with the
// room's identity and its log; fresh makes the identity of a new room.
func openStore(path string, fresh func() meta) (*store, meta, []event, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 2 * time.Second})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, meta{}, nil, fmt.Errorf("classroom: database %s is in use by another winwin classroom", path)
		}
		return nil, meta{}, nil, fmt.Errorf("classroom: database %s: %w", path, err)
	}
	db.MaxBatchDelay = 2 * time.Millisecond
	s := &store{db: db}
	var (
		m   meta
		log []event
	)
	err = db.Update(func(tx *bolt.Tx) error {
		mb, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		lb, err := tx.CreateBucketIfNotExists(bucketLog)
		if err != nil {
			return err
		}
		if raw := mb.Get(keyMeta); raw != nil {
			if err := json.Unmarshal(raw, &m); err != nil {
				return fmt.Errorf("room identity: %w", err)
			}
		} else {
			m = fresh()
			raw, _ := json.Marshal(m)
			if err := mb.Put(keyMeta, raw); err != nil {
				return err
			}
		}
		return lb.ForEach(func(k, v []byte) error {
			var ev event
			if err := json.Unmarshal(v, &ev); err != nil {
				return fmt.Errorf("log entry %d: %w", binary.BigEndian.Uint64(k), err)
			}
			log = append(log, ev)
			s.seq.Store(binary.BigEndian.Uint64(k))
			return nil
		})
	})
	if err != nil {
		db.Close()
		return nil, meta{}, nil, fmt.Errorf("classroom: database %s: %w", path, err)
	}
	return s, m, log, nil
}

// append writes ev to the log and returns once it is on disk. Concurrent
// appends share one disk sync (bbolt's Batch); each keeps the sequence
// number it drew, so a retried batch writes the same entries.
func (s *store) append(ev event) error {
	raw, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("classroom: storing %s: %w", ev.Kind, err)
	}
	var key [8]byte
	binary.BigEndian.PutUint64(key[:], s.seq.Add(1))
	start := time.Now()
	err = s.db.Batch(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketLog).Put(key[:], raw)
	})
	if s.took != nil {
		s.took(time.Since(start))
	}
	if err != nil {
		return fmt.Errorf("classroom: storing %s: %w", ev.Kind, err)
	}
	return nil
}

// close closes the database.
func (s *store) close() error { return s.db.Close() }
