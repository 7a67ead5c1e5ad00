package agents_test

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
)

func TestNumericIssue(t *testing.T) {
	tests := []struct {
		lo, hi, step   float64
		prefix, suffix string
		want           []string
		err            string
	}{
		{300000, 320000, 10000, "$", "", []string{"$300,000", "$310,000", "$320,000"}, ""},
		{0, 1, 0.5, "", " yr", []string{"0 yr", "0.5 yr", "1 yr"}, ""},
		{30, 30, 5, "", " days", []string{"30 days"}, ""},
		{1, 0, 1, "", "", nil, "empty"},
		{0, 1, 0, "", "", nil, "step must be positive"},
		{0, 1e9, 1, "", "", nil, "allowed"},
	}
	for _, tt := range tests {
		is, err := agents.NumericIssue("x", tt.lo, tt.hi, tt.step, tt.prefix, tt.suffix)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("NumericIssue(%v, %v, %v) error = %v, want %q", tt.lo, tt.hi, tt.step, err, tt.err)
			}
			continue
		}
		if err != nil || strings.Join(is.Options, "|") != strings.Join(tt.want, "|") {
			t.Errorf("NumericIssue(%v, %v, %v) = %q, %v; want %q", tt.lo, tt.hi, tt.step, is.Options, err, tt.want)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	for x, want := range map[float64]string{0: "0", 999: "999", 1000: "1,000", 1234567.5: "1,234,567.5", -45000: "-45,000", 0.25: "0.25"} {
		if got := agents.FormatNumber(x); got != want {
			t.Errorf("FormatNumber(%v) = %q, want %q", x, got, want)
		}
	}
}

func TestDomainValidate(t *testing.T) {
	ok := agents.Issue{Name: "a", Options: []string{"x", "y"}}
	tests := []struct {
		name string
		d    *agents.Domain
		err  string
	}{
		{"ok", &agents.Domain{Issues: []agents.Issue{ok}}, ""},
		{"empty", &agents.Domain{}, "no issues"},
		{"no options", &agents.Domain{Issues: []agents.Issue{{Name: "a"}}}, "no options"},
		{"twice", &agents.Domain{Issues: []agents.Issue{ok, ok}}, "twice"},
		{"unnamed", &agents.Domain{Issues: []agents.Issue{{Options: []string{"x"}}}}, "no name"},
		{"item", &agents.Domain{Issues: []agents.Issue{{Name: "i", Options: []string{"x"}, Item: true}}}, "at least two"},
	}
	for _, tt := range tests {
		err := tt.d.Validate()
		if (tt.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("%s: Validate() = %v, want %q", tt.name, err, tt.err)
		}
	}
	d := &agents.Domain{Issues: []agents.Issue{ok}}
	if d.Valid(agents.Offer{2}) || d.Valid(agents.Offer{}) || !d.Valid(agents.Offer{1}) {
		t.Error("Valid accepts a bad offer or rejects a good one")
	}
	if err := d.Check(agents.Offer{-1}); err == nil || !strings.Contains(err.Error(), `"a"`) {
		t.Errorf("Check names no issue: %v", err)
	}
	if got := d.Format(agents.Offer{1}); got != "a=y" {
		t.Errorf("Format = %q", got)
	}
}

func TestPreferencesValidate(t *testing.T) {
	d := &agents.Domain{Issues: []agents.Issue{{Name: "a", Options: []string{"x", "y"}}, {Name: "b", Options: []string{"z"}}}}
	good := func() *agents.Preferences {
		return &agents.Preferences{Weights: []float64{0.6, 0.4}, Values: [][]float64{{0, 1}, {1}}, Reservation: 0.2}
	}
	tests := []struct {
		name   string
		mutate func(p *agents.Preferences)
		err    string
	}{
		{"ok", func(p *agents.Preferences) {}, ""},
		{"sum", func(p *agents.Preferences) { p.Weights[0] = 0.7 }, "sum to"},
		{"negative", func(p *agents.Preferences) { p.Weights = []float64{1.4, -0.4} }, "≥ 0"},
		{"value", func(p *agents.Preferences) { p.Values[0][1] = 1.5 }, "0..1"},
		{"count", func(p *agents.Preferences) { p.Values[1] = []float64{1, 0} }, "values for"},
		{"reservation", func(p *agents.Preferences) { p.Reservation = -0.1 }, "reservation"},
		{"nan", func(p *agents.Preferences) { p.Weights[0] = math.NaN() }, "≥ 0"},
	}
	for _, tt := range tests {
		p := good()
		tt.mutate(p)
		err := p.Validate(d)
		if (tt.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("%s: Validate() = %v, want %q", tt.name, err, tt.err)
		}
	}
	p := good()
	if u := p.Utility(agents.Offer{1, 0}); math.Abs(u-1) > 1e-12 {
		t.Errorf("Utility = %v, want 1", u)
	}
	if got := p.Ranking(); got[0] != 0 || got[1] != 1 {
		t.Errorf("Ranking = %v", got)
	}
}

