package strategies

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// duel plays one negotiation between two agents without the arena, the
// protocol stripped to what the agents see, so that a test can count the
// agents' allocations alone. It returns the number of moves.
type duel struct {
	views  [2]agents.View
	moves  []agents.Move
	offbuf []int
}

func (d *duel) play(dom *agents.Domain, a, b agents.Agent, pa, pb *agents.Preferences, ra, rb *rand.Rand, deadline int) int {
	n := len(dom.Issues)
	if cap(d.moves) < 2*deadline {
		d.moves = make([]agents.Move, 0, 2*deadline)
		d.offbuf = make([]int, 2*deadline*n)
	}
	d.moves = d.moves[:0]
	ags := [2]agents.Agent{a, b}
	d.views[0] = agents.View{Domain: dom, Prefs: pa, Role: agents.Seller, Opener: agents.Seller, Deadline: deadline, Rand: ra}
	d.views[1] = agents.View{Domain: dom, Prefs: pb, Role: agents.Buyer, Opener: agents.Seller, Deadline: deadline, Rand: rb}
	for turn := range 2 * deadline {
		v := &d.views[turn%2]
		v.Turn, v.Round, v.Moves = turn, turn/2, d.moves
		v.Last, v.LastValue = agents.Move{}, 0
		if turn > 0 {
			v.Last = d.moves[turn-1]
			v.LastValue = v.Prefs.Utility(v.Last.Offer)
		}
		m := ags[turn%2].Act(v)
		if m.Kind == agents.MoveOffer {
			slot := agents.Offer(d.offbuf[turn*n : (turn+1)*n : (turn+1)*n])
			copy(slot, m.Offer)
			m.Offer = slot
		}
		d.moves = append(d.moves, m)
		if m.Kind != agents.MoveOffer {
			break
		}
	}
	return len(d.moves)
}

// w1Sample returns the domain of the W1 workload (5 issues × 10 options)
// and one draw of its preferences: the seller values option v at v/9, the
// buyer at (9−v)/9 on issues 0–2 and v/9 on 3–4, weights uniform and
// normalised.
func w1Sample(r *rand.Rand) (*agents.Domain, *agents.Preferences, *agents.Preferences) {
	d := &agents.Domain{Name: "W1"}
	for i := range 5 {
		is := agents.Issue{Name: fmt.Sprint("i", i)}
		for k := range 10 {
			is.Options = append(is.Options, fmt.Sprint(k))
		}
		d.Issues = append(d.Issues, is)
	}
	prefs := func(buyer bool) *agents.Preferences {
		p := &agents.Preferences{Weights: make([]float64, 5), Values: make([][]float64, 5)}
		sum := 0.0
		for i := range p.Weights {
			p.Weights[i] = r.Float64()
			sum += p.Weights[i]
		}
		for i := range p.Weights {
			p.Weights[i] /= sum
			p.Values[i] = agents.Linear(10, !(buyer && i < 3))
		}
		return p
	}
	return d, prefs(false), prefs(true)
}

// BenchmarkTimeDependentRound measures the agents' side of one round of
// Boulware against Conceder on W1: a whole negotiation between agents kept
// from one iteration to the next (as in a relationship), divided by its
// rounds.
func BenchmarkTimeDependentRound(b *testing.B) {
	dom, pa, pb := w1Sample(arena.NewRand(3))
	x, y := newStrategy(b, "boulware", nil), newStrategy(b, "conceder", nil)
	var d duel
	moves := d.play(dom, x, y, pa, pb, nil, nil, 100)
	b.ReportAllocs()
	for b.Loop() {
		d.play(dom, x, y, pa, pb, nil, nil, 100)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(float64(moves)/2), "ns/round")
}

