package agenttest

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/winwin-sim/winwin/agents"
)

// Options adjust Check and Conformance.
type Options struct {
	// Name is how the report calls the agent; "your agent" if empty.
	Name string
	// MayAcceptBelowReservation skips the reservation check. Set it only
	// for an agent whose documentation says why it may take a deal worth
	// less than walking away (a deliberately naive baseline, say); the
	// report still lists the check, as skipped, with that reason.
	MayAcceptBelowReservation bool
	// Seeds are the random seeds every game is played with; nil means
	// {1, 2}. More seeds test more of a randomised agent's behaviour.
	Seeds []uint64
	// Pipe says the agent is a program in another language behind the
	// pipe protocol (winwin check-agent): the report then explains in the
	// protocol's terms instead of Go's.
	Pipe bool
	// StopAfter, if positive, stops Check after that many faults of the
	// agent in a row that read the same but for their numbers: the check
	// in progress fails, saying so, and the checks not yet run are
	// skipped. An agent behind the pipe that crashes on every negotiation
	// then gets its verdict in seconds rather than after hundreds of
	// restarts. 0 never stops (a Go agent's faults cost nothing).
	StopAfter int
	// Progress, if set, is called as each check begins and as it ends,
	// from the goroutine that called Check. The checks run in an order of
	// their own (each plays the games the next ones judge); the Report
	// lists them in the usual order.
	Progress func(Event)
}

// An Event tells Options.Progress that a check began or ended.
type Event struct {
	// Check is the check's short name (CheckValidMoves…), Rule its rule
	// in a few words.
	Check, Rule string
	// Done is false when the check begins, true when it has ended.
	Done bool
	// Finding is the check's verdict, when Done.
	Finding *Finding
	// Elapsed is how long the check took, when Done.
	Elapsed time.Duration
}

// The checks, in the order a Report lists them.
const (
	CheckValidMoves     = "valid-moves"
	CheckReservation    = "reservation"
	CheckDeterministic  = "deterministic"
	CheckIndependent    = "independent"
	CheckReadOnlyView   = "read-only-view"
	CheckOneRound       = "one-round"
	CheckSingleOption   = "single-option"
	CheckPartnerWalks   = "partner-walks-away"
	CheckPartnerInvalid = "partner-breaks-rules"
)

// checks describes each check: its rule in a few words, what it checks in
// a sentence, and a hint for a student whose agent breaks it; pipeChecks
// says it in the pipe protocol's terms where they differ.
var checks = []struct{ name, rule, about, hint string }{
	{CheckValidMoves, "every move is valid; no panics",
		"Every move must be an offer picking an existing option for every issue, an acceptance of an offer on the table, or a walk-away, and the agent must not panic.",
		"An offer picks an option index from 0 to len(Options)-1 for every issue of View.Domain; accept only when View.Last is an offer."},
	{CheckReservation, "never accepts less than its walk-away value",
		"The agent must never accept a deal worth less to it than its reservation value: walking away pays that much.",
		"Before accepting, check that View.Prefs.Utility(View.Last.Offer) is at least View.Prefs.Reservation: no deal is better than a bad deal."},
	{CheckDeterministic, "the same seed gives the same moves",
		"Played again with the same seed, against the same partner, the agent must make the same moves.",
		"Draw random numbers only from View.Rand, never from math/rand's global functions or the clock, and do not choose a move by ranging over a map (Go randomises map order)."},
	{CheckIndependent, "two agents share no state",
		"Two agents must not share state: taking turns with another agent, or playing at the same time in another goroutine, each must play exactly as it does alone.",
		"Keep everything your agent remembers in its own struct, not in package-level variables: newAgent must return a fresh agent each time."},
	{CheckReadOnlyView, "leaves the View it is given unchanged",
		"The agent must not modify the View it is given: the domain, its preferences, the offers made so far, its history.",
		"The View and the offers in it belong to the arena: Clone an offer (offer.Clone()) before changing it, and keep your own buffers for your own offers."},
	{CheckOneRound, "copes with a one-round deadline",
		"With a deadline of one round (a single move each) the agent must still play by the rules.",
		"With Deadline 1, View.Time() is 0 on the opening move and 1 on the answer: guard any division by the number of rounds or turns left."},
	{CheckSingleOption, "copes with single-option issues",
		"The agent must play by the rules when issues have a single option, down to a domain with only one possible outcome.",
		"An issue may have just one option (index 0), and the only outcome may be worth less to you than walking away."},
	{CheckPartnerWalks, "copes with a partner that walks away at once",
		"The agent must cope with a partner that walks away at its first move, deal after deal.",
		"Your agent may never get a turn in a deal, or see only the partner's walk-away: Finish and the next deal must still work."},
	{CheckPartnerInvalid, "a partner's invalid move is blamed on the partner",
		"When the partner breaks the rules (an invalid offer, an empty move, a panic) the arena ends the negotiation as the partner's fault; the agent must not break a rule itself, then or in the next deal.",
		"The partner's bad move is never your agent's fault; if this check fails, your agent broke a rule itself in one of these negotiations: read what it did."},
}

