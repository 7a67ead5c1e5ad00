package classroom

import (
	"encoding/hex"
	"fmt"
)

// load rebuilds the room from its log: the participants, then each round
// with its sessions, whose seats are handed their stored moves and
// answers to replay before they wait for new ones. Each session is a
// seeded Match, so its strategies answer the replayed moves exactly as
// they did: every session resumes where it was, and a stopped round
// stops where it stopped.
func (r *Room) load(log []event) error {
	queued := map[int]map[int][2][]event{} // round → session → seat → events
	stopped := map[int]bool{}
	for i, ev := range log {
		switch ev.Kind {
		case evMove, evContinue:
			if ev.Role != 0 && ev.Role != 1 {
				return fmt.Errorf("classroom: log entry %d: role %d", i+1, ev.Role)
			}
			if queued[ev.Round] == nil {
				queued[ev.Round] = map[int][2][]event{}
			}
			q := queued[ev.Round][ev.Session]
			q[ev.Role] = append(q[ev.Role], ev)
			queued[ev.Round][ev.Session] = q
		case evStop:
			stopped[ev.Round] = true
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, ev := range log {
		switch ev.Kind {
		case evJoin:
			var h [32]byte
			if b, err := hex.DecodeString(ev.Token); err != nil || len(b) != 32 || ev.Person != len(r.people) {
				return fmt.Errorf("classroom: log entry %d: a join that does not fit", i+1)
			} else {
				copy(h[:], b)
			}
			r.addPerson(ev.Name, h)
		case evRound:
			if ev.Spec == nil || ev.Round != len(r.rounds) {
				return fmt.Errorf("classroom: log entry %d: a round that does not fit", i+1)
			}
			spec := *ev.Spec
			sc, err := r.check(&spec)
			if err != nil {
				return fmt.Errorf("classroom: log entry %d: round %d: %w", i+1, ev.Round+1, err)
			}
			for _, pl := range ev.Sessions {
				for _, id := range pl.Seats {
					if id >= len(r.people) {
						return fmt.Errorf("classroom: log entry %d: a seat for participant %d, who never joined", i+1, id)
					}
				}
			}
			rd := r.addRound(spec, sc, ev.Sessions, queued[ev.Round])
			rd.stopped = stopped[ev.Round]
		}
	}
	return nil
}