// ladderDomains returns scenarios for the ladder tests, named after the
// built-in domains whose shapes they copy: price-haggle (one price of 21
// options, values k/20), supply-deal (five issues, uneven values, a
// compatible one), W1 (5 × 10, values k/9), and odd (an issue of weight 0,
// an issue with two options of equal value, an issue of one option).
func ladderDomains() []arena.Scenario {
	issue := func(name string, k int) agents.Issue {
		is := agents.Issue{Name: name}
		for o := range k {
			is.Options = append(is.Options, fmt.Sprint(o))
		}
		return is
	}
	haggle := &agents.Domain{Name: "price-haggle", Issues: []agents.Issue{issue("price", 21)}}
	supply := &agents.Domain{Name: "supply-deal", Issues: []agents.Issue{
		issue("price", 9), issue("delivery", 4), issue("warranty", 4), issue("volume", 4), issue("payment", 4),
	}}
	odd := &agents.Domain{Name: "odd", Issues: []agents.Issue{issue("a", 5), issue("b", 4), issue("c", 3), issue("d", 1)}}
	w1, w1S, w1B := w1Sample(arena.NewRand(5))
	return []arena.Scenario{{
		Domain: haggle,
		Prefs: [2]*agents.Preferences{
			{Weights: []float64{1}, Values: [][]float64{agents.Linear(21, true)}, Reservation: 0.3},
			{Weights: []float64{1}, Values: [][]float64{agents.Linear(21, false)}, Reservation: 0.3},
		},
	}, {
		Domain: supply,
		Prefs: [2]*agents.Preferences{{
			Weights: []float64{0.35, 0.10, 0.15, 0.15, 0.25},
			Values: [][]float64{agents.Linear(9, true), {0, 0.4, 0.8, 1}, {1, 0.75, 0.4, 0},
				agents.Linear(4, true), {1, 0.7, 0.35, 0}},
			Reservation: 0.4,
		}, {
			Weights: []float64{0.25, 0.30, 0.20, 0.10, 0.15},
			Values: [][]float64{agents.Linear(9, false), {1, 0.75, 0.35, 0}, agents.Linear(4, true),
				{0, 0.5, 0.9, 1}, {0, 0.4, 0.75, 1}},
			Reservation: 0.4,
		}},
	}, {
		Domain: w1, Prefs: [2]*agents.Preferences{w1S, w1B},
	}, {
		Domain: odd,
		Prefs: [2]*agents.Preferences{{
			Weights: []float64{0.5, 0, 0.5, 0},
			Values:  [][]float64{agents.Linear(5, true), {0.2, 1, 0, 0.6}, {1, 0.5, 0.5}, {1}},
		}, {
			Weights: []float64{0.4, 0.3, 0.3, 0},
			Values:  [][]float64{agents.Linear(5, false), {1, 0, 0.5, 0.2}, {0, 1, 0.5}, {1}},
		}},
	}}
}

// TestLadderSteps checks the bidder's ladder on every ladder domain, for
// both sides, after 0 to 12 random offers of the partner: rung 0 is the
// agent's best offer; each later rung gives up one option of one issue,
// the next option down in own value (on an issue of weight 0, straight to
// the least valued one), so no option is skipped; an issue the partner
// shares (its most proposed option is the agent's best) is never given
// up, every other issue is given up entirely by the last rung; and each
// rung's utility is that of its offer, falling.
func TestLadderSteps(t *testing.T) {
	r := arena.NewRand(9)
	for _, sc := range ladderDomains() {
		d := sc.Domain
		for _, p := range sc.Prefs {
			var b bidder
			b.seen.size(d)
			b.lad.size(d)
			prev, cur := make(agents.Offer, len(d.Issues)), make(agents.Offer, len(d.Issues))
			for n := range 13 {
				if n > 0 {
					o := make(agents.Offer, len(d.Issues))
					for i, is := range d.Issues {
						o[i] = r.IntN(len(is.Options))
					}
					b.seen.observe(o)
				}
				b.lad.ready = false
				b.lad.build(p, &b.seen, nil)
				name := fmt.Sprintf("%s after %d offers", d.Name, n)
				if got, want := b.lad.utils[0], p.MaxUtility(); math.Abs(got-want) > 1e-12 {
					t.Errorf("%s: rung 0 worth %v, want the best %v", name, got, want)
				}
				best := p.Best(nil)
				if got := b.lad.rung(0, prev); !got.Equal(best) {
					t.Errorf("%s: rung 0 is %v, want the best offer %v", name, got, best)
				}
				for k := 1; k < len(b.lad.utils); k++ {
					b.lad.rung(k-1, prev)
					b.lad.rung(k, cur)
					moved := -1
					for i := range cur {
						if cur[i] != prev[i] {
							if moved >= 0 {
								t.Fatalf("%s: rung %d %v changes issues %d and %d from %v", name, k, cur, moved, i, prev)
							}
							moved = i
						}
					}
					if moved < 0 {
						t.Fatalf("%s: rung %d repeats %v", name, k, cur)
					}
					if want := nextDown(p, moved, prev[moved]); cur[moved] != want {
						t.Errorf("%s: rung %d moves issue %d from option %d to %d, want %d", name, k, moved, prev[moved], cur[moved], want)
					}
					if u := p.Utility(cur); math.Abs(u-b.lad.utils[k]) > 1e-9 || b.lad.utils[k] > b.lad.utils[k-1]+1e-12 {
						t.Errorf("%s: rung %d %v listed at %v after %v, worth %v", name, k, cur, b.lad.utils[k], b.lad.utils[k-1], u)
					}
				}
				last := b.lad.rung(len(b.lad.utils)-1, cur)
				for i, vs := range p.Values {
					shared := b.seen.offers > 0 && int(b.seen.mode[i]) == best[i]
					switch worst := slices.Min(vs); {
					case shared && last[i] != best[i]:
						t.Errorf("%s: issue %d is shared (the partner proposes option %d most), but the last rung gives it up, to %d", name, i, best[i], last[i])
					case !shared && vs[last[i]] != worst:
						t.Errorf("%s: the last rung %v keeps issue %d at value %v, above its least %v", name, last, i, vs[last[i]], worst)
					}
				}
			}
		}
	}
}

