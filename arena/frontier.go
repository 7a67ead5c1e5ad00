package arena

// Outcome analysis (docs/model.md#pareto-frontier): how good a negotiated outcome is compared
// with what the two sides could have reached. The yardstick is the Pareto
// frontier of the scenario: the outcomes that cannot be improved for one
// side without hurting the other. An outcome off the frontier leaves value
// on the table; the Nash point (the frontier outcome that maximises the
// product of the surpluses) is the classic fair and efficient deal.
//
// The outcome space of a domain is the product of its issues' options and
// is usually far too large to list (20 issues of 20 options is 1e26
// outcomes). With linear additive utilities it need not be listed: an
// outcome's utility pair is the sum of one (seller, buyer) contribution per
// issue, and a sum of points can only be non-dominated if every summand is
// non-dominated among its issue's options and the partial sums are
// non-dominated too. So the frontier of issues 1..k is the Pareto filter of
// (frontier of issues 1..k−1) ⊕ (non-dominated options of issue k), and
// NewFrontier builds it one issue at a time, never looking at a dominated
// partial outcome.

import (
	"math"
	"slices"
	"sort"
	"sync"

	"github.com/winwin-sim/winwin/agents"
)

// Frontier defaults used by NewFrontier.
const (
	// DefaultFrontierPoints is the frontier size above which NewFrontier
	// starts thinning.
	DefaultFrontierPoints = 1 << 14
	// DefaultFrontierTolerance is the utility tolerance NewFrontier thins to.
	DefaultFrontierTolerance = 1e-4
)

// A Point is an outcome in utility space with the offer that reaches it.
type Point struct {
	// U is the outcome's utility to each side, indexed by agents.Seller and
	// agents.Buyer. It is exactly Preferences.Utility of Offer.
	U [2]float64
	// Offer reaches U. It must not be modified.
	Offer agents.Offer
}

// A Frontier is the Pareto frontier of a scenario: both sides' preferences
// over one domain. It is immutable once built and safe for concurrent use.
type Frontier struct {
	// Points are the non-dominated outcomes, one per distinct utility pair,
	// sorted by U[Seller] ascending and so by U[Buyer] descending (both
	// strictly).
	Points []Point
	// Exact is false when the frontier was thinned to keep it small. An
	// exact frontier is exact up to floating-point rounding (TieTolerance):
	// of two outcomes whose utilities differ by rounding errors alone,
	// either may stand for the other, and no point is dominated up to
	// rounding by another outcome.
	Exact bool
	// Tolerance bounds the thinning error (0 when Exact): for every outcome
	// on the true frontier there is a point in Points that is at least as
	// good for the buyer and less than Tolerance worse for the seller (up to
	// floating-point rounding). Distances, Nash products and surpluses
	// computed on a thinned frontier are accordingly approximate.
	Tolerance float64
}

// NewFrontier returns the Pareto frontier of the scenario (d, seller, buyer),
// exact unless it grows beyond DefaultFrontierPoints, in which case it is
// thinned to DefaultFrontierTolerance. The preferences must fit d (see
// Preferences.Validate); NewFrontier panics otherwise.
func NewFrontier(d *agents.Domain, seller, buyer *agents.Preferences) *Frontier {
	return NewFrontierTol(d, seller, buyer, DefaultFrontierPoints, DefaultFrontierTolerance)
}