// pipeChecks words the checks for an agent behind the pipe protocol: its
// author knows the protocol's messages, not Go's types. A missing entry,
// or an empty field, keeps the words of checks.
var pipeChecks = map[string]struct{ rule, about, hint string }{
	CheckValidMoves: {"every move is valid; no crashes",
		"Every move must be an offer picking an existing option for every issue, an acceptance of an offer on the table, or a walk-away, and the agent must not crash, hang or print anything but protocol messages on stdout.",
		`An offer gives every issue of the start message's "domain" an option index from 0 to the number of its options minus 1 (or its label); answer "accept" only when the turn's "last" is an offer; copy the turn's "session" into the move, and flush stdout after each line. PROTOCOL.md lists every fault.`},
	CheckReservation: {"", "",
		`Before accepting, work out what the offer in the turn's "last" is worth to you, the sum over issues of weights[i]·values[i][offer[i]] from "prefs", and compare it with prefs.reservation: no deal is better than a bad deal.`},
	CheckDeterministic: {"", "",
		`Draw random numbers only from a generator seeded with the start message's "seed" (in Python random.Random(seed), never the random module's own functions), never from the clock, and do not pick a move by the order of a set, whose order can change from run to run.`},
	CheckIndependent: {"sessions share no state",
		"Two sessions must not share state: taking turns with another session of the same process, or played at the same time as many others, each must play exactly as it does alone.",
		`One process serves many sessions at once, interleaved: keep everything a negotiation remembers in a record kept under its "session" id (a dict of sessions, say), never in global variables, and forget it at "end" or "close".`},
	CheckReadOnlyView: {"leaves winwin's data unchanged",
		"What winwin holds of the negotiation — the domain, the agent's preferences, the moves so far, the history — must be the same after each of the agent's moves. An agent behind the pipe is sent copies, so only winwin itself could break this.",
		"Nothing your agent sends can change winwin's data: if this check fails, report it as a bug in winwin."},
	CheckOneRound: {"", "",
		`With "deadline": 1, "time" is 0 on the opening move and 1 on the answer: guard any division by the number of rounds or turns left.`},
	CheckPartnerInvalid: {"",
		"When the partner breaks the rules (an invalid offer, an empty move, a crash) winwin ends the negotiation as the partner's fault; the agent must not break a rule itself, then or in the next deal.",
		""},
	CheckPartnerWalks: {"", "",
		`Your agent may never get a turn in a deal (winwin then sends it nothing for that deal), or see only the partner's walk-away in "end": the next "start" must still work.`},
}

// A Status is the verdict of one check.
type Status uint8

// Verdicts.
const (
	Passed Status = iota
	Failed
	Skipped
)

// String returns "ok", "FAIL" or "skip", as a Report prints them.
func (s Status) String() string {
	switch s {
	case Passed:
		return "ok"
	case Failed:
		return "FAIL"
	case Skipped:
		return "skip"
	}
	return fmt.Sprintf("Status(%d)", uint8(s))
}

