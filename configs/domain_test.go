package configs

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

func TestDomainsList(t *testing.T) {
	want := []string{"bundle", "price-haggle", "supply-deal"}
	if got := Domains(); !slices.Equal(got, want) {
		t.Errorf("Domains() = %v, want %v", got, want)
	}
}

// TestBuiltinDomainsValidate loads every built-in domain and checks it
// with the SDK's own validation.
func TestBuiltinDomainsValidate(t *testing.T) {
	for _, name := range Domains() {
		t.Run(name, func(t *testing.T) {
			sc, info, err := LoadDomain(name)
			if err != nil {
				t.Fatal(err)
			}
			if err := sc.Domain.Validate(); err != nil {
				t.Error(err)
			}
			for r, p := range sc.Prefs {
				if err := p.Validate(sc.Domain); err != nil {
					t.Errorf("%s: %v", agents.Role(r), err)
				}
			}
			if info.Name != name || sc.Domain.Name != name {
				t.Errorf("names %q/%q, want %q", info.Name, sc.Domain.Name, name)
			}
			if info.Source != "built-in" || info.Description == "" {
				t.Errorf("info %+v: want Source built-in and a description", info)
			}
			if len(info.Issues) != len(sc.Domain.Issues) {
				t.Errorf("%d issue infos for %d issues", len(info.Issues), len(sc.Domain.Issues))
			}
			// A zone of agreement: some offer gives both sides more than
			// walking away.
			if !hasZone(sc) {
				t.Error("no offer is acceptable to both sides")
			}
		})
	}
}

// hasZone reports whether some offer beats both reservation values,
// by brute force.
func hasZone(sc arena.Scenario) bool {
	found := false
	forEachOffer(sc.Domain, func(o agents.Offer) {
		if sc.Prefs[agents.Seller].Surplus(o) > 0 && sc.Prefs[agents.Buyer].Surplus(o) > 0 {
			found = true
		}
	})
	return found
}

func forEachOffer(d *agents.Domain, f func(agents.Offer)) {
	o := make(agents.Offer, len(d.Issues))
	var rec func(i int)
	rec = func(i int) {
		if i == len(o) {
			f(o)
			return
		}
		for k := range d.Issues[i].Options {
			o[i] = k
			rec(i + 1)
		}
	}
	rec(0)
}