// NewFrontierTol is NewFrontier with an explicit cap and tolerance: while the
// frontier of the issues combined so far has at most maxPoints points it is
// exact; once it would grow beyond, it is thinned, so that
// Frontier.Tolerance stays at most tol. maxPoints ≤ 0 or tol ≤ 0 (or NaN)
// select the defaults.
//
// The issues are combined one at a time. Issues with a single non-dominated
// option (compatible issues, zero weights) only shift the frontier and come
// first, then the others by increasing number of non-dominated options, so
// that the large merges come last. Each step merges the shifted copies of the
// current frontier, one per non-dominated option, pairwise with a linear
// Pareto sweep (no sorting, no quadratic filter). Thinning divides seller
// utility into buckets of width w and keeps the point of each bucket that is
// best for the buyer; every step that thins costs at most w of accuracy, so
// w is tol divided by the number of steps left when thinning first becomes
// necessary. A thinned frontier has at most about 1/w points.
//
// Per step the builder keeps, for each frontier point, its parent in the
// previous step's frontier and the option chosen; the offers are rebuilt from
// these links at the end, and each point's utilities are recomputed with
// Preferences.Utility so that they match what the negotiation reports to the
// last bit.
func NewFrontierTol(d *agents.Domain, seller, buyer *agents.Preferences, maxPoints int, tol float64) *Frontier {
	if maxPoints <= 0 {
		maxPoints = DefaultFrontierPoints
	}
	if !(tol > 0) {
		tol = DefaultFrontierTolerance
	}
	n := len(d.Issues)
	if len(seller.Weights) != n || len(buyer.Weights) != n || len(seller.Values) != n || len(buyer.Values) != n {
		panic("arena: NewFrontier: preferences do not fit the domain")
	}

	fb := builders.Get().(*frontierBuilder)
	defer builders.Put(fb)

	// The non-dominated options of every issue, as contributions to the
	// utility pair, in descending seller contribution.
	fb.opts = fb.opts[:0]
	fb.issue = fb.issue[:0]
	for i := range n {
		start := len(fb.opts)
		fb.opts = issueOptions(fb.opts, len(d.Issues[i].Options), seller.Weights[i], seller.Values[i], buyer.Weights[i], buyer.Values[i])
		fb.issue = append(fb.issue, fb.opts[start:len(fb.opts):len(fb.opts)])
	}
	// fb.opts may have moved while it grew: take the subslices again.
	for i, start := 0, 0; i < n; i++ {
		k := len(fb.issue[i])
		fb.issue[i] = fb.opts[start : start+k : start+k]
		start += k
	}
	order := fb.order[:0]
	for i := range n {
		order = append(order, i)
	}
	fb.order = order
	slices.SortStableFunc(order, func(a, b int) int { return len(fb.issue[a]) - len(fb.issue[b]) })

	// Internally a staircase runs by seller utility descending, buyer
	// utility ascending (both strictly).
	cur := append(fb.cur[:0], cand{parent: -1})
	links := fb.links[:0]
	offsets := append(fb.offsets[:0], make([]int, n+1)...)
	var w float64 // bucket width, set when thinning first becomes necessary
	thinned := 0
	for step, i := range order {
		q := fb.issue[i]
		var next []cand
		lossy := false
		switch {
		case w == 0:
			next, _ = fb.merge(cur, q, 0, 0)
			if len(next) > maxPoints {
				w = tol / float64(n-step)
				next, lossy = thinBuckets(next, w)
			}
		case len(cur)*len(q) <= maxPoints:
			next, _ = fb.merge(cur, q, 0, 0)
		default:
			next, lossy = fb.buckets(cur, q, w, maxPoints)
		}
		if lossy {
			thinned++
		}
		offsets[step] = len(links)
		links = slices.Grow(links, len(next))
		for _, c := range next {
			links = append(links, link{parent: c.parent, opt: c.opt})
		}
		cur = append(cur[:0], next...)
	}
	fb.cur, fb.links, fb.offsets = cur, links, offsets
	offsets[n] = len(links)

	// Rebuild the offers (all in one backing array), one step at a time
	// for all points together: the lookups are independent, so the memory
	// system can overlap them. Then recompute the utilities in issue order.
	m := len(cur)
	flat := make([]int, m*n)
	idx := fb.idx[:0]
	for j := range m {
		idx = append(idx, int32(j))
	}
	fb.idx = idx
	for step := n - 1; step >= 0; step-- {
		ls, col := links[offsets[step]:offsets[step+1]], order[step]
		for j, x := range idx {
			l := ls[x]
			flat[j*n+col] = int(l.opt)
			idx[j] = l.parent
		}
	}
	pts := make([]Point, m)
	for j := range m {
		off := agents.Offer(flat[j*n : (j+1)*n : (j+1)*n])
		// cur runs by seller utility descending: fill Points ascending.
		pts[m-1-j] = Point{U: [2]float64{seller.Utility(off), buyer.Utility(off)}, Offer: off}
	}
	// Recomputing in issue order may move a utility by a rounding error;
	// sort and filter again so that the invariants hold exactly.
	slices.SortStableFunc(pts, func(a, b Point) int {
		switch {
		case a.U[0] < b.U[0]:
			return -1
		case a.U[0] > b.U[0]:
			return 1
		case a.U[1] > b.U[1]:
			return -1
		case a.U[1] < b.U[1]:
			return 1
		}
		return 0
	})
	pts = paretoSorted(pts)

	f := &Frontier{Points: pts, Exact: thinned == 0}
	if !f.Exact {
		f.Tolerance = w * float64(thinned)
	}
	return f
}

