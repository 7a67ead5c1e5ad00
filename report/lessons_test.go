package report

import (
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/transcript"
)

// TestPickOnePerKindAvoiding: at most one lesson of each kind, in the
// order of LessonKinds, and never one with a strategy to avoid (the
// report avoids random) on either side.
func TestPickOnePerKindAvoiding(t *testing.T) {
	run, err := Load(runFolder(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, avoid := range [][]string{nil, {"flincher"}, {"hard-anchorer", "integrative"}} {
		ls := Pick(run.Samples, avoid...)
		at := -1
		for _, l := range ls {
			k := indexOf(LessonKinds, l.Kind)
			if k <= at {
				t.Errorf("avoid %v: lesson %s out of order or twice", avoid, l.Kind)
			}
			at = k
			for _, a := range avoid {
				if l.Rel.Names[0] == a || l.Rel.Names[1] == a {
					t.Errorf("avoid %v: lesson %s has %s", avoid, l.Kind, a)
				}
			}
			if l.From < 1 || l.To < l.From {
				t.Errorf("lesson %s shows rounds %d to %d", l.Kind, l.From, l.To)
			}
		}
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// TestMoneyWithoutPrice: a domain without a price keeps the 0–1 scale.
func TestMoneyWithoutPrice(t *testing.T) {
	p := &agents.Preferences{Weights: []float64{1}, Values: [][]float64{{0, 1}}}
	n := &transcript.Negotiation{Domain: &agents.Domain{Issues: []agents.Issue{{Name: "delivery", Options: []string{"late", "soon"}}}},
		Prefs: [2]*agents.Preferences{p, p}}
	if got, want := moneyOf(n).surplus(agents.Buyer, 0.2), "0.20 above its walk-away point"; got != want {
		t.Errorf("surplus = %q, want %q", got, want)
	}
}

// TestMoneyInDomainUnits: where the domain has a price, amounts are said in
// it; the price-haggle seller's 0.06 is $12,000 (its price runs over
// $200,000, which it weighs fully), and a domain without a price keeps the
// 0–1 scale.
func TestMoneyInDomainUnits(t *testing.T) {
	for _, tt := range []struct {
		domain string
		u      float64
		want   string
	}{
		{"price-haggle", 0.06, "$12,000 above its walk-away point"},
		{"price-haggle", -0.03, "$6,000 below its walk-away point"},
		{"supply-deal", 0.2, "$23/unit above its walk-away point"}, // 0.2 × $40 / 0.35
		{"bundle", 0.2, "$7,270 above its walk-away point"},        // a bundle has a price too
	} {
		sc, _, err := configs.LoadDomain(tt.domain)
		if err != nil {
			t.Fatal(err)
		}
		n := &transcript.Negotiation{Domain: sc.Domain, Prefs: sc.Prefs}
		if got := moneyOf(n).surplus(agents.Seller, tt.u); got != tt.want {
			t.Errorf("%s: surplus %v = %q, want %q", tt.domain, tt.u, got, tt.want)
		}
	}
}

// TestRankMoney: a strategy's payoff in money is the mean of its two
// roles' payoffs, each at its role's rate; on price-haggle both sides weigh
// a $200,000 price fully, so 0.06 as seller and 0.03 as buyer are about
// $9,000. Without roles.csv there is no figure.
func TestRankMoney(t *testing.T) {
	cfg, err := configs.Parse([]byte("domain = \"price-haggle\"\n[[strategies]]\nname = \"boulware\"\n"), "t.toml")
	if err != nil {
		t.Fatal(err)
	}
	r := &Run{Config: cfg, Roles: []results.StrategyRow{
		{Strategy: "boulware", Role: "seller", LongRun: results.Estimate{Mean: 0.06}, OneShot: results.Estimate{Mean: 0.02}},
		{Strategy: "boulware", Role: "buyer", LongRun: results.Estimate{Mean: 0.03}, OneShot: results.Estimate{Mean: -0.04}},
	}}
	if long, one := rankMoney(r, "boulware"); long != "about $9,000" || one != "about −$2,000" {
		t.Errorf("rankMoney = %q, %q; want about $9,000 and about −$2,000", long, one)
	}
	r.Roles = nil
	if long, one := rankMoney(r, "boulware"); long != "" || one != "" {
		t.Errorf("without roles.csv: %q, %q", long, one)
	}
}