// nextDown returns the option a ladder step on issue i takes from option
// c: the lowest index of the next lower own value, or on an issue of
// weight 0 the lowest index of the least value.
func nextDown(p *agents.Preferences, i, c int) int {
	vs, next := p.Values[i], -1
	for k, x := range vs {
		switch {
		case x >= vs[c]:
		case next < 0,
			p.Weights[i] > 0 && x > vs[next],
			p.Weights[i] <= 0 && x < vs[next]:
			next = k
		}
	}
	return next
}

// TestLadderMatchesOfferSearch checks that the ladder is the one
// agents.OfferSearch builds on the structural estimate (structuralValues
// on agents.FrequencyModel's weights, as the article strategies use):
// rung for rung, offer and utility, on issues whose values (0, ½, 1) keep
// OfferSearch's comparison of equal rates exact, with random weights (or
// equal ones, so that issues tie) and random offers of the partner.
func TestLadderMatchesOfferSearch(t *testing.T) {
	r := arena.NewRand(10)
	d := &agents.Domain{Name: "halves"}
	for i := range 5 {
		is := agents.Issue{Name: fmt.Sprint("i", i), Options: []string{"a", "b", "c"}}
		if i == 4 {
			is.Options = is.Options[:2]
		}
		d.Issues = append(d.Issues, is)
	}
	for trial := range 50 {
		p := &agents.Preferences{Weights: make([]float64, 5)}
		sum := 0.0
		for i := range p.Weights {
			p.Weights[i] = 0.05 + r.Float64()
			if trial%5 == 0 { // equal weights: rates tie, the lower issue goes first
				p.Weights[i] = 1
			}
			sum += p.Weights[i]
		}
		for i := range p.Weights {
			p.Weights[i] /= sum
			vs := []float64{0, 0.5, 1}
			if r.IntN(2) == 0 {
				vs = []float64{1, 0.5, 0}
			}
			p.Values = append(p.Values, vs[:len(d.Issues[i].Options)])
		}
		p.Values[4] = []float64{0, 1}
		var b bidder
		b.seen.size(d)
		b.lad.size(d)
		model := agents.NewFrequencyModel(d)
		est := model.NewEstimate()
		var search agents.OfferSearch
		for n := range 10 {
			if n > 0 {
				o := make(agents.Offer, 5)
				for i, is := range d.Issues {
					o[i] = r.IntN(len(is.Options))
				}
				model.Observe(o)
				b.seen.observe(o)
			}
			if n == 0 {
				search.Build(p, nil)
			} else {
				model.EstimateWeights(est)
				structuralValues(est, p, p.Best(nil), model)
				search.Build(p, est)
			}
			b.lad.ready = false
			b.lad.build(p, &b.seen, nil)
			if search.Len() != len(b.lad.utils) {
				t.Fatalf("trial %d after %d offers: %d rungs, OfferSearch %d", trial, n, len(b.lad.utils), search.Len())
			}
			mine := make(agents.Offer, 5)
			for k := range search.Len() {
				want, wu := search.Rung(k)
				if got := b.lad.rung(k, mine); !got.Equal(want) || math.Abs(b.lad.utils[k]-wu) > 1e-12 {
					t.Fatalf("trial %d after %d offers: rung %d is %v (%v), OfferSearch %v (%v)", trial, n, k, got, b.lad.utils[k], want, wu)
				}
			}
		}
	}
}