// cand is a frontier point under construction: a utility pair with the link
// that made it.
type cand struct {
	s, b   float64 // seller and buyer utility (or an option's contribution)
	parent int32   // index in the previous step's frontier
	opt    uint16  // option of the step's issue (agents.MaxOptions fits)
}

// link is what a step remembers of each of its frontier points.
type link struct {
	parent int32
	opt    uint16
}

// issueOptions appends to dst the non-dominated options of one issue as
// (seller, buyer) contributions, in descending seller contribution; of
// options with the same contribution pair only the first is kept.
func issueOptions(dst []cand, k int, ws float64, vs []float64, wb float64, vb []float64) []cand {
	start := len(dst)
	for o := range k {
		dst = append(dst, cand{s: ws * vs[o], b: wb * vb[o], opt: uint16(o)})
	}
	all := dst[start:]
	slices.SortStableFunc(all, func(x, y cand) int {
		switch {
		case x.s > y.s:
			return -1
		case x.s < y.s:
			return 1
		case x.b > y.b:
			return -1
		case x.b < y.b:
			return 1
		}
		return 0
	})
	out := all[:0]
	bestB := math.Inf(-1)
	for _, c := range all {
		// Descending seller contribution, ties by descending buyer
		// contribution: an option is non-dominated if it beats every
		// option before it for the buyer.
		if c.b > bestB {
			out = append(out, c)
			bestB = c.b
		}
	}
	return dst[:start+len(out)]
}

// mergeShift merges the staircase r with the staircase p shifted by option
// o's contribution (each shifted point linked to its index in p and to o)
// into dst, keeping only the non-dominated points. Staircases run by seller
// utility descending; the sweep keeps a point when it is better for the
// buyer than every point before it, replacing the last kept point when the
// two tie on seller utility.
func mergeShift(dst, r, p []cand, o cand) []cand {
	// The result has at most len(r)+len(p) points: make room once, grow
	// geometrically across calls.
	if need := len(r) + len(p); cap(dst) < need {
		dst = make([]cand, max(need, 2*cap(dst)))
	}
	dst = dst[:cap(dst)]
	n := 0
	bestB := math.Inf(-1)
	i, j := 0, 0
	for i < len(r) || j < len(p) {
		var c cand
		if j < len(p) {
			c = cand{s: p[j].s + o.s, b: p[j].b + o.b, parent: int32(j), opt: o.opt}
			if i < len(r) && (r[i].s > c.s || r[i].s == c.s && r[i].b >= c.b) {
				c = r[i]
				i++
			} else {
				j++
			}
		} else {
			c = r[i]
			i++
		}
		if c.b > bestB {
			if n > 0 && dst[n-1].s == c.s {
				n--
			}
			dst[n] = c
			n++
			bestB = c.b
		}
	}
	return dst[:n]
}

// thinBuckets keeps, of every bucket ⌊s/w⌋ of seller utility, the point best
// for the buyer: on a staircase running by seller utility descending, the
// last point of each bucket. It works in place and reports whether it
// dropped a point.
func thinBuckets(r []cand, w float64) ([]cand, bool) {
	inv := 1 / w
	out := r[:0]
	next := math.Inf(1)
	if len(r) > 0 {
		next = math.Floor(r[0].s * inv)
	}
	for i := range r {
		k := next
		if i+1 < len(r) {
			next = math.Floor(r[i+1].s * inv)
			if next == k {
				continue
			}
		}
		out = append(out, r[i])
	}
	return out, len(out) < len(r)
}

