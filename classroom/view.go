package classroom

import (
	"fmt"
	"math"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/internal/words"
	"github.com/winwin-sim/winwin/transcript"
)

// A PersonView is everything a participant's page shows, and nothing
// about anyone else's brief: the page is drawn from it alone.
type PersonView struct {
	Name string `json:"name"`
	// Phase is "lobby" (waiting for a round), "move" (the person's
	// turn), "wait" (the partner's), "continue" (come back for the next
	// deal?) or "done" (the session is over).
	Phase   string       `json:"phase"`
	Session *SessionView `json:"session,omitempty"`
	// Earlier sums up the person's earlier sessions, latest first.
	Earlier []string `json:"earlier,omitempty"`
}

// A SessionView is the person's current session.
type SessionView struct {
	Round   int    `json:"round"`
	Session int    `json:"session"`
	Role    string `json:"role"`
	Partner string `json:"partner"` // "another participant" or "a computer negotiator"; the strategy is named when it is over
	Brief   Brief  `json:"brief"`
	// Deal is the deal under way (1-based), MaxDeals the most of them.
	Deal     int `json:"deal"`
	MaxDeals int `json:"deals"`
	// Period and Turn identify the turn, to send back with a move.
	Period   int  `json:"period"`
	Turn     int  `json:"turn"`
	Round10  int  `json:"roundNo"` // the negotiation round under way, 1-based
	Deadline int  `json:"deadline"`
	YouOpen  bool `json:"youOpen"`
	// CanAccept is set when the partner's offer is on the table.
	CanAccept bool `json:"canAccept"`
	// Moves are the deal's moves so far, oldest first.
	Moves []MoveView `json:"moves"`
	// Results are the finished deals.
	Results []DealView `json:"results"`
	// Ended says how the relationship ended, once it has.
	Ended string `json:"ended,omitempty"`
}

// A Brief is a participant's private brief.
type Brief struct {
	Issues []IssueView `json:"issues"`
	// WalkAway is the value of no deal (the BATNA) on the 0–1 scale;
	// WalkAwayWords says it in the domain's units.
	WalkAway      float64 `json:"walkAway"`
	WalkAwayWords string  `json:"walkAwayWords"`
}

// An IssueView is one issue of the brief: how much it matters to the
// participant and what each option is worth.
type IssueView struct {
	// Index is the issue's place in an offer (the brief lists issues by
	// weight).
	Index   int       `json:"index"`
	Name    string    `json:"name"`
	Weight  float64   `json:"weight"`
	Options []string  `json:"options"`
	Values  []float64 `json:"values"`
	Numeric bool      `json:"numeric"`
}

// A MoveView is one move, told to one participant.
type MoveView struct {
	Mine    bool     `json:"mine"`
	Kind    string   `json:"kind"`
	Terms   []string `json:"terms,omitempty"` // "price: $400,000"
	Offer   []int    `json:"offer,omitempty"`
	Signals []string `json:"signals,omitempty"`
	// Notes explain the partner's signals with the article's advice.
	Notes []string `json:"notes,omitempty"`
	Say   string   `json:"say,omitempty"`
	// Value is what the offer (or the deal accepted) is worth to the
	// participant.
	Value float64 `json:"value"`
}

// A DealView is a finished deal's scorecard, for one participant.
type DealView struct {
	Deal       int      `json:"deal"`
	Class      string   `json:"class"`
	Verdict    string   `json:"verdict"`
	Terms      string   `json:"terms,omitempty"`
	Value      float64  `json:"value"`
	Surplus    float64  `json:"surplus"`
	Partner    float64  `json:"partnerSurplus"`
	Won        string   `json:"won"`
	Left       float64  `json:"leftOnTable"`
	ComesBack  string   `json:"comesBack,omitempty"`
	FairDeal   string   `json:"fairDeal,omitempty"`
	FairValue  float64  `json:"fairValue,omitempty"`
	MetTactics []string `json:"metTactics,omitempty"`
}

// view returns what participant p sees. r.mu is held.
func (r *Room) view(p *person) PersonView {
	v := PersonView{Name: p.name, Phase: "lobby"}
	if len(p.sessions) == 0 {
		return v
	}
	s := p.sessions[len(p.sessions)-1]
	var st *seat
	for _, x := range s.seats {
		if x != nil && x.person == p {
			st = x
		}
	}
	v.Session = s.viewFor(st)
	switch {
	case s.done || s.round.stopped:
		v.Phase = "done"
	case st.waiting == waitMove:
		v.Phase = "move"
	case st.waiting == waitContinue:
		v.Phase = "continue"
	default:
		v.Phase = "wait"
	}
	for i := len(p.sessions) - 2; i >= 0; i-- {
		v.Earlier = append(v.Earlier, p.sessions[i].summaryFor(p))
	}
	return v
}

