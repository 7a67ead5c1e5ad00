package classroom

import (
	"fmt"
	"slices"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// A Board is what the trainer's page shows: who is in the room, the
// rounds, and the live board of one round.
type Board struct {
	Code       string     `json:"code"`
	People     []string   `json:"people"`
	Rounds     []RoundRow `json:"rounds"`
	Domains    []string   `json:"domains"`
	Strategies []string   `json:"strategies"`
	// Round is the board of the round shown (the latest by default).
	Round *RoundBoard `json:"round,omitempty"`
}

// A RoundRow is one round in the list.
type RoundRow struct {
	ID       int       `json:"id"`
	Spec     RoundSpec `json:"spec"`
	Stopped  bool      `json:"stopped"`
	Sessions int       `json:"sessions"`
	Done     int       `json:"done"`
}

// A RoundBoard is the live board of a round.
type RoundBoard struct {
	ID     int       `json:"id"`
	Spec   RoundSpec `json:"spec"`
	Issues []string  `json:"issues"`
	// Frontier is the Pareto frontier in utility space (seller, buyer),
	// Walk both walk-away points and Nash the fair, efficient deal.
	Frontier [][2]float64 `json:"frontier"`
	Walk     [2]float64   `json:"walk"`
	Nash     *[2]float64  `json:"nash,omitempty"`
	// Deals are the deals closed so far, on the outcome space.
	Deals []DealPoint `json:"deals"`
	// Price is the spread of the agreed terms of the heaviest numeric
	// issue; nil without one.
	Price *Spread `json:"price,omitempty"`
	// Tactics counts who anchored, flinched, walked …, participants and
	// strategies apart.
	Tactics []TacticCount `json:"tactics"`
	// Classes counts the outcome classes of the deals (no deal included).
	Classes map[string]int `json:"classes"`
	// WinWin is the share of win-win outcomes among Negotiations.
	WinWin       float64      `json:"winWin"`
	Negotiations int          `json:"negotiations"`
	Sessions     []SessionRow `json:"sessions"`
}

// A DealPoint is one finished negotiation on the outcome space.
type DealPoint struct {
	U      [2]float64 `json:"u"`
	Agreed bool       `json:"agreed"`
	Class  string     `json:"class"`
	Names  [2]string  `json:"names"`
	Human  [2]bool    `json:"human"`
	Deal   int        `json:"deal"`
}

// A Spread is how the agreed values of one numeric issue spread.
type Spread struct {
	Issue  string   `json:"issue"`
	Labels []string `json:"labels"` // sorted agreed options
	Min    string   `json:"min"`
	Median string   `json:"median"`
	Max    string   `json:"max"`
	Values []int    `json:"values"` // option indices, sorted
	// Options is the number of the issue's options.
	Options int `json:"options"`
}

// A TacticCount counts one signal, by participants and by strategies.
type TacticCount struct {
	Name     string `json:"name"`
	People   int    `json:"people"`
	Machines int    `json:"strategies"`
}

// A SessionRow is one session of the round on the board.
type SessionRow struct {
	ID     int       `json:"id"`
	Names  [2]string `json:"names"`
	Human  [2]bool   `json:"human"`
	Status string    `json:"status"`
	Deals  int       `json:"deals"`
	Last   string    `json:"last,omitempty"`
}

// boardTactics are the signals the board counts.
var boardTactics = []struct {
	name string
	tag  agents.Tag
}{
	{"anchored", agents.TagAnchor | agents.TagExtremeAnchor},
	{"extreme anchor", agents.TagExtremeAnchor},
	{"flinched", agents.TagFlinch},
	{"asked why", agents.TagAskWhy},
	{"shared priorities", agents.TagDisclose},
	{"showed dissatisfaction", agents.TagDissatisfied},
	{"retracted", agents.TagRetraction},
}

// Board returns the trainer's board, showing round id (-1: the latest).
func (r *Room) Board(id int) Board {
	r.mu.Lock()
	defer r.mu.Unlock()
	b := Board{Code: r.meta.Code, Domains: r.Domains(), Strategies: r.Strategies(), People: []string{}, Rounds: []RoundRow{}}
	for _, p := range r.people {
		b.People = append(b.People, p.name)
	}
	for _, rd := range r.rounds {
		row := RoundRow{ID: rd.id, Spec: rd.spec, Stopped: rd.stopped, Sessions: len(rd.sessions)}
		for _, s := range rd.sessions {
			if s.done {
				row.Done++
			}
		}
		b.Rounds = append(b.Rounds, row)
	}
	if id < 0 || id >= len(r.rounds) {
		id = len(r.rounds) - 1
	}
	if id >= 0 {
		b.Round = r.roundBoard(r.rounds[id])
	}
	return b
}

// roundBoard draws the board of rd. r.mu is held.
func (r *Room) roundBoard(rd *round) *RoundBoard {
	sc := rd.scenario
	d := sc.Domain
	rb := &RoundBoard{ID: rd.id, Spec: rd.spec, Walk: [2]float64{sc.Prefs[0].Reservation, sc.Prefs[1].Reservation},
		Classes: map[string]int{}, Deals: []DealPoint{}, Sessions: []SessionRow{}}
	for _, is := range d.Issues {
		rb.Issues = append(rb.Issues, is.Name)
	}
	for _, p := range rd.frontier.Points {
		rb.Frontier = append(rb.Frontier, p.U)
	}
	if p, ok := rd.frontier.Nash(rb.Walk); ok {
		rb.Nash = &p.U
	}
	price := pricedIssue(sc)
	agreed := []int{}
	counts := make([]TacticCount, len(boardTactics))
	for i, t := range boardTactics {
		counts[i].Name = t.name
	}
	winwin := 0
	for _, s := range rd.sessions {
		row := SessionRow{ID: s.id, Names: s.names(), Deals: len(s.deals), Status: s.status()}
		for side, st := range s.seats {
			row.Human[side] = st != nil
		}
		for i := range s.deals {
			pr := &s.deals[i]
			o := &pr.Outcome
			pt := DealPoint{U: o.Utility, Agreed: o.Agreed, Class: pr.Analysis.Class.String(), Names: row.Names, Human: row.Human, Deal: pr.Period + 1}
			rb.Deals = append(rb.Deals, pt)
			rb.Classes[pt.Class]++
			rb.Negotiations++
			if pr.Analysis.Class == arena.WinWin {
				winwin++
			}
			if o.Agreed && price >= 0 {
				agreed = append(agreed, o.Offer[price])
			}
			for side := range o.Used {
				for k, t := range boardTactics {
					if o.Used[side]&t.tag != 0 {
						if row.Human[side] {
							counts[k].People++
						} else {
							counts[k].Machines++
						}
					}
				}
			}
			row.Last = pt.Class
		}
		rb.Sessions = append(rb.Sessions, row)
	}
	walks := TacticCount{Name: "walked away"}
	for _, s := range rd.sessions {
		for i := range s.deals {
			o := &s.deals[i].Outcome
			if o.WalkAway && o.Fault == nil {
				if s.seats[o.EndedBy] != nil {
					walks.People++
				} else {
					walks.Machines++
				}
			}
		}
	}
	rb.Tactics = append(counts, walks)
	if rb.Negotiations > 0 {
		rb.WinWin = float64(winwin) / float64(rb.Negotiations)
	}
	if price >= 0 {
		is := &d.Issues[price]
		slices.Sort(agreed)
		sp := &Spread{Issue: is.Name, Values: agreed, Options: len(is.Options)}
		for _, k := range agreed {
			sp.Labels = append(sp.Labels, is.Options[k])
		}
		if n := len(agreed); n > 0 {
			sp.Min, sp.Median, sp.Max = is.Options[agreed[0]], is.Options[agreed[n/2]], is.Options[agreed[n-1]]
		}
		rb.Price = sp
	}
	return rb
}

// pricedIssue returns the numeric issue the two sides weigh most
// together, or -1.
func pricedIssue(sc arena.Scenario) int {
	best, w := -1, -1.0
	for i, is := range sc.Domain.Issues {
		if is.Numeric == nil || is.Item {
			continue
		}
		if x := sc.Prefs[0].Weights[i] + sc.Prefs[1].Weights[i]; x > w {
			best, w = i, x
		}
	}
	return best
}

// status says where a session is. room.mu is held.
func (s *session) status() string {
	switch {
	case s.done && s.rec == nil:
		return "failed"
	case s.done:
		return "done"
	case s.round.stopped:
		return "stopped"
	}
	for _, st := range s.seats {
		if st == nil {
			continue
		}
		switch st.waiting {
		case waitMove:
			return fmt.Sprintf("deal %d: %s to move", s.period+1, st.person.name)
		case waitContinue:
			return fmt.Sprintf("after deal %d: %s deciding", s.period+1, st.person.name)
		}
	}
	return fmt.Sprintf("deal %d", s.period+1)
}