func TestTargetUtility(t *testing.T) {
	tests := []struct{ t, e, want float64 }{
		{0, 0.2, 1}, {1, 0.2, 0.2}, {0.5, 1, 0.6}, {0.25, 2, 0.6}, {0.5, 0, 1}, {0.5, 0.5, 0.8},
		{0.5, 0.2, 1 - 0.8*math.Pow(0.5, 5)},
	}
	for _, tt := range tests {
		if got := agents.TargetUtility(tt.t, tt.e, 0.2, 1); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("TargetUtility(%v, e=%v) = %v, want %v", tt.t, tt.e, got, tt.want)
		}
	}
}

// randomScenario draws a random domain and two random preference profiles.
func randomScenario(r *rand.Rand) (*agents.Domain, *agents.Preferences, *agents.Preferences) {
	n := 1 + r.IntN(4)
	d := &agents.Domain{}
	prefs := [2]*agents.Preferences{{}, {}}
	for i := range n {
		k := 1 + r.IntN(5)
		is := agents.Issue{Name: string(rune('a' + i))}
		for j := range k {
			is.Options = append(is.Options, string(rune('0'+j)))
		}
		d.Issues = append(d.Issues, is)
		for _, p := range prefs {
			vs := make([]float64, k)
			for j := range vs {
				vs[j] = float64(r.IntN(5)) / 4 // ties on purpose
			}
			p.Values = append(p.Values, vs)
			p.Weights = append(p.Weights, r.Float64()+0.01)
		}
	}
	for _, p := range prefs {
		s := 0.0
		for _, w := range p.Weights {
			s += w
		}
		for i := range p.Weights {
			p.Weights[i] /= s
		}
	}
	return d, prefs[0], prefs[1]
}

// linearScenario draws preferences for 1 to 4 issues of 3 to 12 options,
// each option k worth k/(K−1) to one side (in a random direction) and the
// opposite to the other, with random weights.
func linearScenario(r *rand.Rand) (own, partner *agents.Preferences) {
	own, partner = &agents.Preferences{}, &agents.Preferences{}
	for range 1 + r.IntN(4) {
		k := 3 + r.IntN(10)
		ov, pv := make([]float64, k), make([]float64, k)
		for j := range k {
			ov[j] = float64(j) / float64(k-1)
			if r.IntN(2) == 0 {
				ov[j] = float64(k-1-j) / float64(k-1)
			}
			pv[j] = 1 - ov[j]
		}
		own.Values, partner.Values = append(own.Values, ov), append(partner.Values, pv)
		own.Weights, partner.Weights = append(own.Weights, 0.1+r.Float64()), append(partner.Weights, 0.1+r.Float64())
	}
	return own, partner
}

// all enumerates every offer of d.
func all(d *agents.Domain) []agents.Offer {
	out := []agents.Offer{{}}
	for _, is := range d.Issues {
		var next []agents.Offer
		for _, o := range out {
			for k := range is.Options {
				next = append(next, append(o.Clone(), k))
			}
		}
		out = next
	}
	return out
}