// A Finding is the verdict of one check, with the first failure in detail.
type Finding struct {
	// Check is the check's short name (CheckValidMoves…), Rule the rule
	// in a few words, About what the check does in a sentence.
	Check, Rule, About string
	Status             Status
	// Note says why a check was skipped.
	Note string
	// Negotiations is how many negotiations the check judged; Failures how
	// many of them broke the rule.
	Negotiations, Failures int

	// The first failure, when Status is Failed:

	// Problem says what went wrong, in words.
	Problem string
	// Where names the negotiation: the agent's role, the partner, the
	// scenario, the seed and the deal.
	Where string
	// Round is the round of the offending move, from 1; 0 when the
	// failure is not tied to one move.
	Round int
	// Did is the agent's move, in Format's notation; Against the partner's
	// move it answered ("" when the agent opened).
	Did, Against string
	// Transcript is the negotiation up to the failure, one move a line.
	Transcript string
	// Hint says how agents usually fix this.
	Hint string
	// Stopped says why the check did not play all its negotiations ("" if
	// it did): the agent made the same fault too many times in a row, or
	// Check was interrupted.
	Stopped string
}

// A Report is the result of Check: one Finding per check.
type Report struct {
	// Agent is the name the report uses for the agent.
	Agent    string
	Findings []Finding
	// Stopped says why Check stopped before running every check ("" if it
	// ran them all): Options.StopAfter identical faults in a row, or the
	// end of its context (its cause). The checks it did not run are
	// Skipped.
	Stopped string
	// Repeated is the fault the agent made Options.StopAfter times in a
	// row, when that stopped Check.
	Repeated string
}

// Passed reports whether every check ran and none failed.
func (r *Report) Passed() bool {
	if r.Stopped != "" {
		return false
	}
	for _, f := range r.Findings {
		if f.Status == Failed {
			return false
		}
	}
	return true
}

// Find returns the finding of the named check, or nil.
func (r *Report) Find(check string) *Finding {
	for i := range r.Findings {
		if r.Findings[i].Check == check {
			return &r.Findings[i]
		}
	}
	return nil
}

// Check plays the agent from newAgent against the kit's panel of partners
// on its small scenarios, in both roles, with several seeds, and judges
// every rule of the conformance suite; see the package documentation for
// what each check does. newAgent must return a fresh agent each time: it
// is called once for every relationship played (some hundreds of times),
// sometimes from several goroutines at once. Check waits for every move,
// so an agent that never returns hangs it: an agent in another process
// needs a per-move timeout, which turns a hang into a fault.
func Check(newAgent func() agents.Agent, opts Options) Report {
	rep, _ := CheckContext(context.Background(), newAgent, opts)
	return rep
}

// CheckContext is Check, stopped when ctx ends: the checks that finished
// keep their verdicts, the one in progress is judged on the games it
// finished (Skipped if none broke a rule) and the rest are Skipped, and
// the error is the context's cause. Check waits for the move in progress,
// so for a prompt stop the agent must return when ctx ends: an agent
// behind the pipe does when its pool is interrupted (pipe.Pool.Interrupt).
func CheckContext(ctx context.Context, newAgent func() agents.Agent, opts Options) (Report, error) {
	c := newChecker(newAgent, opts)
	c.ctx = ctx
	rep := c.run()
	if c.stoppedBy == stopContext {
		return rep, context.Cause(ctx)
	}
	return rep, nil
}

type checker struct {
	newAgent func() agents.Agent
	opts     Options
	rep      Report
	ctx      context.Context

	found map[string]Finding

	// The streak of identical faults, for Options.StopAfter.
	streakSig   string
	streak      int
	streakFirst string
	stoppedBy   stopReason
}

// Why a checker stopped early.
type stopReason uint8

const (
	running stopReason = iota
	stopRepeated
	stopContext
)

func newChecker(newAgent func() agents.Agent, opts Options) *checker {
	if opts.Name == "" {
		opts.Name = "your agent"
	}
	if len(opts.Seeds) == 0 {
		opts.Seeds = []uint64{1, 2}
	}
	return &checker{newAgent: newAgent, opts: opts, rep: Report{Agent: opts.Name}, ctx: context.Background(), found: map[string]Finding{}}
}