// offerOf builds an offer from option labels, by issue name.
func offerOf(t *testing.T, d *agents.Domain, labels map[string]string) agents.Offer {
	t.Helper()
	o := make(agents.Offer, len(d.Issues))
	for name, label := range labels {
		i := d.IssueIndex(name)
		if i < 0 {
			t.Fatalf("no issue %q", name)
		}
		k := slices.Index(d.Issues[i].Options, label)
		if k < 0 {
			t.Fatalf("issue %q has no option %q (options %v)", name, label, d.Issues[i].Options)
		}
		o[i] = k
	}
	return o
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestPriceHaggle checks the anchoring story of the file's comments.
func TestPriceHaggle(t *testing.T) {
	sc, info, err := LoadDomain("price-haggle")
	if err != nil {
		t.Fatal(err)
	}
	d, s, b := sc.Domain, sc.Prefs[agents.Seller], sc.Prefs[agents.Buyer]
	price := d.Issues[0]
	if len(d.Issues) != 1 || price.Options[0] != "$300,000" || price.Options[len(price.Options)-1] != "$500,000" || len(price.Options) != 21 {
		t.Fatalf("issues %v", d.Issues)
	}
	if info.Issues[0].Kind != Distributive {
		t.Errorf("price is %s, want distributive", info.Issues[0].Kind)
	}
	at := func(label string) agents.Offer { return offerOf(t, d, map[string]string{"price": label}) }
	if u := s.Utility(at("$360,000")); !near(u, s.Reservation) {
		t.Errorf("seller's utility of $360,000 = %v, want its reservation %v", u, s.Reservation)
	}
	if u := b.Utility(at("$440,000")); !near(u, b.Reservation) {
		t.Errorf("buyer's utility of $440,000 = %v, want its reservation %v", u, b.Reservation)
	}
	if u := s.Utility(at("$350,000")); u >= s.Reservation {
		t.Errorf("the $350,000 anchor is worth %v to the seller, want below its reservation %v", u, s.Reservation)
	}
}

// TestSupplyDeal checks the claims of the file's comments: one compatible
// issue, logrolling potential, and the numbers quoted.
func TestSupplyDeal(t *testing.T) {
	sc, info, err := LoadDomain("supply-deal")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]IssueKind{}
	for _, is := range info.Issues {
		kinds[is.Name] = is.Kind
	}
	want := map[string]IssueKind{"price": Distributive, "delivery": Distributive, "warranty": Distributive, "volume": Compatible, "payment": Distributive}
	for name, k := range want {
		if kinds[name] != k {
			t.Errorf("%s is %q, want %q", name, kinds[name], k)
		}
	}
	// Logrolling: the seller weighs payment above delivery, the buyer
	// the other way round.
	w := func(name string) [2]float64 { return info.Issues[sc.Domain.IssueIndex(name)].Weight }
	if !(w("payment")[agents.Seller] > w("delivery")[agents.Seller] && w("delivery")[agents.Buyer] > w("payment")[agents.Buyer]) {
		t.Errorf("no trade-off between payment %v and delivery %v", w("payment"), w("delivery"))
	}
	logroll := offerOf(t, sc.Domain, map[string]string{"price": "$120/unit", "delivery": "1 week", "warranty": "3 years", "volume": "5,000 units", "payment": "upfront"})
	middle := offerOf(t, sc.Domain, map[string]string{"price": "$120/unit", "delivery": "2 weeks", "warranty": "1 year", "volume": "1,000 units", "payment": "net 30"})
	us := func(o agents.Offer) [2]float64 {
		return [2]float64{sc.Prefs[agents.Seller].Utility(o), sc.Prefs[agents.Buyer].Utility(o)}
	}
	if got := us(logroll); !near(got[0], 0.575) || !near(got[1], 0.725) {
		t.Errorf("logrolled deal = %v, want (0.575, 0.725)", got)
	}
	if got := us(middle); !near(got[0], 0.5525) || math.Abs(got[1]-0.5267) > 5e-5 {
		t.Errorf("middle deal = %v, want (0.5525, 0.5267)", got)
	}
}

// TestBundle checks the unbundling story of the file's comments.
func TestBundle(t *testing.T) {
	sc, info, err := LoadDomain("bundle")
	if err != nil {
		t.Fatal(err)
	}
	d := sc.Domain
	for _, name := range []string{"installation", "training", "support"} {
		is := d.Issues[d.IssueIndex(name)]
		if !is.Item || is.Options[0] != "left out" {
			t.Errorf("%s: Item %v, first option %q; want an item whose first option is left out", name, is.Item, is.Options[0])
		}
	}
	if k := info.Issues[d.IssueIndex("training")].Kind; k != Compatible {
		t.Errorf("training is %s, want compatible", k)
	}
	full := offerOf(t, d, map[string]string{"price": "$50,000", "installation": "included", "training": "included", "support": "3 years"})
	unbundled := offerOf(t, d, map[string]string{"price": "$50,000", "installation": "left out", "training": "included", "support": "left out"})
	s, b := sc.Prefs[agents.Seller], sc.Prefs[agents.Buyer]
	if !near(s.Utility(full), 0.725) || !near(s.Utility(unbundled), 0.375) {
		t.Errorf("seller: full %v, unbundled %v; want 0.725, 0.375", s.Utility(full), s.Utility(unbundled))
	}
	if !near(b.Utility(full), 0.5) || !near(b.Utility(unbundled), 0.7) {
		t.Errorf("buyer: full %v, unbundled %v; want 0.5, 0.7", b.Utility(full), b.Utility(unbundled))
	}
	if s.Utility(unbundled) <= s.Reservation {
		t.Errorf("unbundled deal %v is below the seller's walk-away point %v", s.Utility(unbundled), s.Reservation)
	}
	// Unbundling training too hurts both sides: lose-lose.
	noTraining := unbundled.Clone()
	noTraining[d.IssueIndex("training")] = 0
	if !(s.Utility(noTraining) < s.Utility(unbundled) && b.Utility(noTraining) < b.Utility(unbundled)) {
		t.Error("dropping training does not hurt both sides")
	}
}