// viewFor tells the session to the person on seat st. room.mu is held.
func (s *session) viewFor(st *seat) *SessionView {
	me := st.role
	sc := s.round.scenario
	d, prefs := sc.Domain, sc.Prefs[me]
	v := &SessionView{
		Round: s.round.id, Session: s.id, Role: me.String(), Brief: brief(d, prefs),
		Deal: s.period + 1, MaxDeals: s.round.spec.Deals, Period: s.period, Turn: st.turn,
		Deadline: s.round.spec.Deadline, YouOpen: s.opener == me, Moves: []MoveView{}, Results: []DealView{},
	}
	v.Partner = "a computer negotiator"
	if s.strategy == "" {
		v.Partner = "another participant"
	}
	v.Round10 = len(s.live)/2 + 1
	if st.waiting == waitMove {
		v.Turn = st.turn
		v.CanAccept = st.turn > 0
	} else {
		v.Turn = len(s.live)
	}
	for i, m := range s.live {
		by := s.opener
		if i%2 == 1 {
			by = s.opener.Other()
		}
		v.Moves = append(v.Moves, moveView(d, prefs, me, by, m, s.live[:i]))
	}
	for i := range s.deals {
		v.Results = append(v.Results, s.dealView(&s.deals[i], me))
	}
	if s.done || s.round.stopped {
		v.Ended = s.endWords(me)
	}
	return v
}

// moveView tells move m, by side by, to the participant on side me.
func moveView(d *agents.Domain, prefs *agents.Preferences, me, by agents.Role, m agents.Move, before []agents.Move) MoveView {
	mv := MoveView{Mine: by == me, Kind: m.Kind.String(), Say: m.Say}
	switch m.Kind {
	case agents.MoveOffer:
		mv.Offer = append([]int(nil), m.Offer...)
		mv.Terms = terms(d, m.Offer)
		mv.Value = prefs.Utility(m.Offer)
	case agents.MoveAccept:
		if n := len(before); n > 0 && before[n-1].Kind == agents.MoveOffer {
			mv.Terms = terms(d, before[n-1].Offer)
			mv.Value = prefs.Utility(before[n-1].Offer)
		}
	case agents.MoveWalkAway:
		mv.Value = prefs.Reservation
	}
	for _, t := range transcript.Tactics() {
		if !m.Tags.Has(t.Tag) {
			continue
		}
		mv.Signals = append(mv.Signals, t.Name)
		if by == me && t.Detected {
			note := "The arena counts this as " + t.Noun + ": it " + t.Meaning + "."
			if t.Hard {
				note += " A hard tactic: it spoils how your partner feels about the process."
			}
			mv.Notes = append(mv.Notes, note)
		}
		if by != me {
			note := "Your partner " + toYou.Replace(t.Meaning) + "."
			if a := t.AnswerFor(me); a != "" {
				note += " Advice: " + a + "."
			}
			mv.Notes = append(mv.Notes, note)
		}
	}
	return mv
}

func terms(d *agents.Domain, o agents.Offer) []string {
	out := make([]string, len(o))
	for i, k := range o {
		out[i] = d.Issues[i].Name + ": " + d.Issues[i].Options[k]
	}
	return out
}

// brief is a participant's private brief: the issues by weight, each
// option's value, and the walk-away point in the domain's units.
func brief(d *agents.Domain, p *agents.Preferences) Brief {
	b := Brief{WalkAway: p.Reservation, WalkAwayWords: walkAwayWords(d, p)}
	for _, i := range p.Ranking() {
		is := &d.Issues[i]
		b.Issues = append(b.Issues, IssueView{Index: i, Name: is.Name, Weight: p.Weights[i], Options: is.Options, Values: p.Values[i], Numeric: is.Numeric != nil})
	}
	return b
}

// walkAwayWords says where the walk-away point lies in the domain's
// units, on the numeric issue that weighs most for the participant (the
// price, mostly; the heaviest issue if none is numeric): the worst option
// of it the participant can accept when every other issue settles at its
// middle option ("the worst price you can accept is $125/unit when every
// other issue settles at its middle option"). When that issue carries all
// the weight, the other issues do not matter and are not mentioned.
func walkAwayWords(d *agents.Domain, p *agents.Preferences) string {
	rank := p.Ranking()
	top := rank[0]
	for _, i := range rank {
		if d.Issues[i].Numeric != nil && !d.Issues[i].Item && p.Weights[i] > 0 {
			top = i
			break
		}
	}
	rest, others := 0.0, false
	for i, vs := range p.Values {
		if i != top {
			rest += p.Weights[i] * vs[len(vs)/2]
			others = others || p.Weights[i] > 0
		}
	}
	vs := p.Values[top]
	worst := -1
	for k, v := range vs {
		if rest+p.Weights[top]*v >= p.Reservation-1e-9 && (worst < 0 || v < vs[worst]) {
			worst = k
		}
	}
	is := &d.Issues[top]
	switch {
	case worst < 0 && !others:
		return "no deal is worth more to you than walking away"
	case worst < 0:
		return fmt.Sprintf("with every other issue at its middle option no %s is good enough: you need better terms elsewhere", is.Name)
	case !others:
		return fmt.Sprintf("the worst %s you can accept is %s", is.Name, is.Options[worst])
	case vs[worst] <= minOf(vs):
		return fmt.Sprintf("even the worst %s, %s, is acceptable when every other issue settles at its middle option: it is bad terms on the other issues that can take a deal below your walk-away point", is.Name, is.Options[worst])
	}
	return fmt.Sprintf("the worst %s you can accept is %s when every other issue settles at its middle option; better terms elsewhere let you go further, worse ones less far", is.Name, is.Options[worst])
}

