package transcript

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// Version is the version of the JSON documents. Fields may be added
// without changing it; it changes when a field changes meaning or goes.
const Version = 1

// Document is the machine-readable form of a negotiation (`winwin
// negotiate --json`). Field names are stable; Version changes if they do.
// Document.Negotiation reads it back.
type Document struct {
	Version  int        `json:"version"`
	Domain   DomainDoc  `json:"domain"`
	Seed     uint64     `json:"seed"`
	Deadline int        `json:"deadline_rounds"`
	Sides    [2]SideDoc `json:"sides"`
	DealDoc
}

// DealDoc is one negotiation without its domain and sides: a Document
// holds one, a RelationshipDoc one per period.
type DealDoc struct {
	Period   int         `json:"period"`
	Moves    []MoveDoc   `json:"moves"`
	Outcome  OutcomeDoc  `json:"outcome"`
	Analysis AnalysisDoc `json:"analysis"`
	// Nash is the fair and efficient deal, when known.
	Nash *NashDoc `json:"nash,omitempty"`
	// Feel and Stayed, in a relationship: how each side felt about the
	// deal and whether it came back.
	Feel   *[2]FeelDoc `json:"feel,omitempty"`
	Stayed *[2]bool    `json:"stayed,omitempty"`
}

// DomainDoc describes the domain.
type DomainDoc struct {
	Name   string     `json:"name"`
	Issues []IssueDoc `json:"issues"`
}

// IssueDoc describes one issue.
type IssueDoc struct {
	Name    string    `json:"name"`
	Options []string  `json:"options"`
	Numeric []float64 `json:"numeric,omitempty"`
	Item    bool      `json:"item,omitempty"`
}

// SideDoc is one side: its strategy and private preferences.
type SideDoc struct {
	Role        string      `json:"role"`
	Strategy    string      `json:"strategy"`
	Weights     []float64   `json:"weights"`
	Values      [][]float64 `json:"values"`
	Reservation float64     `json:"reservation"`
}

// MoveDoc is one move.
type MoveDoc struct {
	Round int    `json:"round"`
	By    string `json:"by"`
	Kind  string `json:"kind"`
	// Offer is the offer in the domain's words (in a Document), Index the
	// option index of every issue.
	Offer    map[string]string `json:"offer,omitempty"`
	Index    []int             `json:"offer_index,omitempty"`
	Tags     []string          `json:"tags,omitempty"`
	Detected []string          `json:"detected,omitempty"`
	Ranking  []string          `json:"ranking,omitempty"`
	Say      string            `json:"say,omitempty"`
	// Signals explain the move's tactics in words (in a Document).
	Signals []string `json:"signals,omitempty"`
	// Utility of the offer on the table to the seller and the buyer.
	Utility [2]float64 `json:"utility"`
}

// OutcomeDoc is how it ended.
type OutcomeDoc struct {
	Agreed   bool              `json:"agreed"`
	Offer    map[string]string `json:"offer,omitempty"`
	Index    []int             `json:"offer_index,omitempty"`
	Rounds   int               `json:"rounds"`
	EndedBy  string            `json:"ended_by,omitempty"`
	WalkAway bool              `json:"walk_away"`
	Deadline bool              `json:"deadline"`
	Utility  [2]float64        `json:"utility"`
	Surplus  [2]float64        `json:"surplus"`
	// Used are the tactics each side sent or was detected using; Yielded
	// whether it gave way to a flinch or an unbundle.
	Used    [2][]string `json:"used"`
	Yielded [2]bool     `json:"yielded"`
	// AnchorExtremity is how extreme each side's opening was as an anchor:
	// how far below the partner's walk-away point, as a share of it (0: no
	// extreme anchor).
	AnchorExtremity [2]float64 `json:"anchor_extremity"`
	Fault           string     `json:"fault,omitempty"`
	// FaultBy and FaultTurn locate the fault.
	FaultBy   string `json:"fault_by,omitempty"`
	FaultTurn int    `json:"fault_turn,omitempty"`
}

