package strategies

import (
	"math"
	"math/bits"
	"unsafe"

	"github.com/winwin-sim/winwin/agents"
)

// A bidder is the machinery the concession strategies share: a frequency
// model of the partner kept for the whole relationship (so its estimate
// improves deal after deal), an offer ladder built from that estimate, and
// the buffers that keep the round loop free of allocation.
//
// The ladder is the one agents.OfferSearch would build on the structural
// estimate of the partner (structuralValues, as the article strategies
// use): the frequency model's issue weights (an issue the partner keeps
// unchanged matters to it), and option values opposed to the agent's own,
// except on an issue where the option the partner proposes most is the
// agent's own favourite too (a shared interest, never conceded). The raw
// option counts (agents.FrequencyModel.Estimate) are too spiky for a
// ladder: the option the partner repeats would look like the only one it
// values, and the ladder would jump from the agent's best straight to it.
// With opposed values every option of an issue trades at the same rate,
// the partner's weight over the agent's own, so the ladder concedes the
// issues in falling order of that rate, each one option at a time in
// falling order of own value: a rung gives up one step of one issue and
// never skips an option, and the first rung worth a target is the best
// offer for the modelled partner among those worth it. One thing differs
// from OfferSearch: as the estimate changes, a rebuilt ladder keeps the
// concessions the agent has made in the negotiation (see ladder.build), so
// that it never takes one back.
//
// The bidder builds that ladder directly (see ladder) from a tally of the
// partner's offers: the two things the structural estimate reads from a
// frequency model, how often each issue was left unchanged and which
// option of it was proposed most. OfferSearch's hull walk would cost more
// and, on an issue whose options all trade at one rate, compares rates
// that differ only by rounding (of values such as k/9) and can skip
// options.
//
// The ladder is built lazily. While the target stays within the smallest
// step below the agent's best outcome, the offer is simply that best
// outcome and no ladder is needed (a Boulware holding out never builds
// one). Once built, the ladder falls due for a rebuild before the agent's
// own moves 1, 2, 4, 8, … of the negotiation, since the estimate changes
// little from one offer to the next; a due rebuild waits until the old
// ladder's offer differs from the agent's previous offer, so when the
// agent moves it moves with the freshest estimate.
type bidder struct {
	dom     *agents.Domain
	seen    tally
	lad     ladder
	offer   agents.Offer // the offer of the agent's move, reused
	prefs   *agents.Preferences
	pmin    float64 // reservation value
	pmax    float64 // utility of the agent's best offer
	gap     float64 // no offer but the best is worth more than pmax − gap
	own     int     // own moves made in this negotiation
	builtAt int     // own moves made when it was last built
	memo    bidMemo // what b.offer holds (see accepts)
	lastU   float64 // own utility of the agent's previous offer
	// The agent's own favourite option of each issue (the lowest index
	// among equals) is lad.best, which scan writes.
	//
	// shows lists, in increasing order, the issues on which every offer
	// of the partner in this negotiation proposed an option worth as much
	// to the agent as its favourite, and shown says that the partner has made
	// one (see keep). An issue leaves the list at the first offer that
	// does not, so that a move checks only the issues still listed. Its
	// memory (n int32s) is carved with the tally's (see sizeFor).
	shows       []int32
	shown       bool
	free        bool  // some issue of weight 0 has options of different value
	built       bool  // the ladder was built in this negotiation
	releaseMark       // whether the agent was given back (see recycle.go)
	gen         int32 // ladders built so far: a ladder's identity (beside the bools, in their word)
	// The bools above share a word. A time-dependent agent, made fresh for
	// every negotiation of a bulk run, is at most 512 bytes
	// (TestTimeDependentFitsItsSizeClass): the largest objects the
	// allocator sets up without a header, and a quarter of what it was
	// while the agent carried buffers for any small domain. Its buffers
	// are allocated at its first move, sized to the domain (sizeFor).
}