// TestLadderKeepsConcessions checks that a rebuilt ladder takes back
// nothing the agent's previous offer gave: on W1 and supply-deal, for
// offers down the ladder built after a few partner offers, a ladder
// rebuilt after the partner changes its pattern (so that the issue order
// changes) holds the previous offer as a rung, and every rung below it
// gives up at least as much on every issue.
func TestLadderKeepsConcessions(t *testing.T) {
	r := arena.NewRand(11)
	reordered := 0
	for _, sc := range ladderDomains()[1:3] {
		d := sc.Domain
		for _, p := range sc.Prefs {
			for trial := range 20 {
				var b bidder
				b.seen.size(d)
				b.lad.size(d)
				random := func() agents.Offer {
					o := make(agents.Offer, len(d.Issues))
					for i, is := range d.Issues {
						o[i] = r.IntN(len(is.Options))
					}
					return o
				}
				// A partner who keeps one issue and varies the rest,
				// then keeps another.
				keep := func(i int, o agents.Offer) agents.Offer { o[i] = 0; return o }
				for range 4 {
					b.seen.observe(keep(trial%len(d.Issues), random()))
				}
				b.lad.build(p, &b.seen, nil)
				before := slices.Clone(b.lad.order)
				prev := b.lad.rung(r.IntN(len(b.lad.utils)), make(agents.Offer, len(d.Issues)))
				for range 12 {
					b.seen.observe(keep((trial+1)%len(d.Issues), random()))
				}
				b.lad.build(p, &b.seen, prev)
				if !slices.Equal(before, b.lad.order) {
					reordered++
				}
				at := -1
				cur := make(agents.Offer, len(d.Issues))
				for k := range b.lad.utils {
					if b.lad.rung(k, cur).Equal(prev) {
						at = k
						break
					}
				}
				if at < 0 {
					t.Fatalf("%s trial %d: the previous offer %v is no rung of the rebuilt ladder", d.Name, trial, prev)
				}
				for k := at; k < len(b.lad.utils); k++ {
					b.lad.rung(k, cur)
					for i, vs := range p.Values {
						if vs[cur[i]] > vs[prev[i]] {
							t.Errorf("%s trial %d: rung %d %v takes back issue %d of the previous offer %v", d.Name, trial, k, cur, i, prev)
						}
					}
				}
			}
		}
	}
	if reordered < 10 {
		t.Errorf("the issue order changed in %d rebuilds only: the test hardly exercised a reordering", reordered)
	}
}

// TestMonotone checks the ladder's test of how an issue's values run
// against its definition: falling when every value is below the one before
// (one value counts as falling), rising when every value is above it,
// unordered otherwise, ties and NaN included.
func TestMonotone(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		vs   []float64
		want int
	}{
		{nil, falling},
		{[]float64{0.5}, falling},
		{[]float64{1, 0.5, 0}, falling},
		{[]float64{0, 0.5, 1}, rising},
		{[]float64{1, 1}, unordered},
		{[]float64{1, 0.5, 0.5}, unordered},
		{[]float64{0, 0.5, 0.5}, unordered},
		{[]float64{1, 0, 0.5}, unordered},
		{[]float64{0, 1, 0.5}, unordered},
		{[]float64{nan, 1}, unordered},
		{[]float64{1, 0, nan}, unordered},
		{[]float64{0, 1, nan}, unordered},
	}
	for _, tt := range tests {
		// The definition, pair by pair.
		down, up := true, len(tt.vs) >= 2
		for k := 1; k < len(tt.vs); k++ {
			down = down && tt.vs[k] < tt.vs[k-1]
			up = up && tt.vs[k] > tt.vs[k-1]
		}
		def := unordered
		if down {
			def = falling
		} else if up {
			def = rising
		}
		if got := monotone(tt.vs); got != tt.want || got != def {
			t.Errorf("monotone(%v) = %d, want %d (by definition %d)", tt.vs, got, tt.want, def)
		}
	}
}