// AnalysisDoc is the outcome analysis.
type AnalysisDoc struct {
	JointSurplus   float64  `json:"joint_surplus"`
	NashProduct    float64  `json:"nash_product"`
	ParetoDistance float64  `json:"pareto_distance"`
	NashDistance   *float64 `json:"nash_distance"`
	LeftOnTable    float64  `json:"value_left_on_table"`
	// Expectation is each side's expectation: its walk-away point plus
	// the surplus the fair deal gives it (scaled by κ).
	Expectation  [2]float64 `json:"expectation"`
	Satisfaction [2]float64 `json:"satisfaction"`
	Class        string     `json:"class"`
	// NoDeal says why there was no deal ("no zone of agreement", …);
	// ValueLost is then the value both lost.
	NoDeal    string  `json:"no_deal,omitempty"`
	ValueLost float64 `json:"value_lost,omitempty"`
}

// NashDoc is the fair and efficient deal and its value to each side.
type NashDoc struct {
	Index []int      `json:"offer_index"`
	Value [2]float64 `json:"utility"`
}

// FeelDoc is one side's subjective value of a deal, by component, and its
// chance of coming back.
type FeelDoc struct {
	I    float64 `json:"outcome"`
	S    float64 `json:"self"`
	P    float64 `json:"process"`
	R    float64 `json:"relationship"`
	SV   float64 `json:"sv"`
	Stay float64 `json:"stay_probability"`
}

// NewDocument builds the document of n.
func NewDocument(n *Negotiation) *Document {
	doc := &Document{Version: Version, Seed: n.Seed, Deadline: n.Deadline, Domain: domainDoc(n.Domain), Sides: sideDocs(n.Names, n.Prefs)}
	doc.DealDoc = dealDoc(n, true)
	return doc
}

func domainDoc(d *agents.Domain) DomainDoc {
	doc := DomainDoc{Name: d.Name}
	for _, is := range d.Issues {
		doc.Issues = append(doc.Issues, IssueDoc{Name: is.Name, Options: is.Options, Numeric: is.Numeric, Item: is.Item})
	}
	return doc
}

func sideDocs(names [2]string, prefs [2]*agents.Preferences) [2]SideDoc {
	var out [2]SideDoc
	for r := range 2 {
		p := prefs[r]
		out[r] = SideDoc{Role: agents.Role(r).String(), Strategy: names[r], Weights: p.Weights, Values: p.Values, Reservation: p.Reservation}
	}
	return out
}

// dealDoc builds the deal part of a document; words adds the offers'
// labels and the signals in words.
func dealDoc(n *Negotiation, words bool) DealDoc {
	d := n.Domain
	doc := DealDoc{Period: n.Period, Moves: make([]MoveDoc, 0, len(n.Outcome.Transcript))}
	var beats []Beat
	if words {
		beats = Scene(n)
	}
	for i, st := range n.Outcome.Transcript {
		m := MoveDoc{Round: i/2 + 1, By: st.By.String(), Kind: st.Move.Kind.String(), Tags: st.Move.Tags.Names(),
			Detected: st.Detected.Names(), Say: st.Move.Say, Utility: st.Utility, Ranking: rankingNames(d, st.Move.Ranking)}
		if st.Move.Kind == agents.MoveOffer {
			m.Index = st.Move.Offer
			if words {
				m.Offer = labels(d, st.Move.Offer)
			}
		}
		if words {
			for _, nt := range beats[i].Notes {
				m.Signals = append(m.Signals, nt.Tactic.Name+": "+nt.Text)
			}
		}
		doc.Moves = append(doc.Moves, m)
	}
	o := &n.Outcome
	doc.Outcome = OutcomeDoc{Agreed: o.Agreed, Rounds: o.Rounds, WalkAway: o.WalkAway, Deadline: o.Deadline, Utility: o.Utility, Surplus: o.Surplus,
		Used: [2][]string{o.Used[0].Names(), o.Used[1].Names()}, Yielded: o.Yielded, AnchorExtremity: o.AnchorExtremity}
	if o.Agreed {
		doc.Outcome.Index = o.Offer
		if words {
			doc.Outcome.Offer = labels(d, o.Offer)
		}
	}
	if !o.Deadline {
		doc.Outcome.EndedBy = o.EndedBy.String()
	}
	if o.Fault != nil {
		doc.Outcome.Fault = firstLine(o.Fault.Err)
		doc.Outcome.FaultBy = o.Fault.By.String()
		doc.Outcome.FaultTurn = o.Fault.Turn
	}
	a := &n.Analysis
	doc.Analysis = AnalysisDoc{JointSurplus: a.JointSurplus, NashProduct: a.NashProduct, ParetoDistance: a.ParetoDistance,
		LeftOnTable: a.LeftOnTable, Expectation: a.Expectation, Satisfaction: a.Satisfaction, Class: a.Class.String(), ValueLost: a.ValueLost}
	if a.Class == arena.NoDeal {
		doc.Analysis.NoDeal = a.NoDeal.String()
	}
	if a.NashOK {
		nd := a.NashDistance
		doc.Analysis.NashDistance = &nd
	}
	if n.Nash != nil {
		doc.Nash = &NashDoc{Index: n.Nash, Value: n.NashValue}
	}
	if n.Relationship {
		var f [2]FeelDoc
		for r, x := range n.Feel {
			f[r] = FeelDoc{I: x.I, S: x.S, P: x.P, R: x.R, SV: x.SV, Stay: x.Stay}
		}
		st := n.Stayed
		doc.Feel, doc.Stayed = &f, &st
	}
	return doc
}