func TestLoadDomainFile(t *testing.T) {
	sc, info, err := LoadDomain("testdata/domains/car.toml")
	if err != nil {
		t.Fatal(err)
	}
	if info.Source != "testdata/domains/car.toml" || info.Name != "car" || info.Description != "A used car." {
		t.Errorf("info %+v", info)
	}
	d := sc.Domain
	if got := d.Issues[0].Options; len(got) != 9 || got[0] != "$8,000" || got[8] != "$12,000" {
		t.Errorf("price options %v", got)
	}
	if d.Issues[0].Numeric[1] != 8500 {
		t.Errorf("price numbers %v", d.Issues[0].Numeric)
	}
	if !d.Issues[2].Item || d.Issues[1].Item {
		t.Error("only floor mats is an item")
	}
	if got := sc.Prefs[agents.Seller].Values[1]; !slices.Equal(got, []float64{1, 0.5, 0}) {
		t.Errorf("seller warranty values %v", got)
	}
	if got := sc.Prefs[agents.Buyer].Values[0]; got[0] != 1 || got[8] != 0 {
		t.Errorf("buyer price values %v, want descending", got)
	}
	// ParseDomain gives the same scenario.
	sc2, err := ParseDomain([]byte(mustRead(t, "testdata/domains/car.toml")), "car.toml")
	if err != nil {
		t.Fatal(err)
	}
	if sc2.Domain.Format(make(agents.Offer, 3)) != d.Format(make(agents.Offer, 3)) || sc2.Prefs[agents.Buyer].Reservation != 0.3 {
		t.Error("ParseDomain and LoadDomain differ")
	}
}

func TestLoadDomainUnknown(t *testing.T) {
	_, _, err := LoadDomain("haggle")
	var ue *UnknownDomainError
	if !errors.As(err, &ue) || ue.Name != "haggle" {
		t.Fatalf("LoadDomain(haggle) = %v, want *UnknownDomainError", err)
	}
	for _, want := range []string{`unknown domain "haggle"`, "bundle, price-haggle, supply-deal", "path"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not mention %q", err, want)
		}
	}
	// A path that does not exist is a file error, not an unknown name.
	if _, _, err := LoadDomain("nowhere/x.toml"); err == nil || errors.As(err, &ue) {
		t.Errorf("LoadDomain(nowhere/x.toml) = %v, want a file error", err)
	}
}

// TestLoadDomainFresh checks that each load returns its own copy, so a
// caller may jitter preferences without touching the next load.
func TestLoadDomainFresh(t *testing.T) {
	a, _, _ := LoadDomain("supply-deal")
	a.Prefs[agents.Seller].Weights[0] = 42
	b, _, _ := LoadDomain("supply-deal")
	if b.Prefs[agents.Seller].Weights[0] == 42 {
		t.Error("LoadDomain shares preferences between calls")
	}
}

func TestIssueKinds(t *testing.T) {
	tests := []struct {
		s, b []float64
		want IssueKind
	}{
		{[]float64{0, 0.5, 1}, []float64{1, 0.5, 0}, Distributive},
		{[]float64{0, 0.5, 1}, []float64{0, 0.9, 1}, Compatible},
		{[]float64{0, 1, 0.5}, []float64{0.5, 0, 1}, Mixed},
		{[]float64{0.5, 0.5}, []float64{0, 1}, Mixed},
	}
	for _, tt := range tests {
		d := &agents.Domain{Issues: []agents.Issue{{Name: "x", Options: make([]string, len(tt.s))}}}
		sc := arena.Scenario{Domain: d, Prefs: [2]*agents.Preferences{
			{Weights: []float64{1}, Values: [][]float64{tt.s}},
			{Weights: []float64{1}, Values: [][]float64{tt.b}},
		}}
		if got := describeIssues(sc)[0].Kind; got != tt.want {
			t.Errorf("%v vs %v: %s, want %s", tt.s, tt.b, got, tt.want)
		}
	}
}