// TestLadderRebuildIsAFreshBuild checks what a rebuild that keeps its
// rungs relies on: after any run of partner offers and rebuilds (each from
// a rung of the ladder before, as the bidder's are), the ladder holds
// exactly, to the bit, what a fresh ladder built from the same tally and
// previous offer holds, and a build reports a change exactly when the
// issue order changed.
func TestLadderRebuildIsAFreshBuild(t *testing.T) {
	r := arena.NewRand(12)
	kept, changed := 0, 0
	for _, sc := range ladderDomains() {
		d := sc.Domain
		for _, p := range sc.Prefs {
			for trial := range 10 {
				var b bidder
				b.seen.size(d)
				b.lad.size(d)
				var prev agents.Offer
				var order []int32
				for step := range 12 {
					for range 1 + r.IntN(4) {
						o := make(agents.Offer, len(d.Issues))
						for i, is := range d.Issues {
							o[i] = r.IntN(len(is.Options))
							if r.IntN(3) > 0 && step > 0 { // a partner that often keeps its last option
								o[i] = min(trial%len(is.Options), len(is.Options)-1)
							}
						}
						b.seen.observe(o)
					}
					got := b.lad.build(p, &b.seen, prev)
					var fresh ladder
					fresh.size(d)
					fresh.build(p, &b.seen, prev)
					if !slices.Equal(b.lad.order, fresh.order) || !slices.Equal(b.lad.first, fresh.first) ||
						!slices.EqualFunc(b.lad.utils, fresh.utils, func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) }) {
						t.Fatalf("%s trial %d step %d: rebuilt ladder order %v first %v utils %v, fresh %v %v %v",
							d.Name, trial, step, b.lad.order, b.lad.first, b.lad.utils, fresh.order, fresh.first, fresh.utils)
					}
					if want := step == 0 || !slices.Equal(order, b.lad.order); got != want {
						t.Fatalf("%s trial %d step %d: build reported changed = %v, the order went from %v to %v", d.Name, trial, step, got, order, b.lad.order)
					}
					if got {
						changed++
					} else {
						kept++
					}
					order = slices.Clone(b.lad.order)
					prev = b.lad.rung(r.IntN(len(b.lad.utils)), make(agents.Offer, len(d.Issues)))
				}
			}
		}
	}
	t.Logf("%d builds kept their rungs, %d changed", kept, changed)
	if kept == 0 || changed <= len(ladderDomains()) {
		t.Errorf("the trials kept %d ladders and changed %d: both paths need exercising", kept, changed)
	}
}

// TestLadderPreparedAgainIsFresh prepares one bidder's ladder for a
// sequence of preferences on one domain — values that fall, rise or are
// unordered, weights of 0 among them — as a relationship's deals or a
// recycled agent would, and checks each time that its steps, favourites
// and top are those of a ladder prepared only for those preferences. A
// ladder keeps its steps from one preparation to the next when the values
// run the same way and no weight is 0 (ladder.laid).
func TestLadderPreparedAgainIsFresh(t *testing.T) {
	d, _, _ := w1Sample(arena.NewRand(5))
	r := arena.NewRand(6)
	runs := [][]float64{agents.Linear(10, true), agents.Linear(10, false), {0.2, 0.9, 0.1, 0.5, 0.9, 0.3, 0, 1, 0.4, 0.6}}
	var b bidder
	b.sizeFor(d)
	laidAgain := 0
	for trial := range 300 {
		p := &agents.Preferences{Weights: make([]float64, 5), Values: make([][]float64, 5)}
		for i := range p.Weights {
			p.Weights[i] = r.Float64()
			if r.IntN(12) == 0 {
				p.Weights[i] = 0
			}
			p.Values[i] = runs[0]
			if k := r.IntN(16); k < 3 { // mostly rising, as a seller's usual values
				p.Values[i] = runs[k]
			}
		}
		laid := b.lad.laid
		b.prefs = p
		b.scan()
		b.lad.ready = false
		b.lad.prepare(p)
		if laid != 0 && b.lad.laid == laid {
			laidAgain++
		}
		var f bidder
		f.sizeFor(d)
		f.prefs = p
		f.scan()
		f.lad.prepare(p)
		got, want := b.lad, f.lad
		if !slices.Equal(got.opts, want.opts) || !slices.Equal(got.from, want.from) || !slices.Equal(got.best, want.best) ||
			math.Float64bits(got.top) != math.Float64bits(want.top) {
			t.Fatalf("trial %d: prepared again: steps %v from %v best %v top %v; fresh: %v %v %v %v",
				trial, got.opts, got.from, got.best, got.top, want.opts, want.from, want.best, want.top)
		}
	}
	if laidAgain == 0 {
		t.Fatal("no preparation kept the steps of the one before: the test checks nothing of ladder.laid")
	}
	t.Logf("%d of 300 preparations kept the last one's steps", laidAgain)
}