// WriteJSON writes n's document as indented JSON.
func WriteJSON(w io.Writer, n *Negotiation) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(NewDocument(n))
}

// ReadDocument reads a Document written by WriteJSON and returns the
// negotiation it tells.
func ReadDocument(r io.Reader) (*Negotiation, error) {
	var doc Document
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("transcript: reading document: %w", err)
	}
	return doc.Negotiation()
}

// Negotiation rebuilds the negotiation the document tells, checking that
// its offers fit its domain.
func (doc *Document) Negotiation() (*Negotiation, error) {
	if doc.Version != Version {
		return nil, fmt.Errorf("transcript: document version %d, want %d", doc.Version, Version)
	}
	d, err := doc.Domain.domain()
	if err != nil {
		return nil, err
	}
	names, prefs, err := sides(d, doc.Sides)
	if err != nil {
		return nil, err
	}
	n, err := doc.DealDoc.negotiation(d, names, prefs, doc.Deadline)
	if err != nil {
		return nil, err
	}
	n.Seed = doc.Seed
	return n, nil
}

func (dd DomainDoc) domain() (*agents.Domain, error) {
	d := &agents.Domain{Name: dd.Name}
	for _, is := range dd.Issues {
		d.Issues = append(d.Issues, agents.Issue{Name: is.Name, Options: is.Options, Numeric: is.Numeric, Item: is.Item})
	}
	if err := d.Validate(); err != nil {
		return nil, fmt.Errorf("transcript: %w", err)
	}
	return d, nil
}

func sides(d *agents.Domain, docs [2]SideDoc) ([2]string, [2]*agents.Preferences, error) {
	var (
		names [2]string
		prefs [2]*agents.Preferences
	)
	for r, s := range docs {
		names[r] = s.Strategy
		prefs[r] = &agents.Preferences{Weights: s.Weights, Values: s.Values, Reservation: s.Reservation}
		if err := prefs[r].Validate(d); err != nil {
			return names, prefs, fmt.Errorf("transcript: %s: %w", agents.Role(r), err)
		}
	}
	return names, prefs, nil
}