// mainGames is the panel: every partner, scenario, role and seed.
func (c *checker) mainGames() []game {
	var gs []game
	for _, seed := range c.opts.Seeds {
		for _, sc := range []string{"car", "price", "bundle", "no-deal"} {
			for _, role := range []agents.Role{agents.Seller, agents.Buyer} {
				for _, p := range panel {
					gs = append(gs, game{scenario: sc, partner: p, role: role, opener: agents.Seller, seed: seed, deadline: 12, periods: 2})
				}
			}
		}
	}
	return gs
}

// edgeGames returns the games of the edge-case checks.
func (c *checker) edgeGames(check string) []game {
	seed := c.opts.Seeds[0]
	var gs []game
	add := func(scs []string, ps []partner, deadline, periods int) {
		for _, sc := range scs {
			for _, role := range []agents.Role{agents.Seller, agents.Buyer} {
				for _, p := range ps {
					gs = append(gs, game{scenario: sc, partner: p, role: role, opener: agents.Seller, seed: seed, deadline: deadline, periods: periods})
				}
			}
		}
	}
	switch check {
	case CheckOneRound:
		add([]string{"car", "price", "fixed"}, panel, 1, 2)
	case CheckSingleOption:
		add([]string{"fixed"}, panel, 12, 2)
	case CheckPartnerWalks:
		add([]string{"car", "price", "fixed"}, []partner{{"walks away at once", func() agents.Agent { return walker{} }}}, 12, 3)
	case CheckPartnerInvalid:
		add([]string{"car", "price"}, rogues, 12, 2)
	}
	return gs
}

func (c *checker) run() Report {
	if c.stopped() {
		return c.assemble()
	}
	if _, err := create(c.newAgent); err != nil {
		f := c.finding(CheckValidMoves)
		f.Status, f.Problem = Failed, err.Error()+": Check needs a function that returns a fresh agent"
		c.rep.Findings = append(c.rep.Findings, f)
		return c.rep
	}
	edgeChecks := []string{CheckOneRound, CheckSingleOption, CheckPartnerWalks, CheckPartnerInvalid}
	games := c.mainGames()
	var first []played
	c.step(CheckValidMoves, func() Finding {
		first = c.playEach(games, true)
		return c.judge(CheckValidMoves, first, faults)
	})
	all := first
	edges := map[string][]played{}
	for _, name := range edgeChecks {
		c.step(name, func() Finding {
			edges[name] = c.playEach(c.edgeGames(name), true)
			all = append(all, edges[name]...)
			return c.judge(name, edges[name], faults)
		})
	}
	c.step(CheckReservation, func() Finding {
		if c.opts.MayAcceptBelowReservation {
			f := c.finding(CheckReservation)
			f.Status, f.Note = Skipped, "the agent declares that it may accept a deal worth less than its reservation value (Options.MayAcceptBelowReservation)"
			return f
		}
		return c.judge(CheckReservation, all, belowReservation)
	})
	c.step(CheckReadOnlyView, func() Finding { return c.judge(CheckReadOnlyView, all, viewChanges) })
	c.step(CheckDeterministic, func() Finding { return c.deterministic(games, first) })
	c.step(CheckIndependent, func() Finding { return c.independent(games, first) })
	return c.assemble()
}

// assemble lists the checks' findings in the usual order, those that did
// not run as skipped.
func (c *checker) assemble() Report {
	for _, ch := range checks {
		f, ok := c.found[ch.name]
		if !ok {
			f = c.finding(ch.name)
			f.Status, f.Note = Skipped, notRun
		}
		c.add(f)
	}
	return c.rep
}

// The notes of the checks a stopped Check did not run or finish.
const (
	notRun      = "not run: stopped before it"
	notFinished = "not finished: stopped during it"
)