// fresh makes b the bidder of a fresh agent, as its zero value is, but
// for the buffers it made for its last domain, which it keeps, emptied,
// for an agent recycled on the same domain (see recycle.go). It sets each
// field that is not a buffer by name (writing the buffers' slices back
// into a zeroed bidder cost W1 1%); TestRenewedIsNew fails if one is left
// out.
func (b *bidder) fresh() {
	if b.dom == nil {
		*b = bidder{}
		return
	}
	b.seen.empty()
	b.prefs = nil
	b.pmin, b.pmax, b.gap, b.lastU = 0, 0, 0, 0
	b.own, b.builtAt, b.memo, b.gen = 0, 0, bidMemo{}, 0
	b.shown, b.free, b.built, b.released = false, false, false, false
	l := &b.lad
	l.top, l.key, l.ready, l.runs, l.runsOf = 0, noKey, false, 0, nil
}

// sizeFor makes the tally, the ladder and the agent's offer buffers for
// domain d in one pointer-free allocation sized to d, carved into the
// float64s, ints and int32s they need: 1,000 bytes on W1's five issues of
// ten options. Each byte a fresh agent allocates costs: memory to zero,
// collections to run (allocating 4 KB of garbage more per W1 negotiation
// took 0.7 µs on this project's machine).
func (b *bidder) sizeFor(d *agents.Domain) {
	n, k, steps := shape(d)
	nu, ni, n32 := steps+1, 2*n, tallyLen(n, k)+n+ladderLen(n, steps)
	words := make([]uint64, nu+ni+(n32+1)/2)
	utils, ints, i32 := carveWords(words, nu, ni, n32)
	b.seen.carve(d, i32[:tallyLen(n, k)])
	i32 = i32[tallyLen(n, k):]
	b.shows, i32 = i32[:n:n], i32[n:]
	b.offer = b.lad.carve(n, steps, i32, ints, utils)
}

// carveWords returns the first nu words of words as float64s, the next ni
// as ints, and the rest as n32 int32s: one allocation without pointers
// holds all three (words has nu + ni + ⌈n32/2⌉ of them).
func carveWords(words []uint64, nu, ni, n32 int) (utils []float64, ints []int, i32 []int32) {
	words = words[:nu+ni+(n32+1)/2] // a short words panics here, not in memory beyond it
	p := unsafe.Pointer(unsafe.SliceData(words))
	utils = unsafe.Slice((*float64)(p), nu)
	ints = unsafe.Slice((*int)(unsafe.Add(p, 8*nu)), ni)
	i32 = unsafe.Slice((*int32)(unsafe.Add(p, 8*(nu+ni))), n32)
	return utils, ints, i32
}

// shape returns the number of issues of d, of options in all, and of
// ladder steps in all: the options below the best, k − n on a valid domain.
func shape(d *agents.Domain) (n, k, steps int) {
	for _, is := range d.Issues {
		k += len(is.Options)
		steps += max(len(is.Options)-1, 0)
	}
	return len(d.Issues), k, steps
}

// begin prepares the bidder on the agent's first move of a negotiation
// (when v.Moves holds at most the partner's opening) and reports whether it
// did; the tally and buffers are made once per domain.
func (b *bidder) begin(v *agents.View) bool {
	if len(v.Moves) < 2 || b.prefs != v.Prefs {
		return b.start(v) // a negotiation's first move (the domain is checked there)
	}
	return false // the usual move: inlined, no call
}

// start is begin's work when there is any.
func (b *bidder) start(v *agents.View) bool {
	if b.dom != v.Domain {
		b.dom = v.Domain
		b.sizeFor(v.Domain)
	}
	if len(v.Moves) >= 2 && b.prefs == v.Prefs {
		return false
	}
	b.prefs = v.Prefs
	b.pmin = v.Prefs.Reservation
	b.scan()
	b.own = 0
	b.built = false
	b.memo.gen = -1 // b.offer holds the best offer, not a memo's
	b.lad.ready = false
	b.shown = false
	b.shows = b.shows[:cap(b.shows)]
	for i := range b.shows {
		b.shows[i] = int32(i)
	}
	return true
}

