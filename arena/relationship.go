package arena

import (
	"fmt"

	"github.com/winwin-sim/winwin/agents"
)

// A Relationship is one seller and one buyer dealing period after period
// (docs/model.md#repeat-business): the unit a Tournament repeats, and what a role-play or
// `winwin negotiate --periods` plays on its own. After each deal both
// sides' feelings set the chance that each comes back; the relationship
// goes on while both do.
type Relationship struct {
	Domain *agents.Domain
	// Prefs are both sides' preferences for the whole relationship.
	Prefs [2]*agents.Preferences
	// Agents[r] plays role r in every deal.
	Agents [2]agents.Agent
	// Streams are the random sources: Streams.Agents[r] is side r's, and
	// Streams.Fate draws whether each side comes back (one draw per side
	// per deal, in role order).
	Streams Streams
	// Periods is the most deals; Deadline the rounds of each.
	Periods, Deadline int
	Opener            OpenerRule
	Model             Model
	// PeriodPrefs, if set, returns the preferences of period t (jittered
	// around Prefs); the frontier is then recomputed for that period.
	PeriodPrefs func(t int) [2]*agents.Preferences
	// Frontier, if set, is the Pareto frontier of Prefs, computed once by a
	// caller that plays many relationships on the same preferences; nil
	// computes it.
	Frontier *Frontier
	// Record keeps every move of every deal (transcripts).
	Record bool
	// Decides[r] marks a side that decides for itself whether to come back
	// (a person, through its agents.Continuer hook): its draw is made, to
	// keep the stream aligned, but ignored.
	Decides [2]bool
	// Stop, if not nil, ends the relationship early once it is closed:
	// before the next deal, or inside a long negotiation (Setup.Stop). The
	// record then ends Cancelled, without the deal that was cut short.
	Stop <-chan struct{}
	// AfterDeal, if set, is called after each deal with the record so far:
	// its last period is the deal just made, with the stay draws done.
	AfterDeal func(rec *RelationshipRecord)
	// Renew, if set, turns learning off (docs/model.md#decomposition):
	// before every deal after the first, side r plays a fresh agent
	// Renew(r) with an empty history, so nothing learnt in one deal
	// carries to the next. Its own random source goes on.
	Renew func(r agents.Role) agents.Agent
}

// Run plays the relationship on tab and writes its story into rec, reusing
// rec's memory. It fills everything but rec's Pair, Index, Names and
// Sampled, which belong to the caller. The agents' histories (View.History)
// live in tab's memory, which its next Run reuses.
func (rl *Relationship) Run(tab *Table, rec *RelationshipRecord) {
	// Both sides' histories in the table's memory, each room for every
	// deal (appending deal by deal would allocate five times in ten deals,
	// and a new pair for every relationship was a tenth of what a
	// tournament allocated).
	n := max(rl.Periods, 1)
	hist := tab.histories(2 * n)
	parties := [2]*Party{
		{Agent: rl.Agents[0], Prefs: rl.Prefs[0], Rand: rl.Streams.Agents[0], History: hist[:0:n]},
		{Agent: rl.Agents[1], Prefs: rl.Prefs[1], Rand: rl.Streams.Agents[1], History: hist[n : n : 2*n]},
	}
	rec.Prefs = rl.Prefs
	if cap(rec.Periods) < rl.Periods {
		rec.Periods = make([]PeriodRecord, 0, rl.Periods)
	}
	rec.Periods = rec.Periods[:0]
	rec.Payoff, rec.OneShot, rec.LeftBy, rec.End = [2]float64{}, [2]float64{}, [2]bool{}, Completed
	rec.Frontier = rl.Frontier
	if rec.Frontier == nil {
		rec.Frontier = NewFrontier(rl.Domain, rl.Prefs[0], rl.Prefs[1])
	}
	disc := 1.0
	for period := 0; period < rl.Periods; period++ {
		if stopped(rl.Stop) {
			rec.End = Cancelled
			return
		}
		if period > 0 && rl.declines(parties, period, rec) {
			rec.End = Declined
			return
		}
		if period > 0 && rl.Renew != nil {
			for r := range parties {
				parties[r].Agent, parties[r].History = rl.Renew(agents.Role(r)), nil
			}
		}
		pf, fr := parties, rec.Frontier
		if rl.PeriodPrefs != nil {
			jp := rl.PeriodPrefs(period)
			for r := range jp {
				pf[r] = &Party{Agent: parties[r].Agent, Prefs: jp[r], Rand: parties[r].Rand, History: parties[r].History}
			}
			fr = NewFrontier(rl.Domain, jp[0], jp[1])
		}
		setup := Setup{Domain: rl.Domain, Deadline: rl.Deadline, Opener: rl.Opener.Opener(period), Period: period, Record: rl.Record, Stop: rl.Stop}
		out := tab.Negotiate(setup, pf[0], pf[1])
		if stopped(rl.Stop) {
			rec.End = Cancelled // the deal was cut short: not recorded
			return
		}
		for r := range parties {
			parties[r].History = pf[r].History
		}
		res := [2]float64{pf[0].Prefs.Reservation, pf[1].Prefs.Reservation}
		pr := PeriodRecord{Period: period, Opener: setup.Opener, Outcome: out}
		pr.Analysis = Analyze(fr, &out, res, &rl.Model)
		pr.Feel = rl.Model.Feel(&out, &pr.Analysis)
		for r := range pr.Stayed {
			x := rl.Streams.Fate.Float64()
			pr.Draws[r] = x
			pr.Stayed[r] = rl.Decides[r] || x < pr.Feel[r].Stay
		}
		for r := range rec.Payoff {
			rec.Payoff[r] += disc * out.Surplus[r]
		}
		if period == 0 {
			rec.OneShot = out.Surplus
		}
		disc *= rl.Model.Discount
		rec.Periods = append(rec.Periods, pr)
		leaving := (!pr.Stayed[0] || !pr.Stayed[1]) && period+1 < rl.Periods
		if leaving {
			rec.End = Left
			rec.LeftBy = [2]bool{!pr.Stayed[0], !pr.Stayed[1]}
		}
		if rl.AfterDeal != nil {
			rl.AfterDeal(rec)
		}
		if leaving {
			return
		}
	}
}