// step runs one check, telling Options.Progress, unless the checker has
// stopped: then the check is left out, to be listed as not run.
func (c *checker) step(name string, check func() Finding) {
	if c.stopped() {
		return
	}
	f := c.finding(name)
	if c.opts.Progress != nil {
		c.opts.Progress(Event{Check: name, Rule: f.Rule})
	}
	start := time.Now()
	f = check()
	if c.stoppedBy != running && f.Stopped == "" && f.Status != Skipped {
		f.Stopped = c.rep.Stopped
	}
	switch {
	case c.stoppedBy == stopContext && f.Status == Passed:
		f.Status, f.Note = Skipped, notFinished
	case c.stoppedBy == stopRepeated && f.Status == Passed:
		// The faults were not this check's to judge, but they kept it
		// from finishing: the check has no pass to give.
		f.Status = Failed
		f.Problem = fmt.Sprintf("%s broke the rules: %s", c.opts.Name, c.rep.Repeated)
	}
	c.found[name] = f
	if c.opts.Progress != nil {
		c.opts.Progress(Event{Check: name, Rule: f.Rule, Done: true, Finding: &f, Elapsed: time.Since(start)})
	}
}

// stopped reports whether the checker must play no more, noting why the
// first time it finds its context done.
func (c *checker) stopped() bool {
	if c.stoppedBy == running && c.ctx.Err() != nil {
		c.stoppedBy = stopContext
		c.rep.Stopped = context.Cause(c.ctx).Error()
	}
	return c.stoppedBy != running
}

// playEach plays the games one after the other, each with a fresh agent,
// until the checker stops. A game finished after the context ended is
// left out: the stop, not the agent, may have cut it short.
func (c *checker) playEach(games []game, views bool) []played {
	var ps []played
	for _, g := range games {
		if c.stopped() {
			break
		}
		p := solo(c.newAgent, g, views)
		if c.stopped() {
			break
		}
		ps = append(ps, p)
		c.observe(&p)
	}
	return ps
}

// digits matches the numbers that make two faults differ in words only.
var digits = regexp.MustCompile(`[0-9]+`)

// observe follows the streak of the agent's identical faults through the
// deals of a played game, and stops the checker when it reaches
// Options.StopAfter.
func (c *checker) observe(p *played) {
	if c.opts.StopAfter <= 0 || c.stoppedBy != running {
		return
	}
	see := func(fault string) {
		if fault == "" {
			c.streak, c.streakSig = 0, ""
			return
		}
		sig := digits.ReplaceAllString(fault, "#")
		if sig != c.streakSig {
			c.streak, c.streakSig, c.streakFirst = 0, sig, fault
		}
		c.streak++
		if c.streak >= c.opts.StopAfter {
			c.stoppedBy = stopRepeated
			c.rep.Repeated = c.streakFirst
			c.rep.Stopped = fmt.Sprintf("%s made the same fault %d times in a row", c.opts.Name, c.streak)
		}
	}
	if p.broke != "" {
		see(p.broke)
	}
	for _, out := range p.outs {
		if c.stoppedBy != running {
			return
		}
		if f := out.Fault; f != nil && f.By == p.g.role {
			see(faultText(f.Err))
		} else {
			see("")
		}
	}
}

func (c *checker) add(f Finding) { c.rep.Findings = append(c.rep.Findings, f) }

func (c *checker) finding(name string) Finding {
	for _, ch := range checks {
		if ch.name != name {
			continue
		}
		f := Finding{Check: name, Rule: ch.rule, About: ch.about, Hint: ch.hint}
		if p, ok := pipeChecks[name]; ok && c.opts.Pipe {
			f.Rule = cmp.Or(p.rule, f.Rule)
			f.About = cmp.Or(p.about, f.About)
			f.Hint = cmp.Or(p.hint, f.Hint)
		}
		return f
	}
	panic("agenttest: unknown check " + name)
}

// A violation is one broken rule found in a played game.
type violation struct {
	period, turn int // turn -1: not tied to a move
	did, against string
	problem      string
	noTranscript bool // the violation happened outside the deal's moves
}

// A rule finds the first violation in a played game, if any.
type rule func(p *played, name string) (violation, bool)

// judge applies a per-game rule to every played game.
func (c *checker) judge(name string, ps []played, r rule) Finding {
	f := c.finding(name)
	f.Negotiations = negotiations(ps)
	for i := range ps {
		v, bad := r(&ps[i], c.opts.Name)
		if !bad {
			continue
		}
		f.Failures++
		if f.Status != Failed {
			c.fail(&f, &ps[i], v)
		}
	}
	return f
}

