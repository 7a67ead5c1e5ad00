package arena_test

import (
	"math"
	"math/bits"
	"slices"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// The hand-written reference for W1: Boulware (e = 0.2) against Conceder
// (e = 2) written out for this workload alone — five issues of ten
// options with strictly monotone values, a reservation value of 0, fresh
// agents every negotiation — in fixed-size arrays, with no interface, view,
// move list, validation, detection or outcome. It makes the decisions of
// the strategies' time-dependent agents (strategies/bidder.go: the tally of
// the partner's offers, the ladder built lazily and rebuilt on schedule,
// the shared interests kept, AC_next), which
// TestW1ReferenceDecidesAlike checks move by move against the arena. Its
// time per negotiation is the floor the issue measures the arena against:
//
//	go test ./arena/ -run '^$' -bench 'W1(BoulwareConceder|MinimalLoop|Reference)$' -benchmem -cpu 1 -count 5

// w1Steps is the number of options below the best on each W1 issue: its
// ladder steps.
const w1Steps = w1Options - 1

// w1Ref is one side of the reference: a time-dependent agent on W1.
type w1Ref struct {
	w   [w1Issues]float64
	vs  [w1Issues][]float64 // option values (w1Up or w1Down)
	fav [w1Issues]int       // best option: 9 on an ascending issue, 0 on a descending one
	dir [w1Issues]int       // −1 on an ascending issue (conceding lowers the option), +1 descending
	e   float64             // 0.2 (Boulware) or 2 (Conceder)

	pmax, gap float64

	// The tally of the partner's offers in this negotiation.
	counts              [w1Issues][w1Options]int32
	mode, unch, lastOpt [w1Issues]int32
	offers              int
	shows               [w1Issues]int // issues the partner always proposed fav on
	nshows              int
	shown               bool

	// The ladder: the issues in the order conceded, each nine steps.
	built        bool
	builtAt, own int
	lastU        float64
	order        [w1Issues]int
	norder       int
	utils        [1 + w1Issues*w1Steps]float64
	nutils       int
	offer        [w1Issues]int
}

// reset makes r a fresh agent with exponent e for preferences p.
func (r *w1Ref) reset(p *agents.Preferences, e float64) {
	*r = w1Ref{e: e, gap: math.Inf(1)}
	for i := range w1Issues {
		vs := p.Values[i]
		r.w[i], r.vs[i] = p.Weights[i], vs
		r.fav[i], r.dir[i] = w1Options-1, -1
		if vs[0] > vs[1] {
			r.fav[i], r.dir[i] = 0, 1
		}
		best, second := vs[r.fav[i]], vs[r.fav[i]+r.dir[i]]
		r.gap = min(r.gap, r.w[i]*(best-second))
		r.pmax += r.w[i] * best
		r.offer[i] = r.fav[i]
		r.lastOpt[i] = -1
		r.shows[i] = i
	}
	r.nshows = w1Issues
}

// observe tallies the partner's offer o.
func (r *w1Ref) observe(o *[w1Issues]int) {
	for i, k := range o {
		c := r.counts[i][k] + 1
		r.counts[i][k] = c
		if m := int(r.mode[i]); c > r.counts[i][m] || c == r.counts[i][m] && k < m {
			r.mode[i] = int32(k)
		}
		if int(r.lastOpt[i]) == k {
			r.unch[i]++
		}
		r.lastOpt[i] = int32(k)
	}
	r.offers++
	r.shown = true
	m := 0
	for _, i := range r.shows[:r.nshows] {
		if o[i] == r.fav[i] {
			r.shows[m] = i
			m++
		}
	}
	r.nshows = m
}

// build orders the issues (those the agent's offer has given up entirely
// first, then the one given up in part, then the untouched ones that the
// partner does not share, each group by falling rate partner weight / own
// weight) and computes the rungs' utilities.
func (r *w1Ref) build() {
	r.built, r.builtAt = true, r.own
	var group [w1Issues]int
	r.norder = 0
	for i := range w1Issues {
		switch k := r.offer[i]; {
		case r.own == 0 || k == r.fav[i]:
			group[i] = 2
			if r.offers > 0 && int(r.mode[i]) == r.fav[i] {
				continue // a shared interest
			}
		case k == r.fav[i]+w1Steps*r.dir[i]:
			group[i] = 0
		default:
			group[i] = 1
		}
		qi, wi := float64(1+r.unch[i]), r.w[i]
		j := r.norder
		for ; j > 0; j-- {
			a := r.order[j-1]
			if group[a] < group[i] || group[a] == group[i] && float64(1+r.unch[a])*wi >= qi*r.w[a] {
				break
			}
			r.order[j] = a
		}
		r.order[j] = i
		r.norder++
	}
	u := r.pmax
	r.utils[0], r.nutils = u, 1
	for _, i := range r.order[:r.norder] {
		w, vs, c := r.w[i], r.vs[i], r.fav[i]
		for range w1Steps {
			k := c + r.dir[i]
			u -= w * (vs[c] - vs[k])
			r.utils[r.nutils] = u
			r.nutils++
			c = k
		}
	}
}

// find returns the lowest rung worth at least target (rung 0 if none is).
func (r *w1Ref) find(target float64) int {
	lo, hi := 0, r.nutils // the rungs fall: find the first below target
	for lo < hi {
		m := (lo + hi) / 2
		if r.utils[m] >= target-1e-12 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return max(lo-1, 0)
}

// act returns whether the agent accepts the partner's offer worth lastValue
// to it (none at turn 0); if not, its offer is in r.offer.
func (r *w1Ref) act(turn int, last *[w1Issues]int, lastValue float64) bool {
	// The target: Pmax·(1 − t^(1/e)), the reservation value being 0.
	t := float64(turn) / (2*w1Deadline - 1)
	target := r.pmax
	switch {
	case t >= 1:
		target = 0
	case t > 0 && r.e == 2:
		target = r.pmax * (1 - math.Sqrt(t))
	case t > 0:
		t2 := t * t
		target = r.pmax * (1 - t*(t2*t2))
	}
	if turn > 0 {
		r.observe(last)
	}
	u := r.pmax
	if r.built || target <= r.pmax-r.gap/2 {
		if !r.built {
			r.build()
		}
		n := r.find(target)
		if r.utils[n] != r.lastU && r.own > 0 && 1<<(bits.Len(uint(r.own))-1) > r.builtAt {
			r.build()
			n = r.find(target)
		}
		u = r.utils[n]
		r.offer = r.fav
		for j, i := range r.order[:r.norder] {
			s := n - j*w1Steps
			if s <= 0 {
				break
			}
			r.offer[i] = r.fav[i] + min(s, w1Steps)*r.dir[i]
		}
	}
	if r.shown { // keep the shared interests
		for _, i := range r.shows[:r.nshows] {
			if k, c := r.offer[i], r.fav[i]; k != c {
				u += r.w[i] * (r.vs[i][c] - r.vs[i][k])
				r.offer[i] = c
			}
		}
	}
	if turn > 0 && lastValue >= u-1e-9 && lastValue >= 0 {
		return true
	}
	r.own++
	r.lastU = u
	return false
}

// w1Reference plays n W1 negotiations of Boulware (side A, opening)
// against Conceder with the reference agents, on the preferences of w1Run.
// each, if not nil, receives every negotiation's moves.
func w1Reference(n int, each func(moves []agents.Move)) w1Stats {
	weights := arena.NewRand(1, 7)
	var side [2]w1Ref
	var offers [2 * w1Deadline][w1Issues]int
	var moves []agents.Move
	var st w1Stats
	for range n {
		side[0].reset(w1Prefs(weights, false), 0.2)
		side[1].reset(w1Prefs(weights, true), 2)
		lastValue, agreed, turns := 0.0, false, 2*w1Deadline
		moves = moves[:0]
		for turn := range 2 * w1Deadline {
			me := &side[turn&1]
			var last *[w1Issues]int
			if turn > 0 {
				last = &offers[turn-1]
			}
			if me.act(turn, last, lastValue) {
				agreed, turns = true, turn+1
				if each != nil {
					moves = append(moves, agents.Accept(0))
				}
				break
			}
			offers[turn] = me.offer
			if each != nil {
				moves = append(moves, agents.Propose(slices.Clone(me.offer[:]), 0))
			}
			other := &side[1-turn&1]
			lastValue = 0
			for i, k := range me.offer {
				lastValue += other.w[i] * other.vs[i][k]
			}
		}
		if each != nil {
			each(moves)
		}
		st.add(turns, turns < 2*w1Deadline, agreed)
	}
	return st
}

// BenchmarkW1Reference is BenchmarkW1BoulwareConceder's negotiations in
// the hand-written reference: run both in one command to read the ratio.
func BenchmarkW1Reference(b *testing.B) {
	b.ReportAllocs()
	st := w1Reference(b.N, nil)
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(st.negotiations)/sec, "negotiations/s")
	b.ReportMetric(float64(st.rounds)/float64(st.negotiations), "rounds/negotiation")
	b.ReportMetric(100*float64(st.agreed)/float64(st.negotiations), "%agreed")
}

// TestW1ReferenceDecidesAlike checks that the hand-written reference makes
// the arena's decisions with the strategies' Boulware and Conceder: the
// same moves, negotiation by negotiation.
func TestW1ReferenceDecidesAlike(t *testing.T) {
	n := 2000
	if testing.Short() {
		n = 300
	}
	var want [][]agents.Move
	w1Reference(n, func(moves []agents.Move) { want = append(want, slices.Clone(moves)) })
	w1ArenaMovesAre(t, want, "the reference")
}