func (dd *DealDoc) negotiation(d *agents.Domain, names [2]string, prefs [2]*agents.Preferences, deadline int) (*Negotiation, error) {
	n := &Negotiation{Domain: d, Names: names, Prefs: prefs, Deadline: deadline, Period: dd.Period}
	o := &n.Outcome
	for i, m := range dd.Moves {
		by, err := parseRole(m.By)
		if err != nil {
			return nil, fmt.Errorf("transcript: move %d: %w", i+1, err)
		}
		st := arena.Step{By: by, Utility: m.Utility}
		st.Move.Say = m.Say
		switch m.Kind {
		case "offer":
			st.Move.Kind = agents.MoveOffer
			if err := d.Check(m.Index); err != nil {
				return nil, fmt.Errorf("transcript: move %d: %w", i+1, err)
			}
			st.Move.Offer = agents.Offer(m.Index).Clone()
		case "accept":
			st.Move.Kind = agents.MoveAccept
		case "walk away":
			st.Move.Kind = agents.MoveWalkAway
		default:
			return nil, fmt.Errorf("transcript: move %d: unknown kind %q", i+1, m.Kind)
		}
		if st.Move.Tags, err = parseTags(m.Tags); err != nil {
			return nil, fmt.Errorf("transcript: move %d: %w", i+1, err)
		}
		if st.Detected, err = parseTags(m.Detected); err != nil {
			return nil, fmt.Errorf("transcript: move %d: %w", i+1, err)
		}
		for _, name := range m.Ranking {
			if k := d.IssueIndex(name); k >= 0 {
				st.Move.Ranking = append(st.Move.Ranking, k)
			}
		}
		o.Transcript = append(o.Transcript, st)
	}
	od := &dd.Outcome
	o.Agreed, o.Rounds, o.WalkAway, o.Deadline = od.Agreed, od.Rounds, od.WalkAway, od.Deadline
	o.Utility, o.Surplus, o.Yielded, o.AnchorExtremity = od.Utility, od.Surplus, od.Yielded, od.AnchorExtremity
	o.Turns = len(dd.Moves)
	if o.Agreed {
		if err := d.Check(od.Index); err != nil {
			return nil, fmt.Errorf("transcript: agreement: %w", err)
		}
		o.Offer = agents.Offer(od.Index).Clone()
	}
	if od.EndedBy != "" {
		r, err := parseRole(od.EndedBy)
		if err != nil {
			return nil, fmt.Errorf("transcript: outcome: %w", err)
		}
		o.EndedBy = r
	}
	for r := range 2 {
		t, err := parseTags(od.Used[r])
		if err != nil {
			return nil, fmt.Errorf("transcript: outcome: %w", err)
		}
		o.Used[r] = t
	}
	if od.Fault != "" {
		r, err := parseRole(od.FaultBy)
		if err != nil {
			return nil, fmt.Errorf("transcript: fault: %w", err)
		}
		o.Fault = &arena.Fault{By: r, Turn: od.FaultTurn, Err: errors.New(od.Fault)}
	}
	ad := &dd.Analysis
	a := &n.Analysis
	a.JointSurplus, a.NashProduct, a.ParetoDistance, a.LeftOnTable, a.Satisfaction = ad.JointSurplus, ad.NashProduct, ad.ParetoDistance, ad.LeftOnTable, ad.Satisfaction
	if ad.NashDistance != nil {
		a.NashOK, a.NashDistance = true, *ad.NashDistance
	}
	a.Expectation, a.ValueLost = ad.Expectation, ad.ValueLost
	var err error
	if a.Class, err = arena.ParseClass(ad.Class); err != nil {
		return nil, fmt.Errorf("transcript: %w", err)
	}
	if ad.NoDeal != "" {
		if a.NoDeal, err = arena.ParseNoDealReason(ad.NoDeal); err != nil {
			return nil, fmt.Errorf("transcript: %w", err)
		}
	}
	if dd.Nash != nil {
		if err := d.Check(dd.Nash.Index); err != nil {
			return nil, fmt.Errorf("transcript: nash point: %w", err)
		}
		n.Nash, n.NashValue = agents.Offer(dd.Nash.Index).Clone(), dd.Nash.Value
	}
	if dd.Feel != nil {
		n.Relationship = true
		for r, f := range dd.Feel {
			n.Feel[r] = arena.Feeling{I: f.I, S: f.S, P: f.P, R: f.R, SV: f.SV, Stay: f.Stay}
		}
		if dd.Stayed != nil {
			n.Stayed = *dd.Stayed
		}
	}
	return n, nil
}