// Every rung of the ladder is a valid offer that no other offer dominates
// in (own utility, partner utility); Find returns the cheapest rung at or
// above the target; the first rung is own best.
func TestOfferSearchAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var s agents.OfferSearch
	for trial := range 300 {
		d, own, partner := randomScenario(r)
		model := partner
		if trial%3 == 0 {
			model = nil // the opposed-partner assumption
		}
		s.Build(own, model)
		pu := func(o agents.Offer) float64 {
			if model != nil {
				return model.Utility(o)
			}
			u := 0.0
			for i, k := range o {
				u += (1 - own.Values[i][k]) / float64(len(o))
			}
			return u
		}
		outcomes := all(d)
		if _, u0 := s.Rung(0); math.Abs(u0-own.MaxUtility()) > 1e-9 {
			t.Fatalf("trial %d: first rung utility %v, max %v", trial, u0, own.MaxUtility())
		}
		prevU := math.Inf(1)
		for i := range s.Len() {
			o, u := s.Rung(i)
			if !d.Valid(o) {
				t.Fatalf("trial %d: rung %d invalid: %v", trial, i, o)
			}
			if math.Abs(own.Utility(o)-u) > 1e-9 || u > prevU+1e-12 {
				t.Fatalf("trial %d: rung %d utility %v (recorded %v, previous %v)", trial, i, own.Utility(o), u, prevU)
			}
			prevU = u
			for _, x := range outcomes {
				if own.Utility(x) > u+1e-9 && pu(x) > pu(o)+1e-9 {
					t.Fatalf("trial %d: rung %d %v (%.3f, %.3f) dominated by %v (%.3f, %.3f)", trial, i, o, u, pu(o), x, own.Utility(x), pu(x))
				}
			}
		}
		for _, target := range []float64{-1, 0, 0.3, 0.5, 0.8, 2} {
			o, u := s.Find(target, nil)
			if math.Abs(own.Utility(o)-u) > 1e-9 {
				t.Fatalf("Find(%v) utility mismatch", target)
			}
			if target <= own.MaxUtility() && u < target-1e-9 {
				t.Fatalf("trial %d: Find(%v) = %v below target", trial, target, u)
			}
		}
	}
}

func TestOfferSearchAllocatesNothing(t *testing.T) {
	d, own, partner := randomScenario(rand.New(rand.NewPCG(3, 4)))
	_ = d
	var s agents.OfferSearch
	s.Build(own, partner)
	dst := make(agents.Offer, len(own.Weights))
	if n := testing.AllocsPerRun(100, func() {
		s.Build(own, partner)
		dst, _ = s.Find(0.5, dst)
	}); n != 0 {
		t.Errorf("Build+Find allocate %v times, want 0", n)
	}
}

func TestFrequencyModel(t *testing.T) {
	d := &agents.Domain{Issues: []agents.Issue{{Name: "a", Options: []string{"0", "1", "2"}}, {Name: "b", Options: []string{"0", "1"}}}}
	m := agents.NewFrequencyModel(d)
	est := m.NewEstimate()
	m.Estimate(est)
	if est.Weights[0] != 0.5 || est.Values[0][2] != 1 {
		t.Fatalf("empty model estimate = %+v", est)
	}
	// The partner never moves on b and keeps changing a.
	for _, o := range []agents.Offer{{0, 1}, {1, 1}, {2, 1}, {2, 1}} {
		m.Observe(o)
	}
	m.Estimate(est)
	if err := est.Validate(d); err != nil {
		t.Fatal(err)
	}
	if !(est.Weights[1] > est.Weights[0]) {
		t.Errorf("weights %v: the issue never changed should weigh more", est.Weights)
	}
	if !(est.Values[1][1] > est.Values[1][0]) || !(est.Values[0][2] > est.Values[0][0]) {
		t.Errorf("values %v: proposed options should be worth more", est.Values)
	}
	if n := testing.AllocsPerRun(100, func() { m.Observe(agents.Offer{1, 0}); m.Estimate(est) }); n != 0 {
		t.Errorf("Observe+Estimate allocate %v times", n)
	}
}

// MostProposed is the option each issue's estimated value is largest for,
// the first among ties, and Estimate is the closed form of its doc (with
// EstimateWeights its weights) after every offer of a random partner
// that favours a few options, so that counts often tie.
func TestFrequencyModelMostProposed(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for trial := range 100 {
		d, _, _ := randomScenario(r)
		m := agents.NewFrequencyModel(d)
		est, weights := m.NewEstimate(), m.NewEstimate()
		n := len(d.Issues)
		counts := make([][]float64, n)
		unchanged := make([]float64, n)
		var last agents.Offer
		for offer := range 12 {
			if offer > 0 {
				o := make(agents.Offer, n)
				for i, is := range d.Issues {
					o[i] = min(r.IntN(len(is.Options)), r.IntN(len(is.Options)))
					if counts[i] == nil {
						counts[i] = make([]float64, len(is.Options))
					}
					counts[i][o[i]]++
					if last != nil && last[i] == o[i] {
						unchanged[i]++
					}
				}
				m.Observe(o)
				last = o
			}
			m.Estimate(est)
			m.EstimateWeights(weights)
			sum := 0.0
			for _, u := range unchanged {
				sum += 1 + u
			}
			for i, is := range d.Issues {
				mx, mode := 0.0, 0
				for k := range is.Options {
					c := 0.0
					if counts[i] != nil {
						c = counts[i][k]
					}
					if c > mx {
						mx, mode = c, k
					}
				}
				if got := m.MostProposed(i); got != mode {
					t.Fatalf("trial %d offer %d issue %d: MostProposed %d, want %d (counts %v)", trial, offer, i, got, mode, counts[i])
				}
				best := 0
				for k, v := range est.Values[i] {
					c := 0.0
					if counts[i] != nil {
						c = counts[i][k]
					}
					if want := (c + 1) / (mx + 1); v != want {
						t.Fatalf("trial %d offer %d issue %d option %d: value %v, want %v", trial, offer, i, k, v, want)
					}
					if v > est.Values[i][best] {
						best = k
					}
				}
				if best != mode {
					t.Fatalf("trial %d offer %d issue %d: most valued option %d, MostProposed %d", trial, offer, i, best, mode)
				}
				if w := (1 + unchanged[i]) / sum; est.Weights[i] != w || weights.Weights[i] != w {
					t.Fatalf("trial %d offer %d issue %d: weight %v (EstimateWeights %v), want %v", trial, offer, i, est.Weights[i], weights.Weights[i], w)
				}
			}
		}
	}
}