// scan reads the agent's own preferences once per negotiation, in one
// pass: pmax (summed as Preferences.MaxUtility sums it, so the two agree
// to the bit), gap, the best offer (the lowest index among equals) into
// b.offer, and whether any issue of weight 0 has options of different
// value, which the ladder's top gives away for free (see top).
func (b *bidder) scan() {
	p := b.prefs
	b.pmax, b.gap, b.free = 0, math.Inf(1), false
	var runs uint64 // how each issue's values run, two bits an issue, for prepare
	for i, vs := range p.Values {
		w := p.Weights[i]
		// c is the first option of the highest value best, and second
		// the highest value below it: at the ends of strictly monotone
		// values (the usual ones, checked at one comparison a value),
		// otherwise found in one pass (a new best demotes the old).
		c, best, second := 0, vs[0], math.Inf(-1)
		run := monotone(vs)
		runs |= uint64(run) << (2 * (i & 31))
		switch last := len(vs) - 1; run {
		case falling:
			if last > 0 {
				second = vs[1]
			}
		case rising:
			c, best, second = last, vs[last], vs[last-1]
		default:
			for k, x := range vs[1:] {
				if x > best {
					c, best, second = k+1, x, best
				} else if x < best && x > second {
					second = x
				}
			}
		}
		if second > math.Inf(-1) {
			if w > 0 {
				b.gap = min(b.gap, w*(best-second))
			} else {
				b.free = true
			}
		}
		b.offer[i], b.lad.best[i] = c, c
		b.pmax += w * best
	}
	b.lad.runs, b.lad.runsOf = runs, nil
	if len(p.Values) <= 32 {
		b.lad.runsOf = p
	}
}

// observe tallies the partner's last offer, if any, and notes the shared
// interests it shows (see keep).
func (b *bidder) observe(v *agents.View) {
	if v.Last.Kind != agents.MoveOffer {
		return
	}
	o := v.Last.Offer
	b.seen.observe(o)
	b.shown = true
	// In locals: a store into shows could otherwise alias each field read.
	// Most offers keep every issue listed: find the first that leaves
	// before writing anything.
	shows, values, fav := b.shows, b.prefs.Values, b.lad.best
	j := 0
	for ; j < len(shows); j++ {
		if i := shows[j]; o[i] != fav[i] && !(values[i][o[i]] >= values[i][fav[i]]) {
			break
		}
	}
	if j == len(shows) {
		return
	}
	m := j
	for _, i := range shows[j+1:] {
		if k, c := o[i], fav[i]; k == c || values[i][k] >= values[i][c] {
			shows[m] = i
			m++
		}
	}
	b.shows = b.shows[:m]
}

// keep gives off, an offer worth u to the agent, its favourite option of
// every issue on which every offer of the partner in this negotiation has
// proposed it too, and returns the offer's new worth. The partner's own
// offers show that it wants the same thing there, so any other option
// would be worse for both sides (a lose-lose move); the ladder leaves such
// an issue alone only while it is the partner's most proposed option over
// the whole relationship (tally.shared), which a partner that changed its
// offers in an earlier deal can hide. keep only raises the offer's worth.
func (b *bidder) keep(off agents.Offer, u float64) float64 {
	if !b.shown {
		return u
	}
	weights, values, fav := b.prefs.Weights, b.prefs.Values, b.lad.best
	for _, i := range b.shows {
		k, c := off[i], fav[i]
		if vs := values[i]; k != c && vs[k] < vs[c] {
			u += weights[i] * (vs[c] - vs[k])
			off[i] = c
		}
	}
	return u
}

// bid returns the ladder's offer for target (the lowest rung still worth
// it: the best for the modelled partner) and its utility to the agent,
// building the ladder when it is first needed and rebuilding it on
// schedule.
//
// It returns the rung's index and utility, and −1 for the offer already
// in b.offer before the ladder is built (the top); accepts writes the
// rung's offer.
func (b *bidder) bid(target float64) (int, float64) {
	if !b.built {
		if target > b.pmax-b.gap/2 {
			if b.own == 0 && b.free {
				b.top() // otherwise scan left the top in b.offer
				b.memo.gen = -1
			}
			return -1, b.pmax
		}
		b.rebuild()
	}
	r := b.lad.findFrom(int(b.memo.r), b.memo.gen == b.gen, target)
	if b.lad.utils[r] != b.lastU && b.due() {
		b.rebuild()
		r = b.lad.find(target)
	}
	return r, b.lad.utils[r]
}

