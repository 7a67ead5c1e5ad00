package genius_test

import (
	"cmp"
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/configs/genius"
)

// partyGENIUS computes the utilities of testdata/party the way GENIUS
// does, written out by hand from its two profile files: food is the
// value's name, bands and budget the numbers.
func partyGENIUS(food string, bands, budget float64) (seller, buyer float64) {
	// party_profile1.xml: evaluations 1, 3, 5 divided by the largest;
	// Bands 0.25 + 0.25·(b−1); Budget 1 − 0.01·x; weights 0.5, 0.3, 0.2.
	f1 := map[string]float64{"Chips": 1.0 / 5, "Finger food": 3.0 / 5, "Catering": 5.0 / 5}[food]
	seller = 0.5*f1 + 0.3*clip(0.25+0.25*(bands-1)) + 0.2*clip(1-0.01*budget)
	// party_profile2.xml: evaluations used as they are (the largest is 1);
	// Bands 1 − 0.5·(b−1) clipped at 0; Budget 0.02·x clipped at 1;
	// weights 0.2, 0.2, 0.4 summing to 0.8, used as they are.
	f2 := map[string]float64{"Chips": 0.5, "Finger food": 1, "Catering": 0.25}[food]
	buyer = 0.2*f2 + 0.2*clip(1-0.5*(bands-1)) + 0.4*clip(0.02*budget)
	return seller, buyer
}

func clip(x float64) float64 { return math.Min(math.Max(x, 0), 1) }