func negotiations(ps []played) int {
	n := 0
	for _, p := range ps {
		n += max(len(p.outs), 1)
	}
	return n
}

// fail fills f's first-failure details from violation v of game p.
func (c *checker) fail(f *Finding, p *played, v violation) {
	f.Status = Failed
	f.Problem = v.problem
	f.Where = p.g.where(v.period, c.opts.Name)
	f.Did, f.Against = v.did, v.against
	if v.turn >= 0 {
		f.Round = v.turn/2 + 1
	}
	if v.period < len(p.outs) && !v.noTranscript {
		out := p.outs[v.period]
		var b strings.Builder
		upTo := len(out.Transcript)
		if v.turn >= 0 && v.turn < upTo {
			upTo = v.turn + 1
		}
		cut := out
		cut.Transcript = out.Transcript[:upTo]
		if upTo < len(out.Transcript) {
			cut.Fault = nil
		}
		writeTranscript(&b, &cut, p.g.role, c.opts.Name, "partner")
		f.Transcript = strings.TrimRight(b.String(), "\n")
	}
}

// faults finds the agent's first fault: a panic, an invalid move, a
// failed newAgent or a panicking Continue.
func faults(p *played, name string) (violation, bool) {
	if p.broke != "" {
		return violation{turn: -1, period: p.brokeAt, problem: name + " " + p.broke, noTranscript: true}, true
	}
	for period, out := range p.outs {
		f := out.Fault
		if f == nil || f.By != p.g.role {
			continue
		}
		v := violation{period: period, turn: f.Turn, problem: fmt.Sprintf("%s broke the rules: %s", name, faultText(f.Err))}
		if strings.HasPrefix(f.Err.Error(), "panic in Finish") {
			v.turn = -1
			v.problem = fmt.Sprintf("%s broke the rules after the negotiation ended: %s", name, faultText(f.Err))
		}
		if r := p.rec(period, f.Turn); r != nil {
			v.did, v.against = r.did, r.against
		} else if f.Turn > 0 && f.Turn <= len(out.Transcript) {
			v.against = Format(out.Transcript[f.Turn-1].Move)
		}
		if v.did == "" && strings.HasPrefix(f.Err.Error(), "panic") {
			v.did = "panicked"
		}
		return v, true
	}
	return violation{}, false
}

// rec returns the guard's record of the agent's Act at period and turn.
func (p *played) rec(period, turn int) *turnRec {
	for i := range p.recs {
		if r := &p.recs[i]; r.period == period && r.turn == turn && r.hook == "" {
			return r
		}
	}
	return nil
}

func belowReservation(p *played, name string) (violation, bool) {
	for _, r := range p.recs {
		if r.accepted && r.acceptU < r.resv-1e-9 {
			return violation{period: r.period, turn: r.turn, did: r.did, against: r.against,
				problem: fmt.Sprintf("%s accepted %s, worth %.3f to it, below its reservation value %.3f: walking away was worth more",
					name, r.offer, r.acceptU, r.resv)}, true
		}
	}
	return violation{}, false
}

func viewChanges(p *played, name string) (violation, bool) {
	for _, r := range p.recs {
		if r.changed == "" {
			continue
		}
		v := violation{period: r.period, turn: r.turn, did: r.did, against: r.against}
		if r.hook != "" {
			v.turn = -1
			v.problem = fmt.Sprintf("%s changed %s in its %s hook", name, r.changed, r.hook)
		} else {
			v.problem = fmt.Sprintf("%s changed %s during its turn", name, r.changed)
		}
		return v, true
	}
	return violation{}, false
}

// deterministic plays every game a second time with fresh agents and
// compares the moves.
func (c *checker) deterministic(games []game, first []played) Finding {
	f := c.finding(CheckDeterministic)
	f.Negotiations = negotiations(first)
	for i, g := range games {
		if c.stopped() {
			break
		}
		again := solo(c.newAgent, g, false)
		if c.stopped() {
			break
		}
		c.observe(&again)
		if v, differ := compare(&first[i], &again, c.opts.Name, "the first time", "the second time, with the same seed,"); differ {
			f.Failures++
			if f.Status != Failed {
				c.fail(&f, &first[i], v)
			}
		}
	}
	return f
}