// A frontierBuilder holds the scratch memory of NewFrontierTol, reused
// across calls through a pool: frontiers are built once per scenario, often
// many times per run.
type frontierBuilder struct {
	a, b    []cand   // merge results, used in turn
	bk      []cand   // one slot per seller-utility bucket
	cur     []cand   // the frontier of the issues so far
	opts    []cand   // every issue's non-dominated options
	issue   [][]cand // opts by issue
	order   []int    // the order in which issues are combined
	links   []link   // every step's frontier links, step after step
	offsets []int    // where each step's links start
	idx     []int32  // per final point, its ancestor during reconstruction
}

var builders = sync.Pool{New: func() any { return new(frontierBuilder) }}

// merge returns the Pareto filter of cur ⊕ q: the shifted copies of cur,
// one per option in q, merged pairwise. When w > 0, intermediate results
// larger than maxPoints are thinned to buckets of width w (on a fixed grid,
// thinning repeatedly costs no more accuracy than thinning once); merge
// reports whether that dropped a point. The result is valid until the next
// call.
func (fb *frontierBuilder) merge(cur, q []cand, w float64, maxPoints int) ([]cand, bool) {
	lossy := false
	fb.a = mergeShift(fb.a, nil, cur, q[0])
	for _, o := range q[1:] {
		fb.b = mergeShift(fb.b, fb.a, cur, o)
		fb.a, fb.b = fb.b, fb.a
		if w > 0 && len(fb.a) > maxPoints {
			var l bool
			fb.a, l = thinBuckets(fb.a, w)
			lossy = lossy || l
		}
	}
	return fb.a, lossy
}

// buckets returns cur ⊕ q thinned to buckets of width w without merging:
// every candidate goes straight to its bucket, which keeps the candidate
// best for the buyer, and a sweep over the buckets drops the dominated
// ones. It costs O(len(cur)·len(q) + buckets) and reports whether a
// candidate was dropped for one in its bucket that does not dominate it.
// When the grid would be much larger than the candidate set it merges
// instead.
func (fb *frontierBuilder) buckets(cur, q []cand, w float64, maxPoints int) ([]cand, bool) {
	inv := 1 / w
	// Staircases run by seller utility descending: the extremes are at the
	// ends, and float addition is monotone, so every sum falls in range.
	base := math.Floor((cur[len(cur)-1].s + q[len(q)-1].s) * inv)
	nbf := math.Floor((cur[0].s+q[0].s)*inv) - base + 1
	if !(nbf <= 4*float64(len(cur)*len(q))) {
		return fb.merge(cur, q, w, maxPoints)
	}
	nb := int(nbf)
	bk := slices.Grow(fb.bk[:0], nb)[:nb]
	for k := range bk {
		bk[k] = cand{s: math.Inf(-1), b: math.Inf(-1)}
	}
	lossy := false
	for _, o := range q {
		for j, p := range cur {
			c := cand{s: p.s + o.s, b: p.b + o.b, parent: int32(j), opt: o.opt}
			x := &bk[int(math.Floor(c.s*inv)-base)]
			if c.b > x.b || c.b == x.b && c.s > x.s {
				lossy = lossy || c.s < x.s // x loses, not dominated by c
				*x = c
			} else {
				lossy = lossy || x.s < c.s // c loses, not dominated by x
			}
		}
	}
	fb.bk = bk
	out := fb.a[:0]
	bestB := math.Inf(-1)
	for k := nb - 1; k >= 0; k-- {
		if bk[k].b > bestB {
			out = append(out, bk[k])
			bestB = bk[k].b
		}
	}
	fb.a = out
	return out, lossy
}

// TieTolerance is the relative tolerance below which the frontier counts
// two utilities as equal: u and v tie when |u − v| ≤ TieTolerance·max(1,
// |u|, |v|). Utilities lie in [0, 1] and are sums of at most a few hundred
// products, so rounding moves them by a few 1e-16; genuine differences
// between outcomes are far larger than 1e-12. Of outcomes whose utilities
// tie for both sides one stands for the others, and an outcome that
// another beats for one side and ties with for the other is dominated: it
// is not on the frontier.
const TieTolerance = 1e-12

// tie returns the tolerance below which u and v tie.
func tie(u, v float64) float64 { return TieTolerance * max(1, math.Abs(u), math.Abs(v)) }