func loadParty(t *testing.T) *genius.Scenario {
	t.Helper()
	sc, err := genius.Load("testdata/party", genius.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// Every outcome of the imported scenario is worth to each side what
// GENIUS computes for it, within floating-point rounding.
func TestPartyUtilitiesAreGENIUSs(t *testing.T) {
	sc := loadParty(t)
	d := sc.Domain
	if got := d.Size(); got != 3*4*11 {
		t.Fatalf("outcomes %v, want 132 (3 foods, 4 bands, budget 0..100 in 10 steps)", got)
	}
	n := 0
	for _, o := range allOffers(d) {
		food := d.Issues[0].Options[o[0]]
		ws, wb := partyGENIUS(food, d.Issues[1].Numeric[o[1]], d.Issues[2].Numeric[o[2]])
		gs, gb := sc.Prefs[agents.Seller].Utility(o), sc.Prefs[agents.Buyer].Utility(o)
		if math.Abs(gs-ws) > 1e-12 || math.Abs(gb-wb) > 1e-12 {
			t.Errorf("%s: utilities (%v, %v), GENIUS (%v, %v)", d.Format(o), gs, gb, ws, wb)
		}
		n++
	}
	if n != 132 {
		t.Fatalf("checked %d outcomes", n)
	}
	// Two outcomes worked by hand:
	// Finger food, 3 bands, budget 50: seller 0.5·0.6 + 0.3·0.75 + 0.2·0.5 = 0.625,
	// buyer 0.2·1 + 0.2·0 + 0.4·1 = 0.6.
	for _, c := range []struct {
		o      agents.Offer
		s, b   float64
		reason string
	}{
		{agents.Offer{1, 2, 5}, 0.625, 0.6, "finger food, 3 bands, budget 50"},
		{agents.Offer{2, 3, 0}, 1, 0.2 * 0.25, "catering, 4 bands, budget 0"},
	} {
		if s, b := sc.Prefs[0].Utility(c.o), sc.Prefs[1].Utility(c.o); math.Abs(s-c.s) > 1e-12 || math.Abs(b-c.b) > 1e-12 {
			t.Errorf("%s: (%v, %v), want (%v, %v) by hand", c.reason, s, b, c.s, c.b)
		}
	}
	if r := sc.Prefs[agents.Seller].Reservation; r != 0.4 {
		t.Errorf("seller reservation %v, want 0.4", r)
	}
	if r := sc.Prefs[agents.Buyer].Reservation; r != 0 {
		t.Errorf("buyer reservation %v, want 0 (none given: GENIUS's default)", r)
	}
	// The buyer's weights summed to 0.8: winwin's sum to 1 and its values
	// carry the 0.8.
	if w := sc.Prefs[agents.Buyer].Weights; w[0] != 0.25 || w[1] != 0.25 || w[2] != 0.5 {
		t.Errorf("buyer weights %v, want [0.25 0.25 0.5]", w)
	}
}

// `winwin domains import` writes a domain that loads to the very same
// scenario: import → load gives identical utilities, bit for bit.
func TestTOMLRoundTrip(t *testing.T) {
	for _, dir := range []string{"testdata/party", "testdata/jobs", "../scenarios/office-lease"} {
		t.Run(dir, func(t *testing.T) {
			sc, err := genius.Load(dir, genius.Options{RealSteps: 7})
			if err != nil {
				t.Fatal(err)
			}
			got, err := configs.ParseDomain(sc.TOML(), "imported.toml")
			if err != nil {
				t.Fatalf("%v\n%s", err, sc.TOML())
			}
			want := arena.Scenario{Domain: sc.Domain, Prefs: sc.Prefs}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("the written domain loads to\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}

// The frontier and Nash point of an imported scenario are those found by
// checking every outcome.
func TestImportedFrontierAndNashByBruteForce(t *testing.T) {
	for _, dir := range []string{"testdata/party", "testdata/jobs", "../scenarios/office-lease"} {
		t.Run(dir, func(t *testing.T) {
			sc, err := genius.Load(dir, genius.Options{})
			if err != nil {
				t.Fatal(err)
			}
			s, b := sc.Prefs[agents.Seller], sc.Prefs[agents.Buyer]
			offers := allOffers(sc.Domain)
			us := make([][2]float64, len(offers))
			for i, o := range offers {
				us[i] = [2]float64{s.Utility(o), b.Utility(o)}
			}
			const eps = 1e-12
			// The Pareto set of every outcome, by a sweep: sorted by the
			// seller's utility (highest first, ties by the buyer's), an
			// outcome is undominated when it beats the buyer's utility of
			// every outcome before it.
			sorted := slices.Clone(us)
			slices.SortFunc(sorted, func(a, b [2]float64) int {
				if c := cmp.Compare(b[0], a[0]); c != 0 {
					return c
				}
				return cmp.Compare(b[1], a[1])
			})
			var cands [][2]float64
			top := math.Inf(-1)
			for _, u := range sorted {
				if u[1] > top+eps {
					cands = append(cands, u)
				}
				top = math.Max(top, u[1])
			}
			// Then against every outcome, with ties up to rounding: an
			// outcome that ties with another for one side and loses to it
			// for the other is dominated.
			var pareto [][2]float64
			for _, u := range cands {
				if !slices.ContainsFunc(us, func(v [2]float64) bool {
					return v[0] >= u[0]-eps && v[1] >= u[1]-eps && (v[0] > u[0]+eps || v[1] > u[1]+eps)
				}) {
					pareto = append(pareto, u)
				}
			}
			f := arena.NewFrontier(sc.Domain, s, b)
			if !f.Exact {
				t.Fatal("frontier thinned on a small domain")
			}
			for _, p := range f.Points {
				if !containsPair(pareto, p.U, 1e-9) {
					t.Errorf("frontier point %v is dominated", p.U)
				}
			}
			for _, u := range pareto {
				if !containsPair(pointsU(f.Points), u, 1e-9) {
					t.Errorf("Pareto outcome %v is missing from the frontier", u)
				}
			}
			res := [2]float64{s.Reservation, b.Reservation}
			best := math.Inf(-1)
			for _, u := range us {
				if u[0] >= res[0] && u[1] >= res[1] {
					best = math.Max(best, (u[0]-res[0])*(u[1]-res[1]))
				}
			}
			nash, ok := f.Nash(res)
			if ok != !math.IsInf(best, -1) {
				t.Fatalf("Nash found %v, brute force %v", ok, best)
			}
			if ok {
				if got := (nash.U[0] - res[0]) * (nash.U[1] - res[1]); math.Abs(got-best) > 1e-12 {
					t.Errorf("Nash product %v at %v, brute force %v", got, nash.U, best)
				}
			}
		})
	}
}

func pointsU(ps []arena.Point) [][2]float64 {
	out := make([][2]float64, len(ps))
	for i, p := range ps {
		out[i] = p.U
	}
	return out
}

func containsPair(us [][2]float64, u [2]float64, eps float64) bool {
	for _, v := range us {
		if math.Abs(v[0]-u[0]) <= eps && math.Abs(v[1]-u[1]) <= eps {
			return true
		}
	}
	return false
}

// allOffers lists every outcome of d.
func allOffers(d *agents.Domain) []agents.Offer {
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