// toYou words a tactic's meaning, written about "the partner", for the
// participant who receives it.
var toYou = strings.NewReplacer("the partner concedes", "you concede", "the partner's", "your", "the partner", "you")

func minOf(vs []float64) float64 {
	m := math.Inf(1)
	for _, v := range vs {
		m = min(m, v)
	}
	return m
}

func maxOf(vs []float64) float64 {
	m := math.Inf(-1)
	for _, v := range vs {
		m = max(m, v)
	}
	return m
}

// dealView is the scorecard of finished deal pr for side me.
func (s *session) dealView(pr *arena.PeriodRecord, me agents.Role) DealView {
	other := me.Other()
	n := s.negotiation(pr)
	o, a := &pr.Outcome, &pr.Analysis
	dv := DealView{Deal: pr.Period + 1, Class: a.Class.String(), Verdict: transcript.Verdict(n), Value: o.Utility[me],
		Surplus: o.Surplus[me], Partner: o.Surplus[other], Won: transcript.WinWords(a, me), Left: a.LeftOnTable}
	if o.Agreed {
		dv.Terms = transcript.FormatTerms(termList(s.round.scenario.Domain, o.Offer))
	}
	if n.Nash != nil {
		dv.FairDeal = transcript.FormatTerms(termList(s.round.scenario.Domain, n.Nash))
		dv.FairValue = n.NashValue[me]
	}
	dv.MetTactics = transcript.HardTacticsMet(n, other)
	if s.round.spec.Deals > 1 {
		if s.seats[other] == nil {
			dv.ComesBack = "The " + other.String() + "'s " + transcript.FeelingSentence(n, other)
		}
	}
	return dv
}

// negotiation tells deal pr as the transcript package does.
func (s *session) negotiation(pr *arena.PeriodRecord) *transcript.Negotiation {
	sc := s.round.scenario
	n := &transcript.Negotiation{Domain: sc.Domain, Names: s.names(), Prefs: sc.Prefs, Deadline: s.round.spec.Deadline,
		Period: pr.Period, Outcome: pr.Outcome, Analysis: pr.Analysis, Feel: pr.Feel, Stayed: pr.Stayed,
		Relationship: s.round.spec.Deals > 1, Model: &s.room.cfg.Model}
	n.SetNash(s.round.frontier)
	return n
}

func termList(d *agents.Domain, o agents.Offer) []transcript.Term {
	out := make([]transcript.Term, len(o))
	for i, k := range o {
		out[i] = transcript.Term{Issue: d.Issues[i].Name, Option: d.Issues[i].Options[k]}
	}
	return out
}

// endWords says how the relationship ended, to side me.
func (s *session) endWords(me agents.Role) string {
	who := "another participant"
	if s.strategy != "" {
		who = "the strategy " + s.strategy
	}
	k := len(s.deals)
	switch {
	case s.rec == nil:
		return fmt.Sprintf("The trainer stopped the round after %s. You negotiated with %s.", deals(k), who)
	case s.rec.End == arena.Left && s.rec.LeftBy[me.Other()]:
		return fmt.Sprintf("Your partner did not come back after deal %d. You negotiated with %s.", k, who)
	case s.rec.End == arena.Left || s.rec.End == arena.Declined:
		return fmt.Sprintf("The relationship ended after deal %d. You negotiated with %s.", k, who)
	case s.rec.End == arena.Cancelled:
		return fmt.Sprintf("The trainer stopped the round after %s. You negotiated with %s.", deals(k), who)
	}
	return fmt.Sprintf("Done: %s. You negotiated with %s.", deals(k), who)
}

// summaryFor sums up a session for participant p in one line.
func (s *session) summaryFor(p *person) string {
	me := agents.Seller
	if s.seats[agents.Buyer] != nil && s.seats[agents.Buyer].person == p {
		me = agents.Buyer
	}
	who := "another participant"
	if s.strategy != "" {
		who = s.strategy
	}
	total := 0.0
	for i := range s.deals {
		total += s.deals[i].Outcome.Surplus[me]
	}
	return fmt.Sprintf("Round %d: %s vs %s, %s, your surplus %+.2f", s.round.id+1, me, who, deals(len(s.deals)), total)
}

// deals writes a number of deals: "1 deal", "3 deals".
func deals(n int) string { return words.Count(n, "deal") }