// independent plays the games in interleaved pairs and then all at once,
// and compares each with the game played alone.
func (c *checker) independent(games []game, first []played) Finding {
	f := c.finding(CheckIndependent)
	f.Negotiations = 2 * negotiations(first)
	bad := make([]bool, len(games))
	note := func(i int, v violation) {
		f.Failures++
		bad[i] = true
		if f.Status != Failed {
			c.fail(&f, &first[i], v)
		}
	}
	for i := 0; i+1 < len(games); i += 2 {
		if c.stopped() {
			return f
		}
		a, b := interleaved(c.newAgent, games[i], games[i+1])
		if c.stopped() {
			return f
		}
		c.observe(&a)
		c.observe(&b)
		for k, p := range [2]played{a, b} {
			j := i + k
			other := games[i+1-k]
			side := fmt.Sprintf("taking turns with a second %s (playing %s against %q on %q),", c.one(), other.role, other.partner.name, other.scenario)
			if v, differ := compare(&first[j], &p, c.opts.Name, "alone", side); differ {
				note(j, v)
			}
		}
	}
	if c.stopped() {
		return f
	}
	at := fmt.Sprintf("while %d other agents played at the same time in other goroutines,", len(games)-1)
	if c.opts.Pipe {
		at = fmt.Sprintf("while %d other sessions were played at the same time,", len(games)-1)
	}
	all := concurrently(c.newAgent, games)
	if c.stopped() {
		return f
	}
	for i, p := range all {
		c.observe(&p)
		if bad[i] {
			continue
		}
		if v, differ := compare(&first[i], &p, c.opts.Name, "alone", at); differ {
			note(i, v)
		}
	}
	return f
}

// one names what the agent under test plays a game as: an agent, or a
// session of an agent behind the pipe.
func (c *checker) one() string {
	if c.opts.Pipe {
		return "session"
	}
	return "agent"
}

// compare finds the first move where two plays of the same game differ.
func compare(a, b *played, name, aWhen, bWhen string) (violation, bool) {
	for i := range max(len(a.recs), len(b.recs)) {
		var ra, rb *turnRec
		if i < len(a.recs) {
			ra = &a.recs[i]
		}
		if i < len(b.recs) {
			rb = &b.recs[i]
		}
		if ra != nil && rb != nil && ra.period == rb.period && ra.turn == rb.turn && ra.hook == rb.hook && ra.did == rb.did {
			continue
		}
		switch {
		case ra == nil:
			return violation{period: rb.period, turn: rb.turn, against: rb.against,
				problem: fmt.Sprintf("%s: %s the negotiation had ended by now; %s %s played %s", name, aWhen, bWhen, name, rb.did)}, true
		case rb == nil:
			return violation{period: ra.period, turn: ra.turn, did: ra.did, against: ra.against,
				problem: fmt.Sprintf("%s played %s %s; %s the negotiation had ended before this move", name, ra.did, aWhen, bWhen)}, true
		case ra.period != rb.period || ra.turn != rb.turn:
			return violation{period: ra.period, turn: ra.turn, did: ra.did, against: ra.against,
				problem: fmt.Sprintf("%s played %s %s; %s the negotiation had taken a different course by then (its move came in deal %d, round %d)",
					name, ra.did, aWhen, bWhen, rb.period+1, rb.turn/2+1)}, true
		}
		return violation{period: ra.period, turn: ra.turn, did: ra.did, against: ra.against,
			problem: fmt.Sprintf("%s played %s %s; %s it played %s", name, ra.did, aWhen, bWhen, rb.did)}, true
	}
	if a.broke != b.broke {
		return violation{turn: -1, noTranscript: true, problem: fmt.Sprintf("%s: %s it %s; %s it %s", name, aWhen, orNothing(a.broke), bWhen, orNothing(b.broke))}, true
	}
	return violation{}, false
}

func orNothing(broke string) string {
	if broke == "" {
		return "played without breaking down"
	}
	return broke
}