func TestTags(t *testing.T) {
	tg := agents.TagAnchor | agents.TagAskWhy | agents.TagRetraction
	if got := tg.String(); got != "anchor+ask-why+retraction" {
		t.Errorf("String = %q", got)
	}
	for _, n := range tg.Names() {
		x, err := agents.ParseTag(n)
		if err != nil || !tg.Has(x) {
			t.Errorf("ParseTag(%q) = %v, %v", n, x, err)
		}
	}
	if _, err := agents.ParseTag("bluff"); err == nil || !strings.Contains(err.Error(), "valid:") {
		t.Errorf("ParseTag(bluff) error = %v", err)
	}
	if agents.Tag(0).Has(0) {
		t.Error("empty Has")
	}
}

func TestViewTime(t *testing.T) {
	v := &agents.View{Deadline: 10}
	if v.Time() != 0 {
		t.Error("t(0) != 0")
	}
	v.Turn = 19
	if v.Time() != 1 {
		t.Errorf("t(last) = %v", v.Time())
	}
	v.Deadline = 0
	if v.Time() != 1 {
		t.Error("degenerate deadline")
	}
}

// A search rebuilt many times gives exactly the ladder of a fresh search
// for the same inputs, whatever it was built for before: partner weights
// that move (the hulls are kept), partner values that change, an issue the
// partner stops weighing, own preferences swapped for others of the same
// shape, and domains of other shapes.
func TestOfferSearchIncrementalEqualsFresh(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var reused agents.OfferSearch
	for trial := range 200 {
		_, own, partner := randomScenario(r)
		for step := range 8 {
			est := partner.Clone()
			switch step % 4 {
			case 1: // weights only
				for i := range est.Weights {
					est.Weights[i] *= 0.5 + r.Float64()
				}
			case 2: // one issue's values, and one weight to 0
				i := r.IntN(len(est.Values))
				for k := range est.Values[i] {
					est.Values[i][k] = float64(r.IntN(5)) / 4
				}
				est.Weights[r.IntN(len(est.Weights))] = 0
			case 3: // own preferences of the same shape, other weights
				own = own.Clone()
				for i := range own.Weights {
					own.Weights[i] *= 0.5 + r.Float64()
				}
			}
			model := est
			if step == 7 {
				model = nil
			}
			reused.Build(own, model)
			var fresh agents.OfferSearch
			fresh.Build(own, model)
			if reused.Len() != fresh.Len() {
				t.Fatalf("trial %d step %d: %d rungs, fresh %d", trial, step, reused.Len(), fresh.Len())
			}
			for k := range fresh.Len() {
				fo, fu := fresh.Rung(k)
				fo = fo.Clone()
				ro, ru := reused.Rung(k)
				if !ro.Equal(fo) || ru != fu {
					t.Fatalf("trial %d step %d rung %d: %v (%v), fresh %v (%v)", trial, step, k, ro, ru, fo, fu)
				}
			}
		}
	}
}