// RelationshipDoc is the machine-readable form of a relationship: its
// scenario once, then one DealDoc per period (offers by option index).
type RelationshipDoc struct {
	Version  int        `json:"version"`
	Domain   DomainDoc  `json:"domain"`
	Sides    [2]SideDoc `json:"sides"`
	Pair     int        `json:"pair"`
	Index    int        `json:"relationship"`
	Periods  int        `json:"max_periods"`
	Deadline int        `json:"deadline_rounds"`
	Discount float64    `json:"discount"`
	End      string     `json:"end"`
	LeftBy   [2]bool    `json:"left_by"`
	Payoff   [2]float64 `json:"long_run_payoff"`
	OneShot  [2]float64 `json:"one_shot_payoff"`
	Deals    []DealDoc  `json:"deals"`
}

// NewRelationshipDoc builds the document of rel. The deals' offers are
// written by option index only, without words, to keep it small.
func NewRelationshipDoc(rel *Relationship) *RelationshipDoc {
	doc := &RelationshipDoc{Version: Version, Domain: domainDoc(rel.Domain), Pair: rel.Pair, Index: rel.Index,
		Periods: rel.Periods, Deadline: rel.Deadline, Discount: rel.Discount, End: rel.End.String(), LeftBy: rel.LeftBy,
		Payoff: rel.Payoff, OneShot: rel.OneShot, Deals: []DealDoc{}}
	if len(rel.Deals) > 0 {
		doc.Sides = sideDocs(rel.Names, rel.Deals[0].Prefs)
	} else {
		doc.Sides[0].Strategy, doc.Sides[1].Strategy = rel.Names[0], rel.Names[1]
	}
	for i := range rel.Deals {
		doc.Deals = append(doc.Deals, dealDoc(&rel.Deals[i], false))
	}
	return doc
}

// Relationship rebuilds the relationship the document tells. m is the
// relationship model the scorecards name (nil: arena.DefaultModel).
func (doc *RelationshipDoc) Relationship(m *arena.Model) (*Relationship, error) {
	if doc.Version != Version {
		return nil, fmt.Errorf("transcript: relationship document version %d, want %d", doc.Version, Version)
	}
	d, err := doc.Domain.domain()
	if err != nil {
		return nil, err
	}
	rel := &Relationship{Domain: d, Names: [2]string{doc.Sides[0].Strategy, doc.Sides[1].Strategy}, Pair: doc.Pair, Index: doc.Index,
		Periods: doc.Periods, Deadline: doc.Deadline, Discount: doc.Discount, LeftBy: doc.LeftBy, Payoff: doc.Payoff, OneShot: doc.OneShot}
	switch doc.End {
	case "completed":
		rel.End = arena.Completed
	case "left":
		rel.End = arena.Left
	case "declined":
		rel.End = arena.Declined
	case "cancelled":
		rel.End = arena.Cancelled
	default:
		return nil, fmt.Errorf("transcript: relationship %d of pair %d: unknown end %q", doc.Index, doc.Pair, doc.End)
	}
	if len(doc.Deals) == 0 {
		return rel, nil
	}
	names, prefs, err := sides(d, doc.Sides)
	if err != nil {
		return nil, err
	}
	for i := range doc.Deals {
		n, err := doc.Deals[i].negotiation(d, names, prefs, doc.Deadline)
		if err != nil {
			return nil, fmt.Errorf("transcript: relationship %d of pair %d, deal %d: %w", doc.Index, doc.Pair, i+1, err)
		}
		n.Relationship, n.Last, n.Model = true, i == len(doc.Deals)-1, m
		rel.Deals = append(rel.Deals, *n)
	}
	return rel, nil
}

func parseRole(s string) (agents.Role, error) {
	switch s {
	case "seller":
		return agents.Seller, nil
	case "buyer":
		return agents.Buyer, nil
	}
	return 0, fmt.Errorf("unknown role %q", s)
}

func parseTags(names []string) (agents.Tags, error) {
	var t agents.Tags
	for _, name := range names {
		x, err := agents.ParseTag(name)
		if err != nil {
			return 0, err
		}
		t |= x
	}
	return t, nil
}

func labels(d *agents.Domain, o agents.Offer) map[string]string {
	m := make(map[string]string, len(o))
	for i, k := range o {
		m[d.Issues[i].Name] = d.Issues[i].Options[k]
	}
	return m
}