// A bidMemo says what b.offer holds: the offer of rung r (−1: the top) of
// ladder gen after keep, with shows listed issues (−1 before the partner's
// first offer), worth u. The same rung with the same shared interests is
// the same offer, so a move that stays on its rung (a Boulware holding
// out, a Conceder between two rungs) writes nothing.
type bidMemo struct {
	u             float64
	gen, r, shows int32 // int32s keep a time-dependent agent within 512 bytes
}

// due reports whether the ladder is due for a rebuild: a power of two
// (1, 2, 4, 8, …) of own moves has been reached since it was built.
func (b *bidder) due() bool {
	return b.own > 0 && 1<<(bits.Len(uint(b.own))-1) > b.builtAt
}

// refresh rebuilds the ladder now if it is due (or not built yet), for a
// caller about to read it.
func (b *bidder) refresh() {
	if !b.built || b.due() {
		b.rebuild()
	}
}

// stepBelow returns a target one step down the ladder from an offer worth
// u: the utility of the best rung worth less than u, or u itself when
// there is none above the reservation value.
func (b *bidder) stepBelow(u float64) float64 {
	b.refresh()
	utils := b.lad.utils // rungs fall in utility: find the first below u
	lo, hi := 0, len(utils)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if utils[m] >= u-acceptSlack {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == len(utils) {
		return u
	}
	if ul := utils[lo]; ul >= b.pmin {
		return ul
	}
	return u
}

// top writes into b.offer, before the agent's first offer and without a
// ladder, the ladder's top: scan's best offer with every issue of weight 0
// given away for free, set to the option the agent values least (the
// lowest index among equals), unless the partner has shown the issue to
// be a shared interest (see ladder.build).
func (b *bidder) top() {
	for i, vs := range b.prefs.Values {
		if b.prefs.Weights[i] > 0 || b.seen.shared(i, b.offer[i]) {
			continue
		}
		c := 0
		for k, x := range vs {
			if x < vs[c] {
				c = k
			}
		}
		b.offer[i] = c
	}
}

// rebuild builds the ladder from the current tally of the partner's
// offers, keeping the concessions of the agent's previous offer in this
// negotiation (in b.offer until bid writes the next). A rebuild that
// orders the issues as before leaves the ladder as it was, and its
// identity (gen) with it, so the memo of its rung still holds.
func (b *bidder) rebuild() {
	b.built, b.builtAt = true, b.own
	var prev agents.Offer
	if b.own > 0 {
		prev = b.offer
	}
	if b.lad.build(b.prefs, &b.seen, prev) {
		b.gen++
	}
}

// A tally is the part of a frequency model (agents.FrequencyModel) that
// the structural estimate reads: how often the partner left each issue
// unchanged from one offer to the next (its weights are 1 + that count,
// normalised) and which option of each issue it proposed most. It is kept
// for the whole relationship; observe does not allocate.
type tally struct {
	counts    []int32 // counts[at[i]+k]: times option k of issue i was proposed
	at        []int32
	mode      []int32 // each issue's most proposed option, the lowest index among equals
	unchanged []int32
	last      []int32 // the previous offer (-1s before the first)
	offers    int
}

// size makes an empty tally for domain d, in one allocation (int32s keep
// the fresh agent of every negotiation small).
func (t *tally) size(d *agents.Domain) {
	n, k, _ := shape(d)
	t.carve(d, make([]int32, tallyLen(n, k)))
}

// tallyLen is the number of int32s a tally of n issues and k options in
// all takes.
func tallyLen(n, k int) int { return 4*n + k }

// carve makes an empty tally for domain d in ints, which holds tallyLen
// zeros.
func (t *tally) carve(d *agents.Domain, ints []int32) {
	n := len(d.Issues)
	t.at, t.mode, t.unchanged, t.last = ints[:n:n], ints[n:2*n:2*n], ints[2*n:3*n:3*n], ints[3*n:4*n:4*n]
	for i := range n {
		if i > 0 {
			t.at[i] = t.at[i-1] + int32(len(d.Issues[i-1].Options))
		}
		t.last[i] = -1 // the first offer has nothing to be unchanged from
	}
	t.counts = ints[4*n:]
	t.offers = 0
}

// empty makes the tally of no offers again, in the memory it has.
func (t *tally) empty() {
	clear(t.counts)
	clear(t.mode)
	clear(t.unchanged)
	for i := range t.last {
		t.last[i] = -1
	}
	t.offers = 0
}

// observe records one offer of the partner.
func (t *tally) observe(o agents.Offer) {
	n := len(o)
	counts, at, mode, unchanged, last := t.counts, t.at[:n], t.mode[:n], t.unchanged[:n], t.last[:n]
	for i, k := range o {
		base := int(at[i])
		c := counts[base+k] + 1
		counts[base+k] = c
		if m := int(mode[i]); m != k {
			if cm := counts[base+m]; c > cm || c == cm && k < m {
				mode[i] = int32(k)
			}
		}
		if int(last[i]) == k {
			unchanged[i]++
		}
		last[i] = int32(k)
	}
	t.offers++
}

// weight returns the partner's weight of issue i, unnormalised: 1 + the
// times it was left unchanged.
func (t *tally) weight(i int) float64 { return float64(1 + t.unchanged[i]) }

// shared reports whether the partner's most proposed option of issue i is
// best, the agent's own best: a shared interest. Before any offer, no issue
// is.
func (t *tally) shared(i, best int) bool { return t.offers > 0 && int(t.mode[i]) == best }

// A ladder is the bidder's offer ladder: the agent's offers from its best
// downwards, each rung one option of one issue further towards the
// partner, for the structural estimate of the partner (see bidder). It
// stores no offers: rung r is the best offer with the first r steps taken,
// and the steps are the issues' falling own-value orders, one issue after
// another. The options' order is made once per negotiation, the issue
// order and the rungs' utilities at each build: O(Σ k_i) for k_i options
// of issue i, no allocation after size.
type ladder struct {
	best  []int     // own best option of each issue (the lowest index among equals)
	opts  []int32   // issue i's steps are opts[from[i]:from[i+1]]: options in falling own value
	from  []int32   // len n+1
	order []int32   // issues with steps, in the order conceded
	first []int32   // first[j]: steps before issue order[j]'s; first[len(order)] = all steps
	utils []float64 // own utility of each rung, falling; rung 0 is the best offer
	top   float64   // utils[0], the best offer's utility
	// key is the issue order utils were computed for (see orderKey), or
	// noKey: a build that finds the same order again has nothing to
	// compute.
	key   uint64
	ready bool // best, opts and from are made for this negotiation's preferences
	// laid, if not 0, is the runs (as below) of the preferences opts and
	// from were last made for, all of whose issues fall or rise and all
	// of whose weights are above 0: preferences that run the same way
	// (the next negotiation's, a recycled agent's) have the same steps.
	// It lives as long as the buffers: carve clears it.
	laid uint64
	// runs holds monotone's answer for each issue of runsOf's values, two
	// bits an issue (up to 32), as the bidder's scan found it: prepare
	// need not check the values again.
	runs   uint64
	runsOf *agents.Preferences
}

// noKey is a ladder's key when its utils are not known to belong to an
// order that orderKey packs.
const noKey = ^uint64(0)

// orderKey packs an issue order into a uint64, one byte an issue, or
// returns noKey when it does not fit (more than eight issues, or an index
// above 253). Two orders with the same key are the same order.
func orderKey(order []int32) uint64 {
	if len(order) > 8 {
		return noKey
	}
	k := uint64(0)
	for _, i := range order {
		if uint32(i) > 253 {
			return noKey
		}
		k = k<<8 | uint64(i+1)
	}
	return k
}

// size makes the ladder's buffers for domain d, in three allocations,
// and returns an offer buffer for the agent, carved from the same memory.
func (l *ladder) size(d *agents.Domain) (offer agents.Offer) {
	n, _, steps := shape(d)
	return l.carve(n, steps, make([]int32, ladderLen(n, steps)), make([]int, 2*n), make([]float64, steps+1))
}

// ladderLen is the number of int32s a ladder of n issues and steps steps
// in all (shape) takes.
func ladderLen(n, steps int) int { return (steps + 1) + (n + 1) + n + (n + 1) }

// carve makes the ladder's buffers for n issues and steps steps in all
// from ints (ladderLen long), offers (2n) and utils (one per rung: steps
// + 1), and returns an offer buffer for the agent, carved from offers.
// The ladder's best is the bidder's favourites too: the agent's scan and
// the ladder's prepare both write there the first option of each issue's
// highest value. opts holds a rung per step, and while prepare sorts issue
// i, the steps before it and all of issue i's options: at most steps + 1.
func (l *ladder) carve(n, steps int, ints []int32, offers []int, utils []float64) (offer agents.Offer) {
	offer, l.best = offers[:n:n], offers[n:2*n:2*n]
	l.opts, ints = ints[:0:steps+1], ints[steps+1:]
	l.from, ints = ints[:n+1:n+1], ints[n+1:]
	l.order, ints = ints[:0:n], ints[n:]
	l.first = ints[: 0 : n+1]
	l.utils = utils[: 0 : steps+1]
	l.ready, l.key, l.laid = false, noKey, 0
	return offer
}

// prepare makes each issue's steps for own preferences p: the options below
// the best in falling own value, the lowest index of each value (the
// partner gains nothing from an option the agent values the same). On an
// issue of weight 0 every option is free to give away, and the one step
// goes straight to the option the agent values least, the partner's
// favourite by the estimate.
func (l *ladder) prepare(p *agents.Preferences) {
	known := l.runsOf == p // the bidder's scan found how p's values run
	if known && l.laid != 0 && l.laid == l.runs && positive(p.Weights) {
		// The steps are those of the last preferences prepared: every
		// issue falls or rises as it did there, with as many options.
		// best is scan's (the same options).
		l.top = 0
		for i, c := range l.best {
			l.top += p.Weights[i] * p.Values[i][c]
		}
		l.key, l.ready = noKey, true
		return
	}
	l.laid = 0
	if known && allMonotone(l.runs, len(p.Values)) && positive(p.Weights) {
		l.laid = l.runs // what the steps below will be made for
	}
	l.opts = l.opts[:0]
	for i, vs := range p.Values {
		l.from[i] = int32(len(l.opts))
		seg := l.opts[len(l.opts) : len(l.opts)+len(vs)]
		m := 0 // seg[:m] keeps the first option of each value below the best
		run := int(l.runs >> (2 * (i & 31)) & 3)
		if !known {
			run = monotone(vs)
		}
		switch run {
		case falling: // the usual values: every option worth less than the one before
			l.best[i] = 0
			for k := 1; k < len(vs); k++ {
				seg[k-1] = int32(k)
			}
			m = len(vs) - 1
		case rising:
			l.best[i] = len(vs) - 1
			for k := range len(vs) - 1 {
				seg[k] = int32(len(vs) - 2 - k)
			}
			m = len(vs) - 1
		default:
			sortOptions(seg, vs)
			l.best[i] = int(seg[0])
			for _, k := range seg[1:] {
				last := int32(l.best[i])
				if m > 0 {
					last = seg[m-1]
				}
				if vs[k] < vs[last] {
					seg[m] = k
					m++
				}
			}
		}
		if p.Weights[i] <= 0 && m > 1 {
			seg[0], m = seg[m-1], 1
		}
		l.opts = l.opts[:len(l.opts)+m]
	}
	l.from[len(p.Values)] = int32(len(l.opts))
	l.key = noKey // utils were for other preferences
	l.top = 0
	for i, c := range l.best {
		l.top += p.Weights[i] * p.Values[i][c]
	}
	l.ready = true
}

// allMonotone reports whether each of the n issues of runs (two bits an
// issue, as scan packs them; n at most 32) falls or rises: none is
// unordered, 0.
func allMonotone(runs uint64, n int) bool {
	const lows = 0x5555555555555555 // the low bit of every issue's two
	mask := uint64(lows)
	if n < 32 {
		mask &= 1<<(2*n) - 1
	}
	return (runs|runs>>1)&mask == mask
}

// positive reports whether every weight is above 0.
func positive(weights []float64) bool {
	for _, w := range weights {
		if !(w > 0) {
			return false
		}
	}
	return true
}

// How an issue's option values run (see monotone).
const (
	unordered = iota
	falling   // strictly, from option 0 (one option counts as falling)
	rising    // strictly
)

// monotone reports whether vs falls or rises strictly. The first two
// values say which of the two it can be, so one pass checks only that.
func monotone(vs []float64) int {
	if len(vs) < 2 {
		return falling
	}
	prev := vs[1]
	switch {
	case prev < vs[0]:
		for _, x := range vs[2:] {
			if !(x < prev) {
				return unordered
			}
			prev = x
		}
		return falling
	case prev > vs[0]:
		for _, x := range vs[2:] {
			if !(x > prev) {
				return unordered
			}
			prev = x
		}
		return rising
	}
	return unordered
}

// sortOptions writes into seg the options 0..len(vs)−1 in falling value,
// the lowest index first among equals: an insertion sort.
func sortOptions(seg []int32, vs []float64) {
	for k := range vs {
		j := k
		for ; j > 0 && vs[seg[j-1]] < vs[k]; j-- {
			seg[j] = seg[j-1]
		}
		seg[j] = int32(k)
	}
}

// build orders the issues and computes the rungs' utilities for own
// preferences p and the tally t of the partner's offers. The issues are
// conceded in falling order of the rate partner weight / own weight
// (weight 0 first: a free gain), the lower index first among equals; an
// issue that is a shared interest (tally.shared) is not conceded.
//
// The estimate changes as the partner moves, and with it the issue order;
// a new order must not take back what the agent's previous offer prev
// (nil before its first) has already given. So the issues prev has given
// up entirely come first, then the one it has given up in part, then the
// untouched ones, each group in rate order: prev is a rung of the new
// ladder (up to options the agent values alike), and every rung below it
// keeps all its concessions.
//
// The rungs' utilities depend on the order alone (and on p, fixed for a
// negotiation), so a build that finds the order of the last build again
// keeps them; build reports whether the ladder changed.
func (l *ladder) build(p *agents.Preferences, t *tally, prev agents.Offer) (changed bool) {
	if !l.ready {
		l.prepare(p)
	}
	weights, values := p.Weights, p.Values
	// groups[i] is issue i's group while the order is made, in first's
	// memory (written afterwards).
	order, groups := l.order[:0], l.first[:len(values)]
	for i := range len(values) {
		if l.from[i] == l.from[i+1] {
			continue // no option below the best
		}
		g := l.group(i, values[i], prev)
		if g == untouched && t.shared(i, l.best[i]) {
			continue
		}
		groups[i] = int32(g)
		// Insert i after the issues of an earlier group or of a rate at
		// least its own: with partner weights q, q_a/w_a ≥ q_i/w_i as
		// q_a·w_i ≥ q_i·w_a.
		qi, wi := t.weight(i), weights[i]
		order = order[:len(order)+1]
		j := len(order) - 1
		for ; j > 0; j-- {
			a := int(order[j-1])
			if ga := int(groups[a]); ga < g || ga == g && t.weight(a)*wi >= qi*weights[a] {
				break
			}
			order[j] = int32(a)
		}
		order[j] = int32(i)
	}
	// first[j] counts the steps of the issues before order[j].
	first, steps := l.first[:0], int32(0)
	for _, i := range order {
		first = append(first, steps)
		steps += l.from[i+1] - l.from[i]
	}
	first = append(first, steps)
	// Only the lengths change (order and first are the ladder's own
	// memory): reslicing a field in place writes no pointer, so the
	// collector's write barrier is not paid while it marks.
	l.order, l.first = l.order[:len(order)], l.first[:len(first)]
	key := orderKey(order)
	if key != noKey && key == l.key {
		return false
	}
	l.key = key
	// Each step gives up the value between the last option and the next:
	// u −= w·(v_c − v_k), with v_c carried from step to step.
	u, n := l.top, 1
	utils := l.utils[:cap(l.utils)]
	utils[0] = u
	for _, i := range order {
		w, vs := weights[i], values[i]
		c := vs[l.best[i]]
		for _, k := range l.opts[l.from[i]:l.from[i+1]] {
			x := vs[k]
			u -= w * (c - x)
			utils[n] = u
			n++
			c = x
		}
	}
	l.utils = l.utils[:n]
	return true
}

// The groups of issues by how much of an issue the previous offer gave up
// (see build).
const (
	givenUp = iota
	inPart
	untouched
)

// group returns how much of issue i (own values vs, with options below the
// best) prev gives up.
func (l *ladder) group(i int, vs []float64, prev agents.Offer) int {
	switch {
	case prev == nil || vs[prev[i]] >= vs[l.best[i]]:
		return untouched
	case vs[prev[i]] <= vs[l.opts[l.from[i+1]-1]]:
		return givenUp
	}
	return inPart
}

// find returns the lowest rung whose own utility is at least target (rung 0
// if none is).
func (l *ladder) find(target float64) int {
	// utils fall: find the last rung worth target, which lies in
	// [base, base+n) (rung 0 if none is worth it), halving n without a
	// branch to mispredict.
	t, utils := target-1e-12, l.utils
	base, n := 0, len(utils)
	for n > 1 {
		half := n / 2
		if utils[base+half] >= t {
			base += half
		}
		n -= half
	}
	return base
}

// findFrom is find with a hint: when ok, rung r of this ladder was found
// for an earlier target. Targets seldom cross more than a rung or two from
// one move to the next, so the rungs just below r are checked first.
func (l *ladder) findFrom(r int, ok bool, target float64) int {
	t, utils := target-1e-12, l.utils
	if ok && r >= 0 && r < len(utils) && utils[r] >= t {
		for range 4 {
			if r+1 == len(utils) || !(utils[r+1] >= t) {
				return r
			}
			r++
		}
	}
	return l.find(target)
}

// rung writes the offer of rung r into dst: each issue in the order
// conceded has taken the steps of r that fall on it.
func (l *ladder) rung(r int, dst agents.Offer) agents.Offer {
	for i, c := range l.best[:len(dst)] { // a loop: copy's call costs more for a few issues
		dst[i] = c
	}
	// In locals, and the step found by its index in opts rather than by
	// slicing the issue's steps: fewer loads and bounds checks a rung.
	order, from, opts := l.order, l.from, l.opts
	first := l.first[:len(order)]
	for j, i := range order {
		s := r - int(first[j])
		if s <= 0 {
			break
		}
		lo, n := int(from[i]), int(from[i+1]-from[i])
		dst[i] = int(opts[lo+min(s, n)-1])
	}
	return dst
}

// acceptSlack absorbs rounding when comparing utilities of different offers.
const acceptSlack = 1e-9

// respond is AC_next: accept the partner's last offer when it is worth at
// least the agent's own next offer (the ladder's offer for target) and at
// least the reservation value; otherwise propose that offer.
//
// A Move returned right after small stores built it costs a stall: the
// caller copies it with wide loads, which the processor cannot forward
// from the stores still in flight. The time-dependent agents, the
// workload W1 measures, write their result early instead (see
// timeDependent.Act).
func (b *bidder) respond(v *agents.View, target float64) agents.Move {
	if b.accepts(v, target) {
		return agents.Accept(0)
	}
	return agents.Propose(b.offer, 0)
}

// accepts is respond's decision: whether to accept, and if not, the offer
// to make in b.offer.
func (b *bidder) accepts(v *agents.View, target float64) bool {
	r, u := b.bid(target)
	shows := -1
	if b.shown {
		shows = len(b.shows)
	}
	if m := b.memo; int(m.r) == r && m.gen == b.gen && int(m.shows) == shows {
		u = m.u // b.offer holds the offer already
	} else {
		if r >= 0 {
			b.lad.rung(r, b.offer)
		}
		u = b.keep(b.offer, u)
		b.memo = bidMemo{r: int32(r), gen: b.gen, shows: int32(shows), u: u}
	}
	if v.Last.Kind == agents.MoveOffer {
		if pu := v.LastValue; pu >= u-acceptSlack && pu >= b.pmin {
			return true
		}
	}
	b.own++
	b.lastU = u
	return false
}