// paretoSorted filters points sorted by U[0] ascending (ties by U[1]
// descending) down to the non-dominated ones, in place, dropping every
// point dominated up to rounding (TieTolerance): the result is a strict
// staircase whose neighbours differ by more than the tolerance for both
// sides.
func paretoSorted(pts []Point) []Point {
	// Sweep from the seller's best end, keeping points that beat every
	// point after them for the buyer by more than the tolerance; a point
	// kept that the new one ties with for the seller and beats for the
	// buyer is dominated and goes. Kept points are compacted towards the
	// end, pts[k] the last kept.
	k := len(pts)
	bestB := math.Inf(-1)
	for j := len(pts) - 1; j >= 0; j-- {
		p := pts[j]
		if k < len(pts) && p.U[1] <= bestB+tie(bestB, p.U[1]) {
			continue
		}
		for k < len(pts) && pts[k].U[0] <= p.U[0]+tie(pts[k].U[0], p.U[0]) {
			k++
		}
		k--
		pts[k] = p
		bestB = p.U[1]
	}
	return slices.Delete(pts, 0, k)
}

// rational returns the range [lo, hi) of points that are individually
// rational for reservation values res: U[i] ≥ res[i] for both sides. On a
// frontier those form one run: U[Seller] ascends and U[Buyer] descends.
func (f *Frontier) rational(res [2]float64) (lo, hi int) {
	lo = sort.Search(len(f.Points), func(j int) bool { return f.Points[j].U[0] >= res[0] })
	hi = sort.Search(len(f.Points), func(j int) bool { return f.Points[j].U[1] < res[1] })
	return lo, max(lo, hi)
}

// Nash returns the Nash bargaining point for reservation values res: the
// frontier point that maximises (U[0]−res[0])·(U[1]−res[1]) among those with
// U[i] ≥ res[i] for both sides (ties go to the lower seller utility). It
// reports false when no frontier point is individually rational: there is no
// zone of agreement. Because every individually rational outcome is weakly
// dominated by an individually rational frontier point, this is also the
// Nash point among all outcomes.
func (f *Frontier) Nash(res [2]float64) (Point, bool) {
	lo, hi := f.rational(res)
	if lo == hi {
		return Point{}, false
	}
	best, bestP := lo, math.Inf(-1)
	for j := lo; j < hi; j++ {
		u := f.Points[j].U
		if p := (u[0] - res[0]) * (u[1] - res[1]); p > bestP {
			best, bestP = j, p
		}
	}
	return f.Points[best], true
}

// Distance returns the Euclidean distance from the utility pair u to the
// nearest frontier point: 0 for an outcome on the frontier, the more the
// further an outcome is from efficient (+Inf for a frontier without points).
func (f *Frontier) Distance(u [2]float64) float64 {
	pts := f.Points
	if len(pts) == 0 {
		return math.Inf(1)
	}
	// Start at the seller-utility neighbours of u and walk outwards while
	// the seller-utility gap alone is still shorter than the best distance.
	j := sort.Search(len(pts), func(j int) bool { return pts[j].U[0] >= u[0] })
	best := math.Inf(1)
	for k := j; k < len(pts); k++ {
		dx := pts[k].U[0] - u[0]
		if dx*dx >= best {
			break
		}
		dy := pts[k].U[1] - u[1]
		best = min(best, dx*dx+dy*dy)
	}
	for k := j - 1; k >= 0; k-- {
		dx := u[0] - pts[k].U[0]
		if dx*dx >= best {
			break
		}
		dy := pts[k].U[1] - u[1]
		best = min(best, dx*dx+dy*dy)
	}
	return math.Sqrt(best)
}

// BestJointSurplus returns the largest joint surplus
// (U[0]−res[0]) + (U[1]−res[1]) of an individually rational frontier point,
// or 0 when there is none: the value the two sides could have created
// together.
func (f *Frontier) BestJointSurplus(res [2]float64) float64 {
	lo, hi := f.rational(res)
	best := 0.0
	for j := lo; j < hi; j++ {
		u := f.Points[j].U
		best = max(best, u[0]-res[0]+u[1]-res[1])
	}
	return best
}