// histories returns room for n deals in the table's memory, emptied of
// the last relationship's: Run's parties' histories, which nothing keeps
// after Run returns (the records copy what they report).
func (t *Table) histories(n int) []agents.Deal {
	if cap(t.hist) < n {
		t.hist = make([]agents.Deal, n)
	}
	h := t.hist[:n]
	clear(h) // the last relationship's offers are garbage now
	return h[:0]
}

// declines asks both agents' Continue hooks (if any) whether to deal again.
// A panicking hook does not end the relationship.
func (rl *Relationship) declines(parties [2]*Party, period int, rec *RelationshipRecord) bool {
	any := false
	for r, p := range parties {
		c, ok := p.Agent.(agents.Continuer)
		if !ok {
			continue
		}
		v := agents.View{Domain: rl.Domain, Prefs: p.Prefs, Role: agents.Role(r), Period: period,
			Deadline: rl.Deadline, Opener: rl.Opener.Opener(period), History: p.History, Rand: p.Rand}
		stay := true
		func() {
			defer func() {
				if recover() != nil {
					stay = true
				}
			}()
			stay = c.Continue(&v)
		}()
		if !stay {
			rec.LeftBy[r] = true
			any = true
		}
	}
	return any
}

// A Scenario is a domain with both sides' base preferences: Prefs[agents.Seller]
// and Prefs[agents.Buyer].
type Scenario struct {
	Domain *agents.Domain
	Prefs  [2]*agents.Preferences
}

// OpenerRule says who makes the first offer of each period's negotiation.
type OpenerRule uint8

// Opener rules.
const (
	// Alternate: the seller opens in even periods, the buyer in odd ones.
	Alternate OpenerRule = iota
	SellerOpens
	BuyerOpens
)

// Opener returns the side that opens in period t.
func (o OpenerRule) Opener(t int) agents.Role {
	switch o {
	case SellerOpens:
		return agents.Seller
	case BuyerOpens:
		return agents.Buyer
	}
	return agents.Role(t % 2)
}

// String returns "alternate", "seller" or "buyer".
func (o OpenerRule) String() string {
	switch o {
	case SellerOpens:
		return "seller"
	case BuyerOpens:
		return "buyer"
	}
	return "alternate"
}

// OpenerRules names the opener rules, in OpenerRule order.
var OpenerRules = []string{"alternate", "seller", "buyer"}

// ParseOpenerRule returns the rule called name ("alternate", "seller" or
// "buyer").
func ParseOpenerRule(name string) (OpenerRule, error) {
	for i, n := range OpenerRules {
		if n == name {
			return OpenerRule(i), nil
		}
	}
	return 0, fmt.Errorf("opener %q: must be alternate, seller or buyer", name)
}