// A search rebuilt as a frequency model learns — partner weights that
// move a little with each offer, often too little to reorder the ladder's
// steps, on weights and values chosen to make equal rates common — gives
// exactly the ladder of a fresh search at every step, as it does when a
// weight is not a number or drops to 0 and back; so does one reweighed
// (Reweigh), which builds afresh when given other preferences.
func TestOfferSearchKeptLadderEqualsFresh(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	var reused, reweighed agents.OfferSearch
	for trial := range 300 {
		_, own, partner := randomScenario(r)
		n := len(own.Weights)
		if trial%2 == 0 { // weights on a grid: equal rates across issues
			for i := range n {
				own.Weights[i] = float64(1+r.IntN(3)) / 8
			}
		}
		if trial%3 == 2 {
			// Straight trade-offs of values k/(K−1), as a numeric issue
			// has: every step of an issue at one rate but for rounding,
			// which the clamp of falling rates irons out.
			own, partner = linearScenario(r)
			n = len(own.Weights)
		}
		counts := make([]float64, n)
		for step := range 30 {
			sum := 0.0
			for _, c := range counts {
				sum += 1 + c
			}
			for i, c := range counts {
				partner.Weights[i] = (1 + c) / sum
			}
			switch {
			case trial%50 == 7 && step == 20:
				partner.Weights[r.IntN(n)] = math.NaN()
			case trial%3 == 1 && step%5 == 2:
				partner.Weights[r.IntN(n)] = 0
			}
			reused.Build(own, partner)
			reweighed.Reweigh(own, partner) // at step 0, other preferences: Build
			var fresh agents.OfferSearch
			fresh.Build(own, partner)
			for name, s := range map[string]*agents.OfferSearch{"rebuilt": &reused, "reweighed": &reweighed} {
				if s.Len() != fresh.Len() {
					t.Fatalf("trial %d step %d: %s %d rungs, fresh %d", trial, step, name, s.Len(), fresh.Len())
				}
				for k := range fresh.Len() {
					fo, fu := fresh.Rung(k)
					fo = fo.Clone()
					ro, ru := s.Rung(k)
					if !ro.Equal(fo) || ru != fu {
						t.Fatalf("trial %d step %d rung %d: %s %v (%v), fresh %v (%v)", trial, step, k, name, ro, ru, fo, fu)
					}
				}
			}
			// The partner keeps some issues unchanged in its next offer.
			for i := range counts {
				if r.IntN(3) > 0 {
					counts[i]++
				}
			}
		}
	}
}

// Rungs read in any order, and the rungs and offers found for any target,
// are the ladder's, whatever the caller does to the offers it was handed
// before.
func TestOfferSearchRungsInAnyOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	var s agents.OfferSearch
	for trial := range 200 {
		_, own, partner := randomScenario(r)
		var ref agents.OfferSearch
		ref.Build(own, partner)
		var want []agents.Offer
		for k := range ref.Len() {
			o, _ := ref.Rung(k)
			want = append(want, o.Clone())
		}
		s.Build(own, partner)
		for range 30 {
			k := r.IntN(s.Len())
			if r.IntN(3) == 0 { // Find: the last rung worth the target
				target := s.RungUtility(k) - 0.05*r.Float64()
				for j := range s.Len() {
					if s.RungUtility(j) >= target-1e-12 {
						k = j
					}
				}
				if got := s.FindRung(target); got != k {
					t.Fatalf("trial %d: FindRung(%v) = %d, want %d", trial, target, got, k)
				}
				o, _ := s.Find(target, nil)
				if !o.Equal(want[k]) {
					t.Fatalf("trial %d: Find(%v) = %v, rung %d is %v", trial, target, o, k, want[k])
				}
				continue
			}
			o, u := s.Rung(k)
			if !o.Equal(want[k]) || u != ref.RungUtility(k) {
				t.Fatalf("trial %d: rung %d = %v (%v), want %v (%v)", trial, k, o, u, want[k], ref.RungUtility(k))
			}
			for i := range o {
				o[i] = -1 // a careless caller
			}
		}
	}
}

// Rebuilding for new own preferences of the same shape (a new deal, a
// jittered period) allocates nothing either.
func TestOfferSearchNewPreferencesAllocateNothing(t *testing.T) {
	_, own, partner := randomScenario(rand.New(rand.NewPCG(7, 8)))
	other := own.Clone()
	other.Weights[0], other.Weights[len(other.Weights)-1] = other.Weights[len(other.Weights)-1], other.Weights[0]
	var s agents.OfferSearch
	s.Build(own, partner)
	if n := testing.AllocsPerRun(100, func() {
		s.Build(other, partner)
		s.Build(own, nil)
	}); n != 0 {
		t.Errorf("Build allocates %v times, want 0", n)
	}
}
